#!/usr/bin/env bash
# Document metadata as `dyad extract` reports it for scraped text: the
# title, the publication date, the dateline (place and agency), and the
# outlet from an attribution ("This article comes from", "Source: X"), a wire credit
# ("(AFP)", "Copyright 2007 The Associated Press", "Reporting by ...;
# Editing by ...") or else the dateline's agency. Each case is one file;
# the expected fields are compared as JSON.
set -u
dyad=$1
command -v python3 >/dev/null || { echo "SKIPPED: python3 missing"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-meta.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
body='Officials from the two neighbours met in the capital on Tuesday to discuss border security and trade.
The talks were the third round this year, and both sides called them useful and frank.'

printf '%s\n\n%s\n\n%s\n%s\n' 'Friday, 10 August 2007' \
    'Iran vows to back Iraq security drive' \
    'TEHRAN, Aug 9 (Agence France-Presse): Iraqi Prime Minister Nuri al-Maliki won pledges from Iranian leaders to support his drive to restore security.' \
    "$body" >"$tmp/a_dateline.txt"
printf '%s\n\n%s\n\n%s\n\n%s\n' 'Menu' 'Border talks resume after long pause' "$body" '(AFP)' >"$tmp/b_credit.txt"
printf '%s\n%s\n\n%s\n' 'Border talks resume after long pause' "$body" \
    'Copyright 2007 The Associated Press. All rights reserved.' >"$tmp/c_copyright.txt"
printf '%s\n%s\n%s\n' 'Border talks resume after long pause' "$body" \
    'Reporting by Jane Doe; Editing by John Roe' >"$tmp/d_reuters.txt"
printf '%s\n%s\n\n%s\n%s\n' 'BAGHDAD (Reuters) - Iraq and Iran agreed to reopen a border crossing on Monday, officials said.' \
    "$body" 'This article comes from the BBC' 'Post a Comment' >"$tmp/e_attribution.txt"
printf '%s\n%s\n' 'Border talks resume after long pause' "$body" >"$tmp/f_none.txt"
printf '%s\n%s\n\n%s\n' 'Border talks resume after long pause' "$body" \
    'Source: Gondor Times' >"$tmp/g_source.txt"

python3 - "$dyad" "$tmp" <<'PY'
import json, subprocess, sys
dyad, tmp = sys.argv[1:3]
want = {
    "a_dateline": {"title": "Iran vows to back Iraq security drive", "date": "2007-08-10",
                   "outlet": "AFP", "dateline": {"place": "TEHRAN", "agency": "AFP"}},
    "b_credit": {"title": "Border talks resume after long pause", "outlet": "AFP",
                 "dateline": None},
    "c_copyright": {"outlet": "AP"},
    "d_reuters": {"outlet": "Reuters"},
    "e_attribution": {"outlet": "BBC", "dateline": {"place": "BAGHDAD", "agency": "Reuters"}},
    "f_none": {"title": "Border talks resume after long pause", "outlet": None,
               "dateline": None, "date": None},
    "g_source": {"outlet": "Gondor Times"},
}
out = subprocess.run([dyad, "extract", tmp], capture_output=True, text=True)
got = {json.loads(l)["id"]: json.loads(l) for l in out.stdout.splitlines()}
bad = 0
for doc, fields in want.items():
    for k, v in fields.items():
        g = got.get(doc, {}).get(k, "(missing)")
        if g != v:
            print(f"metadata: {doc}: {k} is {g!r}, expected {v!r}")
            bad += 1
    text = got.get(doc, {}).get("text", "")
    for clutter in ("(AFP)", "Copyright", "Reporting by", "Menu", "Post a Comment",
                    "Source:"):
        if clutter in text:
            print(f"metadata: {doc}: clutter {clutter!r} left in the text")
            bad += 1
print(f"metadata: {sum(len(f) for f in want.values())} fields in {len(want)} documents, {bad} wrong")
sys.exit(1 if bad else 0)
PY

#!/usr/bin/env bash
# PLOVER alongside CAMEO: every record carries the PLOVER event, mode and
# context of its CAMEO code; `--ontology plover` puts them first in every
# format (jsonl "ontology"/"code", tsv/csv column order, gdelt's three
# event-code columns) and leaves out events PLOVER has no category for.
set -u
dyad=$1
command -v python3 >/dev/null || { echo "SKIPPED: python3 missing"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-ontology.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' 'Iran'"'"'s president visited Iraq on Monday.' \
    'North Korea threatened to attack South Korea.' \
    'Russia said the talks were useful.' >"$tmp/doc.txt"
for f in jsonl tsv csv gdelt; do
    "$dyad" code --format $f "$tmp/doc.txt" >"$tmp/cameo.$f" || exit 1
    "$dyad" code --format $f --ontology plover "$tmp/doc.txt" >"$tmp/plover.$f" || exit 1
done
if "$dyad" code --ontology klingon "$tmp/doc.txt" >/dev/null 2>&1; then
    echo "ontology: an unknown ontology was accepted"; exit 1
fi
python3 - "$tmp" <<'PY'
import csv, json, sys
tmp = sys.argv[1]
bad = []
def need(cond, what):
    if not cond: bad.append(what)
cam = [json.loads(l) for l in open(f"{tmp}/cameo.jsonl")]
plo = [json.loads(l) for l in open(f"{tmp}/plover.jsonl")]
need(all("plover_mode" in e and "plover_context" in e for e in cam),
     "cameo records lack plover_mode/plover_context")
need(all("ontology" not in e for e in cam), "cameo records name an ontology")
visit = [e for e in cam if e["cameo"] == "042"]
need(visit and visit[0]["plover"] == "CONSULT" and visit[0]["plover_mode"] == "visit",
     "042 is not CONSULT/visit")
threat = [e for e in cam if e["cameo"] == "1384"]
need(threat and threat[0]["plover"] == "THREATEN" and threat[0]["plover_context"] == "military",
     "1384 is not THREATEN with context military")
with_plover = [e for e in cam if e["plover"]]
need(len(plo) == len(with_plover), f"plover mode kept {len(plo)} events, expected {len(with_plover)}")
need(all(e["ontology"] == "plover" and e["code"] == e["plover"] and e["code"] for e in plo),
     "plover records lack ontology/code")
need(list(plo[0].keys()).index("code") < list(plo[0].keys()).index("cameo"),
     "plover mode does not put the PLOVER code before cameo")
for f, delim in (("tsv", "\t"), ("csv", ",")):
    rows = list(csv.DictReader(open(f"{tmp}/plover.{f}"), delimiter=delim))
    head = open(f"{tmp}/plover.{f}").readline().rstrip("\n").split(delim)
    need(head.index("plover") < head.index("cameo"), f"{f}: plover columns not first")
    need(len(rows) == len(plo), f"{f}: {len(rows)} rows in plover mode")
    chead = open(f"{tmp}/cameo.{f}").readline().rstrip("\n").split(delim)
    need(chead.index("cameo") < chead.index("plover"), f"{f}: cameo columns not first by default")
g = [l.rstrip("\n").split("\t") for l in open(f"{tmp}/plover.gdelt")]
need(all(len(r) == 61 for r in g), "gdelt rows are not 61 columns")
need(any(r[26] == "CONSULT" and r[27] == "visit" for r in g),
     "gdelt EventCode/EventBaseCode do not hold the PLOVER event and mode")
for b in bad: print("ontology:", b)
print(f"ontology: {len(cam)} events (CAMEO), {len(plo)} with a PLOVER category, {len(bad)} problems")
sys.exit(1 if bad else 0)
PY

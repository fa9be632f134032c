#!/usr/bin/env bash
# The seed reports read line by line (tests/seeds/lines.tsv): every line
# marked keep must be in the text `dyad extract` gives, every line marked
# drop must not. Skips where ../shared/seeds is absent.
set -u
dyad=$1 src=$2
seeds=$src/../shared/seeds
list=$src/tests/seeds/lines.tsv
if [ ! -d "$seeds" ]; then
    echo "SKIPPED: $seeds not found (the seed reports live outside the project)"
    exit 77
fi
command -v python3 >/dev/null || { echo "SKIPPED: python3 missing"; exit 77; }
python3 - "$dyad" "$seeds" "$list" <<'PY'
import json, subprocess, sys, glob, os
dyad, seeds, lst = sys.argv[1:4]
want = {}
for line in open(lst, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    seed, n, what, why = line.rstrip("\n").split("\t")
    want.setdefault(seed, []).append((int(n), what, why))
bad = 0
for seed, rows in sorted(want.items()):
    path = glob.glob(os.path.join(seeds, seed + "_*.txt"))[0]
    src = open(path, encoding="utf-8").read().split("\n")
    out = subprocess.run([dyad, "extract", path], capture_output=True,
                         text=True).stdout
    got = {}
    for l in json.loads(out)["text"].split("\n"):
        if l.strip():
            got[l.strip()] = got.get(l.strip(), 0) + 1
    expect = {}                  # a text may stand on two lines (a title
    for n, what, why in rows:    # repeated): count them
        t = src[n - 1].strip()
        expect[t] = expect.get(t, 0) + (what == "keep")
    for n, what, why in rows:
        text = src[n - 1].strip()
        if got.get(text, 0) != expect[text]:
            bad += 1
            print("FAIL %s line %d (%s, %s): %s" % (seed, n, what, why, text[:70]))
print("seeds_lines: %d lines checked, %d wrong" % (sum(map(len, want.values())), bad))
sys.exit(1 if bad else 0)
PY

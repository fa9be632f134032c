#!/usr/bin/env bash
# PETRARCH unit-test records (../shared/reference/petrarch): dyad validate must
# pass at least 90% of them. Skips, saying so, where ../shared is absent.
set -u
dyad=$1 src=$2
xml=$src/../shared/reference/petrarch/PETR.UnitTest.records.xml
if [ ! -f "$xml" ]; then
    echo "SKIPPED: $xml not found (the PETRARCH records live outside the project)"
    exit 77
fi
out=$("$dyad" validate --min-pass 90 "$xml" 2>&1)
rc=$?
printf '%s\n' "$out" | tail -20
exit $rc

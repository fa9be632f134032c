#!/usr/bin/env bash
# Clutter removal from scraped text, measured (bench/boilerplate): 400 BBC
# articles wrapped in generated clutter of many kinds; precision and recall
# of the article lines dyad keeps must both reach 0.98. Skips without the
# corpus or python3.
set -u
dyad=$1 src=$2
command -v python3 >/dev/null || { echo "SKIPPED: python3 missing"; exit 77; }
DYAD=$dyad python3 "$src/bench/boilerplate" 400

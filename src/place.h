/*
 * place.h - the gazetteer and the place of each event, the last coding
 * stage (after code.c has made a sentence's events, before coder.c writes
 * their records).
 *
 * The gazetteer (data/gazetteer/places.tsv) is compiled at build time by
 * tools/gen_places.c into constant tables: its rows, an open-addressing
 * hash of their names and an index of each country's own row. Nothing is
 * built at run time and nothing is mutable, so any number of coders share
 * it. A name is hashed as the coder's tokens spell it: upper-case words
 * joined by `_` (a hyphen in a name counts as `_`, as the tokenizer splits
 * hyphenated words).
 */
#ifndef DYAD_PLACE_H
#define DYAD_PLACE_H

#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

typedef struct dyad__place_row {
    const char *name;        /* "FALLUJAH", "MAZAR-E_SHARIF" */
    char country[4];         /* ISO 3166-1 alpha-3 */
    uint8_t precision;       /* dyad_place_precision */
    float lat, lon;
} dyad__place_row;

/* The generated tables (places_table.c in the build directory). A slot is
 * 0 when empty, else (16-bit hash tag << 16) | (row + 1); prefixes has the
 * bit dyad__place_prefix_bit() of the hash of every name's first words set
 * ("NEW", "NEW_YORK" for NEW_YORK_CITY), so that a lookup stops adding words
 * as soon as no longer name can follow; countries holds the row of each
 * country's own name, sorted by country code. */
extern const dyad__place_row dyad__place_rows[];
extern const uint32_t dyad__place_count;
extern const uint32_t dyad__place_slots[];
extern const uint32_t dyad__place_mask;        /* slots - 1, a power of 2 */
extern const uint64_t dyad__place_prefixes[];  /* DYAD__PLACE_PREFIX_BITS bits */
extern const uint16_t dyad__place_countries[];
extern const uint32_t dyad__place_n_countries;
extern const uint32_t dyad__place_max_words;   /* words of the longest name */

#define DYAD__PLACE_HASH_INIT 0xcbf29ce484222325ull

/* FNV-1a over bytes, a hyphen hashed as `_`: hashing "MAZAR", "_", "E",
 * "_", "SHARIF" in steps gives the hash of "MAZAR-E_SHARIF". */
static inline uint64_t dyad__place_hash(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)(s[i] == '-' ? '_' : s[i]);
        h *= 0x100000001b3ull;
    }
    return h;
}

/* The slot tag of a hash: its top 16 bits. */
static inline uint32_t dyad__place_tag(uint64_t h) { return (uint32_t)(h >> 48); }

#define DYAD__PLACE_PREFIX_BITS 65536u
/* The prefix bit of a hash: 16 bits of it that neither the slot index (the
 * low bits) nor the tag uses. */
static inline uint32_t dyad__place_prefix_bit(uint64_t h)
{
    return (uint32_t)(h >> 24) & (DYAD__PLACE_PREFIX_BITS - 1);
}

struct dyad__sctx;
struct dyad__ev;
struct dyad__tok;

/* The gazetteer row of a country's own name ("IRQ" -> IRAQ), or NULL. */
const dyad__place_row *dyad__place_country(const char *code);

/* The longest gazetteer name spelt by tokens [i, ...) of t[0, n): its row,
 * with *end set to the token after it; NULL when none starts at i. */
const dyad__place_row *dyad__place_at(const struct dyad__tok *t, size_t n,
                                      size_t i, size_t *end);

/* A place named in a sentence. */
typedef struct dyad__place_mention {
    uint32_t from, to;       /* tokens */
    const dyad__place_row *row;
    uint8_t after_prep;      /* governed by in, at, near, outside, from ... */
    uint8_t metonym;         /* the whole of an actor phrase ("Tehran said") */
} dyad__place_mention;

/* The places a coded sentence names, in text order, in the arena. */
dyad_status dyad__place_mentions(const struct dyad__sctx *s,
                                 dyad__place_mention **out, size_t *n);

/* Why an event was placed where it was. */
typedef enum dyad__place_why {
    DYAD__PLACE_BY_NONE = 0,
    DYAD__PLACE_BY_PREP,       /* a city or region after a preposition */
    DYAD__PLACE_BY_NAMED,      /* a city or region named in the sentence */
    DYAD__PLACE_BY_DATELINE,   /* the report's dateline */
    DYAD__PLACE_BY_COUNTRY,    /* a country after a preposition */
    DYAD__PLACE_BY_SOURCE,     /* the source's country */
    DYAD__PLACE_BY_TARGET      /* the target's country */
} dyad__place_why;

/* The place of an event e, by the rules of docs/event-record.md: m[0, nm)
 * are the mentions of its sentence, dateline the row of the report's
 * dateline (NULL if none), src and tgt the actors' countries ("---" when
 * unknown). Fills *loc (known 0 when no rule applies) and returns why. */
dyad__place_why dyad__place_event(const dyad__place_mention *m, size_t nm,
                                  const struct dyad__ev *e,
                                  const dyad__place_row *dateline,
                                  const char *src, const char *tgt,
                                  dyad_location *loc);

#endif /* DYAD_PLACE_H */

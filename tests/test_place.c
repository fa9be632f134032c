/*
 * test_place.c - unit tests of the gazetteer and event places (src/place.c,
 * the tables tools/gen_places.c compiles from data/gazetteer/places.tsv):
 * every name is found from its own words, as the tokenizer spells them
 * (hyphenated, with apostrophes, with diacritics), longest first; each
 * country's own row; and how jsonl and GDELT output write a place.
 */
#include <stdlib.h>

#include "dyad.h"
#include "place.h"
#include "token.h"
#include "util.h"

/* Every row is found from its name split into word tokens at `_` and `-`,
 * and the row found is that row: the hash of the generator and the
 * library agree and no name shadows another. */
static void every_row_found(void)
{
    int missed = 0;
    for (uint32_t r = 0; r < dyad__place_count; r++) {
        const char *name = dyad__place_rows[r].name;
        dyad__tok t[64];
        size_t n = 0;
        for (const char *p = name; *p && n < 64;) {
            size_t len = strcspn(p, "_-");
            memset(&t[n], 0, sizeof t[n]);
            t[n].kind = DYAD__TK_WORD;
            t[n].up = p;
            t[n].uplen = (uint32_t)len;
            n++;
            p += len + (p[len] != '\0');
        }
        size_t end = 0;
        const dyad__place_row *got = dyad__place_at(t, n, 0, &end);
        if (got != &dyad__place_rows[r] || end != n) {
            if (missed++ < 5) fprintf(stderr, "not found as itself: %s\n", name);
        }
    }
    CHECK_INT(missed, 0);
    CHECK(dyad__place_count > 5000);
}

static void countries(void)
{
    const dyad__place_row *r = dyad__place_country("IRQ");
    CHECK(r != NULL);
    CHECK_STR(r ? r->name : NULL, "IRAQ");
    CHECK_INT(r ? r->precision : 0, DYAD_PLACE_COUNTRY);
    r = dyad__place_country("USA");
    CHECK_STR(r ? r->name : NULL, "UNITED_STATES");
    r = dyad__place_country("USR");            /* a former state */
    CHECK_STR(r ? r->name : NULL, "SOVIET_UNION");
    CHECK(dyad__place_country("---") == NULL);
    CHECK(dyad__place_country("IGO") == NULL);
    CHECK(dyad__place_country("") == NULL);
    for (uint32_t k = 0; k < dyad__place_n_countries; k++) {
        const dyad__place_row *c = &dyad__place_rows[dyad__place_countries[k]];
        CHECK(dyad__place_country(c->country) == c);
        CHECK_INT(c->precision, DYAD_PLACE_COUNTRY);
    }
}

static dyad_dict *make_dict(void)
{
    static const char actors[] = "IRAQ [IRQ]\n";
    dyad_dict_builder *b = NULL;
    dyad_dict *d = NULL;
    if (dyad_dict_builder_new(&b)) return NULL;
    dyad_dict_builder_add_text(b, DYAD_DICT_ACTORS, "t.actors", actors,
                               sizeof actors - 1);
    if (dyad_dict_build(b, NULL, &d, NULL) != DYAD_OK) d = NULL;
    dyad_dict_builder_free(b);
    return d;
}

/* The name found at token `at` of text, or "" when none. */
static const char *place_in(dyad_dict *d, const char *text, size_t at)
{
    dyad__arena a;
    dyad__arena_init(&a);
    dyad__tok *t;
    size_t n, end;
    const dyad__place_row *r = NULL;
    if (dyad__tokenize(&d->im, &a, text, 0, strlen(text), &t, &n) == DYAD_OK &&
        at < n)
        r = dyad__place_at(t, n, at, &end);
    dyad__arena_free(&a);
    return r ? r->name : "";
}

/* Names as the tokenizer spells them. */
static void spelling(void)
{
    dyad_dict *d = make_dict();
    CHECK(d != NULL);
    if (!d) return;
    CHECK_STR(place_in(d, "in Fallujah", 1), "FALLUJAH");
    CHECK_STR(place_in(d, "in Mazar-e-Sharif today", 1), "MAZAR-E_SHARIF");
    CHECK_STR(place_in(d, "in New York City", 1), "NEW_YORK_CITY");
    CHECK_STR(place_in(d, "in New York", 1), "NEW_YORK");
    CHECK_STR(place_in(d, "in the U.S.", 2), "U.S.");
    CHECK_STR(place_in(d, "Iraq's Anbar province", 0), "IRAQ");
    CHECK_STR(place_in(d, "Iraq's Anbar province", 2), "ANBAR_PROVINCE");
    CHECK_STR(place_in(d, "in Xi'an", 1), "XI'AN");
    CHECK_STR(place_in(d, "in Bogotá", 1), "BOGOTA");
    CHECK_STR(place_in(d, "in Atlantis", 1), "");
    CHECK_STR(place_in(d, "in New", 1), "");
    dyad_dict_free(d);
}

static void output(void)
{
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.id = "d-1-1";
    e.doc = "d";
    e.source.code = e.target.code = "IRQ";
    e.source.country = e.target.country = "IRQ";
    e.cameo = "190";
    memcpy(e.root, "19", 3);
    e.plover = "";
    e.location = (dyad_location){"FALLUJAH", "IRQ", 33.3491, 43.786, 1, DYAD_PLACE_CITY};
    char *buf = NULL;
    size_t len = 0, cap = 0;
    CHECK_INT(dyad_format_event(DYAD_FORMAT_JSONL, &e, &buf, &len, &cap), DYAD_OK);
    CHECK(buf && strstr(buf, "\"location\":{\"name\":\"FALLUJAH\",\"country\":\"IRQ\","
                             "\"lat\":33.3491,\"lon\":43.7860,\"precision\":\"city\"}"));
    static const struct { const char *country; int precision; const char *type; } g[] = {
        {"IRQ", DYAD_PLACE_CITY, "\t4\tFALLUJAH\t"}, {"IRQ", DYAD_PLACE_REGION, "\t5\tFALLUJAH\t"},
        {"IRQ", DYAD_PLACE_COUNTRY, "\t1\tFALLUJAH\t"}, {"USA", DYAD_PLACE_CITY, "\t3\tFALLUJAH\t"},
        {"USA", DYAD_PLACE_REGION, "\t2\tFALLUJAH\t"}};
    for (size_t k = 0; k < sizeof g / sizeof g[0]; k++) {
        e.location.country = g[k].country;
        e.location.precision = g[k].precision;
        len = 0;
        CHECK_INT(dyad_format_event(DYAD_FORMAT_GDELT, &e, &buf, &len, &cap), DYAD_OK);
        CHECK(buf && strstr(buf, g[k].type));
    }
    e.location.known = 0;
    len = 0;
    CHECK_INT(dyad_format_event(DYAD_FORMAT_JSONL, &e, &buf, &len, &cap), DYAD_OK);
    CHECK(buf && strstr(buf, "\"location\":null"));
    free(buf);
}

int main(void)
{
    every_row_found();
    countries();
    spelling();
    output();
    return test_summary("test_place");
}

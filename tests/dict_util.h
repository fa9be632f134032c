/*
 * dict_util.h - helpers shared by the dictionary tests (test_dict.c,
 * test_dict_verbs.c): build a dictionary from inline texts while collecting
 * its diagnostics, and look phrases up at the first token of a text.
 * Header-only; everything is static inline so unused helpers cost nothing.
 */
#ifndef DYAD_TEST_DICT_UTIL_H
#define DYAD_TEST_DICT_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "sent.h"
#include "util.h"

/* ---------------------------------------------------------- diagnostics */

typedef struct drec {
    int sev, code;
    char file[64];
    unsigned long line;
    char msg[256];
} drec;

static drec G[256];
static size_t NG;

static inline void collect(void *ud, const dyad_diag *d)
{
    (void)ud;
    if (NG == sizeof G / sizeof G[0]) return;
    drec *r = &G[NG++];
    r->sev = d->severity;
    r->code = d->code;
    snprintf(r->file, sizeof r->file, "%s", d->file);
    r->line = d->line;
    snprintf(r->msg, sizeof r->msg, "%s", d->message);
}

/* How many diagnostics name file:line and contain part. */
static inline int has_diag(const char *file, unsigned long line,
                           const char *part)
{
    int n = 0;
    for (size_t k = 0; k < NG; k++)
        if (!strcmp(G[k].file, file) && G[k].line == line &&
            strstr(G[k].msg, part))
            n++;
    return n;
}

static inline void dump_diags(void)
{
    for (size_t k = 0; k < NG; k++)
        fprintf(stderr, "  diag %d %s:%lu: %s\n", G[k].sev, G[k].file,
                G[k].line, G[k].msg);
}

/* ---------------------------------------------------------------- build */

typedef struct src {
    dyad_dict_kind kind;
    const char *name, *text;
    size_t len;                  /* 0: strlen(text) */
} src;

static inline dyad_dict *build(const src *s, size_t n, const char *cache,
                               size_t *errors)
{
    dyad_dict_builder *b = NULL;
    dyad_dict *d = NULL;
    NG = 0;
    CHECK_INT(dyad_dict_builder_new(&b), DYAD_OK);
    for (size_t k = 0; k < n; k++) {
        size_t len = s[k].len ? s[k].len : strlen(s[k].text);
        CHECK_INT(dyad_dict_builder_add_text(b, s[k].kind, s[k].name,
                                             s[k].text, len), DYAD_OK);
    }
    dyad_dict_options o = {cache, collect, NULL};
    CHECK_INT(dyad_dict_build(b, &o, &d, errors), DYAD_OK);
    dyad_dict_builder_free(b);
    return d;
}

static inline dyad_dict *build1(dyad_dict_kind k, const char *name,
                                const char *text)
{
    src s = {k, name, text, 0};
    return build(&s, 1, NULL, NULL);
}

/* ---------------------------------------------------------------- lookups */

static dyad__arena A;

/* Longest phrase of trie root r at the first token of text: the number of
 * tokens matched (0: none) and the node value. */
static inline size_t match(const dyad_dict *d, uint32_t root, const char *text,
                           uint32_t *value)
{
    dyad__tok *t;
    size_t n;
    dyad__arena_reset(&A);
    *value = DYAD__NONE;
    if (dyad__tokenize(&d->im, &A, text, 0, strlen(text), &t, &n)) return 0;
    return dyad__trie_match(&d->im, root, t, n, 0, NULL, value);
}

#define ROOT(d, r) ((d)->im.roots[DYAD__ROOT_##r])

/* The code of the actor named at the start of text on a date: "A/B" for
 * compounds, "(null)" when null-coded then, "(none)" when no actor. */
static inline const char *actor_code(const dyad_dict *d, const char *text,
                                     int date)
{
    static char out[128];
    uint32_t v;
    if (!match(d, ROOT(d, ACTORS), text, &v)) return "(none)";
    const dyad__image *im = &d->im;
    const dyad__restr *r = dyad__actor_restr(im, &im->actors[v], date);
    if (!r) return "(null)";
    size_t o = 0;
    out[0] = '\0';
    for (uint32_t k = 0; k < r->n_codes && o + 20 < sizeof out; k++)
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.16s", k ? "/" : "",
                              dyad__str(im, im->codes[r->first_code + k]));
    return out;
}

static inline const dyad__vform *vform(const dyad_dict *d, const char *text,
                                       size_t *end)
{
    uint32_t v;
    *end = match(d, ROOT(d, VERBS), text, &v);
    return *end ? &d->im.vforms[v] : NULL;
}

static inline const dyad__pattern *find_pattern(const dyad_dict *d,
                                                const char *text)
{
    for (size_t k = 0; k < d->im.n_patterns; k++)
        if (!strcmp(dyad__str(&d->im, d->im.patterns[k].text), text))
            return &d->im.patterns[k];
    return NULL;
}

static inline const dyad__pel *pel(const dyad_dict *d, const dyad__pattern *p,
                                   unsigned k)
{
    return &d->im.pels[p->first_el + k];
}

static inline const char *vname(const dyad_dict *d, const dyad__vform *f)
{
    return dyad__str(&d->im, d->im.verbs[f->verb].name);
}

static inline void check_form(const dyad_dict *d, const char *text,
                              const char *verb, uint32_t kind, size_t words)
{
    size_t end;
    const dyad__vform *f = vform(d, text, &end);
    int ok = words == 0 ? f == NULL
                        : f && !strcmp(vname(d, f), verb) && f->kind == kind &&
                              end == words;
    test_checks++;
    if (!ok) {
        test_failures++;
        fprintf(stderr, "verb form '%s': got %s kind %d, %zu words; want %s "
                "kind %u, %zu words\n", text, f ? vname(d, f) : "(none)",
                f ? (int)f->kind : -1, end, verb, kind, words);
    }
}

static inline int synset_has(const dyad_dict *d, const char *name,
                             const char *text)
{
    for (size_t k = 0; k < d->im.n_synsets; k++) {
        if (strcmp(dyad__str(&d->im, d->im.synsets[k].name), name)) continue;
        uint32_t v;
        return match(d, d->im.synsets[k].root, text, &v) > 0;
    }
    return 0;
}

#endif /* DYAD_TEST_DICT_UTIL_H */

/*
 * match.h - matching one verb pattern against one clause.
 *
 * Upper elements (before `*`) are matched left to right between the start of
 * the clause and the verb, lower elements between the verb and the end of
 * the clause, skipping removed tokens; literal words may have other words
 * between them unless joined by `_`; `$ + ^ %` take the first actor unit at
 * their place (TABARI section 5.7). The matcher backtracks over word
 * positions only, so a pattern costs little even in long clauses.
 */
#ifndef DYAD_MATCH_H
#define DYAD_MATCH_H

#include "sent.h"

#define DYAD__MATCH_MAX_TOKS 64

#define DYAD__SIG_ANY 0xffffu
#define DYAD__SIG_NONE 0xfffeu

typedef struct dyad__mclause {   /* a clause prepared for matching */
    const dyad__sctx *s;
    uint32_t *live;              /* token indices of live tokens */
    uint16_t *sig;               /* per live position: the signature bit of
                                    its word, DYAD__SIG_ANY (stems: may
                                    start anything) or DYAD__SIG_NONE */
    size_t n;
    uint64_t mask[4];            /* signature of the words present */
} dyad__mclause;

typedef struct dyad__mres {
    int32_t src, tgt;            /* bound units, -1 = not designated */
    int32_t both;                /* unit bound by %, -1 if none */
    int both_lower;              /* % stood after the verb */
    uint32_t toks[DYAD__MATCH_MAX_TOKS];  /* literal tokens matched */
    size_t ntoks;
} dyad__mres;

dyad_status dyad__mclause_init(const dyad__sctx *s, const dyad__clause *c,
                               dyad__mclause *m);

/* Live position of token ti in the clause, or -1. */
long dyad__mclause_pos(const dyad__mclause *m, uint32_t ti);

/* Match pattern p for the verb at live positions [vfrom, vto). The caller
 * has checked the word signature (pat_masks). */
int dyad__match(const dyad__mclause *m, const dyad__pattern *p, size_t vfrom,
                size_t vto, dyad__mres *r);

#endif /* DYAD_MATCH_H */

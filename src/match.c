/*
 * match.c - verb pattern matching (see match.h).
 *
 * Lower elements (after `*`) are matched forward from the verb; upper
 * elements (before `*`) backward from the verb, nearest first, as
 * PETRARCH-1 does, so `+ WAS *` binds the actor next to "was", not the
 * first one of a long clause. Words may have other words between them
 * unless joined by `_`; an actor token takes the nearest actor unit in its
 * direction (the first one, TABARI's rule) and is not backtracked; `^` also
 * skips a noun phrase that names no actor ("warned their populations
 * about"). Word and synset positions are backtracked.
 */
#include "match.h"

dyad_status dyad__mclause_init(const dyad__sctx *s, const dyad__clause *c,
                               dyad__mclause *m)
{
    m->s = s;
    m->n = 0;
    memset(m->mask, 0, sizeof m->mask);
    m->live = dyad__arena_alloc(s->a, (c->to - c->from + 1) * sizeof *m->live);
    m->sig = dyad__arena_alloc(s->a, (c->to - c->from + 1) * sizeof *m->sig);
    if (!m->live || !m->sig) return DYAD_ENOMEM;
    for (uint32_t i = c->from; i < c->to; i++) {
        if (s->dead[i]) continue;
        const dyad__tok *t = &s->t[i];
        m->sig[m->n] = t->n_stems ? DYAD__SIG_ANY
                       : t->word ? (uint16_t)dyad__sig(t->word) : DYAD__SIG_NONE;
        m->live[m->n++] = i;
        if (t->word) dyad__sig_set(m->mask, t->word);
    }
    return DYAD_OK;
}

long dyad__mclause_pos(const dyad__mclause *m, uint32_t ti)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->live[mid] < ti) lo = mid + 1;
        else hi = mid;
    }
    return lo < m->n && m->live[lo] == ti ? (long)lo : -1;
}

typedef struct mstate {
    const dyad__mclause *m;
    const dyad__image *im;
    const dyad__pel *el;
    dyad__mres *r;
    int lower;
} mstate;

/* Live position of the first live token at or after token index ti. */
static size_t pos_after(const dyad__mclause *m, uint32_t ti_end, size_t from)
{
    size_t q = from;
    while (q < m->n && m->live[q] < ti_end) q++;
    return q;
}

/* Could synset syn start anywhere in the clause (a member's first word is
 * present)? */
static int synset_possible(const mstate *st, uint32_t syn)
{
    if (syn == DYAD__NONE || syn >= st->im->n_synsets) return 0;
    const uint64_t *f = st->im->synsets[syn].first, *c = st->m->mask;
    return ((f[0] & c[0]) | (f[1] & c[1]) | (f[2] & c[2]) | (f[3] & c[3])) != 0;
}

/* Can a phrase whose first words have signature `first` start at live
 * position q? (a token with stems may start anything) */
static inline int sig_may_start(const mstate *st, const uint64_t first[4],
                                size_t q)
{
    unsigned b = st->m->sig[q];
    if (b >= DYAD__SIG_NONE) return b == DYAD__SIG_ANY;
    return (first[b >> 6] >> (b & 63)) & 1;
}

/* ... a member of synset syn, or an alternative of group g? */
static inline int synset_may_start(const mstate *st, uint32_t syn, size_t q)
{
    return syn < st->im->n_synsets &&
           sig_may_start(st, st->im->synsets[syn].first, q);
}

static inline int alt_may_start(const mstate *st, uint32_t g, size_t q)
{
    return g < st->im->n_altgroups &&
           sig_may_start(st, st->im->altgroups[g].first, q);
}

/* End position of a synset match starting at live position q, or 0. */
static size_t match_synset(const mstate *st, uint32_t syn, size_t q, size_t end)
{
    const dyad__mclause *m = st->m;
    const dyad__sctx *s = m->s;
    if (syn == DYAD__NONE || syn >= st->im->n_synsets || q >= m->n) return 0;
    const dyad__tok *t = &s->t[m->live[q]];
    /* the token's start bits are its word's and its stems' */
    if (!(t->starts & DYAD__STARTS_SYNSET)) return 0;
    uint32_t v;
    size_t e = dyad__trie_match(st->im, st->im->synsets[syn].root, s->t, s->nt,
                                m->live[q], s->dead, &v);
    if (!e) return 0;
    size_t p = pos_after(m, (uint32_t)e, q);
    return p <= end ? p : 0;
}

static int word_at(const mstate *st, uint32_t term, size_t q)
{
    return dyad__tok_has(&st->m->s->t[st->m->live[q]], term);
}

/* Plain elements (words, synsets) of an alternative starting exactly at q.
 * Returns the end position or 0. */
static size_t match_plain(const mstate *st, const dyad__pel *el, size_t n,
                          size_t q, size_t end)
{
    for (size_t k = 0; k < n; k++) {
        size_t g = q, r = 0;
        for (; g < end; g++) {
            r = el[k].kind == DYAD__PE_WORD ? (word_at(st, el[k].arg, g) ? g + 1 : 0)
                                             : match_synset(st, el[k].arg, g, end);
            if (r || (k == 0 || el[k].adjacent)) break;   /* no gap allowed */
        }
        if (!r) return 0;
        q = r;
    }
    return q;
}

/* Ends of the element at start q: returns how many (0..2) in ends[]. */
static size_t element_ends(const mstate *st, const dyad__pel *e, size_t q,
                           size_t end, size_t ends[8])
{
    size_t n = 0;
    if (q >= end) return 0;
    if (e->kind == DYAD__PE_WORD) {
        if (word_at(st, e->arg, q)) ends[n++] = q + 1;
    } else if (e->kind == DYAD__PE_SYNSET) {
        size_t r = match_synset(st, e->arg, q, end);
        if (r) ends[n++] = r;
    } else if (e->kind == DYAD__PE_ALT) {
        const dyad__altgroup *g = &st->im->altgroups[e->arg];
        for (uint32_t a = 0; a < g->n_alts && n < 8; a++) {
            const dyad__alt *alt = &st->im->alts[g->first_alt + a];
            size_t r = match_plain(st, &st->im->pels[alt->first_el], alt->n_el, q,
                                   end);
            if (r) ends[n++] = r;
        }
    }
    return n;
}

static void note_tok(const mstate *st, size_t from, size_t to)
{
    for (size_t q = from; q < to && st->r->ntoks < DYAD__MATCH_MAX_TOKS; q++)
        st->r->toks[st->r->ntoks++] = st->m->live[q];
}

static int is_actor_el(const dyad__pel *e)
{
    return e->kind == DYAD__PE_SOURCE || e->kind == DYAD__PE_TARGET ||
           e->kind == DYAD__PE_SKIP || e->kind == DYAD__PE_COMPOUND;
}

/* The actor (or, for ^, noun phrase) span starting at live position q:
 * returns its end position and the unit (-1 for a plain noun phrase). */
static size_t actor_span(const mstate *st, const dyad__pel *e, size_t q,
                         int32_t *unit)
{
    const dyad__mclause *m = st->m;
    const dyad__sctx *s = m->s;
    uint32_t ti = m->live[q];
    int32_t u = s->unit_at[ti];
    *unit = u;
    if (u >= 0) {
        if (e->kind == DYAD__PE_COMPOUND && s->un[u].n_np < 2) return 0;
        return pos_after(m, s->un[u].to, q);
    }
    if (e->kind == DYAD__PE_SKIP && s->chunk_end && s->chunk_end[ti] > ti)
        return pos_after(m, s->chunk_end[ti], q);
    return 0;
}

static void bind(mstate *st, const dyad__pel *e, int32_t u)
{
    if (e->kind == DYAD__PE_SOURCE) st->r->src = u;
    else if (e->kind == DYAD__PE_TARGET) st->r->tgt = u;
    else if (e->kind == DYAD__PE_COMPOUND) {
        st->r->both = u;
        st->r->both_lower = st->lower;
    }
}

/* The bindings of a result, without its token list: what a failed
 * attempt at an actor element must put back (the tokens are put back by
 * restoring ntoks). Copying the whole dyad__mres, token array included,
 * on every step cost a fifth of the matcher's time. */
typedef struct binding {
    int32_t src, tgt, both;
    int both_lower;
    size_t ntoks;
} binding;

static binding save_binding(const dyad__mres *r)
{
    binding b = {r->src, r->tgt, r->both, r->both_lower, r->ntoks};
    return b;
}

static void restore_binding(dyad__mres *r, const binding *b)
{
    r->src = b->src;
    r->tgt = b->tgt;
    r->both = b->both;
    r->both_lower = b->both_lower;
    r->ntoks = b->ntoks;
}

/* ------------------------------------------------------- forward (lower) */

/* Cheap test that element e cannot match anywhere in the clause. */
static int hopeless(const mstate *st, const dyad__pel *e)
{
    if (e->kind == DYAD__PE_SYNSET) return !synset_possible(st, e->arg);
    if (e->kind == DYAD__PE_ALT) {       /* no alternative's first word */
        if (e->arg >= st->im->n_altgroups) return 1;
        const uint64_t *f = st->im->altgroups[e->arg].first, *c = st->m->mask;
        return ((f[0] & c[0]) | (f[1] & c[1]) | (f[2] & c[2]) | (f[3] & c[3])) == 0;
    }
    if (e->kind == DYAD__PE_WORD && !(e->arg & DYAD__TERM_STEM)) {
        unsigned b = dyad__sig(e->arg & DYAD__TERM_MASK);
        return !(st->m->mask[b >> 6] >> (b & 63) & 1);
    }
    return 0;
}

/* The first live position at or after q where element e may start, or
 * end: one tight loop per kind of element, so that the scan, which runs
 * for every pattern tried, does no more than it must per token. */
static size_t next_start(const mstate *st, const dyad__pel *e, size_t q,
                         size_t end)
{
    const dyad__mclause *m = st->m;
    const dyad__sctx *s = m->s;
    switch (e->kind) {
    case DYAD__PE_WORD:
        if (e->arg & DYAD__TERM_STEM) return q;
        while (q < end && s->t[m->live[q]].word != e->arg) q++;
        return q;
    case DYAD__PE_SYNSET: {
        if (e->arg >= st->im->n_synsets) return end;
        const uint64_t *f = st->im->synsets[e->arg].first;
        while (q < end && !sig_may_start(st, f, q)) q++;
        return q;
    }
    case DYAD__PE_ALT: {
        if (e->arg >= st->im->n_altgroups) return end;
        const uint64_t *f = st->im->altgroups[e->arg].first;
        while (q < end && !sig_may_start(st, f, q)) q++;
        return q;
    }
    case DYAD__PE_SOURCE:
    case DYAD__PE_TARGET:
    case DYAD__PE_COMPOUND:
        while (q < end && s->unit_at[m->live[q]] < 0) q++;
        return q;
    default:
        return q;
    }
}

static int fwd(mstate *st, size_t k, size_t n, size_t pos, int first_adj)
{
    if (k == n) return 1;
    const dyad__pel *e = &st->el[k];
    int adjacent = k == 0 ? first_adj : e->adjacent;
    size_t end = st->m->n, save = st->r->ntoks;
    if (hopeless(st, e)) return 0;
    binding keep = save_binding(st->r);
    for (size_t q = next_start(st, e, pos, end); q < end;
         q = next_start(st, e, q + 1, end)) {
        if (adjacent && q != pos) return 0;
        if (is_actor_el(e)) {
            int32_t u;
            size_t r = actor_span(st, e, q, &u);
            if (!r) {
                if (adjacent) return 0;
                continue;
            }
            bind(st, e, u);
            if (fwd(st, k + 1, n, r, 0)) return 1;
            restore_binding(st->r, &keep);
            return 0;                 /* the first actor only */
        }
        size_t ends[8], ne = element_ends(st, e, q, end, ends);
        for (size_t i = 0; i < ne; i++) {
            note_tok(st, q, ends[i]);
            if (fwd(st, k + 1, n, ends[i], 0)) return 1;
            st->r->ntoks = save;
        }
        if (adjacent) return 0;
    }
    return 0;
}

/* ------------------------------------------------------ backward (upper) */

/* Match elements k, k-1, ..., 0 so that element k ends at or before
 * `limit` (exactly at it when touch). */
static int back(mstate *st, long k, size_t limit, int touch)
{
    if (k < 0) return 1;
    const dyad__pel *e = &st->el[k];
    size_t save = st->r->ntoks;
    if (hopeless(st, e)) return 0;
    binding keep = save_binding(st->r);
    for (size_t q = limit; q-- > 0;) {
        if (e->kind == DYAD__PE_WORD && !(e->arg & DYAD__TERM_STEM) &&
            st->m->s->t[st->m->live[q]].word != e->arg) {
            if (touch) return 0;
            continue;
        }
        if (!touch && ((e->kind == DYAD__PE_SYNSET && !synset_may_start(st, e->arg, q)) ||
                       (e->kind == DYAD__PE_ALT && !alt_may_start(st, e->arg, q))))
            continue;
        if (is_actor_el(e)) {
            int32_t u;
            size_t r = actor_span(st, e, q, &u);
            if (!r || r > limit) continue;
            if (touch && r != limit) return 0;
            bind(st, e, u);
            if (back(st, k - 1, q, e->adjacent)) return 1;
            restore_binding(st->r, &keep);
            return 0;                 /* the nearest actor only */
        }
        size_t ends[8], ne = element_ends(st, e, q, limit, ends);
        for (size_t i = 0; i < ne; i++) {
            if (touch && ends[i] != limit) continue;
            note_tok(st, q, ends[i]);
            if (back(st, k - 1, q, e->adjacent)) return 1;
            st->r->ntoks = save;
        }
        if (touch && q + 8 < limit) return 0;   /* nothing can touch now */
    }
    return 0;
}

int dyad__match(const dyad__mclause *m, const dyad__pattern *p, size_t vfrom,
                size_t vto, dyad__mres *r)
{
    r->src = r->tgt = r->both = -1;
    r->both_lower = 0;
    r->ntoks = 0;
    mstate st = {m, m->s->im, &m->s->im->pels[p->first_el], r, 0};
    if (!p->n_upper && p->verb_adj_upper) return 0;
    /* every word and synset of the pattern must be possible in the clause:
     * checked for all elements before any is scanned for */
    for (size_t k = 0; k < (size_t)p->n_upper + p->n_lower; k++)
        if (hopeless(&st, &st.el[k])) return 0;
    if (p->n_upper && !back(&st, (long)p->n_upper - 1, vfrom, (int)p->verb_adj_upper))
        return 0;
    if (p->n_lower) {
        mstate lo = st;
        lo.el = &m->s->im->pels[p->first_el + p->n_upper];
        lo.lower = 1;
        if (!fwd(&lo, 0, p->n_lower, vto, (int)p->verb_adj_lower)) return 0;
    }
    return 1;
}

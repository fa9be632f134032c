/*
 * code.c - the last coding stage: events from verbs.
 *
 * In each clause the verbs are tried left to right (modal words that a
 * dictionary lists as verbs last). A verb's patterns are tried longest
 * first (the first that matches gives the code and any designated actors),
 * else the verb's own or its block's default code. Null codes give nothing
 * and the next verb is tried; a subordinate code (023?) is kept only if the
 * clause yields nothing else; the first other event ends the clause
 * (TABARI's CODE BY CLAUSE) unless a later dominant code (111!) replaces
 * it. Source and target, when no pattern names them: passive voice ("X was
 * opposed by Y") swaps them; otherwise the source is the nearest actor
 * before the verb that is not the object of a preposition, the target the
 * first actor after the verb with another code. Unlike TABARI, dyad never
 * takes a target from before the verb ("Velmora with Kestrian backing
 * criticized the plan" has no target). A compound source with no target
 * codes its members with each other. A clause after a conjunction keeps the
 * previous clause's source when it has none of its own.
 */
#include <stdlib.h>

#include "match.h"
#include "mood.h"

static const char *first_code(const dyad__sctx *s, int32_t u)
{
    if (u < 0) return NULL;
    return s->np[s->un[u].first_np].codes[0];
}

static int live_unit(const dyad__sctx *s, int32_t u)
{
    return u >= 0 && !s->dead[s->un[u].from];
}

/* Only auxiliaries, modals, negation and adverb-like words between? */
static int only_aux_between(const dyad__sctx *s, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        const dyad__tok *t = &s->t[i];
        if (s->dead[i]) continue;
        if (t->cls & (DYAD__CLS_AUX | DYAD__CLS_MODAL | DYAD__CLS_NEG)) continue;
        if (t->kind == DYAD__TK_WORD && !t->cls && !(t->flags & DYAD__TF_CAP) &&
            s->pc[s->piece_of[i]].kind == DYAD__P_WORD && t->uplen > 2 &&
            !memcmp(t->up + t->uplen - 2, "LY", 2))
            continue;                              /* an adverb */
        return 0;
    }
    return 1;
}

/* The subject: the nearest actor unit before the verb in the clause that
 * is not the object of a preposition (and not `avoid`'s code). Nearest,
 * not first, so that "Iran said Iraq attacked Kuwait" gives Iraq as the
 * attacker and "after Calenardhon crowds burned down" the crowds. */
static int32_t default_source(const dyad__sctx *s, const dyad__clause *c,
                              uint32_t before, int32_t avoid)
{
    const char *ac = first_code(s, avoid);
    int32_t pp_fallback = -1;
    for (size_t u = s->nun; u-- > 0;) {
        const dyad__unit *un = &s->un[u];
        if (un->from < c->from || un->to > before) continue;
        if (!live_unit(s, (int32_t)u) || (int32_t)u == avoid) continue;
        if (ac && !strcmp(first_code(s, (int32_t)u), ac)) continue;
        if (s->np[un->first_np].flags & DYAD__NP_OBJ_OF_PREP) {
            /* "Resumption of ties between Arnor and Gondor may spur": an
             * actor inside the subject's own prepositional phrase, right
             * before the verb, stands for the subject */
            static const char *const place[] = {"IN", "AT", "NEAR", "INSIDE", NULL};
            if (pp_fallback < 0 && only_aux_between(s, un->to, before) &&
                !(un->from > 0 && dyad__tok_is(&s->t[un->from - 1], place)))
                pp_fallback = (int32_t)u;   /* not "Frances Harrison in Tehran says" */
            continue;
        }
        return (int32_t)u;
    }
    return pp_fallback;
}

/* The subject of a clause's verb: default_source's, else the antecedent of
 * a relative clause ("Ahmadinejad, who pledged"). */
static int32_t clause_source(const dyad__sctx *s, const dyad__clause *c,
                             uint32_t before, int32_t avoid)
{
    int32_t u = default_source(s, c, before, avoid);
    if (u < 0 && c->subject >= 0 && c->subject != avoid) u = c->subject;
    return u;
}

/* The object: the first actor unit after the verb in the clause with a code
 * other than the source's. */
static int32_t default_target(const dyad__sctx *s, const dyad__clause *c,
                              uint32_t after, int32_t src)
{
    const char *sc = first_code(s, src);
    for (size_t u = 0; u < s->nun; u++) {
        const dyad__unit *un = &s->un[u];
        if (un->from < after || un->to > c->to || !live_unit(s, (int32_t)u))
            continue;
        if (sc && !strcmp(first_code(s, (int32_t)u), sc)) continue;
        return (int32_t)u;
    }
    return -1;
}

/* Is there a noun phrase (any, known or not) in tokens [from, to)? A bare
 * time word ("said today") does not count, a phrase after a preposition
 * ("said on Saturday") does. Used to code an unknown side as "---". */
static int nominal_in(const dyad__sctx *s, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        if (s->dead[i]) continue;
        if ((s->t[i].cls & DYAD__CLS_DAY) && i > 0 &&
            (s->t[i - 1].cls & DYAD__CLS_PREP))
            return 1;                          /* "on Saturday" */
        if (!s->chunk_end[i]) continue;
        if (i > 0 && (s->t[i - 1].cls & (DYAD__CLS_PREP | DYAD__CLS_TO)))
            return 1;
        for (uint32_t k = i; k < s->chunk_end[i]; k++)
            if (!(s->t[k].cls & DYAD__CLS_TIME)) return 1;
        i = s->chunk_end[i] - 1;
    }
    return 0;
}

/* May the token at live position q stand between a passive verb and its
 * "by" ("arrested in Iraq on Monday by US forces")? Prepositions,
 * determiners, time and number words, and nominal words; not a verb, a
 * conjunction, a subordinator or punctuation. */
static int passive_gap_word(const dyad__sctx *s, const dyad__mclause *m, size_t q)
{
    uint32_t ti = m->live[q];
    const dyad__tok *t = &s->t[ti];
    if (t->kind == DYAD__TK_NUMBER) return 1;
    if (t->kind != DYAD__TK_WORD) return 0;
    if (t->cls & (DYAD__CLS_CONJ | DYAD__CLS_SUBORD | DYAD__CLS_TO |
                  DYAD__CLS_AUX | DYAD__CLS_MODAL | DYAD__CLS_PRON))
        return 0;
    int pk = s->pc[s->piece_of[ti]].kind;
    return pk != DYAD__P_VERB;
}

/* Passive voice. "X was opposed (earlier) by Y", "X were arrested in Iraq
 * by Y": an auxiliary before the verb (only adverbs between), "by" + actor
 * after it past prepositional phrases; returns the unit after BY, or -1.
 * A reduced passive needs no auxiliary ("seven officials arrested in Iraq
 * by US forces") when a past participle follows a noun phrase and no
 * object follows it. An auxiliary and a participle with no "by" ("were
 * arrested in Iraq") set *agentless, unless coding literally: the subject
 * is the target and the source is not said. */
static int32_t passive_agent(const dyad__sctx *s, const dyad__mclause *m,
                             const dyad__piece *vp, size_t vfrom, size_t vto,
                             int *agentless)
{
    *agentless = 0;
    int aux = 0;
    for (size_t k = 1; k <= 3 && k <= vfrom; k++) {
        const dyad__tok *t = &s->t[m->live[vfrom - k]];
        if (t->cls & DYAD__CLS_AUX) {
            aux = 1;
            break;
        }
        if (t->kind != DYAD__TK_WORD || (t->cls & ~(uint32_t)DYAD__CLS_NEG) ||
            s->pc[s->piece_of[m->live[vfrom - k]]].kind != DYAD__P_WORD)
            break;                         /* only adverbs in between */
    }
    int participle = dyad__verb_form_kind(s, vp) == DYAD__VF_PAST;
    if (!aux) {
        /* reduced: "officials arrested in ..." - a noun phrase right
         * before, no object right after */
        if (!participle || vfrom == 0 || vto >= m->n) return -1;
        uint32_t before = m->live[vfrom - 1], after = m->live[vto];
        if (s->t[before].kind == DYAD__TK_COMMA && vfrom >= 2)
            before = m->live[vfrom - 2];     /* "Iraq, backed by Iran," */
        int np_before = s->np_of[before] >= 0 ||
                        (s->t[before].kind == DYAD__TK_WORD && !s->t[before].cls &&
                         s->pc[s->piece_of[before]].kind == DYAD__P_WORD);
        if (!np_before || !(s->t[after].cls & (DYAD__CLS_PREP | DYAD__CLS_BY)))
            return -1;
    }
    for (size_t q = vto; q < m->n && q <= vto + 10; q++) {
        const dyad__tok *t = &s->t[m->live[q]];
        if (t->cls & DYAD__CLS_BY) {
            if (q + 1 < m->n) {
                int32_t u = s->unit_at[m->live[q + 1]];
                if (u >= 0) return u;
            }
            break;
        }
        if (!passive_gap_word(s, m, q)) break;
        if (s->unit_at[m->live[q]] >= 0 && q == vto) break;   /* an object */
    }
    *agentless = aux && participle && !s->opt->literal;
    return -1;
}

/* A plain statement (010) is an event between two sides only when they
 * are two: "Iran said Iran's security ...", "Iraq's president said Iraq
 * ...", "Qomi spoke of Iranian citizens" name the speaker's own country or
 * people as the other side. (A government speaking of its own rebels or
 * judges is a domestic dyad and stays; so do domestic acts: curfews,
 * bans and ceasefires "in Pakistan" are coded with the country.) */
static int statement_without_dyad(const char *sc, const char *tc, const char *code)
{
    if (strcmp(code, "010") || !strncmp(sc, "---", 3) || strlen(sc) < 3 ||
        strncmp(sc, tc, 3))
        return 0;
    return strlen(sc) == 3 || strlen(tc) == 3 || !strcmp(tc + 3, "CVL");
}

static int add_ev(dyad__sctx *s, uint32_t snp, uint32_t tnp, const char *sc,
                  const char *tc, const char *code, const dyad__piece *vp,
                  uint32_t pattern, int subord)
{
    if (!s->opt->literal && statement_without_dyad(sc, tc, code)) return 0;
    for (size_t k = 0; k < s->nev; k++) {
        const dyad__ev *e = &s->ev[k];
        if (!strcmp(e->src_code, sc) && !strcmp(e->tgt_code, tc) &&
            !strcmp(e->code, code))
            return 0;
    }
    if (s->nev == s->capev) {
        if (s->capev >= DYAD_MAX_SENTENCE_EVENTS) return 0;
        size_t ncap = s->capev ? s->capev * 2 : 8;
        dyad__ev *ne = dyad__arena_alloc(s->a, ncap * sizeof *ne);
        if (!ne) return -1;
        if (s->nev) memcpy(ne, s->ev, s->nev * sizeof *ne);
        s->ev = ne;
        s->capev = ncap;
    }
    dyad__ev *e = &s->ev[s->nev++];
    e->src_np = snp;
    e->tgt_np = tnp;
    e->src_code = sc;
    e->tgt_code = tc;
    e->code = code;
    e->verb_from = vp->from;
    e->verb_to = vp->to;
    e->pattern = pattern;
    e->subord = (uint32_t)subord;
    return 1;
}

typedef struct side {
    const dyad__np *np;      /* members */
    uint32_t n;
    uint32_t first;          /* index of the first member in s->np */
} side;

static side side_of(const dyad__sctx *s, int32_t u)
{
    side r = {NULL, 0, DYAD__NONE};
    if (u >= 0) {
        r.first = s->un[u].first_np;
        r.np = &s->np[r.first];
        r.n = s->un[u].n_np;
    }
    return r;
}

/* All source x target code combinations; same codes are skipped. A mood
 * code (mood.c: "will not meet" 125 for 040) replaces the verb's codes,
 * one way only. */
static int emit_pairs(dyad__sctx *s, side S, side T,
                      const dyad__codespec *cs, const char *mood_code,
                      const dyad__piece *vp, uint32_t pattern)
{
    const dyad__image *im = s->im;
    int subord = (cs->flags & DYAD__EC_SUBORD) != 0, made = 0;
    const char *c1 = cs->code1 != DYAD__NONE ? dyad__str(im, cs->code1) : NULL;
    const char *c2 = cs->paired && cs->code2 != DYAD__NONE
                         ? dyad__str(im, cs->code2) : NULL;
    if (mood_code) {
        c1 = mood_code;
        c2 = NULL;
    }
    static const char *const null_code = "---";
    uint32_t ns = S.n ? S.n : 1, nt = T.n ? T.n : 1;
    for (uint32_t i = 0; i < ns; i++) {
        const dyad__np *a = S.n ? &S.np[i] : NULL;
        uint32_t nca = a ? a->n_codes : 1;
        for (uint32_t ca = 0; ca < nca; ca++) {
            const char *sc = a ? a->codes[ca] : null_code;
            for (uint32_t j = 0; j < nt; j++) {
                const dyad__np *b = T.n ? &T.np[j] : NULL;
                uint32_t ncb = b ? b->n_codes : 1;
                for (uint32_t cb = 0; cb < ncb; cb++) {
                    const char *tc = b ? b->codes[cb] : null_code;
                    if (a && b && !strcmp(sc, tc)) continue;
                    uint32_t si = a ? S.first + i : DYAD__NONE;
                    uint32_t ti = b ? T.first + j : DYAD__NONE;
                    int r = 0;
                    if (c1) r = add_ev(s, si, ti, sc, tc, c1, vp, pattern, subord);
                    if (r < 0) return -1;
                    made += r > 0 || (c1 && r == 0);
                    if (c2) {
                        r = add_ev(s, ti, si, tc, sc, c2, vp, pattern, subord);
                        if (r < 0) return -1;
                        made++;
                    }
                }
            }
        }
    }
    return made;
}

/* Events for one verb with known sides. Returns how many were made. */
static int verb_events(dyad__sctx *s, int32_t su, int32_t tu, int32_t both,
                       const dyad__codespec *cs, const char *mood_code,
                       const dyad__piece *vp, uint32_t pattern)
{
    if (both >= 0 || (su >= 0 && su == tu && s->un[su].n_np > 1)) {
        int32_t u = both >= 0 ? both : su;
        side all = side_of(s, u);
        int made = 0;
        for (uint32_t i = 0; i < all.n; i++)
            for (uint32_t j = 0; j < all.n; j++) {
                if (i == j) continue;
                side a = {&all.np[i], 1, all.first + i};
                side b = {&all.np[j], 1, all.first + j};
                dyad__codespec one = *cs;
                if (cs->paired && !mood_code && i > j) continue;   /* pairs give both */
                int r = emit_pairs(s, a, b, &one, mood_code, vp, pattern);
                if (r < 0) return -1;
                made += r;
            }
        return made;
    }
    if ((su < 0 || tu < 0) && s->opt->require_dyad) return 0;
    if (su < 0 && tu < 0) return 0;
    return emit_pairs(s, side_of(s, su), side_of(s, tu), cs, mood_code, vp,
                      pattern);
}

/* Merge the sorted runs a[0..na) and b[0..nb) into out. */
static void merge_u32(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                      uint32_t *out)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
    while (i < na) out[k++] = a[i++];
    while (j < nb) out[k++] = b[j++];
}

/* The patterns of an indexed block that can match in this clause: those
 * without a literal word, and those whose anchor word is present; in
 * block order, each once. Returns the count, or (size_t)-1 when out of
 * memory. */
static size_t block_candidates(const dyad__sctx *s, const dyad__mclause *m,
                               const dyad__vblock *bl, uint32_t **out)
{
    const dyad__image *im = s->im;
    size_t total = bl->n_free;
    uint32_t starts[DYAD_MAX_SENTENCE_TOKENS], lens[DYAD_MAX_SENTENCE_TOKENS];
    size_t nr = 0;
    for (size_t q = 0; q < m->n && nr < DYAD_MAX_SENTENCE_TOKENS; q++) {
        const dyad__tok *t = &s->t[m->live[q]];
        uint32_t w = t->word;
        if (!w || !(t->starts & DYAD__ANCHOR_WORD)) continue;
        unsigned sb = dyad__sig(w);
        if (!(bl->anchor_sig[sb >> 6] >> (sb & 63) & 1)) continue;
        uint32_t node = dyad__trie_step(im, bl->bucket_root, w);
        if (!node) continue;
        int dup = 0;
        for (size_t r = 0; r < nr && !dup; r++) dup = starts[r] == im->nodes[node].value;
        if (dup) continue;
        starts[nr] = im->nodes[node].value;
        lens[nr] = im->nodes[node].flags >> 1;
        total += lens[nr++];
    }
    /* the free list and each anchor's list are sorted: merge them run by
     * run, between two buffers */
    uint32_t *cand = dyad__arena_alloc(s->a, 2 * (total + 1) * sizeof *cand);
    if (!cand) return (size_t)-1;
    uint32_t *other = cand + total + 1;
    memcpy(cand, im->anchor_lists + bl->free_first, bl->n_free * sizeof *cand);
    size_t n = bl->n_free;
    for (size_t r = 0; r < nr; r++) {
        merge_u32(cand, n, im->anchor_lists + starts[r], lens[r], other);
        n += lens[r];
        uint32_t *t = cand;
        cand = other;
        other = t;
    }
    *out = cand;
    return n;
}

/* The code of a verb occurrence: first matching pattern, else default. */
static const dyad__codespec *verb_code(dyad__sctx *s, const dyad__mclause *m,
                                       const dyad__piece *vp, size_t vfrom,
                                       size_t vto, dyad__mres *r,
                                       uint32_t *pattern)
{
    const dyad__image *im = s->im;
    const dyad__vform *vf = &im->vforms[vp->payload];
    const dyad__verb *v = &im->verbs[vf->verb];
    const dyad__vblock *bl = &im->blocks[v->block];
    *pattern = DYAD__NONE;
    const dyad__pmask *pm = &im->pat_masks[bl->first_pat];
    const uint64_t *cm = m->mask;
    uint32_t *cand = NULL;
    size_t nc = bl->n_pats;
    if (bl->bucket_root != DYAD__NONE) {
        nc = block_candidates(s, m, bl, &cand);
        if (nc == (size_t)-1) return NULL;
    }
    for (uint32_t ci = 0; ci < nc; ci++) {
        uint32_t k = cand ? cand[ci] : ci;
        uint32_t an = pm[k].anchor;
        if (an != DYAD__NONE && !(cm[an >> 6] >> (an & 63) & 1))
            continue;                    /* its longest word is missing */
        const uint64_t *need = pm[k].m;
        if ((need[0] & ~cm[0]) | (need[1] & ~cm[1]) | (need[2] & ~cm[2]) |
            (need[3] & ~cm[3]))
            continue;                    /* another literal word is missing */
        uint32_t pi = im->pat_order[bl->first_pat + k];
        const dyad__pattern *p = &im->patterns[pi];
        if (!dyad__match(m, p, vfrom, vto, r)) continue;
        if (p->code.flags & DYAD__EC_COMPLEX) {
            s->complex = 1;
            if (DYAD__TRACING(s))
                dyad__tracef(s, DYAD_TRACE_PATTERN,
                             "complex pattern '- %s' (%s:%u) matched; "
                             "sentence flagged, shorter patterns tried",
                             dyad__str(im, p->text), dyad__str(im, p->file),
                             p->line);
            continue;
        }
        *pattern = pi;
        if (DYAD__TRACING(s))
            dyad__tracef(s, DYAD_TRACE_PATTERN, "pattern '- %s' (%s:%u) of %s",
                         dyad__str(im, p->text), dyad__str(im, p->file),
                         p->line, dyad__str(im, bl->name));
        return &p->code;
    }
    r->src = r->tgt = r->both = -1;
    r->ntoks = 0;
    const dyad__codespec *cs = dyad__verb_default_code(im, v);
    if (DYAD__TRACING(s))
        dyad__tracef(s, DYAD_TRACE_PATTERN, "no pattern of %s matched; %s code",
                     dyad__str(im, bl->name), cs == &v->code ? "verb" : "block");
    return cs;
}

static int pattern_matched(const dyad__mres *r, uint32_t i)
{
    for (size_t k = 0; k < r->ntoks; k++)
        if (r->toks[k] == i) return 1;
    return 0;
}

/* Did a pattern match words after the verb with a negation of its own
 * right before one of them ("said it would not help" against "- * WOULD
 * HELP", "vowed not to help")? A negation elsewhere ("allowed that Mordor
 * isn't a pleasant place") is another predicate's. */
static int pattern_negated(const dyad__sctx *s, const dyad__piece *vp,
                           const dyad__mres *r)
{
    uint32_t last = 0;
    for (size_t k = 0; k < r->ntoks; k++)
        if (r->toks[k] >= vp->to && r->toks[k] > last) last = r->toks[k];
    for (uint32_t i = vp->to; i < last; i++) {
        if (s->dead[i] || !(s->t[i].cls & DYAD__CLS_NEG) || pattern_matched(r, i))
            continue;
        /* a verb's negation follows the verb itself ("vowed not to") or a
         * modal ("would not"); "isn't", "memos not about" are not it */
        uint32_t p = i;
        while (p > vp->to && s->dead[p - 1]) p--;
        if (p > vp->to && !(s->t[p - 1].cls & DYAD__CLS_MODAL)) continue;
        /* the next word, past auxiliaries, modals and "to", is matched */
        uint32_t j = i + 1;
        while (j < last && (s->dead[j] || (s->t[j].cls & (DYAD__CLS_MODAL |
                                                          DYAD__CLS_AUX)) ||
                            ((s->t[j].cls & DYAD__CLS_TO) && !pattern_matched(r, j))))
            j++;
        if (j <= last && pattern_matched(r, j)) return 1;
    }
    return 0;
}

/* The mood of a coded verb (mood.c). Returns 0 when the verb reports no
 * act; else 1, with *mood_code set when the mood changes the code and
 * *ev_vp widened to the words that made it ("did not attack"). A pattern
 * that itself matched those words has decided already. */
static int verb_mood(dyad__sctx *s, const dyad__mclause *m,
                     const dyad__piece *vp, size_t vfrom,
                     const dyad__codespec *cs, const dyad__mres *r,
                     const char **mood_code, dyad__piece *ev_vp)
{
    if (s->opt->literal) return 1;
    uint32_t from;
    dyad__mood mood = dyad__verb_mood(s, m->live, vfrom, &from);
    for (size_t k = 0; k < r->ntoks; k++)
        if (mood != DYAD__MOOD_ASSERTED && r->toks[k] >= from && r->toks[k] < vp->from)
            return 1;
    if (mood == DYAD__MOOD_ASSERTED && pattern_negated(s, vp, r)) {
        mood = DYAD__MOOD_REFUSED;  /* "said it would not help", "vowed not
                                       to help": the pattern's act negated */
        from = vp->from;
    }
    if (mood == DYAD__MOOD_ASSERTED) return 1;
    const char *code = cs->code1 != DYAD__NONE ? dyad__str(s->im, cs->code1) : NULL;
    const char *to = dyad__mood_code(mood, code);
    if (DYAD__TRACING(s))
        dyad__tracef(s, DYAD_TRACE_NOTE, "%s: %s", dyad__mood_name(mood),
                     to ? (to == code ? "code kept" : to) : "no event");
    if (!to) return 0;
    if (to != code) *mood_code = to;
    ev_vp->from = from;
    return 1;
}

/* Verbs of the clause in the order they are tried: in text order, but
 * modal and auxiliary words that a dictionary lists as verbs ("should",
 * "has") come last, after the main verbs. */
static size_t clause_verbs(const dyad__sctx *s, const dyad__clause *c,
                           uint32_t *out)
{
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = c->from; i < c->to; i++) {
            const dyad__piece *vp = &s->pc[s->piece_of[i]];
            if (vp->from != i || vp->kind != DYAD__P_VERB || s->dead[i]) continue;
            const dyad__tok *t = &s->t[vp->from + s->im->vforms[vp->payload].verb_word];
            int aux = (t->cls & (DYAD__CLS_MODAL | DYAD__CLS_AUX)) != 0;
            if (aux == pass) out[n++] = (uint32_t)s->piece_of[i];
        }
    return n;
}

/* ------------------------------------------------------ nominal events */

/* Words that make a visit or meeting named by a noun not (yet) an act. */
static int unreal_before(const dyad__sctx *s, const dyad__clause *c, uint32_t pos)
{
    static const char *const w[] = {
        "PLANS", "PLANNED", "PLAN", "PLANNING", "CANCELLED", "CANCELED",
        "POSTPONED", "PROPOSED", "UPCOMING", "FORTHCOMING", "POSSIBLE", "NEXT",
        "INVITED", "INVITATION", "EXPECTED", "PREPARING", "PREPARE", "WANTS",
        "HOPES", "AHEAD", "FUTURE", "BEFORE", "NO", NULL};
    for (uint32_t i = c->from; i < pos; i++)
        if (!s->dead[i] && ((s->t[i].cls & DYAD__CLS_NEG) || dyad__is_modal(&s->t[i]) ||
                            dyad__tok_is(&s->t[i], w)))
            return 1;
    return 0;
}

/* The possessor of the noun at pos ("Maliki's two-day trip"), past
 * modifiers back to "'s"; a possessive pronoun ("his first visit") gives
 * -2: the subject. -1 when none. */
static int32_t possessor(const dyad__sctx *s, uint32_t pos)
{
    for (uint32_t k = pos, steps = 0; k-- > 0 && steps < 5; steps++) {
        const dyad__tok *t = &s->t[k];
        if (t->kind == DYAD__TK_WORD && t->uplen == 2 && !memcmp(t->up, "'S", 2)) {
            int32_t np = k > 0 ? s->np_of[k - 1] : -1;
            return np >= 0 ? (int32_t)s->np[np].unit : -1;
        }
        if (t->cls & DYAD__CLS_POSSPRON) return -2;
        if (t->cls & (DYAD__CLS_DET | DYAD__CLS_PREP | DYAD__CLS_CONJ)) return -1;
        if (t->kind != DYAD__TK_WORD && t->kind != DYAD__TK_NUMBER) return -1;
    }
    return -1;
}

/* The unit after word `what` (TO, BETWEEN, WITH, BY) within `within`
 * tokens of pos ("meeting in Baghdad between ..."), past a determiner. */
static int32_t unit_after(const dyad__sctx *s, const dyad__clause *c, uint32_t pos,
                          const char *what, uint32_t within)
{
    for (uint32_t k = pos; k < c->to && k <= pos + within; k++) {
        if (s->dead[k] || !s->t[k].up || strcmp(s->t[k].up, what)) continue;
        for (uint32_t j = k + 1; j < c->to && j <= k + 2; j++)
            if (s->unit_at[j] >= 0) return s->unit_at[j];
        return -1;
    }
    return -1;
}

/* A determiner or possessive before the word at pos, past a few
 * modifiers ("the second direct meeting"): the word is a noun. */
static int after_determiner(const dyad__sctx *s, uint32_t pos)
{
    for (uint32_t k = pos, steps = 0; k-- > 0 && steps < 4; steps++) {
        const dyad__tok *t = &s->t[k];
        if (t->cls & (DYAD__CLS_DET | DYAD__CLS_POSSPRON)) return 1;
        if (t->kind == DYAD__TK_WORD && t->uplen == 2 && !memcmp(t->up, "'S", 2)) return 1;
        if (t->kind != DYAD__TK_WORD || t->cls ||
            s->pc[s->piece_of[k]].kind != DYAD__P_WORD)
            return 0;
    }
    return 0;
}

/* Events named by a noun in a clause whose verbs gave none: "a landmark
 * visit to Iran", "Maliki's two-day trip to Iran", "the second meeting
 * between Tehran and Washington", "talks with Syria". A visit is 042 from
 * its visitor (the possessor, "by X", else the clause's subject) to the
 * place visited; a meeting 040 both ways. Planned, cancelled or negated
 * ones ("the planned visit", "will hold talks") are left to the verbs. */
static int nominal_events(dyad__sctx *s, const dyad__clause *c)
{
    static const char *const visits[] = {"VISIT", "VISITS", "TRIP", "TRIPS",
                                         "TOUR", NULL};
    static const char *const meetings[] = {"MEETING", "MEETINGS", "TALKS",
                                           "SUMMIT", "NEGOTIATIONS", NULL};
    static const dyad__codespec plain = {DYAD__NONE, DYAD__NONE, 0, 0};
    for (uint32_t i = c->from; i < c->to; i++) {
        const dyad__tok *t = &s->t[i];
        if (t->uplen < 4 || t->uplen > 12 || !strchr("VTMSN", t->up[0])) continue;
        int visit = dyad__tok_is(t, visits), meeting = !visit && dyad__tok_is(t, meetings);
        if ((!visit && !meeting) || s->dead[i] || s->np_of[i] >= 0) continue;
        int kind = s->pc[s->piece_of[i]].kind;
        if (kind == DYAD__P_ACTOR || (kind == DYAD__P_VERB && !after_determiner(s, i)))
            continue;               /* "visited"; but "the second direct meeting" */
        if (unreal_before(s, c, i)) return 0;
        dyad__piece ev = {DYAD__P_NOUN, {0, 0, 0}, i, i + 1, 0};
        int32_t su = -1, tu = -1;
        if (visit) {
            /* "a visit by Venezuelan officials to Cuba" */
            int32_t by = unit_after(s, c, i + 1, "BY", 1);
            tu = unit_after(s, c, by >= 0 ? s->un[by].to : i + 1, "TO", by >= 0 ? 1 : 2);
            if (tu < 0 && t->up[0] == 'T' && t->up[1] == 'O')   /* "his tour of" */
                tu = unit_after(s, c, i + 1, "OF", 1);
            if (tu < 0) continue;
            su = possessor(s, i);
            if (su == -2 || su < 0) {
                if (by < 0) by = unit_after(s, c, i + 1, "BY", 2);
                su = by >= 0 ? by : default_source(s, c, i, tu);
            }
            if (su < 0 || su == tu) continue;
            if (DYAD__TRACING(s))
                dyad__tracef(s, DYAD_TRACE_NOTE, "a visit named by a noun ('%s')", t->up);
            return verb_events(s, su, tu, -1, &plain, "042", &ev, DYAD__NONE);
        }
        int32_t both = unit_after(s, c, i + 1, "BETWEEN", 4);
        if (both < 0 || s->un[both].n_np < 2)        /* "the meeting of A and B" */
            both = unit_after(s, c, i + 1, "OF", 1);
        if (both >= 0 && s->un[both].n_np > 1) {
            if (DYAD__TRACING(s))
                dyad__tracef(s, DYAD_TRACE_NOTE, "a meeting named by a noun ('%s')", t->up);
            return verb_events(s, -1, -1, both, &plain, "040", &ev, DYAD__NONE);
        }
        tu = unit_after(s, c, i + 1, "WITH", 2);
        su = tu >= 0 ? default_source(s, c, i, tu) : -1;
        if (su < 0 || tu < 0 || su == tu) continue;
        if (DYAD__TRACING(s))
            dyad__tracef(s, DYAD_TRACE_NOTE, "a meeting named by a noun ('%s')", t->up);
        int a = verb_events(s, su, tu, -1, &plain, "040", &ev, DYAD__NONE);
        int b = a < 0 ? -1 : verb_events(s, tu, su, -1, &plain, "040", &ev, DYAD__NONE);
        return b < 0 ? -1 : a + b;
    }
    return 0;
}

/* ----------------------------------------------------- reported speech */

/* Reporting verbs that assert what they report ("said", "told"), and the
 * tell-type among them, whose object is the addressee. Verbs that only
 * claim ("claims", "alleged") are left to their patterns: the claim is
 * coded, the claimed act is not. */
static const char *const asserting[] = {
    "SAID", "SAYS", "SAY", "TOLD", "TELLS", "TELL", "ADDED", "ADDS",
    "REPORTED", "REPORTS", "ANNOUNCED", "ANNOUNCES", "CONFIRMED", "CONFIRMS",
    "STATED", "STATES", "NOTED", "NOTES", "EXPLAINED", "INFORMED", "INFORMS",
    NULL};
static const char *const telling[] = {"TOLD", "TELLS", "TELL", "INFORMED",
                                      "INFORMS", NULL};
/* Words by which a report blames its subject ("the US was responsible"). */
static const char *const blaming[] = {"RESPONSIBLE", "BLAME", "BEHIND",
                                      "GUILTY", "CULPRIT", NULL};

static int clause_events(dyad__sctx *s, const dyad__clause *c, int32_t *carry);

/* "Iran said Iraq attacked Kuwait", "Khamenei told Talabani that the US
 * was responsible": when the clause's first verb reports and a named actor
 * with a verb of its own follows, the report is split. The speaking part
 * ("Khamenei told Talabani") is coded on its own, its target only the
 * addressee; the reported part is coded with its own subject; a reported
 * part that codes nothing but blames its subject makes the speaker accuse
 * it (112). Returns 1 when split (and coded), 0 when not, -1 on memory. */
static int reported_speech(dyad__sctx *s, const dyad__clause *c, int32_t *carry)
{
    uint32_t v = c->from;
    while (v < c->to && (s->dead[v] || s->pc[s->piece_of[v]].kind != DYAD__P_VERB))
        v++;
    if (v >= c->to) return 0;
    const dyad__piece *vp = &s->pc[s->piece_of[v]];
    const dyad__tok *vw = &s->t[vp->from + s->im->vforms[vp->payload].verb_word];
    if (!dyad__tok_is(vw, asserting)) return 0;
    uint32_t p = vp->to;
    if (dyad__tok_is(vw, telling)) {                /* past the addressee */
        if (p >= c->to || s->unit_at[p] < 0) return 0;
        p = s->un[s->unit_at[p]].to;
    }
    /* 'said: "Taliban fighters attacked ..."', 'said, "..."' */
    while (p + 1 < c->to && (s->t[p].kind == DYAD__TK_COLON ||
                             s->t[p].kind == DYAD__TK_COMMA) &&
           s->t[p + 1].kind == DYAD__TK_QUOTE)
        p += 2;
    if (p < c->to && s->t[p].kind == DYAD__TK_COLON) p++;
    if (p < c->to && s->t[p].up && !strcmp(s->t[p].up, "THAT")) p++;
    while (p < c->to && s->dead[p]) p++;
    int32_t subj = p < c->to ? s->unit_at[p] : -1;
    if (subj < 0 || (s->np[s->un[subj].first_np].flags & DYAD__NP_PRONOUN))
        return 0;                    /* "said it would help": the patterns' */
    /* the reported act must be asserted: "Israel must end", "Iraq would
     * send" are the reporting verb's patterns' (demands, pledges) */
    uint32_t q = s->un[subj].to;
    while (q < c->to && s->pc[s->piece_of[q]].kind != DYAD__P_VERB) {
        if (dyad__is_modal(&s->t[q]) || (s->t[q].cls & DYAD__CLS_NEG)) return 0;
        if (s->t[q].cls & (DYAD__CLS_AUX | DYAD__CLS_MODAL)) break;  /* "was", "has" */
        if (!s->dead[q] && q >= s->un[subj].to + 3) return 0;   /* no verb of its own */
        q++;
    }
    if (q >= c->to) return 0;
    dyad__clause speaking = {c->from, p, c->after_conj, c->subject, c->adverbial};
    dyad__clause reported = {p, c->to, 0, -1, c->adverbial};
    if (DYAD__TRACING(s))
        dyad__tracef(s, DYAD_TRACE_CLAUSE, "reported speech: '%.*s' reports '%.*s'",
                     (int)(s->t[p - 1].off + s->t[p - 1].len - s->t[c->from].off),
                     s->text + s->t[c->from].off,
                     (int)(s->t[c->to - 1].off + s->t[c->to - 1].len - s->t[p].off),
                     s->text + s->t[p].off);
    int32_t speaker = clause_source(s, &speaking, v, -1);
    if (speaker < 0 && c->after_conj) speaker = *carry;  /* "X - who ... - said" */
    size_t start = s->nev;
    if (clause_events(s, &speaking, carry)) return -1;
    size_t before = s->nev;
    int32_t inner = -1;
    if (clause_events(s, &reported, &inner)) return -1;
    if (s->nev == before && speaker >= 0 && subj != speaker) {
        /* nothing done in the report: the statement is about its subject,
         * an accusation when the report blames it */
        static const dyad__codespec plain = {DYAD__NONE, DYAD__NONE, 0, 0};
        dyad__piece ev = {DYAD__P_WORD, {0, 0, 0}, vp->from, vp->to, 0};
        const char *code = NULL;
        for (uint32_t k = p; k < c->to && !code; k++)
            if (!s->dead[k] && dyad__tok_is(&s->t[k], blaming)) code = "112";
        if (!code && before == start) {
            const dyad__codespec *cs =
                dyad__verb_default_code(s->im, &s->im->verbs[s->im->vforms[vp->payload].verb]);
            if (cs->code1 != DYAD__NONE && !(cs->flags & (DYAD__EC_NULL | DYAD__EC_DISCARD)))
                code = dyad__str(s->im, cs->code1);
        }
        if (code && verb_events(s, speaker, subj, -1, &plain, code, &ev, DYAD__NONE) < 0)
            return -1;
    }
    if (speaker >= 0) *carry = speaker;
    return 1;
}

static int clause_events(dyad__sctx *s, const dyad__clause *c, int32_t *carry)
{
    if (!s->opt->literal) {
        int r = reported_speech(s, c, carry);
        if (r) return r < 0 ? -1 : 0;
    }
    dyad__mclause m;
    if (dyad__mclause_init(s, c, &m)) return -1;
    size_t start_ev = s->nev;
    int found = 0, any_sub = 0, dominant_seen = 0;
    int32_t clause_src = -1;
    uint32_t *verbs = dyad__arena_alloc(s->a, (c->to - c->from + 1) * sizeof *verbs);
    if (!verbs) return -1;
    size_t nv = clause_verbs(s, c, verbs);
    int code_all = s->opt->code_by == DYAD_CODE_ALL;
    for (size_t vi = 0; vi < nv && (!found || code_all || !dominant_seen); vi++) {
        const dyad__piece *vp = &s->pc[verbs[vi]];
        if (found && !code_all) {     /* only a dominant code may follow */
            const dyad__vform *vf = &s->im->vforms[vp->payload];
            if (!s->im->blocks[s->im->verbs[vf->verb].block].dominant) continue;
        }
        long vfrom = dyad__mclause_pos(&m, vp->from);
        long vlast = dyad__mclause_pos(&m, vp->to - 1);
        if (vfrom < 0 || vlast < 0) continue;
        if (DYAD__TRACING(s))
            dyad__tracef(s, DYAD_TRACE_VERB, "verb '%.*s' (%s)",
                         (int)(s->t[vp->to - 1].off + s->t[vp->to - 1].len -
                               s->t[vp->from].off),
                         s->text + s->t[vp->from].off,
                         dyad__str(s->im, s->im->verbs[s->im->vforms[vp->payload].verb].name));
        dyad__mres r;
        uint32_t pattern;
        const dyad__codespec *cs = verb_code(s, &m, vp, (size_t)vfrom,
                                             (size_t)vlast + 1, &r, &pattern);
        if (!cs) return -1;
        if (cs->flags & DYAD__EC_DISCARD) {
            s->discard = s->discard ? s->discard : 1;
            return 0;
        }
        if (cs->flags & DYAD__EC_NULL) continue;
        /* "did not attack", "plans to attack", "will not help" */
        const char *mood_code = NULL;
        dyad__piece mood_vp = *vp;
        if (!verb_mood(s, &m, vp, (size_t)vfrom, cs, &r, &mood_code, &mood_vp))
            continue;
        int32_t su = r.src, tu = r.tgt, both = r.both;
        if (both >= 0 && r.both_lower) {
            /* "Eriador agrees with the Philippines and France": % after the
             * verb is the other side of the subject */
            su = clause_source(s, c, vp->from, both);
            if (su >= 0) {
                tu = both;
                both = -1;
            }
        }
        int agentless = 0;
        if (both < 0 && su < 0 && tu < 0) {
            int32_t by = passive_agent(s, &m, vp, (size_t)vfrom, (size_t)vlast + 1,
                                       &agentless);
            if (by >= 0) {
                su = by;
                tu = clause_source(s, c, vp->from, su);
                if (DYAD__TRACING(s)) dyad__tracef(s, DYAD_TRACE_NOTE, "passive voice");
            } else if (agentless) {
                /* "officials were arrested": the subject suffered the act */
                tu = clause_source(s, c, vp->from, -1);
                if (DYAD__TRACING(s))
                    dyad__tracef(s, DYAD_TRACE_NOTE, "passive voice, no agent");
            }
        }
        if (both < 0) {
            if (su < 0 && !agentless) su = clause_source(s, c, vp->from, tu);
            if (su < 0 && !agentless && c->after_conj) su = *carry;
            if (tu < 0) tu = default_target(s, c, vp->to, su);
            if (tu < 0 && su >= 0 && s->un[su].n_np > 1) tu = su;
            /* without require_dyad an unknown side is coded "---" only when
             * a noun phrase stands there */
            if (!s->opt->require_dyad && tu < 0 && su >= 0 &&
                !nominal_in(s, vp->to, c->to))
                continue;
            if (!s->opt->require_dyad && su < 0 && tu >= 0 &&
                !nominal_in(s, c->from, vp->from))
                continue;
        }
        if (clause_src < 0) clause_src = su;
        /* after the clause's event only a dominant code ([c!]) may still
         * come, and it replaces what was coded (TABARI 6.6.2) */
        int dominant = (cs->flags & DYAD__EC_DOMINANT) != 0;
        if (found && !code_all && !dominant) continue;
        size_t before = s->nev;
        int made = verb_events(s, su, tu, both, cs, mood_code, &mood_vp, pattern);
        if (made < 0) return -1;
        if (made > 0 && dominant && !code_all && found) {
            memmove(&s->ev[start_ev], &s->ev[before],
                    (s->nev - before) * sizeof *s->ev);
            s->nev = start_ev + (s->nev - before);
        }
        if (made > 0 && dominant) dominant_seen = 1;
        if (made > 0 && (cs->flags & DYAD__EC_SUBORD)) any_sub = 1;
        else if (made > 0) found = 1;
    }
    if (s->nev == start_ev && !s->opt->literal && nominal_events(s, c) < 0) return -1;
    if (found && any_sub) {     /* drop subordinate events of this clause */
        size_t o = start_ev;
        for (size_t k = start_ev; k < s->nev; k++)
            if (!s->ev[k].subord) s->ev[o++] = s->ev[k];
        s->nev = o;
    }
    /* the subject handed to a following "and held ...": this clause's
     * source, else the actor before its first verb; an unknown subject
     * ("revolutionaries seized ...") hands on none */
    if (clause_src < 0 && nv) {
        clause_src = clause_source(s, c, s->pc[verbs[0]].from, -1);
        if (clause_src < 0 && nominal_in(s, c->from, s->pc[verbs[0]].from)) *carry = -1;
    } else if (clause_src < 0) {
        clause_src = default_source(s, c, c->to, -1);
    }
    if (clause_src >= 0) *carry = clause_src;
    return 0;
}

/* '"India must stop supporting the rebels," Musharraf said': a report
 * whose speaker follows it, set off by a comma and removed as a closing
 * clause, and that codes no act of its own, is the speaker's statement
 * about the report's subject: a demand when the subject "must" or
 * "should" act, an accusation when it blames the subject, else, when the
 * report is a quotation, the reporting verb's own code (a statement). */
static int closing_speaker(dyad__sctx *s)
{
    static const char *const demanding[] = {"MUST", "SHOULD", "OUGHT", NULL};
    if (!s->speaker || !s->dead[s->speaker->from]) return 0;
    int32_t speaker = (int32_t)s->speaker->unit, subj = -1;
    for (size_t u = 0; u < s->nun && subj < 0; u++)
        if (live_unit(s, (int32_t)u)) subj = (int32_t)u;
    const char *sc = first_code(s, speaker), *oc = first_code(s, subj);
    if (!oc || !strncmp(sc, "---", 3) || !strncmp(oc, "---", 3) || !strncmp(sc, oc, 3))
        return 0;
    uint32_t a = s->speaker->to;                 /* the attribution verb */
    while (a < s->nt && s->pc[s->piece_of[a]].kind != DYAD__P_VERB) a++;
    if (a >= s->nt) return 0;
    const dyad__piece *vp = &s->pc[s->piece_of[a]];
    const dyad__tok *vw = &s->t[vp->from + s->im->vforms[vp->payload].verb_word];
    if (!dyad__tok_is(vw, asserting)) return 0;
    const char *code = NULL;
    uint32_t after = s->un[subj].to;
    if (after < s->nt && dyad__tok_is(&s->t[after], demanding)) code = "100";
    for (uint32_t k = after; k < s->speaker->from && !code; k++)
        if (dyad__tok_is(&s->t[k], blaming)) code = "112";
    if (!code) {                 /* a plain statement: only of a quotation */
        if (!s->quoted[s->un[subj].from]) return 0;
        const dyad__codespec *cs =
            dyad__verb_default_code(s->im, &s->im->verbs[s->im->vforms[vp->payload].verb]);
        if (cs->code1 == DYAD__NONE || (cs->flags & (DYAD__EC_NULL | DYAD__EC_DISCARD)))
            return 0;
        code = dyad__str(s->im, cs->code1);
    }
    static const dyad__codespec plain = {DYAD__NONE, DYAD__NONE, 0, 0};
    dyad__piece ev = {DYAD__P_WORD, {0, 0, 0}, vp->from, vp->to, 0};
    if (DYAD__TRACING(s))
        dyad__tracef(s, DYAD_TRACE_NOTE, "a report whose speaker follows it");
    return verb_events(s, speaker, subj, -1, &plain, code, &ev, DYAD__NONE) < 0 ? -1 : 0;
}

/* Does the sentence end with a question mark (before closing quotes)? A
 * question asks about an act; it reports none. */
static int question(const dyad__sctx *s)
{
    size_t k = s->nt;
    while (k > 0 && s->t[k - 1].kind == DYAD__TK_QUOTE) k--;
    return k > 0 && s->t[k - 1].kind == DYAD__TK_PERIOD &&
           s->text[s->t[k - 1].off] == '?';
}

dyad_status dyad__events(dyad__sctx *s)
{
    s->nev = 0;
    if (s->discard) return DYAD_OK;
    if (!s->opt->literal && question(s)) {
        if (DYAD__TRACING(s)) dyad__tracef(s, DYAD_TRACE_NOTE, "a question: no event");
        return DYAD_OK;
    }
    int32_t carry = -1;
    size_t main_events = 0;
    uint8_t *background = NULL;        /* events of adverbial clauses */
    for (size_t k = 0; k < s->ncl; k++) {
        size_t start = s->nev;
        if (clause_events(s, &s->cl[k], &carry)) return DYAD_ENOMEM;
        if (s->discard) {
            s->nev = 0;
            return DYAD_OK;
        }
        if (!s->cl[k].adverbial) {
            main_events += s->nev - start;
        } else if (s->nev > start) {
            if (!background && !(background = dyad__arena_calloc(s->a, DYAD_MAX_SENTENCE_EVENTS)))
                return DYAD_ENOMEM;
            memset(background + start, 1, s->nev - start);
        }
        if (s->opt->code_by == DYAD_CODE_BY_SENTENCE && s->nev) break;
    }
    if (background && main_events) {   /* "X attacked Y after Z bombed W" */
        size_t o = 0;
        for (size_t k = 0; k < s->nev; k++)
            if (!background[k]) s->ev[o++] = s->ev[k];
        s->nev = o;
    }
    if (!s->nev && !s->opt->literal && closing_speaker(s) < 0) return DYAD_ENOMEM;
    return DYAD_OK;
}

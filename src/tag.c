/*
 * tag.c - the first coding stage: dictionary pieces.
 *
 * Walks the tokens once and, at each position, takes the longest phrase of
 * the actor, agent and verb tries (ties: actor, then agent, then verb).
 * Then verbs that are really nouns are demoted (TABARI's rules, extended):
 * after a determiner, possessive or number ("an attack", "their meeting",
 * "two attacks"), after a preposition ("a show of support"), or when
 * capitalised inside a sentence ("the Quds Force"). Discard phrases are
 * found here too.
 */
#include <stdarg.h>
#include <stdio.h>

#include "sent.h"

#define MAX_GAP 3

/* ---------------------------------------------------------- trie match */

typedef struct tm {
    const dyad__image *im;
    const dyad__tok *t;
    size_t n;
    const uint8_t *dead;
    size_t best_end;
    uint32_t best_val;
} tm;

static int gap_skippable(const dyad__tok *t)
{
    if (t->kind != DYAD__TK_WORD && t->kind != DYAD__TK_NUMBER) return 0;
    return !(t->cls & (DYAD__CLS_CONJ | DYAD__CLS_PREP | DYAD__CLS_AUX |
                       DYAD__CLS_MODAL | DYAD__CLS_SUBORD | DYAD__CLS_TO |
                       DYAD__CLS_PRON | DYAD__CLS_NEG | DYAD__CLS_ATTRIB));
}

static void dfs(tm *m, uint32_t node, size_t pos, int depth);

static size_t next_live(const tm *m, size_t p)
{
    while (m->dead && p < m->n && m->dead[p]) p++;
    return p;
}

/* Follow the edges for token q from node; adjacent or via a gap. */
static void try_token(tm *m, uint32_t node, size_t q, int adjacent, int depth)
{
    const dyad__tok *t = &m->t[q];
    uint32_t terms[1 + DYAD__TOK_MAX_STEMS];
    unsigned nt = 0;
    if (t->word) terms[nt++] = t->word;
    for (unsigned k = 0; k < t->n_stems; k++) terms[nt++] = t->stems[k];
    for (unsigned k = 0; k < nt; k++) {
        uint32_t c;
        if (adjacent && (c = dyad__trie_step(m->im, node, terms[k])) != 0)
            dfs(m, c, q + 1, depth + 1);
        if ((m->im->nodes[node].flags & DYAD__NODE_GAPS) &&
            (c = dyad__trie_step(m->im, node, terms[k] | DYAD__TERM_GAP)) != 0)
            dfs(m, c, q + 1, depth + 1);
    }
}

static void dfs(tm *m, uint32_t node, size_t pos, int depth)
{
    if (depth > 0 && m->im->nodes[node].value != DYAD__NONE &&
        pos > m->best_end) {
        m->best_end = pos;
        m->best_val = m->im->nodes[node].value;
    }
    if (depth >= DYAD_MAX_PHRASE_WORDS) return;
    size_t p = next_live(m, pos);
    if (p >= m->n) return;
    try_token(m, node, p, 1, depth);
    if (depth == 0 || !(m->im->nodes[node].flags & DYAD__NODE_GAPS)) return;
    /* a gap of up to MAX_GAP words inside a noun phrase */
    size_t q = p;
    for (int g = 0; g < MAX_GAP; g++) {
        if (!gap_skippable(&m->t[q])) return;
        q = next_live(m, q + 1);
        if (q >= m->n) return;
        try_token(m, node, q, 0, depth);
    }
}

size_t dyad__trie_match(const dyad__image *im, uint32_t root,
                        const dyad__tok *t, size_t n, size_t i,
                        const uint8_t *dead, uint32_t *value)
{
    /* Fast path: the walk dfs() makes when no token on the way has stems
     * and no node on it has gap edges: exact words along adjacent edges,
     * removed tokens skipped. Anything else takes the full search. */
    uint32_t node = root, best_val = DYAD__NONE;
    size_t pos = i, best_end = 0;
    if (im->nodes[root].flags & DYAD__NODE_GAPS) goto full;
    for (int depth = 0; depth < DYAD_MAX_PHRASE_WORDS; depth++) {
        while (dead && pos < n && dead[pos]) pos++;
        if (pos >= n) break;
        if (t[pos].n_stems) goto full;
        if (!t[pos].word) break;
        const dyad__edge *e = dyad__trie_edge(im, node, t[pos].word);
        if (!e) break;
        if (e->info & DYAD__INFO_GAPS) goto full;
        node = e->child;
        pos++;
        uint32_t v = dyad__info_value(e->info);
        if (v != DYAD__NONE) {
            best_end = pos;
            best_val = v;
        }
    }
    if (!best_end) return 0;
    *value = best_val;
    return best_end;
full:;
    tm m = {im, t, n, dead, 0, DYAD__NONE};
    dfs(&m, root, i, 0);
    if (!m.best_end) return 0;
    *value = m.best_val;
    return m.best_end;
}

/* ------------------------------------------------------------- pieces */

static dyad__piece *add_piece(dyad__sctx *s, int kind, size_t from, size_t to,
                              uint32_t payload)
{
    dyad__piece *p = &s->pc[s->npc];
    p->kind = (uint8_t)kind;
    p->from = (uint32_t)from;
    p->to = (uint32_t)to;
    p->payload = payload;
    for (size_t k = from; k < to; k++) s->piece_of[k] = (uint32_t)s->npc;
    s->npc++;
    return p;
}

static int is_wordish(const dyad__tok *t)
{
    return t->kind == DYAD__TK_WORD || t->kind == DYAD__TK_NUMBER;
}

static void segment(dyad__sctx *s)
{
    const dyad__image *im = s->im;
    for (size_t i = 0; i < s->nt;) {
        const dyad__tok *t = &s->t[i];
        if (!is_wordish(t) || (!t->word && !t->n_stems)) {
            add_piece(s, DYAD__P_WORD, i, i + 1, 0);
            i++;
            continue;
        }
        uint32_t va = 0, vg = 0, vv = 0;
        unsigned st = t->starts;   /* tries with a phrase starting here */
        size_t ea = st & (1u << DYAD__ROOT_ACTORS)
                        ? dyad__trie_match(im, im->roots[DYAD__ROOT_ACTORS], s->t,
                                           s->nt, i, NULL, &va) : 0;
        size_t eg = st & (1u << DYAD__ROOT_AGENTS)
                        ? dyad__trie_match(im, im->roots[DYAD__ROOT_AGENTS], s->t,
                                           s->nt, i, NULL, &vg) : 0;
        size_t ev = st & (1u << DYAD__ROOT_VERBS)
                        ? dyad__trie_match(im, im->roots[DYAD__ROOT_VERBS], s->t,
                                           s->nt, i, NULL, &vv) : 0;
        if (ea && ea >= eg && ea >= ev) {
            add_piece(s, DYAD__P_ACTOR, i, ea, va);
            i = ea;
        } else if (eg && eg >= ev) {
            add_piece(s, DYAD__P_AGENT, i, eg, vg);
            i = eg;
        } else if (ev && !((t->flags & DYAD__TF_HYPHEN) && s->npc &&
                           s->pc[s->npc - 1].kind == DYAD__P_ACTOR)) {
            /* not "US-led", "Iranian-backed": a modifier, no verb */
            add_piece(s, DYAD__P_VERB, i, ev, vv);
            i = ev;
        } else {
            add_piece(s, DYAD__P_WORD, i, i + 1, 0);
            i++;
        }
    }
}

/* ---------------------------------------------------- noun demotion */

static int is_function(const dyad__tok *t)
{
    return (t->cls & (DYAD__CLS_CONJ | DYAD__CLS_PREP | DYAD__CLS_AUX |
                      DYAD__CLS_MODAL | DYAD__CLS_SUBORD | DYAD__CLS_TO |
                      DYAD__CLS_PRON | DYAD__CLS_NEG)) != 0;
}


uint32_t dyad__verb_form_kind(const dyad__sctx *s, const dyad__piece *p)
{
    const dyad__vform *vf = &s->im->vforms[p->payload];
    const dyad__tok *t = &s->t[p->from + vf->verb_word];
    size_t n = t->uplen;
    if (vf->kind != DYAD__VF_STEM) return vf->kind;
    if (n > 4 && !memcmp(t->up + n - 3, "ING", 3)) return DYAD__VF_ING;
    if (n > 3 && (!memcmp(t->up + n - 2, "ED", 2) || !memcmp(t->up + n - 2, "EN", 2)))
        return DYAD__VF_PAST;
    if (n > 2 && t->up[n - 1] == 'S') return DYAD__VF_S;
    return DYAD__VF_BASE;
}

/* Does the word look like a demonym (Iranian, Chinese, Kurdish, Iraqi)? */
static int demonym(const dyad__tok *t)
{
    static const char *const suf[] = {"AN", "ESE", "ISH", "I"};
    for (size_t k = 0; k < DYAD_ARRAY_LEN(suf); k++) {
        size_t n = strlen(suf[k]);
        if (t->uplen > n + 2 && !memcmp(t->up + t->uplen - n, suf[k], n)) return 1;
    }
    return 0;
}

static int is_s_tok(const dyad__tok *t)
{
    return t->uplen == 2 && t->up[0] == '\'' && t->up[1] == 'S';
}

/* Why a verb piece reads as a noun, or NULL if it stays a verb. */
static const char *noun_reason(const dyad__sctx *s, const dyad__piece *p)
{
    const dyad__vform *vf = &s->im->vforms[p->payload];
    const dyad__tok *vt = &s->t[p->from + vf->verb_word];
    if (p->from == 0) return NULL;
    uint32_t kind = dyad__verb_form_kind(s, p);
    const dyad__tok *prev = &s->t[p->from - 1];
    if (prev->cls & (DYAD__CLS_DET | DYAD__CLS_POSSPRON | DYAD__CLS_NUMWORD))
        return "after a determiner";
    if (is_s_tok(prev)) return "after a possessive";
    if (prev->kind == DYAD__TK_NUMBER) return "after a number";
    if ((prev->cls & (DYAD__CLS_PREP | DYAD__CLS_OF)) &&
        !(prev->cls & DYAD__CLS_SUBORD) && kind != DYAD__VF_ING)
        return "after a preposition";
    /* Determiner + modifiers: "an 800 million ducat trade", "an anti-Gondor
     * parade". Only a base form reads as a noun here: "Gondor's new mayor
     * left" and "the roads leading into" keep their verbs. */
    if (kind == DYAD__VF_BASE) {
        for (size_t k = p->from, seen = 0; k-- > 0 && seen < 5; seen++) {
            const dyad__tok *q = &s->t[k];
            if (q->cls & (DYAD__CLS_DET | DYAD__CLS_POSSPRON))
                return seen ? "inside a noun phrase after a determiner" : NULL;
            if (is_s_tok(q))
                return seen ? "inside a possessive noun phrase" : NULL;
            int pk = s->pc[s->piece_of[k]].kind;
            if (pk == DYAD__P_ACTOR) {
                /* "the Iranian attack" is a noun, "The Philippines agree" a
                 * verb: after determiner + actor only a demonym modifies */
                const dyad__piece *ap = &s->pc[s->piece_of[k]];
                if (ap->from > 0 && (s->t[ap->from - 1].cls & DYAD__CLS_DET) &&
                    !demonym(&s->t[ap->to - 1]))
                    break;
                k = ap->from;
                continue;
            }
            if (!is_wordish(q) || is_function(q) || pk != DYAD__P_WORD ||
                (q->flags & DYAD__TF_CAP))
                break;
        }
    }
    if ((vt->flags & DYAD__TF_CAP) && !s->title_case &&
        !(vt->flags & DYAD__TF_SENT_START) && prev->kind != DYAD__TK_QUOTE &&
        prev->kind != DYAD__TK_COLON && prev->kind != DYAD__TK_OPEN &&
        prev->kind != DYAD__TK_DASH)
        return "capitalised inside the sentence";
    return NULL;
}

static void demote_nouns(dyad__sctx *s)
{
    for (size_t k = 0; k < s->npc; k++) {
        dyad__piece *p = &s->pc[k];
        if (p->kind != DYAD__P_VERB) continue;
        const char *why = noun_reason(s, p);
        if (!why) continue;
        p->kind = DYAD__P_NOUN;
        if (DYAD__TRACING(s))
            dyad__tracef(s, DYAD_TRACE_VERB, "'%.*s' read as a noun (%s)",
                         (int)(s->t[p->to - 1].off + s->t[p->to - 1].len -
                               s->t[p->from].off),
                         s->text + s->t[p->from].off, why);
    }
}

/* ------------------------------------------------------------ discards */

static void find_discards(dyad__sctx *s)
{
    const dyad__image *im = s->im;
    if (!im->n_discards) return;
    for (size_t i = 0; i < s->nt && s->discard < 2; i++) {
        uint32_t v;
        if (!(s->t[i].starts & (1u << DYAD__ROOT_DISCARDS))) continue;
        size_t e = dyad__trie_match(im, im->roots[DYAD__ROOT_DISCARDS], s->t,
                                    s->nt, i, NULL, &v);
        if (!e) continue;
        const dyad__discard *d = &im->discards[v];
        int level = d->story ? 2 : 1;
        if (level > s->discard) s->discard = level;
        if (DYAD__TRACING(s))
            dyad__tracef(s, DYAD_TRACE_NOTE, "%s discard phrase '%s' (%s:%u)",
                         d->story ? "story" : "sentence",
                         dyad__str(im, d->phrase), dyad__str(im, d->file),
                         d->line);
    }
}

/* Issue phrases: counts per issue code, cancelled by any ignore phrase. */
static dyad_status find_issues(dyad__sctx *s)
{
    const dyad__image *im = s->im;
    if (!im->n_issues) return DYAD_OK;
    uint32_t codes[32], counts[32];
    size_t n = 0;
    for (size_t i = 0; i < s->nt; i++) {
        uint32_t v;
        if (!(s->t[i].starts & (1u << DYAD__ROOT_ISSUES))) continue;
        size_t e = dyad__trie_match(im, im->roots[DYAD__ROOT_ISSUES], s->t,
                                    s->nt, i, NULL, &v);
        if (!e) continue;
        const dyad__issue *is = &im->issues[v];
        if (is->ignore) return DYAD_OK;
        size_t k = 0;
        while (k < n && strcmp(dyad__str(im, codes[k]),
                               dyad__str(im, is->category)) != 0)
            k++;
        if (k == n && n < DYAD_ARRAY_LEN(codes)) {
            codes[n] = is->category;
            counts[n++] = 0;
        }
        if (k < n) counts[k]++;
        i = e - 1;
    }
    if (!n) return DYAD_OK;
    size_t len = 1;                       /* "CODE,n;CODE,n" in the arena */
    for (size_t k = 0; k < n; k++) len += strlen(dyad__str(im, codes[k])) + 12;
    char *out = dyad__arena_alloc(s->a, len);
    if (!out) return DYAD_ENOMEM;
    size_t o = 0;
    for (size_t k = 0; k < n; k++)
        o += (size_t)snprintf(out + o, len - o, "%s%s,%u", k ? ";" : "",
                              dyad__str(im, codes[k]), counts[k]);
    s->issues = out;
    return DYAD_OK;
}

static void detect_title_case(dyad__sctx *s)
{
    size_t words = 0, caps = 0;
    for (size_t i = 0; i < s->nt; i++) {
        const dyad__tok *t = &s->t[i];
        if (t->kind != DYAD__TK_WORD || (t->flags & DYAD__TF_ATTACHED)) continue;
        words++;
        if (t->flags & DYAD__TF_CAP) caps++;
        else if (t->cls & (DYAD__CLS_DET | DYAD__CLS_PREP | DYAD__CLS_CONJ |
                           DYAD__CLS_TO))
            words--;   /* small words stay lower case in headlines */
    }
    s->title_case = words >= 3 && caps * 10 >= words * 8;
}

dyad_status dyad__tag(dyad__sctx *s)
{
    size_t n = s->nt ? s->nt : 1;
    s->pc = dyad__arena_alloc(s->a, n * sizeof *s->pc);
    s->piece_of = dyad__arena_alloc(s->a, n * sizeof *s->piece_of);
    s->dead = dyad__arena_calloc(s->a, n);
    if (!s->pc || !s->piece_of || !s->dead) return DYAD_ENOMEM;
    s->npc = 0;
    for (size_t i = 0; i < s->nt; i++) {
        if (s->t[i].kind == DYAD__TK_WORD || s->t[i].kind == DYAD__TK_NUMBER) {
            s->t[i].flags |= DYAD__TF_SENT_START;
            break;
        }
        if (s->t[i].kind != DYAD__TK_QUOTE && s->t[i].kind != DYAD__TK_OPEN) break;
    }
    detect_title_case(s);
    find_discards(s);
    if (find_issues(s)) return DYAD_ENOMEM;
    segment(s);
    demote_nouns(s);
    return DYAD_OK;
}

void dyad__tracef(dyad__sctx *s, dyad_trace_kind k, const char *fmt, ...)
{
    if (!s->trace) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    s->trace(s->trace_ud, k, line);
}

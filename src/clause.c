/*
 * clause.c - the third coding stage: comma-delimited clauses and clause
 * boundaries.
 *
 * Comma clauses (TABARI section 7.8, PETRARCH's comma_* settings): the
 * commas of a sentence, except those inside compound actor lists, cut it
 * into segments; an opening segment of bmin..bmax words, an inner one of
 * min..max words and a closing one of emin..emax words is removed before
 * coding ("Arnor, in a grim warning, urged...", "..., officials said.").
 * An opening segment that holds a verb is the main clause and stays.
 *
 * Clauses: a conjunction joins two clauses when verbs stand on both sides
 * and it is not inside a compound actor; semicolons end clauses; a comma
 * followed by a new subject and its verb ("..., a senior official said")
 * starts a clause of its own, and so does a relative clause on an actor
 * ("..., Ahmadinejad, who pledged support, ..."), with the actor as its
 * subject.
 */
#include "mood.h"
#include "sent.h"

static int is_live_word(const dyad__sctx *s, size_t i)
{
    return !s->dead[i] &&
           (s->t[i].kind == DYAD__TK_WORD || s->t[i].kind == DYAD__TK_NUMBER) &&
           !(s->t[i].flags & DYAD__TF_ATTACHED);
}

static int in_compound(const dyad__sctx *s, size_t i)
{
    for (size_t u = 0; u < s->nun; u++)
        if (s->un[u].n_np > 1 && s->un[u].from < i && i < s->un[u].to) return 1;
    return 0;
}

static int has_verb(const dyad__sctx *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!s->dead[i] && s->pc[s->piece_of[i]].kind == DYAD__P_VERB) return 1;
    return 0;
}

static size_t count_words(const dyad__sctx *s, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++) n += is_live_word(s, i);
    return n;
}

static int comma_like(const dyad__tok *t)
{
    return t->kind == DYAD__TK_COMMA || t->kind == DYAD__TK_DASH;
}

static void kill(dyad__sctx *s, size_t from, size_t to, const char *why)
{
    if (to <= from) return;
    for (size_t i = from; i < to; i++) s->dead[i] = 1;
    if (DYAD__TRACING(s))
        dyad__tracef(s, DYAD_TRACE_CLAUSE, "removed %s clause '%.*s'", why,
                     (int)(s->t[to - 1].off + s->t[to - 1].len - s->t[from].off),
                     s->text + s->t[from].off);
}

/* Does the segment starting after token i begin with a verb (after
 * adverbs)? Then it is a predicate ("Velmora, ..., praised Zendar"). */
static int starts_with_verb(const dyad__sctx *s, size_t i, size_t to)
{
    for (size_t k = i + 1; k < to; k++) {
        const dyad__tok *t = &s->t[k];
        if (t->kind == DYAD__TK_QUOTE) continue;
        if (s->pc[s->piece_of[k]].kind == DYAD__P_VERB) return 1;
        if (t->kind == DYAD__TK_WORD && !t->cls && t->uplen > 2 &&
            !memcmp(t->up + t->uplen - 2, "LY", 2))
            continue;                              /* an adverb */
        return 0;
    }
    return 0;
}

/* Is the last live token before token i a verb (so what follows the comma
 * is its object: "condemned, in a letter, the attack")? */
static int verb_before(const dyad__sctx *s, size_t i)
{
    for (size_t k = i; k-- > 0;) {
        if (s->dead[k]) continue;
        return s->pc[s->piece_of[k]].kind == DYAD__P_VERB;
    }
    return 0;
}

/* Is token i a comma (or dash) that opens a subject relative clause on the
 * actor right before it ("Ahmadinejad, who pledged", "the army, which
 * later shelled")? Returns that actor's unit, else -1. An object relative
 * ("the Quds Force, which it accused") is not one: its subject is there. */
static int32_t relative_antecedent(const dyad__sctx *s, size_t i)
{
    static const char *const relative[] = {"WHO", "WHICH", NULL};
    size_t j = i + 1;
    while (j < s->nt && (s->dead[j] || s->t[j].kind == DYAD__TK_QUOTE)) j++;
    if (j >= s->nt || !(s->t[j].cls & DYAD__CLS_SUBORD) ||
        !dyad__tok_is(&s->t[j], relative))
        return -1;
    size_t k = j + 1;
    while (k < s->nt && ((s->t[k].cls & (DYAD__CLS_AUX | DYAD__CLS_MODAL |
                                         DYAD__CLS_NEG)) ||
                         dyad__filler_word(&s->t[k])))   /* "who later shelled" */
        k++;
    if (k >= s->nt || s->pc[s->piece_of[k]].kind != DYAD__P_VERB) return -1;
    for (size_t u = 0; u < s->nun; u++)
        if (s->un[u].to == i && !s->dead[s->un[u].from]) return (int32_t)u;
    return -1;
}

static void comma_clauses(dyad__sctx *s)
{
    const dyad_options *o = s->opt;
    size_t commas[256], nc = 0;
    for (size_t i = 0; i < s->nt && nc < DYAD_ARRAY_LEN(commas); i++)
        if (comma_like(&s->t[i]) && !in_compound(s, i)) commas[nc++] = i;
    if (!nc) return;
    /* decide on the original segmentation, then remove */
    size_t first_to = commas[0];
    size_t w = count_words(s, 0, first_to);
    int kill_first = o->comma_bmax > 0 && (int)w >= o->comma_bmin &&
                     (int)w <= o->comma_bmax && !has_verb(s, 0, first_to);
    int kill_mid[256] = {0};
    for (size_t k = 0; k + 1 < nc; k++) {
        size_t mw = count_words(s, commas[k] + 1, commas[k + 1]);
        kill_mid[k] = o->comma_max > 0 && (int)mw >= o->comma_min &&
                      (int)mw <= o->comma_max &&
                      !starts_with_verb(s, commas[k], commas[k + 1]) &&
                      relative_antecedent(s, commas[k]) < 0;
    }
    size_t lw = count_words(s, commas[nc - 1] + 1, s->nt);
    int kill_last = o->comma_emax > 0 && (int)lw >= o->comma_emin &&
                    (int)lw <= o->comma_emax &&
                    !starts_with_verb(s, commas[nc - 1], s->nt) &&
                    relative_antecedent(s, commas[nc - 1]) < 0;
    if (kill_first) kill(s, 0, first_to + 1, "opening");
    for (size_t k = 0; k + 1 < nc; k++)
        if (kill_mid[k]) kill(s, commas[k], commas[k + 1], "inner");
    if (kill_last && !verb_before(s, commas[nc - 1]))
        kill(s, commas[nc - 1], s->nt, "closing");
}

/* After token i (a comma), does a subject followed by its verb start? */
static int new_subject_at(const dyad__sctx *s, size_t i)
{
    size_t j = i + 1;
    while (j < s->nt && (s->dead[j] || s->t[j].kind == DYAD__TK_QUOTE)) j++;
    if (j >= s->nt || s->unit_at[j] < 0) return 0;
    const dyad__unit *u = &s->un[s->unit_at[j]];
    size_t k = u->to;
    while (k < s->nt && (s->t[k].cls & (DYAD__CLS_MODAL | DYAD__CLS_AUX |
                                        DYAD__CLS_NEG)))
        k++;
    if (k >= s->nt) return 0;
    int kind = s->pc[s->piece_of[k]].kind;
    return kind == DYAD__P_VERB || (s->t[k].cls & DYAD__CLS_ATTRIB);
}

/* Does an adverbial clause with its own subject start at token i ("after
 * revolutionaries seized", "when Iraq attacked")? i is a subordinating
 * conjunction of time or cause (not "while" or "although": what they
 * join is news on both sides; not "until": "will not lift the embargo
 * until Cuba reforms" names the target there), followed by a noun phrase
 * (known or not) and its verb. "after meeting Maliki", "since 2003" and
 * "as well as" do not start one. */
static int adverbial_at(const dyad__sctx *s, size_t i)
{
    static const char *const conj[] = {"AFTER", "BEFORE", "WHEN", "BECAUSE", NULL};
    if (!(s->t[i].cls & DYAD__CLS_SUBORD) || !dyad__tok_is(&s->t[i], conj) ||
        i + 1 >= s->nt)
        return 0;
    size_t k = s->chunk_end ? s->chunk_end[i + 1] : 0;
    if (k <= i + 1) return 0;
    while (k < s->nt && (s->t[k].cls & (DYAD__CLS_MODAL | DYAD__CLS_AUX |
                                        DYAD__CLS_NEG)))
        k++;
    return k < s->nt && s->pc[s->piece_of[k]].kind == DYAD__P_VERB;
}

static void add_clause(dyad__sctx *s, size_t from, size_t to, int after_conj,
                       int adverbial, int32_t subject)
{
    if (to <= from) return;
    dyad__clause *c = &s->cl[s->ncl++];
    c->from = (uint32_t)from;
    c->to = (uint32_t)to;
    c->after_conj = after_conj;
    c->subject = subject;
    c->adverbial = adverbial;
}

static void split_clauses(dyad__sctx *s)
{
    size_t start = 0;
    int after = 0;
    int32_t subject = -1, next_subject = -1;
    int adverbial = 0;
    for (size_t i = 0; i < s->nt; i++) {
        const dyad__tok *t = &s->t[i];
        if (s->dead[i]) continue;
        int cut = 0;
        if (comma_like(t) && !in_compound(s, i) &&
            (next_subject = relative_antecedent(s, i)) >= 0) {
            cut = 1;                       /* "X, who pledged ..." */
        } else if (subject >= 0 && comma_like(t) && !in_compound(s, i) &&
                   starts_with_verb(s, i, s->nt)) {
            cut = 2;        /* "X, who ..., met Y": X's own verb resumes */
        } else if (t->kind == DYAD__TK_SEMI) {
            cut = 1;
        } else if ((t->cls & DYAD__CLS_CONJ) && !in_compound(s, i) && i > 0 &&
                   s->unit_at[i] < 0) {
            size_t next = i + 1;
            while (next < s->nt &&
                   !((s->t[next].cls & DYAD__CLS_CONJ) && !in_compound(s, next)) &&
                   s->t[next].kind != DYAD__TK_SEMI)
                next++;
            cut = has_verb(s, start, i) && has_verb(s, i + 1, next) ? 2 : 0;
        } else if (t->kind == DYAD__TK_COMMA && !in_compound(s, i) &&
                   has_verb(s, start, i) && new_subject_at(s, i)) {
            cut = 1;
        } else if (i > start && adverbial_at(s, i) && has_verb(s, start, i)) {
            cut = 3;              /* "..., after revolutionaries seized ..." */
        }
        if (!cut) continue;
        add_clause(s, start, i, after, adverbial, subject);
        start = i + 1;
        after = cut == 2;
        adverbial = cut == 3 || (adverbial && cut == 2);
        subject = next_subject;
        next_subject = -1;
    }
    add_clause(s, start, s->nt, after, adverbial, subject);
    if (DYAD__TRACING(s) && s->ncl > 1)
        for (size_t k = 0; k < s->ncl; k++)
            dyad__tracef(s, DYAD_TRACE_CLAUSE, "clause %zu: '%.*s'", k + 1,
                         (int)(s->t[s->cl[k].to - 1].off +
                               s->t[s->cl[k].to - 1].len -
                               s->t[s->cl[k].from].off),
                         s->text + s->t[s->cl[k].from].off);
}

dyad_status dyad__clauses(dyad__sctx *s)
{
    s->cl = dyad__arena_alloc(s->a, (s->nt + 1) * sizeof *s->cl);
    if (!s->cl) return DYAD_ENOMEM;
    s->ncl = 0;
    comma_clauses(s);
    split_clauses(s);
    return DYAD_OK;
}

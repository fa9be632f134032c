/*
 * phrase.c - the second coding stage: noun phrases that name actors.
 *
 * Runs of nominal pieces (actors, agents, nouns, determiners, adjectives,
 * names, possessive 's) form noun phrases. Inside one, the first actor is
 * the head ("Iran's Supreme Leader"); a later actor of the same country
 * with a longer code refines it ("Iranian President Ahmadinejad"); agents
 * add their codes before or after (IRN + ~GOV = IRNGOV), unless already
 * present on a three-letter boundary; "former" turns agents into ELI. An
 * actor after an adjective-like word starts a new phrase ("the evil Arnor
 * awful Gondor" is two). Then:
 *   - compounds: "A, B and C", "neither A nor B", with agents shared
 *     ("Danish media and government" -> DNKMED, DNKGOV);
 *   - agents across of/in/from: "lawmakers in Fornost and Gondor";
 *   - pronouns take the codes of their antecedent (TABARI's rules, and the
 *     previous sentence's first actor when the sentence has none);
 *   - with new_actor_length set, unknown noun phrases become actors.
 * The result is a list of actor units (single phrases or compounds) that
 * patterns and the default source/target search work on.
 */
#include <stdio.h>
#include <stdlib.h>

#include "mood.h"
#include "sent.h"

/* --------------------------------------------------------- helpers */

static int is_s(const dyad__tok *t)
{
    return t->uplen == 2 && t->up[0] == '\'' && t->up[1] == 'S';
}

static int lower_word(const dyad__sctx *s, size_t i);

static int np_able_base(const dyad__sctx *s, size_t i)
{
    const dyad__piece *p = &s->pc[s->piece_of[i]];
    if (p->kind == DYAD__P_ACTOR || p->kind == DYAD__P_AGENT ||
        p->kind == DYAD__P_NOUN)
        return 1;
    if (p->kind == DYAD__P_VERB) return 0;
    const dyad__tok *t = &s->t[i];
    if (t->kind != DYAD__TK_WORD && t->kind != DYAD__TK_NUMBER) return 0;
    if (is_s(t)) return 1;
    if (t->cls & DYAD__CLS_POSSPRON) return 1;
    if (t->cls & (DYAD__CLS_CONJ | DYAD__CLS_PREP | DYAD__CLS_AUX |
                  DYAD__CLS_MODAL | DYAD__CLS_SUBORD | DYAD__CLS_TO |
                  DYAD__CLS_NEG | DYAD__CLS_ATTRIB | DYAD__CLS_PRON |
                  DYAD__CLS_NEITHER | DYAD__CLS_DAY))
        return 0;
    if (t->flags & DYAD__TF_ATTACHED) return 0;   /* n't, 're */
    return 1;
}

/* Nominal tokens, plus a conjunction between two plain lower-case words
 * ("awful and evil minister", "death and injury toll"). */
static int np_able(const dyad__sctx *s, size_t i)
{
    if (np_able_base(s, i)) return 1;
    const dyad__tok *t = &s->t[i];
    if (!(t->cls & DYAD__CLS_CONJ) || i == 0 || i + 1 >= s->nt) return 0;
    return lower_word(s, i - 1) && lower_word(s, i + 1) &&
           np_able_base(s, i - 1) && np_able_base(s, i + 1) &&
           s->pc[s->piece_of[i - 1]].kind == DYAD__P_WORD &&
           s->pc[s->piece_of[i + 1]].kind == DYAD__P_WORD;
}

static int lower_word(const dyad__sctx *s, size_t i)
{
    const dyad__tok *t = &s->t[i];
    return t->kind == DYAD__TK_WORD && !(t->flags & DYAD__TF_CAP) && !is_s(t) &&
           !(t->cls & (DYAD__CLS_DET | DYAD__CLS_POSSPRON | DYAD__CLS_FORMER |
                       DYAD__CLS_QUANT));
}

static char *concat3(dyad__arena *a, const char *x, const char *y,
                     const char *z)
{
    size_t lx = strlen(x), ly = strlen(y), lz = strlen(z);
    char *r = dyad__arena_alloc(a, lx + ly + lz + 1);
    if (!r) return NULL;
    memcpy(r, x, lx);
    memcpy(r + lx, y, ly);
    memcpy(r + lx + ly, z, lz + 1);
    return r;
}

/* Is ag already part of code on a three-letter boundary? */
static int has_at_boundary(const char *code, const char *ag)
{
    size_t lc = strlen(code), la = strlen(ag);
    for (size_t p = 0; p + la <= lc; p += 3)
        if (memcmp(code + p, ag, la) == 0) return 1;
    return 0;
}

/* The code of an actor with an agent. A person the dictionary knows only
 * as an elite on the date (IRQELI) takes the role the text gives him:
 * "Iraqi President Abdul Latif Rashid" is IRQGOV, not IRQELIGOV. */
static const char *apply_agent(dyad__arena *a, const char *code,
                               const char *ag, int prefix)
{
    if (has_at_boundary(code, ag)) return code;
    if (!prefix && strlen(code) == 6 && !strcmp(code + 3, "ELI")) {
        char country[4] = {code[0], code[1], code[2], '\0'};
        return concat3(a, country, ag, "");
    }
    return prefix ? concat3(a, ag, code, "") : concat3(a, code, ag, "");
}

const dyad__restr *dyad__actor_restr(const dyad__image *im,
                                     const dyad__actor *a, int date)
{
    for (uint32_t k = 0; k < a->n_restr; k++) {
        const dyad__restr *r = &im->restrs[a->first_restr + k];
        if (r->is_default) return r->n_codes ? r : NULL;
        if (!date) continue;               /* unknown date: use the default */
        if (r->from && date < r->from) continue;
        if (r->to && date > r->to) continue;
        return r->n_codes ? r : NULL;
    }
    return NULL;
}

/* --------------------------------------------------------- building */

typedef struct npb {              /* a phrase being built */
    uint32_t from, to;
    const dyad__actor *actor;     /* head actor entry */
    uint32_t actor_idx;
    const dyad__restr *restr;
    const char *base;             /* head code (first of a coded compound) */
    uint32_t n_agents;
    uint32_t agents[16];          /* agent indices */
    int former;
    int special;                  /* ### or +++ */
} npb;

/* Is the phrase starting at token `from` inside a prepositional phrase?
 * Scans left over nominal words, "of" and conjunctions ("On improvement of
 * primary health and Gondor's health centres") to a preposition or "to". */
static int in_pp(const dyad__sctx *s, size_t from)
{
    for (size_t k = from; k-- > 0;) {
        const dyad__tok *t = &s->t[k];
        if (t->cls & DYAD__CLS_TO) return 1;
        if ((t->cls & DYAD__CLS_PREP) && !(t->uplen == 2 && !memcmp(t->up, "OF", 2)))
            return !(t->cls & DYAD__CLS_SUBORD);   /* "after crowds burned" */
        if (t->uplen == 2 && !memcmp(t->up, "OF", 2)) continue;
        if ((t->cls & DYAD__CLS_CONJ) && strcmp(t->up, "BUT") != 0) continue;
        if (!np_able_base(s, k)) return 0;
    }
    return 0;
}

static dyad__np *new_np(dyad__sctx *s)
{
    dyad__np *np = &s->np[s->nnp++];
    memset(np, 0, sizeof *np);
    np->actor = np->restr = DYAD__NONE;
    np->unit = DYAD__NONE;
    return np;
}

/* End of the phrase's words for its text: trailing plain lower-case words
 * ("Mottaki also", "Baghdad next month") are left out. */
static uint32_t text_end(const dyad__sctx *s, uint32_t from, uint32_t to)
{
    while (to > from + 1) {
        const dyad__tok *t = &s->t[to - 1];
        int kind = s->pc[s->piece_of[to - 1]].kind;
        if (t->uplen == 2 && t->up[0] == '\'' && t->up[1] == 'S') {
            to--;                              /* "Iraq's" -> "Iraq" */
            continue;
        }
        if (kind != DYAD__P_WORD || (t->flags & DYAD__TF_CAP) ||
            t->kind != DYAD__TK_WORD)
            break;
        to--;
    }
    return to;
}

static dyad_status finish_np(dyad__sctx *s, npb *b)
{
    const dyad__image *im = s->im;
    if (!b->actor && !b->n_agents) return DYAD_OK;
    dyad__np *np = new_np(s);
    np->from = b->from;
    np->to = text_end(s, b->from, b->to);
    np->actor = b->actor ? b->actor_idx : DYAD__NONE;
    np->restr = b->restr ? (uint32_t)(b->restr - im->restrs) : DYAD__NONE;
    uint32_t nb = b->restr ? b->restr->n_codes : 1;
    np->codes = dyad__arena_alloc(s->a, nb * sizeof *np->codes);
    np->agents = dyad__arena_alloc(s->a, (b->n_agents + 1) * sizeof(char *));
    np->agent_prefix = dyad__arena_alloc(s->a, b->n_agents + 1);
    if (!np->codes || !np->agents || !np->agent_prefix) return DYAD_ENOMEM;
    for (uint32_t k = 0; k < b->n_agents; k++) {
        const dyad__agent *ag = &im->agents[b->agents[k]];
        np->agents[k] = b->former ? "ELI" : dyad__str(im, ag->code);
        np->agent_prefix[k] = (uint8_t)(b->former ? 0 : ag->prefix);
    }
    np->n_agents = b->n_agents;
    if (!b->actor) np->flags |= DYAD__NP_AGENT_ONLY;
    np->base = b->actor ? b->base : NULL;
    for (uint32_t c = 0; c < nb; c++) {
        const char *code = b->restr ? dyad__str(im, im->codes[b->restr->first_code + c])
                                    : "---";
        if (c == 0 && b->base) code = b->base;
        for (uint32_t k = 0; k < np->n_agents; k++) {
            code = apply_agent(s->a, code, np->agents[k], np->agent_prefix[k]);
            if (!code) return DYAD_ENOMEM;
        }
        np->codes[np->n_codes++] = code;
    }
    if (in_pp(s, b->from)) np->flags |= DYAD__NP_OBJ_OF_PREP;
    return DYAD_OK;
}

static void note_actor(dyad__sctx *s, npb *b, const dyad__piece *p)
{
    const dyad__image *im = s->im;
    const dyad__actor *a = &im->actors[p->payload];
    const dyad__restr *r = dyad__actor_restr(im, a, s->date);
    if (DYAD__TRACING(s)) {
        const char *rule = "null-coded on this date";
        char buf[64];
        if (r && r->is_default) rule = "default code";
        else if (r && r->from && r->to)
            rule = (snprintf(buf, sizeof buf, "dated, %d to %d", r->from, r->to), buf);
        else if (r && r->from)
            rule = (snprintf(buf, sizeof buf, "dated, from %d", r->from), buf);
        else if (r)
            rule = (snprintf(buf, sizeof buf, "dated, until %d", r->to), buf);
        dyad__tracef(s, DYAD_TRACE_ACTOR,
                     "'%.*s' = actor %s [%s] (%s:%u, %s)",
                     (int)(s->t[p->to - 1].off + s->t[p->to - 1].len -
                           s->t[p->from].off),
                     s->text + s->t[p->from].off, dyad__str(im, a->phrase),
                     r ? dyad__str(im, im->codes[r->first_code]) : "---",
                     dyad__str(im, a->file), a->line, rule);
    }
    if (!r) return;                              /* null on this date */
    const char *code = dyad__str(im, im->codes[r->first_code]);
    if (!strcmp(code, "###")) { s->discard = s->discard ? s->discard : 1; b->special = 1; return; }
    if (!strcmp(code, "+++")) { s->complex = 1; b->special = 1; return; }
    if (!b->actor) {
        b->actor = a;
        b->actor_idx = p->payload;
        b->restr = r;
        b->base = code;
        return;
    }
    /* refine with a more specific code of the same country */
    size_t lb = strlen(b->base), lc = strlen(code);
    if (lc > lb && memcmp(code, b->base, lb) == 0 && r->n_codes == 1) {
        b->actor = a;
        b->actor_idx = p->payload;
        b->restr = r;
        b->base = code;
    }
}

/* Does actor entry a code the same country as the phrase's head actor
 * ("his Iranian counterpart Manouchehr Mottaki" stays one phrase)? */
static int same_country(const dyad__sctx *s, const npb *b, const dyad__actor *a)
{
    const dyad__restr *r = dyad__actor_restr(s->im, a, s->date);
    if (!r || !b->base) return 0;
    const char *code = dyad__str(s->im, s->im->codes[r->first_code]);
    return strlen(code) >= 3 && strlen(b->base) >= 3 && !memcmp(code, b->base, 3);
}

/* Is the actor piece p only a modifier of what follows, joined to it by
 * a hyphen ("US-backed government", "Tehran-based group", "Saudi-funded
 * schools")? The backer, base or funder is no party to the act. ("US-led
 * forces" are the leader's: "-led" is not in the list.) */
static int hyphen_modifier(const dyad__sctx *s, const dyad__piece *p)
{
    static const char *const participles[] = {
        "BACKED", "BASED", "BORN", "MADE", "FUNDED", "FINANCED", "SPONSORED",
        "TRAINED", "ARMED", "SUPPORTED", "ALIGNED", "ALLIED", "FRIENDLY",
        "BUILT", "OWNED", "EDUCATED", "BROKERED", "MEDIATED", NULL};
    return p->to < s->nt && (s->t[p->to].flags & DYAD__TF_HYPHEN) &&
           dyad__tok_is(&s->t[p->to], participles);
}

/* Split one chunk of nominal tokens into phrases. */
static dyad_status build_chunk(dyad__sctx *s, size_t from, size_t to)
{
    npb b;
    memset(&b, 0, sizeof b);
    b.from = (uint32_t)from;
    size_t last_nominal = from;     /* end of the last actor/agent piece */
    int lower_since = 0, s_since = 0;
    for (size_t i = from; i < to;) {
        const dyad__piece *p = &s->pc[s->piece_of[i]];
        const dyad__tok *t = &s->t[i];
        if (p->kind == DYAD__P_ACTOR && !hyphen_modifier(s, p)) {
            const dyad__actor *a = &s->im->actors[p->payload];
            int live = dyad__actor_restr(s->im, a, s->date) != NULL;
            if (live && b.actor && lower_since && !s_since &&
                !same_country(s, &b, a)) {
                b.to = (uint32_t)last_nominal;
                if (finish_np(s, &b)) return DYAD_ENOMEM;
                memset(&b, 0, sizeof b);
                b.from = (uint32_t)last_nominal;
            }
            note_actor(s, &b, p);
            last_nominal = p->to;
            lower_since = s_since = 0;
        } else if (p->kind == DYAD__P_AGENT) {
            if (b.n_agents < DYAD_ARRAY_LEN(b.agents)) b.agents[b.n_agents++] = p->payload;
            if (DYAD__TRACING(s)) {
                const dyad__agent *ag = &s->im->agents[p->payload];
                dyad__tracef(s, DYAD_TRACE_AGENT, "'%.*s' = agent %s [%s%s%s] (%s:%u)",
                             (int)(s->t[p->to - 1].off + s->t[p->to - 1].len - t->off),
                             s->text + t->off, dyad__str(s->im, ag->phrase),
                             ag->prefix ? "" : "~", dyad__str(s->im, ag->code),
                             ag->prefix ? "~" : "", dyad__str(s->im, ag->file), ag->line);
            }
            last_nominal = p->to;
            lower_since = s_since = 0;
        } else {
            if (t->cls & DYAD__CLS_FORMER) b.former = 1;
            if (is_s(t)) s_since = 1;
            else if (lower_word(s, i)) lower_since = 1;
        }
        i = p->to > i ? p->to : i + 1;
    }
    b.to = (uint32_t)to;
    return finish_np(s, &b);
}

/* ------------------------------------------------------------ units */

static int is_tok(const dyad__sctx *s, size_t i, uint32_t cls)
{
    return i < s->nt && (s->t[i].cls & cls);
}

static int is_and_word(const dyad__sctx *s, size_t i)
{
    return i < s->nt && (s->t[i].cls & DYAD__CLS_CONJ) &&
           !(s->t[i].uplen == 3 && !memcmp(s->t[i].up, "BUT", 3));
}

/* Does a compound separator run from token a to token b (exclusive)?
 * Returns 1 for ",", 2 for a conjunction (with optional comma before). */
static int separator(const dyad__sctx *s, size_t a, size_t b)
{
    if (b == a + 1 && s->t[a].kind == DYAD__TK_COMMA) return 1;
    if (b == a + 1 && is_and_word(s, a)) return 2;
    if (b == a + 2 && s->t[a].kind == DYAD__TK_COMMA && is_and_word(s, a + 1))
        return 2;
    return 0;
}

/* A main verb (not a modal or auxiliary the dictionary lists as a verb)
 * starts at token k? */
static int main_verb_at(const dyad__sctx *s, size_t k)
{
    const dyad__piece *p = &s->pc[s->piece_of[k]];
    if (p->kind != DYAD__P_VERB) return 0;
    const dyad__tok *t = &s->t[p->from + s->im->vforms[p->payload].verb_word];
    return !(t->cls & (DYAD__CLS_MODAL | DYAD__CLS_AUX));
}

/* "arrived in Kestria and Zendar criticized him": the first phrase is an
 * object (after a verb or preposition), a main verb follows the last one,
 * and a main verb stands before: the conjunction joins two clauses. After
 * a conjunction or at the start ("but Zendar and Tarsis praised") the
 * phrases are a compound subject. */
static int clause_join(const dyad__sctx *s, const dyad__np *first,
                       const dyad__np *last)
{
    if (first->from == 0) return 0;
    const dyad__tok *before = &s->t[first->from - 1];
    if ((before->cls & (DYAD__CLS_CONJ | DYAD__CLS_NEITHER)) ||
        before->kind == DYAD__TK_COMMA || before->kind == DYAD__TK_SEMI ||
        before->kind == DYAD__TK_QUOTE)
        return 0;
    size_t after = last->to;
    while (after < s->nt && s->pc[s->piece_of[after]].kind == DYAD__P_WORD &&
           s->t[after].kind == DYAD__TK_WORD && !(s->t[after].flags & DYAD__TF_CAP) &&
           !s->t[after].cls)
        after++;                                   /* trailing plain words */
    if (after >= s->nt || !main_verb_at(s, after)) return 0;
    for (size_t k = first->from; k-- > 0;) {
        if (s->t[k].kind == DYAD__TK_SEMI) break;
        if (main_verb_at(s, k)) return 1;
    }
    return 0;
}

static dyad_status add_unit(dyad__sctx *s, uint32_t first, uint32_t n)
{
    dyad__unit *u = &s->un[s->nun];
    u->first_np = first;
    u->n_np = n;
    u->from = s->np[first].from;
    u->to = s->np[first + n - 1].to;
    for (uint32_t k = 0; k < n; k++) s->np[first + k].unit = (uint32_t)s->nun;
    s->nun++;
    return DYAD_OK;
}

/* "Danish media and government": a member with agents only takes the actor
 * (and the leading agents) of the member before it. */
static dyad_status inherit(dyad__sctx *s, dyad__np *prev, dyad__np *np)
{
    if (!(np->flags & DYAD__NP_AGENT_ONLY) || !prev->base || !prev->n_agents)
        return DYAD_OK;
    const char *code = prev->base;
    for (uint32_t k = 0; k + 1 < prev->n_agents; k++)
        code = apply_agent(s->a, code, prev->agents[k], prev->agent_prefix[k]);
    for (uint32_t k = 0; k < np->n_agents && code; k++)
        code = apply_agent(s->a, code, np->agents[k], np->agent_prefix[k]);
    if (!code) return DYAD_ENOMEM;
    np->codes[0] = code;
    np->n_codes = 1;
    np->base = prev->base;
    np->flags &= ~(uint32_t)DYAD__NP_AGENT_ONLY;
    return DYAD_OK;
}

static dyad_status group_compounds(dyad__sctx *s)
{
    size_t k = 0;
    while (k < s->nnp) {
        size_t e = k + 1;
        int closed = 0;
        while (e < s->nnp) {
            int sep = separator(s, s->np[e - 1].to, s->np[e].from);
            if (!sep) break;
            e++;
            if (sep == 2) {          /* the conjunction closes the list */
                closed = 1;
                break;
            }
        }
        /* "A, B" without a conjunction is an apposition, not a list; and
         * "V-ed A and B V-ed" joins two clauses, not two actors */
        if (!closed || clause_join(s, &s->np[k], &s->np[e - 1])) e = k + 1;
        for (size_t m = k + 1; m < e; m++)
            if (inherit(s, &s->np[m - 1], &s->np[m])) return DYAD_ENOMEM;
        add_unit(s, (uint32_t)k, (uint32_t)(e - k));
        k = e;
    }
    return DYAD_OK;
}

/* Agents + of/in/from + actors: the agents go to each actor ("the
 * ambassadors of Arnor, Osgiliath and Gondor", "lawmakers and officials in
 * Fornost and Gondor"). When only the last members of a compound are
 * agents ("Ithilen and the government of Gondor") those members combine
 * and the others stay. */
static dyad_status attach_across(dyad__sctx *s, size_t np_cap)
{
    for (size_t u = 0; u + 1 < s->nun; u++) {
        dyad__unit *a = &s->un[u], *b = &s->un[u + 1];
        if (b->from != a->to + 1 || !is_tok(s, a->to, DYAD__CLS_OF)) continue;
        uint32_t keep = a->n_np;     /* members before the agent-only tail */
        while (keep > 0 &&
               (s->np[a->first_np + keep - 1].flags & DYAD__NP_AGENT_ONLY))
            keep--;
        uint32_t tail = a->n_np - keep;
        /* "its troops from Georgia" are not Georgia's */
        if (tail && (s->t[s->np[a->first_np + keep].from].cls & DYAD__CLS_POSSPRON))
            continue;
        int actors = 1;
        for (uint32_t k = 0; k < b->n_np; k++)
            actors &= s->np[b->first_np + k].base != NULL;
        if (!tail || !actors || b->n_np == 0) continue;
        size_t need = keep + (size_t)tail * b->n_np;
        if (s->nnp + need > np_cap) continue;
        uint32_t first = (uint32_t)s->nnp;
        for (uint32_t i = 0; i < keep; i++) *new_np(s) = s->np[a->first_np + i];
        for (uint32_t i = 0; i < tail; i++) {
            const dyad__np *ag = &s->np[a->first_np + keep + i];
            for (uint32_t j = 0; j < b->n_np; j++) {
                const dyad__np *ac = &s->np[b->first_np + j];
                dyad__np *np = new_np(s);
                *np = *ac;
                np->codes = dyad__arena_alloc(s->a, ac->n_codes * sizeof(char *));
                if (!np->codes) return DYAD_ENOMEM;
                for (uint32_t c = 0; c < ac->n_codes; c++) {
                    const char *code = ac->codes[c];
                    for (uint32_t q = 0; q < ag->n_agents && code; q++)
                        code = apply_agent(s->a, code, ag->agents[q],
                                           ag->agent_prefix[q]);
                    if (!code) return DYAD_ENOMEM;
                    np->codes[c] = code;
                }
                np->from = ag->from;   /* text: "ambassadors ... Arnor" */
                np->flags = (ac->flags & ~(uint32_t)DYAD__NP_OBJ_OF_PREP) |
                            (ag->flags & DYAD__NP_OBJ_OF_PREP);
            }
        }
        for (uint32_t k = 0; k < tail; k++)
            s->np[a->first_np + keep + k].flags |= DYAD__NP_ABSORBED;
        a->first_np = first;
        a->n_np = (uint32_t)need;
        a->to = b->to;
        memmove(b, b + 1, (s->nun - u - 2) * sizeof *b);
        s->nun--;
    }
    return DYAD_OK;
}

/* ---------------------------------------------------------- pronouns */

static const dyad__np *antecedent(dyad__sctx *s, size_t pos, int plural,
                                  uint32_t *n_out)
{
    const dyad__unit *first = NULL, *compound = NULL;
    for (size_t u = 0; u < s->nun; u++) {
        const dyad__unit *un = &s->un[u];
        if (un->from >= pos) break;
        const dyad__np *np = &s->np[un->first_np];
        if (np->flags & DYAD__NP_PRONOUN) continue;
        if (!plural && !dyad__person_like(np)) continue;
        if (!s->quoted[pos] && s->quoted[un->from]) continue;  /* '"...," he said' */
        if (!first) first = un;
        if (un->n_np > 1 && !compound) compound = un;
    }
    const dyad__unit *pick = plural && compound ? compound : first;
    if (pick) {
        *n_out = pick->n_np;
        return &s->np[pick->first_np];
    }
    *n_out = 1;
    if (s->prev_first && !plural && !dyad__person_like(s->prev_first)) return NULL;
    return s->prev_first;
}

static dyad_status pronouns(dyad__sctx *s, size_t np_cap)
{
    for (size_t i = 0; i < s->nt; i++) {
        const dyad__tok *t = &s->t[i];
        if (!(t->cls & DYAD__CLS_PRON) || s->unit_at[i] >= 0) continue;
        int plural;
        if (!strcmp(t->up, "HE") || !strcmp(t->up, "SHE") ||
            !strcmp(t->up, "HIM") || !strcmp(t->up, "HER"))
            plural = 0;
        else if (!strcmp(t->up, "THEY") || !strcmp(t->up, "THEM"))
            plural = 1;
        else
            continue;          /* it, we, you, us: too often not an actor */
        uint32_t n = 0;
        const dyad__np *ante = antecedent(s, i, plural, &n);
        if (!ante || s->nnp + n > np_cap || s->nun >= np_cap) continue;
        uint32_t first = (uint32_t)s->nnp;
        for (uint32_t k = 0; k < n; k++) {
            dyad__np *np = new_np(s);
            *np = ante[k];
            np->from = (uint32_t)i;
            np->to = (uint32_t)i + 1;
            np->flags |= DYAD__NP_PRONOUN;
        }
        add_unit(s, first, n);
        if (DYAD__TRACING(s))
            dyad__tracef(s, DYAD_TRACE_ACTOR, "'%s' refers to %s", t->up,
                         ante->codes[0]);
    }
    return DYAD_OK;
}

/* ------------------------------------------------- definite descriptions */

/* Does the code name a country or organisation (not "---", not a new
 * phrase's quoted words)? */
static int has_country(const char *code)
{
    return code && strlen(code) >= 3 && strncmp(code, "---", 3) != 0 && code[0] != '"';
}

/* The actors before token pos, nearest first: this sentence's units, then
 * the document's earlier sentences. Calls want(np) until it says stop. */
typedef int (*seen_fn)(void *ud, const dyad__np *np);

static void earlier_actors(const dyad__sctx *s, size_t pos, seen_fn want, void *ud)
{
    for (size_t u = s->nun; u-- > 0;) {
        const dyad__unit *un = &s->un[u];
        if (un->from >= pos) continue;
        for (uint32_t k = un->n_np; k-- > 0;) {
            const dyad__np *np = &s->np[un->first_np + k];
            if (np->flags & (DYAD__NP_PRONOUN | DYAD__NP_NEW)) continue;
            if (!np->n_codes || !has_country(np->codes[0])) continue;
            if (!want(ud, np)) return;
        }
    }
    for (size_t k = s->n_recent; k-- > 0;)
        if (!want(ud, s->recent[k])) return;
}

typedef struct by_role {
    const char *role;          /* "GOV" of ---GOV */
    const char *found;
} by_role;

static int same_role(void *ud, const dyad__np *np)
{
    by_role *b = ud;
    const char *c = np->codes[0];
    size_t n = strlen(c), m = strlen(b->role);
    if (n >= 3 + m && !strcmp(c + n - m, b->role)) {
        b->found = c;
        return 0;
    }
    return 1;
}

typedef struct countries {
    const dyad__np *np[3];
    uint32_t n, want;
} countries;

static int distinct_country(void *ud, const dyad__np *np)
{
    countries *c = ud;
    for (uint32_t k = 0; k < c->n; k++)
        if (!strncmp(c->np[k]->codes[0], np->codes[0], 3)) return 1;
    c->np[c->n++] = np;
    return c->n < c->want;
}

/* "the two countries", "both sides", "the three sides": how many. */
static uint32_t group_phrase(const dyad__sctx *s, size_t i, size_t *end)
{
    static const char *const heads[] = {
        "COUNTRIES", "SIDES", "NATIONS", "NEIGHBOURS", "NEIGHBORS",
        "GOVERNMENTS", "CAPITALS", "STATES", "PARTIES", "ALLIES", "RIVALS",
        NULL};
    size_t k = i;
    const char *w = s->t[k].up;
    if (!w || (w[0] != 'T' && w[0] != 'B')) return 0;   /* THE, TWO, THREE, BOTH */
    if (!strcmp(w, "THE")) k++;
    if (k + 1 >= s->nt || !s->t[k].up) return 0;
    uint32_t n = !strcmp(s->t[k].up, "TWO") || !strcmp(s->t[k].up, "BOTH") ? 2
                 : !strcmp(s->t[k].up, "THREE") ? 3 : 0;
    if (!n || (k == i && !strcmp(s->t[k].up, "TWO"))) return 0;  /* "two sides of" */
    k++;
    if (s->t[k].up && (!strcmp(s->t[k].up, "NEIGHBOURING") ||
                       !strcmp(s->t[k].up, "NEIGHBORING")))
        k++;
    if (k >= s->nt || !s->t[k].up) return 0;
    for (const char *const *h = heads; *h; h++)
        if (!strcmp(s->t[k].up, *h)) {
            *end = k + 1;
            return n;
        }
    return 0;
}

/* Definite descriptions, resolved against the actors named before them:
 * an agent with no country after "the" ("the president", "The Leader",
 * "the police") takes the nearest earlier actor of that role (IRNGOV);
 * "the two countries", "both sides", "the three sides" become a compound
 * of the nearest two or three distinct countries. */
static dyad_status descriptions(dyad__sctx *s, size_t np_cap)
{
    size_t nun = s->nun;
    for (size_t u = 0; u < nun; u++) {
        dyad__unit *un = &s->un[u];
        dyad__np *np = &s->np[un->first_np];
        if (un->n_np != 1 || !(np->flags & DYAD__NP_AGENT_ONLY) ||
            np->n_codes != 1 || strncmp(np->codes[0], "---", 3) || !np->codes[0][3])
            continue;
        const dyad__tok *t = &s->t[np->from];
        if (!t->up || strcmp(t->up, "THE")) continue;
        by_role b = {np->codes[0] + 3, NULL};
        /* "the ayatollah" after "Ayatollah Ali Khamenei": the title's
         * bearer, else the role's nearest actor */
        const dyad__tok *head = &s->t[np->to - 1];
        for (size_t k = s->n_recent; k-- > 0 && head->up && head->uplen > 2;) {
            const char *w = s->recent_words ? s->recent_words[k] : NULL;
            const char *f = w ? strstr(w, head->up) : NULL;
            if (f && f[-1] == ' ' && (f[head->uplen] == ' ' || !f[head->uplen]) &&
                has_country(s->recent[k]->codes[0])) {
                b.found = s->recent[k]->codes[0];
                break;
            }
        }
        if (!b.found) earlier_actors(s, np->from, same_role, &b);
        if (!b.found) continue;
        if (DYAD__TRACING(s))
            dyad__tracef(s, DYAD_TRACE_ACTOR, "'%.*s' refers to %s",
                         (int)(s->t[np->to - 1].off + s->t[np->to - 1].len - t->off),
                         s->text + t->off, b.found);
        np->codes[0] = b.found;
    }
    for (size_t i = 0; i < s->nt; i++) {
        size_t end = 0;
        uint32_t n = s->unit_at[i] < 0 && s->np_of[i] < 0 ? group_phrase(s, i, &end) : 0;
        if (!n) continue;
        countries c = {{NULL, NULL, NULL}, 0, n};
        earlier_actors(s, i, distinct_country, &c);
        if (c.n < n || s->nnp + n > np_cap || s->nun >= np_cap) continue;
        uint32_t first = (uint32_t)s->nnp;
        for (uint32_t k = 0; k < n; k++) {
            dyad__np *np = new_np(s);
            *np = *c.np[n - 1 - k];               /* in the order named */
            np->from = (uint32_t)i;
            np->to = (uint32_t)end;
            np->flags |= DYAD__NP_PRONOUN;
            np->flags &= ~(uint32_t)DYAD__NP_OBJ_OF_PREP;
            if (in_pp(s, i)) np->flags |= DYAD__NP_OBJ_OF_PREP;
        }
        add_unit(s, first, n);
        if (DYAD__TRACING(s))
            dyad__tracef(s, DYAD_TRACE_ACTOR, "'%.*s' refers to %s and %s%s%s",
                         (int)(s->t[end - 1].off + s->t[end - 1].len - s->t[i].off),
                         s->text + s->t[i].off, c.np[n - 1]->codes[0],
                         c.np[n - 2]->codes[0], n > 2 ? " and " : "",
                         n > 2 ? c.np[0]->codes[0] : "");
        i = end - 1;
    }
    return DYAD_OK;
}

/* ------------------------------------------------------------ names */

int dyad__name_token(const dyad__sctx *s, size_t i)
{
    const dyad__tok *t = &s->t[i];
    return t->kind == DYAD__TK_WORD && (t->flags & DYAD__TF_CAP) && !t->cls &&
           t->uplen >= 3 && s->pc[s->piece_of[i]].kind == DYAD__P_WORD;
}

/* A name outside every phrase ("Karim Haddad" in "Karim Haddad, the
 * Lebanese ambassador"). */
static int free_name(const dyad__sctx *s, size_t i)
{
    return s->np_of[i] < 0 && dyad__name_token(s, i);
}

/* A copy of np standing at tokens [from, to) of this sentence, as its own
 * unit. */
static dyad_status place_np(dyad__sctx *s, const dyad__np *np, size_t from,
                            size_t to)
{
    dyad__np *n = new_np(s);
    *n = *np;
    n->from = (uint32_t)from;
    n->to = (uint32_t)to;
    n->flags &= ~(uint32_t)(DYAD__NP_OBJ_OF_PREP | DYAD__NP_PRONOUN | DYAD__NP_ABSORBED);
    if (in_pp(s, from)) n->flags |= DYAD__NP_OBJ_OF_PREP;
    for (size_t k = from; k < to; k++) s->np_of[k] = (int32_t)(s->nnp - 1);
    return add_unit(s, (uint32_t)(s->nnp - 1), 1);
}

/* Appositions: "Karim Haddad, the Lebanese ambassador to Jordan, said": a
 * name no dictionary knows, set off by a comma before a phrase with a
 * country and a role, is that phrase's actor (and is remembered under its
 * name for later sentences); a known person the dictionary codes only as
 * an elite on the date ("Ryan Crocker, the US envoy", undated) takes the
 * apposition's role when the country agrees. */
static dyad_status appositions(dyad__sctx *s, size_t np_cap)
{
    size_t nun = s->nun;
    for (size_t u = 0; u < nun; u++) {
        const dyad__unit *un = &s->un[u];
        const dyad__np *role = &s->np[un->first_np];
        if (un->n_np != 1 || un->from < 2 || !role->n_agents ||
            role->n_codes != 1 || !has_country(role->codes[0]) ||
            s->t[un->from - 1].kind != DYAD__TK_COMMA)
            continue;
        size_t end = un->from - 1, beg = end;
        while (beg > 0 && free_name(s, beg - 1)) beg--;
        if (beg < end) {
            /* two names, or one inside the sentence ("However," is not) */
            if (end - beg < 2 && (s->t[beg].flags & DYAD__TF_SENT_START)) continue;
            if (beg > 0 && s->npa[beg - 1] &&
                !(s->t[beg - 1].cls & (DYAD__CLS_PREP | DYAD__CLS_CONJ |
                                       DYAD__CLS_ATTRIB)))
                continue;              /* "the visiting Karim Haddad": not a name */
            if (s->nnp >= np_cap || s->nun >= np_cap) break;
            if (place_np(s, role, beg, end)) return DYAD_ENOMEM;
            if (DYAD__TRACING(s))
                dyad__tracef(s, DYAD_TRACE_ACTOR, "'%.*s' = %s (apposition)",
                             (int)(s->t[end - 1].off + s->t[end - 1].len - s->t[beg].off),
                             s->text + s->t[beg].off, role->codes[0]);
            continue;
        }
        int32_t k = s->np_of[end - 1];
        if (k < 0) continue;
        dyad__np *person = &s->np[k];
        const char *c = person->n_codes == 1 ? person->codes[0] : NULL;
        size_t n = c ? strlen(c) : 0;
        if (n == 6 && !strcmp(c + 3, "ELI") && !person->n_agents &&
            !strncmp(c, role->codes[0], 3))
            person->codes[0] = role->codes[0];
    }
    return DYAD_OK;
}

/* Does every name word of tokens [from, to) stand as a whole word in the
 * remembered names? */
static int names_match(const dyad__sctx *s, size_t from, size_t to,
                       const char *names, int known)
{
    int any = 0;
    for (size_t i = from; i < to; i++) {
        const dyad__tok *t = &s->t[i];
        if (known ? !(t->flags & DYAD__TF_CAP) || t->uplen < 3 : !dyad__name_token(s, i))
            continue;
        const char *f = names;
        while ((f = strstr(f, t->up)) != NULL &&
               !(f[-1] == ' ' && (f[t->uplen] == ' ' || !f[t->uplen])))
            f += t->uplen;
        if (!f) return 0;
        any = 1;
    }
    return any;
}

/* Is np a person the dictionaries know only as an elite on the date
 * ("Rashid" with no date: IRQELI)? */
static int elite_only(const dyad__np *np)
{
    const char *c = np->n_codes == 1 ? np->codes[0] : NULL;
    return c && strlen(c) == 6 && !strcmp(c + 3, "ELI") && !np->n_agents;
}

/* Later mentions of a new person: "Haddad said" (or "Ambassador Haddad")
 * after "Karim Haddad, the Lebanese ambassador" or "Lebanese Ambassador
 * Karim Haddad" takes the code that the title gave the name; so does a
 * known person the dictionaries give only as an elite ("Rashid said" after
 * "Iraqi President Abdul Latif Rashid"). */
static dyad_status known_names(dyad__sctx *s, size_t np_cap)
{
    if (!s->n_recent || !s->recent_names) return DYAD_OK;
    for (size_t i = 0; i < s->nt;) {
        int32_t in = s->np_of[i];
        int elite = in >= 0 && elite_only(&s->np[in]) && (s->t[i].flags & DYAD__TF_CAP);
        if (!elite && (!dyad__name_token(s, i) ||
                       (in >= 0 && !(s->np[in].flags & DYAD__NP_AGENT_ONLY)))) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < s->nt && s->np_of[j] == in &&
               (elite ? (s->t[j].flags & DYAD__TF_CAP) != 0 : dyad__name_token(s, j)))
            j++;
        const dyad__np *who = NULL;
        for (size_t k = s->n_recent; k-- > 0 && !who;) {
            const char *names = elite ? (s->recent_words ? s->recent_words[k] : NULL)
                                      : s->recent_names[k];
            if (names && names[0] && names_match(s, i, j, names, elite) &&
                dyad__person_like(s->recent[k]) && has_country(s->recent[k]->codes[0]))
                who = s->recent[k];
        }
        if (who && elite &&
            (elite_only(who) || strncmp(who->codes[0], s->np[in].codes[0], 3)))
            who = NULL;                  /* only a role of his own country */
        if (who && in >= 0) {            /* "Ambassador Haddad": the agent's phrase */
            s->np[in].codes[0] = who->codes[0];
            s->np[in].flags &= ~(uint32_t)DYAD__NP_AGENT_ONLY;
        } else if (who) {
            if (s->nnp >= np_cap || s->nun >= np_cap) break;
            if (place_np(s, who, i, j)) return DYAD_ENOMEM;
        }
        if (who && DYAD__TRACING(s))
            dyad__tracef(s, DYAD_TRACE_ACTOR, "'%.*s' is the %s named before",
                         (int)(s->t[j - 1].off + s->t[j - 1].len - s->t[i].off),
                         s->text + s->t[i].off, who->codes[0]);
        i = j;
    }
    return DYAD_OK;
}

/* An agent phrase opened by a possessive at token i ("its jets", "our
 * soldiers") belongs to the country of `code`. Returns DYAD_ENOMEM or OK. */
static dyad_status possessed(dyad__sctx *s, size_t i, const char *code)
{
    int32_t k = s->np_of[i];
    if (k < 0 || s->np[k].from != i || !(s->np[k].flags & DYAD__NP_AGENT_ONLY) ||
        s->np[k].n_codes != 1 || !has_country(code))
        return DYAD_OK;
    dyad__np *np = &s->np[k];
    /* a country's three letters; an organisation's whole code (IGOWSTNAT) */
    static const char *const orgs[] = {"IGO", "NGO", "IMG", "MNC", NULL};
    size_t n = 3;
    for (const char *const *o = orgs; *o; o++)
        if (!strncmp(code, *o, 3)) n = strlen(code) < 9 ? strlen(code) : 9;
    const char *c = np->base = dyad__arena_strndup(s->a, code, n);
    for (uint32_t g = 0; g < np->n_agents && c; g++)
        c = apply_agent(s->a, c, np->agents[g], np->agent_prefix[g]);
    if (!c) return DYAD_ENOMEM;
    np->codes[0] = c;
    np->flags &= ~(uint32_t)DYAD__NP_AGENT_ONLY;
    if (DYAD__TRACING(s))
        dyad__tracef(s, DYAD_TRACE_ACTOR, "'%s' is %s's: %s", s->t[i].up, np->base, c);
    return DYAD_OK;
}

/* "The French defence ministry said its jets ...", "Russia will withdraw
 * its troops": the agents of "its"/"their" belong to the nearest actor
 * named before with a country, those of "his"/"her" to the nearest
 * person; failing that, the previous sentence's first actor. */
static dyad_status possessives(dyad__sctx *s)
{
    for (size_t i = 0; i < s->nt; i++) {
        const dyad__tok *t = &s->t[i];
        if (!(t->cls & DYAD__CLS_POSSPRON) || !t->up || !strcmp(t->up, "OUR"))
            continue;
        int32_t k = s->np_of[i];
        if (k < 0 || s->np[k].from != i || !(s->np[k].flags & DYAD__NP_AGENT_ONLY))
            continue;
        /* only a clause's subject ("said its jets had bombed"): an object
         * ("strengthened its forces") is the actor's own business */
        const dyad__tok *b = i ? &s->t[i - 1] : NULL;
        if (b && b->kind != DYAD__TK_COMMA && b->kind != DYAD__TK_QUOTE &&
            b->kind != DYAD__TK_COLON &&
            !(b->cls & (DYAD__CLS_SUBORD | DYAD__CLS_ATTRIB | DYAD__CLS_CONJ)))
            continue;
        int person = !strcmp(t->up, "HIS") || !strcmp(t->up, "HER");
        const dyad__np *owner = NULL;
        for (size_t u = s->nun; u-- > 0 && !owner;) {
            const dyad__unit *un = &s->un[u];
            const dyad__np *np = &s->np[un->first_np];
            if (un->from >= i || un->n_np != 1 || s->quoted[un->from] != s->quoted[i] ||
                !np->n_codes || !has_country(np->codes[0]) || (person && !dyad__person_like(np)))
                continue;
            owner = np;
        }
        if (!owner && s->prev_first && has_country(s->prev_first->codes[0]))
            owner = s->prev_first;
        if (owner && possessed(s, i, owner->codes[0])) return DYAD_ENOMEM;
    }
    return DYAD_OK;
}

/* ------------------------------------------------------- quotations */

/* Is the quote token i an opening (1), a closing (0) or a straight mark
 * (-1)? Single quotes are not read: they are apostrophes as often. */
static int quote_kind(const dyad__sctx *s, size_t i)
{
    const unsigned char *q = (const unsigned char *)s->text + s->t[i].off;
    if (s->t[i].len == 3 && q[0] == 0xE2 && q[1] == 0x80 && q[2] == 0x9C) return 1;
    if (s->t[i].len == 3 && q[0] == 0xE2 && q[1] == 0x80 && q[2] == 0x9D) return 0;
    if (s->t[i].len == 2 && q[0] == '`' && q[1] == '`') return 1;
    if ((s->t[i].len == 1 && q[0] == '"') || (s->t[i].len == 2 && q[0] == '\'' && q[1] == '\''))
        return -1;
    return -2;                                 /* a single quote */
}

/* Which tokens stand inside double quotes, from the state the sentence
 * begins in; the marks themselves are outside. A quotation left open at a
 * paragraph's end goes on only when the next paragraph opens with a quote
 * mark again (the usual way to quote several paragraphs): that mark
 * reopens it, with the same speaker; otherwise the speaker is forgotten. */
static dyad_status mark_quotes(dyad__sctx *s)
{
    s->quoted = dyad__arena_calloc(s->a, s->nt + 1);
    if (!s->quoted) return DYAD_ENOMEM;
    int open = s->quote_open;
    if (s->new_paragraph) {      /* the reopening mark opens it again */
        int reopens = s->nt && s->t[0].kind == DYAD__TK_QUOTE &&
                      (quote_kind(s, 0) == 1 || quote_kind(s, 0) == -1);
        if (!open || !reopens) s->quote_speaker = NULL;
        open = 0;
    }
    for (size_t i = 0; i < s->nt; i++) {
        if (s->t[i].kind != DYAD__TK_QUOTE) {
            s->quoted[i] = (uint8_t)open;
            continue;
        }
        int k = quote_kind(s, i);
        if (k == -1) open = !open;
        else if (k >= 0) open = k;
    }
    s->quote_open_end = open;
    return DYAD_OK;
}

/* The speaker of the sentence's quotation: the actor before an
 * attribution outside the quotes ('X said: "..."', '"...," X said'), or
 * right after one that follows the quotation ('"...," said X'). */
static const dyad__np *find_speaker(const dyad__sctx *s)
{
    for (size_t a = 0; a < s->nt; a++) {
        if (!(s->t[a].cls & DYAD__CLS_ATTRIB) || s->quoted[a]) continue;
        size_t k = a;
        while (k > 0 && dyad__filler_word(&s->t[k - 1])) k--;
        for (size_t u = s->nun; u-- > 0;) {
            const dyad__unit *un = &s->un[u];
            if (un->to == k && !s->quoted[un->from]) return &s->np[un->first_np];
        }
        if (a > 0 && (s->t[a - 1].kind == DYAD__TK_QUOTE ||
                      s->t[a - 1].kind == DYAD__TK_COMMA) &&
            a + 1 < s->nt && s->unit_at[a + 1] >= 0)
            return &s->np[s->un[s->unit_at[a + 1]].first_np];
    }
    return NULL;
}

/* The first person inside a quotation is its speaker's side: "we" and "us"
 * the speaker, "our soldiers" the speaker's country with the agents. */
static dyad_status first_person(dyad__sctx *s, size_t np_cap)
{
    s->speaker = find_speaker(s);
    const dyad__np *who = s->speaker ? s->speaker : s->quote_speaker;
    if (!who || !who->n_codes || !has_country(who->codes[0])) return DYAD_OK;
    for (size_t i = 0; i < s->nt; i++) {
        const dyad__tok *t = &s->t[i];
        if (!s->quoted[i] || !t->up || (t->flags & DYAD__TF_ALLCAPS && t->uplen == 2))
            continue;                         /* "US" is a country */
        int we = !strcmp(t->up, "WE") || !strcmp(t->up, "US");
        if (we && s->unit_at[i] < 0 && s->np_of[i] < 0) {
            if (s->nnp >= np_cap || s->nun >= np_cap) break;
            if (place_np(s, who, i, i + 1)) return DYAD_ENOMEM;
            s->np[s->nnp - 1].flags |= DYAD__NP_PRONOUN;
        } else if (!strcmp(t->up, "OUR")) {
            if (possessed(s, i, who->codes[0])) return DYAD_ENOMEM;
        }
    }
    return DYAD_OK;
}

/* Order the units by first token; stable, and quick on the nearly sorted
 * lists the phrase pass makes. */
static void sort_units(dyad__unit *un, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        dyad__unit u = un[i];
        size_t j = i;
        while (j > 0 && un[j - 1].from > u.from) {
            un[j] = un[j - 1];
            j--;
        }
        un[j] = u;
    }
}

/* ------------------------------------------------------- new actors */

/* With new_actor_length set, a noun phrase of capitalised or plain words
 * that no dictionary knows becomes an actor named by its words. */
static dyad_status new_actors(dyad__sctx *s, size_t np_cap)
{
    int maxw = s->opt->new_actor_length;
    if (maxw <= 0) return DYAD_OK;
    for (size_t i = 0; i < s->nt;) {
        if (!s->npa[i] || s->np_of[i] >= 0 || s->unit_at[i] >= 0 ||
            s->pc[s->piece_of[i]].kind != DYAD__P_WORD) {
            i++;
            continue;
        }
        size_t j = i;
        int words = 0, caps = 0;
        for (;;) {
            while (j < s->nt && s->npa[j] && s->np_of[j] < 0 &&
                   s->pc[s->piece_of[j]].kind == DYAD__P_WORD) {
                if (!is_s(&s->t[j])) words++;
                if (s->t[j].flags & DYAD__TF_CAP) caps++;
                j++;
            }
            /* "the Ministry of Magic": continue across of + Capital */
            if (j + 1 < s->nt && (s->t[j].cls & DYAD__CLS_OF) &&
                s->t[j].uplen == 2 && !memcmp(s->t[j].up, "OF", 2) &&
                (s->t[j + 1].flags & DYAD__TF_CAP) && s->npa[j + 1] &&
                s->np_of[j + 1] < 0) {
                words++;
                j++;
                continue;
            }
            break;
        }
        if (caps && words <= maxw && s->nnp < np_cap && s->nun < np_cap) {
            dyad__buf b;
            dyad__buf_init(&b, 4096);
            dyad__buf_putc(&b, '"');
            for (size_t k = i; k < j; k++) {
                if (is_s(&s->t[k])) continue;
                if (b.len > 1) dyad__buf_putc(&b, ' ');
                dyad__buf_puts(&b, s->t[k].up);
            }
            dyad__buf_putc(&b, '"');
            dyad__np *np = new_np(s);
            np->from = (uint32_t)i;
            np->to = (uint32_t)j;
            np->flags = DYAD__NP_NEW;
            np->codes = dyad__arena_alloc(s->a, sizeof(char *));
            if (!np->codes || !b.p) {
                dyad__buf_free(&b);
                return DYAD_ENOMEM;
            }
            np->codes[0] = dyad__arena_strndup(s->a, b.p, b.len);
            np->n_codes = 1;
            np->base = np->codes[0];
            dyad__buf_free(&b);
            add_unit(s, (uint32_t)(s->nnp - 1), 1);
        }
        i = j > i ? j : i + 1;
    }
    return DYAD_OK;
}

/* ------------------------------------------------------------ stage */

/* First token of the phrase that is an actor, agent or name: patterns
 * reach the unit there too, past leading words ("to invade | Tarsis"). */
static uint32_t head_token(const dyad__sctx *s, const dyad__np *np)
{
    for (uint32_t k = np->from; k < np->to; k++) {
        int kind = s->pc[s->piece_of[k]].kind;
        if (kind == DYAD__P_ACTOR || kind == DYAD__P_AGENT ||
            (s->t[k].flags & DYAD__TF_CAP) || (s->t[k].cls & DYAD__CLS_DET))
            return k;
    }
    return np->from;
}

static void index_units(dyad__sctx *s)
{
    sort_units(s->un, s->nun);
    for (size_t i = 0; i < s->nt; i++) s->unit_at[i] = -1;
    for (size_t u = 0; u < s->nun; u++) {
        if (s->unit_at[s->un[u].from] < 0) s->unit_at[s->un[u].from] = (int32_t)u;
        for (uint32_t k = 0; k < s->un[u].n_np; k++)
            s->np[s->un[u].first_np + k].unit = (uint32_t)u;
    }
    for (size_t u = 0; u < s->nun; u++) {
        uint32_t h = head_token(s, &s->np[s->un[u].first_np]);
        if (h > s->un[u].from && s->unit_at[h] < 0) s->unit_at[h] = (int32_t)u;
    }
}

dyad_status dyad__phrases(dyad__sctx *s)
{
    size_t cap = s->nt * 4 + 64;
    s->np = dyad__arena_alloc(s->a, cap * sizeof *s->np);
    s->un = dyad__arena_alloc(s->a, cap * sizeof *s->un);
    s->np_of = dyad__arena_alloc(s->a, (s->nt + 1) * sizeof *s->np_of);
    s->unit_at = dyad__arena_alloc(s->a, (s->nt + 1) * sizeof *s->unit_at);
    if (!s->np || !s->un || !s->np_of || !s->unit_at) return DYAD_ENOMEM;
    s->nnp = s->nun = 0;
    s->chunk_end = dyad__arena_calloc(s->a, (s->nt + 1) * sizeof *s->chunk_end);
    s->npa = dyad__arena_alloc(s->a, s->nt + 1);
    if (!s->chunk_end || !s->npa) return DYAD_ENOMEM;
    for (size_t i = 0; i < s->nt; i++) s->npa[i] = (uint8_t)np_able(s, i);
    for (size_t i = 0; i < s->nt;) {
        if (!s->npa[i]) {
            i++;
            continue;
        }
        size_t j = i + 1;
        /* a determiner inside a run starts a new phrase ("Sunday | the
         * Turkish military"), unless it follows a possessive */
        while (j < s->nt && s->npa[j] &&
               !((s->t[j].cls & DYAD__CLS_DET) && !is_s(&s->t[j - 1])))
            j++;
        for (size_t k = i; k < j; k++) s->chunk_end[k] = (uint32_t)j;
        if (build_chunk(s, i, j)) return DYAD_ENOMEM;
        i = j;
    }
    for (size_t i = 0; i < s->nt; i++) s->np_of[i] = -1;
    for (size_t k = 0; k < s->nnp; k++)
        for (uint32_t i = s->np[k].from; i < s->np[k].to; i++)
            s->np_of[i] = (int32_t)k;
    if (group_compounds(s) || attach_across(s, cap)) return DYAD_ENOMEM;
    index_units(s);
    if (appositions(s, cap) || known_names(s, cap)) return DYAD_ENOMEM;
    index_units(s);
    if (mark_quotes(s) || pronouns(s, cap)) return DYAD_ENOMEM;
    index_units(s);
    if (first_person(s, cap) || possessives(s)) return DYAD_ENOMEM;
    index_units(s);
    size_t units = s->nun;
    if (descriptions(s, cap)) return DYAD_ENOMEM;
    if (s->nun != units) index_units(s);     /* "the two countries" added */
    if (new_actors(s, cap)) return DYAD_ENOMEM;
    index_units(s);
    if (DYAD__TRACING(s)) {
        for (size_t u = 0; u < s->nun; u++) {
            const dyad__unit *un = &s->un[u];
            dyad__buf b;
            dyad__buf_init(&b, 4096);
            for (uint32_t k = 0; k < un->n_np; k++) {
                const dyad__np *np = &s->np[un->first_np + k];
                for (uint32_t c = 0; c < np->n_codes; c++)
                    dyad__buf_printf(&b, "%s%s", b.len ? " " : "", np->codes[c]);
            }
            dyad__tracef(s, DYAD_TRACE_ACTOR, "actor unit '%.*s' -> %s%s",
                         (int)(s->t[un->to - 1].off + s->t[un->to - 1].len -
                               s->t[un->from].off),
                         s->text + s->t[un->from].off, b.p ? b.p : "",
                         un->n_np > 1 ? " (compound)" : "");
            dyad__buf_free(&b);
        }
    }
    return DYAD_OK;
}

/*
 * dict_inspect.c - tools for dictionary authors, over a compiled set:
 *
 * dyad_dict_check() finds what loading a set does not report: a phrase
 * listed twice (same codes: a warning; different codes: an error, as only
 * the later entry is ever used), date rules of one entry that overlap or
 * can never apply, phrases and pattern words that can never match text as
 * dyad tokenizes it, verbs taken over by another block, patterns written
 * twice in one block, and event codes that are not CAMEO codes.
 *
 * dyad_dict_lookup() shows every entry the words of a phrase match, the
 * way the coder reads them (longest first, left to right): actors with the
 * code their date rules give on a date, agents, verb forms with their
 * block, discards and synset members, each with its file and line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metadata.h"
#include "sent.h"
#include "token.h"

/* --------------------------------------------------------------- helpers */

typedef struct chk {
    const dyad__image *im;
    dyad_diag_fn fn;
    void *ud;
    size_t errors, warnings;
    int oom;                     /* an allocation failed: findings stop */
    dyad__arena arena;
} chk;

static void report(chk *c, dyad_severity sev, uint32_t file, uint32_t line,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void report(chk *c, dyad_severity sev, uint32_t file, uint32_t line,
                   const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (sev == DYAD_SEV_ERROR) c->errors++;
    else c->warnings++;
    if (!c->fn) return;
    dyad_diag d = {sev, DYAD_EINVAL, dyad__str(c->im, file), line, 0, msg};
    c->fn(c->ud, &d);
}

/* A dictionary phrase as text: `_` and `+` become spaces. */
static size_t phrase_text(const char *p, char *out, size_t cap)
{
    size_t k = 0;
    for (; *p && k + 1 < cap; p++) out[k++] = (*p == '_' || *p == '+') ? ' ' : *p;
    out[k] = '\0';
    return k;
}

/* Tokenize a phrase; NULL when it cannot be. */
static dyad__tok *tokens_of(chk *c, const char *phrase, size_t *n)
{
    char text[DYAD_MAX_DICT_LINE];
    size_t len = phrase_text(phrase, text, sizeof text);
    dyad__tok *t = NULL;
    dyad__arena_reset(&c->arena);
    dyad_status st = dyad__tokenize(c->im, &c->arena, text, 0, len, &t, n);
    if (st == DYAD_ENOMEM) c->oom = 1;
    return st ? NULL : t;
}

/* Value of the trie node a whole phrase reaches; DYAD__NONE when the
 * phrase's tokens do not reach one (c->oom is set when tokenizing ran out
 * of memory). */
static uint32_t whole_match(chk *c, uint32_t root, const char *phrase)
{
    size_t n;
    dyad__tok *t = tokens_of(c, phrase, &n);
    if (!t || n == 0) return DYAD__NONE;
    uint32_t v = DYAD__NONE;
    size_t end = dyad__trie_match(c->im, root, t, n, 0, NULL, &v);
    return end == n ? v : DYAD__NONE;
}

/* whole_match for a dictionary entry's phrase, warning at the entry when
 * the phrase can never match (DYAD__NONE, or c->oom set). `kind` names the
 * entry ("actor", "agent", "discard"). */
static uint32_t entry_match(chk *c, uint32_t root, const char *kind,
                            const char *phrase, uint32_t file, uint32_t line)
{
    uint32_t v = whole_match(c, root, phrase);
    if (v == DYAD__NONE && !c->oom)
        report(c, DYAD_SEV_WARNING, file, line,
               "%s phrase '%s' can never match: dyad's tokenizer does not "
               "read text as these words", kind, phrase);
    return v;
}

static int same_restrs(const dyad__image *im, const dyad__actor *a,
                       const dyad__actor *b)
{
    if (a->first_restr == b->first_restr) return 1;
    if (a->n_restr != b->n_restr) return 0;
    for (uint32_t k = 0; k < a->n_restr; k++) {
        const dyad__restr *x = &im->restrs[a->first_restr + k];
        const dyad__restr *y = &im->restrs[b->first_restr + k];
        if (x->from != y->from || x->to != y->to ||
            x->is_default != y->is_default || x->n_codes != y->n_codes)
            return 0;
        for (uint16_t j = 0; j < x->n_codes; j++)
            if (strcmp(dyad__str(im, im->codes[x->first_code + j]),
                       dyad__str(im, im->codes[y->first_code + j])))
                return 0;
    }
    return 1;
}

/* "[IRNGOV 20050803-20130803]" */
static void restr_text(const dyad__image *im, const dyad__restr *r, char *out,
                       size_t cap)
{
    size_t o = 0;
    o += (size_t)snprintf(out + o, cap - o, "[");
    for (uint16_t j = 0; j < r->n_codes && o < cap; j++)
        o += (size_t)snprintf(out + o, cap - o, "%s%s", j ? "/" : "",
                              dyad__str(im, im->codes[r->first_code + j]));
    if (!r->n_codes && o < cap) o += (size_t)snprintf(out + o, cap - o, "---");
    if (o >= cap) return;
    if (r->is_default) snprintf(out + o, cap - o, "]");
    else if (r->from && r->to)
        snprintf(out + o, cap - o, " %d-%d]", r->from, r->to);
    else if (r->from) snprintf(out + o, cap - o, " >%d]", r->from);
    else snprintf(out + o, cap - o, " <%d]", r->to);
}

static void codes_text(const dyad__image *im, const dyad__actor *a, char *out,
                       size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (uint32_t k = 0; k < a->n_restr && o + 1 < cap; k++) {
        char r[160];
        restr_text(im, &im->restrs[a->first_restr + k], r, sizeof r);
        o += (size_t)snprintf(out + o, cap - o, "%s%s", k ? " " : "", r);
    }
}

/* -------------------------------------------------------------- actors */

static void check_actors(chk *c)
{
    const dyad__image *im = c->im;
    for (size_t i = 0; i < im->n_actors; i++) {
        const dyad__actor *a = &im->actors[i];
        const char *ph = dyad__str(im, a->phrase);
        uint32_t v = entry_match(c, im->roots[DYAD__ROOT_ACTORS], "actor", ph,
                                 a->file, a->line);
        if (c->oom) return;
        if (v == DYAD__NONE) continue;
        if (v == i || v >= im->n_actors) continue;
        const dyad__actor *w = &im->actors[v];
        int same = same_restrs(im, a, w);
        report(c, same ? DYAD_SEV_WARNING : DYAD_SEV_ERROR, w->file, w->line,
               "actor phrase '%s' is listed again (%s, at %s:%u); only this "
               "later entry is used", dyad__str(im, w->phrase),
               same ? "same codes" : "different codes",
               dyad__str(im, a->file), a->line);
    }
}

static int same_codes(const dyad__image *im, const dyad__restr *x,
                      const dyad__restr *y)
{
    if (x->n_codes != y->n_codes) return 0;
    for (uint16_t j = 0; j < x->n_codes; j++)
        if (strcmp(dyad__str(im, im->codes[x->first_code + j]),
                   dyad__str(im, im->codes[y->first_code + j])))
            return 0;
    return 1;
}

typedef struct span { long from, to; } span;   /* days, inclusive */

static span rule_span(const dyad__restr *r)
{
    span sp = {r->from ? dyad_date_days(r->from) : -10000000L,
               r->to ? dyad_date_days(r->to) : 10000000L};
    return sp;
}

static int by_from(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->from < y->from ? -1 : x->from > y->from;
}

/* Is every day of y inside one of the n spans (sorted here)? */
static int covered(span *sp, size_t n, span y)
{
    qsort(sp, n, sizeof *sp, by_from);
    long next = y.from;                /* first day not yet covered */
    for (size_t k = 0; k < n && next <= y.to; k++) {
        if (sp[k].from > next) break;
        if (sp[k].to >= next) next = sp[k].to + 1;
    }
    return next > y.to;
}

/* Date rules of each entry (once per run of restrictions): a rule whose
 * every day an earlier rule takes can never apply; a rule that partly
 * overlaps an earlier one with another code is reported, unless the
 * earlier one lies inside it (the usual way to write an exception) or the
 * two share only a handover day. */
static void check_dates(chk *c)
{
    const dyad__image *im = c->im;
    uint32_t last = DYAD__NONE;
    span sp[64];
    for (size_t i = 0; i < im->n_actors; i++) {
        const dyad__actor *a = &im->actors[i];
        if (a->first_restr == last || a->n_restr < 2) continue;
        last = a->first_restr;
        for (uint32_t j = 1; j < a->n_restr; j++) {
            const dyad__restr *y = &im->restrs[a->first_restr + j];
            if (y->is_default) continue;
            span ys = rule_span(y);
            size_t n = 0;
            for (uint32_t k = 0; k < j && n < sizeof sp / sizeof sp[0]; k++)
                if (!im->restrs[a->first_restr + k].is_default)
                    sp[n++] = rule_span(&im->restrs[a->first_restr + k]);
            char ry[160], rx[160];
            restr_text(im, y, ry, sizeof ry);
            if (n && covered(sp, n, ys)) {
                report(c, DYAD_SEV_WARNING, a->file, a->line,
                       "'%s': date rule %s can never apply: the rules before "
                       "it take every one of its dates",
                       dyad__str(im, a->phrase), ry);
                continue;
            }
            for (uint32_t k = 0; k < j; k++) {
                const dyad__restr *x = &im->restrs[a->first_restr + k];
                if (x->is_default || same_codes(im, x, y)) continue;
                span xs = rule_span(x);
                long lo = xs.from > ys.from ? xs.from : ys.from;
                long hi = xs.to < ys.to ? xs.to : ys.to;
                if (hi < lo) continue;                     /* apart */
                if (hi == lo && (xs.to == ys.from || ys.to == xs.from))
                    continue;                              /* handover day */
                if (ys.from <= xs.from && ys.to >= xs.to) continue;
                restr_text(im, x, rx, sizeof rx);
                report(c, DYAD_SEV_WARNING, a->file, a->line,
                       "'%s': date rules %s and %s overlap for %ld days; "
                       "the first wins", dyad__str(im, a->phrase), rx, ry,
                       hi - lo + 1);
                break;
            }
        }
    }
}

/* ----------------------------------------------- agents, discards, verbs */

static void check_agents(chk *c)
{
    const dyad__image *im = c->im;
    for (size_t i = 0; i < im->n_agents; i++) {
        const dyad__agent *a = &im->agents[i];
        const char *ph = dyad__str(im, a->phrase);
        if (strchr(ph, '!')) continue;         /* substitution set */
        uint32_t v = entry_match(c, im->roots[DYAD__ROOT_AGENTS], "agent", ph,
                                 a->file, a->line);
        if (c->oom) return;
        if (v == DYAD__NONE) continue;
        if (v == i || v >= im->n_agents) continue;
        const dyad__agent *w = &im->agents[v];
        int same = !strcmp(dyad__str(im, w->code), dyad__str(im, a->code)) &&
                   w->prefix == a->prefix;
        if (strcmp(dyad__str(im, w->phrase), ph))   /* a generated plural */
            report(c, same ? DYAD_SEV_WARNING : DYAD_SEV_ERROR, w->file,
                   w->line, "agent phrase '%s' (at %s:%u) is also a form "
                   "generated from '%s' here (%s); only this entry is used",
                   ph, dyad__str(im, a->file), a->line,
                   dyad__str(im, w->phrase),
                   same ? "same code" : "different codes");
        else
            report(c, same ? DYAD_SEV_WARNING : DYAD_SEV_ERROR, w->file,
                   w->line, "agent phrase '%s' is listed again (%s, at %s:%u); "
                   "only this later entry is used", ph,
                   same ? "same code" : "different codes",
                   dyad__str(im, a->file), a->line);
    }
}

static void check_discards(chk *c)
{
    const dyad__image *im = c->im;
    for (size_t i = 0; i < im->n_discards; i++) {
        const dyad__discard *d = &im->discards[i];
        uint32_t v = entry_match(c, im->roots[DYAD__ROOT_DISCARDS], "discard",
                                 dyad__str(im, d->phrase), d->file, d->line);
        if (c->oom) return;
        if (v != DYAD__NONE && v != i && v < im->n_discards)
            report(c, DYAD_SEV_WARNING, im->discards[v].file,
                   im->discards[v].line,
                   "discard phrase '%s' is listed again (at %s:%u)",
                   dyad__str(im, d->phrase), dyad__str(im, d->file), d->line);
    }
}

static void check_verbs(chk *c)
{
    const dyad__image *im = c->im;
    for (size_t i = 0; i < im->n_verbs; i++) {
        const dyad__verb *vb = &im->verbs[i];
        const char *name = dyad__str(im, vb->name);
        int letters = 0;
        for (const char *q = name; *q && !letters; q++)
            letters = (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z');
        if (!letters) continue;      /* rejected when loading */
        uint32_t f = whole_match(c, im->roots[DYAD__ROOT_VERBS], name);
        if (c->oom) return;
        if (f == DYAD__NONE || f >= im->n_vforms) {
            if (name[strlen(name) - 1] != '_')   /* TABARI stems aside */
                report(c, DYAD_SEV_WARNING, vb->file, vb->line,
                       "verb '%s' can never match as written (its base form "
                       "was replaced or is not read as these words)", name);
            continue;
        }
        uint32_t other = im->vforms[f].verb;
        if (other == i || other >= im->n_verbs) continue;
        const dyad__verb *w = &im->verbs[other];
        int same_block = w->block == vb->block;
        report(c, same_block ? DYAD_SEV_WARNING : DYAD_SEV_ERROR, w->file,
               w->line, "verb '%s' is listed again (at %s:%u%s); only this "
               "later entry is used", name, dyad__str(im, vb->file), vb->line,
               same_block ? ", same block" : ", in another block");
    }
    for (size_t b = 0; b < im->n_blocks; b++) {
        const dyad__vblock *bl = &im->blocks[b];
        int has_verb = 0;
        for (size_t i = 0; i < im->n_verbs && !has_verb; i++)
            has_verb = im->verbs[i].block == b;
        if (!has_verb && bl->n_pats)
            report(c, DYAD_SEV_WARNING, bl->file, bl->line,
                   "block '%s' has %u patterns but no verb: they can never "
                   "match", dyad__str(im, bl->name), bl->n_pats);
    }
}

/* ------------------------------------------------------------- patterns */

/* A pattern of one block, for sorting by text (then line). */
typedef struct ptext {
    const char *text;
    uint32_t line, id;
} ptext;

static int by_text(const void *a, const void *b)
{
    const ptext *x = a, *y = b;
    int r = strcmp(x->text, y->text);
    if (r) return r;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int same_code(const dyad__image *im, const dyad__codespec *a,
                     const dyad__codespec *b)
{
    return a->flags == b->flags &&
           !strcmp(dyad__str(im, a->code1), dyad__str(im, b->code1)) &&
           !strcmp(dyad__str(im, a->code2), dyad__str(im, b->code2));
}

static void check_patterns(chk *c)
{
    const dyad__image *im = c->im;
    ptext *ids = malloc((im->n_patterns + 1) * sizeof *ids);
    if (!ids) {
        c->oom = 1;
        return;
    }
    for (size_t b = 0; b < im->n_blocks; b++) {
        const dyad__vblock *bl = &im->blocks[b];
        if (bl->n_pats < 2) continue;
        for (uint32_t k = 0; k < bl->n_pats; k++) {
            uint32_t id = im->pat_order[bl->first_pat + k];
            ids[k] = (ptext){dyad__str(im, im->patterns[id].text),
                             im->patterns[id].line, id};
        }
        qsort(ids, bl->n_pats, sizeof *ids, by_text);
        for (uint32_t k = 1; k < bl->n_pats; k++) {
            const dyad__pattern *x = &im->patterns[ids[k - 1].id];
            const dyad__pattern *y = &im->patterns[ids[k].id];
            if (strcmp(dyad__str(im, x->text), dyad__str(im, y->text))) continue;
            int same = same_code(im, &x->code, &y->code);
            report(c, same ? DYAD_SEV_WARNING : DYAD_SEV_ERROR, y->file,
                   y->line, "pattern '%s' of block '%s' is written twice "
                   "(%s, first at %s:%u); only one can ever match",
                   dyad__str(im, y->text), dyad__str(im, bl->name),
                   same ? "same code" : "different codes",
                   dyad__str(im, x->file), x->line);
        }
    }
    /* literal words the tokenizer never produces */
    uint8_t *seen = calloc(im->n_words + 1, 1);
    if (!seen) c->oom = 1;
    for (size_t p = 0; seen && !c->oom && p < im->n_patterns; p++) {
        const dyad__pattern *pt = &im->patterns[p];
        for (uint32_t e = 0; e < (uint32_t)pt->n_upper + pt->n_lower; e++) {
            const dyad__pel *el = &im->pels[pt->first_el + e];
            if (el->kind != DYAD__PE_WORD || (el->arg & DYAD__TERM_STEM)) continue;
            uint32_t id = el->arg & DYAD__TERM_MASK;
            if (id == 0 || id > im->n_words || seen[id]) continue;
            seen[id] = 1;
            const char *w = dyad__str(im, im->words[id - 1].str);
            size_t n;
            dyad__tok *t = tokens_of(c, w, &n);
            if (c->oom) break;
            if (t && n == 1 && t[0].word == id) continue;
            report(c, DYAD_SEV_WARNING, pt->file, pt->line,
                   "pattern '%s': the word '%s' can never match: dyad's "
                   "tokenizer does not read text as this word",
                   dyad__str(im, pt->text), w);
        }
    }
    free(seen);
    free(ids);
}

/* An event code the CAMEO table does not know (the special codes ---, ###
 * and +++ are flags, not codes). */
static int unknown_code(const dyad__image *im, uint32_t code)
{
    if (code == DYAD__NONE) return 0;
    const char *s = dyad__str(im, code);
    dyad_cameo_info info;
    return *s && dyad_cameo_lookup(s, &info) != 0;
}

static void check_codes(chk *c, const dyad__codespec *cs, uint32_t file,
                        uint32_t line, const char *what, const char *name)
{
    const uint32_t codes[2] = {cs->code1, cs->code2};
    for (int k = 0; k < 2; k++)
        if (unknown_code(c->im, codes[k]))
            report(c, DYAD_SEV_WARNING, file, line,
                   "%s '%s': '%s' is not a CAMEO event code", what, name,
                   dyad__str(c->im, codes[k]));
}

static void check_event_codes(chk *c)
{
    const dyad__image *im = c->im;
    for (size_t b = 0; b < im->n_blocks; b++)
        check_codes(c, &im->blocks[b].code, im->blocks[b].file,
                    im->blocks[b].line, "block", dyad__str(im, im->blocks[b].name));
    for (size_t v = 0; v < im->n_verbs; v++)
        check_codes(c, &im->verbs[v].code, im->verbs[v].file, im->verbs[v].line,
                    "verb", dyad__str(im, im->verbs[v].name));
    for (size_t p = 0; p < im->n_patterns; p++)
        check_codes(c, &im->patterns[p].code, im->patterns[p].file,
                    im->patterns[p].line, "pattern",
                    dyad__str(im, im->patterns[p].text));
}

dyad_status dyad_dict_check(const dyad_dict *d, dyad_diag_fn fn, void *ud,
                            size_t *errors, size_t *warnings)
{
    if (!d) return DYAD_EINVAL;
    chk c = {.im = &d->im, .fn = fn, .ud = ud};
    dyad__arena_init(&c.arena);
    check_actors(&c);
    if (!c.oom) check_dates(&c);
    if (!c.oom) check_agents(&c);
    if (!c.oom) check_discards(&c);
    if (!c.oom) check_verbs(&c);
    if (!c.oom) check_patterns(&c);
    if (!c.oom) check_event_codes(&c);
    dyad__arena_free(&c.arena);
    if (errors) *errors = c.errors;
    if (warnings) *warnings = c.warnings;
    return c.oom ? DYAD_ENOMEM : DYAD_OK;
}

/* --------------------------------------------------------------- lookup */

typedef struct out {
    dyad_line_fn fn;
    void *ud;
} out;

static void say(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(out *o, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->fn(o->ud, line);
}

static const char *form_name(uint32_t kind)
{
    switch (kind) {
    case DYAD__VF_BASE: return "base form";
    case DYAD__VF_S: return "-s form";
    case DYAD__VF_PAST: return "past form";
    case DYAD__VF_ING: return "-ing form";
    default: return "stem";
    }
}

static void code_text(const dyad__image *im, const dyad__codespec *cs,
                      char *buf, size_t cap)
{
    if (cs->code1 == DYAD__NONE && cs->code2 == DYAD__NONE) {
        snprintf(buf, cap, "%s", cs->flags & DYAD__EC_NULL ? "---" :
                                 cs->flags & DYAD__EC_DISCARD ? "###" : "-");
        return;
    }
    if (cs->paired)
        snprintf(buf, cap, "%s:%s", dyad__str(im, cs->code1),
                 dyad__str(im, cs->code2));
    else
        snprintf(buf, cap, "%s", dyad__str(im, cs->code1));
}

static void show_actor(out *o, const dyad__image *im, uint32_t v, int date,
                       const char *words)
{
    const dyad__actor *a = &im->actors[v];
    const char *ph = dyad__str(im, a->phrase);
    const char *head = dyad__str(im, a->head);
    say(o, "actor   '%s' = %s%s%s  (%s:%u)", words, head,
        strcmp(ph, head) ? " as " : "", strcmp(ph, head) ? ph : "",
        dyad__str(im, a->file), a->line);
    const dyad__restr *r = dyad__actor_restr(im, a, date);
    char rule[160] = "", all[1024];
    if (r) restr_text(im, r, rule, sizeof rule);
    const char *code = r && r->n_codes ? dyad__str(im, im->codes[r->first_code]) : "---";
    if (date)
        say(o, "        on %04d-%02d-%02d: %s%s%s", date / 10000, date / 100 % 100,
            date % 100, r ? code : "no code (null-coded)", r ? ", by the rule " : "",
            rule);
    else if (r || (a->n_restr && im->restrs[a->first_restr + a->n_restr - 1]
                                      .is_default))
        say(o, "        undated: %s%s%s", r ? code : "no code (null-coded)",
            r ? ", by the rule " : "", rule);
    else
        say(o, "        undated: no rule applies (the entry has dated rules "
               "only; give --date)");
    if (a->n_restr > 1) {
        codes_text(im, a, all, sizeof all);
        say(o, "        rules: %s", all);
    }
}

static void show_verb(out *o, const dyad__image *im, uint32_t v,
                      const char *words)
{
    const dyad__vform *f = &im->vforms[v];
    const dyad__verb *vb = &im->verbs[f->verb];
    const dyad__vblock *bl = &im->blocks[vb->block];
    char code[64];
    code_text(im, dyad__verb_default_code(im, vb), code, sizeof code);
    say(o, "verb    '%s' = %s of %s, block %s, code [%s], %u patterns  (%s:%u)",
        words, form_name(f->kind), dyad__str(im, vb->name),
        dyad__str(im, bl->name), code, bl->n_pats, dyad__str(im, vb->file),
        vb->line);
}

dyad_status dyad_dict_lookup(const dyad_dict *d, const char *text, size_t len,
                             int date, dyad_line_fn fn, void *ud,
                             size_t *n_found)
{
    if (!d || !text || !fn) return DYAD_EINVAL;
    const dyad__image *im = &d->im;
    out o = {fn, ud};
    dyad__arena a;
    dyad__arena_init(&a);
    dyad__tok *t = NULL;
    size_t n = 0, found = 0;
    dyad_status st = dyad__tokenize(im, &a, text, 0, len, &t, &n);
    /* each trie reads the tokens on its own, as the tagger does: a match
     * hides only the shorter ones of its own kind */
    static const int roots[] = {DYAD__ROOT_ACTORS, DYAD__ROOT_AGENTS,
                                DYAD__ROOT_VERBS, DYAD__ROOT_DISCARDS};
    size_t next[sizeof roots / sizeof roots[0]] = {0};
    for (size_t i = 0; !st && i < n; i++) {
        for (size_t r = 0; r < sizeof roots / sizeof roots[0]; r++) {
            if (next[r] > i) continue;
            uint32_t v = DYAD__NONE;
            size_t end = dyad__trie_match(im, im->roots[roots[r]], t, n, i,
                                          NULL, &v);
            if (!end || v == DYAD__NONE) continue;
            next[r] = end;
            char words[512];
            size_t from = t[i].off, to = t[end - 1].off + t[end - 1].len;
            snprintf(words, sizeof words, "%.*s", (int)(to - from), text + from);
            found++;
            if (roots[r] == DYAD__ROOT_ACTORS && v < im->n_actors) {
                show_actor(&o, im, v, date, words);
            } else if (roots[r] == DYAD__ROOT_AGENTS && v < im->n_agents) {
                const dyad__agent *ag = &im->agents[v];
                say(&o, "agent   '%s' = %s [%s%s%s]  (%s:%u)", words,
                    dyad__str(im, ag->phrase), ag->prefix ? "" : "~",
                    dyad__str(im, ag->code), ag->prefix ? "~" : "",
                    dyad__str(im, ag->file), ag->line);
            } else if (roots[r] == DYAD__ROOT_VERBS && v < im->n_vforms) {
                show_verb(&o, im, v, words);
            } else if (roots[r] == DYAD__ROOT_DISCARDS && v < im->n_discards) {
                const dyad__discard *dc = &im->discards[v];
                say(&o, "discard '%s' = %s, discards the %s  (%s:%u)", words,
                    dyad__str(im, dc->phrase), dc->story ? "story" : "sentence",
                    dyad__str(im, dc->file), dc->line);
            }
        }
        for (size_t sy = 0; sy < im->n_synsets; sy++) {
            uint32_t v = DYAD__NONE;
            size_t end = dyad__trie_match(im, im->synsets[sy].root, t, n, i,
                                          NULL, &v);
            if (!end) continue;
            size_t from = t[i].off, to = t[end - 1].off + t[end - 1].len;
            say(&o, "synset  '%.*s' is a member of %s", (int)(to - from),
                text + from, dyad__str(im, im->synsets[sy].name));
            found++;
        }
    }
    dyad__arena_free(&a);
    if (n_found) *n_found = found;
    return st;
}

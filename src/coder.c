/*
 * coder.c - the public coding API: one document (or one sentence) through
 * the pipeline metadata -> sentences -> tokens -> tag -> phrases -> clauses
 * -> events, then per-document merging of repeated events and the output
 * records. A coder owns one arena that is reset for every document.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cameo.h"
#include "metadata.h"
#include "place.h"
#include "sent.h"
#include "sentence.h"

struct dyad_coder {
    const dyad_dict *d;
    dyad_options opt;
    dyad__arena a;
    dyad_trace_fn trace;
    void *trace_ud;
    dyad_event *ev;
    size_t nev, capev;
    dyad_result res;
    const dyad__np *prev_first;   /* arena-owned; reset per document */
    /* actors of the document's sentences so far, oldest first (arena-owned;
     * reset per document) */
    const dyad__np *recent[DYAD_MAX_RECENT_ACTORS];
    const char *recent_words[DYAD_MAX_RECENT_ACTORS];  /* "AYATOLLAH ALI
                                                         KHAMENEI" */
    const char *recent_names[DYAD_MAX_RECENT_ACTORS];  /* the words no
                                                         dictionary knows */
    size_t n_recent;
    /* quoted speech across sentences: a quotation open at the end of the
     * last sentence, its speaker, and the paragraph coded last (phrase.c's
     * mark_quotes decides whether a new paragraph goes on quoting) */
    int in_quote;
    const dyad__np *quote_speaker;
    uint32_t para;
    /* the report's dateline place: its span of dl_text, and its gazetteer
     * row, looked up when the first event is placed (dl_looked) */
    const char *dl_text;
    uint32_t dl_from, dl_to;
    int dl_looked;
    const dyad__place_row *dl_row;
};

/* A phrase's words for the actor memory: all words (for titles), or only
 * its names no dictionary knows (dyad__name_token). */
static const char *phrase_words(dyad_coder *c, const dyad__sctx *s,
                                const dyad__np *np, int names_only)
{
    size_t n = 1;
    for (uint32_t t = np->from; t < np->to; t++)
        if (s->t[t].up) n += 1 + s->t[t].uplen;
    char *words = dyad__arena_alloc(&c->a, n), *w = words;
    if (!words) return "";
    for (uint32_t t = np->from; t < np->to; t++)
        if (s->t[t].up && (!names_only || dyad__name_token(s, t))) {
            *w++ = ' ';
            memcpy(w, s->t[t].up, s->t[t].uplen);
            w += s->t[t].uplen;
        }
    *w = '\0';
    return words;
}

/* Remember the actors a sentence named (not pronouns, not agents without
 * a country) for the descriptions of later sentences. */
static void remember_actors(dyad_coder *c, const dyad__sctx *s)
{
    for (size_t u = 0; u < s->nun; u++)
        for (uint32_t k = 0; k < s->un[u].n_np; k++) {
            const dyad__np *np = &s->np[s->un[u].first_np + k];
            if ((np->flags & (DYAD__NP_PRONOUN | DYAD__NP_NEW)) || !np->n_codes ||
                !strncmp(np->codes[0], "---", 3) || np->codes[0][0] == '"')
                continue;
            if (c->n_recent == DYAD_MAX_RECENT_ACTORS) {
                size_t keep = c->n_recent - 1;
                memmove(c->recent, c->recent + 1, keep * sizeof *c->recent);
                memmove(c->recent_words, c->recent_words + 1,
                        keep * sizeof *c->recent_words);
                memmove(c->recent_names, c->recent_names + 1,
                        keep * sizeof *c->recent_names);
                c->n_recent--;
            }
            /* its words, for "the ayatollah" after "Ayatollah Ali
             * Khamenei", and its unknown names, for "Haddad" after
             * "Karim Haddad, the Lebanese ambassador" */
            c->recent_words[c->n_recent] = phrase_words(c, s, np, 0);
            c->recent_names[c->n_recent] = phrase_words(c, s, np, 1);
            c->recent[c->n_recent++] = np;
        }
}

void dyad_options_init(dyad_options *o)
{
    memset(o, 0, sizeof *o);
    o->require_dyad = 1;
    o->new_actor_length = 0;
    o->comma_min = 2;
    o->comma_max = 8;
    o->comma_bmin = 0;
    o->comma_bmax = 0;
    o->comma_emin = 2;
    o->comma_emax = 8;
    o->code_by = DYAD_CODE_BY_CLAUSE;
    o->dedup_per_doc = 1;
    o->default_date = 0;
    o->text_dates = 1;
    o->relative_dates = 1;
}

dyad_status dyad_coder_new(const dyad_dict *d, const dyad_options *o,
                           dyad_coder **out)
{
    if (!d || !out) return DYAD_EINVAL;
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) return DYAD_ENOMEM;
    c->d = d;
    if (o) c->opt = *o;
    else dyad_options_init(&c->opt);
    dyad__arena_init(&c->a);
    *out = c;
    return DYAD_OK;
}

void dyad_coder_free(dyad_coder *c)
{
    if (!c) return;
    dyad__arena_free(&c->a);
    free(c);
}

void dyad_coder_set_options(dyad_coder *c, const dyad_options *o) { c->opt = *o; }

void dyad_coder_set_trace(dyad_coder *c, dyad_trace_fn fn, void *ud)
{
    c->trace = fn;
    c->trace_ud = ud;
}

/* ------------------------------------------------------------ records */

static const char *const non_countries[] = {"IGO", "NGO", "NGM", "IMG", "MNC",
                                            "INT", "UIS", "---"};

static const char *country_of(dyad__arena *a, const char *code)
{
    if (!code || strlen(code) < 3 || code[0] == '"') return "---";
    for (size_t k = 0; k < DYAD_ARRAY_LEN(non_countries); k++)
        if (!memcmp(code, non_countries[k], 3)) return "---";
    for (int k = 0; k < 3; k++)
        if (code[k] < 'A' || code[k] > 'Z') return "---";
    return dyad__arena_strndup(a, code, 3);
}

static const char *span_text(dyad__arena *a, const dyad__sctx *s, uint32_t from,
                             uint32_t to)
{
    if (to <= from) return "";
    size_t b = s->t[from].off, e = s->t[to - 1].off + s->t[to - 1].len;
    return dyad__arena_strndup(a, s->text + b, e - b);
}

/* "urged ... to push": the verb and the matched pattern words. */
static const char *evidence(dyad__arena *a, const dyad__sctx *s,
                            const dyad__ev *e)
{
    return span_text(a, s, e->verb_from, e->verb_to);
}

static dyad_status grow_events(dyad_coder *c)
{
    if (c->nev < c->capev) return DYAD_OK;
    size_t ncap = c->capev ? c->capev * 2 : 32;
    dyad_event *ne = dyad__arena_alloc(&c->a, ncap * sizeof *ne);
    if (!ne) return DYAD_ENOMEM;
    if (c->nev) memcpy(ne, c->ev, c->nev * sizeof *ne);
    c->ev = ne;
    c->capev = ncap;
    return DYAD_OK;
}

static int seen_in_doc(const dyad_coder *c, const char *src, const char *tgt,
                       const char *code)
{
    for (size_t k = 0; k < c->nev; k++)
        if (!strcmp(c->ev[k].cameo, code) && !strcmp(c->ev[k].source.code, src) &&
            !strcmp(c->ev[k].target.code, tgt))
            return 1;
    return 0;
}

/* The gazetteer row of the report's dateline place (NULL: none or not in
 * the gazetteer), tokenized as sentences are; looked up once a document. */
static dyad_status dateline_place(dyad_coder *c, const dyad__place_row **out)
{
    if (!c->dl_looked && c->dl_to > c->dl_from) {
        dyad__tok *t;
        size_t n, end;
        dyad_status st = dyad__tokenize(&c->d->im, &c->a, c->dl_text, c->dl_from,
                                        c->dl_to, &t, &n);
        if (st) return st;
        c->dl_row = n ? dyad__place_at(t, n, 0, &end) : NULL;
    }
    c->dl_looked = 1;
    *out = c->dl_row;
    return DYAD_OK;
}

static void trace_place(dyad_coder *c, const dyad_event *r, dyad__place_why why)
{
    static const char *const whys[] = {
        "no place", "named after a preposition", "named in the sentence",
        "the dateline", "a country named after a preposition",
        "the source's country", "the target's country"};
    static const char *const kinds[] = {"", "country", "region", "city"};
    char line[256];
    if (why == DYAD__PLACE_BY_NONE)
        snprintf(line, sizeof line, "place of %s: none", r->cameo);
    else
        snprintf(line, sizeof line, "place of %s: %s [%s] %s, %s (%.4f, %.4f)",
                 r->cameo, r->location.name, r->location.country,
                 kinds[r->location.precision], whys[why], r->location.lat,
                 r->location.lon);
    c->trace(c->trace_ud, DYAD_TRACE_NOTE, line);
}

/* Place the records c->ev[from, nev), made from the events s->ev[ev_of[0]],
 * s->ev[ev_of[1]] ... of sentence s, by the rules of place.c. */
static dyad_status place_records(dyad_coder *c, const dyad__sctx *s,
                                 const size_t *ev_of, size_t from)
{
    dyad__place_mention *m;
    size_t nm;
    const dyad__place_row *dl;
    dyad_status st = dyad__place_mentions(s, &m, &nm);
    if (st || (st = dateline_place(c, &dl)) != DYAD_OK) return st;
    for (size_t k = from; k < c->nev; k++) {
        dyad_event *r = &c->ev[k];
        dyad__place_why why =
            dyad__place_event(m, nm, &s->ev[ev_of[k - from]], dl,
                              r->source.country, r->target.country, &r->location);
        if (c->trace) trace_place(c, r, why);
    }
    return DYAD_OK;
}

static dyad_status add_records(dyad_coder *c, const dyad__sctx *s,
                               const char *doc_id, unsigned sentence,
                               const char *outlet, const char *sent_text,
                               int dedup)
{
    size_t first = c->nev;
    size_t *ev_of = s->nev ? dyad__arena_alloc(&c->a, s->nev * sizeof *ev_of) : NULL;
    if (s->nev && !ev_of) return DYAD_ENOMEM;
    for (size_t k = 0; k < s->nev; k++) {
        const dyad__ev *e = &s->ev[k];
        if (dedup && seen_in_doc(c, e->src_code, e->tgt_code, e->code)) continue;
        if (grow_events(c)) return DYAD_ENOMEM;
        dyad_event *r = &c->ev[c->nev];
        memset(r, 0, sizeof *r);
        char id[64];
        snprintf(id, sizeof id, "-%u-%zu", sentence, c->nev + 1);
        size_t dl = strlen(doc_id);
        char *full = dyad__arena_alloc(&c->a, dl + strlen(id) + 1);
        if (!full) return DYAD_ENOMEM;
        memcpy(full, doc_id, dl);
        memcpy(full + dl, id, strlen(id) + 1);
        r->id = full;
        r->doc = doc_id;
        r->sentence = sentence;
        r->date = s->date;
        r->source.code = e->src_code;
        r->source.country = country_of(&c->a, e->src_code);
        r->source.text = e->src_np != DYAD__NONE
                             ? span_text(&c->a, s, s->np[e->src_np].from,
                                         s->np[e->src_np].to) : "";
        r->target.code = e->tgt_code;
        r->target.country = country_of(&c->a, e->tgt_code);
        r->target.text = e->tgt_np != DYAD__NONE
                             ? span_text(&c->a, s, s->np[e->tgt_np].from,
                                         s->np[e->tgt_np].to) : "";
        r->cameo = e->code;
        r->root[0] = e->code[0];
        r->root[1] = e->code[0] ? e->code[1] : 0;
        r->root[2] = 0;
        dyad_cameo_info info;
        if (dyad_cameo_lookup(e->code, &info) >= 0) {
            r->quad = info.quad;
            r->goldstein = info.goldstein;
            r->plover = info.plover;
            r->plover_mode = info.plover_mode ? info.plover_mode : "";
            r->plover_context = info.plover_context ? info.plover_context : "";
        } else {
            r->plover = r->plover_mode = r->plover_context = "";
        }
        r->outlet = outlet;
        r->evidence = evidence(&c->a, s, e);
        r->sentence_text = sent_text;
        r->issues = s->issues;
        if (!r->source.text || !r->target.text || !r->evidence ||
            !r->source.country || !r->target.country)
            return DYAD_ENOMEM;
        ev_of[c->nev++ - first] = k;
    }
    return c->nev > first ? place_records(c, s, ev_of, first) : DYAD_OK;
}

/* ---------------------------------------------------------- sentences */

static void trace_tokens(dyad__sctx *s)
{
    dyad__buf b;
    dyad__buf_init(&b, 1 << 16);
    for (size_t i = 0; i < s->nt; i++) {
        const dyad__tok *t = &s->t[i];
        if (t->up)
            dyad__buf_printf(&b, "%s%s%s", i ? " " : "", t->up,
                             t->word || t->kind != DYAD__TK_WORD ? "" : "?");
        else
            dyad__buf_printf(&b, "%s%.*s", i ? " " : "", (int)t->len,
                             s->text + t->off);
    }
    dyad__tracef(s, DYAD_TRACE_TOKENS, "%s", b.p ? b.p : "");
    dyad__buf_free(&b);
}

/* Code tokens [from, to) of a tokenized sentence into s->ev. */
static dyad_status code_tokens(dyad_coder *c, dyad__sctx *s)
{
    dyad_status st;
    if (DYAD__TRACING(s)) trace_tokens(s);
    if ((st = dyad__tag(s)) != DYAD_OK) return st;
    if (s->discard) return DYAD_OK;
    if ((st = dyad__phrases(s)) != DYAD_OK) return st;
    if ((st = dyad__clauses(s)) != DYAD_OK) return st;
    if ((st = dyad__events(s)) != DYAD_OK) return st;
    if (DYAD__TRACING(s))
        for (size_t k = 0; k < s->nev; k++)
            dyad__tracef(s, DYAD_TRACE_EVENT, "event %s -> %s %s",
                         s->ev[k].src_code, s->ev[k].tgt_code, s->ev[k].code);
    (void)c;
    return DYAD_OK;
}

static void sctx_init(dyad_coder *c, dyad__sctx *s, const char *text, int date)
{
    memset(s, 0, sizeof *s);
    s->im = &c->d->im;
    s->a = &c->a;
    s->opt = &c->opt;
    s->date = date;
    s->text = text;
    s->trace = c->trace;
    s->trace_ud = c->trace_ud;
    s->prev_first = c->prev_first;
    s->recent = c->recent;
    s->recent_words = c->recent_words;
    s->recent_names = c->recent_names;
    s->n_recent = c->n_recent;
    s->quote_open = c->in_quote;
    s->quote_speaker = c->quote_speaker;
}

/* After a sentence: whether a quotation stays open, and who speaks. */
static void track_quotes(dyad_coder *c, const dyad__sctx *s)
{
    int quotes = s->quote_open || s->quote_open_end;
    for (size_t i = 0; i < s->nt && !quotes; i++)
        quotes = s->t[i].kind == DYAD__TK_QUOTE;
    if (s->speaker) c->quote_speaker = s->speaker;
    else if (!quotes) c->quote_speaker = NULL;
    else c->quote_speaker = s->quote_speaker;   /* mark_quotes may drop it */
    c->in_quote = s->quote_open_end;
}

/* Whom "he" or "they" in the next sentence most likely means: its first
 * person who is not the object of a preposition ("Pointing to his talks
 * with Iranian officials, Rashid said Iraq ..." hands on Rashid), else the
 * source of its first event, else its first actor outside a prepositional
 * phrase, else its first actor. */
static const dyad__np *first_actor(const dyad__sctx *s)
{
    const uint32_t skip = DYAD__NP_PRONOUN | DYAD__NP_AGENT_ONLY | DYAD__NP_NEW;
    const dyad__np *any = NULL, *outside = NULL;
    for (size_t u = 0; u < s->nun; u++) {
        const dyad__np *np = &s->np[s->un[u].first_np];
        if (np->flags & skip) continue;
        if (!any) any = np;
        if (np->flags & DYAD__NP_OBJ_OF_PREP) continue;
        if (dyad__person_like(np)) return np;
        if (!outside) outside = np;
    }
    if (s->nev && s->ev[0].src_np != DYAD__NONE &&
        !(s->np[s->ev[0].src_np].flags & skip))
        return &s->np[s->ev[0].src_np];
    return outside ? outside : any;
}

dyad_status dyad_code_sentence(dyad_coder *c, const char *text, size_t len,
                               int date, dyad_sentence_status *sst,
                               const dyad_result **out)
{
    dyad__arena_reset(&c->a);
    c->ev = NULL;
    c->nev = c->capev = 0;
    c->prev_first = NULL;
    c->n_recent = 0;
    c->in_quote = 0;
    c->quote_speaker = NULL;
    c->para = 0;
    c->dl_text = text;
    c->dl_from = c->dl_to = 0;
    c->dl_looked = 0;
    c->dl_row = NULL;
    memset(&c->res, 0, sizeof c->res);
    if (sst) *sst = DYAD_SENT_CODED;
    if (len > DYAD_MAX_DOC_BYTES) return DYAD_ELIMIT;
    dyad__dateline dl;
    size_t from = 0;
    if (dyad__find_dateline(text, 0, len, &dl)) {
        from = dl.to;
        c->dl_from = dl.place_from;
        c->dl_to = dl.place_to;
        if (sst) *sst = DYAD_SENT_DATELINE;
        if (c->trace) c->trace(c->trace_ud, DYAD_TRACE_NOTE, "dateline removed");
    }
    dyad__sctx s;
    sctx_init(c, &s, text, date ? date : c->opt.default_date);
    dyad_status st = dyad__tokenize(&c->d->im, &c->a, text, from, len, &s.t, &s.nt);
    if (st) return st;
    if (s.nt > DYAD_MAX_SENTENCE_TOKENS) s.nt = DYAD_MAX_SENTENCE_TOKENS;
    if ((st = code_tokens(c, &s)) != DYAD_OK) return st;
    if (sst && s.discard) *sst = s.discard == 2 ? DYAD_SENT_DISCARD_STORY
                                                : DYAD_SENT_DISCARD_SENTENCE;
    else if (sst && s.complex && *sst == DYAD_SENT_CODED) *sst = DYAD_SENT_COMPLEX;
    const char *stext = dyad__arena_strndup(&c->a, text, len);
    if (!stext) return DYAD_ENOMEM;
    if (!s.discard &&
        (st = add_records(c, &s, "sentence", 1, NULL, stext, 0)) != DYAD_OK)
        return st;
    c->res.events = c->ev;
    c->res.n_events = c->nev;
    c->res.n_sentences = 1;
    c->res.date = s.date;
    *out = &c->res;
    return DYAD_OK;
}

/* ---------------------------------------------------------- documents */

/* Upper-case copy of a token's text (the tokenizer normalizes words only
 * later), or "" when it is longer than the buffer. */
static const char *tok_upper(const char *text, const dyad__tok *t, char *buf,
                             size_t cap)
{
    if (t->len + 1 > cap) return "";
    for (uint32_t i = 0; i < t->len; i++) {
        char ch = text[t->off + i];
        buf[i] = (ch >= 'a' && ch <= 'z') ? (char)(ch - 32) : ch;
    }
    buf[t->len] = '\0';
    return buf;
}

/* The date of a sentence's events: the publication date moved by "on
 * Saturday", "yesterday", "last week" (metadata.c). */
static int sentence_date(const char *text, const dyad__sctx *s, int date)
{
    static const char *const dayish[] = {
        "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
        "SUNDAY", "TODAY", "TONIGHT", "YESTERDAY", "TOMORROW", "WEEK", NULL};
    char buf[32][12];
    const char *words[32];
    size_t nw = 0;
    for (size_t i = 0; i < s->nt && nw + 2 <= 32; i++) {
        if (s->t[i].len < 4 || s->t[i].len > 9) continue;
        /* cheap screen: day words start with m t w f s y and end in y t w k */
        char a = (char)(text[s->t[i].off] | 0x20);
        char z = (char)(text[s->t[i].off + s->t[i].len - 1] | 0x20);
        if (!strchr("mtwfsy", a) || !strchr("ytwk", z)) continue;
        const char *w = tok_upper(text, &s->t[i], buf[nw + 1], sizeof buf[0]);
        int hit = 0;
        for (const char *const *d = dayish; *d && !hit; d++) hit = !strcmp(w, *d);
        if (!hit) continue;
        words[nw] = i ? tok_upper(text, &s->t[i - 1], buf[nw], sizeof buf[0]) : "";
        words[nw + 1] = w;
        nw += 2;
    }
    return nw ? dyad__relative_date(date, words, nw) : date;
}

/* Code sentence number `number` (span sp) of doc; its events name
 * `outlet` (the document's, else its dateline agency). */
static dyad_status code_sentence_span(dyad_coder *c, const dyad_doc *doc,
                                      const dyad__sent *sp, unsigned number,
                                      int date, const char *outlet,
                                      dyad__diag_sink *sink, int *story_discard)
{
    dyad__sctx s;
    sctx_init(c, &s, doc->text, date);
    s.new_paragraph = sp->para != c->para;
    c->para = sp->para;
    dyad_status st = dyad__tokenize(&c->d->im, &c->a, doc->text, sp->from,
                                    sp->to, &s.t, &s.nt);
    if (st) return st;
    const char *stext = dyad__arena_strndup(&c->a, doc->text + sp->from,
                                            sp->to - sp->from);
    if (!stext) return DYAD_ENOMEM;
    /* "on Saturday", "yesterday": the day the sentence's events happened */
    if (date && c->opt.relative_dates) {
        date = sentence_date(doc->text, &s, date);
        s.date = date;
    }
    if (s.nt > DYAD_MAX_SENTENCE_TOKENS)
        dyad__diagf(sink, DYAD_SEV_WARNING, DYAD_ELIMIT, doc->origin,
                    doc->origin_line, sp->from,
                    "document %s, sentence %u has %zu tokens; coded in pieces "
                    "of %d", doc->id, number, s.nt, DYAD_MAX_SENTENCE_TOKENS);
    dyad__tok *all = s.t;
    size_t total = s.nt;
    for (size_t off = 0; off < total; off += DYAD_MAX_SENTENCE_TOKENS) {
        dyad__sctx p;
        sctx_init(c, &p, doc->text, date);
        p.new_paragraph = off == 0 && s.new_paragraph;
        p.t = all + off;
        p.nt = total - off < DYAD_MAX_SENTENCE_TOKENS ? total - off
                                                       : DYAD_MAX_SENTENCE_TOKENS;
        if (c->trace) {
            char head[64];
            snprintf(head, sizeof head, "sentence %u", number);
            c->trace(c->trace_ud, DYAD_TRACE_SENTENCE, head);
        }
        if ((st = code_tokens(c, &p)) != DYAD_OK) return st;
        if (p.discard == 2) {
            *story_discard = 1;
            return DYAD_OK;
        }
        const dyad__np *fa = first_actor(&p);
        if (fa) c->prev_first = fa;
        remember_actors(c, &p);
        track_quotes(c, &p);
        if (!p.discard &&
            (st = add_records(c, &p, doc->id, number, outlet, stext,
                              c->opt.dedup_per_doc)) != DYAD_OK)
            return st;
    }
    return DYAD_OK;
}

dyad_status dyad_code_doc(dyad_coder *c, const dyad_doc *doc, dyad_diag_fn diag,
                          void *diag_ud, const dyad_result **out)
{
    dyad__diag_sink sink = {diag, diag_ud, 0, 0};
    dyad__arena_reset(&c->a);
    c->ev = NULL;
    c->nev = c->capev = 0;
    c->prev_first = NULL;
    c->n_recent = 0;
    c->in_quote = 0;
    c->quote_speaker = NULL;
    c->para = 0;
    c->dl_text = doc ? doc->text : NULL;
    c->dl_from = c->dl_to = 0;
    c->dl_looked = 0;
    c->dl_row = NULL;
    memset(&c->res, 0, sizeof c->res);
    *out = &c->res;
    if (!doc || !doc->id || (!doc->text && doc->len)) return DYAD_EINVAL;
    if (doc->len > DYAD_MAX_DOC_BYTES) {
        dyad__diagf(&sink, DYAD_SEV_ERROR, DYAD_ELIMIT, doc->origin,
                    doc->origin_line, 0,
                    "document %s is %zu bytes, over the %u-byte limit; not coded",
                    doc->id, doc->len, (unsigned)DYAD_MAX_DOC_BYTES);
        return DYAD_ELIMIT;
    }
    uint32_t skip[1][2] = {{0, 0}};
    size_t nskip = 0;
    int date = doc->date;
    if (c->opt.text_dates) {
        uint32_t line[2];
        int found = dyad__find_pub_date(doc->text, doc->len, line);
        if (found) {
            skip[0][0] = line[0];
            skip[0][1] = line[1];
            nskip = 1;
            if (!date) date = found;
        }
    }
    if (!date) date = c->opt.default_date;
    dyad__sent *sents;
    size_t ns;
    dyad__dateline dl;
    dyad_status st = dyad__split(&c->a, doc->text, doc->len,
                                 (const uint32_t(*)[2])skip, nskip, &sents, &ns,
                                 &dl);
    if (st) return st;
    if (dl.to) {
        c->dl_from = dl.place_from;
        c->dl_to = dl.place_to;
        c->res.dateline = dyad__arena_strndup(&c->a, doc->text + dl.place_from,
                                              dl.place_to - dl.place_from);
        if (dl.agency_to) {
            const char *known = dyad__agency_name(doc->text + dl.agency_from,
                                                  dl.agency_to - dl.agency_from);
            c->res.agency = known ? known
                                  : dyad__arena_strndup(&c->a, doc->text + dl.agency_from,
                                                        dl.agency_to - dl.agency_from);
        }
    }
    const char *outlet = doc->outlet ? doc->outlet : c->res.agency;
    int story_discard = 0;
    for (size_t k = 0; k < ns && !story_discard; k++) {
        st = code_sentence_span(c, doc, &sents[k], (unsigned)k + 1, date,
                                outlet, &sink, &story_discard);
        if (st) return st;
    }
    if (story_discard) {
        c->nev = 0;
        c->res.flags |= DYAD_DOC_DISCARDED;
    }
    c->res.events = c->ev;
    c->res.n_events = c->nev;
    c->res.n_sentences = ns;
    c->res.date = date;
    return DYAD_OK;
}

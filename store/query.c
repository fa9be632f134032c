/*
 * query.c - the SQL both backends share: a filter's WHERE clause, written
 * for SQLite (? placeholders, FTS5) or PostgreSQL ($n placeholders,
 * tsvector), with every value bound as a parameter, never spliced into the
 * text. Actor and code values match as prefixes through a range
 * (source >= 'IRN' AND source < 'IRO'), which the indexes serve.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"

const char store__event_columns[] =
    "e.id, e.doc, e.sentence, e.n, e.date, e.source, e.target, "
    "e.source_country, e.target_country, e.source_text, e.target_text, "
    "e.cameo, e.root, e.quad, e.goldstein, e.plover, e.place, "
    "e.place_country, e.lat, e.lon, e.precision, e.outlet, e.evidence, "
    "e.issues, d.doc_key, d.url, s.text";

void store__q_init(store_q *q, store_dialect d)
{
    q->dialect = d;
    q->len = 0;
    q->sql[0] = 0;
    q->overflow = 0;
    q->n = 0;
}

void store__q_add(store_q *q, const char *sql)
{
    size_t n = strlen(sql);
    if (q->len + n + 1 > sizeof q->sql) {
        q->overflow = 1;
        return;
    }
    memcpy(q->sql + q->len, sql, n + 1);
    q->len += n;
}

static int placeholder(store_q *q)
{
    if (q->n >= STORE_Q_MAX_PARAMS) {
        q->overflow = 1;
        return -1;
    }
    char ph[16] = "?";
    if (q->dialect == STORE_PG) snprintf(ph, sizeof ph, "$%d", q->n + 1);
    store__q_add(q, ph);
    return q->n++;
}

void store__q_text(store_q *q, const char *s, int copy)
{
    int k = placeholder(q);
    if (k < 0) return;
    q->p[k].is_int = 0;
    q->p[k].s = s;
    if (copy) {
        if (strlen(s) >= sizeof q->p[k].own) q->overflow = 1;
        snprintf(q->p[k].own, sizeof q->p[k].own, "%s", s);
        q->p[k].s = q->p[k].own;
    }
}

void store__q_int(store_q *q, long long v)
{
    int k = placeholder(q);
    if (k < 0) return;
    q->p[k].is_int = 1;
    q->p[k].i = v;
    q->p[k].s = q->p[k].own;
    snprintf(q->p[k].own, sizeof q->p[k].own, "%lld", v);
}

/* " WHERE " before the first condition, " AND " before the others. */
static void cond(store_q *q, int *first)
{
    store__q_add(q, *first ? " WHERE " : " AND ");
    *first = 0;
}

/* col >= 'PFX' AND col < 'PFY': the prefix, upper-cased, and the string
 * just past every string it begins. */
static void prefix_range(store_q *q, const char *col, const char *prefix)
{
    char lo[64], hi[64];
    size_t n = 0;
    for (; prefix[n] && n + 1 < sizeof lo; n++)
        lo[n] = (char)toupper((unsigned char)prefix[n]);
    lo[n] = 0;
    memcpy(hi, lo, n + 1);
    if (n) hi[n - 1] = (char)(hi[n - 1] + 1);
    store__q_add(q, "(");
    store__q_add(q, col);
    store__q_add(q, " >= ");
    store__q_text(q, lo, 1);
    if (n) {
        store__q_add(q, " AND ");
        store__q_add(q, col);
        store__q_add(q, " < ");
        store__q_text(q, hi, 1);
    }
    store__q_add(q, ")");
}

static void dyad_pair(store_q *q, const char *src, const char *tgt)
{
    store__q_add(q, "(");
    if (src) prefix_range(q, "e.source", src);
    if (src && tgt) store__q_add(q, " AND ");
    if (tgt) prefix_range(q, "e.target", tgt);
    store__q_add(q, ")");
}

static void actor_conditions(store_q *q, const store_filter *f, int *first)
{
    if (f->source || f->target) {
        cond(q, first);
        store__q_add(q, "(");
        dyad_pair(q, f->source, f->target);
        if (f->both_directions) {
            store__q_add(q, " OR ");
            dyad_pair(q, f->target, f->source);
        }
        store__q_add(q, ")");
    }
    if (f->either) {
        cond(q, first);
        store__q_add(q, "(");
        prefix_range(q, "e.source", f->either);
        store__q_add(q, " OR ");
        prefix_range(q, "e.target", f->either);
        store__q_add(q, ")");
    }
}

/* A search as people type it into FTS5's syntax, the way PostgreSQL's
 * websearch_to_tsquery reads it: words must all occur, "a phrase" in
 * quotes, OR between alternatives, -word must not occur. Every word is
 * quoted, so no input is an FTS5 syntax error. */
static void fts5_query(const char *in, char *out, size_t cap)
{
    size_t o = 0, nots = 0;
    char neg[1024] = "";
    int pending_or = 0;
    out[0] = 0;
    for (const char *p = in; *p;) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        int minus = *p == '-' && p[1] && p[1] != ' ';
        if (minus) p++;
        const char *w = p;
        size_t n;
        if (*p == '"') {
            w = ++p;
            while (*p && *p != '"') p++;
            n = (size_t)(p - w);
            if (*p) p++;
        } else {
            while (*p && *p != ' ' && *p != '\t') p++;
            n = (size_t)(p - w);
        }
        if (!minus && n == 2 && !strncmp(w, "OR", 2)) {
            pending_or = o > 0;
            continue;
        }
        char term[256];
        size_t t = 0;
        term[t++] = '"';
        for (size_t k = 0; k < n && t + 3 < sizeof term; k++) {
            if (w[k] == '"') term[t++] = '"';      /* FTS5 doubles quotes */
            term[t++] = w[k];
        }
        term[t++] = '"';
        term[t] = 0;
        if (minus) {
            nots += (size_t)snprintf(neg + nots, sizeof neg - nots < 2 ? 0 :
                                     sizeof neg - nots, " NOT %s", term);
            if (nots >= sizeof neg) nots = sizeof neg - 1;
            continue;
        }
        const char *join = o == 0 ? "" : pending_or ? " OR " : " AND ";
        int k = snprintf(out + o, cap - o, "%s%s", join, term);
        if (k < 0 || (size_t)k >= cap - o) break;
        o += (size_t)k;
        pending_or = 0;
    }
    if (o == 0) snprintf(out, cap, "\"\"");     /* matches nothing */
    else if (nots) snprintf(out + o, cap - o, "%s", neg);
}

static void text_condition(store_q *q, const store_filter *f, int *first)
{
    cond(q, first);
    if (q->dialect == STORE_PG) {
        store__q_add(q, "e.sent IN (SELECT id FROM sentences WHERE tsv @@ "
                        "websearch_to_tsquery('english', ");
        store__q_text(q, f->text, 0);
        store__q_add(q, "))");
    } else {
        fts5_query(f->text, q->fts, sizeof q->fts);
        store__q_add(q, "e.sent IN (SELECT rowid FROM sentences_fts WHERE "
                        "sentences_fts MATCH ");
        store__q_text(q, q->fts, 0);
        store__q_add(q, ")");
    }
}

void store__q_event_where(store_q *q, const store_filter *f)
{
    int first = 1;
    actor_conditions(q, f, &first);
    if (f->code) {
        cond(q, &first);
        prefix_range(q, "e.cameo", f->code);
    }
    if (f->root) {
        cond(q, &first);
        store__q_add(q, "e.root = ");
        store__q_int(q, f->root);
    }
    if (f->quad) {
        cond(q, &first);
        store__q_add(q, "e.quad = ");
        store__q_int(q, f->quad);
    }
    if (f->date_from) {
        cond(q, &first);
        store__q_add(q, "e.date >= ");
        store__q_int(q, f->date_from);
    }
    if (f->date_to) {
        cond(q, &first);
        store__q_add(q, "e.date <= ");
        store__q_int(q, f->date_to);
    }
    if (f->outlet) {
        cond(q, &first);
        store__q_add(q, "e.outlet = ");
        store__q_text(q, f->outlet, 0);
    }
    if (f->place) {
        /* places are stored as the gazetteer writes them: FALLUJAH,
         * BASRA_PROVINCE; a country as its code */
        char norm[96];
        size_t n = 0;
        for (; f->place[n] && n + 1 < sizeof norm; n++)
            norm[n] = f->place[n] == ' ' ? '_' : (char)toupper((unsigned char)f->place[n]);
        norm[n] = 0;
        cond(q, &first);
        store__q_add(q, "(e.place_country = ");
        store__q_text(q, norm, 1);
        store__q_add(q, " OR e.place = ");
        store__q_text(q, norm, 1);
        store__q_add(q, ")");
    }
    if (f->doc) {
        cond(q, &first);
        store__q_add(q, "e.doc = ");
        store__q_int(q, f->doc);
    }
    if (f->text) text_condition(q, f, &first);
}

void store__q_doc_where(store_q *q, const store_filter *f)
{
    int first = 1;
    if (f->date_from) {
        cond(q, &first);
        store__q_add(q, "d.date >= ");
        store__q_int(q, f->date_from);
    }
    if (f->date_to) {
        cond(q, &first);
        store__q_add(q, "d.date <= ");
        store__q_int(q, f->date_to);
    }
    if (f->outlet) {
        cond(q, &first);
        store__q_add(q, "d.outlet = ");
        store__q_text(q, f->outlet, 0);
    }
    if (f->doc) {
        cond(q, &first);
        store__q_add(q, "d.id = ");
        store__q_int(q, f->doc);
    }
}

void store__q_limit(store_q *q, const store_filter *f)
{
    if (f->limit <= 0) return;
    store__q_add(q, " LIMIT ");
    store__q_int(q, f->limit);
    store__q_add(q, " OFFSET ");
    store__q_int(q, f->offset > 0 ? f->offset : 0);
}

/* ------------------------------------------------------------ statements */

void store__q_events(store_q *q, store_dialect d, const store_filter *f)
{
    store__q_init(q, d);
    store__q_add(q, "SELECT ");
    store__q_add(q, store__event_columns);
    store__q_add(q, " FROM events e JOIN docs d ON d.id = e.doc "
                    "JOIN sentences s ON s.id = e.sent");
    store__q_event_where(q, f);
    store__q_add(q, " ORDER BY e.date, e.id");
    store__q_limit(q, f);
}

void store__q_series(store_q *q, store_dialect d, const store_filter *f)
{
    store__q_init(q, d);
    store__q_add(q, "SELECT e.date, e.quad, count(*), sum(e.goldstein) "
                    "FROM events e");
    store__q_event_where(q, f);
    store__q_add(q, " GROUP BY e.date, e.quad ORDER BY e.date, e.quad");
}

void store__q_actors(store_q *q, store_dialect d, const char *prefix, long limit)
{
    store_filter f;
    memset(&f, 0, sizeof f);
    store__q_init(q, d);
    store__q_add(q, "SELECT code, sum(src), sum(tgt) FROM ("
                    "SELECT e.source AS code, count(*) AS src, 0 AS tgt "
                    "FROM events e");
    if (prefix) {
        f.source = prefix;
        store__q_event_where(q, &f);
    }
    store__q_add(q, " GROUP BY e.source UNION ALL SELECT e.target, 0, "
                    "count(*) FROM events e");
    if (prefix) {
        f.source = NULL;
        f.target = prefix;
        store__q_event_where(q, &f);
    }
    store__q_add(q, " GROUP BY e.target) a GROUP BY code "
                    "ORDER BY sum(src) + sum(tgt) DESC, code");
    f.limit = limit;
    store__q_limit(q, &f);
}

void store__q_docs(store_q *q, store_dialect d, const store_filter *f,
                   int with_text)
{
    store__q_init(q, d);
    store__q_add(q, "SELECT d.id, d.doc_key, d.title, d.url, d.outlet, "
                    "d.date, d.dateline, d.origin, d.coded_with, (SELECT "
                    "count(*) FROM events e WHERE e.doc = d.id), ");
    store__q_add(q, with_text ? "d.text" : "NULL");
    store__q_add(q, " FROM docs d");
    store__q_doc_where(q, f);
    store__q_add(q, " ORDER BY d.id");
    store__q_limit(q, f);
}

void store__q_stale(store_q *q, store_dialect d, const char *coded_with)
{
    store__q_init(q, d);
    store__q_add(q, "SELECT id FROM docs WHERE coded_with <> ");
    store__q_text(q, coded_with, 0);
    store__q_add(q, " ORDER BY id");
}

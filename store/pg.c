/*
 * pg.c - the PostgreSQL backend of the event store, over libpq. The
 * database is recognised as dyad's by its dyad_meta table (application
 * 'dyad', schema_version); migrations run one transaction each under an
 * advisory lock, so two first ingests cannot both create the schema.
 * Documents, their sentences and their events wait in buffers of COPY
 * rows, sent with COPY FROM STDIN when large and always before COMMIT; the
 * one round trip a document costs is find_doc's, which also reserves the
 * id of the document stored next. Reads run through a cursor, a block of
 * rows at a time.
 * Messages name the database by its URI with any password masked.
 */
#include <limits.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "schema.h"

#define DYAD_LOCK_KEY "1685676388"    /* advisory lock: 0x64796164, "dyad" */

/* Rows in COPY's text format, waiting to be sent. */
typedef struct copybuf {
    char *p;
    size_t len, cap;
} copybuf;

typedef struct pg {
    store base;
    PGconn *conn;
    char *where;              /* the URI, password masked: for messages */
    copybuf docs, sent, ev;   /* rows not yet sent */
    int full;                 /* a buffer passed STORE_PG_COPY_MAX, or OOM */
    struct {                  /* the documents whose rows wait, for find_doc */
        unsigned char hash[16];
        int64_t id;
    } pending[STORE_PG_PENDING_DOCS];
    size_t n_pending;
    int64_t spare_doc;        /* a doc id find_doc reserved, 0 none */
    int64_t ids[STORE_PG_ID_BLOCK];   /* reserved sentence ids */
    size_t next_id, n_ids;
    int cursors;              /* cursors open (a walk's callback may walk) */
} pg;

/* ------------------------------------------------------------ errors */

/* The length of s's first line. */
static int first_line(const char *s)
{
    size_t n = strcspn(s, "\r\n");
    return n > INT_MAX ? INT_MAX : (int)n;
}

/* Set the store error: the database, what was being done, and the
 * server's message (or libpq's, when the result holds none). */
static int fail_pg(pg *p, const char *what, const PGresult *r)
{
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    const char *detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
    if (!msg || !*msg) msg = PQerrorMessage(p->conn);
    if (!msg || !*msg) msg = "failed";
    return store__fail(&p->base, "%s: %s: %.*s%s%.*s%s", p->where, what,
                       first_line(msg), msg, detail ? " (" : "",
                       detail ? first_line(detail) : 0, detail ? detail : "",
                       detail ? ")" : "");
}

/* Run a statement with text parameters (fmts NULL) or some binary ones;
 * the result when its status is want, else NULL with the error set. */
static PGresult *query(pg *p, const char *what, const char *sql, int n,
                       const char *const *vals, const int *lens,
                       const int *fmts, ExecStatusType want)
{
    PGresult *r = PQexecParams(p->conn, sql, n, NULL, vals, lens, fmts, 0);
    if (PQresultStatus(r) == want) return r;
    fail_pg(p, what, r);
    PQclear(r);
    return NULL;
}

/* Statements without parameters or rows (PQexec: sql may hold several,
 * as a migration does). */
static int run(pg *p, const char *what, const char *sql)
{
    PGresult *r = PQexec(p->conn, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) fail_pg(p, what, r);
    PQclear(r);
    return ok ? 0 : -1;
}

/* ROLLBACK that keeps the message of the error that caused it. */
static void rollback_quietly(pg *p)
{
    PQclear(PQexec(p->conn, "ROLLBACK"));
}

/* A copy of the address with every password replaced by "***", to name
 * the database in messages: the one in user:password@ and any
 * password=... parameter. Caller frees. */
static char *mask_uri(const char *uri)
{
    size_t n = strlen(uri);
    char *m = malloc(4 * n + 16);
    if (!m) return NULL;
    const char *p = uri, *auth = strstr(uri, "://");
    char *o = m;
    if (auth) {
        auth += 3;
        const char *end = auth + strcspn(auth, "/?#");
        const char *at = NULL, *colon;
        for (const char *c = auth; c < end; c++)
            if (*c == '@') at = c;
        if (at && (colon = memchr(auth, ':', (size_t)(at - auth)))) {
            memcpy(o, uri, (size_t)(colon + 1 - uri));
            o += colon + 1 - uri;
            memcpy(o, "***", 3);
            o += 3;
            p = at;
        }
    }
    while (*p) {
        if ((p == uri || p[-1] == '?' || p[-1] == '&' || p[-1] == ' ') &&
            !strncmp(p, "password=", 9)) {
            memcpy(o, "password=***", 12);
            o += 12;
            p += 9 + strcspn(p + 9, "&# ");
            continue;
        }
        *o++ = *p++;
    }
    *o = 0;
    return m;
}

/* ------------------------------------------------------------ COPY */

/* Room for need more bytes in b, within STORE_PG_COPY_MAX. */
static int reserve(pg *p, copybuf *b, size_t need)
{
    if (b->len + need <= b->cap) return 0;
    if (b->len + need > STORE_PG_COPY_MAX) {
        p->full = 1;
        return -1;
    }
    size_t cap = b->cap ? b->cap : 1u << 16;
    while (cap < b->len + need) cap *= 2;
    if (cap > STORE_PG_COPY_MAX) cap = STORE_PG_COPY_MAX;
    char *np = realloc(b->p, cap);
    if (!np) {
        p->full = 1;
        return -1;
    }
    b->p = np;
    b->cap = cap;
    return 0;
}

/* Append one field of a row (a tab before all but the first): the n
 * bytes of s escaped for COPY's text format, or \N for NULL. */
static void field_n(pg *p, copybuf *b, const char *s, size_t n, int first)
{
    if (!s) n = 0;
    if (n > STORE_PG_COPY_MAX || reserve(p, b, 2 * n + 3)) {
        p->full = 1;
        return;
    }
    char *o = b->p + b->len;
    if (!first) *o++ = '\t';
    if (!s) {
        *o++ = '\\';
        *o++ = 'N';
    }
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        const char *esc = c == '\\' ? "\\\\" : c == '\t' ? "\\t"
                        : c == '\n' ? "\\n" : c == '\r' ? "\\r" : NULL;
        if (esc) {
            *o++ = esc[0];
            *o++ = esc[1];
        } else {
            *o++ = c;
        }
    }
    b->len = (size_t)(o - b->p);
}

static void field(pg *p, copybuf *b, const char *s, int first)
{
    field_n(p, b, s, s ? strlen(s) : 0, first);
}

static void field_int(pg *p, copybuf *b, long long v, int first)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    field(p, b, num, first);
}

/* Doubles with 17 digits read back to the same value. */
static void field_double(pg *p, copybuf *b, double v)
{
    char num[40];
    snprintf(num, sizeof num, "%.17g", v);
    field(p, b, num, 0);
}

static void end_row(pg *p, copybuf *b)
{
    if (reserve(p, b, 1) == 0) b->p[b->len++] = '\n';
}

/* Send b's rows with `sql` (a COPY ... FROM STDIN) and empty it. */
static int copy_in(pg *p, copybuf *b, const char *sql, const char *what)
{
    PGresult *r = PQexec(p->conn, sql);
    size_t len = b->len;
    b->len = 0;
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        fail_pg(p, what, r);
        PQclear(r);
        return -1;
    }
    PQclear(r);
    int sent = PQputCopyData(p->conn, b->p, (int)len) == 1;
    int ended = PQputCopyEnd(p->conn, sent ? NULL : "dyad: not sent") == 1;
    int rc = sent && ended ? 0 : fail_pg(p, what, NULL);
    while ((r = PQgetResult(p->conn))) {
        ExecStatusType st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && rc == 0) rc = fail_pg(p, what, r);
        PQclear(r);
        if (st == PGRES_COPY_IN && PQputCopyEnd(p->conn, "dyad: abort") != 1)
            break;              /* the connection is gone */
    }
    return rc;
}

/* Forget the rows not sent (after an error, or at ROLLBACK). */
static void discard(pg *p)
{
    p->docs.len = p->sent.len = p->ev.len = 0;
    p->n_pending = 0;
    p->full = 0;
}

/* Send the waiting rows: documents, then sentences, then events, each
 * referring to the ones before. */
static int flush(pg *p)
{
    if (p->full) {
        discard(p);
        return store__fail(&p->base, "%s: out of memory for the rows to "
                           "COPY (or they need more than STORE_PG_COPY_MAX, "
                           "%u bytes)", p->where, STORE_PG_COPY_MAX);
    }
    p->n_pending = 0;
    if ((p->docs.len &&
         copy_in(p, &p->docs, "COPY docs (id, hash, doc_key, title, url, "
                 "outlet, date, dateline, origin, text, coded_with, "
                 "ingested_at) FROM STDIN", "store documents")) ||
        (p->sent.len &&
         copy_in(p, &p->sent, "COPY sentences (id, doc, n, text) FROM STDIN",
                 "store sentences"))) {
        discard(p);
        return -1;
    }
    if (p->ev.len &&
        copy_in(p, &p->ev, "COPY events (doc, sent, sentence, n, date, source, "
                "target, source_country, target_country, source_text, "
                "target_text, cameo, root, quad, goldstein, plover, place, "
                "place_country, lat, lon, precision, outlet, evidence, issues) "
                "FROM STDIN", "store events"))
        return -1;
    return 0;
}

static int exec(store *s, const char *sql)
{
    pg *p = (pg *)s;
    if (!strcmp(sql, "ROLLBACK")) discard(p);
    else if (!strcmp(sql, "COMMIT") && flush(p)) {
        return -1;
    }
    PGresult *r = query(p, sql, sql, 0, NULL, NULL, NULL, PGRES_COMMAND_OK);
    if (!r) return -1;
    /* COMMIT of a transaction an error aborted answers ROLLBACK */
    int lost = !strcmp(sql, "COMMIT") && !strcmp(PQcmdStatus(r), "ROLLBACK");
    PQclear(r);
    if (lost)
        return store__fail(s, "%s: COMMIT: the transaction had failed and was "
                           "rolled back", p->where);
    return 0;
}

static void pg_close(store *s)
{
    pg *p = (pg *)s;
    PQfinish(p->conn);
    free(p->docs.p);
    free(p->sent.p);
    free(p->ev.p);
    free(p->where);
    free(p);
}

/* ------------------------------------------------------------ opening */

/* Is this database dyad's, and at which version? 0 with *version set (0
 * for a schema without tables), -1 with the reason in the store error. */
static int identify(pg *p, int *version)
{
    PGresult *r = query(p, "inspect", "SELECT count(*), count(*) FILTER "
                        "(WHERE tablename = 'dyad_meta') FROM pg_tables WHERE "
                        "schemaname = current_schema()", 0, NULL, NULL, NULL,
                        PGRES_TUPLES_OK);
    if (!r) return -1;
    long tables = atol(PQgetvalue(r, 0, 0));
    int meta = atol(PQgetvalue(r, 0, 1)) > 0;
    PQclear(r);
    *version = 0;
    if (!meta && tables == 0) return 0;
    if (!meta)
        return store__fail(&p->base, "%s is not a dyad database (it has %ld "
                           "table%s and no dyad_meta table); nothing was "
                           "written to it", p->where, tables,
                           tables == 1 ? "" : "s");
    r = query(p, "read dyad_meta", "SELECT (SELECT value FROM dyad_meta WHERE "
              "key = 'application'), (SELECT value FROM dyad_meta WHERE key = "
              "'schema_version')", 0, NULL, NULL, NULL, PGRES_TUPLES_OK);
    if (!r) return -1;
    int ours = !strcmp(PQgetvalue(r, 0, 0), "dyad");
    char *end;
    long v = strtol(PQgetvalue(r, 0, 1), &end, 10);
    int bad = PQgetisnull(r, 0, 1) || *end || v < 1 || v > INT_MAX;
    PQclear(r);
    if (!ours || bad)
        return store__fail(&p->base, "%s is not a dyad database (its dyad_meta "
                           "table names another application or no schema "
                           "version); nothing was written to it", p->where);
    *version = (int)v;
    if (v > STORE_SCHEMA_VERSION)
        return store__fail(&p->base, "%s has schema version %ld, newer than "
                           "this dyad (%s) knows (%d): use a newer dyad",
                           p->where, v, DYAD_VERSION, STORE_SCHEMA_VERSION);
    return 0;
}

/* Take the schema from version v to v + 1 (the transaction is open). */
static int migrate_step(pg *p, int v)
{
    if (v == 0 && run(p, "create dyad_meta", "CREATE TABLE dyad_meta (key text "
                      "PRIMARY KEY, value text NOT NULL)"))
        return -1;
    if (run(p, "migrate", store__pg_migrations[v])) return -1;
    char ver[16];
    snprintf(ver, sizeof ver, "%d", v + 1);
    const char *vals[1] = {ver};
    PGresult *r = query(p, "migrate", "INSERT INTO dyad_meta (key, value) "
                        "VALUES ('application', 'dyad'), ('schema_version', "
                        "$1) ON CONFLICT (key) DO UPDATE SET value = "
                        "excluded.value", 1, vals, NULL, NULL,
                        PGRES_COMMAND_OK);
    PQclear(r);
    return r ? 0 : -1;
}

/* Migrate to the current version, one transaction a step, each under the
 * advisory lock: a second process waits, then finds the work done. */
static int migrate(pg *p)
{
    for (;;) {
        int v;
        if (run(p, "BEGIN", "BEGIN")) return -1;
        PGresult *r = query(p, "lock", "SELECT pg_advisory_xact_lock("
                            DYAD_LOCK_KEY ")", 0, NULL, NULL, NULL,
                            PGRES_TUPLES_OK);
        PQclear(r);
        if (!r || identify(p, &v) ||
            (v < STORE_SCHEMA_VERSION && migrate_step(p, v))) {
            rollback_quietly(p);
            return -1;
        }
        if (v >= STORE_SCHEMA_VERSION) {
            rollback_quietly(p);        /* nothing was written */
            return 0;
        }
        if (exec(&p->base, "COMMIT")) return -1;
    }
}

static int setup(pg *p, store_mode mode)
{
    /* cursors are read to the end: plan for all rows, not the first */
    if (run(p, "session", "SET cursor_tuple_fraction = 1")) return -1;
    if (mode == STORE_WRITE) return migrate(p);
    int version;
    if (run(p, "session", "SET default_transaction_read_only = on") ||
        identify(p, &version))
        return -1;
    if (version == 0)
        return store__fail(&p->base, "%s holds no dyad database yet: run dyad "
                           "ingest first", p->where);
    if (version < STORE_SCHEMA_VERSION)
        return store__fail(&p->base, "%s has schema version %d: run dyad "
                           "ingest (or recode) once to migrate it to %d",
                           p->where, version, STORE_SCHEMA_VERSION);
    return 0;
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static const store_ops pg_ops;

store *store__pg_open(const char *conninfo, store_mode mode, char *err,
                      size_t errlen)
{
    pg *p = calloc(1, sizeof *p);
    char *where = mask_uri(conninfo);
    if (!p || !where) {
        snprintf(err, errlen, "%s: out of memory",
                 where ? where : "PostgreSQL");
        free(p);
        free(where);
        return NULL;
    }
    p->base.ops = &pg_ops;
    p->where = where;
    /* later keywords win: the URI may set a timeout, not the encoding */
    static const char *const kw[] = {"connect_timeout",
                                     "fallback_application_name", "dbname",
                                     "client_encoding", NULL};
    const char *vals[] = {"10", "dyad", conninfo, "UTF8", NULL};
    p->conn = PQconnectdbParams(kw, vals, 1);
    if (!p->conn) {
        snprintf(err, errlen, "%s: out of memory", where);
    } else if (PQstatus(p->conn) != CONNECTION_OK) {
        const char *m = PQerrorMessage(p->conn);
        snprintf(err, errlen, "%s: cannot connect: %.*s", where,
                 first_line(m), m);
    } else {
        PQsetNoticeProcessor(p->conn, ignore_notice, NULL);   /* never print */
        if (setup(p, mode) == 0) return &p->base;
        snprintf(err, errlen, "%s", p->base.err);
    }
    pg_close(&p->base);
    return NULL;
}

/* ------------------------------------------------------------ writing */

/* One round trip: the stored document's id or, when there is none and no
 * id is spare, a new id (negated) for the put_doc that usually follows;
 * coalesce() calls nextval() only then, so ids stay dense. Documents not
 * sent yet are looked up here. */
static int find_doc(store *s, const unsigned char hash[16], int64_t *id)
{
    pg *p = (pg *)s;
    for (size_t k = p->n_pending; k-- > 0;)
        if (!memcmp(p->pending[k].hash, hash, 16)) {
            *id = p->pending[k].id;
            return 1;
        }
    const char *vals[1] = {(const char *)hash};
    const int lens[1] = {16}, fmts[1] = {1};
    const char *sql = p->spare_doc
        ? "SELECT id FROM docs WHERE hash = $1"
        : "SELECT coalesce((SELECT id FROM docs WHERE hash = $1), "
          "-nextval(pg_get_serial_sequence('docs', 'id')))";
    PGresult *r = query(p, "find document", sql, 1, vals, lens, fmts,
                        PGRES_TUPLES_OK);
    if (!r) return -1;
    int64_t v = PQntuples(r) ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    if (v > 0) *id = v;
    else if (v < 0) p->spare_doc = -v;
    return v > 0;
}

/* The id find_doc reserved, else a new one. */
static int doc_id(pg *p, int64_t *id)
{
    if (!p->spare_doc) {
        PGresult *r = query(p, "store document", "SELECT nextval("
                            "pg_get_serial_sequence('docs', 'id'))", 0, NULL,
                            NULL, NULL, PGRES_TUPLES_OK);
        if (!r) return -1;
        p->spare_doc = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
    }
    *id = p->spare_doc;
    p->spare_doc = 0;
    return 0;
}

/* Buffer the document's row (its text is d->len bytes, not NUL-ended). */
static int put_doc(store *s, const store_doc *d, int64_t *id)
{
    pg *p = (pg *)s;
    if (doc_id(p, id)) return -1;
    char hex[2 + 32 + 1] = "\\x";
    for (int k = 0; k < 16; k++)
        snprintf(hex + 2 + 2 * k, 3, "%02x", d->hash[k]);
    copybuf *b = &p->docs;
    field_int(p, b, *id, 1);
    field(p, b, hex, 0);
    field(p, b, d->key, 0);
    field(p, b, d->title, 0);
    field(p, b, d->url, 0);
    field(p, b, d->outlet, 0);
    field_int(p, b, d->date, 0);
    field(p, b, d->dateline, 0);
    field(p, b, d->origin, 0);
    field_n(p, b, d->text ? d->text : "", d->len, 0);
    field(p, b, d->coded_with, 0);
    field_int(p, b, (long long)time(NULL), 0);
    end_row(p, b);
    memcpy(p->pending[p->n_pending].hash, d->hash, 16);
    p->pending[p->n_pending++].id = *id;
    if (p->full || p->n_pending == STORE_PG_PENDING_DOCS ||
        PQtransactionStatus(p->conn) == PQTRANS_IDLE)
        return flush(p);
    return 0;
}

/* The next reserved sentence id, reserving a block when none is left.
 * The ids come from the sentences' own sequence, so rows inserted without
 * one never collide; a rolled-back block is simply not used. */
static int sentence_id(pg *p, int64_t *id)
{
    if (p->next_id == p->n_ids) {
        char n[16];
        snprintf(n, sizeof n, "%d", STORE_PG_ID_BLOCK);
        const char *vals[1] = {n};
        PGresult *r = query(p, "reserve sentence ids", "SELECT nextval("
                            "pg_get_serial_sequence('sentences', 'id')) FROM "
                            "generate_series(1, $1::integer)", 1, vals, NULL,
                            NULL, PGRES_TUPLES_OK);
        if (!r) return -1;
        int rows = PQntuples(r);
        if (rows > STORE_PG_ID_BLOCK) rows = STORE_PG_ID_BLOCK;
        for (int k = 0; k < rows; k++)
            p->ids[k] = strtoll(PQgetvalue(r, k, 0), NULL, 10);
        p->n_ids = (size_t)rows;
        p->next_id = 0;
        PQclear(r);
        if (!p->n_ids)
            return store__fail(&p->base, "%s: no sentence ids", p->where);
    }
    *id = p->ids[p->next_id++];
    return 0;
}

static void sentence_row(pg *p, int64_t id, int64_t doc, const dyad_event *e)
{
    copybuf *b = &p->sent;
    field_int(p, b, id, 1);
    field_int(p, b, doc, 0);
    field_int(p, b, (long long)e->sentence, 0);
    field(p, b, e->sentence_text ? e->sentence_text : "", 0);
    end_row(p, b);
}

static const char *country_or_dash(const char *c)
{
    return c && *c ? c : "---";
}

static void event_row(pg *p, int64_t doc, int64_t sid, int n,
                      const dyad_event *e)
{
    copybuf *b = &p->ev;
    const dyad_location *l = &e->location;
    field_int(p, b, doc, 1);
    field_int(p, b, sid, 0);
    field_int(p, b, (long long)e->sentence, 0);
    field_int(p, b, n, 0);
    field_int(p, b, e->date, 0);
    field(p, b, e->source.code ? e->source.code : "", 0);
    field(p, b, e->target.code ? e->target.code : "", 0);
    field(p, b, country_or_dash(e->source.country), 0);
    field(p, b, country_or_dash(e->target.country), 0);
    field(p, b, e->source.text, 0);
    field(p, b, e->target.text, 0);
    field(p, b, e->cameo, 0);
    field_int(p, b, (e->root[0] - '0') * 10 + (e->root[1] - '0'), 0);
    field_int(p, b, e->quad, 0);
    field_double(p, b, e->goldstein);
    field(p, b, e->plover && *e->plover ? e->plover : NULL, 0);
    field(p, b, l->known ? l->name : NULL, 0);
    field(p, b, l->known ? l->country : NULL, 0);
    if (l->known) {
        field_double(p, b, l->lat);
        field_double(p, b, l->lon);
    } else {
        field(p, b, NULL, 0);
        field(p, b, NULL, 0);
    }
    field_int(p, b, store__precision(l), 0);
    field(p, b, e->outlet, 0);
    field(p, b, e->evidence, 0);
    field(p, b, e->issues, 0);
    end_row(p, b);
}

/* Buffer the rows of a document's events, one sentence row per sentence
 * that has events (sids[k] is the sentence row of event k); send them when
 * the buffers are large, or at once outside a transaction. */
static int put_events(store *s, int64_t doc, const dyad_result *res)
{
    pg *p = (pg *)s;
    int64_t small[64], *sids = small;
    if (res->n_events > 64 && !(sids = malloc(res->n_events * sizeof *sids)))
        return store__fail(s, "%s: out of memory", p->where);
    int rc = 0;
    for (size_t k = 0; k < res->n_events && !rc; k++) {
        const dyad_event *e = &res->events[k];
        size_t j = k;
        while (j-- > 0 && res->events[j].sentence != e->sentence) {}
        if (j != (size_t)-1) {
            sids[k] = sids[j];
        } else {
            rc = sentence_id(p, &sids[k]);
            if (!rc) sentence_row(p, sids[k], doc, e);
        }
        if (!rc) event_row(p, doc, sids[k], (int)k + 1, e);
    }
    if (sids != small) free(sids);
    if (rc) return -1;
    size_t waiting = p->docs.len + p->sent.len + p->ev.len;
    if (p->full || waiting >= STORE_PG_COPY_FLUSH ||
        PQtransactionStatus(p->conn) == PQTRANS_IDLE)
        return flush(p);
    return 0;
}

static int clear_events(store *s, int64_t doc, const char *coded_with)
{
    pg *p = (pg *)s;
    static const char *const sql[] = {
        "DELETE FROM events WHERE doc = $1",
        "DELETE FROM sentences WHERE doc = $1",
        "UPDATE docs SET coded_with = $2 WHERE id = $1",
    };
    if (flush(p)) return -1;
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)doc);
    const char *vals[2] = {id, coded_with};
    for (int k = 0; k < 3; k++) {
        PGresult *r = query(p, "recode", sql[k], k == 2 ? 2 : 1, vals, NULL,
                            NULL, PGRES_COMMAND_OK);
        if (!r) return -1;
        PQclear(r);
    }
    return 0;
}

/* ------------------------------------------------------------ reading */

typedef int (*row_fn)(PGresult *r, int row, void *ud);

/* Fetch the cursor's rows a block at a time, handing each to fn. 1 when
 * fn stopped the walk, 0 at the end, -1 on an error. */
static int fetch_all(pg *p, const char *name, row_fn fn, void *ud)
{
    char sql[64];
    snprintf(sql, sizeof sql, "FETCH %d FROM %s", STORE_PG_FETCH_ROWS, name);
    for (;;) {
        PGresult *r = query(p, "query", sql, 0, NULL, NULL, NULL,
                            PGRES_TUPLES_OK);
        if (!r) return -1;
        int n = PQntuples(r), stop = 0;
        for (int k = 0; k < n && !stop; k++) stop = fn(r, k, ud) != 0;
        PQclear(r);
        if (stop) return 1;
        if (n < STORE_PG_FETCH_ROWS) return 0;
    }
}

/* Run b's query through a cursor (inside the caller's transaction, or one
 * of its own), so a large result never sits in memory at once and fn may
 * itself read or write between blocks. Rows waiting in the COPY buffers
 * are sent first, so the query sees them. */
static int walk(pg *p, const store_q *b, row_fn fn, void *ud)
{
    if (b->overflow)
        return store__fail(&p->base, "%s: query too long", p->where);
    if (flush(p)) return -1;
    int own = PQtransactionStatus(p->conn) == PQTRANS_IDLE;
    if (own && run(p, "BEGIN", "BEGIN")) return -1;
    char name[32], decl[STORE_Q_MAX_SQL + 64];
    snprintf(name, sizeof name, "dyad_walk%d", p->cursors);
    snprintf(decl, sizeof decl, "DECLARE %s NO SCROLL CURSOR FOR %s", name,
             b->sql);
    const char *vals[STORE_Q_MAX_PARAMS];
    for (int k = 0; k < b->n; k++) vals[k] = b->p[k].s;
    PGresult *r = query(p, "query", decl, b->n, vals, NULL, NULL,
                        PGRES_COMMAND_OK);
    PQclear(r);
    int rc = -1;
    if (r) {
        p->cursors++;
        rc = fetch_all(p, name, fn, ud);
        p->cursors--;
    }
    /* fn may have failed a statement (its caller reports that): the
     * transaction is then aborted and the cursor gone */
    int aborted = PQtransactionStatus(p->conn) != PQTRANS_INTRANS;
    if (rc >= 0 && !aborted && !own) {
        char close[48];
        snprintf(close, sizeof close, "CLOSE %s", name);
        if (run(p, "query", close)) rc = -1;
    }
    if (own && (rc < 0 || aborted)) rollback_quietly(p);
    else if (own && run(p, "COMMIT", "COMMIT")) rc = -1;
    return rc < 0 ? -1 : 0;
}

/* Column k of row, NULL when SQL NULL. */
static const char *val(const PGresult *r, int row, int k)
{
    return PQgetisnull(r, row, k) ? NULL : PQgetvalue(r, row, k);
}

static long long val_int(const PGresult *r, int row, int k)
{
    return strtoll(PQgetvalue(r, row, k), NULL, 10);
}

static double val_double(const PGresult *r, int row, int k)
{
    return PQgetisnull(r, row, k) ? 0 : strtod(PQgetvalue(r, row, k), NULL);
}

typedef struct cb {
    void *fn, *ud;
} cb;

static int read_event(PGresult *r, int i, void *ud)
{
    cb *c = ud;
    store_event e = {
        .id = val_int(r, i, 0), .doc = val_int(r, i, 1),
        .sentence = (int)val_int(r, i, 2), .n = (int)val_int(r, i, 3),
        .date = (int)val_int(r, i, 4), .source = val(r, i, 5),
        .target = val(r, i, 6), .source_country = val(r, i, 7),
        .target_country = val(r, i, 8), .source_text = val(r, i, 9),
        .target_text = val(r, i, 10), .cameo = val(r, i, 11),
        .root = (int)val_int(r, i, 12), .quad = (int)val_int(r, i, 13),
        .goldstein = val_double(r, i, 14), .plover = val(r, i, 15),
        .place = val(r, i, 16), .place_country = val(r, i, 17),
        .lat = val_double(r, i, 18), .lon = val_double(r, i, 19),
        .precision = (int)val_int(r, i, 20), .outlet = val(r, i, 21),
        .evidence = val(r, i, 22), .issues = val(r, i, 23),
        .doc_key = val(r, i, 24), .url = val(r, i, 25),
        .sentence_text = val(r, i, 26),
    };
    return ((store_event_fn)c->fn)(c->ud, &e);
}

static int events(store *s, const store_filter *f, store_event_fn fn, void *ud)
{
    store_q b;
    store__q_events(&b, STORE_PG, f);
    cb c = {(void *)fn, ud};
    return walk((pg *)s, &b, read_event, &c);
}

static int read_series(PGresult *r, int i, void *ud)
{
    cb *c = ud;
    return ((store_series_fn)c->fn)(c->ud, (int)val_int(r, i, 0),
                                     (int)val_int(r, i, 1),
                                     (long)val_int(r, i, 2),
                                     val_double(r, i, 3));
}

static int series(store *s, const store_filter *f, store_series_fn fn, void *ud)
{
    store_q b;
    store__q_series(&b, STORE_PG, f);
    cb c = {(void *)fn, ud};
    return walk((pg *)s, &b, read_series, &c);
}

static int read_actor(PGresult *r, int i, void *ud)
{
    cb *c = ud;
    return ((store_actor_fn)c->fn)(c->ud, val(r, i, 0), (long)val_int(r, i, 1),
                                    (long)val_int(r, i, 2));
}

static int actors(store *s, const char *prefix, long limit, store_actor_fn fn,
                  void *ud)
{
    store_q b;
    store__q_actors(&b, STORE_PG, prefix, limit);
    cb c = {(void *)fn, ud};
    return walk((pg *)s, &b, read_actor, &c);
}

typedef struct doc_cb {
    store_doc_fn fn;
    void *ud;
    int with_text;
} doc_cb;

static int read_doc(PGresult *r, int i, void *ud)
{
    doc_cb *c = ud;
    store_docrow d = {
        .id = val_int(r, i, 0), .key = val(r, i, 1), .title = val(r, i, 2),
        .url = val(r, i, 3), .outlet = val(r, i, 4),
        .date = (int)val_int(r, i, 5),
        .dateline = val(r, i, 6), .origin = val(r, i, 7),
        .coded_with = val(r, i, 8), .n_events = (long)val_int(r, i, 9),
        .text = c->with_text ? val(r, i, 10) : NULL,
    };
    return c->fn(c->ud, &d);
}

static int docs(store *s, const store_filter *f, int with_text, store_doc_fn fn,
                void *ud)
{
    store_q b;
    store__q_docs(&b, STORE_PG, f, with_text);
    doc_cb c = {fn, ud, with_text};
    return walk((pg *)s, &b, read_doc, &c);
}

static int read_id(PGresult *r, int i, void *ud)
{
    cb *c = ud;
    return ((store_id_fn)c->fn)(c->ud, val_int(r, i, 0));
}

static int stale_docs(store *s, const char *coded_with, store_id_fn fn,
                      void *ud)
{
    store_q b;
    store__q_stale(&b, STORE_PG, coded_with);
    cb c = {(void *)fn, ud};
    return walk((pg *)s, &b, read_id, &c);
}

static int count(store *s, store_counts *c)
{
    pg *p = (pg *)s;
    if (flush(p)) return -1;
    PGresult *r = query(p, "count", "SELECT (SELECT count(*) FROM docs), "
                        "(SELECT count(*) FROM sentences), (SELECT count(*) "
                        "FROM events)", 0, NULL, NULL, NULL, PGRES_TUPLES_OK);
    if (!r) return -1;
    c->docs = (long)val_int(r, 0, 0);
    c->sentences = (long)val_int(r, 0, 1);
    c->events = (long)val_int(r, 0, 2);
    PQclear(r);
    return 0;
}

static const store_ops pg_ops = {
    "postgresql", pg_close, exec, find_doc, put_doc, put_events, clear_events,
    events, series, actors, docs, stale_docs, count,
};

/*
 * sqlite.c - the SQLite backend of the event store: one file (dyad.db by
 * default) in WAL mode. The file is recognised as dyad's by its
 * application_id and its schema version is user_version; migrations run
 * one transaction each, so a file is always at one version or the next.
 * Sentences are indexed with FTS5 (external content). Statements are
 * prepared once per handle.
 */
#include <errno.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "schema.h"

#define DYAD_APPLICATION_ID 0x64796164   /* "dyad" */

enum {
    ST_FIND_DOC, ST_PUT_DOC, ST_PUT_SENT, ST_PUT_FTS, ST_PUT_EVENT,
    ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    "SELECT id FROM docs WHERE hash = ?",
    "INSERT INTO docs (hash, doc_key, title, url, outlet, date, dateline, "
    "origin, text, coded_with, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO sentences (doc, n, text) VALUES (?,?,?)",
    "INSERT INTO sentences_fts (rowid, text) VALUES (?,?)",
    "INSERT INTO events (doc, sent, sentence, n, date, source, target, "
    "source_country, target_country, source_text, target_text, cameo, root, "
    "quad, goldstein, plover, place, place_country, lat, lon, precision, "
    "outlet, evidence, issues) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
};

typedef struct sq {
    store base;
    sqlite3 *db;
    const char *path;
    sqlite3_stmt *st[ST_COUNT];
} sq;

static int fail_db(sq *q, const char *what)
{
    return store__fail(&q->base, "%s: %s: %s", q->path, what,
                       sqlite3_errmsg(q->db));
}

static int exec(store *s, const char *sql)
{
    sq *q = (sq *)s;
    char *msg = NULL;
    if (sqlite3_exec(q->db, sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    store__fail(s, "%s: %s: %s", q->path, sql, msg ? msg : "failed");
    sqlite3_free(msg);
    return -1;
}

static void sq_close(store *s)
{
    sq *q = (sq *)s;
    for (int k = 0; k < ST_COUNT; k++) sqlite3_finalize(q->st[k]);
    sqlite3_close(q->db);
    free(q);
}

/* ------------------------------------------------------------ opening */

static int pragma_int(sq *q, const char *sql, int *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Is this file dyad's, and at which version? 0 with *version set (0 for
 * an empty file), -1 with the reason in err. */
static int identify(sq *q, int *version)
{
    int app = 0, tables = 0;
    if (pragma_int(q, "PRAGMA application_id", &app) ||
        pragma_int(q, "SELECT count(*) FROM sqlite_master", &tables))
        return store__fail(&q->base, "%s is not a dyad database: %s", q->path,
                           sqlite3_errmsg(q->db));
    if (pragma_int(q, "PRAGMA user_version", version)) return fail_db(q, "version");
    if (app == 0 && tables == 0) {
        *version = 0;
        return 0;
    }
    if (app != DYAD_APPLICATION_ID)
        return store__fail(&q->base,
                           "%s is not a dyad database (a SQLite file of "
                           "another program: application id %d, %d tables); "
                           "nothing was written to it",
                           q->path, app, tables);
    if (*version > STORE_SCHEMA_VERSION)
        return store__fail(&q->base,
                           "%s has schema version %d, newer than this dyad "
                           "(%s) knows (%d): use a newer dyad",
                           q->path, *version, DYAD_VERSION, STORE_SCHEMA_VERSION);
    return 0;
}

/* Take the file from `from` to the current version, one transaction a
 * step. */
static int migrate(sq *q, int from)
{
    for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
        char tail[96];
        snprintf(tail, sizeof tail,
                 "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                 DYAD_APPLICATION_ID, v + 1);
        if (exec(&q->base, "BEGIN IMMEDIATE")) return -1;
        if (exec(&q->base, store__sqlite_migrations[v]) ||
            exec(&q->base, tail) || exec(&q->base, "COMMIT")) {
            char keep[sizeof q->base.err];
            memcpy(keep, q->base.err, sizeof keep);
            sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
            memcpy(q->base.err, keep, sizeof keep);
            return -1;
        }
    }
    return 0;
}

static int prepare_all(sq *q)
{
    for (int k = 0; k < ST_COUNT; k++)
        if (sqlite3_prepare_v3(q->db, stmt_sql[k], -1, SQLITE_PREPARE_PERSISTENT,
                               &q->st[k], NULL) != SQLITE_OK)
            return fail_db(q, "prepare");
    return 0;
}

static int setup(sq *q, store_mode mode)
{
    int version;
    sqlite3_busy_timeout(q->db, 10000);
    if (identify(q, &version)) return -1;
    if (mode == STORE_READ) {
        if (version == 0)
            return store__fail(&q->base, "%s holds no dyad database yet: run "
                               "dyad ingest first", q->path);
        if (version < STORE_SCHEMA_VERSION)
            return store__fail(&q->base, "%s has schema version %d: run dyad "
                               "ingest (or recode) once to migrate it to %d",
                               q->path, version, STORE_SCHEMA_VERSION);
        return 0;
    }
    if (exec(&q->base, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                       " PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY"))
        return -1;
    if (migrate(q, version)) return -1;
    return prepare_all(q);
}

static const store_ops sqlite_ops;

store *store__sqlite_open(const char *path, store_mode mode, char *err,
                          size_t errlen)
{
    struct stat stb;
    int existed = stat(path, &stb) == 0;
    if (mode == STORE_READ && !existed) {
        snprintf(err, errlen, "%s: no such database (run dyad ingest first)", path);
        return NULL;
    }
    sq *q = calloc(1, sizeof *q);
    if (!q) {
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    q->base.ops = &sqlite_ops;
    q->path = path;
    /* a handle serves one thread: SQLite's own locking is not needed */
    int flags = SQLITE_OPEN_NOMUTEX |
                (mode == STORE_READ ? SQLITE_OPEN_READONLY
                                    : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path, &q->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: cannot open: %s", path,
                 q->db ? sqlite3_errmsg(q->db) : "out of memory");
    } else if (setup(q, mode) == 0) {
        return &q->base;
    } else {
        snprintf(err, errlen, "%s", q->base.err);
    }
    sq_close(&q->base);
    if (!existed && mode == STORE_WRITE) {     /* leave nothing half-made */
        unlink(path);
        char side[4200];
        snprintf(side, sizeof side, "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", path);
        unlink(side);
    }
    return NULL;
}

struct sqlite3 *store__sqlite_handle(store *s)
{
    return s->ops == &sqlite_ops ? ((sq *)s)->db : NULL;
}

/* ------------------------------------------------------------ writing */

static void bind_text(sqlite3_stmt *st, int k, const char *s)
{
    if (s) sqlite3_bind_text(st, k, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, k);
}

static int step_done(sq *q, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : fail_db(q, what);
}

static int find_doc(store *s, const unsigned char hash[16], int64_t *id)
{
    sq *q = (sq *)s;
    sqlite3_stmt *st = q->st[ST_FIND_DOC];
    sqlite3_bind_blob(st, 1, hash, 16, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail_db(q, "find document");
    return rc == SQLITE_ROW;
}

static int put_doc(store *s, const store_doc *d, int64_t *id)
{
    sq *q = (sq *)s;
    sqlite3_stmt *st = q->st[ST_PUT_DOC];
    sqlite3_bind_blob(st, 1, d->hash, 16, SQLITE_STATIC);
    bind_text(st, 2, d->key);
    bind_text(st, 3, d->title);
    bind_text(st, 4, d->url);
    bind_text(st, 5, d->outlet);
    sqlite3_bind_int(st, 6, d->date);
    bind_text(st, 7, d->dateline);
    bind_text(st, 8, d->origin);
    sqlite3_bind_text(st, 9, d->text, (int)d->len, SQLITE_STATIC);
    bind_text(st, 10, d->coded_with);
    sqlite3_bind_int64(st, 11, (sqlite3_int64)time(NULL));
    if (step_done(q, st, "store document")) return -1;
    *id = sqlite3_last_insert_rowid(q->db);
    return 0;
}

static int put_sentence(sq *q, int64_t doc, const dyad_event *e, int64_t *sid)
{
    sqlite3_stmt *st = q->st[ST_PUT_SENT];
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int(st, 2, (int)e->sentence);
    bind_text(st, 3, e->sentence_text ? e->sentence_text : "");
    if (step_done(q, st, "store sentence")) return -1;
    *sid = sqlite3_last_insert_rowid(q->db);
    st = q->st[ST_PUT_FTS];
    sqlite3_bind_int64(st, 1, *sid);
    bind_text(st, 2, e->sentence_text ? e->sentence_text : "");
    return step_done(q, st, "index sentence");
}

static const char *country_or_dash(const char *c)
{
    return c && *c ? c : "---";
}

static int put_event(sq *q, int64_t doc, int64_t sid, int n, const dyad_event *e)
{
    sqlite3_stmt *st = q->st[ST_PUT_EVENT];
    const dyad_location *l = &e->location;
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int64(st, 2, sid);
    sqlite3_bind_int(st, 3, (int)e->sentence);
    sqlite3_bind_int(st, 4, n);
    sqlite3_bind_int(st, 5, e->date);
    bind_text(st, 6, e->source.code ? e->source.code : "");
    bind_text(st, 7, e->target.code ? e->target.code : "");
    bind_text(st, 8, country_or_dash(e->source.country));
    bind_text(st, 9, country_or_dash(e->target.country));
    bind_text(st, 10, e->source.text);
    bind_text(st, 11, e->target.text);
    bind_text(st, 12, e->cameo);
    sqlite3_bind_int(st, 13, (e->root[0] - '0') * 10 + (e->root[1] - '0'));
    sqlite3_bind_int(st, 14, e->quad);
    sqlite3_bind_double(st, 15, e->goldstein);
    bind_text(st, 16, e->plover && *e->plover ? e->plover : NULL);
    if (l->known) {
        bind_text(st, 17, l->name);
        bind_text(st, 18, l->country);
        sqlite3_bind_double(st, 19, l->lat);
        sqlite3_bind_double(st, 20, l->lon);
    }
    sqlite3_bind_int(st, 21, store__precision(l));
    bind_text(st, 22, e->outlet);
    bind_text(st, 23, e->evidence);
    bind_text(st, 24, e->issues);
    return step_done(q, st, "store event");
}

/* The sentence row of event k: the row made for an earlier event of the
 * same sentence, or a new one. sids[j] is the row of events[j]. */
static int sentence_row(sq *q, int64_t doc, const dyad_result *res, size_t k,
                        int64_t *sids)
{
    const dyad_event *e = &res->events[k];
    for (size_t j = k; j-- > 0;)
        if (res->events[j].sentence == e->sentence) {
            sids[k] = sids[j];
            return 0;
        }
    return put_sentence(q, doc, e, &sids[k]);
}

static int put_events(store *s, int64_t doc, const dyad_result *res)
{
    sq *q = (sq *)s;
    int64_t small[64], *sids = small;
    if (res->n_events > 64 && !(sids = malloc(res->n_events * sizeof *sids)))
        return store__fail(s, "%s: out of memory", q->path);
    int rc = 0;
    for (size_t k = 0; k < res->n_events && !rc; k++)
        rc = sentence_row(q, doc, res, k, sids) ||
             put_event(q, doc, sids[k], (int)k + 1, &res->events[k]) ? -1 : 0;
    if (sids != small) free(sids);
    return rc;
}

static int clear_events(store *s, int64_t doc, const char *coded_with)
{
    sq *q = (sq *)s;
    sqlite3_stmt *st;
    static const char *const sql[] = {
        "DELETE FROM events WHERE doc = ?1",
        "INSERT INTO sentences_fts (sentences_fts, rowid, text) SELECT "
        "'delete', id, text FROM sentences WHERE doc = ?1",
        "DELETE FROM sentences WHERE doc = ?1",
        "UPDATE docs SET coded_with = ?2 WHERE id = ?1",
    };
    for (size_t k = 0; k < sizeof sql / sizeof *sql; k++) {
        if (sqlite3_prepare_v2(q->db, sql[k], -1, &st, NULL) != SQLITE_OK)
            return fail_db(q, "recode");
        sqlite3_bind_int64(st, 1, doc);
        if (k == 3) bind_text(st, 2, coded_with);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return fail_db(q, "recode");
    }
    return 0;
}

/* ------------------------------------------------------------ reading */

static int prepare_q(sq *q, const store_q *b, sqlite3_stmt **st)
{
    if (b->overflow) return store__fail(&q->base, "%s: query too long", q->path);
    if (sqlite3_prepare_v2(q->db, b->sql, (int)b->len, st, NULL) != SQLITE_OK)
        return fail_db(q, "query");
    for (int k = 0; k < b->n; k++) {
        if (b->p[k].is_int) sqlite3_bind_int64(*st, k + 1, b->p[k].i);
        else sqlite3_bind_text(*st, k + 1, b->p[k].s, -1, SQLITE_STATIC);
    }
    return 0;
}

static const char *col_text(sqlite3_stmt *st, int k)
{
    return (const char *)sqlite3_column_text(st, k);
}

static void read_event(sqlite3_stmt *st, store_event *e)
{
    e->id = sqlite3_column_int64(st, 0);
    e->doc = sqlite3_column_int64(st, 1);
    e->sentence = sqlite3_column_int(st, 2);
    e->n = sqlite3_column_int(st, 3);
    e->date = sqlite3_column_int(st, 4);
    e->source = col_text(st, 5);
    e->target = col_text(st, 6);
    e->source_country = col_text(st, 7);
    e->target_country = col_text(st, 8);
    e->source_text = col_text(st, 9);
    e->target_text = col_text(st, 10);
    e->cameo = col_text(st, 11);
    e->root = sqlite3_column_int(st, 12);
    e->quad = sqlite3_column_int(st, 13);
    e->goldstein = sqlite3_column_double(st, 14);
    e->plover = col_text(st, 15);
    e->place = col_text(st, 16);
    e->place_country = col_text(st, 17);
    e->lat = sqlite3_column_double(st, 18);
    e->lon = sqlite3_column_double(st, 19);
    e->precision = sqlite3_column_int(st, 20);
    e->outlet = col_text(st, 21);
    e->evidence = col_text(st, 22);
    e->issues = col_text(st, 23);
    e->doc_key = col_text(st, 24);
    e->url = col_text(st, 25);
    e->sentence_text = col_text(st, 26);
}

/* Step a query to its end, handing each row to row(); a non-zero return
 * of the callback stops early. */
static int walk(sq *q, sqlite3_stmt *st, int (*row)(sqlite3_stmt *, void *),
                void *ud)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (row(st, ud)) {
            rc = SQLITE_DONE;
            break;
        }
    int ok = rc == SQLITE_DONE;
    if (!ok) fail_db(q, "query");
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

typedef struct cb {
    void *fn, *ud;
} cb;

static int event_row(sqlite3_stmt *st, void *ud)
{
    cb *c = ud;
    store_event e;
    read_event(st, &e);
    return ((store_event_fn)c->fn)(c->ud, &e);
}

static int events(store *s, const store_filter *f, store_event_fn fn, void *ud)
{
    sq *q = (sq *)s;
    store_q b;
    store__q_events(&b, STORE_SQLITE, f);
    sqlite3_stmt *st;
    if (prepare_q(q, &b, &st)) return -1;
    cb c = {(void *)fn, ud};
    return walk(q, st, event_row, &c);
}

static int series_row(sqlite3_stmt *st, void *ud)
{
    cb *c = ud;
    return ((store_series_fn)c->fn)(c->ud, sqlite3_column_int(st, 0),
                                     sqlite3_column_int(st, 1),
                                     (long)sqlite3_column_int64(st, 2),
                                     sqlite3_column_double(st, 3));
}

static int series(store *s, const store_filter *f, store_series_fn fn, void *ud)
{
    sq *q = (sq *)s;
    store_q b;
    store__q_series(&b, STORE_SQLITE, f);
    sqlite3_stmt *st;
    if (prepare_q(q, &b, &st)) return -1;
    cb c = {(void *)fn, ud};
    return walk(q, st, series_row, &c);
}

static int actor_row(sqlite3_stmt *st, void *ud)
{
    cb *c = ud;
    return ((store_actor_fn)c->fn)(c->ud, col_text(st, 0),
                                    (long)sqlite3_column_int64(st, 1),
                                    (long)sqlite3_column_int64(st, 2));
}

static int actors(store *s, const char *prefix, long limit, store_actor_fn fn,
                  void *ud)
{
    sq *q = (sq *)s;
    store_q b;
    store__q_actors(&b, STORE_SQLITE, prefix, limit);
    sqlite3_stmt *st;
    if (prepare_q(q, &b, &st)) return -1;
    cb c = {(void *)fn, ud};
    return walk(q, st, actor_row, &c);
}

typedef struct doc_cb {
    store_doc_fn fn;
    void *ud;
    int with_text;
} doc_cb;

static int doc_row(sqlite3_stmt *st, void *ud)
{
    doc_cb *c = ud;
    store_docrow d = {
        .id = sqlite3_column_int64(st, 0), .key = col_text(st, 1),
        .title = col_text(st, 2), .url = col_text(st, 3),
        .outlet = col_text(st, 4), .date = sqlite3_column_int(st, 5),
        .dateline = col_text(st, 6), .origin = col_text(st, 7),
        .coded_with = col_text(st, 8),
        .n_events = (long)sqlite3_column_int64(st, 9),
        .text = c->with_text ? col_text(st, 10) : NULL,
    };
    return c->fn(c->ud, &d);
}

static int docs(store *s, const store_filter *f, int with_text, store_doc_fn fn,
                void *ud)
{
    sq *q = (sq *)s;
    store_q b;
    store__q_docs(&b, STORE_SQLITE, f, with_text);
    sqlite3_stmt *st;
    if (prepare_q(q, &b, &st)) return -1;
    doc_cb c = {fn, ud, with_text};
    return walk(q, st, doc_row, &c);
}

static int id_row(sqlite3_stmt *st, void *ud)
{
    cb *c = ud;
    return ((store_id_fn)c->fn)(c->ud, sqlite3_column_int64(st, 0));
}

static int stale_docs(store *s, const char *coded_with, store_id_fn fn, void *ud)
{
    sq *q = (sq *)s;
    store_q b;
    store__q_stale(&b, STORE_SQLITE, coded_with);
    sqlite3_stmt *st;
    if (prepare_q(q, &b, &st)) return -1;
    cb c = {(void *)fn, ud};
    return walk(q, st, id_row, &c);
}

static int count(store *s, store_counts *c)
{
    sq *q = (sq *)s;
    int v[3];
    static const char *const sql[3] = {"SELECT count(*) FROM docs",
                                       "SELECT count(*) FROM sentences",
                                       "SELECT count(*) FROM events"};
    for (int k = 0; k < 3; k++)
        if (pragma_int(q, sql[k], &v[k])) return fail_db(q, "count");
    c->docs = v[0];
    c->sentences = v[1];
    c->events = v[2];
    return 0;
}

static const store_ops sqlite_ops = {
    "sqlite", sq_close, exec, find_doc, put_doc, put_events, clear_events,
    events, series, actors, docs, stale_docs, count,
};

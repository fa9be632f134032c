/*
 * backend.h - what a store backend provides (store/sqlite.c, store/pg.c)
 * and the SQL pieces they share (store/query.c): the WHERE clause of a
 * filter, written in either dialect with its parameters bound by value.
 * Private to store/; the commands use store.h.
 */
#ifndef DYAD_STORE_BACKEND_H
#define DYAD_STORE_BACKEND_H

#include "store.h"

typedef struct store_ops {
    const char *name;
    void (*close)(store *s);
    int (*exec)(store *s, const char *sql);     /* BEGIN, COMMIT, ROLLBACK */
    int (*find_doc)(store *s, const unsigned char hash[16], int64_t *id);
    int (*put_doc)(store *s, const store_doc *d, int64_t *id);
    int (*put_events)(store *s, int64_t doc, const dyad_result *res);
    int (*clear_events)(store *s, int64_t doc, const char *coded_with);
    int (*events)(store *s, const store_filter *f, store_event_fn fn, void *ud);
    int (*series)(store *s, const store_filter *f, store_series_fn fn, void *ud);
    int (*actors)(store *s, const char *prefix, long limit, store_actor_fn fn,
                  void *ud);
    int (*docs)(store *s, const store_filter *f, int with_text, store_doc_fn fn,
                void *ud);
    int (*stale_docs)(store *s, const char *coded_with, store_id_fn fn, void *ud);
    int (*count)(store *s, store_counts *c);
} store_ops;

/* Every backend's handle starts with this. */
struct store {
    const store_ops *ops;
    char err[640];
};

store *store__sqlite_open(const char *path, store_mode mode, char *err,
                          size_t errlen);
store *store__pg_open(const char *conninfo, store_mode mode, char *err,
                      size_t errlen);

/* The sqlite3 handle of a SQLite store (NULL for another backend), for
 * tests that must reach below the interface (a full disk). */
struct sqlite3;
struct sqlite3 *store__sqlite_handle(store *s);

/* The store_precision of an event's place. */
int store__precision(const dyad_location *l);

/* printf into s->err; returns -1 for `return store__fail(...)`. */
int store__fail(store *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------- shared SQL */

typedef enum store_dialect { STORE_SQLITE = 0, STORE_PG } store_dialect;

#define STORE_Q_MAX_PARAMS 24
#define STORE_Q_MAX_SQL 4096

/* PostgreSQL (store/pg.c). Document, sentence and event rows wait in COPY
 * buffers, sent once they hold STORE_PG_COPY_FLUSH bytes (and always
 * before COMMIT); a buffer may never hold more than STORE_PG_COPY_MAX (a
 * document whose rows would pass it is an error). Reads go through a
 * cursor, STORE_PG_FETCH_ROWS rows at a time, so memory stays bounded
 * however many rows match; sentence ids are reserved STORE_PG_ID_BLOCK at
 * a time. Each can be overridden with -DNAME=value. */
#ifndef STORE_PG_COPY_FLUSH
#define STORE_PG_COPY_FLUSH (1u << 20)
#endif
#ifndef STORE_PG_COPY_MAX
#define STORE_PG_COPY_MAX (256u << 20)
#endif
#ifndef STORE_PG_FETCH_ROWS
#define STORE_PG_FETCH_ROWS 1000
#endif
#ifndef STORE_PG_ID_BLOCK
#define STORE_PG_ID_BLOCK 1024
#endif
/* Documents waiting to be sent: find_doc looks them up in a plain array
 * of this size, and a full one is sent. */
#ifndef STORE_PG_PENDING_DOCS
#define STORE_PG_PENDING_DOCS 1024
#endif

/* A statement being written, with its parameters (text or integer). */
typedef struct store_q {
    store_dialect dialect;
    char sql[STORE_Q_MAX_SQL];
    size_t len;
    int overflow;                 /* too long or too many parameters */
    int n;
    struct {
        int is_int;
        long long i;
        const char *s;            /* points into own or at the caller's */
        char own[96];
    } p[STORE_Q_MAX_PARAMS];
    char fts[1024];               /* a full-text query in FTS5's syntax */
} store_q;

void store__q_init(store_q *q, store_dialect d);
void store__q_add(store_q *q, const char *sql);
/* Append a placeholder bound to a string (copied when copy is set) or an
 * integer. */
void store__q_text(store_q *q, const char *s, int copy);
void store__q_int(store_q *q, long long v);
/* Append " WHERE ..." for the events table (alias e), or nothing when the
 * filter has no condition. */
void store__q_event_where(store_q *q, const store_filter *f);
/* Append the conditions of store_docs (alias d) the same way. */
void store__q_doc_where(store_q *q, const store_filter *f);
/* Append " LIMIT .. OFFSET .." when f->limit is set. */
void store__q_limit(store_q *q, const store_filter *f);

/* The statements of store_events, store_series (rows of date, quad,
 * count, Goldstein sum), store_actors, store_docs (id, key, title, url,
 * outlet, date, dateline, origin, coded_with, events, text) and
 * store_stale_docs, in either dialect; each starts q afresh. */
void store__q_events(store_q *q, store_dialect d, const store_filter *f);
void store__q_series(store_q *q, store_dialect d, const store_filter *f);
void store__q_actors(store_q *q, store_dialect d, const char *prefix, long limit);
void store__q_docs(store_q *q, store_dialect d, const store_filter *f,
                   int with_text);
void store__q_stale(store_q *q, store_dialect d, const char *coded_with);

/* The columns of store_event, in order, for SELECT ... FROM events e JOIN
 * docs d ON d.id = e.doc JOIN sentences s ON s.id = e.sent. */
extern const char store__event_columns[];

#endif /* DYAD_STORE_BACKEND_H */

/*
 * store.h - dyad's event store: the interface the ingest, query and series
 * commands use, over two backends, an embedded SQLite file (store/sqlite.c,
 * the default) and a PostgreSQL server (store/pg.c). libdyad knows nothing
 * of it; the store uses only include/dyad.h. See docs/store.md.
 *
 * Every function returning int returns 0 on success and -1 on failure,
 * with a message naming the database in store_error(). Strings handed to
 * callbacks are borrowed for the duration of the call.
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

#define STORE_SCHEMA_VERSION 1
#define STORE_DEFAULT_PATH "dyad.db"

typedef struct store store;

typedef enum store_mode {
    STORE_READ = 0,     /* must exist; nothing is written */
    STORE_WRITE         /* created when missing; the schema is migrated */
} store_mode;

/* where: NULL or "" for dyad.db, "postgresql://..." or "postgres://..." for
 * a server, anything else a SQLite file. On failure NULL, with the reason
 * in err (a database of another program, a newer schema, a wrong server
 * address, a read-only directory). */
store *store_open(const char *where, store_mode mode, char *err, size_t errlen);
void store_close(store *s);
const char *store_error(const store *s);
const char *store_backend(const store *s);     /* "sqlite" or "postgresql" */

/* One transaction around a batch of documents. */
int store_begin(store *s);
int store_commit(store *s);
int store_rollback(store *s);

/* ------------------------------------------------------------ writing */

typedef struct store_doc {
    unsigned char hash[16];    /* dyad_doc_hash of text */
    const char *key;           /* the id the input gave */
    const char *title, *url, *outlet, *dateline, *origin;  /* may be NULL */
    int date;                  /* YYYYMMDD, 0 unknown */
    const char *text;
    size_t len;
    const char *coded_with;    /* version and dictionary fingerprint */
} store_doc;

/* 1 when a document with this hash is stored (its id in *id), 0 if not. */
int store_find_doc(store *s, const unsigned char hash[16], int64_t *id);
/* Insert a document row; its id in *id. */
int store_put_doc(store *s, const store_doc *d, int64_t *id);
/* Insert the events of a coded document, and the sentences they come
 * from (indexed for full-text search). */
int store_put_events(store *s, int64_t doc, const dyad_result *res);
/* Delete the events and sentences of a document and record what it is
 * now coded with (recode, before store_put_events). */
int store_clear_events(store *s, int64_t doc, const char *coded_with);

/* ------------------------------------------------------------ reading */

/* A stored event. plover mode/context, evidence, issues as in dyad_event. */
typedef struct store_event {
    int64_t id, doc;
    int sentence, n, date;
    const char *source, *target, *source_country, *target_country;
    const char *source_text, *target_text;
    const char *cameo;
    int root, quad;
    double goldstein;
    const char *plover;
    const char *place, *place_country;   /* NULL: no place */
    double lat, lon;
    int precision;                       /* store_precision */
    const char *outlet, *evidence, *issues;
    const char *doc_key, *url;
    const char *sentence_text;
} store_event;

typedef enum store_precision {
    STORE_PLACE_NONE = 0, STORE_PLACE_COUNTRY, STORE_PLACE_REGION,
    STORE_PLACE_CITY
} store_precision;

/* Which events. Actor and code values match as prefixes ("IRN" matches
 * IRNGOV; "19" matches 190..196); 0 and NULL mean no condition. */
typedef struct store_filter {
    const char *source, *target;
    int both_directions;       /* also target->source */
    const char *either;        /* an actor on either side */
    const char *code;          /* CAMEO event code prefix */
    int root;                  /* CAMEO root 1..20 */
    int quad;                  /* quad class 1..4 */
    int date_from, date_to;    /* YYYYMMDD, inclusive */
    const char *outlet;        /* exact */
    const char *place;         /* place name (any case) or country code */
    const char *text;          /* full-text query over sentences */
    int64_t doc;               /* one document */
    long limit, offset;        /* limit 0: all */
} store_filter;

/* Called once per event, ordered by date then id; a non-zero return stops
 * the walk (and is not an error). */
typedef int (*store_event_fn)(void *ud, const store_event *e);
int store_events(store *s, const store_filter *f, store_event_fn fn, void *ud);

/* Event counts and Goldstein sums of the filter's events, one call per
 * (date, quad class) that has any, ordered by date. */
typedef int (*store_series_fn)(void *ud, int date, int quad, long count,
                               double goldstein_sum);
int store_series(store *s, const store_filter *f, store_series_fn fn, void *ud);

/* Actor codes whose code starts with prefix (NULL: all), with how often
 * each is an event's source and its target, most frequent first. */
typedef int (*store_actor_fn)(void *ud, const char *code, long as_source,
                              long as_target);
int store_actors(store *s, const char *prefix, long limit, store_actor_fn fn,
                 void *ud);

/* A stored document; text is NULL unless asked for. */
typedef struct store_docrow {
    int64_t id;
    const char *key, *title, *url, *outlet, *dateline, *origin, *coded_with;
    int date;
    long n_events;
    const char *text;
} store_docrow;
typedef int (*store_doc_fn)(void *ud, const store_docrow *d);
/* Documents matching f's date range, outlet and doc (other fields are
 * ignored), ordered by id; with_text fills text. */
int store_docs(store *s, const store_filter *f, int with_text, store_doc_fn fn,
               void *ud);
/* Ids of documents whose coded_with differs from coded_with, in order. */
typedef int (*store_id_fn)(void *ud, int64_t id);
int store_stale_docs(store *s, const char *coded_with, store_id_fn fn, void *ud);

/* Counts for `dyad docs --stats` and the tests. */
typedef struct store_counts {
    long docs, sentences, events;
} store_counts;
int store_count(store *s, store_counts *c);

#endif /* DYAD_STORE_H */

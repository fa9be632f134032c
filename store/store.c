/*
 * store.c - the store interface of store.h: picks the backend from the
 * address (a postgresql:// URI or a SQLite file) and forwards each call to
 * it. The backends are store/sqlite.c and store/pg.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"

int store__fail(store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return -1;
}

int store__precision(const dyad_location *l)
{
    /* the same numbers: none, country, region, city */
    return l->known ? l->precision : STORE_PLACE_NONE;
}

static int is_pg_uri(const char *w)
{
    return !strncmp(w, "postgresql://", 13) || !strncmp(w, "postgres://", 11);
}

store *store_open(const char *where, store_mode mode, char *err, size_t errlen)
{
    if (!where || !*where) where = STORE_DEFAULT_PATH;
    snprintf(err, errlen, "%s: cannot open", where);
    return is_pg_uri(where) ? store__pg_open(where, mode, err, errlen)
                            : store__sqlite_open(where, mode, err, errlen);
}

void store_close(store *s)
{
    if (s) s->ops->close(s);
}

const char *store_error(const store *s) { return s->err; }
const char *store_backend(const store *s) { return s->ops->name; }

int store_begin(store *s) { return s->ops->exec(s, "BEGIN"); }
int store_commit(store *s) { return s->ops->exec(s, "COMMIT"); }
int store_rollback(store *s) { return s->ops->exec(s, "ROLLBACK"); }

int store_find_doc(store *s, const unsigned char hash[16], int64_t *id)
{
    return s->ops->find_doc(s, hash, id);
}

int store_put_doc(store *s, const store_doc *d, int64_t *id)
{
    return s->ops->put_doc(s, d, id);
}

int store_put_events(store *s, int64_t doc, const dyad_result *res)
{
    return s->ops->put_events(s, doc, res);
}

int store_clear_events(store *s, int64_t doc, const char *coded_with)
{
    return s->ops->clear_events(s, doc, coded_with);
}

int store_events(store *s, const store_filter *f, store_event_fn fn, void *ud)
{
    return s->ops->events(s, f, fn, ud);
}

int store_series(store *s, const store_filter *f, store_series_fn fn, void *ud)
{
    return s->ops->series(s, f, fn, ud);
}

int store_actors(store *s, const char *prefix, long limit, store_actor_fn fn,
                 void *ud)
{
    return s->ops->actors(s, prefix, limit, fn, ud);
}

int store_docs(store *s, const store_filter *f, int with_text, store_doc_fn fn,
               void *ud)
{
    return s->ops->docs(s, f, with_text, fn, ud);
}

int store_stale_docs(store *s, const char *coded_with, store_id_fn fn, void *ud)
{
    return s->ops->stale_docs(s, coded_with, fn, ud);
}

int store_count(store *s, store_counts *c)
{
    return s->ops->count(s, c);
}

/*
 * merge.c - duplicate merging (merge.h). The filter's events are read
 * once into memory (strings copied into a block pool), sorted so that the
 * reports of one act are neighbours, and swept: a group is a run of equal
 * (source, target, code) that also shares the document (story), the date
 * (day), or lies within the window of the group's first report (cluster).
 * Each group becomes one event, the earliest report's, with GDELT's counts:
 * mentions (events), sources (outlets) and articles (documents).
 */
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "merge.h"

typedef struct block {
    struct block *next;
    size_t used, cap;
    char data[];
} block;

typedef struct row {
    store_event e;
    long day;
    int by_doc;                /* story merging: the document sorts first */
} row;

typedef struct rows {
    row *v;
    size_t n, cap;
    block *pool;
    int oom;
    store_merge how;
} rows;

static char *pool_str(rows *r, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    if (!r->pool || r->pool->cap - r->pool->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        block *b = malloc(sizeof *b + cap);
        if (!b) {
            r->oom = 1;
            return NULL;
        }
        b->next = r->pool;
        b->used = 0;
        b->cap = cap;
        r->pool = b;
    }
    char *p = r->pool->data + r->pool->used;
    memcpy(p, s, n);
    r->pool->used += n;
    return p;
}

static int keep(void *ud, const store_event *e)
{
    rows *r = ud;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 4096;
        row *v = realloc(r->v, cap * sizeof *v);
        if (!v) {
            r->oom = 1;
            return 1;
        }
        r->v = v;
        r->cap = cap;
    }
    row *w = &r->v[r->n++];
    w->e = *e;
    const char **strs[] = {
        &w->e.source, &w->e.target, &w->e.source_country, &w->e.target_country,
        &w->e.source_text, &w->e.target_text, &w->e.cameo, &w->e.plover,
        &w->e.place, &w->e.place_country, &w->e.outlet, &w->e.evidence,
        &w->e.issues, &w->e.doc_key, &w->e.url, &w->e.sentence_text,
    };
    for (size_t k = 0; k < sizeof strs / sizeof *strs; k++)
        *strs[k] = pool_str(r, *strs[k]);
    w->day = e->date ? dyad_date_days(e->date) : 0;
    w->by_doc = r->how == STORE_MERGE_STORY;
    return r->oom;
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Sort order: the act (source, target, code), the document first when
 * merging by story, then date and id. */
static int cmp_rows(const void *pa, const void *pb)
{
    const row *a = pa, *b = pb;
    int c;
    if (a->by_doc && a->e.doc != b->e.doc)
        return a->e.doc < b->e.doc ? -1 : 1;
    if ((c = cmp_str(a->e.source, b->e.source)) ||
        (c = cmp_str(a->e.target, b->e.target)) ||
        (c = cmp_str(a->e.cameo, b->e.cameo)))
        return c;
    if (a->e.date != b->e.date) return a->e.date < b->e.date ? -1 : 1;
    return a->e.id < b->e.id ? -1 : a->e.id > b->e.id;
}

/* Does row j belong to the group that starts at row i? */
static int same_group(const rows *r, size_t i, size_t j, int window)
{
    const store_event *a = &r->v[i].e, *b = &r->v[j].e;
    if (cmp_str(a->source, b->source) || cmp_str(a->target, b->target) ||
        cmp_str(a->cameo, b->cameo))
        return 0;
    switch (r->how) {
    case STORE_MERGE_STORY: return a->doc == b->doc;
    case STORE_MERGE_DAY: return a->date == b->date;
    case STORE_MERGE_CLUSTER:
        return a->date && b->date && r->v[j].day - r->v[i].day <= window;
    default: return 0;
    }
}

typedef struct group {
    size_t from, to;           /* rows [from, to) */
    int date;                  /* of the first report */
    int64_t id;
} group;

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_pstr(const void *a, const void *b)
{
    return cmp_str(*(const char *const *)a, *(const char *const *)b);
}

/* Fill the counts and report list of one group; buf is grown as needed. */
static int describe(const rows *r, const group *g, store_merged *m, char **buf,
                    size_t *cap)
{
    size_t n = g->to - g->from, len = 0, docs = 0, outlets = 0;
    const char **out = malloc(n * sizeof *out);
    int64_t *ids = malloc(n * sizeof *ids);
    if (!out || !ids) goto oom;
    for (size_t k = 0; k < n; k++) {
        ids[k] = r->v[g->from + k].e.doc;
        out[k] = r->v[g->from + k].e.outlet;
    }
    qsort(ids, n, sizeof *ids, cmp_i64);
    qsort(out, n, sizeof *out, cmp_pstr);
    (*buf)[0] = 0;
    for (size_t k = 0; k < n; k++) {
        outlets += k == 0 || cmp_str(out[k], out[k - 1]) != 0;
        if (k && ids[k] == ids[k - 1]) continue;
        docs++;
        const char *key = "";
        for (size_t j = g->from; j < g->to; j++)
            if (r->v[j].e.doc == ids[k]) key = r->v[j].e.doc_key ? r->v[j].e.doc_key : "";
        size_t kl = strlen(key);
        if (len + kl + 2 > *cap) {
            size_t nc = (len + kl + 2) * 2;
            char *nb = realloc(*buf, nc);
            if (!nb) goto oom;
            *buf = nb;
            *cap = nc;
        }
        if (len) (*buf)[len++] = ',';
        memcpy(*buf + len, key, kl + 1);
        len += kl;
    }
    m->e = &r->v[g->from].e;
    m->mentions = (long)n;
    m->articles = (long)docs;
    m->sources = (long)outlets;
    m->reports = *buf;
    m->last_date = r->v[g->to - 1].e.date;
    free(out);
    free(ids);
    return 0;
oom:
    free(out);
    free(ids);
    return -1;
}

static int cmp_groups(const void *pa, const void *pb)
{
    const group *a = pa, *b = pb;
    if (a->date != b->date) return a->date < b->date ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int emit(store *s, rows *r, group *gs, size_t ng, const store_filter *f,
                store_merged_fn fn, void *ud)
{
    qsort(gs, ng, sizeof *gs, cmp_groups);
    size_t first = f->offset > 0 ? (size_t)f->offset : 0;
    size_t last = f->limit > 0 && first + (size_t)f->limit < ng
                      ? first + (size_t)f->limit : ng;
    size_t cap = 256;
    char *buf = malloc(cap);
    if (!buf) return store__fail(s, "out of memory while merging events");
    for (size_t k = first; k < last; k++) {
        store_merged m;
        if (describe(r, &gs[k], &m, &buf, &cap)) {
            free(buf);
            return store__fail(s, "out of memory while merging events");
        }
        if (fn(ud, &m)) break;
    }
    free(buf);
    return 0;
}

static void free_rows(rows *r)
{
    while (r->pool) {
        block *b = r->pool;
        r->pool = b->next;
        free(b);
    }
    free(r->v);
}

int store_events_merged(store *s, const store_filter *f, store_merge how,
                        int window_days, store_merged_fn fn, void *ud)
{
    rows r;
    memset(&r, 0, sizeof r);
    r.how = how;
    store_filter all = *f;
    all.limit = all.offset = 0;
    int rc = store_events(s, &all, keep, &r);
    if (!rc && r.oom) rc = store__fail(s, "out of memory while merging events");
    group *gs = rc || !r.n ? NULL : malloc(r.n * sizeof *gs);
    if (!rc && r.n && !gs) rc = store__fail(s, "out of memory while merging events");
    size_t ng = 0;
    if (!rc && r.n) {
        qsort(r.v, r.n, sizeof *r.v, cmp_rows);
        for (size_t i = 0; i < r.n;) {
            size_t j = i + 1;
            while (j < r.n && same_group(&r, i, j, window_days))
                j++;
            gs[ng].from = i;
            gs[ng].to = j;
            gs[ng].date = r.v[i].e.date;
            gs[ng++].id = r.v[i].e.id;
            i = j;
        }
        rc = emit(s, &r, gs, ng, f, fn, ud);
    }
    free(gs);
    free_rows(&r);
    return rc;
}

int store_merge_parse(const char *name)
{
    static const char *const names[] = {"none", "story", "day", "cluster"};
    for (int k = 0; k < 4; k++)
        if (!strcmp(name, names[k])) return k;
    return -1;
}

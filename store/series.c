/*
 * series.c - dyadic time series (series.h). The backend returns counts
 * and Goldstein sums per (date, quad class), grouped in SQL over the dyad
 * indexes; here they are summed into periods. A period is numbered from
 * the epoch (days; weeks from Monday 1969-12-29; months; years), so the
 * periods from first to last are a dense range and the empty ones are
 * filled by construction.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "series.h"

typedef struct cell {
    long period;
    int quad;
    long count;
    double gsum;
} cell;

typedef struct cells {
    cell *v;
    size_t n, cap;
    store_period by;
    long undated;
    int oom;
} cells;

static long period_of(int date, store_period by)
{
    switch (by) {
    case STORE_BY_DAY: return dyad_date_days(date);
    case STORE_BY_WEEK: {
        long d = dyad_date_days(date) + 3;    /* from a Monday */
        return d >= 0 ? d / 7 : -((-d + 6) / 7);
    }
    case STORE_BY_MONTH: return (long)(date / 10000) * 12 + date / 100 % 100 - 1;
    default: return date / 10000;
    }
}

static void label(long p, store_period by, char out[16])
{
    int d;
    switch (by) {
    case STORE_BY_DAY:
    case STORE_BY_WEEK:
        d = dyad_date_of_days(by == STORE_BY_DAY ? p : p * 7 - 3);
        snprintf(out, 16, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100, d % 100);
        break;
    case STORE_BY_MONTH: {
        long y = p >= 0 ? p / 12 : -((-p + 11) / 12);
        snprintf(out, 16, "%04d-%02d", (int)(y % 10000), (int)(p - y * 12 + 1));
        break;
    }
    default: snprintf(out, 16, "%04ld", p % 10000);
    }
}

static int add_cell(void *ud, int date, int quad, long count, double gsum)
{
    cells *c = ud;
    if (!date) {
        c->undated += count;
        return 0;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        cell *v = realloc(c->v, cap * sizeof *v);
        if (!v) {
            c->oom = 1;
            return 1;
        }
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = (cell){period_of(date, c->by), quad, count, gsum};
    return 0;
}

static int alloc_table(store_series_table *t, size_t n)
{
    t->n = n;
    t->label = calloc(n ? n : 1, sizeof *t->label);
    t->count = calloc(n ? n : 1, sizeof *t->count);
    t->goldstein = calloc(n ? n : 1, sizeof *t->goldstein);
    int ok = t->label && t->count && t->goldstein;
    for (int q = 0; q < 4; q++) ok = (t->quad[q] = calloc(n ? n : 1, sizeof(double))) && ok;
    return ok ? 0 : -1;
}

/* The periods shown: the filter's dates when given, else the data's. */
static void span(const store_filter *f, const cells *c, store_period by,
                 long *lo, long *hi)
{
    *lo = f->date_from ? period_of(f->date_from, by) : 0;
    *hi = f->date_to ? period_of(f->date_to, by) : 0;
    for (size_t k = 0; k < c->n; k++) {
        if (!f->date_from && (k == 0 || c->v[k].period < *lo)) *lo = c->v[k].period;
        if (!f->date_to && (k == 0 || c->v[k].period > *hi)) *hi = c->v[k].period;
    }
}

int store_series_build(store *s, const store_filter *f, store_period by,
                       store_series_table *t)
{
    memset(t, 0, sizeof *t);
    cells c = {NULL, 0, 0, by, 0, 0};
    if (store_series(s, f, add_cell, &c)) {
        free(c.v);
        return -1;
    }
    if (c.oom) {
        free(c.v);
        return store__fail(s, "out of memory building the series");
    }
    long lo, hi;
    span(f, &c, by, &lo, &hi);
    size_t n = c.n || (f->date_from && f->date_to) ? (size_t)(hi - lo + 1) : 0;
    if (hi < lo) n = 0;
    if (n > STORE_MAX_PERIODS) {
        free(c.v);
        return store__fail(s, "the series would have %zu periods, more than %d: "
                           "choose a longer period or a shorter date range",
                           n, STORE_MAX_PERIODS);
    }
    if (alloc_table(t, n)) {
        free(c.v);
        store_series_free(t);
        return store__fail(s, "out of memory building the series");
    }
    double *gsum = t->goldstein;          /* sums first, means after */
    for (size_t k = 0; k < c.n; k++) {
        long p = c.v[k].period - lo;
        if (p < 0 || (size_t)p >= n) continue;
        t->count[p] += (double)c.v[k].count;
        gsum[p] += c.v[k].gsum;
        if (c.v[k].quad >= 1 && c.v[k].quad <= 4)
            t->quad[c.v[k].quad - 1][p] += (double)c.v[k].count;
    }
    for (size_t p = 0; p < n; p++) {
        t->goldstein[p] = t->count[p] > 0 ? gsum[p] / t->count[p] : NAN;
        label(lo + (long)p, by, t->label[p]);
    }
    t->undated = c.undated;
    free(c.v);
    return 0;
}

void store_series_free(store_series_table *t)
{
    free(t->label);
    free(t->count);
    free(t->goldstein);
    for (int q = 0; q < 4; q++) free(t->quad[q]);
    memset(t, 0, sizeof *t);
}

int store_period_parse(const char *name)
{
    static const char *const names[] = {"day", "week", "month", "year"};
    for (int k = 0; k < 4; k++)
        if (!strcmp(name, names[k])) return k;
    return -1;
}

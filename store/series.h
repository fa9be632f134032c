/*
 * series.h - a dyad's time series from the store (store/series.c): the
 * filter's events bucketed by day, week, month or year, every period from
 * the first to the last filled (empty ones with 0 events).
 */
#ifndef DYAD_STORE_SERIES_H
#define DYAD_STORE_SERIES_H

#include "store.h"

typedef enum store_period {
    STORE_BY_DAY = 0, STORE_BY_WEEK, STORE_BY_MONTH, STORE_BY_YEAR
} store_period;

#define STORE_MAX_PERIODS 1000000

typedef struct store_series_table {
    size_t n;                /* periods */
    char (*label)[16];       /* "2003-04-07" (day, week: its Monday),
                                "2003-04", "2003" */
    double *count;           /* events per period */
    double *goldstein;       /* mean Goldstein score; NAN when no events */
    double *quad[4];         /* events per quad class 1..4 */
    long undated;            /* events without a date: not in any period */
} store_series_table;

/* Build the table of f's events (its date range, when set, fixes the
 * periods shown). 0 ok; -1 with the message in store_error(s). Free with
 * store_series_free(). */
int store_series_build(store *s, const store_filter *f, store_period by,
                       store_series_table *t);
void store_series_free(store_series_table *t);

/* "day", "week", "month", "year" -> the period; -1 if unknown. */
int store_period_parse(const char *name);

#endif /* DYAD_STORE_SERIES_H */

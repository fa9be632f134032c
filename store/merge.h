/*
 * merge.h - duplicate merging of stored events (store/merge.c): the same
 * act reported in several sentences, stories or outlets becomes one event
 * carrying how many reports stand behind it.
 */
#ifndef DYAD_STORE_MERGE_H
#define DYAD_STORE_MERGE_H

#include "store.h"

typedef enum store_merge {
    STORE_MERGE_NONE = 0,   /* every event as coded */
    STORE_MERGE_STORY,      /* one per (document, source, target, code) */
    STORE_MERGE_DAY,        /* one per (date, source, target, code): Phoenix */
    STORE_MERGE_CLUSTER     /* (source, target, code) reports whose dates lie
                               within the window of each other, across
                               documents and outlets: GDELT's counts */
} store_merge;

/* A merged event: the earliest report's event and the counts. */
typedef struct store_merged {
    const store_event *e;
    long mentions;          /* events merged */
    long sources;           /* distinct outlets (an unnamed outlet counts once) */
    long articles;          /* distinct documents */
    const char *reports;    /* the documents' ids (keys), comma-separated */
    int last_date;          /* the latest report's date */
} store_merged;

typedef int (*store_merged_fn)(void *ud, const store_merged *m);

/* Read the filter's events (its limit and offset apply to the merged
 * events) and hand each merged event to fn, ordered by date. window_days
 * is the cluster window (how far apart two reports of one act may be). */
int store_events_merged(store *s, const store_filter *f, store_merge how,
                        int window_days, store_merged_fn fn, void *ud);

/* "none", "story", "day", "cluster" -> the mode; -1 if unknown. */
int store_merge_parse(const char *name);

#endif /* DYAD_STORE_MERGE_H */

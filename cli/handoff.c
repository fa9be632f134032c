/*
 * handoff.c - how dyad ingest passes coded documents from the coding
 * thread to the thread that writes the store (cli.h): each document and
 * its result are copied into one block the job owns (the coder's result is
 * only borrowed until its next call), and jobs wait in a bounded queue, so
 * coding and writing overlap on two cores and memory stays bounded. The
 * writer is woken when a quarter of the queue has filled (or after a
 * second, or at the end), not for every document: a wake-up per document
 * cost two context switches each.
 */
#include <pthread.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ------------------------------------------------------------ copies */

typedef struct packer {
    char *p;          /* NULL while measuring */
    size_t used;
} packer;

static const char *pack(packer *k, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    const char *at = k->p ? memcpy(k->p + k->used, s, n) : NULL;
    k->used += n;
    return at;
}

static const char *pack_n(packer *k, const char *s, size_t n)
{
    const char *at = NULL;
    if (k->p) {
        memcpy(k->p + k->used, s, n);
        k->p[k->used + n] = 0;
        at = k->p + k->used;
    }
    k->used += n + 1;
    return at;
}

/* Copy every string of the job into k (or, with k->p NULL, count them). */
static void pack_all(packer *k, cli_job *j, const dyad_doc *d, const dyad_result *r)
{
    j->doc.id = pack(k, d->id);
    j->doc.text = pack_n(k, d->text, d->len);
    j->doc.title = pack(k, d->title);
    j->doc.url = pack(k, d->url);
    j->doc.outlet = pack(k, d->outlet);
    j->doc.origin = pack(k, d->origin);
    j->res.dateline = pack(k, r->dateline);
    j->res.agency = pack(k, r->agency);
    for (size_t e = 0; e < r->n_events; e++) {
        const dyad_event *s = &r->events[e];
        dyad_event *t = &j->events[e];
        const char **dst[] = {&t->id, &t->doc, &t->source.code, &t->source.country,
                              &t->source.text, &t->target.code, &t->target.country,
                              &t->target.text, &t->cameo, &t->plover, &t->plover_mode,
                              &t->plover_context, &t->location.name,
                              &t->location.country, &t->outlet, &t->evidence,
                              &t->sentence_text, &t->issues, &t->reports};
        const char *src[] = {s->id, s->doc, s->source.code, s->source.country,
                             s->source.text, s->target.code, s->target.country,
                             s->target.text, s->cameo, s->plover, s->plover_mode,
                             s->plover_context, s->location.name,
                             s->location.country, s->outlet, s->evidence,
                             s->sentence_text, s->issues, s->reports};
        for (size_t f = 0; f < sizeof src / sizeof *src; f++) {
            /* a sentence's text is shared by its events: copy it once */
            if (f == 16 && e > 0 && src[f] == r->events[e - 1].sentence_text) {
                *dst[f] = j->events[e - 1].sentence_text;
                continue;
            }
            *dst[f] = pack(k, src[f]);
        }
    }
}

cli_job *cli_job_new(const dyad_doc *d, const dyad_result *r, const unsigned char hash[16])
{
    cli_job probe;
    memset(&probe, 0, sizeof probe);
    size_t n_ev = r->n_events;
    probe.events = calloc(n_ev ? n_ev : 1, sizeof *probe.events);
    if (!probe.events) return NULL;
    packer k = {NULL, 0};
    pack_all(&k, &probe, d, r);
    cli_job *j = malloc(sizeof *j + k.used);
    if (!j) {
        free(probe.events);
        return NULL;
    }
    memset(j, 0, sizeof *j);
    j->events = probe.events;
    memcpy(j->events, r->events, n_ev * sizeof *j->events);   /* numbers */
    k.p = j->strings;
    k.used = 0;
    pack_all(&k, j, d, r);
    j->doc.len = d->len;
    j->doc.date = d->date;
    j->doc.origin_line = d->origin_line;
    j->res = (dyad_result){j->events, n_ev, r->n_sentences, r->date, r->flags,
                           j->res.dateline, j->res.agency};
    memcpy(j->hash, hash, 16);
    return j;
}

void cli_job_free(cli_job *j)
{
    if (!j) return;
    free(j->events);
    free(j);
}

/* ------------------------------------------------------------ the queue */

struct cli_queue {
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    cli_job **ring;
    size_t cap, head, n;
    int closed;          /* no more jobs will come */
    int cancelled;       /* the consumer gave up: producers stop */
};

cli_queue *cli_queue_new(size_t cap)
{
    cli_queue *q = calloc(1, sizeof *q);
    if (!q || !(q->ring = calloc(cap, sizeof *q->ring))) {
        free(q);
        return NULL;
    }
    q->cap = cap;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    return q;
}

int cli_queue_push(cli_queue *q, cli_job *j)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == q->cap && !q->cancelled) pthread_cond_wait(&q->not_full, &q->mu);
    int ok = !q->cancelled;
    if (ok) {
        q->ring[(q->head + q->n++) % q->cap] = j;
        if (q->n >= (q->cap + 3) / 4) pthread_cond_signal(&q->not_empty);
    }
    pthread_mutex_unlock(&q->mu);
    if (!ok) cli_job_free(j);
    return ok ? 0 : -1;
}

cli_job *cli_queue_pop(cli_queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == 0 && !q->closed) {
        struct timespec until;            /* a slow feed still gets stored */
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&q->not_empty, &q->mu, &until);
    }
    cli_job *j = NULL;
    if (q->n) {
        j = q->ring[q->head];
        q->head = (q->head + 1) % q->cap;
        q->n--;
        pthread_cond_signal(&q->not_full);
    }
    pthread_mutex_unlock(&q->mu);
    return j;
}

void cli_queue_close(cli_queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->closed = 1;
    pthread_cond_broadcast(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

void cli_queue_cancel(cli_queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->cancelled = 1;
    pthread_cond_broadcast(&q->not_full);
    pthread_mutex_unlock(&q->mu);
}

void cli_queue_free(cli_queue *q)
{
    if (!q) return;
    while (q->n) {
        cli_job_free(q->ring[q->head]);
        q->head = (q->head + 1) % q->cap;
        q->n--;
    }
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
    free(q->ring);
    free(q);
}

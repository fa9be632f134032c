/*
 * ingest.c - `dyad ingest` codes documents into the event store and
 * `dyad recode` codes stored documents again with the dictionaries given.
 * Work is committed in batches of whole documents, so a crash or kill -9
 * leaves a consistent database that a rerun completes: a document already
 * stored (same text hash) is skipped. A progress line goes to a terminal.
 *
 * Ingest runs on two threads: this one reads and codes, a writer thread
 * stores (handoff.c carries the documents between them), so storing costs
 * little more than coding. The coding side skips documents already
 * committed, through a read-only connection of its own; the writer checks
 * again for repeats within the batch it has not committed yet.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "store.h"

/* Without --batch a transaction is committed once a second (and at most
 * every BATCH_MAX documents): few commits, since each rewrites the index
 * pages it touched, and at most a second of work lost to a crash. */
#define BATCH_SECONDS 1.0
#define BATCH_MAX 10000

typedef struct ingest {
    cli_dicts dc;
    dyad_options opt;
    dyad_input_kind kind;
    const char *db;
    int batch;
    int progress;               /* 1: a progress line on stderr */
    char coded_with[96];
    store *st;                  /* the writer's connection */
    store *rd;                  /* the coding side's, for skipping */
    int fresh;                  /* the store held no document at start:
                                   nothing to skip before the writer */
    cli_queue *queue;
    atomic_int write_failed;
    dyad_dict *dict;
    size_t dict_errors;
    dyad_coder *coder;
    /* counts: the writer's are read by the progress line */
    atomic_size_t docs, skipped, events, sentences;
    size_t failed, in_batch;
    int in_txn;                 /* a transaction is open */
    double txn_start;           /* when it began */
    uint64_t bytes_done, bytes_total;   /* of input read; recode: documents */
    double t0, last_shown;
} ingest;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(FILE *f, const char *cmd)
{
    fprintf(f,
            "usage: dyad %s [options]%s\n"
            "%s"
            "  --db PATH|URI           the store: a SQLite file (default dyad.db)\n"
            "                          or postgresql://user@host/dbname\n"
            "  --batch N               documents per transaction (default: what\n"
            "                          a second brings, at most %d)\n"
            "  --input text|jsonl      kind of stdin or of every input\n"
            "  --date YYYY-MM-DD       date of documents where none is found\n"
            "  --literal               code verbs as written (see dyad code)\n"
            "  --new-actors N          unknown noun phrases of up to N words\n"
            "                          become actors\n"
            "  --progress / --quiet    force the progress line on or off (on\n"
            "                          when stderr is a terminal)\n"
            "%s",
            cmd, !strcmp(cmd, "ingest") ? " [FILE|DIR|-]..." : "",
            !strcmp(cmd, "ingest")
                ? "Code documents and store them with their sentences and events.\n"
                  "A document already stored (same text) is skipped.\n"
                : "Code stored documents again with the dictionaries given, when\n"
                  "they were coded with another set or another dyad version.\n",
            BATCH_MAX, cli_dict_help);
}

/* Parse options; inputs collects the rest. 0 ok, 1 help shown, 2 error. */
static int parse(ingest *g, int argc, char **argv, const char **inputs,
                 int *ninputs)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = cli_dict_flag(&g->dc, argc, argv, &i);
        if (r < 0) goto missing;
        if (r) continue;
        int has = i + 1 < argc;
        if (!strcmp(a, "--db")) {
            if (!has) goto missing;
            g->db = argv[++i];
        } else if (!strcmp(a, "--batch")) {
            if (!has) goto missing;
            if (cli_int(argv[++i], &g->batch) || g->batch < 1) {
                fprintf(stderr, "dyad %s: --batch needs a number of 1 or more\n", argv[0]);
                return 2;
            }
        } else if (!strcmp(a, "--input")) {
            if (!has) goto missing;
            g->kind = !strcmp(argv[++i], "jsonl") ? DYAD_INPUT_JSONL : DYAD_INPUT_TEXT;
        } else if (!strcmp(a, "--date")) {
            if (!has) goto missing;
            g->opt.default_date = dyad_date_parse(argv[i + 1], strlen(argv[i + 1]));
            if (!g->opt.default_date) {
                fprintf(stderr, "dyad %s: bad date '%s' (want YYYY-MM-DD)\n",
                        argv[0], argv[i + 1]);
                return 2;
            }
            i++;
        } else if (!strcmp(a, "--literal")) {
            g->opt.literal = 1;
        } else if (!strcmp(a, "--new-actors")) {
            if (!has) goto missing;
            if (cli_int(argv[++i], &g->opt.new_actor_length)) {
                fprintf(stderr, "dyad %s: --new-actors needs a number\n", argv[0]);
                return 2;
            }
        } else if (!strcmp(a, "--progress")) {
            g->progress = 1;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            g->progress = 0;
            g->dc.quiet = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout, argv[0]);
            return 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad %s: unknown option '%s'\n", argv[0], a);
            usage(stderr, argv[0]);
            return 2;
        } else if (inputs) {
            inputs[(*ninputs)++] = a;
        } else {
            fprintf(stderr, "dyad %s: unexpected argument '%s'\n", argv[0], a);
            return 2;
        }
    }
    return 0;
missing:
    fprintf(stderr, "dyad %s: option '%s' needs a value\n", argv[0], argv[argc - 1]);
    return 2;
}

/* ------------------------------------------------------------ progress */

static void show_progress(ingest *g, int final)
{
    double t = now();
    if (!g->progress || (!final && t - g->last_shown < 0.25)) return;
    g->last_shown = t;
    double el = t - g->t0 > 1e-6 ? t - g->t0 : 1e-6;
    double frac = g->bytes_total ? (double)g->bytes_done / (double)g->bytes_total : 0;
    if (frac > 1) frac = 1;
    char bar[21];
    int fill = (int)(frac * 20);
    for (int k = 0; k < 20; k++) bar[k] = k < fill ? '#' : '.';
    bar[20] = 0;
    char eta[32] = "";
    if (g->bytes_total && frac > 0.001 && !final) {
        long left = (long)(el / frac - el);
        snprintf(eta, sizeof eta, " ETA %ld:%02ld", left / 60, left % 60);
    }
    size_t docs = g->docs, events = g->events, skipped = g->skipped;
    char skip[48] = "";
    if (skipped) snprintf(skip, sizeof skip, " (%zu already stored)", skipped);
    fprintf(stderr, "\r[%s] %3.0f%% %zu docs%s, %zu events: %.0f docs/s, %.0f "
                    "events/s%s\033[K%s",
            bar, frac * 100, docs, skip, events, docs / el, events / el, eta,
            final ? "\n" : "");
}

/* ------------------------------------------------------------ storing */

static int commit_batch(ingest *g)
{
    if (!g->in_txn) return 0;
    g->in_txn = 0;
    g->in_batch = 0;
    if (store_commit(g->st)) {
        fprintf(stderr, "dyad: %s\n", store_error(g->st));
        store_rollback(g->st);
        return -1;
    }
    return 0;
}

static int begin_if_needed(ingest *g)
{
    if (g->in_txn) return 0;
    if (store_begin(g->st)) {
        fprintf(stderr, "dyad: %s\n", store_error(g->st));
        return -1;
    }
    g->in_txn = 1;
    g->txn_start = now();
    return 0;
}

static int batch_full(ingest *g)
{
    g->in_batch++;
    if (g->batch) return g->in_batch >= (size_t)g->batch;
    return g->in_batch >= BATCH_MAX || now() - g->txn_start >= BATCH_SECONDS;
}

/* The writer: store one coded document unless a copy is stored already.
 * -1 on a store error (fatal), 0 otherwise. */
static int write_job(ingest *g, const cli_job *j)
{
    int64_t id;
    if (begin_if_needed(g)) return -1;
    int found = store_find_doc(g->st, j->hash, &id);
    if (found < 0) goto store_failed;
    if (found) {
        g->skipped++;
        return 0;
    }
    store_doc sd;
    memset(&sd, 0, sizeof sd);
    memcpy(sd.hash, j->hash, 16);
    sd.key = j->doc.id;
    sd.title = j->doc.title;
    sd.url = j->doc.url;
    sd.outlet = j->doc.outlet ? j->doc.outlet : j->res.agency;
    sd.dateline = j->res.dateline;
    sd.origin = j->doc.origin;
    sd.date = j->res.date;
    sd.text = j->doc.text;
    sd.len = j->doc.len;
    sd.coded_with = g->coded_with;
    if (store_put_doc(g->st, &sd, &id) || store_put_events(g->st, id, &j->res))
        goto store_failed;
    g->docs++;
    g->events += j->res.n_events;
    g->sentences += j->res.n_sentences;
    return batch_full(g) ? commit_batch(g) : 0;
store_failed:
    fprintf(stderr, "dyad: %s\n", store_error(g->st));
    store_rollback(g->st);
    g->in_txn = 0;
    return -1;
}

static void *writer(void *ud)
{
    ingest *g = ud;
    cli_job *j;
    int failed = 0;
    while ((j = cli_queue_pop(g->queue)) != NULL) {
        if (!failed && write_job(g, j)) {
            failed = 1;
            g->write_failed = 1;
            cli_queue_cancel(g->queue);
        }
        cli_job_free(j);
    }
    if (!failed && commit_batch(g)) g->write_failed = 1;
    return NULL;
}

/* The coding side: skip a document committed before, else code it and
 * hand it to the writer. -1 when the writer has stopped. */
static int code_doc(ingest *g, const dyad_doc *doc)
{
    unsigned char hash[16];
    int64_t id;
    dyad_doc_hash(doc->text, doc->len, hash);
    int found = g->fresh ? 0 : store_find_doc(g->rd, hash, &id);
    if (found > 0) {
        g->skipped++;
        return 0;
    }
    const dyad_result *res;
    if (dyad_code_doc(g->coder, doc, cli_diag, &g->dc, &res)) {
        g->failed++;
        return 0;
    }
    cli_job *j = cli_job_new(doc, res, hash);
    if (!j) {
        fprintf(stderr, "dyad: out of memory\n");
        cli_queue_cancel(g->queue);
        return -1;
    }
    return cli_queue_push(g->queue, j);
}

/* ------------------------------------------------------------ set-up */

/* Dictionaries, coder, store; the coded_with stamp. 0 ok. */
static int start(ingest *g)
{
    g->dict = cli_load_dicts(&g->dc, &g->dict_errors);
    if (!g->dict) return -1;
    char fp[33];
    dyad_dict_fingerprint(g->dict, fp);
    snprintf(g->coded_with, sizeof g->coded_with, "dyad %s %s%s", DYAD_VERSION, fp,
             g->opt.literal ? " literal" : "");
    if (dyad_coder_new(g->dict, &g->opt, &g->coder)) {
        fprintf(stderr, "dyad: out of memory\n");
        return -1;
    }
    char err[700];
    g->st = store_open(g->db, STORE_WRITE, err, sizeof err);
    if (g->st) g->rd = store_open(g->db, STORE_READ, err, sizeof err);
    if (!g->st || !g->rd) {
        fprintf(stderr, "dyad: %s\n", err);
        return -1;
    }
    store_counts c;
    g->fresh = store_count(g->st, &c) == 0 && c.docs == 0;
    g->t0 = now();
    return 0;
}

static void finish(ingest *g)
{
    store_close(g->rd);
    store_close(g->st);
    dyad_coder_free(g->coder);
    dyad_dict_free(g->dict);
}

static void init(ingest *g)
{
    memset(g, 0, sizeof *g);
    dyad_options_init(&g->opt);
    g->progress = isatty(2);
}

int cmd_ingest(int argc, char **argv)
{
    ingest g;
    init(&g);
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    int ninputs = 0;
    if (!inputs) return 1;
    int pr = parse(&g, argc, argv, inputs, &ninputs);
    if (pr) {
        free(inputs);
        return pr == 1 ? 0 : 2;
    }
    if (!ninputs) inputs[ninputs++] = "-";
    dyad_reader **readers = calloc((size_t)ninputs, sizeof *readers);
    int rc = readers && start(&g) == 0 ? 0 : 1;
    for (int k = 0; k < ninputs && !rc; k++) {   /* open all: total bytes */
        if (dyad_reader_open(inputs[k], g.kind, cli_diag, &g.dc, &readers[k])) {
            g.failed++;
            continue;
        }
        uint64_t d, t;
        dyad_reader_progress(readers[k], &d, &t);
        g.bytes_total += t;
    }
    size_t rejected = 0;
    uint64_t base = 0;
    pthread_t th;
    int started = !rc && (g.queue = cli_queue_new(64)) != NULL &&
                  pthread_create(&th, NULL, writer, &g) == 0;
    if (!started) rc = 1;
    for (int k = 0; k < ninputs && !rc; k++) {
        if (!readers[k]) continue;
        dyad_doc doc;
        uint64_t d = 0, t = 0;
        while (!rc && dyad_reader_next(readers[k], &doc) == DYAD_OK) {
            rc = code_doc(&g, &doc) ? 1 : 0;
            dyad_reader_progress(readers[k], &d, &t);
            g.bytes_done = base + d;
            show_progress(&g, 0);
        }
        base += t;
        rejected += dyad_reader_rejected(readers[k]);
    }
    if (started) {
        cli_queue_close(g.queue);
        pthread_join(th, NULL);
        if (g.write_failed) rc = 1;
    }
    cli_queue_free(g.queue);
    g.bytes_done = g.bytes_total;
    show_progress(&g, 1);
    if (!g.dc.quiet && g.st)
        fprintf(stderr, "dyad ingest: %zu documents stored (%zu sentences, %zu "
                        "events), %zu already stored, into %s%s\n",
                (size_t)g.docs, (size_t)g.sentences, (size_t)g.events,
                (size_t)g.skipped, store_backend(g.st),
                rc ? "; stopped on the error above, work up to the last "
                     "committed batch is kept" : "");
    for (int k = 0; readers && k < ninputs; k++) dyad_reader_free(readers[k]);
    free(readers);
    free(inputs);
    finish(&g);
    if (!rc && (rejected || g.failed || g.dict_errors)) {
        if (!g.dc.quiet)
            fprintf(stderr, "dyad ingest: %zu input item(s) rejected, %zu "
                            "dictionary error(s)\n", rejected + g.failed,
                    g.dict_errors);
        rc = 1;
    }
    return rc;
}

/* ------------------------------------------------------------ recode */

typedef struct id_list {
    int64_t *v;
    size_t n, cap;
} id_list;

static int add_id(void *ud, int64_t id)
{
    id_list *l = ud;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        int64_t *v = realloc(l->v, cap * sizeof *v);
        if (!v) return 1;              /* stops the walk; caught by n check */
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = id;
    return 0;
}

typedef struct recode_ctx {
    ingest *g;
    int rc;
} recode_ctx;

static int recode_doc(void *ud, const store_docrow *d)
{
    recode_ctx *c = ud;
    ingest *g = c->g;
    dyad_doc doc = {.id = d->key ? d->key : "", .text = d->text,
                    .len = strlen(d->text), .date = d->date, .title = d->title,
                    .url = d->url, .outlet = d->outlet, .origin = d->origin};
    const dyad_result *res;
    if (dyad_code_doc(g->coder, &doc, cli_diag, &g->dc, &res)) {
        g->failed++;
        return 0;
    }
    if (store_clear_events(g->st, d->id, g->coded_with) ||
        store_put_events(g->st, d->id, res)) {
        c->rc = -1;
        return 1;
    }
    g->docs++;
    g->events += res->n_events;
    g->sentences += res->n_sentences;
    g->bytes_done++;
    return 0;
}

int cmd_recode(int argc, char **argv)
{
    ingest g;
    init(&g);
    int pr = parse(&g, argc, argv, NULL, NULL);
    if (pr) return pr == 1 ? 0 : 2;
    if (start(&g)) {
        finish(&g);
        return 1;
    }
    id_list ids = {NULL, 0, 0};
    size_t before = 0;
    int rc = store_stale_docs(g.st, g.coded_with, add_id, &ids) ? 1 : 0;
    if (rc) fprintf(stderr, "dyad: %s\n", store_error(g.st));
    store_counts cnt;
    if (!rc && store_count(g.st, &cnt) == 0) before = (size_t)cnt.docs;
    g.bytes_total = ids.n;
    recode_ctx c = {&g, 0};
    for (size_t k = 0; k < ids.n && !rc; k++) {
        store_filter f;
        memset(&f, 0, sizeof f);
        f.doc = ids.v[k];
        if (begin_if_needed(&g) || store_docs(g.st, &f, 1, recode_doc, &c) ||
            c.rc) {
            fprintf(stderr, "dyad: %s\n", store_error(g.st));
            store_rollback(g.st);
            g.in_txn = 0;
            rc = 1;
            break;
        }
        if (batch_full(&g) && commit_batch(&g)) rc = 1;
        show_progress(&g, 0);
    }
    if (!rc && commit_batch(&g)) rc = 1;
    show_progress(&g, 1);
    if (!g.dc.quiet)
        fprintf(stderr, "dyad recode: %zu of %zu stored documents recoded (%zu "
                        "events now), the rest were coded with this set already\n",
                (size_t)g.docs, before, (size_t)g.events);
    free(ids.v);
    finish(&g);
    return rc || g.failed ? 1 : 0;
}

/*
 * cli.h - pieces shared by the subcommands of the dyad tool: dictionary
 * flags (--actors, --agents, --verbs, --discards, --issues, --verb-forms,
 * cache options),
 * loading them through the public API, and printing diagnostics. The tool
 * uses only include/dyad.h.
 */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdio.h>

#include "dyad.h"
#include "store.h"

#define CLI_MAX_FILES 64

typedef struct cli_dicts {
    const char *files[DYAD_DICT_KINDS][CLI_MAX_FILES];
    int n[DYAD_DICT_KINDS];
    int no_cache;
    const char *cache_dir;
    int verbose;
    int quiet;
    size_t warnings;          /* dictionary warnings seen */
    int loading;              /* 1 while dictionaries load */
    size_t errors;            /* diagnostics of severity error, all sources */
    dyad_diag_fn diag;        /* loading's diagnostics; NULL: cli_diag */
} cli_dicts;

/* If argv[*i] is a dictionary or cache flag, consume it (and its value)
 * and return 1; return -1 on a missing value; 0 if it is not one. */
int cli_dict_flag(cli_dicts *c, int argc, char **argv, int *i);

/* Build the dictionaries: given files replace the built-in set of their
 * kind. Prints errors; NULL on failure. */
dyad_dict *cli_load_dicts(cli_dicts *c, size_t *dict_errors);

/* A dyad_diag_fn printing "file:line: error: message" to stderr; ud is the
 * cli_dicts (for counts and verbosity). */
void cli_diag(void *ud, const dyad_diag *d);

/* Parse a non-negative decimal integer; -1 when s is not one. */
int cli_int(const char *s, int *out);

/* Usage text of the dictionary flags, for help screens. */
extern const char cli_dict_help[];

/* `dyad code --unknown` (unknown.c): phrases that act as actors but name
 * none in the dictionaries, counted over coded documents. */
typedef struct cli_unknown cli_unknown;
cli_unknown *cli_unknown_new(void);
void cli_unknown_add(cli_unknown *u, const dyad_result *res);
/* Write the report (TSV) to out and a one-line summary to summary (may be
 * NULL); -1 when memory ran out on the way. */
int cli_unknown_report(cli_unknown *u, FILE *out, FILE *summary);
void cli_unknown_free(cli_unknown *u);

/* The event filter flags of dyad events and dyad series (query.c): if
 * argv[*i] is one (or --db, stored in *db), consume it and its value and
 * return 1; 0 if it is not one; -1 on a missing value; -2 on a bad value
 * (the message is printed). argv[0] names the command. */
int cli_filter_flag(store_filter *f, const char **db, int argc, char **argv,
                    int *i);
extern const char cli_filter_help[];
/* Open the store, printing the reason on failure (NULL). */
store *cli_store_open(const char *cmd, const char *db, store_mode mode);

/* dyad ingest's hand-off between its coding and writing threads
 * (handoff.c). A job owns a copy of a coded document: its text, metadata
 * and result. */
typedef struct cli_job {
    dyad_doc doc;
    dyad_result res;
    dyad_event *events;
    unsigned char hash[16];   /* dyad_doc_hash of doc.text */
    char strings[];           /* every string of the job */
} cli_job;
/* NULL when memory ran out. Free with cli_job_free(). */
cli_job *cli_job_new(const dyad_doc *d, const dyad_result *r,
                     const unsigned char hash[16]);
void cli_job_free(cli_job *j);

/* A bounded queue of jobs between one producer and one consumer. */
typedef struct cli_queue cli_queue;
cli_queue *cli_queue_new(size_t cap);
/* Waits while the queue is full. -1 (and the job freed) once cancelled. */
int cli_queue_push(cli_queue *q, cli_job *j);
/* Waits for a job; NULL once the queue is closed and empty. */
cli_job *cli_queue_pop(cli_queue *q);
void cli_queue_close(cli_queue *q);     /* the producer is done */
void cli_queue_cancel(cli_queue *q);    /* the consumer gave up */
void cli_queue_free(cli_queue *q);      /* frees the jobs left too */

int cmd_code(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_recode(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_docs(int argc, char **argv);
int cmd_series(int argc, char **argv);

#endif /* DYAD_CLI_H */

/*
 * code.c - `dyad code [options] [FILE|DIR|-]...`: read documents, code them,
 * write event records to stdout. A pure filter, so it can be the map step
 * of a larger job. Exit status 1 when any input or dictionary entry was
 * rejected, 2 on a usage error.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad code [options] [FILE|DIR|-]...\n"
            "Code news documents into event records (stdin when no input).\n"
            "  --format jsonl|tsv|csv|gdelt  output format (default jsonl; gdelt:\n"
            "                          the GDELT 2.0 event table's 61 columns)\n"
            "  --ontology cameo|plover the code that leads each record (default\n"
            "                          cameo); with plover, events PLOVER has no\n"
            "                          category for are left out\n"
            "  --input text|jsonl      kind of stdin or of every input (default: by\n"
            "                          extension, .jsonl = JSONL, else plain text)\n"
            "  --date YYYY-MM-DD       date of documents where none is found\n"
            "  --all-events            keep repeated (source, target, code) events\n"
            "  --no-require-dyad       keep events lacking a source or a target\n"
            "  --literal               code verbs as written, as TABARI and PETRARCH\n"
            "                          do: no negation or modality (\"did not\n"
            "                          attack\" is an attack), and the subject of\n"
            "                          an agentless passive is the source\n"
            "  --new-actors N          unknown noun phrases of up to N words become\n"
            "                          actors named by their text\n"
            "  --unknown               instead of events, list the phrases that act\n"
            "                          as an event's source or target but name no\n"
            "                          dictionary actor (\"the Ashdown Group\",\n"
            "                          \"Zendar officials\"), most frequent first, with\n"
            "                          counts and an example: a curator's worklist\n"
            "  --stats                 print counts and speed to stderr at the end\n"
            "%s", cli_dict_help);
}

typedef struct out {
    char *buf;
    size_t len, cap;
} out;

static void flush(out *o)
{
    if (o->len) fwrite(o->buf, 1, o->len, stdout);
    o->len = 0;
}

int cmd_code(int argc, char **argv)
{
    cli_dicts dc;
    memset(&dc, 0, sizeof dc);
    dyad_options opt;
    dyad_options_init(&opt);
    dyad_format fmt = DYAD_FORMAT_JSONL;
    dyad_input_kind kind = DYAD_INPUT_AUTO;
    dyad_ontology ont = DYAD_ONTOLOGY_CAMEO;
    int stats = 0, ninputs = 0, unknown = 0;
    char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    if (!inputs) return 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = cli_dict_flag(&dc, argc, argv, &i);
        if (r < 0) goto missing;
        if (r) continue;
        if (!strcmp(a, "--format")) {
            if (++i >= argc) goto missing;
            if (!strcmp(argv[i], "jsonl")) fmt = DYAD_FORMAT_JSONL;
            else if (!strcmp(argv[i], "tsv")) fmt = DYAD_FORMAT_TSV;
            else if (!strcmp(argv[i], "csv")) fmt = DYAD_FORMAT_CSV;
            else if (!strcmp(argv[i], "gdelt")) fmt = DYAD_FORMAT_GDELT;
            else {
                fprintf(stderr, "dyad code: unknown format '%s' (jsonl, tsv, csv, gdelt)\n",
                        argv[i]);
                free(inputs);
                return 2;
            }
        } else if (!strcmp(a, "--ontology")) {
            if (++i >= argc) goto missing;
            if (!strcmp(argv[i], "plover")) ont = DYAD_ONTOLOGY_PLOVER;
            else if (!strcmp(argv[i], "cameo")) ont = DYAD_ONTOLOGY_CAMEO;
            else {
                fprintf(stderr, "dyad code: unknown ontology '%s' (cameo or plover)\n",
                        argv[i]);
                free(inputs);
                return 2;
            }
        } else if (!strcmp(a, "--input")) {
            if (++i >= argc) goto missing;
            kind = !strcmp(argv[i], "jsonl") ? DYAD_INPUT_JSONL : DYAD_INPUT_TEXT;
        } else if (!strcmp(a, "--date")) {
            if (++i >= argc) goto missing;
            opt.default_date = dyad_date_parse(argv[i], strlen(argv[i]));
            if (!opt.default_date) {
                fprintf(stderr, "dyad code: bad date '%s' (want YYYY-MM-DD)\n",
                        argv[i]);
                free(inputs);
                return 2;
            }
        } else if (!strcmp(a, "--all-events")) {
            opt.dedup_per_doc = 0;
        } else if (!strcmp(a, "--no-require-dyad")) {
            opt.require_dyad = 0;
        } else if (!strcmp(a, "--literal")) {
            opt.literal = 1;
        } else if (!strcmp(a, "--new-actors")) {
            if (++i >= argc) goto missing;
            if (cli_int(argv[i], &opt.new_actor_length)) {
                fprintf(stderr, "dyad code: --new-actors needs a number\n");
                free(inputs);
                return 2;
            }
        } else if (!strcmp(a, "--unknown")) {
            unknown = 1;
        } else if (!strcmp(a, "--stats")) {
            stats = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(inputs);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad code: unknown option '%s'\n", a);
            usage(stderr);
            free(inputs);
            return 2;
        } else {
            inputs[ninputs++] = argv[i];
        }
    }
    if (!ninputs) inputs[ninputs++] = "-";
    clock_t t0 = clock();
    size_t dict_errors = 0;
    dyad_dict *d = cli_load_dicts(&dc, &dict_errors);
    if (!d) {
        free(inputs);
        return 1;
    }
    double t_dict = (double)(clock() - t0) / CLOCKS_PER_SEC;
    cli_unknown *unk = NULL;
    if (unknown) {           /* unknown phrases become actors to be seen */
        if (!opt.new_actor_length) opt.new_actor_length = 6;
        opt.require_dyad = 0;
        if (!(unk = cli_unknown_new())) {
            dyad_dict_free(d);
            free(inputs);
            return 1;
        }
    }
    dyad_coder *coder;
    if (dyad_coder_new(d, &opt, &coder)) {
        cli_unknown_free(unk);
        dyad_dict_free(d);
        free(inputs);
        return 1;
    }
    out o = {NULL, 0, 0};
    if (!unk) fputs(dyad_format_header_in(fmt, ont), stdout);
    size_t docs = 0, sents = 0, events = 0, bytes = 0, rejected = 0, failed = 0;
    size_t no_plover = 0;
    clock_t t1 = clock();
    for (int k = 0; k < ninputs; k++) {
        dyad_reader *r;
        if (dyad_reader_open(inputs[k], kind, cli_diag, &dc, &r)) {
            failed++;
            continue;
        }
        dyad_doc doc;
        while (dyad_reader_next(r, &doc) == DYAD_OK) {
            const dyad_result *res;
            dyad_status st = dyad_code_doc(coder, &doc, cli_diag, &dc, &res);
            docs++;
            bytes += doc.len;
            if (st) {
                failed++;
                continue;
            }
            sents += res->n_sentences;
            if (unk) {
                cli_unknown_add(unk, res);
                continue;
            }
            for (size_t e = 0; e < res->n_events; e++) {
                const dyad_event *ev = &res->events[e];
                if (ont == DYAD_ONTOLOGY_PLOVER && !*ev->plover) {
                    no_plover++;           /* no PLOVER category: no event */
                    continue;
                }
                if (dyad_format_event_in(fmt, ont, ev, &o.buf, &o.len, &o.cap))
                    failed++;
                events++;
            }
            if (o.len > (1u << 16)) flush(&o);
        }
        rejected += dyad_reader_rejected(r);
        dyad_reader_free(r);
    }
    flush(&o);
    if (unk && cli_unknown_report(unk, stdout, dc.quiet ? NULL : stderr)) failed++;
    cli_unknown_free(unk);
    fflush(stdout);
    double secs = (double)(clock() - t1) / CLOCKS_PER_SEC;
    if (stats)
        fprintf(stderr,
                "dyad: %zu documents, %zu sentences, %zu events, %.2f MB in "
                "%.3f s (dictionaries %.3f s): %.0f sentences/s, %.1f MB/s\n",
                docs, sents, events, bytes / 1e6, secs, t_dict,
                secs > 0 ? sents / secs : 0.0, secs > 0 ? bytes / 1e6 / secs : 0.0);
    if (stats && ont == DYAD_ONTOLOGY_PLOVER)
        fprintf(stderr, "dyad: %zu events left out: their CAMEO code has no PLOVER "
                "category\n", no_plover);
    free(o.buf);
    dyad_coder_free(coder);
    dyad_dict_free(d);
    free(inputs);
    if (rejected || failed || dict_errors) {
        if (!dc.quiet)
            fprintf(stderr, "dyad code: %zu input item(s) rejected, %zu "
                            "dictionary error(s)\n",
                    rejected + failed, dict_errors);
        return 1;
    }
    return 0;
missing:
    fprintf(stderr, "dyad code: option '%s' needs a value\n", argv[argc - 1]);
    free(inputs);
    return 2;
}

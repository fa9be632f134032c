/*
 * explain.c - `dyad explain "sentence" [--date D]`: show how dyad codes one
 * sentence: its tokens (unknown words marked ?), each actor and agent match
 * with the dictionary entry, file, line and date rule that applied, the
 * actor units, clauses, the verb pattern that matched, and the events. The
 * tool a dictionary author lives in.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *label(dyad_trace_kind k)
{
    switch (k) {
    case DYAD_TRACE_SENTENCE: return "sentence";
    case DYAD_TRACE_TOKENS: return "tokens";
    case DYAD_TRACE_ACTOR: return "actor";
    case DYAD_TRACE_AGENT: return "agent";
    case DYAD_TRACE_VERB: return "verb";
    case DYAD_TRACE_CLAUSE: return "clause";
    case DYAD_TRACE_PATTERN: return "pattern";
    case DYAD_TRACE_EVENT: return "event";
    default: return "note";
    }
}

static void show(void *ud, dyad_trace_kind k, const char *line)
{
    (void)ud;
    printf("%-8s %s\n", label(k), line);
}

int cmd_explain(int argc, char **argv)
{
    cli_dicts dc;
    memset(&dc, 0, sizeof dc);
    dyad_options opt;
    dyad_options_init(&opt);
    char *text = NULL;
    size_t tl = 0;
    int date = 0;
    for (int i = 1; i < argc; i++) {
        int r = cli_dict_flag(&dc, argc, argv, &i);
        if (r < 0) {
            fprintf(stderr, "dyad explain: '%s' needs a value\n", argv[i]);
            free(text);
            return 2;
        }
        if (r) continue;
        if (!strcmp(argv[i], "--date") && i + 1 < argc) {
            date = dyad_date_parse(argv[i + 1], strlen(argv[i + 1]));
            if (!date) {
                fprintf(stderr, "dyad explain: bad date '%s'\n", argv[i + 1]);
                free(text);
                return 2;
            }
            i++;
        } else if (!strcmp(argv[i], "--new-actors") && i + 1 < argc) {
            if (cli_int(argv[++i], &opt.new_actor_length)) {
                fprintf(stderr, "dyad explain: --new-actors needs a number\n");
                free(text);
                return 2;
            }
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: dyad explain [--date YYYY-MM-DD] \"sentence\"...\n"
                   "Show how one sentence is coded.\n%s", cli_dict_help);
            free(text);
            return 0;
        } else {
            size_t n = strlen(argv[i]);
            char *t = realloc(text, tl + n + 2);
            if (!t) { free(text); return 1; }
            text = t;
            if (tl) text[tl++] = ' ';
            memcpy(text + tl, argv[i], n + 1);
            tl += n;
        }
    }
    if (!text) {
        fprintf(stderr, "usage: dyad explain [--date YYYY-MM-DD] \"sentence\"\n");
        return 2;
    }
    dc.quiet = 1;
    size_t errs;
    dyad_dict *d = cli_load_dicts(&dc, &errs);
    dyad_coder *c = NULL;
    if (!d || dyad_coder_new(d, &opt, &c)) {
        dyad_dict_free(d);
        free(text);
        return 1;
    }
    dyad_coder_set_trace(c, show, NULL);
    dyad_sentence_status sst;
    const dyad_result *res;
    int rc = 0;
    if (dyad_code_sentence(c, text, tl, date, &sst, &res) != DYAD_OK) {
        fprintf(stderr, "dyad explain: coding failed\n");
        rc = 1;
    } else {
        static const char *const why[] = {"", "discarded (sentence discard phrase)",
                                          "discarded (story discard phrase)",
                                          "dateline removed", "complex"};
        if (sst != DYAD_SENT_CODED) printf("status   %s\n", why[sst]);
        printf("\n%zu event%s\n", res->n_events, res->n_events == 1 ? "" : "s");
        for (size_t k = 0; k < res->n_events; k++) {
            const dyad_event *e = &res->events[k];
            dyad_cameo_info info;
            int known = dyad_cameo_lookup(e->cameo, &info) >= 0;
            printf("  %s (%s) -> %s (%s)  %s %s  quad %d  goldstein %.1f  "
                   "plover %s\n",
                   e->source.code, e->source.text, e->target.code, e->target.text,
                   e->cameo, known ? info.label : "", e->quad, e->goldstein,
                   *e->plover ? e->plover : "-");
            static const char *const kinds[] = {"", "country", "region", "city"};
            if (e->location.known && e->location.precision > 0 && e->location.precision <= 3)
                printf("    place %s [%s] %s (%.4f, %.4f)\n", e->location.name,
                       e->location.country, kinds[e->location.precision],
                       e->location.lat, e->location.lon);
        }
    }
    dyad_coder_free(c);
    dyad_dict_free(d);
    free(text);
    return rc;
}

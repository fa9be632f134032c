/*
 * dict.c - `dyad dict check` and `dyad dict lookup PHRASE [--date D]`, the
 * tools of dictionary authors. check loads a dictionary set (the built-in
 * one, or the files given) and lists every problem with its file and line:
 * what loading reports (syntax, entries it repaired or rejected) and what
 * dyad_dict_check() finds (duplicate and conflicting entries, overlapping
 * date rules, phrases and patterns that can never match). lookup shows
 * which entries a phrase's words match and what they code to on a date.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: dyad dict check [--strict] [dictionary options]\n"
    "       dyad dict lookup [--date YYYY-MM-DD] [dictionary options] [--] PHRASE...\n"
    "check: list the problems of a dictionary set (the built-in one, or the\n"
    "  files given) with file and line; exit 1 on an error (with --strict,\n"
    "  on a warning too).\n"
    "lookup: show the dictionary entries the words of PHRASE match, with the\n"
    "  code each gives on the date (default: undated) and its file and line;\n"
    "  exit 1 when nothing matches.\n";

static void print_line(void *ud, const char *line)
{
    (void)ud;
    printf("%s\n", line);
}

/* Loading's own "listed again" warnings for actor, agent and discard
 * phrases are left out: dyad_dict_check reports each of them with the
 * earlier entry and whether the codes differ. Those of other kinds (issue
 * and time phrases, word classes) are shown as loading gives them. */
static void check_diag(void *ud, const dyad_diag *d)
{
    cli_dicts *c = ud;
    static const char *const rechecked[] = {"actor phrase '", "agent phrase '",
                                            "discard phrase '"};
    if (c->loading && d->severity == DYAD_SEV_WARNING &&
        strstr(d->message, " is listed again; this later entry replaces"))
        for (size_t k = 0; k < sizeof rechecked / sizeof rechecked[0]; k++)
            if (!strncmp(d->message, rechecked[k], strlen(rechecked[k])))
                return;
    cli_diag(ud, d);
}

static void count_kinds(const dyad_dict *d, cli_dicts *dc)
{
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    size_t files = 0;
    for (int k = 0; k < DYAD_DICT_KINDS; k++) files += (size_t)dc->n[k];
    fprintf(stderr,
            "dict check: %s; %zu actor phrases, %zu agent phrases, %zu verb "
            "forms, %zu patterns, %zu synsets, %zu discards\n",
            files ? "the files given (built-in for the other kinds)"
                  : "the built-in set",
            st.actor_phrases, st.agent_phrases, st.verb_forms, st.patterns,
            st.synsets, st.discards);
}

static int check(int argc, char **argv)
{
    cli_dicts dc;
    memset(&dc, 0, sizeof dc);
    int strict = 0;
    for (int i = 1; i < argc; i++) {
        int r = cli_dict_flag(&dc, argc, argv, &i);
        if (r < 0) {
            fprintf(stderr, "dyad dict: %s needs a value\n", argv[i]);
            return 2;
        }
        if (r) continue;
        if (!strcmp(argv[i], "--strict")) {
            strict = 1;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_text, stdout);
            fputs(cli_dict_help, stdout);
            return 0;
        } else {
            fprintf(stderr, "dyad dict check: unknown option '%s'\n%s", argv[i],
                    usage_text);
            return 2;
        }
    }
    dc.verbose = 1;            /* every loader warning is a finding here */
    dc.no_cache = 1;           /* and loading must report them afresh */
    dc.diag = check_diag;
    size_t load_errors = 0;
    dyad_dict *d = cli_load_dicts(&dc, &load_errors);
    if (!d) return 1;
    size_t check_errors = 0, warnings = 0;
    dyad_status st = dyad_dict_check(d, check_diag, &dc, &check_errors, &warnings);
    if (st != DYAD_OK) {               /* a partial report is no clean bill */
        fprintf(stderr, "dyad dict check: %s\n", dyad_strerror(st));
        dyad_dict_free(d);
        return 1;
    }
    count_kinds(d, &dc);
    size_t errors = dc.errors;          /* loading's and the check's */
    size_t load_warnings = dc.warnings;
    fprintf(stderr, "dict check: %zu errors, %zu warnings (loading: %zu errors, "
            "%zu warnings)\n", errors, warnings + load_warnings, load_errors,
            load_warnings);
    dyad_dict_free(d);
    if (errors) return 1;
    return strict && warnings + load_warnings ? 1 : 0;
}

static int lookup(int argc, char **argv)
{
    cli_dicts dc;
    memset(&dc, 0, sizeof dc);
    int date = 0, words_only = 0;      /* after `--`, every word is phrase */
    char *text = NULL;
    size_t tlen = 0;
    for (int i = 1; i < argc; i++) {
        int r = words_only ? 0 : cli_dict_flag(&dc, argc, argv, &i);
        if (r < 0) {
            fprintf(stderr, "dyad dict: %s needs a value\n", argv[i]);
            free(text);
            return 2;
        }
        if (r) continue;
        const char *a = argv[i];
        if (!strcmp(a, "--") && !words_only) {
            words_only = 1;
            continue;
        }
        if (!strcmp(a, "--date") && !words_only) {
            if (i + 1 >= argc) {
                fprintf(stderr, "dyad dict lookup: --date needs a value\n");
                free(text);
                return 2;
            }
            date = dyad_date_parse(argv[i + 1], strlen(argv[i + 1]));
            if (!date) {
                fprintf(stderr, "dyad dict lookup: bad date '%s' (want "
                        "YYYY-MM-DD)\n", argv[i + 1]);
                free(text);
                return 2;
            }
            i++;
        } else if (!words_only && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
            fputs(usage_text, stdout);
            fputs(cli_dict_help, stdout);
            free(text);
            return 0;
        } else if (!words_only && a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad dict lookup: unknown option '%s'\n%s", a,
                    usage_text);
            free(text);
            return 2;
        } else {               /* words of the phrase, joined by spaces */
            size_t n = strlen(a);
            char *t = realloc(text, tlen + n + 2);
            if (!t) {
                free(text);
                return 1;
            }
            text = t;
            if (tlen) text[tlen++] = ' ';
            memcpy(text + tlen, a, n + 1);
            tlen += n;
        }
    }
    if (!text) {
        fputs(usage_text, stderr);
        return 2;
    }
    size_t load_errors = 0;
    dyad_dict *d = cli_load_dicts(&dc, &load_errors);
    if (!d) {
        free(text);
        return 1;
    }
    size_t found = 0;
    dyad_status st = dyad_dict_lookup(d, text, tlen, date, print_line, NULL,
                                      &found);
    if (st) fprintf(stderr, "dyad dict lookup: %s\n", dyad_strerror(st));
    else if (!found) printf("no dictionary entry matches '%s'\n", text);
    dyad_dict_free(d);
    free(text);
    return st || !found ? 1 : 0;
}

int cmd_dict(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    if (!strcmp(argv[1], "check")) return check(argc - 1, argv + 1);
    if (!strcmp(argv[1], "lookup")) return lookup(argc - 1, argv + 1);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage_text, stdout);
        return 0;
    }
    fprintf(stderr, "dyad dict: unknown subcommand '%s'\n%s", argv[1],
            usage_text);
    return 2;
}

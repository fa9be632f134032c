/*
 * main.c - the dyad command-line tool: dispatches to its subcommands. Uses
 * only the public header; all coding happens in libdyad.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "dyad %s - political event coding: who did what to whom, when.\n\n"
            "usage: dyad COMMAND [options]\n\n"
            "commands:\n"
            "  code [FILE|DIR|-]...   code news documents; event records to stdout\n"
            "  explain \"sentence\"     show how a sentence is coded\n"
            "  extract FILE...        the article and metadata of web pages\n"
            "  validate FILE.xml      run PETRARCH unit-test records\n"
            "  ingest [FILE|DIR|-]... code documents into the event store (dyad.db)\n"
            "  recode                 recode stored documents with new dictionaries\n"
            "  events                 query stored events (filters, merging, formats)\n"
            "  series                 a dyad's time series, as a table or a chart\n"
            "  actors                 actor codes in the store, with counts\n"
            "  docs                   stored documents\n"
            "  dict check             list the problems of a dictionary set\n"
            "  dict lookup PHRASE     what a phrase codes to, and from which entry\n"
            "  version                print the version\n\n"
            "Run 'dyad COMMAND --help' for a command's options.\n",
            DYAD_VERSION);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "code")) return cmd_code(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate")) return cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain")) return cmd_explain(argc - 1, argv + 1);
    if (!strcmp(cmd, "dict")) return cmd_dict(argc - 1, argv + 1);
    if (!strcmp(cmd, "extract")) return cmd_extract(argc - 1, argv + 1);
    if (!strcmp(cmd, "ingest")) return cmd_ingest(argc - 1, argv + 1);
    if (!strcmp(cmd, "recode")) return cmd_recode(argc - 1, argv + 1);
    if (!strcmp(cmd, "events")) return cmd_events(argc - 1, argv + 1);
    if (!strcmp(cmd, "actors")) return cmd_actors(argc - 1, argv + 1);
    if (!strcmp(cmd, "docs")) return cmd_docs(argc - 1, argv + 1);
    if (!strcmp(cmd, "series")) return cmd_series(argc - 1, argv + 1);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("dyad %s\n", DYAD_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "dyad: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}

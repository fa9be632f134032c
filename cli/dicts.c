/*
 * dicts.c - dictionary flags, loading and diagnostic printing shared by the
 * subcommands (see cli.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

const char cli_dict_help[] =
    "Dictionaries (TABARI or PETRARCH-1 files; a file given replaces the\n"
    "built-in default of its kind):\n"
    "  --actors FILE      actor dictionary (repeatable)\n"
    "  --agents FILE      agent dictionary\n"
    "  --verbs FILE       verb pattern dictionary\n"
    "  --discards FILE    discard phrases\n"
    "  --issues FILE      issue phrases\n"
    "  --verb-forms FILE  verb inflections, `LEMMA {FORMS}` lines (default:\n"
    "                     the built-in table made from WordNet)\n"
    "  --cache-dir DIR    binary dictionary cache (default $DYAD_CACHE_DIR,\n"
    "                     $XDG_CACHE_HOME/dyad or ~/.cache/dyad)\n"
    "  --no-cache         compile dictionaries without the cache\n"
    "  --verbose          list dictionary warnings too\n";

int cli_dict_flag(cli_dicts *c, int argc, char **argv, int *i)
{
    static const struct { const char *flag; int kind; } kinds[] = {
        {"--actors", DYAD_DICT_ACTORS}, {"--agents", DYAD_DICT_AGENTS},
        {"--verbs", DYAD_DICT_VERBS}, {"--discards", DYAD_DICT_DISCARDS},
        {"--issues", DYAD_DICT_ISSUES}, {"--verb-forms", DYAD_DICT_FORMS},
    };
    const char *a = argv[*i];
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        if (strcmp(a, kinds[k].flag)) continue;
        if (*i + 1 >= argc) return -1;
        int kind = kinds[k].kind;
        if (c->n[kind] < CLI_MAX_FILES) c->files[kind][c->n[kind]++] = argv[++*i];
        return 1;
    }
    if (!strcmp(a, "--cache-dir")) {
        if (*i + 1 >= argc) return -1;
        c->cache_dir = argv[++*i];
        return 1;
    }
    if (!strcmp(a, "--no-cache")) { c->no_cache = 1; return 1; }
    if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) { c->verbose = 1; return 1; }
    return 0;
}

int cli_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > 1000000) return -1;
    *out = (int)v;
    return 0;
}

void cli_diag(void *ud, const dyad_diag *d)
{
    cli_dicts *c = ud;
    if (d->severity == DYAD_SEV_ERROR && c) c->errors++;
    if (d->severity == DYAD_SEV_WARNING && c && c->loading) c->warnings++;
    /* warnings about documents are always shown; the (many) warnings
     * about a dictionary set only with --verbose, counted otherwise */
    if (d->severity != DYAD_SEV_ERROR && c && !c->verbose &&
        (c->loading || d->severity == DYAD_SEV_NOTE))
        return;
    const char *sev = d->severity == DYAD_SEV_ERROR     ? "error"
                      : d->severity == DYAD_SEV_WARNING ? "warning"
                                                        : "note";
    if (d->file && *d->file && d->line)
        fprintf(stderr, "%s:%lu: %s: %s\n", d->file, d->line, sev, d->message);
    else if (d->file && *d->file)
        fprintf(stderr, "%s: %s: %s\n", d->file, sev, d->message);
    else
        fprintf(stderr, "dyad: %s: %s\n", sev, d->message);
}

static int mkdirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n >= sizeof buf) return -1;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0') continue;
        char save = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -1;
        buf[i] = save;
    }
    return 0;
}

static const char *default_cache_dir(char *buf, size_t cap)
{
    const char *e = getenv("DYAD_CACHE_DIR");
    if (e && *e) return e;
    e = getenv("XDG_CACHE_HOME");
    if (e && *e) {
        snprintf(buf, cap, "%s/dyad", e);
        return buf;
    }
    e = getenv("HOME");
    if (e && *e) {
        snprintf(buf, cap, "%s/.cache/dyad", e);
        return buf;
    }
    return NULL;
}

dyad_dict *cli_load_dicts(cli_dicts *c, size_t *dict_errors)
{
    dyad_dict_builder *b;
    if (dyad_dict_builder_new(&b)) return NULL;
    for (int k = 0; k < DYAD_DICT_KINDS; k++) {
        if (c->n[k] == 0) {
            dyad_dict_builder_add_builtin(b, (dyad_dict_kind)k);
            continue;
        }
        for (int i = 0; i < c->n[k]; i++)
            dyad_dict_builder_add_file(b, (dyad_dict_kind)k, c->files[k][i]);
    }
    char buf[4096];
    const char *dir = c->no_cache ? NULL
                      : c->cache_dir ? c->cache_dir
                                     : default_cache_dir(buf, sizeof buf);
    if (dir && mkdirs(dir) != 0) dir = NULL;   /* no cache: still works */
    dyad_dict_options opt = {dir, c->diag ? c->diag : cli_diag, c};
    dyad_dict *d = NULL;
    size_t before = c->warnings;
    c->loading = 1;
    dyad_status st = dyad_dict_build(b, &opt, &d, dict_errors);
    c->loading = 0;
    dyad_dict_builder_free(b);
    if (st) {
        fprintf(stderr, "dyad: cannot load dictionaries: %s\n", dyad_strerror(st));
        return NULL;
    }
    if (!c->verbose && !c->quiet && c->warnings > before)
        fprintf(stderr, "dyad: %zu dictionary warnings (add --verbose to list "
                        "them)\n", c->warnings - before);
    return d;
}

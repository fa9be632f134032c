/*
 * series.c - `dyad series`: a dyad's time series from the store, by day,
 * week, month or year, every period filled, as an aligned table or CSV,
 * and drawn as a chart (--plot FILE.svg or .png, store/plot.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"
#include "series.h"

/* LeakSanitizer's hook for built-in suppressions (a plain function
 * otherwise, never called): fontconfig 2.14, which cairo loads to draw
 * text, loses a few hundred bytes of its configuration at exit, in frames
 * LeakSanitizer cannot unwind. Nothing of dyad's is suppressed. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

typedef enum measure { M_COUNT = 0, M_GOLDSTEIN, M_QUAD } measure;

static const char *const quad_names[4] = {
    "verbal cooperation", "material cooperation", "verbal conflict",
    "material conflict"};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad series --source CODE --target CODE [options]\n"
            "A dyad's events over time, every period from the first to the last\n"
            "shown (periods without events too).\n"
            "  --by day|week|month|year   the period (default month; a week is\n"
            "                          labelled with its Monday)\n"
            "  --measure count|goldstein|quad  events per period (default), their\n"
            "                          mean Goldstein score, or events per quad class\n"
            "  --csv                   CSV instead of an aligned table\n"
            "  --plot FILE.svg|FILE.png  also draw the series as a chart\n"
            "%s", cli_filter_help);
}

static void print_row(const store_series_table *t, size_t p, measure m, int csv)
{
    const char *sep = csv ? "," : "  ";
    printf(csv ? "%s" : "%-10s", t->label[p]);
    if (m == M_QUAD) {
        for (int q = 0; q < 4; q++)
            printf(csv ? "%s%.0f" : "%s%20.0f", sep, t->quad[q][p]);
    } else {
        printf(csv ? "%s%.0f" : "%s%8.0f", sep, t->count[p]);
    }
    if (m == M_GOLDSTEIN) {
        if (isnan(t->goldstein[p])) printf(csv ? "%s" : "%s%10s", sep, "");
        else printf(csv ? "%s%.2f" : "%s%10.2f", sep, t->goldstein[p]);
    }
    putchar('\n');
}

static void print_table(const store_series_table *t, measure m, int csv)
{
    if (csv) {
        printf("period");
        if (m == M_QUAD) printf(",verbal_cooperation,material_cooperation,"
                                "verbal_conflict,material_conflict\n");
        else printf(m == M_GOLDSTEIN ? ",events,goldstein\n" : ",events\n");
    } else {
        printf("%-10s", "period");
        if (m == M_QUAD)
            for (int q = 0; q < 4; q++) printf("  %20s", quad_names[q]);
        else printf("  %8s", "events");
        if (m == M_GOLDSTEIN) printf("  %10s", "goldstein");
        putchar('\n');
    }
    for (size_t p = 0; p < t->n; p++) print_row(t, p, m, csv);
}

static int draw(const char *path, const store_series_table *t, measure m,
                const store_filter *f, const char *by)
{
    const char **labels = malloc((t->n ? t->n : 1) * sizeof *labels);
    if (!labels) return -1;
    for (size_t p = 0; p < t->n; p++) labels[p] = t->label[p];
    plot_series ser[4];
    size_t ns = 0;
    if (m == M_QUAD)
        for (int q = 0; q < 4; q++) ser[ns++] = (plot_series){quad_names[q], t->quad[q]};
    else if (m == M_GOLDSTEIN)
        ser[ns++] = (plot_series){"mean Goldstein score", t->goldstein};
    else
        ser[ns++] = (plot_series){"events", t->count};
    char title[256];
    snprintf(title, sizeof title, "%s %s %s, %s by %s", f->source ? f->source : "any",
             f->both_directions ? "<->" : "->", f->target ? f->target : "any",
             m == M_GOLDSTEIN ? "mean Goldstein score" : "events", by);
    plot_spec spec = {title, m == M_GOLDSTEIN ? "mean Goldstein score" : "events",
                      labels, t->n, ser, ns, m == M_GOLDSTEIN};
    char err[512];
    int rc = plot_write(path, &spec, err, sizeof err);
    if (rc) fprintf(stderr, "dyad series: %s\n", err);
    free(labels);
    return rc;
}

static int option(int argc, char **argv, int *i, int *by, int *m, const char **plot)
{
    const char *a = argv[*i];
    if (strcmp(a, "--by") && strcmp(a, "--measure") && strcmp(a, "--plot")) return 0;
    if (*i + 1 >= argc) return -1;
    const char *v = argv[++*i];
    if (!strcmp(a, "--plot")) {
        *plot = v;
        return 1;
    }
    if (!strcmp(a, "--by")) return (*by = store_period_parse(v)) >= 0 ? 1 : -2;
    static const char *const names[] = {"count", "goldstein", "quad"};
    for (int k = 0; k < 3; k++)
        if (!strcmp(v, names[k])) {
            *m = k;
            return 1;
        }
    return -2;
}

int cmd_series(int argc, char **argv)
{
    store_filter f;
    memset(&f, 0, sizeof f);
    const char *db = NULL, *plot = NULL;
    int by = STORE_BY_MONTH, m = M_COUNT, csv = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(a, "--csv")) {
            csv = 1;
            continue;
        }
        int r = cli_filter_flag(&f, &db, argc, argv, &i);
        if (!r) r = option(argc, argv, &i, &by, &m, &plot);
        if (r == 1) continue;
        if (r == 0) fprintf(stderr, "dyad series: unknown option '%s'\n", a);
        else if (r == -1) fprintf(stderr, "dyad series: option '%s' needs a value\n", a);
        else if (r == -2 && (!strcmp(a, "--by") || !strcmp(a, "--measure")))
            fprintf(stderr, "dyad series: bad value '%s' for %s\n", argv[i], a);
        if (r == 0) usage(stderr);
        return 2;
    }
    store *s = cli_store_open("series", db, STORE_READ);
    if (!s) return 1;
    store_series_table t;
    int rc = store_series_build(s, &f, (store_period)by, &t);
    if (rc) {
        fprintf(stderr, "dyad series: %s\n", store_error(s));
    } else {
        print_table(&t, (measure)m, csv);
        if (t.undated)
            fprintf(stderr, "dyad series: %ld event(s) without a date left out\n",
                    t.undated);
        static const char *const by_names[] = {"day", "week", "month", "year"};
        if (plot && draw(plot, &t, (measure)m, &f, by_names[by])) rc = 1;
    }
    store_series_free(&t);
    store_close(s);
    return rc ? 1 : 0;
}

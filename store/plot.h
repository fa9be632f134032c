/*
 * plot.h - the chart renderer behind `dyad series --plot FILE`: one line
 * chart of a dyad's event time series (counts, mean Goldstein, or the four
 * quad-class counts) written as SVG or PNG with cairo (store/plot.c). It
 * knows nothing of the store; the series command hands it the numbers.
 * No global state: several charts may be drawn at once on several threads.
 */
#ifndef DYAD_PLOT_H
#define DYAD_PLOT_H

#include <stddef.h>

/* The most series one chart draws (the four quad classes). */
#define PLOT_MAX_SERIES 4

/* Canvas size in pixels (SVG user units, PNG pixels). */
#define PLOT_WIDTH 960
#define PLOT_HEIGHT 480

typedef struct plot_series {
    const char *label;          /* legend text, e.g. "verbal cooperation";
                                   NULL or "": no legend entry */
    const double *y;            /* n values; NAN (or another non-finite
                                   value) = no value, a gap in the line */
} plot_series;

/* Every pointer is borrowed for the duration of plot_write(). */
typedef struct plot_spec {
    const char *title;          /* e.g. "IRN -> IRQ, events by month" */
    const char *y_label;        /* e.g. "events" or "mean Goldstein" */
    const char *const *x_labels;/* n period labels: "2003-04", "2003-W15",
                                   "2003-04-07", "2003"; NULL: none */
    size_t n;                   /* periods, may be 0 or 1, or 10,000 */
    const plot_series *series;
    size_t n_series;            /* 1..PLOT_MAX_SERIES; four series are taken
                                   to be the quad classes 1..4 in order
                                   (verbal and material cooperation, verbal
                                   and material conflict) and get their
                                   conventional blue, green, orange, red */
    int zero_line;              /* draw y=0 (goldstein) */
} plot_spec;

/* Write the chart to path, the format from its extension (.svg or .png,
 * case-insensitive). The y axis always includes 0; several series get a
 * legend; x labels fall on round periods ("2003-01", "2003-W01", the first
 * of a month) when they have the series command's forms. With more than
 * 400 periods each point drawn is the mean of a run of periods, and the
 * chart says so. The chart is written to a temporary file beside path and
 * renamed into place, so path is either the whole new chart or what it
 * was before.
 * 0 on success; -1 with a message naming the file in err (an unknown
 * extension, a spec without series or with a value beyond +-1e15, a
 * directory that is missing or read-only, a full disk), and then no file
 * is left behind. */
int plot_write(const char *path, const plot_spec *p, char *err, size_t errlen);

#endif /* DYAD_PLOT_H */

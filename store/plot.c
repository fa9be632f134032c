/*
 * plot.c - the chart renderer of plot.h: draws a time-series line chart
 * with cairo and writes it as SVG or PNG for `dyad series --plot`.
 *
 * Layout, top to bottom: the title, a legend when there are several series,
 * the plot area with a light grid at round y ticks (1, 2 or 5 times a power
 * of ten, always including 0) and x labels far enough apart never to
 * overlap, on round periods (January, week 1) when the labels are dates;
 * one coloured line per series, broken where a value is missing. The file
 * is written to a temporary name beside the target and renamed into place,
 * so a failure never leaves a half-written chart.
 */
#include "plot.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define FONT "sans-serif"
#define TITLE_SIZE 17.0
#define LABEL_SIZE 12.0
#define TICK_SIZE 11.0
#define NOTE_SIZE 15.0
#define LEGEND_TOP 38.0     /* top of the first legend row */
#define LEGEND_ROW 18.0     /* height of a legend row */
#define LABEL_GAP 14.0      /* least space between two x labels */
#define MARKER_SLOT 7.0     /* points at least this far apart get markers */
#define PLOT_MAX_VALUE 1e15 /* larger values are an error, not overflow */
#define MAX_POINTS 400      /* points drawn per series, about one per 2 px */

typedef enum plot_format { FMT_NONE, FMT_SVG, FMT_PNG } plot_format;

typedef struct rgb {
    double r, g, b;
} rgb;

/* Four series are the quad classes: cooperation in blue and green, conflict
 * in orange and red, verbal lighter than material. */
static const rgb quad_colours[4] = {
    {0.26, 0.57, 0.87},     /* verbal cooperation */
    {0.13, 0.60, 0.27},     /* material cooperation */
    {0.97, 0.60, 0.15},     /* verbal conflict */
    {0.80, 0.11, 0.13},     /* material conflict */
};
/* One to three series of anything else. */
static const rgb other_colours[3] = {
    {0.12, 0.39, 0.69},     /* blue */
    {0.90, 0.42, 0.05},     /* orange */
    {0.45, 0.30, 0.65},     /* purple */
};

/* The period labels of the series command, recognised so that x labels can
 * fall on round periods (January, week 1, the first of a month, years
 * divisible by ten) rather than wherever the series happens to start.
 * Other labels are shown every k-th period. */
typedef enum period_kind {
    PERIOD_OTHER, PERIOD_YEAR, PERIOD_MONTH, PERIOD_WEEK, PERIOD_DAY
} period_kind;

typedef struct period {
    period_kind kind;
    long y, m, d;           /* d: the day, or the ISO week */
} period;

/* What is drawn: the values themselves, or when there are more periods
 * than MAX_POINTS, the mean of each run of per periods (a line through
 * 10,000 days on 900 pixels is a solid block). 13 KB, on the stack. */
typedef struct view {
    size_t n;               /* points */
    size_t per;             /* periods per point */
    double y[PLOT_MAX_SERIES][MAX_POINTS];  /* NAN: no value */
} view;

/* Where everything goes, worked out once before drawing. */
typedef struct layout {
    const view *v;
    double x0, y0, x1, y1;  /* plot area: left, top, right, bottom */
    double lo, hi, step;    /* y axis range and tick step */
    double slot;            /* width of one period */
    size_t gap;             /* least periods between two x labels */
    period_kind kind;       /* of the x labels */
    size_t step_k;          /* label round periods step_k apart; 0: label
                               every gap-th period */
    int has_data;           /* some value is finite */
} layout;

/* Where a file's bytes go: a FILE, with the first write error kept, and
 * for SVG a <title> element to insert after the root tag (cairo writes the
 * text as glyph outlines, so this is what makes the file searchable and
 * accessible). */
typedef struct sink {
    FILE *f;
    int err;                /* errno of the first failed write, 0: none */
    const char *title;      /* still to insert; NULL: done or none */
    int matched;            /* bytes of "<svg" seen; 4: inside the tag */
} sink;

/* ------------------------------------------------------------ numbers */

/* The 1, 2 or 5 times a power of ten nearest to x (x > 0), as in
 * Heckbert's "Nice numbers for graph labels" (Graphics Gems, 1990). */
static double nice_step(double x)
{
    double p = pow(10.0, floor(log10(x)));
    double f = x / p;

    if (f < 1.5)
        return p;
    if (f < 3.0)
        return 2.0 * p;
    if (f < 7.0)
        return 5.0 * p;
    return 10.0 * p;
}

/* Fill v from p: point j is the mean of the finite values of periods
 * j * per .. j * per + per - 1, NAN when none is. */
static void make_view(const plot_spec *p, view *v)
{
    v->per = p->n > MAX_POINTS ? (p->n + MAX_POINTS - 1) / MAX_POINTS : 1;
    v->n = (p->n + v->per - 1) / v->per;
    for (size_t s = 0; s < p->n_series; s++) {
        const double *y = p->series[s].y;
        for (size_t j = 0; j < v->n; j++) {
            size_t end = j * v->per + v->per < p->n ? j * v->per + v->per
                                                    : p->n;
            double sum = 0.0;
            size_t count = 0;
            for (size_t i = j * v->per; i < end; i++) {
                if (isfinite(y[i])) {
                    sum += y[i];
                    count++;
                }
            }
            v->y[s][j] = count ? sum / (double)count : NAN;
        }
    }
}

/* The y axis: covers every value drawn and 0 in about five round steps
 * (three to eight); steps of at least 1 when every value is a whole number
 * (counts). */
static void y_range(const plot_spec *p, layout *L)
{
    double mn = 0.0, mx = 0.0;
    int whole = 1;

    L->has_data = 0;
    for (size_t s = 0; s < p->n_series; s++) {
        for (size_t i = 0; i < L->v->n; i++) {
            double v = L->v->y[s][i];
            if (!isfinite(v))
                continue;
            L->has_data = 1;
            mn = fmin(mn, v);
            mx = fmax(mx, v);
            if (v != floor(v))
                whole = 0;
        }
    }
    if (mx - mn <= 0.0)
        mx = 1.0;
    L->step = nice_step((mx - mn) / 5.0);
    if (whole && L->step < 1.0)
        L->step = 1.0;
    L->lo = floor(mn / L->step + 1e-9) * L->step;
    L->hi = ceil(mx / L->step - 1e-9) * L->step;
}

/* Tick value v as text, with as many decimals as the step needs. */
static void tick_text(char *buf, size_t len, double v, double step)
{
    int decimals = step >= 1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);

    if (fabs(v) < step * 1e-6)
        v = 0.0;            /* no "-0" from rounding */
    snprintf(buf, len, "%.*f", decimals, v);
}

static int tick_count(const layout *L)
{
    return (int)lround((L->hi - L->lo) / L->step);
}

/* The middle of period i. */
static double x_at(const layout *L, size_t i)
{
    return L->x0 + ((double)i + 0.5) * L->slot;
}

/* The middle of the periods of point j. */
static double point_x(const layout *L, size_t n, size_t j)
{
    size_t from = j * L->v->per, to = from + L->v->per < n ? from + L->v->per
                                                          : n;

    return L->x0 + (double)(from + to) / 2.0 * L->slot;
}

static double y_at(const layout *L, double v)
{
    return L->y1 - (v - L->lo) / (L->hi - L->lo) * (L->y1 - L->y0);
}

/* A 1-pixel line at c lands on whole pixels. */
static double crisp(double c)
{
    return floor(c) + 0.5;
}

static rgb series_colour(const plot_spec *p, size_t s)
{
    return p->n_series == 4 ? quad_colours[s] : other_colours[s % 3];
}

/* ------------------------------------------------------------ periods */

/* Label steps, in periods, from which the smallest wide enough is used.
 * Day steps from 28 on are months, each the fewest days it can span. */
static const size_t year_steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 0};
static const size_t month_steps[] = {1,  2,  3,   4,   6,   12,  24,
                                     36, 60, 120, 240, 600, 1200, 0};
static const size_t week_steps[] = {1, 2, 4, 13, 26, 52, 104, 260, 520, 0};
static const size_t day_steps[] = {1,   2,   7,    14,   28,   59,   89, 181,
                                   365, 730, 1095, 1826, 3652, 7305, 0};

/* The n digits at s as a number; -1 if one is not a digit. */
static long digits(const char *s, int n)
{
    long v = 0;

    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "2003", "2003-04", "2003-W15" or "2003-04-07"; PERIOD_OTHER if none. */
static period parse_period(const char *s)
{
    period t = {PERIOD_OTHER, digits(s, 4), 0, 0};

    if (t.y < 0)
        return t;
    if (s[4] == '\0')
        t.kind = PERIOD_YEAR;
    else if (s[4] == '-' && s[5] == 'W' && (t.d = digits(s + 6, 2)) >= 1 &&
             t.d <= 53 && s[8] == '\0')
        t.kind = PERIOD_WEEK;
    else if (s[4] == '-' && (t.m = digits(s + 5, 2)) >= 1 && t.m <= 12) {
        if (s[7] == '\0')
            t.kind = PERIOD_MONTH;
        else if (s[7] == '-' && (t.d = digits(s + 8, 2)) >= 1 && t.d <= 31 &&
                 s[10] == '\0')
            t.kind = PERIOD_DAY;
    }
    return t;
}

/* Days from 1970-01-01 (a Thursday) to y-m-d, proleptic Gregorian
 * (Howard Hinnant's days_from_civil). */
static long day_number(long y, long m, long d)
{
    long era, yoe, doy;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The smallest round label step of at least min periods of this kind;
 * 0 when there is none. */
static size_t label_step(period_kind kind, size_t min)
{
    const size_t *step = kind == PERIOD_YEAR    ? year_steps
                         : kind == PERIOD_MONTH ? month_steps
                         : kind == PERIOD_WEEK  ? week_steps
                         : kind == PERIOD_DAY   ? day_steps
                                                : NULL;

    for (; step && *step; step++)
        if (*step >= min)
            return *step;
    return 0;
}

/* Whether t is a round period for labels k periods apart. */
static int on_boundary(const period *t, size_t k)
{
    long n = (long)k, months = t->y * 12 + t->m - 1;

    if (k == 1)
        return 1;
    switch (t->kind) {
    case PERIOD_YEAR:
        return t->y % n == 0;
    case PERIOD_MONTH:
        return months % n == 0;
    case PERIOD_WEEK:
        if (k < 52)
            return t->d != 53 && (t->d - 1) % n == 0;
        return t->d == 1 && t->y % (n / 52) == 0;
    case PERIOD_DAY:
        if (k < 28)     /* 7 and 14: Mondays */
            return ((day_number(t->y, t->m, t->d) + 3) % n + n) % n == 0;
        return t->d == 1 && months % lround((double)k / 30.4) == 0;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------ text */

static void font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD
                                : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;

    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Show s with its baseline at y: left of it at x when align is 0, centred
 * on x when 0.5, right of it at x when 1. */
static void text_at(cairo_t *cr, const char *s, double x, double y,
                    double align)
{
    cairo_move_to(cr, x - align * text_width(cr, s), y);
    cairo_show_text(cr, s);
}

static void grey(cairo_t *cr, double level)
{
    cairo_set_source_rgb(cr, level, level, level);
}

/* ------------------------------------------------------------ layout */

static double widest_tick(cairo_t *cr, const layout *L)
{
    double w = 0.0;
    char buf[64];

    font(cr, TICK_SIZE, 0);
    for (int i = 0; i <= tick_count(L); i++) {
        tick_text(buf, sizeof buf, L->lo + i * L->step, L->step);
        w = fmax(w, text_width(cr, buf));
    }
    return w;
}

static double widest_x_label(cairo_t *cr, const plot_spec *p)
{
    double w = 0.0;

    if (!p->x_labels)
        return 0.0;
    font(cr, TICK_SIZE, 0);
    for (size_t i = 0; i < p->n; i++)
        if (p->x_labels[i])
            w = fmax(w, text_width(cr, p->x_labels[i]));
    return w;
}

/* Lay out the legend left to right from x0, wrapping at x1, and draw it
 * when draw is set. Only charts of several series have one. Returns the
 * number of rows. */
static int legend(cairo_t *cr, const layout *L, const plot_spec *p, int draw)
{
    double x = L->x0, base = LEGEND_TOP + 13.0;
    int rows = 0;

    if (p->n_series < 2)
        return 0;
    font(cr, LABEL_SIZE, 0);
    for (size_t s = 0; s < p->n_series; s++) {
        const char *label = p->series[s].label;
        if (!label || !*label)
            continue;
        double w = 24.0 + text_width(cr, label);
        if (rows == 0)
            rows = 1;
        else if (x + w > L->x1 && x > L->x0) {
            rows++;
            x = L->x0;
            base += LEGEND_ROW;
        }
        if (draw) {
            rgb c = series_colour(p, s);
            cairo_set_source_rgb(cr, c.r, c.g, c.b);
            cairo_set_line_width(cr, 3.0);
            cairo_move_to(cr, x, base - 4.0);
            cairo_line_to(cr, x + 18.0, base - 4.0);
            cairo_stroke(cr);
            grey(cr, 0.2);
            text_at(cr, label, x + 24.0, base, 0.0);
        }
        x += w + 22.0;
    }
    return rows;
}

/* Whether period i is a place for an x label: a round period of the
 * labels' kind, or with no round step every gap-th period. */
static int x_round(const layout *L, const plot_spec *p, size_t i)
{
    period t;

    if (!L->step_k)
        return i % L->gap == 0;
    if (!p->x_labels[i])
        return 0;
    t = parse_period(p->x_labels[i]);
    return t.kind == L->kind && on_boundary(&t, L->step_k);
}

/* The first period from from on that gets an x label; p->n if none.
 * Labelled periods are at least gap apart: draw_x_axis asks from the last
 * one plus gap, so labels never overlap (gap fits the widest label). */
static size_t next_label(const layout *L, const plot_spec *p, size_t from)
{
    for (size_t i = from; i < p->n; i++)
        if (x_round(L, p, i))
            return i;
    return p->n;
}

/* Work out the plot area: room on the left for the y label and the widest
 * tick, on top for the title and legend, below for the x labels; and how
 * many periods apart x labels must be not to overlap. */
static void plan(cairo_t *cr, const plot_spec *p, layout *L)
{
    double label_w = widest_x_label(cr, p);
    double half = fmin(label_w, 200.0) / 2.0 + 4.0;   /* overhang at ends */
    double left = (p->y_label && *p->y_label) ? 30.0 : 10.0;
    int rows;

    y_range(p, L);
    left += widest_tick(cr, L) + 10.0;
    L->x0 = ceil(fmax(left, half));
    L->x1 = floor(PLOT_WIDTH - fmax(24.0, half));
    rows = legend(cr, L, p, 0);
    L->y0 = rows ? LEGEND_TOP + rows * LEGEND_ROW + 14.0 : LEGEND_TOP + 10.0;
    L->y1 = PLOT_HEIGHT - 34.0;
    L->slot = p->n ? (L->x1 - L->x0) / (double)p->n : L->x1 - L->x0;
    L->gap = (size_t)ceil((label_w + LABEL_GAP) / L->slot);
    if (L->gap < 1)
        L->gap = 1;
    L->kind = p->n && p->x_labels && p->x_labels[0]
                  ? parse_period(p->x_labels[0]).kind
                  : PERIOD_OTHER;
    L->step_k = label_step(L->kind, L->gap);
    if (L->step_k && next_label(L, p, 0) == p->n)
        L->step_k = 0;      /* no round period: labels of mixed forms */
}

/* ------------------------------------------------------------ drawing */

/* Horizontal grid lines and labels at the y ticks, and the y label. */
static void draw_y_axis(cairo_t *cr, const layout *L, const plot_spec *p)
{
    char buf[64];

    font(cr, TICK_SIZE, 0);
    cairo_set_line_width(cr, 1.0);
    for (int i = 0; i <= tick_count(L); i++) {
        double v = L->lo + i * L->step, y = crisp(y_at(L, v));
        grey(cr, 0.88);
        cairo_move_to(cr, L->x0, y);
        cairo_line_to(cr, L->x1, y);
        cairo_stroke(cr);
        tick_text(buf, sizeof buf, v, L->step);
        grey(cr, 0.3);
        text_at(cr, buf, L->x0 - 7.0, y + TICK_SIZE * 0.35, 1.0);
    }
    if (p->y_label && *p->y_label) {
        font(cr, LABEL_SIZE, 0);
        grey(cr, 0.2);
        cairo_save(cr);
        cairo_translate(cr, 18.0, (L->y0 + L->y1) / 2.0);
        cairo_rotate(cr, -M_PI / 2.0);
        text_at(cr, p->y_label, 0.0, 0.0, 0.5);
        cairo_restore(cr);
    }
}

/* At period i: a faint vertical grid line, a tick and the label. */
static void x_tick(cairo_t *cr, const layout *L, const plot_spec *p, size_t i)
{
    double x = crisp(x_at(L, i));

    grey(cr, 0.93);
    cairo_move_to(cr, x, L->y0);
    cairo_line_to(cr, x, L->y1);
    cairo_stroke(cr);
    grey(cr, 0.45);
    cairo_move_to(cr, x, L->y1);
    cairo_line_to(cr, x, L->y1 + 5.0);
    cairo_stroke(cr);
    if (p->x_labels && p->x_labels[i]) {
        grey(cr, 0.3);
        text_at(cr, p->x_labels[i], x, L->y1 + 18.0, 0.5);
    }
}

/* Ticks and labels at round periods, never two closer than gap periods. */
static void draw_x_axis(cairo_t *cr, const layout *L, const plot_spec *p)
{
    font(cr, TICK_SIZE, 0);
    cairo_set_line_width(cr, 1.0);
    for (size_t i = next_label(L, p, 0); i < p->n;
         i = next_label(L, p, i + L->gap))
        x_tick(cr, L, p, i);
}

/* The axis lines, and y = 0 when asked for and inside the plot. */
static void draw_axes(cairo_t *cr, const layout *L, const plot_spec *p)
{
    double bottom = crisp(L->y1), left = crisp(L->x0);

    cairo_set_line_width(cr, 1.0);
    if (p->zero_line && L->lo < 0.0 && L->hi > 0.0) {
        double y = crisp(y_at(L, 0.0));
        grey(cr, 0.35);
        cairo_move_to(cr, L->x0, y);
        cairo_line_to(cr, L->x1, y);
        cairo_stroke(cr);
    }
    grey(cr, 0.45);
    cairo_move_to(cr, left, L->y0);
    cairo_line_to(cr, left, bottom);
    cairo_line_to(cr, L->x1, bottom);
    cairo_stroke(cr);
}

/* A value with no value on either side: a line cannot show it. */
static int lonely(const double *y, size_t n, size_t i)
{
    return (i == 0 || !isfinite(y[i - 1])) &&
           (i + 1 == n || !isfinite(y[i + 1]));
}

/* One series: a line through its points, lifted where one is missing, and
 * a dot on each point when they are far enough apart to tell apart (and on
 * lonely points always). */
static void draw_series(cairo_t *cr, const layout *L, const plot_spec *p,
                        size_t s)
{
    const double *y = L->v->y[s];
    size_t n = L->v->n;
    rgb c = series_colour(p, s);
    int pen = 0, dots = L->slot * (double)L->v->per >= MARKER_SLOT;

    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_set_line_width(cr, n > 150 ? 1.5 : 2.0);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t j = 0; j < n; j++) {
        if (!isfinite(y[j])) {
            pen = 0;
            continue;
        }
        if (pen)
            cairo_line_to(cr, point_x(L, p->n, j), y_at(L, y[j]));
        else
            cairo_move_to(cr, point_x(L, p->n, j), y_at(L, y[j]));
        pen = 1;
    }
    cairo_stroke(cr);
    for (size_t j = 0; j < n; j++) {
        if (!isfinite(y[j]) || !(dots || lonely(y, n, j)))
            continue;
        cairo_new_sub_path(cr);
        cairo_arc(cr, point_x(L, p->n, j), y_at(L, y[j]),
                  n > 150 ? 2.0 : 3.0, 0.0, 2.0 * M_PI);
    }
    cairo_fill(cr);
}

/* The title, and on its right how many periods a point stands for when
 * it is more than one. */
static void draw_title(cairo_t *cr, const layout *L, const plot_spec *p)
{
    static const char *const units[] = {
        [PERIOD_OTHER] = "periods", [PERIOD_YEAR] = "years",
        [PERIOD_MONTH] = "months", [PERIOD_WEEK] = "weeks",
        [PERIOD_DAY] = "days"};
    char note[64];

    if (p->title && *p->title) {
        font(cr, TITLE_SIZE, 1);
        grey(cr, 0.1);
        text_at(cr, p->title, L->x0, 26.0, 0.0);
    }
    if (L->v->per > 1) {
        snprintf(note, sizeof note, "each point: mean of %zu %s", L->v->per,
                 units[L->kind]);
        font(cr, TICK_SIZE, 0);
        grey(cr, 0.4);
        text_at(cr, note, L->x1, 26.0, 1.0);
    }
}

/* The whole chart on a PLOT_WIDTH x PLOT_HEIGHT canvas. */
static void draw_chart(cairo_t *cr, const plot_spec *p)
{
    view v;
    layout L = {.v = &v};

    make_view(p, &v);
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_paint(cr);
    plan(cr, p, &L);
    draw_title(cr, &L, p);
    legend(cr, &L, p, 1);
    draw_y_axis(cr, &L, p);
    draw_x_axis(cr, &L, p);
    draw_axes(cr, &L, p);
    for (size_t s = 0; s < p->n_series; s++)
        draw_series(cr, &L, p, s);
    if (!L.has_data) {
        font(cr, NOTE_SIZE, 0);
        grey(cr, 0.45);
        text_at(cr, "no events", (L.x0 + L.x1) / 2.0,
                (L.y0 + L.y1) / 2.0, 0.5);
    }
}

/* ------------------------------------------------------------ output */

static void sink_put(sink *k, const void *data, size_t len)
{
    if (!k->err && len && fwrite(data, 1, len, k->f) != len)
        k->err = errno ? errno : EIO;
}

static void sink_escaped(sink *k, const char *s)
{
    for (; *s; s++) {
        const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;"
                      : *s == '>' ? "&gt;" : NULL;
        if (e)
            sink_put(k, e, strlen(e));
        else
            sink_put(k, s, 1);
    }
}

/* Before the SVG root tag is closed: copy data up to and including its
 * '>' and the <title> after it. Returns the bytes of data written, 0 when
 * the tag does not end in this piece. */
static size_t svg_title(sink *k, const unsigned char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (k->matched < 4) {
            if (data[i] == (unsigned char)"<svg"[k->matched])
                k->matched++;
            else
                k->matched = data[i] == '<';
        } else if (data[i] == '>') {
            sink_put(k, data, i + 1);
            sink_put(k, "\n<title>", 8);
            sink_escaped(k, k->title);
            sink_put(k, "</title>", 8);
            k->title = NULL;
            return i + 1;
        }
    }
    return 0;
}

/* cairo's write function for both formats. */
static cairo_status_t sink_write(void *closure, const unsigned char *data,
                                 unsigned int len)
{
    sink *k = closure;
    size_t done = k->title ? svg_title(k, data, len) : 0;

    sink_put(k, data + done, len - done);
    return k->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Draw the chart into k. The cairo status: CAIRO_STATUS_WRITE_ERROR when
 * a write failed (the reason in k->err). */
static cairo_status_t render(const plot_spec *p, plot_format fmt, sink *k)
{
    cairo_surface_t *surface;
    cairo_status_t st;
    cairo_t *cr;

    if (fmt == FMT_SVG) {
        surface = cairo_svg_surface_create_for_stream(sink_write, k,
                                                      PLOT_WIDTH, PLOT_HEIGHT);
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
    } else {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, PLOT_WIDTH,
                                             PLOT_HEIGHT);
    }
    cr = cairo_create(surface);
    draw_chart(cr, p);
    st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS && fmt == FMT_PNG)
        st = cairo_surface_write_to_png_stream(surface, sink_write, k);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    return st;
}

/* ------------------------------------------------------------ files */

static plot_format format_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');

    if (dot && strcasecmp(dot, ".svg") == 0)
        return FMT_SVG;
    if (dot && strcasecmp(dot, ".png") == 0)
        return FMT_PNG;
    return FMT_NONE;
}

/* NULL when the spec can be drawn, else what is wrong with it. */
static const char *spec_problem(const plot_spec *p)
{
    if (!p)
        return "no chart";
    if (p->n_series < 1 || p->n_series > PLOT_MAX_SERIES || !p->series)
        return "a chart needs 1 to 4 series";
    for (size_t s = 0; s < p->n_series; s++) {
        if (p->n && !p->series[s].y)
            return "a series has no values";
        for (size_t i = 0; i < p->n; i++)
            if (isfinite(p->series[s].y[i]) &&
                fabs(p->series[s].y[i]) > PLOT_MAX_VALUE)
                return "a value is too large to draw";
    }
    return NULL;
}

/* Create a new file beside path to write the chart into, named in *tmp
 * (caller frees). NULL with errno set on failure. */
static FILE *open_temp(const char *path, char **tmp)
{
    size_t len = strlen(path) + 48;
    FILE *f;
    int fd = -1;

    *tmp = malloc(len);
    if (!*tmp) {
        errno = ENOMEM;
        return NULL;
    }
    for (int i = 0; fd < 0 && i < 100; i++) {
        snprintf(*tmp, len, "%s.%ld-%d.tmp", path, (long)getpid(), i);
        fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0 || !(f = fdopen(fd, "wb"))) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(*tmp);
        }
        free(*tmp);
        *tmp = NULL;
        errno = e;
        return NULL;
    }
    return f;
}

/* Flush, sync and close k's file; the first error in k->err. */
static void sink_close(sink *k)
{
    if (fflush(k->f) != 0 && !k->err)
        k->err = errno;
    if (fsync(fileno(k->f)) != 0 && !k->err)
        k->err = errno;
    if (fclose(k->f) != 0 && !k->err)
        k->err = errno;
    k->f = NULL;
}

int plot_write(const char *path, const plot_spec *p, char *err, size_t errlen)
{
    plot_format fmt = path ? format_of(path) : FMT_NONE;
    const char *problem = spec_problem(p);
    sink k = {0};
    char *tmp;
    cairo_status_t st;

    if (fmt == FMT_NONE) {
        snprintf(err, errlen, "%s: unknown chart format (want .svg or .png)",
                 path ? path : "(no file)");
        return -1;
    }
    if (problem) {
        snprintf(err, errlen, "%s: %s", path, problem);
        return -1;
    }
    if (!(k.f = open_temp(path, &tmp))) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    k.title = fmt == FMT_SVG && p->title && *p->title ? p->title : NULL;
    st = render(p, fmt, &k);
    sink_close(&k);
    if (!k.err && st == CAIRO_STATUS_SUCCESS && rename(tmp, path) != 0)
        k.err = errno;
    if (k.err || st != CAIRO_STATUS_SUCCESS) {
        if (k.err)
            snprintf(err, errlen, "cannot write %s: %s", path,
                     strerror(k.err));
        else
            snprintf(err, errlen, "cannot draw %s: %s", path,
                     cairo_status_to_string(st));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

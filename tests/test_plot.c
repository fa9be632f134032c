/*
 * test_plot.c - the chart renderer (store/plot.c): round y ticks, period
 * labels that fall on round periods and never overlap, and plot_write()
 * writing SVG and PNG into a temporary directory, including the empty,
 * one-period, all-zero, negative, missing-value and 10,000-period charts,
 * and its failures (unknown extension, missing directory, a write that
 * runs out of room), which must leave no file behind.
 *
 * plot.c is included rather than linked so that its static helpers can
 * be tested directly; with plot_write() compiled into the test program,
 * the linker does not take plot.o from libdyadstore.
 */
#include "../store/plot.c"

#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "util.h"

#define CHECK_NEAR(got, want) CHECK(fabs((got) - (want)) < 1e-9)

/* ------------------------------------------------------------ helpers */

/* A cairo context to lay charts out with; caller destroys both. */
static cairo_t *scratch(cairo_surface_t **surface)
{
    *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 16, 16);
    return cairo_create(*surface);
}

/* The whole of file path, NUL-terminated; caller frees. NULL if absent. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);

    return n >= m && strcmp(s + n - m, end) == 0;
}

/* Entries of dir other than . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (!d)
        return -1;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static unsigned long be32(const unsigned char *b)
{
    return (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 |
           (unsigned long)b[2] << 8 | b[3];
}

/* path is a PNG of PLOT_WIDTH x PLOT_HEIGHT. */
static void check_png(const char *path)
{
    size_t len = 0;
    unsigned char *b = (unsigned char *)slurp(path, &len);

    CHECK(b != NULL);
    if (!b)
        return;
    CHECK(len > 24);
    CHECK(memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0);
    CHECK(memcmp(b + 12, "IHDR", 4) == 0);
    CHECK_INT(be32(b + 16), PLOT_WIDTH);
    CHECK_INT(be32(b + 20), PLOT_HEIGHT);
    free(b);
}

/* path is an SVG document whose <title> is title (as escaped XML). */
static void check_svg(const char *path, const char *title)
{
    size_t len = 0;
    char *s = slurp(path, &len);
    char want[256];

    CHECK(s != NULL);
    if (!s)
        return;
    CHECK(strncmp(s, "<?xml", 5) == 0 || strncmp(s, "<svg", 4) == 0);
    CHECK(strstr(s, "width=\"960px\"") != NULL);
    CHECK(strstr(s, "</svg>") != NULL);
    snprintf(want, sizeof want, "<title>%s</title>", title);
    CHECK(strstr(s, want) != NULL);
    free(s);
}

/* A one-series spec over y[0..n) for the layout tests. */
static plot_spec one_series(const plot_series *s, size_t n,
                            const char *const *labels)
{
    plot_spec p = {"t", "events", labels, n, s, 1, 0};
    return p;
}

/* ------------------------------------------------------------ units */

static void test_nice_step(void)
{
    CHECK_NEAR(nice_step(11.6), 10.0);
    CHECK_NEAR(nice_step(2.36), 2.0);
    CHECK_NEAR(nice_step(3.0), 5.0);
    CHECK_NEAR(nice_step(7.0), 10.0);
    CHECK_NEAR(nice_step(0.16), 0.2);
    CHECK_NEAR(nice_step(2000.0), 2000.0);
}

/* The y axis of one series of n values: lo, hi and step. */
static void check_axis(const double *y, size_t n, double lo, double hi,
                       double step, int has_data)
{
    plot_series s = {"s", y};
    plot_spec p = one_series(&s, n, NULL);
    view v;
    layout L = {.v = &v};

    make_view(&p, &v);
    y_range(&p, &L);
    CHECK_NEAR(L.lo, lo);
    CHECK_NEAR(L.hi, hi);
    CHECK_NEAR(L.step, step);
    CHECK_INT(L.has_data, has_data);
    CHECK(tick_count(&L) >= 1 && tick_count(&L) <= 8);
}

static void test_axis(void)
{
    const double counts[] = {0, 58, 12, 7};
    const double gold[] = {-7.9, NAN, 3.9, 1.5};
    const double zeros[] = {0, 0, 0};
    const double one[] = {1};
    const double small[] = {NAN, -0.8, NAN};
    const double none[] = {NAN, NAN};
    const double tenth[] = {0.3, 0.1};
    const double full[] = {-10, 10};
    const double big[] = {9870, 10000};

    check_axis(counts, 4, 0, 60, 10, 1);
    check_axis(gold, 4, -8, 4, 2, 1);
    check_axis(zeros, 3, 0, 1, 1, 1);
    check_axis(one, 1, 0, 1, 1, 1);
    check_axis(small, 3, -0.8, 0, 0.2, 1);
    check_axis(none, 2, 0, 1, 1, 0);
    check_axis(NULL, 0, 0, 1, 1, 0);
    check_axis(tenth, 2, 0, 0.3, 0.05, 1);
    check_axis(full, 2, -10, 10, 5, 1);
    check_axis(big, 2, 0, 10000, 2000, 1);
}

static void test_tick_text(void)
{
    char buf[64];

    tick_text(buf, sizeof buf, -1e-17, 0.2);
    CHECK_STR(buf, "0.0");
    tick_text(buf, sizeof buf, 0.6000000000000001, 0.2);
    CHECK_STR(buf, "0.6");
    tick_text(buf, sizeof buf, -0.05, 0.05);
    CHECK_STR(buf, "-0.05");
    tick_text(buf, sizeof buf, 2000.0, 1000.0);
    CHECK_STR(buf, "2000");
    tick_text(buf, sizeof buf, -10.0, 5.0);
    CHECK_STR(buf, "-10");
}

static void test_periods(void)
{
    period t;

    t = parse_period("2003");
    CHECK(t.kind == PERIOD_YEAR && t.y == 2003);
    t = parse_period("2003-04");
    CHECK(t.kind == PERIOD_MONTH && t.y == 2003 && t.m == 4);
    t = parse_period("2003-W15");
    CHECK(t.kind == PERIOD_WEEK && t.y == 2003 && t.d == 15);
    t = parse_period("2003-04-07");
    CHECK(t.kind == PERIOD_DAY && t.m == 4 && t.d == 7);
    CHECK(parse_period("2003-13").kind == PERIOD_OTHER);
    CHECK(parse_period("2003-W54").kind == PERIOD_OTHER);
    CHECK(parse_period("2003-04-07x").kind == PERIOD_OTHER);
    CHECK(parse_period("03-04").kind == PERIOD_OTHER);
    CHECK(parse_period("").kind == PERIOD_OTHER);
    CHECK(parse_period("Q2").kind == PERIOD_OTHER);

    CHECK_INT(day_number(1970, 1, 1), 0);
    CHECK_INT(day_number(2000, 3, 1), 11017);
    CHECK_INT(day_number(1969, 12, 31), -1);

    CHECK_INT(label_step(PERIOD_MONTH, 5), 6);
    CHECK_INT(label_step(PERIOD_MONTH, 7), 12);
    CHECK_INT(label_step(PERIOD_WEEK, 5), 13);
    CHECK_INT(label_step(PERIOD_DAY, 30), 59);
    CHECK_INT(label_step(PERIOD_YEAR, 1000), 0);
    CHECK_INT(label_step(PERIOD_OTHER, 3), 0);

    t = parse_period("2004-01");
    CHECK(on_boundary(&t, 12) && on_boundary(&t, 24));
    t = parse_period("2004-07");
    CHECK(!on_boundary(&t, 12) && on_boundary(&t, 6));
    t = parse_period("2003-W14");
    CHECK(on_boundary(&t, 13) && !on_boundary(&t, 26));
    t = parse_period("2004-W53");
    CHECK(!on_boundary(&t, 13) && on_boundary(&t, 1));
    t = parse_period("2003-04-07");     /* a Monday */
    CHECK(on_boundary(&t, 7) && !on_boundary(&t, 59));
    t = parse_period("2003-04-08");
    CHECK(!on_boundary(&t, 7));
    t = parse_period("2003-05-01");
    CHECK(on_boundary(&t, 59) && !on_boundary(&t, 89));
    t = parse_period("1960-01-04");     /* a Monday before 1970 */
    CHECK(on_boundary(&t, 7));
}

/* n period labels of a kind ('y', 'm', 'w', 'd' or 'o' for other) from
 * 2003-04-07 (ISO week 15) on; caller frees labels[0] and labels. */
static const char **make_labels(char kind, size_t n)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const char **labels = calloc(n + 1, sizeof *labels);
    char *buf = calloc(n + 1, 32);
    int y = 2003, m = 4, d = 7, w = 15;

    for (size_t i = 0; labels && buf && i < n; i++) {
        char *s = buf + 32 * i;
        if (kind == 'y')
            snprintf(s, 32, "%d", y + (int)(i % 5000));
        else if (kind == 'm')
            snprintf(s, 32, "%04d-%02d", y + (m - 1) / 12 % 5000,
                     (m - 1) % 12 + 1);
        else if (kind == 'w')
            snprintf(s, 32, "%04d-W%02d", y % 10000, w);
        else if (kind == 'd')
            snprintf(s, 32, "%04d-%02d-%02d", y % 10000, m, d);
        else
            snprintf(s, 32, "p%zu", i + 1);
        labels[i] = s;
        m += kind == 'm';
        if (kind == 'w' && ++w > ((y % 5 == 4) ? 53 : 52)) {
            w = 1;
            y++;
        }
        if (kind == 'd' &&
            ++d > mdays[m - 1] + (m == 2 && y % 4 == 0 && y % 100 != 0)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    if (!labels || !buf) {
        free(buf);
        free(labels);
        return NULL;
    }
    return labels;
}

static void free_labels(const char **labels)
{
    if (labels)
        free((void *)labels[0]);
    free(labels);
}

/* Lay out n periods of labels of kind; the labelled periods must not
 * overlap, must stay on the canvas, must be at least two when there are
 * two periods, and every one must end in want when want is given. */
static void check_x_labels(char kind, size_t n, const char *want)
{
    const char **labels = make_labels(kind, n);
    double *y = calloc(n + 1, sizeof *y);
    plot_series s = {"s", y};
    plot_spec p = one_series(&s, n, labels);
    cairo_surface_t *surface;
    cairo_t *cr = scratch(&surface);
    view v;
    layout L = {.v = &v};
    double right = -1e9;
    size_t shown = 0;

    CHECK(labels && y);
    if (!labels || !y)
        goto out;
    make_view(&p, &v);
    plan(cr, &p, &L);
    font(cr, TICK_SIZE, 0);
    for (size_t i = next_label(&L, &p, 0); i < n;
         i = next_label(&L, &p, i + L.gap)) {
        double w = text_width(cr, labels[i]), x = x_at(&L, i);
        CHECK(x - w / 2 >= right + 4.0);
        CHECK(x - w / 2 >= 0.0 && x + w / 2 <= PLOT_WIDTH);
        if (want && !ends_with(labels[i], want)) {
            fprintf(stderr, "%c %zu: label %s\n", kind, n, labels[i]);
            CHECK(0);
        }
        right = x + w / 2;
        shown++;
    }
    if ((n >= 2 && shown < 2) || shown > 30) {
        fprintf(stderr, "%c %zu: %zu labels\n", kind, n, shown);
        CHECK(0);
    }
out:
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    free_labels(labels);
    free(y);
}

static void test_x_labels(void)
{
    check_x_labels('m', 1, NULL);
    check_x_labels('m', 12, NULL);
    check_x_labels('m', 60, NULL);
    check_x_labels('m', 120, "-01");
    check_x_labels('m', 10000, "-01");
    check_x_labels('w', 200, NULL);
    check_x_labels('w', 520, "-W01");
    check_x_labels('d', 365, "-01");
    check_x_labels('d', 10000, "-01-01");
    check_x_labels('d', 30, NULL);
    check_x_labels('y', 12, NULL);
    check_x_labels('y', 300, "0");
    check_x_labels('o', 2, NULL);
    check_x_labels('o', 999, NULL);
}

/* ------------------------------------------------------------ files */

typedef struct chart_data {
    const char **labels;
    double *y[PLOT_MAX_SERIES];
    plot_series series[PLOT_MAX_SERIES];
    plot_spec spec;
} chart_data;

/* A quad chart of n months, or a Goldstein chart (one series, values
 * in -10..10, every fifth missing). Free with chart_free(). */
static int chart_init(chart_data *c, size_t n, int goldstein)
{
    static const char *const quad[] = {
        "verbal cooperation", "material cooperation", "verbal conflict",
        "material conflict"};

    memset(c, 0, sizeof *c);
    c->labels = make_labels('m', n);
    for (size_t s = 0; s < PLOT_MAX_SERIES; s++) {
        if (!(c->y[s] = calloc(n + 1, sizeof(double))))
            return -1;
        for (size_t i = 0; i < n; i++)
            c->y[s][i] = goldstein ? (i % 5 == 2 ? NAN : 8.0 * sin(i / 6.0))
                                   : floor(20 + 15 * sin(i / 5.0 + s));
        c->series[s].label = quad[s];
        c->series[s].y = c->y[s];
    }
    c->spec.title = goldstein ? "IRN -> IRQ, mean Goldstein by month"
                              : "IRN -> IRQ, events by month";
    c->spec.y_label = goldstein ? "mean Goldstein" : "events";
    c->spec.x_labels = c->labels;
    c->spec.n = n;
    c->spec.series = c->series;
    c->spec.n_series = goldstein ? 1 : 4;
    c->spec.zero_line = goldstein;
    return c->labels ? 0 : -1;
}

static void chart_free(chart_data *c)
{
    free_labels(c->labels);
    for (size_t s = 0; s < PLOT_MAX_SERIES; s++)
        free(c->y[s]);
}

/* plot_write to dir/name succeeds and the file is a good PNG or SVG. */
static void check_write(const char *dir, const char *name,
                        const plot_spec *p, const char *svg_title)
{
    char path[1024], err[256] = "";
    int rc;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    rc = plot_write(path, p, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "%s: %s\n", name, err);
    CHECK_INT(rc, 0);
    if (format_of(path) == FMT_PNG)
        check_png(path);
    else
        check_svg(path, svg_title);
}

/* plot_write to dir/name fails, naming the file, and leaves nothing. */
static void check_fails(const char *dir, const char *name,
                        const plot_spec *p, const char *why)
{
    char path[1024], err[256] = "";
    int before = entries(dir);

    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK_INT(plot_write(path, p, err, sizeof err), -1);
    if (!strstr(err, path) || (why && !strstr(err, why))) {
        fprintf(stderr, "%s: message \"%s\"\n", name, err);
        CHECK(0);
    }
    CHECK_INT(entries(dir), before);
}

static void test_write(const char *dir)
{
    chart_data quad, gold, big;
    double zeros[5] = {0}, neg[3] = {-3, -7.5, -1}, nan3[3] = {NAN, NAN, NAN};
    plot_series z = {NULL, zeros}, ng = {"goldstein", neg}, nn = {"x", nan3};
    const char *const mixed[3] = {"2003-04", NULL, "later"};
    char wide[400];
    const char *const wide_labels[3] = {wide, "b", wide};
    plot_spec bare = {NULL, NULL, NULL, 5, &z, 1, 0};

    if (chart_init(&quad, 60, 0) || chart_init(&gold, 40, 1) ||
        chart_init(&big, 10000, 0)) {
        CHECK(0);
        return;
    }
    check_write(dir, "quad.svg", &quad.spec, "IRN -&gt; IRQ, events by month");
    check_write(dir, "quad.png", &quad.spec, NULL);
    check_write(dir, "gold.PNG", &gold.spec, NULL);
    check_write(dir, "gold.Svg", &gold.spec,
                "IRN -&gt; IRQ, mean Goldstein by month");
    check_write(dir, "big.png", &big.spec, NULL);
    check_write(dir, "big.svg", &big.spec, "IRN -&gt; IRQ, events by month");
    quad.spec.n = 1;
    check_write(dir, "one.png", &quad.spec, NULL);
    quad.spec.n = 0;
    quad.spec.title = "A & B <none>";
    check_write(dir, "empty.png", &quad.spec, NULL);
    check_write(dir, "empty.svg", &quad.spec, "A &amp; B &lt;none&gt;");
    check_write(dir, "zeros.png", &bare, NULL);
    bare.series = &ng;
    bare.n = 3;
    bare.zero_line = 1;
    bare.x_labels = mixed;
    check_write(dir, "negative.png", &bare, NULL);
    bare.series = &nn;
    check_write(dir, "nan.png", &bare, NULL);
    memset(wide, 'w', sizeof wide - 1);
    wide[sizeof wide - 1] = '\0';
    bare.x_labels = wide_labels;
    bare.series = &ng;
    check_write(dir, "wide.png", &bare, NULL);   /* labels wider than all */
    /* overwriting is fine */
    check_write(dir, "quad.png", &gold.spec, NULL);
    CHECK_INT(entries(dir), 13);
    chart_free(&quad);
    chart_free(&gold);
    chart_free(&big);
}

/* A write that runs out of room (a file size limit standing in for a
 * full disk) fails, leaves the chart that was there, and no temporary. */
static void test_no_room(const char *dir, const plot_spec *p)
{
    char path[1024];
    struct rlimit old, tight;
    size_t len0 = 0, len1 = 0;
    char *before, *after;

    snprintf(path, sizeof path, "%s/%s", dir, "kept.png");
    check_write(dir, "kept.png", p, NULL);
    before = slurp(path, &len0);
    if (getrlimit(RLIMIT_FSIZE, &old) != 0) {
        free(before);
        return;
    }
    tight = old;
    tight.rlim_cur = 2048;
    signal(SIGXFSZ, SIG_IGN);
    if (setrlimit(RLIMIT_FSIZE, &tight) == 0) {
        check_fails(dir, "kept.png", p, strerror(EFBIG));
        check_fails(dir, "kept.svg", p, strerror(EFBIG));
        setrlimit(RLIMIT_FSIZE, &old);
    }
    after = slurp(path, &len1);
    CHECK(before && after && len0 == len1 && memcmp(before, after, len0) == 0);
    free(before);
    free(after);
}

static void test_errors(const char *dir)
{
    chart_data c;
    char ro[1024], sub[1024], err[256];
    double huge[1] = {1e300};
    plot_series h = {"h", huge};
    plot_spec bad;

    if (chart_init(&c, 24, 0)) {
        CHECK(0);
        return;
    }
    check_fails(dir, "chart.pdf", &c.spec, "unknown chart format");
    check_fails(dir, "chart", &c.spec, "unknown chart format");
    check_fails(dir, "chart.png.txt", &c.spec, "unknown chart format");
    check_fails(dir, "missing/chart.png", &c.spec, strerror(ENOENT));
    check_fails(dir, "missing/chart.svg", &c.spec, strerror(ENOENT));
    snprintf(sub, sizeof sub, "%s/taken.png", dir);
    CHECK(mkdir(sub, 0755) == 0);
    check_fails(dir, "taken.png", &c.spec, "cannot write");
    bad = c.spec;
    bad.n_series = 0;
    check_fails(dir, "none.png", &bad, "series");
    bad.n_series = 5;
    check_fails(dir, "five.png", &bad, "series");
    bad = c.spec;
    bad.series = &h;
    bad.n_series = 1;
    bad.n = 1;
    check_fails(dir, "huge.png", &bad, "too large");
    check_fails(dir, "null.png", NULL, "no chart");
    bad = c.spec;
    bad.title = "IRN -> IRQ \xff\xfe";     /* not UTF-8: cairo refuses */
    check_fails(dir, "latin1.png", &bad, "cannot draw");
    check_fails(dir, "latin1.svg", &bad, "cannot draw");
    CHECK_INT(plot_write(NULL, &c.spec, err, sizeof err), -1);
    if (geteuid() != 0) {       /* root writes into read-only directories */
        snprintf(ro, sizeof ro, "%s/ro", dir);
        CHECK(mkdir(ro, 0555) == 0);
        check_fails(ro, "chart.png", &c.spec, strerror(EACCES));
        rmdir(ro);
    }
    test_no_room(dir, &c.spec);
    rmdir(sub);
    chart_free(&c);
}

/* Remove the files the test wrote, then dir. */
static void clean(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];

    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* LeakSanitizer's hook for built-in suppressions. fontconfig 2.14 loses
 * 288 bytes while parsing its configuration, which FcFini() (called by
 * cairo_debug_reset_static_data) then reports; FcInit() and FcFini() alone
 * show it. fontconfig has no frame pointers, so the fast unwinder sees
 * only the library, not the function. Everything cairo caches is freed by
 * the reset, so a leak of ours (a surface or context not destroyed) is
 * still found. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[256];

    test_nice_step();
    test_axis();
    test_tick_text();
    test_periods();
    test_x_labels();
    snprintf(dir, sizeof dir, "%s/dyad-plot-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror(dir);
        return 1;
    }
    test_write(dir);
    test_errors(dir);
    if (getenv("DYAD_PLOT_KEEP"))
        printf("charts kept in %s\n", dir);
    else
        clean(dir);
    cairo_debug_reset_static_data();
    return test_summary("test_plot");
}

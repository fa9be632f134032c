/*
 * test_golden.c - data-driven golden tests of the coder, in the manner of
 * TABARI's Validate.text and jq's jq.test. Every tests/golden/NAME.golden file
 * holds cases separated by blank lines:
 *     # feature: what the case pins
 *     dict: test               (selects tests/golden/dict/test.*; "builtin"
 *                              selects dyad's own dictionaries)
 *     date: 2005-11-24         (optional)
 *     option: comma_emax=0     (optional, repeatable)
 *     text: one sentence       (or "document: sentences", coded as one
 *                              story with dyad_code_doc: what one sentence
 *                              names informs the next)
 *     events: SRC->TGT CODE; SRC->TGT CODE     (or "none"; any order)
 *     status: coded|dateline|discard-sentence|discard-story|complex
 *     location: NAME CTY LAT LON city|region|country   (optional: the
 *                              place of every event, latitude and
 *                              longitude within 0.05 degrees; or "none")
 *     todo: why dyad misses it   (optional: a known gap; a mismatch is
 *                              listed and counted, not failed, and a
 *                              todo case that passes is reported so
 *                              that the line can be dropped)
 * Each dictionary set is compiled once through the public API (no cache);
 * each case is coded with dyad_code_sentence and its event set, sentence
 * status and (when given) events' place compared. Failures and malformed cases are printed with file:line;
 * the exit status is 1 on any failure. The source tree comes from
 * $DYAD_SOURCE_DIR (set by ctest), else ".".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

#define MAX_EVENTS 64
#define EV_LEN 256
#define MAX_SETS 16
#define MAX_FILES 256

typedef struct gcase {
    const char *file;
    unsigned long line;               /* first line of the block */
    int problems_before;              /* `problems` when the block began */
    char feature[256], dict[64], text[2048], events[2048], location[256];
    int date, has_feature, has_text, has_events, has_location, n_keys;
    int document;                     /* "document:" given: a whole story */
    int todo;                         /* "todo:" given: a known gap */
    dyad_sentence_status status;
    dyad_options opt;
} gcase;

typedef struct dictset {
    char name[64];
    dyad_dict *d;                     /* NULL: the set failed to build */
    dyad_coder *c;
} dictset;

typedef struct tally {
    int cases, failed, todo;
} tally;

static dictset sets[MAX_SETS];
static size_t n_sets;
static tally total;
static int problems;                  /* failed cases and malformed input */

/* Indexed by dyad_sentence_status. */
static const char *const status_names[] = {
    "coded", "discard-sentence", "discard-story", "dateline", "complex"};
#define N_STATUS (sizeof status_names / sizeof status_names[0])

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && strchr(" \t\r\n", s[n - 1])) s[--n] = '\0';
    return s;
}

static void fail_at(const char *file, unsigned long line, const char *msg,
                    const char *arg)
{
    fprintf(stderr, "%s:%lu: error: %s%s%s\n", file, line, msg,
            arg ? ": " : "", arg ? arg : "");
    problems++;
}

/* ------------------------------------------------------------ dictionaries */

static void on_diag(void *ud, const dyad_diag *d)
{
    int *errors = ud;
    if (d->severity != DYAD_SEV_ERROR) return;
    fprintf(stderr, "%s:%lu: dictionary error: %s\n", d->file ? d->file : "?",
            d->line, d->message);
    (*errors)++;
}

/* Queue dir/dict/<name>.<kind>.txt or dir/dict/<name>.<kind> if present. */
static int add_kind(dyad_dict_builder *b, const char *dir, const char *name,
                    dyad_dict_kind k, const char *kind)
{
    static const char *const ext[] = {".txt", ""};
    char path[4096];
    for (size_t i = 0; i < 2; i++) {
        int n = snprintf(path, sizeof path, "%s/dict/%s.%s%s", dir, name, kind,
                         ext[i]);
        FILE *f = n > 0 && n < (int)sizeof path ? fopen(path, "r") : NULL;
        if (!f) continue;
        fclose(f);
        return dyad_dict_builder_add_file(b, k, path) == DYAD_OK ? 1 : -1;
    }
    return 0;
}

/* Compile dir/dict/<name>.* into sets[]; a set that fails keeps d NULL so
 * that it is reported once. */
static dictset *build_set(const char *dir, const char *name)
{
    static const char *const kinds[] = {"actors", "agents", "verbs", "discards"};
    if (n_sets == MAX_SETS) return NULL;
    dictset *s = &sets[n_sets++];
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    dyad_dict_builder *b;
    if (dyad_dict_builder_new(&b) != DYAD_OK) return s;
    int found = 0, errors = 0, builtin = !strcmp(name, "builtin");
    if (builtin) {                            /* dyad's own dictionaries */
        for (int k = 0; k < DYAD_DICT_KINDS; k++)
            if (dyad_dict_builder_add_builtin(b, (dyad_dict_kind)k) != DYAD_OK) errors++;
        found = 1;
    }
    for (size_t k = 0; k < 4 && !builtin; k++) {
        int r = add_kind(b, dir, name, (dyad_dict_kind)k, kinds[k]);
        if (r < 0) errors++;
        found += r > 0;
    }
    dyad_dict_options o = {NULL, on_diag, &errors};
    dyad_status st = found ? dyad_dict_build(b, &o, &s->d, NULL) : DYAD_EIO;
    dyad_dict_builder_free(b);
    if (st == DYAD_OK && !errors) st = dyad_coder_new(s->d, NULL, &s->c);
    if (st != DYAD_OK || errors) {
        fprintf(stderr, "%s/dict/%s.*: dictionary set failed to build (%s, %d "
                "errors)\n", dir, name, dyad_strerror(st), errors);
        problems++;
        dyad_dict_free(s->d);
        s->d = NULL;
    }
    return s;
}

static dictset *get_set(const char *dir, const char *name)
{
    for (size_t i = 0; i < n_sets; i++)
        if (!strcmp(sets[i].name, name)) return &sets[i];
    return build_set(dir, name);
}

/* ------------------------------------------------------------ events */

static int cmp_str(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* One "SRC->TGT CODE" item into canonical form; -1 when malformed. The
 * code follows the last blank, the target the last "->". */
static int canon_item(char *item, char out[EV_LEN])
{
    item = trim(item);
    char *sp = strrchr(item, ' ');
    if (!sp) return -1;
    *sp = '\0';
    char *pair = trim(item), *code = trim(sp + 1);
    char *arrow = NULL;
    for (char *p = strstr(pair, "->"); p; p = strstr(p + 1, "->")) arrow = p;
    if (!arrow || arrow == pair || !arrow[2] || !*code) return -1;
    *arrow = '\0';
    int n = snprintf(out, EV_LEN, "%s->%s %s", trim(pair), trim(arrow + 2), code);
    return n > 0 && n < EV_LEN ? 0 : -1;
}

/* Parse an events: value; returns the count, or -1 when malformed. */
static int parse_events(const char *spec, char out[][EV_LEN])
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", spec);
    if (!strcmp(trim(buf), "none")) return 0;
    int n = 0;
    for (char *item = buf, *semi; item; item = semi ? semi + 1 : NULL) {
        semi = strchr(item, ';');
        if (semi) *semi = '\0';
        if (n == MAX_EVENTS || canon_item(item, out[n])) return -1;
        n++;
    }
    qsort(out, (size_t)n, EV_LEN, cmp_str);
    return n;
}

static int got_events(const dyad_result *r, char out[][EV_LEN])
{
    int n = 0;
    for (size_t k = 0; k < r->n_events && n < MAX_EVENTS; k++, n++)
        snprintf(out[n], EV_LEN, "%s->%s %s", r->events[k].source.code,
                 r->events[k].target.code, r->events[k].cameo);
    qsort(out, (size_t)n, EV_LEN, cmp_str);
    return n;
}

static void print_events(const char *label, char ev[][EV_LEN], int n,
                         dyad_sentence_status st)
{
    fprintf(stderr, "    %-9s ", label);
    for (int k = 0; k < n; k++) fprintf(stderr, "%s%s", k ? "; " : "", ev[k]);
    fprintf(stderr, "%s  [status: %s]\n", n ? "" : "none",
            (size_t)st < N_STATUS ? status_names[st] : "?");
}

/* ------------------------------------------------------------ places */

/* Does every event's location match a "location:" value? Writes what the
 * first mismatch has into got. */
static int places_match(const char *spec, const dyad_result *r, char *got,
                        size_t cap)
{
    static const char *const kinds[] = {"none", "country", "region", "city"};
    char name[128], country[8], prec[16];
    double lat = 0, lon = 0;
    int none = !strcmp(spec, "none");
    if (!none && sscanf(spec, "%127s %7s %lf %lf %15s", name, country, &lat, &lon,
                        prec) != 5)
        return -1;
    for (size_t k = 0; k < r->n_events; k++) {
        const dyad_location *l = &r->events[k].location;
        int p = l->precision >= 0 && l->precision <= 3 ? l->precision : 0;
        if (l->known)
            snprintf(got, cap, "%s %s %.4f %.4f %s", l->name, l->country, l->lat,
                     l->lon, kinds[p]);
        else
            snprintf(got, cap, "none");
        int same = none ? !l->known
                        : l->known && !strcmp(l->name, name) &&
                              !strcmp(l->country, country) && !strcmp(kinds[p], prec) &&
                              l->lat > lat - 0.05 && l->lat < lat + 0.05 &&
                              l->lon > lon - 0.05 && l->lon < lon + 0.05;
        if (!same) return 0;
    }
    return 1;
}

/* ------------------------------------------------------------ cases */

/* Returns 1 when a todo case still misses, 0 otherwise. */
static int run_case(const char *dir, const gcase *c)
{
    static char want[MAX_EVENTS][EV_LEN], got[MAX_EVENTS][EV_LEN];
    int nw = parse_events(c->events, want);
    if (nw < 0) {
        fail_at(c->file, c->line, "malformed events line", c->events);
        return 0;
    }
    dictset *s = get_set(dir, c->dict);
    if (!s || !s->d) {
        fail_at(c->file, c->line, "no usable dictionary set", c->dict);
        return 0;
    }
    dyad_coder_set_options(s->c, &c->opt);
    dyad_sentence_status st = DYAD_SENT_CODED;
    const dyad_result *r = NULL;
    dyad_status rc;
    if (c->document) {
        dyad_doc doc = {"golden", c->text, strlen(c->text), c->date, NULL, NULL,
                        NULL, c->file, c->line};
        rc = dyad_code_doc(s->c, &doc, NULL, NULL, &r);
    } else {
        rc = dyad_code_sentence(s->c, c->text, strlen(c->text), c->date, &st, &r);
    }
    if (rc != DYAD_OK) {
        fail_at(c->file, c->line, "coding failed", dyad_strerror(rc));
        return 0;
    }
    int ng = got_events(r, got);
    int same = ng == nw && (size_t)ng == r->n_events && st == c->status;
    for (int k = 0; same && k < nw; k++) same = !strcmp(want[k], got[k]);
    char place[256] = "";
    int placed = c->has_location ? places_match(c->location, r, place, sizeof place) : 1;
    if (placed < 0) {
        fail_at(c->file, c->line, "malformed location line", c->location);
        return 0;
    }
    same = same && placed;
    if (same && c->todo)
        fprintf(stderr, "%s:%lu: NOW PASSES (drop its todo line): %s\n",
                c->file, c->line, c->feature);
    if (same) return 0;
    if (!c->todo) problems++;
    fprintf(stderr, "%s:%lu: %s: %s\n    text:     %s\n", c->file, c->line,
            c->todo ? "todo" : "FAIL", c->feature, c->text);
    print_events("expected:", want, nw, c->status);
    print_events("got:", got, ng, st);
    if (!placed)
        fprintf(stderr, "    location: expected %s, got %s\n", c->location, place);
    return c->todo;
}

static int set_option(dyad_options *o, const char *name, const char *val)
{
    const struct { const char *name; int *field; } ints[] = {
        {"require_dyad", &o->require_dyad},
        {"new_actor_length", &o->new_actor_length},
        {"comma_min", &o->comma_min}, {"comma_max", &o->comma_max},
        {"comma_bmin", &o->comma_bmin}, {"comma_bmax", &o->comma_bmax},
        {"comma_emin", &o->comma_emin}, {"comma_emax", &o->comma_emax},
    };
    static const char *const by[] = {"clause", "sentence", "all"};
    for (size_t k = 0; k < sizeof by / sizeof by[0]; k++)
        if (!strcmp(name, "code_by") && !strcmp(val, by[k])) {
            o->code_by = (dyad_code_by)k;
            return 0;
        }
    char *end;
    long v = strtol(val, &end, 10);
    if (end == val || *end || v < 0 || v > 1000) return -1;
    for (size_t k = 0; k < sizeof ints / sizeof ints[0]; k++)
        if (!strcmp(name, ints[k].name)) {
            *ints[k].field = (int)v;
            return 0;
        }
    return -1;
}

static int set_status(gcase *c, const char *v)
{
    for (size_t k = 0; k < N_STATUS; k++)
        if (!strcmp(v, status_names[k])) {
            c->status = (dyad_sentence_status)k;
            return 0;
        }
    return -1;
}

static int copy_once(char *dst, size_t cap, int *have, const char *v)
{
    if (*have || !*v || strlen(v) >= cap) return -1;
    memcpy(dst, v, strlen(v) + 1);
    *have = 1;
    return 0;
}

/* One "key: value" line of a case; returns an error message or NULL. */
static const char *case_key(gcase *c, char *key, char *v)
{
    int have_dict = c->dict[0] != '\0', have_date = c->date != 0;
    c->n_keys++;
    if (!strcmp(key, "text"))
        return copy_once(c->text, sizeof c->text, &c->has_text, v) ? "bad text" : NULL;
    if (!strcmp(key, "document")) {   /* sentences coded as one story */
        c->document = 1;
        return copy_once(c->text, sizeof c->text, &c->has_text, v) ? "bad document" : NULL;
    }
    if (!strcmp(key, "events"))
        return copy_once(c->events, sizeof c->events, &c->has_events, v)
                   ? "bad events" : NULL;
    if (!strcmp(key, "dict"))
        return copy_once(c->dict, sizeof c->dict, &have_dict, v) ? "bad dict" : NULL;
    if (!strcmp(key, "date")) {
        c->date = have_date ? 0 : dyad_date_parse(v, strlen(v));
        return c->date ? NULL : "bad date";
    }
    if (!strcmp(key, "status")) return set_status(c, v) ? "unknown status" : NULL;
    if (!strcmp(key, "location"))
        return copy_once(c->location, sizeof c->location, &c->has_location, v)
                   ? "bad location" : NULL;
    if (!strcmp(key, "todo")) {       /* a known gap, with its reason */
        if (c->todo || !*v) return "bad todo";
        c->todo = 1;
        return NULL;
    }
    if (!strcmp(key, "option")) {
        char *eq = strchr(v, '=');
        if (!eq) return "option needs name=value";
        *eq = '\0';
        return set_option(&c->opt, trim(v), trim(eq + 1)) ? "bad option" : NULL;
    }
    return "unknown key";
}

/* A line inside a block: a comment, "# feature: ..." or "key: value". */
static void case_line(gcase *c, char *line, unsigned long ln)
{
    if (line[0] == '#') {
        char *f = trim(line + 1);
        if (strncmp(f, "feature:", 8)) return;
        if (c->has_feature) fail_at(c->file, ln, "second feature line", NULL);
        snprintf(c->feature, sizeof c->feature, "%s", trim(f + 8));
        c->has_feature = 1;
        return;
    }
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", line);
    char *colon = strchr(line, ':');
    if (!colon) {
        fail_at(c->file, ln, "expected 'key: value'", copy);
        return;
    }
    *colon = '\0';
    const char *err = case_key(c, trim(line), trim(colon + 1));
    if (err) fail_at(c->file, ln, err, copy);
}

static void new_case(gcase *c, const char *file)
{
    memset(c, 0, sizeof *c);
    c->file = file;
    dyad_options_init(&c->opt);
}

/* The end of a block: a comment-only block is skipped, others must be
 * complete cases. */
static void end_case(const char *dir, gcase *c, tally *t)
{
    if (!c->line || (!c->n_keys && !c->has_feature)) return;
    t->cases++;
    if (!c->has_feature) fail_at(c->file, c->line, "case has no '# feature:' line", NULL);
    else if (!c->has_text || !c->has_events || !c->dict[0])
        fail_at(c->file, c->line, "case needs dict, text and events", NULL);
    else if (problems == c->problems_before)   /* malformed cases are not run */
        t->todo += run_case(dir, c);
    t->failed += problems > c->problems_before;
}

static void run_file(const char *dir, const char *name)
{
    char path[4096], line[4096];
    int pn = snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = pn > 0 && pn < (int)sizeof path ? fopen(path, "r") : NULL;
    tally t = {0, 0, 0};
    if (!f) {
        fail_at(path, 0, "cannot open", NULL);
        return;
    }
    gcase c;
    new_case(&c, path);
    for (unsigned long ln = 1; fgets(line, sizeof line, f); ln++) {
        if (!strchr(line, '\n') && !feof(f)) {
            fail_at(path, ln, "line too long", NULL);
            break;
        }
        char *s = trim(line);
        if (!*s) {
            end_case(dir, &c, &t);
            new_case(&c, path);
            continue;
        }
        if (!c.line) {
            c.line = ln;
            c.problems_before = problems;
        }
        case_line(&c, s, ln);
    }
    end_case(dir, &c, &t);
    fclose(f);
    printf("%-20s %3d cases, %3d passed, %2d todo\n", name, t.cases,
           t.cases - t.failed - t.todo, t.todo);
    total.cases += t.cases;
    total.failed += t.failed;
    total.todo += t.todo;
}

/* ------------------------------------------------------------ main */

static int list_golden(const char *dir, char names[][256], int max)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && n < max;) {
        size_t l = strlen(e->d_name);
        if (l > 7 && l < 256 && !strcmp(e->d_name + l - 7, ".golden"))
            memcpy(names[n++], e->d_name, l + 1);
    }
    closedir(d);
    qsort(names, (size_t)n, 256, cmp_str);
    return n;
}

int main(void)
{
    static char names[MAX_FILES][256];
    const char *src = getenv("DYAD_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/golden", src && *src ? src : ".");
    int n = list_golden(dir, names, MAX_FILES);
    if (n <= 0) {
        fprintf(stderr, "test_golden: no .golden files in %s\n", dir);
        return 1;
    }
    for (int i = 0; i < n; i++) run_file(dir, names[i]);
    for (size_t i = 0; i < n_sets; i++) {
        dyad_coder_free(sets[i].c);
        dyad_dict_free(sets[i].d);
    }
    printf("test_golden: %d cases, %d passed, %d failed, %d todo (known "
           "gaps)\n", total.cases, total.cases - total.failed - total.todo,
           total.failed, total.todo);
    return problems ? 1 : 0;
}

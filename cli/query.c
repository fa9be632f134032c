/*
 * query.c - the store's read commands: `dyad events` (filters, duplicate
 * merging, the formats of dyad code), `dyad actors` and `dyad docs`; and
 * the filter flags that `dyad series` shares (cli.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "merge.h"
#include "store.h"

const char cli_filter_help[] =
    "Which events (actor and code values match as prefixes: IRN matches\n"
    "IRNGOV and IRNMIL, 19 matches 190-196):\n"
    "  --db PATH|URI          the store (default dyad.db; postgresql://...)\n"
    "  --source CODE          the source actor\n"
    "  --target CODE          the target actor\n"
    "  --both-directions      also events from --target to --source\n"
    "  --actor CODE           the actor on either side\n"
    "  --code CODE            CAMEO event code\n"
    "  --root N               CAMEO root code (1-20)\n"
    "  --quad N               quad class: 1 verbal cooperation, 2 material\n"
    "                         cooperation, 3 verbal conflict, 4 material conflict\n"
    "  --from YYYY-MM-DD      first date\n"
    "  --to YYYY-MM-DD        last date\n"
    "  --outlet NAME          the outlet (exact)\n"
    "  --place NAME|CODE      the place name or its country code\n"
    "  --text QUERY           full-text search over the sentences (words must\n"
    "                         all occur; \"a phrase\", OR, -word)\n"
    "  --doc ID               the events of one stored document\n";

static int date_flag(const char *cmd, const char *v, int *out)
{
    *out = dyad_date_parse(v, strlen(v));
    if (*out) return 1;
    fprintf(stderr, "dyad %s: bad date '%s' (want YYYY-MM-DD)\n", cmd, v);
    return -2;
}

static int number_flag(const char *cmd, const char *flag, const char *v, int lo,
                       int hi, int *out)
{
    if (cli_int(v, out) == 0 && *out >= lo && *out <= hi) return 1;
    fprintf(stderr, "dyad %s: %s needs a number from %d to %d, not '%s'\n", cmd,
            flag, lo, hi, v);
    return -2;
}

int cli_filter_flag(store_filter *f, const char **db, int argc, char **argv,
                    int *i)
{
    const char *a = argv[*i], *cmd = argv[0];
    if (!strcmp(a, "--both-directions")) {
        f->both_directions = 1;
        return 1;
    }
    static const char *const valued[] = {
        "--db", "--source", "--target", "--actor", "--code", "--root", "--quad",
        "--from", "--to", "--outlet", "--place", "--text", "--doc"};
    size_t k = 0, nv = sizeof valued / sizeof *valued;
    while (k < nv && strcmp(a, valued[k])) k++;
    if (k == nv) return 0;
    if (*i + 1 >= argc) return -1;
    const char *v = argv[++*i];
    switch (k) {
    case 0: *db = v; return 1;
    case 1: f->source = v; return 1;
    case 2: f->target = v; return 1;
    case 3: f->either = v; return 1;
    case 4: f->code = v; return 1;
    case 5: return number_flag(cmd, a, v, 1, 20, &f->root);
    case 6: return number_flag(cmd, a, v, 1, 4, &f->quad);
    case 7: return date_flag(cmd, v, &f->date_from);
    case 8: return date_flag(cmd, v, &f->date_to);
    case 9: f->outlet = v; return 1;
    case 10: f->place = v; return 1;
    case 11: f->text = v; return 1;
    default: {
        char *end;
        long long id = strtoll(v, &end, 10);
        if (*v && !*end && id > 0) {
            f->doc = id;
            return 1;
        }
        fprintf(stderr, "dyad %s: --doc needs a document id, not '%s'\n", cmd, v);
        return -2;
    }
    }
}

store *cli_store_open(const char *cmd, const char *db, store_mode mode)
{
    char err[700];
    store *s = store_open(db, mode, err, sizeof err);
    if (!s) fprintf(stderr, "dyad %s: %s\n", cmd, err);
    return s;
}

/* ------------------------------------------------------------ events */

typedef struct events_out {
    dyad_format fmt;
    dyad_ontology ont;
    int merged;               /* tsv/csv gain the merge columns */
    char *buf;
    size_t len, cap;
    size_t n;
    int failed;
} events_out;

/* A stored event as the record dyad code writes. */
static void to_record(const store_event *s, dyad_event *e, char *id, size_t idlen)
{
    memset(e, 0, sizeof *e);
    snprintf(id, idlen, "%s-%d-%d", s->doc_key ? s->doc_key : "", s->sentence, s->n);
    e->id = id;
    e->doc = s->doc_key ? s->doc_key : "";
    e->sentence = (unsigned)s->sentence;
    e->date = s->date;
    e->source = (dyad_actor){s->source, s->source_country, s->source_text ? s->source_text : ""};
    e->target = (dyad_actor){s->target, s->target_country, s->target_text ? s->target_text : ""};
    e->cameo = s->cameo;
    e->root[0] = (char)('0' + s->root / 10 % 10);
    e->root[1] = (char)('0' + s->root % 10);
    e->quad = s->quad;
    e->goldstein = s->goldstein;
    dyad_cameo_info info;
    int known = dyad_cameo_lookup(s->cameo, &info) >= 0;
    e->plover = s->plover ? s->plover : "";
    e->plover_mode = known && info.plover_mode ? info.plover_mode : "";
    e->plover_context = known && info.plover_context ? info.plover_context : "";
    if (s->place) {
        e->location.name = s->place;
        e->location.country = s->place_country ? s->place_country : "";
        e->location.lat = s->lat;
        e->location.lon = s->lon;
        e->location.known = 1;
        e->location.precision = s->precision;
    }
    e->outlet = s->outlet;
    e->evidence = s->evidence ? s->evidence : "";
    e->sentence_text = s->sentence_text ? s->sentence_text : "";
    e->issues = s->issues;
}

/* tsv and csv rows of merged events end with their counts and reports. */
static void merge_columns(events_out *o, const dyad_event *e)
{
    if (!o->merged || o->fmt == DYAD_FORMAT_JSONL || o->fmt == DYAD_FORMAT_GDELT)
        return;
    if (o->len && o->buf[o->len - 1] == '\n') o->len--;
    char sep = o->fmt == DYAD_FORMAT_CSV ? ',' : '\t';
    size_t need = o->len + strlen(e->reports) + 80;
    if (need > o->cap) {
        char *nb = realloc(o->buf, need * 2);
        if (!nb) {
            o->failed = 1;
            return;
        }
        o->buf = nb;
        o->cap = need * 2;
    }
    int q = o->fmt == DYAD_FORMAT_CSV;     /* ids hold no quote or newline */
    o->len += (size_t)snprintf(o->buf + o->len, o->cap - o->len,
                               "%c%u%c%u%c%u%c%s%s%s\n", sep, e->num_mentions, sep,
                               e->num_sources, sep, e->num_articles, sep,
                               q ? "\"" : "", e->reports, q ? "\"" : "");
}

static void write_record(events_out *o, const dyad_event *e)
{
    if (o->ont == DYAD_ONTOLOGY_PLOVER && !*e->plover) return;
    if (dyad_format_event_in(o->fmt, o->ont, e, &o->buf, &o->len, &o->cap))
        o->failed = 1;
    merge_columns(o, e);
    o->n++;
    if (o->len > (1u << 16)) {
        fwrite(o->buf, 1, o->len, stdout);
        o->len = 0;
    }
}

static int event_out(void *ud, const store_event *s)
{
    dyad_event e;
    char id[320];
    to_record(s, &e, id, sizeof id);
    write_record(ud, &e);
    return 0;
}

static int merged_out(void *ud, const store_merged *m)
{
    dyad_event e;
    char id[320];
    to_record(m->e, &e, id, sizeof id);
    e.num_mentions = (unsigned)m->mentions;
    e.num_sources = (unsigned)m->sources;
    e.num_articles = (unsigned)m->articles;
    e.reports = m->reports;
    write_record(ud, &e);
    return 0;
}

static void header(const events_out *o)
{
    const char *h = dyad_format_header_in(o->fmt, o->ont);
    size_t n = strlen(h);
    if (!o->merged || !n) {
        fputs(h, stdout);
        return;
    }
    char sep = o->fmt == DYAD_FORMAT_CSV ? ',' : '\t';
    printf("%.*s%cnum_mentions%cnum_sources%cnum_articles%creports\n", (int)n - 1,
           h, sep, sep, sep, sep);
}

static void events_usage(FILE *f)
{
    fprintf(f,
            "usage: dyad events [options]\n"
            "Stored events matching the filters, oldest first, in the record\n"
            "formats of dyad code.\n"
            "  --format jsonl|tsv|csv|gdelt  output format (default jsonl)\n"
            "  --ontology cameo|plover the code that leads each record\n"
            "  --merge none|story|day|cluster  merge reports of one act: one\n"
            "                          event per story, per day (as the Phoenix\n"
            "                          data does), or per cluster of reports\n"
            "                          within --window days across documents\n"
            "                          and outlets, with GDELT's NumMentions,\n"
            "                          NumSources, NumArticles and the reports\n"
            "  --window DAYS           the cluster window (default 2)\n"
            "  --limit N, --offset N   a page of the result\n"
            "%s", cli_filter_help);
}

static int events_option(int argc, char **argv, int *i, events_out *o,
                         int *merge, int *window, store_filter *f)
{
    const char *a = argv[*i];
    if (*i + 1 >= argc) return -1;
    const char *v = argv[++*i];
    if (!strcmp(a, "--format")) {
        static const char *const names[] = {"jsonl", "tsv", "csv", "gdelt"};
        for (int k = 0; k < 4; k++)
            if (!strcmp(v, names[k])) {
                o->fmt = (dyad_format)k;
                return 1;
            }
    } else if (!strcmp(a, "--ontology")) {
        if (strcmp(v, "cameo") && strcmp(v, "plover")) return -2;
        o->ont = !strcmp(v, "plover") ? DYAD_ONTOLOGY_PLOVER : DYAD_ONTOLOGY_CAMEO;
        return 1;
    } else if (!strcmp(a, "--merge")) {
        return (*merge = store_merge_parse(v)) >= 0 ? 1 : -2;
    } else if (!strcmp(a, "--window")) {
        return cli_int(v, window) == 0 ? 1 : -2;
    } else if (!strcmp(a, "--limit") || !strcmp(a, "--offset")) {
        int n;
        if (cli_int(v, &n)) return -2;
        if (a[2] == 'l') f->limit = n;
        else f->offset = n;
        return 1;
    } else {
        --*i;
        return 0;
    }
    return -2;
}

int cmd_events(int argc, char **argv)
{
    store_filter f;
    memset(&f, 0, sizeof f);
    events_out o;
    memset(&o, 0, sizeof o);
    const char *db = NULL;
    int merge = STORE_MERGE_NONE, window = 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = cli_filter_flag(&f, &db, argc, argv, &i);
        if (!r && (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
            events_usage(stdout);
            return 0;
        }
        if (!r && a[0] == '-' && a[1] == '-' && i + 1 < argc)
            r = events_option(argc, argv, &i, &o, &merge, &window, &f);
        if (r == 1) continue;
        if (r == -2 || r == 0)
            fprintf(stderr, r ? "dyad events: bad value for %s\n"
                              : "dyad events: unknown option '%s'\n",
                    r ? argv[i - 1] : a);
        else fprintf(stderr, "dyad events: option '%s' needs a value\n", a);
        if (!r) events_usage(stderr);
        return 2;
    }
    store *s = cli_store_open("events", db, STORE_READ);
    if (!s) return 1;
    o.merged = merge != STORE_MERGE_NONE;
    header(&o);
    int rc = o.merged ? store_events_merged(s, &f, (store_merge)merge, window,
                                            merged_out, &o)
                      : store_events(s, &f, event_out, &o);
    if (o.len) fwrite(o.buf, 1, o.len, stdout);   /* NULL buf: no events */
    fflush(stdout);
    if (rc) fprintf(stderr, "dyad events: %s\n", store_error(s));
    store_close(s);
    free(o.buf);
    return rc || o.failed ? 1 : 0;
}

/* ------------------------------------------------------------ actors, docs */

static int actor_out(void *ud, const char *code, long as_source, long as_target)
{
    printf("%s\t%ld\t%ld\n", code, as_source, as_target);
    return 0;
}

static int doc_out(void *ud, const store_docrow *d)
{
    const int *with_text = ud;
    char date[16] = "";
    if (d->date)
        snprintf(date, sizeof date, "%04d-%02d-%02d", d->date / 10000 % 10000,
                 d->date / 100 % 100, d->date % 100);
    printf("%lld\t%s\t%s\t%s\t%s\t%ld\t%s\t%s\n", (long long)d->id,
           d->key ? d->key : "", date, d->outlet ? d->outlet : "",
           d->dateline ? d->dateline : "", d->n_events, d->title ? d->title : "",
           d->url ? d->url : "");
    if (*with_text) printf("%s\n\n", d->text ? d->text : "");
    return 0;
}

int cmd_actors(int argc, char **argv)
{
    const char *db = NULL, *prefix = NULL;
    int limit = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            printf("usage: dyad actors [--db PATH|URI] [--limit N] [PREFIX]\n"
                   "Actor codes in the store (those starting with PREFIX), most\n"
                   "frequent first: code, events as source, events as target.\n");
            return 0;
        }
        if ((!strcmp(a, "--db") || !strcmp(a, "--limit")) && i + 1 >= argc) {
            fprintf(stderr, "dyad actors: option '%s' needs a value\n", a);
            return 2;
        }
        if (!strcmp(a, "--db")) db = argv[++i];
        else if (!strcmp(a, "--limit") && cli_int(argv[++i], &limit) == 0) continue;
        else if (a[0] != '-') prefix = a;
        else {
            fprintf(stderr, "dyad actors: bad option '%s'\n", a);
            return 2;
        }
    }
    store *s = cli_store_open("actors", db, STORE_READ);
    if (!s) return 1;
    printf("actor\tas_source\tas_target\n");
    int rc = store_actors(s, prefix, limit, actor_out, NULL);
    if (rc) fprintf(stderr, "dyad actors: %s\n", store_error(s));
    store_close(s);
    return rc ? 1 : 0;
}

int cmd_docs(int argc, char **argv)
{
    store_filter f;
    memset(&f, 0, sizeof f);
    const char *db = NULL;
    int with_text = 0, stats = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--full")) {
            with_text = 1;
            continue;
        }
        if (!strcmp(a, "--stats")) {
            stats = 1;
            continue;
        }
        int r = cli_filter_flag(&f, &db, argc, argv, &i);
        if (r == 1) continue;
        if (r < 0) return 2;
        {
            printf("usage: dyad docs [--db PATH|URI] [--from DATE] [--to DATE]\n"
                   "                 [--outlet NAME] [--doc ID] [--full] [--stats]\n"
                   "Stored documents: id, key, date, outlet, dateline, events,\n"
                   "title, url; --full adds each one's text, --stats prints\n"
                   "only the counts of documents, sentences and events.\n");
            return strcmp(a, "-h") && strcmp(a, "--help") ? 2 : 0;
        }
    }
    store *s = cli_store_open("docs", db, STORE_READ);
    if (!s) return 1;
    int rc;
    if (stats) {
        store_counts c;
        rc = store_count(s, &c);
        if (!rc) printf("documents\t%ld\nsentences\t%ld\nevents\t%ld\n", c.docs,
                        c.sentences, c.events);
    } else {
        printf("id\tkey\tdate\toutlet\tdateline\tevents\ttitle\turl\n");
        rc = store_docs(s, &f, with_text, doc_out, &with_text);
    }
    if (rc) fprintf(stderr, "dyad docs: %s\n", store_error(s));
    store_close(s);
    return rc ? 1 : 0;
}

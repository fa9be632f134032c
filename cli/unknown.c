/*
 * unknown.c - `dyad code --unknown`: the worklist of a dictionary curator.
 * Documents are coded with unknown noun phrases admitted as actors; every
 * event side that names no dictionary actor - a new phrase ("Ashdown
 * Group") or agents without a country ("the Foo Party": ---PTY, "Zendar
 * officials": ---GOV) - and holds a proper name is collected. The report
 * lists each phrase once (leading "the" dropped, compared case-
 * insensitively), most frequent first, with its counts as source and
 * target, the agent code dyad gave it, and the first sentence it came from.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

typedef struct unknown_hit {
    char *key;                 /* normalized phrase: the sort key */
    char *text;                /* as first written */
    char *agent;               /* "PTY" of ---PTY, "" for a new phrase */
    char *doc, *sentence;      /* the first example */
    int as_source;
    size_t seq;                /* order seen: the first example wins */
} unknown_hit;

struct cli_unknown {
    unknown_hit *hits;
    size_t n, cap;
    size_t docs_seen;
    int oom;
};

cli_unknown *cli_unknown_new(void)
{
    return calloc(1, sizeof(cli_unknown));
}

/* A proper name in the phrase: a capitalised word, the first one only if
 * it is not a word any sentence may start with. "officials", "the rebels"
 * and "There" are not curators' work; "Zendar officials" is. */
static int has_name(const char *t)
{
    static const char *const dets[] = {
        "The", "A", "An", "This", "These", "Those", "That", "Its", "Their",
        "His", "Her", "Our", "There", "So", "But", "And", "Or", "It", "He",
        "She", "They", "We", "I", "You", "Such", "Some", "Many", "Most",
        "All", "Other", "Others", "Both", "Each", "Several", "One", "Two",
        "Three", "No", "Any", "Every", "Another", "If", "When", "While",
        "After", "Before", "Meanwhile", "However", "Yet", "Still", "Also",
        "Officials", "Police", "Troops", "Forces", "Protesters", "Analysts",
        "Experts", "Critics", "Observers", "Investors", "Residents",
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December", "Monday",
        "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Today", "Yesterday", "Last", "Next", "Earlier", "Later", NULL};
    int first = 1;
    for (const char *p = t; *p;) {
        while (*p == ' ') p++;
        const char *w = p;
        while (*p && *p != ' ') p++;
        if (w == p) break;
        if (isupper((unsigned char)*w)) {
            int det = 0;
            for (const char *const *d = dets; *d && first; d++)
                det |= strlen(*d) == (size_t)(p - w) && !strncmp(*d, w, (size_t)(p - w));
            if (!det) return 1;
        }
        first = 0;
    }
    return 0;
}

static char *key_of(const char *t)
{
    while (*t == ' ') t++;
    if (!strncasecmp(t, "the ", 4)) t += 4;
    char *k = strdup(t);
    if (!k) return NULL;
    for (char *p = k; *p; p++) *p = (char)tolower((unsigned char)*p);
    return k;
}

static void add(cli_unknown *u, const dyad_actor *a, int as_source,
                const dyad_event *e)
{
    const char *c = a->code ? a->code : "";
    int fresh = c[0] == '"';
    int agent_only = !strncmp(c, "---", 3) && c[3];
    if ((!fresh && !agent_only) || !a->text || !has_name(a->text)) return;
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 256;
        unknown_hit *h = realloc(u->hits, cap * sizeof *h);
        if (!h) {
            u->oom = 1;
            return;
        }
        u->hits = h;
        u->cap = cap;
    }
    unknown_hit *h = &u->hits[u->n];
    h->key = key_of(a->text);
    h->text = strdup(a->text);
    h->agent = strdup(fresh ? "" : c + 3);
    h->doc = strdup(e->doc ? e->doc : "");
    h->sentence = strdup(e->sentence_text ? e->sentence_text : "");
    h->as_source = as_source;
    h->seq = u->n;
    if (!h->key || !h->text || !h->agent || !h->doc || !h->sentence) {
        free(h->key);
        free(h->text);
        free(h->agent);
        free(h->doc);
        free(h->sentence);
        u->oom = 1;
        return;
    }
    u->n++;
}

void cli_unknown_add(cli_unknown *u, const dyad_result *res)
{
    u->docs_seen++;
    for (size_t k = 0; k < res->n_events; k++) {
        add(u, &res->events[k].source, 1, &res->events[k]);
        add(u, &res->events[k].target, 0, &res->events[k]);
    }
}

static int by_key(const void *a, const void *b)
{
    const unknown_hit *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->seq < y->seq ? -1 : x->seq > y->seq);
}

typedef struct group {
    size_t first, count, src;
} group;

static const unknown_hit *g_hits;

static int by_count(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(g_hits[x->first].key, g_hits[y->first].key);
}

static void tsv(FILE *f, const char *s, int last)
{
    for (; *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
    fputc(last ? '\n' : '\t', f);
}

int cli_unknown_report(cli_unknown *u, FILE *out, FILE *summary)
{
    qsort(u->hits, u->n, sizeof *u->hits, by_key);
    group *g = malloc((u->n + 1) * sizeof *g);
    if (!g) return -1;
    size_t ng = 0;
    for (size_t k = 0; k < u->n; k++) {
        if (!ng || strcmp(u->hits[g[ng - 1].first].key, u->hits[k].key))
            g[ng++] = (group){k, 0, 0};
        g[ng - 1].count++;
        g[ng - 1].src += (size_t)u->hits[k].as_source;
    }
    g_hits = u->hits;
    qsort(g, ng, sizeof *g, by_count);
    fputs("count\tas_source\tas_target\tphrase\tagent\texample_doc\t"
          "example_sentence\n", out);
    for (size_t k = 0; k < ng; k++) {
        const unknown_hit *h = &u->hits[g[k].first];
        fprintf(out, "%zu\t%zu\t%zu\t", g[k].count, g[k].src, g[k].count - g[k].src);
        tsv(out, h->text, 0);
        tsv(out, h->agent, 0);
        tsv(out, h->doc, 0);
        tsv(out, h->sentence, 1);
    }
    if (summary)
        fprintf(summary, "dyad: %zu unknown actor phrases, %zu occurrences as an "
                "event's source or target, in %zu documents%s\n", ng, u->n,
                u->docs_seen, u->oom ? " (out of memory: some left out)" : "");
    free(g);
    return u->oom ? -1 : 0;
}

void cli_unknown_free(cli_unknown *u)
{
    if (!u) return;
    for (size_t k = 0; k < u->n; k++) {
        free(u->hits[k].key);
        free(u->hits[k].text);
        free(u->hits[k].agent);
        free(u->hits[k].doc);
        free(u->hits[k].sentence);
    }
    free(u->hits);
    free(u);
}

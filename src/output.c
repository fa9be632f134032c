/*
 * output.c - writing event records: JSON lines (the record of DESIGN.md),
 * tab-separated values (PETRARCH-style columns) and CSV (RFC 4180). The last
 * stage of `dyad code`; the library formats into a caller's buffer and
 * never writes to a stream itself.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base.h"

typedef struct obuf {
    char **p;
    size_t *len, *cap;
    int fail;
} obuf;

static void put(obuf *o, const char *s, size_t n)
{
    if (o->fail) return;
    if (*o->len + n + 1 > *o->cap) {
        size_t nc = *o->cap ? *o->cap : 512;
        while (nc < *o->len + n + 1) nc *= 2;
        char *np = realloc(*o->p, nc);
        if (!np) {
            o->fail = 1;
            return;
        }
        *o->p = np;
        *o->cap = nc;
    }
    memcpy(*o->p + *o->len, s, n);
    *o->len += n;
    (*o->p)[*o->len] = '\0';
}

static void puts_(obuf *o, const char *s) { put(o, s, strlen(s)); }

static void json_str(obuf *o, const char *s)
{
    if (!s) {
        puts_(o, "null");
        return;
    }
    put(o, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        put(o, run, (size_t)(s - run));
        char esc[8];
        switch (c) {
        case '"': puts_(o, "\\\""); break;
        case '\\': puts_(o, "\\\\"); break;
        case '\n': puts_(o, "\\n"); break;
        case '\t': puts_(o, "\\t"); break;
        case '\r': puts_(o, "\\r"); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", c);
            puts_(o, esc);
        }
        run = s + 1;
    }
    put(o, run, (size_t)(s - run));
    put(o, "\"", 1);
}

static void json_actor(obuf *o, const char *key, const dyad_actor *a)
{
    puts_(o, key);
    puts_(o, "{\"code\":");
    json_str(o, a->code);
    puts_(o, ",\"country\":");
    json_str(o, a->country);
    puts_(o, ",\"text\":");
    json_str(o, a->text);
    puts_(o, "}");
}

static void date_str(int d, char out[16])
{
    snprintf(out, 16, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
}

static void json_cameo(obuf *o, const dyad_event *e)
{
    char tmp[64];
    puts_(o, ",\"cameo\":");
    json_str(o, e->cameo);
    puts_(o, ",\"root\":");
    json_str(o, e->root);
    snprintf(tmp, sizeof tmp, ",\"quad\":%d,\"goldstein\":%.1f", e->quad,
             e->goldstein);
    puts_(o, tmp);
}

static void json_plover(obuf *o, const dyad_event *e)
{
    puts_(o, ",\"plover\":");
    json_str(o, e->plover);
    puts_(o, ",\"plover_mode\":");
    json_str(o, e->plover_mode ? e->plover_mode : "");
    puts_(o, ",\"plover_context\":");
    json_str(o, e->plover_context ? e->plover_context : "");
}

/* The counts of a merged event and its reports as a JSON array. */
static void json_merged(obuf *o, const dyad_event *e)
{
    char tmp[96];
    snprintf(tmp, sizeof tmp, ",\"num_mentions\":%u,\"num_sources\":%u,"
             "\"num_articles\":%u,\"reports\":[", e->num_mentions,
             e->num_sources, e->num_articles);
    puts_(o, tmp);
    const char *p = e->reports ? e->reports : "";
    while (*p) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        char id[256];
        snprintf(id, sizeof id, "%.*s", (int)(n < 255 ? n : 255), p);
        json_str(o, id);
        p += n;
        if (*p) {
            p++;
            puts_(o, ",");
        }
    }
    puts_(o, "]");
}

static const char *precision_name(int p)
{
    switch (p) {
    case DYAD_PLACE_CITY: return "city";
    case DYAD_PLACE_REGION: return "region";
    case DYAD_PLACE_COUNTRY: return "country";
    default: return NULL;
    }
}

static void jsonl(obuf *o, const dyad_event *e, dyad_ontology ont)
{
    char tmp[64];
    puts_(o, "{\"id\":");
    json_str(o, e->id);
    puts_(o, ",\"doc\":");
    json_str(o, e->doc);
    snprintf(tmp, sizeof tmp, ",\"sentence\":%u,\"date\":", e->sentence);
    puts_(o, tmp);
    if (e->date) {
        char d[16];
        date_str(e->date, d);
        json_str(o, d);
    } else {
        puts_(o, "null");
    }
    json_actor(o, ",\"source\":", &e->source);
    json_actor(o, ",\"target\":", &e->target);
    if (ont == DYAD_ONTOLOGY_PLOVER) {     /* PLOVER first, CAMEO after */
        puts_(o, ",\"ontology\":\"plover\",\"code\":");
        json_str(o, e->plover);
        json_plover(o, e);
        json_cameo(o, e);
    } else {
        json_cameo(o, e);
        json_plover(o, e);
    }
    puts_(o, ",\"location\":");
    if (e->location.known) {
        puts_(o, "{\"name\":");
        json_str(o, e->location.name);
        puts_(o, ",\"country\":");
        json_str(o, e->location.country);
        snprintf(tmp, sizeof tmp, ",\"lat\":%.4f,\"lon\":%.4f,\"precision\":",
                 e->location.lat, e->location.lon);
        puts_(o, tmp);
        json_str(o, precision_name(e->location.precision));
        puts_(o, "}");
    } else {
        puts_(o, "null");
    }
    puts_(o, ",\"outlet\":");
    json_str(o, e->outlet);
    puts_(o, ",\"evidence\":");
    json_str(o, e->evidence);
    puts_(o, ",\"sentence_text\":");
    json_str(o, e->sentence_text);
    if (e->issues) {
        puts_(o, ",\"issues\":");
        json_str(o, e->issues);
    }
    if (e->num_mentions) json_merged(o, e);
    puts_(o, "}\n");
}

/* A TSV field: tabs and line breaks become spaces. */
static void tsv_field(obuf *o, const char *s, int last)
{
    for (const char *p = s ? s : ""; *p; p++) {
        char c = (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p;
        put(o, &c, 1);
    }
    put(o, last ? "\n" : "\t", 1);
}

static void csv_field(obuf *o, const char *s, int last)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\n\r")) {
        put(o, "\"", 1);
        for (const char *p = s; *p; p++) {
            if (*p == '"') put(o, "\"", 1);
            put(o, p, 1);
        }
        put(o, "\"", 1);
    } else {
        puts_(o, s);
    }
    put(o, last ? "\n" : ",", 1);
}

static void delimited(obuf *o, const dyad_event *e, int csv, dyad_ontology ont)
{
    char date[16] = "", sent[16], quad[8], gold[16];
    if (e->date) date_str(e->date, date);
    snprintf(sent, sizeof sent, "%u", e->sentence);
    snprintf(quad, sizeof quad, "%d", e->quad);
    snprintf(gold, sizeof gold, "%.1f", e->goldstein);
    const char *pm = e->plover_mode ? e->plover_mode : "";
    const char *pc = e->plover_context ? e->plover_context : "";
    const char *cameo_first[] = {e->cameo, e->root, quad, gold, e->plover, pm, pc};
    const char *plover_first[] = {e->plover, pm, pc, e->cameo, e->root, quad, gold};
    const char *const *codes = ont == DYAD_ONTOLOGY_PLOVER ? plover_first : cameo_first;
    const char *f[] = {e->id, e->doc, sent, date, e->source.code,
                       e->source.country, e->target.code, e->target.country,
                       codes[0], codes[1], codes[2], codes[3], codes[4],
                       codes[5], codes[6], e->source.text, e->target.text,
                       e->outlet, e->evidence, e->sentence_text};
    size_t n = DYAD_ARRAY_LEN(f);
    for (size_t k = 0; k < n; k++) {
        if (csv) csv_field(o, f[k], k + 1 == n);
        else tsv_field(o, f[k], k + 1 == n);
    }
}

/* GDELT 2.0 event table: actor code split into country, known group and
 * up to three type codes, three-letter blocks after the country. */
static void gdelt_actor(obuf *o, const dyad_actor *a)
{
    static const char *const groups[] = {"IGO", "NGO", "NGM", "IMG", "MNC"};
    const char *c = a->code ? a->code : "";
    size_t n = strlen(c);
    int quoted = n && c[0] == '"';
    char country[4] = "", group[4] = "", type[3][4] = {"", "", ""};
    size_t p = 0;
    if (!quoted && n >= 3 && strncmp(c, "---", 3) != 0) {
        int is_group = 0;
        for (size_t k = 0; k < DYAD_ARRAY_LEN(groups); k++)
            is_group |= !strncmp(c, groups[k], 3);
        memcpy(is_group ? group : country, c, 3);
        p = 3;
    } else if (!quoted && n >= 3) {
        p = 3;
    }
    for (int t = 0; t < 3 && !quoted && p + 3 <= n; t++, p += 3)
        memcpy(type[t], c + p, 3);
    tsv_field(o, quoted ? "" : c, 0);
    tsv_field(o, a->text, 0);
    tsv_field(o, country, 0);
    tsv_field(o, group, 0);
    tsv_field(o, "", 0);   /* ethnic */
    tsv_field(o, "", 0);   /* religion 1 */
    tsv_field(o, "", 0);   /* religion 2 */
    for (int t = 0; t < 3; t++) tsv_field(o, type[t], 0);
}

/* GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world
 * city, 5 world state (first-level division). */
static const char *gdelt_geo_type(const dyad_location *l)
{
    int us = l->country && !strcmp(l->country, "USA");
    switch (l->precision) {
    case DYAD_PLACE_CITY: return us ? "3" : "4";
    case DYAD_PLACE_REGION: return us ? "2" : "5";
    default: return "1";
    }
}

static void gdelt(obuf *o, const dyad_event *e, dyad_ontology ont)
{
    char buf[64];
    /* GlobalEventID: a stable 53-bit number from the event id */
    uint64_t id = dyad__hash(e->id, strlen(e->id), 0x6764656c74ull) >> 11;
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)id);
    tsv_field(o, buf, 0);
    int d = e->date;
    snprintf(buf, sizeof buf, "%08d", d);
    tsv_field(o, d ? buf : "", 0);
    snprintf(buf, sizeof buf, "%06d", d / 100);
    tsv_field(o, d ? buf : "", 0);
    snprintf(buf, sizeof buf, "%04d", d / 10000);
    tsv_field(o, d ? buf : "", 0);
    snprintf(buf, sizeof buf, "%.4f",
             d / 10000 + ((d / 100 % 100 - 1) * 30 + d % 100) / 365.0);
    tsv_field(o, d ? buf : "", 0);
    gdelt_actor(o, &e->source);
    gdelt_actor(o, &e->target);
    tsv_field(o, "1", 0);                      /* IsRootEvent */
    if (ont == DYAD_ONTOLOGY_PLOVER) {         /* event, mode, context */
        tsv_field(o, e->plover, 0);
        tsv_field(o, e->plover_mode, 0);
        tsv_field(o, e->plover_context, 0);
    } else {
        tsv_field(o, e->cameo, 0);
        char base[4] = "";
        memcpy(base, e->cameo, strlen(e->cameo) < 3 ? strlen(e->cameo) : 3);
        tsv_field(o, base, 0);
        tsv_field(o, e->root, 0);
    }
    snprintf(buf, sizeof buf, "%d", e->quad);
    tsv_field(o, buf, 0);
    snprintf(buf, sizeof buf, "%.1f", e->goldstein);
    tsv_field(o, buf, 0);
    unsigned counts[3] = {e->num_mentions, e->num_sources, e->num_articles};
    for (int k = 0; k < 3; k++) {    /* NumMentions, NumSources, NumArticles */
        snprintf(buf, sizeof buf, "%u", counts[k] ? counts[k] : 1);
        tsv_field(o, buf, 0);
    }
    tsv_field(o, "", 0);                       /* AvgTone */
    for (int g = 0; g < 3; g++) {              /* Actor1, Actor2, Action geo */
        int act = g == 2 && e->location.known;
        tsv_field(o, act ? gdelt_geo_type(&e->location) : "0", 0);
        tsv_field(o, act ? e->location.name : "", 0);
        tsv_field(o, act ? e->location.country : "", 0);
        tsv_field(o, "", 0);
        tsv_field(o, "", 0);
        snprintf(buf, sizeof buf, "%.4f", e->location.lat);
        tsv_field(o, act ? buf : "", 0);
        snprintf(buf, sizeof buf, "%.4f", e->location.lon);
        tsv_field(o, act ? buf : "", 0);
        tsv_field(o, "", 0);
    }
    snprintf(buf, sizeof buf, "%08d000000", d);
    tsv_field(o, d ? buf : "", 0);             /* DATEADDED */
    tsv_field(o, e->doc, 1);                   /* SOURCEURL: the document */
}

const char *dyad_format_header_in(dyad_format f, dyad_ontology ont)
{
    static const char tsv[] =
        "id\tdoc\tsentence\tdate\tsource\tsource_country\ttarget\t"
        "target_country\tcameo\troot\tquad\tgoldstein\tplover\tplover_mode\t"
        "plover_context\tsource_text\ttarget_text\toutlet\tevidence\t"
        "sentence_text\n";
    static const char tsv_plover[] =
        "id\tdoc\tsentence\tdate\tsource\tsource_country\ttarget\t"
        "target_country\tplover\tplover_mode\tplover_context\tcameo\troot\t"
        "quad\tgoldstein\tsource_text\ttarget_text\toutlet\tevidence\t"
        "sentence_text\n";
    static const char csv[] =
        "id,doc,sentence,date,source,source_country,target,target_country,"
        "cameo,root,quad,goldstein,plover,plover_mode,plover_context,"
        "source_text,target_text,outlet,evidence,sentence_text\n";
    static const char csv_plover[] =
        "id,doc,sentence,date,source,source_country,target,target_country,"
        "plover,plover_mode,plover_context,cameo,root,quad,goldstein,"
        "source_text,target_text,outlet,evidence,sentence_text\n";
    int p = ont == DYAD_ONTOLOGY_PLOVER;
    if (f == DYAD_FORMAT_TSV) return p ? tsv_plover : tsv;
    if (f == DYAD_FORMAT_CSV) return p ? csv_plover : csv;
    return "";
}

const char *dyad_format_header(dyad_format f)
{
    return dyad_format_header_in(f, DYAD_ONTOLOGY_CAMEO);
}

dyad_status dyad_format_event_in(dyad_format f, dyad_ontology ont,
                                 const dyad_event *e, char **buf, size_t *len,
                                 size_t *cap)
{
    if (ont != DYAD_ONTOLOGY_CAMEO && ont != DYAD_ONTOLOGY_PLOVER) return DYAD_EINVAL;
    obuf o = {buf, len, cap, 0};
    switch (f) {
    case DYAD_FORMAT_JSONL: jsonl(&o, e, ont); break;
    case DYAD_FORMAT_TSV: delimited(&o, e, 0, ont); break;
    case DYAD_FORMAT_CSV: delimited(&o, e, 1, ont); break;
    case DYAD_FORMAT_GDELT: gdelt(&o, e, ont); break;
    default: return DYAD_EINVAL;
    }
    return o.fail ? DYAD_ENOMEM : DYAD_OK;
}

dyad_status dyad_format_event(dyad_format f, const dyad_event *e, char **buf,
                              size_t *len, size_t *cap)
{
    return dyad_format_event_in(f, DYAD_ONTOLOGY_CAMEO, e, buf, len, cap);
}

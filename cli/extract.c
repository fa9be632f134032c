/*
 * extract.c - `dyad extract FILE...`: the article and metadata of each
 * document, one JSON object a line (id, file, kind, title, date, outlet,
 * author, url, text). HTML pages (by extension, or by content) go through
 * dyad_html_extract(); gzip-compressed files are read through zlib; other
 * files are passed on as plain text.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "cli.h"

#define EXTRACT_MAX_BYTES (64u << 20)

static const char usage_text[] =
    "usage: dyad extract FILE...\n"
    "Print the article and metadata of each web page or text file as one JSON\n"
    "object a line: id, file, kind (html or text), title, date, outlet,\n"
    "author, url, text. Files may be gzip-compressed (.gz).\n";

/* The whole file, decompressed when gzip (zlib reads plain files too). */
static char *read_all(const char *path, size_t *len, int *too_big)
{
    *too_big = 0;
    gzFile f = gzopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    while (b) {
        if (n == cap) {
            if (cap >= EXTRACT_MAX_BYTES) {
                *too_big = 1;
                break;
            }
            char *nb = realloc(b, cap * 2 + 1);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
        int r = gzread(f, b + n, (unsigned)(cap - n));
        if (r < 0) {
            free(b);
            b = NULL;
            break;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    int err = Z_OK;
    gzerror(f, &err);
    if (b && err == Z_BUF_ERROR)
        fprintf(stderr, "%s: warning: compressed file is cut short; what it "
                "holds up to the break is read\n", path);
    gzclose(f);
    if (b) b[n] = '\0';
    *len = n;
    return b;
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

static int looks_html(const char *path, const char *s, size_t n)
{
    if (ends_with(path, ".html") || ends_with(path, ".htm") ||
        ends_with(path, ".html.gz") || ends_with(path, ".htm.gz"))
        return 1;
    size_t i = 0;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    return i < n && s[i] == '<';
}

/* File name without directories and without .gz/.html/.htm/.txt */
static char *doc_id(const char *path)
{
    const char *b = strrchr(path, '/');
    char *id = strdup(b ? b + 1 : path);
    if (!id) return NULL;
    static const char *const ext[] = {".gz", ".html", ".htm", ".txt", NULL};
    for (int k = 0; ext[k]; k++)
        if (ends_with(id, ext[k])) id[strlen(id) - strlen(ext[k])] = '\0';
    return id;
}

static void add(cJSON *o, const char *k, const char *v)
{
    if (v) cJSON_AddStringToObject(o, k, v);
    else cJSON_AddNullToObject(o, k);
}

int cmd_extract(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    int failures = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_text, stdout);
            return 0;
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *path = argv[i];
        size_t len;
        int too_big;
        char *s = read_all(path, &len, &too_big);
        if (!s) {
            fprintf(stderr, "%s: error: cannot read the file\n", path);
            failures++;
            continue;
        }
        if (too_big)
            fprintf(stderr, "%s: warning: longer than %u MB; the rest is not "
                    "read\n", path, EXTRACT_MAX_BYTES >> 20);
        dyad_extracted x;
        int html = looks_html(path, s, len);
        if (html) {
            dyad_status st = dyad_html_extract(s, len, &x);
            if (st) {
                fprintf(stderr, "%s: error: %s\n", path, dyad_strerror(st));
                free(s);
                failures++;
                continue;
            }
            if (x.flattened)
                fprintf(stderr, "%s: warning: markup nested too deeply to parse; "
                        "all of its text is kept\n", path);
        } else {
            memset(&x, 0, sizeof x);
            x.text = s;
            x.len = len;
            s = NULL;
        }
        char *id = doc_id(path);
        cJSON *o = cJSON_CreateObject();
        if (!o || !id) {
            fprintf(stderr, "%s: error: out of memory\n", path);
            failures++;
        } else {
            add(o, "id", id);
            add(o, "file", path);
            add(o, "kind", html ? "html" : "text");
            add(o, "title", x.title);
            add(o, "date", x.date);
            add(o, "outlet", x.outlet);
            add(o, "author", x.author);
            add(o, "url", x.url);
            add(o, "text", x.text);
            char *line = cJSON_PrintUnformatted(o);
            if (line) puts(line);
            else failures++;
            free(line);
        }
        cJSON_Delete(o);
        free(id);
        free(s);
        dyad_extracted_free(&x);
    }
    return failures ? 1 : 0;
}

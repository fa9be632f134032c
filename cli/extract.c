/*
 * extract.c - `dyad extract [FILE|DIR|-]...`: what dyad reads of each
 * document, one JSON object a line (id, file, line, title, date, outlet,
 * url, dateline place and agency, text). The outlet is the one the
 * document names, else its dateline's agency, as in the events. It goes through the same reader as `dyad code` (text, HTML
 * pages, JSONL with text or html, gzip and zstd files, directories,
 * encodings), so what it prints is exactly what gets coded.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: dyad extract [FILE|DIR|-]...\n"
    "Print what dyad reads of each document as one JSON object a line: id,\n"
    "file, line (JSONL), title, date, outlet, url, dateline (place, agency)\n"
    "and text (for a web page, its article). Inputs are read as `dyad code`\n"
    "reads them: text, HTML, JSONL (text or html fields), gzip or zstd files,\n"
    "directories. The outlet is the one the document names, else the agency\n"
    "of its dateline.\n";

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
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_text, stdout);
            return 0;
        }
    }
    cli_dicts dc;                       /* for the diagnostics printer */
    memset(&dc, 0, sizeof dc);
    size_t rejected = 0, failures = 0;
    for (int i = 1; i < argc; i++) {
        dyad_reader *r;
        if (dyad_reader_open(argv[i], DYAD_INPUT_AUTO, cli_diag, &dc, &r)) {
            failures++;
            continue;
        }
        dyad_doc doc;
        while (dyad_reader_next(r, &doc) == DYAD_OK) {
            cJSON *o = cJSON_CreateObject();
            char *text = malloc(doc.len + 1);
            if (!o || !text) {
                cJSON_Delete(o);
                free(text);
                failures++;
                break;
            }
            memcpy(text, doc.text, doc.len);
            text[doc.len] = '\0';
            char date[16];
            if (doc.date)
                snprintf(date, sizeof date, "%04d-%02d-%02d", doc.date / 10000,
                         doc.date / 100 % 100, doc.date % 100);
            add(o, "id", doc.id);
            add(o, "file", doc.origin);
            if (doc.origin_line) cJSON_AddNumberToObject(o, "line", (double)doc.origin_line);
            add(o, "title", doc.title);
            add(o, "date", doc.date ? date : NULL);
            dyad_dateline dl;
            int has_dl = dyad_find_dateline(doc.text, doc.len, &dl);
            char *place = has_dl ? strndup(doc.text + dl.place_from, dl.place_len) : NULL;
            char *agency = has_dl && dl.agency_len && !dl.agency
                               ? strndup(doc.text + dl.agency_from, dl.agency_len)
                               : NULL;
            const char *ag = dl.agency ? dl.agency : agency;
            add(o, "outlet", doc.outlet ? doc.outlet : ag);
            add(o, "url", doc.url);
            if (has_dl) {
                cJSON *d = cJSON_AddObjectToObject(o, "dateline");
                if (d) {
                    add(d, "place", place);
                    add(d, "agency", ag);
                }
            } else {
                cJSON_AddNullToObject(o, "dateline");
            }
            free(place);
            free(agency);
            add(o, "text", text);
            char *line = cJSON_PrintUnformatted(o);
            if (line) puts(line);
            else failures++;
            free(line);
            free(text);
            cJSON_Delete(o);
        }
        rejected += dyad_reader_rejected(r);
        dyad_reader_free(r);
    }
    return failures || rejected || dc.errors ? 1 : 0;
}

/*
 * fuzz_reader.c - libFuzzer harness for the reading and coding pipeline.
 * Each input is written to a temp file three times, as .txt, .jsonl and
 * .html (charsets, entities, clutter, pages), read
 * back with dyad_reader_open/next and every document is coded (and its
 * events formatted) against the built-in dictionaries compiled once in
 * LLVMFuzzerInitialize; the raw bytes are also coded as one dyad_doc.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dyad_dict *g_dict;
static dyad_coder *g_coder;      /* default options: documents read */
static dyad_coder *g_coder_all;  /* all events, new actors, text dates:
                                    the raw bytes */
static char g_tmpl[64];          /* "<tmp>/dyad-fuzz-XXXXXX" */

/* Touch every field so that a dangling pointer shows up under ASan. */
static void diag(void *ud, const dyad_diag *d)
{
    size_t *n = ud;
    if (d->file) *n += strlen(d->file);
    if (d->message) *n += strlen(d->message);
    *n += d->line + d->offset + (size_t)d->severity + (size_t)d->code;
}

static void cleanup(void)
{
    dyad_coder_free(g_coder);
    dyad_coder_free(g_coder_all);
    dyad_dict_free(g_dict);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *t = getenv("TMPDIR");
    snprintf(g_tmpl, sizeof g_tmpl, "%s/dyad-fuzz-XXXXXX",
             t && *t && strlen(t) < 40 ? t : "/tmp");

    dyad_dict_builder *b;
    if (dyad_dict_builder_new(&b)) abort();
    for (int k = 0; k < DYAD_DICT_KINDS; k++)
        if (dyad_dict_builder_add_builtin(b, (dyad_dict_kind)k)) abort();
    size_t ignored = 0;
    dyad_dict_options o = {NULL, diag, &ignored};
    size_t nerr = 0;
    if (dyad_dict_build(b, &o, &g_dict, &nerr) || !g_dict) abort();
    dyad_dict_builder_free(b);

    dyad_options opt;
    dyad_options_init(&opt);
    if (dyad_coder_new(g_dict, &opt, &g_coder)) abort();
    opt.code_by = DYAD_CODE_ALL;
    opt.dedup_per_doc = 0;
    opt.require_dyad = 0;
    opt.new_actor_length = 3;
    opt.text_dates = 1;
    opt.default_date = 20100615;
    if (dyad_coder_new(g_dict, &opt, &g_coder_all)) abort();
    atexit(cleanup);
    return 0;
}

static void code_one(dyad_coder *c, const dyad_doc *doc, size_t *sink)
{
    const dyad_result *res = NULL;
    dyad_status st = dyad_code_doc(c, doc, diag, sink, &res);
    if (st != DYAD_OK || !res) return;
    if (res->n_events && !res->events) abort();
    if (res->dateline) *sink += strlen(res->dateline);
    if (res->agency) *sink += strlen(res->agency);
    static char *buf;
    static size_t cap;
    for (size_t e = 0; e < res->n_events; e++) {   /* formats in turn */
        size_t len = 0;
        if (dyad_format_event((dyad_format)(e % 3), &res->events[e], &buf,
                              &len, &cap) == DYAD_OK)
            *sink += len;
    }
}

static void read_all(const char *path, size_t *sink)
{
    dyad_reader *r;
    if (dyad_reader_open(path, DYAD_INPUT_AUTO, diag, sink, &r)) return;
    dyad_doc doc;
    while (dyad_reader_next(r, &doc) == DYAD_OK) {
        if (!doc.id || (!doc.text && doc.len)) abort();
        code_one(g_coder, &doc, sink);
    }
    *sink += dyad_reader_rejected(r);
    dyad_reader_free(r);
}

static int write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return -1;
    }
    return fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t sink = 0;
    /* A fresh directory per input, removed before returning, so nothing is
     * left behind when libFuzzer ends a process without running atexit. */
    char dir[64], txt[96], jsonl[96], page[96];
    memcpy(dir, g_tmpl, sizeof dir);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    snprintf(txt, sizeof txt, "%s/doc.txt", dir);
    snprintf(jsonl, sizeof jsonl, "%s/docs.jsonl", dir);
    snprintf(page, sizeof page, "%s/page.html", dir);
    if (write_file(txt, data, size) == 0) read_all(txt, &sink);
    if (write_file(jsonl, data, size) == 0) read_all(jsonl, &sink);
    if (write_file(page, data, size) == 0) read_all(page, &sink);
    unlink(txt);
    unlink(jsonl);
    unlink(page);
    rmdir(dir);

    /* The raw bytes as one document, no repair: the library must cope. An
     * exact-size heap copy lets ASan see reads past the end. The text reader
     * above already coded (nearly) the same text with the default options,
     * so this uses the other coder: every event, new actors, text dates. */
    char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "raw";
    doc.text = copy;
    doc.len = size;
    doc.origin = "raw-input";
    doc.origin_line = 1;
    doc.title = "title";
    doc.outlet = "outlet";
    doc.url = "http://example.org/";
    code_one(g_coder_all, &doc, &sink);
    dyad_dateline dl;                 /* as `dyad extract` looks for it */
    if (dyad_find_dateline(copy, size, &dl)) {
        if (dl.place_from + dl.place_len > size ||
            dl.agency_from + dl.agency_len > size || dl.to > size)
            abort();
        sink += dl.place_len + dl.agency_len + (dl.agency ? strlen(dl.agency) : 0);
    }
    free(copy);
    return 0;
}

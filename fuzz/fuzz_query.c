/*
 * fuzz_query.c - libFuzzer harness for the store's query building: the
 * input, split at its first two newlines, becomes a full-text query, an
 * actor prefix and a place, and runs as dyad events and dyad series do
 * against an in-memory SQLite store holding a few events. Any input must
 * give a valid statement: a query error is a finding, as is a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "series.h"
#include "store.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static store *g_store;

static int count_event(void *ud, const store_event *e)
{
    size_t *n = ud;
    *n += strlen(e->source) + (e->sentence_text ? strlen(e->sentence_text) : 0);
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[700];
    g_store = store_open(":memory:", STORE_WRITE, err, sizeof err);
    dyad_dict_builder *b;
    dyad_dict *d;
    dyad_coder *c;
    dyad_options o;
    dyad_options_init(&o);
    if (!g_store || dyad_dict_builder_new(&b)) abort();
    for (int k = 0; k < DYAD_DICT_KINDS; k++)
        if (k != DYAD_DICT_ISSUES) dyad_dict_builder_add_builtin(b, (dyad_dict_kind)k);
    if (dyad_dict_build(b, NULL, &d, NULL) || dyad_coder_new(d, &o, &c)) abort();
    static const char text[] =
        "BAGHDAD (AFP) - Iran's foreign minister visited Baghdad on Monday. "
        "Syrian troops attacked Turkish forces near Aleppo. Egypt condemned "
        "Israel's \"raid\" - and urged talks.";
    dyad_doc doc = {.id = "d1", .text = text, .len = sizeof text - 1, .date = 20080303};
    const dyad_result *res;
    store_doc sd = {.key = "d1", .text = text, .len = sizeof text - 1,
                    .date = 20080303, .coded_with = "fuzz"};
    dyad_doc_hash(text, sizeof text - 1, sd.hash);
    int64_t id;
    if (dyad_code_doc(c, &doc, NULL, NULL, &res) || store_begin(g_store) ||
        store_put_doc(g_store, &sd, &id) || store_put_events(g_store, id, res) ||
        store_commit(g_store))
        abort();
    dyad_coder_free(c);
    dyad_dict_free(d);
    dyad_dict_builder_free(b);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = 0;
    char *fields[3] = {s, NULL, NULL};
    for (int k = 1; k < 3; k++) {
        char *nl = fields[k - 1] ? strchr(fields[k - 1], '\n') : NULL;
        if (nl) {
            *nl = 0;
            fields[k] = nl + 1;
        }
    }
    store_filter f;
    memset(&f, 0, sizeof f);
    f.text = fields[0];
    f.source = fields[1];
    f.place = fields[2];
    size_t n = 0;
    if (store_events(g_store, &f, count_event, &n)) {
        fprintf(stderr, "query failed: %s\n", store_error(g_store));
        abort();
    }
    f.text = NULL;
    f.either = fields[0];
    store_series_table t;
    if (store_series_build(g_store, &f, STORE_BY_MONTH, &t)) {
        fprintf(stderr, "series failed: %s\n", store_error(g_store));
        abort();
    }
    store_series_free(&t);
    free(s);
    return 0;
}

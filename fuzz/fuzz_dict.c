/*
 * fuzz_dict.c - libFuzzer harness for the dictionary loaders and tools. The
 * input is fed as dictionary text of each kind in turn (actors, agents,
 * verbs, discards, issues, verb forms) with dyad_dict_builder_add_text, next
 * to small fixed dictionaries of the other kinds, compiled with
 * dyad_dict_build (no cache); the result is checked (dyad_dict_check), a
 * fixed text is coded with it, and the input is looked up as a phrase
 * (dyad_dict_lookup).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small companions, so that the fuzzed kind meets the others when coding. */
static const char *const mini[DYAD_DICT_KINDS] = {
    [DYAD_DICT_ACTORS] =
        ("IRAN [IRN]\n+IRANIAN\n+TEHRAN\nIRAQ [IRQ]\n+IRAQI\n+BAGHDAD\n"
        "EGYPT [EGY]\nISRAEL [ISR]\n"
        "NOURI_AL-MALIKI\n\t[IRQGOV 20060520-20140908]\n\t[IRQELI]\n"),
    [DYAD_DICT_AGENTS] =
        ("!PERSON! = MAN, MEN, WOMAN, WOMEN\n"
        "GOVERNMENT [~GOV]\nMINISTER [~GOV]\nPOLICE {} [~COP]\n"
        "REBEL [~REB]\nBUSINESS!PERSON! [~BUS]\n"),
    [DYAD_DICT_VERBS] =
        ("&MILITARY\n+TROOPS\n+SOLDIERS\n\n"
        "--- ACCUSE [112] ---\nACCUSE\nBLAME\n"
        "- * + OF SUPPORTING { REBELS | MILITANTS } [1121]\n"
        "- * OF &MILITARY [1123]\n\n"
        "--- MEET [031:031] ---\nMEET {MEETS MET MEETING}\n+HOLD_TALKS\n"
        "- * WITH + [031:031]\n- $ * + IN TEHRAN [0311]\n"),
    [DYAD_DICT_DISCARDS] = ("+PREMIER_LEAGUE\nFOOTBALL_MATCH\n"),
    [DYAD_DICT_ISSUES] =
        ("<ISSUE CATEGORY=\"SECURITY\">\nn:rebel [REB]\nv:smuggle [SMG]\n"
        "~rebel+yell\n</ISSUE>\n"),
    [DYAD_DICT_FORMS] = ("MEET {MEETS MET MEETING}\nBLAME {BLAMES BLAMED BLAMING}\n"),
};

static void line_sink(void *ud, const char *line)
{
    size_t *n = ud;
    *n += strlen(line);
}

static const char text[] =
    "BAGHDAD, June 15 (Reuters) - Iran accused Iraq of supporting rebels on "
    "Monday. The Iraqi government met with Iranian ministers in Tehran, and "
    "Nouri al-Maliki blamed Egypt's police for the troops. Israel, Iran and "
    "Iraq held talks; rebels smuggled weapons, officials said.";

static void diag(void *ud, const dyad_diag *d)
{
    size_t *n = ud;
    if (d->file) *n += strlen(d->file);
    if (d->message) *n += strlen(d->message);
    *n += d->line + d->offset + (size_t)d->severity;
}

static void one_kind(dyad_dict_kind kind, const uint8_t *data, size_t size,
                     size_t *sink)
{
    dyad_dict_builder *b;
    if (dyad_dict_builder_new(&b)) return;
    for (int k = 0; k < DYAD_DICT_KINDS; k++) {
        if (k == (int)kind)
            dyad_dict_builder_add_text(b, kind, "fuzz.txt", (const char *)data,
                                       size);
        else
            dyad_dict_builder_add_text(b, (dyad_dict_kind)k, "mini.txt",
                                       mini[k], strlen(mini[k]));
    }
    dyad_dict_options o = {NULL, diag, sink};
    dyad_dict *d = NULL;
    size_t nerr = 0;
    dyad_status st = dyad_dict_build(b, &o, &d, &nerr);
    dyad_dict_builder_free(b);
    if (st != DYAD_OK || !d) return;
    dyad_dict_stats stats;
    dyad_dict_get_stats(d, &stats);
    size_t errors = 0, warnings = 0;
    dyad_dict_check(d, diag, sink, &errors, &warnings);
    size_t found = 0;
    dyad_dict_lookup(d, (const char *)data, size, 20100615, line_sink, sink,
                     &found);
    *sink += errors + warnings + found;

    dyad_options opt;
    dyad_options_init(&opt);
    opt.code_by = DYAD_CODE_ALL;
    opt.new_actor_length = 2;
    opt.default_date = 20100615;
    dyad_coder *c;
    if (dyad_coder_new(d, &opt, &c) == DYAD_OK) {
        dyad_doc doc;
        memset(&doc, 0, sizeof doc);
        doc.id = "fixed";
        doc.text = text;
        doc.len = sizeof text - 1;
        const dyad_result *res;
        if (dyad_code_doc(c, &doc, diag, sink, &res) == DYAD_OK) {
            char *buf = NULL;
            size_t len = 0, cap = 0;
            for (size_t e = 0; e < res->n_events; e++)
                dyad_format_event(DYAD_FORMAT_JSONL, &res->events[e], &buf,
                                  &len, &cap);
            free(buf);
            *sink += len + res->n_sentences;
        }
        dyad_sentence_status sst;
        if (dyad_code_sentence(c, text, 64, 20100615, &sst, &res) == DYAD_OK)
            *sink += res->n_events + (size_t)sst;
        dyad_coder_free(c);
    }
    dyad_dict_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t sink = 0;
    /* An exact-size copy so ASan sees reads past the end of the text. */
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    for (int k = 0; k < DYAD_DICT_KINDS; k++)
        one_kind((dyad_dict_kind)k, copy, size, &sink);
    free(copy);
    return 0;
}

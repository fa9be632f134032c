/*
 * test_alloc.c - allocation-failure torture (as curl and SQLite do): a
 * counting allocator fails allocation N, for N = 1, 2, ... until a run
 * needs no more, while building dictionaries and coding documents. Every
 * run must fail cleanly (an error status, no crash) and leave no block
 * allocated. malloc and friends are interposed here, so the test skips
 * under AddressSanitizer, which owns them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"
#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifndef UNDER_ASAN
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static long fail_at = -1, counted, live;
static int armed;

static int fail_now(void)
{
    if (!armed) return 0;
    return ++counted == fail_at;
}

void *malloc(size_t n)
{
    if (fail_now()) return NULL;
    void *p = __libc_malloc(n);
    if (p && armed) live++;
    return p;
}

void *calloc(size_t n, size_t m)
{
    if (fail_now()) return NULL;
    void *p = __libc_calloc(n, m);
    if (p && armed) live++;
    return p;
}

void *realloc(void *p, size_t n)
{
    if (fail_now()) return NULL;
    void *q = __libc_realloc(p, n);
    if (q && !p && armed) live++;
    return q;
}

void free(void *p)
{
    if (p && armed) live--;
    __libc_free(p);
}

static const char actors[] =
    "IRAN [IRN]\n+IRANIAN\nIRAQ [IRQ]\n+IRAQI\nAHMADINEJAD\n"
    "\t[IRNGOV 20050803-20130803]\n\t[IRNELI]\n";
static const char agents[] =
    "!PERSON! = MAN, MEN, WOMAN, WOMEN\nPRESIDENT [~GOV]\n"
    "MINISTER [~GOV]\nCONGRESS!PERSON! [~LEG]\nMSF {} [NGO~]\n";
static const char verbs[] =
    "&AID\n+AID\n+ASSISTANCE\n+HUMANITARIAN_&AID\n--- ACCUSE [112] ---\n"
    "ACCUSE\n- * + OF &AID [1121]\n- * + OF { SPYING | TREASON } [1125]\n"
    "- + WAS * BY $ [112]\n--- MEET [040:040] ---\nMEET {MEETS MET MEETING}\n"
    "+HOLD_TALKS {+HELD_TALKS +HOLDS_TALKS +HOLDING_TALKS}\n- % * [040]\n";
static const char discards[] = "+WORLD_CUP\nGOLD MEDAL\n";
static const char issues[] =
    "<ISSUE CATEGORY=\"ENERGY\" TYPE=\"ALL\">\nn:oil [OIL]\n~oil painting\n</ISSUE>\n";
static const char doc_text[] =
    "Thursday, November 24, 2005\n\nIranian President Mahmoud Ahmadinejad "
    "met Iraqi ministers. Iran accused Iraq of aid to rebels.\n";

static char jsonl_path[64];

/* Read and code the JSONL file: 0 on success. */
static int read_jsonl(dyad_coder *c)
{
    dyad_reader *r;
    if (dyad_reader_open(jsonl_path, DYAD_INPUT_AUTO, NULL, NULL, &r)) return -1;
    dyad_doc doc;
    const dyad_result *res;
    int rc = 0;
    while (dyad_reader_next(r, &doc) == DYAD_OK)
        if (dyad_code_doc(c, &doc, NULL, NULL, &res)) rc = -1;
    dyad_reader_free(r);
    return rc;
}

static void write_jsonl(void)
{
    snprintf(jsonl_path, sizeof jsonl_path, "/tmp/dyad-alloc-%ld.jsonl",
             (long)getpid());
    FILE *f = fopen(jsonl_path, "w");
    if (!f) return;
    fprintf(f, "{\"id\":\"a\",\"date\":\"2005-11-24\",\"text\":\"Iran and "
               "Iraq held talks. Congressmen accused MSF Iraq of spying.\"}\n");
    fprintf(f, "not json\n");
    fprintf(f, "{\"id\":\"b\",\"text\":\"Iraq was accused by Iran of "
               "humanitarian aid and oil smuggling.\"}\n");
    fprintf(f, "{\"id\":\"c\",\"text\":\"");   /* long: the arena grows */
    for (int k = 0; k < 400; k++)
        fprintf(f, "Iranian President Mahmoud Ahmadinejad met Iraqi ministers. ");
    fprintf(f, "\"}\n");
    /* more tokens than bytes / 3: the token array grows inside the
     * tokenizer's fast path */
    fprintf(f, "{\"id\":\"d\",\"text\":\"Iran met Iraq");
    for (int k = 0; k < 300; k++) fprintf(f, ",a");
    fprintf(f, ".\"}\n");
    fclose(f);
}

/* One run: 0 when everything succeeded, 1 when an error came back. */
static int one_run(void)
{
    dyad_dict_builder *b = NULL;
    dyad_dict *d = NULL;
    dyad_coder *c = NULL;
    int failed = 1;
    if (dyad_dict_builder_new(&b)) goto out;
    if (dyad_dict_builder_add_text(b, DYAD_DICT_ACTORS, "a", actors, strlen(actors)) ||
        dyad_dict_builder_add_text(b, DYAD_DICT_AGENTS, "g", agents, strlen(agents)) ||
        dyad_dict_builder_add_text(b, DYAD_DICT_VERBS, "v", verbs, strlen(verbs)) ||
        dyad_dict_builder_add_text(b, DYAD_DICT_DISCARDS, "d", discards,
                                   strlen(discards)) ||
        dyad_dict_builder_add_text(b, DYAD_DICT_ISSUES, "i", issues, strlen(issues)))
        goto out;
    dyad_dict_options opt = {NULL, NULL, NULL};
    if (dyad_dict_build(b, &opt, &d, NULL)) goto out;
    if (dyad_coder_new(d, NULL, &c)) goto out;
    dyad_doc doc = {"t", doc_text, sizeof doc_text - 1, 0, NULL, NULL, NULL,
                    NULL, 0};
    const dyad_result *res;
    for (int k = 0; k < 3; k++)
        if (dyad_code_doc(c, &doc, NULL, NULL, &res)) goto out;
    if (read_jsonl(c)) goto out;
    failed = 0;
out:
    dyad_coder_free(c);
    dyad_dict_free(d);
    dyad_dict_builder_free(b);
    return failed;
}

int main(void)
{
    write_jsonl();
    armed = 1;
    counted = 0;
    fail_at = -1;
    CHECK_INT(one_run(), 0);
    long total = counted;
    CHECK_INT(live, 0);
    printf("a full run makes %ld allocations\n", total);
    for (long n = 1; n <= total; n++) {
        counted = 0;
        live = 0;
        fail_at = n;
        int r = one_run();
        if (live != 0) {
            fprintf(stderr, "failing allocation %ld: %ld blocks leaked\n", n, live);
            test_failures++;
        }
        (void)r;
        test_checks++;
    }
    armed = 0;
    remove(jsonl_path);
    return test_summary("test_alloc");
}
#else
int main(void)
{
    printf("SKIPPED: allocation torture needs the plain allocator (not ASan)\n");
    return 77;
}
#endif

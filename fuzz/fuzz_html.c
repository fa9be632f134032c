/*
 * fuzz_html.c - libFuzzer harness for the HTML extractor: the input is a
 * web page given to dyad_html_extract() (pre-stripping, gumbo's parse, the
 * tree walk, JSON-LD and meta reading), and the text found is checked to
 * be a NUL-terminated string of the length reported.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy so ASan sees reads past the end of the page */
    char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    dyad_extracted x;
    if (dyad_html_extract(copy, size, &x) == DYAD_OK) {
        if (!x.text || strlen(x.text) != x.len) abort();
        dyad_extracted_free(&x);
    }
    free(copy);
    return 0;
}

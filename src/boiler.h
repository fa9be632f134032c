/*
 * boiler.h - clutter in scraped plain text (boiler.c): the byte spans of a
 * text that are not its article, its title, the outlet an attribution
 * names and the agency a wire credit names.
 */
#ifndef DYAD_BOILER_H
#define DYAD_BOILER_H

#include "base.h"

typedef struct dyad__boiler {
    uint32_t (*spans)[2];        /* [from, to) of dropped units, in order */
    size_t n, cap;
    size_t outlet_from, outlet_len;   /* in the text; len 0: none named */
    const char *agency;          /* a wire credit's agency ("(AFP)", "Reporting
                                    by ...; Editing by ..."), static */
    size_t title_from, title_len;     /* the title kept; len 0: none */
} dyad__boiler;

/* Find the clutter of text s (n bytes, UTF-8). Free with
 * dyad__boiler_free(). DYAD_ENOMEM on failure. */
dyad_status dyad__boilerplate(const char *s, size_t n, dyad__boiler *out);
void dyad__boiler_free(dyad__boiler *b);

#endif /* DYAD_BOILER_H */

/*
 * sentence.h - splitting a document into sentences.
 *
 * Lines become paragraphs (each line of scraped text is one, unless the
 * document is hard-wrapped prose, where only blank lines separate them).
 * Inside a paragraph a sentence ends at . ! ? (with any closing quotes)
 * followed by a capital, digit or opening quote, except after known
 * abbreviations (Mr., Gen., Jan.), initials (George W.) and U.S.-style
 * initialisms followed by a lower-case or ordinary word. A dateline opening
 * a paragraph ("TEHRAN, Aug 9 (AFP):", "BAGHDAD (Reuters) -") is cut off and
 * reported with its place and agency.
 */
#ifndef DYAD_SENTENCE_H
#define DYAD_SENTENCE_H

#include "base.h"

typedef struct dyad__sent {
    uint32_t from, to;        /* byte span in the document */
    uint32_t para;            /* paragraph number, 0-based */
} dyad__sent;

typedef struct dyad__dateline {
    uint32_t from, to;        /* the whole dateline span; to = 0: none */
    uint32_t place_from, place_to;
    uint32_t agency_from, agency_to;
} dyad__dateline;

/* Split text[0, len) skipping the byte ranges in skip[] (date lines found
 * by metadata.c). Sentences go to the arena. */
dyad_status dyad__split(dyad__arena *a, const char *text, size_t len,
                        const uint32_t (*skip)[2], size_t n_skip,
                        dyad__sent **out, size_t *n, dyad__dateline *dl);

/* A dateline opens one of the first paragraphs of a story (after a title
 * and a subtitle, say), never a later one. */
#define DYAD__DATELINE_PARAS 4

/* The dateline of a text: at the start of one of its first paragraphs,
 * skipped ranges left out. Returns 1 and fills *dl, else 0 (dl zeroed). */
int dyad__first_dateline(const char *text, size_t len,
                         const uint32_t (*skip)[2], size_t n_skip,
                         dyad__dateline *dl);

/* Find a dateline at text[from, to); returns 1 and fills *dl when found. */
int dyad__find_dateline(const char *text, size_t from, size_t to,
                        dyad__dateline *dl);

/* Hard-wrapped prose: most lines run 40-90 bytes and end mid-sentence, so
 * that only blank lines separate paragraphs. */
int dyad__looks_wrapped(const char *s, size_t len);

#endif /* DYAD_SENTENCE_H */

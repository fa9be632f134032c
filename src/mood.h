/*
 * mood.h - is a coded verb an act the report asserts, a pledge or threat,
 * a refusal, or no act at all ("did not attack", "may attack")? And the
 * CAMEO code each of these gives (mood.c). Used by code.c for every verb
 * that yields a code, with any dictionary.
 */
#ifndef DYAD_MOOD_H
#define DYAD_MOOD_H

#include "sent.h"

typedef enum dyad__mood {
    DYAD__MOOD_ASSERTED = 0,  /* "attacked", "has met": the act */
    DYAD__MOOD_PLEDGED,       /* "vowed to help", "will attack", "plans to" */
    DYAD__MOOD_REFUSED,       /* "refused to help", "will not meet" */
    DYAD__MOOD_UNREPORTED     /* "did not attack", "failed to", "may" */
} dyad__mood;

/* The mood of the verb at live position vfrom of a clause (live: its
 * token indices), from the words before it; *span_from gets the first
 * token of the words that decided it (the verb's own when none). */
dyad__mood dyad__verb_mood(const dyad__sctx *s, const uint32_t *live,
                           size_t vfrom, uint32_t *span_from);

/* The event code for an act coded `code` in a mood: the code itself, the
 * matching pledge or threat (CAMEO 03, 13), the matching rejection (12),
 * or NULL for no event. Returned strings are static or `code`. */
const char *dyad__mood_code(dyad__mood mood, const char *code);

/* A modal that makes a verb something other than an act done: will,
 * would, may, might, could, can, should, must... (not has, did). */
int dyad__is_modal(const dyad__tok *t);

/* Is the word an adverb-like filler that tells nothing ("also", "still",
 * "-ly" words), passed over before a verb? */
int dyad__filler_word(const dyad__tok *t);

/* "asserted", "refused" ... for traces. */
const char *dyad__mood_name(dyad__mood mood);

#endif /* DYAD_MOOD_H */

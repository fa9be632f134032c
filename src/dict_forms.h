/*
 * dict_forms.h - the verb forms table read from `LEMMA {FORMS}` files
 * (dict_forms.c) and consulted by the verbs reader (dict_verbs.c).
 */
#ifndef DYAD_DICT_FORMS_H
#define DYAD_DICT_FORMS_H

#include "dict.h"

/* Read a forms file into b->forms (created on first use). */
void dyad__read_forms(dyad__builder *b, const char *text, size_t len);
/* The forms of an upper-case verb word, space-separated and upper-case,
 * *len bytes (not NUL-terminated at *len: stop there); NULL when the table
 * lacks the word. The memory belongs to b->forms and lives until
 * dyad__forms_free() at the end of the compile. */
const char *dyad__forms_find(const dyad__builder *b, const char *w, size_t n,
                             size_t *len);
void dyad__forms_free(dyad__forms *f);

#endif /* DYAD_DICT_FORMS_H */

/*
 * dict_verbs.h - the verb dictionary reader's entry points used by the
 * builder: event-code parsing (shared with the misc readers) and the final
 * pass that orders patterns and builds synset tries.
 */
#ifndef DYAD_DICT_VERBS_H
#define DYAD_DICT_VERBS_H

#include "dict.h"

/* Parse the inside of an event code bracket: "0256", "032:033", ":033",
 * "023?", "111!", "---", "###", "+++". -1 (reported) when malformed. */
int dyad__parse_codespec(dyad__builder *b, unsigned long line, const char *s,
                         size_t n, dyad__codespec *out);

/* Add the forms listed inside {...} to a verb. */
void dyad__verbs_add_forms(dyad__builder *b, unsigned long line,
                           const char *forms, size_t fn, dyad__dialect dia,
                           uint32_t verb);

/* Record that pattern pi belongs to block bi. */
void dyad__verbs_attach_pattern(dyad__builder *b, uint32_t bi, uint32_t pi);

/* After all files: pattern order per block, synset tries, undefined synset
 * reports; frees the reader state. */
void dyad__verbs_finish(dyad__builder *b);

#endif /* DYAD_DICT_VERBS_H */

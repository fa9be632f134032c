/*
 * dict_actors.h - helpers of the actor reader shared with the agent and
 * misc readers: code restrictions and phrase insertion with TABARI's regular
 * endings.
 */
#ifndef DYAD_DICT_ACTORS_H
#define DYAD_DICT_ACTORS_H

#include "dict.h"

/* Parse the inside of [...] ("IRQGOV >20050407", "---", "A/B") into *out;
 * codes are appended to the image. -1 (reported) when malformed. */
int dyad__parse_restriction(dyad__builder *b, unsigned long line,
                            const char *s, size_t n, dyad__restr *out);

/* Parse a phrase and insert it under root with the given payload value;
 * reports duplicates as `what`. */
void dyad__actor_insert(dyad__builder *b, uint32_t root, const char *text,
                        size_t n, unsigned long line, dyad__dialect dia,
                        uint32_t value, const char *what);

#endif /* DYAD_DICT_ACTORS_H */

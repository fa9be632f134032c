/*
 * dict_lines.h - reading dictionary files line by line.
 *
 * Strips the comment styles of both dialects (TABARI `;` and line-initial
 * `#` or `/`, PETRARCH `#` and `<!-- -->` blocks), stops at TABARI's
 * ~~FINISH, rejects lines that are too long or not valid UTF-8 (with a
 * message naming the line), and tells which dialect a file is written in.
 * Used by every per-kind reader (dict_actors.c, dict_agents.c, ...).
 */
#ifndef DYAD_DICT_LINES_H
#define DYAD_DICT_LINES_H

#include "dict.h"

typedef struct dyad__dline {
    const char *s;          /* content, comments removed, trimmed */
    size_t n;
    unsigned long line;     /* 1-based */
    int indented;           /* the raw line began with a space or a tab */
} dyad__dline;

typedef struct dyad__dlines {
    const char *p, *end;
    unsigned long line;
    dyad__dialect dia;
    int in_comment;         /* inside a multi-line <!-- --> */
    int finished;           /* ~~FINISH seen */
    char buf[DYAD_MAX_DICT_LINE + 1];
} dyad__dlines;

/* Detect the dialect of a whole file from its comment and block styles. */
dyad__dialect dyad__detect_dialect(const char *text, size_t len);

/* A line reader over text, allocated (its line buffer is large): NULL with
 * b->oom set when memory runs out. Free it with free(). */
dyad__dlines *dyad__dlines_open(dyad__builder *b, const char *text, size_t len,
                                dyad__dialect dia);
/* Next non-empty content line; 0 at the end of the file. */
int dyad__dlines_next(dyad__builder *b, dyad__dlines *it, dyad__dline *out);

/* Helpers for readers. */
static inline int dyad__is_space(char c) { return c == ' ' || c == '\t'; }
/* Trim spaces at both ends of [*s, *s + *n). */
void dyad__trim(const char **s, size_t *n);
/* Find the first [...] group at or after s; returns 1 with the inside in
 * (*in, *inn) and the position after `]` in *after. */
int dyad__bracket(const char *s, size_t n, const char **in, size_t *inn,
                  const char **after);
/* Copy to an upper-case, NUL-terminated buffer; returns length or -1 if it
 * does not fit. */
int dyad__upper_copy(const char *s, size_t n, char *out, size_t cap);

#endif /* DYAD_DICT_LINES_H */

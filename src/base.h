/*
 * base.h - small shared pieces of the library: the per-document arena, a
 * growable byte buffer with a ceiling, growable arrays, hashing and
 * diagnostics plumbing.
 *
 * The arena owns every token, span, match and event of one document and is
 * reset in one step when the next document starts (yyjson's pool, lexbor's
 * mraw). Nothing here keeps global state.
 */
#ifndef DYAD_BASE_H
#define DYAD_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dyad.h"
#include "limits.h"

#define DYAD_UNUSED(x) ((void)(x))
#define DYAD_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ arena */

typedef struct dyad__arena_chunk dyad__arena_chunk;

typedef struct dyad__arena {
    dyad__arena_chunk *head;  /* newest chunk first */
    size_t total;             /* bytes held in all chunks */
    size_t limit;             /* ceiling on total; 0 = DYAD_MAX_ARENA_BYTES */
} dyad__arena;

void dyad__arena_init(dyad__arena *a);
/* 16-byte aligned memory, valid until reset/free; NULL on failure or when
 * the ceiling is reached. */
void *dyad__arena_alloc(dyad__arena *a, size_t n);
void *dyad__arena_calloc(dyad__arena *a, size_t n);
char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t n);
/* Forget everything; keeps the largest chunk for reuse. */
void dyad__arena_reset(dyad__arena *a);
void dyad__arena_free(dyad__arena *a);

/* ----------------------------------------------------------------- buffer */

typedef struct dyad__buf {
    char *p;          /* malloc'ed, NUL-terminated when len > 0 */
    size_t len, cap;
    size_t limit;     /* 0 = no ceiling beyond SIZE_MAX/2 */
} dyad__buf;

void dyad__buf_init(dyad__buf *b, size_t limit);
dyad_status dyad__buf_reserve(dyad__buf *b, size_t extra);
dyad_status dyad__buf_put(dyad__buf *b, const void *p, size_t n);
dyad_status dyad__buf_putc(dyad__buf *b, char c);
dyad_status dyad__buf_puts(dyad__buf *b, const char *s);
dyad_status dyad__buf_printf(dyad__buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dyad__buf_free(dyad__buf *b);

/* Grow a malloc'ed array *pp of *cap elements of size sz to hold need
 * elements; doubles. Returns DYAD_ENOMEM or DYAD_ELIMIT on failure. */
dyad_status dyad__grow(void **pp, size_t *cap, size_t need, size_t sz);
#define DYAD_GROW(arr, cap, need) \
    dyad__grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* ---------------------------------------------------------------- hashing */

uint64_t dyad__hash(const void *p, size_t n, uint64_t seed);

/* ------------------------------------------------------------ diagnostics */

typedef struct dyad__diag_sink {
    dyad_diag_fn fn;
    void *ud;
    size_t errors, warnings;
} dyad__diag_sink;

/* Format and deliver a diagnostic; counts it. */
void dyad__diagf(dyad__diag_sink *s, dyad_severity sev, dyad_status code,
                 const char *file, unsigned long line, unsigned long offset,
                 const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* ------------------------------------------------------------------ dates */

/* Days in the proleptic Gregorian calendar for validation. */
int dyad__date_valid(int y, int m, int d);
/* Six- or eight-digit dictionary date -> YYYYMMDD, or 0 when invalid.
 * Six digits: YY 00-29 means 20YY, 30-99 means 19YY. */
int dyad__dict_date(const char *s, size_t n);

#endif /* DYAD_BASE_H */

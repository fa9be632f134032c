/*
 * limits.h - every ceiling of the library in one place.
 *
 * Each growable buffer or count has a ceiling here; reaching one is reported
 * as DYAD_ELIMIT with a message, never a silent truncation. Each value can be
 * overridden at build time with -DNAME=value.
 */
#ifndef DYAD_LIMITS_H
#define DYAD_LIMITS_H

/* Largest document (bytes of text) the coder accepts. */
#ifndef DYAD_MAX_DOC_BYTES
#define DYAD_MAX_DOC_BYTES (32u << 20)
#endif

/* Largest single input line read by the JSONL reader. Longer lines are
 * reported and skipped. */
#ifndef DYAD_MAX_LINE_BYTES
#define DYAD_MAX_LINE_BYTES (48u << 20)
#endif

/* Largest dictionary file. */
#ifndef DYAD_MAX_DICT_FILE_BYTES
#define DYAD_MAX_DICT_FILE_BYTES (256u << 20)
#endif

/* HTML nested deeper than this (counted on the raw markup) is flattened to
 * its text instead of parsed: gumbo frees its tree recursively. */
#ifndef DYAD_MAX_HTML_DEPTH
#define DYAD_MAX_HTML_DEPTH 2000
#endif

/* HTML with more start tags than this is flattened to its text too: gumbo
 * cannot fail softly when its tree outgrows the arena (about 140 bytes a
 * node; news pages have a few thousand tags). */
#ifndef DYAD_MAX_HTML_TAGS
#define DYAD_MAX_HTML_TAGS 400000
#endif

/* Longest dictionary line; longer lines are rejected with a message. */
#ifndef DYAD_MAX_DICT_LINE
#define DYAD_MAX_DICT_LINE 8192
#endif

/* Most words in one dictionary phrase or pattern. */
#ifndef DYAD_MAX_PHRASE_WORDS
#define DYAD_MAX_PHRASE_WORDS 64
#endif

/* Most tokens coded as one sentence; longer sentences are coded in pieces
 * of this size, with a warning. */
#ifndef DYAD_MAX_SENTENCE_TOKENS
#define DYAD_MAX_SENTENCE_TOKENS 400
#endif

/* Most events from one sentence (compound actors multiply). */
#ifndef DYAD_MAX_SENTENCE_EVENTS
#define DYAD_MAX_SENTENCE_EVENTS 256
#endif

/* Most bytes one document's arena may hold. */
#ifndef DYAD_MAX_ARENA_BYTES
#define DYAD_MAX_ARENA_BYTES (512u << 20)
#endif

/* Most entries in any one compiled table (words, nodes, patterns...). */
#ifndef DYAD_MAX_TABLE_ENTRIES
#define DYAD_MAX_TABLE_ENTRIES (1u << 28)
#endif

/* Actors of a document's earlier sentences remembered for definite
 * descriptions ("the president", "the two countries"). */
#ifndef DYAD_MAX_RECENT_ACTORS
#define DYAD_MAX_RECENT_ACTORS 32
#endif

/* Deepest directory nesting walked by the reader. */
#ifndef DYAD_MAX_DIR_DEPTH
#define DYAD_MAX_DIR_DEPTH 64
#endif

#endif /* DYAD_LIMITS_H */

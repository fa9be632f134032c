/*
 * utf8.h - UTF-8 checking, decoding and the word normalization used to match
 * text against dictionaries: upper case, diacritics removed (as TABARI
 * does), typographic apostrophes folded to '. ASCII takes a fast path;
 * other scripts go through utf8proc.
 */
#ifndef DYAD_UTF8_H
#define DYAD_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Index of the first byte that is not part of valid UTF-8, or n. */
size_t dyad__utf8_check(const char *s, size_t n);

/* Decode one code point at s[0..n); returns its length (>= 1) and stores
 * the code point, or U+FFFD with length 1 for an invalid byte. */
size_t dyad__utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* Encode cp into out (4 bytes room); returns length. */
size_t dyad__utf8_encode(int32_t cp, char *out);

/* Normalize a word for dictionary lookup into out (cap bytes). Returns the
 * length, or 0 if it does not fit. */
size_t dyad__norm_word(const char *s, size_t n, char *out, size_t cap);

/* Unicode classes the tokenizer needs. */
int dyad__cp_is_letter(int32_t cp);
int dyad__cp_is_upper(int32_t cp);
int dyad__cp_is_space(int32_t cp);

#endif /* DYAD_UTF8_H */

/*
 * encoding.h - what a file's bytes are before it is read as UTF-8
 * (encoding.c): binary data, a UTF-16 byte-order mark, a charset an HTML
 * page declares, a legacy 8-bit text; and the conversions to UTF-8 (iconv
 * from the C library for declared charsets, a built-in Windows-1252
 * table otherwise).
 */
#ifndef DYAD_ENCODING_H
#define DYAD_ENCODING_H

#include "base.h"

/* Binary data rather than text: many NULs or control bytes, or some
 * control bytes among mostly broken UTF-8. */
int dyad__looks_binary(const char *s, size_t n);

/* Text in Windows-1252 (or Latin-1) rather than UTF-8: stand-alone high
 * bytes outnumber valid multi-byte sequences four to one. */
int dyad__legacy_8bit(const char *s, size_t n);

/* Append s[0, n) read as Windows-1252 to b as UTF-8 (NUL becomes a
 * space). */
dyad_status dyad__put_cp1252(dyad__buf *b, const char *s, size_t n);

/* "UTF-16LE" or "UTF-16BE" when s opens with that byte-order mark (the
 * mark's 2 bytes are not text), else NULL. */
const char *dyad__utf16_bom(const char *s, size_t n);

/* The charset an HTML or XML document declares in its first 4 KB
 * (<meta charset=...>, <meta http-equiv="Content-Type" content="...;
 * charset=...">, <?xml ... encoding="..."?>), lower case, into name[cap].
 * Returns 1 when one is declared. */
int dyad__declared_charset(const char *s, size_t n, char *name, size_t cap);

/* Is the charset name one of UTF-8's? (utf-8, utf8, us-ascii: ASCII is
 * UTF-8.) */
int dyad__charset_is_utf8(const char *name);

/* Convert s[0, n) from charset to UTF-8 into b (replacing its contents).
 * Bytes that are not valid in the charset become U+FFFD and are counted
 * in *bad. DYAD_EINVAL when the C library does not know the charset,
 * DYAD_ELIMIT/ENOMEM when the result does not fit. */
dyad_status dyad__transcode(const char *charset, const char *s, size_t n,
                            dyad__buf *b, size_t *bad);

/* Decode the character references left in scraped text ("&amp;",
 * "&quot;", "&#8217;", "&#x2014;", "&eacute;") in place; a no-break space
 * becomes a space. References dyad does not know stay as written. Returns
 * the new length (never longer). */
size_t dyad__decode_entities(char *p, size_t n);

#endif /* DYAD_ENCODING_H */

/*
 * utf8.c - UTF-8 validation, decoding and word normalization (see utf8.h).
 */
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

size_t dyad__utf8_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        /* ASCII eight bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t k = dyad__utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1 &&
            !(n - i >= 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD))
            return i;
        i += k;
    }
    return n;
}

size_t dyad__utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t len;
    int32_t v, min;
    if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; min = 0x10000; }
    else { *cp = 0xFFFD; return 1; }
    if (n < len) { *cp = 0xFFFD; return 1; }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

size_t dyad__utf8_encode(int32_t cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#define NO_ROOM ((size_t)-1)

/* Fold one non-ASCII code point: apostrophes to ', letters to their upper
 * case base letter without marks (a combining mark folds to nothing).
 * Returns the bytes written, or NO_ROOM. */
static size_t norm_cp(int32_t cp, char *out, size_t room)
{
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032) {
        if (room < 1) return NO_ROOM;
        out[0] = '\'';
        return 1;
    }
    utf8proc_int32_t buf[8];
    int opts = UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_COMPAT;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, buf, 8, opts, NULL);
    if (k < 0 || k > 8) { buf[0] = cp; k = 1; }
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; i < k; i++) {
        int32_t u = utf8proc_toupper(buf[i]);
        char tmp[4];
        size_t m = dyad__utf8_encode(u, tmp);
        if (o + m > room) return NO_ROOM;
        memcpy(out + o, tmp, m);
        o += m;
    }
    return o;
}

size_t dyad__norm_word(const char *str, size_t n, char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (o + 1 > cap) return 0;
            out[o++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            i++;
            continue;
        }
        int32_t cp;
        size_t k = dyad__utf8_decode(s + i, n - i, &cp);
        size_t m = norm_cp(cp, out + o, cap - o);
        if (m == NO_ROOM) return 0;
        o += m;
        i += k;
    }
    return o;
}

int dyad__cp_is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

int dyad__cp_is_upper(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

int dyad__cp_is_space(int32_t cp)
{
    if (cp == 0xA0 || cp == 0x2009 || cp == 0x200A || cp == 0x2002 ||
        cp == 0x2003 || cp == 0x202F || cp == 0x3000 || cp == 0x2028 ||
        cp == 0x2029 || cp == 0x85)
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS;
}

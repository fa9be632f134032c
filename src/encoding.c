/*
 * encoding.c - telling text from binary data and legacy encodings from
 * UTF-8, finding a declared charset, and converting to UTF-8 (see
 * encoding.h). Declared charsets go through iconv(3), which the C library
 * provides for every charset web pages use (windows-1251, koi8-r,
 * shift_jis, gb18030, euc-kr, iso-8859-x...).
 */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>

#include "utf8.h"

int dyad__looks_binary(const char *s, size_t n)
{
    size_t m = n < 8192 ? n : 8192, ctrl = 0, nul = 0, bad = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) nul++;
        else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            ctrl++;
    }
    for (size_t i = 0; i < m;) {   /* bytes that are not UTF-8 */
        size_t k = dyad__utf8_check(s + i, m - i);
        i += k;
        if (i < m) {
            bad++;
            i++;
        }
    }
    /* a stray NUL in text is repaired; many NULs or control bytes mean
     * binary data, and so do some control bytes among mostly broken UTF-8
     * (text in a legacy encoding has the latter but not the former) */
    if (!m) return 0;
    if (nul > 8 && nul * 100 > m) return 1;
    if ((nul + ctrl) * 10 > m) return 1;
    return (nul + ctrl) * 50 > m && bad * 4 > m;
}

/* Windows-1252's high bytes stand alone where UTF-8's come in sequences. */
int dyad__legacy_8bit(const char *s, size_t n)
{
    size_t bad = 0, good = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t k = dyad__utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1) bad++;
        else good++;
        i += k ? k : 1;
    }
    return bad > 0 && bad > 4 * good;
}

/* Windows-1252's 0x80-0x9F (the rest of its upper half is Latin-1). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

dyad_status dyad__put_cp1252(dyad__buf *b, const char *s, size_t n)
{
    if (n > SIZE_MAX / 4) return DYAD_ELIMIT;
    dyad_status st = dyad__buf_reserve(b, n * 3);
    if (st) return st;
    char *u = b->p + b->len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) *u++ = ' ';
        else u += dyad__utf8_encode(c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80] : c, u);
    }
    b->len = (size_t)(u - b->p);
    b->p[b->len] = '\0';
    return DYAD_OK;
}

const char *dyad__utf16_bom(const char *s, size_t n)
{
    if (n < 2) return NULL;
    unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];
    if (a == 0xFF && b == 0xFE) return "UTF-16LE";
    if (a == 0xFE && b == 0xFF) return "UTF-16BE";
    return NULL;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Case-insensitive search for an ASCII needle in s[0, n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++) {
        size_t j = 0;
        while (j < m && lower((unsigned char)s[i + j]) == needle[j]) j++;
        if (j == m) return s + i;
    }
    return NULL;
}

int dyad__declared_charset(const char *s, size_t n, char *name, size_t cap)
{
    if (n > 4096) n = 4096;
    const char *p = find_ci(s, n, "charset");
    size_t skip = 7;
    const char *x = p ? NULL : find_ci(s, n, "<?xml");
    if (x) {
        p = find_ci(x, n - (size_t)(x - s), "encoding");
        skip = 8;
    }
    if (!p || cap < 2) return 0;
    const char *e = s + n;
    p += skip;
    while (p < e && (*p == ' ' || *p == '\t')) p++;
    if (p >= e || *p != '=') return 0;
    p++;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')) p++;
    size_t k = 0;
    while (p < e && k + 1 < cap &&
           ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' ||
            *p == ':'))
        name[k++] = (char)lower((unsigned char)*p++);
    name[k] = '\0';
    return k > 0;
}

int dyad__charset_is_utf8(const char *name)
{
    return !strcmp(name, "utf-8") || !strcmp(name, "utf8") ||
           !strcmp(name, "us-ascii") || !strcmp(name, "ascii");
}

dyad_status dyad__transcode(const char *charset, const char *s, size_t n,
                            dyad__buf *b, size_t *bad)
{
    *bad = 0;
    /* web pages that say Latin-1 mean Windows-1252 (so do browsers) */
    if (!strcmp(charset, "iso-8859-1") || !strcmp(charset, "latin1") ||
        !strcmp(charset, "iso8859-1") || !strcmp(charset, "us-ascii"))
        charset = "WINDOWS-1252";
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1) return DYAD_EINVAL;
    b->len = 0;
    dyad_status st = DYAD_OK;
    char *in = (char *)s;
    size_t left = n;
    while (left && !st) {
        if ((st = dyad__buf_reserve(b, left * 2 + 16)) != DYAD_OK) break;
        char *out = b->p + b->len;
        size_t room = b->cap - b->len - 1;
        size_t rc = iconv(cd, &in, &left, &out, &room);
        b->len = (size_t)(out - b->p);
        if (rc != (size_t)-1) break;
        if (errno == E2BIG) continue;
        /* an invalid or cut-off sequence: one byte becomes U+FFFD */
        (*bad)++;
        if ((st = dyad__buf_put(b, "\xEF\xBF\xBD", 3)) != DYAD_OK) break;
        in++;
        left--;
    }
    if (!st) {
        char *out, *p;
        size_t room;
        if ((st = dyad__buf_reserve(b, 16)) == DYAD_OK) {   /* flush state */
            p = out = b->p + b->len;
            room = b->cap - b->len - 1;
            iconv(cd, NULL, NULL, &out, &room);
            b->len += (size_t)(out - p);
            b->p[b->len] = '\0';
        }
    }
    iconv_close(cd);
    return st;
}

/* Named character references scraped text still carries: markup, spaces,
 * quotes and dashes, and the Latin-1 letters of names. */
static const struct { const char *name; uint16_t cp; } named_refs[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
    {"nbsp", 0xA0}, {"ensp", 0x2002}, {"emsp", 0x2003}, {"thinsp", 0x2009},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"laquo", 0xAB}, {"raquo", 0xBB},
    {"hellip", 0x2026}, {"bull", 0x2022}, {"middot", 0xB7}, {"copy", 0xA9},
    {"reg", 0xAE}, {"trade", 0x2122}, {"deg", 0xB0}, {"euro", 0x20AC},
    {"pound", 0xA3}, {"yen", 0xA5}, {"cent", 0xA2}, {"sect", 0xA7},
    {"para", 0xB6}, {"times", 0xD7}, {"divide", 0xF7}, {"frac12", 0xBD},
    {"shy", 0xAD}, {"zwnj", 0x200C}, {"zwj", 0x200D},
    {"Agrave", 0xC0}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Atilde", 0xC3},
    {"Auml", 0xC4}, {"Aring", 0xC5}, {"AElig", 0xC6}, {"Ccedil", 0xC7},
    {"Egrave", 0xC8}, {"Eacute", 0xC9}, {"Ecirc", 0xCA}, {"Euml", 0xCB},
    {"Igrave", 0xCC}, {"Iacute", 0xCD}, {"Icirc", 0xCE}, {"Iuml", 0xCF},
    {"Ntilde", 0xD1}, {"Ograve", 0xD2}, {"Oacute", 0xD3}, {"Ocirc", 0xD4},
    {"Otilde", 0xD5}, {"Ouml", 0xD6}, {"Oslash", 0xD8}, {"Ugrave", 0xD9},
    {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Uuml", 0xDC}, {"Yacute", 0xDD},
    {"szlig", 0xDF}, {"agrave", 0xE0}, {"aacute", 0xE1}, {"acirc", 0xE2},
    {"atilde", 0xE3}, {"auml", 0xE4}, {"aring", 0xE5}, {"aelig", 0xE6},
    {"ccedil", 0xE7}, {"egrave", 0xE8}, {"eacute", 0xE9}, {"ecirc", 0xEA},
    {"euml", 0xEB}, {"igrave", 0xEC}, {"iacute", 0xED}, {"icirc", 0xEE},
    {"iuml", 0xEF}, {"ntilde", 0xF1}, {"ograve", 0xF2}, {"oacute", 0xF3},
    {"ocirc", 0xF4}, {"otilde", 0xF5}, {"ouml", 0xF6}, {"oslash", 0xF8},
    {"ugrave", 0xF9}, {"uacute", 0xFA}, {"ucirc", 0xFB}, {"uuml", 0xFC},
    {"yacute", 0xFD}, {"yuml", 0xFF}, {"Scaron", 0x160}, {"scaron", 0x161},
    {"Zcaron", 0x17D}, {"zcaron", 0x17E}, {"OElig", 0x152}, {"oelig", 0x153},
    {NULL, 0}};

/* The code point of the reference at p[0, n) (after '&', up to and
 * without ';'), or 0 when it is none dyad decodes. */
static uint32_t ref_value(const char *p, size_t n)
{
    if (n >= 2 && p[0] == '#') {
        uint32_t v = 0;
        int hex = p[1] == 'x' || p[1] == 'X';
        size_t i = hex ? 2 : 1;
        if (i >= n) return 0;
        for (; i < n; i++) {
            int c = (unsigned char)p[i], d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
            else return 0;
            v = v * (hex ? 16 : 10) + (uint32_t)d;
            if (v > 0x10FFFF) return 0;
        }
        if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) return 0xFFFD;
        if (v >= 0x80 && v < 0xA0) return cp1252_high[v - 0x80];   /* as browsers */
        return v;
    }
    for (size_t k = 0; named_refs[k].name; k++)
        if (strlen(named_refs[k].name) == n && !memcmp(named_refs[k].name, p, n))
            return named_refs[k].cp;
    return 0;
}

size_t dyad__decode_entities(char *p, size_t n)
{
    char *amp = memchr(p, '&', n);
    if (!amp) return n;
    size_t out = (size_t)(amp - p);
    for (size_t i = out; i < n;) {
        if (p[i] == '&') {
            size_t e = i + 1;
            while (e < n && e - i <= 10 && p[e] != ';' && p[e] != '&' &&
                   p[e] != ' ' && p[e] != '\n')
                e++;
            uint32_t cp = e < n && p[e] == ';' ? ref_value(p + i + 1, e - i - 1) : 0;
            if (cp) {              /* UTF-8 is never longer than the ref */
                if (cp == 0xA0) cp = ' ';
                char u[4];
                size_t k = dyad__utf8_encode((int32_t)cp, u);
                memcpy(p + out, u, k);
                out += k;
                i = e + 1;
                continue;
            }
        }
        p[out++] = p[i++];
    }
    if (out < n) p[out] = '\0';
    return out;
}

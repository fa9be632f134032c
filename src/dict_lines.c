/*
 * dict_lines.c - line reading, comment removal and dialect detection for
 * dictionary files (see dict_lines.h).
 */
#include "dict_lines.h"

#include <stdlib.h>

#include "utf8.h"

/* Dialect evidence: TABARI files end with ~~FINISH and comment with `;`;
 * PETRARCH files comment with `#` and `<!-- -->` and group verbs in
 * `--- NAME [code] ---` blocks. Ties go to PETRARCH, the dialect of the
 * Phoenix dictionaries. */
/* Does p[from, n) hold the "-->" that ends a comment? */
static int closes_comment(const char *p, size_t from, size_t n)
{
    for (size_t i = from; i + 2 < n; i++)
        if (p[i] == '-' && p[i + 1] == '-' && p[i + 2] == '>') return 1;
    return 0;
}

dyad__dialect dyad__detect_dialect(const char *text, size_t len)
{
    long tab = 0, pet = 0;
    int in_comment = 0;                  /* inside <!-- --> */
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        size_t n = (size_t)(e - p);
        size_t b = 0;                    /* first non-blank */
        while (b < n && (p[b] == ' ' || p[b] == '\t')) b++;
        if (in_comment) {
            in_comment = !closes_comment(p, 0, n);   /* text is no evidence */
        } else if (n >= 8 && memcmp(p, "~~FINISH", 8) == 0) {
            tab += 1000;
        } else if (n >= 4 && memcmp(p, "<!--", 4) == 0) {
            pet += 5;
            in_comment = !closes_comment(p, 4, n);
        } else if (n >= 4 && memcmp(p, "--- ", 4) == 0) {
            pet += 5;
        } else if (n >= 9 && memcmp(p, "<SYNSETS>", 9) == 0) {
            tab += 50;
        } else if (b < n && p[b] == '#') {
            /* a whole-line `#` comment is either dialect's: no evidence */
        } else {
            int depth = 0;
            for (size_t i = 0; i < n; i++) {
                if (p[i] == '[') depth++;
                else if (p[i] == ']' && depth) depth--;
                else if (!depth && p[i] == ';') { tab++; break; }
                else if (!depth && p[i] == '#' && i > 0) { pet++; break; }
            }
        }
        p = e + (nl != NULL);
    }
    return tab > pet ? DYAD__TABARI : DYAD__PETRARCH;
}

dyad__dlines *dyad__dlines_open(dyad__builder *b, const char *text, size_t len,
                                dyad__dialect dia)
{
    dyad__dlines *it = malloc(sizeof *it);
    if (!it) {
        b->oom = 1;
        return NULL;
    }
    it->p = text;
    it->end = text + len;
    it->line = 0;
    it->dia = dia;
    it->in_comment = 0;
    it->finished = 0;
    return it;
}

void dyad__trim(const char **s, size_t *n)
{
    while (*n && (dyad__is_space(**s) || **s == '\r')) {
        (*s)++;
        (*n)--;
    }
    while (*n && (dyad__is_space((*s)[*n - 1]) || (*s)[*n - 1] == '\r'))
        (*n)--;
}

/* Remove comments from one raw line; returns the content length. */
static size_t strip_comment(dyad__dlines *it, char *s, size_t n)
{
    size_t o = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (it->in_comment) {
            if (i + 2 < n && s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>') {
                it->in_comment = 0;
                i += 2;
            }
            continue;
        }
        char c = s[i];
        if (c == '<' && i + 1 < n && s[i + 1] == '!') {
            it->in_comment = 1;   /* `<!--`, and the malformed `<! --` */
            continue;
        }
        if (c == '[') depth++;
        else if (c == ']' && depth) depth--;
        if (!depth) {
            if (c == '#' && (it->dia == DYAD__PETRARCH || o == 0)) break;
            if (c == ';' && it->dia == DYAD__TABARI) break;
            if (c == '/' && o == 0 && it->dia == DYAD__TABARI) break;
        }
        s[o++] = c;
    }
    return o;
}

int dyad__dlines_next(dyad__builder *b, dyad__dlines *it, dyad__dline *out)
{
    while (it->p < it->end && !it->finished) {
        const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
        const char *e = nl ? nl : it->end;
        size_t n = (size_t)(e - it->p);
        const char *raw = it->p;
        it->p = e + (nl != NULL);
        it->line++;
        if (n > DYAD_MAX_DICT_LINE) {
            dyad__b_diag(b, DYAD_SEV_ERROR, it->line,
                         "line is longer than %d bytes; skipped",
                         DYAD_MAX_DICT_LINE);
            continue;
        }
        if (memchr(raw, '\0', n)) {
            dyad__b_diag(b, DYAD_SEV_ERROR, it->line,
                         "line contains a NUL byte; skipped");
            continue;
        }
        size_t bad = dyad__utf8_check(raw, n);
        if (bad != n) {
            dyad__b_diag(b, DYAD_SEV_ERROR, it->line,
                         "invalid UTF-8 at byte %zu; line skipped", bad + 1);
            continue;
        }
        if (n >= 8 && memcmp(raw, "~~FINISH", 8) == 0) {
            it->finished = 1;
            break;
        }
        memcpy(it->buf, raw, n);
        size_t m = strip_comment(it, it->buf, n);
        const char *s = it->buf;
        dyad__trim(&s, &m);
        if (m == 0) continue;
        out->s = s;
        out->n = m;
        out->line = it->line;
        out->indented = n > 0 && (raw[0] == ' ' || raw[0] == '\t');
        return 1;
    }
    return 0;
}

int dyad__bracket(const char *s, size_t n, const char **in, size_t *inn,
                  const char **after)
{
    const char *o = memchr(s, '[', n);
    if (!o) return 0;
    const char *c = memchr(o, ']', (size_t)(s + n - o));
    if (!c) return -1;
    *in = o + 1;
    *inn = (size_t)(c - o - 1);
    *after = c + 1;
    return 1;
}

int dyad__upper_copy(const char *s, size_t n, char *out, size_t cap)
{
    if (n + 1 > cap) return -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        out[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    out[n] = '\0';
    return (int)n;
}

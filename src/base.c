/*
 * base.c - arena, growable buffers, hashing, diagnostics and date helpers
 * shared by every stage of the pipeline (see base.h).
 */
#include "base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* ------------------------------------------------------------------ arena */

struct dyad__arena_chunk {
    dyad__arena_chunk *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
};

#define ARENA_MIN_CHUNK (64u << 10)

void dyad__arena_init(dyad__arena *a) { memset(a, 0, sizeof *a); }

static dyad__arena_chunk *arena_new_chunk(dyad__arena *a, size_t need)
{
    size_t limit = a->limit ? a->limit : DYAD_MAX_ARENA_BYTES;
    size_t cap = ARENA_MIN_CHUNK;
    while (cap < need) {
        if (cap > SIZE_MAX / 4) return NULL;
        cap *= 2;
    }
    if (a->head && cap < a->head->cap && a->head->cap <= SIZE_MAX / 4)
        cap = a->head->cap * 2;   /* grow geometrically within a document */
    if (a->total + cap > limit) {
        if (a->total + need > limit) return NULL;
        cap = need;
    }
    dyad__arena_chunk *c = malloc(sizeof *c + cap);
    if (!c) return NULL;
    c->cap = cap;
    c->used = 0;
    c->next = a->head;
    a->head = c;
    a->total += cap;
    return c;
}

void *dyad__arena_alloc(dyad__arena *a, size_t n)
{
    if (n > SIZE_MAX / 2) return NULL;
    n = (n + 15u) & ~(size_t)15u;
    if (n == 0) n = 16;
    dyad__arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        c = arena_new_chunk(a, n);
        if (!c) return NULL;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

void *dyad__arena_calloc(dyad__arena *a, size_t n)
{
    void *p = dyad__arena_alloc(a, n);
    if (p) memset(p, 0, n);
    return p;
}

char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t n)
{
    char *p = dyad__arena_alloc(a, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void dyad__arena_reset(dyad__arena *a)
{
    dyad__arena_chunk *keep = NULL, *c = a->head;
    while (c) {
        dyad__arena_chunk *next = c->next;
        if (!keep || c->cap > keep->cap) {
            if (keep) free(keep);
            keep = c;
        } else {
            free(c);
        }
        c = next;
    }
    a->head = keep;
    a->total = 0;
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
        a->total = keep->cap;
    }
}

void dyad__arena_free(dyad__arena *a)
{
    dyad__arena_chunk *c = a->head;
    while (c) {
        dyad__arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

/* ----------------------------------------------------------------- buffer */

void dyad__buf_init(dyad__buf *b, size_t limit)
{
    b->p = NULL;
    b->len = b->cap = 0;
    b->limit = limit;
}

dyad_status dyad__buf_reserve(dyad__buf *b, size_t extra)
{
    size_t limit = b->limit ? b->limit : SIZE_MAX / 2;
    if (extra > limit || b->len > limit - extra) return DYAD_ELIMIT;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return DYAD_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap = cap > SIZE_MAX / 4 ? need : cap * 2;
    char *p = realloc(b->p, cap);
    if (!p) return DYAD_ENOMEM;
    b->p = p;
    b->cap = cap;
    return DYAD_OK;
}

dyad_status dyad__buf_put(dyad__buf *b, const void *p, size_t n)
{
    dyad_status st = dyad__buf_reserve(b, n);
    if (st) return st;
    if (n) memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
    return DYAD_OK;
}

dyad_status dyad__buf_putc(dyad__buf *b, char c) { return dyad__buf_put(b, &c, 1); }

dyad_status dyad__buf_puts(dyad__buf *b, const char *s)
{
    return dyad__buf_put(b, s, strlen(s));
}

dyad_status dyad__buf_printf(dyad__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return DYAD_EINVAL;
    if ((size_t)n < sizeof tmp) return dyad__buf_put(b, tmp, (size_t)n);
    dyad_status st = dyad__buf_reserve(b, (size_t)n);
    if (st) return st;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return DYAD_OK;
}

void dyad__buf_free(dyad__buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

dyad_status dyad__grow(void **pp, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap) return DYAD_OK;
    if (need > DYAD_MAX_TABLE_ENTRIES) return DYAD_ELIMIT;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) ncap *= 2;
    void *p = realloc(*pp, ncap * sz);
    if (!p) return DYAD_ENOMEM;
    *pp = p;
    *cap = ncap;
    return DYAD_OK;
}

/* ---------------------------------------------------------------- hashing */

/* A multiply-xorshift hash over 8-byte words: fast on short keys (words)
 * and good enough for content keys when two seeds are combined. */
static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ull;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ull;
    x ^= x >> 32;
    return x;
}

static inline uint64_t rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t load64(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

static inline uint64_t load32(const unsigned char *s)
{
    uint32_t w;
    memcpy(&w, s, 4);
    return w;
}

uint64_t dyad__hash(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = seed ^ (0x9e3779b97f4a7c15ull * (n + 1));
    if (n <= 16) {
        /* short keys (words): at most two overlapping loads, no loop */
        uint64_t a = 0, b = 0;
        if (n >= 8) {
            a = load64(s);
            b = load64(s + n - 8);
        } else if (n >= 4) {
            a = load32(s);
            b = load32(s + n - 4);
        } else if (n > 0) {
            a = ((uint64_t)s[0] << 16) | ((uint64_t)s[n >> 1] << 8) | s[n - 1];
        }
        return mix64(h ^ mix64(a ^ 0xa0761d6478bd642full) ^ (b * 0xe7037ed1a0b428dbull));
    }
    /* long keys (file contents): four independent lanes, 32 bytes a step */
    uint64_t l0 = h, l1 = h ^ 0x243f6a8885a308d3ull, l2 = h ^ 0x13198a2e03707344ull,
             l3 = h ^ 0xa4093822299f31d0ull;
    while (n >= 32) {
        l0 = rotl64((l0 ^ load64(s)) * 0x9e3779b97f4a7c15ull, 31);
        l1 = rotl64((l1 ^ load64(s + 8)) * 0xc2b2ae3d27d4eb4full, 29);
        l2 = rotl64((l2 ^ load64(s + 16)) * 0x165667b19e3779f9ull, 27);
        l3 = rotl64((l3 ^ load64(s + 24)) * 0xd6e8feb86659fd93ull, 33);
        s += 32;
        n -= 32;
    }
    h = mix64(l0) ^ mix64(l1 + 1) ^ mix64(l2 + 2) ^ mix64(l3 + 3);
    while (n >= 8) {
        h = mix64(h ^ load64(s)) + 0x9e3779b97f4a7c15ull;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++) w |= (uint64_t)s[i] << (8 * i);
    return mix64(h ^ w ^ ((uint64_t)n << 56));
}

/* ------------------------------------------------------------ diagnostics */

void dyad__diagf(dyad__diag_sink *s, dyad_severity sev, dyad_status code,
                 const char *file, unsigned long line, unsigned long offset,
                 const char *fmt, ...)
{
    if (!s) return;
    if (sev == DYAD_SEV_ERROR) s->errors++;
    else if (sev == DYAD_SEV_WARNING) s->warnings++;
    if (!s->fn) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dyad_diag d = {sev, code, file ? file : "", line, offset, msg};
    s->fn(s->ud, &d);
}

/* ------------------------------------------------------------------ dates */

int dyad__date_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

int dyad__dict_date(const char *s, size_t n)
{
    if (n != 6 && n != 8) return 0;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (s[i] - '0');
    }
    int y, m, d;
    if (n == 6) {
        y = v / 10000;
        y += y < 30 ? 2000 : 1900;
        m = v / 100 % 100;
        d = v % 100;
    } else {
        y = v / 10000;
        m = v / 100 % 100;
        d = v % 100;
    }
    if (!dyad__date_valid(y, m, d)) return 0;
    return y * 10000 + m * 100 + d;
}

int dyad_date_parse(const char *s, size_t len)
{
    /* YYYY-MM-DD or YYYYMMDD */
    char dig[8];
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (k == 8) return 0;
            dig[k++] = s[i];
        } else if (s[i] != '-' && s[i] != '/') {
            if (s[i] == 'T' || s[i] == ' ') break;   /* time part follows */
            return 0;
        }
    }
    if (k != 8) return 0;
    return dyad__dict_date(dig, 8);
}

const char *dyad_strerror(dyad_status st)
{
    switch (st) {
    case DYAD_OK: return "success";
    case DYAD_ENOMEM: return "out of memory";
    case DYAD_EIO: return "input/output error";
    case DYAD_ESYNTAX: return "syntax error";
    case DYAD_EENCODING: return "invalid text encoding";
    case DYAD_ELIMIT: return "size limit reached";
    case DYAD_EINVAL: return "invalid argument";
    case DYAD_ECACHE: return "dictionary cache unusable";
    case DYAD_EEOF: return "end of input";
    }
    return "unknown status";
}

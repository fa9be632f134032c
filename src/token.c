/*
 * token.c - the tokenizer (see token.h). One pass over the bytes with an
 * ASCII fast path; each word is normalized into the document arena and
 * looked up in the vocabulary hash exactly once.
 */
#include "token.h"

#include "utf8.h"

typedef struct tkz {
    const dyad__image *im;
    dyad__arena *a;
    const char *s;
    size_t to;
    dyad__tok *t;
    size_t n, cap;
    int hyphen_next;             /* next token follows a joining hyphen */
    char *norm;                  /* normalized words, one buffer a call */
    size_t norm_used, norm_cap;
} tkz;

/* Words that keep their period ("Mr.", "Gen.", "Jan."), sorted for a
 * binary search (test_token checks the order). */
static const char *const abbrevs[] = {
    "ADM", "AL", "ALA", "AMB", "APPROX", "APR",
    "ARIZ", "ARK", "AUG", "BROS", "CALIF", "CAPT", "CF", "CMDR", "CO", "COL",
    "COLO", "CONN", "CORP", "CPL", "DEC", "DEPT", "DR", "ESP", "EST", "ETC",
    "FEB", "FIG", "FT", "GA", "GEN", "GOV", "GOVT", "ILL", "INC", "JAN", "JR",
    "JUL", "JUN", "KY", "LA", "LT", "LTD", "MAJ", "MAR", "MASS", "MD", "MICH",
    "MINN", "MISS", "MO", "MR", "MRS", "MS", "MT", "NC", "ND", "NEB", "NEV",
    "NJ", "NO", "NOV", "NY", "OCT", "OKLA", "ORE", "PA", "PP", "PRES", "PROF",
    "REP", "REV", "SC", "SD", "SEC", "SEN", "SEP", "SEPT", "SGT", "SR", "ST",
    "TENN", "VA", "VOL", "VS", "VT", "WASH", "WIS", "WVA", "WYO",
};

int dyad__is_abbrev(const char *up, size_t n)
{
    if (n < 2 || n > 6) return 0;
    char key[8];
    memcpy(key, up, n);
    key[n] = '\0';
    size_t lo = 0, hi = DYAD_ARRAY_LEN(abbrevs);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(key, abbrevs[mid]);
        if (c == 0) return 1;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

/* Is the abbreviation table in order? (for the tests) */
int dyad__abbrevs_sorted(void)
{
    for (size_t k = 1; k < DYAD_ARRAY_LEN(abbrevs); k++)
        if (strcmp(abbrevs[k - 1], abbrevs[k]) >= 0) return 0;
    return 1;
}

/* ASCII character classes. */
enum { C_ALPHA = 1, C_DIGIT = 2, C_UPPER = 4, C_LOWER = 8, C_SPACE = 16 };
_Static_assert((C_LOWER << 2) == 0x20, "the fast path clears the case bit with C_LOWER << 2");
#define C_ALNUM (C_ALPHA | C_DIGIT)
static const unsigned char cc[256] = {
    ['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\v'] = C_SPACE, ['\f'] = C_SPACE,
    ['\r'] = C_SPACE, [' '] = C_SPACE,
    ['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT,
    ['4'] = C_DIGIT, ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT,
    ['8'] = C_DIGIT, ['9'] = C_DIGIT,
#define U(c) [c] = C_ALPHA | C_UPPER, [c + 32] = C_ALPHA | C_LOWER
    U('A'), U('B'), U('C'), U('D'), U('E'), U('F'), U('G'), U('H'), U('I'),
    U('J'), U('K'), U('L'), U('M'), U('N'), U('O'), U('P'), U('Q'), U('R'),
    U('S'), U('T'), U('U'), U('V'), U('W'), U('X'), U('Y'), U('Z'),
#undef U
};

static dyad__tok *push(tkz *z, int kind, size_t off, size_t len)
{
    if (z->n == z->cap) {
        size_t ncap = z->cap ? z->cap * 2 : 64;
        dyad__tok *nt = dyad__arena_alloc(z->a, ncap * sizeof *nt);
        if (!nt) return NULL;
        if (z->n) memcpy(nt, z->t, z->n * sizeof *nt);
        z->t = nt;
        z->cap = ncap;
    }
    dyad__tok *t = &z->t[z->n++];
    memset(t, 0, sizeof *t);
    t->kind = (uint16_t)kind;
    t->off = (uint32_t)off;
    t->len = (uint32_t)len;
    if (z->hyphen_next && (kind == DYAD__TK_WORD || kind == DYAD__TK_NUMBER))
        t->flags |= DYAD__TF_HYPHEN;
    z->hyphen_next = 0;
    return t;
}

/* Normalize the word (its lookup comes later, for all words at once). */
static int finish_word(tkz *z, dyad__tok *t, const char *fixed)
{
    const char *w = z->s + t->off;
    size_t n = t->len;
    char tmp[1024];
    size_t m;
    int letters = 0, lower = 0, ascii = 1;
    if (fixed) {
        m = strlen(fixed);
        memcpy(tmp, fixed, m);
    } else {
        if (n < sizeof tmp) {
            for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)w[i];
                unsigned k = cc[c];
                if (c >= 0x80) { ascii = 0; break; }
                letters += (k & C_ALPHA) != 0;
                lower += (k & C_LOWER) != 0;
                tmp[i] = (char)(k & C_LOWER ? c - 32 : c);
            }
        } else {
            ascii = 0;
        }
        m = n;
        if (!ascii) {
            m = dyad__norm_word(w, n, tmp, sizeof tmp);
            if (m == 0) {          /* too long to look up: keep, unknown */
                t->up = "";
                return 0;
            }
            letters = lower = 0;
            for (size_t i = 0; i < n;) {          /* letters of any script */
                int32_t cp;
                i += dyad__utf8_decode((const unsigned char *)w + i, n - i, &cp);
                if (!dyad__cp_is_letter(cp)) continue;
                letters++;
                lower += !dyad__cp_is_upper(cp);
            }
        }
    }
    /* "US" in capitals is the country, not the pronoun "us" */
    if (!fixed && n == 2 && w[0] == 'U' && w[1] == 'S') {
        memcpy(tmp, "U.S.", 4);
        m = 4;
    }
    char *up;
    if (z->norm_used + m + 1 <= z->norm_cap) {
        up = z->norm + z->norm_used;
        memcpy(up, tmp, m);
        up[m] = '\0';
        z->norm_used += m + 1;
    } else {
        up = dyad__arena_strndup(z->a, tmp, m);
        if (!up) return -1;
    }
    t->up = up;
    t->uplen = (uint32_t)m;
    t->flags |= DYAD__TF_LOOKUP;
    if (!fixed && n) {
        unsigned char c0 = (unsigned char)w[0];
        int cap = (cc[c0] & C_UPPER) != 0;
        if (c0 >= 0x80) {
            int32_t cp;
            dyad__utf8_decode((const unsigned char *)w, n, &cp);
            cap = dyad__cp_is_upper(cp);
        }
        if (cap) t->flags |= DYAD__TF_CAP;
        if (letters >= 2 && !lower) t->flags |= DYAD__TF_ALLCAPS;
    }
    return 0;
}

static int is_alnum_slow(const tkz *z, size_t i)
{
    int32_t cp;
    dyad__utf8_decode((const unsigned char *)z->s + i, z->to - i, &cp);
    return dyad__cp_is_letter(cp);
}

static inline int is_alnum_at(const tkz *z, size_t i)
{
    if (i >= z->to) return 0;
    unsigned char c = (unsigned char)z->s[i];
    if (c < 0x80) return (cc[c] & C_ALNUM) != 0;
    return is_alnum_slow(z, i);
}

static int is_letter_at(const tkz *z, size_t i)
{
    if (i >= z->to) return 0;
    unsigned char c = (unsigned char)z->s[i];
    if (c < 0x80) return (cc[c] & C_ALPHA) != 0;
    return is_alnum_slow(z, i);
}

static int lower_eq(char c, char l) { return c == l || c == l - 32; }

/* Is the text at i an apostrophe (ASCII or U+2019)? Returns its length. */
static size_t apos_at(const tkz *z, size_t i)
{
    if (i < z->to && z->s[i] == '\'') return 1;
    if (i + 2 < z->to && (unsigned char)z->s[i] == 0xE2 &&
        (unsigned char)z->s[i + 1] == 0x80 &&
        ((unsigned char)z->s[i + 2] == 0x99))
        return 3;
    return 0;
}

/* Does a contraction suffix start at the apostrophe at i? Sets its length
 * (apostrophe included) and the fixed normalized text. */
static int contraction(const tkz *z, size_t i, size_t al, size_t *len,
                       const char **fixed)
{
    static const struct { const char *suf, *up; } c[] = {
        {"s", "'S"}, {"re", "'RE"}, {"ll", "'LL"}, {"ve", "'VE"},
        {"m", "'M"}, {"d", "'D"},
    };
    for (size_t k = 0; k < DYAD_ARRAY_LEN(c); k++) {
        size_t sl = strlen(c[k].suf), j = i + al, q = 0;
        while (q < sl && j + q < z->to && lower_eq(z->s[j + q], c[k].suf[q])) q++;
        if (q == sl && !is_letter_at(z, j + sl)) {
            *len = al + sl;
            *fixed = c[k].up;
            return 1;
        }
    }
    return 0;
}

/* Scan a word or number starting at i; returns the index after it. */
static size_t scan_word(tkz *z, size_t i)
{
    size_t j = i;
    int digits_only = 1, has_dot = 0;
    while (j < z->to) {
        unsigned char c = (unsigned char)z->s[j];
        if (is_alnum_at(z, j)) {
            if (!(c >= '0' && c <= '9')) digits_only = 0;
            if (c < 0x80) { j++; continue; }
            int32_t cp;
            j += dyad__utf8_decode((const unsigned char *)z->s + j, z->to - j, &cp);
            continue;
        }
        if (c >= 0x80) {                       /* combining marks */
            int32_t cp;
            size_t k = dyad__utf8_decode((const unsigned char *)z->s + j,
                                         z->to - j, &cp);
            if (dyad__cp_is_letter(cp)) { j += k; continue; }
        }
        size_t al = apos_at(z, j);
        if (al) {
            size_t cl;
            const char *fx;
            /* n't: the word ends before the n */
            if (j > i + 1 && lower_eq(z->s[j - 1], 'n') && j + al < z->to &&
                lower_eq(z->s[j + al], 't') && !is_letter_at(z, j + al + 1))
                return j - 1;
            if (contraction(z, j, al, &cl, &fx)) return j;
            if (is_letter_at(z, j + al)) { j += al; continue; }   /* Shi'ite */
            return j;
        }
        if ((c == '.' || c == ',') && digits_only && j + 1 < z->to &&
            z->s[j + 1] >= '0' && z->s[j + 1] <= '9') {
            j++;                                   /* 11.8, 50,000 */
            continue;
        }
        if (c == '.' && !digits_only && is_alnum_at(z, j + 1)) {
            has_dot = 1;                           /* U.S, bbc.co.uk */
            j++;
            continue;
        }
        if (c == '&' && j > i && is_alnum_at(z, j + 1)) { j++; continue; }
        break;
    }
    /* a final period kept by initials (U.S.), abbreviations (Gen.) and
     * single capital initials (George W.) */
    if (j < z->to && z->s[j] == '.' && !digits_only) {
        size_t n = j - i;
        char up[16];
        int keep = 0;
        if (has_dot) {
            keep = 1;
            for (size_t k = i; k < j; k++) {   /* segments of 1-2 letters */
                size_t seg = 0;
                while (k < j && z->s[k] != '.') { seg++; k++; }
                if (seg > 2) keep = 0;
            }
        } else if (n == 1 && z->s[i] >= 'A' && z->s[i] <= 'Z') {
            keep = 1;
        } else if (n < sizeof up) {
            for (size_t k = 0; k < n; k++)
                up[k] = (char)(z->s[i + k] >= 'a' && z->s[i + k] <= 'z'
                                   ? z->s[i + k] - 32 : z->s[i + k]);
            keep = dyad__is_abbrev(up, n);
        }
        if (keep) j++;
    }
    return j;
}

/* The common case, taken before the general scanner: a run of ASCII
 * letters and digits ended by a space or by punctuation that cannot extend
 * or split a word. Normalizes and pushes the token in one pass (the
 * lookup comes later, in look_up_all). Returns 1 when it took the word, 0
 * (having done nothing) when the general scanner must decide, -1 when out
 * of memory. */
static int fast_word(tkz *z, size_t i, int *space_before, size_t *next)
{
    const unsigned char *s = (const unsigned char *)z->s;
    size_t to = z->to, j = i;
    if (z->norm_cap - z->norm_used < 66) return 0;
    /* scan and normalize in one pass into the spare end of the buffer */
    char *up = z->norm + z->norm_used;
    size_t lim = to - i > 64 ? i + 64 : to;
    unsigned seen = 0;
    while (j < lim) {
        unsigned char c = s[j];
        unsigned cl = cc[c];
        if (!(cl & C_ALNUM)) break;
        seen |= cl;
        up[j - i] = (char)(c & ~((cl & C_LOWER) << 2));   /* 8 << 2: 0x20 */
        j++;
    }
    size_t n = j - i;
    if (n == 0 || n == 64) return 0;
    if (j < to) {
        unsigned char c = s[j];
        unsigned char d = j + 1 < to ? s[j + 1] : ' ';
        if (c >= 0x80 || c == '\'' || c == '-' || c == '&') return 0;
        /* "50,000" and "11.8" go on; so do "U.S" and "bbc.co.uk" */
        if ((c == ',' || c == '.') && !(seen & C_ALPHA) && (cc[d] & C_DIGIT))
            return 0;
        if (c == '.' && (seen & C_ALPHA)) {
            if (d >= 0x80 || (cc[d] & C_ALNUM)) return 0;
            /* initials and abbreviations keep their period */
            if (n == 1 && (cc[s[i]] & C_UPPER)) return 0;
            if (dyad__is_abbrev(up, n)) return 0;
        }
    }
    if (n == 2 && s[i] == 'U' && s[i + 1] == 'S') return 0;   /* "US" */
    dyad__tok *t = push(z, cc[s[i]] & C_DIGIT ? DYAD__TK_NUMBER : DYAD__TK_WORD,
                        i, n);
    if (!t) return -1;
    up[n] = '\0';
    z->norm_used += n + 1;
    t->up = up;
    t->uplen = (uint32_t)n;
    t->flags |= DYAD__TF_LOOKUP;
    if (cc[s[i]] & C_UPPER) t->flags |= DYAD__TF_CAP;
    if ((seen & (C_ALPHA | C_LOWER)) == C_ALPHA) {  /* letters, none lower */
        unsigned letters = 0;
        for (size_t k = 0; k < n; k++) letters += cc[s[i + k]] & C_ALPHA;
        if (letters >= 2) t->flags |= DYAD__TF_ALLCAPS;
    }
    *space_before = 0;
    *next = j;
    return 1;
}

static int is_space_at(const tkz *z, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)z->s[i];
    *len = 1;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v')
        return 1;
    if (c < 0x80) return 0;
    int32_t cp;
    *len = dyad__utf8_decode((const unsigned char *)z->s + i, z->to - i, &cp);
    return dyad__cp_is_space(cp) || cp == 0xFEFF;
}

/* Punctuation and symbols at i; returns the index after. */
static size_t scan_punct(tkz *z, size_t i, int space_before)
{
    unsigned char c = (unsigned char)z->s[i];
    int32_t cp = c;
    size_t len = 1;
    if (c >= 0x80) len = dyad__utf8_decode((const unsigned char *)z->s + i,
                                           z->to - i, &cp);
    int kind = DYAD__TK_SYMBOL;
    switch (cp) {
    case ',': kind = DYAD__TK_COMMA; break;
    case ';': kind = DYAD__TK_SEMI; break;
    case ':': kind = DYAD__TK_COLON; break;
    case '.': case '!': case '?': case 0x2026:
        kind = DYAD__TK_PERIOD;
        while (i + len < z->to && strchr(".!?", z->s[i + len])) len++;
        break;
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB:
    case '`': case 0x2018: case 0x2019: case '\'':
        kind = DYAD__TK_QUOTE;
        if ((cp == '`' || cp == '\'') && i + 1 < z->to && z->s[i + 1] == cp)
            len = 2;
        break;
    case '(': case '[': case '{': kind = DYAD__TK_OPEN; break;
    case ')': case ']': case '}': kind = DYAD__TK_CLOSE; break;
    case 0x2014: case 0x2013: case 0x2012: case 0x2015:
        kind = DYAD__TK_DASH;
        break;
    case '-': {
        size_t k = i;
        while (k < z->to && z->s[k] == '-') k++;
        len = k - i;
        int space_after = k >= z->to || z->s[k] == ' ' || z->s[k] == '\n' ||
                          z->s[k] == '\t';
        if (len == 1 && !(space_before && space_after)) {
            /* "anti- Gondor", "-5": a hyphen that joins nothing */
            if (!space_before && z->n) z->hyphen_next = !space_after;
            return i + len;
        }
        kind = DYAD__TK_DASH;
        break;
    }
    default: break;
    }
    if (!push(z, kind, i, len)) return 0;
    return i + len;
}

/* Vocabulary id, class and trie-start bits of a word token, and the stems
 * it begins with. */
static void look_up(const dyad__image *im, dyad__tok *t, uint64_t h)
{
    const char *up = t->up;
    size_t m = t->uplen;
    const dyad__wslot *ws = dyad__word_lookup_hashed(im, up, m, h);
    if (ws) {
        t->word = ws->id;
        t->cls = ws->cls;
        t->starts = ws->starts;
    }
    if (!im->n_stems) return;
    uint64_t lens = im->stem_lengths, r = 0;
    for (size_t l = 1; l <= m && l < 64 && t->n_stems < DYAD__TOK_MAX_STEMS; l++) {
        r = dyad__stem_roll(r, (unsigned char)up[l - 1]);
        if (!(lens >> l & 1) || !dyad__stem_maybe(im, r)) continue;
        uint32_t id = l == m ? t->word : dyad__word_find(im, up, l);
        if (id && im->words[id - 1].stem_used) {
            t->stems[t->n_stems++] = id | DYAD__TERM_STEM;
            t->starts |= im->words[id - 1].starts;
        }
    }
}

/* Look the words up once they are all cut, AHEAD tokens apart: each
 * token's vocabulary slot is prefetched while earlier ones are looked up,
 * so that the cache misses of a large vocabulary overlap. */
static void look_up_all(const dyad__image *im, dyad__tok *t, size_t n)
{
    enum { AHEAD = 8 };
    uint64_t ring[AHEAD];
    for (size_t k = 0; k < n + AHEAD; k++) {
        if (k >= AHEAD && (t[k - AHEAD].flags & DYAD__TF_LOOKUP)) {
            dyad__tok *u = &t[k - AHEAD];
            u->flags &= (uint16_t)~DYAD__TF_LOOKUP;
            look_up(im, u, ring[k % AHEAD]);
        }
        if (k < n && (t[k].flags & DYAD__TF_LOOKUP)) {
            ring[k % AHEAD] = dyad__word_hash(t[k].up, t[k].uplen);
            dyad__word_prefetch(im, ring[k % AHEAD]);
        }
    }
}

dyad_status dyad__tokenize(const dyad__image *im, dyad__arena *a,
                           const char *text, size_t from, size_t to,
                           dyad__tok **toks, size_t *n)
{
    tkz z = {im, a, text, to, NULL, 0, 0, 0, NULL, 0, 0};
    /* room for the normalized words of ASCII text; longer forms spill into
     * the arena one by one */
    z.norm_cap = (to - from) + (to - from) / 2 + 64;
    z.norm = dyad__arena_alloc(a, z.norm_cap);
    z.cap = (to - from) / 3 + 16;
    z.t = dyad__arena_alloc(a, z.cap * sizeof *z.t);
    if (!z.norm || !z.t) return DYAD_ENOMEM;
    size_t i = from;
    int space_before = 1;
    while (i < to) {
        size_t sl;
        if (is_space_at(&z, i, &sl)) {
            i += sl;
            space_before = 1;
            z.hyphen_next = 0;
            continue;
        }
        int fw = fast_word(&z, i, &space_before, &i);
        if (fw < 0) return DYAD_ENOMEM;
        if (fw) continue;
        if (is_alnum_at(&z, i)) {
            size_t j = scan_word(&z, i);
            if (j == i) j = i + 1;
            int num = text[i] >= '0' && text[i] <= '9';
            dyad__tok *t = push(&z, num ? DYAD__TK_NUMBER : DYAD__TK_WORD, i,
                                j - i);
            if (!t || finish_word(&z, t, NULL)) return DYAD_ENOMEM;
            i = j;
            size_t al = apos_at(&z, i), cl;
            const char *fx;
            size_t nal = j + 1 < to ? apos_at(&z, j + 1) : 0;
            if (j < to && lower_eq(text[j], 'n') && nal && j + 1 + nal < to &&
                lower_eq(text[j + 1 + nal], 't') &&
                !is_letter_at(&z, j + 2 + nal)) {
                size_t tl = 2 + nal;
                dyad__tok *nt = push(&z, DYAD__TK_WORD, j, tl);
                if (!nt || finish_word(&z, nt, "N'T")) return DYAD_ENOMEM;
                nt->flags |= DYAD__TF_ATTACHED;
                i = j + tl;
            } else if (al && contraction(&z, i, al, &cl, &fx)) {
                dyad__tok *nt = push(&z, DYAD__TK_WORD, i, cl);
                if (!nt || finish_word(&z, nt, fx)) return DYAD_ENOMEM;
                nt->flags |= DYAD__TF_ATTACHED;
                i += cl;
            }
            if (i < to && text[i] == '-' && is_alnum_at(&z, i + 1)) {
                z.hyphen_next = 1;
                i++;
                space_before = 0;
                continue;
            }
            space_before = 0;
            continue;
        }
        size_t j = scan_punct(&z, i, space_before);
        if (j == 0) return DYAD_ENOMEM;
        space_before = 0;
        i = j;
    }
    look_up_all(im, z.t, z.n);
    *toks = z.t;
    *n = z.n;
    return DYAD_OK;
}

/*
 * dict_build.c - growing a dictionary image: strings, the vocabulary hash,
 * trie nodes and the shared edge hash, phrase parsing and insertion, regular
 * English inflection for generated forms, and the final pass that adds the
 * built-in function words and orders patterns longest first.
 *
 * The per-kind readers (dict_actors.c, dict_agents.c, dict_verbs.c,
 * dict_misc.c) sit on top of this file; dict.c drives them.
 */
#include "dict.h"
#include "dict_forms.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* -------------------------------------------------------------- arrays */

uint32_t dyad__b_push(dyad__builder *b, void **arr, size_t *n, size_t *cap,
                      size_t sz, const void *rec)
{
    if (b->oom) return DYAD__NONE;
    if (dyad__grow(arr, cap, *n + 1, sz) != DYAD_OK) {
        b->oom = 1;
        return DYAD__NONE;
    }
    memcpy((char *)*arr + *n * sz, rec, sz);
    return (uint32_t)(*n)++;
}

uint32_t dyad__b_str(dyad__builder *b, const char *s, size_t n)
{
    dyad__image *im = &b->im;
    if (b->oom) return 0;
    if (dyad__grow((void **)&im->strings, &b->cap[dyad__slot_strings],
                   im->n_strings + n + 1, 1) != DYAD_OK) {
        b->oom = 1;
        return 0;
    }
    uint32_t off = (uint32_t)im->n_strings;
    memcpy(im->strings + off, s, n);
    im->strings[off + n] = '\0';
    im->n_strings += n + 1;
    return off;
}

/* ---------------------------------------------------------- vocabulary */

/* The vocabulary hash. A slot holds the word's first 16 bytes, its length,
 * id, class bits and trie-start bits, so that a lookup of a word of up to
 * 16 bytes reads one 32-byte slot and nothing else: no trip to the word
 * array or the string pool, which matters when the vocabulary is larger
 * than the cache. Longer words compare their full text in the pool. */
static void word_key(const char *s, size_t n, uint64_t key[2])
{
    unsigned char b[16] = {0};
    memcpy(b, s, n < 16 ? n : 16);
    memcpy(key, b, 16);
}

static size_t word_slot_h(const dyad__image *im, const char *s, size_t n,
                          uint64_t h, uint32_t *found)
{
    size_t mask = im->n_wslots - 1;
    uint64_t key[2];
    word_key(s, n, key);
    size_t i = (size_t)h & mask;
    for (;;) {
        const dyad__wslot *w = &im->wslots[i];
        if (w->id == 0) {
            *found = 0;
            return i;
        }
        if (w->len == n && w->text[0] == key[0] && w->text[1] == key[1] &&
            (n <= 16 ||
             memcmp(im->strings + im->words[w->id - 1].str, s, n) == 0)) {
            *found = w->id;
            return i;
        }
        i = (i + 1) & mask;
    }
}

static size_t word_slot(const dyad__image *im, const char *s, size_t n,
                        uint32_t *found)
{
    return word_slot_h(im, s, n, dyad__word_hash(s, n), found);
}

static void fill_slot(dyad__wslot *w, const char *s, size_t n, uint32_t id)
{
    memset(w, 0, sizeof *w);
    word_key(s, n, w->text);
    w->id = id;
    w->len = (uint32_t)n;
}

const dyad__wslot *dyad__word_lookup_hashed(const dyad__image *im,
                                            const char *s, size_t n,
                                            uint64_t h)
{
    uint32_t id;
    if (im->n_wslots == 0) return NULL;
    size_t i = word_slot_h(im, s, n, h, &id);
    return id ? &im->wslots[i] : NULL;
}

uint32_t dyad__word_find(const dyad__image *im, const char *s, size_t n)
{
    const dyad__wslot *w = dyad__word_lookup_hashed(im, s, n, dyad__word_hash(s, n));
    return w ? w->id : 0;
}

static int rehash_words(dyad__builder *b, size_t ncap)
{
    dyad__image *im = &b->im;
    dyad__wslot *h = calloc(ncap, sizeof *h);
    if (!h) return -1;
    free(im->wslots);
    im->wslots = h;
    im->n_wslots = ncap;
    b->cap[dyad__slot_wslots] = ncap;
    for (size_t k = 0; k < im->n_words; k++) {
        uint32_t id;
        const char *s = im->strings + im->words[k].str;
        size_t i = word_slot(im, s, im->words[k].len, &id);
        fill_slot(&h[i], s, im->words[k].len, (uint32_t)k + 1);
    }
    return 0;
}

/* Copy the words' final class and start bits into their slots. */
static void sync_word_slots(dyad__image *im)
{
    for (size_t i = 0; i < im->n_wslots; i++) {
        dyad__wslot *w = &im->wslots[i];
        if (!w->id) continue;
        w->cls = im->words[w->id - 1].cls;
        w->starts = im->words[w->id - 1].starts;
    }
}

uint32_t dyad__b_word(dyad__builder *b, const char *s, size_t n)
{
    dyad__image *im = &b->im;
    if (b->oom) return 0;
    if ((im->n_words + 1) * 2 > im->n_wslots &&
        rehash_words(b, im->n_wslots ? im->n_wslots * 2 : 1024)) {
        b->oom = 1;
        return 0;
    }
    uint32_t id;
    size_t slot = word_slot(im, s, n, &id);
    if (id) return id;
    dyad__word w = {dyad__b_str(b, s, n), (uint32_t)n, 0, 0, 0};
    uint32_t k = DYAD__B_PUSH(b, words, w);
    if (k == DYAD__NONE) return 0;
    if (k + 1 > DYAD__TERM_MASK) {
        b->oom = 1;
        return 0;
    }
    fill_slot(&im->wslots[slot], s, n, k + 1);
    return k + 1;
}

/* ------------------------------------------------------- nodes, edges */

uint32_t dyad__b_node(dyad__builder *b)
{
    dyad__node nd = {DYAD__NONE, 0};
    return DYAD__B_PUSH(b, nodes, nd);
}

static int rehash_edges(dyad__builder *b, size_t ncap)
{
    dyad__image *im = &b->im;
    dyad__edge *old = im->edges;
    size_t oldn = im->n_edges;
    dyad__edge *e = calloc(ncap, sizeof *e);
    if (!e) return -1;
    im->edges = e;
    im->n_edges = ncap;
    b->cap[dyad__slot_edges] = ncap;
    for (size_t k = 0; k < oldn; k++) {
        if (!old[k].key) continue;
        size_t i = dyad__edge_slot(old[k].key, ncap);
        while (e[i].key) i = (i + 1) & (ncap - 1);
        e[i] = old[k];
    }
    free(old);
    return 0;
}

uint32_t dyad__b_child(dyad__builder *b, uint32_t node, uint32_t term)
{
    dyad__image *im = &b->im;
    if (b->oom) return 0;
    if ((b->edge_fill + 1) * 2 > im->n_edges &&
        rehash_edges(b, im->n_edges ? im->n_edges * 2 : 4096)) {
        b->oom = 1;
        return 0;
    }
    uint64_t key = ((uint64_t)node << 32) | term;
    size_t mask = im->n_edges - 1;
    size_t i = dyad__edge_slot(key, im->n_edges);
    while (im->edges[i].key) {
        if (im->edges[i].key == key) return im->edges[i].child;
        i = (i + 1) & mask;
    }
    uint32_t child = dyad__b_node(b);
    if (child == DYAD__NONE) return 0;
    im->edges[i].key = key;
    im->edges[i].child = child;
    b->edge_fill++;
    if (term & DYAD__TERM_GAP) im->nodes[node].flags |= DYAD__NODE_GAPS;
    return child;
}

/* ------------------------------------------------------------ messages */

void dyad__b_diag(dyad__builder *b, dyad_severity sev, unsigned long line,
                  const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dyad__diagf(b->sink, sev,
                sev == DYAD_SEV_ERROR ? DYAD_ESYNTAX : DYAD_OK, b->cur_name,
                line, 0, "%s", msg);
    dyad__sdiag d = {(uint32_t)sev,
                     sev == DYAD_SEV_ERROR ? DYAD_ESYNTAX : DYAD_OK,
                     b->cur_file, (uint32_t)line,
                     dyad__b_str(b, msg, strlen(msg))};
    DYAD__B_PUSH(b, sdiags, d);
}

/* -------------------------------------------------------------- phrases */

size_t dyad__word_norm_split(const char *w, size_t n, char *out, size_t cap,
                             size_t lens[2])
{
    size_t m = dyad__norm_word(w, n, out, cap);
    if (m == 0) return 0;
    if (m > 2 && out[m - 2] == '\'' && out[m - 1] == 'S') {
        lens[0] = m - 2;
        lens[1] = 2;
        return 2;
    }
    if (m > 3 && out[m - 3] == 'N' && out[m - 2] == '\'' && out[m - 1] == 'T') {
        lens[0] = m - 3;
        lens[1] = 3;
        return 2;
    }
    if (m > 1 && out[m - 1] == '\'') m--;   /* plural possessive: STATES' */
    lens[0] = m;
    return 1;
}

static int phrase_add(dyad__builder *b, unsigned long line, dyad__phrase *out,
                      const char *w, size_t wl, int adjacent, int stem)
{
    if (out->n == DYAD_MAX_PHRASE_WORDS) {
        dyad__b_diag(b, DYAD_SEV_ERROR, line, "phrase has more than %d words",
                     DYAD_MAX_PHRASE_WORDS);
        return -1;
    }
    size_t k = out->n++;
    out->w[k] = w;
    out->wl[k] = (uint16_t)wl;
    out->adjacent[k] = (uint8_t)(k > 0 && adjacent);
    out->stem[k] = (uint8_t)stem;
    return 0;
}

int dyad__phrase_parse(dyad__builder *b, unsigned long line, const char *s,
                       size_t n, dyad__dialect dia, dyad__phrase *out)
{
    out->n = out->used = 0;
    size_t i = 0;
    int adj_next = 0;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t') { adj_next = 0; i++; continue; }
        if (c == '_' || c == '-') { adj_next = 1; i++; continue; }
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '_' &&
               s[j] != '-')
            j++;
        for (size_t k = i; k < j; k++) {
            if (strchr("[]{}|+*$%^!~\"", s[k]) || (s[k] == '&' && k == i)) {
                dyad__b_diag(b, DYAD_SEV_ERROR, line,
                             "unexpected '%c' in phrase '%.*s'", s[k],
                             (int)(n > 80 ? 80 : n), s);
                return -1;
            }
        }
        size_t room = sizeof out->buf - out->used, lens[2];
        char *dst = out->buf + out->used;
        size_t parts = j - i > 255 ? 0 : dyad__word_norm_split(s + i, j - i,
                                                               dst, room, lens);
        if (parts == 0 || lens[0] == 0) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line, "bad word '%.*s' in phrase",
                         (int)(j - i > 60 ? 60 : j - i), s + i);
            return -1;
        }
        /* TABARI: a word is a stem unless `_` follows it directly. */
        int stem = dia == DYAD__TABARI && !(j < n && s[j] == '_') && parts == 1;
        if (phrase_add(b, line, out, dst, lens[0], adj_next, stem)) return -1;
        if (parts == 2 &&
            phrase_add(b, line, out, dst + lens[0], lens[1], 1, 0))
            return -1;
        out->used += lens[0] + (parts == 2 ? lens[1] : 0);
        adj_next = 0;
        i = j;
    }
    if (out->n == 0) {
        dyad__b_diag(b, DYAD_SEV_ERROR, line, "empty phrase");
        return -1;
    }
    return 0;
}

/* Mark a word as a possible first word of phrases under root. */
void dyad__b_mark_start(dyad__builder *b, uint32_t root, uint32_t word)
{
    if (!word || b->oom) return;
    unsigned bit = DYAD__STARTS_SYNSET;
    for (int r = 0; r < DYAD__ROOTS; r++)
        if (b->im.roots[r] == root) bit = 1u << r;
    b->im.words[word - 1].starts |= (uint16_t)bit;
}

uint32_t dyad__b_insert(dyad__builder *b, uint32_t root, const dyad__phrase *p,
                        int all_adjacent)
{
    uint32_t node = root;
    if (p->n) dyad__b_mark_start(b, root, dyad__b_word(b, p->w[0], p->wl[0]));
    for (size_t k = 0; k < p->n && !b->oom; k++) {
        uint32_t w = dyad__b_word(b, p->w[k], p->wl[k]);
        uint32_t term = w;
        if (p->stem[k]) {
            term |= DYAD__TERM_STEM;
            if (w && !b->im.words[w - 1].stem_used) {
                b->im.words[w - 1].stem_used = 1;
                b->im.n_stems++;
                if (p->wl[k] < 64) b->im.stem_lengths |= 1ull << p->wl[k];
            }
        }
        if (k > 0 && !p->adjacent[k] && !all_adjacent) term |= DYAD__TERM_GAP;
        node = dyad__b_child(b, node, term);
    }
    return node;
}

/* ---------------------------------------------------------- inflection */

static int is_vowel(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

size_t dyad__plural(const char *w, size_t n, char *out, size_t cap)
{
    if (n + 3 > cap || n == 0) return 0;
    memcpy(out, w, n);
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    if (last == 'Y' && n > 1 && !is_vowel(prev)) {
        memcpy(out + n - 1, "IES", 3);
        return n + 2;
    }
    if (last == 'S' || last == 'X' || last == 'Z' ||
        (last == 'H' && (prev == 'C' || prev == 'S'))) {
        memcpy(out + n, "ES", 2);
        return n + 2;
    }
    out[n] = 'S';
    return n + 1;
}

void dyad__verb_forms(const char *w, size_t n, char out[3][96], size_t len[3])
{
    len[0] = len[1] = len[2] = 0;
    if (n == 0 || n + 4 > 96) return;
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    /* third person singular */
    len[0] = dyad__plural(w, n, out[0], 96);
    /* past: -ED, -D after E, -IED after consonant + Y */
    memcpy(out[1], w, n);
    if (last == 'E') {
        out[1][n] = 'D';
        len[1] = n + 1;
    } else if (last == 'Y' && n > 1 && !is_vowel(prev)) {
        memcpy(out[1] + n - 1, "IED", 3);
        len[1] = n + 2;
    } else {
        memcpy(out[1] + n, "ED", 2);
        len[1] = n + 2;
    }
    /* -ING: drop a silent E (MAKE -> MAKING) but not in EE/YE/OE/IE */
    memcpy(out[2], w, n);
    if (last == 'E' && n > 2 && prev != 'E' && prev != 'Y' && prev != 'O') {
        if (prev == 'I') {   /* DIE -> DYING */
            memcpy(out[2] + n - 2, "YING", 4);
            len[2] = n + 2;
        } else {
            memcpy(out[2] + n - 1, "ING", 3);
            len[2] = n + 2;
        }
    } else {
        memcpy(out[2] + n, "ING", 3);
        len[2] = n + 3;
    }
}

/* ------------------------------------------------------ function words */

static const struct { const char *w; uint32_t cls; } builtin_words[] = {
    {"A", DYAD__CLS_DET}, {"AN", DYAD__CLS_DET}, {"THE", DYAD__CLS_DET},
    {"THIS", DYAD__CLS_DET}, {"THESE", DYAD__CLS_DET},
    {"THOSE", DYAD__CLS_DET}, {"ANOTHER", DYAD__CLS_DET},
    {"EACH", DYAD__CLS_DET}, {"EVERY", DYAD__CLS_DET},
    {"ITS", DYAD__CLS_POSSPRON | DYAD__CLS_DET},
    {"HIS", DYAD__CLS_POSSPRON | DYAD__CLS_DET},
    {"HER", DYAD__CLS_POSSPRON | DYAD__CLS_DET | DYAD__CLS_PRON},
    {"THEIR", DYAD__CLS_POSSPRON | DYAD__CLS_DET},
    {"OUR", DYAD__CLS_POSSPRON | DYAD__CLS_DET},
    {"YOUR", DYAD__CLS_POSSPRON | DYAD__CLS_DET},
    {"MY", DYAD__CLS_POSSPRON | DYAD__CLS_DET},
    {"AND", DYAD__CLS_CONJ}, {"BUT", DYAD__CLS_CONJ},
    {"OR", DYAD__CLS_CONJ}, {"NOR", DYAD__CLS_CONJ},
    {"HE", DYAD__CLS_PRON}, {"SHE", DYAD__CLS_PRON}, {"IT", DYAD__CLS_PRON},
    {"THEY", DYAD__CLS_PRON}, {"THEM", DYAD__CLS_PRON},
    {"HIM", DYAD__CLS_PRON}, {"WE", DYAD__CLS_PRON}, {"I", DYAD__CLS_PRON},
    {"YOU", DYAD__CLS_PRON}, {"US", DYAD__CLS_PRON},
    {"IS", DYAD__CLS_AUX}, {"ARE", DYAD__CLS_AUX}, {"WAS", DYAD__CLS_AUX},
    {"WERE", DYAD__CLS_AUX}, {"BE", DYAD__CLS_AUX}, {"BEEN", DYAD__CLS_AUX},
    {"BEING", DYAD__CLS_AUX}, {"AM", DYAD__CLS_AUX}, {"'S", 0},
    {"HAS", DYAD__CLS_MODAL}, {"HAVE", DYAD__CLS_MODAL},
    {"HAD", DYAD__CLS_MODAL}, {"WILL", DYAD__CLS_MODAL},
    {"WOULD", DYAD__CLS_MODAL}, {"SHALL", DYAD__CLS_MODAL},
    {"SHOULD", DYAD__CLS_MODAL}, {"CAN", DYAD__CLS_MODAL},
    {"COULD", DYAD__CLS_MODAL}, {"MAY", DYAD__CLS_MODAL | DYAD__CLS_TIME},
    {"MIGHT", DYAD__CLS_MODAL}, {"MUST", DYAD__CLS_MODAL},
    {"DO", DYAD__CLS_MODAL}, {"DOES", DYAD__CLS_MODAL},
    {"DID", DYAD__CLS_MODAL}, {"WO", DYAD__CLS_MODAL}, {"CA", DYAD__CLS_MODAL},
    {"IN", DYAD__CLS_PREP | DYAD__CLS_OF}, {"OF", DYAD__CLS_PREP | DYAD__CLS_OF},
    {"FROM", DYAD__CLS_PREP | DYAD__CLS_OF}, {"ON", DYAD__CLS_PREP},
    {"AT", DYAD__CLS_PREP}, {"BY", DYAD__CLS_PREP | DYAD__CLS_BY},
    {"WITH", DYAD__CLS_PREP}, {"FOR", DYAD__CLS_PREP},
    {"AGAINST", DYAD__CLS_PREP}, {"ABOUT", DYAD__CLS_PREP},
    {"OVER", DYAD__CLS_PREP}, {"INTO", DYAD__CLS_PREP},
    {"DURING", DYAD__CLS_PREP}, {"BETWEEN", DYAD__CLS_PREP},
    {"AMONG", DYAD__CLS_PREP}, {"THROUGH", DYAD__CLS_PREP},
    {"UNDER", DYAD__CLS_PREP}, {"NEAR", DYAD__CLS_PREP},
    {"TOWARD", DYAD__CLS_PREP}, {"TOWARDS", DYAD__CLS_PREP},
    {"ACROSS", DYAD__CLS_PREP}, {"WITHOUT", DYAD__CLS_PREP},
    {"WITHIN", DYAD__CLS_PREP}, {"ALONG", DYAD__CLS_PREP},
    {"AMID", DYAD__CLS_PREP}, {"DESPITE", DYAD__CLS_PREP},
    {"VIA", DYAD__CLS_PREP}, {"UPON", DYAD__CLS_PREP},
    {"INSIDE", DYAD__CLS_PREP}, {"OUTSIDE", DYAD__CLS_PREP},
    {"TO", DYAD__CLS_TO},
    {"NOT", DYAD__CLS_NEG}, {"N'T", DYAD__CLS_NEG}, {"NEVER", DYAD__CLS_NEG},
    {"WHO", DYAD__CLS_SUBORD}, {"WHICH", DYAD__CLS_SUBORD},
    {"THAT", DYAD__CLS_SUBORD}, {"WHOM", DYAD__CLS_SUBORD},
    {"WHOSE", DYAD__CLS_SUBORD}, {"WHERE", DYAD__CLS_SUBORD},
    {"WHEN", DYAD__CLS_SUBORD}, {"WHILE", DYAD__CLS_SUBORD},
    {"BECAUSE", DYAD__CLS_SUBORD}, {"IF", DYAD__CLS_SUBORD},
    {"ALTHOUGH", DYAD__CLS_SUBORD}, {"THOUGH", DYAD__CLS_SUBORD},
    {"WHETHER", DYAD__CLS_SUBORD}, {"UNLESS", DYAD__CLS_SUBORD},
    {"AFTER", DYAD__CLS_SUBORD | DYAD__CLS_PREP},
    {"BEFORE", DYAD__CLS_SUBORD | DYAD__CLS_PREP},
    {"SINCE", DYAD__CLS_SUBORD | DYAD__CLS_PREP},
    {"UNTIL", DYAD__CLS_SUBORD | DYAD__CLS_PREP},
    {"AS", DYAD__CLS_SUBORD | DYAD__CLS_PREP},
    {"FORMER", DYAD__CLS_FORMER}, {"EX", DYAD__CLS_FORMER},
    {"NEITHER", DYAD__CLS_NEITHER}, {"EITHER", DYAD__CLS_NEITHER},
    {"BOTH", DYAD__CLS_NEITHER},
    {"SOME", DYAD__CLS_QUANT}, {"ALL", DYAD__CLS_QUANT},
    {"SEVERAL", DYAD__CLS_QUANT}, {"MANY", DYAD__CLS_QUANT},
    {"FEW", DYAD__CLS_QUANT}, {"MOST", DYAD__CLS_QUANT},
    {"MONDAY", DYAD__CLS_TIME | DYAD__CLS_DAY}, {"TUESDAY", DYAD__CLS_TIME | DYAD__CLS_DAY},
    {"WEDNESDAY", DYAD__CLS_TIME | DYAD__CLS_DAY}, {"THURSDAY", DYAD__CLS_TIME | DYAD__CLS_DAY},
    {"FRIDAY", DYAD__CLS_TIME | DYAD__CLS_DAY}, {"SATURDAY", DYAD__CLS_TIME | DYAD__CLS_DAY},
    {"SUNDAY", DYAD__CLS_TIME | DYAD__CLS_DAY}, {"TODAY", DYAD__CLS_TIME | DYAD__CLS_DAY},
    {"YESTERDAY", DYAD__CLS_TIME | DYAD__CLS_DAY}, {"TOMORROW", DYAD__CLS_TIME | DYAD__CLS_DAY},
    {"TONIGHT", DYAD__CLS_TIME | DYAD__CLS_DAY}, {"JANUARY", DYAD__CLS_TIME},
    {"FEBRUARY", DYAD__CLS_TIME}, {"MARCH", DYAD__CLS_TIME},
    {"APRIL", DYAD__CLS_TIME}, {"JUNE", DYAD__CLS_TIME},
    {"JULY", DYAD__CLS_TIME}, {"AUGUST", DYAD__CLS_TIME},
    {"SEPTEMBER", DYAD__CLS_TIME}, {"OCTOBER", DYAD__CLS_TIME},
    {"NOVEMBER", DYAD__CLS_TIME}, {"DECEMBER", DYAD__CLS_TIME},
    {"ONE", DYAD__CLS_NUMWORD}, {"TWO", DYAD__CLS_NUMWORD},
    {"THREE", DYAD__CLS_NUMWORD}, {"FOUR", DYAD__CLS_NUMWORD},
    {"FIVE", DYAD__CLS_NUMWORD}, {"SIX", DYAD__CLS_NUMWORD},
    {"SEVEN", DYAD__CLS_NUMWORD}, {"EIGHT", DYAD__CLS_NUMWORD},
    {"NINE", DYAD__CLS_NUMWORD}, {"TEN", DYAD__CLS_NUMWORD},
    {"HUNDRED", DYAD__CLS_NUMWORD}, {"THOUSAND", DYAD__CLS_NUMWORD},
    {"MILLION", DYAD__CLS_NUMWORD}, {"BILLION", DYAD__CLS_NUMWORD},
    {"SAID", DYAD__CLS_ATTRIB}, {"SAYS", DYAD__CLS_ATTRIB},
    {"SAY", DYAD__CLS_ATTRIB}, {"TOLD", DYAD__CLS_ATTRIB},
    {"ADDED", DYAD__CLS_ATTRIB}, {"REPORTED", DYAD__CLS_ATTRIB},
    {"STATED", DYAD__CLS_ATTRIB}, {"NOTED", DYAD__CLS_ATTRIB},
    {"CLAIMED", DYAD__CLS_ATTRIB}, {"ANNOUNCED", DYAD__CLS_ATTRIB},
};

uint64_t dyad__builtin_words_hash(void)
{
    uint64_t h = 1;
    for (size_t i = 0; i < DYAD_ARRAY_LEN(builtin_words); i++) {
        h = dyad__hash(builtin_words[i].w, strlen(builtin_words[i].w), h);
        h = dyad__hash(&builtin_words[i].cls, sizeof builtin_words[i].cls, h);
    }
    return h;
}

static void add_builtin_words(dyad__builder *b)
{
    for (size_t i = 0; i < DYAD_ARRAY_LEN(builtin_words); i++) {
        const char *w = builtin_words[i].w;
        uint32_t id = dyad__b_word(b, w, strlen(w));
        if (id) b->im.words[id - 1].cls |= builtin_words[i].cls;
    }
}

/* ------------------------------------------------------------- finish */

/* Patterns of a block by length, longest first; file order among equals.
 * The sort works on (length, index) pairs so that it needs no global. */
typedef struct plen { uint32_t length, pat; } plen;

static int plen_cmp(const void *pa, const void *pb)
{
    const plen *x = pa, *y = pb;
    if (x->length != y->length) return x->length > y->length ? -1 : 1;
    return x->pat < y->pat ? -1 : x->pat > y->pat;
}

static void sort_patterns(dyad__builder *b)
{
    dyad__image *im = &b->im;
    plen *tmp = NULL;
    size_t cap = 0;
    for (size_t k = 0; k < im->n_blocks; k++) {
        dyad__vblock *bl = &im->blocks[k];
        if (bl->n_pats < 2) continue;
        if (bl->n_pats > cap) {
            free(tmp);
            cap = bl->n_pats;
            tmp = malloc(cap * sizeof *tmp);
            if (!tmp) {
                b->oom = 1;
                return;
            }
        }
        uint32_t *order = im->pat_order + bl->first_pat;
        for (uint32_t i = 0; i < bl->n_pats; i++)
            tmp[i] = (plen){im->patterns[order[i]].length, order[i]};
        qsort(tmp, bl->n_pats, sizeof *tmp, plen_cmp);
        for (uint32_t i = 0; i < bl->n_pats; i++) order[i] = tmp[i].pat;
    }
    free(tmp);
    if (dyad__grow((void **)&im->pat_masks, &b->cap[dyad__slot_pat_masks],
                   im->n_pat_order + 1, sizeof *im->pat_masks)) {
        b->oom = 1;
        return;
    }
    im->n_pat_masks = im->n_pat_order;
    for (size_t k = 0; k < im->n_pat_order; k++) {
        const dyad__pattern *p = &im->patterns[im->pat_order[k]];
        memcpy(im->pat_masks[k].m, p->mask, sizeof im->pat_masks[k].m);
        im->pat_masks[k].anchor = p->anchor;
        im->pat_masks[k].pad = 0;
    }
}

/* ------------------------------------------------------ anchor index */

typedef struct apair { uint32_t word, k; } apair;

static int apair_cmp(const void *x, const void *y)
{
    const apair *a = x, *c = y;
    if (a->word != c->word) return a->word < c->word ? -1 : 1;
    return a->k < c->k ? -1 : a->k > c->k;
}

static void push_list(dyad__builder *b, uint32_t v)
{
    DYAD__B_PUSH(b, anchor_lists, v);
}

/* Index the patterns of big blocks by anchor word (see dyad__vblock). */
static void index_blocks(dyad__builder *b)
{
    dyad__image *im = &b->im;
    for (size_t bi = 0; bi < im->n_blocks && !b->oom; bi++) {
        if (im->blocks[bi].n_pats < DYAD__BUCKET_MIN) continue;
        uint32_t n = im->blocks[bi].n_pats, first = im->blocks[bi].first_pat;
        apair *pairs = malloc(n * sizeof *pairs);
        if (!pairs) {
            b->oom = 1;
            return;
        }
        size_t np = 0;
        uint32_t free_first = (uint32_t)im->n_anchor_lists, n_free = 0;
        for (uint32_t k = 0; k < n; k++) {
            uint32_t w = im->patterns[im->pat_order[first + k]].anchor_word;
            if (w == DYAD__NONE) {
                push_list(b, k);
                n_free++;
            } else {
                pairs[np].word = w;
                pairs[np].k = k;
                np++;
            }
        }
        qsort(pairs, np, sizeof *pairs, apair_cmp);
        uint32_t root = dyad__b_node(b);
        for (size_t i = 0; i < np && !b->oom;) {
            size_t j = i;
            uint32_t start = (uint32_t)im->n_anchor_lists;
            while (j < np && pairs[j].word == pairs[i].word) push_list(b, pairs[j++].k);
            im->words[pairs[i].word - 1].starts |= DYAD__ANCHOR_WORD;
            dyad__sig_set(im->blocks[bi].anchor_sig, pairs[i].word);
            uint32_t node = dyad__b_child(b, root, pairs[i].word);
            if (node) {
                im->nodes[node].value = start;
                im->nodes[node].flags = (uint32_t)(j - i) << 1;
            }
            i = j;
        }
        free(pairs);
        dyad__vblock *bl = &im->blocks[bi];   /* arrays may have moved */
        bl->bucket_root = root;
        bl->free_first = free_first;
        bl->n_free = n_free;
    }
}

/* Which blocks can yield a dominant code, the only kind that may still
 * come after a clause has its event (code.c). */
static void mark_dominant_blocks(dyad__image *im)
{
    for (size_t k = 0; k < im->n_blocks; k++) {
        dyad__vblock *bl = &im->blocks[k];
        bl->dominant = (bl->code.flags & DYAD__EC_DOMINANT) != 0;
        for (uint32_t i = 0; i < bl->n_pats && !bl->dominant; i++)
            if (im->patterns[im->pat_order[bl->first_pat + i]].code.flags &
                DYAD__EC_DOMINANT)
                bl->dominant = 1;
    }
    for (size_t v = 0; v < im->n_verbs; v++)
        if (im->verbs[v].code.flags & DYAD__EC_DOMINANT)
            im->blocks[im->verbs[v].block].dominant = 1;
}

/* A bit set of nwords 64-bit words in image array *arr (capacity slot),
 * cleared; NULL when out of memory. */
static uint64_t *clear_bits(dyad__builder *b, uint64_t **arr, size_t slot,
                            size_t nwords)
{
    if (dyad__grow((void **)arr, &b->cap[slot], nwords, sizeof **arr)) {
        b->oom = 1;
        return NULL;
    }
    memset(*arr, 0, nwords * sizeof **arr);
    return *arr;
}

/* The stem filter (see dyad__stem_maybe). */
static void build_stem_filter(dyad__builder *b)
{
    dyad__image *im = &b->im;
    if (!im->n_stems) return;
    uint64_t *f = clear_bits(b, &im->stem_filter, dyad__slot_stem_filter,
                             DYAD__STEM_FILTER_WORDS);
    if (!f) return;
    for (size_t k = 0; k < im->n_words; k++) {
        if (!im->words[k].stem_used) continue;
        const unsigned char *w = (const unsigned char *)im->strings + im->words[k].str;
        uint64_t h = 0;
        for (uint32_t i = 0; i < im->words[k].len; i++) h = dyad__stem_roll(h, w[i]);
        unsigned bit = dyad__stem_filter_bit(h);
        f[bit >> 6] |= 1ull << (bit & 63);
    }
    im->n_stem_filter = DYAD__STEM_FILTER_WORDS;
}

/* The edge filter (see dyad__trie_edge). */
static void build_edge_filter(dyad__builder *b)
{
    dyad__image *im = &b->im;
    size_t nwords = 64;                   /* 4,096 bits at least */
    while (nwords * 64 < b->edge_fill * 8) nwords *= 2;
    uint64_t *f = clear_bits(b, &im->edge_filter, dyad__slot_edge_filter, nwords);
    if (!f) return;
    for (size_t i = 0; i < im->n_edges; i++) {
        if (!im->edges[i].key) continue;
        size_t bit = dyad__edge_filter_bit(im->edges[i].key, nwords);
        f[bit >> 6] |= 1ull << (bit & 63);
    }
    im->n_edge_filter = nwords;
}

/* Copy each child's value and GAPS flag into the edge leading to it. */
static void sync_edge_info(dyad__image *im)
{
    for (size_t i = 0; i < im->n_edges; i++) {
        dyad__edge *e = &im->edges[i];
        if (!e->key) continue;
        const dyad__node *c = &im->nodes[e->child];
        uint32_t v = c->value >= DYAD__INFO_NONE ? DYAD__INFO_NONE : c->value;
        e->info = v | (c->flags & DYAD__NODE_GAPS ? DYAD__INFO_GAPS : 0);
    }
}

/* First-word signatures of alternative groups, from their alternatives'
 * first elements (synset signatures are complete by now). */
static void alt_signatures(dyad__builder *b)
{
    dyad__image *im = &b->im;
    for (size_t g = 0; g < im->n_altgroups; g++) {
        dyad__altgroup *ag = &im->altgroups[g];
        memset(ag->first, 0, sizeof ag->first);
        for (uint32_t a = 0; a < ag->n_alts; a++) {
            const dyad__pel *e = &im->pels[im->alts[ag->first_alt + a].first_el];
            if (e->kind == DYAD__PE_WORD && !(e->arg & DYAD__TERM_STEM))
                dyad__sig_set(ag->first, e->arg & DYAD__TERM_MASK);
            else if (e->kind == DYAD__PE_SYNSET && e->arg < im->n_synsets)
                for (int i = 0; i < 4; i++) ag->first[i] |= im->synsets[e->arg].first[i];
            else                          /* a stem: any word may start it */
                memset(ag->first, 0xff, sizeof ag->first);
        }
    }
}

dyad_status dyad__builder_finish(dyad__builder *b)
{
    add_builtin_words(b);
    sort_patterns(b);
    index_blocks(b);
    mark_dominant_blocks(&b->im);
    build_stem_filter(b);
    alt_signatures(b);
    if (b->im.n_edges == 0 && rehash_edges(b, 16)) b->oom = 1;
    if (b->im.n_wslots == 0 && rehash_words(b, 16)) b->oom = 1;
    if (!b->oom) build_edge_filter(b);
    if (!b->oom) sync_word_slots(&b->im);
    if (!b->oom) sync_edge_info(&b->im);
    return b->oom ? DYAD_ENOMEM : DYAD_OK;
}

dyad_status dyad__builder_init(dyad__builder *b, dyad__diag_sink *sink)
{
    memset(b, 0, sizeof *b);
    b->sink = sink;
    /* offset 0 of the pool is the empty string */
    dyad__b_str(b, "", 0);
    for (int r = 0; r < DYAD__ROOTS; r++) b->im.roots[r] = dyad__b_node(b);
    return b->oom ? DYAD_ENOMEM : DYAD_OK;
}

void dyad__builder_free(dyad__builder *b)
{
#define DYAD__FREE(T, name) free(b->im.name);
    DYAD__IMAGE_ARRAYS(DYAD__FREE)
#undef DYAD__FREE
    dyad__forms_free(b->forms);
    memset(b, 0, sizeof *b);
}

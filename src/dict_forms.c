/*
 * dict_forms.c - the verb forms table: one `LEMMA {FORM FORM ...}` line per
 * verb, giving every inflected form of the verb word (the built-in table,
 * data/dict/verb-forms.txt, is generated from WordNet by
 * tools/gen_verb_forms.c). While the verbs files are read, a PETRARCH verb
 * line without its own {...} takes the forms of its inflecting word from
 * this table, and only a word the table lacks gets the rule-made endings.
 * The table lives only while a dictionary is compiled.
 */
#include <stdlib.h>
#include <string.h>

#include "dict_forms.h"
#include "dict_lines.h"

/* lengths of words and forms lists are kept in 16 bits */
_Static_assert(DYAD_MAX_DICT_LINE < 65536, "forms lengths must fit uint16_t");

typedef struct fentry {
    uint32_t word, forms;       /* offsets into the text pool */
    uint16_t wl, fl;
} fentry;

struct dyad__forms {
    fentry *slots;              /* open addressing; word == NONE is empty */
    size_t cap, n;
    char *pool;
    size_t pool_n, pool_cap;
};

static uint32_t hash_word(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static uint32_t pool_add(dyad__forms *f, const char *s, size_t n)
{
    if (f->pool_n + n + 1 > f->pool_cap) {
        size_t cap = f->pool_cap ? f->pool_cap * 2 : 64 * 1024;
        while (cap < f->pool_n + n + 1) cap *= 2;
        if (cap > UINT32_MAX) return DYAD__NONE;
        char *p = realloc(f->pool, cap);
        if (!p) return DYAD__NONE;
        f->pool = p;
        f->pool_cap = cap;
    }
    uint32_t at = (uint32_t)f->pool_n;
    memcpy(f->pool + at, s, n);
    f->pool[at + n] = '\0';
    f->pool_n += n + 1;
    return at;
}

static fentry *slot_of(const dyad__forms *f, const char *w, size_t n)
{
    size_t mask = f->cap - 1;
    for (size_t i = hash_word(w, n) & mask;; i = (i + 1) & mask) {
        fentry *e = &f->slots[i];
        if (e->word == DYAD__NONE) return e;
        if (e->wl == n && !memcmp(f->pool + e->word, w, n)) return e;
    }
}

static int grow(dyad__forms *f)
{
    size_t cap = f->cap ? f->cap * 2 : 4096;
    fentry *old = f->slots;
    size_t old_cap = f->cap;
    f->slots = malloc(cap * sizeof *f->slots);
    if (!f->slots) {
        f->slots = old;
        return -1;
    }
    for (size_t i = 0; i < cap; i++) f->slots[i].word = DYAD__NONE;
    f->cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].word == DYAD__NONE) continue;
        *slot_of(f, f->pool + old[i].word, old[i].wl) = old[i];
    }
    free(old);
    return 0;
}

/* Store one entry; a later line for the same word replaces the earlier
 * (*replaced set). */
static int put(dyad__forms *f, const char *w, size_t wl, const char *forms,
               size_t fl, int *replaced)
{
    if ((f->n + 1) * 2 > f->cap && grow(f)) return -1;
    fentry *e = slot_of(f, w, wl);
    *replaced = e->word != DYAD__NONE;
    uint32_t fo = pool_add(f, forms, fl);
    if (fo == DYAD__NONE) return -1;
    if (e->word == DYAD__NONE) {
        uint32_t wo = pool_add(f, w, wl);
        if (wo == DYAD__NONE) return -1;
        e->word = wo;
        e->wl = (uint16_t)wl;
        f->n++;
    }
    e->forms = fo;
    e->fl = (uint16_t)fl;
    return 0;
}

/* Upper-case the forms list and squeeze its blanks to single spaces. The
 * result may be truncated at cap - 1 bytes (a line is at most
 * DYAD_MAX_DICT_LINE bytes, which fits). */
static size_t normalize_forms(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = s[i];
        if (dyad__is_space(c)) {
            if (k && out[k - 1] != ' ') out[k++] = ' ';
            continue;
        }
        out[k++] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    while (k && out[k - 1] == ' ') k--;
    return k;
}

/* A form or lemma must be one word as the tokenizer reads one: letters,
 * digits and inner apostrophes or periods. */
static int one_word(const char *w, size_t n)
{
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        int ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
                 ((c == '\'' || c == '.') && i > 0);
        if (!ok) return 0;
    }
    return 1;
}

static void read_line(dyad__builder *b, dyad__forms *f, const dyad__dline *l)
{
    const char *open = memchr(l->s, '{', l->n);
    const char *close = open ? memchr(open, '}', l->n - (size_t)(open - l->s))
                             : NULL;
    if (!open || !close) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                     "verb forms line needs `WORD {FORM FORM ...}`; "
                     "line ignored");
        return;
    }
    const char *w = l->s;
    size_t wn = (size_t)(open - l->s);
    dyad__trim(&w, &wn);
    const char *tail = close + 1;
    size_t tn = l->n - (size_t)(tail - l->s);
    dyad__trim(&tail, &tn);
    char word[128], forms[DYAD_MAX_DICT_LINE];
    if (wn >= sizeof word) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                     "verb forms line: the word before {...} is longer than "
                     "%zu bytes; line ignored", sizeof word - 1);
        return;
    }
    int ul = wn ? dyad__upper_copy(w, wn, word, sizeof word) : -1;
    if (ul <= 0 || !one_word(word, (size_t)ul) || tn) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                     "verb forms line needs one word before {...} and "
                     "nothing after it; line ignored");
        return;
    }
    size_t fl = normalize_forms(open + 1, (size_t)(close - open - 1), forms,
                                sizeof forms);
    if (!fl) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                     "verb forms line lists no forms; line ignored");
        return;
    }
    for (size_t i = 0; i < fl;) {
        size_t j = i;
        while (j < fl && forms[j] != ' ') j++;
        if (!one_word(forms + i, j - i)) {
            dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                         "verb form '%.*s' of '%s' is not one word as dyad "
                         "reads text (letters, digits, inner ' or .); line "
                         "ignored", (int)(j - i), forms + i, word);
            return;
        }
        i = j + 1;
    }
    int replaced = 0;
    if (put(f, word, (size_t)ul, forms, fl, &replaced)) {
        b->oom = 1;
        return;
    }
    if (replaced)
        dyad__b_diag(b, DYAD_SEV_WARNING, l->line,
                     "verb forms of '%s' are listed again; this later line "
                     "replaces the earlier one", word);
}

void dyad__read_forms(dyad__builder *b, const char *text, size_t len)
{
    if (!b->forms) {
        b->forms = calloc(1, sizeof *b->forms);
        if (!b->forms || grow(b->forms)) {
            b->oom = 1;
            return;
        }
    }
    dyad__dlines *it = dyad__dlines_open(b, text, len, DYAD__PETRARCH);
    if (!it) return;
    dyad__dline l;
    while (!b->oom && dyad__dlines_next(b, it, &l)) read_line(b, b->forms, &l);
    free(it);
}

const char *dyad__forms_find(const dyad__builder *b, const char *w, size_t n,
                             size_t *len)
{
    const dyad__forms *f = b->forms;
    if (!f || !f->n || n == 0) return NULL;
    const fentry *e = slot_of(f, w, n);
    if (e->word == DYAD__NONE) return NULL;
    *len = e->fl;
    return f->pool + e->forms;
}

void dyad__forms_free(dyad__forms *f)
{
    if (!f) return;
    free(f->slots);
    free(f->pool);
    free(f);
}

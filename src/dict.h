/*
 * dict.h - the compiled dictionary image and the builder that makes it.
 *
 * All dictionaries (actors, agents, verbs with their patterns and synsets,
 * discards, issues) compile into one image made only of flat arrays of
 * fixed-width records that refer to each other by index: the same bytes work
 * in memory after compiling and mmapped from the binary cache. Phrases live
 * in tries over interned words; every trie edge of every trie sits in one
 * open-addressing hash keyed by (node, term), so stepping a trie is one probe.
 *
 * Terms: a word id (index into the vocabulary), optionally with TERM_STEM
 * (a TABARI open word that matches any text word it prefixes) and/or
 * TERM_GAP on an edge (the word may follow its predecessor after a few other
 * words, the meaning of a space in a phrase; `_` means adjacent).
 */
#ifndef DYAD_DICT_H
#define DYAD_DICT_H

#include "base.h"

#define DYAD__TERM_STEM 0x80000000u
#define DYAD__TERM_GAP 0x40000000u
#define DYAD__TERM_MASK 0x3fffffffu
#define DYAD__NONE 0xffffffffu

/* Function-word classes, a bit set on vocabulary words (tag.c uses them). */
enum {
    DYAD__CLS_DET = 1u << 0,      /* a, an, the, this ... */
    DYAD__CLS_POSSPRON = 1u << 1, /* its, his, her, their, our */
    DYAD__CLS_CONJ = 1u << 2,     /* and, but, or, nor */
    DYAD__CLS_PRON = 1u << 3,     /* he, she, it, they, them ... */
    DYAD__CLS_AUX = 1u << 4,      /* is, was, were, been, be, being ... */
    DYAD__CLS_MODAL = 1u << 5,    /* will, would, can, may, has, have ... */
    DYAD__CLS_PREP = 1u << 6,     /* in, of, on, at, from, with ... */
    DYAD__CLS_BY = 1u << 7,       /* by (passive voice) */
    DYAD__CLS_NEG = 1u << 8,      /* not, n't, never */
    DYAD__CLS_SUBORD = 1u << 9,   /* who, which, that, when, after ... */
    DYAD__CLS_TO = 1u << 10,      /* to */
    DYAD__CLS_FORMER = 1u << 11,  /* former, ex (agent becomes ELI) */
    DYAD__CLS_ATTRIB = 1u << 12,  /* said, says, told ... reporting verbs */
    DYAD__CLS_TIME = 1u << 13,    /* weekday, month, today, yesterday */
    DYAD__CLS_NUMWORD = 1u << 14, /* one, two, ... million */
    DYAD__CLS_NOUN = 1u << 15,    /* TABARI <NOUN> list */
    DYAD__CLS_ADJ = 1u << 16,     /* TABARI <ADJECTIVE> list */
    DYAD__CLS_NEITHER = 1u << 17, /* neither, either, both */
    DYAD__CLS_OF = 1u << 18,      /* of, in, from (agent attachment) */
    DYAD__CLS_QUANT = 1u << 19,   /* some, all, several, many */
    DYAD__CLS_DAY = 1u << 20      /* weekdays, today, yesterday: adverbs */
};

typedef struct dyad__word {      /* vocabulary entry */
    uint32_t str;                /* offset in the string pool */
    uint32_t len;
    uint32_t cls;                /* DYAD__CLS_* bits */
    uint16_t stem_used;          /* 1 when some phrase uses it as a stem */
    uint16_t starts;             /* bit r: a phrase of trie root r starts
                                    with it; DYAD__STARTS_SYNSET: a synset
                                    member does */
} dyad__word;

#define DYAD__STARTS_SYNSET (1u << 15)
#define DYAD__ANCHOR_WORD (1u << 14)  /* anchors a pattern of an indexed block */

typedef struct dyad__wslot {     /* vocabulary hash slot (dict_build.c) */
    uint64_t text[2];            /* first 16 bytes of the word, 0-padded */
    uint32_t id;                 /* word id; 0 = empty slot */
    uint32_t len;
    uint32_t cls;                /* copies of the word's cls and starts, */
    uint16_t starts;             /* set when the image is finished */
    uint16_t pad;
} dyad__wslot;

/* Blocks with at least this many patterns get an anchor-word index. */
#define DYAD__BUCKET_MIN 24

typedef struct dyad__edge {
    uint64_t key;                /* (node << 32) | term; 0 = empty slot */
    uint32_t child;
    uint32_t info;               /* the child's value and GAPS flag, copied
                                    when the image is finished (packing
                                    below), so that a walk down the trie
                                    need not read nodes[] */
} dyad__edge;

/* Packing of dyad__edge.info: bit 31 the child's DYAD__NODE_GAPS, bits
 * 0-30 its value, all ones for DYAD__NONE. */
#define DYAD__INFO_GAPS 0x80000000u
#define DYAD__INFO_NONE 0x7fffffffu
static inline uint32_t dyad__info_value(uint32_t info)
{
    uint32_t v = info & DYAD__INFO_NONE;
    return v == DYAD__INFO_NONE ? 0xffffffffu : v;
}

enum { DYAD__NODE_GAPS = 1 };    /* the node has edges with TERM_GAP */

typedef struct dyad__node {
    uint32_t value;              /* payload index of a phrase ending here */
    uint32_t flags;
} dyad__node;

/* An actor code with its date rule; entries own runs of these. */
typedef struct dyad__restr {
    int32_t from, to;            /* YYYYMMDD bounds, 0 = open */
    uint32_t first_code;         /* index into codes[] (string offsets) */
    uint16_t n_codes;            /* >1 for coded compounds [A/B] */
    uint16_t is_default;
} dyad__restr;

typedef struct dyad__actor {
    uint32_t phrase;             /* string: the phrase as written */
    uint32_t head;               /* string: its head phrase (for synonyms) */
    uint32_t file, line;
    uint32_t first_restr;
    uint32_t n_restr;
} dyad__actor;

typedef struct dyad__agent {
    uint32_t phrase, file, line;
    uint32_t code;               /* string offset: "GOV", "GOVMED" */
    uint32_t prefix;             /* 1: [CODE~] goes before the actor code */
} dyad__agent;

/* Event code record; flags below. */
enum {
    DYAD__EC_NULL = 1,           /* [---] */
    DYAD__EC_DISCARD = 2,        /* [###] */
    DYAD__EC_COMPLEX = 4,        /* [+++] */
    DYAD__EC_SUBORD = 8,         /* [c?] */
    DYAD__EC_DOMINANT = 16       /* [c!] */
};

typedef struct dyad__codespec {
    uint32_t code1, code2;       /* string offsets; DYAD__NONE = none */
    uint32_t flags;              /* DYAD__EC_* */
    uint32_t paired;             /* 1 when written c1:c2 (or :c2) */
} dyad__codespec;

enum {                           /* pattern element kinds */
    DYAD__PE_WORD = 1, DYAD__PE_SYNSET, DYAD__PE_ALT, DYAD__PE_SOURCE,
    DYAD__PE_TARGET, DYAD__PE_COMPOUND, DYAD__PE_SKIP
};

typedef struct dyad__pel {
    uint8_t kind;
    uint8_t adjacent;            /* must follow the previous element directly */
    uint16_t pad;
    uint32_t arg;                /* term, synset, alt group */
} dyad__pel;

typedef struct dyad__altgroup {
    uint32_t first_alt, n_alts;
    uint64_t first[4];           /* signature of the alternatives' first
                                    words (all ones when one starts with a
                                    stem); set when the image is finished */
} dyad__altgroup;
typedef struct dyad__alt { uint32_t first_el, n_el; } dyad__alt;

typedef struct dyad__pattern {
    uint32_t first_el;
    uint16_t n_upper, n_lower;   /* elements before / after the verb */
    uint32_t length;             /* TABARI length score; longest first */
    uint32_t verb_adj_upper;     /* last upper element joined to the verb */
    uint32_t verb_adj_lower;     /* first lower element joined to the verb */
    dyad__codespec code;
    uint64_t mask[4];            /* signature of the literal words needed */
    uint32_t anchor;             /* see dyad__pmask */
    uint32_t anchor_word;        /* that word's id, NONE if none */
    uint32_t text, file, line;
} dyad__pattern;

typedef struct dyad__pmask {      /* a pattern's word signature, stored
                                    in pat_order order for a fast scan */
    uint64_t m[4];
    uint32_t anchor;             /* signature bit of its longest literal
                                    word, checked first; NONE if none */
    uint32_t pad;
} dyad__pmask;

typedef struct dyad__verb {       /* one verb root (a line in a block) */
    uint32_t name;               /* string */
    uint32_t block;
    dyad__codespec code;         /* own code, or flags with code1 = NONE */
    uint32_t file, line;
} dyad__verb;

typedef struct dyad__vblock {
    uint32_t name;
    dyad__codespec code;         /* default code of the block */
    uint32_t first_pat, n_pats;  /* into pat_order[], sorted longest first */
    uint32_t file, line;
    /* Blocks with many patterns index them by their longest literal word:
     * bucket_root's child for a word id is a node whose value/flags give
     * a run of anchor_lists (pattern positions within the block, in
     * order); patterns without a literal word are listed at free_first. */
    uint32_t bucket_root;        /* DYAD__NONE: scan all patterns */
    uint32_t free_first, n_free;
    uint32_t dominant;           /* 1 when the block, one of its verbs or
                                    patterns has a dominant code ([c!]) */
    uint64_t anchor_sig[4];      /* signature of its anchor words */
} dyad__vblock;

enum {                           /* what a verb form is */
    DYAD__VF_BASE = 0, DYAD__VF_S, DYAD__VF_PAST, DYAD__VF_ING,
    DYAD__VF_STEM                /* a TABARI stem: see the text word */
};

typedef struct dyad__vform {     /* a verb form phrase ending in the trie */
    uint32_t verb;
    uint32_t verb_word;          /* index of the inflected word */
    uint32_t n_words;
    uint32_t kind;               /* DYAD__VF_* */
} dyad__vform;

typedef struct dyad__synset {
    uint32_t name;
    uint32_t root;               /* trie root of its member phrases */
    uint32_t length;             /* length score of its name */
    uint32_t pad;
    uint64_t first[4];           /* signature of the members' first words
                                    (all ones when a member starts with a
                                    stem) */
} dyad__synset;

typedef struct dyad__discard {
    uint32_t phrase, file, line;
    uint32_t story;              /* 1: discard the whole story */
} dyad__discard;

typedef struct dyad__issue {
    uint32_t category, phrase, file, line;
    uint32_t ignore;             /* 1: an ignore phrase (cancels issues) */
} dyad__issue;

typedef struct dyad__timeword { /* TABARI <TIME> phrases: shift the date */
    int32_t shift;               /* days */
    uint32_t flags;              /* DYAD__EC_* for [---] [###] [+++] */
    uint32_t phrase, file, line;
} dyad__timeword;

typedef struct dyad__wclass {    /* TABARI <NOUN>/<ADJECTIVE> entries */
    uint32_t cls;
} dyad__wclass;

typedef struct dyad__sdiag {     /* a loader diagnostic kept for replay */
    uint32_t severity, code, file, line, msg;
} dyad__sdiag;

enum {                           /* trie roots */
    DYAD__ROOT_ACTORS = 0, DYAD__ROOT_AGENTS, DYAD__ROOT_VERBS,
    DYAD__ROOT_DISCARDS, DYAD__ROOT_ISSUES, DYAD__ROOT_CLASSES,
    DYAD__ROOT_TIME, DYAD__ROOTS
};

/* The arrays of an image, in serialization order. */
#define DYAD__IMAGE_ARRAYS(X)                                            \
    X(char, strings)                                                     \
    X(dyad__word, words)                                                 \
    X(dyad__wslot, wslots)                                               \
    X(uint64_t, stem_filter)                                             \
    X(uint64_t, edge_filter)                                             \
    X(dyad__node, nodes)                                                 \
    X(dyad__edge, edges)                                                 \
    X(dyad__restr, restrs)                                               \
    X(uint32_t, codes)                                                   \
    X(dyad__actor, actors)                                               \
    X(dyad__agent, agents)                                               \
    X(dyad__verb, verbs)                                                 \
    X(dyad__vblock, blocks)                                              \
    X(dyad__vform, vforms)                                               \
    X(dyad__pattern, patterns)                                           \
    X(uint32_t, pat_order)                                               \
    X(dyad__pmask, pat_masks)                                            \
    X(uint32_t, anchor_lists)                                            \
    X(dyad__pel, pels)                                                   \
    X(dyad__altgroup, altgroups)                                         \
    X(dyad__alt, alts)                                                   \
    X(dyad__synset, synsets)                                             \
    X(dyad__discard, discards)                                           \
    X(dyad__issue, issues)                                               \
    X(dyad__timeword, timewords)                                         \
    X(dyad__wclass, wclasses)                                            \
    X(uint32_t, files)                                                   \
    X(dyad__sdiag, sdiags)

typedef struct dyad__image {
#define DYAD__DECL(T, name) T *name; size_t n_##name;
    DYAD__IMAGE_ARRAYS(DYAD__DECL)
#undef DYAD__DECL
    uint32_t roots[DYAD__ROOTS];
    uint64_t stem_lengths;       /* bit n set: some stem has n bytes */
    uint32_t n_stems;
} dyad__image;

/* A verb's code when no pattern matches: its own, else its block's (the
 * coder's choice, and what `dyad dict lookup` shows). */
static inline const dyad__codespec *dyad__verb_default_code(const dyad__image *im,
                                                            const dyad__verb *v)
{
    int own = v->code.code1 != DYAD__NONE || v->code.flags || v->code.code2 != DYAD__NONE;
    return own ? &v->code : &im->blocks[v->block].code;
}

struct dyad_dict {
    dyad__image im;
    void *map;                   /* mmapped cache file, or NULL */
    size_t map_len;
    void *owned;                 /* malloc'ed block holding the arrays */
    int from_cache;
    uint64_t key[2];             /* content key of the sources */
    /* lookup helpers resolved once */
    uint32_t w_s;                /* the word "'S" */
};

/* ------------------------------------------------------------- lookups */

static inline const char *dyad__str(const dyad__image *im, uint32_t off)
{
    return off == DYAD__NONE ? "" : im->strings + off;
}

/* Word id (1-based index into words[]) of a text word, 0 if not in the
 * vocabulary. s must already be normalized (upper case). */
uint32_t dyad__word_find(const dyad__image *im, const char *s, size_t n);

/* The same in two steps, for lookups in batches: the word's hash, a
 * prefetch of its home slot, and the lookup given the hash, which returns
 * the word's slot (id, class and start bits in one place) or NULL. */
static inline uint64_t dyad__word_hash(const char *s, size_t n)
{
    return dyad__hash(s, n, 7);
}

static inline void dyad__word_prefetch(const dyad__image *im, uint64_t h)
{
    if (im->n_wslots) __builtin_prefetch(&im->wslots[h & (im->n_wslots - 1)]);
}

const dyad__wslot *dyad__word_lookup_hashed(const dyad__image *im,
                                            const char *s, size_t n,
                                            uint64_t h);

/* Home slot of an edge key in a table of n (a power of two) slots:
 * Fibonacci hashing, the top bits of the product, which depend on every
 * bit of the key. */
static inline size_t dyad__edge_slot(uint64_t key, size_t n)
{
    int shift = __builtin_clzll((unsigned long long)n) + 1;
    return shift >= 64 ? 0 : (size_t)((key * 0x9e3779b97f4a7c15ull) >> shift);
}

/* Edge filter: one bit per (node, term) edge in a table of 8 or more
 * bits an edge, small enough to stay in cache, so that most steps to a
 * child that does not exist cost no trip to the edge table. Set when the
 * image is finished; empty while building. */
static inline size_t dyad__edge_filter_bit(uint64_t key, size_t nwords)
{
    return (size_t)(((key ^ (key >> 29)) * 0xc2b2ae3d27d4eb4full) >> 20) &
           (nwords * 64 - 1);
}

/* The edge from node for term, or NULL. */
static inline const dyad__edge *dyad__trie_edge(const dyad__image *im,
                                                uint32_t node, uint32_t term)
{
    uint64_t key = ((uint64_t)node << 32) | term;
    if (im->n_edge_filter) {
        size_t b = dyad__edge_filter_bit(key, im->n_edge_filter);
        if (!(im->edge_filter[b >> 6] >> (b & 63) & 1)) return NULL;
    }
    size_t mask = im->n_edges - 1;
    size_t i = dyad__edge_slot(key, im->n_edges);
    for (;;) {
        const dyad__edge *e = &im->edges[i];
        if (e->key == key) return e;
        if (e->key == 0) return NULL;
        i = (i + 1) & mask;
    }
}

/* Child of node for term, or 0. */
static inline uint32_t dyad__trie_step(const dyad__image *im, uint32_t node,
                                       uint32_t term)
{
    const dyad__edge *e = dyad__trie_edge(im, node, term);
    return e ? e->child : 0;
}

/* ------------------------------------------------------------- builder */

typedef struct dyad__builder dyad__builder;
typedef struct dyad__forms dyad__forms;

/* Reading side: each dictionary module (dict_actors.c, ...) parses lines and
 * calls these. The builder owns the growing image. */
struct dyad__builder {
    dyad__image im;
    size_t cap[32];              /* capacities, by array position */
    size_t edge_fill;
    dyad__diag_sink *sink;
    uint32_t cur_file;           /* string offset of the file being read */
    const char *cur_name;
    int oom;                     /* set once an allocation failed */
    struct dyad__vstate *vs;     /* verb reader state across files */
    dyad__forms *forms;          /* verb forms table (dict_forms.c) */
};

dyad_status dyad__builder_init(dyad__builder *b, dyad__diag_sink *sink);
void dyad__builder_free(dyad__builder *b);

uint32_t dyad__b_str(dyad__builder *b, const char *s, size_t n);
uint32_t dyad__b_word(dyad__builder *b, const char *s, size_t n);
uint32_t dyad__b_node(dyad__builder *b);
/* Child for term under node, created when missing. */
uint32_t dyad__b_child(dyad__builder *b, uint32_t node, uint32_t term);
/* Append one record to an array; returns its index or DYAD__NONE. */
#define DYAD__B_PUSH(b, arr, ...) \
    dyad__b_push((b), (void **)&(b)->im.arr, &(b)->im.n_##arr, \
                 &(b)->cap[dyad__slot_##arr], sizeof(*(b)->im.arr), \
                 &(__VA_ARGS__))
uint32_t dyad__b_push(dyad__builder *b, void **arr, size_t *n, size_t *cap,
                      size_t sz, const void *rec);

enum {
#define DYAD__SLOT(T, name) dyad__slot_##name,
    DYAD__IMAGE_ARRAYS(DYAD__SLOT)
#undef DYAD__SLOT
    dyad__slot_count
};

/* Report a dictionary problem at a line of the current file; it is also
 * kept in the image so that a cached load reports it again. */
void dyad__b_diag(dyad__builder *b, dyad_severity sev, unsigned long line,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* --------------------------------------------------------- phrase words */

/* A parsed dictionary phrase: words with their connectors. */
typedef struct dyad__phrase {
    size_t n, used;
    char buf[DYAD_MAX_DICT_LINE * 2];        /* normalized words live here */
    const char *w[DYAD_MAX_PHRASE_WORDS];
    uint16_t wl[DYAD_MAX_PHRASE_WORDS];
    uint8_t adjacent[DYAD_MAX_PHRASE_WORDS]; /* joined by `_` to previous */
    uint8_t stem[DYAD_MAX_PHRASE_WORDS];     /* open (prefix) word */
} dyad__phrase;

/* Dialect of a dictionary file. */
typedef enum { DYAD__TABARI = 1, DYAD__PETRARCH = 2 } dyad__dialect;

/* Split "A_B C" into normalized words (upper case, no diacritics, 's and
 * n't split off as the tokenizer does). Hyphens separate words too
 * (adjacent). In the TABARI dialect a word not ending in `_` is a stem.
 * Returns 0 on success, -1 (with a diagnostic) when the phrase is empty,
 * too long or holds a character that cannot be in a phrase. */
int dyad__phrase_parse(dyad__builder *b, unsigned long line, const char *s,
                       size_t n, dyad__dialect dia, dyad__phrase *out);

/* Insert a phrase into a trie under root; returns the end node. Words
 * joined by `_` become adjacent edges, space-joined ones gap edges unless
 * all_adjacent. */
uint32_t dyad__b_insert(dyad__builder *b, uint32_t root, const dyad__phrase *p,
                        int all_adjacent);
void dyad__b_mark_start(dyad__builder *b, uint32_t root, uint32_t word);

/* Normalize one dictionary word and split off 's / n't / a final '.
 * Writes the parts one after another into out and their lengths into
 * lens; returns the number of parts (0 if it does not fit). */
size_t dyad__word_norm_split(const char *w, size_t n, char *out, size_t cap,
                             size_t lens[2]);

/* Regular English plural of a word into out (cap bytes); returns length. */
size_t dyad__plural(const char *w, size_t n, char *out, size_t cap);
/* Regular verb forms: 3sg, past, -ing. Each out[i] holds cap bytes. */
void dyad__verb_forms(const char *w, size_t n, char out[3][96], size_t len[3]);

/* The per-kind readers (dict_actors.c, dict_agents.c, dict_verbs.c,
 * dict_misc.c). Each reads a whole file's text. */
void dyad__read_actors(dyad__builder *b, const char *text, size_t len);
void dyad__read_agents(dyad__builder *b, const char *text, size_t len);
void dyad__read_verbs(dyad__builder *b, const char *text, size_t len);
void dyad__read_discards(dyad__builder *b, const char *text, size_t len);
void dyad__read_issues(dyad__builder *b, const char *text, size_t len);

/* A hash of the built-in function-word table, part of the cache key. */
uint64_t dyad__builtin_words_hash(void);

/* Finish: sort patterns, add built-in function words, compute masks. */
dyad_status dyad__builder_finish(dyad__builder *b);

/* Cache (dict_cache.c). */
dyad_status dyad__cache_load(const char *path, uint64_t key[2], dyad_dict *d);
dyad_status dyad__cache_save(const char *path, uint64_t key[2],
                             const dyad__image *im);
void dyad__cache_unmap(dyad_dict *d);

/* Stem filter: a bit set over a rolling hash of every stem's bytes, so
 * that the tokenizer skips most prefix lookups. The hash of a word's first
 * l bytes is built a byte at a time as the prefix grows. */
#define DYAD__STEM_FILTER_WORDS 256u          /* 16384 bits */
static inline uint64_t dyad__stem_roll(uint64_t h, unsigned char c)
{
    return (h ^ c) * 0x100000001b3ull;
}

static inline unsigned dyad__stem_filter_bit(uint64_t h)
{
    return (unsigned)((h * 0x9e3779b97f4a7c15ull) >> 50);   /* 14 bits */
}

static inline int dyad__stem_maybe(const dyad__image *im, uint64_t h)
{
    if (im->n_stem_filter != DYAD__STEM_FILTER_WORDS) return 1;
    unsigned b = dyad__stem_filter_bit(h);
    return (im->stem_filter[b >> 6] >> (b & 63)) & 1;
}

/* Pattern word signature: a bit (0..255) for a term. */
static inline unsigned dyad__sig(uint32_t term)
{
    return (term * 0x9e3779b1u) >> 24;
}

static inline void dyad__sig_set(uint64_t m[4], uint32_t term)
{
    unsigned b = dyad__sig(term);
    m[b >> 6] |= 1ull << (b & 63);
}

#endif /* DYAD_DICT_H */

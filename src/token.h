/*
 * token.h - the tokenizer: sentence text to tokens.
 *
 * Tokens are spans of the document text plus a normalized form (upper case,
 * no diacritics) looked up once in the dictionary vocabulary. Rules follow
 * news English and the Penn Treebank conventions the dictionaries assume:
 * possessive 's and contractions (n't 're 'll) are split off, hyphenated
 * words become words joined by a flag, initials (U.S., K.U.) and known
 * abbreviations (Mr., Gen., Jan.) keep their periods, numbers keep their
 * commas and decimal points, curly quotes and dashes are recognised.
 * Everything lives in the document arena.
 */
#ifndef DYAD_TOKEN_H
#define DYAD_TOKEN_H

#include "dict.h"

enum dyad__tok_kind {
    DYAD__TK_WORD = 1,
    DYAD__TK_NUMBER,
    DYAD__TK_COMMA,
    DYAD__TK_PERIOD,     /* . ! ? */
    DYAD__TK_SEMI,       /* ; */
    DYAD__TK_COLON,
    DYAD__TK_QUOTE,      /* " “ ” `` '' and quote-like ' */
    DYAD__TK_DASH,       /* -- — – and a spaced hyphen */
    DYAD__TK_OPEN,       /* ( [ */
    DYAD__TK_CLOSE,      /* ) ] */
    DYAD__TK_SYMBOL      /* anything else */
};

enum dyad__tok_flag {
    DYAD__TF_CAP = 1,        /* begins with an upper-case letter */
    DYAD__TF_ALLCAPS = 2,    /* letters all upper case (2+ letters) */
    DYAD__TF_HYPHEN = 4,     /* joined to the previous token by a hyphen */
    DYAD__TF_ATTACHED = 8,   /* split off the previous token ('s, n't) */
    DYAD__TF_SENT_START = 16, /* first word of the sentence */
    DYAD__TF_LOOKUP = 32     /* inside the tokenizer: not looked up yet */
};

#define DYAD__TOK_MAX_STEMS 3

typedef struct dyad__tok {
    uint32_t off, len;           /* span in the document text */
    const char *up;              /* normalized form, NUL-terminated (arena) */
    uint32_t uplen;
    uint32_t word;               /* vocabulary id, 0 = unknown */
    uint32_t cls;                /* DYAD__CLS_* of the word */
    uint16_t kind, flags;
    uint16_t starts;             /* tries with a phrase starting here */
    uint8_t n_stems;
    uint32_t stems[DYAD__TOK_MAX_STEMS];   /* stem terms matching it */
} dyad__tok;

/* Tokenize text[from, to) of a document. Tokens are appended to a growing
 * arena array; *toks and *n describe the result. Returns DYAD_ENOMEM or
 * DYAD_ELIMIT. */
dyad_status dyad__tokenize(const dyad__image *im, dyad__arena *a,
                           const char *text, size_t from, size_t to,
                           dyad__tok **toks, size_t *n);

/* Does the token match a dictionary term (exact id or a stem)? */
static inline int dyad__tok_has(const dyad__tok *t, uint32_t term)
{
    uint32_t plain = term & ~DYAD__TERM_GAP;
    if (!(plain & DYAD__TERM_STEM)) return t->word && t->word == plain;
    for (unsigned k = 0; k < t->n_stems; k++)
        if (t->stems[k] == plain) return 1;
    return 0;
}

/* Is the token a word of the NULL-ended list (upper case)? First letters
 * are compared before strcmp: the coding rules call this on many words. */
static inline int dyad__tok_is(const dyad__tok *t, const char *const *list)
{
    if (t->kind != DYAD__TK_WORD || !t->up) return 0;
    char c = t->up[0];
    for (; *list; list++)
        if (**list == c && !strcmp(t->up, *list)) return 1;
    return 0;
}

/* Is the word an abbreviation that keeps its period (MR, GEN, JAN ...)? */
int dyad__is_abbrev(const char *up, size_t n);
int dyad__abbrevs_sorted(void);   /* for the tests */

#endif /* DYAD_TOKEN_H */

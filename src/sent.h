/*
 * sent.h - the working state of coding one sentence, shared by the stages
 * tag.c (dictionary pieces), phrase.c (noun phrases, agents, compounds,
 * pronouns), clause.c (comma clauses, clause boundaries), match.c (verb
 * patterns) and code.c (events). Everything here lives in the document arena
 * and dies with it.
 */
#ifndef DYAD_SENT_H
#define DYAD_SENT_H

#include "dict.h"
#include "token.h"

/* A piece: what the dictionaries say a run of tokens is. */
enum dyad__piece_kind {
    DYAD__P_WORD = 0,    /* a token the dictionaries do not claim */
    DYAD__P_ACTOR,       /* payload: actor index */
    DYAD__P_AGENT,       /* payload: agent index */
    DYAD__P_VERB,        /* payload: verb form index */
    DYAD__P_NOUN         /* a verb form read as a noun ("an attack") */
};

typedef struct dyad__piece {
    uint8_t kind;
    uint8_t pad[3];
    uint32_t from, to;   /* token range [from, to) */
    uint32_t payload;
} dyad__piece;

enum dyad__np_flag {
    DYAD__NP_PRONOUN = 1,    /* a pronoun standing for an earlier actor */
    DYAD__NP_AGENT_ONLY = 2, /* agents with no actor: code "---AGT" */
    DYAD__NP_NEW = 4,        /* an unknown noun phrase made an actor */
    DYAD__NP_OBJ_OF_PREP = 8,/* governed by a preposition */
    DYAD__NP_ABSORBED = 16   /* agents given to a following "of X" phrase */
};

/* A noun phrase that names an actor, with its resolved code(s). */
typedef struct dyad__np {
    uint32_t from, to;       /* token span (for the actor's text) */
    const char **codes;      /* one or more full codes (arena) */
    uint32_t n_codes;
    uint32_t flags;
    uint32_t actor;          /* first actor entry, DYAD__NONE if none */
    uint32_t restr;          /* the restriction that applied, or NONE */
    uint32_t unit;           /* the actor unit it belongs to */
    /* pieces inside, for agent inheritance in compounds */
    const char *base;        /* actor code before agents, NULL if none */
    const char **agents;     /* agent codes applied, in order */
    uint8_t *agent_prefix;
    uint32_t n_agents;
} dyad__np;

/* A person ("he", "she" can mean it): a phrase with a role, that is an
 * agent or a code longer than a country's. */
static inline int dyad__person_like(const dyad__np *np)
{
    return np->n_agents > 0 || strlen(np->codes[0]) > 3;
}

/* An actor unit: a single noun phrase or a compound of several. Patterns'
 * $ + ^ % and the default source/target search work on units. */
typedef struct dyad__unit {
    uint32_t from, to;       /* tokens */
    uint32_t first_np, n_np; /* members, consecutive in np[] */
} dyad__unit;

typedef struct dyad__clause {
    uint32_t from, to;       /* tokens */
    int after_conj;          /* starts after a clause-joining conjunction */
    int32_t subject;         /* a relative clause's antecedent ("X, who
                                pledged"): the subject it lacks; else -1 */
    int adverbial;           /* an adverbial clause ("after X seized Y"):
                                background, coded only when nothing else
                                in the sentence is */
} dyad__clause;

typedef struct dyad__ev {    /* an event before output formatting */
    uint32_t src_np, tgt_np; /* NONE for a missing side */
    const char *src_code, *tgt_code;
    const char *code;        /* event code */
    uint32_t verb_from, verb_to;   /* tokens of the verb */
    uint32_t pattern;        /* pattern index or NONE (default code) */
    uint32_t subord;         /* a subordinate (?) code */
} dyad__ev;

typedef struct dyad__sctx {
    const dyad__image *im;
    dyad__arena *a;
    const dyad_options *opt;
    int date;
    const char *text;        /* the document text */
    dyad__tok *t;
    size_t nt;
    dyad__piece *pc;
    size_t npc;
    uint32_t *piece_of;      /* token -> piece index */
    uint8_t *dead;           /* token removed by a comma-clause rule */
    dyad__np *np;
    size_t nnp;
    int32_t *np_of;          /* token -> np index or -1 */
    dyad__unit *un;
    size_t nun;
    int32_t *unit_at;        /* token -> unit starting there, or -1 */
    dyad__clause *cl;
    size_t ncl;
    uint8_t *npa;            /* token -> nominal (phrase.c's np_able) */
    uint32_t *chunk_end;     /* token -> end of the noun chunk starting
                                there (any noun phrase, actor or not), 0 */
    dyad__ev *ev;
    size_t nev, capev;
    int discard;             /* 1 sentence, 2 story */
    const char *issues;      /* "CODE,n;CODE,n" of the issue phrases, or NULL */
    int complex;
    int title_case;          /* most words capitalised: headline */
    /* the previous sentence's first actor, for pronouns */
    const dyad__np *prev_first;
    /* the actors named in the document's earlier sentences, oldest first,
     * for definite descriptions ("the president", "the two countries") */
    const dyad__np *const *recent;
    const char *const *recent_words;   /* each one's words, upper case */
    const char *const *recent_names;   /* its capitalised words that no
                                          dictionary knows ("KARIM HADDAD") */
    size_t n_recent;
    /* quotations: whether the previous sentence ended inside one, whether
     * this one opens a paragraph, the speaker of the quotation carried
     * from earlier sentences (NULL: none), and, set
     * by phrase.c, each token's quotedness, the speaker this sentence
     * names, and whether a quotation is still open at its end */
    int quote_open;
    int new_paragraph;           /* the sentence opens a paragraph */
    const dyad__np *quote_speaker;
    uint8_t *quoted;
    const dyad__np *speaker;
    int quote_open_end;
    /* tracing */
    dyad_trace_fn trace;
    void *trace_ud;
} dyad__sctx;

/* Stages, in order. Each returns DYAD_OK or DYAD_ENOMEM. */
dyad_status dyad__tag(dyad__sctx *s);       /* tag.c */
dyad_status dyad__phrases(dyad__sctx *s);   /* phrase.c */
dyad_status dyad__clauses(dyad__sctx *s);   /* clause.c */
dyad_status dyad__events(dyad__sctx *s);    /* code.c */

/* Is token i a capitalised word that no dictionary claims and no class
 * list knows, of 3 letters or more: a possible name ("Haddad")? */
int dyad__name_token(const dyad__sctx *s, size_t i);   /* phrase.c */

/* Trace helper: formats and sends a line when tracing is on. */
void dyad__tracef(dyad__sctx *s, dyad_trace_kind k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define DYAD__TRACING(s) ((s)->trace != NULL)

/* The actor code restriction that applies on a date, or NULL when the
 * entry is null-coded then. */
const dyad__restr *dyad__actor_restr(const dyad__image *im,
                                     const dyad__actor *a, int date);

/* What kind of verb form a verb piece is (DYAD__VF_BASE, _S, _PAST, _ING);
 * TABARI stems are judged by the text word's ending. */
uint32_t dyad__verb_form_kind(const dyad__sctx *s, const dyad__piece *p);

/* Longest phrase of a trie starting at token i. Skips dead tokens when
 * dead is not NULL. Returns the end token (exclusive) and the node's
 * value, or 0 when nothing matches. */
size_t dyad__trie_match(const dyad__image *im, uint32_t root,
                        const dyad__tok *t, size_t n, size_t i,
                        const uint8_t *dead, uint32_t *value);

#endif /* DYAD_SENT_H */

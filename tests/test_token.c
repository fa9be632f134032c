/*
 * test_token.c - unit tests of the tokenizer (src/token.c): quotes, dashes,
 * possessives and contractions, hyphenated words, numbers, initials and
 * abbreviations, words with inner apostrophes, non-ASCII normalization,
 * CAP/ALLCAPS flags, vocabulary ids and byte offsets into the text. Tokens
 * are looked up in a small dictionary built through the public builder.
 */
#include <stdlib.h>

#include "dyad.h"
#include "token.h"
#include "util.h"

static dyad_dict *D;
static dyad__arena A;
static dyad__tok *T;
static size_t N;
static const char *TEXT;

static const char actors[] =
    "# small fictional actors\n"
    "IRAN [IRN]\n"
    "ZURICH [CHE]\n"
    "MALIKI [IRQGOV]\n"
    "GONDOR [GON]\n";
static const char verbs[] =
    "--- MEET [031] ---\n"
    "MEET {MEETS MET MEETING}\n";

static dyad_dict *make_dict(void)
{
    dyad_dict_builder *b = NULL;
    dyad_dict *d = NULL;
    if (dyad_dict_builder_new(&b)) return NULL;
    dyad_dict_builder_add_text(b, DYAD_DICT_ACTORS, "t.actors", actors,
                               sizeof actors - 1);
    dyad_dict_builder_add_text(b, DYAD_DICT_VERBS, "t.verbs", verbs,
                               sizeof verbs - 1);
    size_t errors = 99;
    dyad_status st = dyad_dict_build(b, NULL, &d, &errors);
    dyad_dict_builder_free(b);
    CHECK_INT(st, DYAD_OK);
    CHECK_INT(errors, 0);
    return d;
}

/* Tokenize a whole NUL-terminated text into T / N. */
static size_t tokenize(const char *text)
{
    dyad__arena_reset(&A);
    TEXT = text;
    T = NULL;
    N = 0;
    dyad_status st = dyad__tokenize(&D->im, &A, text, 0, strlen(text), &T, &N);
    CHECK_INT(st, DYAD_OK);
    return N;
}

static const char *kind_tag(int kind)
{
    switch (kind) {
    case DYAD__TK_WORD: return "";
    case DYAD__TK_NUMBER: return "#";
    case DYAD__TK_COMMA: return "C";
    case DYAD__TK_PERIOD: return "P";
    case DYAD__TK_SEMI: return "SEMI";
    case DYAD__TK_COLON: return "COLON";
    case DYAD__TK_QUOTE: return "Q";
    case DYAD__TK_DASH: return "D";
    case DYAD__TK_OPEN: return "(";
    case DYAD__TK_CLOSE: return ")";
    case DYAD__TK_SYMBOL: return "S";
    default: return "?";
    }
}

/* The tokens as one string: words by their normalized form, numbers as
 * #form, other tokens as a kind tag followed by their original text. */
static const char *render(void)
{
    static char out[4096];
    size_t o = 0;
    out[0] = '\0';
    for (size_t k = 0; k < N && o + 300 < sizeof out; k++) {
        const dyad__tok *t = &T[k];
        if (k) out[o++] = ' ';
        o += (size_t)snprintf(out + o, sizeof out - o, "%s", kind_tag(t->kind));
        if (t->kind == DYAD__TK_WORD || t->kind == DYAD__TK_NUMBER)
            o += (size_t)snprintf(out + o, sizeof out - o, "%s",
                                  t->up ? t->up : "(null)");
        else
            o += (size_t)snprintf(out + o, sizeof out - o, "%.*s",
                                  (int)t->len, TEXT + t->off);
    }
    return out;
}

#define EXPECT(text, want)              \
    do {                                \
        tokenize(text);                 \
        CHECK_STR(render(), want);      \
    } while (0)

/* Index of the first token whose normalized form is up, or N. */
static size_t find(const char *up)
{
    for (size_t k = 0; k < N; k++)
        if (T[k].up && strcmp(T[k].up, up) == 0) return k;
    return N;
}

static unsigned flags_of(const char *up)
{
    size_t k = find(up);
    return k < N ? T[k].flags : 0xffffu;
}

/* ---------------------------------------------------------------- tests */

static void test_quotes(void)
{
    EXPECT("\"Iran will talk,\" he said.",
           "Q\" IRAN WILL TALK C, Q\" HE SAID P.");
    EXPECT("\xE2\x80\x9CIran will talk\xE2\x80\x9D",
           "Q\xE2\x80\x9C IRAN WILL TALK Q\xE2\x80\x9D");
    EXPECT("``Gondor''", "Q`` GONDOR Q''");
    EXPECT("\xE2\x80\x98Gondor\xE2\x80\x99 said",
           "Q\xE2\x80\x98 GONDOR Q\xE2\x80\x99 SAID");
    EXPECT("'Gondor' said", "Q' GONDOR Q' SAID");
}

static void test_dashes(void)
{
    EXPECT("Iran \xE2\x80\x94 and Gondor", "IRAN D\xE2\x80\x94 AND GONDOR");
    EXPECT("Iran\xE2\x80\x94Gondor", "IRAN D\xE2\x80\x94 GONDOR");
    EXPECT("Iran \xE2\x80\x93 Gondor", "IRAN D\xE2\x80\x93 GONDOR");
    EXPECT("Iran - Gondor", "IRAN D- GONDOR");
    EXPECT("Iran -- Gondor", "IRAN D-- GONDOR");
    EXPECT("Iran--Gondor", "IRAN D-- GONDOR");
}

static void test_possessives(void)
{
    EXPECT("Iran's envoy", "IRAN 'S ENVOY");
    CHECK(flags_of("'S") & DYAD__TF_ATTACHED);
    CHECK_INT(T[1].off, 4);
    CHECK_INT(T[1].len, 2);
    EXPECT("Iran\xE2\x80\x99s envoy", "IRAN 'S ENVOY");
    CHECK_INT(T[1].off, 4);
    CHECK_INT(T[1].len, 4);
    CHECK(flags_of("'S") & DYAD__TF_ATTACHED);
    CHECK(T[1].word != 0);               /* 'S is in the vocabulary */
    /* plural possessive: the word loses its apostrophe */
    tokenize("the states' envoys");
    CHECK_INT(N, 4);
    CHECK_STR(T[1].up, "STATES");
    CHECK_INT(T[1].len, 6);
    CHECK_INT(T[2].off, 10);
    CHECK_INT(T[2].len, 1);
    CHECK_STR(T[3].up, "ENVOYS");
}

static void test_contractions(void)
{
    EXPECT("They didn't go", "THEY DID N'T GO");
    CHECK(flags_of("N'T") & DYAD__TF_ATTACHED);
    CHECK(T[2].cls & DYAD__CLS_NEG);
    CHECK_INT(T[2].off, 8);
    CHECK_INT(T[2].len, 3);
    EXPECT("Iran won't talk", "IRAN WO N'T TALK");
    EXPECT("Gondor can't win", "GONDOR CA N'T WIN");
    CHECK(T[1].cls & DYAD__CLS_MODAL);
    EXPECT("Iran didn\xE2\x80\x99t go", "IRAN DID N'T GO");
    CHECK_INT(T[2].len, 5);
    EXPECT("it's over", "IT 'S OVER");
    EXPECT("they're here", "THEY 'RE HERE");
    CHECK(flags_of("'RE") & DYAD__TF_ATTACHED);
    EXPECT("we'll see", "WE 'LL SEE");
    EXPECT("DIDN'T", "DID N'T");
}

static void test_hyphens(void)
{
    EXPECT("al-Maliki met", "AL MALIKI MET");
    CHECK(!(T[0].flags & DYAD__TF_HYPHEN));
    CHECK(T[1].flags & DYAD__TF_HYPHEN);
    CHECK(!(T[2].flags & DYAD__TF_HYPHEN));
    CHECK(T[1].word != 0);
    CHECK_INT(T[1].off, 3);
    CHECK_INT(T[1].len, 6);
    EXPECT("an anti-Gondor rally", "AN ANTI GONDOR RALLY");
    CHECK(T[2].flags & DYAD__TF_HYPHEN);
    EXPECT("a 30-year-old man", "A #30 YEAR OLD MAN");
    CHECK(T[2].flags & DYAD__TF_HYPHEN);
    CHECK(T[3].flags & DYAD__TF_HYPHEN);
}

static void test_numbers(void)
{
    EXPECT("50,000 troops", "#50,000 TROOPS");
    CHECK_INT(T[0].kind, DYAD__TK_NUMBER);
    CHECK_INT(T[0].len, 6);
    EXPECT("rose 11.8 percent", "ROSE #11.8 PERCENT");
    EXPECT("$5 million", "S$ #5 MILLION");
    EXPECT("in 2005.", "IN #2005 P.");
    EXPECT("1, 2", "#1 C, #2");
}

static void test_initials_abbrevs(void)
{
    EXPECT("the U.S. envoy", "THE U.S. ENVOY");
    CHECK_INT(T[1].len, 4);
    CHECK(T[1].flags & DYAD__TF_CAP);
    CHECK(T[1].flags & DYAD__TF_ALLCAPS);
    EXPECT("K.U. students", "K.U. STUDENTS");
    EXPECT("George W. Bush", "GEORGE W. BUSH");
    EXPECT("Mr. Smith met Gen. Jones", "MR. SMITH MET GEN. JONES");
    EXPECT("on Jan. 5, 2005", "ON JAN. #5 C, #2005");
    EXPECT("Dr. Who", "DR. WHO");
    EXPECT("Iran said.", "IRAN SAID P.");
    EXPECT("He went to Gondor.", "HE WENT TO GONDOR P.");
    EXPECT("Really?! Yes.", "REALLY P?! YES P.");
    EXPECT("No. 5", "NO. #5");                /* "No." is an abbreviation */
    EXPECT("the army of Gen. Ali and the U.S.",
           "THE ARMY OF GEN. ALI AND THE U.S.");
}

static void test_inner_apostrophes(void)
{
    EXPECT("Shi'ite leaders", "SHI'ITE LEADERS");
    EXPECT("the Arba'een pilgrimage", "THE ARBA'EEN PILGRIMAGE");
    EXPECT("Shi\xE2\x80\x99ite", "SHI'ITE");
}

static void test_non_ascii(void)
{
    EXPECT("C\xC3\xB4te d'Ivoire", "COTE D'IVOIRE");
    EXPECT("Z\xC3\xBCrich", "ZURICH");
    CHECK(T[0].word != 0);
    CHECK(T[0].word == dyad__word_find(&D->im, "ZURICH", 6));
    CHECK(T[0].flags & DYAD__TF_CAP);
    CHECK(!(T[0].flags & DYAD__TF_ALLCAPS));
    CHECK_INT(T[0].len, 7);
    EXPECT("S\xC3\xA3o Paulo", "SAO PAULO");
    /* decomposed (NFD) text: o + U+0302 combining circumflex */
    EXPECT("Co\xCC\x82te", "COTE");
    /* Cyrillic is kept (upper-cased), not dropped */
    EXPECT("\xD0\xA1\xD0\xA1\xD0\xA1\xD0\xA0 fell",
           "\xD0\xA1\xD0\xA1\xD0\xA1\xD0\xA0 FELL");
    CHECK(T[0].flags & DYAD__TF_CAP);
    CHECK(T[0].flags & DYAD__TF_ALLCAPS);
    EXPECT("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
           "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90");
    CHECK(T[0].flags & DYAD__TF_CAP);
    CHECK(!(T[0].flags & DYAD__TF_ALLCAPS));
}

static void test_flags(void)
{
    tokenize("IRAN and Gondor met NATO x");
    CHECK_INT(N, 6);
    CHECK(T[0].flags & DYAD__TF_CAP);
    CHECK(T[0].flags & DYAD__TF_ALLCAPS);
    CHECK(!(T[1].flags & (DYAD__TF_CAP | DYAD__TF_ALLCAPS)));
    CHECK(T[2].flags & DYAD__TF_CAP);
    CHECK(!(T[2].flags & DYAD__TF_ALLCAPS));
    CHECK(T[4].flags & DYAD__TF_ALLCAPS);
    CHECK(!(T[5].flags & DYAD__TF_ALLCAPS));   /* one letter is not enough */
    tokenize("I met A");
    CHECK(!(T[0].flags & DYAD__TF_ALLCAPS));
    CHECK(T[0].flags & DYAD__TF_CAP);
}

static void test_word_ids(void)
{
    tokenize("Iran met the Florpians in ZURICH");
    CHECK_INT(N, 6);
    CHECK(T[0].word != 0);
    CHECK(T[0].word == dyad__word_find(&D->im, "IRAN", 4));
    CHECK(T[1].word == dyad__word_find(&D->im, "MET", 3));
    CHECK(T[1].word != 0);
    CHECK(T[2].word != 0);                       /* built-in function word */
    CHECK(T[2].cls & DYAD__CLS_DET);
    CHECK_INT(T[3].word, 0);                     /* unknown */
    CHECK_INT(T[3].cls, 0);
    CHECK(T[4].cls & DYAD__CLS_PREP);
    CHECK(T[5].word == dyad__word_find(&D->im, "ZURICH", 6));
    CHECK_INT(dyad__word_find(&D->im, "FLORPIANS", 9), 0);
}

static void test_offsets(void)
{
    const char *s = "  \xE2\x80\x9CIran\xE2\x80\x99s envoy\xE2\x80\x9D "
                    "\xE2\x80\x94 met.";
    tokenize(s);
    CHECK_INT(N, 8);
    for (size_t k = 0; k < N; k++)
        CHECK(T[k].off + T[k].len <= strlen(s));
    CHECK_INT(T[0].off, 2);                 /* “ */
    CHECK_INT(T[0].len, 3);
    CHECK_INT(T[1].off, 5);                 /* Iran */
    CHECK_INT(T[1].len, 4);
    CHECK(memcmp(s + T[1].off, "Iran", 4) == 0);
    CHECK_INT(T[2].off, 9);                 /* ’s */
    CHECK_INT(T[3].off, 14);                /* envoy */
    CHECK(memcmp(s + T[3].off, "envoy", 5) == 0);
    CHECK_INT(T[4].off, 19);                /* ” */
    CHECK_INT(T[5].off, 23);                /* — */
    CHECK_INT(T[5].len, 3);
    CHECK(memcmp(s + T[6].off, "met", 3) == 0);
    CHECK_INT(T[7].off, 30);
    CHECK_INT(T[7].kind, DYAD__TK_PERIOD);
}

/* Tokenizing a slice of a document: offsets stay document offsets. */
static void test_slice(void)
{
    const char *s = "Iran met. Gondor left.";
    dyad__arena_reset(&A);
    TEXT = s;
    CHECK_INT(dyad__tokenize(&D->im, &A, s, 10, strlen(s), &T, &N), DYAD_OK);
    CHECK_STR(render(), "GONDOR LEFT P.");
    CHECK_INT(T[0].off, 10);
    CHECK_INT(T[2].off, 21);
}

/* Out of memory while the token array grows (here inside the fast path,
 * after another word): the tokenizer reports it and stops. */
static void test_out_of_memory(void)
{
    char text[3001];
    for (size_t k = 0; k < 3000; k += 2) memcpy(text + k, "a ", 2);
    text[3000] = '\0';
    dyad__arena_reset(&A);               /* the same text, room enough */
    CHECK_INT(dyad__tokenize(&D->im, &A, text, 0, 3000, &T, &N), DYAD_OK);
    CHECK_INT(N, 1500);
    dyad__arena small;
    dyad__arena_init(&small);
    small.limit = (64u << 10) + 1024;   /* the first chunk, not a second */
    dyad__tok *t;
    size_t n;
    CHECK_INT(dyad__tokenize(&D->im, &small, text, 0, 3000, &t, &n), DYAD_ENOMEM);
    dyad__arena_free(&small);
}

static void test_abbrev_table(void)
{
    CHECK(dyad__abbrevs_sorted());
    CHECK(dyad__is_abbrev("MR", 2));
    CHECK(dyad__is_abbrev("GEN", 3));
    CHECK(dyad__is_abbrev("JAN", 3));
    CHECK(dyad__is_abbrev("ST", 2));
    CHECK(!dyad__is_abbrev("SAID", 4));
    CHECK(!dyad__is_abbrev("IRAN", 4));
    CHECK(!dyad__is_abbrev("M", 1));
}

int main(void)
{
    dyad__arena_init(&A);
    D = make_dict();
    if (!D) {
        fprintf(stderr, "test_token: cannot build the dictionary\n");
        return 1;
    }
    test_quotes();
    test_dashes();
    test_possessives();
    test_contractions();
    test_hyphens();
    test_numbers();
    test_initials_abbrevs();
    test_inner_apostrophes();
    test_non_ascii();
    test_flags();
    test_word_ids();
    test_offsets();
    test_slice();
    test_out_of_memory();
    test_abbrev_table();
    dyad__arena_free(&A);
    dyad_dict_free(D);
    return test_summary("test_token");
}

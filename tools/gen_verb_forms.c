/*
 * gen_verb_forms.c - generates data/dict/verb-forms.txt, the table of verb
 * inflections dyad's verbs reader uses for a verb written without {...}.
 *
 *   gen_verb_forms WORDNET_DIR OUT.txt
 *
 * WORDNET_DIR is WordNet 3.0's database (Debian's wordnet-base package puts
 * it in /usr/share/wordnet). Every one-word verb lemma of index.verb gets
 * a line `LEMMA {THIRD-PERSON PAST... -ING...}`. The irregular forms come
 * from WordNet's exception list, verb.exc (met/meet, fled/flee, stopped/
 * stop); the others follow the regular spelling rules of English. The
 * regular past is kept beside irregular ones only for the verbs where both
 * are standard (chid and chided, dreamt and dreamed, hung and hanged; the
 * keep_regular list), and never when it is a verb of its own (seed is not
 * a past of see). Where verb.exc doubles a consonant, words in -el and -al
 * and a few others keep their single forms too (travelled, traveled;
 * benefitted, benefited); other verbs do not (committed, never commited).
 * Verbs whose past is the base itself (hit, cut, set) get no regular past.
 * The first
 * line of the output names this generator; tests/verb_forms.test.sh
 * regenerates the file and fails on a difference.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORD 64
#define MAX_FORMS 16
#define OUT_WORD (MAX_WORD + 8)   /* room for an ending */

typedef struct lemma {
    char word[MAX_WORD];
    char forms[MAX_FORMS][MAX_WORD];     /* from verb.exc */
    int n_forms;
} lemma;

static lemma *lemmas;
static size_t n_lemmas, cap_lemmas;

static int is_plain_word(const char *w)
{
    if (!*w) return 0;
    for (const char *p = w; *p; p++)
        if (!islower((unsigned char)*p)) return 0;
    return 1;
}

static int by_word(const void *a, const void *b)
{
    return strcmp(((const lemma *)a)->word, ((const lemma *)b)->word);
}

static lemma *find(const char *w)
{
    lemma key;
    snprintf(key.word, sizeof key.word, "%s", w);
    return bsearch(&key, lemmas, n_lemmas, sizeof *lemmas, by_word);
}

static FILE *open_in(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) perror(path);
    return f;
}

/* index.verb: lemma lines start with the lemma; license lines with blanks. */
static int read_index(const char *dir)
{
    FILE *f = open_in(dir, "index.verb");
    if (!f) return -1;
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == ' ') continue;
        char w[MAX_WORD];
        if (sscanf(line, "%63s", w) != 1 || !is_plain_word(w)) continue;
        if (n_lemmas == cap_lemmas) {
            cap_lemmas = cap_lemmas ? cap_lemmas * 2 : 16384;
            lemma *p = realloc(lemmas, cap_lemmas * sizeof *lemmas);
            if (!p) {
                fclose(f);
                return -1;
            }
            lemmas = p;
        }
        lemma *l = &lemmas[n_lemmas++];
        memset(l, 0, sizeof *l);
        memcpy(l->word, w, sizeof l->word);
    }
    fclose(f);
    qsort(lemmas, n_lemmas, sizeof *lemmas, by_word);
    return 0;
}

static void add_form(lemma *l, const char *form)
{
    if (!strcmp(form, l->word)) return;
    for (int i = 0; i < l->n_forms; i++)
        if (!strcmp(l->forms[i], form)) return;
    if (l->n_forms < MAX_FORMS)
        snprintf(l->forms[l->n_forms++], MAX_WORD, "%s", form);
}

/* verb.exc: "inflected base [base...]" */
static int read_exceptions(const char *dir)
{
    FILE *f = open_in(dir, "verb.exc");
    if (!f) return -1;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char form[MAX_WORD], rest[1024];
        if (sscanf(line, "%63s %1023[^\n]", form, rest) != 2) continue;
        if (!is_plain_word(form)) continue;
        for (char *base = rest, *sp; *base; base = sp) {
            sp = strchr(base, ' ');
            if (sp) *sp++ = '\0';
            else sp = base + strlen(base);
            lemma *l = find(base);
            if (l) add_form(l, form);
        }
    }
    fclose(f);
    return 0;
}

static int ends(const char *w, const char *suffix)
{
    size_t n = strlen(w), k = strlen(suffix);
    return n >= k && !strcmp(w + n - k, suffix);
}

static int vowel(char c) { return c && strchr("aeiou", c) != NULL; }

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(w, *list)) return 1;
    return 0;
}

/* Irregular verbs whose regular past is standard English too (verb.exc
 * lists chid, dreamt, hung, lay... but not chided, dreamed, hanged, lied). */
static const char *const keep_regular[] = {
    "bereave", "broadcast", "burn", "chide", "cleave", "crow", "dare", "dive",
    "dream", "dwell", "forecast", "gild", "gird", "hang", "heave", "hew",
    "kneel", "knit", "lean", "leap", "learn", "lie", "light", "mow", "plead",
    "prove", "saw", "sew", "shear", "shine", "show", "smell", "sneak", "sow",
    "speed", "spell", "spill", "spoil", "strew", "strive", "swell", "thrive",
    "wake", "weave", "wet", NULL};

/* Verbs that double their last consonant in British spelling and often
 * not in American (travelled, traveled): words in -el and -al, and these. */
static const char *const single_too[] = {
    "benefit", "bias", "combat", "diagram", "focus", "kidnap", "program",
    "worship", NULL};

/* -e kept before -ing where dropping it makes another verb's form
 * (singeing, not singing). */
static const char *const keep_e[] = {"singe", "swinge", "tinge", NULL};

/* The three regular forms. */
static void regular(const char *w, char *s, char *past, char *ing)
{
    size_t n = strlen(w);
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    if (ends(w, "s") || ends(w, "x") || ends(w, "z") || ends(w, "ch") ||
        ends(w, "sh") || (last == 'o' && !vowel(prev)))
        snprintf(s, OUT_WORD, "%ses", w);
    else if (last == 'y' && n > 1 && !vowel(prev))
        snprintf(s, OUT_WORD, "%.*sies", (int)(n - 1), w);
    else
        snprintf(s, OUT_WORD, "%ss", w);

    if (last == 'e')
        snprintf(past, OUT_WORD, "%sd", w);
    else if (last == 'y' && n > 1 && !vowel(prev))
        snprintf(past, OUT_WORD, "%.*sied", (int)(n - 1), w);
    else
        snprintf(past, OUT_WORD, "%sed", w);

    if (ends(w, "ie"))
        snprintf(ing, OUT_WORD, "%.*sying", (int)(n - 2), w);
    else if (last == 'e' && n > 2 && !ends(w, "ee") && !ends(w, "ye") &&
             !ends(w, "oe") && !in_list(w, keep_e))
        snprintf(ing, OUT_WORD, "%.*sing", (int)(n - 1), w);
    else
        snprintf(ing, OUT_WORD, "%sing", w);
}

typedef struct formset {
    char f[MAX_FORMS * 2 + 3][OUT_WORD];
    int n;
} formset;

static void put(formset *fs, const char *w)
{
    for (int i = 0; i < fs->n; i++)
        if (!strcmp(fs->f[i], w)) return;
    if (fs->n < (int)(sizeof fs->f / sizeof fs->f[0]))
        snprintf(fs->f[fs->n++], OUT_WORD, "%s", w);
}

static void write_lemma(FILE *out, const lemma *l)
{
    const char *w = l->word;
    size_t n = strlen(w);
    char s[OUT_WORD], past[OUT_WORD], ing[OUT_WORD];
    regular(w, s, past, ing);
    int has_past = 0, has_ing = 0, doubled = 0, has_s = 0;
    formset fs = {.n = 0};
    for (int i = 0; i < l->n_forms; i++) {
        const char *f = l->forms[i];
        size_t fn = strlen(f);
        if (ends(f, "ing") && fn > 4) has_ing = 1;
        else if (fn == n + 3 && !strncmp(f, w, n) && f[n] == w[n - 1] &&
                 ends(f, "es")) has_s = 1;          /* quizzes */
        else if (strcmp(f, s)) has_past = 1;
        int doubled_past = fn == n + 3 && !strncmp(f, w, n) &&
                           f[n] == w[n - 1] && ends(f, "ed");
        int doubled_ing = fn == n + 4 && !strncmp(f, w, n) &&
                          f[n] == w[n - 1] && ends(f, "ing");
        doubled |= doubled_past || doubled_ing;
        if (doubled_past) {            /* stopped -> stopping */
            char alt[OUT_WORD];
            snprintf(alt, sizeof alt, "%.*sing", (int)(n + 1), f);
            put(&fs, alt);
            has_ing = 1;
        }
        /* panicked -> panicking */
        if (fn == n + 3 && !strncmp(f, w, n) && w[n - 1] == 'c' &&
            !strcmp(f + n, "ked")) {
            char alt[OUT_WORD];
            snprintf(alt, sizeof alt, "%sking", w);
            put(&fs, alt);
            has_ing = 1;
        }
    }
    /* hit, cut, set, put: verb.exc gives only "hitting"; the past is the
     * base itself */
    int base_past = doubled && !has_past && (w[n - 1] == 't' || w[n - 1] == 'd');
    int single = doubled && (ends(w, "el") || ends(w, "al") ||
                             in_list(w, single_too));
    formset out_fs = {.n = 0};
    /* "is" and "has" come from verb.exc; "bes" and "haves" are no words */
    if (strcmp(w, "be") && strcmp(w, "have") && !has_s) put(&out_fs, s);
    for (int i = 0; i < l->n_forms; i++) put(&out_fs, l->forms[i]);
    for (int i = 0; i < fs.n; i++) put(&out_fs, fs.f[i]);
    if (single) {                      /* traveled, traveling */
        put(&out_fs, past);
        put(&out_fs, ing);
    }
    if ((!has_past && !base_past && !doubled) ||
        (in_list(w, keep_regular) && !find(past)))
        put(&out_fs, past);
    if (!has_ing) put(&out_fs, ing);
    for (const char *p = w; *p; p++) fputc(toupper((unsigned char)*p), out);
    fputs(" {", out);
    for (int i = 0; i < out_fs.n; i++) {
        if (i) fputc(' ', out);
        for (const char *p = out_fs.f[i]; *p; p++)
            fputc(toupper((unsigned char)*p), out);
    }
    fputs("}\n", out);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_verb_forms WORDNET_DIR OUT.txt\n");
        return 2;
    }
    if (read_index(argv[1]) || read_exceptions(argv[1])) return 1;
    if (n_lemmas == 0) {
        fprintf(stderr, "gen_verb_forms: no verbs in %s/index.verb\n", argv[1]);
        return 1;
    }
    FILE *out = fopen(argv[2], "w");
    if (!out) {
        perror(argv[2]);
        return 1;
    }
    fprintf(out, "# Generated by tools/gen_verb_forms.c from WordNet 3.0 (index.verb, "
                 "verb.exc): do not edit; regenerate.\n");
    fprintf(out, "# verb-forms.txt: the inflections of %zu one-word English verbs, "
                 "`LEMMA {FORMS}`.\n", n_lemmas);
    fprintf(out, "# dyad's verbs reader gives a verb written without {...} the forms "
                 "listed here; irregular\n# forms come from WordNet's exception list, "
                 "the rest from the regular spelling rules.\n");
    fprintf(out, "# WordNet 3.0 Copyright 2006 by Princeton University; see NOTICE "
                 "for its licence.\n");
    for (size_t i = 0; i < n_lemmas; i++) write_lemma(out, &lemmas[i]);
    if (fclose(out)) {
        perror(argv[2]);
        return 1;
    }
    free(lemmas);
    return 0;
}

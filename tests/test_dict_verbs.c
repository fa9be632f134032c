/*
 * test_dict_verbs.c - unit tests of the verb dictionary reader
 * (src/dict_verbs.c) through the public builder: PETRARCH blocks and TABARI
 * roots, verb codes, listed and generated forms, multi-word verbs, pattern
 * elements and codes, synsets, the longest-first pattern order, and the
 * errors a malformed verb file is reported with (file and line).
 */
#include "dict_util.h"

/* ----------------------------------------------------------------- verbs */

static const char verbs[] =
    "# fictional verbs\n"                               /* 1 */
    "&WEAPONS\n"                                        /* 2 */
    "+SWORD\n"                                          /* 3 */
    "+BOW_AND_ARROW\n"                                  /* 4 */
    "\n"                                                /* 5 */
    "--- MEET [031] ---\n"                              /* 6 */
    "MEET {MEETS MET MEETING}\n"                        /* 7 */
    "CONFER\n"                                          /* 8 */
    "HUDDLE [036]\n"                                    /* 9 */
    "DENY\n"                                            /* 10 */
    "MAKE\n"                                            /* 11 */
    "+CORDON_OFF\n"                                     /* 12 */
    "WIRE_+TAP [041]\n"                                 /* 13 */
    "- * WITH + [031:031]\n"                            /* 14 */
    "- $ * + IN &CAPITAL [0311]\n"                      /* 15 */
    "- * { TALKS | FURTHER_NEGOTIATIONS } WITH + [046]\n" /* 16 */
    "- * ^ % [032:033]\n"                               /* 17 */
    "- * WITHOUT &WEAPONS [---]\n"                      /* 18 */
    "- * SECRETLY [###]\n"                              /* 19 */
    "- * THE_ENEMY [+++]\n"                             /* 20 */
    "- * TO_DISCUSS [023?]\n"                           /* 21 */
    "- *_OUT + [042]\n"                                 /* 22 */
    "- * NEAR &NOWHERE [030]\n"                         /* 23 */
    "&CAPITAL\n"                                        /* 24 */
    "+MINAS_TIRITH\n"                                   /* 25 */
    "+EDORAS\n";                                        /* 26 */

static void test_verb_forms(dyad_dict *d)
{
    check_form(d, "meets", "MEET", DYAD__VF_S, 1);
    check_form(d, "met", "MEET", DYAD__VF_PAST, 1);
    check_form(d, "meeting", "MEET", DYAD__VF_ING, 1);
    size_t end;
    CHECK(vform(d, "meeted", &end) == NULL);   /* {forms} replace rules */
    check_form(d, "confers", "CONFER", DYAD__VF_S, 1);
    check_form(d, "conferring", "", 0, 0);     /* no consonant doubling */
    check_form(d, "denies", "DENY", DYAD__VF_S, 1);
    check_form(d, "denied", "DENY", DYAD__VF_PAST, 1);
    check_form(d, "denying", "DENY", DYAD__VF_ING, 1);
    check_form(d, "makes", "MAKE", DYAD__VF_S, 1);
    check_form(d, "making", "MAKE", DYAD__VF_ING, 1);
    check_form(d, "cordoned off", "+CORDON_OFF", DYAD__VF_PAST, 2);
    check_form(d, "cordons off", "+CORDON_OFF", DYAD__VF_S, 2);
    check_form(d, "wire taping", "WIRE_+TAP", DYAD__VF_ING, 2);
    check_form(d, "wire taps", "WIRE_+TAP", DYAD__VF_S, 2);
    const dyad__vform *f = vform(d, "wire taps", &end);
    if (f) CHECK_INT(f->verb_word, 1);
    f = vform(d, "huddled", &end);
    CHECK(f != NULL);
    if (!f) return;
    const dyad__image *im = &d->im;
    const dyad__verb *vb = &im->verbs[f->verb];
    CHECK_STR(dyad__str(im, vb->code.code1), "036");
    CHECK_INT(vb->line, 9);
    const dyad__vblock *bl = &im->blocks[vb->block];
    CHECK_STR(dyad__str(im, bl->name), "MEET");
    CHECK_STR(dyad__str(im, bl->code.code1), "031");
    f = vform(d, "confer", &end);
    if (f) CHECK_INT(im->verbs[f->verb].code.code1, DYAD__NONE);
}

static void check_code(const dyad_dict *d, const char *pat, const char *c1,
                       const char *c2, uint32_t flags)
{
    const dyad__pattern *p = find_pattern(d, pat);
    CHECK(p != NULL);
    if (!p) return;
    CHECK_STR(dyad__str(&d->im, p->code.code1), c1);
    CHECK_STR(dyad__str(&d->im, p->code.code2), c2);
    CHECK_INT(p->code.flags, flags);
}

static void test_patterns(dyad_dict *d)
{
    const dyad__image *im = &d->im;
    CHECK_INT(im->n_patterns, 10);
    const dyad__pattern *p = find_pattern(d, "* WITH +");
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(p->n_upper, 0);
        CHECK_INT(p->n_lower, 2);
        CHECK_INT(pel(d, p, 0)->kind, DYAD__PE_WORD);
        CHECK_INT(pel(d, p, 0)->arg, dyad__word_find(im, "WITH", 4));
        CHECK_INT(pel(d, p, 1)->kind, DYAD__PE_TARGET);
        CHECK_INT(p->code.paired, 1);
        CHECK_INT(p->line, 14);
    }
    p = find_pattern(d, "$ * + IN &CAPITAL");
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(p->n_upper, 1);
        CHECK_INT(pel(d, p, 0)->kind, DYAD__PE_SOURCE);
        CHECK_INT(pel(d, p, 3)->kind, DYAD__PE_SYNSET);
    }
    p = find_pattern(d, "* { TALKS | FURTHER_NEGOTIATIONS } WITH +");
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(pel(d, p, 0)->kind, DYAD__PE_ALT);
        const dyad__altgroup *g = &im->altgroups[pel(d, p, 0)->arg];
        CHECK_INT(g->n_alts, 2);
        CHECK_INT(im->alts[g->first_alt + 1].n_el, 2);
    }
    p = find_pattern(d, "* ^ %");
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(pel(d, p, 0)->kind, DYAD__PE_SKIP);
        CHECK_INT(pel(d, p, 1)->kind, DYAD__PE_COMPOUND);
    }
    p = find_pattern(d, "* THE_ENEMY");
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(pel(d, p, 0)->adjacent, 0);
        CHECK_INT(pel(d, p, 1)->adjacent, 1);
    }
    p = find_pattern(d, "*_OUT +");
    CHECK(p != NULL);
    if (p) CHECK_INT(p->verb_adj_lower, 1);
    check_code(d, "* ^ %", "032", "033", 0);
    check_code(d, "* WITHOUT &WEAPONS", "", "", DYAD__EC_NULL);
    check_code(d, "* SECRETLY", "", "", DYAD__EC_DISCARD);
    check_code(d, "* THE_ENEMY", "", "", DYAD__EC_COMPLEX);
    check_code(d, "* TO_DISCUSS", "023", "", DYAD__EC_SUBORD);
}

/* Patterns of a block are ordered longest first. */
static void test_pattern_order(dyad_dict *d)
{
    const dyad__image *im = &d->im;
    CHECK_INT(im->n_blocks, 1);
    const dyad__vblock *bl = &im->blocks[0];
    CHECK_INT(bl->n_pats, 10);
    const uint32_t *order = im->pat_order + bl->first_pat;
    for (uint32_t k = 1; k < bl->n_pats; k++)
        CHECK(im->patterns[order[k - 1]].length >=
              im->patterns[order[k]].length);
    const dyad__pattern *first = &im->patterns[im->pat_order[bl->first_pat]];
    CHECK_STR(dyad__str(im, first->text),
              "* { TALKS | FURTHER_NEGOTIATIONS } WITH +");
}

static void test_verbs(void)
{
    dyad_dict *d = build1(DYAD_DICT_VERBS, "t.verbs", verbs);
    test_verb_forms(d);
    test_patterns(d);
    test_pattern_order(d);
    /* synsets, defined before and after use; members get plurals */
    CHECK_INT(d->im.n_synsets, 3);
    CHECK(synset_has(d, "&WEAPONS", "swords"));
    CHECK(synset_has(d, "&WEAPONS", "bow and arrow"));
    CHECK(synset_has(d, "&CAPITAL", "Minas Tirith"));
    CHECK(synset_has(d, "&CAPITAL", "Edoras"));
    CHECK(!synset_has(d, "&CAPITAL", "Gondor"));
    CHECK_INT(has_diag("t.verbs", 23, "&NOWHERE is used but never defined"), 1);
    CHECK_INT(NG, 1);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    CHECK_INT(st.patterns, 10);
    CHECK_INT(st.synsets, 3);
    dyad_dict_free(d);
}

/* Malformed verb lines are reported with file and line; loading goes on. */
static void test_bad_verbs(void)
{
    static char text[12000];
    size_t o = 0;
#define ADD(s) (memcpy(text + o, s, sizeof s - 1), o += sizeof s - 1)
    ADD("--- PROTEST [140] ---\n");              /* 1 */
    ADD("PROTEST\n");                            /* 2 */
    ADD("- * { RALLY | MARCH AGAINST + [141]\n"); /* 3 */
    ADD("- WITH + [140]\n");                     /* 4 */
    ADD("- * WITH +\n");                         /* 5 */
    memset(text + o, 'A', 9000);                 /* 6 */
    o += 9000;
    ADD("\n");
    ADD("- * \xff\xfe WITH + [140]\n");          /* 7 */
    ADD("- * WITH\0 + [140]\n");                 /* 8 */
    ADD("- * AGAINST + [141]\n");                /* 9 */
    ADD("DEMONSTRATE\n");                        /* 10 */
#undef ADD
    size_t errors = 0;
    src s = {DYAD_DICT_VERBS, "bad.verbs", text, o};
    dyad_dict *d = build(&s, 1, NULL, &errors);
    CHECK_INT(has_diag("bad.verbs", 3, "unbalanced braces"), 1);
    CHECK_INT(has_diag("bad.verbs", 4, "no '*'"), 1);
    CHECK_INT(has_diag("bad.verbs", 5, "no [code]"), 1);
    CHECK_INT(has_diag("bad.verbs", 6, "longer than"), 1);
    CHECK_INT(has_diag("bad.verbs", 7, "invalid UTF-8"), 1);
    CHECK_INT(has_diag("bad.verbs", 8, "NUL"), 1);
    CHECK_INT(errors, 6);
    if (NG != 6) dump_diags();
    CHECK_INT(d->im.n_patterns, 1);
    CHECK(find_pattern(d, "* AGAINST +") != NULL);
    size_t end;
    check_form(d, "demonstrated", "DEMONSTRATE", DYAD__VF_PAST, 1);
    CHECK(vform(d, "protests", &end) != NULL);
    dyad_dict_free(d);
}

/* TABARI verbs: each root is its own block; a root without `_` is a stem,
 * one with `_` gets the regular endings. */
static void test_tabari_verbs(void)
{
    dyad_dict *d = build1(DYAD_DICT_VERBS, "t.verbs",
                          "; fictional TABARI verbs\n"
                          "MEET  [031]\n"
                          "- * WITH + [032]\n"
                          "DENOUNCE_ [111]\n"
                          "~~FINISH\n");
    const dyad__image *im = &d->im;
    uint32_t v;
    CHECK_INT(match(d, ROOT(d, VERBS), "meetings", &v), 1);
    if (v != DYAD__NONE) CHECK_INT(im->vforms[v].kind, DYAD__VF_STEM);
    CHECK_INT(match(d, ROOT(d, VERBS), "denounced", &v), 1);
    CHECK_INT(match(d, ROOT(d, VERBS), "denouncing", &v), 1);
    CHECK_INT(match(d, ROOT(d, VERBS), "denouncement", &v), 0);
    CHECK_INT(im->n_blocks, 2);
    if (im->n_blocks == 2) {
        CHECK_STR(dyad__str(im, im->blocks[0].code.code1), "031");
        CHECK_INT(im->blocks[0].n_pats, 1);
        CHECK_INT(im->blocks[1].n_pats, 0);
    }
    CHECK_INT(NG, 0);
    dyad_dict_free(d);
}

/* A verb without {...} takes its forms from the forms table, read first
 * whatever the order the sources were queued in; a verb the table lacks
 * gets the regular endings; listed {...} still replace both. */
static void test_forms_table(void)
{
    src s[2] = {
        {DYAD_DICT_VERBS, "t.verbs",
         "--- FLEE [0874] ---\n"
         "FLEE\n"
         "+SPEAK_OUT [111]\n"
         "RETREAT\n"
         "SEEK {SEEKS}\n", 0},
        {DYAD_DICT_FORMS, "t.forms",
         "# forms\n"
         "FLEE {FLEES FLED FLEEING}\n"
         "speak {speaks  spoke spoken speaking}\n"
         "SEEK {SEEKS SOUGHT SEEKING}\n"
         "BROKEN LINE\n"
         "TWO WORDS {X}\n"
         "EMPTY {}\n", 0},
    };
    size_t errors = 0;
    dyad_dict *d = build(s, 2, NULL, &errors);
    size_t end;
    check_form(d, "fled", "FLEE", DYAD__VF_PAST, 1);
    check_form(d, "fleeing", "FLEE", DYAD__VF_ING, 1);
    CHECK(vform(d, "fleed", &end) == NULL);      /* the table, not rules */
    check_form(d, "spoke out", "+SPEAK_OUT", DYAD__VF_PAST, 2);
    check_form(d, "spoken out", "+SPEAK_OUT", DYAD__VF_PAST, 2);
    check_form(d, "speaks out", "+SPEAK_OUT", DYAD__VF_S, 2);
    check_form(d, "retreated", "RETREAT", DYAD__VF_PAST, 1);
    CHECK(vform(d, "sought", &end) == NULL);     /* {SEEKS} was listed */
    CHECK_INT(has_diag("t.forms", 5, "WORD {FORM"), 1);
    CHECK_INT(has_diag("t.forms", 6, "one word"), 1);
    CHECK_INT(has_diag("t.forms", 7, "no forms"), 1);
    CHECK_INT(errors, 3);
    dyad_dict_free(d);
}

int main(void)
{
    dyad__arena_init(&A);
    test_verbs();
    test_forms_table();
    test_tabari_verbs();
    test_bad_verbs();
    dyad__arena_free(&A);
    return test_summary("test_dict_verbs");
}

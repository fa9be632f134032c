/*
 * test_dict.c - unit tests of the dictionary loader (dict.c, dict_lines.c,
 * dict_actors.c, dict_agents.c, dict_misc.c, dict_cache.c) through the public
 * builder with small fictional dictionaries: dialects, actors and dated
 * codes, agents, discards, issues, diagnostics (file, line, message) and the
 * binary cache. The verb reader is tested in test_dict_verbs.c.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dict_lines.h"
#include "dict_util.h"

/* ---------------------------------------------------------------- dialect */

static const char tabari_actors[] =
    "; fictional TABARI actors\n"
    "GONDOR [GON]  ; stem: GONDORIAN too\n"
    "ROHAN_ [ROH]\n"
    "FARAMIR [GONMIL <950601] [---]\n"
    "BOROMIR [GONMIL >300101]\n"
    "~~FINISH\n"
    "MORDOR [MOR]\n";

static void test_dialect(void)
{
    CHECK_INT(dyad__detect_dialect(tabari_actors, strlen(tabari_actors)),
              DYAD__TABARI);
    const char *pet = "# fictional\nGONDOR [GON] # a realm\n"
                      "--- MEET [031] ---\n";
    CHECK_INT(dyad__detect_dialect(pet, strlen(pet)), DYAD__PETRARCH);
    dyad_dict *d = build1(DYAD_DICT_ACTORS, "t.actors", tabari_actors);
    CHECK_STR(actor_code(d, "Gondorians", 0), "GON");   /* TABARI stem */
    CHECK_STR(actor_code(d, "Rohan", 0), "ROH");
    CHECK_STR(actor_code(d, "Rohans", 0), "ROH");       /* regular ending */
    CHECK_STR(actor_code(d, "Rohanian", 0), "(none)");  /* exact word */
    CHECK_STR(actor_code(d, "Mordor", 0), "(none)");    /* after ~~FINISH */
    /* TABARI inline restrictions */
    CHECK_STR(actor_code(d, "Faramir", 19900101), "GONMIL");
    CHECK_STR(actor_code(d, "Faramir", 19950601), "GONMIL");
    CHECK_STR(actor_code(d, "Faramir", 19950602), "(null)");
    CHECK_STR(actor_code(d, "Faramir", 0), "(null)");
    /* one restriction only: null-coded outside it */
    CHECK_STR(actor_code(d, "Boromir", 19300101), "GONMIL");
    CHECK_STR(actor_code(d, "Boromir", 19291231), "(null)");
    CHECK_INT(NG, 0);
    dyad_dict_free(d);

    d = build1(DYAD_DICT_ACTORS, "p.actors",
               "GONDOR [GON] # comment\n<!-- a block\nMORDOR [MOR]\n-->\n"
               "ROHAN [ROH]\nROHAN [RHN]\n");
    CHECK_STR(actor_code(d, "Gondor", 0), "GON");
    CHECK_STR(actor_code(d, "Gondorians", 0), "(none)");  /* exact */
    CHECK_STR(actor_code(d, "Mordor", 0), "(none)");      /* commented */
    CHECK_STR(actor_code(d, "Rohan", 0), "RHN");          /* later wins */
    CHECK_INT(has_diag("p.actors", 6, "listed again"), 1);
    CHECK_INT(NG, 1);
    if (NG) CHECK_INT(G[0].sev, DYAD_SEV_WARNING);
    dyad_dict_free(d);
}

/* ---------------------------------------------------------------- actors */

static const char actors[] =
    "# fictional actors, PETRARCH style\n"
    "GONDOR [GON]\n"
    "+GONDORIAN\n"
    "+REALM_OF_GONDOR\n"
    "ARAGORN_ELESSAR  # dated codes\n"
    "+ARAGORN\n"
    "\t[GONGOV 20050803-20130803]\n"
    "\t[GONMIL >130804]\n"
    "\t[GONELI]\n"
    "DENETHOR\n"
    "\t[GONREB <950601]\n"
    "\t[GONGOV 300101-291231]\n"
    "ELROND\n"
    "\t[RIVELI]\n"
    "\t[RIVGOV 20000101-20101231]\n"
    "\t[RIVMIL 20050101-20151231]\n"
    "WHITE_COUNCIL [GON/ROH]\n";

static void test_actors(void)
{
    dyad_dict *d = build1(DYAD_DICT_ACTORS, "a.actors", actors);
    const dyad__image *im = &d->im;
    CHECK_INT(NG, 0);
    CHECK_STR(actor_code(d, "Gondor", 0), "GON");
    CHECK_STR(actor_code(d, "Gondorian", 0), "GON");
    CHECK_STR(actor_code(d, "realm of Gondor", 0), "GON");
    uint32_t v;
    CHECK_INT(match(d, ROOT(d, ACTORS), "Realm of Gondor said", &v), 3);
    CHECK_STR(dyad__str(im, im->actors[v].head), "GONDOR");
    CHECK_STR(dyad__str(im, im->actors[v].phrase), "REALM_OF_GONDOR");
    CHECK_INT(im->actors[v].line, 4);
    CHECK(dyad__word_find(im, "GONDORIAN", 9) != 0);
    CHECK_INT(dyad__word_find(im, "MORDOR", 6), 0);
    /* dated codes: first match wins, the default comes last */
    CHECK_STR(actor_code(d, "Aragorn", 20100101), "GONGOV");
    CHECK_STR(actor_code(d, "Aragorn Elessar", 20130803), "GONGOV");
    CHECK_STR(actor_code(d, "Aragorn", 20130804), "GONMIL");
    CHECK_STR(actor_code(d, "Aragorn", 20200101), "GONMIL");
    CHECK_STR(actor_code(d, "Aragorn", 20000101), "GONELI");
    CHECK_STR(actor_code(d, "Aragorn", 0), "GONELI");
    CHECK_STR(actor_code(d, "Elrond", 20070101), "RIVGOV");
    CHECK_STR(actor_code(d, "Elrond", 20120101), "RIVMIL");
    CHECK_STR(actor_code(d, "Elrond", 19990101), "RIVELI");
    /* six-digit dates: 00-29 are 20xx, 30-99 are 19xx */
    CHECK_STR(actor_code(d, "Denethor", 19950601), "GONREB");
    CHECK_STR(actor_code(d, "Denethor", 19960101), "GONGOV");
    CHECK_STR(actor_code(d, "Denethor", 20291231), "GONGOV");
    CHECK_STR(actor_code(d, "Denethor", 20300101), "(null)");
    CHECK_INT(dyad__dict_date("291231", 6), 20291231);
    CHECK_INT(dyad__dict_date("300101", 6), 19300101);
    CHECK_INT(dyad__dict_date("000229", 6), 20000229);
    CHECK_INT(dyad__dict_date("990229", 6), 0);
    CHECK_INT(dyad__dict_date("2005080", 7), 0);
    /* coded compound */
    CHECK_STR(actor_code(d, "White Council", 0), "GON/ROH");
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    CHECK_INT(st.actor_phrases, 8);
    CHECK_INT(st.from_cache, 0);
    dyad_dict_free(d);
}

static const char bad_actors[] =
    "SARUMAN\n"                                  /* 1 */
    "\t[ISEGOV 2005080-20130803]\n"              /* 2: seven digits */
    "\t[ISEGOV 20130803-20050803]\n"             /* 3: ends before start */
    "\t[ 20050101-20060101]\n"                   /* 4: no code */
    "\t[>20050101]\n"                            /* 5: no code */
    "\t[ISEELI]\n"                               /* 6 */
    "+[GON]\n"                                   /* 7: no phrase */
    "RADAGAST [RAD]\n";                          /* 8 */

static void test_bad_actors(void)
{
    size_t errors = 0;
    src s[2] = {{DYAD_DICT_ACTORS, "ok.actors", "GONDOR [GON]\n", 0},
                {DYAD_DICT_ACTORS, "bad.actors", bad_actors, 0}};
    dyad_dict *d = build(s, 2, NULL, &errors);
    CHECK_INT(has_diag("bad.actors", 2, "bad date"), 1);
    CHECK_INT(has_diag("bad.actors", 3, "ends before it starts"), 1);
    CHECK_INT(has_diag("bad.actors", 4, "bad actor code"), 1);
    CHECK_INT(has_diag("bad.actors", 5, "bad actor code"), 1);
    CHECK_INT(has_diag("bad.actors", 7, "no phrase"), 1);
    CHECK_INT(errors, 5);
    for (size_t k = 0; k < NG; k++) {
        CHECK_STR(G[k].file, "bad.actors");
        CHECK_INT(G[k].code, DYAD_ESYNTAX);
    }
    /* the rest loads */
    CHECK_STR(actor_code(d, "Saruman", 20100101), "ISEELI");
    CHECK_STR(actor_code(d, "Radagast", 0), "RAD");
    CHECK_STR(actor_code(d, "Gondor", 0), "GON");
    dyad_dict_free(d);
}

/* ---------------------------------------------------------------- agents */

static const char agents[] =
    "# fictional agents\n"
    "!PERSON! = MAN, MEN, WOMAN, WOMEN\n"
    "PRESIDENT [~GOV]\n"
    "ARMY [~MIL]\n"
    "HUMAN_RIGHTS_GROUP [NGO~]\n"
    "SHEEP {} [~AGR]\n"
    "CHAIRMAN {CHAIRMEN} [~GOV]\n"
    "COUNCIL!PERSON! [~LEG]\n"
    "WIZARD [GOV]\n"                  /* 9: no ~ */
    "SPY {SPIES [~SPY]\n"             /* 10: unbalanced */
    "RANGER\n"                        /* 11: no code */
    "!NOBODY!_GUARD [~MIL]\n";        /* 12: unknown set */

static int agent_of(const dyad_dict *d, const char *text, const char *code,
                    int prefix)
{
    uint32_t v;
    if (!match(d, ROOT(d, AGENTS), text, &v)) return 0;
    const dyad__agent *a = &d->im.agents[v];
    return !strcmp(dyad__str(&d->im, a->code), code) &&
           (int)a->prefix == prefix;
}

static void test_agents(void)
{
    dyad_dict *d = build1(DYAD_DICT_AGENTS, "t.agents", agents);
    uint32_t v;
    CHECK(agent_of(d, "president", "GOV", 0));
    CHECK(agent_of(d, "presidents", "GOV", 0));
    CHECK(agent_of(d, "armies", "MIL", 0));
    CHECK(agent_of(d, "human rights group", "NGO", 1));
    CHECK(agent_of(d, "human rights groups", "NGO", 1));
    CHECK(agent_of(d, "sheep", "AGR", 0));
    CHECK_INT(match(d, ROOT(d, AGENTS), "sheeps", &v), 0);
    CHECK(agent_of(d, "chairmen", "GOV", 0));
    CHECK_INT(match(d, ROOT(d, AGENTS), "chairmans", &v), 0);
    CHECK(agent_of(d, "councilman", "LEG", 0));
    CHECK(agent_of(d, "councilwomen", "LEG", 0));
    CHECK_INT(match(d, ROOT(d, AGENTS), "councilmans", &v), 0);
    CHECK_INT(match(d, ROOT(d, AGENTS), "wizard", &v), 0);
    CHECK_INT(has_diag("t.agents", 9, "needs '~'"), 1);
    CHECK_INT(has_diag("t.agents", 10, "unbalanced braces"), 1);
    CHECK_INT(has_diag("t.agents", 11, "no [~CODE]"), 1);
    CHECK_INT(has_diag("t.agents", 12, "unknown substitution set"), 1);
    CHECK_INT(NG, 4);
    dyad_dict_free(d);
}

/* ------------------------------------------------------ discards, issues */

static void test_discards(void)
{
    dyad_dict *d = build1(DYAD_DICT_DISCARDS, "t.discards",
                          "# fictional discards\n+BASEBALL\nSOCCER_MATCH\n+\n");
    uint32_t v;
    CHECK_INT(match(d, ROOT(d, DISCARDS), "baseball", &v), 1);
    if (v != DYAD__NONE) CHECK_INT(d->im.discards[v].story, 1);
    CHECK_INT(match(d, ROOT(d, DISCARDS), "soccer match", &v), 2);
    if (v != DYAD__NONE) CHECK_INT(d->im.discards[v].story, 0);
    CHECK_INT(match(d, ROOT(d, DISCARDS), "soccer matches", &v), 2);
    CHECK_INT(has_diag("t.discards", 4, "empty discard"), 1);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    CHECK_INT(st.discards, 2);
    dyad_dict_free(d);
}

static const char issues[] =
    "stray [X]\n"                                 /* 1 */
    "<ISSUE CATEGORY=\"ECONOMY\">\n"              /* 2 */
    "n:tax [TAX]\n"                               /* 3 */
    "v:vote [VOTE]\n"                             /* 4 */
    "trade+deal\n"                                /* 5 */
    "~tax+haven\n"                                /* 6 */
    "</ISSUE>\n";                                 /* 7 */

static const dyad__issue *issue_at(const dyad_dict *d, const char *text,
                                   size_t want_len)
{
    uint32_t v;
    size_t n = match(d, ROOT(d, ISSUES), text, &v);
    CHECK_INT(n, want_len);
    return n ? &d->im.issues[v] : NULL;
}

static void test_issues(void)
{
    dyad_dict *d = build1(DYAD_DICT_ISSUES, "t.issues", issues);
    const dyad__image *im = &d->im;
    const dyad__issue *is = issue_at(d, "taxes", 1);
    if (is) CHECK_STR(dyad__str(im, is->category), "TAX");
    is = issue_at(d, "voting", 1);
    if (is) CHECK_STR(dyad__str(im, is->category), "VOTE");
    issue_at(d, "voted", 1);
    is = issue_at(d, "trade deal", 2);
    if (is) CHECK_STR(dyad__str(im, is->category), "ECONOMY");
    issue_at(d, "trade-deal", 2);
    is = issue_at(d, "tax haven", 2);
    if (is) CHECK_INT(is->ignore, 1);
    CHECK_INT(has_diag("t.issues", 1, "outside an <ISSUE"), 1);
    CHECK_INT(has_diag("t.issues", 5, "without [CODE]"), 1);
    CHECK_INT(NG, 2);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    CHECK_INT(st.issues, 4);
    dyad_dict_free(d);
}

/* ----------------------------------------------------------------- cache */

static const char cache_verbs[] =
    "--- DENY [021] ---\n"
    "DENY\n"
    "- * ^ % [032:033]\n"
    "- * NEAR &NOWHERE [030]\n"
    "&CAPITAL\n"
    "+EDORAS\n";

static const src cache_src[] = {
    {DYAD_DICT_ACTORS, "c.actors", actors, 0},
    {DYAD_DICT_ACTORS, "bad.actors", bad_actors, 0},
    {DYAD_DICT_VERBS, "c.verbs", cache_verbs, 0},
    {DYAD_DICT_AGENTS, "c.agents", agents, 0},
};
#define N_CACHE_SRC (sizeof cache_src / sizeof cache_src[0])

static int cache_path(const char *dir, char *out, size_t cap)
{
    DIR *dp = opendir(dir);
    int found = 0;
    struct dirent *e;
    while (dp && (e = readdir(dp)) != NULL) {
        if (strncmp(e->d_name, "dyad-", 5) || !strstr(e->d_name, ".dict"))
            continue;
        snprintf(out, cap, "%s/%s", dir, e->d_name);
        found++;
    }
    if (dp) closedir(dp);
    return found;
}

static int cached_build(const char *dir, drec *diags, size_t *nd,
                        size_t *errors)
{
    dyad_dict *d = build(cache_src, N_CACHE_SRC, dir, errors);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    CHECK_STR(actor_code(d, "Aragorn", 20100101), "GONGOV");
    CHECK_STR(actor_code(d, "Radagast", 0), "RAD");
    check_form(d, "denies", "DENY", DYAD__VF_S, 1);
    CHECK(agent_of(d, "human rights groups", "NGO", 1));
    CHECK(synset_has(d, "&CAPITAL", "Edoras"));
    CHECK(find_pattern(d, "* ^ %") != NULL);
    if (diags) {
        memcpy(diags, G, NG * sizeof *G);
        *nd = NG;
    }
    dyad_dict_free(d);
    return st.from_cache;
}

static void check_same_diags(const drec *a, size_t na)
{
    CHECK_INT(NG, na);
    for (size_t k = 0; k < na && k < NG; k++) {
        CHECK_STR(G[k].file, a[k].file);
        CHECK_STR(G[k].msg, a[k].msg);
        CHECK_INT(G[k].line, a[k].line);
        CHECK_INT(G[k].sev, a[k].sev);
        CHECK_INT(G[k].code, a[k].code);
    }
}

static void damage(const char *path, int truncate_it)
{
    struct stat st;
    CHECK(stat(path, &st) == 0);
    if (truncate_it) {
        CHECK(truncate(path, st.st_size / 2) == 0);
        return;
    }
    FILE *f = fopen(path, "r+b");
    CHECK(f != NULL);
    if (!f) return;
    long at = (long)st.st_size * 2 / 3;
    fseek(f, at, SEEK_SET);
    int c = fgetc(f);
    fseek(f, at, SEEK_SET);
    fputc(c ^ 0x5a, f);
    fclose(f);
}

static void test_cache(void)
{
    char dir[] = "/tmp/dyad-test-dict-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    static drec first[256];
    size_t nfirst = 0, e1 = 0, e2 = 0;
    char path[512] = "";
    CHECK_INT(cached_build(dir, first, &nfirst, &e1), 0);
    CHECK(nfirst > 0);
    CHECK_INT(cache_path(dir, path, sizeof path), 1);
    CHECK_INT(cached_build(dir, NULL, NULL, &e2), 1);
    check_same_diags(first, nfirst);
    CHECK_INT(e2, e1);
    damage(path, 0);                       /* flipped byte: rebuilt */
    CHECK_INT(cached_build(dir, NULL, NULL, &e2), 0);
    check_same_diags(first, nfirst);
    CHECK_INT(cached_build(dir, NULL, NULL, &e2), 1);
    damage(path, 1);                       /* truncated: rebuilt */
    CHECK_INT(cached_build(dir, NULL, NULL, &e2), 0);
    CHECK_INT(cached_build(dir, NULL, NULL, &e2), 1);
    CHECK_INT(e2, e1);
    while (cache_path(dir, path, sizeof path)) unlink(path);
    CHECK(rmdir(dir) == 0);
}

/* A dictionary file that cannot be read is reported on every build, also
 * when the rest comes from the cache. */
static void test_cache_missing_file(void)
{
    char dir[] = "/tmp/dyad-test-dict-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    for (int round = 0; round < 2; round++) {
        dyad_dict_builder *b = NULL;
        dyad_dict *d = NULL;
        size_t errors = 0;
        NG = 0;
        dyad_dict_builder_new(&b);
        dyad_dict_builder_add_text(b, DYAD_DICT_ACTORS, "m.actors",
                                   "GONDOR [GON]\n", 13);
        dyad_dict_builder_add_file(b, DYAD_DICT_ACTORS,
                                   "/nonexistent/dyad/missing.actors");
        dyad_dict_options o = {dir, collect, NULL};
        CHECK_INT(dyad_dict_build(b, &o, &d, &errors), DYAD_OK);
        dyad_dict_builder_free(b);
        dyad_dict_stats st;
        dyad_dict_get_stats(d, &st);
        CHECK_INT(st.from_cache, round);
        CHECK_INT(errors, 1);
        CHECK_INT(has_diag("/nonexistent/dyad/missing.actors", 0,
                           "cannot read dictionary"), 1);
        dyad_dict_free(d);
    }
    char path[512];
    while (cache_path(dir, path, sizeof path)) unlink(path);
    CHECK(rmdir(dir) == 0);
}

int main(void)
{
    dyad__arena_init(&A);
    test_dialect();
    test_actors();
    test_bad_actors();
    test_agents();
    test_discards();
    test_issues();
    test_cache();
    test_cache_missing_file();
    dyad__arena_free(&A);
    return test_summary("test_dict");
}

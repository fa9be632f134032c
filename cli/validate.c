/*
 * validate.c - `dyad validate FILE`: run a PETRARCH unit-test records file
 * (PETR.UnitTest.records.xml and files like it).
 *
 * The dictionaries are those its <Environment> names, found beside the file,
 * unless given by flags. <Config> elements between records change options
 * for the records after them, as in PETRARCH. Each record's words are taken
 * from its <Parse> tree leaves (the tokens PETRARCH coded; the tree's
 * structure is not used: dyad parses the sentence itself), or from <Text>.
 * A record passes when dyad produces exactly the expected set of (source,
 * target, code) events, no event for noevents, or the expected condition
 * for error records (dateline, story or sentence discard, a malformed
 * parse tree). Prints every failing record with expected and produced
 * codes, a summary per category, and last "N passed, N failed".
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct vcat {
    char name[32];
    int pass, fail;
} vcat;

typedef struct vstate {
    dyad_coder *coder;
    dyad_options opt;
    vcat cats[64];
    int ncat;
    int pass, fail, verbose;
    const char *explain_id;
} vstate;

static char *attr(xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static vcat *category(vstate *v, const char *name)
{
    for (int k = 0; k < v->ncat; k++)
        if (!strcmp(v->cats[k].name, name)) return &v->cats[k];
    if (v->ncat == (int)(sizeof v->cats / sizeof v->cats[0])) return &v->cats[0];
    vcat *c = &v->cats[v->ncat++];
    snprintf(c->name, sizeof c->name, "%s", name);
    c->pass = c->fail = 0;
    return c;
}

static int truthy(const char *s)
{
    return s && (s[0] == 't' || s[0] == 'T' || s[0] == '1' || s[0] == 'y' ||
                 s[0] == 'Y');
}

static void apply_config(vstate *v, xmlNode *n)
{
    char *o = attr(n, "option"), *val = attr(n, "value");
    if (o && val) {
        int iv = 0;
        if (cli_int(val, &iv)) iv = 0;
        if (!strcmp(o, "require_dyad")) v->opt.require_dyad = truthy(val);
        else if (!strcmp(o, "new_actor_length")) v->opt.new_actor_length = iv;
        else if (!strcmp(o, "comma_min")) v->opt.comma_min = iv;
        else if (!strcmp(o, "comma_max")) v->opt.comma_max = iv;
        else if (!strcmp(o, "comma_bmin")) v->opt.comma_bmin = iv;
        else if (!strcmp(o, "comma_bmax")) v->opt.comma_bmax = iv;
        else if (!strcmp(o, "comma_emin")) v->opt.comma_emin = iv;
        else if (!strcmp(o, "comma_emax")) v->opt.comma_emax = iv;
        dyad_coder_set_options(v->coder, &v->opt);
    }
    xmlFree(o);
    xmlFree(val);
}

/* ------------------------------------------------------------ parse trees */

static const char *leaf_text(const char *w, size_t n, char *tmp)
{
    static const struct { const char *ptb, *txt; } map[] = {
        {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"},
        {"-LCB-", "{"}, {"-RCB-", "}"}, {"``", "\""}, {"''", "\""},
    };
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
        if (strlen(map[k].ptb) == n && !memcmp(map[k].ptb, w, n)) return map[k].txt;
    memcpy(tmp, w, n);
    tmp[n] = '\0';
    return tmp;
}

static int no_space_before(const char *w)
{
    static const char *const list[] = {",", ".", ";", ":", "?", "!", "'s", "'S",
                                       "n't", "N'T", "'", ")", "]", "}", "'re",
                                       "'ll", "'ve", "'m", "'d", "%"};
    for (size_t k = 0; k < sizeof list / sizeof list[0]; k++)
        if (!strcmp(w, list[k])) return 1;
    return 0;
}

/* Leaves of a bracketed tree joined back into text. Returns 0, or -1 when
 * the brackets do not balance. */
static int tree_text(const char *s, char *out, size_t cap)
{
    int depth = 0, glue = 1, quotes = 0;
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; s[i];) {
        char c = s[i];
        if (c == '(') {
            depth++;
            i++;
            while (s[i] && s[i] != ' ' && s[i] != '(' && s[i] != ')' &&
                   s[i] != '\n' && s[i] != '\t')
                i++;                              /* label */
            while (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') i++;
            if (s[i] && s[i] != '(' && s[i] != ')') {   /* a leaf word */
                size_t b = i;
                while (s[i] && s[i] != ')' && s[i] != ' ' && s[i] != '\n') i++;
                char tmp[512];
                if (i - b >= sizeof tmp) return -1;
                const char *w = leaf_text(s + b, i - b, tmp);
                int open_quote = !strcmp(w, "\"") && !(quotes++ % 2);
                size_t wl = strlen(w);
                if (o + wl + 2 >= cap) return -1;
                if (!glue && !no_space_before(w) &&
                    !(!strcmp(w, "\"") && !open_quote))
                    out[o++] = ' ';
                memcpy(out + o, w, wl);
                o += wl;
                out[o] = '\0';
                glue = !strcmp(w, "(") || !strcmp(w, "[") || open_quote;
            }
            continue;
        }
        if (c == ')') {
            if (--depth < 0) return -1;
        }
        i++;
    }
    return depth == 0 ? 0 : -1;
}

/* ------------------------------------------------------------ records */

typedef struct triple {
    char s[96], t[96], c[32];
} triple;

static int has(const triple *set, int n, const triple *x)
{
    for (int k = 0; k < n; k++)
        if (!strcmp(set[k].s, x->s) && !strcmp(set[k].t, x->t) &&
            !strcmp(set[k].c, x->c))
            return 1;
    return 0;
}

static void print_set(const char *label, const triple *set, int n)
{
    printf("    %s:", label);
    if (!n) printf(" (none)");
    for (int k = 0; k < n; k++) printf(" %s->%s %s", set[k].s, set[k].t, set[k].c);
    printf("\n");
}

static void explain_line(void *ud, dyad_trace_kind k, const char *line)
{
    (void)ud;
    (void)k;
    printf("      | %s\n", line);
}

static void run_record(vstate *v, xmlNode *n)
{
    char *id = attr(n, "id"), *date = attr(n, "date"), *cat = attr(n, "category");
    triple exp[64], got[256];
    int ne = 0, ng = 0, noevents = 0;
    char expect_err[64] = "", *text = NULL, *tree = NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)c->name;
        if (!strcmp(name, "EventCoding")) {
            char *sc = attr(c, "sourcecode"), *tc = attr(c, "targetcode"),
                 *ec = attr(c, "eventcode"), *no = attr(c, "noevents"),
                 *er = attr(c, "error");
            if (no) noevents = 1;
            if (er) snprintf(expect_err, sizeof expect_err, "%s", er);
            if (sc && tc && ec && ne < 64) {
                snprintf(exp[ne].s, sizeof exp[ne].s, "%s", sc);
                snprintf(exp[ne].t, sizeof exp[ne].t, "%s", tc);
                snprintf(exp[ne].c, sizeof exp[ne].c, "%s", ec);
                ne++;
            }
            xmlFree(sc); xmlFree(tc); xmlFree(ec); xmlFree(no); xmlFree(er);
        } else if (!strcmp(name, "Text")) {
            text = (char *)xmlNodeGetContent(c);
        } else if (!strcmp(name, "Parse")) {
            tree = (char *)xmlNodeGetContent(c);
        }
    }
    int d = date ? dyad_date_parse(date, strlen(date)) : 0;
    size_t cap = (tree ? strlen(tree) : 0) + (text ? strlen(text) : 0) + 64;
    char *input = malloc(cap);
    int bad_tree = 0;
    if (tree && tree_text(tree, input, cap) != 0) bad_tree = 1;
    if (!tree || bad_tree) snprintf(input, cap, "%s", text ? text : "");
    /* collapse the record's line breaks */
    for (char *p = input; *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '\r') *p = ' ';
    char status[64] = "";
    if (bad_tree) {
        snprintf(status, sizeof status, "bad_input_parse");
    } else {
        int explain = v->explain_id && id && !strcmp(v->explain_id, id);
        if (explain) dyad_coder_set_trace(v->coder, explain_line, NULL);
        dyad_sentence_status sst;
        const dyad_result *res;
        if (dyad_code_sentence(v->coder, input, strlen(input), d, &sst, &res) ==
            DYAD_OK) {
            if (sst == DYAD_SENT_DATELINE) snprintf(status, sizeof status, "dateline");
            if (sst == DYAD_SENT_DISCARD_STORY) snprintf(status, sizeof status, "storydiscard");
            if (sst == DYAD_SENT_DISCARD_SENTENCE) snprintf(status, sizeof status, "sentencediscard");
            for (size_t k = 0; k < res->n_events && ng < 256; k++) {
                triple t;
                snprintf(t.s, sizeof t.s, "%s", res->events[k].source.code);
                snprintf(t.t, sizeof t.t, "%s", res->events[k].target.code);
                snprintf(t.c, sizeof t.c, "%s", res->events[k].cameo);
                if (!has(got, ng, &t)) got[ng++] = t;
            }
        }
        if (explain) dyad_coder_set_trace(v->coder, NULL, NULL);
    }
    int ok;
    if (*expect_err) ok = !strcmp(expect_err, status);
    else if (noevents || ne == 0) ok = ng == 0;
    else {
        ok = ng == ne;
        for (int k = 0; ok && k < ne; k++) ok = has(got, ng, &exp[k]);
    }
    vcat *vc = category(v, cat ? cat : "-");
    if (ok) {
        v->pass++;
        vc->pass++;
    } else {
        v->fail++;
        vc->fail++;
    }
    if (!ok || v->verbose || (v->explain_id && id && !strcmp(v->explain_id, id))) {
        printf("%s %s [%s] %s\n", ok ? "PASS" : "FAIL", id ? id : "?",
               cat ? cat : "-", input);
        if (*expect_err) printf("    expected: error %s\n", expect_err);
        else print_set("expected", exp, ne);
        if (*status) printf("    produced: %s;", status);
        print_set(*status ? "events" : "produced", got, ng);
    }
    free(input);
    xmlFree(id); xmlFree(date); xmlFree(cat); xmlFree(text); xmlFree(tree);
}

/* ------------------------------------------------------------ main */

static char *beside(const char *xml, const char *name)
{
    const char *slash = strrchr(xml, '/');
    size_t dl = slash ? (size_t)(slash - xml + 1) : 0;
    char *p = malloc(dl + strlen(name) + 1);
    if (!p) return NULL;
    memcpy(p, xml, dl);
    memcpy(p + dl, name, strlen(name) + 1);
    return p;
}

static void environment(cli_dicts *dc, xmlNode *env, const char *xml,
                        char **owned, int *nowned)
{
    static const struct { const char *tag; int kind; } tags[] = {
        {"Verbfile", DYAD_DICT_VERBS}, {"Actorfile", DYAD_DICT_ACTORS},
        {"Agentfile", DYAD_DICT_AGENTS}, {"Discardfile", DYAD_DICT_DISCARDS},
        {"Issuefile", DYAD_DICT_ISSUES},
    };
    for (xmlNode *c = env->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
            if (strcmp((const char *)c->name, tags[k].tag) || dc->n[tags[k].kind])
                continue;
            char *name = (char *)xmlNodeGetContent(c);
            char *path = name ? beside(xml, name) : NULL;
            xmlFree(name);
            if (path && *nowned < 16) {
                owned[(*nowned)++] = path;
                dc->files[tags[k].kind][dc->n[tags[k].kind]++] = path;
            } else {
                free(path);
            }
        }
    }
}

int cmd_validate(int argc, char **argv)
{
    cli_dicts dc;
    memset(&dc, 0, sizeof dc);
    vstate v;
    memset(&v, 0, sizeof v);
    const char *file = NULL;
    double min_pass = 100.0;
    int careful = 0;       /* PETRARCH codes verbs as written */
    for (int i = 1; i < argc; i++) {
        int r = cli_dict_flag(&dc, argc, argv, &i);
        if (r < 0) {
            fprintf(stderr, "dyad validate: '%s' needs a value\n", argv[i]);
            return 2;
        }
        if (r) continue;
        if (!strcmp(argv[i], "--min-pass") && i + 1 < argc) min_pass = atof(argv[++i]);
        else if (!strcmp(argv[i], "--explain") && i + 1 < argc) v.explain_id = argv[++i];
        else if (!strcmp(argv[i], "--all")) v.verbose = 1;
        else if (!strcmp(argv[i], "--careful")) careful = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: dyad validate [--min-pass PCT] [--all] [--explain ID] "
                   "[--careful] FILE.xml\nRun PETRARCH unit-test records; exit 0 "
                   "when at least PCT%% (default 100) pass.\nVerbs are coded as "
                   "written, as PETRARCH codes them; --careful reads them as\n"
                   "`dyad code` does: negation and modality (\"did not attack\",\n"
                   "\"plans to attack\") and agentless passives.\n%s", cli_dict_help);
            return 0;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "dyad validate: unknown option '%s'\n", argv[i]);
            return 2;
        } else file = argv[i];
    }
    if (!file) {
        fprintf(stderr, "usage: dyad validate [options] FILE.xml\n");
        return 2;
    }
    xmlDoc *doc = xmlReadFile(file, NULL, XML_PARSE_NONET);
    if (!doc) {
        fprintf(stderr, "dyad validate: %s: cannot read or parse the XML\n", file);
        return 1;
    }
    xmlNode *root = xmlDocGetRootElement(doc), *sentences = NULL;
    char *owned[16];
    int nowned = 0;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!strcmp((const char *)c->name, "Environment"))
            environment(&dc, c, file, owned, &nowned);
        else if (!strcmp((const char *)c->name, "Sentences")) sentences = c;
    }
    size_t dict_errors = 0;
    dyad_dict *d = cli_load_dicts(&dc, &dict_errors);
    int rc = 1;
    dyad_options_init(&v.opt);
    v.opt.literal = !careful;
    if (d && !dyad_coder_new(d, &v.opt, &v.coder)) {
        for (xmlNode *c = sentences ? sentences->children : NULL; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (!strcmp((const char *)c->name, "Config")) apply_config(&v, c);
            else if (!strcmp((const char *)c->name, "Sentence")) run_record(&v, c);
        }
        printf("\nby category:\n");
        for (int k = 0; k < v.ncat; k++)
            printf("  %-12s %3d passed, %3d failed\n", v.cats[k].name,
                   v.cats[k].pass, v.cats[k].fail);
        printf("%d passed, %d failed\n", v.pass, v.fail);
        int total = v.pass + v.fail;
        rc = total && v.pass * 100.0 >= min_pass * total ? 0 : 1;
        dyad_coder_free(v.coder);
    }
    dyad_dict_free(d);
    for (int k = 0; k < nowned; k++) free(owned[k]);
    xmlFreeDoc(doc);
    xmlCleanupParser();
    return rc;
}

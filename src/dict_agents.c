/*
 * dict_agents.c - reading .agents dictionaries: role words such as
 * PRESIDENT [~GOV] or HUMAN_RIGHTS_BODY [NGO~], with plural forms ({...}
 * lists them, {} means none, otherwise the regular plural is generated in
 * PETRARCH files) and !NAME! = A, B, C substitution sets that expand one
 * line into several phrases.
 */
#include <stdlib.h>

#include "dict_actors.h"
#include "dict_lines.h"

#define MAX_SUBST 32
#define MAX_SUBST_ALTS 32

typedef struct subst {
    char name[64];                 /* "!PERSON!" */
    size_t nl;
    char alt[MAX_SUBST_ALTS][64];
    size_t n;
} subst;

typedef struct aread {
    dyad__dialect dia;
    subst s[MAX_SUBST];
    size_t ns;
} aread;

static void read_subst(dyad__builder *b, aread *r, const dyad__dline *l)
{
    const char *eq = memchr(l->s, '=', l->n);
    const char *bang2 = l->n > 1 ? memchr(l->s + 1, '!', l->n - 1) : NULL;
    if (!eq || !bang2 || bang2 > eq || r->ns == MAX_SUBST) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                     r->ns == MAX_SUBST ? "too many substitution sets"
                                        : "bad substitution set: expected "
                                          "!NAME! = A, B, C");
        return;
    }
    subst *s = &r->s[r->ns];
    s->nl = (size_t)(bang2 - l->s + 1);
    if (s->nl >= sizeof s->name) return;
    memcpy(s->name, l->s, s->nl);
    s->n = 0;
    const char *p = eq + 1, *end = l->s + l->n;
    while (p < end && s->n < MAX_SUBST_ALTS) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        const char *e = c ? c : end;
        const char *a = p;
        size_t an = (size_t)(e - p);
        dyad__trim(&a, &an);
        if (an && an < sizeof s->alt[0]) {
            memcpy(s->alt[s->n], a, an);
            s->alt[s->n][an] = '\0';
            s->n++;
        }
        p = c ? c + 1 : end;
    }
    if (s->n == 0) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "substitution set is empty");
        return;
    }
    r->ns++;
}

/* Insert phrase (and its generated plural unless listed/suppressed). */
static void add_phrase(dyad__builder *b, aread *r, unsigned long line,
                       const char *ph, size_t n, uint32_t value, int plural)
{
    dyad__actor_insert(b, b->im.roots[DYAD__ROOT_AGENTS], ph, n, line, r->dia,
                       value, "agent phrase");
    if (!plural || r->dia != DYAD__PETRARCH) return;
    /* plural of the last word */
    size_t k = n;
    while (k > 0 && ph[k - 1] != '_' && ph[k - 1] != ' ' && ph[k - 1] != '-')
        k--;
    char last[256], pl[300], full[DYAD_MAX_DICT_LINE + 8];
    if (n - k >= sizeof last || k + 300 > sizeof full) return;
    int ll = dyad__upper_copy(ph + k, n - k, last, sizeof last);
    size_t pn = ll > 0 ? dyad__plural(last, (size_t)ll, pl, sizeof pl) : 0;
    if (!pn) return;
    memcpy(full, ph, k);
    memcpy(full + k, pl, pn);
    dyad__actor_insert(b, b->im.roots[DYAD__ROOT_AGENTS], full, k + pn, line,
                       r->dia, value, "agent phrase");
}

/* Expand the first !NAME! in the phrase; recurse for more. */
static void expand(dyad__builder *b, aread *r, unsigned long line,
                   const char *ph, size_t n, uint32_t value, int plural,
                   int depth)
{
    const char *bang = memchr(ph, '!', n);
    if (!bang) {
        add_phrase(b, r, line, ph, n, value, plural);
        return;
    }
    const char *bang2 = memchr(bang + 1, '!', (size_t)(ph + n - bang - 1));
    size_t nl = bang2 ? (size_t)(bang2 - bang + 1) : 0;
    const subst *s = NULL;
    for (size_t k = 0; bang2 && k < r->ns; k++)
        if (r->s[k].nl == nl && memcmp(r->s[k].name, bang, nl) == 0)
            s = &r->s[k];
    if (!s || depth > 4) {
        dyad__b_diag(b, DYAD_SEV_ERROR, line,
                     "unknown substitution set '%.*s' (define it with "
                     "!NAME! = A, B before use)", (int)(nl ? nl : 1), bang);
        return;
    }
    for (size_t a = 0; a < s->n; a++) {
        char buf[DYAD_MAX_DICT_LINE + 64];
        size_t pre = (size_t)(bang - ph), al = strlen(s->alt[a]);
        size_t post = n - pre - nl;
        if (pre + al + post >= sizeof buf) continue;
        memcpy(buf, ph, pre);
        memcpy(buf + pre, s->alt[a], al);
        memcpy(buf + pre + al, bang2 + 1, post);
        /* forms from a set are listed in full: no generated plural */
        expand(b, r, line, buf, pre + al + post, value, 0, depth + 1);
    }
}

static void read_agent_line(dyad__builder *b, aread *r, const dyad__dline *l)
{
    const char *br = NULL;
    for (size_t i = l->n; i-- > 0;)
        if (l->s[i] == '[') { br = l->s + i; break; }
    const char *rb = br ? memchr(br, ']', (size_t)(l->s + l->n - br)) : NULL;
    if (!br || !rb) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                     br ? "unbalanced '[' in agent line"
                        : "agent line has no [~CODE]");
        return;
    }
    char code[64];
    size_t cl = 0;
    for (const char *p = br + 1; p < rb; p++) {
        if (*p == ' ' || *p == '\t') continue;
        if (cl + 1 >= sizeof code) break;
        code[cl++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
    }
    code[cl] = '\0';
    int prefix;
    if (cl > 1 && code[0] == '~') prefix = 0;
    else if (cl > 1 && code[cl - 1] == '~') prefix = 1;
    else {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                     "agent code '[%s]' needs '~' before it (suffix, [~GOV]) "
                     "or after it (prefix, [NGO~])", code);
        return;
    }
    const char *cs = prefix ? code : code + 1;
    size_t csl = cl - 1;
    for (size_t i = 0; i < csl; i++) {
        if (!((cs[i] >= 'A' && cs[i] <= 'Z') || (cs[i] >= '0' && cs[i] <= '9'))) {
            dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "bad agent code '[%s]'",
                         code);
            return;
        }
    }
    const char *lb = memchr(l->s, '{', (size_t)(br - l->s));
    const char *rbr = lb ? memchr(lb, '}', (size_t)(br - lb)) : NULL;
    if (lb && !rbr) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                     "unbalanced braces: '{' without '}'");
        return;
    }
    const char *ph = l->s;
    size_t pn = (size_t)((lb ? lb : br) - l->s);
    dyad__trim(&ph, &pn);
    if (!pn) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "agent line has no phrase");
        return;
    }
    dyad__agent ag = {dyad__b_str(b, ph, pn), b->cur_file, (uint32_t)l->line,
                      dyad__b_str(b, cs, csl), (uint32_t)prefix};
    uint32_t idx = DYAD__B_PUSH(b, agents, ag);
    if (idx == DYAD__NONE) return;
    expand(b, r, l->line, ph, pn, idx, lb == NULL, 0);
    for (const char *p = lb ? lb + 1 : NULL; p && p < rbr;) {
        while (p < rbr && (*p == ' ' || *p == '\t')) p++;
        const char *e = p;
        while (e < rbr && *e != ' ' && *e != '\t') e++;
        if (e > p) expand(b, r, l->line, p, (size_t)(e - p), idx, 0, 0);
        p = e;
    }
}

void dyad__read_agents(dyad__builder *b, const char *text, size_t len)
{
    aread *r = calloc(1, sizeof *r);
    if (!r) {
        b->oom = 1;
        return;
    }
    r->dia = dyad__detect_dialect(text, len);
    dyad__dlines *it = dyad__dlines_open(b, text, len, r->dia);
    if (!it) {
        free(r);
        return;
    }
    dyad__dline l;
    while (!b->oom && dyad__dlines_next(b, it, &l)) {
        if (l.s[0] == '!' && memchr(l.s, '=', l.n)) read_subst(b, r, &l);
        else if (l.s[0] == '<')
            dyad__b_diag(b, DYAD_SEV_WARNING, l.line,
                         "section tag '%.*s' is not used in agent files; "
                         "ignored", (int)(l.n > 40 ? 40 : l.n), l.s);
        else read_agent_line(b, r, &l);
    }
    free(it);
    free(r);
}

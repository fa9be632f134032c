/*
 * dict_misc.c - reading discard and issue dictionaries.
 *
 * Discards: `+PHRASE` discards the whole story, `PHRASE` the sentence.
 * Issues (PETRARCH): <ISSUE CATEGORY="..."> blocks of `phrase [CODE]` lines
 * where `n:word` stands for its singular and plural, `v:word` for its verb
 * forms, `a+b` for "a b" and "a-b", and `~phrase` is an ignore phrase that
 * cancels issue coding for the sentence.
 */
#include <stdlib.h>

#include "dict_actors.h"
#include "dict_lines.h"

void dyad__read_discards(dyad__builder *b, const char *text, size_t len)
{
    dyad__dialect dia = dyad__detect_dialect(text, len);
    dyad__dlines *it = dyad__dlines_open(b, text, len, dia);
    if (!it) return;
    dyad__dline l;
    while (!b->oom && dyad__dlines_next(b, it, &l)) {
        int story = l.s[0] == '+';
        const char *s = l.s + story;
        size_t n = l.n - (size_t)story;
        const char *br = memchr(s, '[', n);
        if (br) n = (size_t)(br - s);   /* TABARI-style [###] suffix */
        dyad__trim(&s, &n);
        if (!n) {
            dyad__b_diag(b, DYAD_SEV_ERROR, l.line, "empty discard phrase");
            continue;
        }
        dyad__discard d = {dyad__b_str(b, s, n), b->cur_file,
                           (uint32_t)l.line, (uint32_t)story};
        uint32_t idx = DYAD__B_PUSH(b, discards, d);
        if (idx == DYAD__NONE) break;
        dyad__actor_insert(b, b->im.roots[DYAD__ROOT_DISCARDS], s, n, l.line,
                           dia, idx, "discard phrase");
        /* the regular plural of a PETRARCH discard matches too */
        char pl[DYAD_MAX_DICT_LINE + 8];
        if (dia == DYAD__PETRARCH && n + 4 < sizeof pl) {
            size_t k = n;
            while (k > 0 && s[k - 1] != ' ' && s[k - 1] != '_') k--;
            char last[256];
            int ll = n - k < sizeof last
                         ? dyad__upper_copy(s + k, n - k, last, sizeof last) : -1;
            size_t pn = ll > 0 ? dyad__plural(last, (size_t)ll, pl + k,
                                              sizeof pl - k) : 0;
            if (pn) {
                memcpy(pl, s, k);
                dyad__actor_insert(b, b->im.roots[DYAD__ROOT_DISCARDS], pl,
                                   k + pn, l.line, dia, idx, "discard phrase");
            }
        }
    }
    free(it);
}

/* ---------------------------------------------------------------- issues */

#define ISSUE_MAX_FORMS 4
#define ISSUE_MAX_TOKENS 12

typedef struct itok {
    char f[ISSUE_MAX_FORMS][128];
    size_t n;
} itok;

/* Forms of one issue token: "n:school", "v:vote", "pre+k", "oil". */
static int issue_forms(const char *s, size_t n, itok *t)
{
    int noun = n > 2 && (s[0] == 'n' || s[0] == 'N') && s[1] == ':';
    int verb = n > 2 && (s[0] == 'v' || s[0] == 'V') && s[1] == ':';
    if (noun || verb) {
        s += 2;
        n -= 2;
    }
    char base[128];
    if (n + 1 > sizeof base) return -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] == '+' ? '_' : s[i];
        base[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    base[n] = '\0';
    t->n = 0;
    memcpy(t->f[t->n++], base, n + 1);
    if (noun) {
        size_t pn = dyad__plural(base, n, t->f[1], sizeof t->f[1] - 1);
        if (pn) {
            t->f[1][pn] = '\0';
            t->n = 2;
        }
    } else if (verb) {
        char out[3][96];
        size_t len[3];
        dyad__verb_forms(base, n, out, len);
        for (int k = 0; k < 3 && t->n < ISSUE_MAX_FORMS; k++) {
            if (!len[k]) continue;
            memcpy(t->f[t->n], out[k], len[k]);
            t->f[t->n][len[k]] = '\0';
            t->n++;
        }
    }
    return 0;
}

static void issue_insert_all(dyad__builder *b, unsigned long line, itok *t,
                             size_t nt, size_t k, char *buf, size_t bl,
                             uint32_t value)
{
    if (k == nt) {
        dyad__actor_insert(b, b->im.roots[DYAD__ROOT_ISSUES], buf, bl, line,
                           DYAD__PETRARCH, value, "issue phrase");
        return;
    }
    for (size_t f = 0; f < t[k].n; f++) {
        size_t fl = strlen(t[k].f[f]);
        if (bl + fl + 2 > DYAD_MAX_DICT_LINE) return;
        size_t nbl = bl;
        if (k) buf[nbl++] = '_';
        memcpy(buf + nbl, t[k].f[f], fl);
        issue_insert_all(b, line, t, nt, k + 1, buf, nbl + fl, value);
    }
}

static void read_issue_line(dyad__builder *b, const dyad__dline *l,
                            uint32_t category)
{
    int ignore = l->s[0] == '~';
    const char *s = l->s + ignore;
    size_t n = l->n - (size_t)ignore;
    const char *br = memchr(s, '[', n);
    uint32_t code = category;
    if (br) {
        const char *rb = memchr(br, ']', (size_t)(s + n - br));
        if (!rb) {
            dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "unbalanced '[' in issue");
            return;
        }
        const char *c = br + 1;
        size_t cn = (size_t)(rb - br - 1);
        dyad__trim(&c, &cn);
        if (cn) code = dyad__b_str(b, c, cn);
        n = (size_t)(br - s);
    } else if (!ignore) {
        dyad__b_diag(b, DYAD_SEV_WARNING, l->line,
                     "issue phrase without [CODE]; the category is used");
    }
    dyad__trim(&s, &n);
    itok *t = malloc(sizeof(itok) * ISSUE_MAX_TOKENS);
    char *buf = malloc(DYAD_MAX_DICT_LINE + 1);
    if (!t || !buf) {
        free(t);
        free(buf);
        b->oom = 1;
        return;
    }
    size_t nt = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && dyad__is_space(s[i])) i++;
        size_t j = i;
        while (j < n && !dyad__is_space(s[j])) j++;
        if (j > i) {
            if (nt == ISSUE_MAX_TOKENS || issue_forms(s + i, j - i, &t[nt])) {
                dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "issue phrase too long");
                nt = 0;
                break;
            }
            nt++;
        }
        i = j;
    }
    if (nt) {
        dyad__issue is = {code, dyad__b_str(b, s, n), b->cur_file,
                          (uint32_t)l->line, (uint32_t)ignore};
        uint32_t idx = DYAD__B_PUSH(b, issues, is);
        if (idx != DYAD__NONE) issue_insert_all(b, l->line, t, nt, 0, buf, 0, idx);
    }
    free(t);
    free(buf);
}

void dyad__read_issues(dyad__builder *b, const char *text, size_t len)
{
    dyad__dlines *it = dyad__dlines_open(b, text, len, DYAD__PETRARCH);
    if (!it) return;
    dyad__dline l;
    uint32_t category = DYAD__NONE;
    while (!b->oom && dyad__dlines_next(b, it, &l)) {
        if (l.n >= 6 && memcmp(l.s, "<ISSUE", 6) == 0) {
            const char *q = memchr(l.s, '"', l.n);
            const char *q2 = q ? memchr(q + 1, '"', (size_t)(l.s + l.n - q - 1))
                               : NULL;
            category = q2 ? dyad__b_str(b, q + 1, (size_t)(q2 - q - 1))
                          : dyad__b_str(b, "ISSUE", 5);
            continue;
        }
        if (l.n >= 7 && memcmp(l.s, "</ISSUE", 7) == 0) {
            category = DYAD__NONE;
            continue;
        }
        if (category == DYAD__NONE) {
            dyad__b_diag(b, DYAD_SEV_ERROR, l.line,
                         "issue phrase outside an <ISSUE CATEGORY=...> block");
            continue;
        }
        read_issue_line(b, &l, category);
    }
    free(it);
}

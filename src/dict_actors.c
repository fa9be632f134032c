/*
 * dict_actors.c - reading .actors dictionaries (TABARI and PETRARCH-1).
 *
 * An entry is a head phrase, `+` synonym lines, and code restrictions: on
 * the head line ([CODE], TABARI's [CODE <date] [---] chains) and/or on
 * following lines that start with a space or tab. Restrictions keep their
 * order (the first that matches a date wins) and the undated default goes
 * last. Every phrase of the entry is inserted into the actor trie and shares
 * the entry's restriction run. TABARI <NOUN> and <ADJECTIVE> sections feed
 * the word-class trie used by the parser.
 */
#include "dict_actors.h"

#include <stdlib.h>

#include "dict_lines.h"

typedef struct pend_restr {
    int32_t from, to;
    uint32_t first_code;
    uint16_t n_codes;
    uint16_t is_default;
} pend_restr;

typedef struct gphrase {
    size_t off;                   /* into text */
    unsigned long line;
} gphrase;

typedef struct group {
    dyad__buf text;               /* phrases, each NUL-terminated */
    gphrase *ph;
    size_t n, cap;
    pend_restr *r;
    size_t nr, rcap;
    unsigned long line;
} group;

/* Parse the inside of one [...] into a pending restriction. */
int dyad__parse_restriction(dyad__builder *b, unsigned long line,
                            const char *s, size_t n, dyad__restr *out)
{
    dyad__trim(&s, &n);
    memset(out, 0, sizeof *out);
    out->first_code = (uint32_t)b->im.n_codes;
    size_t i = 0;
    char code[128];
    size_t cl = 0;
    if (n >= 3 && memcmp(s, "---", 3) == 0) {
        i = 3;
    } else if (n >= 5 && memcmp(s, "- - -", 5) == 0) {
        i = 5;
    } else {
        while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '<' &&
               s[i] != '>') {
            if (cl + 1 >= sizeof code) {
                dyad__b_diag(b, DYAD_SEV_ERROR, line, "actor code too long");
                return -1;
            }
            char c = s[i++];
            code[cl++] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
        }
        code[cl] = '\0';
        int digits = 0, bad = cl == 0;
        for (size_t k = 0; k < cl; k++) {
            char c = code[k];
            if (c >= '0' && c <= '9') digits++;
            else if (!((c >= 'A' && c <= 'Z') || c == '/' || c == '#' ||
                       c == '+'))
                bad = 1;
        }
        if (bad || digits == (int)cl) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line,
                         "bad actor code '%.*s' in [%.*s]; restriction skipped",
                         (int)cl, code, (int)(n > 60 ? 60 : n), s);
            return -1;
        }
    }
    /* the date part, spaces removed */
    char d[64];
    size_t dl = 0;
    for (; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t') continue;
        if (dl + 1 >= sizeof d) break;
        d[dl++] = s[i];
    }
    if (dl == 0) {
        out->is_default = 1;
    } else if (d[0] == '<' || d[0] == '>') {
        int v = dyad__dict_date(d + 1, dl - 1);
        if (!v) goto bad_date;
        if (d[0] == '<') out->to = v;
        else out->from = v;
    } else {
        const char *dash = memchr(d, '-', dl);
        if (!dash) goto bad_date;
        size_t a = (size_t)(dash - d);
        int v1 = dyad__dict_date(d, a), v2 = dyad__dict_date(dash + 1, dl - a - 1);
        if (!v1 || !v2) goto bad_date;
        if (v1 > v2) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line,
                         "date range %.*s ends before it starts; restriction "
                         "skipped", (int)dl, d);
            return -1;
        }
        out->from = v1;
        out->to = v2;
    }
    /* codes: A/B/C; "---" leaves none (the null code) */
    for (size_t k = 0; k < cl;) {
        size_t e = k;
        while (e < cl && code[e] != '/') e++;
        if (e == k) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line, "empty code in '%s'", code);
            return -1;
        }
        uint32_t str = dyad__b_str(b, code + k, e - k);
        DYAD__B_PUSH(b, codes, str);
        out->n_codes++;
        k = e + 1;
    }
    return 0;
bad_date:
    dyad__b_diag(b, DYAD_SEV_ERROR, line,
                 "bad date '%.*s' in [%.*s]: expected <D, >D or D1-D2 with "
                 "D as YYMMDD or YYYYMMDD; restriction skipped",
                 (int)dl, d, (int)(n > 60 ? 60 : n), s);
    return -1;
}

static void group_reset(group *g)
{
    g->text.len = 0;
    g->n = 0;
    g->nr = 0;
    g->line = 0;
}

static void group_add_phrase(dyad__builder *b, group *g, const char *s,
                             size_t n, unsigned long line)
{
    if (DYAD_GROW(g->ph, g->cap, g->n + 1)) {
        b->oom = 1;
        return;
    }
    g->ph[g->n].off = g->text.len;
    g->ph[g->n].line = line;
    if (dyad__buf_put(&g->text, s, n) || dyad__buf_putc(&g->text, '\0')) {
        b->oom = 1;
        return;
    }
    g->n++;
}

static void group_add_restr(dyad__builder *b, group *g, unsigned long line,
                            const char *s, size_t n)
{
    dyad__restr r;
    if (dyad__parse_restriction(b, line, s, n, &r)) return;
    if (DYAD_GROW(g->r, g->rcap, g->nr + 1)) {
        b->oom = 1;
        return;
    }
    pend_restr *p = &g->r[g->nr++];
    p->from = r.from;
    p->to = r.to;
    p->first_code = r.first_code;
    p->n_codes = r.n_codes;
    p->is_default = r.is_default;
}

/* Append the group's restrictions to the image: dated ones in order, then
 * the first default; later defaults are reported. */
static uint32_t emit_restrictions(dyad__builder *b, group *g, uint32_t *count)
{
    uint32_t first = (uint32_t)b->im.n_restrs;
    int have_default = 0;
    for (size_t k = 0; k < g->nr; k++) {
        if (g->r[k].is_default) continue;
        dyad__restr r = {g->r[k].from, g->r[k].to, g->r[k].first_code,
                         g->r[k].n_codes, 0};
        DYAD__B_PUSH(b, restrs, r);
    }
    for (size_t k = 0; k < g->nr; k++) {
        if (!g->r[k].is_default) continue;
        if (have_default) {
            dyad__b_diag(b, DYAD_SEV_WARNING, g->line,
                         "entry has more than one undated code; the first is "
                         "the default, the others are ignored");
            break;
        }
        dyad__restr r = {0, 0, g->r[k].first_code, g->r[k].n_codes, 1};
        DYAD__B_PUSH(b, restrs, r);
        have_default = 1;
    }
    *count = (uint32_t)b->im.n_restrs - first;
    return first;
}

void dyad__actor_insert(dyad__builder *b, uint32_t root, const char *text,
                        size_t n, unsigned long line, dyad__dialect dia,
                        uint32_t value, const char *what)
{
    dyad__phrase *p = malloc(sizeof *p);
    if (!p) {
        b->oom = 1;
        return;
    }
    if (dyad__phrase_parse(b, line, text, n, dia, p) == 0) {
        uint32_t node = dyad__b_insert(b, root, p, 0);
        if (node && !b->oom) {
            if (b->im.nodes[node].value != DYAD__NONE)
                dyad__b_diag(b, DYAD_SEV_WARNING, line,
                             "%s '%.*s' is listed again; this later entry "
                             "replaces the earlier one", what,
                             (int)(n > 80 ? 80 : n), text);
            b->im.nodes[node].value = value;
        }
        /* TABARI regular ending: an exact final word also matches +S. */
        size_t last = p->n - 1;
        if (dia == DYAD__TABARI && !p->stem[last] && p->wl[last] < 200) {
            char pl[256];
            size_t pn = dyad__plural(p->w[last], p->wl[last], pl, sizeof pl);
            if (pn && p->used + pn <= sizeof p->buf) {
                memcpy(p->buf + p->used, pl, pn);
                p->w[last] = p->buf + p->used;
                p->wl[last] = (uint16_t)pn;
                uint32_t pnode = dyad__b_insert(b, root, p, 0);
                if (pnode && !b->oom &&
                    b->im.nodes[pnode].value == DYAD__NONE)
                    b->im.nodes[pnode].value = value;
            }
        }
    }
    free(p);
}

static void group_flush(dyad__builder *b, group *g, dyad__dialect dia)
{
    if (g->n == 0) {
        if (g->nr)
            dyad__b_diag(b, DYAD_SEV_ERROR, g->line,
                         "code restriction without an actor phrase before it");
        group_reset(g);
        return;
    }
    uint32_t nr;
    uint32_t first = emit_restrictions(b, g, &nr);
    if (nr == 0)
        dyad__b_diag(b, DYAD_SEV_WARNING, g->line,
                     "actor '%s' has no code; it is recognised but null-coded",
                     g->text.p + g->ph[0].off);
    uint32_t head = dyad__b_str(b, g->text.p + g->ph[0].off,
                                strlen(g->text.p + g->ph[0].off));
    for (size_t k = 0; k < g->n && !b->oom; k++) {
        const char *t = g->text.p + g->ph[k].off;
        size_t tl = strlen(t);
        dyad__actor a = {dyad__b_str(b, t, tl), head, b->cur_file,
                         (uint32_t)g->ph[k].line, first, nr};
        uint32_t idx = DYAD__B_PUSH(b, actors, a);
        if (idx == DYAD__NONE) break;
        dyad__actor_insert(b, b->im.roots[DYAD__ROOT_ACTORS], t, tl,
                           g->ph[k].line, dia, idx, "actor phrase");
    }
    group_reset(g);
}

/* A head or synonym line: the phrase, then optional [...] groups. */
static void read_phrase_line(dyad__builder *b, group *g, const dyad__dline *l,
                             size_t skip)
{
    const char *s = l->s + skip;
    size_t n = l->n - skip;
    const char *br = memchr(s, '[', n);
    size_t pn = br ? (size_t)(br - s) : n;
    const char *ph = s;
    dyad__trim(&ph, &pn);
    if (pn == 0) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "line has codes but no phrase");
        return;
    }
    group_add_phrase(b, g, ph, pn, l->line);
    while (br) {
        const char *in, *after;
        size_t inn;
        int r = dyad__bracket(br, (size_t)(s + n - br), &in, &inn, &after);
        if (r < 0) {
            dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "unbalanced [ in line");
            return;
        }
        if (r == 0) break;
        group_add_restr(b, g, l->line, in, inn);
        br = memchr(after, '[', (size_t)(s + n - after));
    }
}

static void read_class_line(dyad__builder *b, const dyad__dline *l,
                            uint32_t cls, dyad__dialect dia)
{
    const char *s = l->s;
    size_t n = l->n;
    const char *br = memchr(s, '[', n);
    if (br) n = (size_t)(br - s);
    dyad__trim(&s, &n);
    if (!n) return;
    dyad__wclass wc = {cls};
    uint32_t idx = DYAD__B_PUSH(b, wclasses, wc);
    if (idx != DYAD__NONE)
        dyad__actor_insert(b, b->im.roots[DYAD__ROOT_CLASSES], s, n, l->line,
                           dia, idx, "noun/adjective");
}

static int starts(const dyad__dline *l, const char *tag)
{
    size_t n = strlen(tag);
    return l->n >= n && memcmp(l->s, tag, n) == 0;
}

void dyad__read_actors(dyad__builder *b, const char *text, size_t len)
{
    dyad__dialect dia = dyad__detect_dialect(text, len);
    dyad__dlines *it = dyad__dlines_open(b, text, len, dia);
    if (!it) return;
    group g;
    memset(&g, 0, sizeof g);
    dyad__buf_init(&g.text, 0);
    dyad__dline l;
    uint32_t section = 0;
    while (!b->oom && dyad__dlines_next(b, it, &l)) {
        if (starts(&l, "<NOUN>")) { group_flush(b, &g, dia); section = DYAD__CLS_NOUN; continue; }
        if (starts(&l, "<ADJECTIVE>")) { group_flush(b, &g, dia); section = DYAD__CLS_ADJ; continue; }
        if (starts(&l, "</NOUN>") || starts(&l, "</ADJECTIVE>")) { section = 0; continue; }
        if (l.s[0] == '<') {
            dyad__b_diag(b, DYAD_SEV_WARNING, l.line,
                         "section tag '%.*s' is not used in actor files; "
                         "ignored", (int)(l.n > 40 ? 40 : l.n), l.s);
            continue;
        }
        if (section) {
            read_class_line(b, &l, section, dia);
            continue;
        }
        if (l.s[0] == '[') {
            if (!g.n) g.line = l.line;
            const char *p = l.s;
            size_t rest = l.n;
            while (rest) {
                const char *in, *after;
                size_t inn;
                int r = dyad__bracket(p, rest, &in, &inn, &after);
                if (r <= 0) {
                    if (r < 0)
                        dyad__b_diag(b, DYAD_SEV_ERROR, l.line,
                                     "unbalanced [ in line");
                    break;
                }
                group_add_restr(b, &g, l.line, in, inn);
                rest -= (size_t)(after - p);
                p = after;
            }
            continue;
        }
        if (l.s[0] == '+') {
            if (!g.n) {
                dyad__b_diag(b, DYAD_SEV_ERROR, l.line,
                             "synonym line without a head phrase before it");
                continue;
            }
            read_phrase_line(b, &g, &l, 1);
            continue;
        }
        group_flush(b, &g, dia);
        g.line = l.line;
        read_phrase_line(b, &g, &l, 0);
    }
    group_flush(b, &g, dia);
    dyad__buf_free(&g.text);
    free(g.ph);
    free(g.r);
    free(it);
}

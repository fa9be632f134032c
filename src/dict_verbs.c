/*
 * dict_verbs.c - reading .verbs dictionaries: PETRARCH-1 `--- NAME [code] ---`
 * blocks and TABARI verb roots, verb forms (given in {...} or generated),
 * synsets (&NAME with +members, nested synsets allowed) and patterns.
 *
 * A pattern "- WORDS * WORDS [code]" compiles to an element array: literal
 * words (exact, or stems in TABARI files), synsets, { a | b } alternative
 * groups, and the actor tokens $ + % ^. Synsets may be used before they are
 * defined; their tries are built in dyad__verbs_finish() once every file is
 * read, which also reports synsets that were never defined.
 */
#include "dict_verbs.h"

#include <stdlib.h>

#include "dict_actors.h"
#include "dict_forms.h"
#include "dict_lines.h"

/* ------------------------------------------------------- reader state */

typedef struct synmember {
    uint32_t synset, text, file, line;
    uint32_t dialect;
} synmember;

typedef struct synref {           /* first use of a synset, for messages */
    uint32_t file, line, defined;
    uint32_t noplural;            /* defined as &NAME_ */
    uint32_t dialect;
} synref;

typedef struct patpair { uint32_t block, pat; } patpair;

struct dyad__vstate {
    synmember *mem;
    size_t n_mem, cap_mem;
    synref *ref;                  /* parallel to im.synsets */
    size_t cap_ref;
    uint32_t *syn_by_word;        /* word id -> synset index + 1 */
    size_t cap_sbw;
    patpair *pp;
    size_t n_pp, cap_pp;
};

static struct dyad__vstate *vstate(dyad__builder *b)
{
    if (!b->vs) {
        b->vs = calloc(1, sizeof *b->vs);
        if (!b->vs) b->oom = 1;
    }
    return b->vs;
}

/* Synset index for a name ("&TIETYPES" without the &), created on first
 * mention. */
static uint32_t synset_id(dyad__builder *b, const char *name, size_t n,
                          unsigned long line)
{
    struct dyad__vstate *vs = vstate(b);
    if (!vs) return DYAD__NONE;
    char key[300];
    if (n + 2 > sizeof key) return DYAD__NONE;
    key[0] = '&';
    size_t kl = 1 + (size_t)dyad__upper_copy(name, n, key + 1, sizeof key - 1);
    while (kl > 1 && key[kl - 1] == '_') kl--;   /* &NAME_ = &NAME */
    uint32_t w = dyad__b_word(b, key, kl);
    if (!w) return DYAD__NONE;
    if (w >= vs->cap_sbw) {
        size_t old = vs->cap_sbw;
        if (DYAD_GROW(vs->syn_by_word, vs->cap_sbw, (size_t)w + 1)) {
            b->oom = 1;
            return DYAD__NONE;
        }
        memset(vs->syn_by_word + old, 0,
               (vs->cap_sbw - old) * sizeof *vs->syn_by_word);
    }
    if (vs->syn_by_word[w]) return vs->syn_by_word[w] - 1;
    dyad__synset s = {dyad__b_str(b, key, kl), 0, (uint32_t)kl, 0, {0, 0, 0, 0}};
    uint32_t idx = DYAD__B_PUSH(b, synsets, s);
    if (idx == DYAD__NONE) return idx;
    if (DYAD_GROW(vs->ref, vs->cap_ref, (size_t)idx + 1)) {
        b->oom = 1;
        return DYAD__NONE;
    }
    vs->ref[idx].file = b->cur_file;
    vs->ref[idx].line = (uint32_t)line;
    vs->ref[idx].defined = 0;
    vs->ref[idx].noplural = 0;
    vs->ref[idx].dialect = DYAD__PETRARCH;
    vs->syn_by_word[w] = idx + 1;
    return idx;
}

/* ------------------------------------------------------ pattern lexer */

enum { T_WORD = 1, T_SYN, T_STAR, T_SRC, T_TGT, T_CMP, T_SKIP, T_LB, T_BAR,
       T_RB };

typedef struct ptok {
    int kind;
    int adj;                      /* joined by `_` to the previous token */
    int stem;                     /* TABARI open word */
    char w[256];
    size_t wl;
} ptok;

typedef struct plex {
    const char *s;
    size_t n, i;
    dyad__dialect dia;
    ptok t[DYAD_MAX_PHRASE_WORDS * 2];
    size_t nt;
} plex;

static int is_special(char c)
{
    return c == '*' || c == '$' || c == '+' || c == '%' || c == '^' ||
           c == '{' || c == '|' || c == '}' || c == '&';
}

static int lex_push(dyad__builder *b, unsigned long line, plex *x, int kind,
                    int adj)
{
    if (x->nt == DYAD_ARRAY_LEN(x->t)) {
        dyad__b_diag(b, DYAD_SEV_ERROR, line, "pattern has too many elements");
        return -1;
    }
    ptok *t = &x->t[x->nt++];
    t->kind = kind;
    t->adj = adj;
    t->stem = 0;
    t->wl = 0;
    return 0;
}

/* Split pattern text into tokens; words are normalized, 's / n't split. */
static int lex_pattern(dyad__builder *b, unsigned long line, plex *x)
{
    int adj = 0;
    x->nt = 0;
    while (x->i < x->n) {
        char c = x->s[x->i];
        if (c == ' ' || c == '\t') { adj = 0; x->i++; continue; }
        if (c == '_' || c == '-') {
            /* a connector: the previous word is exact; adjacency only when
             * another token follows directly */
            if (x->nt && x->t[x->nt - 1].kind == T_WORD &&
                !(x->i > 0 && x->s[x->i - 1] == '~'))
                x->t[x->nt - 1].stem = 0;
            adj = x->i + 1 < x->n && x->s[x->i + 1] != ' ' &&
                  x->s[x->i + 1] != '\t';
            x->i++;
            continue;
        }
        if (c == '&') {
            size_t j = x->i + 1;
            while (j < x->n && !is_special(x->s[j]) && x->s[j] != ' ' &&
                   x->s[j] != '\t' && x->s[j] != '_')
                j++;
            if (j == x->i + 1 || j - x->i > 250) {
                dyad__b_diag(b, DYAD_SEV_ERROR, line, "bad synset name");
                return -1;
            }
            if (lex_push(b, line, x, T_SYN, adj)) return -1;
            ptok *t = &x->t[x->nt - 1];
            t->wl = j - x->i - 1;
            memcpy(t->w, x->s + x->i + 1, t->wl);
            x->i = j;
            adj = 0;
            continue;
        }
        if (is_special(c)) {
            int k = c == '*' ? T_STAR : c == '$' ? T_SRC : c == '+' ? T_TGT
                  : c == '%' ? T_CMP : c == '^' ? T_SKIP : c == '{' ? T_LB
                  : c == '|' ? T_BAR : T_RB;
            if (lex_push(b, line, x, k, adj)) return -1;
            x->i++;
            adj = 0;
            continue;
        }
        size_t j = x->i;
        while (j < x->n && !is_special(x->s[j]) && x->s[j] != ' ' &&
               x->s[j] != '\t' && x->s[j] != '_' && x->s[j] != '-')
            j++;
        size_t wl = j - x->i;
        int tilde = wl > 1 && x->s[j - 1] == '~';
        if (tilde) wl--;
        char norm[512];
        size_t lens[2];
        size_t parts = wl > 250 ? 0 : dyad__word_norm_split(x->s + x->i, wl,
                                                            norm, sizeof norm,
                                                            lens);
        if (!parts || lens[0] == 0 || lens[0] > 255) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line, "bad word '%.*s' in pattern",
                         (int)(wl > 60 ? 60 : wl), x->s + x->i);
            return -1;
        }
        size_t o = 0;
        for (size_t p = 0; p < parts; p++) {
            if (lex_push(b, line, x, T_WORD, p ? 1 : adj)) return -1;
            ptok *t = &x->t[x->nt - 1];
            memcpy(t->w, norm + o, lens[p]);
            t->wl = lens[p];
            o += lens[p];
            t->stem = x->dia == DYAD__TABARI && parts == 1;
            if (tilde) t->stem = 1;
        }
        x->i = j;
        adj = 0;
    }
    return 0;
}

/* ---------------------------------------------------- pattern compiler */

static uint32_t word_term(dyad__builder *b, const ptok *t)
{
    uint32_t w = dyad__b_word(b, t->w, t->wl);
    if (t->stem && w) {
        dyad__word *wd = &b->im.words[w - 1];
        if (!wd->stem_used) {
            wd->stem_used = 1;
            b->im.n_stems++;
            if (t->wl < 64) b->im.stem_lengths |= 1ull << t->wl;
        }
        return w | DYAD__TERM_STEM;
    }
    return w;
}

/* Compile tokens [from, to) of one alternative; returns its length score or
 * -1. Only words and synsets may appear inside alternatives. */
static long compile_alt(dyad__builder *b, unsigned long line, plex *x,
                        size_t from, size_t to, uint32_t *first, uint32_t *n)
{
    long len = 0;
    *first = (uint32_t)b->im.n_pels;
    *n = 0;
    for (size_t k = from; k < to; k++) {
        ptok *t = &x->t[k];
        dyad__pel e = {0, (uint8_t)(k > from && t->adj), 0, 0};
        if (t->kind == T_WORD) {
            e.kind = DYAD__PE_WORD;
            e.arg = word_term(b, t);
            len += (long)t->wl;
        } else if (t->kind == T_SYN) {
            e.kind = DYAD__PE_SYNSET;
            e.arg = synset_id(b, t->w, t->wl, line);
            len += (long)t->wl + 1;
        } else {
            dyad__b_diag(b, DYAD_SEV_ERROR, line,
                         "only words and synsets may appear in { | }");
            return -1;
        }
        len += e.adjacent;
        DYAD__B_PUSH(b, pels, e);
        (*n)++;
    }
    if (*n == 0) {
        dyad__b_diag(b, DYAD_SEV_ERROR, line, "empty alternative in { | }");
        return -1;
    }
    return len;
}

/* An alternative group starting at token lb ('{'); sets *end to the index
 * of the matching '}'. Elements of the alternatives are appended after the
 * main pattern's elements, so they are compiled into a side list first. */
static long compile_group(dyad__builder *b, unsigned long line, plex *x,
                          size_t lb, size_t *end, uint32_t *group)
{
    size_t k = lb + 1, start = k;
    dyad__altgroup g = {(uint32_t)b->im.n_alts, 0, {0, 0, 0, 0}};
    long best = 0;
    for (; k <= x->nt; k++) {
        int kind = k < x->nt ? x->t[k].kind : 0;
        if (kind == T_LB) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line, "nested { } in pattern");
            return -1;
        }
        if (k == x->nt) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line,
                         "unbalanced braces: '{' without '}' in pattern");
            return -1;
        }
        if (kind == T_BAR || kind == T_RB) {
            dyad__alt a;
            long l = compile_alt(b, line, x, start, k, &a.first_el, &a.n_el);
            if (l < 0) return -1;
            if (l > best) best = l;
            DYAD__B_PUSH(b, alts, a);
            g.n_alts++;
            start = k + 1;
            if (kind == T_RB) break;
        }
    }
    *end = k;
    *group = DYAD__B_PUSH(b, altgroups, g);
    return best;
}

static int parse_pattern(dyad__builder *b, unsigned long line, const char *s,
                         size_t n, dyad__dialect dia, dyad__pattern *pat)
{
    plex *x = malloc(sizeof *x);
    if (!x) {
        b->oom = 1;
        return -1;
    }
    x->s = s;
    x->n = n;
    x->i = 0;
    x->dia = dia;
    int rc = -1;
    if (lex_pattern(b, line, x)) goto out;
    size_t stars = 0, opens = 0, closes = 0;
    for (size_t k = 0; k < x->nt; k++) {
        stars += x->t[k].kind == T_STAR;
        opens += x->t[k].kind == T_LB;
        closes += x->t[k].kind == T_RB;
    }
    if (opens != closes) {
        dyad__b_diag(b, DYAD_SEV_ERROR, line,
                     "unbalanced braces in pattern (%zu '{', %zu '}')", opens,
                     closes);
        goto out;
    }
    if (stars != 1) {
        dyad__b_diag(b, DYAD_SEV_ERROR, line,
                     stars ? "pattern has more than one '*'"
                           : "pattern has no '*' marking the verb");
        goto out;
    }
    /* Alternatives first (their elements go to the side), then the main
     * element run so it is contiguous. */
    uint32_t groups[DYAD_MAX_PHRASE_WORDS * 2];
    long glen[DYAD_MAX_PHRASE_WORDS * 2];
    size_t gend[DYAD_MAX_PHRASE_WORDS * 2];
    for (size_t k = 0; k < x->nt; k++) {
        if (x->t[k].kind != T_LB) continue;
        glen[k] = compile_group(b, line, x, k, &gend[k], &groups[k]);
        if (glen[k] < 0) goto out;
    }
    memset(pat, 0, sizeof *pat);
    pat->first_el = (uint32_t)b->im.n_pels;
    pat->anchor = DYAD__NONE;
    pat->anchor_word = DYAD__NONE;
    size_t anchor_len = 0;
    long len = 0;
    int upper = 1;
    for (size_t k = 0; k < x->nt; k++) {
        ptok *t = &x->t[k];
        dyad__pel e = {0, (uint8_t)t->adj, 0, 0};
        switch (t->kind) {
        case T_STAR:
            upper = 0;
            pat->verb_adj_upper = (uint32_t)t->adj;
            continue;
        case T_WORD:
            e.kind = DYAD__PE_WORD;
            e.arg = word_term(b, t);
            len += (long)t->wl;
            if (!t->stem) {
                dyad__sig_set(pat->mask, e.arg);
                if (t->wl > anchor_len) {
                    anchor_len = t->wl;
                    pat->anchor = dyad__sig(e.arg);
                    pat->anchor_word = e.arg;
                }
            }
            break;
        case T_SYN:
            e.kind = DYAD__PE_SYNSET;
            e.arg = synset_id(b, t->w, t->wl, line);
            len += (long)t->wl + 1;
            break;
        case T_LB:
            e.kind = DYAD__PE_ALT;
            e.arg = groups[k];
            len += glen[k];
            k = gend[k];
            break;
        case T_SRC: e.kind = DYAD__PE_SOURCE; break;
        case T_TGT: e.kind = DYAD__PE_TARGET; break;
        case T_CMP: e.kind = DYAD__PE_COMPOUND; break;
        case T_SKIP: e.kind = DYAD__PE_SKIP; break;
        default:
            dyad__b_diag(b, DYAD_SEV_ERROR, line, "stray '|' or '}' in pattern");
            goto out;
        }
        if (e.adjacent) len++;
        DYAD__B_PUSH(b, pels, e);
        if (upper) pat->n_upper++;
        else pat->n_lower++;
    }
    if (b->oom) goto out;
    /* the first lower element joined to the verb ("*_OUT") */
    if (pat->n_lower && b->im.pels[pat->first_el + pat->n_upper].adjacent)
        pat->verb_adj_lower = 1;
    pat->length = (uint32_t)len;
    rc = 0;
out:
    free(x);
    return rc;
}

/* --------------------------------------------------------- code specs */

int dyad__parse_codespec(dyad__builder *b, unsigned long line, const char *s,
                         size_t n, dyad__codespec *out)
{
    char c[64];
    size_t cl = 0;
    out->code1 = out->code2 = DYAD__NONE;
    out->flags = 0;
    out->paired = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t') continue;
        if (cl + 1 >= sizeof c) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line, "event code too long");
            return -1;
        }
        c[cl++] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    }
    c[cl] = '\0';
    if (strcmp(c, "---") == 0) { out->flags = DYAD__EC_NULL; return 0; }
    if (strcmp(c, "###") == 0) { out->flags = DYAD__EC_DISCARD; return 0; }
    if (strcmp(c, "+++") == 0) { out->flags = DYAD__EC_COMPLEX; return 0; }
    if (cl && c[cl - 1] == '?') { out->flags |= DYAD__EC_SUBORD; c[--cl] = 0; }
    else if (cl && c[cl - 1] == '!') { out->flags |= DYAD__EC_DOMINANT; c[--cl] = 0; }
    char *colon = strchr(c, ':');
    size_t l1 = colon ? (size_t)(colon - c) : cl;
    for (size_t i = 0; i < cl; i++) {
        char ch = c[i];
        int ok = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
                 (ch == ':' && &c[i] == colon);
        if (!ok || cl == 0) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line, "bad event code '[%s]'", c);
            return -1;
        }
    }
    if (cl == 0 || (colon && l1 == 0 && cl == 1)) {
        dyad__b_diag(b, DYAD_SEV_ERROR, line, "empty event code");
        return -1;
    }
    if (l1) out->code1 = dyad__b_str(b, c, l1);
    if (colon) {
        out->paired = 1;
        size_t l2 = cl - l1 - 1;
        if (l2) out->code2 = dyad__b_str(b, colon + 1, l2);
    }
    return 0;
}

/* Split "TEXT {forms} [code]" into its parts. Returns -1 when malformed. */
static int split_entry(dyad__builder *b, unsigned long line, const char *s,
                       size_t n, const char **ph, size_t *phn,
                       const char **forms, size_t *fn, const char **code,
                       size_t *cn)
{
    const char *lb = memchr(s, '{', n), *br = memchr(s, '[', n);
    *forms = NULL;
    *code = NULL;
    *fn = *cn = 0;
    const char *stop = s + n;
    if (lb && lb < stop) stop = lb;
    if (br && br < stop) stop = br;
    *ph = s;
    *phn = (size_t)(stop - s);
    dyad__trim(ph, phn);
    if (lb) {
        const char *rb = memchr(lb, '}', (size_t)(s + n - lb));
        if (!rb) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line,
                         "unbalanced braces: '{' without '}'");
            return -1;
        }
        *forms = lb + 1;
        *fn = (size_t)(rb - lb - 1);
    } else if (memchr(s, '}', n)) {
        dyad__b_diag(b, DYAD_SEV_ERROR, line, "unbalanced braces: '}' without '{'");
        return -1;
    }
    if (br) {
        const char *in, *after;
        int r = dyad__bracket(br, (size_t)(s + n - br), &in, cn, &after);
        if (r < 0) {
            dyad__b_diag(b, DYAD_SEV_ERROR, line, "unbalanced '[' in line");
            return -1;
        }
        *code = in;
    }
    return 0;
}

/* --------------------------------------------------------- verb forms */

/* Classify a listed form against the base word of its verb. */
static uint32_t form_kind(const char *w, size_t n, const char *base, size_t bn)
{
    if (n == bn && !memcmp(w, base, n)) return DYAD__VF_BASE;
    if (n > 3 && !memcmp(w + n - 3, "ING", 3)) return DYAD__VF_ING;
    if (n > bn && !memcmp(w, base, bn) && w[n - 1] == 'S' && n - bn <= 2)
        return DYAD__VF_S;
    if (n > 3 && base[bn - 1] == 'Y' && !memcmp(w + n - 3, "IES", 3))
        return DYAD__VF_S;
    return DYAD__VF_PAST;
}

static void put_form(dyad__builder *b, unsigned long line, dyad__phrase *p,
                     uint32_t verb, size_t vw, uint32_t kind, int replace,
                     const char *raw, size_t rl)
{
    dyad__vform f = {verb, (uint32_t)vw, (uint32_t)p->n, kind};
    if (p->stem[vw]) f.kind = DYAD__VF_STEM;
    uint32_t idx = DYAD__B_PUSH(b, vforms, f);
    uint32_t node = dyad__b_insert(b, b->im.roots[DYAD__ROOT_VERBS], p, 1);
    if (!node || idx == DYAD__NONE || b->oom) return;
    uint32_t old = b->im.nodes[node].value;
    if (old != DYAD__NONE && !replace) return;
    if (old != DYAD__NONE && b->im.vforms[old].verb != verb &&
        b->im.verbs[b->im.vforms[old].verb].block != b->im.verbs[verb].block)
        dyad__b_diag(b, DYAD_SEV_WARNING, line,
                     "verb form '%.*s' is already a form of '%s'; this later "
                     "entry replaces it", (int)rl, raw,
                     dyad__str(&b->im, b->im.verbs[b->im.vforms[old].verb].name));
    b->im.nodes[node].value = idx;
}

/* Insert one verb form phrase (may contain `+` before the inflected word;
 * without `+` the first word inflects). The base form (base == NULL) may
 * generate the regular inflections; a listed form is classified against
 * the base word. */
static void insert_form(dyad__builder *b, unsigned long line, const char *s,
                        size_t n, dyad__dialect dia, uint32_t verb,
                        int generate, const char *base, size_t bn)
{
    char raw[512];
    size_t rl = 0, plus_words = 0, words_before = 0;
    int seen_plus = 0, in_word = 0;
    for (size_t i = 0; i < n && rl + 1 < sizeof raw; i++) {
        char c = s[i];
        if (c == '+') {
            seen_plus = 1;
            plus_words = words_before;
            continue;
        }
        int sep = c == '_' || c == ' ' || c == '-' || c == '\t';
        if (!sep && !in_word) words_before++;
        in_word = !sep;
        raw[rl++] = c;
    }
    dyad__phrase *p = malloc(sizeof *p);
    if (!p) {
        b->oom = 1;
        return;
    }
    if (dyad__phrase_parse(b, line, raw, rl, dia, p) == 0) {
        size_t vw = seen_plus ? plus_words : 0;
        if (vw >= p->n) vw = 0;
        char word[256];
        size_t wl = p->wl[vw] < sizeof word ? p->wl[vw] : sizeof word - 1;
        memcpy(word, p->w[vw], wl);
        word[wl] = '\0';
        size_t fl = 0;
        const char *listed = !base && !p->stem[vw] ? dyad__forms_find(b, word, wl, &fl) : NULL;
        uint32_t kind = base ? form_kind(p->w[vw], p->wl[vw], base, bn)
                             : DYAD__VF_BASE;
        /* a past form given as a verb's base ("BACKED", "INJURED", as
         * PETRARCH's files do): English bases end in -EED, not -ED, unless
         * the forms table knows the word as a verb ("EMBED", "SHRED");
         * it is that past form, with no endings of its own */
        if (!base && !listed && !p->stem[vw] && wl > 4 &&
            !memcmp(word + wl - 2, "ED", 2) && word[wl - 3] != 'E') {
            kind = DYAD__VF_PAST;
            generate = 0;
        }
        put_form(b, line, p, verb, vw, kind, 1, raw, rl);
        if (dia != DYAD__PETRARCH) listed = NULL;   /* TABARI: its own endings */
        if (generate && !b->oom) {
            /* inflections of the verb word, same phrase otherwise: from
             * the forms table when it has the word, else by rule */
            for (size_t i = 0; listed && i < fl && !b->oom;) {
                size_t j = i;
                while (j < fl && listed[j] != ' ') j++;
                p->w[vw] = listed + i;
                p->wl[vw] = (uint16_t)(j - i);
                put_form(b, line, p, verb, vw,
                         form_kind(listed + i, j - i, word, wl), 0, raw, rl);
                i = j + 1;
            }
            if (listed) {
                free(p);
                return;
            }
            char out[5][96];
            size_t len[5];
            static const uint32_t kinds[5] = {DYAD__VF_S, DYAD__VF_PAST,
                                              DYAD__VF_ING, DYAD__VF_PAST,
                                              DYAD__VF_S};
            dyad__verb_forms(word, wl, out, len);
            int nf = 3;
            if (dia == DYAD__TABARI && wl + 2 < 96) {   /* TABARI endings */
                memcpy(out[3], word, wl); memcpy(out[3] + wl, "EN", 2);
                len[3] = wl + 2;
                memcpy(out[4], word, wl); memcpy(out[4] + wl, "ES", 2);
                len[4] = wl + 2;
                nf = 5;
            }
            for (int k = 0; k < nf && !b->oom; k++) {
                if (!len[k]) continue;
                p->w[vw] = out[k];
                p->wl[vw] = (uint16_t)len[k];
                put_form(b, line, p, verb, vw, kinds[k], 0, raw, rl);
            }
        }
    }
    free(p);
}

/* The inflected word of a verb line, upper-cased, for classifying its
 * listed forms. */
static size_t base_word(const char *s, size_t n, char *out, size_t cap)
{
    const char *plus = memchr(s, '+', n);
    const char *w = plus ? plus + 1 : s;
    size_t k = 0;
    while (w < s + n && *w != '_' && *w != ' ' && *w != '-' && k + 1 < cap) {
        char c = *w++;
        out[k++] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    out[k] = '\0';
    return k;
}

/* A verb line: phrase, optional {forms}, optional [code]. */
static uint32_t read_verb_line(dyad__builder *b, const dyad__dline *l,
                               dyad__dialect dia, uint32_t block)
{
    const char *ph, *forms, *code;
    size_t phn, fn, cn;
    if (split_entry(b, l->line, l->s, l->n, &ph, &phn, &forms, &fn, &code,
                    &cn))
        return DYAD__NONE;
    if (!phn) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "verb line has no verb");
        return DYAD__NONE;
    }
    dyad__verb v = {dyad__b_str(b, ph, phn), block,
                    {DYAD__NONE, DYAD__NONE, 0, 0}, b->cur_file,
                    (uint32_t)l->line};
    if (code && dyad__parse_codespec(b, l->line, code, cn, &v.code))
        v.code.code1 = v.code.code2 = DYAD__NONE;
    uint32_t vi = DYAD__B_PUSH(b, verbs, v);
    if (vi == DYAD__NONE) return vi;
    /* PETRARCH: listed forms replace generation; TABARI: a stem covers the
     * endings and listed irregular forms are added. */
    int gen = dia == DYAD__TABARI ? ph[phn - 1] == '_' : forms == NULL;
    insert_form(b, l->line, ph, phn, dia, vi, gen, NULL, 0);
    dyad__verbs_add_forms(b, l->line, forms, fn, dia, vi);
    return vi;
}

void dyad__verbs_add_forms(dyad__builder *b, unsigned long line,
                           const char *forms, size_t fn, dyad__dialect dia,
                           uint32_t verb)
{
    char base[256];
    const char *name = dyad__str(&b->im, b->im.verbs[verb].name);
    size_t bn = base_word(name, strlen(name), base, sizeof base);
    if (bn == 0) {              /* "+{FORMS}": the phrase was reported */
        if (forms && fn)
            dyad__b_diag(b, DYAD_SEV_ERROR, line,
                         "verb forms {...} without a verb word before them; "
                         "forms ignored");
        return;
    }
    for (size_t i = 0; forms && i < fn;) {
        while (i < fn && (forms[i] == ' ' || forms[i] == '\t')) i++;
        size_t j = i;
        while (j < fn && forms[j] != ' ' && forms[j] != '\t') j++;
        if (j > i) insert_form(b, line, forms + i, j - i, dia, verb, 0, base, bn);
        i = j;
    }
}

/* ------------------------------------------------------- the reader */

typedef struct vread {
    dyad__dialect dia;
    uint32_t block, verb, synset;
    int in_time;
} vread;

static uint32_t new_block(dyad__builder *b, const char *name, size_t n,
                          const dyad__codespec *code, unsigned long line)
{
    dyad__vblock bl = {dyad__b_str(b, name, n), *code, 0, 0, b->cur_file,
                       (uint32_t)line, DYAD__NONE, 0, 0, 0, {0, 0, 0, 0}};
    return DYAD__B_PUSH(b, blocks, bl);
}

static void read_block_header(dyad__builder *b, vread *r, const dyad__dline *l)
{
    const char *s = l->s + 3;
    size_t n = l->n - 3;
    while (n >= 3 && s[n - 1] == '-' && s[n - 2] == '-' && s[n - 3] == '-')
        n -= 3;
    dyad__trim(&s, &n);
    const char *br = memchr(s, '[', n);
    size_t nn = br ? (size_t)(br - s) : n;
    const char *name = s;
    dyad__trim(&name, &nn);
    dyad__codespec cs = {DYAD__NONE, DYAD__NONE, DYAD__EC_NULL, 0};
    if (br) {
        const char *in, *after;
        size_t inn;
        if (dyad__bracket(br, (size_t)(s + n - br), &in, &inn, &after) == 1) {
            if (dyad__parse_codespec(b, l->line, in, inn, &cs))
                cs.flags = DYAD__EC_NULL;
            if (memchr(after, '[', (size_t)(s + n - after)))
                dyad__b_diag(b, DYAD_SEV_WARNING, l->line,
                             "block header has more than one code; the first "
                             "is used");
        }
    } else {
        dyad__b_diag(b, DYAD_SEV_WARNING, l->line,
                     "block header without a code; its verbs are null-coded "
                     "unless they carry their own");
    }
    r->block = new_block(b, name, nn, &cs, l->line);
    r->verb = DYAD__NONE;
}

static void read_pattern_line(dyad__builder *b, vread *r, const dyad__dline *l)
{
    if (r->block == DYAD__NONE) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "pattern before any verb");
        return;
    }
    const char *s = l->s + 1;
    size_t n = l->n - 1;
    const char *br = NULL;
    for (size_t i = n; i-- > 0;)
        if (s[i] == '[') { br = s + i; break; }
    if (!br) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "pattern has no [code]");
        return;
    }
    const char *rb = memchr(br, ']', (size_t)(s + n - br));
    if (!rb) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "unbalanced '[' in pattern");
        return;
    }
    dyad__pattern pat;
    size_t pn = (size_t)(br - s);
    const char *ps = s;
    dyad__trim(&ps, &pn);
    if (parse_pattern(b, l->line, ps, pn, r->dia, &pat)) return;
    if (dyad__parse_codespec(b, l->line, br + 1, (size_t)(rb - br - 1),
                             &pat.code))
        return;
    pat.text = dyad__b_str(b, ps, pn);
    pat.file = b->cur_file;
    pat.line = (uint32_t)l->line;
    uint32_t pi = DYAD__B_PUSH(b, patterns, pat);
    if (pi == DYAD__NONE) return;
    dyad__verbs_attach_pattern(b, r->block, pi);
}

static void read_synset_member(dyad__builder *b, vread *r, const dyad__dline *l)
{
    struct dyad__vstate *vs = vstate(b);
    if (!vs) return;
    const char *s = l->s + 1;
    size_t n = l->n - 1;
    dyad__trim(&s, &n);
    if (!n) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "empty synset member");
        return;
    }
    if (DYAD_GROW(vs->mem, vs->cap_mem, vs->n_mem + 1)) {
        b->oom = 1;
        return;
    }
    synmember m = {r->synset, dyad__b_str(b, s, n), b->cur_file,
                   (uint32_t)l->line, (uint32_t)r->dia};
    vs->mem[vs->n_mem++] = m;
}

static void read_time_line(dyad__builder *b, const dyad__dline *l,
                           dyad__dialect dia)
{
    if (l->s[0] == '-') {
        dyad__b_diag(b, DYAD_SEV_WARNING, l->line,
                     "patterns inside <TIME> are not supported; line ignored");
        return;
    }
    const char *br = memchr(l->s, '[', l->n);
    const char *rb = br ? memchr(br, ']', (size_t)(l->s + l->n - br)) : NULL;
    if (!rb) {
        dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "time phrase without [shift]");
        return;
    }
    dyad__timeword tw = {0, 0, 0, b->cur_file, (uint32_t)l->line};
    char in[32];
    size_t k = 0;
    for (const char *p = br + 1; p < rb && k + 1 < sizeof in; p++)
        if (*p != ' ') in[k++] = *p;
    in[k] = 0;
    if (!strcmp(in, "---")) tw.flags = DYAD__EC_NULL;
    else if (!strcmp(in, "###")) tw.flags = DYAD__EC_DISCARD;
    else if (!strcmp(in, "+++")) tw.flags = DYAD__EC_COMPLEX;
    else {
        char *end;
        long v = strtol(in, &end, 10);
        if (*end || k == 0 || v < -3650 || v > 3650) {
            dyad__b_diag(b, DYAD_SEV_ERROR, l->line, "bad time shift '[%s]'", in);
            return;
        }
        tw.shift = (int32_t)v;
    }
    size_t pn = (size_t)(br - l->s);
    const char *ps = l->s;
    dyad__trim(&ps, &pn);
    tw.phrase = dyad__b_str(b, ps, pn);
    uint32_t idx = DYAD__B_PUSH(b, timewords, tw);
    if (idx != DYAD__NONE)
        dyad__actor_insert(b, b->im.roots[DYAD__ROOT_TIME], ps, pn, l->line,
                           dia, idx, "time phrase");
}

static int tag(const dyad__dline *l, const char *t)
{
    size_t n = strlen(t);
    return l->n >= n && memcmp(l->s, t, n) == 0;
}

static void read_line(dyad__builder *b, vread *r, const dyad__dline *l)
{
    char c = l->s[0];
    if (c != '+') r->synset = DYAD__NONE;
    if (tag(l, "<TIME>")) { r->in_time = 1; return; }
    if (tag(l, "</TIME>")) { r->in_time = 0; return; }
    if (tag(l, "<SYNSETS>") || tag(l, "</SYNSETS>")) return;
    if (c == '<') {
        dyad__b_diag(b, DYAD_SEV_WARNING, l->line,
                     "section '%.*s' is not supported in verb files; ignored",
                     (int)(l->n > 40 ? 40 : l->n), l->s);
        return;
    }
    if (r->in_time) { read_time_line(b, l, r->dia); return; }
    if (c == '&') {
        const char *s = l->s + 1;
        size_t n = l->n - 1;
        size_t e = 0;
        while (e < n && s[e] != ' ' && s[e] != '\t' && s[e] != '[') e++;
        r->synset = synset_id(b, s, e, l->line);
        if (r->synset != DYAD__NONE && b->vs) {
            if (b->vs->ref[r->synset].defined)
                dyad__b_diag(b, DYAD_SEV_WARNING, l->line,
                             "synset &%.*s is defined again; members are added",
                             (int)e, s);
            b->vs->ref[r->synset].defined = 1;
            b->vs->ref[r->synset].noplural = e > 0 && s[e - 1] == '_';
            b->vs->ref[r->synset].dialect = (uint32_t)r->dia;
        }
        return;
    }
    if (c == '+' && r->synset != DYAD__NONE) { read_synset_member(b, r, l); return; }
    if (l->n >= 3 && memcmp(l->s, "---", 3) == 0 && r->dia == DYAD__PETRARCH) {
        read_block_header(b, r, l);
        return;
    }
    if (c == '-' || (c == '_' && l->n > 1 && l->s[1] == ' ')) {
        read_pattern_line(b, r, l);
        return;
    }
    if (c == '{') {          /* TABARI: forms of the previous verb */
        const char *rb = memchr(l->s, '}', l->n);
        if (r->verb == DYAD__NONE || !rb) {
            dyad__b_diag(b, DYAD_SEV_ERROR, l->line,
                         rb ? "verb forms without a verb before them"
                            : "unbalanced braces: '{' without '}'");
            return;
        }
        dyad__verbs_add_forms(b, l->line, l->s + 1, (size_t)(rb - l->s - 1),
                              r->dia, r->verb);
        return;
    }
    if (r->dia == DYAD__TABARI || r->block == DYAD__NONE) {
        /* TABARI: every verb root is its own block */
        const char *ph, *forms, *code;
        size_t phn, fn, cn;
        if (split_entry(b, l->line, l->s, l->n, &ph, &phn, &forms, &fn, &code,
                        &cn))
            return;
        dyad__codespec cs = {DYAD__NONE, DYAD__NONE, DYAD__EC_NULL, 0};
        if (code && dyad__parse_codespec(b, l->line, code, cn, &cs))
            cs.flags = DYAD__EC_NULL;
        r->block = new_block(b, ph, phn, &cs, l->line);
    }
    r->verb = read_verb_line(b, l, r->dia, r->block);
}

void dyad__read_verbs(dyad__builder *b, const char *text, size_t len)
{
    vread r = {dyad__detect_dialect(text, len), DYAD__NONE, DYAD__NONE,
               DYAD__NONE, 0};
    dyad__dlines *it = dyad__dlines_open(b, text, len, r.dia);
    if (!it) return;
    dyad__dline l;
    while (!b->oom && dyad__dlines_next(b, it, &l)) read_line(b, &r, &l);
    free(it);
}

/* --------------------------------------------------------- finishing */

void dyad__verbs_attach_pattern(dyad__builder *b, uint32_t bi, uint32_t pi)
{
    struct dyad__vstate *vs = vstate(b);
    if (!vs) return;
    if (DYAD_GROW(vs->pp, vs->cap_pp, vs->n_pp + 1)) {
        b->oom = 1;
        return;
    }
    vs->pp[vs->n_pp].block = bi;
    vs->pp[vs->n_pp].pat = pi;
    vs->n_pp++;
}

/* Lay patterns out per block in pat_order[] (counting sort by block). */
static void order_patterns(dyad__builder *b, struct dyad__vstate *vs)
{
    dyad__image *im = &b->im;
    for (size_t k = 0; k < im->n_blocks; k++) im->blocks[k].n_pats = 0;
    for (size_t k = 0; k < vs->n_pp; k++) im->blocks[vs->pp[k].block].n_pats++;
    uint32_t acc = 0;
    for (size_t k = 0; k < im->n_blocks; k++) {
        im->blocks[k].first_pat = acc;
        acc += im->blocks[k].n_pats;
        im->blocks[k].n_pats = 0;
    }
    if (dyad__grow((void **)&im->pat_order, &b->cap[dyad__slot_pat_order], acc,
                   sizeof(uint32_t))) {
        b->oom = 1;
        return;
    }
    im->n_pat_order = acc;
    for (size_t k = 0; k < vs->n_pp; k++) {
        dyad__vblock *bl = &im->blocks[vs->pp[k].block];
        im->pat_order[bl->first_pat + bl->n_pats++] = vs->pp[k].pat;
    }
}

#define SYN_MAX_DEPTH 4

static void syn_insert(dyad__builder *b, struct dyad__vstate *vs,
                       uint32_t node, const ptok *t, size_t nt, size_t k,
                       uint32_t value, int depth, int plural);

/* Record a member's first word in the signature of the synset rooted at
 * node; a stem can match many words, so it sets every bit. */
static void mark_first(dyad__builder *b, uint32_t node, uint32_t term)
{
    for (size_t s = 0; s < b->im.n_synsets; s++) {
        dyad__synset *sy = &b->im.synsets[s];
        if (sy->root != node) continue;
        if (term & DYAD__TERM_STEM)
            memset(sy->first, 0xff, sizeof sy->first);
        else
            dyad__sig_set(sy->first, term & DYAD__TERM_MASK);
    }
}

/* Is node the root of a synset trie (so a word put under it starts a
 * member)? */
static int depth_first(const dyad__builder *b, uint32_t node)
{
    for (size_t s = 0; s < b->im.n_synsets; s++)
        if (b->im.synsets[s].root == node) return 1;
    return 0;
}

/* Lex a member text into a freshly allocated plex (NULL on error). */
static plex *lex_member(dyad__builder *b, const synmember *m)
{
    plex *x = malloc(sizeof *x);
    if (!x) {
        b->oom = 1;
        return NULL;
    }
    const char *s = b->im.strings + m->text;
    x->s = s;
    x->n = strlen(s);
    x->i = 0;
    x->dia = (dyad__dialect)m->dialect;
    const char *save = b->cur_name;
    uint32_t save_file = b->cur_file;
    b->cur_file = m->file;
    b->cur_name = b->im.strings + m->file;
    int rc = lex_pattern(b, m->line, x);
    b->cur_name = save;
    b->cur_file = save_file;
    for (size_t k = 0; rc == 0 && k < x->nt; k++) {
        if (x->t[k].kind != T_WORD && x->t[k].kind != T_SYN) {
            dyad__b_diag(b, DYAD_SEV_ERROR, m->line,
                         "synset member may hold only words and synsets");
            rc = -1;
        }
    }
    if (rc) {
        free(x);
        return NULL;
    }
    return x;
}

static void syn_expand(dyad__builder *b, struct dyad__vstate *vs,
                       uint32_t node, const ptok *t, size_t nt, size_t k,
                       uint32_t value, int depth, int plural)
{
    uint32_t inner = synset_id(b, t[k].w, t[k].wl, 0);
    if (inner == DYAD__NONE || depth >= SYN_MAX_DEPTH) {
        if (depth >= SYN_MAX_DEPTH)
            dyad__b_diag(b, DYAD_SEV_ERROR, 0,
                         "synset &%.*s nests too deeply (a cycle?)",
                         (int)t[k].wl, t[k].w);
        return;
    }
    for (size_t mi = 0; mi < vs->n_mem && !b->oom; mi++) {
        if (vs->mem[mi].synset != inner) continue;
        plex *x = lex_member(b, &vs->mem[mi]);
        if (!x) continue;
        /* member tokens, then the rest of the outer sequence */
        size_t rest = nt - k - 1;
        if (x->nt + rest <= DYAD_ARRAY_LEN(x->t)) {
            if (x->nt) x->t[0].adj = t[k].adj;
            memcpy(&x->t[x->nt], &t[k + 1], rest * sizeof *t);
            syn_insert(b, vs, node, x->t, x->nt + rest, 0, value, depth + 1,
                       plural && rest == 0);
        }
        free(x);
    }
}

static void syn_insert(dyad__builder *b, struct dyad__vstate *vs,
                       uint32_t node, const ptok *t, size_t nt, size_t k,
                       uint32_t value, int depth, int plural)
{
    if (b->oom) return;
    if (k == nt) {
        b->im.nodes[node].value = value;
        return;
    }
    if (t[k].kind == T_SYN) {
        syn_expand(b, vs, node, t, nt, k, value, depth, plural);
        return;
    }
    uint32_t term = word_term(b, &t[k]);
    if (k > 0 && !t[k].adj) term |= DYAD__TERM_GAP;
    if (depth_first(b, node)) {
        dyad__b_mark_start(b, node, term & DYAD__TERM_MASK);
        mark_first(b, node, term);
    }
    uint32_t child = dyad__b_child(b, node, term);
    if (!child) return;
    syn_insert(b, vs, child, t, nt, k + 1, value, depth, plural);
    if (k + 1 == nt && plural && !t[k].stem) {
        char pl[300];
        size_t pn = dyad__plural(t[k].w, t[k].wl, pl, sizeof pl);
        if (pn && pn < 256) {
            ptok tmp = t[k];
            memcpy(tmp.w, pl, pn);
            tmp.wl = pn;
            uint32_t pterm = word_term(b, &tmp);
            if (k > 0 && !t[k].adj) pterm |= DYAD__TERM_GAP;
            if (depth_first(b, node)) {
                dyad__b_mark_start(b, node, pterm & DYAD__TERM_MASK);
                mark_first(b, node, pterm);
            }
            uint32_t pc = dyad__b_child(b, node, pterm);
            if (pc && b->im.nodes[pc].value == DYAD__NONE)
                b->im.nodes[pc].value = value;
        }
    }
}

static void build_synsets(dyad__builder *b, struct dyad__vstate *vs)
{
    dyad__image *im = &b->im;
    size_t n = im->n_synsets;
    for (size_t s = 0; s < n && !b->oom; s++) {
        uint32_t root = dyad__b_node(b);
        if (root == DYAD__NONE) return;
        im->synsets[s].root = root;
        if (!vs->ref[s].defined) {
            const char *save = b->cur_name;
            uint32_t save_file = b->cur_file;
            b->cur_file = vs->ref[s].file;
            b->cur_name = im->strings + vs->ref[s].file;
            dyad__b_diag(b, DYAD_SEV_ERROR, vs->ref[s].line,
                         "synset %s is used but never defined; patterns "
                         "using it cannot match", im->strings + im->synsets[s].name);
            b->cur_name = save;
            b->cur_file = save_file;
        }
    }
    for (size_t mi = 0; mi < vs->n_mem && !b->oom; mi++) {
        const synmember *m = &vs->mem[mi];
        plex *x = lex_member(b, m);
        if (!x) continue;
        int plural = m->dialect == DYAD__PETRARCH && !vs->ref[m->synset].noplural;
        syn_insert(b, vs, im->synsets[m->synset].root, x->t, x->nt, 0,
                   m->synset, 0, plural);
        free(x);
    }
}

void dyad__verbs_finish(dyad__builder *b)
{
    struct dyad__vstate *vs = b->vs;
    if (!vs) return;
    order_patterns(b, vs);
    build_synsets(b, vs);
    free(vs->mem);
    free(vs->ref);
    free(vs->syn_by_word);
    free(vs->pp);
    free(vs);
    b->vs = NULL;
}

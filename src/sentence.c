/*
 * sentence.c - the sentence splitter and dateline finder (see sentence.h).
 */
#include "sentence.h"

#include "metadata.h"
#include "token.h"
#include "utf8.h"

typedef struct splitter {
    dyad__arena *a;
    const char *s;
    dyad__sent *out;
    size_t n, cap;
    uint32_t para;
} splitter;

static int emit(splitter *sp, size_t from, size_t to)
{
    while (from < to && (sp->s[from] == ' ' || sp->s[from] == '\t' ||
                         sp->s[from] == '\n' || sp->s[from] == '\r'))
        from++;
    while (to > from && (sp->s[to - 1] == ' ' || sp->s[to - 1] == '\t' ||
                         sp->s[to - 1] == '\n' || sp->s[to - 1] == '\r'))
        to--;
    if (to <= from) return 0;
    if (sp->n == sp->cap) {
        size_t ncap = sp->cap ? sp->cap * 2 : 32;
        dyad__sent *ns = dyad__arena_alloc(sp->a, ncap * sizeof *ns);
        if (!ns) return -1;
        if (sp->n) memcpy(ns, sp->out, sp->n * sizeof *ns);
        sp->out = ns;
        sp->cap = ncap;
    }
    sp->out[sp->n].from = (uint32_t)from;
    sp->out[sp->n].to = (uint32_t)to;
    sp->out[sp->n].para = sp->para;
    sp->n++;
    return 0;
}

/* ------------------------------------------------------------ datelines */

static int is_upper_c(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower_c(char c) { return c >= 'a' && c <= 'z'; }

int dyad__find_dateline(const char *s, size_t from, size_t to,
                        dyad__dateline *dl)
{
    size_t i = from, end = to < from + 120 ? to : from + 120;
    /* place: up to four words, all caps, or Title Case if an agency
     * follows */
    size_t place_end = i;
    int words = 0, all_caps = 1;
    while (i < end && words < 5) {
        if (!is_upper_c(s[i])) break;
        size_t j = i;
        while (j < end && (is_upper_c(s[j]) || is_lower_c(s[j]) ||
                           s[j] == '.' || s[j] == '-' || s[j] == '\''))
            j++;
        for (size_t k = i; k < j; k++)
            if (is_lower_c(s[k])) all_caps = 0;
        words++;
        place_end = j;
        i = j;
        if (i < end && s[i] == ' ' && i + 1 < end && is_upper_c(s[i + 1]))
            i++;
        else
            break;
    }
    if (words == 0 || words > 4 || place_end - from < 2) return 0;
    i = place_end;
    /* optional ", date" */
    if (i < end && s[i] == ',') {
        size_t j = i + 1;
        while (j < end && j - i < 28 && s[j] != ':' && s[j] != '(' &&
               s[j] != '-' && (unsigned char)s[j] != 0xE2 && s[j] != '\n')
            j++;
        i = j;
    }
    while (i < end && s[i] == ' ') i++;
    size_t ag_from = 0, ag_to = 0;
    if (i < end && s[i] == '(') {
        size_t j = i + 1;
        while (j < end && s[j] != ')' && j - i < 24) j++;
        if (j >= end || s[j] != ')') return 0;
        ag_from = i + 1;
        ag_to = j;
        i = j + 1;
        while (i < end && s[i] == ' ') i++;
    }
    if (!all_caps && !ag_to) return 0;
    /* separator: ':' or a dash, then space */
    size_t sep = i;
    if (i < end && s[i] == ':') i++;
    while (i < end && (s[i] == '-' || s[i] == ' ' ||
                       ((unsigned char)s[i] == 0xE2 && i + 2 < end &&
                        (unsigned char)s[i + 1] == 0x80 &&
                        ((unsigned char)s[i + 2] == 0x94 ||
                         (unsigned char)s[i + 2] == 0x93)))) {
        i += (unsigned char)s[i] == 0xE2 ? 3 : 1;
    }
    if (i == sep || i >= to) return 0;
    if (!(s[i - 1] == ' ' || s[i - 1] == ':' || (unsigned char)s[i - 1] >= 0x80))
        return 0;
    /* a colon right after a one-word all-caps head line is a heading
     * ("ISIS: ..."), not a dateline, unless an agency or date was given */
    if (words == 1 && !ag_to && place_end == sep && s[sep] == ':' &&
        !(i < to && is_upper_c(s[i])))
        return 0;
    dl->from = (uint32_t)from;
    dl->to = (uint32_t)i;
    dl->place_from = (uint32_t)from;
    dl->place_to = (uint32_t)place_end;
    dl->agency_from = (uint32_t)ag_from;
    dl->agency_to = (uint32_t)ag_to;
    return 1;
}

/* ------------------------------------------------------------ sentences */

static const char *const starters[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "But",
    "And", "This", "That", "These", "Those", "His", "Her", "Its", "Their",
    "On", "At", "After", "Before", "When", "While", "According", "Mr",
    "Mrs", "Ms", "There", "However", "Meanwhile", "Officials", "Earlier",
    "Later", "Last", "Some", "Many", "If", "As", "For", "Since", "Under",
};

static int is_starter(const char *w, size_t n)
{
    for (size_t k = 0; k < DYAD_ARRAY_LEN(starters); k++)
        if (strlen(starters[k]) == n && memcmp(starters[k], w, n) == 0) return 1;
    return 0;
}

static size_t closing_quote_len(const char *s, size_t i, size_t to)
{
    if (i >= to) return 0;
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
    if (c == 0xE2 && i + 2 < to && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9D || (unsigned char)s[i + 2] == 0x99))
        return 3;
    return 0;
}

static int opens_sentence(const char *s, size_t k, size_t to)
{
    unsigned char c = (unsigned char)s[k];
    if (is_upper_c((char)c) || (c >= '0' && c <= '9') || c == '"' ||
        c == '\'' || c == '(' || c == '[' || c == '`')
        return 1;
    if (c >= 0x80) {
        int32_t cp;
        dyad__utf8_decode((const unsigned char *)s + k, to - k, &cp);
        return cp == 0x201C || cp == 0x2018 || dyad__cp_is_upper(cp);
    }
    return 0;
}

/* The period at i ends an abbreviation or initial, not the sentence? */
static int period_is_abbrev(const char *s, size_t from, size_t i, size_t next,
                            size_t to)
{
    size_t w = i;
    while (w > from && s[w - 1] != ' ' && s[w - 1] != '\n' &&
           s[w - 1] != '\t' && s[w - 1] != '(' && s[w - 1] != '"' &&
           s[w - 1] != '\'' && s[w - 1] != '`' && s[w - 1] != '[' &&
           !((unsigned char)s[w - 1] >= 0x80 && (unsigned char)s[w - 1] < 0xC0 &&
             w >= from + 3 && (unsigned char)s[w - 3] == 0xE2))
        w--;                      /* also stops after a curly quote (E2 80 xx) */
    size_t n = i - w;
    if (n == 0) return 0;
    char up[16];
    if (n < sizeof up) {
        for (size_t k = 0; k < n; k++)
            up[k] = is_lower_c(s[w + k]) ? (char)(s[w + k] - 32) : s[w + k];
        if (dyad__is_abbrev(up, n)) return 1;
    }
    if (n == 1 && is_upper_c(s[w])) return 1;       /* George W. Bush */
    if (memchr(s + w, '.', n)) {                    /* U.S. / U.N. */
        size_t e = next;
        while (e < to && s[e] != ' ' && s[e] != ',' && s[e] != '\n') e++;
        return !is_starter(s + next, e - next);
    }
    return 0;
}

static int split_para(splitter *sp, size_t from, size_t to)
{
    const char *s = sp->s;
    size_t start = from;
    for (size_t i = from; i < to; i++) {
        char c = s[i];
        if (c != '.' && c != '!' && c != '?') continue;
        size_t j = i + 1;
        while (j < to && (s[j] == '.' || s[j] == '!' || s[j] == '?')) j++;
        size_t q;
        while ((q = closing_quote_len(s, j, to)) != 0) j += q;
        if (j >= to) break;
        if (s[j] != ' ' && s[j] != '\t' && s[j] != '\n') continue;
        size_t k = j;
        while (k < to && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n')) k++;
        if (k >= to || !opens_sentence(s, k, to)) continue;
        if (c == '.' && j == i + 1 && period_is_abbrev(s, from, i, k, to))
            continue;
        if (emit(sp, start, j)) return -1;
        start = k;
        i = k - 1;
    }
    return emit(sp, start, to);
}

/* Hard-wrapped prose: most lines run 40-90 bytes and end mid-sentence. */
int dyad__looks_wrapped(const char *s, size_t len)
{
    size_t lines = 0, wrapped = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        size_t n = e - i;
        if (n > 0) {
            lines++;
            char last = s[e - 1] == '\r' && n > 1 ? s[e - 2] : s[e - 1];
            int next_text = e + 1 < len && s[e + 1] != '\n' && s[e + 1] != '\r';
            if (n >= 40 && n <= 90 && next_text && !strchr(".!?\":", last))
                wrapped++;
        }
        i = e + 1;
    }
    return lines >= 3 && wrapped * 2 >= lines;
}

static int skipped(const uint32_t (*skip)[2], size_t n_skip, size_t from,
                   size_t to)
{
    for (size_t k = 0; k < n_skip; k++)
        if (from >= skip[k][0] && to <= skip[k][1]) return 1;
    return 0;
}

/* The paragraphs of a text in order: lines, or blank-line separated blocks
 * of hard-wrapped prose; skipped ranges and blank paragraphs left out. */
typedef struct para_walk {
    const char *s;
    size_t len, i, para_from;
    int wrapped, done;
    const uint32_t (*skip)[2];
    size_t n_skip;
} para_walk;

static void para_walk_init(para_walk *w, const char *s, size_t len,
                           const uint32_t (*skip)[2], size_t n_skip)
{
    *w = (para_walk){s, len, 0, 0, dyad__looks_wrapped(s, len), 0, skip, n_skip};
}

/* The next paragraph [*from, *to), leading white space skipped; 0 at the
 * end. */
static int next_para(para_walk *w, size_t *from, size_t *to)
{
    const char *s = w->s;
    while (!w->done) {
        size_t i = w->i;
        const char *nl = i < w->len ? memchr(s + i, '\n', w->len - i) : NULL;
        size_t e = nl ? (size_t)(nl - s) : w->len;
        int blank = 1;
        for (size_t k = i; k < e && blank; k++)
            if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r') blank = 0;
        if (e >= w->len) w->done = 1;
        w->i = e + 1;
        if (!(blank || !w->wrapped || e >= w->len)) continue;
        size_t pe = blank ? i : e, ps = w->para_from;
        w->para_from = e + 1;
        if (pe <= ps || skipped(w->skip, w->n_skip, ps, pe)) continue;
        while (ps < pe && (s[ps] == ' ' || s[ps] == '\t' || s[ps] == '\n' ||
                           s[ps] == '\r'))
            ps++;
        if (ps == pe) continue;
        *from = ps;
        *to = pe;
        return 1;
    }
    return 0;
}

int dyad__first_dateline(const char *text, size_t len,
                         const uint32_t (*skip)[2], size_t n_skip,
                         dyad__dateline *dl)
{
    para_walk w;
    para_walk_init(&w, text, len, skip, n_skip);
    memset(dl, 0, sizeof *dl);
    size_t ps, pe;
    for (int k = 0; k < DYAD__DATELINE_PARAS && next_para(&w, &ps, &pe); k++)
        if (dyad__find_dateline(text, ps, pe, dl)) return 1;
    return 0;
}

dyad_status dyad__split(dyad__arena *a, const char *text, size_t len,
                        const uint32_t (*skip)[2], size_t n_skip,
                        dyad__sent **out, size_t *n, dyad__dateline *dl)
{
    splitter sp = {a, text, NULL, 0, 0, 0};
    dyad__first_dateline(text, len, skip, n_skip, dl);
    para_walk w;
    para_walk_init(&w, text, len, skip, n_skip);
    size_t ps, pe;
    while (next_para(&w, &ps, &pe)) {
        if (dl->to && ps == dl->from) ps = dl->to;
        if (split_para(&sp, ps, pe)) return DYAD_ENOMEM;
        sp.para++;
    }
    *out = sp.out;
    *n = sp.n;
    return DYAD_OK;
}

int dyad_find_dateline(const char *text, size_t len, dyad_dateline *out)
{
    memset(out, 0, sizeof *out);
    if (!text || len > DYAD_MAX_DOC_BYTES) return 0;
    uint32_t skip[1][2];
    size_t nskip = dyad__find_pub_date(text, len, skip[0]) ? 1 : 0;
    dyad__dateline dl;
    if (!dyad__first_dateline(text, len, (const uint32_t(*)[2])skip, nskip, &dl))
        return 0;
    out->from = dl.from;
    out->to = dl.to;
    out->place_from = dl.place_from;
    out->place_len = dl.place_to - dl.place_from;
    out->agency_from = dl.agency_from;
    out->agency_len = dl.agency_to - dl.agency_from;
    if (out->agency_len)
        out->agency = dyad__agency_name(text + dl.agency_from, out->agency_len);
    return 1;
}

/*
 * boiler.c - the article of scraped plain text: which lines are page
 * clutter (menus, "Post a Comment", donation appeals, share prompts, photo
 * credits, "Related Articles" lists, a blogger's own commentary after the
 * article) and which are the article.
 *
 * The text is cut into units: lines, or blank-line paragraphs when the text
 * is hard-wrapped. A unit is prose when it reads like running text (a
 * dozen words, or half a dozen ending in sentence punctuation). Then:
 *  - a unit matching a clutter phrase (whole or as its beginning) is
 *    clutter wherever it stands;
 *  - an end marker ("Post a Comment", "Related Content", "This article
 *    comes from ...", "Italics are my comments", "Labels:") after the
 *    article has begun ends it: everything after is clutter;
 *  - an appeal ("Dear Reader", "Support our journalism") makes clutter of
 *    everything up to the next prose unit free of appeal words;
 *  - of the short units before the first prose unit (site name, title,
 *    date, byline, photo caption), only the first of four words or more,
 *    the title, is kept; short units between prose units (sub-headings)
 *    are kept, those after the last are not; a text without prose (a
 *    line or two) is kept whole.
 * The title, an outlet named by an attribution ("This article comes from
 * the BBC", "Source: Reuters") and an agency named by a wire credit
 * ("(AFP)", "Copyright 2007 The Associated Press") are handed back.
 */
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "metadata.h"
#include "sentence.h"

typedef struct unit {
    size_t from, to;             /* bytes of the text, content trimmed */
    int words, prose;            /* words: at most UNIT_WORDS_MAX */
} unit;

/* The largest word count a rule below tests is 40. */
#define UNIT_WORDS_MAX 41

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* The unit's text, lower case, letters, digits and single spaces only
 * (punctuation becomes a space), at most cap - 1 bytes. */
static size_t norm(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        int c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c >= 0x80) {
            out[k++] = (char)lower(c);
        } else if (c == '$' || c == '<') {
            out[k++] = (char)c;
        } else if (k && out[k - 1] != ' ') {
            out[k++] = ' ';
        }
    }
    while (k && out[k - 1] == ' ') k--;
    out[k] = '\0';
    return k;
}

/* Whole units that are clutter (normalized). */
static const char *const whole[] = {
    "post a comment", "links to this post", "create a link", "<< home",
    "home", "comments", "comment", "leave a comment",
    "share", "tweet", "email", "print", "advertisements", "ad",
    "logo", "menu", "search", "subscribe", "sign up", "log in", "login",
    "register", "source", "sources", "more stories", "more from",
    "recommended", "recommended for you", "trending", "trending now",
    "most popular", "most read", "newsletter", "follow us", "thank you",
    "facebook", "twitter", "whatsapp", "linkedin", "reddit", "pinterest",
    "copy link", "close", "next", "previous", "top stories", "latest news",
    "editor s picks", "don t miss", "watch", "listen", "play video",
    "view comments", "show comments", "hide comments", "reply",
    "accept", "accept cookies", NULL};   /* beginnings are in starts[] */

/* Beginnings of clutter units (normalized, followed by a space or the
 * end). */
static const char *const starts[] = {
    "labels", "tags", "filed under", "posted by", "posted in", "posted on",
    "photo credit", "photo by", "image credit", "picture credit",
    "copyright", "all rights reserved", "click here", "sign up for",
    "subscribe to", "subscribe now", "follow us on", "share on",
    "share this", "read more", "read also", "see also", "more on this",
    "related", "you might also like", "you may also like", "advertisement",
    "sponsored", "join our", "join the", "download our app", "get the app",
    "this article comes from", "this story comes from", "this post comes from",
    "italics are my", "my comments", "my comment", "reading time",
    "min read", "minute read", "minutes read", "comments are closed",
    "leave a reply", "be the first to comment", "log in to comment",
    "you must be logged in", "your email address", "notify me",
    "print this", "email this", "report an error", "report a typo",
    "cookie", "we use cookies", "by using this site", "privacy policy",
    "terms of use", "terms of service", "back to top", "skip to",
    "dear reader", "dear readers", "support our journalism",
    "support independent journalism", "become a member", "donate",
    NULL};

/* Words that make a short unit clutter wherever they stand in it. */
static const char *const ad_words[] = {
    "advertisement", "advertisements", "sponsored content", "story continues",
    "continue reading", "continues below", "scroll to continue", NULL};

/* Markers after which the rest of the text is not the article. */
static const char *const end_markers[] = {
    "post a comment", "links to this post", "leave a reply",
    "leave a comment", "related content", "related articles",
    "related stories", "related posts", "you may also like",
    "you might also like", "this article comes from", "this story comes from",
    "this post comes from", "italics are my", "labels", "comments are closed",
    "be the first to comment", "0 comments", "more stories", NULL};

/* Words of a donation or subscription appeal. */
static const char *const appeal_words[] = {
    "paywall", "journalism", "subscribe", "subscription", "premium",
    "ads", "ad free", "ads free", "epaper", "a month", "per month",
    "loyal readers", "our readers", "donate", "donation", "support us",
    "become a member", "membership", "help us", "thank you", "newspaper",
    "publications", "business models", "contribution", "contributions",
    NULL};

/* Words that address the reader, as appeals do. */
static const char *const address_words[] = {
    "you", "your", "we", "our", "us", "reader", "readers", NULL};

static int matches_start(const char *u, const char *p)
{
    size_t k = strlen(p);
    return !strncmp(u, p, k) && (u[k] == '\0' || u[k] == ' ');
}

/* (both compare first letters before calling the C library: they run on
 * every line of every text) */
static int in_list(const char *u, const char *const *list)
{
    for (; *list; list++)
        if (**list == *u && !strcmp(u, *list)) return 1;
    return 0;
}

static int starts_list(const char *u, const char *const *list)
{
    for (; *list; list++)
        if (**list == *u && matches_start(u, *list)) return 1;
    return 0;
}

static int contains_any(const char *u, const char *const *list)
{
    for (; *list; list++) {
        const char *p = strstr(u, *list);
        size_t k = strlen(*list);
        if (p && (p == u || p[-1] == ' ') && (p[k] == '\0' || p[k] == ' '))
            return 1;
    }
    return 0;
}

/* "12 comments", "3 min read", "1 minute read" */
static int count_line(const char *u)
{
    const char *p = u;
    while (*p >= '0' && *p <= '9') p++;
    if (p == u || *p != ' ') return 0;
    p++;
    return matches_start(p, "comments") || matches_start(p, "comment") ||
           matches_start(p, "min read") || matches_start(p, "minute read") ||
           matches_start(p, "minutes read") || matches_start(p, "shares") ||
           matches_start(p, "responses") || matches_start(p, "replies");
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static int ends_sentence(const char *s, size_t from, size_t to)
{
    while (to > from && (s[to - 1] == '"' || s[to - 1] == '\'' || s[to - 1] == ')'))
        to--;
    if (to >= from + 3 && (unsigned char)s[to - 3] == 0xE2 &&
        (unsigned char)s[to - 2] == 0x80)                  /* ” ’ */
        to -= 3;
    return to > from && (s[to - 1] == '.' || s[to - 1] == '!' || s[to - 1] == '?');
}

/* Cut the text into units, trimmed. */
static unit *units_of(const char *s, size_t n, size_t *count)
{
    int wrap = dyad__looks_wrapped(s, n);   /* as the splitter judges it */
    unit *u = NULL;
    size_t nu = 0, cap = 0;
    size_t i = 0;
    while (i < n) {
        size_t from = i, to;
        if (wrap) {                   /* lines up to a blank one */
            size_t e = i;
            for (;;) {
                const char *nl = memchr(s + e, '\n', n - e);
                size_t le = nl ? (size_t)(nl - s) : n;
                int blank = 1;
                for (size_t k = e; k < le && blank; k++) blank = is_space(s[k]);
                if (blank || le >= n) {
                    to = blank ? e : n;
                    i = le + 1;
                    break;
                }
                e = le + 1;
            }
        } else {
            const char *nl = memchr(s + i, '\n', n - i);
            to = nl ? (size_t)(nl - s) : n;
            i = to + 1;
        }
        while (from < to && is_space(s[from])) from++;
        while (to > from && is_space(s[to - 1])) to--;
        if (to == from) continue;
        if (DYAD_GROW(u, cap, nu + 1)) {
            free(u);
            return NULL;
        }
        /* words, counted up to UNIT_WORDS_MAX: no rule looks further */
        int words = 0, in = 0;
        for (size_t k = from; k < to && words < UNIT_WORDS_MAX; k++) {
            int w = !is_space(s[k]);
            words += w & !in;
            in = w;
        }
        int prose = words >= 12 || (words >= 6 && ends_sentence(s, from, to));
        u[nu++] = (unit){from, to, words, prose};
    }
    *count = nu;
    if (!u) u = malloc(sizeof *u);   /* an empty text: no units */
    return u;
}

/* The outlet an attribution names: "This article comes from the BBC",
 * "Source: Reuters". */
static void outlet_of(const char *s, const unit *u, const char *low,
                      dyad__boiler *out)
{
    static const char *const lead[] = {"this article comes from ",
                                       "this story comes from ",
                                       "this post comes from ", "source ", NULL};
    if (out->outlet_len || u->words > 8) return;
    for (const char *const *p = lead; *p; p++) {
        if (strncmp(low, *p, strlen(*p))) continue;
        /* the same words in the original text, after the lead's words */
        size_t words = 0;
        for (const char *q = *p; *q; q++) words += *q == ' ';
        size_t k = u->from;
        for (size_t w = 0; w < words && k < u->to; w++) {
            while (k < u->to && !is_space(s[k])) k++;
            while (k < u->to && is_space(s[k])) k++;
        }
        if (k < u->to && (s[k] == ':' || s[k] == '-')) k++;
        while (k < u->to && is_space(s[k])) k++;
        if (u->to - k > 4 && lower(s[k]) == 't' && lower(s[k + 1]) == 'h' &&
            lower(s[k + 2]) == 'e' && s[k + 3] == ' ')
            k += 4;                                  /* "the BBC" */
        size_t e = u->to;
        while (e > k && (s[e - 1] == '.' || is_space(s[e - 1]))) e--;
        if (e > k) {
            out->outlet_from = k;
            out->outlet_len = e - k;
        }
        return;
    }
}

/* The agency a short wire credit names: "(AFP)", "-- Reuters", "Copyright
 * 2007 The Associated Press. All rights reserved.", "AFP contributed to
 * this report", "Reporting by ...; Editing by ..." (Reuters' house credit).
 * low is the unit normalized; NULL when it is no such credit. */
static const char *wire_credit(const unit *u, const char *low)
{
    static const char *const lead[] = {
        "copyright ", "c ", "additional reporting by ", "reporting by ",
        "compiled by ", "source ", "sources ", "via ", "with ", "from ", NULL};
    static const char *const tail[] = {
        " all rights reserved", " contributed to this report",
        " contributed reporting", " contributed", NULL};
    if (u->words > 12) return NULL;
    if (matches_start(low, "reporting by") && strstr(low, " editing by "))
        return "Reuters";
    char buf[128];
    size_t n = 0, len = strlen(low);
    for (size_t i = 0; i < len && n + 1 < sizeof buf; i++) {
        int c = (unsigned char)low[i];
        if (c >= 0x80) c = ' ';               /* a dash, a copyright sign */
        /* years go: "(c) 2007 AFP" */
        if (c >= '0' && c <= '9' && (i == 0 || low[i - 1] == ' ')) {
            size_t j = i;
            while (j < len && low[j] >= '0' && low[j] <= '9') j++;
            if (j - i == 4 && (j == len || low[j] == ' ')) {
                i = j - 1;
                continue;
            }
        }
        if (c == ' ' && (n == 0 || buf[n - 1] == ' ')) continue;
        buf[n++] = (char)c;
    }
    while (n && buf[n - 1] == ' ') n--;
    buf[n] = '\0';
    char *b = buf;
    for (int again = 1; again;) {
        again = 0;
        for (const char *const *p = lead; *p; p++) {
            size_t k = strlen(*p);
            if (!strncmp(b, *p, k)) {
                b += k;
                n -= k;
                again = 1;
            }
        }
        for (const char *const *p = tail; *p; p++) {
            size_t k = strlen(*p);
            if (n > k && !strcmp(b + n - k, *p)) {
                n -= k;
                b[n] = '\0';
                again = 1;
            }
        }
    }
    return n ? dyad__agency_name(b, n) : NULL;
}

/* A unit that is a date (and perhaps a time) and nothing else. */
static int date_only(const char *s, size_t n)
{
    size_t used = 0;
    if (!dyad__parse_text_date(s, n, &used)) return 0;
    while (used < n && (is_space(s[used]) || s[used] == ':' || s[used] == ',' ||
                        (s[used] >= '0' && s[used] <= '9') || s[used] == '.' ||
                        lower(s[used]) == 'a' || lower(s[used]) == 'p' ||
                        lower(s[used]) == 'm'))
        used++;
    return used >= n;
}

/* Does unit k repeat, word for word, one of the first units (where a
 * title and its furniture stand)? Bounded, so that a text of many short
 * lines costs no more than one pass per line. */
static int repeats(const char *s, const unit *u, size_t k)
{
    enum { HEAD_UNITS = 64 };
    size_t len = u[k].to - u[k].from;
    for (size_t j = 0; j < k && j < HEAD_UNITS; j++)
        if (u[j].to - u[j].from == len && !memcmp(s + u[j].from, s + u[k].from, len))
            return 1;
    return 0;
}

/* Could unit k, before the article's first prose, be its title? Three
 * words or more, and not a menu ("Home | World"), a byline, a date line,
 * a credit or other clutter. */
static int title_candidate(const char *s, const unit *v)
{
    static const char *const credit_words[] = {
        "copyright", "photo credit", "image credit", "picture credit",
        "credits", "getty", "afp photo", "reuters photo", "ap photo",
        "file photo", "epa photo", NULL};
    char low[512];
    if (v->words < 3 || v->words > 25) return 0;
    norm(s + v->from, v->to - v->from, low, sizeof low);
    if (memchr(s + v->from, '|', v->to - v->from)) return 0;
    if (matches_start(low, "by") || matches_start(low, "written by") ||
        matches_start(low, "reporting by") || matches_start(low, "updated") ||
        matches_start(low, "posted") || matches_start(low, "published") ||
        matches_start(low, "last updated") || contains_any(low, credit_words) ||
        matches_start(low, "picture") || matches_start(low, "video") ||
        matches_start(low, "photo") || matches_start(low, "image") ||
        matches_start(low, "credit") ||
        in_list(low, whole) || starts_list(low, starts) || count_line(low))
        return 0;
    return !date_only(s + v->from, v->to - v->from);
}

/* The title among the units before the first prose one: the last
 * candidate of four words or more without a comma (a caption usually has
 * one: "Hassan Kazemi Qomi, the Iranian ambassador"), else the first of
 * four words or more, else the last of three words ("German economy
 * rebounds", after a site name); SIZE_MAX when none. */
static size_t title_of(const char *s, const unit *u, size_t first_prose)
{
    size_t first = SIZE_MAX, last_plain = SIZE_MAX, last_short = SIZE_MAX;
    for (size_t k = 0; k < first_prose; k++) {
        if (!title_candidate(s, &u[k])) continue;
        if (u[k].words < 4) {
            last_short = k;
            continue;
        }
        if (first == SIZE_MAX) first = k;
        if (!memchr(s + u[k].from, ',', u[k].to - u[k].from)) last_plain = k;
    }
    return last_plain != SIZE_MAX ? last_plain : first != SIZE_MAX ? first : last_short;
}

dyad_status dyad__boilerplate(const char *s, size_t n, dyad__boiler *out)
{
    memset(out, 0, sizeof *out);
    size_t nu = 0;
    unit *u = units_of(s, n, &nu);
    if (!u) return DYAD_ENOMEM;
    char *keep = calloc(nu ? nu : 1, 1);
    if (!keep) {
        free(u);
        return DYAD_ENOMEM;
    }
    size_t first_prose = nu, last_prose = nu;
    for (size_t k = 0; k < nu; k++)
        if (u[k].prose) {
            if (first_prose == nu) first_prose = k;
            last_prose = k;
        }
    int ended = 0, appeal = 0, appeal_signed = 0, begun = 0;
    char low[512];
    size_t title = title_of(s, u, first_prose < nu ? first_prose : 0);
    for (size_t k = 0; k < nu; k++) {
        /* a long unit outside an appeal is only tested for how it starts */
        norm(s + u[k].from, u[k].to - u[k].from, low,
             appeal || u[k].words <= 40 ? sizeof low : 64);
        int short_unit = u[k].words <= 10;
        /* a prompt leading to another story may quote its whole title */
        int clutter_phrase = (short_unit && (in_list(low, whole) ||
                                             count_line(low))) ||
                             (u[k].words <= 24 && starts_list(low, starts)) ||
                             (short_unit && (contains_any(low, ad_words)));
        if (short_unit && (starts_list(low, end_markers) || matches_start(low, "source")))
            outlet_of(s, &u[k], low, out);
        const char *credit = wire_credit(&u[k], low);
        if (credit && !out->agency) out->agency = credit;
        if (ended) continue;
        if (begun && short_unit && starts_list(low, end_markers)) {
            ended = 1;
            continue;
        }
        if (matches_start(low, "dear reader") || matches_start(low, "dear readers") ||
            (short_unit && (matches_start(low, "support our journalism") ||
                            matches_start(low, "support independent journalism")))) {
            appeal = 1;
            appeal_signed = 0;
            continue;
        }
        if (appeal) {        /* it speaks to the reader until it stops */
            int free_of_appeal = u[k].prose && u[k].words >= 20 &&
                                 !contains_any(low, appeal_words);
            if (free_of_appeal &&
                (!contains_any(low, address_words) || appeal_signed))
                appeal = 0;
            else {
                if (!u[k].prose && k > 0) appeal_signed = 1;  /* "Thank you," */
                continue;
            }
        }
        if (clutter_phrase || (credit && !u[k].prose)) continue;
        if (u[k].words <= 4 && matches_start(low, "source")) continue;
        if (short_unit && (strstr(low, "photo credit") || strstr(low, "photo by") ||
                           strstr(low, "getty images") || strstr(low, "file photo")))
            continue;                       /* a caption with its credit */
        if (short_unit && date_only(s + u[k].from, u[k].to - u[k].from))
            continue;                       /* "September 13, 2006 17:26" */
        if (short_unit && repeats(s, u, k)) continue;   /* the title again */
        if (u[k].words <= 40 &&
            (matches_start(low, "join") || strstr(low, "click here") ||
             strstr(low, "subscribe now") || strstr(low, "upgrade your") ||
             strstr(low, "sign up")) &&
            contains_any(low, appeal_words))
            continue;                   /* "Join ... Premium Plus now for $5" */
        if (!u[k].prose && first_prose < nu && k > last_prose) continue;
        if (!u[k].prose && first_prose < nu && k < first_prose && k != title)
            continue;
        keep[k] = 1;
        if (u[k].prose) begun = 1;
    }
    /* the spans dropped, a run of dropped units as one */
    for (size_t k = 0; k < nu; k++) {
        if (keep[k]) continue;
        size_t from = u[k].from, to = u[k].to;
        if (out->n && k > 0 && !keep[k - 1]) {
            out->spans[out->n - 1][1] = (uint32_t)to;
            continue;
        }
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 16;
            uint32_t (*sp)[2] = realloc(out->spans, cap * sizeof *sp);
            if (!sp) {
                free(keep);
                free(u);
                dyad__boiler_free(out);
                return DYAD_ENOMEM;
            }
            out->spans = sp;
            out->cap = cap;
        }
        out->spans[out->n][0] = (uint32_t)from;
        out->spans[out->n][1] = (uint32_t)to;
        out->n++;
    }
    if (title < nu && keep[title]) {
        out->title_from = u[title].from;
        out->title_len = u[title].to - u[title].from;
    }
    free(keep);
    free(u);
    return DYAD_OK;
}

void dyad__boiler_free(dyad__boiler *b)
{
    free(b->spans);
    memset(b, 0, sizeof *b);
}

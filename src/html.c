/*
 * html.c - the article of a web page, and its metadata, from HTML.
 *
 * The page is parsed by gumbo (a full HTML5 parser, so malformed markup is
 * repaired the way browsers repair it). Metadata comes from JSON-LD first
 * (NewsArticle and its cousins: headline, datePublished, publisher, author),
 * then OpenGraph and <meta> tags, then <title>. The body is found by
 * scoring the tree: every text block (paragraph, heading, list item, quote,
 * or a div's own text) outside page furniture (nav, aside, footer, forms,
 * and elements whose class or id says comment, share, related, promo...)
 * scores by its length, commas and link density; scores flow to the
 * block's ancestors, and the best-scored container, adjusted by its own
 * class and id cues, holds the article. Its blocks that are text rather
 * than links make the result, one paragraph per block. When the page's
 * JSON-LD carries an articleBody at least as long as what the tree gave,
 * that body is used instead.
 *
 * The walk keeps an explicit stack (no recursion), so a page of a million
 * nested tags costs memory, not the C stack; gumbo's tree lives in an
 * arena dropped in one go. Pages nested deeper than DYAD_MAX_HTML_DEPTH,
 * or with more than DYAD_MAX_HTML_TAGS tags, are flattened to their text
 * instead of parsed: gumbo's parser slows down on the first and cannot
 * fail softly when the second outgrow its memory. Before parsing, scripts, style sheets, SVG
 * and comments are cut out and tags keep only the attributes the
 * extraction reads: over half of a news page's bytes.
 */
#include <cjson/cJSON.h>
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base.h"
#include "encoding.h"

/* ------------------------------------------------------------- helpers */

static int ieq_prefix(const char *s, const char *p)
{
    for (; *p; s++, p++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != *p) return 0;
    }
    return 1;
}

/* Does the lower-cased attribute value contain one of the words? */
static int has_cue(const char *v, const char *const *words)
{
    if (!v) return 0;
    char low[256];
    size_t n = 0;
    for (; v[n] && n + 1 < sizeof low; n++) {
        char c = v[n];
        low[n] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    low[n] = '\0';
    for (; *words; words++)
        if (strstr(low, *words)) return 1;
    return 0;
}

static const char *attr(const GumboNode *n, const char *name)
{
    if (n->type != GUMBO_NODE_ELEMENT) return NULL;
    const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

typedef struct cue {
    const char *w;
    size_t n;
} cue;
#define CUE(s) {s, sizeof s - 1}

/* Class and id words, whole words of a class or id name split at
 * non-letters (so "elementor-widget-container" is elementor, widget,
 * container): furniture whose subtree is left out, and cues of article
 * containers. */
static const cue furniture_words[] = {
    CUE("comment"), CUE("comments"), CUE("share"), CUE("sharing"),
    CUE("social"), CUE("related"), CUE("recommended"), CUE("recommendations"),
    CUE("newsletter"), CUE("subscribe"), CUE("subscription"), CUE("cookie"),
    CUE("cookies"), CUE("popup"), CUE("modal"), CUE("breadcrumb"),
    CUE("breadcrumbs"), CUE("outbrain"), CUE("taboola"), CUE("disqus"),
    CUE("advertisement"), CUE("ad"), CUE("ads"), CUE("advert"),
    CUE("sponsored"), CUE("promo"), CUE("footer"), CUE("navbar"),
    CUE("navigation"), CUE("menu"), CUE("sidebar"), CUE("byline"),
    CUE("caption"), CUE("credit"), CUE("credits"), CUE("sr"), CUE("hidden"),
    CUE("signup"), CUE("paywall"), CUE("trending"), CUE("popular"),
    CUE("toolbar"), CUE("pagination"), CUE("tags"), CUE("author"), CUE("bio"),
    CUE("disclaimer"), CUE("print"), {NULL, 0}};
static const cue positive_words[] = {
    CUE("article"), CUE("story"), CUE("content"), CUE("entry"), CUE("post"),
    CUE("body"), CUE("text"), CUE("main"), CUE("blog"), CUE("news"),
    CUE("articlebody"), CUE("prose"), {NULL, 0}};

/* Does a class/id value contain one of the words as a whole word? */
static int has_word(const char *v, const cue *words)
{
    if (!v) return 0;
    for (const char *p = v; *p;) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) p++;
        const char *q = p;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')) q++;
        size_t n = (size_t)(q - p);
        for (const cue *w = words; n && w->w; w++) {
            if (w->n != n || (p[0] | 0x20) != w->w[0]) continue;
            size_t i = 1;
            while (i < n && (p[i] | 0x20) == w->w[i]) i++;
            if (i == n) return 1;
        }
        p = q;
    }
    return 0;
}

static int skipped_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_MENU: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_MATH: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
        return 1;
    default:
        return 0;
    }
}

/* Tags whose text forms a block of its own. */
static int block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_BODY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TR: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DL:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_HR: case GUMBO_TAG_BR:
        return 1;
    default:
        return 0;
    }
}

static int heading(GumboTag t)
{
    return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 ||
           t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

/* ------------------------------------------------------------ the walk */

typedef struct block {
    const GumboNode *owner;      /* element whose own text this is */
    const GumboNode *furn;       /* nearest furniture ancestor, or NULL */
    size_t from, len;            /* in the text buffer */
    size_t link_chars;
    GumboTag tag;
} block;

typedef struct walker {
    dyad__buf text;              /* every block's text, one after another */
    block *blocks;
    size_t n, cap;
    int oom;
} walker;

/* Append text with whitespace squeezed; returns characters added. */
static size_t put_text(walker *w, const char *s, size_t n)
{
    size_t added = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (!space && c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            space = 1;           /* no-break space */
            i++;
        }
        if (space) {
            if (w->text.len && w->text.p[w->text.len - 1] != ' ' &&
                w->text.p[w->text.len - 1] != '\n') {
                if (dyad__buf_putc(&w->text, ' ')) w->oom = 1;
                added++;
            }
            continue;
        }
        if (dyad__buf_putc(&w->text, (char)c)) w->oom = 1;
        added++;
    }
    return added;
}

typedef struct frame {
    const GumboNode *node;
    size_t child;                /* next child to visit */
    const GumboNode *owner;      /* block this node's text goes to */
    const GumboNode *furn;       /* nearest furniture ancestor (or self) */
    int in_link;
} frame;

/* Page furniture: by ARIA role, hidden state, or class and id words. The
 * page's own frame (html, body, main, article) never is. */
static int furniture(const GumboNode *n)
{
    GumboTag t = n->v.element.tag;
    const GumboVector *at = &n->v.element.attributes;
    if (at->length == 0 || t == GUMBO_TAG_HTML || t == GUMBO_TAG_BODY ||
        t == GUMBO_TAG_MAIN || t == GUMBO_TAG_ARTICLE)
        return 0;
    static const char *const roles[] = {"navigation", "complementary",
                                        "contentinfo", "banner", NULL};
    for (size_t i = 0; i < at->length; i++) {
        const GumboAttribute *a = at->data[i];
        const char *k = a->name;     /* gumbo gives names in lower case */
        if ((!strcmp(k, "class") || !strcmp(k, "id")) &&
            has_word(a->value, furniture_words))
            return 1;
        if (!strcmp(k, "role") && has_cue(a->value, roles)) return 1;
        if (!strcmp(k, "hidden")) return 1;
        if (!strcmp(k, "aria-hidden") && ieq_prefix(a->value, "true")) return 1;
    }
    return 0;
}

static void close_block(walker *w, block *b)
{
    /* trim a trailing space */
    while (b->len && w->text.p[b->from + b->len - 1] == ' ') {
        b->len--;
        w->text.len--;
    }
    if (b->len == 0) return;
    if (DYAD_GROW(w->blocks, w->cap, w->n + 1)) {
        w->oom = 1;
        return;
    }
    w->blocks[w->n++] = *b;
    if (dyad__buf_putc(&w->text, '\n')) w->oom = 1;
}

/* Collect the text blocks of the tree under root. */
static void walk(walker *w, const GumboNode *root)
{
    frame *st = NULL;
    size_t sn = 0, scap = 0;
    block cur = {NULL, NULL, 0, 0, 0, GUMBO_TAG_UNKNOWN};
    if (DYAD_GROW(st, scap, 1)) {
        w->oom = 1;
        return;
    }
    st[sn++] = (frame){root, 0, root, NULL, 0};
    cur.owner = root;
    cur.from = w->text.len;
    cur.tag = root->v.element.tag;
    while (sn && !w->oom) {
        frame *f = &st[sn - 1];
        const GumboNode *n = f->node;
        const GumboVector *kids = n->type == GUMBO_NODE_ELEMENT
                                      ? &n->v.element.children
                                      : NULL;
        if (!kids || f->child >= kids->length) {
            /* leaving a block element: its text ends here */
            if (n->type == GUMBO_NODE_ELEMENT && block_tag(n->v.element.tag) &&
                f->owner == n) {
                close_block(w, &cur);
                const GumboNode *up = sn > 1 ? st[sn - 2].owner : NULL;
                cur = (block){up, sn > 1 ? st[sn - 2].furn : NULL, w->text.len,
                              0, 0, up ? up->v.element.tag : GUMBO_TAG_UNKNOWN};
            }
            sn--;
            continue;
        }
        const GumboNode *c = kids->data[f->child++];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA ||
            c->type == GUMBO_NODE_WHITESPACE) {
            size_t a = put_text(w, c->v.text.text, strlen(c->v.text.text));
            cur.len += a;
            if (f->in_link) cur.link_chars += a;
            continue;
        }
        if (c->type != GUMBO_NODE_ELEMENT) continue;
        GumboTag t = c->v.element.tag;
        if (skipped_tag(t)) continue;
        const GumboNode *furn = f->furn ? f->furn : furniture(c) ? c : NULL;
        if (t == GUMBO_TAG_BR) {
            if (put_text(w, " ", 1)) cur.len++;
            continue;
        }
        int is_block = block_tag(t);
        if (is_block) {                   /* the text so far closes */
            close_block(w, &cur);
            cur = (block){c, furn, w->text.len, 0, 0, t};
        }
        frame next = {c, 0, is_block ? c : f->owner, furn,
                      f->in_link || t == GUMBO_TAG_A};
        if (DYAD_GROW(st, scap, sn + 1)) {     /* f is stale after this */
            w->oom = 1;
            break;
        }
        st[sn] = next;
        sn++;
    }
    close_block(w, &cur);
    free(st);
}

/* ------------------------------------------------------------ scoring */

typedef struct score_ent {
    const GumboNode *node;
    double score;
} score_ent;

typedef struct scores {
    score_ent *e;
    size_t cap;                  /* power of two, open addressing */
    size_t n;
} scores;

static size_t node_hash(const GumboNode *p, size_t cap)
{
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 17;
    x *= 0x9e3779b97f4a7c15ull;
    return (size_t)(x >> 20) & (cap - 1);
}

static score_ent *slot(scores *s, const GumboNode *p)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        score_ent *e = calloc(cap, sizeof *e);
        if (!e) return NULL;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->e[i].node) continue;
            size_t h = node_hash(s->e[i].node, cap);
            while (e[h].node) h = (h + 1) & (cap - 1);
            e[h] = s->e[i];
        }
        free(s->e);
        s->e = e;
        s->cap = cap;
    }
    size_t h = node_hash(p, s->cap);
    while (s->e[h].node && s->e[h].node != p) h = (h + 1) & (s->cap - 1);
    if (!s->e[h].node) {
        s->e[h].node = p;
        s->n++;
    }
    return &s->e[h];
}

/* The entry of p, or NULL when it has none (no insertion). */
static const score_ent *lookup(const scores *s, const GumboNode *p)
{
    if (!s->cap) return NULL;
    size_t h = node_hash(p, s->cap);
    while (s->e[h].node && s->e[h].node != p) h = (h + 1) & (s->cap - 1);
    return s->e[h].node ? &s->e[h] : NULL;
}

static double block_score(const walker *w, const block *b)
{
    if (b->len < 25) return 0;
    double ld = (double)b->link_chars / (double)b->len;
    if (ld > 0.5) return 0;
    size_t commas = 0;
    const char *s = w->text.p + b->from;
    for (size_t i = 0; i < b->len; i++) commas += s[i] == ',';
    double sc = 1.0 + (double)commas + (b->len > 300 ? 3.0 : (double)b->len / 100.0);
    return sc * (1.0 - ld);
}

/* A class or id naming the article body itself (articleBody,
 * article-body, story_text, entry-content, post-content...). */
static int body_name(const char *v)
{
    if (!v) return 0;
    char low[256];
    size_t n = 0;
    for (; *v && n + 1 < sizeof low; v++) {
        char c = *v;
        if (c == '-' || c == '_') continue;
        low[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    low[n] = '\0';
    static const char *const names[] = {
        "articlebody", "storybody", "postbody", "entrycontent", "postcontent",
        "articlecontent", "storycontent", "storytext", "articletext",
        "bodytext", "posttext", "entrybody", "itembody", NULL};
    for (const char *const *w = names; *w; w++)
        if (strstr(low, *w)) return 1;
    return 0;
}

static double cue_weight(const GumboNode *n)
{
    double k = 1.0;
    if (n->type != GUMBO_NODE_ELEMENT) return k;
    GumboTag t = n->v.element.tag;
    if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN) k *= 1.3;
    if (has_word(attr(n, "class"), positive_words) ||
        has_word(attr(n, "id"), positive_words))
        k *= 1.25;
    if (body_name(attr(n, "class")) || body_name(attr(n, "id"))) k *= 1.6;
    if (furniture(n)) k *= 0.3;       /* a comment thread, related links */
    const char *ip = attr(n, "itemprop");
    if (ip && (ieq_prefix(ip, "articlebody") || ieq_prefix(ip, "text")))
        k *= 1.5;
    return k;
}

/* Is node a (proper or not) ancestor of d? */
static int within(const GumboNode *d, const GumboNode *node)
{
    for (; d; d = d->parent)
        if (d == node) return 1;
    return 0;
}

/* ------------------------------------------------------------ metadata */

static void set_once(char **dst, const char *v)
{
    if (*dst || !v || !*v) return;
    *dst = strdup(v);
}

static const char *jget(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (cJSON_IsString(v)) return v->valuestring;
    if (cJSON_IsArray(v) && cJSON_GetArraySize(v) > 0) {
        const cJSON *x = cJSON_GetArrayItem(v, 0);
        if (cJSON_IsString(x)) return x->valuestring;
        if (cJSON_IsObject(x)) return jget(x, "name");
    }
    if (cJSON_IsObject(v)) return jget(v, "name");
    return NULL;
}

static int article_type(const cJSON *o)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    const char *s = cJSON_IsString(t) ? t->valuestring
                    : cJSON_IsArray(t) && cJSON_IsString(cJSON_GetArrayItem(t, 0))
                        ? cJSON_GetArrayItem(t, 0)->valuestring
                        : NULL;
    return s && (strstr(s, "Article") || strstr(s, "Posting") ||
                 strstr(s, "Report") || !strcmp(s, "WebPage"));
}

static void jsonld_object(const cJSON *o, dyad_extracted *x, char **body,
                          int depth)
{
    if (!cJSON_IsObject(o) || depth > 8) return;
    const cJSON *graph = cJSON_GetObjectItemCaseSensitive(o, "@graph");
    if (cJSON_IsArray(graph)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, graph) jsonld_object(it, x, body, depth + 1);
    }
    if (!article_type(o)) return;
    set_once(&x->title, jget(o, "headline"));
    set_once(&x->date, jget(o, "datePublished"));
    set_once(&x->outlet, jget(o, "publisher"));
    set_once(&x->author, jget(o, "author"));
    const char *b = jget(o, "articleBody");
    if (b && (!*body || strlen(b) > strlen(*body))) {
        free(*body);
        *body = strdup(b);
    }
}

static void jsonld(const char *s, dyad_extracted *x, char **body)
{
    cJSON *j = cJSON_Parse(s);
    if (!j) return;
    if (cJSON_IsArray(j)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, j) jsonld_object(it, x, body, 0);
    } else {
        jsonld_object(j, x, body, 0);
    }
    cJSON_Delete(j);
}

static const char *node_text(const GumboNode *n)
{
    if (n->type != GUMBO_NODE_ELEMENT || n->v.element.children.length == 0)
        return NULL;
    const GumboNode *c = n->v.element.children.data[0];
    return c->type == GUMBO_NODE_TEXT ? c->v.text.text : NULL;
}

/* JSON-LD, meta tags and <title>, in that order of preference. */
static void metadata(const GumboNode *root, dyad_extracted *x, char **body)
{
    char *meta_title = NULL, *title_tag = NULL;
    const GumboNode **st = NULL;
    size_t sn = 0, cap = 0;
    if (DYAD_GROW(st, cap, 1)) return;
    st[sn++] = root;
    while (sn) {
        const GumboNode *n = st[--sn];
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        GumboTag t = n->v.element.tag;
        if (t == GUMBO_TAG_SCRIPT) {
            const char *ty = attr(n, "type");
            const char *s = node_text(n);
            if (ty && ieq_prefix(ty, "application/ld+json") && s) jsonld(s, x, body);
            continue;
        }
        if (t == GUMBO_TAG_META) {
            const char *p = attr(n, "property"), *nm = attr(n, "name");
            const char *k = p ? p : nm, *v = attr(n, "content");
            /* whole keys: "dateModified" is no publication date */
            static const char *const date_keys[] = {
                "article:published_time", "datepublished", "pubdate", "date",
                "dc.date", "dc.date.issued", "sailthru.date", NULL};
            if (k && v) {
                int is_date = 0;
                for (const char *const *d = date_keys; *d && !is_date; d++)
                    is_date = !strcasecmp(k, *d);
                if (!strcasecmp(k, "og:title")) set_once(&meta_title, v);
                else if (!strcasecmp(k, "og:site_name")) set_once(&x->outlet, v);
                else if (is_date) set_once(&x->date, v);
                else if (!strcasecmp(k, "author") || !strcasecmp(k, "article:author"))
                    set_once(&x->author, v);
                else if (!strcasecmp(k, "og:url")) set_once(&x->url, v);
            }
            continue;
        }
        if (t == GUMBO_TAG_TITLE) set_once(&title_tag, node_text(n));
        if (t == GUMBO_TAG_LINK) {
            const char *rel = attr(n, "rel");
            if (rel && ieq_prefix(rel, "canonical")) set_once(&x->url, attr(n, "href"));
        }
        const GumboVector *k = &n->v.element.children;
        for (size_t i = k->length; i-- > 0;) {
            if (DYAD_GROW(st, cap, sn + 1)) break;
            st[sn++] = k->data[i];
        }
    }
    free(st);
    if (!x->title) x->title = meta_title ? meta_title : title_tag;
    if (x->title != meta_title) free(meta_title);
    if (x->title != title_tag) free(title_tag);
}

/* -------------------------------------------------------- deep nesting */

/* Is the markup too deep (start tags nested past DYAD_MAX_HTML_DEPTH,
 * counted naively, void and self-closing tags aside) or too large (more
 * than DYAD_MAX_HTML_TAGS start tags) to parse? One pass. */
static int too_big_to_parse(const char *s, size_t n)
{
    size_t depth = 0, tags = 0;
    const char *gt = NULL;               /* the next '>' after the last tag */
    int no_more = 0;                     /* no '>' left in the page */
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '<') continue;
        char c = s[i + 1];
        if (c == '/') {
            if (depth) depth--;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            if (!no_more && (!gt || gt < s + i)) {
                gt = memchr(s + i, '>', n - i);
                no_more = gt == NULL;
            }
            if (gt && gt > s + i && gt[-1] == '/') continue;
            if (++depth > DYAD_MAX_HTML_DEPTH || ++tags > DYAD_MAX_HTML_TAGS) return 1;
        }
    }
    return 0;
}

/* Text of markup with every tag removed, for pages too deep to parse. */
static char *strip_tags(const char *s, size_t n, size_t *out_len)
{
    char *o = malloc(n + 1);
    if (!o) return NULL;
    size_t k = 0;
    int in_tag = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<') in_tag = 1;
        else if (s[i] == '>' && in_tag) {
            in_tag = 0;
            o[k++] = ' ';
        } else if (!in_tag) {
            o[k++] = s[i];
        }
    }
    o[k] = '\0';
    *out_len = k;
    return o;
}

/* Text of a markup fragment: tags removed, paragraphs and line breaks as
 * blank lines (character references are decoded by the caller). */
static char *markup_text(const char *s, size_t n, size_t *out_len)
{
    char *o = malloc(n + 1);
    if (!o) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', n - i);
            size_t e = gt ? (size_t)(gt - s) + 1 : n;
            if (ieq_prefix(s + i, "</p") || ieq_prefix(s + i, "<br") ||
                ieq_prefix(s + i, "</div") || ieq_prefix(s + i, "</h") ||
                ieq_prefix(s + i, "</li")) {
                while (k && o[k - 1] == ' ') k--;
                if (k && o[k - 1] != '\n') {
                    o[k++] = '\n';
                    o[k++] = '\n';
                }
            }
            i = e;
            continue;
        }
        o[k++] = s[i++];
    }
    while (k && (o[k - 1] == '\n' || o[k - 1] == ' ')) k--;
    o[k] = '\0';
    *out_len = k;
    return o;
}

/* ------------------------------------------------------- pre-stripping */

/* Does s (n bytes) start with the tag name (lower case), followed by a
 * character that ends a tag name? */
static int tag_at(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n < k + 1 || !ieq_prefix(s, name)) return 0;
    char c = s[k];
    return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
           c == '/' || c == '\f';
}

/* Position of "</name" (any case) at or after i, or n. */
static size_t find_close(const char *s, size_t n, size_t i, const char *name)
{
    for (;;) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) return n;
        i = (size_t)(lt - s);
        if (i + 2 <= n && s[i + 1] == '/' && tag_at(s + i + 2, n - i - 2, name))
            return i;
        i++;
    }
}

/* Attributes the extraction reads; the others (style, data-*, srcset,
 * href of links...) are dropped before parsing. */
static int kept_attribute(const char *a, size_t n, int link_tag)
{
    static const cue keep[] = {
        CUE("class"), CUE("id"), CUE("role"), CUE("hidden"), CUE("aria-hidden"),
        CUE("itemprop"), CUE("type"), CUE("property"), CUE("name"),
        CUE("content"), CUE("rel"), CUE("datetime"), CUE("charset"),
        CUE("http-equiv"), {NULL, 0}};
    if (link_tag && n == 4 && ieq_prefix(a, "href")) return 1;
    for (const cue *c = keep; c->w; c++)
        if (c->n == n && ieq_prefix(a, c->w)) return 1;
    return 0;
}

static int space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Copy the tag starting at s[i] == '<' to o[*k], keeping only the
 * attributes the extraction reads; returns the position after it. Markup
 * that is not a plain start tag is copied as it is, one byte at a time. */
static size_t copy_tag(const char *s, size_t n, size_t i, char *o, size_t *k)
{
    size_t j = i + 1;
    if (j >= n || !((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) {
        o[(*k)++] = s[i];
        return i + 1;
    }
    while (j < n && !space(s[j]) && s[j] != '>' && s[j] != '/') j++;
    int link_tag = j - i - 1 == 4 && ieq_prefix(s + i + 1, "link");
    size_t out = *k;
    memcpy(o + out, s + i, j - i);
    out += j - i;
    while (j < n) {
        while (j < n && (space(s[j]) || s[j] == '/')) j++;
        if (j >= n) break;
        if (s[j] == '>') {
            o[out++] = '>';
            *k = out;
            return j + 1;
        }
        size_t a = j;                     /* attribute name */
        while (j < n && !space(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/')
            j++;
        size_t an = j - a, v = j, vn = 0;
        size_t e = j;
        while (e < n && space(s[e])) e++;
        if (e < n && s[e] == '=') {
            e++;
            while (e < n && space(s[e])) e++;
            v = e;
            if (e < n && (s[e] == '"' || s[e] == '\'')) {
                const char *q = memchr(s + e + 1, s[e], n - e - 1);
                if (!q) break;            /* unterminated: give up */
                e = (size_t)(q - s) + 1;
            } else {
                while (e < n && !space(s[e]) && s[e] != '>') e++;
            }
            vn = e - v;
            j = e;
        }
        if (an && kept_attribute(s + a, an, link_tag)) {
            o[out++] = ' ';
            memcpy(o + out, s + a, an);
            out += an;
            if (vn) {
                o[out++] = '=';
                memcpy(o + out, s + v, vn);
                out += vn;
            }
        }
        if (!an) j++;                     /* a stray character */
    }
    /* malformed or cut short: the original bytes, as gumbo would see them */
    memcpy(o + *k, s + i, n - i);
    *k += n - i;
    return n;
}

/* Position of the "</name" that closes the element opened at i (nested
 * elements of the same name counted), or n when it is never closed or
 * the search has used up *budget bytes (the page's share: unclosed
 * elements would otherwise make the pre-strip quadratic; what it leaves,
 * the walk skips anyway). */
static size_t find_matching(const char *s, size_t n, size_t i, const char *name,
                            size_t *budget)
{
    size_t depth = 0, from = i;
    for (;;) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt || (size_t)(lt - s) - from > *budget) {
            *budget = 0;
            return n;
        }
        i = (size_t)(lt - s);
        if (i + 2 <= n && s[i + 1] == '/' && tag_at(s + i + 2, n - i - 2, name)) {
            if (depth <= 1) {
                *budget -= i - from;
                return i;
            }
            depth--;
        } else if (tag_at(s + i + 1, n - i - 1, name)) {
            depth++;
        }
        i++;
    }
}

/* The page without what the extraction never reads and gumbo would spend
 * most of its time on: scripts (JSON-LD ones are kept, for metadata),
 * style sheets, inline SVG, noscript and template blocks, comments. On
 * news pages these are over half the bytes. */
static char *prestrip(const char *s, size_t n, size_t *out_len)
{
    static const char *const dropped[] = {"script", "style", "svg", "noscript",
                                          "template", NULL};
    static const char *const skipped_whole[] = {
        "nav", "aside", "footer", "select", "iframe", "button", "figcaption",
        "textarea", "video", "audio", "canvas", "math", "object", NULL};
    /* copy_tag may write a space the page left out between attributes
     * (a="x"b="y"), so the output can outgrow the input: room for twice */
    if (n > SIZE_MAX / 2 - 1) return NULL;
    char *o = malloc(2 * n + 1);
    if (!o) return NULL;
    size_t k = 0, i = 0, budget = 4 * n + 4096;   /* for find_matching */
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t j = lt ? (size_t)(lt - s) : n;
        memcpy(o + k, s + i, j - i);
        k += j - i;
        i = j;
        if (i >= n) break;
        if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
            const char *e = NULL;
            for (size_t q = i + 4; q + 3 <= n; q++) {
                const char *d = memchr(s + q, '-', n - q);
                if (!d) break;
                q = (size_t)(d - s);
                if (q + 3 <= n && d[1] == '-' && d[2] == '>') {
                    e = d + 3;
                    break;
                }
            }
            i = e ? (size_t)(e - s) : n;
            continue;
        }
        int drop = -1;
        for (int t = 0; dropped[t] && drop < 0; t++)
            if (tag_at(s + i + 1, n - i - 1, dropped[t])) drop = t;
        if (drop < 0) {
            /* elements the walk skips whole: cut out when they close */
            size_t close = n;
            for (int t = 0; skipped_whole[t] && close == n; t++)
                if (tag_at(s + i + 1, n - i - 1, skipped_whole[t]))
                    close = find_matching(s, n, i, skipped_whole[t], &budget);
            if (close < n) {
                const char *gt = memchr(s + close, '>', n - close);
                i = gt ? (size_t)(gt - s) + 1 : n;
                continue;
            }
            i = copy_tag(s, n, i, o, &k);
            continue;
        }
        size_t close = find_close(s, n, i + 1, dropped[drop]);
        size_t end = close;
        if (close < n) {
            const char *gt = memchr(s + close, '>', n - close);
            end = gt ? (size_t)(gt - s) + 1 : n;
        }
        if (drop == 0) {                  /* keep JSON-LD scripts */
            const char *gt = memchr(s + i, '>', (close < n ? close : n) - i);
            size_t open_end = gt ? (size_t)(gt - s) : i;
            int ld = 0;
            for (size_t q = i; q + 19 <= open_end && !ld; q++)
                ld = ieq_prefix(s + q, "application/ld+json");
            if (ld) {
                memcpy(o + k, s + i, end - i);
                k += end - i;
            }
        }
        i = end;
    }
    o[k] = '\0';
    *out_len = k;
    return o;
}

/* ------------------------------------------------------ gumbo's memory */

/* gumbo allocates every node, string and vector on its own; from an arena
 * that is dropped in one go, parsing needs no malloc/free per piece and
 * the tree needs no recursive freeing (a tenth of the time, and no deep
 * recursion in gumbo_destroy_output). Frees are no-ops. */
static void *arena_alloc(void *ud, size_t n)
{
    void *p = dyad__arena_alloc(ud, n ? n : 1);
    if (!p) abort();     /* gumbo cannot fail softly; pages with more than
                            DYAD_MAX_HTML_TAGS tags are never parsed, which
                            keeps the tree far below the arena's ceiling */
    return p;
}

static void arena_free(void *ud, void *p)
{
    (void)ud;
    (void)p;
}

/* ---------------------------------------------------------- the whole */

dyad_status dyad_html_extract(const char *html, size_t len, dyad_extracted *x)
{
    memset(x, 0, sizeof *x);
    if (!html) return DYAD_EINVAL;
    if (too_big_to_parse(html, len)) {
        size_t n;
        char *t = strip_tags(html, len, &n);
        if (!t) return DYAD_ENOMEM;
        x->text = t;
        x->len = n;
        x->flattened = 1;
        return DYAD_OK;
    }
    size_t slen;
    char *stripped = prestrip(html, len, &slen);
    if (!stripped) return DYAD_ENOMEM;
    dyad__arena mem;
    dyad__arena_init(&mem);
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0;
    opt.allocator = arena_alloc;
    opt.deallocator = arena_free;
    opt.userdata = &mem;
    GumboOutput *g = gumbo_parse_with_options(&opt, stripped, slen);
    if (!g) {
        dyad__arena_free(&mem);
        free(stripped);
        return DYAD_ENOMEM;
    }
    char *ld_body = NULL;
    metadata(g->root, x, &ld_body);

    walker w;
    memset(&w, 0, sizeof w);
    dyad__buf_init(&w.text, 0);
    const GumboNode *body = g->root;
    for (size_t i = 0; i < g->root->v.element.children.length; i++) {
        const GumboNode *c = g->root->v.element.children.data[i];
        if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BODY)
            body = c;
    }
    walk(&w, body);

    /* scores flow up to three ancestors */
    scores sc = {NULL, 0, 0};
    for (size_t i = 0; i < w.n && !w.oom; i++) {
        double s = block_score(&w, &w.blocks[i]);
        if (s <= 0) continue;
        const GumboNode *a = w.blocks[i].owner;
        double share = 1.0;
        for (int up = 0; a && up < 4; up++, a = a->parent, share /= 2) {
            score_ent *e = slot(&sc, a);
            if (!e) {
                w.oom = 1;
                break;
            }
            e->score += s * share;
        }
    }
    /* the best container, in document order so that ties always fall
     * the same way (the hash is keyed by addresses) */
    const GumboNode *best = NULL;
    double best_score = 0;
    for (size_t i = 0; i < w.n && !w.oom; i++) {
        const GumboNode *a = w.blocks[i].owner;
        for (int up = 0; a && up < 4; up++, a = a->parent) {
            const score_ent *e = lookup(&sc, a);
            if (!e) continue;                 /* no scored text below it */
            double s = e->score * cue_weight(a);
            if (s > best_score) {
                best_score = s;
                best = a;
            }
        }
    }

    /* furniture inside the container (a share bar, a comment thread) is
     * left out, unless it holds most of the container's text: then its
     * class or id misled us (class="article-body pagination-first") */
    scores furn_len = {NULL, 0, 0};
    double total = 0;
    for (size_t i = 0; i < w.n && best && !w.oom; i++) {
        const block *b = &w.blocks[i];
        if (!within(b->owner, best)) continue;
        total += (double)b->len;
        if (!b->furn || b->furn == best || !within(b->furn, best)) continue;
        score_ent *e = slot(&furn_len, b->furn);
        if (!e) w.oom = 1;
        else e->score += (double)b->len;
    }
    dyad__buf out;
    dyad__buf_init(&out, 0);
    for (size_t i = 0; i < w.n && best && !w.oom; i++) {
        const block *b = &w.blocks[i];
        if (!within(b->owner, best)) continue;
        if (b->furn && b->furn != best && within(b->furn, best)) {
            const score_ent *e = lookup(&furn_len, b->furn);
            if (!e || e->score < total / 2) continue;
        }
        double ld = b->len ? (double)b->link_chars / (double)b->len : 1;
        int head = heading(b->tag);
        if (ld > 0.5 || (!head && b->len < 15) || (head && b->len < 4)) continue;
        if (out.len && dyad__buf_puts(&out, "\n\n")) w.oom = 1;
        if (dyad__buf_put(&out, w.text.p + b->from, b->len)) w.oom = 1;
    }
    if (out.len == 0) {         /* a page too small to score: all its text */
        for (size_t i = 0; i < w.n && !w.oom; i++) {
            const block *b = &w.blocks[i];
            if (b->furn || b->link_chars * 2 > b->len) continue;
            if (out.len && dyad__buf_puts(&out, "\n\n")) w.oom = 1;
            if (dyad__buf_put(&out, w.text.p + b->from, b->len)) w.oom = 1;
        }
    }
    if (ld_body && strchr(ld_body, '<')) {     /* a body given as markup */
        size_t n;
        char *t = markup_text(ld_body, strlen(ld_body), &n);
        free(ld_body);
        ld_body = t;
    }
    if (ld_body) ld_body[dyad__decode_entities(ld_body, strlen(ld_body))] = '\0';
    if (ld_body && (double)out.len < 0.8 * (double)strlen(ld_body) &&
        strlen(ld_body) > 200) {
        dyad__buf_free(&out);
        x->text = ld_body;
        x->len = strlen(ld_body);
        ld_body = NULL;
    } else {
        x->text = out.p ? out.p : strdup("");
        x->len = out.len;
    }
    free(ld_body);
    free(sc.e);
    free(furn_len.e);
    free(w.blocks);
    dyad__buf_free(&w.text);
    dyad__arena_free(&mem);        /* gumbo's whole tree */
    free(stripped);                /* which pointed into this */
    if (w.oom || !x->text) {
        dyad_extracted_free(x);
        return DYAD_ENOMEM;
    }
    return DYAD_OK;
}

void dyad_extracted_free(dyad_extracted *x)
{
    if (!x) return;
    free(x->text);
    free(x->title);
    free(x->date);
    free(x->outlet);
    free(x->author);
    free(x->url);
    memset(x, 0, sizeof *x);
}

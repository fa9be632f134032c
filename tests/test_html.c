/*
 * test_html.c - unit tests of the HTML extractor (src/html.c) through
 * dyad_html_extract(): the article found among page furniture, metadata
 * from JSON-LD, OpenGraph and <title>, a JSON-LD articleBody given as
 * markup, the pre-stripping of scripts, styles and attributes (which must
 * not change what is found), and bad pages: empty, truncated, unclosed,
 * a million nested tags, a huge attribute, binary bytes.
 */
#include <stdlib.h>

#include "dyad.h"
#include "util.h"

static const char page[] =
    "<!DOCTYPE html><html><head><title>Title tag | Outlet</title>"
    "<meta property=\"og:title\" content=\"OG title\">"
    "<meta property=\"og:site_name\" content=\"The Daily Example\">"
    "<meta property=\"article:published_time\" content=\"2005-11-24T10:00:00Z\">"
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
    "\"@type\":\"NewsArticle\",\"headline\":\"Iran and Iraq sign a pact\","
    "\"author\":{\"@type\":\"Person\",\"name\":\"A. Writer\"}}</script>"
    "<script>var x = '<p>not text</p>';</script><style>p{color:red}</style>"
    "</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
    "<div class=\"social-share\"><a href=\"#\">Share on Facebook</a></div>"
    "<article class=\"story\"><h1>Iran and Iraq sign a pact</h1>"
    "<p style=\"font-size:12px\" data-x=\"1\">TEHRAN, Nov 24 - Iran and Iraq signed a "
    "security pact on Thursday, officials said, after talks in the capital.</p>"
    "<div class=\"share-bar\"><a href=\"#\">Tweet</a> <a href=\"#\">Email</a></div>"
    "<p>The agreement, the first of its kind, covers border patrols, "
    "intelligence sharing and the return of refugees.</p>"
    "<!-- a comment <p>hidden</p> -->"
    "<p>Both sides called it a turning point.</p></article>"
    "<aside><p>Related: other stories you may like, with many words here.</p></aside>"
    "<footer><p>Copyright 2005 The Daily Example. All rights reserved.</p></footer>"
    "</body></html>";

static void test_article(void)
{
    dyad_extracted x;
    CHECK_INT(dyad_html_extract(page, sizeof page - 1, &x), DYAD_OK);
    CHECK(strstr(x.text, "Iran and Iraq signed a security pact") != NULL);
    CHECK(strstr(x.text, "intelligence sharing") != NULL);
    CHECK(strstr(x.text, "turning point") != NULL);
    CHECK(strstr(x.text, "Share on Facebook") == NULL);
    CHECK(strstr(x.text, "Tweet") == NULL);
    CHECK(strstr(x.text, "Related") == NULL);
    CHECK(strstr(x.text, "Copyright") == NULL);
    CHECK(strstr(x.text, "not text") == NULL);
    CHECK(strstr(x.text, "hidden") == NULL);
    CHECK(strstr(x.text, "\n\n") != NULL);           /* paragraphs kept apart */
    CHECK_STR(x.title, "Iran and Iraq sign a pact");  /* JSON-LD first */
    CHECK_STR(x.outlet, "The Daily Example");
    CHECK_STR(x.author, "A. Writer");
    CHECK_STR(x.date, "2005-11-24T10:00:00Z");
    CHECK_INT(x.flattened, 0);
    dyad_extracted_free(&x);
}

static void test_ld_body(void)
{
    static const char p[] =
        "<html><head><script type='application/ld+json'>{\"@type\":\"Article\","
        "\"articleBody\":\"<p>First paragraph of a long story that the page "
        "itself only shows in part, with enough words to count.</p><p>Second "
        "paragraph &amp; more, again long enough to be the body of the story "
        "as the publisher gives it in its structured data.</p>\"}</script>"
        "</head><body><p>Teaser only.</p></body></html>";
    dyad_extracted x;
    CHECK_INT(dyad_html_extract(p, sizeof p - 1, &x), DYAD_OK);
    CHECK(strstr(x.text, "First paragraph") != NULL);
    CHECK(strstr(x.text, "Second paragraph & more") != NULL);
    CHECK(strstr(x.text, "<p>") == NULL);
    dyad_extracted_free(&x);
}

static void test_bad_pages(void)
{
    dyad_extracted x;
    CHECK_INT(dyad_html_extract("", 0, &x), DYAD_OK);
    CHECK_INT((long)x.len, 0);
    dyad_extracted_free(&x);
    /* truncated inside a tag, an attribute, a comment, a script */
    static const char *const cut[] = {
        "<html><body><p>Some text that is long enough, really it is.</p><div cla",
        "<html><body><p class=\"a", "<html><body><!-- never closed",
        "<html><body><script>var a = 1;", "<p>unclosed <b>bold <i>italic",
        "<<<>>><p =>='\"'>", "</p></div></body>"};
    for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
        CHECK_INT(dyad_html_extract(cut[i], strlen(cut[i]), &x), DYAD_OK);
        CHECK(x.text != NULL);
        dyad_extracted_free(&x);
    }
    /* a million nested tags: flattened, not parsed */
    size_t n = 1000000;
    char *deep = malloc(n * 5 + 64);
    CHECK(deep != NULL);
    if (deep) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            memcpy(deep + k, "<div>", 5);
            k += 5;
        }
        memcpy(deep + k, "deep text", 9);
        k += 9;
        CHECK_INT(dyad_html_extract(deep, k, &x), DYAD_OK);
        CHECK_INT(x.flattened, 1);
        CHECK(x.text && strstr(x.text, "deep text") != NULL);
        dyad_extracted_free(&x);
        free(deep);
    }
    /* more start tags than DYAD_MAX_HTML_TAGS, side by side (gumbo's tree
     * would outgrow its memory): flattened too */
    size_t wide = 500000;
    char *many = malloc(wide * 7 + 64);
    CHECK(many != NULL);
    if (many) {
        size_t k = 0;
        for (size_t i = 0; i < wide; i++, k += 7) memcpy(many + k, "<i></i>", 7);
        memcpy(many + k, "wide text", 9);
        k += 9;
        CHECK_INT(dyad_html_extract(many, k, &x), DYAD_OK);
        CHECK_INT(x.flattened, 1);
        CHECK(x.text && strstr(x.text, "wide text") != NULL);
        dyad_extracted_free(&x);
        /* 40,000 elements cut whole and never closed ("<button></b>"):
         * the pre-strip must stay linear (this took 30 s when it was not) */
        k = 0;
        for (size_t i = 0; i < 40000; i++, k += 12) memcpy(many + k, "<button></b>", 12);
        const char *p = "<p>Text after the buttons, long enough to be an article.</p>";
        memcpy(many + k, p, strlen(p));
        k += strlen(p);
        CHECK_INT(dyad_html_extract(many, k, &x), DYAD_OK);
        CHECK_INT(x.flattened, 0);
        dyad_extracted_free(&x);
        free(many);
    }
    /* a 10 MB attribute and binary bytes */
    size_t big = 10u << 20;
    char *huge = malloc(big + 200);
    CHECK(huge != NULL);
    if (huge) {
        size_t k = 0;
        memcpy(huge + k, "<html><body><div data-x=\"", 25);
        k += 25;
        memset(huge + k, 'a', big);
        k += big;
        const char *tail = "\"><p>After the attribute, a paragraph of text.\x01\xff\xfe</p>";
        memcpy(huge + k, tail, strlen(tail));
        k += strlen(tail);
        CHECK_INT(dyad_html_extract(huge, k, &x), DYAD_OK);
        CHECK(x.text && strstr(x.text, "After the attribute") != NULL);
        dyad_extracted_free(&x);
        free(huge);
    }
}

int main(void)
{
    test_article();
    test_ld_body();
    test_bad_pages();
    return test_summary("test_html");
}

/*
 * test_sentence.c - unit tests of the sentence splitter and dateline finder
 * (src/sentence.c: abbreviations, initials, U.S.-style initialisms, quotes,
 * paragraphs, hard-wrapped prose, datelines) and of publication dates found
 * in a document's first lines (src/metadata.c).
 */
#include <stdlib.h>

#include "metadata.h"
#include "sentence.h"
#include "util.h"

static dyad__arena A;
static dyad__sent *S;
static size_t NS;
static dyad__dateline DL;
static const char *TEXT;

static size_t split_skip(const char *text, const uint32_t (*skip)[2],
                         size_t n_skip)
{
    dyad__arena_reset(&A);
    TEXT = text;
    S = NULL;
    NS = 0;
    dyad_status st = dyad__split(&A, text, strlen(text), skip, n_skip, &S,
                                 &NS, &DL);
    CHECK_INT(st, DYAD_OK);
    return NS;
}

static size_t split(const char *text) { return split_skip(text, NULL, 0); }

/* The sentences as "one | two | three". */
static const char *render(void)
{
    static char out[4096];
    size_t o = 0;
    out[0] = '\0';
    for (size_t k = 0; k < NS && o + 600 < sizeof out; k++) {
        if (k) o += (size_t)snprintf(out + o, sizeof out - o, " | ");
        o += (size_t)snprintf(out + o, sizeof out - o, "%.*s",
                              (int)(S[k].to - S[k].from), TEXT + S[k].from);
    }
    return out;
}

#define EXPECT(text, want)          \
    do {                            \
        split(text);                \
        CHECK_STR(render(), want);  \
    } while (0)

/* A span of TEXT as a string (static buffer). */
static const char *span(uint32_t from, uint32_t to)
{
    static char out[256];
    snprintf(out, sizeof out, "%.*s", (int)(to - from), TEXT + from);
    return out;
}

/* ------------------------------------------------------------ splitting */

static void test_abbreviations(void)
{
    EXPECT("Mr. Smith met Dr. Jones. Gen. Ali spoke at St. Mary's on Jan. 5. "
           "The talks ended.",
           "Mr. Smith met Dr. Jones. | Gen. Ali spoke at St. Mary's on Jan. 5. "
           "| The talks ended.");
    EXPECT("President George W. Bush met Gondor. It went well.",
           "President George W. Bush met Gondor. | It went well.");
    EXPECT("Iran met Gondor! Why? Nobody knows.",
           "Iran met Gondor! | Why? | Nobody knows.");
    EXPECT("Prices rose 11.8 percent. Iran objected.",
           "Prices rose 11.8 percent. | Iran objected.");
}

static void test_initialisms(void)
{
    EXPECT("The U.S. envoy met Iran in Gondor.",
           "The U.S. envoy met Iran in Gondor.");
    EXPECT("Iran met U.S. Secretary Rice.", "Iran met U.S. Secretary Rice.");
    EXPECT("Iran sent envoys to the U.S. The talks ended.",
           "Iran sent envoys to the U.S. | The talks ended.");
    EXPECT("Gondor joined the U.N. But Iran did not.",
           "Gondor joined the U.N. | But Iran did not.");
}

static void test_quotes(void)
{
    EXPECT("He said. \"We will go.\"", "He said. | \"We will go.\"");
    EXPECT("It was a bad experience.\" Next day Iran left.",
           "It was a bad experience.\" | Next day Iran left.");
    EXPECT("\"We will go,\" he added. Iran left.",
           "\"We will go,\" he added. | Iran left.");
    EXPECT("It was over.\xE2\x80\x9D Gondor agreed.",
           "It was over.\xE2\x80\x9D | Gondor agreed.");
    EXPECT("He said. \xE2\x80\x9CWe will go.\xE2\x80\x9D",
           "He said. | \xE2\x80\x9CWe will go.\xE2\x80\x9D");
    EXPECT("Iran (the state) left. Gondor stayed.",
           "Iran (the state) left. | Gondor stayed.");
    /* an abbreviation right after an opening quote is still one */
    EXPECT("\"Mr. Smith left,\" she said.", "\"Mr. Smith left,\" she said.");
    EXPECT("\xE2\x80\x9CMr. Smith left,\xE2\x80\x9D she said.",
           "\xE2\x80\x9CMr. Smith left,\xE2\x80\x9D she said.");
    EXPECT("'Gen. Ali left,' she said.", "'Gen. Ali left,' she said.");
}

static void test_paragraphs(void)
{
    split("Iran met Gondor\n\nGondor left\n");
    CHECK_STR(render(), "Iran met Gondor | Gondor left");
    CHECK_INT(NS, 2);
    if (NS == 2) {
        CHECK_INT(S[0].para, 0);
        CHECK_INT(S[1].para, 1);
    }
    /* scraped text: every line is a paragraph */
    split("Iran met Gondor\nGondor left\r\nThe end. Really\n");
    CHECK_STR(render(), "Iran met Gondor | Gondor left | The end. | Really");
    if (NS == 4) {
        CHECK_INT(S[1].para, 1);
        CHECK_INT(S[2].para, 2);
        CHECK_INT(S[3].para, 2);
    }
    EXPECT("   \n\n  Iran left.  \n\n", "Iran left.");
    EXPECT("", "");
}

static const char wrapped[] =
    "The foreign minister of Gondor met his counterpart from\n"
    "Iran on Tuesday in the capital and the two men discussed\n"
    "trade, water rights and the border dispute. They agreed to\n"
    "meet again next month, officials of both countries said.\n"
    "\n"
    "Gondor has long sought closer ties with its neighbours in\n"
    "the region.\n";

static void test_wrapped(void)
{
    split(wrapped);
    CHECK_INT(NS, 3);
    CHECK_STR(render(),
              "The foreign minister of Gondor met his counterpart from\n"
              "Iran on Tuesday in the capital and the two men discussed\n"
              "trade, water rights and the border dispute. | They agreed to\n"
              "meet again next month, officials of both countries said. | "
              "Gondor has long sought closer ties with its neighbours in\n"
              "the region.");
    if (NS == 3) {
        CHECK_INT(S[0].para, 0);
        CHECK_INT(S[1].para, 0);
        CHECK_INT(S[2].para, 1);
    }
}

/* ------------------------------------------------------------ datelines */

static void test_datelines(void)
{
    split("TEHRAN, Aug 9 (AFP): Iraqi Prime Minister left. He returned.");
    CHECK_STR(render(), "Iraqi Prime Minister left. | He returned.");
    CHECK(DL.to != 0);
    CHECK_STR(span(DL.place_from, DL.place_to), "TEHRAN");
    CHECK_STR(span(DL.agency_from, DL.agency_to), "AFP");

    split("BAGHDAD (Reuters) - The talks ended.");
    CHECK_STR(render(), "The talks ended.");
    CHECK_STR(span(DL.place_from, DL.place_to), "BAGHDAD");
    CHECK_STR(span(DL.agency_from, DL.agency_to), "Reuters");

    split("CEBU CITY: -- Cordova town officials met.");
    CHECK_STR(render(), "Cordova town officials met.");
    CHECK_STR(span(DL.place_from, DL.place_to), "CEBU CITY");
    CHECK_INT(DL.agency_to, 0);

    split("DUBAI, United Arab Emirates (AP) \xE2\x80\x94 Iran said.");
    CHECK_STR(render(), "Iran said.");
    CHECK_STR(span(DL.place_from, DL.place_to), "DUBAI");
    CHECK_STR(span(DL.agency_from, DL.agency_to), "AP");

    split("NEW DELHI \xE2\x80\x94 India and Gondor met.");
    CHECK_STR(render(), "India and Gondor met.");
    CHECK_STR(span(DL.place_from, DL.place_to), "NEW DELHI");

    /* a one-word heading with a colon is no dateline */
    split("Iran: US pullout key\nIran said so.");
    CHECK_INT(DL.to, 0);
    CHECK_STR(render(), "Iran: US pullout key | Iran said so.");
}

/* The dateline opens one of the first paragraphs (after a title, say),
 * never a later one; the public finder passes over the date line. */
static void test_first_dateline(void)
{
    split("Iran vows support\nTEHRAN (AFP) - Iran said so.");
    CHECK_STR(span(DL.place_from, DL.place_to), "TEHRAN");
    CHECK_STR(render(), "Iran vows support | Iran said so.");
    split("One.\nTwo.\nThree.\nFour.\nBAGHDAD (Reuters) - Five.");
    CHECK_INT(DL.to, 0);

    dyad_dateline d;
    const char *s = "Friday, 10 August 2007\n\nTitle of it\n"
                    "TEHRAN, Aug 9 (Agence France-Presse): Iran said.";
    CHECK(dyad_find_dateline(s, strlen(s), &d));
    TEXT = s;
    CHECK_STR(span((uint32_t)d.place_from, (uint32_t)(d.place_from + d.place_len)),
              "TEHRAN");
    CHECK_STR(d.agency, "AFP");
    s = "GAZA CITY (Maan) - Talks.";
    CHECK(dyad_find_dateline(s, strlen(s), &d));
    CHECK(d.agency == NULL);
    CHECK_INT((int)d.agency_len, 4);
    s = "Iran said so.";
    CHECK(!dyad_find_dateline(s, strlen(s), &d));
}

static void test_find_dateline(void)
{
    dyad__dateline d;
    const char *s = "xx Tokyo (Kyodo) - Japan met.";
    memset(&d, 0, sizeof d);
    TEXT = s;
    CHECK(dyad__find_dateline(s, 3, strlen(s), &d));
    CHECK_STR(span(d.place_from, d.place_to), "Tokyo");
    CHECK_STR(span(d.agency_from, d.agency_to), "Kyodo");
    CHECK_STR(span(d.to, (uint32_t)strlen(s)), "Japan met.");
    s = "Iran: US pullout key";
    CHECK(!dyad__find_dateline(s, 0, strlen(s), &d));
    s = "ISIS: what comes next";
    CHECK(!dyad__find_dateline(s, 0, strlen(s), &d));
    s = "The talks ended.";
    CHECK(!dyad__find_dateline(s, 0, strlen(s), &d));
    s = "Gondor met Iran - again.";
    CHECK(!dyad__find_dateline(s, 0, strlen(s), &d));
}

/* ----------------------------------------------------------------- dates */

static int text_date(const char *s, size_t *used)
{
    size_t u = 0;
    int v = dyad__parse_text_date(s, strlen(s), &u);
    if (used) *used = u;
    return v;
}

static void test_text_dates(void)
{
    size_t used;
    CHECK_INT(text_date("Thursday, November 24, 2005", &used), 20051124);
    CHECK_INT(used, 27);
    CHECK_INT(text_date("Friday, 10 August 2007", NULL), 20070810);
    CHECK_INT(text_date("September 13, 2006 17:26", &used), 20060913);
    CHECK_INT(used, 18);
    CHECK_INT(text_date("2005-11-24", NULL), 20051124);
    CHECK_INT(text_date("Nov. 24, 2005", NULL), 20051124);
    CHECK_INT(text_date("Sept. 3, 2001", NULL), 20010903);
    CHECK_INT(text_date("November 24th, 2005", NULL), 20051124);
    CHECK_INT(text_date("29 February 2004", NULL), 20040229);
    /* invalid dates */
    CHECK_INT(text_date("February 30, 2005", NULL), 0);
    CHECK_INT(text_date("29 February 2005", NULL), 0);
    CHECK_INT(text_date("2005-02-30", NULL), 0);
    CHECK_INT(text_date("2005-13-01", NULL), 0);
    CHECK_INT(text_date("November 31, 2005", NULL), 0);
    CHECK_INT(text_date("Iran met Gondor", NULL), 0);
    CHECK_INT(text_date("Thursday", NULL), 0);
    CHECK_INT(text_date("May 5, 1066", NULL), 0);   /* out of range */
}

static void test_pub_date(void)
{
    const char *doc = "Gondor news\nThursday, November 24, 2005\n\n"
                      "Iran met Gondor. Both left.\n";
    uint32_t line[2] = {0, 0};
    CHECK_INT(dyad__find_pub_date(doc, strlen(doc), line), 20051124);
    TEXT = doc;
    CHECK_STR(span(line[0], line[1]), "Thursday, November 24, 2005");
    /* the date line is skipped when splitting */
    split_skip(doc, (const uint32_t (*)[2])line, 1);
    CHECK_STR(render(), "Gondor news | Iran met Gondor. | Both left.");

    doc = "  September 13, 2006 17:26  \r\nIran left.";
    CHECK_INT(dyad__find_pub_date(doc, strlen(doc), line), 20060913);
    TEXT = doc;
    CHECK_STR(span(line[0], line[1]), "September 13, 2006 17:26");

    doc = "Friday, 10 August 2007\nIran left.";
    CHECK_INT(dyad__find_pub_date(doc, strlen(doc), line), 20070810);
    CHECK_INT(line[0], 0);

    /* a date inside a sentence is not a date line */
    doc = "Iran met Gondor on November 24, 2005 in the capital.\n";
    CHECK_INT(dyad__find_pub_date(doc, strlen(doc), line), 0);
    doc = "November 24, 2005 was the day Iran and Gondor signed the long "
          "treaty on trade.\n";
    CHECK_INT(dyad__find_pub_date(doc, strlen(doc), line), 0);
    doc = "Headline\nFebruary 30, 2005\nIran left.";
    CHECK_INT(dyad__find_pub_date(doc, strlen(doc), line), 0);
}

/* A date line is looked for only in the first lines of a document. */
static void test_pub_date_window(void)
{
    char doc[2048];
    size_t o = 0;
    for (int k = 0; k < 3; k++)
        o += (size_t)snprintf(doc + o, sizeof doc - o, "Line %d of text.\n", k);
    o += (size_t)snprintf(doc + o, sizeof doc - o, "2005-11-24\n");
    uint32_t line[2];
    CHECK_INT(dyad__find_pub_date(doc, o, line), 20051124);
    o = 0;
    for (int k = 0; k < 30; k++)
        o += (size_t)snprintf(doc + o, sizeof doc - o, "Line %d of text.\n", k);
    o += (size_t)snprintf(doc + o, sizeof doc - o, "2005-11-24\n");
    CHECK_INT(dyad__find_pub_date(doc, o, line), 0);
}

static void test_public_date_parse(void)
{
    CHECK_INT(dyad_date_parse("2005-11-24", 10), 20051124);
    CHECK_INT(dyad_date_parse("20051124", 8), 20051124);
    CHECK_INT(dyad_date_parse("2005-11-24T10:00:00Z", 20), 20051124);
    CHECK_INT(dyad_date_parse("2005-02-30", 10), 0);
    CHECK_INT(dyad_date_parse("Nov 24", 6), 0);
}

int main(void)
{
    dyad__arena_init(&A);
    test_abbreviations();
    test_initialisms();
    test_quotes();
    test_paragraphs();
    test_wrapped();
    test_datelines();
    test_first_dateline();
    test_find_dateline();
    test_text_dates();
    test_pub_date();
    test_pub_date_window();
    test_public_date_parse();
    dyad__arena_free(&A);
    return test_summary("test_sentence");
}

/*
 * test_encoding.c - unit tests of encoding.c: character references in
 * scraped text, the charset a page declares, conversion to UTF-8 (iconv
 * and the Windows-1252 table), UTF-16 byte-order marks, and the agency
 * names of metadata.c that wire credits and datelines use.
 */
#include "encoding.h"
#include "metadata.h"
#include "util.h"

static const char *decoded(const char *in)
{
    static char buf[256];
    size_t n = strlen(in);
    memcpy(buf, in, n + 1);
    n = dyad__decode_entities(buf, n);
    buf[n] = '\0';
    return buf;
}

static void test_entities(void)
{
    CHECK_STR(decoded("Iran &amp; Iraq"), "Iran & Iraq");
    CHECK_STR(decoded("&quot;no&quot; it&#39;s &lt;b&gt;"), "\"no\" it's <b>");
    CHECK_STR(decoded("caf&eacute; &#233; &#xE9; &#XE9;"), "caf\xc3\xa9 \xc3\xa9 \xc3\xa9 \xc3\xa9");
    CHECK_STR(decoded("a&nbsp;b &mdash; c"), "a b \xe2\x80\x94 c");
    CHECK_STR(decoded("&#128512;"), "\xf0\x9f\x98\x80");
    CHECK_STR(decoded("&#150;"), "\xe2\x80\x93");          /* as browsers: cp1252 */
    /* left as written: unknown names, no semicolon, bare ampersands */
    CHECK_STR(decoded("AT&T &bogus; &amp &#; &#xZZ; & x"), "AT&T &bogus; &amp &#; &#xZZ; & x");
    CHECK_STR(decoded("&#99999999;"), "&#99999999;");
    CHECK_STR(decoded("&#0;"), "\xef\xbf\xbd");
    CHECK_STR(decoded("no refs"), "no refs");
}

static const char *charset(const char *page)
{
    static char name[48];
    return dyad__declared_charset(page, strlen(page), name, sizeof name) ? name : NULL;
}

static void test_declared_charset(void)
{
    CHECK_STR(charset("<html><head><meta charset=\"Windows-1251\">"), "windows-1251");
    CHECK_STR(charset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"),
              "iso-8859-1");
    CHECK_STR(charset("<meta charset='koi8-r'/>"), "koi8-r");
    CHECK_STR(charset("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><html>"), "shift_jis");
    CHECK(charset("<html><head><title>x</title>") == NULL);
    CHECK(charset("<meta charset=\"\">") == NULL);
    CHECK(dyad__charset_is_utf8("utf-8") && dyad__charset_is_utf8("us-ascii"));
    CHECK(!dyad__charset_is_utf8("windows-1252"));
}

static void test_transcode(void)
{
    dyad__buf b;
    dyad__buf_init(&b, 0);
    size_t bad = 0;
    CHECK_INT(dyad__transcode("windows-1251", "\xcc\xee\xf1\xea\xe2\xe0", 6, &b, &bad), DYAD_OK);
    CHECK_STR(b.p, "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0");   /* Москва */
    CHECK_INT(bad, 0);
    /* a page saying Latin-1 means Windows-1252: 0x93 0x94 are quotes */
    CHECK_INT(dyad__transcode("iso-8859-1", "\x93hi\x94", 4, &b, &bad), DYAD_OK);
    CHECK_STR(b.p, "\xe2\x80\x9chi\xe2\x80\x9d");
    /* bytes invalid in the charset become U+FFFD, and are counted */
    CHECK_INT(dyad__transcode("utf-16le", "A\0B", 3, &b, &bad), DYAD_OK);
    CHECK_STR(b.p, "A\xef\xbf\xbd");
    CHECK_INT(bad, 1);
    CHECK_INT(dyad__transcode("x-klingon", "abc", 3, &b, &bad), DYAD_EINVAL);
    b.len = 0;
    CHECK_INT(dyad__put_cp1252(&b, "Caf\xe9 \x80", 6), DYAD_OK);
    CHECK_STR(b.p, "Caf\xc3\xa9 \xe2\x82\xac");
    dyad__buf_free(&b);
    CHECK_STR(dyad__utf16_bom("\xff\xfe" "A", 3), "UTF-16LE");
    CHECK_STR(dyad__utf16_bom("\xfe\xff", 2), "UTF-16BE");
    CHECK(dyad__utf16_bom("\xef\xbb\xbf", 3) == NULL);
}

static void test_text_kinds(void)
{
    const char *latin = "Caf\xe9 au lait, cr\xe8me br\xfbl\xe9" "e";
    CHECK(dyad__legacy_8bit(latin, strlen(latin)));
    const char *utf8 = "Caf\xc3\xa9 au lait";
    CHECK(!dyad__legacy_8bit(utf8, strlen(utf8)));
    char bin[256];
    for (int i = 0; i < 256; i++) bin[i] = (char)(i * 7);
    CHECK(dyad__looks_binary(bin, sizeof bin));
    CHECK(!dyad__looks_binary(latin, strlen(latin)));
}

static void test_agencies(void)
{
    CHECK_STR(dyad__agency_name("Agence France-Presse", 20), "AFP");
    CHECK_STR(dyad__agency_name("agence france presse", 20), "AFP");
    CHECK_STR(dyad__agency_name("(AFP)", 5), "AFP");
    CHECK_STR(dyad__agency_name("the Associated Press", 20), "AP");
    CHECK_STR(dyad__agency_name("Reuters", 7), "Reuters");
    CHECK(dyad__agency_name("Gondor Times", 12) == NULL);
    CHECK(dyad__agency_name("", 0) == NULL);
}

int main(void)
{
    test_entities();
    test_declared_charset();
    test_transcode();
    test_text_kinds();
    test_agencies();
    return test_summary("test_encoding");
}

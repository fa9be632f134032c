/*
 * read.c - the first pipeline stage: documents from files, directories and
 * stdin. A plain-text file is one document (id = file name without its
 * extension); a .jsonl file holds one JSON document per line (id, text,
 * optional date, title, url, outlet). Directories are walked recursively in
 * name order. Bad input is reported with file and line and skipped or
 * repaired: invalid UTF-8 bytes become U+FFFD, NUL bytes become spaces,
 * binary files, oversized documents and malformed JSON lines are rejected
 * (and counted) while the rest is still read.
 */
#include <dirent.h>
#include <errno.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

#include "base.h"
#include "boiler.h"
#include "encoding.h"
#include "metadata.h"
#include "utf8.h"

struct dyad_reader {
    dyad__diag_sink sink;
    dyad_input_kind kind;
    char **paths;
    size_t npaths, cap, next;
    int stdin_mode;
    FILE *f;                     /* the open JSONL stream */
    char ibuf[1 << 16];          /* its read buffer */
    size_t ipos, ilen;
    const char *cur;             /* its path */
    unsigned long line;
    dyad__buf text, raw;
    dyad__buf conv;              /* a file converted from its charset */
    char *id, *title, *url, *outlet;
    size_t rejected;
    int warned_id;
    uint64_t bytes_total;        /* sizes of the files found at open */
    uint64_t bytes_done;         /* of whole files read, and JSONL lines */
};

static void rejectf(dyad_reader *r, const char *file, unsigned long line,
                    dyad_status code, const char *fmt, const char *detail)
{
    r->rejected++;
    dyad__diagf(&r->sink, DYAD_SEV_ERROR, code, file, line, 0, fmt, detail);
}

/* ------------------------------------------------------------ paths */

static int add_path(dyad_reader *r, const char *p)
{
    if (DYAD_GROW(r->paths, r->cap, r->npaths + 1)) return -1;
    r->paths[r->npaths] = strdup(p);
    if (!r->paths[r->npaths]) return -1;
    r->npaths++;
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(dyad_reader *r, const char *dir, int depth)
{
    if (depth > DYAD_MAX_DIR_DEPTH) {
        dyad__diagf(&r->sink, DYAD_SEV_ERROR, DYAD_ELIMIT, dir, 0, 0,
                    "directories nested deeper than %d; not walked",
                    DYAD_MAX_DIR_DEPTH);
        r->rejected++;
        return 0;
    }
    DIR *d = opendir(dir);
    if (!d) {
        rejectf(r, dir, 0, DYAD_EIO, "cannot open directory: %s", strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (DYAD_GROW(names, cap, n + 1) || !(names[n] = strdup(e->d_name))) {
            closedir(d);
            for (size_t k = 0; k < n; k++) free(names[k]);
            free(names);
            return -1;
        }
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, name_cmp);
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        size_t len = strlen(dir) + strlen(names[k]) + 2;
        char *p = malloc(len);
        if (!p) { rc = -1; break; }
        size_t dl = strlen(dir);
        int slash = dl > 0 && dir[dl - 1] == '/';      /* "reports/" */
        snprintf(p, len, slash ? "%s%s" : "%s/%s", dir, names[k]);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) rc = walk(r, p, depth + 1);
        else if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            rc = add_path(r, p);
            r->bytes_total += (uint64_t)st.st_size;
        }
        free(p);
    }
    for (size_t k = 0; k < n; k++) free(names[k]);
    free(names);
    return rc;
}

dyad_status dyad_reader_open(const char *path, dyad_input_kind kind,
                             dyad_diag_fn diag, void *diag_ud,
                             dyad_reader **out)
{
    if (!path || !out) return DYAD_EINVAL;
    dyad_reader *r = calloc(1, sizeof *r);
    if (!r) return DYAD_ENOMEM;
    r->sink.fn = diag;
    r->sink.ud = diag_ud;
    r->kind = kind;
    dyad__buf_init(&r->text, DYAD_MAX_DOC_BYTES + 8);
    dyad__buf_init(&r->raw, 0);
    dyad__buf_init(&r->conv, 0);
    int rc = 0;
    struct stat st;
    if (!strcmp(path, "-")) {
        r->stdin_mode = 1;
        rc = add_path(r, "-");
    } else if (stat(path, &st) != 0) {
        rejectf(r, path, 0, DYAD_EIO, "cannot read: %s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        rc = walk(r, path, 0);
    } else {
        rc = add_path(r, path);
        if (S_ISREG(st.st_mode)) r->bytes_total = (uint64_t)st.st_size;
    }
    if (rc) {
        dyad_reader_free(r);
        return DYAD_ENOMEM;
    }
    *out = r;
    return DYAD_OK;
}

void dyad_reader_free(dyad_reader *r)
{
    if (!r) return;
    if (r->f && r->f != stdin) fclose(r->f);
    for (size_t k = 0; k < r->npaths; k++) free(r->paths[k]);
    free(r->paths);
    dyad__buf_free(&r->text);
    dyad__buf_free(&r->raw);
    dyad__buf_free(&r->conv);
    free(r->id);
    free(r->title);
    free(r->url);
    free(r->outlet);
    free(r);
}

size_t dyad_reader_rejected(const dyad_reader *r) { return r->rejected; }

void dyad_reader_progress(const dyad_reader *r, uint64_t *done, uint64_t *total)
{
    *done = r->bytes_done;
    *total = r->bytes_total;
}

void dyad_doc_hash(const char *text, size_t len, unsigned char out[16])
{
    uint64_t h[2] = {dyad__hash(text, len, 0x646f63), 0};
    h[1] = dyad__hash(text, len, h[0] ^ 0x68617368);
    memcpy(out, h, 16);
}

/* ------------------------------------------------------------ repair */

static unsigned long line_at(const char *s, size_t off)
{
    unsigned long l = 1;
    for (size_t i = 0; i < off; i++) l += s[i] == '\n';
    return l;
}

/* Copy raw bytes into r->text, replacing NUL with a space and invalid UTF-8
 * with U+FFFD; warn once for each kind with its line. Text in a legacy
 * 8-bit encoding is read as Windows-1252. */
static dyad_status repair(dyad_reader *r, const char *file,
                          unsigned long base_line, const char *s, size_t n)
{
    r->text.len = 0;
    if (dyad__buf_reserve(&r->text, n)) return DYAD_ELIMIT;
    size_t bad = dyad__utf8_check(s, n);
    const char *nul = memchr(s, '\0', n);
    if (bad == n && !nul) return dyad__buf_put(&r->text, s, n);
    if (bad != n && dyad__legacy_8bit(s, n)) {       /* transcode to UTF-8 */
        dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_EENCODING, file,
                    base_line + line_at(s, bad) - 1, bad,
                    "not UTF-8: read as Windows-1252 (Latin-1)");
        return dyad__put_cp1252(&r->text, s, n);
    }
    if (nul)
        dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_EENCODING, file,
                    base_line + line_at(s, (size_t)(nul - s)) - 1,
                    (unsigned long)(nul - s),
                    "NUL byte in text; replaced by a space");
    if (bad != n)
        dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_EENCODING, file,
                    base_line + line_at(s, bad) - 1, bad,
                    "invalid UTF-8 at byte %zu; invalid bytes replaced by U+FFFD",
                    bad);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) { dyad__buf_putc(&r->text, ' '); i++; continue; }
        if (c < 0x80) { dyad__buf_putc(&r->text, (char)c); i++; continue; }
        int32_t cp;
        size_t k = dyad__utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1) dyad__buf_put(&r->text, "\xEF\xBF\xBD", 3);
        else dyad__buf_put(&r->text, s + i, k);
        i += k;
    }
    return DYAD_OK;
}

/* A file in UTF-16 (by its byte-order mark), or a page declaring a charset
 * other than UTF-8 whose bytes are not UTF-8, is converted to UTF-8 in
 * r->conv and *s, *n point there. An undeclared legacy encoding is left to
 * repair(); an unknown charset is reported and the bytes read as they are.
 * Only running out of room fails. */
static dyad_status to_utf8(dyad_reader *r, const char *path, const char **s,
                           size_t *n)
{
    const char *from = dyad__utf16_bom(*s, *n);
    char declared[48];
    size_t skip = 0;
    if (from) {
        skip = 2;
    } else if (dyad__declared_charset(*s, *n, declared, sizeof declared) &&
               !dyad__charset_is_utf8(declared) &&
               dyad__utf8_check(*s, *n) != *n) {   /* whole-text pass last */
        from = declared;
    } else {
        return DYAD_OK;
    }
    size_t bad = 0;
    dyad_status st = dyad__transcode(from, *s + skip, *n - skip, &r->conv, &bad);
    if (st == DYAD_EINVAL) {
        dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_EENCODING, path, 1, 0,
                    "unknown encoding \"%s\" declared; read as UTF-8, else "
                    "Windows-1252", from);
        return DYAD_OK;
    }
    if (st) return st;
    if (bad)
        dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_EENCODING, path, 1, 0,
                    "%zu bytes not valid in %s replaced by U+FFFD", bad, from);
    *s = r->conv.p ? r->conv.p : "";
    *n = r->conv.len;
    return DYAD_OK;
}

/* ------------------------------------------------------------ text files */

static void set_str(char **dst, const char *s)
{
    free(*dst);
    *dst = s ? strdup(s) : NULL;
}

static char *id_from_path(const char *p)
{
    const char *b = strrchr(p, '/');
    b = b ? b + 1 : p;
    size_t n = strlen(b);
    if (n > 3 && !strcmp(b + n - 3, ".gz")) n -= 3;        /* x.html.gz */
    else if (n > 4 && !strcmp(b + n - 4, ".zst")) n -= 4;
    size_t dot = n;
    while (dot > 0 && b[dot - 1] != '.') dot--;
    if (dot > 1) n = dot - 1;                              /* x.txt */
    char *id = malloc(n + 1);
    if (id) {
        memcpy(id, b, n);
        id[n] = '\0';
    }
    return id;
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

/* A .zst file through libzstd's streaming decoder, with the document
 * ceiling: 1 = too large, -1 = read error or not zstd data, 2 = cut short. */
static int slurp_zstd(const char *path, dyad__buf *b, size_t limit)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    ZSTD_DCtx *z = ZSTD_createDCtx();
    size_t in_cap = ZSTD_DStreamInSize(), out_cap = ZSTD_DStreamOutSize();
    char *in = malloc(in_cap), *out = malloc(out_cap);
    int rc = (!z || !in || !out) ? -1 : 0;
    size_t last = 0, got;
    b->len = 0;
    while (rc == 0 && (got = fread(in, 1, in_cap, f)) > 0) {
        ZSTD_inBuffer ib = {in, got, 0};
        while (rc == 0 && ib.pos < ib.size) {
            ZSTD_outBuffer ob = {out, out_cap, 0};
            last = ZSTD_decompressStream(z, &ob, &ib);
            if (ZSTD_isError(last)) rc = -1;
            else if (b->len + ob.pos > limit) rc = 1;
            else if (dyad__buf_put(b, out, ob.pos)) rc = -1;
        }
    }
    if (rc == 0 && ferror(f)) rc = -1;
    if (rc == 0 && last != 0) rc = 2;       /* a frame left unfinished */
    ZSTD_freeDCtx(z);
    free(in);
    free(out);
    fclose(f);
    return rc;
}

/* Read a whole file through zlib (which reads uncompressed files as they
 * are), or libzstd for .zst, with the document ceiling. 1 = too large,
 * -1 = read error, 2 = a compressed file cut short (what it held is read). */
static int slurp_file(const char *path, dyad__buf *b, size_t limit)
{
    size_t pl = strlen(path);
    if (pl > 4 && !strcmp(path + pl - 4, ".zst")) return slurp_zstd(path, b, limit);
    gzFile g = gzopen(path, "rb");
    if (!g) return -1;
    b->len = 0;
    char tmp[1 << 16];
    int n, rc = 0;
    while ((n = gzread(g, tmp, sizeof tmp)) > 0) {
        if (b->len + (size_t)n > limit) {
            rc = 1;
            break;
        }
        if (dyad__buf_put(b, tmp, (size_t)n)) {
            rc = -1;
            break;
        }
    }
    int err = Z_OK;
    gzerror(g, &err);
    if (n < 0) rc = err == Z_BUF_ERROR ? 2 : -1;
    else if (rc == 0 && err == Z_BUF_ERROR) rc = 2;
    gzclose(g);
    return rc;
}

/* An HTML page, by its file name or its first bytes. */
static int is_html(const char *path, const char *s, size_t n)
{
    if (ends_with(path, ".html") || ends_with(path, ".htm") ||
        ends_with(path, ".html.gz") || ends_with(path, ".htm.gz") ||
        ends_with(path, ".html.zst") || ends_with(path, ".xhtml"))
        return 1;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    if (i >= n || s[i] != '<') return 0;
    static const char *const starts[] = {"<!doctype html", "<html", "<head",
                                         "<body", "<!--", "<meta", NULL};
    for (int k = 0; starts[k]; k++) {
        size_t m = strlen(starts[k]);
        if (n - i < m) continue;
        size_t j = 0;
        while (j < m && (s[i + j] | 0x20) == starts[k][j]) j++;
        if (j == m) return 1;
    }
    return 0;
}

/* A page too deep or too large to parse was flattened to all its text. */
static void warn_flattened(dyad_reader *r, const char *path, unsigned long line)
{
    dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_ELIMIT, path, line, 0,
                "markup nested too deeply or too large to parse; all of its "
                "text is coded");
}

/* Replace the document text (r->text) by the article of the page, and
 * take its metadata. */
static dyad_status from_html(dyad_reader *r, const char *path,
                             unsigned long line, int *date)
{
    dyad_extracted x;
    dyad_status st = dyad_html_extract(r->text.p ? r->text.p : "", r->text.len, &x);
    if (st) {
        rejectf(r, path, line, st, "%s; page skipped", dyad_strerror(st));
        return st;
    }
    if (x.flattened) warn_flattened(r, path, line);
    r->text.len = 0;
    if ((st = dyad__buf_put(&r->text, x.text, x.len)) != DYAD_OK) {
        dyad_extracted_free(&x);
        rejectf(r, path, line, st, "%s; page skipped", dyad_strerror(st));
        return st;
    }
    if (x.title) set_str(&r->title, x.title);
    if (x.url) set_str(&r->url, x.url);
    if (x.outlet) set_str(&r->outlet, x.outlet);
    if (x.date) *date = dyad_date_parse(x.date, strlen(x.date));
    dyad_extracted_free(&x);
    return DYAD_OK;
}

/* Drop the blank lines at the start of p[0, n) and all but one of each run
 * of blank lines (dropped clutter leaves such runs); returns the new
 * length. */
static size_t squeeze_blank_lines(char *p, size_t n)
{
    size_t out = 0;
    int prev_blank = 1;                  /* the start counts as a blank */
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) + 1 : n;
        int blank = 1;
        for (size_t k = i; k < e && blank; k++)
            if (p[k] != ' ' && p[k] != '\t' && p[k] != '\r' && p[k] != '\n')
                blank = 0;
        if (!(blank && prev_blank)) {
            memmove(p + out, p + i, e - i);
            out += e - i;
        }
        prev_blank = blank;
        i = e;
    }
    return out;
}

/* Scraped text (a text file, or the text field of a JSONL line) in text:
 * character references decoded, the publication date read from its first
 * lines (before they go), then the clutter dropped (boiler.c), each dropped run of lines
 * leaving one line break; the title, and an outlet an attribution or a wire
 * credit names, are taken. */
static dyad_status clean_text(dyad_reader *r, dyad__buf *text,
                              dyad__buf *scratch, int *date)
{
    text->len = dyad__decode_entities(text->p ? text->p : "", text->len);
    const char *s = text->p ? text->p : "";
    size_t n = text->len;
    if (!*date) {
        uint32_t line[2];
        *date = dyad__find_pub_date(s, n, line);
    }
    dyad__boiler b;
    dyad_status st = dyad__boilerplate(s, n, &b);
    if (st) return st;
    if (!r->outlet && b.outlet_len) {
        const char *known = dyad__agency_name(s + b.outlet_from, b.outlet_len);
        r->outlet = known ? strdup(known) : strndup(s + b.outlet_from, b.outlet_len);
    } else if (!r->outlet && b.agency) {
        r->outlet = strdup(b.agency);
    }
    if (!r->title && b.title_len) r->title = strndup(s + b.title_from, b.title_len);
    if (b.n) {
        scratch->len = 0;
        size_t at = 0;
        for (size_t k = 0; k < b.n && !st; k++) {
            st = dyad__buf_put(scratch, s + at, b.spans[k][0] - at);
            if (!st) st = dyad__buf_putc(scratch, '\n');
            at = b.spans[k][1];
        }
        if (!st) st = dyad__buf_put(scratch, s + at, n - at);
        if (!st) scratch->len = squeeze_blank_lines(scratch->p, scratch->len);
        if (!st) {   /* the cleaned text becomes the text; ceilings stay */
            dyad__buf tmp = *text;
            *text = *scratch;
            *scratch = tmp;
            scratch->limit = text->limit;
            text->limit = tmp.limit;
        }
    }
    dyad__boiler_free(&b);
    return st;
}

/* Read a whole stream with the document ceiling. 1 = too large. */
static int slurp(FILE *f, dyad__buf *b, size_t limit)
{
    b->len = 0;
    char tmp[1 << 16];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b->len + n > limit) return 1;
        if (dyad__buf_put(b, tmp, n)) return -1;
    }
    return ferror(f) ? -1 : 0;
}

static dyad_status text_doc(dyad_reader *r, const char *path, dyad_doc *doc)
{
    int rc;
    if (r->stdin_mode) {
        rc = slurp(stdin, &r->raw, DYAD_MAX_DOC_BYTES);
    } else {
        FILE *f = fopen(path, "rb");          /* for its error message */
        if (!f) {
            rejectf(r, path, 0, DYAD_EIO, "cannot open: %s", strerror(errno));
            return DYAD_EIO;
        }
        fclose(f);
        rc = slurp_file(path, &r->raw, DYAD_MAX_DOC_BYTES);
        if (rc == 2) {
            dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_EIO, path, 0, 0,
                        "compressed file is cut short; what it holds up to "
                        "the break is read");
            rc = 0;
        }
    }
    if (rc) {
        rejectf(r, path, 1, rc > 0 ? DYAD_ELIMIT : DYAD_EIO,
                "%s; document skipped",
                rc > 0 ? "file is larger than the document limit"
                       : "read error");
        return DYAD_EIO;
    }
    const char *s = r->raw.p ? r->raw.p : "";
    size_t n = r->raw.len;
    if (n == 0) {
        dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_OK, path, 0, 0,
                    "empty file: no document");
        return DYAD_EIO;
    }
    dyad_status cst = to_utf8(r, path, &s, &n);
    if (cst) {
        rejectf(r, path, 1, cst, "%s; file skipped", dyad_strerror(cst));
        return DYAD_EIO;
    }
    if (dyad__looks_binary(s, n)) {
        rejectf(r, path, 1, DYAD_EENCODING, "%s; file skipped",
                "binary data, not text");
        return DYAD_EIO;
    }
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {   /* byte-order mark */
        s += 3;
        n -= 3;
    }
    if (repair(r, path, 1, s, n)) {
        rejectf(r, path, 1, DYAD_ENOMEM, "%s", "out of memory");
        return DYAD_EIO;
    }
    free(r->id);
    r->id = r->stdin_mode ? strdup("stdin") : id_from_path(path);
    set_str(&r->title, NULL);
    set_str(&r->url, NULL);
    set_str(&r->outlet, NULL);
    int date = 0;
    if (is_html(path, s, n)) {
        dyad_status st = from_html(r, path, 1, &date);
        if (st) return st == DYAD_ENOMEM ? DYAD_ENOMEM : DYAD_EIO;
    } else if (clean_text(r, &r->text, &r->raw, &date)) {
        rejectf(r, path, 1, DYAD_ENOMEM, "%s", "out of memory");
        return DYAD_EIO;
    }
    memset(doc, 0, sizeof *doc);
    doc->id = r->id;
    doc->text = r->text.p ? r->text.p : "";
    doc->len = r->text.len;
    doc->date = date;
    doc->title = r->title;
    doc->url = r->url;
    doc->outlet = r->outlet;
    doc->origin = path;
    doc->origin_line = 0;
    return r->id ? DYAD_OK : DYAD_ENOMEM;
}

/* ------------------------------------------------------------ JSONL */

/* Read one line with a ceiling, through a block buffer. Returns 1 with
 * the line in r->raw, 0 at the end, 2 when the line was too long (read
 * and dropped). */
static int read_line(dyad_reader *r)
{
    r->raw.len = 0;
    int too_long = 0, any = 0;
    for (;;) {
        if (r->ipos == r->ilen) {
            r->ilen = fread(r->ibuf, 1, sizeof r->ibuf, r->f);
            r->ipos = 0;
            if (r->ilen == 0) break;
        }
        any = 1;
        const char *p = r->ibuf + r->ipos;
        size_t avail = r->ilen - r->ipos;
        const char *nl = memchr(p, '\n', avail);
        size_t n = nl ? (size_t)(nl - p) : avail;
        if (!too_long) {
            if (r->raw.len + n > DYAD_MAX_LINE_BYTES ||
                dyad__buf_put(&r->raw, p, n) != DYAD_OK)
                too_long = 1;
        }
        r->ipos += n + (nl != NULL);
        r->bytes_done += n + (nl != NULL);
        if (nl) break;
    }
    if (!any) return 0;
    r->line++;
    return too_long ? 2 : 1;
}

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* JSON strings cannot carry NUL through the parser: turn \u0000 escapes in
 * the line into spaces first (with a warning), so no text is cut short. */
static void neutralize_nul_escapes(dyad_reader *r)
{
    char *p = r->text.p, *end = p + r->text.len;
    int warned = 0;
    while (p && p < end && (p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
        if (end - p >= 6 && !memcmp(p, "\\u0000", 6)) {
            memcpy(p, "\\u0020", 6);
            if (!warned++)
                dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_EENCODING, r->cur,
                            r->line, 0,
                            "\\u0000 in a JSON string; replaced by a space");
            p += 6;
        } else {
            p += end - p >= 2 ? 2 : 1;   /* skip the escaped character */
        }
    }
}

/* Parse the JSON document in r->text (already repaired). */
static dyad_status json_doc(dyad_reader *r, dyad_doc *doc)
{
    neutralize_nul_escapes(r);
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(r->text.p, r->text.len, &end, 0);
    if (!o) {
        char msg[160];
        size_t col = end && end >= r->text.p ? (size_t)(end - r->text.p) + 1 : 0;
        snprintf(msg, sizeof msg, "malformed JSON near column %zu", col);
        rejectf(r, r->cur, r->line, DYAD_ESYNTAX, "%s; line skipped", msg);
        return DYAD_ESYNTAX;
    }
    dyad_status st = DYAD_ESYNTAX;
    const cJSON *jid = cJSON_GetObjectItemCaseSensitive(o, "id");
    const char *text = jstr(o, "text");
    const char *html = text ? NULL : jstr(o, "html");
    dyad_extracted page;
    memset(&page, 0, sizeof page);
    if (!cJSON_IsObject(o)) {
        rejectf(r, r->cur, r->line, DYAD_ESYNTAX, "%s; line skipped",
                "not a JSON object");
    } else if (html && (st = dyad_html_extract(html, strlen(html), &page))) {
        rejectf(r, r->cur, r->line, st, "%s; line skipped", dyad_strerror(st));
    } else if (!text && !html) {
        rejectf(r, r->cur, r->line, DYAD_ESYNTAX, "%s; line skipped",
                "no \"text\" or \"html\" string");
    } else {
        if (html) {                      /* the page's article and metadata */
            text = page.text;
            if (page.flattened) warn_flattened(r, r->cur, r->line);
        }
        char idbuf[64];
        const char *id = cJSON_IsString(jid) ? jid->valuestring : NULL;
        if (cJSON_IsNumber(jid)) {
            snprintf(idbuf, sizeof idbuf, "%.0f", jid->valuedouble);
            id = idbuf;
        }
        if (!id || !*id) {
            snprintf(idbuf, sizeof idbuf, "line%lu", r->line);
            id = idbuf;
            if (!r->warned_id++)
                dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_OK, r->cur, r->line,
                            0, "document has no \"id\"; using \"line<N>\" (the "
                            "line number) for it and for others like it");
        }
        set_str(&r->id, id);
        /* the line's own fields first, then what the page says */
        set_str(&r->title, jstr(o, "title") ? jstr(o, "title") : page.title);
        set_str(&r->url, jstr(o, "url") ? jstr(o, "url") : page.url);
        set_str(&r->outlet, jstr(o, "outlet") ? jstr(o, "outlet") : page.outlet);
        memset(doc, 0, sizeof *doc);
        const char *date = jstr(o, "date");
        if (!date && page.date && dyad_date_parse(page.date, strlen(page.date)))
            date = page.date;
        if (date) {
            doc->date = dyad_date_parse(date, strlen(date));
            if (!doc->date)
                dyad__diagf(&r->sink, DYAD_SEV_WARNING, DYAD_ESYNTAX, r->cur,
                            r->line, 0, "bad date \"%.40s\" (want YYYY-MM-DD); "
                            "ignored", date);
        }
        r->raw.len = 0;
        st = dyad__buf_put(&r->raw, text, strlen(text));
        if (!st && !html) {              /* scraped text, as in a file */
            int found = doc->date;
            st = clean_text(r, &r->raw, &r->conv, &found);
            if (!doc->date) doc->date = found;
        }
        if (st == DYAD_OK) {
            doc->id = r->id;
            doc->text = r->raw.p ? r->raw.p : "";
            doc->len = r->raw.len;
            doc->title = r->title;
            doc->url = r->url;
            doc->outlet = r->outlet;
            doc->origin = r->cur;
            doc->origin_line = r->line;
            st = r->id ? DYAD_OK : DYAD_ENOMEM;
        }
    }
    dyad_extracted_free(&page);
    cJSON_Delete(o);
    return st;
}

static dyad_status next_json(dyad_reader *r, dyad_doc *doc)
{
    for (;;) {
        int k = read_line(r);
        if (k == 0) return DYAD_EEOF;
        if (k == 2) {
            char msg[96];
            snprintf(msg, sizeof msg, "line is longer than %u bytes",
                     (unsigned)DYAD_MAX_LINE_BYTES);
            rejectf(r, r->cur, r->line, DYAD_ELIMIT, "%s; skipped", msg);
            continue;
        }
        size_t n = r->raw.len, i = 0;
        while (i < n && (r->raw.p[i] == ' ' || r->raw.p[i] == '\t' ||
                         r->raw.p[i] == '\r'))
            i++;
        if (i == n) continue;                         /* blank line */
        if (repair(r, r->cur, r->line, r->raw.p, n)) {
            rejectf(r, r->cur, r->line, DYAD_ELIMIT, "%s; skipped",
                    "line too large");
            continue;
        }
        if (json_doc(r, doc) == DYAD_OK) return DYAD_OK;
    }
}

dyad_status dyad_reader_next(dyad_reader *r, dyad_doc *doc)
{
    for (;;) {
        if (r->f) {
            dyad_status st = next_json(r, doc);
            if (st == DYAD_OK) return st;
            if (r->f != stdin) fclose(r->f);
            r->f = NULL;
            continue;
        }
        if (r->next >= r->npaths) return DYAD_EEOF;
        const char *p = r->paths[r->next++];
        dyad_input_kind k = r->kind;
        if (k == DYAD_INPUT_AUTO)
            k = ends_with(p, ".jsonl") ? DYAD_INPUT_JSONL : DYAD_INPUT_TEXT;
        struct stat st;    /* JSONL counts its lines as they are read */
        if (k == DYAD_INPUT_TEXT && !r->stdin_mode && stat(p, &st) == 0)
            r->bytes_done += (uint64_t)st.st_size;
        if (k == DYAD_INPUT_JSONL) {
            r->f = r->stdin_mode ? stdin : fopen(p, "rb");
            r->cur = p;
            r->line = 0;
            r->ipos = r->ilen = 0;
            if (!r->f)
                rejectf(r, p, 0, DYAD_EIO, "cannot open: %s", strerror(errno));
            continue;
        }
        if (text_doc(r, p, doc) == DYAD_OK) return DYAD_OK;
    }
}

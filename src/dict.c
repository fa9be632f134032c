/*
 * dict.c - the public dictionary API: queue sources (files, text, built-in
 * defaults), compile them into an image with the per-kind readers, or reuse
 * a binary cache keyed by the sources' content.
 */
#include "dict.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "builtin.h"
#include "dict_forms.h"
#include "dict_verbs.h"

#define CACHE_FORMAT 21u   /* bump when the image layout or a reader changes */

typedef struct source {
    dyad_dict_kind kind;
    char *name;                  /* owned */
    char *text;                  /* owned; NULL for a file not yet read */
    size_t len;
    const char *static_text;     /* built-in data, not owned */
} source;

struct dyad_dict_builder {
    source *src;
    size_t n, cap;
};

dyad_status dyad_dict_builder_new(dyad_dict_builder **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? DYAD_OK : DYAD_ENOMEM;
}

void dyad_dict_builder_free(dyad_dict_builder *b)
{
    if (!b) return;
    for (size_t k = 0; k < b->n; k++) {
        free(b->src[k].name);
        free(b->src[k].text);
    }
    free(b->src);
    free(b);
}

static source *add_source(dyad_dict_builder *b, dyad_dict_kind k,
                          const char *name)
{
    if ((unsigned)k >= DYAD_DICT_KINDS) return NULL;
    if (DYAD_GROW(b->src, b->cap, b->n + 1)) return NULL;
    source *s = &b->src[b->n];
    memset(s, 0, sizeof *s);
    s->kind = k;
    s->name = strdup(name);
    if (!s->name) return NULL;
    b->n++;
    return s;
}

dyad_status dyad_dict_builder_add_file(dyad_dict_builder *b, dyad_dict_kind k,
                                       const char *path)
{
    if (!b || !path) return DYAD_EINVAL;
    return add_source(b, k, path) ? DYAD_OK : DYAD_ENOMEM;
}

dyad_status dyad_dict_builder_add_text(dyad_dict_builder *b, dyad_dict_kind k,
                                       const char *name, const char *text,
                                       size_t len)
{
    if (!b || !name || (!text && len)) return DYAD_EINVAL;
    source *s = add_source(b, k, name);
    if (!s) return DYAD_ENOMEM;
    s->text = malloc(len + 1);
    if (!s->text) return DYAD_ENOMEM;
    if (len) memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
    return DYAD_OK;
}

dyad_status dyad_dict_builder_add_builtin(dyad_dict_builder *b,
                                          dyad_dict_kind k)
{
    if (!b) return DYAD_EINVAL;
    for (size_t i = 0; i < dyad__builtin_count; i++) {
        const dyad__builtin_file *f = &dyad__builtin_files[i];
        if ((dyad_dict_kind)f->kind != k) continue;
        char name[256];
        snprintf(name, sizeof name, "builtin:%s", f->name);
        source *s = add_source(b, k, name);
        if (!s) return DYAD_ENOMEM;
        s->static_text = f->data;
        s->len = f->len;
    }
    return DYAD_OK;
}

/* Read a whole file into memory (NUL-terminated). */
static dyad_status slurp(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return DYAD_EIO;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return DYAD_EIO;
    }
    dyad__buf buf;
    dyad__buf_init(&buf, DYAD_MAX_DICT_FILE_BYTES);
    char tmp[1 << 16];
    size_t n;
    dyad_status rc = DYAD_OK;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        if ((rc = dyad__buf_put(&buf, tmp, n)) != DYAD_OK) break;
    if (!rc && ferror(f)) rc = DYAD_EIO;
    fclose(f);
    if (rc) {
        dyad__buf_free(&buf);
        return rc;
    }
    if (!buf.p && dyad__buf_reserve(&buf, 0)) return DYAD_ENOMEM;
    buf.p[buf.len] = '\0';
    *out = buf.p;
    *len = buf.len;
    return DYAD_OK;
}

static const char *src_text(const source *s)
{
    return s->static_text ? s->static_text : s->text;
}

static void content_key(dyad_dict_builder *b, uint64_t key[2])
{
    /* the key covers the image layout and reader version (CACHE_FORMAT:
     * bump it when a reader or the layout changes), the function-word
     * table, and every source's kind, name and text */
    key[0] = CACHE_FORMAT ^ dyad__builtin_words_hash();
    key[1] = 0x5a5a5a5aull ^ CACHE_FORMAT;
    for (size_t k = 0; k < b->n; k++) {
        const source *s = &b->src[k];
        if (!src_text(s)) continue;
        uint64_t meta[2] = {(uint64_t)s->kind, (uint64_t)s->len};
        key[0] = dyad__hash(meta, sizeof meta, key[0]);
        key[0] = dyad__hash(s->name, strlen(s->name), key[0]);
        key[0] = dyad__hash(src_text(s), s->len, key[0]);
        key[1] = dyad__hash(src_text(s), s->len, key[1] ^ key[0]);
    }
}

static void replay_diags(const dyad_dict *d, dyad__diag_sink *sink)
{
    const dyad__image *im = &d->im;
    for (size_t k = 0; k < im->n_sdiags; k++) {
        const dyad__sdiag *sd = &im->sdiags[k];
        dyad__diagf(sink, (dyad_severity)sd->severity, (dyad_status)sd->code,
                    dyad__str(im, sd->file), sd->line, 0, "%s",
                    dyad__str(im, sd->msg));
    }
}

static void compile_sources(dyad_dict_builder *db, dyad__builder *b)
{
    /* the forms tables first: the verbs readers consult them */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < db->n && !b->oom; k++) {
            const source *s = &db->src[k];
            const char *text = src_text(s);
            if (!text || (s->kind == DYAD_DICT_FORMS) != (pass == 0)) continue;
            b->cur_file = dyad__b_str(b, s->name, strlen(s->name));
            b->cur_name = s->name;
            DYAD__B_PUSH(b, files, b->cur_file);
            switch (s->kind) {
            case DYAD_DICT_ACTORS: dyad__read_actors(b, text, s->len); break;
            case DYAD_DICT_AGENTS: dyad__read_agents(b, text, s->len); break;
            case DYAD_DICT_VERBS: dyad__read_verbs(b, text, s->len); break;
            case DYAD_DICT_DISCARDS: dyad__read_discards(b, text, s->len); break;
            case DYAD_DICT_ISSUES: dyad__read_issues(b, text, s->len); break;
            case DYAD_DICT_FORMS: dyad__read_forms(b, text, s->len); break;
            default: break;
            }
        }
    }
    b->cur_name = NULL;
    dyad__verbs_finish(b);
    dyad__forms_free(b->forms);
    b->forms = NULL;
    dyad__builder_finish(b);
}

static void lookup_helpers(dyad_dict *d)
{
    d->w_s = dyad__word_find(&d->im, "'S", 2);
}

dyad_status dyad_dict_build(dyad_dict_builder *db, const dyad_dict_options *opt,
                            dyad_dict **out, size_t *n_errors)
{
    dyad__diag_sink sink = {opt ? opt->diag : NULL, opt ? opt->diag_ud : NULL,
                            0, 0};
    *out = NULL;
    if (n_errors) *n_errors = 0;
    for (size_t k = 0; k < db->n; k++) {
        source *s = &db->src[k];
        if (s->text || s->static_text) continue;
        dyad_status st = slurp(s->name, &s->text, &s->len);
        if (st)
            dyad__diagf(&sink, DYAD_SEV_ERROR, st, s->name, 0, 0,
                        "cannot read dictionary: %s",
                        st == DYAD_ELIMIT ? "file too large" : dyad_strerror(st));
    }
    dyad_dict *d = calloc(1, sizeof *d);
    if (!d) return DYAD_ENOMEM;
    uint64_t key[2];
    content_key(db, key);
    d->key[0] = key[0];
    d->key[1] = key[1];
    char path[4096] = "";
    if (opt && opt->cache_dir && *opt->cache_dir) {
        snprintf(path, sizeof path, "%s/dyad-%016llx%016llx.dict",
                 opt->cache_dir, (unsigned long long)key[0],
                 (unsigned long long)key[1]);
        if (dyad__cache_load(path, key, d) == DYAD_OK) {
            d->from_cache = 1;
            replay_diags(d, &sink);
            lookup_helpers(d);
            if (n_errors) *n_errors = sink.errors;
            *out = d;
            return DYAD_OK;
        }
    }
    dyad__builder *b = malloc(sizeof *b);
    if (!b || dyad__builder_init(b, &sink)) {
        if (b) dyad__builder_free(b);
        free(b);
        free(d);
        return DYAD_ENOMEM;
    }
    compile_sources(db, b);
    if (b->oom) {
        dyad__builder_free(b);
        free(b);
        free(d);
        return DYAD_ENOMEM;
    }
    d->im = b->im;          /* the dict takes the arrays over */
    free(b);
    lookup_helpers(d);
    if (*path) dyad__cache_save(path, key, &d->im);   /* best effort */
    if (n_errors) *n_errors = sink.errors;
    *out = d;
    return DYAD_OK;
}

void dyad_dict_free(dyad_dict *d)
{
    if (!d) return;
    if (d->map) {
        dyad__cache_unmap(d);
    } else {
#define DYAD__FREE(T, name) free(d->im.name);
        DYAD__IMAGE_ARRAYS(DYAD__FREE)
#undef DYAD__FREE
    }
    free(d);
}

void dyad_dict_fingerprint(const dyad_dict *d, char out[33])
{
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)d->key[0],
             (unsigned long long)d->key[1]);
}

void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *st)
{
    const dyad__image *im = &d->im;
    memset(st, 0, sizeof *st);
    st->words = im->n_words;
    st->actor_phrases = im->n_actors;
    st->agent_phrases = im->n_agents;
    st->verb_forms = im->n_vforms;
    st->patterns = im->n_patterns;
    st->synsets = im->n_synsets;
    st->discards = im->n_discards;
    st->issues = im->n_issues;
    st->from_cache = d->from_cache;
}

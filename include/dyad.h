/*
 * dyad.h - the public interface of libdyad, the political event coder.
 *
 * dyad turns news text into event records: who did what to whom, when. This
 * header is the only one the command-line tool and other programs include.
 * The pipeline behind it: read -> sentences -> tokens -> actors -> verb
 * patterns -> events. Dictionaries (TABARI / PETRARCH-1 language) are compiled
 * once into an immutable dyad_dict that any number of coders, one per thread,
 * share. The library never prints, exits or aborts: errors come back as a
 * dyad_status and, for input problems, as diagnostics naming file and line.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"

/* ---------------------------------------------------------------- status */

typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_ENOMEM,     /* an allocation failed */
    DYAD_EIO,        /* a file could not be opened, read or written */
    DYAD_ESYNTAX,    /* malformed input: dictionary line, JSON, XML, tree */
    DYAD_EENCODING,  /* invalid UTF-8, NUL bytes or binary data */
    DYAD_ELIMIT,     /* a ceiling from the limits table was reached */
    DYAD_EINVAL,     /* a bad argument or option value */
    DYAD_ECACHE,     /* a dictionary cache file is stale or damaged */
    DYAD_EEOF        /* no more input (not an error for readers) */
} dyad_status;

/* A static English description of a status; never NULL. */
const char *dyad_strerror(dyad_status st);

/* ----------------------------------------------------------- diagnostics */

typedef enum dyad_severity {
    DYAD_SEV_ERROR = 0,  /* input was rejected (a line, an entry, a doc) */
    DYAD_SEV_WARNING,    /* input was accepted with a repair */
    DYAD_SEV_NOTE        /* information, e.g. a cache was used */
} dyad_severity;

/* A message about input. All pointers are borrowed for the duration of the
 * callback only. line is 1-based, 0 when unknown; offset is a byte offset
 * into the line or document, 0 when unknown. */
typedef struct dyad_diag {
    dyad_severity severity;
    dyad_status code;
    const char *file;
    unsigned long line;
    unsigned long offset;
    const char *message;
} dyad_diag;

typedef void (*dyad_diag_fn)(void *ud, const dyad_diag *d);

/* ----------------------------------------------------------- dictionaries */

typedef enum dyad_dict_kind {
    DYAD_DICT_ACTORS = 0,
    DYAD_DICT_AGENTS,
    DYAD_DICT_VERBS,
    DYAD_DICT_DISCARDS,
    DYAD_DICT_ISSUES,
    DYAD_DICT_FORMS,         /* verb forms table: `LEMMA {FORMS}` lines */
    DYAD_DICT_KINDS
} dyad_dict_kind;

typedef struct dyad_dict dyad_dict;               /* compiled, immutable */
typedef struct dyad_dict_builder dyad_dict_builder;

typedef struct dyad_dict_options {
    const char *cache_dir;   /* NULL: no binary cache */
    dyad_diag_fn diag;       /* receives loader errors; may be NULL */
    void *diag_ud;
} dyad_dict_options;

/* Caller frees with dyad_dict_builder_free(). */
dyad_status dyad_dict_builder_new(dyad_dict_builder **out);
void dyad_dict_builder_free(dyad_dict_builder *b);

/* Queue a dictionary file of the given kind. The file is read by
 * dyad_dict_build(); its dialect (TABARI or PETRARCH-1) is detected there. */
dyad_status dyad_dict_builder_add_file(dyad_dict_builder *b, dyad_dict_kind k,
                                       const char *path);
/* Queue dictionary text held in memory; name is used in messages. The text
 * is copied. */
dyad_status dyad_dict_builder_add_text(dyad_dict_builder *b, dyad_dict_kind k,
                                       const char *name, const char *text,
                                       size_t len);
/* Queue the built-in default dictionaries of a kind. */
dyad_status dyad_dict_builder_add_builtin(dyad_dict_builder *b,
                                          dyad_dict_kind k);

/* Compile everything queued. Loader errors go to opt->diag and loading goes
 * on; *n_errors (may be NULL) receives how many entries were rejected.
 * With opt->cache_dir set, a binary image keyed by the sources' content is
 * reused or written. Caller frees *out with dyad_dict_free(). */
dyad_status dyad_dict_build(dyad_dict_builder *b, const dyad_dict_options *opt,
                            dyad_dict **out, size_t *n_errors);
void dyad_dict_free(dyad_dict *d);

typedef struct dyad_dict_stats {
    size_t words, actor_phrases, agent_phrases, verb_forms, patterns,
        synsets, discards, issues;
    int from_cache;     /* 1 when the image came from the binary cache */
} dyad_dict_stats;
void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *st);

/* A fingerprint of a compiled set: 32 hex digits and a NUL in out. It
 * changes when any source text or the image layout changes, so a store can
 * tell which documents a new set must recode. */
void dyad_dict_fingerprint(const dyad_dict *d, char out[33]);

/* ------------------------------------------------- for dictionary authors */

/* Check a compiled set beyond what loading it reports: a phrase, verb or
 * pattern listed twice (an error when the two differ in code, since only
 * one is ever used; a warning otherwise), date rules of one entry that
 * overlap or can never apply, phrases, verbs and pattern words that can
 * never match text as dyad tokenizes it, and event codes that are not
 * CAMEO codes. Each finding goes to fn (may be
 * NULL) with the file and line of the entry concerned. */
dyad_status dyad_dict_check(const dyad_dict *d, dyad_diag_fn fn, void *ud,
                            size_t *errors, size_t *warnings);

/* Receives one line of text (no newline); the string is borrowed for the
 * duration of the call only. */
typedef void (*dyad_line_fn)(void *ud, const char *line);
/* Every entry the words of a phrase match, read as the coder reads them
 * (longest match first, left to right), as lines of text: actors with the
 * code their date rules give on date (YYYYMMDD; 0: undated), agents, verb
 * forms with their block and code, discards and synset members, each with
 * its file and line. *n_found (may be NULL) receives the number of
 * entries shown. */
dyad_status dyad_dict_lookup(const dyad_dict *d, const char *text, size_t len,
                             int date, dyad_line_fn fn, void *ud,
                             size_t *n_found);

/* ------------------------------------------------------------------ dates */

/* Dates are integers YYYYMMDD; 0 means unknown. */
int dyad_date_parse(const char *s, size_t len);   /* "2005-11-24" -> 20051124 */
/* Days since 1970-01-01 of a YYYYMMDD date (proleptic Gregorian), and the
 * date of a day number: for date arithmetic and periods. */
long dyad_date_days(int yyyymmdd);
int dyad_date_of_days(long days);

/* ----------------------------------------------------------------- coding */

typedef enum dyad_code_by {
    DYAD_CODE_BY_CLAUSE = 0,  /* first event of each clause (TABARI default) */
    DYAD_CODE_BY_SENTENCE,    /* first event of the sentence */
    DYAD_CODE_ALL             /* every verb that yields an event */
} dyad_code_by;

typedef struct dyad_options {
    int require_dyad;        /* drop events lacking a source or target */
    int new_actor_length;    /* >0: unknown noun phrases up to this many
                                words become actors named by their text */
    int comma_min, comma_max;   /* comma-delimited clause elimination */
    int comma_bmin, comma_bmax; /* ... at the beginning of a sentence */
    int comma_emin, comma_emax; /* ... at the end of a sentence */
    dyad_code_by code_by;
    int dedup_per_doc;       /* one event per (source, target, code) a doc */
    int default_date;        /* YYYYMMDD used where no date is found */
    int text_dates;          /* find publication dates in the text */
    int relative_dates;      /* date events by "on Saturday", "yesterday"... */
    int literal;             /* 1 codes verbs as written, as TABARI and
                                PETRARCH do. 0 (the default) reads them as a
                                careful coder does: negation and modality
                                ("did not attack" no event, "plans to
                                attack" a threat 1384, "will not help" a
                                rejection 122), agentless passives (the
                                subject is the target, the source unknown),
                                reported speech split from its speaker, and
                                visits and meetings named by nouns */
} dyad_options;

/* Fill with the defaults (PETRARCH-1 comma settings, dedup on, careful
 * reading: literal off). */
void dyad_options_init(dyad_options *o);

typedef struct dyad_coder dyad_coder;   /* per-thread state; not shareable */

/* The coder borrows d, which must outlive it. Free with dyad_coder_free(). */
dyad_status dyad_coder_new(const dyad_dict *d, const dyad_options *o,
                           dyad_coder **out);
void dyad_coder_free(dyad_coder *c);
/* Replace the options of an existing coder (validate changes them between
 * records). */
void dyad_coder_set_options(dyad_coder *c, const dyad_options *o);

typedef struct dyad_doc {
    const char *id;           /* required */
    const char *text;         /* UTF-8; need not be NUL-terminated */
    size_t len;
    int date;                 /* YYYYMMDD from metadata, 0 = look/default */
    const char *title, *url, *outlet;   /* optional, may be NULL */
    const char *origin;       /* file name for diagnostics, may be NULL */
    unsigned long origin_line;/* line of the document in origin, or 0 */
} dyad_doc;

/* One side of an event. Strings are NUL-terminated and borrowed. */
typedef struct dyad_actor {
    const char *code;         /* full CAMEO actor code, e.g. "IRNGOV" */
    const char *country;      /* first three letters, or "---" */
    const char *text;         /* the words of the sentence that named it */
} dyad_actor;

/* How precisely an event's place is known: the gazetteer entry it was
 * placed at is a city, a first-level region (a state, province,
 * governorate; placed at its capital) or a country (placed at the
 * population-weighted centre of its GeoNames cities). */
typedef enum dyad_place_precision {
    DYAD_PLACE_NONE = 0,      /* no place: known is 0 */
    DYAD_PLACE_COUNTRY = 1,
    DYAD_PLACE_REGION = 2,
    DYAD_PLACE_CITY = 3
} dyad_place_precision;

/* Where an event happened, from dyad's built-in gazetteer
 * (data/gazetteer/places.tsv): the place named in its sentence (after
 * "in", "at", "near", "outside", "from" ... first), else the dateline's
 * place, else its actors' country. name is the gazetteer's name as a
 * dictionary phrase ("FALLUJAH", "BASRA_PROVINCE", "IRAQ"), country its
 * ISO 3166-1 alpha-3 code; both are static strings. lat and lon are
 * degrees (WGS84). See docs/event-record.md for the rules. */
typedef struct dyad_location {
    const char *name, *country;
    double lat, lon;
    int known;                /* 0: no location (written as null) */
    int precision;            /* a dyad_place_precision */
} dyad_location;

typedef struct dyad_event {
    const char *id;           /* "<doc>-<sentence>-<n>" */
    const char *doc;
    unsigned sentence;        /* 1-based sentence number in the document */
    int date;                 /* YYYYMMDD or 0 */
    dyad_actor source, target;
    const char *cameo;        /* event code, e.g. "0256" */
    char root[3];
    int quad;                 /* 1..4 (GDELT quad class), 0 unknown */
    double goldstein;
    const char *plover;       /* PLOVER event category or "" */
    const char *plover_mode;  /* PLOVER mode ("visit") or "" */
    const char *plover_context;  /* PLOVER context ("military") or "" */
    dyad_location location;
    const char *outlet;       /* may be NULL */
    const char *evidence;     /* the verb phrase words, "urged ... to push" */
    const char *sentence_text;
    const char *issues;       /* "ISSUE,count;..." or NULL */
    /* An event merged from several reports of one act (dyad events
     * --merge): GDELT's NumMentions (events merged), NumSources (outlets)
     * and NumArticles (documents), and the ids of the documents behind
     * it, comma-separated. 0 and NULL for the event of one report. */
    unsigned num_mentions, num_sources, num_articles;
    const char *reports;
} dyad_event;

typedef enum dyad_doc_flag {
    DYAD_DOC_DISCARDED = 1    /* a story-level discard phrase was found */
} dyad_doc_flag;

typedef struct dyad_result {
    const dyad_event *events; /* borrowed until the next call on the coder */
    size_t n_events;
    size_t n_sentences;
    int date;                 /* the document date used */
    unsigned flags;           /* dyad_doc_flag bits */
    const char *dateline;     /* place named in a dateline, or NULL */
    const char *agency;       /* agency named in a dateline (its usual name
                                 when known), or NULL; events take it as
                                 their outlet when the document names none */
} dyad_result;

/* Code one document. Input problems go to diag (may be NULL). The result is
 * borrowed and valid until the next call on this coder. */
dyad_status dyad_code_doc(dyad_coder *c, const dyad_doc *doc,
                          dyad_diag_fn diag, void *diag_ud,
                          const dyad_result **out);

/* Outcome of coding one sentence on its own (validation, explain). */
typedef enum dyad_sentence_status {
    DYAD_SENT_CODED = 0,
    DYAD_SENT_DISCARD_SENTENCE,  /* a sentence-level discard phrase */
    DYAD_SENT_DISCARD_STORY,     /* a story-level discard phrase */
    DYAD_SENT_DATELINE,          /* the text opens with a dateline */
    DYAD_SENT_COMPLEX            /* a [+++] complex code matched */
} dyad_sentence_status;

/* Code one sentence, with no splitting and no per-document merging. */
dyad_status dyad_code_sentence(dyad_coder *c, const char *text, size_t len,
                               int date, dyad_sentence_status *sst,
                               const dyad_result **out);

/* ---------------------------------------------------------------- tracing */

/* With a trace function set, the coder describes what it does: tokens,
 * actor matches with their dictionary entry and date rule, the verb pattern
 * that matched, and why events were made or not. Lines are UTF-8 without a
 * trailing newline, borrowed for the duration of the call. */
typedef enum dyad_trace_kind {
    DYAD_TRACE_SENTENCE = 0, DYAD_TRACE_TOKENS, DYAD_TRACE_ACTOR,
    DYAD_TRACE_AGENT, DYAD_TRACE_VERB, DYAD_TRACE_CLAUSE,
    DYAD_TRACE_PATTERN, DYAD_TRACE_EVENT, DYAD_TRACE_NOTE
} dyad_trace_kind;
typedef void (*dyad_trace_fn)(void *ud, dyad_trace_kind k, const char *line);
void dyad_coder_set_trace(dyad_coder *c, dyad_trace_fn fn, void *ud);

/* ------------------------------------------------------------ CAMEO table */

typedef struct dyad_cameo_info {
    const char *code, *label, *plover, *plover_mode, *plover_context;
    int quad;
    double goldstein;
} dyad_cameo_info;

/* Look up an event code; returns 0 and fills *info, or -1 if unknown. */
int dyad_cameo_lookup(const char *code, dyad_cameo_info *info);

/* ------------------------------------------------------------ web pages */

/* The article of a web page and its metadata. Strings are malloc'ed and
 * NUL-terminated; those not found are NULL (text is never NULL). */
typedef struct dyad_extracted {
    char *text;               /* the article, paragraphs split by blank lines */
    size_t len;
    char *title, *date, *outlet, *author, *url;  /* date as the page gives it */
    int flattened;            /* markup too deeply nested: all its text */
} dyad_extracted;

/* Extract the article of an HTML page (UTF-8). Returns DYAD_ENOMEM or
 * DYAD_EINVAL; on success the caller frees with dyad_extracted_free(). */
dyad_status dyad_html_extract(const char *html, size_t len, dyad_extracted *out);
void dyad_extracted_free(dyad_extracted *x);

/* A dateline opening one of a report's first paragraphs: "TEHRAN, Aug 9
 * (AFP):", "BAGHDAD (Reuters) -". Offsets are into the text given. */
typedef struct dyad_dateline {
    size_t from, to;              /* the whole dateline */
    size_t place_from, place_len; /* "TEHRAN" */
    size_t agency_from, agency_len;   /* "AFP"; agency_len 0: none named */
    const char *agency;           /* its usual name ("Agence France-Presse"
                                     gives "AFP"), static; NULL if none or
                                     not a known agency */
} dyad_dateline;

/* Find the dateline of a report as dyad_code_doc() does (a publication date
 * line is passed over). Returns 1 and fills *out, or 0. */
int dyad_find_dateline(const char *text, size_t len, dyad_dateline *out);

/* ---------------------------------------------------------------- reading */

typedef enum dyad_input_kind {
    DYAD_INPUT_AUTO = 0,      /* by extension: .jsonl = JSONL, else text */
    DYAD_INPUT_TEXT,          /* one document per file */
    DYAD_INPUT_JSONL          /* one JSON document per line */
} dyad_input_kind;

typedef struct dyad_reader dyad_reader;

/* Open a file, a directory (walked recursively, files in name order) or "-"
 * for stdin. Free with dyad_reader_free(). */
dyad_status dyad_reader_open(const char *path, dyad_input_kind kind,
                             dyad_diag_fn diag, void *diag_ud,
                             dyad_reader **out);
/* Next document; DYAD_EEOF at the end. Rejected input (a malformed JSONL
 * line, an unreadable file) is reported to diag and skipped, and counted in
 * dyad_reader_rejected(). The document is borrowed until the next call. */
dyad_status dyad_reader_next(dyad_reader *r, dyad_doc *doc);
size_t dyad_reader_rejected(const dyad_reader *r);
/* How far reading has got, in bytes of the input files: *done read so far,
 * *total the size of every file found at open (0 for stdin). */
void dyad_reader_progress(const dyad_reader *r, uint64_t *done,
                          uint64_t *total);

/* A 128-bit content hash of a document's text (as the reader gives it), by
 * which a store recognises a document it has seen before. */
void dyad_doc_hash(const char *text, size_t len, unsigned char out[16]);
void dyad_reader_free(dyad_reader *r);

/* ----------------------------------------------------------------- output */

typedef enum dyad_format {
    DYAD_FORMAT_JSONL = 0, DYAD_FORMAT_TSV, DYAD_FORMAT_CSV,
    DYAD_FORMAT_GDELT        /* the 61 columns of the GDELT 2.0 event table */
} dyad_format;

/* The event ontology that leads a record. Both codes are always written;
 * PLOVER puts its event, mode and context first (jsonl also gains
 * "ontology" and "code"; tsv/csv put the plover columns before cameo;
 * gdelt's EventCode, EventBaseCode and EventRootCode hold the PLOVER
 * event, mode and context). */
typedef enum dyad_ontology {
    DYAD_ONTOLOGY_CAMEO = 0, DYAD_ONTOLOGY_PLOVER
} dyad_ontology;

/* Append one event in the given format, with a trailing newline, to a
 * growable buffer. *buf is realloc'ed; caller frees it. */
dyad_status dyad_format_event(dyad_format f, const dyad_event *e,
                              char **buf, size_t *len, size_t *cap);
dyad_status dyad_format_event_in(dyad_format f, dyad_ontology o,
                                 const dyad_event *e, char **buf, size_t *len,
                                 size_t *cap);
/* The header line for tsv/csv ("" for jsonl), with a trailing newline. */
const char *dyad_format_header(dyad_format f);
const char *dyad_format_header_in(dyad_format f, dyad_ontology o);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */

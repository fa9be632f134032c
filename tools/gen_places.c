/*
 * gen_places.c - build-time generator: compiles data/gazetteer/places.tsv
 * into constant C tables (places_table.c in the build directory) that
 * src/place.c looks names up in: the rows, an open-addressing hash of their
 * names (dyad__place_hash of src/place.h, linear probing, at most half
 * full), a bit set of the hashes of names' first words and the row of each
 * country's own name. Usage:
 *   gen_places IN.tsv OUT.c
 * Fails on a malformed row or a name listed twice, naming the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "place.h"

#define MAX_ROWS 65000

typedef struct row {
    char *name;
    char country[4];
    int precision;
    double lat, lon;
    unsigned words;
} row;

static int precision_of(const char *s)
{
    if (!strcmp(s, "city")) return DYAD_PLACE_CITY;
    if (!strcmp(s, "region")) return DYAD_PLACE_REGION;
    if (!strcmp(s, "country")) return DYAD_PLACE_COUNTRY;
    return 0;
}

/* One "name TAB country TAB lat TAB lon TAB precision" line into r. */
static int parse_row(char *line, row *r)
{
    char *f[5];
    int k = 0;
    for (char *p = line; k < 5; k++) {
        f[k] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = '\0';
        p = t + 1;
    }
    if (k != 4 || strlen(f[1]) != 3 || !f[0][0]) return -1;
    char *end1, *end2;
    r->lat = strtod(f[2], &end1);
    r->lon = strtod(f[3], &end2);
    r->precision = precision_of(f[4]);
    if (*end1 || *end2 || !r->precision || r->lat < -90 || r->lat > 90 ||
        r->lon < -180 || r->lon > 180)
        return -1;
    r->name = malloc(strlen(f[0]) + 1);
    if (!r->name) return -1;
    memcpy(r->name, f[0], strlen(f[0]) + 1);
    memcpy(r->country, f[1], 4);
    r->words = 1;
    for (const char *p = f[0]; *p; p++) {
        if (*p == '"' || *p == '\\') return -1;
        r->words += *p == '_' || *p == '-';
    }
    return 0;
}

static int read_rows(const char *path, row *rows, unsigned *n)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        perror(path);
        return -1;
    }
    char line[1024];
    unsigned lineno = 0;
    while (fgets(line, sizeof line, in)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        if (*n == MAX_ROWS || parse_row(line, &rows[*n])) {
            fprintf(stderr, "%s:%u: bad row (or more than %d)\n", path, lineno,
                    MAX_ROWS);
            fclose(in);
            return -1;
        }
        ++*n;
    }
    fclose(in);
    return 0;
}

/* Hash every name into slots[0, mask]; fails on a name listed twice. */
static int fill_slots(const row *rows, unsigned n, uint32_t *slots, uint32_t mask)
{
    for (unsigned r = 0; r < n; r++) {
        uint64_t h = dyad__place_hash(DYAD__PLACE_HASH_INIT, rows[r].name,
                                      strlen(rows[r].name));
        uint32_t i = (uint32_t)h & mask;
        for (; slots[i]; i = (i + 1) & mask) {
            const char *a = rows[(slots[i] & 0xffff) - 1].name, *b = rows[r].name;
            while (*a && (*a == *b || ((*a == '-' || *a == '_') &&
                                       (*b == '-' || *b == '_'))))
                a++, b++;
            if (!*a && !*b) {
                fprintf(stderr, "gen_places: %s listed twice\n", rows[r].name);
                return -1;
            }
        }
        slots[i] = dyad__place_tag(h) << 16 | (r + 1);
    }
    return 0;
}

/* The prefix bits of every name: the hash of its first k words for each
 * k short of all of them. */
static void write_prefixes(FILE *out, const row *rows, unsigned n)
{
    static uint64_t bits[DYAD__PLACE_PREFIX_BITS / 64];
    for (unsigned r = 0; r < n; r++) {
        const char *name = rows[r].name;
        uint64_t h = DYAD__PLACE_HASH_INIT;
        for (const char *p = name; *p; p++) {
            if (*p == '_' || *p == '-') {
                uint32_t b = dyad__place_prefix_bit(h);
                bits[b / 64] |= 1ull << (b % 64);
            }
            h = dyad__place_hash(h, p, 1);
        }
    }
    fprintf(out, "const uint64_t dyad__place_prefixes[] = {\n");
    for (unsigned i = 0; i < DYAD__PLACE_PREFIX_BITS / 64; i++)
        fprintf(out, "0x%llxull,%s", (unsigned long long)bits[i], i % 4 == 3 ? "\n" : " ");
    fprintf(out, "};\n\n");
}

static void write_rows(FILE *out, const row *rows, unsigned n)
{
    fprintf(out, "const dyad__place_row dyad__place_rows[] = {\n");
    for (unsigned r = 0; r < n; r++)
        fprintf(out, "    {\"%s\", \"%s\", %d, %.4ff, %.4ff},\n", rows[r].name,
                rows[r].country, rows[r].precision, rows[r].lat, rows[r].lon);
    fprintf(out, "};\nconst uint32_t dyad__place_count = %u;\n\n", n);
}

/* The first country row of each code, in code order (the file is sorted
 * by country, a country's own row first). */
static void write_countries(FILE *out, const row *rows, unsigned n)
{
    unsigned count = 0, words = 0;
    fprintf(out, "const uint16_t dyad__place_countries[] = {\n");
    for (unsigned r = 0; r < n; r++) {
        if (rows[r].words > words) words = rows[r].words;
        if (rows[r].precision != DYAD_PLACE_COUNTRY ||
            (r && !strcmp(rows[r - 1].country, rows[r].country)))
            continue;
        fprintf(out, "    %u,\n", r);
        count++;
    }
    fprintf(out, "};\nconst uint32_t dyad__place_n_countries = %u;\n", count);
    fprintf(out, "const uint32_t dyad__place_max_words = %u;\n", words);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_places IN.tsv OUT.c\n");
        return 2;
    }
    static row rows[MAX_ROWS];
    unsigned n = 0;
    if (read_rows(argv[1], rows, &n)) return 1;
    for (unsigned r = 1; r < n; r++)
        if (strcmp(rows[r - 1].country, rows[r].country) > 0) {
            fprintf(stderr, "%s: rows not sorted by country at %s\n", argv[1],
                    rows[r].name);
            return 1;
        }
    uint32_t size = 1024;
    while (size < 2 * n) size *= 2;
    uint32_t *slots = calloc(size, sizeof *slots);
    if (!slots || fill_slots(rows, n, slots, size - 1)) return 1;
    FILE *out = fopen(argv[2], "w");
    if (!out) {
        perror(argv[2]);
        return 1;
    }
    fprintf(out, "/* Generated by tools/gen_places.c from data/gazetteer/places.tsv: "
                 "do not edit. */\n#include \"place.h\"\n\n");
    write_rows(out, rows, n);
    fprintf(out, "const uint32_t dyad__place_slots[] = {\n");
    for (uint32_t i = 0; i < size; i++)
        fprintf(out, "%uu,%s", slots[i], i % 8 == 7 ? "\n" : " ");
    fprintf(out, "};\nconst uint32_t dyad__place_mask = %uu;\n\n", size - 1);
    write_prefixes(out, rows, n);
    write_countries(out, rows, n);
    free(slots);
    for (unsigned r = 0; r < n; r++) free(rows[r].name);
    return fclose(out) ? 1 : 0;
}

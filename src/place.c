/*
 * place.c - the place of each event (see place.h): gazetteer lookups over a
 * sentence's tokens, the places a coded sentence names and whether a
 * preposition governs them, and the rules that choose one for an event.
 * coder.c calls it only for sentences that produced events; it allocates
 * only the list of a sentence's mentions, in the document arena.
 */
#include "place.h"

#include "sent.h"

/* ------------------------------------------------------------ gazetteer */

const dyad__place_row *dyad__place_country(const char *code)
{
    if (!code || strlen(code) < 3) return NULL;
    uint32_t lo = 0, hi = dyad__place_n_countries;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        const dyad__place_row *r = &dyad__place_rows[dyad__place_countries[mid]];
        int c = memcmp(r->country, code, 3);
        if (c == 0) return r;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* Do tokens [i, j) spell name, words joined by `_` or `-`? */
static int spells(const char *name, const dyad__tok *t, size_t i, size_t j)
{
    const char *p = name;
    for (size_t k = i; k < j; k++) {
        if (k > i) {
            if (*p != '_' && *p != '-') return 0;
            p++;
        }
        if (strncmp(p, t[k].up, t[k].uplen)) return 0;
        p += t[k].uplen;
    }
    return *p == '\0';
}

/* The row whose name has hash h and is spelt by tokens [i, j), or NULL.
 * The table is at most half full, so a probe meets an empty slot. */
static const dyad__place_row *probe(uint64_t h, const dyad__tok *t, size_t i,
                                    size_t j)
{
    uint32_t tag = dyad__place_tag(h);
    for (uint32_t k = (uint32_t)h & dyad__place_mask;; k = (k + 1) & dyad__place_mask) {
        uint32_t v = dyad__place_slots[k];
        if (!v) return NULL;
        if (v >> 16 != tag) continue;
        const dyad__place_row *r = &dyad__place_rows[(v & 0xffff) - 1];
        if (spells(r->name, t, i, j)) return r;
    }
}

/* A token that can be a word of a place name (not "'s", not a comma). */
static int name_word(const dyad__tok *t)
{
    return t->kind == DYAD__TK_WORD && t->up && t->uplen &&
           !(t->flags & DYAD__TF_ATTACHED);
}

const dyad__place_row *dyad__place_at(const dyad__tok *t, size_t n, size_t i,
                                      size_t *end)
{
    const dyad__place_row *best = NULL;
    uint64_t h = DYAD__PLACE_HASH_INIT;
    for (size_t j = i; j < n && j - i < dyad__place_max_words && name_word(&t[j]);
         j++) {
        if (j > i) h = dyad__place_hash(h, "_", 1);
        h = dyad__place_hash(h, t[j].up, t[j].uplen);
        const dyad__place_row *r = probe(h, t, i, j + 1);
        if (r) {
            best = r;
            *end = j + 1;
        }
        uint32_t b = dyad__place_prefix_bit(h);
        if (!(dyad__place_prefixes[b / 64] >> (b % 64) & 1)) break;
    }
    return best;
}

/* ------------------------------------------------------------- mentions */

/* Words that put a place after them: "in Kandahar", "near Basra", and "of"
 * after a direction or an edge ("north of Baghdad", "the outskirts of"). */
static const char *const markers[] = {
    "IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "FROM", "AROUND", "ACROSS",
    "THROUGHOUT", "INTO", "WITHIN", "OFF", NULL};
static const char *const edges[] = {
    "NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST", "SOUTHEAST",
    "SOUTHWEST", "OUTSKIRTS", "SUBURBS", "CENTRE", "CENTER", "HEART", "EDGE",
    NULL};
/* Words between such a word and the place ("in the northern city of
 * Mosul", "in Iraq's Anbar province", "near the rebel-held town of"). */
static const char *const fillers[] = {
    "THE", "A", "AN", "OF", "'S", "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN",
    "CENTRAL", "NORTHEASTERN", "NORTHWESTERN", "SOUTHEASTERN", "SOUTHWESTERN",
    "NORTH", "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST", "SOUTHEAST",
    "SOUTHWEST", "UPPER", "LOWER", "CITY", "TOWN", "VILLAGE", "PORT", "CAPITAL",
    "PROVINCE", "PROVINCIAL", "REGION", "STATE", "DISTRICT", "AREA", "BORDER",
    "REBEL", "HELD", "CONTROLLED", "RESTIVE", "VOLATILE", "TROUBLED", "WAR",
    "TORN", "HOLY", "SHIITE", "SUNNI", "KURDISH", "OIL", "DISPUTED", "NEARBY",
    "NEIGHBOURING", "NEIGHBORING", "OUTSKIRTS", "SUBURBS", "SUBURB", "STREETS",
    "CENTRE", "CENTER", "HEART", "DOWNTOWN", NULL};

/* The most filler words between a marker and its place. */
#define PLACE_WINDOW 8

static int is_marker(const dyad__tok *t, size_t i)
{
    static const char *const of[] = {"OF", NULL};
    return dyad__tok_is(&t[i], markers) ||
           (i > 0 && dyad__tok_is(&t[i], of) && dyad__tok_is(&t[i - 1], edges));
}

/* Is mention k governed by a marker: reached from it over fillers and
 * other places ("in Iraq's Anbar province" governs both)? Walks back from
 * the mention, so that a sentence costs its mentions, not its words. */
static int governed(const dyad__sctx *s, const dyad__place_mention *m, size_t k)
{
    size_t j = m[k].from;                /* the tokens before j are left */
    for (int steps = 0; j > 0 && steps < PLACE_WINDOW; steps++) {
        if (is_marker(s->t, j - 1)) return 1;
        if (k > 0 && m[k - 1].to == j) {
            j = m[--k].from;
            continue;
        }
        if (!dyad__tok_is(&s->t[j - 1], fillers)) return 0;
        j--;
    }
    return 0;
}

/* Is the word before token i a person's title ("Mr Houston", "Dr.
 * Prescott"): a name after it is a person's, not a place's? */
static int after_title(const dyad__tok *t, size_t i)
{
    static const char *const titles[] = {
        "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "MISS", "SIR",
        "LORD", "LADY", "DAME", "REV", "REV.", "PROF", "PROF.", "GEN", "GEN.",
        "SEN", "SEN.", NULL};
    return i > 0 && dyad__tok_is(&t[i - 1], titles);
}

/* Is tokens [from, to) the whole of an actor phrase ("Tehran said")? */
static int whole_actor(const dyad__sctx *s, size_t from, size_t to)
{
    if (!s->np_of || s->np_of[from] < 0) return 0;
    const dyad__np *np = &s->np[s->np_of[from]];
    return np->from == from && np->to == to;
}

dyad_status dyad__place_mentions(const dyad__sctx *s, dyad__place_mention **out,
                                 size_t *n)
{
    dyad__place_mention *m = NULL;
    size_t nm = 0, cap = 0;
    for (size_t i = 0, end = 0; i < s->nt; i = end > i ? end : i + 1) {
        const dyad__place_row *r =
            (s->t[i].flags & DYAD__TF_CAP) ? dyad__place_at(s->t, s->nt, i, &end) : NULL;
        if (!r || after_title(s->t, i)) continue;
        if (nm == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            dyad__place_mention *nmv = dyad__arena_alloc(s->a, ncap * sizeof *nmv);
            if (!nmv) return DYAD_ENOMEM;
            if (nm) memcpy(nmv, m, nm * sizeof *m);
            m = nmv;
            cap = ncap;
        }
        m[nm].from = (uint32_t)i;
        m[nm].to = (uint32_t)end;
        m[nm].row = r;
        m[nm].metonym = (uint8_t)whole_actor(s, i, end);
        m[nm].after_prep = (uint8_t)governed(s, m, nm);
        nm++;
    }
    *out = m;
    *n = nm;
    return DYAD_OK;
}

/* ---------------------------------------------------------------- rules */

/* Tokens between a mention and the event's verb, doubled; a place after
 * the verb wins a tie ("attacked ... in X" over "In Y, ... attacked"). */
static uint32_t distance(const dyad__place_mention *m, const dyad__ev *e)
{
    if (m->from >= e->verb_to) return 2 * (m->from - e->verb_to);
    if (m->to <= e->verb_from) return 2 * (e->verb_from - m->to) + 1;
    return 0;
}

/* The mention nearest the verb among countries or among cities and
 * regions, either governed by a preposition or any but a metonym. */
static const dyad__place_mention *nearest(const dyad__place_mention *m, size_t nm,
                                          const dyad__ev *e, int governed,
                                          int countries)
{
    const dyad__place_mention *best = NULL;
    uint32_t bd = UINT32_MAX;
    for (size_t k = 0; k < nm; k++) {
        int country = m[k].row->precision == DYAD_PLACE_COUNTRY;
        if (country != countries || (governed ? !m[k].after_prep : m[k].metonym))
            continue;
        uint32_t d = distance(&m[k], e);
        if (d < bd) {
            best = &m[k];
            bd = d;
        }
    }
    return best;
}

/* Acts done where their target is: a visit (042), aid (07) and force (18
 * assault, 19 fight, 20 mass violence). Others happen where the source is. */
static int in_target_land(const char *code)
{
    return !strncmp(code, "042", 3) || !strncmp(code, "07", 2) ||
           !strncmp(code, "18", 2) || !strncmp(code, "19", 2) ||
           !strncmp(code, "20", 2);
}

static dyad__place_why by_actors(const dyad__ev *e, const char *src,
                                 const char *tgt, const dyad__place_row **r)
{
    int target_first = e->code && in_target_land(e->code);
    const char *first = target_first ? tgt : src, *second = target_first ? src : tgt;
    if ((*r = dyad__place_country(first)) != NULL)
        return target_first ? DYAD__PLACE_BY_TARGET : DYAD__PLACE_BY_SOURCE;
    if ((*r = dyad__place_country(second)) != NULL)
        return target_first ? DYAD__PLACE_BY_SOURCE : DYAD__PLACE_BY_TARGET;
    return DYAD__PLACE_BY_NONE;
}

dyad__place_why dyad__place_event(const dyad__place_mention *m, size_t nm,
                                  const dyad__ev *e,
                                  const dyad__place_row *dateline,
                                  const char *src, const char *tgt,
                                  dyad_location *loc)
{
    memset(loc, 0, sizeof *loc);
    dyad__place_why why = DYAD__PLACE_BY_PREP;
    const dyad__place_mention *p = nearest(m, nm, e, 1, 0);
    if (!p) {
        why = DYAD__PLACE_BY_NAMED;
        p = nearest(m, nm, e, 0, 0);
    }
    const dyad__place_row *r = p ? p->row : NULL;
    if (!r) {
        /* a country named: the dateline's city when it lies there */
        p = nearest(m, nm, e, 1, 1);
        why = DYAD__PLACE_BY_DATELINE;
        if (p && !(dateline && !memcmp(dateline->country, p->row->country, 4))) {
            why = DYAD__PLACE_BY_COUNTRY;
            r = p->row;
        } else {
            r = dateline;
        }
    }
    if (!r) why = by_actors(e, src, tgt, &r);
    if (!r) return DYAD__PLACE_BY_NONE;
    loc->name = r->name;
    loc->country = r->country;
    loc->lat = r->lat;
    loc->lon = r->lon;
    loc->precision = r->precision;
    loc->known = 1;
    return why;
}

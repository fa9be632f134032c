/*
 * mood.c - whether a coded verb reports an act, and what it reports when
 * it does not (see mood.h).
 *
 * The words right before the verb in its clause decide: negation ("did
 * not attack", "never criticized", "no longer supports"), a modal ("will
 * help", "may attack", "should meet"), and a governing verb before "to"
 * ("plans to attack", "refused to help", "failed to reach"). Adverbs and
 * auxiliaries in between are passed over. The outcome:
 *  - asserted: the act, coded as the dictionary says;
 *  - pledged or threatened ("vowed to", "plans to", "will", "efforts to",
 *    "will do all it can to"): cooperation
 *    becomes the matching pledge of CAMEO 03 ("will meet" 036, "plans to
 *    send aid" 033), force and coercion the matching threat of CAMEO 13
 *    ("plans to attack" 1384, "will impose sanctions" 1312);
 *  - refused ("refused to", "declined to", "will not"): cooperation becomes
 *    the matching rejection of CAMEO 12 ("will not help" 122, "declined to
 *    meet" 125); a refused attack is no event;
 *  - not reported: negated past acts ("did not attack"), failures ("failed
 *    to reach"), speculation and advice ("may attack", "should help"):
 *    no event.
 * CAMEO's families run parallel (06 material cooperation, 031 its pledge,
 * 121 its refusal), so the maps below follow the code's prefix.
 */
#include "mood.h"

#include <string.h>

int dyad__filler_word(const dyad__tok *t)
{
    if (t->kind != DYAD__TK_WORD || !t->up) return 0;
    static const char *const w[] = {"ALSO", "STILL", "JUST", "ALREADY",
                                    "EVEN", "ONLY", "NOW", "THEN", "SOON",
                                    "AGAIN", "YET", "EVER", "FIRST", NULL};
    if (t->uplen > 3 && !memcmp(t->up + t->uplen - 2, "LY", 2)) return 1;
    for (const char *const *p = w; *p; p++)
        if (**p == t->up[0] && !strcmp(t->up, *p)) return 1;
    return 0;
}

/* Verbs that govern "to + verb", by what they make of it. */
static const char *const intent_words[] = {
    "PLAN", "PLANS", "PLANNED", "PLANNING", "INTEND", "INTENDS", "INTENDED",
    "INTENDING", "WANT", "WANTS", "WANTED", "HOPE", "HOPES", "HOPED",
    "HOPING", "SEEK", "SEEKS", "SEEKING", "SOUGHT", "AIM", "AIMS", "AIMED",
    "AIMING", "PREPARE", "PREPARES", "PREPARED", "PREPARING", "VOW", "VOWS",
    "VOWED", "VOWING", "PLEDGE", "PLEDGES", "PLEDGED", "PLEDGING", "PROMISE",
    "PROMISES", "PROMISED", "PROMISING", "THREATEN", "THREATENS",
    "THREATENED", "THREATENING", "GOING", "ABOUT", "SET",
    "POISED", "READY", "WILLING", "DETERMINED", "DECIDE", "DECIDES",
    "DECIDED", "AGREE", "AGREES", "AGREED", "OFFER", "OFFERS", "OFFERED",
    "PROPOSE", "PROPOSES", "PROPOSED", "WISH", "WISHES", "WISHED", "EAGER",
    "VOLUNTEERED", "RESOLVED", "COMMITTED", "EFFORT", "EFFORTS", NULL};
static const char *const refuse_words[] = {
    "REFUSE", "REFUSES", "REFUSED", "REFUSING", "DECLINE", "DECLINES",
    "DECLINED", "DECLINING", "UNWILLING", "RELUCTANT", NULL};
static const char *const fail_words[] = {
    "FAIL", "FAILS", "FAILED", "FAILING", "UNABLE", "UNLIKELY",
    "YET", NULL};                               /* "has yet to" */
/* Words that govern "verb-ing" and leave its act undone: "stopped
 * supporting", "postponed signing", "refrained from attacking", "wary of
 * accusing". */
static const char *const halt_words[] = {
    "STOP", "STOPS", "STOPPED", "STOPPING", "CEASE", "CEASES", "CEASED",
    "CEASING", "HALT", "HALTS", "HALTED", "HALTING", "QUIT", "QUITS",
    "POSTPONE", "POSTPONES", "POSTPONED", "POSTPONING", "DELAY", "DELAYS",
    "DELAYED", "DELAYING", "DEFER", "DEFERS", "DEFERRED", "DEFERRING",
    "AVOID", "AVOIDS", "AVOIDED", "AVOIDING", "REFRAIN", "REFRAINS",
    "REFRAINED", "REFRAINING", "ABSTAIN", "ABSTAINS", "ABSTAINED",
    "WARY", "CAUTIOUS", "AFRAID", "RELUCTANT", NULL};   /* "wary of accusing" */
static const char *const from_word[] = {"FROM", "OF", NULL};
static const char *const doubt_words[] = {
    "EXPECTED", "LIKELY", "SAID", "REPORTED", "BELIEVED", "THOUGHT",
    "RUMORED", "RUMOURED", "SUSPECTED", "ALLEGED", "SUPPOSED", "APPEAR",
    "APPEARS", "APPEARED", "SEEM", "SEEMS", "SEEMED", NULL};
static const char *const future_modals[] = {
    "WILL", "WO", "WOULD", "SHALL", "'LL", NULL};
static const char *const doubt_modals[] = {
    "MAY", "MIGHT", "COULD", "CAN", "CA", "SHOULD", "MUST", "OUGHT", NULL};

int dyad__is_modal(const dyad__tok *t)
{
    return dyad__tok_is(t, future_modals) || dyad__tok_is(t, doubt_modals);
}

/* What the words before live position `at` say: negation, a future or a
 * doubtful modal; returns the position where they begin. */
typedef struct chain {
    int neg, future, doubt;
} chain;

static size_t scan_chain(const dyad__sctx *s, const uint32_t *live, size_t at,
                         chain *c)
{
    static const char *const longer[] = {"LONGER", NULL}, *const no[] = {"NO", NULL},
                             *const only[] = {"ONLY", NULL};
    memset(c, 0, sizeof *c);
    size_t k = at;
    for (int steps = 0; k > 0 && steps < 6; steps++) {
        const dyad__tok *t = &s->t[live[k - 1]];
        if (t->kind != DYAD__TK_WORD || !t->up) break;
        if ((t->cls & DYAD__CLS_NEG) && k < at &&
            dyad__tok_is(&s->t[live[k]], only)) {
            /* "not only condemned ... but also": no negation */
        } else if (t->cls & DYAD__CLS_NEG) c->neg = 1;
        else if (dyad__tok_is(t, longer) && k >= 2 && dyad__tok_is(&s->t[live[k - 2]], no)) {
            c->neg = 1;
            k--;
        } else if (dyad__tok_is(t, future_modals)) c->future = 1;
        else if (dyad__tok_is(t, doubt_modals)) c->doubt = 1;
        else if (!(t->cls & (DYAD__CLS_MODAL | DYAD__CLS_AUX)) && !dyad__filler_word(t))
            break;                /* has, did, was, been: tense and voice */
        k--;
    }
    return k;
}

dyad__mood dyad__verb_mood(const dyad__sctx *s, const uint32_t *live,
                           size_t vfrom, uint32_t *span_from)
{
    chain verb, gov_chain;
    size_t k = scan_chain(s, live, vfrom, &verb);
    int gov = 0, inner_neg = verb.neg;           /* gov: 1 intent, 2 refuse,
                                                    3 fail, 4 doubt */
    const dyad__tok *vt = &s->t[live[vfrom]];
    if (k >= 1 && vt->uplen > 4 && !memcmp(vt->up + vt->uplen - 3, "ING", 3)) {
        size_t h = k - 1;        /* "stopped supporting", "refrained from",
                                    "wary of" */
        if (h >= 1 && dyad__tok_is(&s->t[live[h]], from_word)) h--;
        if (dyad__tok_is(&s->t[live[h]], halt_words)) {
            if (span_from) *span_from = live[h];
            return DYAD__MOOD_UNREPORTED;
        }
    }
    if (k >= 2 && (s->t[live[k - 1]].cls & DYAD__CLS_TO)) {
        size_t g = k - 2;
        if ((s->t[live[g]].cls & DYAD__CLS_NEG) && g > 0) {   /* "not to" */
            inner_neg = 1;
            g--;
        }
        const dyad__tok *t = &s->t[live[g]];
        static const char *const can[] = {"CAN", "COULD", NULL},
                                 *const all[] = {"ALL", "EVERYTHING", "WHATEVER", NULL};
        if (dyad__tok_is(t, can) && g >= 2 && (s->t[live[g - 1]].cls & DYAD__CLS_PRON) &&
            dyad__tok_is(&s->t[live[g - 2]], all)) {
            gov = 1;                  /* "will do all it can to release" */
            g -= 2;
        } else if (dyad__tok_is(t, intent_words)) gov = 1;
        else if (dyad__tok_is(t, refuse_words)) gov = 2;
        else if (dyad__tok_is(t, fail_words)) gov = 3;
        else if (dyad__tok_is(t, doubt_words)) gov = 4;
        if (gov) k = scan_chain(s, live, g, &gov_chain);
    }
    if (span_from) *span_from = live[k < vfrom ? k : vfrom];
    switch (gov) {
    case 1:                   /* "vowed to help", "vowed not to help" */
        if (gov_chain.neg || gov_chain.doubt) return DYAD__MOOD_UNREPORTED;
        return inner_neg ? DYAD__MOOD_REFUSED : DYAD__MOOD_PLEDGED;
    case 2:                   /* "refused to help" */
        return gov_chain.neg || inner_neg ? DYAD__MOOD_UNREPORTED
                                          : DYAD__MOOD_REFUSED;
    case 3:                   /* "failed to reach" */
    case 4:                   /* "is expected to attack" */
        return DYAD__MOOD_UNREPORTED;
    }
    if (verb.neg) return verb.future ? DYAD__MOOD_REFUSED : DYAD__MOOD_UNREPORTED;
    if (verb.doubt) return DYAD__MOOD_UNREPORTED;
    if (verb.future) return DYAD__MOOD_PLEDGED;
    return DYAD__MOOD_ASSERTED;
}

/* Code prefix -> pledge (CAMEO 03 or 13) and refusal (CAMEO 12). Specific
 * prefixes come before their families; "=" keeps the code, NULL means no
 * event. */
static const struct { const char *prefix, *pledge, *refusal; } moods[] = {
    {"01", "=", NULL},        {"02", "=", NULL},
    /* a pledge refused ("vowed not to release") is the act's refusal */
    {"0311", "=", "1211"},    {"0312", "=", "1212"},   {"031", "=", "121"},
    {"0331", "=", "1221"},    {"0332", "=", "1222"},   {"0333", "=", "1223"},
    {"0334", "=", "1224"},    {"033", "=", "122"},
    {"0341", "=", "1231"},    {"0342", "=", "1232"},   {"0343", "=", "1233"},
    {"0344", "=", "1234"},    {"034", "=", "123"},
    {"0351", "=", "1241"},    {"0352", "=", "1242"},   {"0353", "=", "1243"},
    {"0354", "=", "1244"},    {"0355", "=", "1245"},   {"0356", "=", "1246"},
    {"035", "=", "124"},      {"036", "=", "125"},     {"037", "=", "127"},
    {"038", "=", "126"},      {"039", "=", "126"},     {"03", "=", "120"},
    {"045", "039", "126"},    {"04", "036", "125"},
    {"057", "032", "127"},    {"05", "032", "120"},
    {"061", "0311", "1211"},  {"062", "0312", "1212"},
    {"063", "0313", "121"},   {"064", "0314", "121"},  {"06", "031", "121"},
    {"071", "0331", "1221"},  {"072", "0332", "1222"},
    {"073", "0333", "1223"},  {"074", "0334", "1224"}, {"07", "033", "122"},
    {"081", "0351", "1241"},  {"082", "0352", "1242"},
    {"0831", "0341", "1231"}, {"0832", "0342", "1232"},
    {"0833", "0343", "1233"}, {"0834", "0344", "1234"},
    {"083", "034", "123"},    {"084", "0353", "1243"},
    {"085", "0354", "1244"},  {"086", "0355", "1245"},
    {"087", "0356", "1246"},  {"08", "035", "124"},
    {"10", "=", NULL},        {"11", "=", NULL},       {"12", "=", NULL},
    {"13", "=", NULL},        {"14", "133", NULL},     {"15", "=", NULL},
    {"161", "1313", NULL},    {"162", "1311", NULL},   {"163", "1312", NULL},
    {"164", "134", NULL},     {"165", "135", NULL},    {"166", "136", NULL},
    {"16", "131", NULL},      {"1721", "1321", NULL},  {"1722", "1322", NULL},
    {"1723", "1323", NULL},   {"1724", "1324", NULL},  {"172", "132", NULL},
    {"17", "137", NULL},      {"18", "1383", NULL},    {"191", "1381", NULL},
    {"192", "1382", NULL},    {"19", "1384", NULL},    {"20", "1385", NULL},
    {NULL, NULL, NULL}};

const char *dyad__mood_code(dyad__mood mood, const char *code)
{
    if (mood == DYAD__MOOD_ASSERTED) return code;
    if (mood == DYAD__MOOD_UNREPORTED || !code) return NULL;
    for (size_t k = 0; moods[k].prefix; k++) {
        size_t n = strlen(moods[k].prefix);
        if (strncmp(code, moods[k].prefix, n)) continue;
        const char *to = mood == DYAD__MOOD_PLEDGED ? moods[k].pledge : moods[k].refusal;
        if (!to) return NULL;
        return strcmp(to, "=") ? to : code;
    }
    return mood == DYAD__MOOD_PLEDGED ? code : NULL;
}

const char *dyad__mood_name(dyad__mood mood)
{
    switch (mood) {
    case DYAD__MOOD_ASSERTED: return "asserted";
    case DYAD__MOOD_PLEDGED: return "pledged or threatened";
    case DYAD__MOOD_REFUSED: return "refused";
    case DYAD__MOOD_UNREPORTED: return "not reported as done";
    }
    return "?";
}

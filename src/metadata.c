/*
 * metadata.c - publication dates written in the opening lines of a report
 * (see metadata.h).
 */
#include "metadata.h"

static const char *const months[] = {
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
    "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
static const char *const weekdays[] = {
    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
    "SUNDAY"};

static int up(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
static int alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int digit(char c) { return c >= '0' && c <= '9'; }

/* Length of the word at s (letters). */
static size_t word_len(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && alpha(s[k])) k++;
    return k;
}

/* Month number for a full name or an abbreviation of 3+ letters. */
static int month_of(const char *s, size_t n)
{
    if (n < 3) return 0;
    for (int m = 0; m < 12; m++) {
        size_t ml = strlen(months[m]);
        if (n > ml) continue;
        size_t k = 0;
        while (k < n && up(s[k]) == months[m][k]) k++;
        if (k == n && (n == ml || n == 3 || (m == 8 && n == 4))) return m + 1;
    }
    return 0;
}

static int is_weekday(const char *s, size_t n)
{
    for (int d = 0; d < 7; d++) {
        size_t dl = strlen(weekdays[d]);
        if (n != dl && n != 3) continue;
        size_t k = 0;
        while (k < n && up(s[k]) == weekdays[d][k]) k++;
        if (k == n) return 1;
    }
    return 0;
}

static size_t skip_sep(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '\t'))
        i++;
    return i;
}

static size_t number(const char *s, size_t i, size_t n, int *v, int maxd)
{
    int d = 0, x = 0;
    while (i < n && digit(s[i]) && d < maxd) {
        x = x * 10 + (s[i] - '0');
        i++;
        d++;
    }
    if (i < n && digit(s[i])) return 0;
    *v = x;
    return d ? i : 0;
}

int dyad__parse_text_date(const char *s, size_t n, size_t *used)
{
    size_t i = 0;
    size_t wl = word_len(s, n);
    if (wl && is_weekday(s, wl)) i = skip_sep(s, wl, n);
    int y = 0, m = 0, d = 0;
    size_t j;
    if (i < n && digit(s[i])) {
        int a;
        j = number(s, i, n, &a, 4);
        if (!j) return 0;
        if (j - i == 4 && j < n && s[j] == '-') {       /* 2005-11-24 */
            y = a;
            size_t k = number(s, j + 1, n, &m, 2);
            if (!k || k >= n || s[k] != '-') return 0;
            k = number(s, k + 1, n, &d, 2);
            if (!k) return 0;
            i = k;
        } else {                                          /* 10 August 2007 */
            d = a;
            size_t k = skip_sep(s, j, n);
            size_t ml = word_len(s + k, n - k);
            m = month_of(s + k, ml);
            if (!m) return 0;
            k = skip_sep(s, k + ml, n);
            k = number(s, k, n, &y, 4);
            if (!k) return 0;
            i = k;
        }
    } else {                                              /* November 24, 2005 */
        size_t ml = word_len(s + i, n - i);
        m = month_of(s + i, ml);
        if (!m) return 0;
        size_t k = skip_sep(s, i + ml, n);
        k = number(s, k, n, &d, 2);
        if (!k) return 0;
        if (k + 1 < n && (s[k] == 's' || s[k] == 'n' || s[k] == 'r' ||
                          s[k] == 't'))
            k += 2;                                       /* 24th */
        k = skip_sep(s, k, n);
        k = number(s, k, n, &y, 4);
        if (!k) return 0;
        i = k;
    }
    if (y < 1900 || y > 2100 || !dyad__date_valid(y, m, d)) return 0;
    *used = i;
    return y * 10000 + m * 100 + d;
}

int dyad__find_pub_date(const char *text, size_t len, uint32_t line[2])
{
    size_t i = 0, seen = 0, limit = len < 3000 ? len : 3000;
    while (i < limit && seen < 12) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        size_t a = i, b = e;
        while (a < b && (text[a] == ' ' || text[a] == '\t')) a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\r' ||
                         text[b - 1] == '\t'))
            b--;
        if (b > a) {
            seen++;
            size_t used;
            int v = b - a <= 80 ? dyad__parse_text_date(text + a, b - a, &used)
                                : 0;
            /* the rest of the line may hold a time or a short label only */
            if (v && b - a - used <= 24) {
                line[0] = (uint32_t)a;
                line[1] = (uint32_t)b;
                return v;
            }
        }
        if (!nl) break;
        i = e + 1;
    }
    return 0;
}

/* ------------------------------------------------------- relative days */

/* Days since 1970-01-01 of a YYYYMMDD date, and back (civil calendar). */
long dyad_date_days(int ymd)
{
    long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

int dyad_date_of_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    return (int)((y + (m <= 2)) * 10000 + m * 100 + d);
}

int dyad__relative_date(int date, const char *const *words, size_t n)
{
    if (!date) return 0;
    long z = dyad_date_days(date);
    int wd = (int)((z % 7 + 10) % 7);          /* 0 = Monday (1970-01-01 was a Thursday) */
    for (size_t i = 0; i < n; i++) {
        const char *w = words[i];
        const char *prev = i ? words[i - 1] : "";
        if (!strcmp(w, "YESTERDAY")) return dyad_date_of_days(z - 1);
        if (!strcmp(w, "TODAY") || !strcmp(w, "TONIGHT")) return date;
        if (!strcmp(w, "TOMORROW")) return dyad_date_of_days(z + 1);
        if (!strcmp(w, "WEEK") && !strcmp(prev, "LAST")) return dyad_date_of_days(z - 7);
        for (int d = 0; d < 7; d++) {
            if (strcmp(w, weekdays[d])) continue;
            if (!strcmp(prev, "NEXT") || !strcmp(prev, "COMING"))
                return dyad_date_of_days(z + ((d - wd + 6) % 7) + 1);
            if (!strcmp(prev, "LAST")) return dyad_date_of_days(z - ((wd - d + 6) % 7) - 1);
            return dyad_date_of_days(z - (wd - d + 7) % 7);    /* this past one */
        }
    }
    return date;
}

/* ----------------------------------------------------- news agencies */

/* Agencies and wire services as reports name them, and the name an outlet
 * field gives each. Matched whole, case-insensitively, after "the". */
static const struct { const char *as_written, *name; } agencies[] = {
    {"AFP", "AFP"}, {"Agence France-Presse", "AFP"},
    {"Agence France Presse", "AFP"}, {"Reuters", "Reuters"},
    {"Thomson Reuters", "Reuters"}, {"AP", "AP"},
    {"Associated Press", "AP"}, {"UPI", "UPI"},
    {"United Press International", "UPI"}, {"Xinhua", "Xinhua"},
    {"IRNA", "IRNA"}, {"ISNA", "ISNA"}, {"Fars", "Fars"},
    {"Fars News Agency", "Fars"}, {"Mehr", "Mehr"},
    {"Mehr News Agency", "Mehr"}, {"Tasnim", "Tasnim"}, {"TASS", "TASS"},
    {"ITAR-TASS", "TASS"}, {"RIA Novosti", "RIA Novosti"},
    {"Interfax", "Interfax"}, {"Anadolu", "Anadolu"},
    {"Anadolu Agency", "Anadolu"}, {"Kyodo", "Kyodo"}, {"Yonhap", "Yonhap"},
    {"dpa", "dpa"}, {"Deutsche Presse-Agentur", "dpa"}, {"ANSA", "ANSA"},
    {"EFE", "EFE"}, {"PTI", "PTI"}, {"Press Trust of India", "PTI"},
    {"IANS", "IANS"}, {"KUNA", "KUNA"}, {"WAM", "WAM"}, {"SPA", "SPA"},
    {"Saudi Press Agency", "SPA"}, {"MENA", "MENA"}, {"SANA", "SANA"},
    {"Petra", "Petra"}, {"QNA", "QNA"}, {"BNA", "BNA"}, {"APS", "APS"},
    {"KCNA", "KCNA"}, {"Bernama", "Bernama"}, {"Antara", "Antara"},
    {"PAP", "PAP"}, {"CTK", "CTK"}, {"BTA", "BTA"}, {"MTI", "MTI"},
    {"Ukrinform", "Ukrinform"}, {"APA", "APA"}, {"Trend", "Trend"},
    {"Bloomberg", "Bloomberg"}, {"CNA", "CNA"}, {"AAP", "AAP"},
    {"NNA", "NNA"}, {"BBC", "BBC"}, {"BBC News", "BBC"},
    {"Al Jazeera", "Al Jazeera"}, {"Press TV", "Press TV"},
    {"PressTV", "Press TV"}, {NULL, NULL}};

const char *dyad__agency_name(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '(' || *s == '-')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == ')' || s[n - 1] == '.')) n--;
    if (n > 4 && up(s[0]) == 'T' && up(s[1]) == 'H' && up(s[2]) == 'E' &&
        s[3] == ' ')
        s += 4, n -= 4;
    for (size_t k = 0; agencies[k].as_written; k++) {
        const char *a = agencies[k].as_written;
        if (strlen(a) != n) continue;
        size_t i = 0;       /* a hyphen matches a space: text normalized */
        while (i < n && (up(a[i]) == up(s[i]) || (a[i] == '-' && s[i] == ' ')))
            i++;
        if (i == n) return agencies[k].name;
    }
    return NULL;
}

/*
 * cameo.c - looking up CAMEO event codes (see cameo.h). Codes that are not
 * in the table (a dictionary's private codes) fall back to their longest
 * known prefix for quad class and PLOVER, and to no Goldstein value.
 */
#include "cameo.h"

#include <string.h>

static const dyad__cameo_row *find(const char *code)
{
    unsigned lo = 0, hi = dyad__cameo_count;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        int c = strcmp(dyad__cameo_rows[mid].code, code);
        if (c == 0) return &dyad__cameo_rows[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

int dyad_cameo_lookup(const char *code, dyad_cameo_info *info)
{
    if (!code || !*code) return -1;
    const dyad__cameo_row *r = find(code);
    if (r) {
        info->code = r->code;
        info->label = r->label;
        info->plover = r->plover;
        info->plover_mode = r->mode;
        info->plover_context = r->context;
        info->quad = r->quad;
        info->goldstein = r->goldstein;
        return 0;
    }
    /* unknown code: use the longest known prefix for its class */
    char buf[16];
    size_t n = strlen(code);
    if (n >= sizeof buf) return -1;
    memcpy(buf, code, n + 1);
    while (n > 2) {
        buf[--n] = '\0';
        r = find(buf);
        if (r) {
            info->code = code;
            info->label = r->label;
            info->plover = r->plover;
            info->plover_mode = r->mode;
            info->plover_context = r->context;
            info->quad = r->quad;
            info->goldstein = 0;
            return 1;
        }
    }
    return -1;
}

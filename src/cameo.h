/*
 * cameo.h - the CAMEO event-code table compiled into the library: quad
 * class (GDELT convention), Goldstein value (GDELT table), PLOVER event,
 * mode and context, and a short label. The rows are generated at build
 * time from data/cameo/cameo.tsv by tools/gen_cameo.c, sorted by code.
 */
#ifndef DYAD_CAMEO_H
#define DYAD_CAMEO_H

#include "dyad.h"

typedef struct dyad__cameo_row {
    const char *code;
    int quad;
    double goldstein;
    const char *plover, *mode, *context, *label;
} dyad__cameo_row;

extern const dyad__cameo_row dyad__cameo_rows[];
extern const unsigned dyad__cameo_count;

#endif /* DYAD_CAMEO_H */

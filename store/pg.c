/*
 * pg.c - the PostgreSQL backend of the event store (being written).
 */
#include <stdio.h>

#include "backend.h"

store *store__pg_open(const char *conninfo, store_mode mode, char *err,
                      size_t errlen)
{
    snprintf(err, errlen, "%s: PostgreSQL backend not built yet", conninfo);
    return NULL;
}

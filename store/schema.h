/*
 * schema.h - the event store's schema, as numbered migrations for each
 * backend: migration k takes a database from version k to k + 1
 * (store/schema.c). Private to store/.
 */
#ifndef DYAD_STORE_SCHEMA_H
#define DYAD_STORE_SCHEMA_H

#include "store.h"

extern const char *const store__sqlite_migrations[STORE_SCHEMA_VERSION];
extern const char *const store__pg_migrations[STORE_SCHEMA_VERSION];

#endif /* DYAD_STORE_SCHEMA_H */

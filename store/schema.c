/*
 * schema.c - the event store's tables, version by version, in SQLite's and
 * PostgreSQL's dialects (docs/store.md describes them). A new version
 * appends a migration; a released one is never edited.
 *
 * docs holds each document once (hash is dyad_doc_hash of its text) with
 * the dictionary set it was coded with; sentences holds the sentences
 * events came from, indexed for full-text search; events holds one row per
 * coded event. The (source, target, date, quad, goldstein) indexes cover
 * the series queries, so a dyad's time series never reads the table. There
 * is no index on the date alone: every index costs each inserted event a
 * B-tree descent, and queries name a dyad or an actor far more often than
 * a bare date range (which reads the table, a few hundred ms a million).
 */
#include "schema.h"

const char *const store__sqlite_migrations[STORE_SCHEMA_VERSION] = {
    /* 0 -> 1 */
    "CREATE TABLE docs ("
    " id INTEGER PRIMARY KEY,"
    " hash BLOB NOT NULL UNIQUE,"
    " doc_key TEXT, title TEXT, url TEXT, outlet TEXT,"
    " date INTEGER NOT NULL,"          /* YYYYMMDD, 0 unknown */
    " dateline TEXT, origin TEXT,"
    " text TEXT NOT NULL,"
    " coded_with TEXT NOT NULL,"
    " ingested_at INTEGER NOT NULL);"
    "CREATE INDEX docs_date ON docs (date);"
    "CREATE TABLE sentences ("
    " id INTEGER PRIMARY KEY,"
    " doc INTEGER NOT NULL REFERENCES docs (id),"
    " n INTEGER NOT NULL,"
    " text TEXT NOT NULL,"
    " UNIQUE (doc, n));"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5 (text, content = 'sentences',"
    " content_rowid = 'id');"
    "CREATE TABLE events ("
    " id INTEGER PRIMARY KEY,"
    " doc INTEGER NOT NULL REFERENCES docs (id),"
    " sent INTEGER NOT NULL REFERENCES sentences (id),"
    " sentence INTEGER NOT NULL, n INTEGER NOT NULL,"
    " date INTEGER NOT NULL,"
    " source TEXT NOT NULL, target TEXT NOT NULL,"
    " source_country TEXT NOT NULL, target_country TEXT NOT NULL,"
    " source_text TEXT, target_text TEXT,"
    " cameo TEXT NOT NULL, root INTEGER NOT NULL, quad INTEGER NOT NULL,"
    " goldstein REAL NOT NULL, plover TEXT,"
    " place TEXT, place_country TEXT, lat REAL, lon REAL,"
    " precision INTEGER NOT NULL DEFAULT 0,"
    " outlet TEXT, evidence TEXT, issues TEXT);"
    "CREATE INDEX events_dyad ON events (source, target, date, quad, goldstein);"
    "CREATE INDEX events_dyad_rev ON events (target, source, date, quad, goldstein);"
    "CREATE INDEX events_doc ON events (doc);",
};

const char *const store__pg_migrations[STORE_SCHEMA_VERSION] = {
    "",
};

/*
 * test_store.c - the SQLite store's handling of bad databases: a file that
 * is not a database, a SQLite file of another program, a newer schema, a
 * place where no file can be made, a missing file opened for reading, and
 * a full disk mid-batch. Each gives a clear message and leaves nothing
 * half-written.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend.h"
#include "util.h"

static char dir[] = "/tmp/dyad-test-store-XXXXXX";

static const char *path_in(const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static void sql(const char *path, const char *stmt)
{
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, stmt, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

static void not_a_database(void)
{
    const char *p = path_in("notes.db");
    FILE *f = fopen(p, "w");
    fputs("these are my notes, not a database\n", f);
    fclose(f);
    char err[700];
    store *s = store_open(p, STORE_WRITE, err, sizeof err);
    CHECK(s == NULL);
    CHECK(strstr(err, "not a dyad database") != NULL);
    CHECK(strstr(err, p) != NULL);
    f = fopen(p, "r");
    char buf[64] = "";
    CHECK(fgets(buf, sizeof buf, f) != NULL);
    fclose(f);
    CHECK_STR(buf, "these are my notes, not a database\n");
}

static void another_programs_database(void)
{
    const char *p = path_in("other.db");
    sql(p, "CREATE TABLE t (x); INSERT INTO t VALUES (42);");
    char err[700];
    CHECK(store_open(p, STORE_WRITE, err, sizeof err) == NULL);
    CHECK(strstr(err, "not a dyad database") != NULL);
    CHECK(store_open(p, STORE_READ, err, sizeof err) == NULL);
    sqlite3 *db;
    sqlite3_open(p, &db);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(st, 0), 1);        /* nothing added */
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void newer_schema(void)
{
    const char *p = path_in("newer.db");
    char err[700];
    store *s = store_open(p, STORE_WRITE, err, sizeof err);
    CHECK(s != NULL);
    store_close(s);
    sql(p, "PRAGMA user_version = 99");
    CHECK(store_open(p, STORE_WRITE, err, sizeof err) == NULL);
    CHECK(strstr(err, "schema version 99, newer") != NULL);
    CHECK(store_open(p, STORE_READ, err, sizeof err) == NULL);
}

static void cannot_create(void)
{
    char err[700];
    const char *p = "/proc/dyad-test-cannot-exist.db";
    CHECK(store_open(p, STORE_WRITE, err, sizeof err) == NULL);
    CHECK(strstr(err, "cannot open") != NULL);
    CHECK(!exists(p));
    p = path_in("no-such-dir/x.db");
    CHECK(store_open(p, STORE_WRITE, err, sizeof err) == NULL);
    CHECK(!exists(p));
    p = path_in("missing.db");
    CHECK(store_open(p, STORE_READ, err, sizeof err) == NULL);
    CHECK(strstr(err, "no such database") != NULL);
    CHECK(!exists(p));
}

static void empty_file_is_migrated(void)
{
    const char *p = path_in("empty.db");
    FILE *f = fopen(p, "w");
    fclose(f);
    char err[700];
    store *s = store_open(p, STORE_WRITE, err, sizeof err);
    CHECK(s != NULL);
    store_counts c = {1, 1, 1};
    CHECK(s && store_count(s, &c) == 0);
    CHECK_INT(c.docs, 0);
    store_close(s);
}

/* A document of n bytes of text, its hash from the text. */
static void put(store *s, int k, char *text, size_t n, int *ok)
{
    store_doc d;
    memset(&d, 0, sizeof d);
    memset(text, 'a' + k % 26, n);
    snprintf(text, n, "document %d ", k);
    dyad_doc_hash(text, n, d.hash);
    d.key = "k";
    d.text = text;
    d.len = n;
    d.coded_with = "test";
    int64_t id;
    *ok = store_put_doc(s, &d, &id) == 0;
}

static void full_disk(void)
{
    const char *p = path_in("full.db");
    char err[700];
    store *s = store_open(p, STORE_WRITE, err, sizeof err);
    CHECK(s != NULL);
    if (!s) return;
    size_t n = 200000;
    char *text = malloc(n);
    int ok = 1;
    CHECK(store_begin(s) == 0);                /* one committed batch */
    for (int k = 0; k < 3; k++) put(s, k, text, n, &ok);
    CHECK(ok && store_commit(s) == 0);
    /* the disk fills up: the file may grow by 100 pages more */
    sqlite3 *db = store__sqlite_handle(s);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    char pragma[96];
    snprintf(pragma, sizeof pragma, "PRAGMA max_page_count = %d",
             sqlite3_column_int(st, 0) + 100);
    sqlite3_finalize(st);
    CHECK(sqlite3_exec(db, pragma, NULL, NULL, NULL) == SQLITE_OK);
    CHECK(store_begin(s) == 0);
    int k = 3;
    for (; k < 50 && ok; k++) put(s, k, text, n, &ok);
    CHECK(!ok);
    CHECK(strstr(store_error(s), "full") != NULL);
    store_rollback(s);
    store_close(s);
    s = store_open(p, STORE_READ, err, sizeof err);
    store_counts c = {0, 0, 0};
    CHECK(s && store_count(s, &c) == 0);
    CHECK_INT(c.docs, 3);              /* the failed batch left nothing */
    store_close(s);
    free(text);
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    not_a_database();
    another_programs_database();
    newer_schema();
    cannot_create();
    empty_file_is_migrated();
    full_disk();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) fprintf(stderr, "could not remove %s\n", dir);
    return test_summary("test_store");
}

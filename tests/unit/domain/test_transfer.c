/* test_transfer.c: copying an installation between SQLite databases (the
 * PostgreSQL directions run in tests/pg/transfer.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/demo.h"
#include "domain/person.h"
#include "domain/transfer.h"
#include "domain/user.h"
#include "support.h"

/* The source (a fixture with demo data) and a path for the target in the
 * fixture's directory; the target is opened by each test. */
struct tt {
	struct fixture *f;
	char to_path[160];
	struct store *to;
};

static int setup(void **state)
{
	static struct tt t;
	void *fs;
	struct demo_made made;
	if (fixture_setup(&fs))
		return -1;
	memset(&t, 0, sizeof(t));
	t.f = fs;
	if (demo_generate(&t.f->c, 40, 7, &made))
		return -1;
	/* One document, so documents and the index's document numbers travel. */
	struct store_list l;
	if (store_list(t.f->db.st, &ENT_PERSON, t.f->a, NULL, NULL, "id", 0, 1, 0, &l) || !l.n)
		return -1;
	struct document d = { .type = arena_strdup(t.f->a, "passport"),
			      .number = arena_strdup(t.f->a, "AB 123456") };
	struct errors errs = { .n = 0 };
	if (person_add_document(&t.f->c, ((struct person *)l.items[0])->id, &d, &errs))
		return -1;
	char token[64];
	if (token_create(&t.f->c, "admin", "tests", token))
		return -1;
	snprintf(t.to_path, sizeof(t.to_path), "%s/to.db", t.f->db.dir);
	char err[128];
	if (store_open(t.to_path, &t.to, err, sizeof(err)))
		return -1;
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct tt *t = *state;
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char p[200];
	store_close(t->to);
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", t->to_path, suffix[i]);
		unlink(p);
	}
	void *fs = t->f;
	return fixture_teardown(&fs);
}

/* Runs sql on a raw connection to path, as someone with file access. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc)
		fail_msg("%s: %s", sql, err ? err : "?");
	sqlite3_close(db);
}

static long long count(struct store *st, const struct entity *e)
{
	long long n = -1;
	assert_int_equal(store_count(st, e, NULL, NULL, &n), STORE_OK);
	return n;
}

static int pending(struct store *st)
{
	int yes = -1;
	assert_int_equal(store_transfer_pending(st, &yes), STORE_OK);
	return yes;
}

static void test_copy_is_equal_and_usable(void **state)
{
	struct tt *t = *state;
	struct transfer_report r = { 0 };
	int v = -1, applied = -1;

	assert_int_equal(transfer_run(t->f->db.st, t->to, 7, &r), DOM_OK);
	assert_string_equal(r.why, "");
	assert_int_equal(r.n, TRANSFER_TABLES);
	long long rows = 0;
	for (size_t i = 0; i < r.n; i++) {
		assert_string_equal(r.t[i].name, transfer_tables[i]);
		assert_true(r.t[i].rows_from == r.t[i].rows_to);
		assert_string_equal(r.t[i].sum_from, r.t[i].sum_to);
		assert_int_equal(strlen(r.t[i].sum_from), 64);
		rows += r.t[i].rows_to;
	}
	assert_true(r.copied == rows);
	assert_true(count(t->to, &ENT_PERSON) >= 40);
	assert_int_equal(count(t->to, &ENT_DOCUMENT), 1);
	assert_int_equal(count(t->to, &ENT_TOKEN), 1);
	assert_int_equal(count(t->to, &ENT_SESSION), 0);
	assert_true(r.audit_events == count(t->to, &ENT_AUDIT));
	assert_true(r.audit_events > 40);

	/* Finished: no mark, the schema version back, usable as it is. */
	assert_int_equal(pending(t->to), 0);
	assert_int_equal(store_schema_version(t->to, &v), STORE_OK);
	assert_int_equal(v, store_latest_version());
	assert_int_equal(store_migrate(t->to, &applied), STORE_OK);
	assert_int_equal(applied, 0);

	/* The same search finds the same people, by name and by document. */
	struct ctx to = t->f->c;
	to.st = t->to;
	const char *queries[] = { "maria", "AB123456", "gonsales" };
	for (size_t q = 0; q < 3; q++) {
		struct store_list a, b;
		assert_int_equal(person_search(&t->f->c, queries[q], 100, 0, &a), DOM_OK);
		assert_int_equal(person_search(&to, queries[q], 100, 0, &b), DOM_OK);
		assert_true(a.total == b.total);
		assert_int_equal(a.n, b.n);
	}
	struct store_list l;
	assert_int_equal(person_search(&to, "AB123456", 10, 0, &l), DOM_OK);
	assert_int_equal(l.n, 1);

	/* A reference counter continues where the source's stopped. */
	long long before = -1, next = -1;
	struct counter c;
	assert_int_equal(store_get(t->f->db.st, &ENT_COUNTER, t->f->a, "name", "person", &c),
			 STORE_OK);
	before = strtoll(c.value, NULL, 10);
	assert_int_equal(store_begin(t->to), STORE_OK);
	assert_int_equal(store_next_number(t->to, "person", &next), STORE_OK);
	assert_int_equal(store_commit(t->to), STORE_OK);
	assert_true(next == before + 1);
}

static void test_refuses_a_target_with_data(void **state)
{
	struct tt *t = *state;
	struct transfer_report r = { 0 };
	int applied;
	assert_int_equal(store_migrate(t->to, &applied), STORE_OK);
	struct ctx to = { .st = t->to, .a = t->f->a };
	struct errors errs = { .n = 0 };
	assert_int_equal(user_create(&to, "other", NULL, "admin", NULL, NULL, TEST_PASSWORD, &errs,
				     NULL),
			 DOM_OK);
	long long events = count(t->to, &ENT_AUDIT);

	assert_int_equal(transfer_run(t->f->db.st, t->to, 0, &r), DOM_INVALID);
	assert_non_null(strstr(r.why, "not empty"));
	assert_int_equal(r.touched, 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(pending(t->to), 0);
	assert_int_equal(count(t->to, &ENT_USER), 1);
	assert_int_equal(count(t->to, &ENT_PERSON), 0);
	assert_true(count(t->to, &ENT_AUDIT) == events);
}

/* A value the target cannot hold as it is (a fraction in an integer
 * column: SQLite keeps it, amparo writes integers) is found, named by
 * table, key and field, and the target is left marked unusable. */
static void test_difference_leaves_target_unusable(void **state)
{
	struct tt *t = *state;
	struct transfer_report r = { 0 };
	int applied = -1, v = -1;
	raw_exec(t->f->db.path, "UPDATE people SET birth_estimated = 2.5 "
				"WHERE id = (SELECT max(id) FROM people)");

	assert_int_equal(transfer_run(t->f->db.st, t->to, 10, &r), DOM_CONFLICT);
	assert_non_null(strstr(r.why, "people: row id "));
	assert_non_null(strstr(r.why, "differs in field birth_estimated"));
	assert_null(strstr(r.why, "2.5")); /* keys and field names, never values */
	assert_int_equal(r.touched, 1);
	assert_int_equal(r.n, TRANSFER_TABLES);
	assert_string_not_equal(r.t[2].sum_from, r.t[2].sum_to);
	assert_string_equal(r.t[1].sum_from, r.t[1].sum_to);

	assert_int_equal(pending(t->to), 1);
	assert_int_equal(store_schema_version(t->to, &v), STORE_OK);
	assert_int_equal(v, 0);
	assert_int_equal(store_migrate(t->to, &applied), STORE_ERROR);
	/* A second attempt into it is refused, without writing. */
	struct transfer_report again = { 0 };
	assert_int_equal(transfer_run(t->f->db.st, t->to, 10, &again), DOM_INVALID);
	assert_non_null(strstr(again.why, "unfinished transfer"));
	assert_int_equal(again.touched, 0);
}

static void test_broken_audit_chain_fails(void **state)
{
	struct tt *t = *state;
	struct transfer_report r = { 0 };
	raw_exec(t->f->db.path, "DROP TRIGGER audit_events_no_update;"
				"UPDATE audit_events SET action = 'tampered' WHERE seq = 3;");

	assert_int_equal(transfer_run(t->f->db.st, t->to, 0, &r), DOM_CONFLICT);
	assert_non_null(strstr(r.why, "audit chain of the target is broken at event 3"));
	assert_non_null(strstr(r.why, "so is the source"));
	assert_int_equal(r.touched, 1);
	for (size_t i = 0; i < r.n; i++) /* copied faithfully */
		assert_string_equal(r.t[i].sum_from, r.t[i].sum_to);
	assert_int_equal(pending(t->to), 1);
}

/* Two names for one (empty) database: found, and the mark taken off. */
static void test_same_database_refused(void **state)
{
	struct tt *t = *state;
	struct store *again;
	char err[128];
	int applied, v = -1;
	assert_int_equal(store_migrate(t->to, &applied), STORE_OK);
	char other[200];
	snprintf(other, sizeof(other), "%s/./to.db", t->f->db.dir);
	assert_int_equal(store_open(other, &again, err, sizeof(err)), STORE_OK);

	struct transfer_report r = { 0 };
	assert_int_equal(transfer_run(t->to, again, 0, &r), DOM_INVALID);
	assert_non_null(strstr(r.why, "same database"));
	assert_int_equal(r.touched, 0);
	assert_int_equal(pending(t->to), 0);
	assert_int_equal(store_schema_version(t->to, &v), STORE_OK);
	assert_int_equal(v, store_latest_version());
	store_close(again);
}

static void test_refuses_a_source_without_schema(void **state)
{
	struct tt *t = *state;
	struct transfer_report r = { 0 };
	/* t->to is a new, empty file: no schema. */
	assert_int_equal(transfer_run(t->to, t->f->db.st, 0, &r), DOM_INVALID);
	assert_non_null(strstr(r.why, "not an amparo database"));
	assert_int_equal(r.touched, 0);
}

static int in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/* A migration that adds a table must say whether transfer copies it. */
static void test_lists_cover_the_schema(void **state)
{
	struct tt *t = *state;
	sqlite3 *db;
	sqlite3_stmt *stmt;
	int tables = 0;
	assert_int_equal(sqlite3_open(t->f->db.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT name FROM sqlite_master WHERE type = 'table' "
					    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
					    "AND name NOT LIKE 'people\\_search\\_%' ESCAPE '\\'",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		if (!in_list(transfer_tables, name) && !in_list(transfer_skipped, name))
			fail_msg("table %s is neither copied nor skipped by amparo transfer", name);
		tables++;
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	assert_int_equal(tables, TRANSFER_TABLES + 3);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_copy_is_equal_and_usable),
		T(test_refuses_a_target_with_data),
		T(test_difference_leaves_target_unusable),
		T(test_broken_audit_chain_fails),
		T(test_same_database_refused),
		T(test_refuses_a_source_without_schema),
		T(test_lists_cover_the_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

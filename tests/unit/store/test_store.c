/* test_store.c: engine selection, migrations and nested transactions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "support.h"

static int setup(void **state)
{
	static struct testdb db;
	if (testdb_open(&db))
		return -1;
	*state = &db;
	return 0;
}

static int teardown(void **state)
{
	testdb_close(*state);
	return 0;
}

static struct user user_rec(const char *id, const char *name)
{
	return (struct user){ .id = (char *)id, .name = (char *)name, .role = "caseworker",
			      .password_hash = "x", .disabled = "0",
			      .created_at = "2024-01-01T00:00:00Z" };
}

static int user_exists(struct store *st, const char *id)
{
	struct arena *a = arena_new();
	struct user u;
	int rc = store_get(st, &ENT_USER, a, "id", id, &u);
	arena_free(a);
	return rc == STORE_OK;
}

static void test_migrate_is_idempotent(void **state)
{
	struct testdb *db = *state;
	int v = -1, applied = -1;
	assert_true(store_latest_version() >= 1);
	assert_int_equal(store_schema_version(db->st, &v), STORE_OK);
	assert_int_equal(v, store_latest_version());
	assert_int_equal(store_migrate(db->st, &applied), STORE_OK);
	assert_int_equal(applied, 0);
}

static void test_migrate_survives_reopen(void **state)
{
	struct testdb *db = *state;
	char err[128];
	int applied = -1, v = 0;
	struct user u = user_rec("u1", "ana");
	assert_int_equal(store_insert(db->st, &ENT_USER, &u), STORE_OK);
	store_close(db->st);
	db->st = NULL;
	assert_int_equal(store_open(db->path, &db->st, err, sizeof(err)), STORE_OK);
	assert_int_equal(store_migrate(db->st, &applied), STORE_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(store_schema_version(db->st, &v), STORE_OK);
	assert_int_equal(v, store_latest_version());
	assert_true(user_exists(db->st, "u1"));
}

static void test_open_refuses_postgres_and_bad_path(void **state)
{
	struct store *st = NULL;
	char err[128] = "";
	assert_int_equal(store_open("postgresql://localhost/amparo", &st, err, sizeof(err)), STORE_ERROR);
	assert_true(strlen(err) > 0);
	err[0] = 0;
	assert_int_equal(store_open("/nonexistent-dir-amparo/x/y.db", &st, err, sizeof(err)), STORE_ERROR);
	assert_true(strlen(err) > 0);
}

static void test_commit_keeps(void **state)
{
	struct testdb *db = *state;
	struct user u = user_rec("u1", "ana");
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &u), STORE_OK);
	assert_int_equal(store_commit(db->st), STORE_OK);
	assert_true(user_exists(db->st, "u1"));
}

static void test_rollback_discards(void **state)
{
	struct testdb *db = *state;
	struct user u = user_rec("u1", "ana");
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &u), STORE_OK);
	store_rollback(db->st);
	assert_false(user_exists(db->st, "u1"));
}

static void test_nested_inner_rollback_rolls_back_outer(void **state)
{
	struct testdb *db = *state;
	struct user u1 = user_rec("u1", "ana"), u2 = user_rec("u2", "beto");
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &u1), STORE_OK);
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &u2), STORE_OK);
	store_rollback(db->st); /* inner */
	/* The outer commit must refuse, and nothing of either survives. */
	assert_int_not_equal(store_commit(db->st), STORE_OK);
	assert_int_equal(db->st->depth, 0);
	assert_false(user_exists(db->st, "u1"));
	assert_false(user_exists(db->st, "u2"));

	/* A later transaction starts clean. */
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &u1), STORE_OK);
	assert_int_equal(store_commit(db->st), STORE_OK);
	assert_true(user_exists(db->st, "u1"));
}

static void test_nested_inner_commit_outer_rollback(void **state)
{
	struct testdb *db = *state;
	struct user u1 = user_rec("u1", "ana");
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &u1), STORE_OK);
	assert_int_equal(store_commit(db->st), STORE_OK); /* inner: not yet durable */
	store_rollback(db->st);
	assert_false(user_exists(db->st, "u1"));
}

static void test_nested_three_levels(void **state)
{
	struct testdb *db = *state;
	struct user u1 = user_rec("u1", "ana");
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &u1), STORE_OK);
	store_rollback(db->st);
	/* The middle level learns that its inner part failed. */
	assert_int_not_equal(store_commit(db->st), STORE_OK);
	assert_int_not_equal(store_commit(db->st), STORE_OK);
	assert_int_equal(db->st->depth, 0);
	assert_false(user_exists(db->st, "u1"));
}

/* commits counts outermost commits that reached the database: the server
 * tells a request that wrote by it. */
static void test_commits_counts_outermost_commits(void **state)
{
	struct testdb *db = *state;
	struct user u1 = user_rec("u1", "ana"), u2 = user_rec("u2", "beto");
	unsigned long before = db->st->commits;

	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &u1), STORE_OK);
	assert_int_equal(store_commit(db->st), STORE_OK);
	assert_int_equal(db->st->commits, before); /* inner: nothing reached the database yet */
	assert_int_equal(store_commit(db->st), STORE_OK);
	assert_int_equal(db->st->commits, before + 1);

	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &u2), STORE_OK);
	store_rollback(db->st);
	assert_int_equal(db->st->commits, before + 1);

	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_begin(db->st), STORE_OK);
	store_rollback(db->st);
	assert_int_not_equal(store_commit(db->st), STORE_OK);
	assert_int_equal(db->st->commits, before + 1);
}

static void test_read_snapshot(void **state)
{
	struct testdb *db = *state;
	struct store *other;
	char err[128];
	struct user a = user_rec("u1", "ana"), b = user_rec("u2", "bea"), c = user_rec("u3", "cris");
	assert_int_equal(store_open(db->path, &other, err, sizeof(err)), STORE_OK);

	/* Reads inside the snapshot do not see another connection's commits. */
	assert_int_equal(store_read_begin(db->st), STORE_OK);
	assert_int_equal(store_read_begin(db->st), STORE_OK); /* already open: nothing */
	assert_false(user_exists(db->st, "u1"));
	assert_int_equal(store_insert(other, &ENT_USER, &a), STORE_OK);
	assert_false(user_exists(db->st, "u1"));
	store_read_end(db->st);
	assert_true(user_exists(db->st, "u1"));
	store_read_end(db->st); /* none open: nothing */

	/* Renewing moves the snapshot to the present. */
	struct user d = user_rec("u4", "dora");
	assert_int_equal(store_read_begin(db->st), STORE_OK);
	assert_false(user_exists(db->st, "u4"));
	assert_int_equal(store_insert(other, &ENT_USER, &d), STORE_OK);
	assert_false(user_exists(db->st, "u4"));
	store_read_renew(db->st);
	assert_true(db->st->reading);
	assert_true(user_exists(db->st, "u4"));
	store_read_end(db->st);
	store_read_renew(db->st);
	assert_false(db->st->reading);

	/* A write inside it ends the snapshot first, then commits. */
	assert_int_equal(store_read_begin(db->st), STORE_OK);
	assert_true(user_exists(db->st, "u1"));
	assert_int_equal(store_insert(other, &ENT_USER, &b), STORE_OK);
	assert_int_equal(store_begin(db->st), STORE_OK);
	assert_int_equal(store_insert(db->st, &ENT_USER, &c), STORE_OK);
	assert_int_equal(store_commit(db->st), STORE_OK);
	assert_true(user_exists(db->st, "u2"));
	store_read_end(db->st);
	assert_true(user_exists(other, "u3"));
	store_close(other);
}

static void test_position(void **state)
{
	struct testdb *db = *state;
	char pos[STORE_POSITION_MAX] = "junk";

	/* SQLite has no replicas: no position. */
	assert_int_equal(store_position(db->st, pos), STORE_OK);
	assert_string_equal(pos, "");

	/* PostgreSQL's "X/Y": two hexadecimal 32-bit halves, compared as numbers. */
	assert_true(store_position_value("0/3000000") == 0x3000000ULL);
	assert_true(store_position_value("16/B374D848") == (0x16ULL << 32 | 0xB374D848ULL));
	assert_true(store_position_value("10/0") > store_position_value("9/FFFFFFFF"));
	assert_true(store_position_value("0/10000000") > store_position_value("0/F000000"));
	assert_true(store_position_value("0/A0") > store_position_value("0/9F"));
	assert_true(store_position_value("FFFFFFFF/FFFFFFFF") == 0xFFFFFFFFFFFFFFFFULL);
	/* Malformed: 0, which is before every real position. */
	assert_true(store_position_value("") == 0);
	assert_true(store_position_value(NULL) == 0);
	assert_true(store_position_value("16") == 0);
	assert_true(store_position_value("16/") == 0);
	assert_true(store_position_value("/16") == 0);
	assert_true(store_position_value("16/1x") == 0);
	assert_true(store_position_value("-1/0") == 0);
	assert_true(store_position_value("100000000/0") == 0);
}

/* Lists and counts with several filters at once, and with none. */
static void test_list_where(void **state)
{
	struct testdb *db = *state;
	struct arena *a = arena_new();
	struct user u[] = { user_rec("w1", "ana"), user_rec("w2", "beto"), user_rec("w3", "cora") };
	struct store_list l;
	long long n = -1;
	u[1].role = "supervisor";
	u[2].disabled = "1";
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(store_insert(db->st, &ENT_USER, &u[i]), STORE_OK);
	const struct store_filter both[] = { { "role", "caseworker" }, { "disabled", "0" } };
	assert_int_equal(store_list_where(db->st, &ENT_USER, a, both, 2, "name", 0, 10, 0, &l), STORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct user *)l.items[0])->name, "ana");
	assert_int_equal(store_count_where(db->st, &ENT_USER, both, 2, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_count_where(db->st, &ENT_USER, both, 1, &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_list_where(db->st, &ENT_USER, a, NULL, 0, "name", 1, 2, 1, &l), STORE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct user *)l.items[0])->name, "beto");
	/* A key ending with an operator compares (here text, in order). */
	const struct store_filter range[] = { { "name>", "ana" }, { "name<=", "beto" } };
	assert_int_equal(store_list_where(db->st, &ENT_USER, a, range, 2, "name", 0, 10, 0, &l), STORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct user *)l.items[0])->name, "beto");
	assert_int_equal(store_count_where(db->st, &ENT_USER, range, 1, &n), STORE_OK);
	assert_int_equal(n, 2);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_is_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_survives_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_refuses_postgres_and_bad_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_keeps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_discards, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_inner_rollback_rolls_back_outer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_inner_commit_outer_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_three_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commits_counts_outermost_commits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_position, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_where, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

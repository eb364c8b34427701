/* test_store_pg.c: what only the PostgreSQL engine does: a connection the
 * server cuts (a restart, a failover, an administrator) in or out of a
 * transaction, and a page's reads in one snapshot. Runs when AMPARO_TEST_DB_URL names an empty database on a
 * throw-away cluster (make test-integration, through
 * tests/pg/with-cluster.sh); each test starts from a fresh schema. A
 * second connection plays the administrator who cuts the first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "support.h"

struct t {
	struct store *st; /* the connection that is cut */
	struct store *admin;
	struct arena *a;
};

static int setup(void **state)
{
	static struct t t;
	char err[256];
	memset(&t, 0, sizeof(t));
	if (!(t.st = testpg_open()))
		return -1;
	if (store_open(getenv("AMPARO_TEST_DB_URL"), &t.admin, err, sizeof(err))) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	t.a = arena_new();
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;
	t->admin->eng->exec(t->admin, "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET "
				      "timezone', current_database()); END $$");
	store_close(t->st);
	store_close(t->admin);
	arena_free(t->a);
	return 0;
}

#define T0 "2026-01-01T00:00:00Z"

/* Ends every other session of the database, and waits until they are gone. */
static void cut(struct t *t)
{
	assert_int_equal(t->admin->eng->exec(t->admin,
		"SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
		"WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' "
		"AND datname = current_database()"),
		STORE_OK);
}

static void add_user(struct store *st)
{
	struct user u = { .id = "u1", .name = "admin", .role = "admin", .password_hash = "h",
			  .disabled = "0", .created_at = T0 };
	assert_int_equal(store_insert(st, &ENT_USER, &u), STORE_OK);
}

static struct household household(const char *id, const char *ref)
{
	return (struct household){ .id = (char *)id, .ref = (char *)ref, .status = "active", .created_at = T0,
				   .updated_at = T0 };
}

static long long households(struct t *t)
{
	long long n = -1;
	assert_int_equal(store_count(t->admin, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
	return n;
}

/* Cut in the middle of a transaction: what it wrote is gone, the calls
 * that follow are refused (none of them may run on the new connection
 * outside a transaction), its rollback is quiet, and the next
 * transaction works. */
static void test_cut_inside_a_transaction(void **state)
{
	struct t *t = *state;
	struct household h1 = household("h1", "H-1"), h2 = household("h2", "H-2"),
			 h3 = household("h3", "H-3"), h4 = household("h4", "H-4");
	assert_int_equal(store_begin(t->st), STORE_OK);
	assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h1), STORE_OK);
	cut(t);
	assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h2), STORE_BUSY);
	assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h3), STORE_BUSY);
	struct household got;
	assert_int_equal(store_get(t->st, &ENT_HOUSEHOLD, t->a, "id", "h1", &got), STORE_BUSY);
	assert_int_equal(t->st->depth, 1);
	store_rollback(t->st);
	assert_int_equal(t->st->depth, 0);
	assert_int_equal(households(t), 0);

	assert_int_equal(store_begin(t->st), STORE_OK);
	assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h4), STORE_OK);
	assert_int_equal(store_commit(t->st), STORE_OK);
	assert_int_equal(households(t), 1);
	assert_int_equal(store_get(t->admin, &ENT_HOUSEHOLD, t->a, "id", "h4", &got), STORE_OK);
}

/* A commit after the cut fails, even inside nested transactions, and
 * stores nothing. */
static void test_commit_after_a_cut_fails(void **state)
{
	struct t *t = *state;
	struct household h1 = household("h1", "H-1"), h2 = household("h2", "H-2");
	assert_int_equal(store_begin(t->st), STORE_OK);
	assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h1), STORE_OK);
	cut(t);
	assert_int_not_equal(store_commit(t->st), STORE_OK);
	assert_int_equal(households(t), 0);

	assert_int_equal(store_begin(t->st), STORE_OK);
	assert_int_equal(store_begin(t->st), STORE_OK);
	assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h2), STORE_OK);
	cut(t);
	assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h1), STORE_BUSY);
	store_rollback(t->st); /* the inner one gives up */
	assert_int_not_equal(store_commit(t->st), STORE_OK);
	assert_int_equal(t->st->depth, 0);
	assert_int_equal(households(t), 0);

	assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h2), STORE_OK);
	assert_int_equal(households(t), 1);
}

/* Outside a transaction the call that meets the cut is busy (the request
 * gets a 503), and the next call works, with the session as amparo set
 * it up (the database's own time zone here is not UTC). */
static void test_cut_between_transactions(void **state)
{
	struct t *t = *state;
	struct household h1 = household("h1", "H-1"), got;
	assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h1), STORE_OK);
	assert_int_equal(t->admin->eng->exec(t->admin,
		"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', "
		"current_database(), 'America/Panama'); END $$"),
		STORE_OK);
	cut(t);
	assert_int_equal(store_get(t->st, &ENT_HOUSEHOLD, t->a, "id", "h1", &got), STORE_BUSY);
	assert_int_equal(store_get(t->st, &ENT_HOUSEHOLD, t->a, "id", "h1", &got), STORE_OK);
	assert_string_equal(got.ref, "H-1");
	assert_int_equal(t->st->eng->exec(t->st,
		"DO $$ BEGIN IF current_setting('TimeZone') <> 'UTC' THEN "
		"RAISE EXCEPTION 'time zone %', current_setting('TimeZone'); END IF; END $$"),
		STORE_OK);
}

/* A bulk load cut while its rows are in flight fails at the flush; the
 * tables it set aside come back whole (the server rolled the drops back)
 * and the next load works. */
static void test_cut_during_a_bulk_load(void **state)
{
	struct t *t = *state;
	static const struct entity *const tables[] = { &ENT_HOUSEHOLD };
	add_user(t->st);
	struct store_bulk *b;
	assert_int_equal(store_begin(t->st), STORE_OK);
	assert_int_equal(store_bulk_begin(t->st, tables, 1, &b), STORE_OK);
	int rc = STORE_OK;
	for (int i = 0; i < 200000 && !rc; i++) {
		struct arena *a = arena_new();
		struct household h = household(arena_printf(a, "h%d", i), arena_printf(a, "H-%d", i));
		rc = store_bulk_add(b, &ENT_HOUSEHOLD, &h);
		if (i == 100000)
			cut(t);
		arena_free(a);
	}
	if (!rc)
		rc = store_bulk_flush(b);
	assert_int_equal(rc, STORE_BUSY);
	store_bulk_free(b);
	store_rollback(t->st);
	assert_int_equal(households(t), 0);
	assert_int_equal(t->admin->eng->exec(t->admin,
		"DO $$ BEGIN IF to_regclass('households_created') IS NULL THEN "
		"RAISE EXCEPTION 'an index the load set aside is missing'; END IF; END $$"),
		STORE_OK);

	struct household h = household("hx", "H-X");
	assert_int_equal(store_begin(t->st), STORE_OK);
	assert_int_equal(store_bulk_begin(t->st, tables, 1, &b), STORE_OK);
	assert_int_equal(store_bulk_add(b, &ENT_HOUSEHOLD, &h), STORE_OK);
	assert_int_equal(store_bulk_flush(b), STORE_OK);
	store_bulk_free(b);
	assert_int_equal(store_commit(t->st), STORE_OK);
	assert_int_equal(households(t), 1);
}

/* A page's reads share one snapshot (store_read_begin), as on SQLite: a
 * record another connection adds in the meantime shows in the next one. */
static void test_a_page_reads_one_snapshot(void **state)
{
	struct t *t = *state;
	struct household h1 = household("h1", "H-1"), h2 = household("h2", "H-2");
	long long n = -1;
	assert_int_equal(store_insert(t->admin, &ENT_HOUSEHOLD, &h1), STORE_OK);
	assert_int_equal(store_read_begin(t->st), STORE_OK);
	assert_int_equal(store_count(t->st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_insert(t->admin, &ENT_HOUSEHOLD, &h2), STORE_OK);
	assert_int_equal(store_count(t->st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1);
	store_read_renew(t->st);
	assert_int_equal(store_count(t->st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 2);
	store_read_end(t->st);
}

/* A statement that fails inside a page's reads fails alone: the queries
 * after it work (a new snapshot), as they did with one transaction a
 * statement, instead of failing as "current transaction is aborted". */
static void test_a_failed_statement_inside_a_read(void **state)
{
	struct t *t = *state;
	struct household h1 = household("h1", "H-1");
	long long n = -1;
	assert_int_equal(store_insert(t->admin, &ENT_HOUSEHOLD, &h1), STORE_OK);
	assert_int_equal(store_read_begin(t->st), STORE_OK);
	assert_int_equal(t->st->eng->exec(t->st, "SELECT 1 / 0"), STORE_ERROR);
	assert_int_equal(store_count(t->st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1);
	store_read_end(t->st);
	assert_int_equal(store_count(t->st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
}

/* Cut inside a page's read transaction: the rest of the page is busy,
 * and the next page reads again. */
static void test_cut_inside_a_read(void **state)
{
	struct t *t = *state;
	struct household h1 = household("h1", "H-1"), got;
	assert_int_equal(store_insert(t->admin, &ENT_HOUSEHOLD, &h1), STORE_OK);
	assert_int_equal(store_read_begin(t->st), STORE_OK);
	assert_int_equal(store_get(t->st, &ENT_HOUSEHOLD, t->a, "id", "h1", &got), STORE_OK);
	cut(t);
	long long n = -1;
	assert_int_equal(store_count(t->st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_BUSY);
	assert_int_equal(store_count(t->st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_BUSY);
	store_read_end(t->st);
	assert_int_equal(store_read_begin(t->st), STORE_OK);
	assert_int_equal(store_count(t->st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1);
	store_read_end(t->st);
}

static char *household_refs(struct store *st, struct arena *a)
{
	struct store_list l;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(store_list(st, &ENT_HOUSEHOLD, a, NULL, NULL, "ref", 0, 10, 0, &l), STORE_OK);
	for (size_t i = 0; i < l.n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", ((struct household *)l.items[i])->ref);
	char *out = arena_strbuf(a, &b);
	buf_free(&b);
	return out;
}

/* Text compares byte by byte, as on SQLite, even in a database whose
 * locale sorts otherwise (migration 0028): the same ORDER BY gives the
 * same rows on both engines. Every text column of the schema says so, and
 * in a database created with a Spanish ICU locale (where "H-B" would come
 * after "H-ab", and "H-á" beside "H-a") the households come in byte
 * order. */
static void test_text_compares_bytes(void **state)
{
	struct t *t = *state;
	const char *const refs[] = { "H-ab", "H-á", "H-a_b", "H-B" };
	char err[256], id[8];
	assert_int_equal(t->admin->eng->exec(t->admin,
		"DO $$ BEGIN IF EXISTS (SELECT 1 FROM information_schema.columns "
		"WHERE table_schema = current_schema() AND data_type = 'text' "
		"AND collation_name IS DISTINCT FROM 'C') THEN "
		"RAISE EXCEPTION 'a text column without COLLATE \"C\"'; END IF; END $$"),
		STORE_OK);

	const char *url = getenv("AMPARO_TEST_DB_URL"), *name = strstr(url, "/amparo_test");
	if (!name)
		skip();
	assert_int_equal(t->admin->eng->exec(t->admin, "DROP DATABASE IF EXISTS amparo_icu_test"),
			 STORE_OK);
	if (t->admin->eng->exec(t->admin,
		"CREATE DATABASE amparo_icu_test TEMPLATE template0 ENCODING 'UTF8' "
		"LOCALE_PROVIDER icu ICU_LOCALE 'es' LOCALE 'C.UTF-8'"))
		skip(); /* a server without ICU (before PostgreSQL 15, or built without it) */
	char *icu_url = arena_printf(t->a, "%.*s/amparo_icu_test%s", (int)(name - url), url,
				     name + strlen("/amparo_test"));
	struct store *icu;
	int applied = 0;
	assert_int_equal(store_open(icu_url, &icu, err, sizeof(err)), STORE_OK);
	assert_int_equal(store_migrate(icu, &applied), STORE_OK);
	for (size_t i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "h%zu", i);
		struct household h = household(id, refs[i]);
		assert_int_equal(store_insert(icu, &ENT_HOUSEHOLD, &h), STORE_OK);
		assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h), STORE_OK);
	}
	assert_string_equal(household_refs(icu, t->a), "H-B H-a_b H-ab H-á");
	assert_string_equal(household_refs(t->st, t->a), "H-B H-a_b H-ab H-á");
	store_close(icu);
	assert_int_equal(t->admin->eng->exec(t->admin, "DROP DATABASE amparo_icu_test"), STORE_OK);
}

/* Pages of a list whose order column ties everywhere (60 households
 * registered in the same second, inserted out of key order) give every
 * record once, in key order, both ways: the key breaks the ties. */
static void test_ties_come_in_key_order(void **state)
{
	struct t *t = *state;
	char id[8], ref[8];
	for (int i = 0; i < 60; i++) {
		int k = (i * 37) % 60;
		snprintf(id, sizeof(id), "h%02d", k);
		snprintf(ref, sizeof(ref), "H-%02d", k);
		struct household h = household(id, ref);
		assert_int_equal(store_insert(t->st, &ENT_HOUSEHOLD, &h), STORE_OK);
	}
	for (int desc = 0; desc <= 1; desc++) {
		int next = desc ? 59 : 0;
		for (long off = 0; off < 60; off += 7) {
			struct store_list l;
			assert_int_equal(store_list(t->st, &ENT_HOUSEHOLD, t->a, NULL, NULL, "created_at", desc, 7,
						    off, &l),
					 STORE_OK);
			for (size_t i = 0; i < l.n; i++) {
				snprintf(id, sizeof(id), "h%02d", next);
				assert_string_equal(((struct household *)l.items[i])->id, id);
				next += desc ? -1 : 1;
			}
		}
		assert_int_equal(next, desc ? -1 : 60);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cut_inside_a_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_after_a_cut_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cut_between_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cut_during_a_bulk_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_page_reads_one_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_failed_statement_inside_a_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cut_inside_a_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_compares_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ties_come_in_key_order, setup, teardown),
	};
	if (!getenv("AMPARO_TEST_DB_URL")) {
		printf("test_store_pg: AMPARO_TEST_DB_URL is not set: nothing to test on SQLite\n");
		return 0;
	}
	return cmocka_run_group_tests_name("postgresql", tests, NULL, NULL);
}

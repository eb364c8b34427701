/* test_memo.c: store_get keeps what a read transaction fetched (memo.c),
 * and never hands back a record that a write or a new transaction has
 * made stale. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "support.h"

/* The shared fixture (a migrated database and an arena) with 40 people. */
static int setup(void **state)
{
	if (fixture_setup(state))
		return -1;
	struct fixture *f = *state;
	char id[16], ref[16], name[16];
	for (int i = 0; i < 40; i++) {
		snprintf(id, sizeof(id), "id-%03d", i);
		snprintf(ref, sizeof(ref), "P-%06d", i);
		snprintf(name, sizeof(name), "Nombre %d", i);
		struct person p = { .id = id, .ref = ref, .given_names = name, .status = "active",
				    .birth_estimated = "0", .created_at = "2024-01-01T00:00:00Z",
				    .updated_at = "2024-01-01T00:00:00Z" };
		if (store_insert(f->db.st, &ENT_PERSON, &p))
			return -1;
	}
	return 0;
}

static const char *name_of(struct store *st, struct arena *a, const char *key, const char *value)
{
	struct person p;
	memset(&p, 0, sizeof(p));
	if (store_get(st, &ENT_PERSON, a, key, value, &p) != STORE_OK)
		return "(none)";
	return p.given_names;
}

static void rename_to(struct store *st, struct arena *a, const char *id, const char *name)
{
	struct person p;
	assert_int_equal(store_get(st, &ENT_PERSON, a, "id", id, &p), STORE_OK);
	p.given_names = (char *)name;
	assert_int_equal(store_update(st, &ENT_PERSON, &p), STORE_OK);
}

static void test_same_record_twice_in_a_transaction(void **state)
{
	struct fixture *t = *state;
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-001"), "Nombre 1");
	/* The caller's arena is freed and another one made (perhaps at the
	 * same address): the kept copy is the memo's own. */
	struct arena *b = arena_new();
	const char *again = name_of(t->db.st, b, "id", "id-001");
	assert_string_equal(again, "Nombre 1");
	arena_free(b);
	b = arena_new();
	assert_string_equal(name_of(t->db.st, b, "id", "id-001"), "Nombre 1");
	assert_string_equal(name_of(t->db.st, b, "ref", "P-000001"), "Nombre 1");
	assert_string_equal(name_of(t->db.st, b, "id", "id-404"), "(none)");
	arena_free(b);
	store_read_end(t->db.st);
}

static void test_own_write_is_seen(void **state)
{
	struct fixture *t = *state;
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-002"), "Nombre 2");
	rename_to(t->db.st, t->a, "id-002", "Renombrada");
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-002"), "Renombrada");
	store_read_end(t->db.st);
	/* In a transaction of its own, as a page's form post writes. */
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-002"), "Renombrada");
	assert_int_equal(store_begin(t->db.st), STORE_OK);
	rename_to(t->db.st, t->a, "id-002", "Otra vez");
	assert_int_equal(store_commit(t->db.st), STORE_OK);
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-002"), "Otra vez");
	store_read_end(t->db.st);
}

static void test_other_connection_seen_in_the_next_transaction(void **state)
{
	struct fixture *t = *state;
	struct store *other;
	char err[128];
	assert_int_equal(store_open(t->db.path, &other, err, sizeof(err)), STORE_OK);
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-003"), "Nombre 3");
	rename_to(other, t->a, "id-003", "Cambiada");
	/* The snapshot holds within the transaction ... */
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-003"), "Nombre 3");
	store_read_renew(t->db.st);
	/* ... and the next one reads the change. */
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-003"), "Cambiada");
	store_read_end(t->db.st);
	rename_to(other, t->a, "id-003", "Fuera");
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-003"), "Fuera");
	store_close(other);
}

static void test_more_records_than_slots(void **state)
{
	struct fixture *t = *state;
	char id[16], want[16];
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	for (int round = 0; round < 3; round++)
		for (int i = 10; i < 40; i++) {
			snprintf(id, sizeof(id), "id-%03d", i);
			snprintf(want, sizeof(want), "Nombre %d", i);
			assert_string_equal(name_of(t->db.st, t->a, "id", id), want);
		}
	store_read_end(t->db.st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_record_twice_in_a_transaction),
		cmocka_unit_test(test_own_write_is_seen),
		cmocka_unit_test(test_other_connection_seen_in_the_next_transaction),
		cmocka_unit_test(test_more_records_than_slots),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}

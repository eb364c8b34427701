/* test_memo.c: store_get, store_list and store_count keep what a read
 * transaction fetched (memo.c), and never hand back an answer that a write
 * or a new transaction has made stale. */
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

static struct store_filter active_only[] = { { "status", "active" } };

static size_t active_people(struct store *st, struct arena *a, long limit)
{
	struct store_list l;
	assert_int_equal(store_list_where(st, &ENT_PERSON, a, active_only, 1, "id", 0, limit, 0, &l),
			 STORE_OK);
	return l.n;
}

static long long count_active(struct store *st)
{
	long long n = -1;
	assert_int_equal(store_count_where(st, &ENT_PERSON, active_only, 1, &n), STORE_OK);
	return n;
}

static void add_person(struct store *st, const char *id)
{
	struct person p = { .id = (char *)id, .ref = (char *)id, .given_names = "Nueva",
			    .status = "active", .birth_estimated = "0",
			    .created_at = "2024-01-02T00:00:00Z", .updated_at = "2024-01-02T00:00:00Z" };
	assert_int_equal(store_insert(st, &ENT_PERSON, &p), STORE_OK);
}

/* Lists and counts: the same answer twice, a count from a list that
 * holds every match but never from a page of them, and a write of the
 * connection (or another's, from the next transaction on) seen. */
static void test_lists_and_counts(void **state)
{
	struct fixture *t = *state;
	struct store *other;
	char err[128];
	long long before;
	before = count_active(t->db.st); /* outside a read transaction: not kept */
	assert_true(before >= 40);
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	assert_int_equal(active_people(t->db.st, t->a, 10), 10);
	assert_true(count_active(t->db.st) == before); /* not the page's 10 */
	store_read_renew(t->db.st);
	assert_true((long long)active_people(t->db.st, t->a, 500) == before);
	assert_true(count_active(t->db.st) == before);
	assert_true(count_active(t->db.st) == before);
	add_person(t->db.st, "id-new-1");
	assert_true((long long)active_people(t->db.st, t->a, 500) == before + 1);
	assert_true(count_active(t->db.st) == before + 1);
	store_read_end(t->db.st);

	assert_int_equal(store_open(t->db.path, &other, err, sizeof(err)), STORE_OK);
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	assert_true(count_active(t->db.st) == before + 1);
	add_person(other, "id-new-2");
	assert_true(count_active(t->db.st) == before + 1); /* the snapshot holds */
	store_read_renew(t->db.st);
	assert_true(count_active(t->db.st) == before + 2);
	assert_true((long long)active_people(t->db.st, t->a, 500) == before + 2);
	store_read_end(t->db.st);
	store_close(other);
}

/* A kept list is the memo's own: a caller that changes its copy, or frees
 * the arena it was given, changes nothing for the next caller; a sealed
 * field comes back opened. */
static void test_kept_list_is_a_copy(void **state)
{
	struct fixture *t = *state;
	struct flag f = { .id = "flag-1", .person_id = "id-004", .type = "safety_risk",
			  .reason = "Amenazas del prestamista", .raised_by = t->admin.id,
			  .raised_at = "2024-01-03T00:00:00Z" };
	struct store_list l;
	assert_int_equal(store_insert(t->db.st, &ENT_FLAG, &f), STORE_OK);
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	for (int round = 0; round < 3; round++) {
		struct arena *b = arena_new();
		assert_int_equal(store_list(t->db.st, &ENT_FLAG, b, "person_id", "id-004", "raised_at",
					    1, 100, 0, &l),
				 STORE_OK);
		assert_int_equal(l.n, 1);
		struct flag *got = l.items[0];
		assert_string_equal(got->reason, "Amenazas del prestamista");
		got->reason = "cambiada por quien llama";
		arena_free(b);
	}
	struct flag one;
	for (int round = 0; round < 2; round++) {
		assert_int_equal(store_get(t->db.st, &ENT_FLAG, t->a, "id", "flag-1", &one), STORE_OK);
		assert_string_equal(one.reason, "Amenazas del prestamista");
	}
	store_read_end(t->db.st);
}

/* A count answered from a kept list that holds every match, and only for
 * the same filters; a record asked by its first column with no key (as
 * some callers do) or by name is the same answer; a record found
 * missing, then added by the same connection, is found. */
static void test_short_lists_keys_and_absence(void **state)
{
	struct fixture *t = *state;
	struct store_filter five[] = { { "given_names", "Nombre 5" } };
	struct store_filter six[] = { { "given_names", "Nombre 6" } };
	struct store_list l;
	long long n = -1, active = count_active(t->db.st);
	struct person p;
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	assert_int_equal(store_list_where(t->db.st, &ENT_PERSON, t->a, five, 1, "id", 0, 100, 0, &l),
			 STORE_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(store_count_where(t->db.st, &ENT_PERSON, five, 1, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_count_where(t->db.st, &ENT_PERSON, six, 1, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_true(count_active(t->db.st) == active);

	assert_string_equal(name_of(t->db.st, t->a, "id", "id-007"), "Nombre 7");
	assert_string_equal(name_of(t->db.st, t->a, NULL, "id-007"), "Nombre 7");
	assert_string_equal(name_of(t->db.st, t->a, NULL, "id-008"), "Nombre 8");
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-008"), "Nombre 8");

	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", "id-late", &p), STORE_NOTFOUND);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", "id-late", &p), STORE_NOTFOUND);
	add_person(t->db.st, "id-late");
	assert_string_equal(name_of(t->db.st, t->a, "id", "id-late"), "Nueva");
	store_read_end(t->db.st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_record_twice_in_a_transaction),
		cmocka_unit_test(test_own_write_is_seen),
		cmocka_unit_test(test_other_connection_seen_in_the_next_transaction),
		cmocka_unit_test(test_more_records_than_slots),
		cmocka_unit_test(test_lists_and_counts),
		cmocka_unit_test(test_kept_list_is_a_copy),
		cmocka_unit_test(test_short_lists_keys_and_absence),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}

/* test_person_match.c: the registry's matching index on a real SQLite
 * database: built from the store, kept current, permission-checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "domain/merge.h"
#include "domain/person.h"
#include "domain/person_match.h"
#include "support.h"

/* The position of id among the matches, or -1. */
static int find(const struct person_match *m, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].p.id, id) == 0)
			return (int)i;
	return -1;
}

static int teardown(void **state)
{
	person_match_stop();
	return fixture_teardown(state);
}

static void test_not_ready_without_index(void **state)
{
	struct fixture *f = *state;
	struct person_match m[PERSON_MATCH_MAX];
	size_t n = 99;
	struct person q = fixture_named(f, "Ana", "Pérez", NULL, NULL);
	assert_false(person_match_ready());
	assert_int_equal(person_matches(&f->c, &q, NULL, m, PERSON_MATCH_MAX, &n), DOM_BUSY);
	assert_int_equal(n, 0);
	/* Registering without an index is fine: nothing to keep current. */
	struct person out;
	fixture_register(f, q, &out);
}

static void test_built_index_finds_near_duplicate_with_reasons(void **state)
{
	struct fixture *f = *state;
	struct person_match m[PERSON_MATCH_MAX];
	size_t n;
	struct person josmar, other;
	fixture_register(f, fixture_named(f, "Josmar", "González", "Rivas", "1987-06-23"), &josmar);
	fixture_register(f, fixture_named(f, "Carmen", "Quintero", NULL, "1960-01-30"), &other);
	fixture_filler(f, 60);
	assert_int_equal(person_match_build(f->db.st), DOM_OK);
	assert_true(person_match_ready());

	struct person q = fixture_named(f, "Yosmar", "Gonzales", "Rivas", "1987-06-23");
	assert_int_equal(person_matches(&f->c, &q, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	int i = find(m, n, josmar.id);
	assert_true(i >= 0);
	assert_int_equal(m[i].verdict, MATCH_LIKELY);
	assert_string_equal(m[i].p.ref, josmar.ref);
	assert_int_equal(m[i].why.level[MATCH_BIRTH], MATCH_DATE_EXACT);
	assert_true(m[i].why.level[MATCH_GIVEN] >= MATCH_NAME_FUZZY);
	assert_true(m[i].why.level[MATCH_FAMILY] >= MATCH_NAME_FUZZY);
	assert_int_equal(find(m, n, other.id), -1);
	assert_true(person_match_any_likely(m, n));

	/* Someone unrelated has no matches. */
	struct person u = fixture_named(f, "Wilfredo", "Xochitl", NULL, "2001-09-09");
	assert_int_equal(person_matches(&f->c, &u, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_int_equal(n, 0);
	assert_false(person_match_any_likely(m, n));

	/* A person checked against the others leaves themself out. */
	josmar.id = arena_strdup(f->a, josmar.id);
	assert_int_equal(person_matches(&f->c, &josmar, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_int_equal(find(m, n, josmar.id), -1);
}

static void test_index_follows_registrations_edits_documents(void **state)
{
	struct fixture *f = *state;
	struct person_match m[PERSON_MATCH_MAX];
	size_t n;
	struct person a, b, upd;
	struct errors errs = { .n = 0 };
	fixture_filler(f, 60);
	assert_int_equal(person_match_build(f->db.st), DOM_OK);

	/* Registered after the build: found. */
	fixture_register(f, fixture_named(f, "José", "Pérez", "González", "1990-04-12"), &a);
	struct person q = fixture_named(f, "Jose", "Gonzales", "Perez", "1990-12-04");
	assert_int_equal(person_matches(&f->c, &q, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	int k = find(m, n, a.id);
	assert_true(k >= 0);
	assert_int_equal(m[k].verdict, MATCH_LIKELY);
	assert_int_equal(m[k].why.level[MATCH_BIRTH], MATCH_DATE_SWAPPED);

	/* Edited: the new name is found, the old one no more. */
	fixture_register(f, fixture_named(f, "Lucrecia", "Manzanares", NULL, "1975-03-03"), &b);
	struct person ch = { .given_names = "Eustaquia", .surname1 = "Villalobos" };
	assert_int_equal(person_update(&f->c, b.id, &ch, &errs, &upd), DOM_OK);
	struct person qn = fixture_named(f, "Eustaquia", "Villalobos", NULL, "1975-03-03");
	assert_int_equal(person_matches(&f->c, &qn, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_true(find(m, n, b.id) >= 0);
	struct person qo = fixture_named(f, "Lucrecia", "Manzanares", NULL, "1975-03-03");
	assert_int_equal(person_matches(&f->c, &qo, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_int_equal(find(m, n, b.id), -1);

	/* A document added: a search by that number alone finds the person. */
	struct document d = { .type = arena_strdup(f->a, "passport"),
			      .number = arena_strdup(f->a, "V12345678") };
	assert_int_equal(person_add_document(&f->c, b.id, &d, &errs), DOM_OK);
	struct person qd = fixture_named(f, "Eustaquia", "Villalobos", NULL, "1999-12-12");
	assert_int_equal(person_matches(&f->c, &qd, "V12345679", m, PERSON_MATCH_MAX, &n), DOM_OK);
	int i = find(m, n, b.id);
	assert_true(i >= 0);
	assert_true(m[i].why.level[MATCH_DOCUMENT] >= 1);
}

/* A merged person is nobody's match (the survivor is): left out after the
 * merge, back after its undo, and skipped by a build. */
static void test_merged_people_leave_the_index(void **state)
{
	struct fixture *f = *state;
	struct person_match m[PERSON_MATCH_MAX];
	size_t n;
	struct person a, b;
	struct merge g;
	struct errors errs = { .n = 0 };
	fixture_filler(f, 60);
	assert_int_equal(person_match_build(f->db.st), DOM_OK);
	fixture_register(f, fixture_named(f, "Josmar", "González", "Rivas", "1987-06-23"), &a);
	fixture_register(f, fixture_named(f, "Yosmar", "Gonzales", "Rivas", "1987-06-23"), &b);
	struct person q = fixture_named(f, "Josmar", "Gonzalez", "Rivas", "1987-06-23");
	assert_int_equal(person_matches(&f->c, &q, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_true(find(m, n, b.id) >= 0);

	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(person_matches(&f->c, &q, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_int_equal(find(m, n, b.id), -1);
	assert_true(find(m, n, a.id) >= 0);
	assert_int_equal(person_match_build(f->db.st), DOM_OK);
	assert_int_equal(person_matches(&f->c, &q, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_int_equal(find(m, n, b.id), -1);

	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_int_equal(person_matches(&f->c, &q, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_true(find(m, n, b.id) >= 0);
}

static void test_build_joins_documents(void **state)
{
	struct fixture *f = *state;
	struct person_match m[PERSON_MATCH_MAX];
	size_t n;
	struct person a;
	struct errors errs = { .n = 0 };
	fixture_register(f, fixture_named(f, "Rosalba", "Urdaneta", NULL, "1982-07-01"), &a);
	struct document d = { .type = arena_strdup(f->a, "passport"),
			      .number = arena_strdup(f->a, "P7788990") };
	assert_int_equal(person_add_document(&f->c, a.id, &d, &errs), DOM_OK);
	assert_int_equal(person_match_build(f->db.st), DOM_OK);
	struct person q = fixture_named(f, "Rosalba", "Urdaneta", NULL, "1982-07-01");
	assert_int_equal(person_matches(&f->c, &q, "P7788990", m, PERSON_MATCH_MAX, &n), DOM_OK);
	int i = find(m, n, a.id);
	assert_true(i >= 0);
	assert_int_equal(m[i].why.level[MATCH_DOCUMENT], 2);
}

/* amparo serve's way: a thread builds the index from its own connection;
 * a registration made meanwhile is found once it is ready. */
static void test_background_build(void **state)
{
	struct fixture *f = *state;
	struct person_match m[PERSON_MATCH_MAX];
	size_t n;
	struct person a, b;
	fixture_filler(f, 40);
	fixture_register(f, fixture_named(f, "Yuleisy", "Carrasquel", "Mora", "1993-08-08"), &a);
	assert_int_equal(person_match_start(f->db.path), DOM_OK);
	assert_int_not_equal(person_match_start(f->db.path), DOM_OK); /* one per process */
	fixture_register(f, fixture_named(f, "Deivis", "Barazarte", NULL, "1991-01-21"), &b);
	for (int i = 0; i < 500 && !person_match_ready(); i++)
		usleep(10000);
	assert_true(person_match_ready());
	struct person qa = fixture_named(f, "Yuleisi", "Carrasquel", "Mora", "1993-08-08");
	assert_int_equal(person_matches(&f->c, &qa, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_true(find(m, n, a.id) >= 0);
	struct person qb = fixture_named(f, "Deivis", "Barazarte", NULL, "1991-01-21");
	assert_int_equal(person_matches(&f->c, &qb, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	assert_int_equal(n, 1); /* once, though noted during the build */
	assert_string_equal(m[0].p.id, b.id);
	person_match_stop();
	assert_false(person_match_ready());
}

static void test_permission(void **state)
{
	struct fixture *f = *state;
	struct person_match m[PERSON_MATCH_MAX];
	size_t n;
	struct user ethics;
	assert_int_equal(person_match_build(f->db.st), DOM_OK);
	fixture_user(f, "etica", "ethics", &ethics);
	const struct user *was = f->c.user;
	struct person q = fixture_named(f, "Ana", "Pérez", NULL, NULL);
	f->c.user = &ethics;
	assert_int_equal(person_matches(&f->c, &q, NULL, m, PERSON_MATCH_MAX, &n), DOM_FORBIDDEN);
	f->c.user = NULL;
	assert_int_not_equal(person_matches(&f->c, &q, NULL, m, PERSON_MATCH_MAX, &n), DOM_OK);
	f->c.user = was;
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_not_ready_without_index),
		T(test_built_index_finds_near_duplicate_with_reasons),
		T(test_index_follows_registrations_edits_documents),
		T(test_merged_people_leave_the_index),
		T(test_build_joins_documents),
		T(test_background_build),
		T(test_permission),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

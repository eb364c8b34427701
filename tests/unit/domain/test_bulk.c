/* test_bulk.c: bulk batches (domain/bulk.c), person_bulk_create and
 * household_bulk_create write what the one-at-a-time calls write, and the
 * demo generator that uses them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "domain/audit.h"
#include "domain/bulk.h"
#include "domain/demo.h"
#include "domain/household.h"
#include "domain/person.h"
#include "support.h"

/* The reference of the person or household id, "user" for a user, or id. */
static const char *ref_of(struct fixture *f, const char *id)
{
	struct person p;
	struct household h;
	struct user u;
	if (!id)
		return "-";
	if (store_get(f->db.st, &ENT_PERSON, f->a, "id", id, &p) == STORE_OK)
		return p.ref;
	if (store_get(f->db.st, &ENT_HOUSEHOLD, f->a, "id", id, &h) == STORE_OK)
		return h.ref;
	if (store_get(f->db.st, &ENT_USER, f->a, "id", id, &u) == STORE_OK)
		return "user";
	return id;
}

/* Appends every field of rec but ids (as references) and times. */
static void dump_record(struct fixture *f, struct buf *b, const struct entity *e, const void *rec)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const char *name = e->fields[i].name, *v = field_get(rec, &e->fields[i]);
		if (strstr(name, "_at") || !strcmp(name, "at") || !strcmp(name, "since") ||
		    (e == &ENT_STATUS_CHANGE && !strcmp(name, "id")))
			continue;
		if (!strcmp(name, "id") || strstr(name, "_id") || !strcmp(name, "created_by") ||
		    !strcmp(name, "recorded_by"))
			v = ref_of(f, v);
		if (e == &ENT_AUDIT && (!strcmp(name, "hash") || !strcmp(name, "prev_hash")))
			continue; /* they cover the times */
		buf_printf(b, "%s=%s|", name, v ? v : "(null)");
	}
	buf_addc(b, '\n');
}

static int cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the lines of rows (which it changes) in sorted order. */
static void add_sorted(struct buf *b, struct buf *rows)
{
	static char *lines[5000];
	size_t n = 0;
	char *save = NULL;
	if (!rows->p)
		return;
	for (char *s = strtok_r(rows->p, "\n", &save); s && n < 5000; s = strtok_r(NULL, "\n", &save))
		lines[n++] = s;
	qsort(lines, n, sizeof(*lines), cmp_lines);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s\n", lines[i]);
}

/* The registry of f's database as text: people, households, legal status
 * rows and index entries by reference, audit events in order, counters.
 * Two databases that registered the same people the same way give the
 * same text, whatever their ids and times. */
static char *snapshot(struct fixture *f)
{
	const struct entity *ents[] = { &ENT_PERSON, &ENT_HOUSEHOLD, &ENT_STATUS_CHANGE, &ENT_AUDIT,
					&ENT_COUNTER };
	const char *order[] = { "ref", "ref", NULL, "seq", "name" };
	struct buf b;
	buf_init(&b, 0);
	for (size_t k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
		struct store_list l;
		assert_int_equal(store_list(f->db.st, ents[k], f->a, NULL, NULL, order[k], 0, 5000, 0, &l),
				 STORE_OK);
		struct buf rows;
		buf_init(&rows, 0);
		for (size_t i = 0; i < l.n; i++)
			dump_record(f, &rows, ents[k], l.items[i]);
		if (order[k])
			buf_adds(&b, rows.p ? rows.p : "");
		else
			add_sorted(&b, &rows); /* ordered by id: random within a millisecond */
		buf_free(&rows);
	}
	struct store_list l;
	assert_int_equal(store_index_scan(f->db.st, f->a, NULL, 5000, &l), STORE_OK);
	struct buf idx;
	buf_init(&idx, 0);
	for (size_t i = 0; i < l.n; i++) {
		const struct index_entry *x = l.items[i];
		buf_printf(&idx, "%s: %s\n", ref_of(f, x->person_id), x->words);
	}
	add_sorted(&b, &idx);
	buf_free(&idx);
	char *r = arena_strdup(f->a, b.p);
	buf_free(&b);
	return r;
}

/* Fails on the first line where a and b differ, showing both. */
static void assert_same_lines(const char *a, const char *b)
{
	size_t line = 1;
	while (*a && *a == *b) {
		line += *a == '\n';
		a++, b++;
	}
	if (!*a && !*b)
		return;
	while (line > 1 && a[-1] != '\n')
		a--, b--;
	fail_msg("line %zu differs:\n%.*s\n%.*s", line, (int)strcspn(a, "\n"), a,
		 (int)strcspn(b, "\n"), b);
}

/* A family of three and a woman alone, as a caseworker would type them. */
static void family(struct arena *a, struct person m[3], struct person *single)
{
	memset(m, 0, 3 * sizeof(*m));
	m[0] = (struct person){ .given_names = arena_strdup(a, " Yosmary "),
				.surname1 = arena_strdup(a, "Pérez"), .sex = "female",
				.birth_date = "1990-04-02", .nationality = "VEN",
				.legal_status = "asylum_seeker", .phone = arena_strdup(a, "6123-4567"),
				.address = arena_strdup(a, "Calle 50"), .province = "8",
				.district = "0804" };
	m[1] = (struct person){ .given_names = arena_strdup(a, "Josmar"),
				.surname1 = arena_strdup(a, "Rondón"), .sex = "male",
				.nationality = "VEN", .legal_status = "refugee",
				.relationship = "spouse" };
	m[2] = (struct person){ .given_names = arena_strdup(a, "Valentina"),
				.surname1 = arena_strdup(a, "Rondón"), .surname2 = arena_strdup(a, "Pérez"),
				.sex = "female", .birth_date = "2015-08-30", .relationship = "child",
				.needs = "SM" };
	*single = (struct person){ .given_names = arena_strdup(a, "Guerline"),
				   .surname1 = arena_strdup(a, "Joseph"), .nationality = "HTI",
				   .legal_status = "migrant", .consent_scope = "referral",
				   .consent_date = "2025-11-03" };
}

static void assert_chain_intact(struct fixture *f)
{
	long long checked, bad;
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);
}

/* Registers one more person the ordinary way; answers it. */
static struct person register_next(struct fixture *f, const char *want_ref)
{
	struct person in = { .given_names = arena_strdup(f->a, "Después") }, out;
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, &out), DOM_OK);
	assert_string_equal(out.ref, want_ref);
	return out;
}

static void test_same_rows_and_events_as_one_at_a_time(void **state)
{
	struct fixture **two = *state, *one = two[0], *bulk = two[1];
	struct person m[3], single, out;
	struct household h = { .notes = arena_strdup(one->a, "llegaron juntos") }, hout;
	struct errors errs = { .n = 0 };

	family(one->a, m, &single);
	assert_int_equal(person_create(&one->c, &m[0], NULL, &errs, &out), DOM_OK);
	assert_int_equal(household_create(&one->c, &h, out.id, &errs, &hout), DOM_OK);
	assert_int_equal(person_create(&one->c, &m[1], hout.id, &errs, NULL), DOM_OK);
	assert_int_equal(person_create(&one->c, &m[2], hout.id, &errs, NULL), DOM_OK);
	assert_int_equal(person_create(&one->c, &single, NULL, &errs, NULL), DOM_OK);

	struct bulk *b;
	struct household hb = { .notes = arena_strdup(bulk->a, "llegaron juntos") };
	family(bulk->a, m, &single);
	assert_int_equal(bulk_begin(&bulk->c, &b), DOM_OK);
	assert_int_equal(household_bulk_create(&bulk->c, b, &hb, m, 3, &errs), DOM_OK);
	assert_int_equal(person_bulk_create(&bulk->c, b, &single, &errs), DOM_OK);
	assert_int_equal(bulk_commit(b), DOM_OK);
	assert_int_equal(errs.n, 0);

	/* The records handed back are the stored ones. */
	assert_string_equal(hb.ref, "H-000001");
	assert_string_equal(m[0].ref, "P-000001");
	assert_string_equal(m[0].given_names, "Yosmary");
	assert_string_equal(m[0].relationship, "head");
	assert_string_equal(m[2].household_id, hb.id);
	assert_string_equal(single.ref, "P-000004");

	assert_same_lines(snapshot(bulk), snapshot(one));
	assert_chain_intact(bulk);
	/* The profile's history shows the registration. */
	struct store_list l;
	assert_int_equal(audit_list_for(&bulk->c, m[1].id, 0, 10, 1, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct audit_event *)l.items[0])->action, "create");
}

/* Numbers continue the stored counters, the counters continue after the
 * batch, and an invalid registration takes no number. */
static void test_numbers_continue_without_gaps(void **state)
{
	struct fixture *f = *state;
	struct person m[3], single;
	struct household h = { 0 };
	struct errors errs = { .n = 0 };
	struct bulk *b;

	register_next(f, "P-000001");
	assert_int_equal(bulk_begin(&f->c, &b), DOM_OK);
	family(f->a, m, &single);
	m[2].sex = "unknown-sex";
	assert_int_equal(household_bulk_create(&f->c, b, &h, m, 3, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "sex"));
	errs.n = 0;
	assert_int_equal(person_bulk_create(&f->c, b, &single, &errs), DOM_OK);
	assert_string_equal(single.ref, "P-000002");
	family(f->a, m, &single);
	h = (struct household){ 0 };
	assert_int_equal(household_bulk_create(&f->c, b, &h, m, 3, &errs), DOM_OK);
	assert_string_equal(m[0].ref, "P-000003");
	assert_string_equal(m[2].ref, "P-000005");
	assert_string_equal(h.ref, "H-000001");
	assert_int_equal(bulk_commit(b), DOM_OK);

	struct person out = register_next(f, "P-000006");
	struct household h2 = { 0 };
	assert_int_equal(household_create(&f->c, &h2, out.id, &errs, &h2), DOM_OK);
	assert_string_equal(h2.ref, "H-000002");
	assert_chain_intact(f);
}

/* Two batches with another registration between them: each batch reads
 * the chain's head again, so the chain has no fork. */
static void test_batches_continue_the_chain(void **state)
{
	struct fixture *f = *state;
	struct person m[3], single;
	struct errors errs = { .n = 0 };
	for (int i = 0; i < 2; i++) {
		struct bulk *b;
		assert_int_equal(bulk_begin(&f->c, &b), DOM_OK);
		family(f->a, m, &single);
		assert_int_equal(person_bulk_create(&f->c, b, &single, &errs), DOM_OK);
		assert_int_equal(bulk_commit(b), DOM_OK);
		register_next(f, i ? "P-000004" : "P-000002");
	}
	long long checked, bad, n;
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);
	assert_int_equal(checked, 5); /* the admin and four people */
	assert_int_equal(store_count(f->db.st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 4);
}

static void test_abort_stores_nothing(void **state)
{
	struct fixture *f = *state;
	struct person m[3], single;
	struct household h = { 0 };
	struct errors errs = { .n = 0 };
	struct bulk *b;
	assert_int_equal(bulk_begin(&f->c, &b), DOM_OK);
	family(f->a, m, &single);
	assert_int_equal(household_bulk_create(&f->c, b, &h, m, 3, &errs), DOM_OK);
	bulk_abort(b);
	long long n = -1;
	assert_int_equal(store_count(f->db.st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_count(f->db.st, &ENT_AUDIT, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1); /* the admin's creation */
	register_next(f, "P-000001");
	assert_chain_intact(f);
}

static void test_permissions(void **state)
{
	struct fixture *f = *state;
	struct person m[3], single;
	struct household h = { 0 };
	struct errors errs = { .n = 0 };
	struct user reader;
	struct bulk *b;
	fixture_user(f, "rita", "readonly", &reader);
	f->c.user = &reader;
	assert_int_equal(bulk_begin(&f->c, &b), DOM_OK);
	family(f->a, m, &single);
	assert_int_equal(person_bulk_create(&f->c, b, &single, &errs), DOM_FORBIDDEN);
	assert_int_equal(household_bulk_create(&f->c, b, &h, m, 3, &errs), DOM_FORBIDDEN);
	assert_int_equal(bulk_commit(b), DOM_OK);
	f->c.user = &f->admin;
	long long n = -1;
	assert_int_equal(store_count(f->db.st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);
}

/* The demo registers what it says, completely: a legal status row, an
 * index entry and a creation event per person; the chain holds; the
 * counters continue; a seed gives the same people every time (the same
 * people as the one-at-a-time generator before the bulk path: P-000001 of
 * seed 1 is Jorge Castillo López). */
static void test_demo(void **state)
{
	struct fixture **two = *state, *f = two[0], *g = two[1];
	struct demo_made made, again;
	assert_int_equal(demo_generate(&f->c, 300, 1, &made), DOM_OK);
	long homes = made.households;
	assert_int_equal(made.people, 300);
	assert_true(homes > 50 && homes < 150);
	long long n;
	assert_int_equal(store_count(f->db.st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 300);
	assert_int_equal(store_count(f->db.st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, homes);
	assert_int_equal(store_count(f->db.st, &ENT_STATUS_CHANGE, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 300);
	struct store_list l;
	assert_int_equal(store_index_scan(f->db.st, f->a, NULL, 1000, &l), STORE_OK);
	assert_int_equal(l.n, 300);
	assert_int_equal(store_scan(f->db.st, &ENT_AUDIT, f->a, NULL, 5000, &l), STORE_OK);
	long creates = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *ev = l.items[i];
		creates += !strcmp(ev->action, "create") && !strcmp(ev->entity, "person");
	}
	assert_int_equal(creates, 300);
	/* The rows counted: each person, status row and index entry, each
	 * household, and every event but the admin's creation. */
	assert_int_equal(made.rows, 3 * 300 + homes + (long long)l.n - 1);
	assert_chain_intact(f);
	/* The same seed on another database: the same registry. */
	assert_int_equal(demo_generate(&g->c, 300, 1, &again), DOM_OK);
	assert_int_equal(again.households, homes);
	assert_int_equal(again.rows, made.rows);
	assert_same_lines(snapshot(g), snapshot(f));

	struct person p;
	assert_int_equal(person_get(&f->c, "P-000001", &p), DOM_OK);
	assert_string_equal(p.given_names, "Jorge");
	assert_string_equal(p.surname1, "Castillo");
	assert_string_equal(p.surname2, "López");
	assert_string_equal(p.birth_date, "1963-09-17");
	assert_int_equal(person_search(&f->c, "jorje kastiyo", 10, 0, &l), DOM_OK);
	assert_true(l.total >= 1);

	register_next(f, "P-000301");
	assert_chain_intact(f);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
#define T2(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_two, fixture_teardown_two)
	const struct CMUnitTest tests[] = {
		T2(test_same_rows_and_events_as_one_at_a_time),
		T(test_numbers_continue_without_gaps),
		T(test_batches_continue_the_chain),
		T(test_abort_stores_nothing),
		T(test_permissions),
		T2(test_demo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

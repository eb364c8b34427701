/* test_household.c: households, members, head and relationships. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/audit.h"
#include "domain/household.h"
#include "domain/person.h"
#include "support.h"

static struct person new_person(struct fixture *f, const char *given)
{
	struct person in = { .given_names = arena_strdup(f->a, given),
			     .phone = arena_strdup(f->a, "6123-4567"),
			     .address = arena_strdup(f->a, "Calle 50, Ciudad de Panamá") },
		      out;
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, &out), DOM_OK);
	return out;
}

static struct household create(struct fixture *f, const char *head_id)
{
	struct household in = { .notes = arena_strdup(f->a, "  llegaron en noviembre ") }, out;
	struct errors errs = { .n = 0 };
	assert_int_equal(household_create(&f->c, &in, head_id, &errs, &out), DOM_OK);
	return out;
}

static void test_create_with_head(void **state)
{
	struct fixture *f = *state;
	struct person head = new_person(f, "Ana");
	struct household h = create(f, head.id);
	assert_string_equal(h.ref, "H-000001");
	assert_string_equal(h.head_id, head.id);
	assert_string_equal(h.status, "active");
	assert_string_equal(h.notes, "llegaron en noviembre");
	/* Address and phone default to the head's. */
	assert_string_equal(h.address, head.address);
	assert_string_equal(h.phone, head.phone);

	struct person p = fixture_person(f, head.id);
	assert_string_equal(p.household_id, h.id);
	assert_string_equal(p.relationship, "head");

	struct person hp;
	assert_int_equal(household_head(&f->c, &h, &hp), DOM_OK);
	assert_string_equal(hp.id, head.id);

	struct household h2 = create(f, new_person(f, "Beto").id);
	assert_string_equal(h2.ref, "H-000002");
}

static void test_create_needs_a_real_head(void **state)
{
	struct fixture *f = *state;
	struct household in = { 0 }, out;
	struct errors errs = { .n = 0 };
	assert_int_equal(household_create(&f->c, &in, NULL, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "head_id"));
	struct errors e2 = { .n = 0 };
	assert_int_equal(household_create(&f->c, &in, "no-such-person", &e2, &out), DOM_INVALID);
	assert_non_null(errors_for(&e2, "head_id"));
	struct errors e3 = { .n = 0 };
	struct household bad = { .phone = arena_strdup(f->a, "abc"),
				 .province = arena_strdup(f->a, "99") };
	assert_int_equal(household_create(&f->c, &bad, new_person(f, "Ana").id, &e3, &out), DOM_INVALID);
	assert_non_null(errors_for(&e3, "phone"));
	assert_non_null(errors_for(&e3, "province"));
	long long n = -1;
	assert_int_equal(store_count(f->db.st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);
}

static void test_members_and_set_head(void **state)
{
	struct fixture *f = *state;
	struct person ana = new_person(f, "Ana"), beto = new_person(f, "Beto");
	struct household h = create(f, ana.id);
	struct errors errs = { .n = 0 };
	struct store_list l;

	assert_int_equal(household_add_member(&f->c, h.id, beto.id, "spouse", &errs), DOM_OK);
	assert_string_equal(fixture_person(f, beto.id).household_id, h.id);
	assert_string_equal(fixture_person(f, beto.id).relationship, "spouse");

	/* A new person can join at registration. */
	struct person in = { .given_names = arena_strdup(f->a, "Carla"),
			     .relationship = arena_strdup(f->a, "child") },
		      carla;
	assert_int_equal(person_create(&f->c, &in, h.ref, &errs, &carla), DOM_OK);
	assert_int_equal(errs.n, 0);
	assert_string_equal(fixture_person(f, carla.id).household_id, h.id);
	assert_string_equal(fixture_person(f, carla.id).relationship, "child");

	assert_int_equal(household_members(&f->c, h.id, &l), DOM_OK);
	assert_int_equal(l.n, 3);

	/* Beto becomes head; Ana stays a member as another relative. */
	assert_int_equal(household_set_head(&f->c, h.id, beto.id), DOM_OK);
	struct household now;
	assert_int_equal(household_load(&f->c, h.id, &now), DOM_OK);
	assert_string_equal(now.head_id, beto.id);
	assert_string_equal(fixture_person(f, beto.id).relationship, "head");
	assert_string_equal(fixture_person(f, ana.id).relationship, "other_relative");
	assert_string_equal(fixture_person(f, ana.id).household_id, h.id);
	assert_string_equal(audit_list_for(&f->c, h.id, 0, 1, 1, &l) == DOM_OK
				    ? ((struct audit_event *)l.items[0])->action
				    : "",
			    "set_head");

	/* Only a member can be head. */
	struct person dora = new_person(f, "Dora");
	assert_int_equal(household_set_head(&f->c, h.id, dora.id), DOM_CONFLICT);
	assert_int_equal(household_set_head(&f->c, h.id, "nobody"), DOM_CONFLICT);
	assert_int_equal(household_set_head(&f->c, "no-household", beto.id), DOM_NOTFOUND);
}

static void test_add_member_errors(void **state)
{
	struct fixture *f = *state;
	struct person ana = new_person(f, "Ana"), beto = new_person(f, "Beto");
	struct household h = create(f, ana.id);
	struct errors errs = { .n = 0 };

	assert_int_equal(household_add_member(&f->c, h.id, beto.id, "cousin", &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "relationship"));
	struct errors e2 = { .n = 0 };
	assert_int_equal(household_add_member(&f->c, h.id, beto.id, NULL, &e2), DOM_INVALID);
	assert_non_null(errors_for(&e2, "relationship"));
	struct errors e3 = { .n = 0 };
	assert_int_equal(household_add_member(&f->c, h.id, "nobody", "child", &e3), DOM_INVALID);
	assert_non_null(errors_for(&e3, "person_id"));
	struct errors e4 = { .n = 0 };
	assert_int_equal(household_add_member(&f->c, "H-999999", beto.id, "child", &e4), DOM_NOTFOUND);
	assert_null(fixture_person(f, beto.id).household_id);

	/* The head is not demoted by re-adding, nor made head by adding. */
	struct errors e5 = { .n = 0 };
	assert_int_equal(household_add_member(&f->c, h.id, ana.id, "child", &e5), DOM_CONFLICT);
	assert_string_equal(fixture_person(f, ana.id).relationship, "head");
	assert_int_equal(household_add_member(&f->c, h.id, beto.id, "head", &e5), DOM_CONFLICT);

	/* Nor moved to another household while heading this one. */
	struct household h2 = create(f, beto.id);
	assert_int_equal(household_add_member(&f->c, h2.id, ana.id, "spouse", &e5), DOM_CONFLICT);
	assert_string_equal(fixture_person(f, ana.id).household_id, h.id);
}

/* The head of one household cannot start another: the first would be left
 * with a head who is not a member. DOM_CONFLICT, and nothing moves. */
static void test_create_does_not_steal_another_households_head(void **state)
{
	struct fixture *f = *state;
	struct person ana = new_person(f, "Ana");
	struct household h1 = create(f, ana.id), h2;
	struct household in = { 0 };
	struct errors errs = { .n = 0 };
	int rc = household_create(&f->c, &in, ana.id, &errs, &h2);
	assert_string_equal(fixture_person(f, ana.id).household_id, h1.id);
	assert_int_equal(rc, DOM_CONFLICT);
}

static void test_create_person_into_household_errors(void **state)
{
	struct fixture *f = *state;
	struct household h = create(f, new_person(f, "Ana").id);
	struct person in = { .given_names = arena_strdup(f->a, "Carla") };
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, h.id, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "relationship"));
	struct errors e2 = { .n = 0 };
	in.relationship = arena_strdup(f->a, "child");
	assert_int_equal(person_create(&f->c, &in, "H-000042", &e2, NULL), DOM_INVALID);
	assert_non_null(errors_for(&e2, "household_id"));
	long long n = -1;
	assert_int_equal(store_count(f->db.st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1);
}

static void test_get_list_update(void **state)
{
	struct fixture *f = *state;
	struct household h = create(f, new_person(f, "Ana").id), out;
	assert_int_equal(household_get(&f->c, "h-000001", &out), DOM_OK);
	assert_string_equal(out.id, h.id);
	assert_int_equal(household_get(&f->c, "H-000009", &out), DOM_NOTFOUND);
	create(f, new_person(f, "Beto").id);

	struct store_list l;
	assert_int_equal(household_list(&f->c, 10, 0, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.total, 2);

	struct household ch = { .phone = "6999-0000", .province = "8", .district = "0804" };
	struct errors errs = { .n = 0 };
	assert_int_equal(household_update(&f->c, h.id, &ch, &errs, &out), DOM_OK);
	assert_string_equal(out.phone, "6999-0000");
	assert_string_equal(out.district, "0804");
	assert_string_equal(out.ref, "H-000001");

	struct household bad = { .phone = "abc" };
	struct errors e2 = { .n = 0 };
	assert_int_equal(household_update(&f->c, h.id, &bad, &e2, &out), DOM_INVALID);
	assert_non_null(errors_for(&e2, "phone"));
	assert_int_equal(household_load(&f->c, h.id, &out), DOM_OK);
	assert_string_equal(out.phone, "6999-0000");
}

static void test_permissions(void **state)
{
	struct fixture *f = *state;
	struct person ana = new_person(f, "Ana"), beto = new_person(f, "Beto");
	struct household h = create(f, ana.id), out, in = { 0 };
	struct user ro, ethics;
	struct store_list l;
	struct errors errs = { .n = 0 };
	fixture_user(f, "lectora", "readonly", &ro);
	fixture_user(f, "etica", "ethics", &ethics);

	f->c.user = &ro;
	assert_int_equal(household_create(&f->c, &in, beto.id, &errs, &out), DOM_FORBIDDEN);
	assert_int_equal(household_add_member(&f->c, h.id, beto.id, "spouse", &errs), DOM_FORBIDDEN);
	assert_int_equal(household_set_head(&f->c, h.id, ana.id), DOM_FORBIDDEN);
	assert_int_equal(household_get(&f->c, h.id, &out), DOM_OK);
	assert_int_equal(household_members(&f->c, h.id, &l), DOM_OK);

	f->c.user = &ethics;
	assert_int_equal(household_get(&f->c, h.id, &out), DOM_FORBIDDEN);
	assert_int_equal(household_list(&f->c, 10, 0, &l), DOM_FORBIDDEN);
	assert_int_equal(household_members(&f->c, h.id, &l), DOM_FORBIDDEN);
	f->c.user = &f->admin;
	assert_int_equal(errs.n, 0);
	assert_null(fixture_person(f, beto.id).household_id);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_with_head),
		T(test_create_needs_a_real_head),
		T(test_members_and_set_head),
		T(test_add_member_errors),
		T(test_create_does_not_steal_another_households_head),
		T(test_create_person_into_household_errors),
		T(test_get_list_update),
		T(test_permissions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

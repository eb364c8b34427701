/* test_merge.c: merging two people or two households, and undoing it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/audit.h"
#include "domain/household.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "support.h"

static struct person new_person(struct fixture *f, const char *given, const char *phone)
{
	struct person in = { .given_names = arena_strdup(f->a, given),
			     .surname1 = arena_strdup(f->a, "Quintero"),
			     .legal_status = arena_strdup(f->a, "asylum_seeker"),
			     .phone = phone ? arena_strdup(f->a, phone) : NULL },
		      out;
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, &out), DOM_OK);
	return out;
}

static void add_document(struct fixture *f, const char *person_id, const char *number)
{
	struct document d = { .type = arena_strdup(f->a, "passport"),
			      .number = arena_strdup(f->a, number) };
	struct errors errs = { .n = 0 };
	assert_int_equal(person_add_document(&f->c, person_id, &d, &errs), DOM_OK);
}

static size_t count_of(struct fixture *f, const struct entity *e, const char *person_id)
{
	long long n;
	assert_int_equal(store_count(f->db.st, e, "person_id", person_id, &n), STORE_OK);
	return (size_t)n;
}

/* How many people a search for q finds. */
static long long found(struct fixture *f, const char *q)
{
	struct store_list l;
	assert_int_equal(person_search(&f->c, q, 50, 0, &l), DOM_OK);
	return l.total;
}

static void test_merge_moves_everything_and_undo_moves_it_back(void **state)
{
	struct fixture *f = *state;
	struct person a = new_person(f, "Yoselin", NULL);
	struct person b = new_person(f, "Yoselín Andrea", "6123-4567");
	add_document(f, a.id, "A1111");
	add_document(f, b.id, "B2222");
	add_document(f, b.id, "B3333");
	struct errors errs = { .n = 0 };
	struct merge g;
	struct merge_choice pick[] = { { "given_names", 1 } };

	assert_int_equal(found(f, "andrea"), 1);
	assert_int_equal(merge_people(&f->c, a.id, b.ref, pick, 1, &errs, &g), DOM_OK);
	assert_int_equal(errs.n, 0);
	struct person s = fixture_person(f, a.id), m = fixture_person(f, b.id);
	/* The chosen name, and the phone the survivor lacked. */
	assert_string_equal(s.given_names, "Yoselín Andrea");
	assert_string_equal(s.phone, "6123-4567");
	assert_string_equal(m.status, "merged");
	assert_int_equal(count_of(f, &ENT_DOCUMENT, a.id), 3);
	assert_int_equal(count_of(f, &ENT_DOCUMENT, b.id), 0);
	assert_int_equal(count_of(f, &ENT_STATUS_CHANGE, a.id), 2);
	/* Found once, as the survivor, also by the merged one's document. */
	assert_int_equal(found(f, "andrea"), 1);
	assert_int_equal(found(f, "B3333"), 1);
	assert_int_equal(found(f, b.ref), 0);
	/* The survivor's history lists the merged person's events too. */
	struct store_list h;
	assert_int_equal(audit_list_for(&f->c, a.id, 0, 100, 0, &h), DOM_OK);
	int saw_b = 0;
	for (size_t i = 0; i < h.n; i++)
		saw_b |= strcmp(((struct audit_event *)h.items[i])->entity_id, b.id) == 0;
	assert_true(saw_b);
	struct merge of;
	assert_int_equal(merge_of(&f->c, b.id, &of), DOM_OK);
	assert_string_equal(of.survivor_id, a.id);
	assert_string_equal(merge_ref(&f->c, &of, 1), a.ref);
	/* A merged person cannot be edited. */
	struct person ch = { .phone = "6000-0000" };
	assert_int_equal(person_update(&f->c, b.id, &ch, &errs, NULL), DOM_CONFLICT);

	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	s = fixture_person(f, a.id);
	m = fixture_person(f, b.id);
	assert_string_equal(s.given_names, "Yoselin");
	assert_null(s.phone);
	assert_string_equal(m.status, "active");
	assert_int_equal(count_of(f, &ENT_DOCUMENT, a.id), 1);
	assert_int_equal(count_of(f, &ENT_DOCUMENT, b.id), 2);
	assert_int_equal(count_of(f, &ENT_STATUS_CHANGE, b.id), 1);
	assert_int_equal(found(f, "B3333"), 1);
	assert_int_equal(found(f, b.ref), 1);
	assert_int_equal(merge_of(&f->c, b.id, &of), DOM_NOTFOUND);
	/* Twice: 409 with a message. */
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "id"));
	long long checked, bad;
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);
}

static void test_conflicts_and_bad_input(void **state)
{
	struct fixture *f = *state;
	struct person a = new_person(f, "Ana", NULL), b = new_person(f, "Ana María", NULL);
	struct person c = new_person(f, "Anita", NULL);
	struct errors errs = { .n = 0 };
	struct merge g;

	assert_int_equal(merge_people(&f->c, a.id, a.ref, NULL, 0, &errs, NULL), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "other_id"));
	errs.n = 0;
	assert_int_equal(merge_people(&f->c, a.id, "P-999999", NULL, 0, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "other_id"));
	errs.n = 0;
	assert_int_equal(merge_people(&f->c, "P-999999", a.id, NULL, 0, &errs, NULL), DOM_NOTFOUND);
	struct merge_choice bad[] = { { "ref", 1 } };
	assert_int_equal(merge_people(&f->c, a.id, b.id, bad, 1, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "ref"));
	errs.n = 0;
	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, &g), DOM_OK);
	/* With a merged person, either way round. */
	assert_int_equal(merge_people(&f->c, c.id, b.id, NULL, 0, &errs, NULL), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(merge_people(&f->c, b.id, c.id, NULL, 0, &errs, NULL), DOM_CONFLICT);
	errs.n = 0;
	/* An edit of the survivor since the merge blocks the undo, named. */
	struct person ch = { .phone = "6999-0000" };
	assert_int_equal(person_update(&f->c, a.id, &ch, &errs, NULL), DOM_OK);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "phone"));
	errs.n = 0;
	ch.phone = "";
	assert_int_equal(person_update(&f->c, a.id, &ch, &errs, NULL), DOM_OK);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
}

/* 1 when person id's own history holds an event with this action. */
static int history_action(struct fixture *f, const char *id, const char *action)
{
	struct store_list h;
	assert_int_equal(audit_list_for(&f->c, id, 0, 200, 0, &h), DOM_OK);
	for (size_t i = 0; i < h.n; i++) {
		const struct audit_event *e = h.items[i];
		if (strcmp(e->action, action) == 0 && strcmp(e->entity_id, id) == 0)
			return 1;
	}
	return 0;
}

static void test_household_membership(void **state)
{
	struct fixture *f = *state;
	struct person a = new_person(f, "Luis", NULL), b = new_person(f, "Luis Alberto", NULL);
	struct person kid = new_person(f, "Sofía", NULL);
	struct household in = { .notes = NULL }, h;
	struct errors errs = { .n = 0 };
	struct merge g;

	/* b heads a household; a has none: a takes b's place. */
	assert_int_equal(household_create(&f->c, &in, b.id, &errs, &h), DOM_OK);
	assert_int_equal(household_add_member(&f->c, h.id, kid.id, "child", &errs), DOM_OK);
	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, &g), DOM_OK);
	struct person s = fixture_person(f, a.id);
	assert_string_equal(s.household_id, h.id);
	assert_string_equal(s.relationship, "head");
	assert_null(fixture_person(f, b.id).household_id);
	struct household hh;
	assert_int_equal(household_load(&f->c, h.id, &hh), DOM_OK);
	assert_string_equal(hh.head_id, a.id);
	struct store_list m;
	assert_int_equal(household_members(&f->c, h.id, &m), DOM_OK);
	assert_int_equal(m.n, 2);

	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_null(fixture_person(f, a.id).household_id);
	assert_string_equal(fixture_person(f, b.id).household_id, h.id);
	assert_string_equal(fixture_person(f, b.id).relationship, "head");
	assert_int_equal(household_load(&f->c, h.id, &hh), DOM_OK);
	assert_string_equal(hh.head_id, b.id);

	/* Two people in two different households: merge the households first. */
	struct household h2;
	assert_int_equal(household_create(&f->c, &in, a.id, &errs, &h2), DOM_OK);
	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, NULL), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(merge_households(&f->c, h2.id, h.ref, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(household_members(&f->c, h2.id, &m), DOM_OK);
	assert_int_equal(m.n, 3);
	assert_true(history_action(f, kid.id, "household_merge"));
	assert_false(history_action(f, kid.id, "household_unmerge"));
	assert_string_equal(fixture_person(f, b.id).relationship, "other_relative");
	struct store_list l;
	assert_int_equal(household_list(&f->c, 50, 0, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_int_equal(household_members(&f->c, h.id, &m), DOM_OK);
	assert_int_equal(m.n, 2);
	assert_string_equal(fixture_person(f, b.id).relationship, "head");
	assert_string_equal(fixture_person(f, kid.id).household_id, h.id);
	assert_true(history_action(f, kid.id, "household_unmerge"));
	assert_int_equal(household_list(&f->c, 50, 0, &l), DOM_OK);
	assert_int_equal(l.total, 2);

	/* A member who moved to another household after the merge stays
	 * there when it is undone; the others go back. */
	assert_int_equal(merge_households(&f->c, h2.id, h.id, NULL, 0, &errs, &g), DOM_OK);
	struct person other = new_person(f, "Marta", NULL);
	struct household h3;
	assert_int_equal(household_create(&f->c, &in, other.id, &errs, &h3), DOM_OK);
	assert_int_equal(household_add_member(&f->c, h3.id, kid.id, "child", &errs), DOM_OK);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_string_equal(fixture_person(f, kid.id).household_id, h3.id);
	assert_string_equal(fixture_person(f, b.id).household_id, h.id);
	assert_string_equal(fixture_person(f, b.id).relationship, "head");
}

/* 1 when the history of id holds an event about the record about. */
static int history_has(struct fixture *f, const char *id, const char *about)
{
	struct store_list h;
	assert_int_equal(audit_list_for(&f->c, id, 0, 200, 0, &h), DOM_OK);
	for (size_t i = 0; i < h.n; i++)
		if (strcmp(((struct audit_event *)h.items[i])->entity_id, about) == 0)
			return 1;
	return 0;
}

/* Merges into merges: each survivor's history reaches every record merged
 * into it, directly or not; each merge is listed and undone in turn. */
static void test_chained_merges(void **state)
{
	struct fixture *f = *state;
	struct person a = new_person(f, "Ana", NULL), b = new_person(f, "Ana B", NULL);
	struct person c = new_person(f, "Ana C", NULL), d = new_person(f, "Ana D", NULL);
	struct errors errs = { .n = 0 };
	struct merge ab, ac, da, into[4];
	size_t n;

	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, &ab), DOM_OK);
	assert_int_equal(merge_people(&f->c, a.id, c.id, NULL, 0, &errs, &ac), DOM_OK);
	assert_int_equal(merge_into(&f->c, a.id, into, 4, &n), DOM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(merge_people(&f->c, d.id, a.id, NULL, 0, &errs, &da), DOM_OK);
	assert_true(history_has(f, d.id, b.id));
	assert_true(history_has(f, d.id, c.id));
	/* a was merged again since: its merges wait for that undo. */
	assert_int_equal(merge_undo(&f->c, ab.id, &errs), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "id"));
	errs.n = 0;
	assert_int_equal(merge_undo(&f->c, da.id, &errs), DOM_OK);
	assert_false(history_has(f, d.id, b.id));
	assert_int_equal(merge_undo(&f->c, ab.id, &errs), DOM_OK);
	assert_false(history_has(f, a.id, b.id));
	assert_true(history_has(f, a.id, c.id));
	assert_int_equal(merge_into(&f->c, a.id, into, 4, &n), DOM_OK);
	assert_int_equal(n, 1);
	assert_string_equal(into[0].id, ac.id);
}

static void test_permission(void **state)
{
	struct fixture *f = *state;
	struct person a = new_person(f, "Ana", NULL), b = new_person(f, "Ana María", NULL);
	struct user clerk, sup;
	struct errors errs = { .n = 0 };
	struct merge g;

	fixture_user(f, "clerk", "caseworker", &clerk);
	fixture_user(f, "sup", "supervisor", &sup);
	f->c.user = &clerk;
	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, NULL), DOM_FORBIDDEN);
	f->c.user = &sup;
	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, &g), DOM_OK);
	f->c.user = &clerk;
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_FORBIDDEN);
	f->c.user = &f->admin;
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_merge_moves_everything_and_undo_moves_it_back),
		T(test_conflicts_and_bad_input),
		T(test_household_membership),
		T(test_chained_merges),
		T(test_permission),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

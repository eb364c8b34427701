/* test_needs.c: community needs assessments (needs.c): validation, the
 * areas that take them, closed cases, who may record and read them, the
 * audit log (field names, never the text), and merges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/audit.h"
#include "domain/case.h"
#include "domain/merge.h"
#include "domain/needs.h"
#include "domain/person.h"
#include "domain/user.h"
#include "support.h"

static struct case_rec case_in(struct fixture *f, const struct user *u, const char *area)
{
	struct errors errs = { .n = 0 };
	struct person p;
	struct case_rec k;
	fixture_register(f, fixture_named(f, "Nereida", "Castillo", NULL, "1979-08-30"), &p);
	const struct user *saved = f->c.user;
	f->c.user = u;
	assert_int_equal(case_open(&f->c, p.id, area, NULL, &errs, &k), DOM_OK);
	f->c.user = saved;
	return k;
}

/* A form as typed: strings writable, in f's arena. */
static struct needs_assessment typed(struct fixture *f, const char *held_on, const char *participants,
				     const char *needs, const char *resources, const char *ideas)
{
	return (struct needs_assessment){
		.held_on = arena_strdup(f->a, held_on),
		.participants = arena_strdup(f->a, participants),
		.community_needs = arena_strdup(f->a, needs),
		.resources = arena_strdup(f->a, resources),
		.ideas = arena_strdup(f->a, ideas),
	};
}

static void test_record_and_list(void **state)
{
	struct fixture *f = *state;
	struct user comm = fixture_worker(f, "comm", "community", "community");
	struct case_rec k = case_in(f, &comm, "community");
	struct errors errs = { .n = 0 };
	struct needs_assessment in = typed(f, "2026-01-20", "14", " Guardería ", "Salón comunal", NULL),
				out;
	struct store_list l;

	f->c.user = &comm;
	assert_int_equal(needs_record(&f->c, k.ref, &in, &errs, &out), DOM_OK);
	assert_string_equal(out.community_needs, "Guardería");
	assert_string_equal(out.participants, "14");
	assert_null(out.ideas);
	assert_string_equal(out.person_id, k.person_id);
	assert_string_equal(out.recorded_by, comm.id);
	in = typed(f, "2026-02-01", NULL, NULL, NULL, "Liga de fútbol");
	assert_int_equal(needs_record(&f->c, k.id, &in, &errs, &out), DOM_OK);
	assert_int_equal(needs_list(&f->c, &k, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct needs_assessment *)l.items[0])->held_on, "2026-02-01");

	/* Audited on the case, with the names of the fields only. */
	struct store_list ev;
	int found = 0;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", k.id, "seq", 0, 50, 0, &ev),
			 STORE_OK);
	for (size_t i = 0; i < ev.n; i++) {
		const struct audit_event *e = ev.items[i];
		if (strcmp(e->action, "add_needs_assessment") != 0)
			continue;
		found++;
		assert_null(strstr(e->fields, "Guardería"));
		assert_null(strstr(e->fields, "fútbol"));
	}
	assert_int_equal(found, 2);
	const struct audit_event *first = NULL;
	for (size_t i = 0; i < ev.n; i++)
		if (!first && strcmp(((struct audit_event *)ev.items[i])->action, "add_needs_assessment") == 0)
			first = ev.items[i];
	assert_string_equal(first->fields, "held_on,participants,community_needs,resources");
}

static void test_validation(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = case_in(f, &f->admin, "community");
	struct errors errs = { .n = 0 };
	struct needs_assessment in = typed(f, NULL, NULL, NULL, NULL, NULL), out;
	char *big = arena_alloc(f->a, NEEDS_TEXT_MAX + 2);
	memset(big, 'x', NEEDS_TEXT_MAX + 1);

	assert_int_equal(needs_record(&f->c, k.id, &in, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "held_on"));
	assert_non_null(errors_for(&errs, "community_needs"));
	const char *bad[][2] = { { "0", "participants" },     { "10001", "participants" },
				 { "doce", "participants" }, { "-3", "participants" } };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errs.n = 0;
		in = typed(f, "2026-01-20", bad[i][0], "x", NULL, NULL);
		assert_int_equal(needs_record(&f->c, k.id, &in, &errs, &out), DOM_INVALID);
		assert_non_null(errors_for(&errs, bad[i][1]));
	}
	errs.n = 0;
	in = typed(f, "2999-01-01", NULL, "x", NULL, NULL);
	assert_int_equal(needs_record(&f->c, k.id, &in, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "held_on"));
	errs.n = 0;
	in = typed(f, "2026-02-30", NULL, "x", NULL, NULL);
	assert_int_equal(needs_record(&f->c, k.id, &in, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "held_on"));
	errs.n = 0;
	in = typed(f, "2026-01-20", NULL, NULL, big, NULL);
	assert_int_equal(needs_record(&f->c, k.id, &in, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "resources"));
	/* Spaces only are no text. */
	errs.n = 0;
	in = typed(f, "2026-01-20", NULL, "   ", NULL, NULL);
	assert_int_equal(needs_record(&f->c, k.id, &in, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "community_needs"));
	/* Nothing was stored. */
	struct store_list l;
	assert_int_equal(needs_list(&f->c, &k, &l), DOM_OK);
	assert_int_equal(l.n, 0);
}

static void test_areas_and_closed(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	struct needs_assessment in = typed(f, "2026-01-20", NULL, "x", NULL, NULL), out;
	struct case_rec legal = case_in(f, &f->admin, "legal");
	assert_int_equal(needs_record(&f->c, legal.id, &in, &errs, &out), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "case_id"));
	assert_true(needs_area_ok("psychosocial"));
	assert_true(needs_area_ok("community"));
	assert_false(needs_area_ok("livelihoods"));
	assert_false(needs_area_ok(NULL));

	struct case_rec psy = case_in(f, &f->admin, "psychosocial");
	errs.n = 0;
	in = typed(f, "2026-01-20", NULL, "x", NULL, NULL);
	assert_int_equal(needs_record(&f->c, psy.id, &in, &errs, &out), DOM_OK);
	assert_int_equal(case_set_status(&f->c, psy.id, "closed", "goals_met", &errs, NULL), DOM_OK);
	in = typed(f, "2026-01-20", NULL, "x", NULL, NULL);
	assert_int_equal(needs_record(&f->c, psy.id, &in, &errs, &out), DOM_CONFLICT);
	assert_int_equal(errs.n, 0);
	errs.n = 0;
	assert_int_equal(needs_record(&f->c, "C-999999", &in, &errs, &out), DOM_NOTFOUND);
}

static void test_permissions(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	struct user reader;
	fixture_user(f, "reader", "readonly", &reader);
	struct case_rec pk = case_in(f, &psy, "psychosocial");
	struct case_rec ck = case_in(f, &f->admin, "community");
	struct errors errs = { .n = 0 };
	struct needs_assessment in = typed(f, "2026-01-20", NULL, "x", NULL, NULL), out;
	struct store_list l;

	f->c.user = &live;
	assert_int_equal(needs_record(&f->c, pk.id, &in, &errs, &out), DOM_FORBIDDEN);
	/* A psychosocial case's texts stay with its area; a community
	 * case's are read by everyone who reads cases. */
	assert_int_equal(needs_list(&f->c, &pk, &l), DOM_FORBIDDEN);
	assert_int_equal(needs_list(&f->c, &ck, &l), DOM_OK);
	f->c.user = &reader;
	assert_int_equal(needs_record(&f->c, ck.id, &in, &errs, &out), DOM_FORBIDDEN);
	assert_int_equal(needs_list(&f->c, &ck, &l), DOM_OK);
	f->c.user = &psy;
	assert_int_equal(needs_record(&f->c, pk.id, &in, &errs, &out), DOM_OK);
	assert_int_equal(needs_list(&f->c, &pk, &l), DOM_OK);
	assert_int_equal(l.n, 1);
}

static void test_merge_moves_them(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = case_in(f, &f->admin, "community");
	struct errors errs = { .n = 0 };
	struct needs_assessment in = typed(f, "2026-01-20", NULL, "x", NULL, NULL), out;
	struct person a;
	struct merge g;
	struct store_list l;
	fixture_register(f, fixture_named(f, "Nereida", "Castillo", NULL, "1979-08-30"), &a);
	assert_int_equal(needs_record(&f->c, k.id, &in, &errs, &out), DOM_OK);
	assert_int_equal(merge_people(&f->c, a.id, k.person_id, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(needs_list(&f->c, &k, &l), DOM_OK);
	assert_string_equal(((struct needs_assessment *)l.items[0])->person_id, a.id);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_int_equal(needs_list(&f->c, &k, &l), DOM_OK);
	assert_string_equal(((struct needs_assessment *)l.items[0])->person_id, k.person_id);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_record_and_list),
		T(test_validation),
		T(test_areas_and_closed),
		T(test_permissions),
		T(test_merge_moves_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

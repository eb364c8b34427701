/* test_retention.c: the retention rules (retention.c): who each rule
 * names, a dry run changes nothing, a run anonymises once, rules off by
 * default, permissions, the nightly schedule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/anonymise.h"
#include "domain/case.h"
#include "domain/retention.h"
#include "domain/settings.h"
#include "support.h"

/* The hit for person id in r, or NULL. */
static const struct retention_hit *hit(const struct retention_result *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->hits[i].person_id, id) == 0)
			return &r->hits[i];
	return NULL;
}

static void test_rules(void **state)
{
	struct fixture *f = *state;
	struct person closed, open, idle;
	struct retention_result r;
	struct errors errs = { .n = 0 };
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	fixture_register(f, fixture_named(f, "Cerrada", "Quiroz", NULL, "1980-01-01"), &closed);
	fixture_register(f, fixture_named(f, "Abierta", "Quiroz", NULL, "1981-01-01"), &open);
	fixture_register(f, fixture_named(f, "Inactiva", "Quiroz", NULL, "1982-01-01"), &idle);
	struct case_rec k = fixture_case(f, &psy, closed.id, "psychosocial");
	fixture_case(f, &psy, open.id, "psychosocial");
	f->c.user = &psy;
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "goals_met", &errs, NULL), DOM_OK);

	/* Off by default: nothing is due. */
	f->c.user = &f->admin;
	assert_int_equal(retention_run(&f->c, "2040-01-01T00:00:00Z", 1, &r), DOM_OK);
	assert_int_equal(r.n, 0);

	const char *keys[] = { "retention_closed_case_years", "retention_inactive_years" };
	const char *vals[] = { "5", "10" };
	assert_int_equal(settings_set_many(&f->c, keys, vals, 2, &errs), DOM_OK);
	/* Too early: nothing. */
	assert_int_equal(retention_run(&f->c, NULL, 1, &r), DOM_OK);
	assert_int_equal(r.n, 0);
	assert_true(r.people >= 3);

	/* In 2040: the closed case's person and the idle one; never the open one. */
	assert_int_equal(retention_run(&f->c, "2040-01-01T00:00:00Z", 1, &r), DOM_OK);
	assert_non_null(hit(&r, closed.id));
	assert_string_equal(hit(&r, closed.id)->rule, "closed_cases");
	assert_non_null(hit(&r, idle.id));
	assert_string_equal(hit(&r, idle.id)->rule, "inactive");
	assert_null(hit(&r, open.id));
	assert_int_equal(r.anonymised, 0);
	struct person still = fixture_person(f, closed.id);
	assert_string_equal(still.given_names, "Cerrada"); /* a dry run changes nothing */

	/* Caseworkers may not run it; the system (no user) may. */
	f->c.user = &psy;
	assert_int_equal(retention_run(&f->c, "2040-01-01T00:00:00Z", 1, &r), DOM_FORBIDDEN);
	f->c.user = NULL;
	assert_int_equal(retention_run(&f->c, "2040-01-01T00:00:00Z", 0, &r), DOM_OK);
	assert_true(r.anonymised >= 2);
	int yes;
	assert_int_equal(person_anonymised(&f->c, closed.id, &yes, NULL), DOM_OK);
	assert_true(yes);
	assert_int_equal(person_anonymised(&f->c, open.id, &yes, NULL), DOM_OK);
	assert_false(yes);
	assert_string_equal(fixture_person(f, idle.id).surname1, "anonimizada");
	/* Once: the next run finds them done. */
	assert_int_equal(retention_run(&f->c, "2040-01-01T00:00:00Z", 0, &r), DOM_OK);
	assert_null(hit(&r, closed.id));
	assert_int_equal(r.anonymised, 0);
	assert_int_equal(fixture_audit_actions(f, "2040-01-01", "retention_run"), 1);
}

static void test_schedule(void **state)
{
	(void)state;
	/* 2026-11-28 12:00 UTC -> 2026-11-29 08:00 UTC (03:00 in Panama). */
	assert_int_equal(retention_next_run(1795867200), 1795939200);
	/* Exactly at 08:00 UTC: the next day's. */
	assert_int_equal(retention_next_run(1795939200), 1796025600);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_rules),
		cmocka_unit_test(test_schedule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

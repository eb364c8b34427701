/* test_assessment.c: screenings recorded on cases (assessment.c): scores
 * and bands, validation, the PHQ-9 item-9 alert, closed cases, who may
 * record and read them, and the audit log (no answers in it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/assessment.h"
#include "domain/audit.h"
#include "domain/case.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "domain/user.h"
#include "support.h"

/* A psychosocial case opened by u. */
static struct case_rec psy_case(struct fixture *f, const struct user *u)
{
	struct errors errs = { .n = 0 };
	struct person p;
	struct case_rec k;
	fixture_register(f, fixture_named(f, "Yolanda", "Rangel", NULL, "1988-04-02"), &p);
	const struct user *saved = f->c.user;
	f->c.user = u;
	assert_int_equal(case_open(&f->c, p.id, "psychosocial", NULL, &errs, &k), DOM_OK);
	f->c.user = saved;
	return k;
}

static void test_record_and_score(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct case_rec k = psy_case(f, &psy);
	struct errors errs = { .n = 0 };
	struct assessment a;
	struct store_list l;
	const int phq[9] = { 2, 2, 1, 1, 1, 1, 1, 1, 0 };
	const int gad[7] = { 3, 3, 3, 3, 3, 3, 3 };

	f->c.user = &psy;
	assert_int_equal(assessment_record(&f->c, k.ref, "phq9", phq, 9, "2026-01-10", &errs, &a),
			 DOM_OK);
	assert_string_equal(a.instrument, "phq9");
	assert_string_equal(a.answers, "2,2,1,1,1,1,1,1,0");
	assert_string_equal(a.total, "10");
	assert_string_equal(a.band, "moderate");
	assert_string_equal(assessment_band(&a)->code, "moderate");
	assert_string_equal(a.alert, "0");
	assert_string_equal(a.person_id, k.person_id);
	assert_string_equal(a.recorded_by, psy.id);
	assert_int_equal(assessment_record(&f->c, k.id, "gad7", gad, 7, "2025-12-01", &errs, &a),
			 DOM_OK);
	assert_string_equal(a.total, "21");
	assert_string_equal(a.band, "severe");
	/* Without a date: today. */
	assert_int_equal(assessment_record(&f->c, k.id, "gad7", gad, 7, NULL, &errs, &a), DOM_OK);
	assert_non_null(a.taken_on);
	assert_int_equal(strlen(a.taken_on), 10);

	assert_int_equal(assessment_list(&f->c, &k, &l), DOM_OK);
	assert_int_equal(l.n, 3);
	/* Oldest first. */
	assert_string_equal(((struct assessment *)l.items[0])->taken_on, "2025-12-01");
	assert_string_equal(((struct assessment *)l.items[1])->taken_on, "2026-01-10");

	/* The audit names the instrument, never the answers or the score. */
	struct store_list ev;
	int found = 0;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", k.id, "seq", 0, 500, 0,
				    &ev),
			 STORE_OK);
	for (size_t i = 0; i < ev.n; i++) {
		struct audit_event *e = ev.items[i];
		if (strcmp(e->action, "add_assessment") == 0) {
			found++;
			assert_null(strstr(e->fields ? e->fields : "", "2,2"));
		}
	}
	assert_int_equal(found, 3);
}

static void test_alert_on_item_nine(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct case_rec k = psy_case(f, &psy);
	struct errors errs = { .n = 0 };
	struct assessment a;
	const int phq[9] = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };

	f->c.user = &psy;
	assert_int_equal(assessment_record(&f->c, k.id, "phq9", phq, 9, NULL, &errs, &a), DOM_OK);
	assert_string_equal(a.alert, "1");
	assert_string_equal(a.total, "1");
	assert_string_equal(a.band, "minimal");
}

static void test_validation_and_closed(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct case_rec k = psy_case(f, &psy), out;
	struct errors errs = { .n = 0 };
	struct assessment a;
	const int few[3] = { 1, 1, 1 };
	const int bad[5] = { 1, 9, 1, -1, 1 };
	const int who[5] = { 5, 5, 5, 5, 5 };

	f->c.user = &psy;
	assert_int_equal(assessment_record(&f->c, k.id, "phq9", few, 3, NULL, &errs, &a),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "answers"));
	errs.n = 0;
	assert_int_equal(assessment_record(&f->c, k.id, "who5", bad, 5, NULL, &errs, &a),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "answers.2"));
	assert_non_null(errors_for(&errs, "answers.4"));
	errs.n = 0;
	assert_int_equal(assessment_record(&f->c, k.id, "bdi", who, 5, NULL, &errs, &a),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "instrument"));
	errs.n = 0;
	assert_int_equal(assessment_record(&f->c, k.id, "who5", who, 5, "2999-01-01", &errs, &a),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "taken_on"));
	errs.n = 0;
	assert_int_equal(assessment_record(&f->c, k.id, "who5", who, 5, NULL, &errs, &a), DOM_OK);
	assert_string_equal(a.total, "25");
	assert_string_equal(a.band, "adequate");

	assert_int_equal(case_set_status(&f->c, k.id, "closed", "goals_met", &errs, &out), DOM_OK);
	assert_int_equal(assessment_record(&f->c, k.id, "who5", who, 5, NULL, &errs, &a),
			 DOM_CONFLICT);
}

static void test_permissions(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	struct case_rec k = psy_case(f, &psy);
	struct errors errs = { .n = 0 };
	struct assessment a;
	struct store_list l;
	const int gad[7] = { 1, 1, 1, 1, 1, 1, 1 };

	f->c.user = &psy;
	assert_int_equal(assessment_record(&f->c, k.id, "gad7", gad, 7, NULL, &errs, &a), DOM_OK);
	/* A livelihoods caseworker may neither record nor read them. */
	f->c.user = &live;
	assert_int_equal(assessment_record(&f->c, k.id, "gad7", gad, 7, NULL, &errs, &a),
			 DOM_FORBIDDEN);
	assert_int_equal(assessment_list(&f->c, &k, &l), DOM_FORBIDDEN);
	assert_false(assessment_may_read(&live, &k));
	/* The administrator may read them. */
	f->c.user = &f->admin;
	assert_true(assessment_may_read(&f->admin, &k));
	assert_int_equal(assessment_list(&f->c, &k, &l), DOM_OK);
	assert_int_equal(l.n, 1);
}

/* A merge moves the other record's assessments to the survivor; the undo
 * moves them back. */
static void test_merge_moves_assessments(void **state)
{
	struct fixture *f = *state;
	struct person a;
	struct case_rec k = psy_case(f, &f->admin);
	struct errors errs = { .n = 0 };
	struct assessment s;
	struct store_list l;
	struct merge g;
	const int gad[7] = { 1, 1, 1, 1, 1, 1, 1 };
	fixture_register(f, fixture_named(f, "Yolanda", "Rangel", NULL, "1988-04-02"), &a);
	assert_int_equal(assessment_record(&f->c, k.id, "gad7", gad, 7, NULL, &errs, &s), DOM_OK);
	assert_int_equal(merge_people(&f->c, a.id, k.person_id, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(assessment_list(&f->c, &k, &l), DOM_OK);
	assert_string_equal(((struct assessment *)l.items[0])->person_id, a.id);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_int_equal(assessment_list(&f->c, &k, &l), DOM_OK);
	assert_string_equal(((struct assessment *)l.items[0])->person_id, k.person_id);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_record_and_score),
		T(test_alert_on_item_nine),
		T(test_validation_and_closed),
		T(test_permissions),
		T(test_merge_moves_assessments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

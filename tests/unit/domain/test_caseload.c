/* test_caseload.c: the supervisor's view of every caseload: counts per
 * caseworker by status and risk, caseworkers without cases, the area
 * filter, PHQ-9 alerts (only the latest PHQ-9 of a case not closed) and
 * who may see it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "domain/appointment.h"
#include "domain/assessment.h"
#include "domain/case.h"
#include "domain/caseload.h"
#include "domain/catalog.h"
#include "domain/goal.h"
#include "support.h"

/* Opens a case for a new person as u in area. */
static struct case_rec open_as(struct fixture *f, const struct user *u, const char *area, const char *given)
{
	struct errors errs = { .n = 0 };
	struct person p;
	struct case_rec k;
	fixture_register(f, fixture_named(f, given, "Caseload", NULL, "1990-01-01"), &p);
	const struct user *saved = f->c.user;
	f->c.user = u;
	assert_int_equal(case_open(&f->c, p.id, area, NULL, &errs, &k), DOM_OK);
	f->c.user = saved;
	return k;
}

static const struct caseload *row_for(const struct caseloads *s, const struct user *u)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i].user && strcmp(s->rows[i].user->id, u->id) == 0)
			return &s->rows[i];
	return NULL;
}

static int pos(const struct catalog *c, const char *code)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->items[i].code, code))
			return (int)i;
	fail_msg("no %s in %s", code, c->name);
	return -1;
}

static void test_counts(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user lex = fixture_worker(f, "lex", "caseworker", "legal");
	struct user idle = fixture_worker(f, "idle", "caseworker", "legal");
	struct errors errs = { .n = 0 };
	struct case_rec a = open_as(f, &psy, "psychosocial", "Ana");
	struct case_rec b = open_as(f, &psy, "psychosocial", "Berta");
	open_as(f, &psy, "psychosocial", "Carla");
	struct case_rec d = open_as(f, &lex, "legal", "Diana");
	f->c.user = &psy;
	assert_int_equal(case_set_status(&f->c, a.id, "active", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(case_set_risk(&f->c, a.id, "critical", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(case_set_risk(&f->c, b.id, "high", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(case_set_status(&f->c, b.id, "closed", "goals_met", &errs, NULL), DOM_OK);
	f->c.user = &f->admin;

	struct caseloads s;
	assert_int_equal(caseload_summary(&f->c, NULL, &errs, &s), DOM_OK);
	const struct caseload *p = row_for(&s, &psy), *l = row_for(&s, &lex), *i = row_for(&s, &idle);
	assert_non_null(p);
	assert_non_null(l);
	assert_non_null(i); /* a caseworker without cases has a row of zeros */
	assert_int_equal(p->status[pos(&CAT_CASE_STATUS, "open")], 1);
	assert_int_equal(p->status[pos(&CAT_CASE_STATUS, "active")], 1);
	assert_int_equal(p->status[pos(&CAT_CASE_STATUS, "closed")], 1);
	assert_int_equal(p->current, 2);
	/* Risk counts only cases not closed: b's high risk is not counted. */
	assert_int_equal(p->risk[pos(&CAT_RISK, "critical")], 1);
	assert_int_equal(p->risk[pos(&CAT_RISK, "high")], 0);
	assert_int_equal(p->risk[pos(&CAT_RISK, "low")], 1);
	assert_int_equal(l->current, 1);
	assert_int_equal(i->current, 0);
	assert_int_equal(s.total.current, 3);
	assert_int_equal(s.total.status[pos(&CAT_CASE_STATUS, "closed")], 1);

	/* One area: only its caseworkers and cases. */
	assert_int_equal(caseload_summary(&f->c, "legal", &errs, &s), DOM_OK);
	assert_null(row_for(&s, &psy));
	assert_non_null(row_for(&s, &idle));
	assert_int_equal(row_for(&s, &lex)->current, 1);
	assert_int_equal(s.total.current, 1);
	(void)d;

	assert_int_equal(caseload_summary(&f->c, "cooking", &errs, &s), DOM_INVALID);
	assert_non_null(errors_for(&errs, "area"));
}

static void test_alerts(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct errors errs = { .n = 0 };
	struct case_rec a = open_as(f, &psy, "psychosocial", "Elena");
	struct case_rec b = open_as(f, &psy, "psychosocial", "Fabiola");
	struct case_rec c = open_as(f, &psy, "psychosocial", "Gloria");
	const int alarm[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 2 };
	const int calm[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 0 };
	f->c.user = &psy;
	/* a: alert on the latest; b: an alert, then a calmer PHQ-9; c: alert, then closed. */
	assert_int_equal(assessment_record(&f->c, a.id, "phq9", calm, 9, "2026-01-01", &errs, NULL), DOM_OK);
	assert_int_equal(assessment_record(&f->c, a.id, "phq9", alarm, 9, "2026-02-01", &errs, NULL), DOM_OK);
	assert_int_equal(assessment_record(&f->c, b.id, "phq9", alarm, 9, "2026-01-01", &errs, NULL), DOM_OK);
	assert_int_equal(assessment_record(&f->c, b.id, "phq9", calm, 9, "2026-02-01", &errs, NULL), DOM_OK);
	assert_int_equal(assessment_record(&f->c, c.id, "phq9", alarm, 9, "2026-01-01", &errs, NULL), DOM_OK);
	assert_int_equal(case_set_status(&f->c, c.id, "closed", "goals_met", &errs, NULL), DOM_OK);
	f->c.user = &f->admin;

	struct caseloads s;
	assert_int_equal(caseload_summary(&f->c, NULL, &errs, &s), DOM_OK);
	assert_int_equal(s.nalerts, 1);
	assert_string_equal(s.alerts[0].k->id, a.id);
	assert_string_equal(s.alerts[0].a->taken_on, "2026-02-01");
	assert_int_equal(row_for(&s, &psy)->alerts, 1);
	assert_int_equal(s.total.alerts, 1);
	assert_int_equal(caseload_summary(&f->c, "legal", &errs, &s), DOM_OK);
	assert_int_equal(s.nalerts, 0);
}

/* The date days from today (negative: before), "YYYY-MM-DD", in a. */
static char *day(struct arena *a, int days)
{
	time_t t = time(NULL) - 5 * 3600 + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* What is late counts against the caseworker holding it. */
static void test_late(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct errors errs = { .n = 0 };
	struct case_rec k = open_as(f, &psy, "psychosocial", "Hilda");
	f->c.user = &psy;
	/* Domain calls trim their input in place: strings in the arena. */
	struct appointment past = { .starts_at = arena_printf(f->a, "%sT09:00", day(f->a, -10)) },
			   ahead = { .starts_at = arena_printf(f->a, "%sT09:00", day(f->a, 30)) };
	assert_int_equal(appointment_book(&f->c, k.id, &past, NULL, &errs, NULL), DOM_OK);
	assert_int_equal(appointment_book(&f->c, k.id, &ahead, NULL, &errs, NULL), DOM_OK);
	struct case_goal late = { .title = arena_strdup(f->a, "Retomar la rutina"),
				  .due_on = day(f->a, -10) },
			 later = { .title = arena_strdup(f->a, "Buscar un grupo"),
				   .due_on = day(f->a, 30) };
	assert_int_equal(goal_add(&f->c, k.id, &late, &errs, NULL), DOM_OK);
	assert_int_equal(goal_add(&f->c, k.id, &later, &errs, NULL), DOM_OK);
	f->c.user = &f->admin;

	struct caseloads s;
	assert_int_equal(caseload_summary(&f->c, NULL, &errs, &s), DOM_OK);
	const struct caseload *p = row_for(&s, &psy);
	assert_int_equal(p->late_appointments, 1);
	assert_int_equal(p->late_goals, 1);
	assert_int_equal(p->late_referrals, 0);
	assert_int_equal(s.total.late_appointments, 1);
	assert_int_equal(s.total.late_goals, 1);

	/* The caseload's "only with something overdue" keeps k, not a case
	 * with nothing late. */
	struct case_rec calm = open_as(f, &psy, "psychosocial", "Irene");
	const char *ids;
	struct store_list l;
	assert_int_equal(caseload_overdue_ids(&f->c, &ids), DOM_OK);
	struct case_filter cf = { .assigned_to = psy.id, .ids = ids };
	assert_int_equal(case_list(&f->c, &cf, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(((struct case_rec *)l.items[0])->id, k.id);
	cf.ids = "";
	assert_int_equal(case_list(&f->c, &cf, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 0);
	assert_int_equal(l.n, 0);
	(void)calm;
}

static void test_only_supervisors(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user sup = fixture_worker(f, "sup", "supervisor", "psychosocial,legal");
	struct errors errs = { .n = 0 };
	struct caseloads s;
	f->c.user = &psy;
	assert_int_equal(caseload_summary(&f->c, NULL, &errs, &s), DOM_FORBIDDEN);
	f->c.user = &sup;
	assert_int_equal(caseload_summary(&f->c, NULL, &errs, &s), DOM_OK);
	f->c.user = &f->admin;
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_counts),
		T(test_alerts),
		T(test_late),
		T(test_only_supervisors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

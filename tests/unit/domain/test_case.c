/* test_case.c: cases (case.c) and their services (service.c): opening,
 * transitions, risk, assignment, caseloads, permissions, sensitive notes,
 * and the audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/audit.h"
#include "domain/case.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "domain/service.h"
#include "domain/user.h"
#include "support.h"

static struct person someone(struct fixture *f)
{
	struct person p;
	fixture_register(f, fixture_named(f, "Yolanda", "Rangel", NULL, "1988-04-02"), &p);
	return p;
}

static struct case_rec open_as(struct fixture *f, const struct user *u, const char *person_id,
			       const char *area)
{
	return fixture_case(f, u, person_id, area);
}

static void test_open_one_per_area(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct person p = someone(f);
	struct errors errs = { .n = 0 };
	struct case_rec k = open_as(f, &psy, p.ref, "psychosocial"), again;

	assert_string_equal(k.ref, "C-000001");
	assert_string_equal(k.status, "open");
	assert_string_equal(k.risk, "low");
	assert_string_equal(k.person_id, p.id);
	assert_string_equal(k.assigned_to, psy.id);
	assert_int_equal(fixture_audit_actions(f, k.id, "open"), 1);
	assert_int_equal(fixture_audit_actions(f, p.id, "open_case"), 1);

	f->c.user = &psy;
	assert_int_equal(case_open(&f->c, p.id, "psychosocial", NULL, &errs, &again), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "area"));
	/* Another area is another case, but not one outside psy's areas. */
	errs.n = 0;
	assert_int_equal(case_open(&f->c, p.id, "legal", NULL, &errs, &again), DOM_FORBIDDEN);
	f->c.user = &f->admin;
	assert_string_equal(open_as(f, &f->admin, p.id, "legal").ref, "C-000002");
	errs.n = 0;
	assert_int_equal(case_open(&f->c, p.id, "nowhere", "extreme", &errs, &again), DOM_INVALID);
	assert_non_null(errors_for(&errs, "area"));
	assert_non_null(errors_for(&errs, "risk"));
	errs.n = 0;
	assert_int_equal(case_open(&f->c, "P-999999", "legal", NULL, &errs, &again), DOM_INVALID);
	assert_non_null(errors_for(&errs, "person_id"));
}

static void test_transitions_and_reopen(void **state)
{
	struct fixture *f = *state;
	struct person p = someone(f);
	struct case_rec k = open_as(f, &f->admin, p.id, "legal"), out;
	struct errors errs = { .n = 0 };
	struct store_list h;

	assert_int_equal(case_set_status(&f->c, k.id, "active", NULL, &errs, &out), DOM_OK);
	assert_int_equal(case_set_status(&f->c, k.id, "open", NULL, &errs, &out), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(case_set_status(&f->c, k.id, "on_hold", "waiting for ONPAR", &errs, &out),
			 DOM_OK);
	/* Closing needs a closure reason from the catalogue. */
	assert_int_equal(case_set_status(&f->c, k.id, "closed", NULL, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "reason"));
	errs.n = 0;
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "because", &errs, &out), DOM_INVALID);
	errs.n = 0;
	assert_int_equal(case_set_status(&f->c, k.ref, "closed", "goals_met", &errs, &out), DOM_OK);
	assert_string_equal(out.status, "closed");
	assert_string_equal(out.closure_reason, "goals_met");
	assert_non_null(out.closed_at);
	/* Closed: a new case in the area may be opened, and risk is frozen. */
	assert_int_equal(case_set_risk(&f->c, k.id, "high", NULL, &errs, &out), DOM_CONFLICT);
	struct case_rec k2 = open_as(f, &f->admin, p.id, "legal");
	/* Reopening while k2 is open is a conflict; after k2 closes it works. */
	assert_int_equal(case_set_status(&f->c, k.id, "open", NULL, &errs, &out), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(case_set_status(&f->c, k2.id, "closed", "referred", &errs, &out), DOM_OK);
	assert_int_equal(case_set_status(&f->c, k.id, "open", "came back", &errs, &out), DOM_OK);
	assert_string_equal(out.status, "open");
	assert_null(out.closure_reason);
	assert_null(out.closed_at);
	assert_int_equal(case_history(&f->c, &out, &h), DOM_OK);
	assert_int_equal(h.n, 4); /* active, on_hold, closed, open */
	struct case_change *last = h.items[0];
	assert_string_equal(last->from_value, "closed");
	assert_string_equal(last->to_value, "open");
	assert_string_equal(last->reason, "came back");
	assert_int_equal(fixture_audit_actions(f, k.id, "status"), 4);
}

static void test_risk_and_assign(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user psy2 = fixture_worker(f, "psy2", "caseworker", "psychosocial");
	struct user liv = fixture_worker(f, "liv", "caseworker", "livelihoods");
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	struct person p = someone(f);
	struct case_rec k = open_as(f, &psy, p.id, "psychosocial"), out;
	struct errors errs = { .n = 0 };
	struct store_list h;

	f->c.user = &psy;
	assert_int_equal(case_set_risk(&f->c, k.id, "critical", "threats", &errs, &out), DOM_OK);
	assert_string_equal(out.risk, "critical");
	assert_int_equal(case_set_risk(&f->c, k.id, "critical", NULL, &errs, &out), DOM_OK);
	assert_int_equal(case_history(&f->c, &out, &h), DOM_OK);
	assert_int_equal(h.n, 1); /* the same level again changes nothing */
	/* Caseworkers do not assign; supervisors do, to users of the area. */
	assert_int_equal(case_assign(&f->c, k.id, psy2.id, &errs, &out), DOM_FORBIDDEN);
	f->c.user = &sup;
	assert_int_equal(case_assign(&f->c, k.id, liv.id, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "user_id"));
	errs.n = 0;
	assert_int_equal(case_assign(&f->c, k.id, "psy2", &errs, &out), DOM_OK);
	assert_string_equal(out.assigned_to, psy2.id);
	assert_int_equal(fixture_audit_actions(f, k.id, "assign"), 1);
	/* Outside the area and not assigned: no changes. */
	f->c.user = &liv;
	assert_int_equal(case_set_risk(&f->c, k.id, "low", NULL, &errs, &out), DOM_FORBIDDEN);
	assert_int_equal(case_set_status(&f->c, k.id, "active", NULL, &errs, &out), DOM_FORBIDDEN);
	f->c.user = &f->admin;
}

static void test_caseload_filters(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial,legal");
	struct person a = someone(f), b = someone(f);
	struct errors errs = { .n = 0 };
	struct store_list l;

	open_as(f, &psy, a.id, "psychosocial");
	open_as(f, &psy, a.id, "legal");
	struct case_rec k = open_as(f, &f->admin, b.id, "legal"), out;
	assert_int_equal(case_set_risk(&f->c, k.id, "high", NULL, &errs, &out), DOM_OK);

	struct case_filter mine = { .assigned_to = psy.id };
	assert_int_equal(case_list(&f->c, &mine, 10, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	struct case_filter legal = { .area = "legal" };
	assert_int_equal(case_list(&f->c, &legal, 10, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	struct case_filter high = { .area = "legal", .risk = "high", .status = "open" };
	assert_int_equal(case_list(&f->c, &high, 10, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(((struct case_rec *)l.items[0])->id, k.id);
	struct case_filter of_a = { .person_id = a.id };
	assert_int_equal(case_list(&f->c, &of_a, 1, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.n, 1);
	struct case_filter bad = { .status = "lost" };
	assert_int_equal(case_list(&f->c, &bad, 10, 0, &errs, &l), DOM_INVALID);
	assert_non_null(errors_for(&errs, "status"));
	errs.n = 0;
	/* Every filter at once (GET /api/v1/cases?person_id=&area=&status=
	 * &risk=&assigned_to=&office=&overdue=1 overflowed the filter array). */
	struct case_filter all = { .person_id = b.id, .area = "legal", .status = "open",
				   .risk = "high", .assigned_to = k.assigned_to,
				   .office = k.office, .ids = k.id };
	assert_int_equal(case_list(&f->c, &all, 10, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(((struct case_rec *)l.items[0])->id, k.id);
}

static void test_services_and_sensitive_notes(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user liv = fixture_worker(f, "liv", "caseworker", "livelihoods");
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	struct user ethics = fixture_worker(f, "eth", "ethics", NULL);
	struct person p = someone(f);
	struct case_rec k = open_as(f, &psy, p.id, "psychosocial");
	struct case_rec lk = open_as(f, &liv, p.id, "livelihoods");
	struct errors errs = { .n = 0 };
	struct service s, got;
	struct store_list l;

	f->c.user = &psy;
	struct service bad = { .type = arena_strdup(f->a, "legal_counselling"),
			       .date = arena_strdup(f->a, "2999-01-01"),
			       .duration_minutes = arena_strdup(f->a, "0") };
	assert_int_equal(service_record(&f->c, k.id, &bad, &errs, &s), DOM_INVALID);
	assert_non_null(errors_for(&errs, "type"));
	assert_non_null(errors_for(&errs, "date"));
	assert_non_null(errors_for(&errs, "duration_minutes"));
	errs.n = 0;
	struct service in = { .type = arena_strdup(f->a, "pfa"), .date = arena_strdup(f->a, "2026-01-15"),
			      .duration_minutes = arena_strdup(f->a, "50"),
			      .notes = arena_strdup(f->a, "Relata amenazas de la pandilla") };
	assert_int_equal(service_record(&f->c, k.ref, &in, &errs, &s), DOM_OK);
	assert_string_equal(s.provider, psy.id);
	assert_string_equal(s.person_id, p.id);
	/* The audit event names the fields, never the note's words. */
	struct store_list ev;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", k.id, "seq", 1, 1, 0, &ev),
			 STORE_OK);
	struct audit_event *e = ev.items[0];
	assert_string_equal(e->action, "add_service");
	assert_non_null(strstr(e->fields, "notes"));
	assert_null(strstr(e->fields, "amenazas"));

	/* The livelihoods caseworker sees that a note exists, not what it says. */
	f->c.user = &liv;
	assert_int_equal(service_record(&f->c, k.id, &in, &errs, &got), DOM_FORBIDDEN);
	assert_int_equal(service_list(&f->c, &k, 10, 0, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	assert_null(((struct service *)l.items[0])->notes);
	assert_int_equal(((struct service *)l.items[0])->notes_restricted, 1);
	assert_int_equal(service_get(&f->c, &k, s.id, &got), DOM_FORBIDDEN);
	/* Their own area's notes are not sensitive to others. */
	struct service note = { .type = arena_strdup(f->a, "career_counselling"),
				.date = arena_strdup(f->a, "2026-01-16"),
				.notes = arena_strdup(f->a, "CV listo") };
	assert_int_equal(service_record(&f->c, lk.id, &note, &errs, &got), DOM_OK);
	f->c.user = &psy;
	assert_int_equal(service_list(&f->c, &lk, 10, 0, &l), DOM_OK);
	assert_string_equal(((struct service *)l.items[0])->notes, "CV listo");

	/* The caseworker of the area and supervisors read it. */
	assert_int_equal(service_get(&f->c, &k, s.id, &got), DOM_OK);
	assert_string_equal(got.notes, "Relata amenazas de la pandilla");
	f->c.user = &sup;
	assert_int_equal(service_get(&f->c, &k, s.id, &got), DOM_OK);
	assert_int_equal(got.notes_restricted, 0);
	/* A service of another case is not found through this one. */
	assert_int_equal(service_get(&f->c, &lk, s.id, &got), DOM_NOTFOUND);
	f->c.user = &ethics;
	assert_int_equal(service_list(&f->c, &k, 10, 0, &l), DOM_FORBIDDEN);

	/* A closed case takes no services. */
	f->c.user = &psy;
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "goals_met", &errs, NULL), DOM_OK);
	assert_int_equal(service_record(&f->c, k.id, &in, &errs, &got), DOM_CONFLICT);
	f->c.user = &f->admin;
}

static void test_audit_chain_holds(void **state)
{
	struct fixture *f = *state;
	struct person p = someone(f);
	struct errors errs = { .n = 0 };
	struct case_rec k = open_as(f, &f->admin, p.id, "community");
	long long checked, bad;
	assert_int_equal(case_set_status(&f->c, k.id, "active", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(case_set_risk(&f->c, k.id, "medium", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);
	assert_true(checked >= 4);
}

/* A merge moves the other record's cases and services to the survivor;
 * the undo moves them back. */
static void test_merge_moves_cases_and_services(void **state)
{
	struct fixture *f = *state;
	struct person a = someone(f), b = someone(f);
	struct errors errs = { .n = 0 };
	struct case_rec k = open_as(f, &f->admin, b.id, "legal"), got;
	struct service in = { .type = arena_strdup(f->a, "detention_visit"),
			      .date = arena_strdup(f->a, "2026-02-01") },
		       s;
	struct merge g;
	assert_int_equal(service_record(&f->c, k.id, &in, &errs, &s), DOM_OK);
	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(case_load(&f->c, k.id, &got), DOM_OK);
	assert_string_equal(got.person_id, a.id);
	assert_int_equal(service_get(&f->c, &got, s.id, &s), DOM_OK);
	assert_string_equal(s.person_id, a.id);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_int_equal(case_load(&f->c, k.id, &got), DOM_OK);
	assert_string_equal(got.person_id, b.id);
	assert_int_equal(service_get(&f->c, &got, s.id, &s), DOM_OK);
	assert_string_equal(s.person_id, b.id);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_open_one_per_area),
		T(test_transitions_and_reopen),
		T(test_risk_and_assign),
		T(test_caseload_filters),
		T(test_services_and_sensitive_notes),
		T(test_audit_chain_holds),
		T(test_merge_moves_cases_and_services),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

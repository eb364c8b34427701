/* test_office.c: offices (office.c), cases scoped to the user's offices
 * (case.c) and case transfers between offices (case_transfer.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/approval.h"
#include "domain/case.h"
#include "domain/caseload.h"
#include "domain/case_transfer.h"
#include "domain/office.h"
#include "domain/service.h"
#include "domain/settings.h"
#include "domain/user.h"
#include "support.h"

/* A user of role working in areas at offices (comma-separated codes). */
static struct user worker_at(struct fixture *f, const char *name, const char *role,
			     const char *areas, const char *offices)
{
	struct errors errs = { .n = 0 };
	const struct user *saved = f->c.user;
	struct user u;
	f->c.user = NULL;
	assert_int_equal(user_create(&f->c, name, name, role, areas, offices, TEST_PASSWORD, &errs, &u),
			 DOM_OK);
	f->c.user = saved;
	if (areas && strstr(areas, "psychosocial"))
		u.grants = "sgbv,mental_health"; /* as support.c's fixture_worker */
	return u;
}

/* The fixture's office "pty" and a field office "dar". */
static void add_darien(struct fixture *f)
{
	struct errors errs = { .n = 0 };
	struct office o;
	assert_int_equal(office_create(&f->c, "DAR", "Darién", &errs, &o), DOM_OK);
	assert_string_equal(o.id, "dar"); /* codes are folded to lowercase */
}

/* Darién beside the fixture's office, and a psychosocial caseworker in
 * each: ana in pty, beto in dar. */
static void two_offices(struct fixture *f, struct user *pty, struct user *dar)
{
	add_darien(f);
	*pty = worker_at(f, "ana", "caseworker", "psychosocial", "pty");
	*dar = worker_at(f, "beto", "caseworker", "psychosocial", "dar");
}

static struct case_rec open_case(struct fixture *f, const struct user *u, const char *area)
{
	struct errors errs = { .n = 0 };
	struct person p;
	struct case_rec k;
	const struct user *saved = f->c.user;
	fixture_register(f, fixture_named(f, "Yolanda", "Rangel", NULL, "1988-04-02"), &p);
	f->c.user = u;
	assert_int_equal(case_open(&f->c, p.id, area, NULL, &errs, &k), DOM_OK);
	f->c.user = saved;
	return k;
}

static void test_offices_managed_by_admins(void **state)
{
	struct fixture *f = *state;
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	struct errors errs = { .n = 0 };
	struct office o;
	struct store_list l;

	add_darien(f);
	assert_int_equal(office_create(&f->c, "dar", "Otra", &errs, &o), DOM_INVALID);
	assert_non_null(errors_for(&errs, "id")); /* taken */
	errs.n = 0;
	assert_int_equal(office_create(&f->c, "d a", "", &errs, &o), DOM_INVALID);
	assert_non_null(errors_for(&errs, "id"));
	assert_non_null(errors_for(&errs, "name"));
	errs.n = 0;
	f->c.user = &sup;
	assert_int_equal(office_create(&f->c, "chq", "Chiriquí", &errs, &o), DOM_FORBIDDEN);
	assert_int_equal(office_list(&f->c, 0, &l), DOM_OK); /* but may read them */
	assert_int_equal(l.n, 2);
	f->c.user = &f->admin;
	assert_int_equal(office_update(&f->c, "dar", "Darién (Metetí)", "0", &errs, &o), DOM_OK);
	assert_string_equal(o.name, "Darién (Metetí)");
	assert_string_equal(o.active, "0");
	assert_int_equal(fixture_audit_count(f, "dar"), 2); /* create, deactivate */
	assert_int_equal(office_list(&f->c, 0, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	/* An inactive or unknown office cannot be given to a user. */
	f->c.user = NULL;
	assert_int_equal(user_create(&f->c, "nobody", NULL, "caseworker", NULL, "dar", TEST_PASSWORD,
				     &errs, NULL),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "office"));
	errs.n = 0;
	assert_int_equal(user_create(&f->c, "nobody", NULL, "caseworker", NULL, "atlantis",
				     TEST_PASSWORD, &errs, NULL),
			 DOM_INVALID);
	/* No office given: the default (oldest active) one. */
	struct user u = worker_at(f, "plain", "caseworker", "legal", NULL);
	assert_string_equal(u.office, "pty");
	f->c.user = &f->admin;
}

static void test_cases_scoped_to_offices(void **state)
{
	struct fixture *f = *state;
	struct user pty, dar;
	two_offices(f, &pty, &dar);
	struct user both = worker_at(f, "caro", "supervisor", NULL, "PTY,dar,pty");
	struct user dsup = worker_at(f, "dani", "supervisor", NULL, "dar");
	struct case_rec kp = open_case(f, &pty, "psychosocial"), kd = open_case(f, &dar, "psychosocial"),
			got;
	struct case_filter all = { 0 };
	struct errors errs = { .n = 0 };
	struct store_list l;

	assert_string_equal(kp.office, "pty");
	assert_string_equal(kd.office, "dar");
	assert_string_equal(both.office, "pty,dar"); /* folded, each once */
	/* Another office's case does not exist for them: 404, not 403. */
	f->c.user = &pty;
	assert_int_equal(case_get(&f->c, kd.id, &got), DOM_NOTFOUND);
	assert_int_equal(case_get(&f->c, kd.ref, &got), DOM_NOTFOUND);
	assert_int_equal(case_list(&f->c, &all, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(((struct case_rec *)l.items[0])->id, kp.id);
	/* A supervisor is bound to their office too. */
	f->c.user = &dsup;
	assert_int_equal(case_get(&f->c, kp.id, &got), DOM_NOTFOUND);
	assert_int_equal(case_set_risk(&f->c, kp.id, "high", NULL, &errs, &got), DOM_NOTFOUND);
	assert_int_equal(case_get(&f->c, kd.id, &got), DOM_OK);
	/* Several offices: both, and a filter for one of them. */
	f->c.user = &both;
	assert_int_equal(case_list(&f->c, &all, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	struct case_filter only_dar = { .office = "dar" };
	assert_int_equal(case_list(&f->c, &only_dar, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(((struct case_rec *)l.items[0])->id, kd.id);
	/* Opening in a chosen office, only one of one's own. */
	struct person p;
	fixture_register(f, fixture_named(f, "Zoila", "Tejada", NULL, "1990-01-01"), &p);
	assert_int_equal(case_open_in(&f->c, p.id, "legal", NULL, "dar", &errs, &got), DOM_OK);
	assert_string_equal(got.office, "dar");
	f->c.user = &pty;
	assert_int_equal(case_list(&f->c, &only_dar, 50, 0, &errs, &l), DOM_INVALID);
	assert_non_null(errors_for(&errs, "office"));
	errs.n = 0;
	assert_int_equal(case_open_in(&f->c, p.id, "psychosocial", NULL, "dar", &errs, &got),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "office"));
	/* A supervisor assigns only to users of the case's office. */
	struct user pty2 = worker_at(f, "eva", "caseworker", "psychosocial", "pty");
	f->c.user = &both;
	errs.n = 0;
	assert_int_equal(case_assign(&f->c, kd.id, pty2.id, &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "user_id"));
	errs.n = 0;
	assert_int_equal(case_assign(&f->c, kp.id, pty2.id, &errs, &got), DOM_OK);
	/* PERM_OFFICES_ALL: the administrator sees every office. */
	f->c.user = &f->admin;
	errs.n = 0;
	assert_int_equal(case_list(&f->c, &all, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 3);
	assert_int_equal(case_get(&f->c, kd.id, &got), DOM_OK);
}

static void test_transfer_accepted(void **state)
{
	struct fixture *f = *state;
	struct user pty, dar;
	two_offices(f, &pty, &dar);
	struct case_rec k = open_case(f, &pty, "psychosocial"), got;
	struct errors errs = { .n = 0 };
	struct case_transfer t, seen;
	struct store_list l;
	struct service in = { .type = "emotional_support", .date = "2026-03-01",
			      .notes = "Habló de la amenaza en Yaviza" },
		       s;

	f->c.user = &pty;
	assert_int_equal(service_record(&f->c, k.id, &in, &errs, &s), DOM_OK);
	/* No consent, no transfer. */
	assert_int_equal(case_transfer_send(&f->c, k.id, "dar", "Se mudó a Metetí", 0, NULL, &errs, &t),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "consent"));
	errs.n = 0;
	assert_int_equal(case_transfer_send(&f->c, k.id, "pty", "", 1, "everything", &errs, &t),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "to_office")); /* its own office */
	assert_non_null(errors_for(&errs, "reason"));
	assert_non_null(errors_for(&errs, "shared"));
	errs.n = 0;
	assert_int_equal(case_transfer_send(&f->c, k.id, "dar", "Se mudó a Metetí", 1, "services",
					    &errs, &t),
			 DOM_OK);
	assert_string_equal(t.status, "sent");
	assert_string_equal(t.from_office, "pty");
	assert_non_null(strstr(t.snapshot, "emotional_support"));
	assert_null(strstr(t.snapshot, "Yaviza")); /* "services" shares no notes */
	/* One pending transfer per case. */
	assert_int_equal(case_transfer_send(&f->c, k.id, "dar", "otra vez", 1, NULL, &errs, &seen),
			 DOM_CONFLICT);
	errs.n = 0;
	/* The receiver sees the transfer (not yet the case) in its inbox. */
	f->c.user = &dar;
	assert_int_equal(case_get(&f->c, k.id, &got), DOM_NOTFOUND);
	assert_int_equal(case_transfer_list(&f->c, "incoming", "sent", NULL, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(case_transfer_get(&f->c, t.id, &seen), DOM_OK);
	/* The sender cannot accept its own transfer. */
	f->c.user = &pty;
	assert_int_equal(case_transfer_decide(&f->c, t.id, 1, NULL, &errs, &seen), DOM_FORBIDDEN);
	/* Accepted by a psychosocial caseworker of Darién: theirs now. */
	f->c.user = &dar;
	assert_int_equal(case_transfer_decide(&f->c, t.id, 1, NULL, &errs, &seen), DOM_OK);
	assert_string_equal(seen.status, "accepted");
	assert_string_equal(seen.decided_by, dar.id);
	assert_null(seen.pending_key);
	assert_int_equal(case_get(&f->c, k.id, &got), DOM_OK);
	assert_string_equal(got.office, "dar");
	assert_string_equal(got.assigned_to, dar.id);
	assert_int_equal(case_transfer_decide(&f->c, t.id, 0, "tarde", &errs, &seen), DOM_CONFLICT);
	errs.n = 0;
	/* The sender no longer sees the case, but keeps what it sent. */
	f->c.user = &pty;
	assert_int_equal(case_get(&f->c, k.id, &got), DOM_NOTFOUND);
	assert_int_equal(case_transfer_get(&f->c, t.id, &seen), DOM_OK);
	assert_string_equal(seen.snapshot, t.snapshot);
	assert_int_equal(case_transfer_list(&f->c, "outgoing", NULL, NULL, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	/* Users of a third office see nothing of it. */
	struct errors e2 = { .n = 0 };
	f->c.user = &f->admin;
	assert_int_equal(office_create(&f->c, "chq", "Chiriquí", &e2, NULL), DOM_OK);
	struct user chq = worker_at(f, "chus", "caseworker", "livelihoods", "chq");
	f->c.user = &chq;
	assert_int_equal(case_transfer_get(&f->c, t.id, &seen), DOM_NOTFOUND);
	/* Accepted by someone outside the area: the case waits unassigned. */
	f->c.user = &dar;
	assert_int_equal(case_transfer_send(&f->c, k.id, "chq", "Otra mudanza", 1, NULL, &errs, &t),
			 DOM_OK);
	f->c.user = &chq;
	assert_int_equal(case_transfer_decide(&f->c, t.id, 1, "", &errs, &seen), DOM_OK);
	assert_int_equal(case_load(&f->c, k.id, &got), DOM_OK);
	assert_string_equal(got.office, "chq");
	assert_null(got.assigned_to);
	struct store_list h;
	assert_int_equal(case_history(&f->c, &got, &h), DOM_OK);
	assert_int_equal(h.n, 2); /* the caseworker changed twice */
	/* Audited on the case, by field names: never the reason's words. */
	struct store_list ev;
	int sent = 0, accepted = 0;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", k.id, "seq", 0, 100, 0, &ev),
			 STORE_OK);
	for (size_t i = 0; i < ev.n; i++) {
		const struct audit_event *e = ev.items[i];
		sent += strcmp(e->action, "transfer") == 0;
		accepted += strcmp(e->action, "transfer_accept") == 0;
		assert_null(strstr(e->fields ? e->fields : "", "Metet"));
	}
	assert_int_equal(sent, 2);
	assert_int_equal(accepted, 2);
	f->c.user = &f->admin;
}

static void test_transfer_rejected(void **state)
{
	struct fixture *f = *state;
	struct user pty, dar;
	two_offices(f, &pty, &dar);
	struct user reader = worker_at(f, "rita", "readonly", NULL, "dar");
	struct case_rec k = open_case(f, &pty, "psychosocial"), got;
	struct errors errs = { .n = 0 };
	struct case_transfer t, seen;
	struct service in = { .type = "emotional_support", .date = "2026-03-01",
			      .notes = "Nota sensible" },
		       s;

	f->c.user = &pty;
	assert_int_equal(service_record(&f->c, k.id, &in, &errs, &s), DOM_OK);
	assert_int_equal(case_transfer_send(&f->c, k.ref, "dar", "Cerca de su familia", 1, "all",
					    &errs, &t),
			 DOM_OK);
	assert_non_null(strstr(t.snapshot, "Nota sensible")); /* "all" shares notes */
	/* A reader of Darién sees the transfer, not the psychosocial notes,
	 * and may not decide. */
	f->c.user = &reader;
	assert_int_equal(case_transfer_get(&f->c, t.id, &seen), DOM_OK);
	json_t *snap = case_transfer_snapshot(&f->c, &seen);
	json_t *first = json_array_get(json_object_get(snap, "services"), 0);
	assert_non_null(first);
	assert_null(json_object_get(first, "notes"));
	json_decref(snap);
	assert_int_equal(case_transfer_decide(&f->c, t.id, 0, "no", &errs, &seen), DOM_FORBIDDEN);
	f->c.user = &dar;
	snap = case_transfer_snapshot(&f->c, &seen);
	first = json_array_get(json_object_get(snap, "services"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "notes")), "Nota sensible");
	json_decref(snap);
	/* Rejecting needs a comment, and changes nothing on the case. */
	assert_int_equal(case_transfer_decide(&f->c, t.id, 0, NULL, &errs, &seen), DOM_INVALID);
	assert_non_null(errors_for(&errs, "comment"));
	errs.n = 0;
	assert_int_equal(case_transfer_decide(&f->c, t.id, 0, "No tenemos psicóloga este mes", &errs,
					      &seen),
			 DOM_OK);
	assert_string_equal(seen.status, "rejected");
	assert_string_equal(seen.comment, "No tenemos psicóloga este mes");
	f->c.user = &pty;
	assert_int_equal(case_get(&f->c, k.id, &got), DOM_OK);
	assert_string_equal(got.office, "pty");
	assert_string_equal(got.assigned_to, pty.id);
	/* The sender withdraws a transfer; the receiver may not. */
	struct case_transfer again;
	assert_int_equal(case_transfer_send(&f->c, k.id, "dar", "Otra vez", 1, NULL, &errs, &again),
			 DOM_OK);
	f->c.user = &dar;
	assert_int_equal(case_transfer_cancel(&f->c, again.id, NULL, &errs, &seen), DOM_FORBIDDEN);
	f->c.user = &pty;
	assert_int_equal(case_transfer_cancel(&f->c, again.id, "Ya no quiere mudarse", &errs, &seen),
			 DOM_OK);
	assert_string_equal(seen.status, "cancelled");
	assert_null(seen.pending_key);
	assert_int_equal(case_transfer_cancel(&f->c, again.id, NULL, &errs, &seen), DOM_CONFLICT);
	errs.n = 0;
	f->c.user = &dar;
	assert_int_equal(case_transfer_decide(&f->c, again.id, 1, NULL, &errs, &seen), DOM_CONFLICT);
	errs.n = 0;
	f->c.user = &pty;
	assert_int_equal(case_get(&f->c, k.id, &got), DOM_OK);
	assert_string_equal(got.office, "pty");
	/* Decided: the case may be sent again. A closed case may not. */
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "goals_met", &errs, &got), DOM_OK);
	assert_int_equal(case_transfer_send(&f->c, k.id, "dar", "otra vez", 1, NULL, &errs, &t),
			 DOM_CONFLICT);
	f->c.user = &f->admin;
}

/* The supervisor's caseloads count only their offices' cases and people. */
static void test_caseloads_scoped(void **state)
{
	struct fixture *f = *state;
	struct user pty, dar;
	two_offices(f, &pty, &dar);
	struct user dsup = worker_at(f, "dani", "supervisor", NULL, "dar");
	struct errors errs = { .n = 0 };
	struct caseloads s;
	open_case(f, &pty, "psychosocial");
	open_case(f, &pty, "psychosocial");
	open_case(f, &dar, "psychosocial");

	f->c.user = &dsup;
	assert_int_equal(caseload_summary(&f->c, NULL, &errs, &s), DOM_OK);
	assert_int_equal(s.total.current, 1);
	for (size_t i = 0; i < s.n; i++)
		assert_true(!s.rows[i].user || strcmp(s.rows[i].user->name, "ana") != 0);
	f->c.user = &f->admin;
	assert_int_equal(caseload_summary(&f->c, NULL, &errs, &s), DOM_OK);
	assert_int_equal(s.total.current, 3);
}

/* The approvals queue holds the requests on the supervisor's offices'
 * cases only; another office's request can be neither read nor decided. */
static void test_approvals_scoped(void **state)
{
	struct fixture *f = *state;
	struct user pty, dar;
	struct errors errs = { .n = 0 };
	struct case_rec out;
	struct approval a, got;
	struct store_list l;
	two_offices(f, &pty, &dar);
	struct user psup = worker_at(f, "psup", "supervisor", NULL, "pty");
	assert_int_equal(settings_set(&f->c, "closure_approval_areas", "psychosocial", &errs), DOM_OK);
	struct case_rec kd = open_case(f, &dar, "psychosocial");
	f->c.user = &dar;
	assert_int_equal(case_set_status(&f->c, kd.id, "closed", "goals_met", &errs, &out), DOM_OK);
	assert_int_equal(approval_pending_for(&f->c, &out, "closure", &a), DOM_OK);

	f->c.user = &f->admin; /* every office: the request is there */
	assert_int_equal(approval_list_pending(&f->c, 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(approval_pending_count(&f->c), 1);
	f->c.user = &psup;
	assert_int_equal(approval_list_pending(&f->c, 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 0);
	assert_int_equal(approval_pending_count(&f->c), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(approval_get(&f->c, a.id, &got), DOM_NOTFOUND);
	assert_int_equal(approval_decide(&f->c, a.id, 1, NULL, &errs, &got), DOM_NOTFOUND);
	f->c.user = &dar;
	assert_int_equal(case_get(&f->c, kd.id, &out), DOM_OK);
	assert_string_equal(out.status, "open"); /* still waiting */
	/* A request of their own office is listed and paged. */
	struct case_rec kp = open_case(f, &pty, "psychosocial");
	f->c.user = &pty;
	assert_int_equal(case_set_status(&f->c, kp.id, "closed", "goals_met", &errs, &out), DOM_OK);
	f->c.user = &psup;
	assert_int_equal(approval_list_pending(&f->c, 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(approval_pending_count(&f->c), 1);
	assert_string_equal(((struct approval *)l.items[0])->case_id, kp.id);
	assert_int_equal(approval_list_pending(&f->c, 10, 1, &l), DOM_OK);
	assert_int_equal(l.n, 0);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_offices_managed_by_admins),
		T(test_cases_scoped_to_offices),
		T(test_transfer_accepted),
		T(test_transfer_rejected),
		T(test_caseloads_scoped),
		T(test_approvals_scoped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

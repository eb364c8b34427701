/* test_plan.c: case plans (goal.c), progress notes (note.c) and
 * supervisors' approvals (approval.c): validation, statuses and overdue
 * goals, who reads notes, the plan and closure approval flows, one
 * pending request per kind, and the audit events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/approval.h"
#include "domain/audit.h"
#include "domain/case.h"
#include "domain/goal.h"
#include "domain/merge.h"
#include "domain/note.h"
#include "domain/settings.h"
#include "support.h"

static struct person someone(struct fixture *f)
{
	struct person p;
	fixture_register(f, fixture_named(f, "Yusleidy", "Manrique", NULL, "1990-07-12"), &p);
	return p;
}

/* The newest audit event of the record. */
static struct audit_event *last_event(struct fixture *f, const char *id)
{
	struct store_list l;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", id, "seq", 1, 1, 0, &l),
			 STORE_OK);
	assert_int_equal(l.n, 1);
	return l.items[0];
}

static void set_area(struct fixture *f, const char *key, const char *areas)
{
	struct errors errs = { .n = 0 };
	const struct user *saved = f->c.user;
	f->c.user = &f->admin;
	assert_int_equal(settings_set(&f->c, key, areas, &errs), DOM_OK);
	f->c.user = saved;
}

static struct case_goal goal(struct fixture *f, const char *title, const char *due,
			     const char *status)
{
	struct case_goal g = { .title = title ? arena_strdup(f->a, title) : NULL,
			       .due_on = due ? arena_strdup(f->a, due) : NULL,
			       .status = status ? arena_strdup(f->a, status) : NULL };
	return g;
}

static void test_goals_validated_and_audited(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user liv = fixture_worker(f, "liv", "caseworker", "livelihoods");
	struct person p = someone(f);
	struct case_rec k = fixture_case(f, &psy, p.id, "psychosocial");
	struct errors errs = { .n = 0 };
	struct case_goal in, g, got;
	struct store_list l;
	char long_title[GOAL_TITLE_MAX + 2];

	f->c.user = &psy;
	/* Title required and at most 200 characters (counted as characters:
	 * 200 "ñ" are 400 bytes and pass); a real date; a known status. */
	in = goal(f, NULL, "2026-02-30", "finished");
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &g), DOM_INVALID);
	assert_non_null(errors_for(&errs, "title"));
	assert_non_null(errors_for(&errs, "due_on"));
	assert_non_null(errors_for(&errs, "status"));
	errs.n = 0;
	memset(long_title, 'a', sizeof(long_title) - 1);
	long_title[sizeof(long_title) - 1] = 0;
	in = goal(f, long_title, NULL, NULL);
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &g), DOM_INVALID);
	assert_non_null(errors_for(&errs, "title"));
	errs.n = 0;
	char *enes = arena_alloc(f->a, GOAL_TITLE_MAX * 2 + 1);
	for (int i = 0; i < GOAL_TITLE_MAX; i++)
		memcpy(enes + 2 * i, "ñ", 2);
	enes[GOAL_TITLE_MAX * 2] = 0;
	in = goal(f, enes, NULL, NULL);
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &g), DOM_OK);

	in = goal(f, "  Reducir la ansiedad  ", "2026-03-01", NULL);
	in.details = arena_strdup(f->a, "Sesiones semanales");
	assert_int_equal(goal_add(&f->c, k.ref, &in, &errs, &g), DOM_OK);
	assert_string_equal(g.title, "Reducir la ansiedad");
	assert_string_equal(g.status, "pending");
	assert_string_equal(g.person_id, p.id);
	assert_string_equal(g.created_by, psy.id);
	struct audit_event *e = last_event(f, k.id);
	assert_string_equal(e->action, "add_goal");
	assert_string_equal(e->fields, "title,details,due_on,status");

	/* A change names the fields that changed; "" clears the due date. */
	struct case_goal ch = { .status = arena_strdup(f->a, "in_progress"),
				.due_on = arena_strdup(f->a, "") };
	assert_int_equal(goal_update(&f->c, k.id, g.id, &ch, &errs, &got), DOM_OK);
	assert_string_equal(got.status, "in_progress");
	assert_null(got.due_on);
	assert_string_equal(got.details, "Sesiones semanales");
	e = last_event(f, k.id);
	assert_string_equal(e->action, "update_goal");
	assert_string_equal(e->fields, "due_on,status");
	long long before = fixture_audit_count(f, k.id);
	assert_int_equal(goal_update(&f->c, k.id, g.id, &ch, &errs, &got), DOM_OK);
	assert_int_equal(fixture_audit_count(f, k.id), before); /* nothing changed */
	struct case_goal bad = { .status = arena_strdup(f->a, "done"), .title = arena_strdup(f->a, "") };
	assert_int_equal(goal_update(&f->c, k.id, g.id, &bad, &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "status"));
	assert_non_null(errors_for(&errs, "title"));
	errs.n = 0;

	/* Another area's caseworker reads the plan but does not change it. */
	f->c.user = &liv;
	assert_int_equal(goal_list(&f->c, &k, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct case_goal *)l.items[1])->id, g.id); /* oldest first */
	assert_int_equal(goal_update(&f->c, k.id, g.id, &ch, &errs, &got), DOM_FORBIDDEN);
	in = goal(f, "Otra", NULL, NULL);
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &got), DOM_FORBIDDEN);
	/* A goal is changed only through its own case. */
	struct case_rec lk = fixture_case(f, &liv, p.id, "livelihoods");
	assert_int_equal(goal_update(&f->c, lk.id, g.id, &ch, &errs, &got), DOM_NOTFOUND);

	/* A closed case's plan is frozen. */
	f->c.user = &psy;
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "goals_met", &errs, NULL), DOM_OK);
	assert_int_equal(goal_update(&f->c, k.id, g.id, &ch, &errs, &got), DOM_CONFLICT);
	in = goal(f, "Después", NULL, NULL);
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &got), DOM_CONFLICT);
	f->c.user = &f->admin;
}

static void test_overdue_goals(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial,legal");
	struct user other = fixture_worker(f, "psy2", "caseworker", "psychosocial");
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	struct person p = someone(f);
	struct case_rec k = fixture_case(f, &psy, p.id, "psychosocial");
	struct case_rec k2 = fixture_case(f, &psy, p.id, "legal");
	struct errors errs = { .n = 0 };
	struct case_goal in, g;
	long long n;

	struct case_goal a = { .due_on = "2020-01-01", .status = "pending" };
	assert_true(goal_is_overdue(&a, "2020-01-02"));
	assert_false(goal_is_overdue(&a, "2020-01-01")); /* due today is not late */
	a.status = "achieved";
	assert_false(goal_is_overdue(&a, "2030-01-01"));
	a.status = "in_progress";
	assert_true(goal_is_overdue(&a, "2030-01-01"));
	a.due_on = NULL;
	assert_false(goal_is_overdue(&a, "2030-01-01"));

	f->c.user = &psy;
	in = goal(f, "Vencida", "2020-05-01", NULL);
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &g), DOM_OK);
	in = goal(f, "Vencida en curso", "2020-05-02", "in_progress");
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &g), DOM_OK);
	in = goal(f, "Lograda", "2020-05-01", "achieved");
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &g), DOM_OK);
	in = goal(f, "Futura", "2199-01-01", NULL);
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &g), DOM_OK);
	in = goal(f, "Vencida, caso cerrado", "2020-05-01", NULL);
	assert_int_equal(goal_add(&f->c, k2.id, &in, &errs, &g), DOM_OK);
	assert_int_equal(case_set_status(&f->c, k2.id, "closed", "referred", &errs, NULL), DOM_OK);

	assert_int_equal(goal_overdue_count(&f->c, psy.id, &n), DOM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(goal_overdue_count(&f->c, other.id, &n), DOM_FORBIDDEN);
	f->c.user = &sup;
	assert_int_equal(goal_overdue_count(&f->c, psy.id, &n), DOM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(goal_overdue_count(&f->c, other.id, &n), DOM_OK);
	assert_int_equal(n, 0);
	f->c.user = &f->admin;
}

static void test_notes_append_only_and_restricted(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user liv = fixture_worker(f, "liv", "caseworker", "livelihoods");
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	struct user ethics = fixture_worker(f, "eth", "ethics", NULL);
	struct person p = someone(f);
	struct case_rec k = fixture_case(f, &psy, p.id, "psychosocial");
	struct case_rec lk = fixture_case(f, &liv, p.id, "livelihoods");
	struct errors errs = { .n = 0 };
	struct case_note n, n2, got;
	struct store_list l;
	const char *secret = "Refiere violencia en el albergue";

	f->c.user = &psy;
	assert_int_equal(note_add(&f->c, k.id, "   ", &errs, &n), DOM_INVALID);
	assert_non_null(errors_for(&errs, "body"));
	errs.n = 0;
	char *big = arena_alloc(f->a, NOTE_BODY_MAX + 2);
	memset(big, 'x', NOTE_BODY_MAX + 1);
	big[NOTE_BODY_MAX + 1] = 0;
	assert_int_equal(note_add(&f->c, k.id, big, &errs, &n), DOM_INVALID);
	assert_non_null(errors_for(&errs, "body"));
	errs.n = 0;
	assert_int_equal(note_add(&f->c, k.id, secret, &errs, &n), DOM_OK);
	assert_string_equal(n.written_by, psy.id);
	assert_string_equal(n.person_id, p.id);
	struct audit_event *e = last_event(f, k.id);
	assert_string_equal(e->action, "add_note");
	assert_string_equal(e->fields, "body");
	assert_null(strstr(e->fields, "violencia"));
	assert_int_equal(note_add(&f->c, k.ref, "Corrección: era en la calle", &errs, &n2), DOM_OK);
	assert_int_equal(note_list(&f->c, &k, 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	assert_string_equal(((struct case_note *)l.items[0])->id, n2.id); /* newest first */
	assert_string_equal(((struct case_note *)l.items[1])->body, secret);

	/* Outside the area: author and date, not the words. */
	f->c.user = &liv;
	assert_int_equal(note_add(&f->c, k.id, "x", &errs, &got), DOM_FORBIDDEN);
	assert_int_equal(note_list(&f->c, &k, 10, 0, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	struct case_note *hidden = l.items[1];
	assert_null(hidden->body);
	assert_int_equal(hidden->restricted, 1);
	assert_string_equal(hidden->written_by, psy.id);
	assert_non_null(hidden->written_at);
	assert_int_equal(note_get(&f->c, &k, n.id, &got), DOM_FORBIDDEN);
	/* Livelihoods notes are read by every case reader. */
	assert_int_equal(note_add(&f->c, lk.id, "Entregó su CV", &errs, &got), DOM_OK);
	f->c.user = &psy;
	assert_int_equal(note_get(&f->c, &lk, got.id, &got), DOM_OK);
	assert_string_equal(got.body, "Entregó su CV");
	assert_int_equal(note_get(&f->c, &lk, n.id, &got), DOM_NOTFOUND);
	f->c.user = &sup;
	assert_int_equal(note_get(&f->c, &k, n.id, &got), DOM_OK);
	assert_string_equal(got.body, secret);
	f->c.user = &ethics;
	assert_int_equal(note_list(&f->c, &k, 10, 0, &l), DOM_FORBIDDEN);
	f->c.user = &f->admin;
}

static void test_plan_approval(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	struct person p = someone(f);
	struct case_rec k = fixture_case(f, &psy, p.id, "psychosocial");
	struct errors errs = { .n = 0 };
	struct approval a, got;
	struct case_goal in, g;
	enum plan_state st;

	f->c.user = &psy;
	/* No approval configured: nothing to ask. */
	assert_int_equal(approval_plan_state(&f->c, &k, &st, NULL), DOM_OK);
	assert_int_equal(st, PLAN_FREE);
	assert_int_equal(approval_request(&f->c, k.id, "plan", NULL, &errs, &a), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "kind"));
	errs.n = 0;

	set_area(f, "plan_approval_areas", "psychosocial");
	assert_int_equal(approval_plan_state(&f->c, &k, &st, NULL), DOM_OK);
	assert_int_equal(st, PLAN_DRAFT);
	/* An empty plan is not sent; nor is a closure asked for this way. */
	assert_int_equal(approval_request(&f->c, k.id, "plan", NULL, &errs, &a), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "kind"));
	errs.n = 0;
	assert_int_equal(approval_request(&f->c, k.id, "closure", NULL, &errs, &a), DOM_INVALID);
	errs.n = 0;
	in = goal(f, "Conseguir cita en ONPAR", "2026-04-01", NULL);
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &g), DOM_OK);
	assert_int_equal(approval_request(&f->c, k.id, "plan", "Listo para revisar", &errs, &a), DOM_OK);
	assert_string_equal(a.status, "pending");
	assert_string_equal(a.requested_by, psy.id);
	assert_string_equal(a.request_note, "Listo para revisar");
	assert_string_equal(last_event(f, k.id)->action, "request_approval");
	assert_string_equal(last_event(f, k.id)->fields, "kind,request_note");
	/* One pending request per kind. */
	assert_int_equal(approval_request(&f->c, k.id, "plan", NULL, &errs, &got), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "kind"));
	errs.n = 0;
	assert_int_equal(approval_plan_state(&f->c, &k, &st, NULL), DOM_OK);
	assert_int_equal(st, PLAN_PENDING);
	/* Caseworkers do not decide, nor read the queue. */
	assert_int_equal(approval_decide(&f->c, a.id, 1, NULL, &errs, &got), DOM_FORBIDDEN);
	struct store_list queue;
	assert_int_equal(approval_list_pending(&f->c, 10, 0, &queue), DOM_FORBIDDEN);

	/* A rejection needs a comment, and keeps it. */
	f->c.user = &sup;
	assert_int_equal(approval_decide(&f->c, a.id, 0, "  ", &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "note"));
	errs.n = 0;
	assert_int_equal(approval_decide(&f->c, a.id, 0, "Falta una meta de empleo", &errs, &got), DOM_OK);
	assert_string_equal(got.status, "rejected");
	assert_string_equal(got.decision_note, "Falta una meta de empleo");
	assert_string_equal(got.decided_by, sup.id);
	assert_null(got.pending_key);
	assert_string_equal(last_event(f, k.id)->action, "reject");
	assert_int_equal(approval_decide(&f->c, a.id, 1, NULL, &errs, &got), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(approval_plan_state(&f->c, &k, &st, NULL), DOM_OK);
	assert_int_equal(st, PLAN_RETURNED);

	/* Sent again and approved. */
	f->c.user = &psy;
	assert_int_equal(approval_request(&f->c, k.id, "plan", NULL, &errs, &a), DOM_OK);
	f->c.user = &sup;
	assert_int_equal(approval_decide(&f->c, a.id, 1, NULL, &errs, &got), DOM_OK);
	assert_string_equal(got.status, "approved");
	assert_string_equal(last_event(f, k.id)->action, "approve");
	assert_int_equal(approval_plan_state(&f->c, &k, &st, NULL), DOM_OK);
	assert_int_equal(st, PLAN_APPROVED);
	f->c.user = &psy;
	assert_int_equal(approval_request(&f->c, k.id, "plan", NULL, &errs, &got), DOM_CONFLICT);
	errs.n = 0;

	/* A changed goal puts the approved plan back to needing approval. */
	struct case_goal ch = { .status = arena_strdup(f->a, "achieved") };
	assert_int_equal(goal_update(&f->c, k.id, g.id, &ch, &errs, &g), DOM_OK);
	assert_int_equal(approval_plan_state(&f->c, &k, &st, &got), DOM_OK);
	assert_int_equal(st, PLAN_CHANGED);
	assert_non_null(got.superseded_at);
	assert_int_equal(approval_request(&f->c, k.id, "plan", NULL, &errs, &a), DOM_OK);

	/* Nobody approves their own request. */
	f->c.user = &sup;
	struct case_rec sk = fixture_case(f, &sup, p.id, "legal");
	set_area(f, "plan_approval_areas", "psychosocial,legal");
	in = goal(f, "Meta", NULL, NULL);
	assert_int_equal(goal_add(&f->c, sk.id, &in, &errs, &g), DOM_OK);
	assert_int_equal(approval_request(&f->c, sk.id, "plan", NULL, &errs, &a), DOM_OK);
	assert_int_equal(approval_decide(&f->c, a.id, 1, NULL, &errs, &got), DOM_FORBIDDEN);
	f->c.user = &f->admin;
	assert_int_equal(approval_decide(&f->c, a.id, 1, NULL, &errs, &got), DOM_OK);
	struct store_list l;
	assert_int_equal(approval_list_case(&f->c, &k, &l), DOM_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(approval_list_pending(&f->c, 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 1); /* k's third request */
}

static void test_closure_approval(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	struct person p = someone(f);
	struct case_rec k = fixture_case(f, &psy, p.id, "psychosocial"), out;
	struct case_rec lk = fixture_case(f, &f->admin, p.id, "legal");
	struct errors errs = { .n = 0 };
	struct approval a, got;
	struct store_list h;

	set_area(f, "closure_approval_areas", "psychosocial");
	f->c.user = &psy;
	/* Still validated first. */
	assert_int_equal(case_set_status(&f->c, k.id, "closed", NULL, &errs, &out), DOM_INVALID);
	errs.n = 0;
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "goals_met", &errs, &out), DOM_OK);
	assert_string_equal(out.status, "open"); /* unchanged: it waits */
	assert_int_equal(approval_pending_for(&f->c, &out, "closure", &a), DOM_OK);
	assert_string_equal(a.closure_reason, "goals_met");
	assert_string_equal(a.requested_by, psy.id);
	assert_int_equal(case_history(&f->c, &out, &h), DOM_OK);
	assert_int_equal(h.n, 0);
	assert_string_equal(last_event(f, k.id)->fields, "kind,closure_reason");
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "referred", &errs, &out), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "status"));
	errs.n = 0;
	/* Other moves go on as before; other areas close at once. */
	assert_int_equal(case_set_status(&f->c, k.id, "active", NULL, &errs, &out), DOM_OK);
	assert_string_equal(out.status, "active");

	/* Rejected: nothing changes. */
	f->c.user = &sup;
	assert_int_equal(approval_decide(&f->c, a.id, 0, "Aún tiene citas pendientes", &errs, &got), DOM_OK);
	assert_int_equal(case_load(&f->c, k.id, &out), DOM_OK);
	assert_string_equal(out.status, "active");
	assert_int_equal(approval_pending_for(&f->c, &out, "closure", &got), DOM_NOTFOUND);

	/* Asked again and approved: closed with the requested reason, by the
	 * supervisor, through the case's history. */
	f->c.user = &psy;
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "lost_contact", &errs, &out), DOM_OK);
	assert_int_equal(approval_pending_for(&f->c, &out, "closure", &a), DOM_OK);
	f->c.user = &sup;
	assert_int_equal(approval_decide(&f->c, a.id, 1, "De acuerdo", &errs, &got), DOM_OK);
	assert_int_equal(case_load(&f->c, k.id, &out), DOM_OK);
	assert_string_equal(out.status, "closed");
	assert_string_equal(out.closure_reason, "lost_contact");
	assert_null(out.open_key);
	assert_int_equal(case_history(&f->c, &out, &h), DOM_OK);
	struct case_change *last = h.items[0];
	assert_string_equal(last->to_value, "closed");
	assert_string_equal(last->changed_by, sup.id);
	assert_string_equal(last_event(f, k.id)->action, "approve");

	/* Supervisors close at once; an approval of a case closed meanwhile is
	 * a conflict that changes nothing. */
	f->c.user = &psy;
	assert_int_equal(case_set_status(&f->c, k.id, "open", "volvió", &errs, &out), DOM_OK);
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "goals_met", &errs, &out), DOM_OK);
	assert_int_equal(approval_pending_for(&f->c, &out, "closure", &a), DOM_OK);
	f->c.user = &sup;
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "deceased", &errs, &out), DOM_OK);
	assert_string_equal(out.status, "closed");
	assert_int_equal(approval_decide(&f->c, a.id, 1, NULL, &errs, &got), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(approval_get(&f->c, a.id, &got), DOM_OK);
	assert_string_equal(got.status, "pending");
	assert_int_equal(case_load(&f->c, k.id, &out), DOM_OK);
	assert_string_equal(out.closure_reason, "deceased");
	assert_int_equal(approval_decide(&f->c, a.id, 0, "Ya cerrado", &errs, &got), DOM_OK);

	/* Areas not configured close as before. */
	f->c.user = &f->admin;
	assert_int_equal(case_set_status(&f->c, lk.id, "closed", "goals_met", &errs, &out), DOM_OK);
	assert_string_equal(out.status, "closed");
	long long checked, bad;
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);
}

/* A merge moves goals and notes to the survivor; the undo moves them back. */
static void test_merge_moves_goals_and_notes(void **state)
{
	struct fixture *f = *state;
	struct person a = someone(f), b = someone(f);
	struct errors errs = { .n = 0 };
	struct case_rec k = fixture_case(f, &f->admin, b.id, "legal");
	struct case_goal in = goal(f, "Regularizar", NULL, NULL), g;
	struct case_note n;
	struct merge m;
	assert_int_equal(goal_add(&f->c, k.id, &in, &errs, &g), DOM_OK);
	assert_int_equal(note_add(&f->c, k.id, "Primera entrevista", &errs, &n), DOM_OK);
	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, &m), DOM_OK);
	assert_int_equal(store_get(f->db.st, &ENT_CASE_GOAL, f->a, "id", g.id, &g), STORE_OK);
	assert_string_equal(g.person_id, a.id);
	assert_int_equal(store_get(f->db.st, &ENT_CASE_NOTE, f->a, "id", n.id, &n), STORE_OK);
	assert_string_equal(n.person_id, a.id);
	assert_int_equal(merge_undo(&f->c, m.id, &errs), DOM_OK);
	assert_int_equal(store_get(f->db.st, &ENT_CASE_GOAL, f->a, "id", g.id, &g), STORE_OK);
	assert_string_equal(g.person_id, b.id);
	assert_int_equal(store_get(f->db.st, &ENT_CASE_NOTE, f->a, "id", n.id, &n), STORE_OK);
	assert_string_equal(n.person_id, b.id);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_goals_validated_and_audited),
		T(test_overdue_goals),
		T(test_notes_append_only_and_restricted),
		T(test_plan_approval),
		T(test_closure_approval),
		T(test_merge_moves_goals_and_notes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* api_plans.c: a case's plan (goals), progress notes and approvals under
 * /api/v1/cases/{id}, and the supervisors' queue /api/v1/approvals. */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/approval.h"
#include "domain/case.h"
#include "domain/goal.h"
#include "domain/note.h"

/* Today, for the goals' "overdue": set once per request. */
static _Thread_local char today[16];

/* A goal, with "overdue" computed for today; withheld details are null
 * with "details_restricted": true. */
static json_t *goal_json(const void *rec)
{
	const struct case_goal *g = rec;
	json_t *o = api_record(&ENT_CASE_GOAL, rec);
	json_object_del(o, "seq");
	json_object_set_new(o, "overdue", json_boolean(goal_is_overdue(rec, today)));
	json_object_set_new(o, "details_restricted", json_boolean(g->restricted));
	return o;
}

/* A note; a withheld body is null with "notes_restricted": true. */
static json_t *note_json(const void *rec)
{
	const struct case_note *n = rec;
	json_t *o = api_record(&ENT_CASE_NOTE, n);
	json_object_del(o, "seq");
	json_object_set_new(o, "notes_restricted", json_boolean(n->restricted));
	return o;
}

/* A request without its bookkeeping (pending_key, seq). */
static json_t *approval_json(const void *rec)
{
	json_t *o = api_record(&ENT_APPROVAL, rec);
	json_object_del(o, "pending_key");
	json_object_del(o, "seq");
	return o;
}

/* GET /api/v1/cases/{id}/goals: the plan, oldest goal first, with the
 * state of its approval ("plan_state"). */
void api_cases_goals(struct request *r)
{
	struct case_rec k;
	struct store_list l;
	enum plan_state state;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = goal_list(&r->ctx, &k, &l);
	if (!rc)
		rc = approval_plan_state(&r->ctx, &k, &state, NULL);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	time_today(today);
	json_t *o = api_page(&l, goal_json, (long)l.n, 0);
	json_object_set_new(o, "plan_state", json_string(approval_plan_state_code(state)));
	resp_json(r, 200, o);
}

/* POST /api/v1/cases/{id}/goals {"title", "details"?, "due_on"?, "status"?} */
void api_cases_add_goal(struct request *r)
{
	struct case_goal in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	int rc = api_read(r, &ENT_CASE_GOAL, body, &in, &errs) ? DOM_INVALID
			 : goal_add(&r->ctx, r->params[0], &in, &errs, &out);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/cases/%s/goals/%s", out.case_id, out.id));
	time_today(today);
	api_answer(r, rc, 201, goal_json, &out, &errs);
}

/* PATCH /api/v1/cases/{id}/goals/{gid}: the fields given change; null
 * clears details and due_on. */
void api_cases_update_goal(struct request *r)
{
	struct case_goal in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	int rc = api_read(r, &ENT_CASE_GOAL, body, &in, &errs)
			 ? DOM_INVALID
			 : goal_update(&r->ctx, r->params[0], r->params[1], &in, &errs, &out);
	time_today(today);
	api_answer(r, rc, 200, goal_json, &out, &errs);
}

void api_case_page(struct request *r,
		   int (*list)(struct ctx *, const struct case_rec *, long, long, struct store_list *),
		   json_t *(*one)(const void *))
{
	struct case_rec k;
	struct store_list l;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = list(&r->ctx, &k, limit, offset, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, api_page(&l, one, limit, offset));
}

/* GET /api/v1/cases/{id}/notes: newest first, paged. */
void api_cases_notes(struct request *r)
{
	api_case_page(r, note_list, note_json);
}

/* POST /api/v1/cases/{id}/notes {"body"} */
void api_cases_add_note(struct request *r)
{
	struct case_note in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	int rc = api_read(r, &ENT_CASE_NOTE, body, &in, &errs)
			 ? DOM_INVALID
			 : note_add(&r->ctx, r->params[0], in.body, &errs, &out);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/cases/%s/notes/%s", out.case_id, out.id));
	api_answer(r, rc, 201, note_json, &out, &errs);
}

/* GET /api/v1/cases/{id}/notes/{nid}: 403 for a note the user may not read. */
void api_cases_note(struct request *r)
{
	struct case_rec k;
	struct case_note n;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = note_get(&r->ctx, &k, r->params[1], &n);
	api_answer(r, rc, 200, note_json, &n, NULL);
}

/* GET /api/v1/cases/{id}/approvals: the case's requests, newest first. */
void api_cases_approvals(struct request *r)
{
	struct case_rec k;
	struct store_list l;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = approval_list_case(&r->ctx, &k, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, api_page(&l, approval_json, (long)l.n, 0));
}

/* POST /api/v1/cases/{id}/approvals {"kind": "plan", "note"?} */
void api_cases_request_approval(struct request *r)
{
	struct approval a;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	int rc = approval_request(&r->ctx, r->params[0], api_str(r, body, "kind"),
				  api_str(r, body, "note"), &errs, &a);
	api_answer(r, rc, 201, approval_json, &a, &errs);
}

int api_closure_requested(struct request *r, const char *status, const struct case_rec *k)
{
	struct approval a;
	if (!status || strcmp(status, "closed") != 0 || strcmp(k->status, "closed") == 0 ||
	    approval_pending_for(&r->ctx, k, "closure", &a) != DOM_OK)
		return 0;
	resp_header(r, "Location", arena_printf(r->a, "/api/v1/cases/%s/approvals", k->id));
	resp_json(r, 202, approval_json(&a));
	return 1;
}

/* GET /api/v1/approvals: the requests waiting for a decision, oldest
 * first: supervisors and administrators. */
void api_approvals_list(struct request *r)
{
	struct store_list l;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = approval_list_pending(&r->ctx, limit, offset, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, api_page(&l, approval_json, limit, offset));
}

/* POST /api/v1/approvals/{id}/approve|reject {"note"} */
static void decide(struct request *r, int approve)
{
	struct approval a;
	struct errors errs = { 0 };
	/* Approving needs nothing more: the body may be left out. */
	json_t *body = approve && !r->json ? NULL : api_body(r);
	if (!body && !(approve && !r->json))
		return;
	json_t *note = json_object_get(body, "note");
	if (note && !json_is_string(note) && !json_is_null(note)) {
		errors_add(&errs, "note", _("Give a text value."));
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = approval_decide(&r->ctx, r->params[0], approve, api_str(r, body, "note"), &errs, &a);
	api_answer(r, rc, 200, approval_json, &a, &errs);
}

void api_approvals_approve(struct request *r)
{
	decide(r, 1);
}

void api_approvals_reject(struct request *r)
{
	decide(r, 0);
}

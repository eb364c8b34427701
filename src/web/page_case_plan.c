/* page_case_plan.c: the case page's plan (goals, their status and due
 * dates, the plan's approval), its progress notes, the banner of a
 * closure waiting for approval, and the forms that change them. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/approval.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/goal.h"
#include "domain/note.h"
#include "web/web.h"

/* Notes shown on the case page, newest first. */
#define NOTES_SHOWN 100

static const struct errors *errs_for(const char *form, const struct errors *errs,
				     const char *which)
{
	return form && strcmp(form, which) == 0 ? errs : NULL;
}

static int open_case(const struct case_rec *k)
{
	return strcmp(k->status, "closed") != 0;
}

void web_case_closure_banner(struct request *r, const struct case_rec *k, const char *form,
			     const struct errors *errs)
{
	struct approval a;
	if (approval_pending_for(&r->ctx, k, "closure", &a) != DOM_OK)
		return;
	html_printf(&r->out, "<div class=\"notice closure-pending\" role=\"status\"><strong>%s</strong> %s: %s.",
		    _("Closure sent for approval."), _("Closure reason"),
		    catalog_label(&CAT_CLOSURE_REASON, a.closure_reason));
	web_approval_summary(r, &a);
	web_approval_form(r, &a, arena_printf(r->a, "/cases/%s#overview", k->id),
			  web_approval_errors(r, &a, form, errs));
	html_printf(&r->out, "</div>");
}

/* What the plan's state says, with the last decision's comment; the form
 * that sends a plan of goals (ngoals) to approval. */
static void plan_state(struct request *r, const struct case_rec *k, enum plan_state st,
		       const struct approval *last, size_t ngoals, const char *form,
		       const struct errors *errs)
{
	struct buf *o = &r->out;
	static const char *const words[] = {
		[PLAN_DRAFT] = N_("Draft: not yet sent for approval."),
		[PLAN_PENDING] = N_("Sent for approval: waiting for a supervisor."),
		[PLAN_RETURNED] = N_("Returned by the supervisor: change it and send it again."),
		[PLAN_APPROVED] = N_("Approved."),
		[PLAN_CHANGED] = N_("Changed since it was approved: send it for approval again."),
	};
	if (st == PLAN_FREE)
		return;
	html_printf(o, "<div class=\"plan-state plan-%s\" role=\"status\"><p><strong>%s</strong> %s",
		    approval_plan_state_code(st), _("Plan:"), _(words[st]));
	if (last->decided_at && st != PLAN_PENDING) {
		char when[32];
		time_display(last->decided_at, when);
		html_printf(o, " <small>(%s, %s)</small>", web_user_name(r, last->decided_by), when);
	}
	html_printf(o, "</p>");
	if (last->decision_note && st != PLAN_PENDING)
		html_printf(o, "<blockquote class=\"decision-note\">%s</blockquote>", last->decision_note);
	if (st == PLAN_PENDING) {
		web_approval_summary(r, last);
		web_approval_form(r, last, arena_printf(r->a, "/cases/%s#plan", k->id),
				  web_approval_errors(r, last, form, errs));
	} else if (st != PLAN_APPROVED && ngoals && case_may_work(&r->user, k) && open_case(k)) {
		const struct errors *e = errs_for(form, errs, "plan");
		html_printf(o, "<form method=\"post\" action=\"/cases/%u/plan\" class=\"submit-plan\">", k->id);
		form_csrf(r);
		form_text(r, "note", _("Comment for the supervisor"), e ? req_form(r, "note") : NULL, e,
			  "text", NULL, 0);
		if (e && errors_for(e, "kind")) /* the summary links here */
			html_printf(o, "<small id=\"f-kind\" class=\"field-error\">%s</small>",
				    errors_for(e, "kind"));
		html_printf(o, "<button type=\"submit\">%s</button></form>", _("Send for approval"));
	}
	html_printf(o, "</div>");
}

static void goal_item(struct request *r, const struct case_rec *k, const struct case_goal *g,
		      const char *today, const struct errors *errs)
{
	struct buf *o = &r->out;
	int late = goal_is_overdue(g, today);
	html_printf(o, "<li class=\"goal%R\" id=\"g-%s\"><strong class=\"goal-title\">%s</strong> · <span class=\"goal-status\">%s</span>",
		    late ? " overdue" : "", g->id, g->title, catalog_label(&CAT_GOAL_STATUS, g->status));
	if (g->due_on) {
		char d[16];
		date_display(g->due_on, d);
		html_printf(o, " · %s %s", _("due"), d);
	}
	if (late)
		html_printf(o, " <mark class=\"overdue\">%s</mark>", _("Past due"));
	if (g->details)
		html_printf(o, "<p class=\"goal-details\">%s</p>", g->details);
	else if (g->restricted)
		html_printf(o, "<p><em class=\"restricted\">%s</em></p>", _("Restricted details"));
	if (case_may_work(&r->user, k) && open_case(k))
		html_printf(o, " <a href=\"/cases/%u/goals/%u/edit\" class=\"small\" aria-label=\"%s\">%s</a>",
			    k->id, g->id, arena_printf(r->a, "%s: %s", _("Edit the goal"), g->title),
			    _("Edit"));
	if (case_may_work(&r->user, k) && open_case(k)) {
		const char *err = errs ? errors_for(errs, "goal_status") : NULL;
		html_printf(o, "<form method=\"post\" action=\"/cases/%u/goals/%u\" class=\"goal-status-form\">",
			    k->id, g->id);
		form_csrf(r);
		/* The goal that failed has the id the error summary links to. */
		const char *id = errs ? "f-goal_status" : arena_printf(r->a, "f-goal_status-%s", g->id);
		html_printf(o, "<label for=\"%s\" class=\"sr-only\">%s</label><div class=\"actions\"><select id=\"%s\" name=\"goal_status\"%R>",
			    id, arena_printf(r->a, "%s: %s", _("Status of the goal"), g->title), id,
			    err ? " aria-invalid=\"true\"" : "");
		for (size_t i = 0; i < CAT_GOAL_STATUS.n; i++)
			html_printf(o, "<option value=\"%s\"%R>%s</option>", CAT_GOAL_STATUS.items[i].code,
				    strcmp(g->status, CAT_GOAL_STATUS.items[i].code) == 0 ? " selected" : "",
				    _(CAT_GOAL_STATUS.items[i].label));
		html_printf(o, "</select><button type=\"submit\" class=\"secondary small\">%s</button></div>",
			    _("Change the status"));
		if (err)
			html_printf(o, "<small class=\"field-error\">%s</small>", err);
		html_printf(o, "</form>");
	}
	html_printf(o, "</li>");
}

static void goal_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct buf *o = &r->out;
	const char *details_err = errs ? errors_for(errs, "details") : NULL;
	html_printf(o, "<details%R><summary>%s</summary><form method=\"post\" action=\"/cases/%u/goals\" class=\"goal-form\">",
		    errs ? " open" : "", _("Add a goal"), k->id);
	form_csrf(r);
	form_text(r, "title", _("Goal"), errs ? req_form(r, "title") : NULL, errs, "text",
		  _("What the person wants to achieve, in a few words (200 characters at most)."), 1);
	form_text(r, "due_on", _("Due date"), errs ? req_form(r, "due_on") : NULL, errs, "date", NULL, 0);
	html_printf(o, "<label for=\"f-details\">%s</label><textarea id=\"f-details\" name=\"details\" rows=\"3\"%R>%s</textarea>",
		    _("Details"), details_err ? " aria-invalid=\"true\"" : "",
		    errs ? req_form(r, "details") : NULL);
	if (details_err)
		html_printf(o, "<small class=\"field-error\">%s</small>", details_err);
	html_printf(o, "<button type=\"submit\">%s</button></form></details>", _("Add the goal"));
}

/* The audit events of the plan, its notes and approvals on k, newest
 * first, folded: who did what, and which fields (never their values). */
static void plan_history(struct request *r, const struct case_rec *k)
{
	static const char *const actions[] = { "add_goal", "update_goal", "add_note", "request_approval",
					       "approve", "reject", "plan_changed", NULL };
	struct buf *o = &r->out;
	size_t mark = o->n;
	html_printf(o, "<details class=\"plan-history\"><summary>%s</summary>",
		    _("Changes to the plan, notes and approvals"));
	if (web_audit_table(r, k->id, 200, _("Changes to the plan, notes and approvals"), actions))
		html_printf(o, "</details>");
	else
		o->n = mark; /* nothing to show: no disclosure either */
}

/* Opens the notes' section and leaves it open. */
static void notes(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct buf *o = &r->out;
	struct store_list l;
	html_printf(o, "<section id=\"notes\"><h2>%s</h2>", _("Progress notes"));
	if (case_may_work(&r->user, k) && open_case(k)) {
		const char *err = errs ? errors_for(errs, "body") : NULL;
		html_printf(o, "<form method=\"post\" action=\"/cases/%u/notes\" class=\"note-form\">", k->id);
		form_csrf(r);
		html_printf(o, "<label for=\"f-body\">%s</label><textarea id=\"f-body\" name=\"body\" rows=\"4\" required%R>%s</textarea>",
			    _("New note"), err ? " aria-invalid=\"true\" aria-describedby=\"e-body\"" : "",
			    errs ? req_form(r, "body") : NULL);
		if (err)
			html_printf(o, "<small id=\"e-body\" class=\"field-error\">%s</small>", err);
		html_printf(o, "<small>%s</small><button type=\"submit\">%s</button></form>",
			    _("Notes cannot be changed later: to correct one, write a new note."),
			    _("Add the note"));
	}
	if (note_list(&r->ctx, k, NOTES_SHOWN, 0, &l) != DOM_OK || !l.n) {
		html_printf(o, "<p>%s</p>", _("No progress notes yet."));
		return;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct case_note *n = l.items[i];
		char when[32];
		time_display(n->written_at, when);
		html_printf(o, "<article class=\"note\"><header><small>%s · %s</small></header>",
			    web_user_name(r, n->written_by), when);
		if (n->restricted)
			html_printf(o, "<p><em class=\"restricted\">%s</em></p>", _("Restricted note"));
		else
			html_printf(o, "<p class=\"note-body\">%s</p>", n->body);
		html_printf(o, "</article>");
	}
	if (l.total > (long long)l.n)
		html_printf(o, "<p><small>%s</small></p>", _("Older notes: see the API."));
}

void web_case_plan(struct request *r, const struct case_rec *k, const char *form,
		   const struct errors *errs)
{
	struct buf *o = &r->out;
	struct store_list goals;
	struct approval last;
	enum plan_state st;
	char today[16];

	if (goal_list(&r->ctx, k, &goals) != DOM_OK ||
	    approval_plan_state(&r->ctx, k, &st, &last) != DOM_OK)
		return;
	time_today(today);
	html_printf(o, "</section><section id=\"plan\"><h2>%s</h2>", _("Case plan"));
	plan_state(r, k, st, &last, goals.n, form, errs);
	if (goals.n) {
		html_printf(o, "<ul class=\"goals\">");
		for (size_t i = 0; i < goals.n; i++) {
			const struct case_goal *g = goals.items[i];
			const char *failed = form && strcmp(form, "goal") == 0 ? r->params[1] : NULL;
			goal_item(r, k, g, today,
				  failed && strcmp(failed, g->id) == 0 ? errs_for(form, errs, "goal") : NULL);
		}
		html_printf(o, "</ul>");
	} else {
		html_printf(o, "<p>%s</p>", _("No goals yet."));
	}
	if (case_may_work(&r->user, k) && open_case(k))
		goal_form(r, k, errs_for(form, errs, "add_goal"));
	plan_history(r, k);
	html_printf(o, "</section>");
	notes(r, k, errs_for(form, errs, "note")); /* left open: the caller closes it */
}

void page_case_goal_add(struct request *r)
{
	struct case_goal in;
	struct errors errs = { 0 };
	form_read(r, &ENT_CASE_GOAL, &in, &errs);
	in.status = NULL; /* a new goal is pending */
	int rc = errs.n ? DOM_INVALID : goal_add(&r->ctx, r->params[0], &in, &errs, NULL);
	web_case_after(r, rc, "add_goal", &errs, "plan");
}

/* The page that edits goal g of case k (its own page: the case page
 * already has fields of these names); typed: the values sent, after a
 * failed save. */
static void edit_page(struct request *r, const struct case_rec *k, const struct case_goal *g,
		      const struct case_goal *typed, const struct errors *errs)
{
	struct buf *o = &r->out;
	const struct case_goal *v = typed ? typed : g;
	const char *details_err = errs ? errors_for(errs, "details") : NULL;
	web_begin(r, _("Edit the goal"), "cases");
	html_printf(o, "<hgroup><h1>%s</h1><p><a href=\"/cases/%u#plan\">%s · %s</a></p></hgroup>",
		    _("Edit the goal"), k->id, _("Case"), k->ref);
	form_error_summary(r, errs);
	html_printf(o, "<form method=\"post\" action=\"/cases/%u/goals/%u\" class=\"goal-edit\">", k->id, g->id);
	form_csrf(r);
	form_text(r, "title", _("Goal"), v->title, errs, "text", NULL, 1);
	form_text(r, "due_on", _("Due date"), v->due_on, errs, "date", _("Empty: no due date."), 0);
	form_select(r, "status", web_label("status"), &CAT_GOAL_STATUS, v->status, errs, 1);
	if (g->restricted) /* not sent: the domain keeps them as they are */
		html_printf(o, "<p>%s: <em class=\"restricted\">%s</em></p>", _("Details"), _("Restricted details"));
	else
		html_printf(o, "<label for=\"f-details\">%s</label><textarea id=\"f-details\" name=\"details\" rows=\"4\"%R>%s</textarea>",
			    _("Details"), details_err ? " aria-invalid=\"true\"" : "", v->details);
	if (details_err)
		html_printf(o, "<small class=\"field-error\">%s</small>", details_err);
	html_printf(o, "<div class=\"actions\"><button type=\"submit\">%s</button><a href=\"/cases/%u#plan\">%s</a></div></form>",
		    _("Save"), k->id, _("Cancel"));
	web_end(r);
}

/* Loads case id and its goal gid for the edit page. */
static int load_goal(struct request *r, struct case_rec *k, struct case_goal *g)
{
	int rc = case_load(&r->ctx, r->params[0], k);
	if (!rc)
		rc = goal_get(&r->ctx, k, r->params[1], g);
	if (!rc && !case_may_work(&r->user, k))
		rc = DOM_FORBIDDEN;
	if (!rc && !open_case(k))
		rc = DOM_CONFLICT;
	return rc;
}

/* GET /cases/{id}/goals/{gid}/edit */
void page_case_goal_edit(struct request *r)
{
	struct case_rec k;
	struct case_goal g;
	int rc = load_goal(r, &k, &g);
	if (rc)
		web_error(r, rc);
	else
		edit_page(r, &k, &g, NULL, NULL);
}

/* POST /cases/{id}/goals/{gid} from the edit page (title, due_on, status,
 * details): back to the case, or the edit page again with the errors. */
static void goal_edit_post(struct request *r)
{
	struct case_rec k;
	struct case_goal in, typed, g;
	struct errors errs = { 0 };
	form_read(r, &ENT_CASE_GOAL, &in, &errs);
	int rc = errs.n ? DOM_INVALID
			: goal_update(&r->ctx, r->params[0], r->params[1], &in, &errs, NULL);
	if (rc == DOM_INVALID && load_goal(r, &k, &g) == DOM_OK) {
		form_read(r, &ENT_CASE_GOAL, &typed, NULL);
		r->status = 400;
		edit_page(r, &k, &g, &typed, &errs);
	} else {
		web_case_after(r, rc, "goal", &errs, "plan");
	}
}

/* POST /cases/{id}/goals/{gid}: from the edit page, or the case page's
 * goal_status (the name differs from the case's own status field on the
 * same page). */
void page_case_goal_update(struct request *r)
{
	struct errors errs = { 0 };
	if (req_form(r, "title")) {
		goal_edit_post(r);
		return;
	}
	struct case_goal ch = { .status = (char *)req_form(r, "goal_status") };
	if (!ch.status)
		ch.status = "";
	int rc = goal_update(&r->ctx, r->params[0], r->params[1], &ch, &errs, NULL);
	struct errors shown = { 0 }; /* under the page's name of the field */
	for (int i = 0; i < errs.n; i++)
		errors_add(&shown, strcmp(errs.e[i].field, "status") == 0 ? "goal_status" : errs.e[i].field,
			   errs.e[i].message);
	web_case_after(r, rc, "goal", &shown, "plan");
}

void page_case_note_add(struct request *r)
{
	struct errors errs = { 0 };
	int rc = note_add(&r->ctx, r->params[0], req_form(r, "body"), &errs, NULL);
	web_case_after(r, rc, "note", &errs, "notes");
}

void page_case_plan_submit(struct request *r)
{
	struct errors errs = { 0 };
	int rc = approval_request(&r->ctx, r->params[0], "plan", req_form(r, "note"), &errs, NULL);
	web_case_after(r, rc, "plan", &errs, "plan");
}

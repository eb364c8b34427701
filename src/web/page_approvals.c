/* page_approvals.c: "Aprobaciones", the supervisors' queue of requests
 * to approve case plans and closures, the form that decides one (also on
 * the case page), and the navigation's count. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/approval.h"
#include "domain/assistance.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/user.h"
#include "web/web.h"

/* What is asked, in words: "Case plan", or "Closure: <reason>". */
static const char *asked(struct request *r, const struct approval *a)
{
	if (strcmp(a->kind, "closure") == 0)
		return arena_printf(r->a, "%s: %s", _("Closure"),
				    catalog_label(&CAT_CLOSURE_REASON, a->closure_reason));
	return _("Case plan");
}

void web_approval_summary(struct request *r, const struct approval *a)
{
	char when[32];
	time_display(a->requested_at, when);
	html_printf(&r->out, "<p class=\"approval-asked\">%s %s, %s.",
		    _("Asked by"), web_user_name(r, a->requested_by), when);
	if (a->request_note)
		html_printf(&r->out, " <q>%s</q>", a->request_note);
	html_printf(&r->out, "</p>");
}

void web_approval_form(struct request *r, const struct approval *a, const char *next,
		       const struct errors *errs)
{
	struct buf *o = &r->out;
	const char *err = errs ? errors_for(errs, "note") : NULL;
	if (auth_check(&r->user, PERM_CASES_ASSIGN) != DOM_OK)
		return;
	if (a->requested_by && strcmp(a->requested_by, r->user.id) == 0) {
		html_printf(o, "<p><small>%s</small></p>", _("Another supervisor decides on your own requests."));
		return;
	}
	/* One comment, two buttons: each posts to its own address. */
	html_printf(o, "<form method=\"post\" action=\"/approvals/%u/approve\" class=\"decide\">", a->id);
	form_csrf(r);
	if (next)
		html_printf(o, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
	/* The request that failed has the id the error summary links to. */
	const char *id = errs ? "f-note" : arena_printf(r->a, "f-note-%s", a->id);
	html_printf(o, "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"note\" rows=\"2\" maxlength=\"2000\"%R>%s</textarea>",
		    id, _("Comment (required to return the request)"), id,
		    err ? " aria-invalid=\"true\" aria-describedby=\"e-note\"" : "",
		    errs ? req_form(r, "note") : NULL);
	if (err)
		html_printf(o, "<small id=\"e-note\" class=\"field-error\">%s</small>", err);
	html_printf(o, "<div class=\"actions\"><button type=\"submit\">%s</button><button type=\"submit\" class=\"secondary\" formaction=\"/approvals/%u/reject\">%s</button></div></form>",
		    _("Approve"), a->id, _("Return with a comment"));
}

const struct errors *web_approval_errors(struct request *r, const struct approval *a,
					 const char *form, const struct errors *errs)
{
	return form && strcmp(form, "decide") == 0 && r->params[0] &&
			       strcmp(r->params[0], a->id) == 0
		       ? errs
		       : NULL;
}

/* Assistance requests have a queue of their own (/assistance/approvals):
 * this page says how many wait there, for those who may decide them. */
static void assistance_waiting(struct request *r)
{
	struct assist_filter f = { .status = "requested" };
	struct errors errs = { .n = 0 };
	struct store_list l;
	if (auth_check(&r->user, PERM_ASSIST_APPROVE) != DOM_OK ||
	    assist_list(&r->ctx, &f, 1, 0, &errs, &l) != DOM_OK || l.total <= 0)
		return;
	html_printf(&r->out, "<p class=\"notice\">%s: %l. <a href=\"/assistance/approvals\">%s</a></p>",
		    _("Assistance requests waiting for a decision"), (long long)l.total,
		    _("Approval queue"));
}

/* The queue, with the errors of a failed decision (errs, or NULL). */
static void render(struct request *r, const struct errors *errs)
{
	struct store_list l;
	struct buf *o = &r->out;
	int rc = approval_list_pending(&r->ctx, 200, 0, &l);
	if (rc) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Approvals"), "approvals");
	html_printf(o, "<h1>%s</h1>", _("Approvals"));
	const char *done = req_query(r, "done");
	if (done && strcmp(done, "approved") == 0)
		html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", _("Approved."));
	else if (done)
		html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", _("Returned with your comment."));
	if (errs)
		form_error_summary(r, errs);
	assistance_waiting(r);
	if (!l.n) {
		html_printf(o, "<p>%s</p>", _("No case plans or closures are waiting for a decision."));
		web_end(r);
		return;
	}
	html_printf(o, "<p>%s: %l</p>", _("Waiting for a decision"), (long long)l.total);
	for (size_t i = 0; i < l.n; i++) {
		const struct approval *a = l.items[i];
		struct case_rec k;
		struct person p;
		int known = case_load(&r->ctx, a->case_id, &k) == DOM_OK &&
			    case_person(&r->ctx, &k, &p) == DOM_OK;
		html_printf(o, "<article class=\"approval\" id=\"a-%s\"><header><strong>%s</strong> · <a href=\"/cases/%u#%R\">%s</a>",
			    a->id, asked(r, a), a->case_id,
			    strcmp(a->kind, "plan") == 0 ? "plan" : "overview",
			    known ? arena_printf(r->a, "%s · %s", k.ref, catalog_label(&CAT_AREA, k.area))
				  : a->case_id);
		if (known)
			html_printf(o, " · <a href=\"/people/%u\">%s %s</a>", p.id, p.given_names, p.surname1);
		html_printf(o, "</header>");
		web_approval_summary(r, a);
		web_approval_form(r, a, NULL, web_approval_errors(r, a, "decide", errs));
		html_printf(o, "</article>");
	}
	web_end(r);
}

void page_approvals(struct request *r)
{
	render(r, NULL);
}

/* POST /approvals/{id}/approve|reject: back to next (a case page) or to
 * the queue; on a missing comment the page again with the error (400). */
static void decide(struct request *r, int approve)
{
	struct errors errs = { 0 };
	const char *next = req_form(r, "next");
	int rc = approval_decide(&r->ctx, r->params[0], approve, req_form(r, "note"), &errs, NULL);
	/* Only a case page of this server: never a redirect elsewhere. */
	if (next && (strncmp(next, "/cases/", 7) != 0 || strpbrk(next, "\\\r\n") || strstr(next, "//")))
		next = NULL;
	if (next && rc != DOM_OK) {
		struct approval a;
		if (approval_get(&r->ctx, r->params[0], &a) == DOM_OK)
			web_case_after_on(r, a.case_id, rc, "decide", &errs, "plan");
		else
			web_error(r, rc);
	} else if (rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		render(r, &errs);
	} else if (rc) {
		web_error(r, rc);
	} else if (next) {
		resp_redirect(r, next);
	} else {
		resp_redirect(r, approve ? "/approvals?done=approved" : "/approvals?done=returned");
	}
}

void page_approval_approve(struct request *r)
{
	decide(r, 1);
}

void page_approval_reject(struct request *r)
{
	decide(r, 0);
}

const char *web_approvals_nav(struct request *r)
{
	long long n = approval_pending_count(&r->ctx);
	return n ? arena_printf(r->a, "%s (%lld)", _("Approvals"), n) : _("Approvals");
}

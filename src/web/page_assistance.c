/* page_assistance.c: "Assistance": the programmes with their budget
 * figures (/assistance, /assistance/programmes/{id}), the approval queue
 * (/assistance/approvals) and a request's page with the forms that
 * approve, reject and disburse it (/assistance/{id}). See
 * docs/assistance.md. */
#include <stdlib.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/assistance.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/household.h"
#include "web/web.h"

/* Rows on a page of a list. */
#define ROWS 100

static long long num(const char *v)
{
	return v ? strtoll(v, NULL, 10) : 0;
}

const char *web_money(struct request *r, const char *cents, const char *currency)
{
	return assist_money(r->a, num(cents), currency);
}

/* The status of a request, with the possible-duplicate mark. */
static void status_cell(struct request *r, const struct assistance_request *rq)
{
	html_printf(&r->out, "<span class=\"assistance-status status-%s\">%s</span>", rq->status,
		    catalog_label(&CAT_ASSISTANCE_STATUS, rq->status));
	if (strcmp(rq->possible_duplicate, "1") == 0 && strcmp(rq->status, "requested") == 0)
		html_printf(&r->out, " <mark class=\"duplicate\">%s</mark>", _("Possible duplicate"));
}

void web_assistance_rows(struct request *r, const struct store_list *l, int with_household)
{
	struct buf *o = &r->out;
	html_printf(o, "<table class=\"assistance stack\"><thead><tr><th>%s</th>%R%s%R<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Request"), with_household ? "<th>" : "", with_household ? _("Household") : NULL,
		    with_household ? "</th>" : "", _("Programme"), _("Amount"), _("Period"),
		    web_label("status"), _("Requested by"));
	struct programme p;
	int known = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct assistance_request *rq = l->items[i];
		/* A programme's page lists one programme: read it once. */
		if (!known || strcmp(p.id, rq->programme_id) != 0)
			known = programme_get(&r->ctx, rq->programme_id, &p, NULL) == DOM_OK;
		html_printf(o, "<tr%R><td data-label=\"%s\"><a href=\"/assistance/%u\">%s</a></td>",
			    strcmp(rq->possible_duplicate, "1") == 0 && strcmp(rq->status, "requested") == 0
				    ? " class=\"is-duplicate\""
				    : "",
			    _("Request"), rq->id, rq->ref);
		if (with_household) {
			struct household h;
			int hk = household_load(&r->ctx, rq->household_id, &h) == DOM_OK;
			html_printf(o, "<td data-label=\"%s\"><a href=\"/households/%u\">%s</a></td>",
				    _("Household"), rq->household_id, hk ? h.ref : rq->household_id);
		}
		html_printf(o, "<td data-label=\"%s\"><a href=\"/assistance/programmes/%u\">%s</a></td><td data-label=\"%s\" class=\"money\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			    _("Programme"), rq->programme_id, known ? p.name : rq->programme_id,
			    _("Amount"), web_money(r, rq->amount_cents, rq->currency), _("Period"),
			    rq->period_key, web_label("status"));
		status_cell(r, rq);
		html_printf(o, "</td><td data-label=\"%s\">%s</td></tr>", _("Requested by"),
			    web_user_name(r, rq->requested_by));
	}
	html_printf(o, "</tbody></table>");
}

void web_assistance_textarea(struct request *r, const char *name, const char *label,
		     const struct errors *errs, int required)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	const char *typed = errs ? req_form(r, name) : NULL;
	html_printf(&r->out, "<label for=\"f-%s\">%s%R</label><textarea id=\"f-%s\" name=\"%s\" rows=\"3\"%R%R>%s</textarea>",
		    name, label, required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "",
		    name, name, required ? " required" : "", err ? " aria-invalid=\"true\"" : "", typed);
	if (err)
		html_printf(&r->out, "<small id=\"e-%s\" class=\"field-error\">%s</small>", name, err);
}

/* The programme's figures as a table. */
static void figures(struct request *r, const struct programme *p, const struct programme_sums *s)
{
	html_printf(&r->out, "<table class=\"facts figures\"><tbody>"
			     "<tr><th scope=\"row\">%s</th><td id=\"budget\">%s</td></tr>"
			     "<tr><th scope=\"row\">%s</th><td id=\"committed\">%s</td></tr>"
			     "<tr><th scope=\"row\">%s</th><td id=\"disbursed\">%s</td></tr>"
			     "<tr><th scope=\"row\">%s</th><td id=\"remaining\"><strong>%s</strong></td></tr>"
			     "<tr><th scope=\"row\">%s</th><td>%s · %s</td></tr>"
			     "<tr><th scope=\"row\">%s</th><td id=\"min-score\">%s</td></tr></tbody></table>",
		    _("Budget"), assist_money(r->a, s->budget, p->currency),
		    _("Committed (approved, not yet disbursed)"), assist_money(r->a, s->committed, p->currency),
		    _("Disbursed"), assist_money(r->a, s->disbursed, p->currency),
		    _("Remaining"), assist_money(r->a, s->remaining, p->currency),
		    _("Cap per household"), web_money(r, p->cap_cents, p->currency),
		    catalog_label(&CAT_PROGRAMME_PERIOD, p->period), _("Minimum vulnerability score"),
		    p->min_score ? arena_printf(r->a, _("%s of 100"), p->min_score) : _("none"));
}

/* The form that adds a programme (errs: its errors after a failed post). */
static void programme_form(struct request *r, const struct errors *errs)
{
	struct buf *o = &r->out;
	const char *v = errs ? "x" : NULL; /* type the values back only after a failure */
	html_printf(o, "<details%R><summary>%s</summary><form method=\"post\" action=\"/assistance/programmes\" class=\"programme\">",
		    errs ? " open" : "", _("Add a programme"));
	form_csrf(r);
	form_text(r, "name", _("Name"), v ? req_form(r, "name") : NULL, errs, "text", NULL, 1);
	form_select(r, "kind", C_("programme", "Kind"), &CAT_PROGRAMME_KIND, v ? req_form(r, "kind") : NULL, errs, 1);
	form_text(r, "donor", _("Donor"), v ? req_form(r, "donor") : NULL, errs, "text", NULL, 0);
	html_printf(o, "<div class=\"grid\">");
	form_text(r, "budget", _("Budget"), v ? req_form(r, "budget") : NULL, errs, "text",
		  _("In dollars, such as 25000 or 25,000.00"), 1);
	form_text(r, "currency", _("Currency"), v ? req_form(r, "currency") : "USD", errs, "text",
		  _("ISO 4217: USD or PAB"), 1);
	html_printf(o, "</div><div class=\"grid\">");
	form_text(r, "cap", _("Cap per household"), v ? req_form(r, "cap") : NULL, errs, "text",
		  _("In dollars, such as 150.00"), 1);
	form_select(r, "period", _("Period of the cap"), &CAT_PROGRAMME_PERIOD, v ? req_form(r, "period") : "month", errs, 1);
	html_printf(o, "</div>");
	web_assistance_textarea(r, "eligibility", _("Eligibility criteria"), errs, 0);
	html_printf(o, "<button type=\"submit\">%s</button></form></details>", _("Add the programme"));
}

static void render_programmes(struct request *r, const struct errors *errs)
{
	struct store_list l;
	struct buf *o = &r->out;
	int rc = programme_list(&r->ctx, ROWS, 0, &l);
	if (rc) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Assistance"), "assistance");
	html_printf(o, "<h1>%s</h1>", _("Assistance"));
	if (auth_check(&r->user, PERM_ASSIST_APPROVE) == DOM_OK)
		html_printf(o, "<p><a href=\"/assistance/approvals\" role=\"button\">%s</a></p>", _("Approval queue"));
	if (errs && errs->n)
		form_error_summary(r, errs);
	html_printf(o, "<h2>%s</h2>", _("Programmes"));
	if (!l.n)
		html_printf(o, "<p>%s</p>", _("No programmes yet."));
	else
		html_printf(o, "<table class=\"programmes stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
			    _("Programme"), C_("programme", "Kind"), _("Donor"), _("Budget"), _("Disbursed"), _("Remaining"));
	for (size_t i = 0; i < l.n; i++) {
		const struct programme *p = l.items[i];
		struct programme_sums s;
		if (programme_figures(&r->ctx, p->id, num(p->budget_cents), &s) != DOM_OK)
			continue;
		html_printf(o, "<tr><td data-label=\"%s\"><a href=\"/assistance/programmes/%u\">%s</a></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\" class=\"money\">%s</td><td data-label=\"%s\" class=\"money\">%s</td><td data-label=\"%s\" class=\"money\">%s</td></tr>",
			    _("Programme"), p->id, p->name, C_("programme", "Kind"),
			    catalog_label(&CAT_PROGRAMME_KIND, p->kind), _("Donor"), p->donor ? p->donor : "—",
			    _("Budget"), assist_money(r->a, s.budget, p->currency), _("Disbursed"),
			    assist_money(r->a, s.disbursed, p->currency), _("Remaining"),
			    assist_money(r->a, s.remaining, p->currency));
	}
	if (l.n)
		html_printf(o, "</tbody></table>");
	if (auth_check(&r->user, PERM_PROGRAMMES_MANAGE) == DOM_OK)
		programme_form(r, errs);
	web_end(r);
}

void page_assistance(struct request *r)
{
	render_programmes(r, NULL);
}

char *web_assistance_cents(struct request *r, const char *field, struct errors *errs)
{
	const char *v = req_form(r, field);
	long long cents;
	if (!v || !*v)
		return NULL;
	if (assist_parse_cents(v, &cents)) {
		errors_add(errs, field, _("Give an amount such as 150, 150.50 or 150,50."));
		return NULL;
	}
	return arena_printf(r->a, "%lld", cents);
}

void web_errors_rename(struct errors *errs, const char *from, const char *to)
{
	for (int i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, from) == 0)
			errs->e[i].field = to;
}

void web_programme_form(struct request *r, struct programme *in, struct errors *errs)
{
	in->name = (char *)req_form(r, "name");
	in->kind = (char *)req_form(r, "kind");
	in->donor = (char *)req_form(r, "donor");
	in->currency = (char *)req_form(r, "currency");
	in->period = (char *)req_form(r, "period");
	in->eligibility = (char *)req_form(r, "eligibility");
	in->budget_cents = web_assistance_cents(r, "budget", errs);
	in->cap_cents = web_assistance_cents(r, "cap", errs);
}

void web_programme_errors(struct errors *errs)
{
	web_errors_rename(errs, "budget_cents", "budget");
	web_errors_rename(errs, "cap_cents", "cap");
}

void page_assistance_programme_create(struct request *r)
{
	struct programme in = { 0 }, p;
	struct errors errs = { 0 };
	web_programme_form(r, &in, &errs);
	int rc = errs.n ? DOM_INVALID : programme_create(&r->ctx, &in, &errs, &p);
	web_programme_errors(&errs);
	if (rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		render_programmes(r, &errs);
	} else if (rc) {
		web_error(r, rc);
	} else {
		resp_redirect(r, arena_printf(r->a, "/assistance/programmes/%s", p.id));
	}
}

void web_assistance_programme(struct request *r, const struct errors *edit_errs)
{
	struct programme p;
	struct programme_sums s;
	struct store_list l;
	struct errors errs = { 0 };
	struct buf *o = &r->out;
	int rc = programme_get(&r->ctx, r->params[0], &p, &s);
	struct assist_filter f = { .programme_id = p.id };
	if (rc || (rc = assist_list(&r->ctx, &f, ROWS, 0, &errs, &l))) {
		web_error(r, rc);
		return;
	}
	web_begin(r, p.name, "assistance");
	web_saved_notice(r);
	html_printf(o, "<hgroup><h1>%s</h1><p>%s · %s%R%s</p></hgroup>", p.name,
		    catalog_label(&CAT_PROGRAMME_KIND, p.kind), p.currency, p.donor ? " · " : "", p.donor);
	if (strcmp(p.active, "1") != 0)
		html_printf(o, "<p class=\"notice inactive\" id=\"inactive\">%s</p>",
			    _("This programme is deactivated: it takes no new requests. Its approved requests can still be disbursed and reconciled."));
	figures(r, &p, &s);
	web_programme_edit_form(r, &p, edit_errs);
	web_programme_recon(r, &p, &s);
	if (p.eligibility)
		html_printf(o, "<h2>%s</h2><p class=\"text\">%s</p>", _("Eligibility criteria"), p.eligibility);
	html_printf(o, "<h2>%s</h2>", _("Requests"));
	if (l.n)
		web_assistance_rows(r, &l, 1);
	else
		html_printf(o, "<p>%s</p>", _("No requests yet."));
	html_printf(o, "<p><a href=\"/assistance\">%s</a></p>", _("Back to the programmes"));
	web_end(r);
}

void page_assistance_programme(struct request *r)
{
	web_assistance_programme(r, NULL);
}

/* A request made under its programme's minimum vulnerability score: the
 * score, the minimum and the requester's reason, for the approver. */
static void exception(struct request *r, const struct assistance_request *rq)
{
	struct programme p;
	if (!rq->eligibility_override || programme_get(&r->ctx, rq->programme_id, &p, NULL) != DOM_OK)
		return;
	html_printf(&r->out, "<p class=\"exception\"><mark>%s</mark> %s <q>%s</q></p>",
		    _("Eligibility exception"),
		    arena_printf(r->a, _("Vulnerability score %s, under the programme's minimum of %s. The requester's reason:"),
				 rq->vulnerability_score ? rq->vulnerability_score : "?",
				 p.min_score ? p.min_score : "?"),
		    rq->eligibility_override);
}

void page_assistance_approvals(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	struct buf *o = &r->out;
	struct assist_filter f = { .status = "requested" };
	int rc = auth_check(&r->user, PERM_ASSIST_APPROVE);
	if (rc || (rc = assist_list(&r->ctx, &f, ROWS, 0, &errs, &l))) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Approval queue"), "assistance");
	web_saved_notice(r);
	html_printf(o, "<h1>%s</h1><p>%s</p>", _("Approval queue"),
		    _("Requests waiting for a decision, oldest first. Nobody approves their own request."));
	if (!l.n) {
		html_printf(o, "<p>%s</p>", _("No requests wait for a decision."));
		web_end(r);
		return;
	}
	web_assistance_rows(r, &l, 1);
	/* Each request's decision, or why this user cannot take it. */
	for (size_t i = 0; i < l.n; i++) {
		const struct assistance_request *rq = l.items[i];
		const char *why = assist_why_not_decide(&r->user, rq);
		html_printf(o, "<article class=\"decision\" id=\"q-%s\"><header><a href=\"/assistance/%u\">%s</a> · %s</header>",
			    rq->ref, rq->id, rq->ref, web_money(r, rq->amount_cents, rq->currency));
		if (strcmp(rq->possible_duplicate, "1") == 0)
			html_printf(o, "<p class=\"duplicate\"><mark>%s</mark> %s</p>", _("Possible duplicate"),
				    _("This household already has a request in this programme and period."));
		exception(r, rq);
		if (why) {
			html_printf(o, "<p class=\"why-not\">%s</p></article>", why);
			continue;
		}
		html_printf(o, "<form method=\"post\" action=\"/assistance/%u/approve\" class=\"inline\">", rq->id);
		form_csrf(r);
		html_printf(o, "<input type=\"hidden\" name=\"next\" value=\"/assistance/approvals?saved=1\">");
		if (strcmp(rq->possible_duplicate, "1") == 0)
			html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"confirm_duplicate\" value=\"1\" required> %s</label>",
				    _("I checked: it is not a duplicate"));
		html_printf(o, "<button type=\"submit\">%s</button></form> <a href=\"/assistance/%u#decide\">%s</a></article>",
			    _("Approve"), rq->id, _("Reject…"));
	}
	web_end(r);
}

/* A row of the request's facts; value NULL shows "—". */
static void fact(struct request *r, const char *label, const char *value)
{
	html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", label,
		    value && *value ? value : "—");
}

/* The forms a request's status allows the user: approve and reject, or
 * disburse. failed: the form that failed and its errors. */
static void step_forms(struct request *r, const struct assistance_request *rq, const char *failed,
		       const struct errors *errs)
{
	struct buf *o = &r->out;
	const struct errors *e_app = failed && !strcmp(failed, "approve") ? errs : NULL;
	const struct errors *e_rej = failed && !strcmp(failed, "reject") ? errs : NULL;
	const struct errors *e_dis = failed && !strcmp(failed, "disburse") ? errs : NULL;
	if (strcmp(rq->status, "requested") == 0) {
		const char *why = assist_why_not_decide(&r->user, rq);
		html_printf(o, "<section id=\"decide\"><h2>%s</h2>", _("Decision"));
		if (why) {
			html_printf(o, "<p class=\"why-not\">%s</p></section>", why);
			return;
		}
		html_printf(o, "<form method=\"post\" action=\"/assistance/%u/approve\" class=\"approve\">", rq->id);
		form_csrf(r);
		web_assistance_textarea(r, "approve_note", _("Note (optional)"), e_app, 0);
		if (strcmp(rq->possible_duplicate, "1") == 0) {
			const char *err = e_app ? errors_for(e_app, "confirm_duplicate") : NULL;
			html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"confirm_duplicate\" value=\"1\"%R> %s</label>",
				    err ? " aria-invalid=\"true\"" : "", _("I checked: it is not a duplicate"));
			if (err)
				html_printf(o, "<small id=\"e-confirm_duplicate\" class=\"field-error\">%s</small>", err);
		}
		html_printf(o, "<button type=\"submit\">%s</button></form>", _("Approve"));
		html_printf(o, "<details%R><summary>%s</summary><form method=\"post\" action=\"/assistance/%u/reject\" class=\"reject\">",
			    e_rej ? " open" : "", _("Reject the request"), rq->id);
		form_csrf(r);
		web_assistance_textarea(r, "reject_note", _("Why it is rejected"), e_rej, 1);
		html_printf(o, "<button type=\"submit\" class=\"secondary\">%s</button></form></details></section>",
			    _("Reject"));
	} else if (strcmp(rq->status, "approved") == 0 &&
		   auth_check(&r->user, PERM_ASSIST_DISBURSE) == DOM_OK) {
		html_printf(o, "<section id=\"disburse\"><h2>%s</h2><form method=\"post\" action=\"/assistance/%u/disburse\" class=\"disburse\">",
			    _("Disbursement"), rq->id);
		form_csrf(r);
		form_select(r, "mechanism", _("Mechanism"), &CAT_MECHANISM,
			    e_dis ? req_form(r, "mechanism") : NULL, e_dis, 1);
		form_text(r, "reference", _("Transaction reference"), e_dis ? req_form(r, "reference") : NULL,
			  e_dis, "text", _("Required except for cash and in-kind"), 0);
		form_text(r, "date", _("Date"), e_dis ? req_form(r, "date") : NULL, e_dis, "date",
			  _("Empty: today"), 0);
		html_printf(o, "<button type=\"submit\">%s</button></form></section>", _("Record the disbursement"));
	}
}

/* What a ledger row of kind says happened to a request. */
static const char *step_label(const char *kind)
{
	static const char *const status[][2] = { { "request", "requested" },
						 { "approve", "approved" },
						 { "reject", "rejected" },
						 { "disburse", "disbursed" } };
	for (size_t i = 0; i < sizeof(status) / sizeof(status[0]); i++)
		if (strcmp(kind, status[i][0]) == 0)
			return catalog_label(&CAT_ASSISTANCE_STATUS, status[i][1]);
	return _("Reconciled against the provider's statement");
}

/* The request's history: its ledger rows, oldest first. */
static void history(struct request *r, const struct assistance_request *rq)
{
	struct store_list l;
	struct buf *o = &r->out;
	if (assist_ledger(&r->ctx, rq->programme_id, rq->id, 10, 0, &l) != DOM_OK || !l.n)
		return;
	html_printf(o, "<section id=\"history\"><h2>%s</h2><table class=\"ledger stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("History"), _("Step"), _("Amount"), _("By"), _("When"));
	for (size_t i = 0; i < l.n; i++) {
		const struct assistance_entry *e = l.items[i];
		char when[32];
		time_display(e->recorded_at, when);
		html_printf(o, "<tr class=\"step-%s\"><td data-label=\"%s\">%s</td><td data-label=\"%s\" class=\"money\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
			    e->kind, _("Step"), step_label(e->kind), _("Amount"),
			    web_money(r, e->amount_cents, rq->currency), _("By"),
			    web_user_name(r, e->recorded_by), _("When"), when);
	}
	html_printf(o, "</tbody></table></section>");
}

static void render_request(struct request *r, const char *failed, const struct errors *errs)
{
	struct assistance_request rq;
	struct programme p;
	struct household h;
	struct buf *o = &r->out;
	int rc = assist_get(&r->ctx, r->params[0], &rq);
	if (!rc)
		rc = programme_get(&r->ctx, rq.programme_id, &p, NULL);
	if (rc) {
		web_error(r, rc);
		return;
	}
	int hk = household_load(&r->ctx, rq.household_id, &h) == DOM_OK;
	web_begin(r, arena_printf(r->a, "%s · %s", _("Assistance"), rq.ref), "assistance");
	web_saved_notice(r);
	html_printf(o, "<hgroup><h1>%s · %s</h1><p><a href=\"/households/%u\">%s %s</a></p></hgroup>",
		    _("Assistance"), rq.ref, rq.household_id, _("Household"), hk ? h.ref : rq.household_id);
	if (errs && errs->n)
		form_error_summary(r, errs);
	html_printf(o, "<table class=\"facts\"><tbody><tr><th scope=\"row\">%s</th><td id=\"f-status\">",
		    web_label("status"));
	status_cell(r, &rq);
	html_printf(o, "</td></tr><tr><th scope=\"row\">%s</th><td><a href=\"/assistance/programmes/%u\">%s</a></td></tr>",
		    _("Programme"), p.id, p.name);
	fact(r, _("Amount"), web_money(r, rq.amount_cents, rq.currency));
	fact(r, _("Period"), rq.period_key);
	fact(r, _("Reason"), rq.reason);
	if (rq.payee_name || rq.payee_account) {
		fact(r, _("Payee"), rq.payee_name);
		fact(r, _("Account, wallet or card"), rq.payee_account);
	}
	fact(r, _("Requested by"), web_user_name(r, rq.requested_by));
	fact(r, _("Vulnerability score when requested"), rq.vulnerability_score);
	if (rq.eligibility_override)
		fact(r, _("Eligibility exception"), rq.eligibility_override);
	if (strcmp(rq.possible_duplicate, "1") == 0 && rq.duplicate_of)
		html_printf(o, "<tr><th scope=\"row\">%s</th><td><a href=\"/assistance/%u\">%s</a>%R%s</td></tr>",
			    _("Possible duplicate of"), rq.duplicate_of, _("the earlier request"),
			    strcmp(rq.duplicate_confirmed, "1") == 0 ? " · " : "",
			    strcmp(rq.duplicate_confirmed, "1") == 0 ? _("confirmed by the approver") : NULL);
	if (rq.decided_by) {
		fact(r, _("Decided by"), web_user_name(r, rq.decided_by));
		fact(r, _("Decision note"), rq.decision_note);
	}
	if (rq.disbursed_by) {
		fact(r, _("Disbursed by"), web_user_name(r, rq.disbursed_by));
		fact(r, _("Mechanism"), catalog_label(&CAT_MECHANISM, rq.mechanism));
		fact(r, _("Transaction reference"), rq.reference);
		fact(r, _("Date"), rq.disbursed_on);
	}
	html_printf(o, "</tbody></table>");
	step_forms(r, &rq, failed, errs);
	history(r, &rq);
	web_end(r);
}

void page_assistance_request(struct request *r)
{
	render_request(r, NULL, NULL);
}

/* After a step: the request again (303, or next), or with the form's
 * errors (400; 403 or 409 with errors), or an error page. */
static void after(struct request *r, int rc, const char *form, struct errors *errs)
{
	if (rc == DOM_INVALID || ((rc == DOM_CONFLICT || rc == DOM_FORBIDDEN) && errs->n)) {
		r->status = rc == DOM_INVALID ? 400 : rc == DOM_FORBIDDEN ? 403 : 409;
		render_request(r, form, errs);
	} else if (rc) {
		web_error(r, rc);
	} else if (req_form(r, "next")) {
		resp_redirect(r, web_safe_next(req_form(r, "next")));
	} else {
		resp_redirect(r, arena_printf(r->a, "/assistance/%s?saved=1", r->params[0]));
	}
}

void page_assistance_approve(struct request *r)
{
	struct errors errs = { 0 };
	const char *confirm = req_form(r, "confirm_duplicate");
	int rc = assist_approve(&r->ctx, r->params[0], req_form(r, "approve_note"),
				confirm && strcmp(confirm, "1") == 0, &errs, NULL);
	web_errors_rename(&errs, "note", "approve_note");
	after(r, rc, "approve", &errs);
}

void page_assistance_reject(struct request *r)
{
	struct errors errs = { 0 };
	int rc = assist_reject(&r->ctx, r->params[0], req_form(r, "reject_note"), &errs, NULL);
	web_errors_rename(&errs, "note", "reject_note");
	after(r, rc, "reject", &errs);
}

void page_assistance_disburse(struct request *r)
{
	struct errors errs = { 0 };
	const char *date = form_date(r, "date", &errs);
	int rc = errs.n ? DOM_INVALID
			: assist_disburse(&r->ctx, r->params[0], req_form(r, "mechanism"),
					  req_form(r, "reference"), date, &errs, NULL);
	after(r, rc, "disburse", &errs);
}


/* page_referrals.c: "Referrals": the inbox of the user's areas and the
 * referrals they sent (/referrals), a referral's page with the forms that
 * answer it (/referrals/{id}), and the table of referrals the case page
 * shares. See docs/referrals.md. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/partner.h"
#include "domain/person.h"
#include "domain/referral.h"
#include "web/web.h"

/* Rows on a page of the inbox. */
#define REFERRALS_PAGE 50

/* The day of a UTC timestamp in Panama, or "—". */
static const char *day(struct request *r, const char *iso)
{
	char *out;
	if (!iso)
		return "—";
	out = arena_alloc(r->a, 32);
	time_display(iso, out);
	out[strcspn(out, " ")] = 0;
	return out;
}

const char *web_referrals_nav(struct request *r)
{
	long long n = referral_pending_count(&r->ctx);
	return n ? arena_printf(r->a, "%s (%lld)", _("Referrals"), n) : _("Referrals");
}

const char *web_referral_target(struct request *r, const struct referral *rf)
{
	struct partner p;
	if (rf->to_area)
		return catalog_label(&CAT_AREA, rf->to_area);
	return partner_get(&r->ctx, rf->to_partner_id, &p) == DOM_OK ? p.name : rf->to_partner_id;
}

void web_referral_status(struct request *r, const struct referral *rf)
{
	html_printf(&r->out, "<span class=\"referral-status status-%s\">%s</span>", rf->status,
		    catalog_label(&CAT_REFERRAL_STATUS, rf->status));
	if (rf->overdue)
		html_printf(&r->out, " <mark class=\"overdue\">%s</mark>", _("Overdue"));
}

void web_referral_rows(struct request *r, const struct store_list *l, int with_person)
{
	struct buf *o = &r->out;
	html_printf(o, "<table class=\"referrals stack\"><thead><tr><th>%s</th>%R%s%R<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Referral"), with_person ? "<th>" : "", with_person ? _("Person") : NULL,
		    with_person ? "</th>" : "", _("From"), _("To"), _("Urgency"), web_label("status"),
		    C_("referral", "Sent"), _("Answered"));
	for (size_t i = 0; i < l->n; i++) {
		const struct referral *rf = l->items[i];
		html_printf(o, "<tr%R><td data-label=\"%s\"><a href=\"/referrals/%u\">%s</a></td>",
			    rf->overdue ? " class=\"is-overdue\"" : "", _("Referral"), rf->id, rf->ref);
		if (with_person) {
			struct person p;
			int known = person_load(&r->ctx, rf->person_id, &p) == DOM_OK;
			html_printf(o, "<td data-label=\"%s\"><a href=\"/people/%u\">%s %s</a></td>", _("Person"),
				    rf->person_id, known ? p.given_names : rf->person_id, known ? p.surname1 : NULL);
		}
		html_printf(o, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\"><span class=\"urgency-%s\">%s</span></td><td data-label=\"%s\">",
			    _("From"), catalog_label(&CAT_AREA, rf->from_area), _("To"),
			    web_referral_target(r, rf), _("Urgency"), rf->urgency,
			    catalog_label(&CAT_URGENCY, rf->urgency), web_label("status"));
		web_referral_status(r, rf);
		html_printf(o, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
			    C_("referral", "Sent"), day(r, rf->sent_at), _("Answered"), day(r, rf->answered_at));
	}
	html_printf(o, "</tbody></table>");
}

/* GET /referrals: view "incoming" (the default: to the user's areas) or
 * "sent"; filters status and overdue (a GET form). */
void page_referrals(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	struct buf *o = &r->out;
	long page = 1;
	const char *view = req_query(r, "view");
	int sent = view && strcmp(view, "sent") == 0;
	struct referral_filter f = {
		.direction = sent ? "outgoing" : "incoming",
		.status = req_query(r, "status"),
		.overdue = req_query(r, "overdue"),
	};
	if (str_to_long(req_query(r, "page"), 1, 100000, &page))
		page = 1;
	if (f.status && !*f.status)
		f.status = NULL;
	if (f.overdue && !*f.overdue)
		f.overdue = NULL;
	int rc = referral_list(&r->ctx, &f, REFERRALS_PAGE, (page - 1) * REFERRALS_PAGE, &errs, &l);
	if (rc && rc != DOM_INVALID) {
		web_error(r, rc);
		return;
	}
	if (rc)
		r->status = 400;
	web_begin(r, _("Referrals"), "referrals");
	html_printf(o, "<h1>%s</h1><nav class=\"tabs\" aria-label=\"%s\"><ul><li><a href=\"/referrals\"%R>%s</a></li><li><a href=\"/referrals?view=sent\"%R>%s</a></li></ul></nav>",
		    _("Referrals"), _("Referrals"), sent ? "" : " aria-current=\"page\"",
		    _("Received by my areas"), sent ? " aria-current=\"page\"" : "", _("Sent from my cases"));
	html_printf(o, "<form method=\"get\" action=\"/referrals\" class=\"filters\"><input type=\"hidden\" name=\"view\" value=\"%s\"><div class=\"grid\">",
		    sent ? "sent" : "");
	form_select(r, "status", web_label("status"), &CAT_REFERRAL_STATUS, f.status, &errs, 0);
	html_printf(o, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"overdue\" value=\"1\"%R> %s</label></div>",
		    f.overdue && strcmp(f.overdue, "1") == 0 ? " checked" : "", _("Overdue only"));
	html_printf(o, "</div><button type=\"submit\">%s</button></form>", _("Filter"));
	if (rc) {
		form_error_summary(r, &errs);
	} else if (l.n) {
		html_printf(o, "<p>%s: %l</p>", _("Referrals"), (long long)l.total);
		web_referral_rows(r, &l, 1);
		if (l.total > page * REFERRALS_PAGE)
			html_printf(o, "<a href=\"/referrals?view=%u&amp;status=%u&amp;overdue=%u&amp;page=%l\">%s</a>",
				    sent ? "sent" : "", f.status ? f.status : "", f.overdue ? f.overdue : "",
				    (long long)page + 1, _("Next »"));
	} else {
		html_printf(o, "<p>%s</p>", _("No referrals match."));
	}
	web_end(r);
}

/* A row of the referral's facts; value NULL shows "—". */
static void fact(struct request *r, const char *label, const char *value)
{
	html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", label,
		    value && *value ? value : "—");
}

/* A text of the referral, or "Restricted" when withheld. */
static void fact_text(struct request *r, const struct referral *rf, const char *label,
		      const char *value)
{
	if (rf->reason_restricted)
		html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td><em class=\"restricted\">%s</em></td></tr>",
			    label, _("Restricted"));
	else
		html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"text\">%s</td></tr>",
			    label, value && *value ? value : "—");
}

/* A textarea with its label and error. */
static void textarea(struct request *r, const char *name, const char *label,
		     const struct errors *errs, int required)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	const char *typed = errs ? req_form(r, name) : NULL;
	html_printf(&r->out, "<label for=\"f-%s\">%s%R</label><textarea id=\"f-%s\" name=\"%s\" rows=\"3\"%R%R>%s</textarea>",
		    name, label, required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "",
		    name, name, required ? " required" : "",
		    err ? " aria-invalid=\"true\"" : "", typed);
	if (err)
		html_printf(&r->out, "<small id=\"e-%s\" class=\"field-error\">%s</small>", name, err);
}

/* The forms that answer rf (by its status), for users who may. failed:
 * the form that failed ("accept", "decline", "complete") and its errors. */
static void answer_forms(struct request *r, const struct referral *rf, const char *failed,
			 const struct errors *errs)
{
	struct buf *o = &r->out;
	int internal = rf->to_area != NULL;
	const struct errors *e_acc = failed && !strcmp(failed, "accept") ? errs : NULL;
	const struct errors *e_dec = failed && !strcmp(failed, "decline") ? errs : NULL;
	const struct errors *e_com = failed && !strcmp(failed, "complete") ? errs : NULL;
	html_printf(o, "<section id=\"answer\"><h2>%s</h2>", _("Answer"));
	if (!internal)
		html_printf(o, "<p>%s</p>", _("The partner has no access to amparo: record here the answer the partner gave."));
	if (strcmp(rf->status, "sent") == 0) {
		html_printf(o, "<form method=\"post\" action=\"/referrals/%u/accept\" class=\"accept\">", rf->id);
		form_csrf(r);
		textarea(r, "accept_note", _("Note (optional)"), e_acc, 0);
		html_printf(o, "<div class=\"actions\"><button type=\"submit\" name=\"open_case\" value=\"0\"%R>%s</button>",
			    internal ? " class=\"secondary\"" : "", _("Accept"));
		if (internal)
			html_printf(o, "<button type=\"submit\" name=\"open_case\" value=\"1\">%s</button>",
				    _("Accept and open a case"));
		html_printf(o, "</div></form>");
		html_printf(o, "<details%R><summary>%s</summary><form method=\"post\" action=\"/referrals/%u/decline\" class=\"decline\">",
			    e_dec ? " open" : "", _("Decline the referral"), rf->id);
		form_csrf(r);
		textarea(r, "decline_note", _("Why it is declined"), e_dec, 1);
		html_printf(o, "<button type=\"submit\" class=\"secondary\">%s</button></form></details>",
			    _("Decline"));
	} else if (strcmp(rf->status, "accepted") == 0) {
		html_printf(o, "<form method=\"post\" action=\"/referrals/%u/complete\" class=\"complete\">", rf->id);
		form_csrf(r);
		textarea(r, "feedback", _("Outcome and feedback (optional)"), e_com, 0);
		html_printf(o, "<button type=\"submit\">%s</button></form>", _("Mark as completed"));
	}
	html_printf(o, "</section>");
}

static void render_referral(struct request *r, const char *failed, const struct errors *errs)
{
	struct referral rf;
	struct case_rec from;
	struct person p;
	struct buf *o = &r->out;
	int rc = referral_get(&r->ctx, r->params[0], &rf);
	if (!rc)
		rc = case_load(&r->ctx, rf.case_id, &from);
	if (rc) {
		web_error(r, rc);
		return;
	}
	int known = person_load(&r->ctx, rf.person_id, &p) == DOM_OK;
	web_begin(r, arena_printf(r->a, "%s · %s", _("Referral"), rf.ref), "referrals");
	web_saved_notice(r);
	html_printf(o, "<hgroup><h1>%s · %s</h1><p><a href=\"/people/%u\">%s %s %s</a>%R%s</p></hgroup>",
		    _("Referral"), rf.ref, rf.person_id, known ? p.given_names : rf.person_id,
		    known ? p.surname1 : NULL, known ? p.surname2 : NULL, known ? " · " : "",
		    known ? p.ref : NULL);
	if (errs && errs->n)
		form_error_summary(r, errs);
	html_printf(o, "<section id=\"overview\"><table class=\"facts\"><tbody>");
	html_printf(o, "<tr><th scope=\"row\">%s</th><td id=\"f-status\" class=\"referral-state\">", web_label("status"));
	web_referral_status(r, &rf);
	html_printf(o, "</td></tr><tr><th scope=\"row\">%s</th><td><a href=\"/cases/%u\">%s</a> · %s</td></tr>",
		    _("From"), from.id, from.ref, catalog_label(&CAT_AREA, rf.from_area));
	fact(r, _("To"), rf.to_area ? catalog_label(&CAT_AREA, rf.to_area)
				    : arena_printf(r->a, "%s (%s)", web_referral_target(r, &rf), _("partner")));
	fact(r, _("Urgency"), catalog_label(&CAT_URGENCY, rf.urgency));
	fact_text(r, &rf, _("Reason"), rf.reason);
	fact(r, _("Consent to share"), strcmp(rf.consent, "1") == 0 ? _("Yes") : _("No"));
	fact(r, _("What is shared"), web_code_labels(r, &CAT_REFERRAL_SHARED, rf.shared));
	fact(r, C_("referral", "Sent"), arena_printf(r->a, "%s · %s", day(r, rf.sent_at), web_user_name(r, rf.sent_by)));
	if (rf.answered_at) {
		fact(r, _("Answered"),
		     arena_printf(r->a, "%s · %s", day(r, rf.answered_at), web_user_name(r, rf.answered_by)));
		fact_text(r, &rf, _("Answer note"), rf.answer_note);
	}
	if (rf.received_case_id) {
		struct case_rec k;
		if (case_load(&r->ctx, rf.received_case_id, &k) == DOM_OK)
			html_printf(o, "<tr><th scope=\"row\">%s</th><td><a href=\"/cases/%u\" class=\"received-case\">%s</a> · %s</td></tr>",
				    _("Case in the receiving area"), k.id, k.ref,
				    catalog_label(&CAT_AREA, k.area));
	}
	if (rf.completed_at) {
		fact(r, _("Completed"), arena_printf(r->a, "%s · %s", day(r, rf.completed_at),
						      web_user_name(r, rf.completed_by)));
		fact_text(r, &rf, _("Feedback"), rf.feedback);
	}
	html_printf(o, "</tbody></table></section>");
	if (referral_may_answer(&r->user, &rf, &from) &&
	    (strcmp(rf.status, "sent") == 0 || strcmp(rf.status, "accepted") == 0))
		answer_forms(r, &rf, failed, errs);
	html_printf(o, "<p><a href=\"/referrals\">%s</a></p>", _("Back to the referrals"));
	web_end(r);
}

void page_referral(struct request *r)
{
	render_referral(r, NULL, NULL);
}

/* After an answer: the referral again (303), or with the form's errors
 * (400, or 409 for a move its status does not allow), or an error page.
 * The domain's "note" error is given the form's field name. */
static void after(struct request *r, int rc, const char *form, const char *field,
		  struct errors *errs)
{
	for (int i = 0; field && i < errs->n; i++)
		if (strcmp(errs->e[i].field, "note") == 0)
			errs->e[i].field = field;
	if (rc == DOM_INVALID || (rc == DOM_CONFLICT && errs->n)) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		render_referral(r, form, errs);
	} else if (rc) {
		web_error(r, rc);
	} else {
		resp_redirect(r, arena_printf(r->a, "/referrals/%s?saved=1", r->params[0]));
	}
}

void page_referral_accept(struct request *r)
{
	struct errors errs = { 0 };
	const char *open = req_form(r, "open_case");
	int rc = referral_accept(&r->ctx, r->params[0], req_form(r, "accept_note"),
				 open && strcmp(open, "1") == 0, &errs, NULL);
	after(r, rc, "accept", "accept_note", &errs);
}

void page_referral_decline(struct request *r)
{
	struct errors errs = { 0 };
	int rc = referral_decline(&r->ctx, r->params[0], req_form(r, "decline_note"), &errs, NULL);
	after(r, rc, "decline", "decline_note", &errs);
}

void page_referral_complete(struct request *r)
{
	struct errors errs = { 0 };
	int rc = referral_complete(&r->ctx, r->params[0], req_form(r, "feedback"), &errs, NULL);
	after(r, rc, "complete", NULL, &errs);
}

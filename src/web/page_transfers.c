/* page_transfers.c: case transfers between offices: the case page's
 * "Traslados" section and its form, the inbox (/transfers) and a
 * transfer's page with the snapshot and the accept or reject form. */
#include <stdio.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/case_transfer.h"
#include "domain/office.h"
#include "web/web.h"

#define TRANSFERS_PAGE 50

static const char *status_label(const char *s)
{
	if (s && !strcmp(s, "sent"))
		return _("Waiting for an answer");
	if (s && !strcmp(s, "accepted"))
		return _("Accepted");
	if (s && !strcmp(s, "rejected"))
		return _("Rejected");
	if (s && !strcmp(s, "cancelled"))
		return _("Cancelled by the sending office");
	return s;
}

static const char *shared_label(const char *s)
{
	if (s && !strcmp(s, "services"))
		return _("Summary and services, without notes");
	if (s && !strcmp(s, "all"))
		return _("Summary, services and their notes");
	return _("Summary of the case");
}

/* An office's name ("code" when unknown). */
static const char *office_name(struct request *r, const char *code)
{
	struct office o;
	return code && office_get(&r->ctx, code, &o) == DOM_OK ? o.name : code;
}

static void when(const char *iso, char out[32])
{
	if (iso)
		time_display(iso, out);
	else
		snprintf(out, 32, "%s", "—");
}

/* Rows of transfers; other: the column shows to_office (outgoing) or
 * from_office (incoming). */
static void transfer_rows(struct request *r, const struct store_list *l, int outgoing,
			  const char *label)
{
	struct buf *o = &r->out;
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"transfers\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    label, _("Sent"), _("Area"), outgoing ? _("To office") : _("From office"),
		    _("Status"), _("Transfer"));
	for (size_t i = 0; i < l->n; i++) {
		const struct case_transfer *t = l->items[i];
		char sent[32];
		when(t->sent_at, sent);
		html_printf(o, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\" class=\"transfer-status\">%s</td><td><a href=\"/transfers/%u\">%s</a></td></tr>",
			    _("Sent"), sent, _("Area"), catalog_label(&CAT_AREA, t->area),
			    outgoing ? _("To office") : _("From office"),
			    office_name(r, outgoing ? t->to_office : t->from_office), _("Status"),
			    status_label(t->status), t->id, _("See the transfer"));
	}
	html_printf(o, "</tbody></table></div>");
}

/* The form that sends case k to another office; errs and the typed
 * values come back after a failed post. */
static void transfer_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct buf *o = &r->out;
	struct store_list offices;
	const char *to = errs ? req_form(r, "to_office") : NULL,
		   *shared = errs ? req_form(r, "shared") : NULL;
	const char *e_to = errs ? errors_for(errs, "to_office") : NULL,
		   *e_consent = errs ? errors_for(errs, "consent") : NULL;
	if (office_list(&r->ctx, 0, &offices) != DOM_OK)
		return;
	html_printf(o, "<details%R><summary>%s</summary><form method=\"post\" action=\"/cases/%u/transfer\" class=\"transfer-form\">",
		    errs ? " open" : "", _("Transfer to another office"), k->id);
	form_csrf(r);
	html_printf(o, "<div class=\"field\"><label for=\"f-to_office\">%s <span class=\"req\" aria-hidden=\"true\">*</span></label><select id=\"f-to_office\" name=\"to_office\" required%R><option value=\"\">%s</option>",
		    _("Office that receives the case"),
		    e_to ? " aria-invalid=\"true\" aria-describedby=\"e-to_office\"" : "", _("— choose —"));
	for (size_t i = 0; i < offices.n; i++) {
		const struct office *of = offices.items[i];
		if (k->office && !strcmp(of->id, k->office))
			continue;
		html_printf(o, "<option value=\"%s\"%R>%s</option>", of->id,
			    to && !strcmp(to, of->id) ? " selected" : "", of->name);
	}
	html_printf(o, "</select>");
	if (e_to)
		html_printf(o, "<small id=\"e-to_office\" class=\"field-error\">%s</small>", e_to);
	html_printf(o, "</div>");
	/* Not "reason": the status form on the case page has that id. */
	form_text(r, "transfer_reason", _("Reason for the transfer"),
		  errs ? req_form(r, "transfer_reason") : NULL, errs, "text", NULL, 1);
	html_printf(o, "<div class=\"field\"><label for=\"f-shared\">%s</label><select id=\"f-shared\" name=\"shared\">",
		    _("What the other office sees before accepting"));
	static const char *const kinds[] = { "summary", "services", "all" };
	for (size_t i = 0; i < 3; i++)
		html_printf(o, "<option value=\"%s\"%R>%s</option>", kinds[i],
			    shared && !strcmp(shared, kinds[i]) ? " selected" : "",
			    shared_label(kinds[i]));
	html_printf(o, "</select></div><fieldset><label for=\"f-consent\"><input type=\"checkbox\" id=\"f-consent\" name=\"consent\" value=\"1\"%R%R> %s</label>",
		    e_consent ? " aria-invalid=\"true\" aria-describedby=\"e-consent\"" : "",
		    errs && req_form(r, "consent") ? " checked" : "",
		    _("The person agreed to the transfer of their case"));
	if (e_consent)
		html_printf(o, "<small id=\"e-consent\" class=\"field-error\">%s</small>", e_consent);
	html_printf(o, "</fieldset><button type=\"submit\">%s</button></form></details>",
		    _("Send the case"));
}

void web_case_transfers(struct request *r, const struct case_rec *k)
{
	struct store_list l;
	struct buf *o = &r->out;
	if (case_transfer_of_case(&r->ctx, k, &l) != DOM_OK)
		return;
	html_printf(o, "<section id=\"transfers\"><h2>%s</h2><p>%s: <strong class=\"case-office\">%s</strong></p>",
		    _("Office and transfers"), _("Office"), office_name(r, k->office));
	int pending = 0;
	for (size_t i = 0; i < l.n; i++)
		pending |= !strcmp(((struct case_transfer *)l.items[i])->status, "sent");
	if (l.n)
		transfer_rows(r, &l, 1, _("Transfers of this case"));
	if (pending)
		html_printf(o, "<p class=\"notice\">%s</p>", _("A transfer of this case is waiting for the other office's answer."));
	else if (case_may_work(&r->user, k) && strcmp(k->status, "closed") != 0)
		transfer_form(r, k, NULL);
	html_printf(o, "</section>");
}

/* POST /cases/{id}/transfer: to_office, reason, shared, consent. */
void page_case_transfer(struct request *r)
{
	struct case_rec k;
	struct case_transfer t;
	struct errors errs = { 0 };
	const char *consent = req_form(r, "consent");
	int rc = case_transfer_send(&r->ctx, r->params[0], req_form(r, "to_office"),
				    req_form(r, "transfer_reason"), consent && !strcmp(consent, "1"),
				    req_form(r, "shared"), &errs, &t);
	if (errors_for(&errs, "reason"))
		errors_add(&errs, "transfer_reason", errors_for(&errs, "reason"));
	if ((rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) &&
	    case_load(&r->ctx, r->params[0], &k) == DOM_OK) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		web_begin(r, _("Transfer to another office"), "cases");
		html_printf(&r->out, "<h1>%s · %s</h1>", _("Transfer to another office"), k.ref);
		form_error_summary(r, &errs);
		transfer_form(r, &k, &errs);
		html_printf(&r->out, "<p><a href=\"/cases/%u#transfers\">%s</a></p>", k.id,
			    _("Back to the case"));
		web_end(r);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/transfers/%s?sent=1", t.id));
}

/* GET /transfers: those waiting for an answer from the user's offices,
 * and those they sent; office narrows both to one office. */
void page_transfers(struct request *r)
{
	struct store_list in, out;
	struct errors errs = { 0 };
	struct buf *o = &r->out;
	const char *office = req_query(r, "office");
	if (office && !*office)
		office = NULL;
	int rc = case_transfer_list(&r->ctx, "incoming", "sent", office, TRANSFERS_PAGE, 0, &errs, &in);
	if (!rc)
		rc = case_transfer_list(&r->ctx, "outgoing", NULL, office, TRANSFERS_PAGE, 0, &errs, &out);
	if (rc && rc != DOM_INVALID) {
		web_error(r, rc);
		return;
	}
	if (rc)
		r->status = 400;
	web_begin(r, _("Transfers"), "transfers");
	html_printf(o, "<h1>%s</h1>", _("Transfers"));
	html_printf(o, "<form method=\"get\" action=\"/transfers\" class=\"filters\">");
	web_office_filter(r, office);
	html_printf(o, "<button type=\"submit\" class=\"secondary\">%s</button></form>", _("Filter"));
	if (rc) {
		form_error_summary(r, &errs);
		web_end(r);
		return;
	}
	html_printf(o, "<section id=\"incoming\"><h2>%s</h2>", _("Waiting for your answer"));
	if (in.n)
		transfer_rows(r, &in, 0, _("Waiting for your answer"));
	else
		html_printf(o, "<p>%s</p>", _("No transfers are waiting for an answer."));
	html_printf(o, "</section><section id=\"outgoing\"><h2>%s</h2>", _("Sent by your offices"));
	if (out.n)
		transfer_rows(r, &out, 1, _("Sent by your offices"));
	else
		html_printf(o, "<p>%s</p>", _("No transfers sent."));
	html_printf(o, "</section>");
	web_end(r);
}

static void fact(struct request *r, const char *label, const char *value)
{
	html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", label,
		    value && *value ? value : "—");
}

/* The snapshot: what the sending office sent, read-only. */
static void snapshot_view(struct request *r, const struct case_transfer *t)
{
	struct buf *o = &r->out;
	json_t *s = case_transfer_snapshot(&r->ctx, t);
	json_t *k = json_object_get(s, "case"), *p = json_object_get(s, "person");
	json_t *services = json_object_get(s, "services");
#define J(obj, key) json_string_value(json_object_get(obj, key))
	html_printf(o, "<section id=\"snapshot\"><h2>%s</h2><p>%s</p><table class=\"facts\"><tbody>",
		    _("What was sent"), _("A copy made when the case was sent; it does not change."));
	fact(r, _("Case"), J(k, "ref"));
	fact(r, _("Person"), p ? arena_printf(r->a, "%s %s %s (%s)", J(p, "given_names") ? J(p, "given_names") : "",
					      J(p, "surname1") ? J(p, "surname1") : "",
					      J(p, "surname2") ? J(p, "surname2") : "",
					      J(p, "ref") ? J(p, "ref") : "")
				  : NULL);
	fact(r, _("Area"), catalog_label(&CAT_AREA, J(k, "area")));
	fact(r, _("Status"), catalog_label(&CAT_CASE_STATUS, J(k, "status")));
	fact(r, _("Risk"), catalog_label(&CAT_RISK, J(k, "risk")));
	html_printf(o, "</tbody></table>");
	if (json_is_array(services)) {
		const struct catalog *types = catalog_service_types(t->area);
		html_printf(o, "<h3>%s</h3>", _("Services"));
		if (!json_array_size(services))
			html_printf(o, "<p>%s</p>", _("No services recorded."));
		else
			html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				    _("Services"), _("Date"), _("Type"), _("Outcome"), _("Notes"));
		for (size_t i = 0; i < json_array_size(services); i++) {
			json_t *v = json_array_get(services, i);
			html_printf(o, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
				    _("Date"), J(v, "date"), _("Type"),
				    catalog_label(types, J(v, "type")), _("Outcome"),
				    J(v, "outcome") ? J(v, "outcome") : "—", _("Notes"),
				    J(v, "notes") ? J(v, "notes") : "—");
		}
		if (json_array_size(services))
			html_printf(o, "</tbody></table></div>");
	}
#undef J
	html_printf(o, "</section>");
	json_decref(s);
}

static void render_transfer(struct request *r, const char *id, const struct errors *errs)
{
	struct case_transfer t;
	struct case_rec k;
	struct buf *o = &r->out;
	char sent[32], decided[32];
	int rc = errs ? case_transfer_get(&r->ctx, id, &t) : case_transfer_read(&r->ctx, id, &t);
	if (rc) {
		web_error(r, rc);
		return;
	}
	when(t.sent_at, sent);
	when(t.decided_at, decided);
	web_begin(r, _("Transfer"), "transfers");
	if (req_query(r, "sent"))
		html_printf(o, "<p class=\"notice\" role=\"status\">%s</p>", _("The case was sent. The other office will accept or reject it."));
	html_printf(o, "<h1>%s</h1>", _("Transfer of a case"));
	if (errs)
		form_error_summary(r, errs);
	html_printf(o, "<table class=\"facts\"><tbody>");
	/* The case itself only for those who see it now. */
	if (case_load(&r->ctx, t.case_id, &k) == DOM_OK)
		html_printf(o, "<tr><th scope=\"row\">%s</th><td><a href=\"/cases/%u\">%s</a></td></tr>",
			    _("Case"), k.id, k.ref);
	fact(r, _("From office"), office_name(r, t.from_office));
	fact(r, _("To office"), office_name(r, t.to_office));
	html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"transfer-status\">%s</td></tr>",
		    _("Status"), status_label(t.status));
	fact(r, _("Reason for the transfer"), t.reason);
	fact(r, _("Consent"), _("The person agreed to the transfer"));
	fact(r, _("Shared"), shared_label(t.shared));
	fact(r, _("Sent by"), arena_printf(r->a, "%s · %s", web_user_name(r, t.sent_by), sent));
	if (t.decided_at) {
		fact(r, _("Answered by"), arena_printf(r->a, "%s · %s", web_user_name(r, t.decided_by), decided));
		fact(r, _("Comment"), t.comment);
	}
	html_printf(o, "</tbody></table>");
	if (!strcmp(t.status, "sent") && case_transfer_may_decide(&r->user, &t)) {
		html_printf(o, "<form method=\"post\" action=\"/transfers/%u/decide\" class=\"decide-transfer\">", t.id);
		form_csrf(r);
		form_text(r, "comment", _("Comment (required to reject)"),
			  errs ? req_form(r, "comment") : NULL, errs, "text", NULL, 0);
		html_printf(o, "<div class=\"grid\"><button type=\"submit\" name=\"decision\" value=\"accept\">%s</button><button type=\"submit\" name=\"decision\" value=\"reject\" class=\"secondary\">%s</button></div></form>",
			    _("Accept the case"), _("Reject the transfer"));
	}
	if (!strcmp(t.status, "sent") && case_transfer_may_cancel(&r->user, &t)) {
		html_printf(o, "<form method=\"post\" action=\"/transfers/%u/decide\" class=\"cancel-transfer\">", t.id);
		form_csrf(r);
		html_printf(o, "<button type=\"submit\" name=\"decision\" value=\"cancel\" class=\"secondary outline\">%s</button></form>",
			    _("Withdraw the transfer"));
	}
	snapshot_view(r, &t);
	html_printf(o, "<p><a href=\"/transfers\">%s</a></p>", _("All transfers"));
	web_end(r);
}

void page_transfer(struct request *r)
{
	render_transfer(r, r->params[0], NULL);
}

/* POST /transfers/{id}/decide: decision accept|reject (the receiving
 * office) or cancel (the sending office), comment. */
void page_transfer_decide(struct request *r)
{
	struct errors errs = { 0 };
	struct case_transfer t;
	const char *d = req_form(r, "decision");
	const char *comment = req_form(r, "comment");
	int accept = d && !strcmp(d, "accept"), rc = DOM_INVALID;
	if (d && !strcmp(d, "cancel"))
		rc = case_transfer_cancel(&r->ctx, r->params[0], comment, &errs, &t);
	else if (accept || (d && !strcmp(d, "reject")))
		rc = case_transfer_decide(&r->ctx, r->params[0], accept, comment, &errs, &t);
	if (rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) {
		if (!errs.n)
			errors_add(&errs, "decision", _("Choose to accept or to reject."));
		r->status = rc == DOM_INVALID ? 400 : 409;
		render_transfer(r, r->params[0], &errs);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, accept ? arena_printf(r->a, "/cases/%s?saved=1", t.case_id)
				: arena_printf(r->a, "/transfers/%s", t.id));
}

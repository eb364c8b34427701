/* page_data_requests.c: data-subject requests (docs/data-rights.md): the
 * list "Solicitudes de derechos" with due dates, the section on the
 * person profile (register a request, download the record) and the two
 * forms' handlers. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/anonymise.h"
#include "domain/data_request.h"
#include "domain/person.h"
#include "web/web.h"

/* A textarea with its label and error, as form_text writes an input. */
static void textarea(struct request *r, const char *id, const char *name, const char *label,
		     const char *value, const struct errors *errs, int required)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	html_printf(&r->out,
		    "<div class=\"field\"><label for=\"%s\">%s</label><textarea "
		    "id=\"%s\" name=\"%s\" rows=\"2\"%R%R>%s</textarea>",
		    id, label, id, name, required ? " required" : "",
		    err ? " aria-invalid=\"true\"" : "", value);
	if (err)
		html_printf(&r->out, "<small class=\"field-error\">%s</small>", err);
	html_printf(&r->out, "</div>");
}

/* The form registering a request for person_id; errs (and the posted
 * values) when it failed. */
static void register_form(struct request *r, const char *person_id, const struct errors *errs)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<form method=\"post\" action=\"/people/%u/data-requests\" "
		    "class=\"data-request\">",
		    person_id);
	form_csrf(r);
	html_printf(o, "<div class=\"grid\">");
	form_select(r, "kind", _("Right exercised"), &CAT_DATA_REQUEST_KIND,
		    errs ? req_form(r, "kind") : NULL, errs, 1);
	form_select(r, "channel", _("How it was received"), &CAT_DATA_REQUEST_CHANNEL,
		    errs ? req_form(r, "channel") : NULL, errs, 1);
	form_text(r, "received_on", _("Received on"), errs ? req_form(r, "received_on") : NULL,
		  errs, "date", _("Empty: today."), 0);
	html_printf(o, "</div>");
	textarea(r, "f-details", "details", _("What the person asks for"),
		 errs ? req_form(r, "details") : NULL, errs, 0);
	html_printf(o, "<button type=\"submit\">%s</button></form>", _("Register the request"));
}

/* The form closing d; ids carry d's id unless it is shown alone. */
static void close_form(struct request *r, const struct data_request *d, const struct errors *errs)
{
	struct buf *o = &r->out;
	const char *sfx = errs ? "" : arena_printf(r->a, "-%s", d->id);
	const char *st = errs ? req_form(r, "status") : NULL;
	html_printf(o,
		    "<form method=\"post\" action=\"/data-requests/%u/close\" "
		    "class=\"close-request\">",
		    d->id);
	form_csrf(r);
	const char *err = errs ? errors_for(errs, "status") : NULL;
	html_printf(
		o,
		"<div class=\"field\"><label for=\"f-status%s\">%s</label><select "
		"id=\"f-status%s\" name=\"status\" required%R><option "
		"value=\"done\"%R>%s</option><option "
		"value=\"refused\"%R>%s</option></select>",
		sfx, _("Outcome"), sfx, err ? " aria-invalid=\"true\"" : "",
		st && strcmp(st, "done") == 0 ? " selected" : "", C_("data request", "Answered"),
		st && strcmp(st, "refused") == 0 ? " selected" : "", C_("data request", "Refused"));
	if (err)
		html_printf(o, "<small class=\"field-error\">%s</small>", err);
	html_printf(o, "</div>");
	textarea(r, arena_printf(r->a, "f-outcome_note%s", sfx), "outcome_note",
		 _("Note (required to refuse)"), errs ? req_form(r, "outcome_note") : NULL, errs,
		 0);
	if (strcmp(d->kind, "rectification") == 0) {
		const char *eerr = errs ? errors_for(errs, "rectified_event") : NULL;
		html_printf(o,
			    "<div class=\"field\"><label "
			    "for=\"f-rectified_event%s\">%s</label><input "
			    "id=\"f-rectified_event%s\" name=\"rectified_event\" "
			    "inputmode=\"numeric\" value=\"%s\"%R><small>%s</small>",
			    sfx, _("Number of the edit that rectified the record"), sfx,
			    errs ? req_form(r, "rectified_event") : NULL,
			    eerr ? " aria-invalid=\"true\"" : "",
			    _("See “Change history” on the person's History tab."));
		if (eerr)
			html_printf(o, "<small class=\"field-error\">%s</small>", eerr);
		html_printf(o, "</div>");
	}
	html_printf(o, "<button type=\"submit\" class=\"secondary\">%s</button></form>",
		    _("Close the request"));
}

/* The due date of d, marked when it is past. */
static void due_cell(struct request *r, const struct data_request *d)
{
	char due[16];
	date_display(d->due_on, due);
	if (d->overdue)
		html_printf(&r->out,
			    "<td data-label=\"%s\" class=\"overdue\"><strong>%s</strong> "
			    "<mark>%s</mark></td>",
			    _("Due"), due, C_("data request", "Overdue"));
	else
		html_printf(&r->out, "<td data-label=\"%s\">%s</td>", _("Due"), due);
}

/* A table of requests; with_person adds the person's column. */
static void request_table(struct request *r, const struct store_list *l, int with_person)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" "
		    "aria-label=\"%s\"><table class=\"data-requests "
		    "stack\"><thead><tr><th>%s</th>",
		    _("Data-protection requests"), _("Reference"));
	if (with_person)
		html_printf(o, "<th>%s</th>", _("Person"));
	html_printf(o,
		    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></"
		    "thead><tbody>",
		    _("Right exercised"), _("Received on"), _("Due"), _("Status"), _("Actions"));
	for (size_t i = 0; i < l->n; i++) {
		const struct data_request *d = l->items[i];
		struct person p;
		char rec[16];
		date_display(d->received_on, rec);
		html_printf(o, "<tr%R><td data-label=\"%s\">%s</td>",
			    d->overdue ? " class=\"overdue\"" : "", _("Reference"), d->ref);
		if (with_person) {
			int ok = person_load(&r->ctx, d->person_id, &p) == DOM_OK;
			html_printf(o,
				    "<td data-label=\"%s\"><a "
				    "href=\"/people/%u/history#data-rights\">%s</a></td>",
				    _("Person"), d->person_id, ok ? p.ref : d->person_id);
		}
		html_printf(o, "<td data-label=\"%s\">%s · %s</td><td data-label=\"%s\">%s</td>",
			    _("Right exercised"), catalog_label(&CAT_DATA_REQUEST_KIND, d->kind),
			    catalog_label(&CAT_DATA_REQUEST_CHANNEL, d->channel), _("Received on"),
			    rec);
		due_cell(r, d);
		html_printf(o, "<td data-label=\"%s\">%s", _("Status"),
			    catalog_label(&CAT_DATA_REQUEST_STATUS, d->status));
		if (d->outcome_note)
			html_printf(o, ": %s", d->outcome_note);
		if (d->rectified_event)
			html_printf(o, " (%s %s)", _("edit no."), d->rectified_event);
		html_printf(o, "</td><td data-label=\"%s\">", _("Actions"));
		if (strcmp(d->status, "open") == 0) {
			html_printf(o, "<details><summary>%s</summary>", _("Close"));
			close_form(r, d, NULL);
			html_printf(o, "</details>");
		} else {
			html_printf(o, "—");
		}
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table></div>");
}

void web_person_anonymised(struct request *r, const struct person *p)
{
	struct anonymisation a;
	char when[32];
	int yes;
	if (person_anonymised(&r->ctx, p->id, &yes, &a) != DOM_OK || !yes)
		return;
	time_display(a.anonymised_at, when);
	html_printf(&r->out,
		    "<p class=\"notice anonymised\" role=\"status\"><strong>%s</strong> · %s</p>",
		    _("Anonymised person"), when);
}

/* The form anonymising p: a reason and an explicit confirmation. */
static void anonymise_form(struct request *r, const struct person *p, const struct errors *errs)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<form method=\"post\" action=\"/people/%u/anonymise\" "
		    "class=\"anonymise\"><p>%s</p>",
		    p->id,
		    _("Names, contacts, address, documents and the free text of their records are "
		      "erased for good. Sex, nationality, year of birth and every record stay, so "
		      "counts do not change. This cannot be undone."));
	form_csrf(r);
	textarea(r, "f-anon-reason", "reason", _("Reason (for example, the cancellation request)"),
		 errs ? req_form(r, "reason") : NULL, errs, 1);
	const char *err = errs ? errors_for(errs, "confirm") : NULL;
	html_printf(o,
		    "<label><input type=\"checkbox\" name=\"confirm\" value=\"1\" required%R> "
		    "%s</label>",
		    err ? " aria-invalid=\"true\"" : "",
		    _("I understand that this cannot be undone."));
	if (err)
		html_printf(o, "<small class=\"field-error\">%s</small>", err);
	html_printf(o, "<button type=\"submit\" class=\"contrast\">%s</button></form>",
		    _("Anonymise the person"));
}

void web_person_data_rights(struct request *r, const struct person *p)
{
	struct store_list l = { 0 };
	struct buf *o = &r->out;
	int requests = data_request_may(&r->user) == DOM_OK &&
		       data_request_list(&r->ctx, p->id, NULL, 0, 100, 0, &l) == DOM_OK;
	int anon = 0, may_anon = anonymise_may(&r->user) == DOM_OK;
	if (!requests && !may_anon)
		return;
	person_anonymised(&r->ctx, p->id, &anon, NULL);
	html_printf(o, "<section id=\"data-rights\"><h2>%s</h2>", _("Data-protection rights"));
	if (!requests)
		goto anonymise;
	html_printf(o,
		    "<p><a href=\"/api/v1/people/%u/export\" role=\"button\" "
		    "class=\"outline\" download>%s</a></p>",
		    p->id, _("Download the complete record (JSON)"));
	html_printf(o, "<p><a href=\"/people/%u/export.pdf\" role=\"button\" class=\"outline\" download>%s</a></p>",
		    p->id, _("Download the complete record (PDF)"));
	if (l.n)
		request_table(r, &l, 0);
	else
		html_printf(o, "<p>%s</p>", _("No data-protection requests."));
	/* The changes to the person's own fields, numbered so that a
	 * rectification can name the edit that answered it. Field names
	 * only: the old values are not kept (docs/data-rights.md). */
	static const char *const edits[] = { "create", "update", "anonymise", NULL };
	html_printf(o, "<h3 id=\"changes\">%s</h3>", _("Change history"));
	if (!web_audit_table_numbered(r, p->id, 100, _("Change history"), edits))
		html_printf(o, "<p>%s</p>", _("No changes recorded."));
	if (strcmp(p->status, "merged") != 0) {
		html_printf(o, "<details><summary>%s</summary>", _("Register a request"));
		register_form(r, p->id, NULL);
		html_printf(o, "</details>");
	}
anonymise:
	if (may_anon && !anon && strcmp(p->status, "merged") != 0) {
		html_printf(o, "<details><summary>%s</summary>", _("Anonymise the person"));
		anonymise_form(r, p, NULL);
		html_printf(o, "</details>");
	}
	html_printf(o, "</section>");
}

/* GET /data-requests?status=open|done|refused&overdue=1 */
void page_data_requests(struct request *r)
{
	struct store_list l;
	struct buf *o = &r->out;
	const char *status = req_query(r, "status"), *overdue = req_query(r, "overdue");
	if (status && !catalog_find(&CAT_DATA_REQUEST_STATUS, status))
		status = NULL;
	int only = overdue && *overdue && strcmp(overdue, "0") != 0;
	int rc = data_request_list(&r->ctx, NULL, status, only, 500, 0, &l);
	if (rc) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Data-protection requests"), "data-requests");
	web_saved_notice(r);
	html_printf(o, "<h1>%s</h1><p>%s</p>", _("Data-protection requests"),
		    _("Requests of access, rectification, cancellation, objection "
		      "and portability. The law gives a deadline in business days; "
		      "overdue ones are marked."));
	html_printf(o,
		    "<nav><ul><li><a href=\"/data-requests\">%s</a></li><li><a "
		    "href=\"/data-requests?status=open\">%s</a></li><li><a "
		    "href=\"/data-requests?overdue=1\">%s</a></li></ul></nav>",
		    _("All"), C_("data requests", "Open"), C_("data requests", "Overdue"));
	if (l.n)
		request_table(r, &l, 1);
	else
		html_printf(o, "<p>%s</p>", _("No data-protection requests."));
	html_printf(o, "<p>%s</p>", _("To register a request, open the person's profile, tab History."));
	web_end(r);
}

/* Opens a standalone page for a form that failed, with its errors. */
static void failed_page(struct request *r, int rc, const char *title, const struct errors *errs)
{
	r->status = rc == DOM_INVALID ? 400 : 409;
	web_begin(r, title, "data-requests");
	html_printf(&r->out, "<h1>%s</h1>", title);
	form_error_summary(r, errs);
}

/* POST /people/{id}/data-requests: kind, channel, received_on, details. */
void page_data_request_create(struct request *r)
{
	struct errors errs = { 0 };
	struct data_request in = { 0 };
	in.kind = (char *)req_form(r, "kind");
	in.channel = (char *)req_form(r, "channel");
	in.details = (char *)req_form(r, "details");
	in.received_on = (char *)form_date(r, "received_on", &errs);
	int rc =
		errs.n ? DOM_INVALID : data_request_create(&r->ctx, r->params[0], &in, &errs, NULL);
	if (rc == DOM_INVALID) {
		failed_page(r, rc, _("Register a request"), &errs);
		register_form(r, r->params[0], &errs);
		html_printf(&r->out, "<p><a href=\"/people/%u/history#data-rights\">%s</a></p>",
			    r->params[0], _("Back to the person"));
		web_end(r);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/people/%s/history?saved=1#data-rights", r->params[0]));
}

/* POST /data-requests/{id}/close: status, outcome_note, rectified_event. */
void page_data_request_close(struct request *r)
{
	struct errors errs = { 0 };
	struct data_request d;
	int rc = data_request_close(&r->ctx, r->params[0], req_form(r, "status"),
				    req_form(r, "outcome_note"), req_form(r, "rectified_event"),
				    &errs, NULL);
	if (rc == DOM_INVALID && data_request_get(&r->ctx, r->params[0], &d) == DOM_OK) {
		failed_page(r, rc, _("Close the request"), &errs);
		html_printf(&r->out, "<p>%s · %s</p>", d.ref,
			    catalog_label(&CAT_DATA_REQUEST_KIND, d.kind));
		close_form(r, &d, &errs);
		web_end(r);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, "/data-requests?saved=1");
}

/* POST /people/{id}/anonymise: reason, confirm. */
void page_person_anonymise(struct request *r)
{
	struct errors errs = { 0 };
	struct person p;
	const char *confirm = req_form(r, "confirm");
	if (!confirm || strcmp(confirm, "1") != 0)
		errors_add(&errs, "confirm",
			   _("Confirm that you understand this cannot be undone."));
	int rc = person_anonymise(&r->ctx, r->params[0], req_form(r, "reason"), &errs);
	if (rc == DOM_INVALID && person_load(&r->ctx, r->params[0], &p) == DOM_OK) {
		failed_page(r, rc, _("Anonymise the person"), &errs);
		anonymise_form(r, &p, &errs);
		html_printf(&r->out, "<p><a href=\"/people/%u/history#data-rights\">%s</a></p>", p.id,
			    _("Back to the person"));
		web_end(r);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/people/%s?saved=1", r->params[0]));
}

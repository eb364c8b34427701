/* page_sharing.c: data-sharing agreements: the administrators' page
 * (list, register, end) and the select of agreements in force that
 * export forms show. See docs/consent.md. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/auth.h"
#include "domain/partner.h"
#include "domain/sharing.h"
#include "web/web.h"

/* "Recipient · purpose (until DD/MM/YYYY)" for a select. */
static const char *agreement_label(struct request *r, const struct sharing_agreement *a)
{
	char until[16];
	date_display(a->expires_on, until);
	return arena_printf(r->a, _("%s · %s (until %s)"), sharing_recipient(&r->ctx, a), a->purpose,
			    until);
}

void web_agreement_select(struct request *r, const struct errors *errs)
{
	struct store_list l;
	const char *chosen = errs ? req_form(r, "agreement_id") : NULL;
	const char *err = errs ? errors_for(errs, "agreement_id") : NULL;
	if (sharing_list(&r->ctx, 1, NULL, &l) != DOM_OK)
		return;
	html_printf(&r->out, "<label for=\"f-agreement_id\">%s</label><select id=\"f-agreement_id\" name=\"agreement_id\"%R><option value=\"\">%s</option>",
		    _("Data-sharing agreement"), err ? " aria-invalid=\"true\"" : "",
		    _("— the one with the partner, if any —"));
	for (size_t i = 0; i < l.n; i++) {
		const struct sharing_agreement *a = l.items[i];
		html_printf(&r->out, "<option value=\"%s\"%R>%s</option>", a->id,
			    chosen && strcmp(chosen, a->id) == 0 ? " selected" : "", agreement_label(r, a));
	}
	html_printf(&r->out, "</select>");
	if (err)
		html_printf(&r->out, "<small class=\"field-error\">%s</small>", err);
}

void web_agreement_choice(struct request *r, const char *fields)
{
	struct store_list l;
	if (sharing_list(&r->ctx, 1, NULL, &l) != DOM_OK)
		return;
	html_printf(&r->out, "<label for=\"f-agreement\">%s</label><select id=\"f-agreement\" name=\"agreement\" required><option value=\"\">%s</option>",
		    _("Data-sharing agreement with the recipient"), _("— choose —"));
	for (size_t i = 0; i < l.n; i++)
		if (sharing_covers(l.items[i], fields))
			html_printf(&r->out, "<option value=\"%s\">%s</option>",
				    ((struct sharing_agreement *)l.items[i])->id, agreement_label(r, l.items[i]));
	html_printf(&r->out, "</select>");
}

static void create_form(struct request *r, const struct errors *errs)
{
	struct buf *o = &r->out;
	struct store_list l;
	struct errors none = { 0 };
	struct partner_filter f = { .active = "all" };
	const char *partner = errs ? req_form(r, "partner_id") : NULL;
	const char *perr = errs ? errors_for(errs, "partner_id") : NULL;
	html_printf(o, "<form method=\"post\" action=\"/sharing-agreements\">");
	form_csrf(r);
	html_printf(o, "<div class=\"grid\"><div><label for=\"f-partner_id\">%s</label><select id=\"f-partner_id\" name=\"partner_id\"%R><option value=\"\">%s</option>",
		    _("Partner"), perr ? " aria-invalid=\"true\"" : "", _("— another recipient —"));
	if (partner_list(&r->ctx, &f, PARTNERS_MAX, 0, &none, &l) == DOM_OK)
		for (size_t i = 0; i < l.n; i++) {
			const struct partner *p = l.items[i];
			html_printf(o, "<option value=\"%s\"%R>%s</option>", p->id,
				    partner && strcmp(partner, p->id) == 0 ? " selected" : "", p->name);
		}
	html_printf(o, "</select>");
	if (perr)
		html_printf(o, "<small class=\"field-error\">%s</small>", perr);
	html_printf(o, "</div>");
	form_text(r, "recipient", _("Or another recipient (e.g. a payment provider)"),
		  errs ? req_form(r, "recipient") : NULL, errs, "text", NULL, 0);
	html_printf(o, "</div>");
	form_text(r, "purpose", _("Purpose"), errs ? req_form(r, "purpose") : NULL, errs, "text", NULL, 1);
	form_checks(r, "fields", _("Data it covers"), &CAT_SHARED_FIELD,
		    errs ? form_joined(r, "fields") : NULL, errs);
	form_select(r, "legal_basis", _("Legal basis"), &CAT_LEGAL_BASIS,
		    errs ? req_form(r, "legal_basis") : NULL, errs, 1);
	html_printf(o, "<div class=\"grid\">");
	form_text(r, "starts_on", _("Starts on"), errs ? req_form(r, "starts_on") : NULL, errs, "date", NULL, 1);
	form_text(r, "expires_on", _("Expires on"), errs ? req_form(r, "expires_on") : NULL, errs, "date", NULL, 1);
	html_printf(o, "</div><div class=\"grid\">");
	form_text(r, "signed_by", _("Signed by"), errs ? req_form(r, "signed_by") : NULL, errs, "text", NULL, 1);
	form_text(r, "document_ref", _("Document reference"), errs ? req_form(r, "document_ref") : NULL,
		  errs, "text", NULL, 0);
	html_printf(o, "</div><button type=\"submit\">%s</button></form>", _("Register the agreement"));
}

static void agreement_row(struct request *r, const struct sharing_agreement *a, const char *today,
			  int manage)
{
	struct buf *o = &r->out;
	char from[16], until[16];
	date_display(a->starts_on, from);
	date_display(a->expires_on, until);
	const char *status = a->ended_at	     ? _("Ended")
			     : sharing_valid(a, today) ? _("In force")
			     : strcmp(today, a->starts_on) < 0 ? _("Not started")
							       : _("Expired");
	html_printf(o, "<tr id=\"agreement-%s\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s – %s</td><td data-label=\"%s\">%s%R%s</td><td data-label=\"%s\"><strong>%s</strong>",
		    a->id, _("Recipient"), sharing_recipient(&r->ctx, a), _("Purpose"), a->purpose,
		    _("Data it covers"), web_code_labels(r, &CAT_SHARED_FIELD, a->fields), _("Legal basis"),
		    catalog_label(&CAT_LEGAL_BASIS, a->legal_basis), _("Valid"), from, until, _("Signed by"),
		    a->signed_by, a->document_ref ? " · " : "", a->document_ref ? a->document_ref : "",
		    _("Status"), status);
	if (a->ended_at)
		html_printf(o, "<br><small>%s</small>", a->end_reason);
	else if (manage) {
		html_printf(o, "<details><summary>%s</summary><form method=\"post\" action=\"/sharing-agreements/%u/end\">",
			    _("End"), a->id);
		form_csrf(r);
		html_printf(o, "<label for=\"f-end-%s\">%s</label><input id=\"f-end-%s\" name=\"end_reason\" type=\"text\" required><button type=\"submit\" class=\"secondary\">%s</button></form></details>",
			    a->id, _("Why it ends"), a->id, _("End the agreement"));
	}
	html_printf(o, "</td></tr>");
}

/* The page, with errs (NULL: none) from a failed registration. */
static void agreements_page(struct request *r, const struct errors *errs)
{
	struct store_list l;
	struct buf *o = &r->out;
	char today[16];
	int rc = sharing_list(&r->ctx, 0, NULL, &l);
	if (rc) {
		web_error(r, rc);
		return;
	}
	int manage = auth_check(&r->user, PERM_SETTINGS_MANAGE) == DOM_OK;
	time_today(today);
	web_begin(r, _("Data-sharing agreements"), "sharing");
	html_printf(o, "<h1>%s</h1><p>%s</p>", _("Data-sharing agreements"),
		    _("Personal data leaves the organisation (referrals to partners, payment lists) only under an agreement in force that covers the data sent."));
	if (errs)
		form_error_summary(r, errs);
	if (l.n) {
		html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"agreements stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
			    _("Data-sharing agreements"), _("Recipient"), _("Purpose"), _("Data it covers"),
			    _("Legal basis"), _("Valid"), _("Signed by"), _("Status"));
		for (size_t i = 0; i < l.n; i++)
			agreement_row(r, l.items[i], today, manage);
		html_printf(o, "</tbody></table></div>");
	} else {
		html_printf(o, "<p>%s</p>", _("No agreements registered."));
	}
	if (manage) {
		html_printf(o, "<details%R><summary>%s</summary>", errs ? " open" : "", _("Register an agreement"));
		create_form(r, errs);
		html_printf(o, "</details>");
	}
	web_end(r);
}

/* GET /sharing-agreements */
void page_sharing_agreements(struct request *r)
{
	agreements_page(r, NULL);
}

/* POST /sharing-agreements */
void page_sharing_agreement_create(struct request *r)
{
	struct errors errs = { 0 };
	struct sharing_agreement a = {
		.partner_id = (char *)req_form(r, "partner_id"),
		.recipient = (char *)req_form(r, "recipient"),
		.purpose = (char *)req_form(r, "purpose"),
		.fields = (char *)form_joined(r, "fields"),
		.legal_basis = (char *)req_form(r, "legal_basis"),
		.starts_on = (char *)req_form(r, "starts_on"),
		.expires_on = (char *)req_form(r, "expires_on"),
		.signed_by = (char *)req_form(r, "signed_by"),
		.document_ref = (char *)req_form(r, "document_ref"),
	};
	for (size_t i = 0; i < ENT_SHARING_AGREEMENT.nfields; i++) { /* trimmed in place: copies */
		char **f = field_ptr(&a, &ENT_SHARING_AGREEMENT.fields[i]);
		if (*f)
			*f = arena_strdup(r->a, *f);
	}
	int rc = sharing_create(&r->ctx, &a, &errs, NULL);
	if (rc == DOM_INVALID) {
		r->status = 400;
		agreements_page(r, &errs);
	} else if (rc) {
		web_error(r, rc);
	} else {
		resp_redirect(r, "/sharing-agreements?saved=1");
	}
}

/* POST /sharing-agreements/{id}/end: end_reason. */
void page_sharing_agreement_end(struct request *r)
{
	struct errors errs = { 0 };
	int rc = sharing_end(&r->ctx, r->params[0], req_form(r, "end_reason"), &errs, NULL);
	if (rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		agreements_page(r, &errs);
	} else if (rc) {
		web_error(r, rc);
	} else {
		resp_redirect(r, arena_printf(r->a, "/sharing-agreements?saved=1#agreement-%s", r->params[0]));
	}
}

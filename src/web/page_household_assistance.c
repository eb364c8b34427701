/* page_household_assistance.c: the "Assistance" section of a household's
 * page: its assistance history and the form that requests assistance
 * (POST /households/{id}/assistance). See docs/assistance.md. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/assistance.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/household.h"
#include "domain/vulnerability.h"
#include "web/web.h"

/* Programmes offered in the form. */
#define ROWS 100

/* The form to request assistance for household h (errs after a failure). */
static void request_form(struct request *r, const struct household *h, const struct errors *errs)
{
	struct store_list l;
	struct buf *o = &r->out;
	const char *chosen = errs ? req_form(r, "programme_id") : NULL;
	const char *err = errs ? errors_for(errs, "programme_id") : NULL;
	if (programme_list(&r->ctx, ROWS, 0, &l) != DOM_OK)
		return;
	html_printf(o, "<form method=\"post\" action=\"/households/%u/assistance\" class=\"assistance-request\">", h->id);
	form_csrf(r);
	struct vulnerability v;
	if (vulnerability_of(&r->ctx, h->id, &v) == DOM_OK)
		html_printf(o, "<p class=\"score\" id=\"household-score\">%s <strong>%s</strong> (%s) · <a href=\"/households/%u#vulnerability\">%s</a></p>",
			    _("This household's vulnerability score:"), arena_printf(r->a, "%d", v.score),
			    _(vulnerability_band_label(v.band)), h->id, _("breakdown"));
	html_printf(o, "<label for=\"f-programme_id\">%s <span class=\"req\" aria-hidden=\"true\">*</span></label><select id=\"f-programme_id\" name=\"programme_id\" required%R><option value=\"\">%s</option>",
		    _("Programme"), err ? " aria-invalid=\"true\"" : "", _("— choose —"));
	for (size_t i = 0; i < l.n; i++) {
		const struct programme *p = l.items[i];
		if (strcmp(p->active, "1") != 0)
			continue;
		html_printf(o, "<option value=\"%s\"%R>%s (%s %s%R%s)</option>", p->id,
			    chosen && strcmp(chosen, p->id) == 0 ? " selected" : "", p->name,
			    web_money(r, p->cap_cents, p->currency),
			    catalog_label(&CAT_PROGRAMME_PERIOD, p->period), p->min_score ? "; " : "",
			    p->min_score ? arena_printf(r->a, _("minimum score %s"), p->min_score) : NULL);
	}
	html_printf(o, "</select>");
	if (err)
		html_printf(o, "<small id=\"e-programme_id\" class=\"field-error\">%s</small>", err);
	form_text(r, "amount", _("Amount"), errs ? req_form(r, "amount") : NULL, errs, "text",
		  _("Such as 150, 150.50 or 150,50"), 1);
	web_assistance_textarea(r, "reason", _("Reason"), errs, 1);
	form_text(r, "payee_name", _("Payee (optional)"), errs ? req_form(r, "payee_name") : NULL,
		  errs, "text", _("The name the bank or wallet has, when it is not the household's head"), 0);
	form_text(r, "payee_account", _("Account, wallet or card number (optional)"),
		  errs ? req_form(r, "payee_account") : NULL, errs, "text",
		  _("Stored encrypted; only those who disburse see it whole"), 0);
	web_assistance_textarea(r, "eligibility_override", _("Why an exception (only under the programme's minimum score)"),
				errs, 0);
	html_printf(o, "<button type=\"submit\">%s</button></form>", _("Request assistance"));
}

void web_household_assistance(struct request *r, const struct household *h, const struct errors *errs)
{
	struct store_list l;
	struct errors lerrs = { 0 };
	struct buf *o = &r->out;
	struct assist_filter f = { .household_id = h->id };
	if (assist_list(&r->ctx, &f, ROWS, 0, &lerrs, &l) != DOM_OK)
		return;
	html_printf(o, "<section id=\"assistance\"><h2>%s</h2>", _("Assistance"));
	if (l.n)
		web_assistance_rows(r, &l, 0);
	else
		html_printf(o, "<p>%s</p>", _("No assistance requested for this household."));
	if (auth_check(&r->user, PERM_ASSIST_REQUEST) == DOM_OK &&
	    (auth_check(&r->user, PERM_ASSIST_DISBURSE) == DOM_OK || auth_in_area(&r->user, "assistance"))) {
		html_printf(o, "<details%R><summary>%s</summary>", errs ? " open" : "", _("Request assistance"));
		if (errs && errs->n)
			form_error_summary(r, errs);
		request_form(r, h, errs);
		html_printf(o, "</details>");
	}
	html_printf(o, "</section>");
}

void page_household_assistance(struct request *r)
{
	struct errors errs = { 0 };
	struct assistance_request rq;
	struct household h;
	struct assist_in in = { .household_id = r->params[0],
				.programme_id = req_form(r, "programme_id"),
				.reason = req_form(r, "reason"),
				.payee_name = req_form(r, "payee_name"),
				.payee_account = req_form(r, "payee_account"),
				.eligibility_override = req_form(r, "eligibility_override") };
	in.amount_cents = web_assistance_cents(r, "amount", &errs);
	if (!in.amount_cents && !errs.n)
		errors_add(&errs, "amount", _("Give the amount."));
	int rc = errs.n ? DOM_INVALID : assist_request(&r->ctx, &in, &errs, &rq);
	web_errors_rename(&errs, "amount_cents", "amount");
	if (!rc) {
		resp_redirect(r, arena_printf(r->a, "/assistance/%s?saved=1", rq.id));
		return;
	}
	if (rc != DOM_INVALID || household_get(&r->ctx, r->params[0], &h) != DOM_OK) {
		web_error(r, rc);
		return;
	}
	r->status = 400;
	web_begin(r, _("Request assistance"), "households");
	html_printf(&r->out, "<h1>%s · <a href=\"/households/%u\">%s %s</a></h1>", _("Request assistance"),
		    h.id, _("Household"), h.ref);
	web_household_assistance(r, &h, &errs);
	web_end(r);
}

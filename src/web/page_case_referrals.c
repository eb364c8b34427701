/* page_case_referrals.c: the case page's "Referrals" section (the case's
 * referrals out and in, and the form to refer it) and POST
 * /cases/{id}/referrals. See docs/referrals.md. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/partner.h"
#include "domain/referral.h"
#include "web/web.h"

/* The <option>s of the active partners: those offering area first. */
static void partner_options(struct request *r, const char *area, const char *chosen)
{
	struct store_list l;
	struct errors errs = { 0 };
	struct partner_filter f = { .active = "1" };
	if (partner_list(&r->ctx, &f, PARTNERS_MAX, 0, &errs, &l) != DOM_OK)
		return;
	for (int offering = 1; offering >= 0; offering--) {
		int any = 0;
		for (size_t i = 0; i < l.n; i++) {
			const struct partner *p = l.items[i];
			if (codes_has(p->areas, area) != offering)
				continue;
			if (!any)
				html_printf(&r->out, "<optgroup label=\"%s\">",
					    offering ? arena_printf(r->a, _("Partners in this area (%s)"), catalog_label(&CAT_AREA, area))
						     : _("Other partners"));
			any = 1;
			html_printf(&r->out, "<option value=\"%s\"%R>%s</option>", p->id,
				    chosen && strcmp(chosen, p->id) == 0 ? " selected" : "", p->name);
		}
		if (any)
			html_printf(&r->out, "</optgroup>");
	}
}

/* A select of its own: a control, its label and its error. */
static void select_open(struct request *r, const char *name, const char *label,
			const struct errors *errs)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	html_printf(&r->out, "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\"%R><option value=\"\">%s</option>",
		    name, label, name, name, err ? " aria-invalid=\"true\"" : "", _("— choose —"));
}

static void select_close(struct request *r, const char *name, const struct errors *errs)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	html_printf(&r->out, "</select>");
	if (err)
		html_printf(&r->out, "<small id=\"e-%s\" class=\"field-error\">%s</small>", name, err);
	html_printf(&r->out, "</div>");
}

/* The form that refers case k; errs (may be NULL) and the typed values
 * when it failed. */
static void refer_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct buf *o = &r->out;
	const char *to_area = errs ? req_form(r, "to_area") : NULL;
	const char *partner = errs ? req_form(r, "to_partner_id") : NULL;
	const char *consent = errs ? req_form(r, "ref_consent") : NULL;
	const char *reason_err = errs ? errors_for(errs, "ref_reason") : NULL;
	const char *consent_err = errs ? errors_for(errs, "ref_consent") : NULL;

	html_printf(o, "<details%R class=\"refer\"><summary>%s</summary><form method=\"post\" action=\"/cases/%u/referrals\">",
		    errs ? " open" : "", _("Refer this case"), k->id);
	form_csrf(r);
	html_printf(o, "<fieldset><legend>%s</legend><div class=\"grid\">", _("Refer to"));
	select_open(r, "to_area", _("Another area of this office"), errs);
	for (size_t i = 0; i < CAT_AREA.n; i++) {
		const struct catalog_item *it = &CAT_AREA.items[i];
		if (strcmp(it->code, k->area) != 0)
			html_printf(o, "<option value=\"%s\"%R>%s</option>", it->code,
				    to_area && strcmp(to_area, it->code) == 0 ? " selected" : "", _(it->label));
	}
	select_close(r, "to_area", errs);
	select_open(r, "to_partner_id", _("Or a partner"), errs);
	partner_options(r, k->area, partner);
	select_close(r, "to_partner_id", errs);
	html_printf(o, "</div></fieldset>");
	form_select(r, "urgency", _("Urgency"), &CAT_URGENCY,
		    errs ? req_form(r, "urgency") : "routine", errs, 1);
	html_printf(o, "<label for=\"f-ref_reason\">%s <span class=\"req\" aria-hidden=\"true\">*</span></label><textarea id=\"f-ref_reason\" name=\"ref_reason\" rows=\"3\" required%R>%s</textarea>",
		    _("Reason for the referral"), reason_err ? " aria-invalid=\"true\" aria-describedby=\"e-ref_reason\"" : "",
		    errs ? req_form(r, "ref_reason") : NULL);
	if (reason_err)
		html_printf(o, "<small id=\"e-ref_reason\" class=\"field-error\">%s</small>", reason_err);
	html_printf(o, "<label class=\"check\" for=\"f-ref_consent\"><input type=\"checkbox\" id=\"f-ref_consent\" name=\"ref_consent\" value=\"1\"%R%R> %s</label>",
		    consent && strcmp(consent, "1") == 0 ? " checked" : "",
		    consent_err ? " aria-invalid=\"true\" aria-describedby=\"e-ref_consent\"" : "",
		    _("The person consents to sharing their data with the receiving service (required to refer to a partner)."));
	if (consent_err)
		html_printf(o, "<small id=\"e-ref_consent\" class=\"field-error\">%s</small>", consent_err);
	form_checks(r, "shared", _("What is shared"), &CAT_REFERRAL_SHARED,
		    errs ? form_joined(r, "shared") : NULL, errs);
	web_agreement_select(r, errs);
	web_consent_override_field(r, errs);
	html_printf(o, "<button type=\"submit\">%s</button></form></details>", _("Refer"));
}

void web_case_referrals(struct request *r, const struct case_rec *k)
{
	struct store_list l;
	struct errors errs = { 0 };
	struct referral_filter f = { .case_id = k->id };
	if (referral_list(&r->ctx, &f, 200, 0, &errs, &l) != DOM_OK)
		return; /* no permission to read cases: no section */
	html_printf(&r->out, "<section id=\"referrals\"><h2>%s</h2>", _("Referrals"));
	if (l.n)
		web_referral_rows(r, &l, 0);
	else
		html_printf(&r->out, "<p>%s</p>", _("No referrals yet."));
	if (case_may_work(&r->user, k) && strcmp(k->status, "closed") != 0)
		refer_form(r, k, NULL);
	html_printf(&r->out, "</section>");
}

/* POST /cases/{id}/referrals: sends a referral from the case page; when
 * it fails, a page of its own with the form and its errors. */
void page_case_refer(struct request *r)
{
	struct case_rec k;
	struct referral rf;
	struct errors errs = { 0 };
	struct referral_in in = {
		.case_id = r->params[0], .to_area = req_form(r, "to_area"),
		.to_partner_id = req_form(r, "to_partner_id"), .reason = req_form(r, "ref_reason"),
		.urgency = req_form(r, "urgency"), .consent = req_form(r, "ref_consent"),
		.shared = form_joined(r, "shared"),
		.agreement_id = req_form(r, "agreement_id"),
		.override_reason = req_form(r, "override_reason"),
	};
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = referral_send(&r->ctx, &in, &errs, &rf);
	/* The case page's status and transfer forms have f-reason and
	 * f-consent: this form's fields are named apart. */
	for (int i = 0; i < errs.n; i++)
		if (strcmp(errs.e[i].field, "reason") == 0 || strcmp(errs.e[i].field, "consent") == 0)
			errs.e[i].field = arena_printf(r->a, "ref_%s", errs.e[i].field);
	if (rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		web_begin(r, _("Refer this case"), "cases");
		html_printf(&r->out, "<hgroup><h1>%s</h1><p>%s · %s</p></hgroup>", _("Refer this case"),
			    k.ref, catalog_label(&CAT_AREA, k.area));
		form_error_summary(r, &errs);
		refer_form(r, &k, &errs);
		html_printf(&r->out, "<p><a href=\"/cases/%u#referrals\">%s</a></p>", k.id,
			    _("Back to the case"));
		web_end(r);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/cases/%s?saved=1#referrals", k.id));
}

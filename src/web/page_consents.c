/* page_consents.c: the profile's "Consents" section (each purpose's
 * current state with links to give or withdraw it, and the full history),
 * the page giving or withdrawing one and its handler, and the override
 * field of forms that need a consent. See docs/consent.md. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/consent.h"
#include "domain/person.h"
#include "domain/settings.h"
#include "web/web.h"

/* The form recording state for purpose on person p, on a page of its own
 * (GET /people/{id}/consents/new): the profile links to it from each
 * purpose's row instead of carrying ten forms. */
static void record_form(struct request *r, const struct person *p, const char *purpose,
			const char *state, const struct errors *errs)
{
	struct buf *o = &r->out;
	int give = strcmp(state, "given") == 0;
	html_printf(o, "<form method=\"post\" action=\"/people/%u/consents\">", p->id);
	form_csrf(r);
	html_printf(o, "<input type=\"hidden\" name=\"purpose\" value=\"%s\"><input type=\"hidden\" name=\"state\" value=\"%s\">",
		    purpose, state);
	form_select(r, "method", _("How the person said it"), &CAT_CONSENT_METHOD,
		    errs ? req_form(r, "method") : NULL, errs, 1);
	form_text(r, "note", _("Note (optional)"), errs ? req_form(r, "note") : NULL, errs, "text", NULL, 0);
	html_printf(o, "<button type=\"submit\"%R>%s</button></form>", give ? "" : " class=\"secondary\"",
		    give ? _("Confirm: consent given") : _("Confirm: consent withdrawn"));
}

/* The state of k for a table cell. */
static const char *state_label(const struct consent *k)
{
	return k ? catalog_label(&CAT_CONSENT_STATE, k->state) : _("Not recorded");
}

/* Who recorded k and when, for the line beside its state; NULL without k. */
static const char *recorded(struct request *r, const struct consent *k)
{
	char when[32];
	if (!k)
		return NULL;
	time_display(k->recorded_at, when);
	return arena_printf(r->a, "%s, %s", web_user_name(r, k->recorded_by), when);
}

/* The version of the privacy notice read to people now, as a sentence. */
static const char *notice_in_force(struct request *r)
{
	return arena_printf(r->a, _("Privacy notice in force: version %s."),
			    settings_get(&r->ctx, "privacy_notice_version"));
}

static void history_table(struct request *r, const struct store_list *l)
{
	struct buf *o = &r->out;
	html_printf(o, "<h3>%s</h3><div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"consent-history stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Consent history"), _("Consent history"), _("When"), _("Purpose"), _("State"),
		    _("How"), _("Notice version"), _("Recorded by"), _("Note"));
	for (size_t i = 0; i < l->n; i++) {
		const struct consent *k = l->items[i];
		char when[32];
		time_display(k->recorded_at, when);
		/* context is data ("referral R-000012"): shown in the user's language. */
		const char *ctx = k->context && strncmp(k->context, "referral ", 9) == 0
					  ? arena_printf(r->a, _("referral %s"), k->context + 9)
					  : k->context;
		const char *note = ctx ? arena_printf(r->a, "%s (%s)", k->note, ctx) : k->note;
		html_printf(o, "<tr class=\"consent-%s\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
			    k->state, _("When"), when, _("Purpose"), catalog_label(&CAT_CONSENT_PURPOSE, k->purpose),
			    _("State"), state_label(k), _("How"),
			    k->method ? catalog_label(&CAT_CONSENT_METHOD, k->method) : "—", _("Notice version"),
			    k->notice_version ? k->notice_version : "—", _("Recorded by"),
			    web_user_name(r, k->recorded_by), _("Note"), note ? note : "—");
	}
	html_printf(o, "</tbody></table></div>");
}

void web_person_consents(struct request *r, const struct person *p)
{
	struct store_list l;
	struct buf *o = &r->out;
	if (consent_history(&r->ctx, p->id, &l) != DOM_OK)
		return; /* may not read the registry nor cases: no section */
	int may = consent_may_record(&r->user) && strcmp(p->status, "merged") != 0;
	html_printf(o, "<section id=\"consents\"><h2>%s</h2><p>%s</p>", _("Consents"), notice_in_force(r));
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"consents stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>%R</tr></thead><tbody>",
		    _("Consents"), _("Purpose"), _("State"), _("Recorded"),
		    may ? arena_printf(r->a, "<th>%s</th>", _("Actions")) : "");
	for (size_t i = 0; i < CAT_CONSENT_PURPOSE.n; i++) {
		const char *purpose = CAT_CONSENT_PURPOSE.items[i].code;
		const struct consent *k = consent_last(l.items, l.n, purpose);
		const char *who = recorded(r, k);
		html_printf(o, "<tr id=\"consent-%s\" class=\"consent-%s\"><th scope=\"row\" data-label=\"%s\">%s</th><td data-label=\"%s\"><strong>%s</strong></td><td data-label=\"%s\">%s</td>",
			    purpose, k ? k->state : "none", _("Purpose"), _(CAT_CONSENT_PURPOSE.items[i].label),
			    _("State"), state_label(k), _("Recorded"),
			    who ? who : "—");
		if (may) {
			html_printf(o, "<td data-label=\"%s\">", _("Actions"));
			if (!k || strcmp(k->state, "given") != 0)
				html_printf(o, "<a href=\"/people/%u/consents/new?purpose=%s&amp;state=given\" role=\"button\" class=\"consent-given\">%s</a> ",
					    p->id, purpose, _("Give"));
			if (!k || strcmp(k->state, "withdrawn") != 0)
				html_printf(o, "<a href=\"/people/%u/consents/new?purpose=%s&amp;state=withdrawn\" role=\"button\" class=\"secondary consent-withdrawn\">%s</a>",
					    p->id, purpose, _("Withdraw"));
			html_printf(o, "</td>");
		}
		html_printf(o, "</tr>");
	}
	html_printf(o, "</tbody></table></div>");
	if (l.n)
		history_table(r, &l);
	html_printf(o, "</section>");
}

void web_consent_override_field(struct request *r, const struct errors *errs)
{
	if (!consent_may_override(&r->user))
		return;
	const char *err = errs ? errors_for(errs, "override_reason") : NULL;
	html_printf(&r->out, "<details%R><summary>%s</summary><label for=\"f-override_reason\">%s</label><input id=\"f-override_reason\" name=\"override_reason\" type=\"text\" value=\"%s\"%R><small>%s</small>",
		    err ? " open" : "", _("Go ahead without the person's consent (supervisors)"),
		    _("Why, for the consent history"), errs ? req_form(r, "override_reason") : NULL,
		    err ? " aria-invalid=\"true\"" : "",
		    _("Only when the consent cannot be asked and the person's safety needs it: this is recorded and audited."));
	if (err)
		html_printf(&r->out, "<small class=\"field-error\">%s</small>", err);
	html_printf(&r->out, "</details>");
}

const char *web_phone_for_contact(struct request *r, const char *person_id, const char *phone)
{
	struct store_list l;
	if (!phone || consent_history(&r->ctx, person_id, &l) != DOM_OK)
		return phone;
	const struct consent *k = consent_last(l.items, l.n, "phone_contact");
	if (!k || strcmp(k->state, "withdrawn") != 0)
		return phone;
	return arena_printf(r->a, _("%s (⚠ do not call: the person withdrew their consent to contact by phone)"),
			    phone);
}

/* The page of the form recording state for purpose, with errs when a
 * submission failed. DOM_OK once the page is written; otherwise the
 * DOM_ code of the error page to show instead (no such person or
 * purpose, or the user may not record it). */
static int record_page(struct request *r, const char *purpose, const char *state,
		       const struct errors *errs)
{
	struct person p;
	int rc = person_get(&r->ctx, r->params[0], &p);
	if (rc)
		return rc;
	if (consent_may_record(&r->user) == 0 || strcmp(p.status, "merged") == 0)
		return DOM_FORBIDDEN;
	if (!purpose || !catalog_find(&CAT_CONSENT_PURPOSE, purpose) || !state ||
	    (strcmp(state, "given") != 0 && strcmp(state, "withdrawn") != 0))
		return DOM_NOTFOUND;
	const char *title = strcmp(state, "given") == 0 ? _("Give consent") : _("Withdraw consent");
	web_begin(r, title, "people");
	html_printf(&r->out, "<hgroup><h1>%s</h1><p>%s %s %s · %s</p></hgroup>", title, p.given_names,
		    p.surname1 ? p.surname1 : "", p.surname2 ? p.surname2 : "", p.ref);
	if (errs)
		form_error_summary(r, errs);
	struct store_list l;
	const struct consent *k = consent_history(&r->ctx, p.id, &l) == DOM_OK ? consent_last(l.items, l.n, purpose) : NULL;
	html_printf(&r->out, "<p>%s: <strong>%s</strong><br>%s: %s%R%s</p><p>%s</p>", _("Purpose"),
		    catalog_label(&CAT_CONSENT_PURPOSE, purpose), _("State now"), state_label(k),
		    k ? " · " : "", recorded(r, k), notice_in_force(r));
	record_form(r, &p, purpose, state, errs);
	html_printf(&r->out, "<p><a href=\"/people/%u#consents\">%s</a></p>", p.id, _("Back to the person"));
	web_end(r);
	return DOM_OK;
}

/* GET /people/{id}/consents/new?purpose=…&state=given|withdrawn */
void page_person_consent_new(struct request *r)
{
	int rc = record_page(r, req_query(r, "purpose"), req_query(r, "state"), NULL);
	if (rc)
		web_error(r, rc);
}

/* POST /people/{id}/consents: purpose, state, method, note. */
void page_person_consent(struct request *r)
{
	struct errors errs = { 0 };
	int rc = consent_record(&r->ctx, r->params[0], req_form(r, "purpose"), req_form(r, "state"),
				req_form(r, "method"), req_form(r, "note"), &errs, NULL);
	if (rc == DOM_INVALID) {
		r->status = 400;
		if (record_page(r, req_form(r, "purpose"), req_form(r, "state"), &errs) == DOM_OK)
			return;
	}
	if (rc)
		web_error(r, rc);
	else
		resp_redirect(r, arena_printf(r->a, "/people/%s?saved=1#consents", r->params[0]));
}

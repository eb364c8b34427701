/* page_person_form.c: the registration and edit form of a person. A form
 * that fails validation comes back with every value the user typed and a
 * message beside each wrong field; nothing is stored until it is valid. */
#include <stdio.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/household.h"
#include "domain/person.h"
#include "domain/person_match.h"
#include "domain/auth.h"
#include "web/web.h"


/* The panel of possible matches (id "matches", the target of the form's
 * htmx requests). rc: person_matches' result, or -1 before anything was
 * asked (an empty form). */
static void matches_panel(struct request *r, int rc, const struct person_match *m, size_t n)
{
	struct buf *o = &r->out;
	html_printf(o, "<aside id=\"matches\" class=\"matches\" aria-live=\"polite\"><h2>%s</h2>",
		    _("Possible matches"));
	if (rc < 0)
		html_printf(o, "<p>%s</p>", _("People already registered who look like this one appear here."));
	else if (rc == DOM_BUSY)
		html_printf(o, "<p>%s</p>", _("The list of people is still loading. Try again in a moment."));
	else if (rc)
		html_printf(o, "<p>%s</p>", dom_message(rc));
	else if (!n)
		html_printf(o, "<p>%s</p>", _("No one registered looks like this person."));
	for (size_t i = 0; !rc && i < n; i++) {
		const struct person *p = &m[i].p;
		char score[32], born[16];
		snprintf(score, sizeof(score), "%.1f", m[i].why.score);
		date_display(p->birth_date, born);
		html_printf(o,
			    "<article class=\"match %s\"><header><a href=\"/people/%u\">%s %s %s</a> "
			    "<small>%s</small> <strong>%s</strong></header><p>%s %s</p>",
			    m[i].verdict == MATCH_LIKELY ? "likely" : "possible", p->id,
			    p->given_names ? p->given_names : "", p->surname1 ? p->surname1 : "",
			    p->surname2 ? p->surname2 : "", p->ref,
			    web_match_verdict(m[i].verdict),
			    web_label("birth_date"), born[0] ? born : "—");
		web_match_reasons(r, &m[i].why);
		html_printf(o, "<footer><small>%s %s</small></footer></article>", _("Score"), score);
	}
	html_printf(o, "</aside>");
}

/* The form; matches (n of them, may be NULL) are shown beside it on a new
 * registration, with the confirmation box when one is likely. */
static void person_form(struct request *r, const struct person *p, const char *household_id,
			const struct errors *errs, const char *action, const char *title,
			const struct person_match *matches, size_t nmatches)
{
	struct buf *o = &r->out;
	web_begin(r, title, p->id ? "people" : "register");
	html_printf(o, "<h1>%s</h1>", title);
	if (p->id)
		web_person_flags(r, p->id, NULL);
	form_error_summary(r, errs);
	if (p->id)
		html_printf(o, "<form method=\"post\" action=\"%s\" class=\"person-form\" novalidate>",
			    action);
	else
		/* As the caseworker types, the matches panel follows: once she
		 * pauses, so that a save right after typing sends nothing (a
		 * request cut off by the navigation is an htmx error). */
		html_printf(o,
			    "<form method=\"post\" action=\"%s\" class=\"person-form\" novalidate "
			    "hx-post=\"/people/matches\" hx-trigger=\"input delay:600ms, change delay:600ms\" "
			    "hx-target=\"#matches\" hx-swap=\"outerHTML\" hx-sync=\"this:replace\">",
			    action);
	form_csrf(r);
	if (household_id) {
		struct household h;
		struct person head;
		if (household_load(&r->ctx, household_id, &h) == DOM_OK &&
		    household_head(&r->ctx, &h, &head) == DOM_OK)
			html_printf(o, "<p class=\"notice\">%s <a href=\"/households/%u\">%s %s (%s)</a></p>",
				    _("This person will join the household of"), h.id, head.given_names,
				    head.surname1 ? head.surname1 : "", h.ref);
		html_printf(o, "<input type=\"hidden\" name=\"household_id\" value=\"%s\">", household_id);
		/* How the new member relates to the head comes first. */
		html_printf(o, "<fieldset><legend>%s</legend>", _("Household"));
		form_select(r, "relationship", web_label("relationship"), &CAT_RELATIONSHIP, p->relationship,
			    errs, 1);
		html_printf(o, "</fieldset>");
	}
	html_printf(o, "<fieldset><legend>%s</legend><div class=\"grid\">", _("Name"));
	form_text(r, "given_names", web_label("given_names"), p->given_names, errs, "text", NULL, 1);
	form_text(r, "surname1", web_label("surname1"), p->surname1, errs, "text", NULL, 0);
	form_text(r, "surname2", web_label("surname2"), p->surname2, errs, "text", NULL, 0);
	html_printf(o, "</div></fieldset><fieldset><legend>%s</legend><div class=\"grid\">",
		    _("Identity"));
	form_select(r, "sex", web_label("sex"), &CAT_SEX, p->sex, errs, 0);
	form_text(r, "birth_date", web_label("birth_date"), p->birth_date, errs, "date",
		  _("If unknown, estimate it and tick the box below."), 0);
	html_printf(o, "</div><label class=\"check\"><input type=\"checkbox\" name=\"birth_estimated\" value=\"1\"%R> %s</label>",
		    p->birth_estimated && !strcmp(p->birth_estimated, "1") ? " checked" : "",
		    _("The date of birth is estimated"));
	html_printf(o, "<div class=\"grid\">");
	form_select(r, "nationality", web_label("nationality"), &CAT_COUNTRY, p->nationality, errs, 0);
	form_select(r, "origin_country", web_label("origin_country"), &CAT_COUNTRY, p->origin_country, errs, 0);
	html_printf(o, "</div><div class=\"grid\">");
	form_select(r, "legal_status", web_label("legal_status"), &CAT_LEGAL_STATUS, p->legal_status, errs, 0);
	form_text(r, "arrival_date", web_label("arrival_date"), p->arrival_date, errs, "date", NULL, 0);
	form_text(r, "languages", web_label("languages"), p->languages, errs, "text", _("e.g. Spanish, Haitian Creole"), 0);
	html_printf(o, "</div></fieldset>");
	if (!p->id)
		matches_panel(r, matches ? 0 : -1, matches, nmatches);
	html_printf(o, "<fieldset><legend>%s</legend><div class=\"grid\">", _("Contact"));
	form_text(r, "phone", web_label("phone"), p->phone, errs, "tel", NULL, 0);
	form_text(r, "email", web_label("email"), p->email, errs, "email", NULL, 0);
	html_printf(o, "</div>");
	form_text(r, "address", web_label("address"), p->address, errs, "text", NULL, 0);
	html_printf(o, "<div class=\"grid\">");
	form_select(r, "province", web_label("province"), &CAT_PROVINCE, p->province, errs, 0);
	form_select(r, "district", web_label("district"), &CAT_DISTRICT, p->district, errs, 0);
	html_printf(o, "</div></fieldset>");
	if (!household_id && p->household_id) {
		html_printf(o, "<fieldset><legend>%s</legend>", _("Household"));
		form_select(r, "relationship", web_label("relationship"),
			    &CAT_RELATIONSHIP, p->relationship, errs, 0);
		html_printf(o, "</fieldset>");
	}
	form_checks(r, "needs", web_label("needs"), &CAT_NEED, p->needs, errs);
	/* The answer given at registration counts as consents given then
	 * (consent.c): an edit shows it, and a change is a consent of its own,
	 * recorded on the profile. */
	if (p->id) {
		char on[16];
		date_display(p->consent_date, on);
		html_printf(o, "<fieldset><legend>%s</legend><p>%s: %s%R%s%R</p><p><a href=\"/people/%u#consents\">%s</a></p></fieldset>",
			    _("Consent"), _("Consent at registration"),
			    p->consent_scope ? catalog_label(&CAT_CONSENT_SCOPE, p->consent_scope) : "—",
			    on[0] ? " (" : "", on, on[0] ? ")" : "", p->id,
			    _("Record a change of consent on the profile"));
	} else {
		html_printf(o, "<fieldset><legend>%s</legend><div class=\"grid\">", _("Consent"));
		form_select(r, "consent_scope", web_label("consent_scope"), &CAT_CONSENT_SCOPE,
			    p->consent_scope, errs, 0);
		form_text(r, "consent_date", web_label("consent_date"), p->consent_date, errs, "date", NULL, 0);
		html_printf(o, "</div></fieldset>");
	}
	if (!p->id && person_match_any_likely(matches, nmatches)) {
		const char *msg = errs ? errors_for(errs, "match_confirmed") : NULL;
		html_printf(o,
			    "<label class=\"check\"><input type=\"checkbox\" id=\"f-match_confirmed\" name=\"match_confirmed\" "
			    "value=\"1\" required%R> %s</label>",
			    msg ? " aria-invalid=\"true\" aria-describedby=\"match_confirmed-error\"" : "",
			    _("It is a different person"));
		if (msg)
			html_printf(o, "<small id=\"match_confirmed-error\">%s</small>", msg);
	}
	html_printf(o, "<div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"%s\" role=\"button\" class=\"secondary outline\">%s</a></div></form>",
		    _("Save"), p->id ? arena_printf(r->a, "/people/%s", p->id) : "/people", _("Cancel"));
	web_end(r);
}

static void read_form(struct request *r, struct person *p, struct errors *errs)
{
	form_read(r, &ENT_PERSON, p, errs);
	/* An unticked checkbox sends nothing: make "not estimated" and "no
	 * needs" explicit, so an edit can clear them. */
	if (!p->birth_estimated)
		p->birth_estimated = "0";
	if (!p->needs)
		p->needs = "";
}

void page_person_new(struct request *r)
{
	struct person p = { 0 };
	struct household h;
	struct person head;
	const char *hh = req_query(r, "household");
	/* Deny by default: the empty form too (docs/access.md). */
	int rc = auth_check(&r->user, PERM_REGISTRY_WRITE);
	if (rc) {
		web_error(r, rc);
		return;
	}

	/* A new member usually shares the head's surname, nationality and
	 * address: start from those, the caseworker corrects what differs. */
	if (hh && household_load(&r->ctx, hh, &h) == DOM_OK &&
	    household_head(&r->ctx, &h, &head) == DOM_OK) {
		p.surname1 = head.surname1;
		p.nationality = head.nationality;
		p.origin_country = head.origin_country;
		p.legal_status = head.legal_status;
		p.address = h.address ? h.address : head.address;
		p.province = head.province;
		p.district = head.district;
		p.languages = head.languages;
	}
	person_form(r, &p, hh, NULL, "/people",
		    hh ? _("Register a household member") : _("Register a person"), NULL, 0);
}

void page_person_create(struct request *r)
{
	struct person in, out;
	struct errors errs = { 0 };
	const char *hh = req_form(r, "household_id");

	struct person_match m[PERSON_MATCH_MAX];
	size_t n = 0;
	const char *confirmed = req_form(r, "match_confirmed");
	int sure = confirmed && !strcmp(confirmed, "1");

	read_form(r, &in, &errs);
	if (hh && !*hh)
		hh = NULL;
	/* Not ready or not allowed: the registration goes on without. */
	if (person_matches(&r->ctx, &in, NULL, m, PERSON_MATCH_MAX, &n))
		n = 0;
	int likely = person_match_any_likely(m, n);
	int rc;
	if (likely && !sure) {
		errors_add(&errs, "match_confirmed",
			   _("Someone registered is likely this person. Check the possible matches; "
			     "if it is a different person, tick the box and save again."));
		rc = DOM_INVALID;
	} else {
		rc = person_create_confirmed(&r->ctx, &in, hh, likely && sure, &errs, &out);
	}
	if (rc == DOM_INVALID) {
		r->status = 400;
		form_read(r, &ENT_PERSON, &in, NULL);
		person_form(r, &in, hh, &errs, "/people", _("Register a person"), m, n);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/people/%s?saved=1", out.id));
}

void page_person_edit(struct request *r)
{
	struct person p;
	int rc = person_get(&r->ctx, r->params[0], &p);
	if (rc) {
		web_error(r, rc);
		return;
	}
	person_form(r, &p, NULL, NULL, arena_printf(r->a, "/people/%s", p.id),
		    arena_printf(r->a, "%s %s", _("Edit"), p.ref), NULL, 0);
}

void page_person_update(struct request *r)
{
	struct person in, out;
	struct errors errs = { 0 };

	read_form(r, &in, &errs);
	int rc = person_update(&r->ctx, r->params[0], &in, &errs, &out);
	if (rc == DOM_INVALID) {
		r->status = 400;
		form_read(r, &ENT_PERSON, &in, NULL);
		in.id = (char *)r->params[0];
		person_form(r, &in, NULL, &errs, arena_printf(r->a, "/people/%s", r->params[0]),
			    _("Edit person"), NULL, 0);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/people/%s?saved=1", out.id));
}

/* POST /people/matches: the matches panel alone, for the registration
 * form's htmx requests. */
void page_person_matches(struct request *r)
{
	struct person in;
	struct errors errs = { 0 };
	struct person_match m[PERSON_MATCH_MAX];
	size_t n = 0;
	read_form(r, &in, &errs);
	int rc = person_matches(&r->ctx, &in, NULL, m, PERSON_MATCH_MAX, &n);
	if (rc == DOM_UNAUTH || rc == DOM_FORBIDDEN) {
		web_error(r, rc);
		return;
	}
	matches_panel(r, rc, m, n);
}

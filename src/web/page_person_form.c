/* page_person_form.c: the registration and edit form of a person. A form
 * that fails validation comes back with every value the user typed and a
 * message beside each wrong field; nothing is stored until it is valid. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/household.h"
#include "domain/person.h"
#include "web/web.h"

static void person_form(struct request *r, const struct person *p, const char *household_id,
			const struct errors *errs, const char *action, const char *title)
{
	struct buf *o = &r->out;
	web_begin(r, title, p->id ? "people" : "register");
	html_printf(o, "<h1>%s</h1>", title);
	form_error_summary(r, errs);
	html_printf(o, "<form method=\"post\" action=\"%s\" class=\"person-form\" novalidate>", action);
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
	html_printf(o, "</div></fieldset><fieldset><legend>%s</legend><div class=\"grid\">", _("Contact"));
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
	html_printf(o, "<fieldset><legend>%s</legend><div class=\"grid\">", _("Consent"));
	form_select(r, "consent_scope", web_label("consent_scope"), &CAT_CONSENT_SCOPE,
		    p->consent_scope, errs, 0);
	form_text(r, "consent_date", web_label("consent_date"), p->consent_date, errs, "date", NULL, 0);
	html_printf(o, "</div></fieldset><div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"%s\" role=\"button\" class=\"secondary outline\">%s</a></div></form>",
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
		    hh ? _("Register a household member") : _("Register a person"));
}

void page_person_create(struct request *r)
{
	struct person in, out;
	struct errors errs = { 0 };
	const char *hh = req_form(r, "household_id");

	read_form(r, &in, &errs);
	if (hh && !*hh)
		hh = NULL;
	int rc = person_create(&r->ctx, &in, hh, &errs, &out);
	if (rc == DOM_INVALID) {
		r->status = 400;
		form_read(r, &ENT_PERSON, &in, NULL);
		person_form(r, &in, hh, &errs, "/people", _("Register a person"));
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
		    arena_printf(r->a, "%s %s", _("Edit"), p.ref));
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
			    _("Edit person"));
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/people/%s?saved=1", out.id));
}

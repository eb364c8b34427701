/* page_household.c: the household list and page: members, head,
 * relationships, and adding members. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/household.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "web/web.h"

void page_households(struct request *r)
{
	struct store_list l;
	struct buf *o = &r->out;
	long page = 1;
	if (str_to_long(req_query(r, "page"), 1, 100000, &page))
		page = 1;
	int rc = household_list(&r->ctx, 25, (page - 1) * 25, &l);
	if (rc) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Households"), "households");
	html_printf(o, "<h1>%s</h1><p>%s <strong>%l</strong>. %s</p>", _("Households"),
		    _("Households registered:"), l.total,
		    _("To start a household, open the profile of its head and choose \"Start a household\"."));
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"striped\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Households"), _("Reference"), _("Head of household"), web_label("address"), _("Registered"));
	for (size_t i = 0; i < l.n; i++) {
		const struct household *h = l.items[i];
		struct person head;
		char when[32];
		int has_head = household_head(&r->ctx, h, &head) == DOM_OK;
		time_display(h->created_at, when);
		html_printf(o, "<tr><td><a href=\"/households/%u\">%s</a></td><td>", h->id, h->ref);
		if (has_head)
			html_printf(o, "<a href=\"/people/%u\">%s %s</a>", head.id, head.given_names,
				    head.surname1 ? head.surname1 : "");
		else
			html_printf(o, "—");
		html_printf(o, "</td><td>%s</td><td>%s</td></tr>", h->address ? h->address : "", when);
	}
	html_printf(o, "</tbody></table></div>");
	if (l.total > page * 25)
		html_printf(o, "<a href=\"/households?page=%l\">%s</a>", (long long)page + 1, _("Next »"));
	web_end(r);
}

void page_household(struct request *r)
{
	struct household h;
	struct store_list m;
	struct buf *o = &r->out;
	int rc = household_get(&r->ctx, r->params[0], &h);

	if (rc || (rc = household_members(&r->ctx, h.id, &m))) {
		web_error(r, rc);
		return;
	}
	web_begin(r, arena_printf(r->a, "%s %s", _("Household"), h.ref), "households");
	web_saved_notice(r);
	if (web_merge_notice(r, "household", &h)) {
		html_printf(o, "<h1>%s %s</h1>", _("Household"), h.ref);
		web_end(r);
		return;
	}
	html_printf(o, "<hgroup><h1>%s %s</h1><p>%s %z</p></hgroup>", _("Household"), h.ref,
		    _("Size:"), m.n);
	html_printf(o, "<p>%s: %s · %s: %s · <a href=\"/households/%u/edit\">%s</a>", web_label("address"),
		    h.address ? h.address : "—", web_label("phone"), h.phone ? h.phone : "—", h.id, _("Edit"));
	if (merge_may(&r->ctx))
		html_printf(o, " · <a href=\"/households/%u/merge\">%s</a>", h.id, _("Merge with another household"));
	html_printf(o, "</p>");
	if (h.notes)
		html_printf(o, "<p class=\"notes\">%s</p>", h.notes);
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"striped members\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
		    _("Members"), _("Name"), _("Relationship"), web_label("sex"), web_label("birth_date"));
	for (size_t i = 0; i < m.n; i++) {
		const struct person *p = m.items[i];
		char dob[16];
		int is_head = h.head_id && !strcmp(h.head_id, p->id);
		date_display(p->birth_date, dob);
		html_printf(o, "<tr><td><a href=\"/people/%u\">%s %s %s</a></td><td>%s</td><td>%s</td><td>%s</td><td>",
			    p->id, p->given_names, p->surname1 ? p->surname1 : "", p->surname2 ? p->surname2 : "",
			    is_head ? _("Head of household") : catalog_label(&CAT_RELATIONSHIP, p->relationship),
			    catalog_label(&CAT_SEX, p->sex), dob);
		char today[16];
		time_today(today);
		int minor = p->birth_date && date_age(p->birth_date, today) < 18;
		if (!is_head && !minor) {
			html_printf(o, "<form method=\"post\" action=\"/households/%u/head\" class=\"inline\">", h.id);
			form_csrf(r);
			html_printf(o, "<input type=\"hidden\" name=\"person_id\" value=\"%s\"><button type=\"submit\" class=\"secondary outline small\">%s</button></form>",
				    p->id, _("Make head"));
		}
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table></div><p><a href=\"/people/new?household=%u\" role=\"button\">%s</a></p>",
		    h.id, _("Register a new member"));
	html_printf(o, "<details><summary>%s</summary><form method=\"post\" action=\"/households/%u/members\">",
		    _("Add a person already registered"), h.id);
	form_csrf(r);
	form_text(r, "person_ref", _("Reference of the person (P-000123)"), NULL, NULL, "text", NULL, 1);
	form_select(r, "relationship", web_label("relationship"), &CAT_RELATIONSHIP, NULL, NULL, 1);
	html_printf(o, "<button type=\"submit\">%s</button></form></details>", _("Add to household"));
	web_household_vulnerability(r, &h);
	web_household_assistance(r, &h, NULL);
	web_end(r);
}

void page_household_create(struct request *r)
{
	struct household in = { 0 }, out;
	struct errors errs = { 0 };
	int rc = household_create(&r->ctx, &in, req_form(r, "head_id"), &errs, &out);
	if (rc == DOM_INVALID) {
		web_error(r, rc);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/households/%s?saved=1", out.id));
}

void page_household_member(struct request *r)
{
	struct errors errs = { 0 };
	struct person p;
	const char *ref = req_form(r, "person_ref");
	const char *pid = NULL;
	if (ref && *ref && person_get(&r->ctx, ref, &p) == DOM_OK)
		pid = p.id;
	int rc = household_add_member(&r->ctx, r->params[0], pid, req_form(r, "relationship"), &errs);
	if (rc == DOM_INVALID) {
		r->status = 400;
		web_begin(r, _("Add to household"), "households");
		html_printf(&r->out, "<h1>%s</h1>", _("Add to household"));
		form_error_summary(r, &errs);
		html_printf(&r->out, "<form method=\"post\" action=\"/households/%u/members\">", r->params[0]);
		form_csrf(r);
		form_text(r, "person_ref", _("Reference of the person (P-000123)"), ref, &errs, "text", NULL, 1);
		if (errors_for(&errs, "person_id"))
			html_printf(&r->out, "<small class=\"field-error\">%s</small>", errors_for(&errs, "person_id"));
		form_select(r, "relationship", web_label("relationship"), &CAT_RELATIONSHIP,
			    req_form(r, "relationship"), &errs, 1);
		html_printf(&r->out, "<button type=\"submit\">%s</button></form>", _("Add to household"));
		web_end(r);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/households/%s?saved=1", r->params[0]));
}

void page_household_head(struct request *r)
{
	int rc = household_set_head(&r->ctx, r->params[0], req_form(r, "person_id"));
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/households/%s?saved=1", r->params[0]));
}

static void household_form(struct request *r, const struct household *h, const struct errors *errs)
{
	struct buf *o = &r->out;
	web_begin(r, arena_printf(r->a, "%s %s", _("Edit household"), h->ref), "households");
	html_printf(o, "<h1>%s %s</h1>", _("Edit household"), h->ref);
	form_error_summary(r, errs);
	html_printf(o, "<form method=\"post\" action=\"/households/%u\" novalidate>", h->id);
	form_csrf(r);
	form_text(r, "address", web_label("address"), h->address, errs, "text", NULL, 0);
	html_printf(o, "<div class=\"grid\">");
	form_select(r, "province", web_label("province"), &CAT_PROVINCE, h->province, errs, 0);
	form_select(r, "district", web_label("district"), &CAT_DISTRICT, h->district, errs, 0);
	html_printf(o, "</div>");
	form_text(r, "phone", web_label("phone"), h->phone, errs, "tel", NULL, 0);
	web_household_income_field(r, h, errs ? req_form(r, "monthly_income") : NULL, errs);
	html_printf(o, "<label for=\"f-notes\">%s</label><textarea id=\"f-notes\" name=\"notes\" rows=\"4\">%s</textarea>",
		    web_label("notes"), h->notes ? h->notes : "");
	if (errs && errors_for(errs, "notes"))
		html_printf(o, "<small class=\"field-error\">%s</small>", errors_for(errs, "notes"));
	html_printf(o, "<div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"/households/%u\" role=\"button\" class=\"secondary outline\">%s</a></div></form>",
		    _("Save"), h->id, _("Cancel"));
	web_end(r);
}

void page_household_edit(struct request *r)
{
	struct household h;
	int rc = household_get(&r->ctx, r->params[0], &h);
	if (rc) {
		web_error(r, rc);
		return;
	}
	household_form(r, &h, NULL);
}

void page_household_update(struct request *r)
{
	struct household in, out, cur;
	struct errors errs = { 0 };
	form_read(r, &ENT_HOUSEHOLD, &in, &errs);
	in.monthly_income_cents = (char *)web_household_income_cents(r, &errs);
	int rc = errs.n ? DOM_INVALID : household_update(&r->ctx, r->params[0], &in, &errs, &out);
	if (rc == DOM_INVALID && household_load(&r->ctx, r->params[0], &cur) == DOM_OK) {
		/* Show what the user typed, over what is stored. */
		record_apply(r->a, &ENT_HOUSEHOLD, &cur, &in);
		r->status = 400;
		household_form(r, &cur, &errs);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/households/%s?saved=1", out.id));
}

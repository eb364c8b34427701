/* page_partners.c: the partner directory ("Aliados"): the list with its
 * filters, a partner's page, and the forms to add and edit one. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/str.h"
#include "domain/auth.h"
#include "domain/partner.h"
#include "domain/person.h"
#include "web/web.h"

#define PAGE_SIZE 25

static int may_manage(struct request *r)
{
	return auth_check(&r->user, PERM_PARTNERS_MANAGE) == DOM_OK;
}

static void option(struct request *r, const char *value, const char *label, const char *current)
{
	html_printf(&r->out, "<option value=\"%s\"%R>%s</option>", value,
		    current && !strcmp(current, value) ? " selected" : "", label);
}

/* The filter form: a GET form, so it works without JavaScript and the
 * filtered list has its own address. */
static void filters(struct request *r, const struct partner_filter *f, const struct errors *errs)
{
	struct buf *o = &r->out;
	html_printf(o, "<form method=\"get\" action=\"/partners\" class=\"filters\" aria-label=\"%s\"><div class=\"grid\">",
		    _("Filter partners"));
	form_text(r, "q", _("Name"), f->q, errs, "search", NULL, 0);
	html_printf(o, "<div><label for=\"f-area\">%s</label><select id=\"f-area\" name=\"area\">", _("Offers"));
	option(r, "", _("Any service area"), f->area);
	for (size_t i = 0; i < CAT_AREA.n; i++)
		option(r, CAT_AREA.items[i].code, _(CAT_AREA.items[i].label), f->area);
	html_printf(o, "</select>");
	if (errs && errors_for(errs, "area"))
		html_printf(o, "<small class=\"field-error\">%s</small>", errors_for(errs, "area"));
	html_printf(o, "</div><div><label for=\"f-active\">%s</label><select id=\"f-active\" name=\"active\">",
		    _("Status"));
	option(r, "1", _("Active ones"), f->active);
	option(r, "0", _("Inactive ones"), f->active);
	option(r, "all", _("All"), f->active);
	html_printf(o, "</select>");
	if (errs && errors_for(errs, "active"))
		html_printf(o, "<small class=\"field-error\">%s</small>", errors_for(errs, "active"));
	html_printf(o, "</div></div><button type=\"submit\">%s</button></form>", _("Show partners"));
}

void page_partners(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	struct buf *o = &r->out;
	long page = 1;
	if (str_to_long(req_query(r, "page"), 1, 100000, &page))
		page = 1;
	struct partner_filter f = { .area = req_query(r, "area"), .q = req_query(r, "q"),
				    .active = req_query(r, "active") };
	if (f.active && !*f.active)
		f.active = NULL;
	int rc = partner_list(&r->ctx, &f, PAGE_SIZE, (page - 1) * PAGE_SIZE, &errs, &l);
	if (rc && rc != DOM_INVALID) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Partners"), "partners");
	html_printf(o, "<h1>%s</h1><p>%s</p>", _("Partners"),
		    _("Organisations and public institutions people can be referred to, and what they offer."));
	if (may_manage(r))
		html_printf(o, "<p><a href=\"/partners/new\" role=\"button\">%s</a></p>", _("Add a partner"));
	if (rc == DOM_INVALID) {
		r->status = 400;
		form_error_summary(r, &errs);
		filters(r, &f, &errs);
		web_end(r);
		return;
	}
	filters(r, &f, NULL);
	html_printf(o, "<p role=\"status\">%s <strong>%l</strong></p>", _("Partners found:"), l.total);
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"striped\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Partners"), _("Name"), C_("partner", "Kind"), _("Offers"), web_label("phone"));
	for (size_t i = 0; i < l.n; i++) {
		const struct partner *p = l.items[i];
		html_printf(o, "<tr><td><a href=\"/partners/%u\">%s</a>", p->id, p->name);
		if (!strcmp(p->active, "0"))
			html_printf(o, " <mark>%s</mark>", _("inactive"));
		html_printf(o, "</td><td>%s</td><td>%s</td><td>%s</td></tr>",
			    catalog_label(&CAT_PARTNER_KIND, p->kind), web_code_labels(r, &CAT_AREA, p->areas),
			    p->phone ? p->phone : "");
	}
	html_printf(o, "</tbody></table></div>");
	if (l.total > page * PAGE_SIZE)
		html_printf(o, "<a href=\"/partners?page=%l&amp;q=%u&amp;area=%u&amp;active=%u\">%s</a>",
			    (long long)page + 1, f.q, f.area, f.active, _("Next »"));
	web_end(r);
}

/* One line of the partner's details, when it has a value. */
static void detail(struct request *r, const char *label, const char *value)
{
	if (value && *value)
		html_printf(&r->out, "<dt>%s</dt><dd>%s</dd>", label, value);
}

void page_partner(struct request *r)
{
	struct partner p;
	struct buf *o = &r->out;
	int rc = partner_get(&r->ctx, r->params[0], &p);
	if (rc) {
		web_error(r, rc);
		return;
	}
	int active = strcmp(p.active, "0") != 0;
	web_begin(r, p.name, "partners");
	web_saved_notice(r);
	html_printf(o, "<hgroup><h1>%s</h1><p>%s", p.name, catalog_label(&CAT_PARTNER_KIND, p.kind));
	if (!active)
		html_printf(o, " · <mark>%s</mark>", _("inactive"));
	html_printf(o, "</p></hgroup>");
	html_printf(o, "<dl class=\"partner\">");
	detail(r, _("Offers"), web_code_labels(r, &CAT_AREA, p.areas));
	detail(r, _("What they do"), p.description);
	detail(r, _("Contact person"), p.contact_name);
	detail(r, web_label("phone"), p.phone);
	detail(r, web_label("email"), p.email);
	detail(r, web_label("address"), p.address);
	html_printf(o, "</dl>");
	if (may_manage(r)) {
		html_printf(o, "<div class=\"actions\"><a href=\"/partners/%u/edit\" role=\"button\">%s</a> "
			       "<form method=\"post\" action=\"/partners/%u/active\" class=\"inline\">",
			    p.id, _("Edit"), p.id);
		form_csrf(r);
		html_printf(o, "<input type=\"hidden\" name=\"active\" value=\"%s\">"
			       "<button type=\"submit\" class=\"secondary outline\">%s</button></form></div>",
			    active ? "0" : "1", active ? _("Deactivate") : _("Reactivate"));
	}
	html_printf(o, "<p><a href=\"/partners\">%s</a></p>", _("« All partners"));
	web_end(r);
}

/* The add or edit form: p NULL adds a new partner. in holds the values
 * to show (what was typed, or what is stored). */
static void partner_form(struct request *r, const struct partner *p, const struct partner *in,
			 const struct errors *errs)
{
	struct buf *o = &r->out;
	const char *title = p ? arena_printf(r->a, "%s: %s", _("Edit partner"), p->name) : _("Add a partner");
	web_begin(r, title, "partners");
	html_printf(o, "<h1>%s</h1>", title);
	form_error_summary(r, errs);
	if (p)
		html_printf(o, "<form method=\"post\" action=\"/partners/%u\" novalidate>", p->id);
	else
		html_printf(o, "<form method=\"post\" action=\"/partners\" novalidate>");
	form_csrf(r);
	form_text(r, "name", _("Name"), in->name, errs, "text", NULL, 1);
	form_select(r, "kind", C_("partner", "Kind"), &CAT_PARTNER_KIND, in->kind, errs, 1);
	form_checks(r, "areas", _("What they offer"), &CAT_AREA, in->areas, errs);
	html_printf(o, "<label for=\"f-description\">%s</label><textarea id=\"f-description\" name=\"description\" rows=\"4\"%R>%s</textarea>",
		    _("What they do"), errs && errors_for(errs, "description") ? " aria-invalid=\"true\"" : "",
		    in->description ? in->description : "");
	if (errs && errors_for(errs, "description"))
		html_printf(o, "<small class=\"field-error\">%s</small>", errors_for(errs, "description"));
	form_text(r, "contact_name", _("Contact person"), in->contact_name, errs, "text", NULL, 0);
	html_printf(o, "<div class=\"grid\">");
	form_text(r, "phone", web_label("phone"), in->phone, errs, "tel", NULL, 0);
	form_text(r, "email", web_label("email"), in->email, errs, "email", NULL, 0);
	html_printf(o, "</div>");
	form_text(r, "address", web_label("address"), in->address, errs, "text", NULL, 0);
	html_printf(o, "<div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"%s\" role=\"button\" class=\"secondary outline\">%s</a></div></form>",
		    _("Save"), p ? arena_printf(r->a, "/partners/%s", p->id) : "/partners", _("Cancel"));
	web_end(r);
}

void page_partner_new(struct request *r)
{
	struct partner empty = { 0 };
	if (!may_manage(r)) {
		web_error(r, auth_check(&r->user, PERM_PARTNERS_MANAGE));
		return;
	}
	partner_form(r, NULL, &empty, NULL);
}

void page_partner_create(struct request *r)
{
	struct partner in, out;
	struct errors errs = { 0 };
	form_read(r, &ENT_PARTNER, &in, NULL);
	int rc = partner_create(&r->ctx, &in, &errs, &out);
	if (rc == DOM_INVALID) {
		/* partner_create trimmed in place: read again what was typed. */
		form_read(r, &ENT_PARTNER, &in, NULL);
		r->status = 400;
		partner_form(r, NULL, &in, &errs);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/partners/%s?saved=1", out.id));
}

void page_partner_edit(struct request *r)
{
	struct partner p;
	int rc = partner_get(&r->ctx, r->params[0], &p);
	if (!rc && !may_manage(r))
		rc = auth_check(&r->user, PERM_PARTNERS_MANAGE);
	if (rc) {
		web_error(r, rc);
		return;
	}
	partner_form(r, &p, &p, NULL);
}

void page_partner_update(struct request *r)
{
	struct partner in, out, cur;
	struct errors errs = { 0 };
	form_read(r, &ENT_PARTNER, &in, NULL);
	/* Unticking every area sends no "areas" at all: clear them. */
	if (!in.areas)
		in.areas = "";
	int rc = partner_update(&r->ctx, r->params[0], &in, &errs, &out);
	if (rc == DOM_INVALID && partner_get(&r->ctx, r->params[0], &cur) == DOM_OK) {
		/* Show what the user typed, over what is stored. */
		struct partner shown = cur;
		record_apply(r->a, &ENT_PARTNER, &shown, &in);
		r->status = 400;
		partner_form(r, &cur, &shown, &errs);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/partners/%s?saved=1", out.id));
}

void page_partner_active(struct request *r)
{
	const char *to = req_form(r, "active");
	int rc = partner_set_active(&r->ctx, r->params[0], to && !strcmp(to, "1"), NULL);
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/partners/%s?saved=1", r->params[0]));
}

/* page_catalogues.c: "Catálogos", the administrators' page for the
 * editable catalogues (service types per area, closure reasons): their
 * entries, and the forms to add, rename, deactivate, reactivate and
 * remove them (docs/catalogues.md). */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/auth.h"
#include "domain/catalogue.h"
#include "web/web.h"

/* What a failed form carries back into the page: "add", or the code of
 * the entry whose form failed. */
struct failed {
	const char *form;
	const struct errors *errs;
};

/* The name of an editable catalogue, as the page heads it. */
static const char *title_of(struct request *r, const struct catalog_editable *ed)
{
	if (ed->area)
		return arena_printf(r->a, _("Service types: %s"), catalog_label(&CAT_AREA, ed->area));
	return _("Closure reasons");
}

/* The page's address for ed. */
static const char *address(struct request *r, const struct catalog_editable *ed)
{
	if (ed->area)
		return arena_printf(r->a, "/catalogues?catalogue=%s&area=%s", ed->catalogue, ed->area);
	return arena_printf(r->a, "/catalogues?catalogue=%s", ed->catalogue);
}

static const struct errors *errs_of(const struct failed *f, const char *form)
{
	return f && f->form && strcmp(f->form, form) == 0 ? f->errs : NULL;
}

/* One label input of an entry's rename form; ids carry the code, so that
 * every row's form has its own. */
static void label_input(struct request *r, const struct catalog_entry_view *v, const char *name,
			const char *label, const char *value, const char *placeholder,
			const struct errors *errs)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	html_printf(&r->out, "<label for=\"f-%s-%s\">%s</label><input type=\"text\" id=\"f-%s-%s\" name=\"%s\" value=\"%s\" placeholder=\"%s\" maxlength=\"%d\"%R>",
		    v->code, name, label, v->code, name, name, value, placeholder, CATALOGUE_LABEL_MAX,
		    err ? " aria-invalid=\"true\"" : "");
	if (err)
		html_printf(&r->out, "<small class=\"field-error\">%s</small>", err);
}

/* The buttons of one entry: rename (folded), deactivate or reactivate,
 * and remove for an added entry. */
static void entry_actions(struct request *r, const struct catalog_editable *ed,
			  const struct catalog_entry_view *v, const struct errors *errs)
{
	struct buf *o = &r->out;
	const char *base = arena_printf(r->a, "/catalogues/%s/entries/%s", ed->catalogue, v->code);
	html_printf(o, "<details%R><summary>%s</summary><form method=\"post\" action=\"%s\">",
		    errs ? " open" : "", _("Rename"), base);
	form_csrf(r);
	/* A built-in entry shows its own name as the placeholder, and the
	 * administrators' one, if any, as the value. */
	label_input(r, v, "label_es", web_label("label_es"), v->builtin ? v->over_es : v->label_es,
		    v->builtin && !v->over_es ? v->label_es : "", errs);
	label_input(r, v, "label_en", web_label("label_en"), v->builtin ? v->over_en : v->label_en,
		    v->builtin && !v->over_en ? v->label_en : "", errs);
	if (v->builtin)
		html_printf(o, "<small>%s</small>", _("Empty: the built-in name."));
	html_printf(o, "<button type=\"submit\">%s</button></form></details>", _("Save"));
	html_printf(o, "<form method=\"post\" action=\"%s/active\" class=\"inline\">", base);
	form_csrf(r);
	html_printf(o, "<input type=\"hidden\" name=\"active\" value=\"%s\"><button type=\"submit\" class=\"secondary outline\">%s</button></form>",
		    v->active ? "0" : "1", v->active ? _("Deactivate") : _("Reactivate"));
	if (!v->builtin) {
		html_printf(o, "<form method=\"post\" action=\"%s/remove\" class=\"inline\">", base);
		form_csrf(r);
		html_printf(o, "<button type=\"submit\" class=\"secondary outline\">%s</button></form>",
			    _("Remove"));
	}
	if (errs && errors_for(errs, "code"))
		html_printf(o, "<p class=\"field-error\">%s</p>", errors_for(errs, "code"));
}

static void entry_rows(struct request *r, const struct catalog_editable *ed,
		       const struct catalog_entry_view *v, size_t n, const struct failed *f)
{
	struct buf *o = &r->out;
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"entries\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    title_of(r, ed), web_label("code"), web_label("label_es"), web_label("label_en"),
		    _("Status"), _("Actions"));
	for (size_t i = 0; i < n; i++) {
		html_printf(o, "<tr id=\"entry-%s\"%R><td data-label=\"%s\"><code>%s</code>",
			    v[i].code, v[i].active ? "" : " class=\"inactive\"", web_label("code"),
			    v[i].code);
		if (v[i].builtin)
			html_printf(o, " <small>(%s)</small>", _("built in"));
		html_printf(o, "</td><td data-label=\"%s\" lang=\"es\">%s</td><td data-label=\"%s\" lang=\"en\">%s</td><td data-label=\"%s\" class=\"entry-status\">",
			    web_label("label_es"), v[i].label_es, web_label("label_en"), v[i].label_en,
			    _("Status"));
		if (v[i].active)
			html_printf(o, "%s", _("In use"));
		else
			html_printf(o, "<mark>%s</mark>", _("Deactivated"));
		html_printf(o, "</td><td data-label=\"%s\">", _("Actions"));
		entry_actions(r, ed, &v[i], errs_of(f, v[i].code));
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table></div>");
}

static void add_form(struct request *r, const struct catalog_editable *ed, const struct errors *errs)
{
	struct buf *o = &r->out;
	html_printf(o, "<section id=\"add\"><h3>%s</h3><form method=\"post\" action=\"/catalogues/%s/entries\" novalidate>",
		    _("Add an entry"), ed->catalogue);
	form_csrf(r);
	if (ed->area)
		html_printf(o, "<input type=\"hidden\" name=\"area\" value=\"%s\">", ed->area);
	html_printf(o, "<div class=\"grid\">");
	form_text(r, "label_es", web_label("label_es"), errs ? req_form(r, "label_es") : NULL, errs,
		  "text", NULL, 0);
	form_text(r, "label_en", web_label("label_en"), errs ? req_form(r, "label_en") : NULL, errs,
		  "text", NULL, 0);
	html_printf(o, "</div>");
	form_text(r, "code", web_label("code"), errs ? req_form(r, "code") : NULL, errs, "text",
		  _("Optional: lowercase letters, digits and \"_\". Empty: made from the name."), 0);
	html_printf(o, "<button type=\"submit\">%s</button></form></section>", _("Add"));
}

/* The catalogue's recent changes, from the audit log. */
static void history(struct request *r, const struct catalog_editable *ed)
{
	struct buf *o = &r->out;
	struct catalogue_change *h;
	size_t n;
	if (catalogue_history(&r->ctx, ed, 20, &h, &n) != DOM_OK || !n)
		return;
	html_printf(o, "<section id=\"changes\"><h3 id=\"changes-title\">%s</h3><div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-labelledby=\"changes-title\"><table class=\"audit entries\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Recent changes"), _("When"), _("Who"), _("What"), web_label("code"), _("Fields"));
	for (size_t i = 0; i < n; i++) {
		char when[32];
		time_display(h[i].ev->at, when);
		html_printf(o, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\"><code>%s</code></td><td data-label=\"%s\">",
			    _("When"), when, _("Who"), web_user_name(r, h[i].ev->user_id), _("What"),
			    web_action(h[i].ev->action), web_label("code"), h[i].code, _("Fields"));
		web_field_list(r, h[i].ev->fields);
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table></div></section>");
}

/* The summary of an entry's failed form: each error links to that row's
 * field (ids carry the code), or to the row for a refused removal. */
static void entry_error_summary(struct request *r, const char *code, const struct errors *errs)
{
	if (!errs->n)
		return;
	html_printf(&r->out, "<div role=\"alert\" class=\"error-summary\"><strong>%s</strong><ul>",
		    _("Some fields need correcting. Nothing was saved yet:"));
	for (int i = 0; i < errs->n; i++) {
		const char *field = errs->e[i].field;
		const char *target = strcmp(field, "label_es") == 0 || strcmp(field, "label_en") == 0
					     ? arena_printf(r->a, "f-%s-%s", code, field)
					     : arena_printf(r->a, "entry-%s", code);
		html_printf(&r->out, "<li><a href=\"#%s\">%s: %s</a></li>", target, web_label(field),
			    errs->e[i].message);
	}
	html_printf(&r->out, "</ul></div>");
}

static void render(struct request *r, const struct catalog_editable *ed, const struct failed *f)
{
	struct buf *o = &r->out;
	struct catalog_entry_view *v;
	size_t n;
	int rc = catalogue_list(&r->ctx, ed, &v, &n);
	if (rc) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Catalogues"), "catalogues");
	web_saved_notice(r);
	html_printf(o, "<h1>%s</h1><p>%s</p>", _("Catalogues"),
		    _("The lists the forms offer. Add entries, rename them in Spanish or English, and deactivate those no longer used: a deactivated entry is offered no more, and records that have it keep showing it."));
	if (f && f->errs && strcmp(f->form, "add") == 0)
		form_error_summary(r, f->errs);
	else if (f && f->errs)
		entry_error_summary(r, f->form, f->errs);
	html_printf(o, "<nav aria-label=\"%s\" class=\"catalogues\"><ul>", _("Catalogues"));
	for (size_t i = 0; i < CATALOG_EDITABLE_N; i++) {
		const struct catalog_editable *e = &CATALOG_EDITABLE[i];
		html_printf(o, "<li><a href=\"%s\"%R>%s</a></li>", address(r, e),
			    e == ed ? " aria-current=\"page\"" : "", title_of(r, e));
	}
	html_printf(o, "</ul></nav><section id=\"entries\"><h2>%s</h2>", title_of(r, ed));
	entry_rows(r, ed, v, n, f);
	add_form(r, ed, errs_of(f, "add"));
	history(r, ed);
	html_printf(o, "</section>");
	web_end(r);
}

/* GET /catalogues?catalogue=&area=: the first catalogue when none (or
 * none known) is asked for. */
void page_catalogues(struct request *r)
{
	const struct catalog_editable *ed =
		catalog_editable_find(req_query(r, "catalogue"), req_query(r, "area"));
	render(r, ed ? ed : &CATALOG_EDITABLE[0], NULL);
}

/* After a form: back to the catalogue, or the page again with the form's
 * errors (400, or 409 for a refused removal), or an error page. */
static void after(struct request *r, int rc, const struct catalog_editable *ed,
		  const struct failed *f)
{
	if (ed && (rc == DOM_INVALID || (rc == DOM_CONFLICT && f->errs->n))) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		render(r, ed, f);
	} else if (rc) {
		web_error(r, rc);
	} else {
		resp_redirect(r, arena_printf(r->a, "%s&saved=1#entries", address(r, ed)));
	}
}

/* The catalogue of an entry's form, or an error page (403 before 404: a
 * user who may not manage catalogues learns nothing of their codes). */
static const struct catalog_editable *entry_catalogue(struct request *r)
{
	int rc = auth_check(&r->user, PERM_CATALOGUES_MANAGE);
	const struct catalog_editable *ed = catalog_editable_of(r->params[0], r->params[1]);
	if (!rc && !ed)
		rc = DOM_NOTFOUND;
	if (rc)
		web_error(r, rc);
	return rc ? NULL : ed;
}

/* POST /catalogues/{catalogue}/entries: area, label_es, label_en, code. */
void page_catalogue_add(struct request *r)
{
	struct errors errs = { 0 };
	const struct catalog_editable *ed = catalog_editable_find(r->params[0], req_form(r, "area"));
	int rc = auth_check(&r->user, PERM_CATALOGUES_MANAGE);
	if (!rc && !ed)
		rc = DOM_NOTFOUND;
	if (!rc)
		rc = catalogue_add(&r->ctx, ed, req_form(r, "code"), req_form(r, "label_es"),
				   req_form(r, "label_en"), &errs, NULL);
	after(r, rc, ed, &(struct failed){ "add", &errs });
}

/* POST /catalogues/{catalogue}/entries/{code}: label_es, label_en (empty:
 * the built-in name). */
void page_catalogue_entry(struct request *r)
{
	struct errors errs = { 0 };
	const struct catalog_editable *ed = entry_catalogue(r);
	const char *es = req_form(r, "label_es"), *en = req_form(r, "label_en");
	if (ed)
		after(r, catalogue_update(&r->ctx, ed, r->params[1], es ? es : "", en ? en : "", NULL,
					  &errs, NULL),
		      ed, &(struct failed){ r->params[1], &errs });
}

/* POST /catalogues/{catalogue}/entries/{code}/active: active 0 or 1. */
void page_catalogue_active(struct request *r)
{
	struct errors errs = { 0 };
	const struct catalog_editable *ed = entry_catalogue(r);
	const char *active = req_form(r, "active");
	if (ed)
		after(r, catalogue_update(&r->ctx, ed, r->params[1], NULL, NULL, active ? active : "",
					  &errs, NULL),
		      ed, &(struct failed){ r->params[1], &errs });
}

/* POST /catalogues/{catalogue}/entries/{code}/remove */
void page_catalogue_remove(struct request *r)
{
	struct errors errs = { 0 };
	const struct catalog_editable *ed = entry_catalogue(r);
	if (ed)
		after(r, catalogue_remove(&r->ctx, ed, r->params[1], &errs), ed,
		      &(struct failed){ r->params[1], &errs });
}

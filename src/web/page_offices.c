/* page_offices.c: the offices of the installation (/offices): the list,
 * and for administrators the forms to add, rename, deactivate and
 * reactivate one; and the office filter other pages share. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/auth.h"
#include "domain/office.h"
#include "web/web.h"

/* A select "office" of the offices r's user sees (inactive ones too when
 * all_option: a filter over past records), selecting current; all_option
 * adds an empty first choice for every office. Nothing for a user of a
 * single office. */
static void office_select(struct request *r, const char *current, int all_option)
{
	struct store_list l;
	int all = auth_check(&r->user, PERM_OFFICES_ALL) == DOM_OK;
	if (!all && !strchr(r->user.office ? r->user.office : "", ','))
		return;
	if (office_list(&r->ctx, all_option, &l) != DOM_OK)
		return;
	html_printf(&r->out, "<div class=\"field\"><label for=\"f-office\">%s</label><select id=\"f-office\" name=\"office\">",
		    _("Office"));
	if (all_option)
		html_printf(&r->out, "<option value=\"\">%s</option>",
			    all ? _("All offices") : _("All my offices"));
	for (size_t i = 0; i < l.n; i++) {
		const struct office *o = l.items[i];
		if (office_may_see(&r->user, o->id))
			html_printf(&r->out, "<option value=\"%s\"%R>%s</option>", o->id,
				    current && !strcmp(current, o->id) ? " selected" : "", o->name);
	}
	html_printf(&r->out, "</select></div>");
}

void web_office_filter(struct request *r, const char *current)
{
	office_select(r, current, 1);
}

void web_office_choice(struct request *r, const char *current)
{
	office_select(r, current && *current ? current : office_first(&r->ctx, &r->user), 0);
}

static void render(struct request *r, const struct errors *errs, const char *failed)
{
	struct store_list l;
	struct buf *o = &r->out;
	int manage = auth_check(&r->user, PERM_OFFICES_MANAGE) == DOM_OK;
	int rc = office_list(&r->ctx, 1, &l);
	if (rc) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Offices"), "offices");
	html_printf(o, "<h1>%s</h1>", _("Offices"));
	web_saved_notice(r);
	if (errs)
		form_error_summary(r, errs);
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"offices\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>%R</tr></thead><tbody>",
		    _("Offices"), _("Code"), _("Name"), _("Status"),
		    manage ? arena_printf(r->a, "<th>%s</th>", _("Change")) : "");
	for (size_t i = 0; i < l.n; i++) {
		const struct office *of = l.items[i];
		int active = !strcmp(of->active, "1");
		html_printf(o, "<tr><td data-label=\"%s\"><code>%s</code></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>",
			    _("Code"), of->id, _("Name"), of->name, _("Status"),
			    active ? _("In operation") : _("Deactivated"));
		if (manage) {
			html_printf(o, "<td><form method=\"post\" action=\"/offices/%u\" class=\"inline office-rename\">", of->id);
			form_csrf(r);
			html_printf(o, "<label for=\"f-name-%s\" class=\"visually-hidden\">%s</label><input id=\"f-name-%s\" name=\"name\" value=\"%s\" required maxlength=\"%d\"><button type=\"submit\" class=\"small\">%s</button></form>",
				    of->id, _("Name"), of->id, of->name, OFFICE_NAME_MAX, _("Rename"));
			html_printf(o, "<form method=\"post\" action=\"/offices/%u\" class=\"inline\">", of->id);
			form_csrf(r);
			html_printf(o, "<input type=\"hidden\" name=\"active\" value=\"%s\"><button type=\"submit\" class=\"secondary small\">%s</button></form></td>",
				    active ? "0" : "1", active ? _("Deactivate") : _("Reactivate"));
		}
		html_printf(o, "</tr>");
	}
	html_printf(o, "</tbody></table></div>");
	if (manage) {
		int add_failed = failed && !strcmp(failed, "add");
		html_printf(o, "<section id=\"add\"><h2>%s</h2><form method=\"post\" action=\"/offices\" class=\"add-office\">",
			    _("Add an office"));
		form_csrf(r);
		html_printf(o, "<div class=\"grid\">");
		form_text(r, "id", _("Code"), add_failed ? req_form(r, "id") : NULL,
			  add_failed ? errs : NULL, "text", _("2 to 16 letters, digits or dashes, such as \"dar\"."), 1);
		form_text(r, "name", _("Name"), add_failed ? req_form(r, "name") : NULL,
			  add_failed ? errs : NULL, "text", NULL, 1);
		html_printf(o, "</div><button type=\"submit\">%s</button></form></section>", _("Add the office"));
	}
	web_end(r);
}

void page_offices(struct request *r)
{
	render(r, NULL, NULL);
}

/* After a form: back to the list, or the list again with the errors. */
static void after(struct request *r, int rc, const struct errors *errs, const char *failed)
{
	if (rc == DOM_INVALID) {
		r->status = 400;
		render(r, errs, failed);
	} else if (rc) {
		web_error(r, rc);
	} else {
		resp_redirect(r, "/offices?saved=1");
	}
}

/* POST /offices: id, name. */
void page_office_create(struct request *r)
{
	struct errors errs = { 0 };
	int rc = office_create(&r->ctx, req_form(r, "id"), req_form(r, "name"), &errs, NULL);
	after(r, rc, &errs, "add");
}

/* POST /offices/{id}: name (rename) or active 0|1. */
void page_office_update(struct request *r)
{
	struct errors errs = { 0 };
	int rc = office_update(&r->ctx, r->params[0], req_form(r, "name"), req_form(r, "active"), &errs,
			       NULL);
	after(r, rc, &errs, "update");
}

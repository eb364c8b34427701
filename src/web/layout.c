/* layout.c: the frame every page shares. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "web/web.h"

int web_is_fragment(struct request *r)
{
	const char *hx = req_header(r, "HX-Request");
	return hx && strcmp(hx, "true") == 0 && !req_header(r, "HX-Boosted");
}

static void nav_link(struct request *r, const char *href, const char *label, int active)
{
	html_printf(&r->out, "<li><a href=\"%s\"%R>%s</a></li>", href,
		    active ? " aria-current=\"page\"" : "", label);
}

void web_begin(struct request *r, const char *title, const char *nav)
{
	struct buf *o = &r->out;
	html_printf(o,
		    "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false}'>"
		    "<title>%s · amparo</title>"
		    "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
		    "<link rel=\"stylesheet\" href=\"/static/pico.min.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/app.css\">"
		    "<script src=\"/static/htmx.min.js\" defer></script>"
		    "<script src=\"/static/app.js\" defer></script>"
		    "</head><body><a class=\"skip\" href=\"#main\">%s</a>"
		    "<header class=\"container\"><nav><ul><li><a href=\"/\" class=\"brand\">amparo</a></li></ul><ul>",
		    r->lang, title, _("Skip to content"));
	if (r->logged_in) {
		nav_link(r, "/people", _("People"), nav && !strcmp(nav, "people"));
		nav_link(r, "/households", _("Households"), nav && !strcmp(nav, "households"));
		nav_link(r, "/people/new", _("Register"), nav && !strcmp(nav, "register"));
		if (auth_check(&r->user, PERM_CASES_READ) == DOM_OK)
			nav_link(r, "/cases", _("My cases"), nav && !strcmp(nav, "cases"));
		if (auth_check(&r->user, PERM_CASES_READ) == DOM_OK)
			nav_link(r, "/transfers", _("Transfers"), nav && !strcmp(nav, "transfers"));
		if (auth_check(&r->user, PERM_OFFICES_MANAGE) == DOM_OK)
			nav_link(r, "/offices", _("Offices"), nav && !strcmp(nav, "offices"));
		if (auth_check(&r->user, PERM_REGISTRY_READ) == DOM_OK)
			nav_link(r, "/partners", _("Partners"), nav && !strcmp(nav, "partners"));
		if (auth_check(&r->user, PERM_REGISTRY_MERGE) == DOM_OK)
			nav_link(r, "/reviews", _("Possible duplicates"), nav && !strcmp(nav, "reviews"));
	}
	/* The language switch is a form, so changing it works without JS. */
	const char *other = strcmp(r->lang, "en") == 0 ? "es" : "en";
	html_printf(o,
		    "<li><form method=\"post\" action=\"/lang\" class=\"inline\">"
		    "<input type=\"hidden\" name=\"to\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"next\" value=\"%s\">",
		    other, r->path);
	form_csrf(r);
	html_printf(o, "<button type=\"submit\" class=\"secondary outline small\" lang=\"%s\">%s</button></form></li>",
		    other, strcmp(other, "en") == 0 ? "English" : "Español");
	if (r->logged_in) {
		html_printf(o,
			    "<li><form method=\"post\" action=\"/logout\" class=\"inline\">");
		form_csrf(r);
		html_printf(o,
			    "<button type=\"submit\" class=\"secondary small\" title=\"%s\">%s</button></form></li>",
			    r->user.full_name ? r->user.full_name : r->user.name, _("Log out"));
	}
	html_printf(o, "</ul></nav></header><main id=\"main\" class=\"container\">");
}

void web_end(struct request *r)
{
	html_printf(&r->out,
		    "</main><footer class=\"container\"><small>%s</small></footer></body></html>",
		    _("amparo: case management for refugee protection. Handle personal data with care."));
}

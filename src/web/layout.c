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

/* The navigation: what each link needs, and whether it sits under "More"
 * (a disclosure that works without JavaScript) rather than in the bar. */
struct nav_item {
	const char *href, *label, *key;
	enum perm perm;
	int more;
};

static const struct nav_item menu[] = {
	{ "/today", N_("My day"), "today", PERM_CASES_READ, 0 },
	{ "/people", N_("People"), "people", PERM_REGISTRY_READ, 0 },
	{ "/households", N_("Households"), "households", PERM_REGISTRY_READ, 0 },
	{ "/people/new", N_("Register"), "register", PERM_REGISTRY_WRITE, 0 },
	{ "/cases", N_("My cases"), "cases", PERM_CASES_READ, 0 },
	{ "/referrals", N_("Referrals"), "referrals", PERM_CASES_READ, 0 },
	{ "/transfers", N_("Transfers"), "transfers", PERM_CASES_READ, 1 },
	{ "/approvals", N_("Approvals"), "approvals", PERM_CASES_ASSIGN, 0 },
	{ "/caseloads", N_("Caseloads"), "caseloads", PERM_CASELOADS_READ, 1 },
	{ "/assistance", N_("Assistance"), "assistance", PERM_ASSIST_REQUEST, 1 },
	{ "/partners", N_("Partners"), "partners", PERM_REGISTRY_READ, 1 },
	{ "/reviews", N_("Possible duplicates"), "reviews", PERM_REGISTRY_MERGE, 1 },
	{ "/catalogues", N_("Catalogues"), "catalogues", PERM_CATALOGUES_MANAGE, 1 },
	{ "/settings", N_("Settings"), "settings", PERM_SETTINGS_MANAGE, 1 },
	{ "/sharing-agreements", N_("Data-sharing agreements"), "sharing", PERM_SETTINGS_MANAGE, 1 },
	{ "/vulnerability-weights", N_("Vulnerability weights"), "vulnerability", PERM_SETTINGS_MANAGE, 1 },
	{ "/offices", N_("Offices"), "offices", PERM_OFFICES_MANAGE, 1 },
	{ "/data-requests", N_("Data-protection requests"), "data-requests", PERM_DATA_RIGHTS, 1 },
	{ "/access-alerts", N_("Access alerts"), "access-alerts", PERM_USERS_MANAGE, 1 },
};
#define NMENU (sizeof(menu) / sizeof(menu[0]))

static const char *nav_label(struct request *r, const struct nav_item *it)
{
	/* "Aprobaciones" and "Remisiones" say how many requests wait. */
	if (strcmp(it->key, "referrals") == 0)
		return web_referrals_nav(r);
	return strcmp(it->key, "approvals") == 0 ? web_approvals_nav(r) : _(it->label);
}

static void nav_items(struct request *r, const char *current)
{
	int more = 0, in_more = 0;
	for (size_t i = 0; i < NMENU; i++) {
		if (auth_check(&r->user, menu[i].perm) != DOM_OK)
			continue;
		if (!menu[i].more) {
			nav_link(r, menu[i].href, nav_label(r, &menu[i]), current && !strcmp(current, menu[i].key));
			continue;
		}
		more++;
		in_more |= current && !strcmp(current, menu[i].key);
	}
	if (!more)
		return;
	html_printf(&r->out, "<li><details class=\"dropdown\"><summary%R>%s</summary><ul dir=\"rtl\">",
		    in_more ? " aria-current=\"page\"" : "", _("More"));
	for (size_t i = 0; i < NMENU; i++)
		if (menu[i].more && auth_check(&r->user, menu[i].perm) == DOM_OK)
			nav_link(r, menu[i].href, nav_label(r, &menu[i]), current && !strcmp(current, menu[i].key));
	html_printf(&r->out, "</ul></details></li>");
}

void web_begin(struct request *r, const char *title, const char *nav_key)
{
	struct buf *o = &r->out;
	/* Most pages are 10 to 30 KB: one allocation instead of seven doublings. */
	buf_reserve(o, 16384);
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
	if (r->logged_in)
		nav_items(r, nav_key);
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
		html_printf(o, "<li><a href=\"/account/password\" class=\"small\">%s</a></li>",
			    _("Password"));
		html_printf(o,
			    "<li><form method=\"post\" action=\"/logout\" class=\"inline\">");
		form_csrf(r);
		html_printf(o,
			    "<button type=\"submit\" class=\"secondary small\" title=\"%s\">%s</button></form></li>",
			    r->user.full_name ? r->user.full_name : r->user.name, _("Log out"));
	}
	html_printf(o, "</ul></nav></header><main id=\"main\" class=\"container\">");
}

void web_saved_notice(struct request *r)
{
	if (req_query(r, "saved"))
		html_printf(&r->out, "<p class=\"notice saved\" role=\"status\">%s</p>", _("Saved."));
}

void web_end(struct request *r)
{
	html_printf(&r->out,
		    "</main><footer class=\"container\"><small>%s</small></footer></body></html>",
		    _("amparo: case management for refugee protection. Handle personal data with care."));
}

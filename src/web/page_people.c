/* page_people.c: the people list and name search (live with htmx, a plain
 * GET form without JavaScript). */
#include <stdlib.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/person.h"
#include "web/web.h"

#define PAGE_SIZE 25

static long page_number(struct request *r)
{
	long p = 1;
	if (str_to_long(req_query(r, "page"), 1, 100000, &p))
		p = 1;
	return p;
}

static void results(struct request *r, const char *q, long page, const struct store_list *l)
{
	struct buf *o = &r->out;
	html_printf(o, "<div id=\"results\" aria-live=\"polite\">");
	if (q && *q)
		html_printf(o, "<p>%s <strong>%l</strong></p>", _("People found:"), l->total);
	else
		html_printf(o, "<p>%s <strong>%l</strong></p>", _("People registered:"), l->total);
	if (!l->n) {
		html_printf(o, "<p>%s <a href=\"/people/new\">%s</a></p></div>",
			    _("No one matches this search. Check the spelling, or register the person."),
			    _("Register a person"));
		return;
	}
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"striped people\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("People"), _("Reference"), _("Name"), web_label("birth_date"), web_label("nationality"), web_label("legal_status"));
	for (size_t i = 0; i < l->n; i++) {
		const struct person *p = l->items[i];
		char dob[16];
		date_display(p->birth_date, dob);
		html_printf(o,
			    "<tr><td><a href=\"/people/%u\">%s</a></td><td><a href=\"/people/%u\">%s %s %s</a></td>"
			    "<td>%s%s</td><td>%s</td><td>%s</td></tr>",
			    p->id, p->ref, p->id, p->given_names, p->surname1 ? p->surname1 : "",
			    p->surname2 ? p->surname2 : "", dob,
			    p->birth_estimated && !strcmp(p->birth_estimated, "1") ? " ~" : "",
			    p->nationality ? catalog_label(&CAT_COUNTRY, p->nationality) : "—",
			    p->legal_status ? catalog_label(&CAT_LEGAL_STATUS, p->legal_status) : "—");
	}
	html_printf(o, "</tbody></table></div>");
	long pages = (long)((l->total + PAGE_SIZE - 1) / PAGE_SIZE);
	if (pages > 1) {
		html_printf(o, "<nav aria-label=\"%s\" class=\"pager\">", _("Pages"));
		if (page > 1)
			html_printf(o, "<a href=\"/people?q=%u&amp;page=%l\">%s</a>", q ? q : "",
				    (long long)page - 1, _("« Previous"));
		html_printf(o, " <span>%s %l / %l</span> ", _("Page"), (long long)page, (long long)pages);
		if (page < pages)
			html_printf(o, "<a href=\"/people?q=%u&amp;page=%l\">%s</a>", q ? q : "",
				    (long long)page + 1, _("Next »"));
		html_printf(o, "</nav>");
	}
	html_printf(o, "</div>");
}

void page_people(struct request *r)
{
	struct store_list l;
	const char *q = req_query(r, "q");
	long page = page_number(r);
	int rc = person_search(&r->ctx, q, PAGE_SIZE, (page - 1) * PAGE_SIZE, &l);

	if (rc) {
		web_error(r, rc);
		return;
	}
	if (web_is_fragment(r)) {
		results(r, q, page, &l);
		return;
	}
	web_begin(r, _("People"), "people");
	html_printf(&r->out,
		    "<hgroup><h1>%s</h1><p>%s</p></hgroup>"
		    "<form method=\"get\" action=\"/people\" role=\"search\">"
		    "<input type=\"search\" name=\"q\" value=\"%s\" aria-label=\"%s\" placeholder=\"%s\" "
		    "autocomplete=\"off\" hx-get=\"/people\" hx-trigger=\"input changed delay:300ms, search\" "
		    "hx-target=\"#results\" hx-swap=\"outerHTML\">"
		    "<button type=\"submit\">%s</button></form>",
		    _("People"),
		    _("Search by name (accents and small spelling mistakes are fine), reference or document number."),
		    q ? q : "", _("Search people"), _("e.g. maria jose perez"), _("Search"));
	results(r, q, page, &l);
	web_end(r);
}

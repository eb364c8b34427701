/* page_person.c: the person profile (overview, consents, household,
 * documents, cases) and the record's history page (legal status, the
 * record's activity, data-protection rights). Two pages, so that the one
 * opened all day stays light on a phone (docs/benchmarks.md). */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/household.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "domain/user.h"
#include "web/web.h"

static void row(struct request *r, const char *label, const char *value)
{
	html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", label,
		    value && *value ? value : "—");
}

static void needs_list(struct request *r, const char *needs)
{
	if (!needs || !*needs)
		return;
	html_printf(&r->out, "<p class=\"needs\">");
	char code[32];
	while (codes_next(&needs, code, sizeof(code)))
		html_printf(&r->out, "<mark title=\"%s\">%s</mark> ", code, catalog_label(&CAT_NEED, code));
	html_printf(&r->out, "</p>");
}

/* The history names the same few users over and over: look each up once. */
static void household_section(struct request *r, const struct person *p)
{
	struct buf *o = &r->out;
	struct household h;
	struct store_list m;

	html_printf(o, "<section id=\"household\"><h2>%s</h2>", _("Household"));
	if (p->household_id && household_load(&r->ctx, p->household_id, &h) == DOM_OK &&
	    household_members(&r->ctx, h.id, &m) == DOM_OK) {
		html_printf(o, "<p><a href=\"/households/%u\">%s</a> · %s %z</p><ul>", h.id, h.ref,
			    _("members:"), m.n);
		for (size_t i = 0; i < m.n; i++) {
			const struct person *q = m.items[i];
			html_printf(o, "<li><a href=\"/people/%u\">%s %s</a> — %s</li>", q->id,
				    q->given_names, q->surname1 ? q->surname1 : "",
				    catalog_label(&CAT_RELATIONSHIP, q->relationship));
		}
		html_printf(o, "</ul><a href=\"/people/new?household=%u\" role=\"button\" class=\"outline\">%s</a>",
			    h.id, _("Register another member"));
	} else {
		html_printf(o, "<p>%s</p><form method=\"post\" action=\"/households\">", _("This person is not in a household yet."));
		form_csrf(r);
		html_printf(o, "<input type=\"hidden\" name=\"head_id\" value=\"%s\">"
			       "<button type=\"submit\">%s</button></form>",
			    p->id, _("Start a household with this person as head"));
	}
	html_printf(o, "</section>");
}

static void documents_section(struct request *r, const struct person *p)
{
	struct buf *o = &r->out;
	struct store_list d;
	html_printf(o, "<section id=\"documents\"><h2>%s</h2>", _("Documents"));
	if (person_documents(&r->ctx, p->id, &d) == DOM_OK && d.n) {
		html_printf(o, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
			    web_label("type"), web_label("number"), web_label("issued_on"), web_label("expires_on"));
		for (size_t i = 0; i < d.n; i++) {
			const struct document *doc = d.items[i];
			char is[16], ex[16];
			date_display(doc->issued_on, is);
			date_display(doc->expires_on, ex);
			html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
				    catalog_label(&CAT_DOCUMENT_TYPE, doc->type), doc->number, is, ex);
		}
		html_printf(o, "</tbody></table>");
	} else {
		html_printf(o, "<p>%s</p>", _("No documents recorded."));
	}
	html_printf(o, "<details><summary>%s</summary><form method=\"post\" action=\"/people/%u/documents\">",
		    _("Add a document"), p->id);
	form_csrf(r);
	html_printf(o, "<div class=\"grid\">");
	form_select(r, "type", web_label("type"), &CAT_DOCUMENT_TYPE, NULL, NULL, 1);
	form_text(r, "number", web_label("number"), NULL, NULL, "text", NULL, 1);
	form_text(r, "issued_on", web_label("issued_on"), NULL, NULL, "date", NULL, 0);
	form_text(r, "expires_on", web_label("expires_on"), NULL, NULL, "date", NULL, 0);
	html_printf(o, "</div><button type=\"submit\">%s</button></form></details></section>", _("Add"));
}

/* The title, the alerts and the tabs, the same on the profile and on the
 * history page; history says which is shown. Returns 1 when the record
 * was merged into another (the notice says where): nothing else to show. */
static int person_header(struct request *r, const struct person *p, int history)
{
	struct buf *o = &r->out;
	const char *base = history ? arena_printf(r->a, "/people/%s", p->id) : "";
	web_saved_notice(r);
	int merged = web_merge_notice(r, "person", p);
	html_printf(o, "<hgroup><h1>%s %s %s</h1><p>%s%R%s</p></hgroup>", p->given_names,
		    p->surname1 ? p->surname1 : "", p->surname2 ? p->surname2 : "", p->ref,
		    p->legal_status ? " · " : "", p->legal_status ? catalog_label(&CAT_LEGAL_STATUS, p->legal_status) : "");
	if (merged)
		return 1;
	web_person_flags(r, p->id, NULL);
	web_person_anonymised(r, p);
	if (!history)
		needs_list(r, p->needs);
	html_printf(o, "<nav class=\"tabs\"><ul><li><a href=\"%s#overview\">%s</a></li><li><a href=\"%s#consents\">%s</a></li><li><a href=\"%s#household\">%s</a></li>"
		       "<li><a href=\"%s#documents\">%s</a></li><li><a href=\"%s#cases\">%s</a></li>"
		       "<li><a href=\"/people/%u/history\"%R>%s</a></li></ul>"
		       "<ul><li><a href=\"/people/%u/edit\" role=\"button\">%s</a></li>",
		    base, _("Overview"), base, _("Consents"), base, _("Household"), base, _("Documents"), base, _("Cases"),
		    p->id, history ? " aria-current=\"page\"" : "", _("History"), p->id, _("Edit"));
	if (merge_may(&r->ctx))
		html_printf(o, "<li><a href=\"/people/%u/merge\" role=\"button\" class=\"secondary outline\">%s</a></li>",
			    p->id, _("Merge with another record"));
	html_printf(o, "</ul></nav>");
	return 0;
}

/* GET /people/{id}/history: how the record came to be what it is, and the
 * person's data-protection rights. */
void page_person_history(struct request *r)
{
	struct person p;
	struct buf *o = &r->out;
	struct store_list s;
	int rc = person_get(&r->ctx, r->params[0], &p);

	if (rc) {
		web_error(r, rc);
		return;
	}
	web_begin(r, arena_printf(r->a, "%s: %s %s", _("History"), p.given_names, p.surname1 ? p.surname1 : ""),
		  "people");
	if (person_header(r, &p, 1)) {
		web_end(r);
		return;
	}
	html_printf(o, "<section id=\"history\"><h2>%s</h2>", _("History"));
	if (person_status_history(&r->ctx, p.id, &s) == DOM_OK && s.n) {
		html_printf(o, "<h3>%s</h3><ul>", web_label("legal_status"));
		for (size_t i = 0; i < s.n; i++) {
			const struct status_change *c = s.items[i];
			char d[16];
			date_display(c->since, d);
			html_printf(o, "<li>%s: %s</li>", d, catalog_label(&CAT_LEGAL_STATUS, c->legal_status));
		}
		html_printf(o, "</ul>");
	}
	html_printf(o, "<h3 id=\"activity\">%s</h3>", _("Record activity"));
	if (!web_audit_table(r, p.id, 50, _("Record activity"), NULL))
		html_printf(o, "<p>%s</p>", _("No activity recorded."));
	html_printf(o, "</section>");
	web_person_data_rights(r, &p);
	web_end(r);
}

void page_person(struct request *r)
{
	struct person p;
	struct buf *o = &r->out;
	char dob[16], arr[16], cons[16];
	int rc = person_get(&r->ctx, r->params[0], &p);

	if (rc) {
		web_error(r, rc);
		return;
	}
	date_display(p.birth_date, dob);
	date_display(p.arrival_date, arr);
	date_display(p.consent_date, cons);
	web_begin(r, arena_printf(r->a, "%s %s", p.given_names, p.surname1 ? p.surname1 : ""), "people");
	if (person_header(r, &p, 0)) {
		web_end(r);
		return;
	}
	html_printf(o, "<section id=\"overview\"><h2>%s</h2><table class=\"facts\"><tbody>", _("Overview"));
	row(r, web_label("sex"), catalog_label(&CAT_SEX, p.sex));
	row(r, web_label("birth_date"),
	    p.birth_estimated && !strcmp(p.birth_estimated, "1") ? arena_printf(r->a, "%s (%s)", dob, _("estimated")) : dob);
	row(r, web_label("nationality"), catalog_label(&CAT_COUNTRY, p.nationality));
	row(r, web_label("origin_country"), catalog_label(&CAT_COUNTRY, p.origin_country));
	row(r, web_label("arrival_date"), arr);
	const char *asylum = web_asylum_stage(r, p.id);
	if (asylum)
		row(r, _("Asylum procedure"), asylum);
	row(r, web_label("languages"), p.languages);
	row(r, web_label("phone"), web_phone_for_contact(r, p.id, p.phone));
	row(r, web_label("email"), p.email);
	row(r, web_label("address"), p.address);
	row(r, web_label("province"), catalog_label(&CAT_PROVINCE, p.province));
	row(r, web_label("district"), catalog_label(&CAT_DISTRICT, p.district));
	row(r, _("Consent at registration"), p.consent_scope ? arena_printf(r->a, "%s (%s)", catalog_label(&CAT_CONSENT_SCOPE, p.consent_scope), cons) : NULL);
	html_printf(o, "</tbody></table></section>");
	struct store_list cases;
	const struct store_list *pc = web_person_case_list(r, &p, &cases);
	web_person_flag_section(r, &p, pc);
	web_person_consents(r, &p);
	household_section(r, &p);
	documents_section(r, &p);
	web_person_cases(r, &p, pc);
	web_end(r);
}

void page_person_document(struct request *r)
{
	struct document d;
	struct errors errs = { 0 };
	form_read(r, &ENT_DOCUMENT, &d, &errs);
	int rc = person_add_document(&r->ctx, r->params[0], &d, &errs);
	if (rc == DOM_INVALID) {
		form_read(r, &ENT_DOCUMENT, &d, NULL);
		r->status = 400;
		web_begin(r, _("Add a document"), "people");
		html_printf(&r->out, "<h1>%s</h1>", _("Add a document"));
		form_error_summary(r, &errs);
		html_printf(&r->out, "<form method=\"post\" action=\"/people/%u/documents\">", r->params[0]);
		form_csrf(r);
		form_select(r, "type", web_label("type"), &CAT_DOCUMENT_TYPE, d.type, &errs, 1);
		form_text(r, "number", web_label("number"), d.number, &errs, "text", NULL, 1);
		form_text(r, "issued_on", web_label("issued_on"), d.issued_on, &errs, "date", NULL, 0);
		form_text(r, "expires_on", web_label("expires_on"), d.expires_on, &errs, "date", NULL, 0);
		html_printf(&r->out, "<button type=\"submit\">%s</button></form>", _("Add"));
		web_end(r);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/people/%s?saved=1#documents", r->params[0]));
}

/* page_caseloads.c: /caseloads, the supervisor's view of every caseload
 * (caseload.h): counts per caseworker, each a link to the cases it counts,
 * what is late (appointments, goals, referrals), and the PHQ-9 alerts to
 * act on. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/caseload.h"
#include "domain/catalog.h"
#include "web/web.h"

/* A count as a link to the caseload it counts (who: a user id; NULL for
 * the unassigned, who have no list), or a dimmed zero. */
static void count_cell(struct request *r, const char *label, long long n, const char *who,
		       const char *area, const char *key, const char *value)
{
	struct buf *o = &r->out;
	if (!n) {
		html_printf(o, "<td data-label=\"%s\" class=\"num zero\">0</td>", label);
		return;
	}
	if (!who) {
		html_printf(o, "<td data-label=\"%s\" class=\"num\">%l</td>", label, n);
		return;
	}
	html_printf(o, "<td data-label=\"%s\" class=\"num\"><a href=\"/cases?who=%u&amp;area=%u", label, who,
		    area ? area : "");
	if (key)
		html_printf(o, "&amp;%u=%u", key, value);
	html_printf(o, "\">%l</a></td>", n);
}

/* A count that needs attention: marked when above zero. */
static void late_cell(struct request *r, const char *label, const char *class, long long n)
{
	html_printf(&r->out, "<td data-label=\"%s\" class=\"num %s%R\">%l</td>", label, class,
		    n ? " alert" : " zero", n);
}

static void caseload_row(struct request *r, const struct caseload *l, const char *area, int total)
{
	struct buf *o = &r->out;
	const char *who = l->user ? l->user->id : NULL;
	if (total)
		html_printf(o, "<tr class=\"total\"><th scope=\"row\">%s</th>", _("Total"));
	else if (l->user)
		html_printf(o, "<tr><th scope=\"row\">%s<br><small>%s</small></th>",
			    l->user->full_name ? l->user->full_name : l->user->name,
			    catalog_label(&CAT_ROLE, l->user->role));
	else
		html_printf(o, "<tr><th scope=\"row\"><em>%s</em></th>", _("Nobody assigned"));
	if (total)
		who = NULL;
	for (size_t i = 0; i < CAT_CASE_STATUS.n; i++)
		if (strcmp(CAT_CASE_STATUS.items[i].code, "closed") != 0)
			count_cell(r, _(CAT_CASE_STATUS.items[i].label), l->status[i], who, area, "status",
				   CAT_CASE_STATUS.items[i].code);
	html_printf(o, "<td data-label=\"%s\" class=\"num\"><strong>%l</strong></td>", _("In progress"), l->current);
	for (size_t i = 2; i < CAT_RISK.n; i++) /* high and critical */
		count_cell(r, _(CAT_RISK.items[i].label), l->risk[i], who, area, "risk", CAT_RISK.items[i].code);
	late_cell(r, _("Self-harm alerts"), "self-harm", l->alerts);
	late_cell(r, _("Overdue appointments"), "overdue-appointments", l->late_appointments);
	late_cell(r, _("Overdue goals"), "overdue-goals", l->late_goals);
	late_cell(r, _("Overdue referrals"), "overdue-referrals", l->late_referrals);
	for (size_t i = 0; i < CAT_CASE_STATUS.n; i++)
		if (strcmp(CAT_CASE_STATUS.items[i].code, "closed") == 0)
			count_cell(r, _(CAT_CASE_STATUS.items[i].label), l->status[i], who, area, "status",
				   "closed");
	html_printf(o, "</tr>");
}

static void alert_rows(struct request *r, const struct caseloads *s)
{
	struct buf *o = &r->out;
	html_printf(o, "<section id=\"alerts\"><h2>%s</h2>", _("Self-harm alerts (PHQ-9, question 9)"));
	if (!s->nalerts) {
		html_printf(o, "<p>%s</p></section>", _("No open case has an alert."));
		return;
	}
	html_printf(o, "<p>%s</p><table class=\"stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("The latest PHQ-9 of these cases has question 9 answered above 0."), _("Date"),
		    _("Case"), _("Person"), _("Area"), _("Caseworker"));
	for (size_t i = 0; i < s->nalerts; i++) {
		const struct case_rec *k = s->alerts[i].k;
		struct person p;
		char d[16];
		date_display(s->alerts[i].a->taken_on, d);
		int named = case_person(&r->ctx, k, &p) == DOM_OK;
		const char *worker = "";
		for (size_t j = 0; j < s->n; j++)
			if (s->rows[j].user && k->assigned_to && strcmp(s->rows[j].user->id, k->assigned_to) == 0)
				worker = s->rows[j].user->full_name ? s->rows[j].user->full_name : s->rows[j].user->name;
		html_printf(o, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\"><a href=\"/cases/%u\">%s</a></td>"
			       "<td data-label=\"%s\">%s %s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
			    _("Date"), d, _("Case"), k->id, k->ref, _("Person"), named ? p.given_names : "",
			    named ? p.surname1 : "", _("Area"), catalog_label(&CAT_AREA, k->area), _("Caseworker"),
			    worker);
	}
	html_printf(o, "</tbody></table></section>");
}

void page_caseloads(struct request *r)
{
	struct caseloads s;
	struct errors errs = { 0 };
	struct buf *o = &r->out;
	const char *area = req_query(r, "area");
	if (area && !*area)
		area = NULL;
	int rc = caseload_summary(&r->ctx, area, &errs, &s);
	if (rc && rc != DOM_INVALID) {
		web_error(r, rc);
		return;
	}
	if (rc)
		r->status = 400;
	web_begin(r, _("Caseloads"), "caseloads");
	html_printf(o, "<h1>%s</h1><form method=\"get\" action=\"/caseloads\" class=\"filters\"><div class=\"grid\">",
		    _("Caseloads"));
	form_select(r, "area", _("Area"), &CAT_AREA, area, &errs, 0);
	html_printf(o, "</div><button type=\"submit\">%s</button></form>", _("Filter"));
	if (rc) {
		form_error_summary(r, &errs);
		web_end(r);
		return;
	}
	/* Wider than a laptop's screen with every column: it scrolls in its
	 * own box there, and stacks into cards on a phone. */
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">"
		       "<table class=\"stack caseloads\"><thead><tr><th scope=\"col\">%s</th>",
		    _("Caseloads"), _("Caseworker"));
	for (size_t i = 0; i < CAT_CASE_STATUS.n; i++)
		if (strcmp(CAT_CASE_STATUS.items[i].code, "closed") != 0)
			html_printf(o, "<th scope=\"col\" class=\"num\">%s</th>", _(CAT_CASE_STATUS.items[i].label));
	html_printf(o, "<th scope=\"col\" class=\"num\">%s</th>", _("In progress"));
	for (size_t i = 2; i < CAT_RISK.n; i++)
		html_printf(o, "<th scope=\"col\" class=\"num\">%s %s</th>", _("Risk"), _(CAT_RISK.items[i].label));
	const char *const heads[] = { _("Self-harm alerts"), _("Overdue appointments"), _("Overdue goals"),
				      _("Overdue referrals"), catalog_label(&CAT_CASE_STATUS, "closed") };
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		html_printf(o, "<th scope=\"col\" class=\"num\">%s</th>", heads[i]);
	html_printf(o, "</tr></thead><tbody>");
	for (size_t i = 0; i < s.n; i++)
		caseload_row(r, &s.rows[i], area, 0);
	caseload_row(r, &s.total, area, 1);
	html_printf(o, "</tbody></table></div>");
	alert_rows(r, &s);
	web_end(r);
}

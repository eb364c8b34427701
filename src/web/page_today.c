/* page_today.c: "My day" (/today): a staff member's appointments of one
 * day in time order, and their overdue ones (planned, time passed, not
 * marked). Supervisors and administrators may see another staff member's
 * day or everyone's. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/appointment.h"
#include "domain/auth.h"
#include "domain/user.h"
#include "web/web.h"

/* Appointments a day shows at most, and overdue ones. */
#define DAY_MAX 200
#define OVERDUE_MAX 100

/* day ± days as "YYYY-MM-DD" (day is a valid date). */
static void shift(const char *day, int days, char out[16])
{
	int y, m, d;
	date_parse(day, &y, &m, &d);
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
	time_t t = timegm(&tm) + (time_t)days * 86400;
	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* The day asked for (ISO or day first, as typed), or today when absent;
 * NULL when it is no date. */
static const char *chosen_day(struct request *r, char today[16])
{
	const char *v = req_query(r, "day");
	int d, m, y, n = 0;
	time_today(today);
	if (!v || !*v)
		return today;
	if (date_parse(v, NULL, NULL, NULL) == 0)
		return v;
	if (sscanf(v, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && !v[n]) {
		const char *iso = arena_printf(r->a, "%04d-%02d-%02d", y, m, d);
		if (date_parse(iso, NULL, NULL, NULL) == 0)
			return iso;
	}
	return NULL;
}

/* The choice of whose day for supervisors: theirs, everyone's, or one
 * staff member's. */
static void who_select(struct request *r, const char *user)
{
	struct store_list staff;
	struct buf *o = &r->out;
	if (appointment_staff(&r->ctx, &staff) != DOM_OK)
		return;
	html_printf(o, "<div class=\"field\"><label for=\"f-user\">%s</label><select id=\"f-user\" name=\"user\">"
		       "<option value=\"\">%s</option><option value=\"all\"%R>%s</option>",
		    web_label("with_user"), _("My day"), user && !strcmp(user, "all") ? " selected" : "",
		    _("Everyone"));
	for (size_t i = 0; i < staff.n; i++) {
		const struct user *u = staff.items[i];
		if (strcmp(u->id, r->user.id) != 0)
			html_printf(o, "<option value=\"%s\"%R>%s</option>", u->id,
				    user && !strcmp(user, u->id) ? " selected" : "",
				    u->full_name ? u->full_name : u->name);
	}
	html_printf(o, "</select></div>");
}

/* For supervisors looking at everyone's day: how many overdue
 * appointments each staff member has, each a link to their day. */
static void overdue_counts(struct request *r)
{
	struct store_list l;
	struct buf *o = &r->out;
	if (appointment_overdue_counts(&r->ctx, &l) != DOM_OK || !l.n)
		return;
	html_printf(o, "<table class=\"overdue-counts\"><caption>%s</caption><thead><tr><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Overdue per staff member"), web_label("with_user"), _("Overdue"));
	for (size_t i = 0; i < l.n; i++) {
		const struct appointment_count *k = l.items[i];
		struct user u;
		int known = user_get(&r->ctx, k->user_id, &u) == DOM_OK;
		html_printf(o, "<tr><td><a href=\"/today?user=%u\">%s</a></td><td>%l</td></tr>", k->user_id,
			    known ? (u.full_name ? u.full_name : u.name) : k->user_id, k->n);
	}
	html_printf(o, "</tbody></table>");
}

void page_today(struct request *r)
{
	struct buf *o = &r->out;
	struct store_list day_list, late;
	struct errors errs = { 0 }, lerrs = { 0 };
	struct user other;
	char today[16], prev[16], next[16], shown[16];
	int oversee = auth_check(&r->user, PERM_CASES_ASSIGN) == DOM_OK;
	const char *user = oversee ? req_query(r, "user") : NULL;
	const char *with = r->user.id, *title = _("My day");
	int rc;

	if (user && !*user)
		user = NULL;
	if (user && !strcmp(user, "all")) {
		with = NULL;
		title = _("Everyone's day");
	} else if (user && user_get(&r->ctx, user, &other) == DOM_OK) {
		with = other.id;
		title = arena_printf(r->a, _("Day of %s"), other.full_name ? other.full_name : other.name);
	} else if (user) {
		errors_add(&errs, "user", _("Choose a user from the list."));
		user = NULL;
	}
	const char *day = chosen_day(r, today);
	if (!day) {
		errors_add(&errs, "day", _("Write the date as day/month/year, for example 31/05/1990."));
		day = today;
	}
	struct appointment_filter f = { .with_user = with, .from = day, .to = day };
	struct appointment_filter lf = { .with_user = with, .overdue = 1 };
	if ((rc = appointment_list(&r->ctx, &f, DAY_MAX, 0, &lerrs, &day_list)) ||
	    (rc = appointment_list(&r->ctx, &lf, OVERDUE_MAX, 0, &lerrs, &late))) {
		web_error(r, rc);
		return;
	}
	if (errs.n)
		r->status = 400;
	/* Where the mark buttons come back to: this same view. */
	const char *back = arena_printf(r->a, "/today?user=%s&day=%s&saved=1", user ? user : "", day);
	unsigned staff_col = with && !strcmp(with, r->user.id) ? 0 : APPT_COL_STAFF;

	shift(day, -1, prev);
	shift(day, 1, next);
	date_display(day, shown);
	web_begin(r, title, "today");
	web_saved_notice(r);
	html_printf(o, "<h1>%s</h1>", title);
	form_error_summary(r, &errs);
	html_printf(o, "<form method=\"get\" action=\"/today\" class=\"filters\"><div class=\"grid\">");
	if (oversee)
		who_select(r, user);
	form_text(r, "day", _("Day"), day, &errs, "date", NULL, 0);
	html_printf(o, "</div><button type=\"submit\">%s</button></form>", _("Show"));

	html_printf(o, "<section id=\"day\"><h2>%s</h2>", strcmp(day, today) == 0
		    ? arena_printf(r->a, _("Today, %s"), shown) : shown);
	html_printf(o, "<nav aria-label=\"%s\" class=\"day-nav\"><a href=\"/today?user=%u&amp;day=%u\">%s</a> "
		       "<a href=\"/today?user=%u\">%s</a> <a href=\"/today?user=%u&amp;day=%u\">%s</a></nav>",
		    _("Other days"), user ? user : "", prev, _("« Previous day"), user ? user : "",
		    _("Today"), user ? user : "", next, _("Next day »"));
	if (day_list.n)
		web_appointment_table(r, &day_list, APPT_COL_CASE | staff_col, back,
				      _("Appointments of the day"));
	else
		html_printf(o, "<p>%s</p>", _("No appointments this day."));
	html_printf(o, "</section><section id=\"overdue\"><h2>%s</h2>", _("Overdue"));
	if (oversee && !with)
		overdue_counts(r);
	if (late.n) {
		html_printf(o, "<p>%s</p>",
			    arena_printf(r->a, _("Planned appointments whose time has passed and that nobody marked: %lld."),
					 late.total));
		web_appointment_table(r, &late, APPT_COL_CASE | APPT_COL_DATE | staff_col, back,
				      _("Overdue"));
	} else {
		html_printf(o, "<p>%s</p>", _("Nothing overdue."));
	}
	html_printf(o, "</section>");
	web_end(r);
}

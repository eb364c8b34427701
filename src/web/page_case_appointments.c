/* page_case_appointments.c: the case page's "Appointments and follow-ups"
 * section, booking one (POST /cases/{id}/appointments), the table of
 * appointments "My day" shares, and marking one done, missed or cancelled
 * (POST /appointments/{id}/status). */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/appointment.h"
#include "domain/case.h"
#include "domain/user.h"
#include "web/web.h"

/* The form that marks a planned appointment: an optional note and one
 * button per outcome (the clicked button sends the status), so it works
 * without JavaScript. ids: give the controls ids (the form alone on a
 * page), else the row's own labels. */
static void mark_form(struct request *r, const struct appointment *a, const char *next, int ids)
{
	struct buf *o = &r->out;
	html_printf(o, "<form method=\"post\" action=\"/appointments/%u/status\" class=\"appt-mark\">",
		    a->id);
	form_csrf(r);
	html_printf(o, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
	if (ids)
		html_printf(o, "<label for=\"f-notes\">%s</label><input id=\"f-notes\" name=\"notes\" type=\"text\" maxlength=\"2000\">",
			    _("Note (optional)"));
	else
		html_printf(o, "<input name=\"notes\" type=\"text\" maxlength=\"2000\" aria-label=\"%s\" placeholder=\"%s\">",
			    _("Note (optional)"), _("Note (optional)"));
	html_printf(o, "<div class=\"actions\"%R>", ids ? " id=\"f-status\"" : "");
	/* Done or missed only once it has begun (appointment_mark refuses
	 * them before): a button that can only fail is not offered. */
	char now[APPT_TIME_MAX];
	appointment_now(now);
	if (strcmp(a->starts_at, now) <= 0)
		html_printf(o, "<button type=\"submit\" name=\"status\" value=\"done\">%s</button>"
			       "<button type=\"submit\" name=\"status\" value=\"missed\" class=\"secondary\">%s</button>",
			    _("Done"), _("Did not come"));
	html_printf(o, "<button type=\"submit\" name=\"status\" value=\"cancelled\" class=\"secondary outline\">%s</button></div></form>",
		    _("Cancel the appointment"));
}

/* The date and time (or the time only) of a, with its duration. */
static const char *when(struct request *r, const struct appointment *a, int date)
{
	char t[32];
	appointment_time_display(a->starts_at, t);
	const char *s = date ? t : t + 11;
	if (a->duration_minutes)
		return arena_printf(r->a, _("%s · %s min"), s, a->duration_minutes);
	return arena_strdup(r->a, s);
}

static void status_cell(struct request *r, const struct appointment *a, const char *now)
{
	html_printf(&r->out, "<span class=\"appt-%s\">%s</span>", a->status,
		    catalog_label(&CAT_APPOINTMENT_STATUS, a->status));
	if (strcmp(a->status, "planned") == 0 && strcmp(a->starts_at, now) < 0)
		html_printf(&r->out, " <strong class=\"appt-overdue\">%s</strong>", _("Past due"));
}

void web_appointment_table(struct request *r, const struct store_list *l, unsigned cols,
			   const char *next, const char *label)
{
	struct buf *o = &r->out;
	struct case_rec k = { 0 };
	struct person p;
	int known = 0;
	char now[APPT_TIME_MAX];
	appointment_now(now);

	html_printf(o, "<table class=\"appointments stack\" aria-label=\"%s\"><thead><tr><th>%s</th>", label,
		    cols & APPT_COL_DATE ? _("Date and time") : _("Time"));
	if (cols & APPT_COL_CASE)
		html_printf(o, "<th>%s</th><th>%s</th>", _("Person"), _("Case"));
	html_printf(o, "<th>%s</th>", web_label("appt_kind"));
	if (cols & APPT_COL_STAFF)
		html_printf(o, "<th>%s</th>", web_label("with_user"));
	html_printf(o, "<th>%s</th><th>%s</th><th>%s</th>", web_label("with_whom"), web_label("place"),
		    web_label("status"));
	if (cols & APPT_COL_NOTES)
		html_printf(o, "<th>%s</th>", web_label("notes"));
	html_printf(o, "<th>%s</th></tr></thead><tbody>", _("Mark"));
	for (size_t i = 0; i < l->n; i++) {
		const struct appointment *a = l->items[i];
		if (!k.id || strcmp(k.id, a->case_id) != 0) {
			if (case_load(&r->ctx, a->case_id, &k) != DOM_OK)
				continue;
			known = case_person(&r->ctx, &k, &p) == DOM_OK;
		}
		html_printf(o, "<tr><td data-label=\"%s\">%s</td>",
			    cols & APPT_COL_DATE ? _("Date and time") : _("Time"),
			    when(r, a, cols & APPT_COL_DATE));
		if (cols & APPT_COL_CASE)
			html_printf(o, "<td data-label=\"%s\"><a href=\"/people/%u\">%s %s</a></td>"
				       "<td data-label=\"%s\"><a href=\"/cases/%u\">%s</a> · %s</td>",
				    _("Person"), k.person_id, known ? p.given_names : k.person_id,
				    known ? p.surname1 : NULL, _("Case"), k.id, k.ref,
				    catalog_label(&CAT_AREA, k.area));
		html_printf(o, "<td data-label=\"%s\">%s</td>", web_label("appt_kind"),
			    catalog_label(&CAT_APPOINTMENT_KIND, a->kind));
		if (cols & APPT_COL_STAFF)
			html_printf(o, "<td data-label=\"%s\">%s</td>", web_label("with_user"),
				    web_user_name(r, a->with_user));
		html_printf(o, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			    web_label("with_whom"), a->with_whom ? a->with_whom : "—",
			    web_label("place"), a->place ? a->place : "—", web_label("status"));
		status_cell(r, a, now);
		html_printf(o, "</td>");
		if (cols & APPT_COL_NOTES) {
			html_printf(o, "<td data-label=\"%s\">", web_label("notes"));
			if (a->notes_restricted)
				html_printf(o, "<em class=\"restricted\">%s</em>", _("Restricted note"));
			else
				html_printf(o, "<span class=\"notes\">%s</span>", a->notes ? a->notes : "—");
			html_printf(o, "</td>");
		}
		html_printf(o, "<td data-label=\"%s\">", _("Mark"));
		if (strcmp(a->status, "planned") == 0 && appointment_may_work(&r->user, &k))
			mark_form(r, a, next, 0);
		else
			html_printf(o, "—");
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table>");
}

/* The booking form; after a failed post (errs) it shows what was typed. */
static void book_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct buf *o = &r->out;
#define TYPED(name) (errs ? req_form(r, name) : NULL)
	html_printf(o, "<details%R><summary>%s</summary><form method=\"post\" action=\"/cases/%u/appointments\" class=\"appointment-form\">",
		    errs ? " open" : "", _("Book an appointment or follow-up"), k->id);
	form_csrf(r);
	html_printf(o, "<div class=\"grid\">");
	form_text(r, "starts_on", web_label("starts_on"), TYPED("starts_on"), errs, "date", NULL, 1);
	form_text(r, "starts_time", web_label("starts_time"), TYPED("starts_time"), errs, "time",
		  _("Hours:minutes, for example 14:30."), 1);
	form_select(r, "appt_kind", web_label("appt_kind"), &CAT_APPOINTMENT_KIND,
		    errs ? req_form(r, "appt_kind") : "follow_up", errs, 1);
	form_text(r, "appt_duration", web_label("appt_duration"), TYPED("appt_duration"), errs,
		  "number", NULL, 0);
	html_printf(o, "</div><div class=\"grid\">");
	form_text(r, "with_whom", web_label("with_whom"), TYPED("with_whom"), errs, "text",
		  _("For example: an interpreter, the psychologist of a clinic."), 0);
	form_text(r, "place", web_label("place"), TYPED("place"), errs, "text", NULL, 0);
	form_text(r, "with_user", web_label("with_user"), TYPED("with_user"), errs, "text",
		  _("A user name; empty: you."), 0);
#undef TYPED
	html_printf(o, "</div><button type=\"submit\">%s</button></form></details>", _("Book"));
}

void web_case_appointments(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct buf *o = &r->out;
	struct store_list l;
	struct errors ferrs = { 0 };
	struct appointment_filter f = { .case_id = k->id, .newest_first = 1 };
	if (appointment_list(&r->ctx, &f, 200, 0, &ferrs, &l) != DOM_OK)
		return; /* no permission to read cases: no section */
	html_printf(o, "</section><section id=\"appointments\"><h2>%s</h2>",
		    _("Appointments and follow-ups"));
	if (l.n)
		web_appointment_table(r, &l, APPT_COL_STAFF | APPT_COL_DATE | APPT_COL_NOTES,
				      arena_printf(r->a, "/cases/%s?saved=1#appointments", k->id),
				      _("Appointments and follow-ups"));
	else
		html_printf(o, "<p>%s</p>", _("No appointments booked."));
	if (appointment_may_work(&r->user, k) && strcmp(k->status, "closed") != 0)
		book_form(r, k, errs);
}

/* Copies errs into out, renaming the domain's fields to the form's. */
static void form_errors(const struct errors *errs, struct errors *out)
{
	static const char *const names[][2] = {
		{ "starts_at", "starts_on" }, { "duration_minutes", "appt_duration" },
		{ "user_id", "with_user" }, { "kind", "appt_kind" },
	};
	for (int i = 0; i < errs->n; i++) {
		const char *field = errs->e[i].field;
		for (size_t j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			if (strcmp(field, names[j][0]) == 0)
				field = names[j][1];
		errors_add(out, field, errs->e[i].message);
	}
}

/* A form value copied into r's arena (the domain trims it in place), or
 * NULL. */
static char *form_copy(struct request *r, const char *name)
{
	const char *v = req_form(r, name);
	return v ? arena_strdup(r->a, v) : NULL;
}

/* POST /cases/{id}/appointments: starts_on (a date as typed), starts_time
 * (HH:MM), appt_kind, appt_duration, with_whom, place, with_user. A bad time
 * books nothing: the date is checked on its own so both errors show. */
void page_case_appointment(struct request *r)
{
	struct appointment in = { 0 };
	struct errors errs = { 0 }, shown = { 0 };
	char t[APPT_TIME_MAX];
	const char *day = req_form(r, "starts_on"), *time = req_form(r, "starts_time");
	int rc;

	if (!time || !*time || appointment_time_parse(arena_printf(r->a, "2000-01-01 %s", time), t)) {
		errors_add(&shown, "starts_time", _("Give the time as hours:minutes, for example 14:30."));
		if (!day || !*day || appointment_time_parse(arena_printf(r->a, "%s 00:00", day), t))
			errors_add(&shown, "starts_on",
				   _("Write the date as day/month/year, for example 31/05/1990."));
		web_case_after(r, DOM_INVALID, "appointment", &shown, "appointments");
		return;
	}
	in.starts_at = day && *day ? arena_printf(r->a, "%s %s", day, time) : NULL;
	in.kind = form_copy(r, "appt_kind");
	in.duration_minutes = form_copy(r, "appt_duration");
	in.with_whom = form_copy(r, "with_whom");
	in.place = form_copy(r, "place");
	rc = appointment_book(&r->ctx, r->params[0], &in, req_form(r, "with_user"), &errs, NULL);
	form_errors(&errs, &shown);
	web_case_after(r, rc, "appointment", &shown, "appointments");
}

/* POST /appointments/{id}/status: status (the button), notes, next (where
 * to go back). A refusal shows the form again on a page of its own with
 * the reason (400, or 409 for a move that is not allowed). */
void page_appointment_status(struct request *r)
{
	struct appointment a;
	struct errors errs = { 0 };
	const char *next = web_safe_next(req_form(r, "next"));
	int rc = appointment_set_status(&r->ctx, r->params[0], req_form(r, "status"),
					req_form(r, "notes"), &errs, NULL);
	if (rc == DOM_OK) {
		resp_redirect(r, next);
		return;
	}
	if (!(rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) ||
	    appointment_get(&r->ctx, r->params[0], &a) != DOM_OK) {
		web_error(r, rc);
		return;
	}
	r->status = rc == DOM_INVALID ? 400 : 409;
	web_begin(r, _("Mark the appointment"), "today");
	html_printf(&r->out, "<h1>%s</h1>", _("Mark the appointment"));
	form_error_summary(r, &errs);
	html_printf(&r->out, "<p>%s · %s · %s</p>", when(r, &a, 1),
		    catalog_label(&CAT_APPOINTMENT_KIND, a.kind),
		    catalog_label(&CAT_APPOINTMENT_STATUS, a.status));
	if (strcmp(a.status, "planned") == 0)
		mark_form(r, &a, next, 1);
	html_printf(&r->out, "<p><a href=\"%s\">%s</a></p>", next, _("Back"));
	web_end(r);
}

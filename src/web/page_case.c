/* page_case.c: cases: the case page (status, risk, caseworker, history,
 * services and the forms that change them), "My cases", opening a case
 * from a person's profile, and the profile's list of their cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/assessment.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/caseload.h"
#include "domain/instrument.h"
#include "domain/service.h"
#include "domain/user.h"
#include "web/chart.h"
#include "web/web.h"

/* A user's name for a page, or "—". */
/* The day of a UTC timestamp in Panama, as the pages show dates. */
static void day_display(const char *iso, char out[32])
{
	time_display(iso, out);
	out[strcspn(out, " ")] = 0;
}

/* The cases of l as a table; on a phone (table.stack) each case becomes a
 * card, each cell labelled as its column. */
static void case_rows(struct request *r, const struct store_list *l, int with_person)
{
	struct buf *o = &r->out;
	const char *area = _("Area"), *status = web_label("status"), *risk = _("Risk"),
		   *worker = _("Caseworker"), *opened_on = _("Opened");
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"stack\"><thead><tr><th>%s</th>%R%s%R<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Cases"), _("Case"), with_person ? "<th>" : "", with_person ? _("Person") : NULL,
		    with_person ? "</th>" : "", area, status, risk, worker, opened_on);
	for (size_t i = 0; i < l->n; i++) {
		const struct case_rec *k = l->items[i];
		char opened[32];
		day_display(k->opened_at, opened);
		html_printf(o, "<tr><td><a href=\"/cases/%u\">%s</a></td>", k->id, k->ref);
		if (with_person) {
			struct person p;
			int known = case_person(&r->ctx, k, &p) == DOM_OK;
			html_printf(o, "<td data-label=\"%s\"><a href=\"/people/%u\">%s %s</a></td>", _("Person"),
				    k->person_id, known ? p.given_names : k->person_id, known ? p.surname1 : NULL);
		}
		html_printf(o, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\"><span class=\"risk-%s\">%s</span></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
			    area, catalog_label(&CAT_AREA, k->area), status,
			    catalog_label(&CAT_CASE_STATUS, k->status), risk, k->risk,
			    catalog_label(&CAT_RISK, k->risk), worker, web_user_name(r, k->assigned_to),
			    opened_on, opened);
	}
	html_printf(o, "</tbody></table></div>");
}

/* The "Open a case" form for person_id, offering the areas the user may
 * open cases in. */
static void open_case_form(struct request *r, const char *person_id, const char *area,
		      const struct errors *errs)
{
	struct buf *o = &r->out;
	int any = auth_check(&r->user, PERM_CASES_ASSIGN) == DOM_OK;
	const char *err = errs ? errors_for(errs, "area") : NULL;
	html_printf(o, "<form method=\"post\" action=\"/cases\" class=\"open-case\">");
	form_csrf(r);
	html_printf(o, "<input type=\"hidden\" name=\"person_id\" value=\"%s\">"
		       "<div class=\"field\"><label for=\"f-area\">%s</label><select id=\"f-area\" name=\"area\" required%R>",
		    person_id, _("Area"), err ? " aria-invalid=\"true\" aria-describedby=\"e-area\"" : "");
	for (size_t i = 0; i < CAT_AREA.n; i++) {
		const struct catalog_item *it = &CAT_AREA.items[i];
		if (any || auth_in_area(&r->user, it->code))
			html_printf(o, "<option value=\"%s\"%R>%s</option>", it->code,
				    area && strcmp(area, it->code) == 0 ? " selected" : "", _(it->label));
	}
	html_printf(o, "</select>");
	if (err)
		html_printf(o, "<small id=\"e-area\" class=\"field-error\">%s</small>", err);
	html_printf(o, "</div>");
	web_office_choice(r, errs ? req_form(r, "office") : NULL);
	html_printf(o, "<button type=\"submit\">%s</button></form>", _("Open a case"));
}

const struct store_list *web_person_case_list(struct request *r, const struct person *p,
					      struct store_list *out)
{
	struct errors errs = { 0 };
	struct case_filter f = { .person_id = p->id };
	return case_list(&r->ctx, &f, 100, 0, &errs, out) == DOM_OK ? out : NULL;
}

void web_person_cases(struct request *r, const struct person *p, const struct store_list *cases)
{
	if (!cases)
		return; /* no permission to read cases: no section */
	struct buf *o = &r->out;
	html_printf(o, "<section id=\"cases\"><h2>%s</h2>", _("Cases"));
	if (cases->n)
		case_rows(r, cases, 0);
	else
		html_printf(o, "<p>%s</p>", _("No cases yet."));
	if (auth_check(&r->user, PERM_CASES_WRITE) == DOM_OK && strcmp(p->status, "merged") != 0)
		open_case_form(r, p->id, NULL, NULL);
	html_printf(o, "</section>");
}

/* POST /cases: opens a case from a person's profile. */
void page_case_open(struct request *r)
{
	struct case_rec k;
	struct errors errs = { 0 };
	const char *person_id = req_form(r, "person_id"), *area = req_form(r, "area");
	int rc = case_open_in(&r->ctx, person_id, area, NULL, req_form(r, "office"), &errs, &k);
	if (rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		web_begin(r, _("Open a case"), "cases");
		html_printf(&r->out, "<h1>%s</h1>", _("Open a case"));
		form_error_summary(r, &errs);
		open_case_form(r, person_id, area, &errs);
		html_printf(&r->out, "<p><a href=\"/people/%u#cases\">%s</a></p>", person_id,
			    _("Back to the person"));
		web_end(r);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, arena_printf(r->a, "/cases/%s", k.id));
}

/* What a failed form on the case page carries back into it. */
struct failed {
	const char *form; /* "status", "risk", "assign", "service" or NULL */
	const struct errors *errs;
	const struct service *service; /* the values typed, for "service" */
};

static int is_alert(const struct assessment *a)
{
	return a->alert && strcmp(a->alert, "1") == 0;
}

/* The banner for the latest PHQ-9 of l (oldest first) when its item 9
 * (thoughts of self-harm) was answered above 0. */
static void alert_banner(struct request *r, const struct store_list *l)
{
	const struct assessment *last = NULL;
	for (size_t i = 0; i < l->n; i++) {
		const struct assessment *a = l->items[i];
		if (strcmp(a->instrument, "phq9") == 0)
			last = a;
	}
	if (!last || !is_alert(last))
		return;
	char d[16];
	date_display(last->taken_on, d);
	html_printf(&r->out, "<div role=\"alert\" class=\"error-summary assessment-alert\"><strong>%s</strong> %s <a href=\"#assessments\">%s</a></div>",
		    _("Alert: thoughts of self-harm."),
		    arena_printf(r->a, _("The latest PHQ-9 (%s) has question 9 answered above 0: act on it today, following the safety protocol."), d),
		    _("See the assessments"));
}

/* Per instrument with results: the chart of its totals over time and a
 * table of them. */
static void assessment_rows(struct request *r, const struct store_list *l)
{
	struct buf *o = &r->out;
	if (!l->n) {
		html_printf(o, "<p>%s</p>", _("No assessments recorded."));
		return;
	}
	for (const struct instrument *const *in = INSTRUMENTS; *in; in++) {
		struct chart_point *pts = arena_alloc(r->a, (l->n + 1) * sizeof(*pts));
		size_t n = 0;
		for (size_t i = 0; i < l->n; i++) {
			const struct assessment *a = l->items[i];
			if (strcmp(a->instrument, (*in)->code) == 0)
				pts[n++] = (struct chart_point){ a->taken_on, (int)strtol(a->total, NULL, 10) };
		}
		if (!n)
			continue;
		/* WHO-5 is reported, and charted, as a percentage. */
		int percent = instrument_percent(*in, 0) >= 0;
		for (size_t i = 0; percent && i < n; i++)
			pts[i].value = instrument_percent(*in, pts[i].value);
		html_printf(o, "<h3>%s</h3>", _((*in)->name));
		chart_line(o, arena_printf(r->a, "chart-%s", (*in)->code),
			   percent ? arena_printf(r->a, _("%s (percentage score)"), _((*in)->name))
				   : _((*in)->name),
			   pts, n, percent ? 100 : (*in)->max_total);
		html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
			    _((*in)->name), _("Date"), _("Total"), _("Band"), _("Alert"), _("Recorded by"));
		for (size_t i = 0; i < l->n; i++) {
			const struct assessment *a = l->items[i];
			if (strcmp(a->instrument, (*in)->code) != 0)
				continue;
			const struct instrument_band *b = assessment_band(a);
			char d[16];
			date_display(a->taken_on, d);
			int pc = instrument_percent(*in, (int)strtol(a->total, NULL, 10));
			html_printf(o, "<tr><td>%s</td><td>%s / %d%R</td><td>%s</td><td>", d, a->total,
				    (*in)->max_total,
				    pc >= 0 ? arena_printf(r->a, " <span class=\"percent\">(%d %%)</span>", pc) : "",
				    b ? _(b->label) : a->band);
			if (is_alert(a))
				html_printf(o, "<strong class=\"assessment-alert\">%s</strong>",
					    _("Alert: thoughts of self-harm"));
			else
				html_printf(o, "—");
			html_printf(o, "</td><td>%s</td></tr>", web_user_name(r, a->recorded_by));
		}
		html_printf(o, "</tbody></table></div>");
	}
}

/* Choosing an instrument is a GET of the case page with ?instrument=CODE
 * (no JavaScript needed); its form then asks every item with radio
 * buttons. On a failed post the chosen instrument and answers come back. */
static void assessment_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct buf *o = &r->out;
	const char *code = errs ? req_form(r, "instrument") : req_query(r, "instrument");
	const struct instrument *in = instrument_find(code);

	html_printf(o, "<details%R><summary>%s</summary>", errs || in ? " open" : "",
		    _("Record an assessment"));
	html_printf(o, "<form method=\"get\" action=\"/cases/%u#assessments\" class=\"choose-instrument\"><label for=\"f-choose-instrument\">%s</label><select id=\"f-choose-instrument\" name=\"instrument\" required>",
		    k->id, _("Instrument"));
	for (const struct instrument *const *i = INSTRUMENTS; *i; i++)
		html_printf(o, "<option value=\"%s\"%R>%s</option>", (*i)->code,
			    in == *i ? " selected" : "", _((*i)->name));
	html_printf(o, "</select><button type=\"submit\" class=\"secondary\">%s</button></form>",
		    _("Show its questions"));
	if (in) {
		html_printf(o, "<form method=\"post\" action=\"/cases/%u/assessments\" class=\"assessment-form\">",
			    k->id);
		form_csrf(r);
		html_printf(o, "<input type=\"hidden\" name=\"instrument\" value=\"%s\">", in->code);
		html_printf(o, "<h3>%s</h3><p>%s</p>", _(in->name), _(in->question));
		for (size_t q = 0; q < in->n_items; q++) {
			char field[32], name[32];
			snprintf(field, sizeof field, "answers.%zu", q + 1);
			snprintf(name, sizeof name, "a%zu", q + 1);
			const char *typed = errs ? req_form(r, name) : NULL;
			const char *err = errs ? errors_for(errs, field) : NULL;
			html_printf(o, "<fieldset id=\"f-%s\"><legend>%zu. %s</legend>", field, q + 1,
				    _(in->items[q]));
			for (int v = 0; v <= in->max_answer; v++) {
				char val[16];
				snprintf(val, sizeof val, "%d", v);
				html_printf(o, "<label><input type=\"radio\" name=\"%s\" value=\"%d\" required%R> %s (%d)</label>",
					    name, v, typed && strcmp(typed, val) == 0 ? " checked" : "",
					    _(in->options[v]), v);
			}
			if (err)
				html_printf(o, "<small class=\"field-error\">%s</small>", err);
			html_printf(o, "</fieldset>");
		}
		form_text(r, "taken_on", _("Date taken"), errs ? req_form(r, "taken_on") : NULL, errs,
			  "date", _("Empty: today."), 0);
		html_printf(o, "<button type=\"submit\">%s</button></form>", _("Record the assessment"));
	}
	html_printf(o, "</details>");
}


static const struct errors *errs_of(const struct failed *f, const char *form)
{
	return f && f->form && strcmp(f->form, form) == 0 ? f->errs : NULL;
}

static void history_rows(struct request *r, const struct case_rec *k)
{
	struct buf *o = &r->out;
	struct store_list h;
	if (case_history(&r->ctx, k, &h) != DOM_OK || !h.n) {
		html_printf(o, "<p>%s</p>", _("No changes yet."));
		return;
	}
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Case history"), _("When"), _("Who"), _("What"), _("Change"), _("Reason"));
	for (size_t i = 0; i < h.n; i++) {
		const struct case_change *c = h.items[i];
		char when[32];
		const char *what, *from, *to, *reason = c->reason;
		time_display(c->changed_at, when);
		if (strcmp(c->kind, "status") == 0) {
			what = web_label("status");
			from = catalog_label(&CAT_CASE_STATUS, c->from_value);
			to = catalog_label(&CAT_CASE_STATUS, c->to_value);
			if (c->to_value && strcmp(c->to_value, "closed") == 0)
				reason = catalog_label(&CAT_CLOSURE_REASON, c->reason);
		} else if (strcmp(c->kind, "risk") == 0) {
			what = _("Risk");
			from = catalog_label(&CAT_RISK, c->from_value);
			to = catalog_label(&CAT_RISK, c->to_value);
		} else {
			what = _("Caseworker");
			from = web_user_name(r, c->from_value);
			to = web_user_name(r, c->to_value);
		}
		html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s → %s</td><td>%s</td></tr>",
			    when, web_user_name(r, c->changed_by), what, from && *from ? from : "—", to,
			    reason ? reason : "—");
	}
	html_printf(o, "</tbody></table></div>");
}

/* The labels of a service's access to rights, after its outcome. */
static void rights_list(struct request *r, const char *rights)
{
	char code[32];
	int n = 0;
	while (codes_next(&rights, code, sizeof(code)))
		html_printf(&r->out, "%R<span class=\"right\">%s</span>", n++ ? ", " : "<br>",
			    catalog_label(&CAT_RIGHT, code));
}

static void service_rows(struct request *r, const struct case_rec *k)
{
	struct buf *o = &r->out;
	struct store_list l;
	const struct catalog *types = catalog_service_types(k->area);
	if (service_list(&r->ctx, k, 200, 0, &l) != DOM_OK || !l.n) {
		html_printf(o, "<p>%s</p>", _("No services recorded."));
		return;
	}
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("Services"), _("Date"), web_label("type"), _("Minutes"), _("Provider"),
		    _("Outcome"), web_label("notes"));
	for (size_t i = 0; i < l.n; i++) {
		const struct service *s = l.items[i];
		char d[16];
		date_display(s->date, d);
		html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s", d,
			    catalog_label(types, s->type), s->duration_minutes ? s->duration_minutes : "—",
			    web_user_name(r, s->provider), s->outcome ? s->outcome : "—");
		rights_list(r, s->rights);
		html_printf(o, "</td><td>");
		if (s->notes_restricted)
			html_printf(o, "<em class=\"restricted\">%s</em>", _("Restricted note"));
		else
			html_printf(o, "<span class=\"notes\">%s</span>", s->notes ? s->notes : "—");
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table></div>");
}

/* Opens a folded form posting to /cases/{id}/{verb}, unfolded when it
 * failed (errs); the caller writes its fields and closes it with
 * case_form_close. */
static void case_form_open(struct request *r, const struct case_rec *k, const char *verb,
			 const char *summary, const struct errors *errs)
{
	html_printf(&r->out, "<details%R><summary>%s</summary><form method=\"post\" action=\"/cases/%u/%u\">",
		    errs ? " open" : "", summary, k->id, verb);
	form_csrf(r);
}

static void case_form_close(struct request *r, const char *button)
{
	html_printf(&r->out, "<button type=\"submit\">%s</button></form></details>", button);
}

static void status_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	case_form_open(r, k, "status", _("Change the status"), errs);
	html_printf(&r->out, "<div class=\"grid\">");
	form_select(r, "status", web_label("status"), &CAT_CASE_STATUS, NULL, errs, 1);
	form_select(r, "closure_reason", _("Closure reason (when closing)"), &CAT_CLOSURE_REASON,
		    NULL, errs, 0);
	form_text(r, "reason", _("Reason"), NULL, errs, "text", NULL, 0);
	html_printf(&r->out, "</div>");
	case_form_close(r, _("Save"));
}

static void risk_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	case_form_open(r, k, "risk", _("Change the risk level"), errs);
	html_printf(&r->out, "<div class=\"grid\">");
	form_select(r, "risk", _("Risk"), &CAT_RISK, k->risk, errs, 1);
	/* Not "reason": the status form on the same page has that id. */
	form_text(r, "risk_reason", _("Reason"), NULL, errs, "text", NULL, 0);
	html_printf(&r->out, "</div>");
	case_form_close(r, _("Save"));
}

static void assign_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	case_form_open(r, k, "assign", _("Assign to another caseworker"), errs);
	form_text(r, "user_id", web_label("name"), NULL, errs, "text",
		  _("The user name of a caseworker of this area."), 1);
	case_form_close(r, _("Assign"));
}

static void service_form(struct request *r, const struct case_rec *k, const struct errors *errs,
			 const struct service *s)
{
	struct buf *o = &r->out;
	const char *notes_err = errs ? errors_for(errs, "notes") : NULL;
	case_form_open(r, k, "services", _("Record a service"), errs);
	html_printf(o, "<div class=\"grid\">");
	form_select(r, "type", web_label("type"), catalog_service_types(k->area), s ? s->type : NULL,
		    errs, 1);
	form_text(r, "date", _("Date"), s ? s->date : NULL, errs, "date", NULL, 1);
	form_text(r, "duration_minutes", _("Minutes"), s ? s->duration_minutes : NULL, errs,
		  "number", NULL, 0);
	html_printf(o, "</div>");
	form_text(r, "outcome", _("Outcome"), s ? s->outcome : NULL, errs, "text", NULL, 0);
	if (strcmp(k->area, "legal") == 0)
		form_checks(r, "rights", web_label("rights"), &CAT_RIGHT, s ? s->rights : NULL, errs);
	html_printf(o, "<label for=\"f-notes\">%s</label><textarea id=\"f-notes\" name=\"notes\" rows=\"4\"%R>%s</textarea>",
		    web_label("notes"), notes_err ? " aria-invalid=\"true\"" : "", s ? s->notes : NULL);
	if (notes_err)
		html_printf(o, "<small class=\"field-error\">%s</small>", notes_err);
	case_form_close(r, _("Record"));
}

static void render_case(struct request *r, const char *id, const struct failed *f)
{
	struct case_rec k;
	struct person p;
	struct buf *o = &r->out;
	char opened[32], closed[32];
	int rc = f ? case_load(&r->ctx, id, &k) : case_get(&r->ctx, id, &k);

	if (!rc)
		rc = case_person(&r->ctx, &k, &p);
	if (rc) {
		web_error(r, rc);
		return;
	}
	day_display(k.opened_at, opened);
	day_display(k.closed_at, closed);
	web_begin(r, arena_printf(r->a, "%s · %s", k.ref, catalog_label(&CAT_AREA, k.area)), "cases");
	web_saved_notice(r);
	html_printf(o, "<hgroup><h1>%s · %s</h1><p><a href=\"/people/%u\">%s %s %s</a> · %s</p></hgroup>",
		    _("Case"), k.ref, p.id, p.given_names, p.surname1, p.surname2, p.ref);
	web_person_flags(r, p.id, k.id);
	if (f && f->errs)
		form_error_summary(r, f->errs);
	web_case_closure_banner(r, &k, f ? f->form : NULL, f ? f->errs : NULL);
	/* Health data: only those who may read it see the section and the
	 * alert (docs/instruments.md). */
	struct store_list assessments = { 0 };
	int may_read_health = assessment_may_read(&r->user, &k) &&
			      assessment_list(&r->ctx, &k, &assessments) == DOM_OK;
	if (may_read_health)
		alert_banner(r, &assessments);
	html_printf(o, "<section id=\"overview\"><table class=\"facts\"><tbody>");
	html_printf(o, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", _("Area"), catalog_label(&CAT_AREA, k.area));
	html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"case-status\">%s</td></tr>", web_label("status"),
		    catalog_label(&CAT_CASE_STATUS, k.status));
	if (k.closure_reason)
		html_printf(o, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", _("Closure reason"),
			    catalog_label(&CAT_CLOSURE_REASON, k.closure_reason));
	html_printf(o, "<tr><th scope=\"row\">%s</th><td><span class=\"risk-%s\">%s</span></td></tr>", _("Risk"),
		    k.risk, catalog_label(&CAT_RISK, k.risk));
	html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"caseworker\">%s</td></tr>", _("Caseworker"),
		    web_user_name(r, k.assigned_to));
	html_printf(o, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", _("Opened"), opened);
	if (k.closed_at)
		html_printf(o, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>", _("Closed"), closed);
	html_printf(o, "</tbody></table>");
	if (case_may_work(&r->user, &k)) {
		status_form(r, &k, errs_of(f, "status"));
		if (strcmp(k.status, "closed") != 0)
			risk_form(r, &k, errs_of(f, "risk"));
	}
	if (auth_check(&r->user, PERM_CASES_ASSIGN) == DOM_OK && strcmp(k.status, "closed") != 0)
		assign_form(r, &k, errs_of(f, "assign"));
	html_printf(o, "</section><section id=\"services\"><h2>%s</h2>", _("Services"));
	service_rows(r, &k);
	if (case_may_work(&r->user, &k) && strcmp(k.status, "closed") != 0)
		service_form(r, &k, errs_of(f, "service"), f && f->service ? f->service : NULL);
	web_case_legal(r, &k, f ? f->form : NULL, f ? f->errs : NULL);
	if (may_read_health) {
		html_printf(o, "</section><section id=\"assessments\"><h2>%s</h2>", _("Assessments"));
		assessment_rows(r, &assessments);
		if (case_may_work(&r->user, &k) && strcmp(k.status, "closed") != 0)
			assessment_form(r, &k, errs_of(f, "assessment"));
	}
	web_case_plan(r, &k, f ? f->form : NULL, f ? f->errs : NULL);
	web_case_appointments(r, &k, errs_of(f, "appointment"));
	web_case_needs(r, &k, errs_of(f, "needs"));
	html_printf(o, "</section>");
	web_case_transfers(r, &k);
	web_case_shares(r, &k, errs_of(f, "share"));
	web_case_referrals(r, &k);
	html_printf(o, "<section id=\"history\"><h2>%s</h2>", _("Case history"));
	history_rows(r, &k);
	html_printf(o, "<h3 id=\"case-activity\">%s</h3>", _("Case activity"));
	if (!web_audit_table(r, k.id, 200, _("Case activity"), WEB_AUDIT_CHANGES))
		html_printf(o, "<p>%s</p>", _("Nothing recorded yet."));
	html_printf(o, "</section>");
	web_end(r);
}

void page_case(struct request *r)
{
	render_case(r, r->params[0], NULL);
}

/* After a form on case id's page: back to it, or the page again with the
 * form's errors (400), or an error page. */
static void after_on(struct request *r, const char *id, int rc, const struct failed *f,
		     const char *anchor)
{
	if (rc == DOM_INVALID || (rc == DOM_CONFLICT && f->errs->n)) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		render_case(r, id, f);
	} else if (rc) {
		web_error(r, rc);
	} else {
		resp_redirect(r, arena_printf(r->a, "/cases/%s?saved=1#%s", id, anchor));
	}
}

static void after(struct request *r, int rc, const struct failed *f, const char *anchor)
{
	after_on(r, r->params[0], rc, f, anchor);
}

void web_case_after(struct request *r, int rc, const char *form, const struct errors *errs,
		    const char *anchor)
{
	after(r, rc, &(struct failed){ form, errs, NULL }, anchor);
}

void web_case_after_on(struct request *r, const char *id, int rc, const char *form,
		       const struct errors *errs, const char *anchor)
{
	after_on(r, id, rc, &(struct failed){ form, errs, NULL }, anchor);
}

void page_case_status(struct request *r)
{
	struct errors errs = { 0 };
	const char *status = req_form(r, "status");
	int closing = status && strcmp(status, "closed") == 0;
	const char *reason = req_form(r, closing ? "closure_reason" : "reason");
	int rc = case_set_status(&r->ctx, r->params[0], status, reason, &errs, NULL);
	if (closing && errors_for(&errs, "reason"))
		errors_add(&errs, "closure_reason", errors_for(&errs, "reason"));
	after(r, rc, &(struct failed){ "status", &errs, NULL }, "overview");
}

void page_case_risk(struct request *r)
{
	struct errors errs = { 0 };
	int rc = case_set_risk(&r->ctx, r->params[0], req_form(r, "risk"), req_form(r, "risk_reason"),
			       &errs, NULL);
	if (errors_for(&errs, "reason"))
		errors_add(&errs, "risk_reason", errors_for(&errs, "reason"));
	after(r, rc, &(struct failed){ "risk", &errs, NULL }, "overview");
}

void page_case_assign(struct request *r)
{
	struct errors errs = { 0 };
	int rc = case_assign(&r->ctx, r->params[0], req_form(r, "user_id"), &errs, NULL);
	after(r, rc, &(struct failed){ "assign", &errs, NULL }, "overview");
}

void page_case_service(struct request *r)
{
	struct service in, typed;
	struct errors errs = { 0 };
	form_read(r, &ENT_SERVICE, &in, &errs);
	int rc = errs.n ? DOM_INVALID : service_record(&r->ctx, r->params[0], &in, &errs, NULL);
	form_read(r, &ENT_SERVICE, &typed, NULL);
	after(r, rc, &(struct failed){ "service", &errs, &typed }, "services");
}

/* POST /cases/{id}/assessments: instrument, a1..aN (the items' answers)
 * and taken_on. An unanswered item is -1, which instrument_validate
 * refuses under its own field. */
void page_case_assessment(struct request *r)
{
	struct assessment in;
	struct errors errs = { 0 };
	int answers[INSTRUMENT_ITEMS_MAX];
	size_t n = 0;
	form_read(r, &ENT_ASSESSMENT, &in, &errs);
	const struct instrument *ins = instrument_find(in.instrument);
	for (; ins && n < ins->n_items; n++) {
		char name[32], *end;
		snprintf(name, sizeof name, "a%zu", n + 1);
		const char *v = req_form(r, name);
		long x = v && *v ? strtol(v, &end, 10) : -1;
		answers[n] = v && *v && !*end && x >= 0 && x <= 100 ? (int)x : -1;
	}
	int rc = assessment_record(&r->ctx, r->params[0], in.instrument, answers, n, in.taken_on,
				   &errs, NULL);
	after(r, rc, &(struct failed){ "assessment", &errs, NULL }, "assessments");
}

/* Rows on a page of a caseload. */
#define CASES_PAGE 50

/* GET /cases: "My cases": the user's caseload, filtered by area, status
 * and risk; supervisors and administrators may ask for every caseworker's
 * (who=all) or one caseworker's (who=USER ID, the links of /caseloads). */
void page_cases(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	struct buf *o = &r->out;
	long page = 1;
	const char *asked = req_query(r, "who");
	int oversee = auth_check(&r->user, PERM_CASES_ASSIGN) == DOM_OK;
	int all = oversee && asked && strcmp(asked, "all") == 0;
	int other = oversee && asked && *asked && !all && strcmp(asked, r->user.id) != 0;
	struct case_filter f = {
		.assigned_to = all ? NULL : other ? asked : r->user.id,
		.area = req_query(r, "area"), .status = req_query(r, "status"),
		.risk = req_query(r, "risk"), .office = req_query(r, "office"),
	};
	if (str_to_long(req_query(r, "page"), 1, 100000, &page))
		page = 1;
	if (f.area && !*f.area)
		f.area = NULL;
	if (f.status && !*f.status)
		f.status = NULL;
	if (f.risk && !*f.risk)
		f.risk = NULL;
	if (f.office && !*f.office)
		f.office = NULL;
	const char *late = req_query(r, "overdue");
	int overdue = late && strcmp(late, "1") == 0;
	int rc = overdue ? caseload_overdue_ids(&r->ctx, &f.ids) : DOM_OK;
	if (!rc)
		rc = case_list(&r->ctx, &f, CASES_PAGE, (page - 1) * CASES_PAGE, &errs, &l);
	if (rc && rc != DOM_INVALID) {
		web_error(r, rc);
		return;
	}
	if (rc)
		r->status = 400;
	const char *title = all ? _("All cases") : other ? arena_printf(r->a, _("Cases of %s"), web_user_name(r, asked))
						       : _("My cases");
	web_begin(r, title, "cases");
	html_printf(o, "<h1>%s</h1>", title);
	if (oversee)
		html_printf(o, "<p><a href=\"/caseloads\">%s</a></p>", _("Every caseload, with counts »"));
	html_printf(o, "<form method=\"get\" action=\"/cases\" class=\"filters\"><div class=\"grid\">");
	if (oversee) {
		html_printf(o, "<div class=\"field\"><label for=\"f-who\">%s</label><select id=\"f-who\" name=\"who\">"
			       "<option value=\"\">%s</option><option value=\"all\"%R>%s</option>",
			    _("Caseworker"), _("My cases"), all ? " selected" : "", _("All cases"));
		if (other)
			html_printf(o, "<option value=\"%s\" selected>%s</option>", asked, web_user_name(r, asked));
		html_printf(o, "</select></div>");
	}
	form_select(r, "area", _("Area"), &CAT_AREA, f.area, &errs, 0);
	form_select(r, "status", web_label("status"), &CAT_CASE_STATUS, f.status, &errs, 0);
	form_select(r, "risk", _("Risk"), &CAT_RISK, f.risk, &errs, 0);
	web_office_filter(r, f.office);
	html_printf(o, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"overdue\" value=\"1\"%R> %s</label></div>",
		    overdue ? " checked" : "", _("Only with something overdue"));
	html_printf(o, "</div><button type=\"submit\">%s</button></form>", _("Filter"));
	if (rc) {
		form_error_summary(r, &errs);
	} else if (l.n) {
		html_printf(o, "<p>%s: %l</p>", _("Cases"), (long long)l.total);
		case_rows(r, &l, 1);
		if (l.total > page * CASES_PAGE)
			html_printf(o, "<a href=\"/cases?who=%u&amp;area=%u&amp;status=%u&amp;risk=%u&amp;office=%u&amp;overdue=%u&amp;page=%l\">%s</a>",
				    all ? "all" : other ? asked : "", f.area ? f.area : "", f.status ? f.status : "",
				    f.risk ? f.risk : "", f.office ? f.office : "", overdue ? "1" : "",
				    (long long)page + 1, _("Next »"));
	} else {
		html_printf(o, "<p>%s</p>", _("No cases match."));
	}
	web_end(r);
}

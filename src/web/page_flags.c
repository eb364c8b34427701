/* page_flags.c: flags on a person or case: the banner every page of the
 * person shows, the profile's "Alerts" section (raise, lift, history) and
 * the two forms' handlers. See docs/flags.md. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/flag.h"
#include "domain/person.h"
#include "domain/user.h"
#include "web/web.h"

/* What the flag is on: "the person" or its case's reference. */
static const char *place(struct request *r, const struct flag *f)
{
	struct case_rec k;
	if (!f->case_id)
		return _("The person");
	return case_load(&r->ctx, f->case_id, &k) == DOM_OK ? k.ref : f->case_id;
}

void web_person_flags(struct request *r, const char *person_id, const char *case_id)
{
	struct store_list l;
	struct buf *o = &r->out;
	int safety = 0;
	if (flag_list(&r->ctx, person_id, case_id, 1, &l) != DOM_OK || !l.n)
		return;
	for (size_t i = 0; i < l.n; i++)
		safety |= strcmp(((struct flag *)l.items[i])->type, "safety_risk") == 0;
	/* A safety risk interrupts a screen reader; the rest is announced as
	 * a labelled region. The icon and the words carry the meaning, not
	 * the colour alone. */
	html_printf(o, "<div class=\"flags-banner\" %R aria-labelledby=\"flags-banner-title\"><p id=\"flags-banner-title\" class=\"flags-title\"><span aria-hidden=\"true\">⚠ </span><strong>%s</strong></p><ul>",
		    safety ? "role=\"alert\"" : "role=\"region\"", _("Active alerts"));
	for (size_t i = 0; i < l.n; i++) {
		const struct flag *f = l.items[i];
		html_printf(o, "<li class=\"flag flag-%s\"><strong>%s</strong>", f->type,
			    catalog_label(&CAT_FLAG_TYPE, f->type));
		if (f->case_id)
			html_printf(o, " (%s)", place(r, f));
		html_printf(o, ": %s</li>", f->reason);
	}
	html_printf(o, "</ul><a href=\"/people/%u#flags\">%s</a></div>", person_id, _("See the alerts"));
}

/* The form raising a flag on p. On the profile (standalone 0) its ids
 * carry "flag-" so they differ from the other forms' ids there. */
static void raise_form(struct request *r, const struct person *p, const struct store_list *cases,
		       const struct errors *errs, int standalone)
{
	struct buf *o = &r->out;
	const char *pre = standalone ? "" : "flag-";
	const char *type = errs ? req_form(r, "type") : NULL, *reason = errs ? req_form(r, "reason") : NULL;
	const char *case_id = errs ? req_form(r, "case_id") : NULL;
	const char *names[] = { "type", "reason", "case_id" };
	const char *err[3];
	for (int i = 0; i < 3; i++)
		err[i] = errs ? errors_for(errs, names[i]) : NULL;

	html_printf(o, "<form method=\"post\" action=\"/people/%u/flags\" class=\"raise-flag\">", p->id);
	form_csrf(r);
	html_printf(o, "<div class=\"field\"><label for=\"f-%Rtype\">%s</label><select id=\"f-%Rtype\" name=\"type\" required%R><option value=\"\">%s</option>",
		    pre, _("Alert"), pre, err[0] ? " aria-invalid=\"true\"" : "", _("— choose —"));
	for (size_t i = 0; i < CAT_FLAG_TYPE.n; i++) {
		const struct catalog_item *it = &CAT_FLAG_TYPE.items[i];
		html_printf(o, "<option value=\"%s\"%R>%s</option>", it->code,
			    type && strcmp(type, it->code) == 0 ? " selected" : "", _(it->label));
	}
	html_printf(o, "</select>");
	if (err[0])
		html_printf(o, "<small class=\"field-error\">%s</small>", err[0]);
	html_printf(o, "</div><div class=\"field\"><label for=\"f-%Rcase_id\">%s</label><select id=\"f-%Rcase_id\" name=\"case_id\"%R><option value=\"\">%s</option>",
		    pre, _("Applies to"), pre, err[2] ? " aria-invalid=\"true\"" : "", _("The person (all their cases)"));
	for (size_t i = 0; cases && i < cases->n; i++) {
		const struct case_rec *k = cases->items[i];
		if (!case_may_work(&r->user, k))
			continue; /* raising a flag on it would be refused */
		html_printf(o, "<option value=\"%s\"%R>%s · %s</option>", k->id,
			    case_id && strcmp(case_id, k->id) == 0 ? " selected" : "",
			    arena_printf(r->a, _("Case %s"), k->ref), catalog_label(&CAT_AREA, k->area));
	}
	html_printf(o, "</select>");
	if (err[2])
		html_printf(o, "<small class=\"field-error\">%s</small>", err[2]);
	html_printf(o, "</div><div class=\"field\"><label for=\"f-%Rreason\">%s</label><textarea id=\"f-%Rreason\" name=\"reason\" rows=\"2\" required%R>%s</textarea>",
		    pre, _("Reason"), pre, err[1] ? " aria-invalid=\"true\"" : "", reason);
	if (err[1])
		html_printf(o, "<small class=\"field-error\">%s</small>", err[1]);
	html_printf(o, "</div><button type=\"submit\">%s</button></form>", _("Raise the alert"));
}

/* The form lifting f; its ids carry the flag's id. */
static void lift_form(struct request *r, const struct flag *f, const struct errors *errs)
{
	const char *err = errs ? errors_for(errs, "lift_reason") : NULL;
	const char *id = errs ? "lift_reason" : arena_printf(r->a, "lift-%s", f->id);
	html_printf(&r->out, "<form method=\"post\" action=\"/flags/%u/lift\" class=\"lift-flag\">", f->id);
	form_csrf(r);
	html_printf(&r->out, "<label for=\"f-%s\">%s</label><input id=\"f-%s\" name=\"lift_reason\" type=\"text\" required value=\"%s\"%R>",
		    id, _("Why it no longer applies"), id, errs ? req_form(r, "lift_reason") : NULL,
		    err ? " aria-invalid=\"true\"" : "");
	if (err)
		html_printf(&r->out, "<small class=\"field-error\">%s</small>", err);
	html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">%s</button></form>", _("Lift the alert"));
}

/* One row of the alerts table: type, what it is on, reason, who and when;
 * lifted flags add who lifted them, when and why. */
static void flag_row(struct request *r, const struct flag *f)
{
	struct buf *o = &r->out;
	char raised[32], lifted[32];
	time_display(f->raised_at, raised);
	html_printf(o, "<tr class=\"flag-%s\"><td data-label=\"%s\"><strong>%s</strong></td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s, %s</td>",
		    f->type, _("Alert"), catalog_label(&CAT_FLAG_TYPE, f->type), _("Applies to"), place(r, f),
		    _("Reason"), f->reason, _("Raised"), web_user_name(r, f->raised_by), raised);
	if (f->lifted_at) {
		time_display(f->lifted_at, lifted);
		html_printf(o, "<td data-label=\"%s\">%s, %s: %s</td></tr>", _("Lifted"),
			    web_user_name(r, f->lifted_by), lifted, f->lift_reason);
		return;
	}
	html_printf(o, "<td data-label=\"%s\">", _("Actions"));
	if (flag_may_lift(&r->user, f)) {
		html_printf(o, "<details><summary>%s</summary>", _("Lift"));
		lift_form(r, f, NULL);
		html_printf(o, "</details>");
	} else {
		html_printf(o, "—");
	}
	html_printf(o, "</td></tr>");
}

static int is_lifted(const void *f)
{
	return ((const struct flag *)f)->lifted_at != NULL;
}

/* A table of the flags of l that are active (lifted 0) or lifted (1). */
static void flag_table(struct request *r, const struct store_list *l, int lifted,
		       const char *caption)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += is_lifted(l->items[i]) == lifted;
	if (!n)
		return;
	html_printf(&r->out, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"flags stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    caption, _("Alert"), _("Applies to"), _("Reason"), _("Raised"), lifted ? _("Lifted") : _("Actions"));
	for (size_t i = 0; i < l->n; i++)
		if (is_lifted(l->items[i]) == lifted)
			flag_row(r, l->items[i]);
	html_printf(&r->out, "</tbody></table></div>");
}

void web_person_flag_section(struct request *r, const struct person *p,
			     const struct store_list *cases)
{
	struct store_list l;
	struct buf *o = &r->out;
	if (flag_list(&r->ctx, p->id, NULL, 0, &l) != DOM_OK)
		return; /* may not read the registry nor cases: no section */
	size_t active = 0;
	for (size_t i = 0; i < l.n; i++)
		active += !is_lifted(l.items[i]);
	html_printf(o, "<section id=\"flags\"><h2>%s</h2>", _("Alerts"));
	if (active)
		flag_table(r, &l, 0, _("Active alerts"));
	else
		html_printf(o, "<p>%s</p>", _("No active alerts."));
	if (auth_check(&r->user, PERM_CASES_WRITE) == DOM_OK && strcmp(p->status, "merged") != 0) {
		html_printf(o, "<details><summary>%s</summary>", _("Raise an alert"));
		raise_form(r, p, cases, NULL, 0);
		html_printf(o, "</details>");
	}
	if (active < l.n) {
		html_printf(o, "<h3>%s</h3>", _("Lifted alerts"));
		flag_table(r, &l, 1, _("Lifted alerts"));
	}
	html_printf(o, "</section>");
}

/* Opens a standalone page for a form that failed, with its errors. */
static void failed_begin(struct request *r, int rc, const char *title, const struct errors *errs)
{
	r->status = rc == DOM_INVALID ? 400 : 409;
	web_begin(r, title, "people");
	html_printf(&r->out, "<h1>%s</h1>", title);
	form_error_summary(r, errs);
}

/* Closes that page with the way back to the person's alerts. */
static void failed_end(struct request *r, const char *person_id)
{
	html_printf(&r->out, "<p><a href=\"/people/%u#flags\">%s</a></p>", person_id,
		    _("Back to the person"));
	web_end(r);
}

/* After a flag form that passed validation: an error page, or back to
 * the person's alerts. */
static void done(struct request *r, int rc, const char *person_id)
{
	if (rc)
		web_error(r, rc);
	else
		resp_redirect(r, arena_printf(r->a, "/people/%s?saved=1#flags", person_id));
}

/* POST /people/{id}/flags: type, reason, case_id. */
void page_flag_raise(struct request *r)
{
	struct errors errs = { 0 };
	struct person p;
	int rc = flag_raise(&r->ctx, r->params[0], req_form(r, "type"), req_form(r, "reason"),
			    req_form(r, "case_id"), &errs, NULL);
	if ((rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) &&
	    person_get(&r->ctx, r->params[0], &p) == DOM_OK) {
		struct store_list cases;
		failed_begin(r, rc, _("Raise an alert"), &errs);
		raise_form(r, &p, web_person_case_list(r, &p, &cases), &errs, 1);
		failed_end(r, p.id);
		return;
	}
	done(r, rc, r->params[0]);
}

/* POST /flags/{id}/lift: lift_reason. */
void page_flag_lift(struct request *r)
{
	struct errors errs = { 0 };
	struct flag f;
	int rc = flag_lift(&r->ctx, r->params[0], req_form(r, "lift_reason"), &errs, &f);
	for (int i = 0; i < errs.n; i++)
		if (strcmp(errs.e[i].field, "reason") == 0)
			errs.e[i].field = "lift_reason"; /* the form's name for it */
	if (rc == DOM_INVALID && flag_get(&r->ctx, r->params[0], &f) == DOM_OK) {
		failed_begin(r, rc, _("Lift the alert"), &errs);
		html_printf(&r->out, "<p><strong>%s</strong>: %s</p>",
			    catalog_label(&CAT_FLAG_TYPE, f.type), f.reason);
		lift_form(r, &f, &errs);
		failed_end(r, f.person_id);
		return;
	}
	done(r, rc, f.person_id);
}

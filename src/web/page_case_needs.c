/* page_case_needs.c: the case page's "Needs assessments" section (community
 * and psychosocial cases): the assessments recorded, newest first, and the
 * form to record one (docs/cases.md). */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/case.h"
#include "domain/needs.h"
#include "web/web.h"

/* One free-text field of the form, with its error. */
static void textarea(struct request *r, const char *name, const char *hint,
		     const struct errors *errs)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	html_printf(&r->out, "<label for=\"f-%s\">%s</label><textarea id=\"f-%s\" name=\"%s\" rows=\"4\" maxlength=\"%d\" aria-describedby=\"h-%s\"%R>%s</textarea><small id=\"h-%s\">%s</small>",
		    name, web_label(name), name, name, NEEDS_TEXT_MAX, name,
		    err ? " aria-invalid=\"true\"" : "", errs ? req_form(r, name) : NULL, name, hint);
	if (err)
		html_printf(&r->out, "<small class=\"field-error\">%s</small>", err);
}

static void needs_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct buf *o = &r->out;
	html_printf(o, "<details%R><summary>%s</summary><form method=\"post\" action=\"/cases/%u/needs-assessments\" class=\"needs-form\">",
		    errs ? " open" : "", _("Record a needs assessment"), k->id);
	form_csrf(r);
	html_printf(o, "<div class=\"grid\">");
	form_text(r, "held_on", web_label("held_on"), errs ? req_form(r, "held_on") : NULL, errs,
		  "date", NULL, 1);
	form_text(r, "participants", web_label("participants"),
		  errs ? req_form(r, "participants") : NULL, errs, "number",
		  _("How many took part, when it was a group."), 0);
	html_printf(o, "</div>");
	textarea(r, "community_needs", _("What the community says it needs."), errs);
	textarea(r, "resources", _("What the community already has: people, places, organisations, skills."), errs);
	textarea(r, "ideas", _("Ideas for integration with the host community."), errs);
	html_printf(o, "<button type=\"submit\">%s</button></form></details>", _("Record"));
}

/* One text of an assessment, when it has one. */
static void text(struct request *r, const char *field, const char *value)
{
	if (value)
		html_printf(&r->out, "<dt>%s</dt><dd class=\"free-text\">%s</dd>", web_label(field), value);
}

void web_case_needs(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct buf *o = &r->out;
	struct store_list l;
	if (!needs_area_ok(k->area) || needs_list(&r->ctx, k, &l) != DOM_OK)
		return;
	html_printf(o, "</section><section id=\"needs\"><h2>%s</h2>", _("Community needs assessments"));
	if (!l.n)
		html_printf(o, "<p>%s</p>", _("No needs assessments recorded."));
	for (size_t i = 0; i < l.n; i++) {
		const struct needs_assessment *n = l.items[i];
		char d[16];
		date_display(n->held_on, d);
		html_printf(o, "<article class=\"needs-assessment\"><header><strong>%s</strong>", d);
		if (n->participants)
			html_printf(o, " · %s %s", web_label("participants"), n->participants);
		html_printf(o, " · <small>%s %s</small></header><dl>", _("Recorded by"),
			    web_user_name(r, n->recorded_by));
		text(r, "community_needs", n->community_needs);
		text(r, "resources", n->resources);
		text(r, "ideas", n->ideas);
		html_printf(o, "</dl></article>");
	}
	if (case_may_work(&r->user, k) && strcmp(k->status, "closed") != 0)
		needs_form(r, k, errs);
}

/* POST /cases/{id}/needs-assessments */
void page_case_needs(struct request *r)
{
	struct needs_assessment in;
	struct errors errs = { 0 };
	form_read(r, &ENT_NEEDS_ASSESSMENT, &in, &errs);
	int rc = errs.n ? DOM_INVALID : needs_record(&r->ctx, r->params[0], &in, &errs, NULL);
	web_case_after(r, rc, "needs", &errs, "needs");
}

/* page_programme_edit.c: on a programme's page, the form that edits or
 * deactivates it (POST /assistance/programmes/{id}/edit), for those who
 * manage programmes. See docs/assistance.md. */
#include <stdlib.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/assistance.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "web/web.h"

/* cents as typed on the form ("1500.00"), or NULL. */
static const char *plain(struct request *r, const char *cents)
{
	long long v = cents ? strtoll(cents, NULL, 10) : 0;
	return cents ? arena_printf(r->a, "%lld.%02lld", v / 100, v % 100) : NULL;
}

void web_programme_edit_form(struct request *r, const struct programme *p, const struct errors *errs)
{
	struct buf *o = &r->out;
	if (auth_check(&r->user, PERM_PROGRAMMES_MANAGE) != DOM_OK)
		return;
	/* After a failure the typed values; else the stored ones. */
#define VAL(field, stored) (errs ? req_form(r, field) : (stored))
	html_printf(o, "<details id=\"edit\"%R><summary>%s</summary><form method=\"post\" action=\"/assistance/programmes/%u/edit\" class=\"programme-edit\">",
		    errs ? " open" : "", _("Edit the programme"), p->id);
	form_csrf(r);
	if (errs && errs->n)
		form_error_summary(r, errs);
	form_text(r, "name", _("Name"), VAL("name", p->name), errs, "text", NULL, 1);
	form_select(r, "kind", C_("programme", "Kind"), &CAT_PROGRAMME_KIND, VAL("kind", p->kind), errs, 1);
	form_text(r, "donor", _("Donor"), VAL("donor", p->donor), errs, "text", NULL, 0);
	html_printf(o, "<div class=\"grid\">");
	form_text(r, "budget", _("Budget"), VAL("budget", plain(r, p->budget_cents)), errs, "text",
		  _("Not under what is already committed or disbursed"), 1);
	form_text(r, "currency", _("Currency"), VAL("currency", p->currency), errs, "text",
		  _("Cannot change once there are requests"), 1);
	html_printf(o, "</div><div class=\"grid\">");
	form_text(r, "cap", _("Cap per household"), VAL("cap", plain(r, p->cap_cents)), errs, "text",
		  NULL, 1);
	form_select(r, "period", _("Period of the cap"), &CAT_PROGRAMME_PERIOD, VAL("period", p->period),
		    errs, 1);
	html_printf(o, "</div>");
	form_text(r, "min_score", _("Minimum vulnerability score"), VAL("min_score", p->min_score), errs,
		  "number", _("0 to 100; empty: no minimum"), 0);
	const char *elig = VAL("eligibility", p->eligibility);
	html_printf(o, "<label for=\"f-edit-eligibility\">%s</label><textarea id=\"f-edit-eligibility\" name=\"eligibility\" rows=\"3\">%s</textarea>",
		    _("Eligibility criteria"), elig);
	const char *active = errs ? req_form(r, "active") : p->active;
	html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"active\" value=\"1\"%R> %s</label><small>%s</small>",
		    active && strcmp(active, "1") == 0 ? " checked" : "", _("Active"),
		    _("A deactivated programme takes no new requests; its approved requests can still be disbursed and reconciled."));
	html_printf(o, "<button type=\"submit\">%s</button></form></details>", _("Save the changes"));
#undef VAL
}

void page_assistance_programme_edit(struct request *r)
{
	struct programme in = { 0 }, p;
	struct errors errs = { 0 };
	web_programme_form(r, &in, &errs);
	in.min_score = (char *)req_form(r, "min_score");
	/* An emptied field is "": it clears an optional field and a required
	 * one is refused. */
	if (!in.budget_cents && !errs.n)
		in.budget_cents = "";
	if (!in.cap_cents && !errs.n)
		in.cap_cents = "";
	const char *active = req_form(r, "active");
	int rc = errs.n ? DOM_INVALID
			: programme_update(&r->ctx, r->params[0], &in,
					   active && strcmp(active, "1") == 0, &errs, &p);
	web_programme_errors(&errs);
	if (rc == DOM_INVALID || (rc == DOM_CONFLICT && errs.n)) {
		r->status = rc == DOM_INVALID ? 400 : 409;
		web_assistance_programme(r, &errs);
	} else if (rc) {
		web_error(r, rc);
	} else {
		resp_redirect(r, arena_printf(r->a, "/assistance/programmes/%s?saved=1", p.id));
	}
}

/* page_case_shares.c: the case page's "Shared with" section: explicit
 * shares of the case with named users, the form to add one and the
 * buttons to take one back (docs/access.md). Shown to those who may
 * manage them only. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/case.h"
#include "domain/case_share.h"
#include "web/web.h"

static void share_row(struct request *r, const struct case_rec *k, const struct case_share *s)
{
	char until[32], when[32];
	int active = case_share_active(s);
	time_display(s->expires_at, until);
	time_display(s->shared_at, when);
	html_printf(&r->out, "<tr%R><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			     "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s · %s</td><td>",
		    active ? "" : " class=\"inactive\"", _("User"), web_user_name(r, s->user_id),
		    _("Access"), strcmp(s->mode, "write") == 0 ? _("Read and write") : _("Read only"),
		    _("Until"), active ? until : s->revoked_by ? _("Revoked") : _("Expired"),
		    _("Shared by"), web_user_name(r, s->shared_by), when);
	if (active) {
		html_printf(&r->out, "<form method=\"post\" action=\"%s\">",
			    arena_printf(r->a, "/cases/%s/shares/%s/revoke", k->id, s->id));
		form_csrf(r);
		html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">%s</button></form>",
			    _("Revoke"));
	}
	html_printf(&r->out, "</td></tr>");
}

void web_case_shares(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	struct store_list l;
	struct buf *o = &r->out;
	if (case_share_list(&r->ctx, k, &l) != DOM_OK)
		return;
	html_printf(o, "<section id=\"shares\"><h2>%s</h2>", _("Shared with"));
	if (!l.n)
		html_printf(o, "<p>%s</p>", _("This case is not shared with anyone."));
	else {
		html_printf(o, "<table class=\"stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
			    _("User"), _("Access"), _("Until"), _("Shared by"));
		for (size_t i = 0; i < l.n; i++)
			share_row(r, k, l.items[i]);
		html_printf(o, "</tbody></table>");
	}
	/* Fields named share_* : the legal section has an "expires_on" too. */
	const char *mode = errs ? req_form(r, "share_mode") : NULL;
	html_printf(o, "<details%R><summary>%s</summary><form method=\"post\" action=\"%s\">",
		    errs ? " open" : "", _("Share this case"), arena_printf(r->a, "/cases/%s/shares", k->id));
	form_csrf(r);
	form_error_summary(r, errs);
	form_text(r, "share_user", _("User name"), errs ? req_form(r, "share_user") : NULL, errs, "text",
		  NULL, 1);
	const char *merr = errs ? errors_for(errs, "share_mode") : NULL;
	html_printf(o, "<label for=\"f-share_mode\">%s</label><select id=\"f-share_mode\" name=\"share_mode\"%R>"
		       "<option value=\"read\">%s</option><option value=\"write\"%R>%s</option></select>",
		    _("Access"), merr ? " aria-invalid=\"true\"" : "", _("Read only"),
		    mode && strcmp(mode, "write") == 0 ? " selected" : "", _("Read and write"));
	if (merr)
		html_printf(o, "<small class=\"field-error\">%s</small>", merr);
	form_text(r, "share_until", _("Until (inclusive)"), errs ? req_form(r, "share_until") : NULL,
		  errs, "date", _("At most a year."), 1);
	html_printf(o, "<button type=\"submit\">%s</button></form></details></section>", _("Share"));
}

void page_case_share(struct request *r)
{
	struct errors errs = { 0 }, shown = { 0 };
	static const char *const names[][2] = { { "user", "share_user" },
						{ "mode", "share_mode" },
						{ "expires_on", "share_until" } };
	int rc = case_share_add(&r->ctx, r->params[0], req_form(r, "share_user"),
				req_form(r, "share_mode"), req_form(r, "share_until"), &errs, NULL);
	for (int i = 0; i < errs.n; i++) {
		const char *field = errs.e[i].field;
		for (size_t j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			if (strcmp(field, names[j][0]) == 0)
				field = names[j][1];
		errors_add(&shown, field, errs.e[i].message);
	}
	web_case_after(r, rc, "share", &shown, "shares");
}

void page_case_unshare(struct request *r)
{
	int rc = case_share_revoke(&r->ctx, r->params[0], r->params[1]);
	web_case_after(r, rc, "share", NULL, "shares");
}

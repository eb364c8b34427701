/* page_account.c: the signed-in user's own account: changing the password. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/user.h"
#include "web/web.h"

static void password_form(struct request *r, const struct errors *errs, int done)
{
	web_begin(r, _("Change password"), NULL);
	html_printf(&r->out, "<article><h1>%s</h1>", _("Change password"));
	if (done)
		html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>",
			    _("Your password was changed. Your other sessions were closed."));
	form_error_summary(r, errs);
	html_printf(&r->out, "<form method=\"post\" action=\"/account/password\">");
	form_csrf(r);
	form_text(r, "current", _("Current password"), NULL, errs, "password", NULL, 1);
	form_text(r, "password", _("New password"), NULL, errs, "password",
		  _("12 to 128 characters. A phrase of several words is easy to remember and hard to guess."), 1);
	form_text(r, "confirm", _("New password again"), NULL, errs, "password", NULL, 1);
	html_printf(&r->out, "<button type=\"submit\">%s</button></form>", _("Change password"));
	html_printf(&r->out, "<p><a href=\"/account/2fa\">%s</a></p></article>", _("Two-step login"));
	web_end(r);
}

void page_account_password(struct request *r)
{
	password_form(r, NULL, req_query(r, "done") != NULL);
}

void page_account_password_post(struct request *r)
{
	struct errors errs = { .n = 0 };
	const char *pw = req_form(r, "password"), *confirm = req_form(r, "confirm");
	int rc;

	/* Every mistake at once: with one already found, the change is
	 * checked but not made. */
	if (pw && confirm && strcmp(pw, confirm))
		errors_add(&errs, "confirm", _("The two new passwords differ: type the same one twice."));
	rc = user_change_password(&r->ctx, req_form(r, "current"), pw, r->session.id, &errs);
	if (rc == DOM_OK) {
		resp_redirect(r, "/account/password?done=1");
	} else if (rc == DOM_INVALID) {
		r->status = 400;
		password_form(r, &errs, 0);
	} else {
		web_error(r, rc);
	}
}

/* page_login.c: login, logout and the language switch. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/auth.h"
#include "domain/user.h"
#include "web/web.h"

const char *web_safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	/* A browser drops tabs and line breaks from a Location before reading
	 * it, so "/<TAB>/evil.example" would go to another site (found by
	 * fuzz_query); no path of ours holds a control character. */
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "/";
	return next;
}

static void login_form(struct request *r, const char *name, const char *message)
{
	web_begin(r, _("Log in"), NULL);
	html_printf(&r->out, "<article class=\"login\"><h1>%s</h1>", _("Log in to amparo"));
	if (message)
		html_printf(&r->out, "<p role=\"alert\" class=\"field-error\">%s</p>", message);
	html_printf(&r->out, "<form method=\"post\" action=\"/login\">"
			     "<input type=\"hidden\" name=\"next\" value=\"%s\">",
		    web_safe_next(req_query(r, "next") ? req_query(r, "next") : req_form(r, "next")));
	form_csrf(r); /* a half-open session (second step) may start over */
	html_printf(&r->out, "<label for=\"f-name\">%s</label>"
			     "<input id=\"f-name\" name=\"name\" type=\"text\" value=\"%s\" required autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\">",
		    _("User name"), name ? name : "");
	html_printf(&r->out, "<label for=\"f-password\">%s</label>"
			     "<input id=\"f-password\" name=\"password\" type=\"password\" required autocomplete=\"current-password\">"
			     "<button type=\"submit\">%s</button></form></article>",
		    _("Password"), _("Log in"));
	web_end(r);
}

/* Home: "My day" for those who hold cases, the people list for others. */
void page_home(struct request *r)
{
	if (!r->logged_in)
		resp_redirect(r, "/login");
	else
		resp_redirect(r, auth_check(&r->user, PERM_CASES_READ) == DOM_OK ? "/today" : "/people");
}

void page_login(struct request *r)
{
	if (r->logged_in) {
		resp_redirect(r, "/");
		return;
	}
	login_form(r, NULL, NULL);
}

void page_login_post(struct request *r)
{
	char cookie[64];
	struct session s;
	struct user u;
	const char *name = req_form(r, "name");
	const char *cname = req_session_cookie_name(r);
	int rc = session_login(&r->ctx, name, req_form(r, "password"), cookie, &s, &u);

	if (rc == DOM_OK) {
		/* The id is new at every login; a session the browser had
		 * before ends (fixation cannot carry one over). */
		session_logout(&r->ctx, req_cookie(r, cname));
		resp_cookie(r, cname, cookie, SESSION_MAX_SECONDS);
		if (s.mfa_pending) {
			struct buf next;
			buf_init(&next, 0);
			buf_url(&next, web_safe_next(req_form(r, "next")));
			resp_redirect(r, arena_printf(r->a, "%s?next=%s",
						      strcmp(s.mfa_pending, "enrol") ? "/login/code" : "/login/enrol",
						      next.p));
			buf_free(&next);
			return;
		}
		resp_redirect(r, web_safe_next(req_form(r, "next")));
		return;
	}
	r->status = rc == DOM_THROTTLED ? 429 : rc == DOM_UNAUTH ? 401 : 503;
	login_form(r, name, rc == DOM_UNAUTH ? _("The user name or the password is wrong.") : dom_message(rc));
}

void page_logout(struct request *r)
{
	const char *cname = req_session_cookie_name(r);
	session_logout(&r->ctx, req_cookie(r, cname));
	resp_cookie(r, cname, "", -1);
	resp_redirect(r, "/login");
}

void page_lang(struct request *r)
{
	const char *to = i18n_pick(req_form(r, "to"));
	if (to) {
		resp_cookie(r, "amparo_lang", to, 365L * 24 * 3600);
		if (r->logged_in)
			user_set_lang(&r->ctx, to);
	}
	resp_redirect(r, web_safe_next(req_form(r, "next")));
}

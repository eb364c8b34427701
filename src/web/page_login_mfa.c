/* page_login_mfa.c: the second login step: the code page, and setting up
 * an authenticator app (QR code, first code, recovery codes). */
#include <qrencode.h>
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/mfa.h"
#include "domain/user.h"
#include "web/web.h"

static const char *next_of(struct request *r)
{
	return web_safe_next(req_form(r, "next") ? req_form(r, "next") : req_query(r, "next"));
}

/* Sends the request where it belongs when it is not at this step: 1 when
 * it did (the caller returns). */
static int elsewhere(struct request *r, const char *step)
{
	if (r->logged_in)
		resp_redirect(r, "/");
	else if (!r->mfa_pending)
		resp_redirect(r, "/login");
	else if (strcmp(r->mfa_pending, step))
		resp_redirect(r, strcmp(r->mfa_pending, "enrol") ? "/login/code" : "/login/enrol");
	else
		return 0;
	return 1;
}

static void code_field(struct request *r, const char *error, const char *hint)
{
	html_printf(&r->out, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next_of(r));
	form_csrf(r);
	html_printf(&r->out, "<label for=\"f-code\">%s</label>"
			     "<input id=\"f-code\" name=\"code\" type=\"text\" required autofocus "
			     "autocomplete=\"one-time-code\" autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"24\"%R>",
		    _("Code"), error ? " aria-invalid=\"true\" aria-describedby=\"e-code\"" : " aria-describedby=\"h-code\"");
	if (error)
		html_printf(&r->out, "<small id=\"e-code\" class=\"field-error\">%s</small>", error);
	else
		html_printf(&r->out, "<small id=\"h-code\">%s</small>", hint);
}

static void code_form(struct request *r, const char *error)
{
	web_begin(r, _("Verification code"), NULL);
	html_printf(&r->out, "<article class=\"login\"><h1>%s</h1><p>%s</p>", _("Verification code"),
		    _("Open the authenticator app on your phone and type the 6-digit code it shows for amparo."));
	html_printf(&r->out, "<form method=\"post\" action=\"/login/code\">");
	code_field(r, error, _("Without your phone, type one of your recovery codes instead."));
	html_printf(&r->out, "<button type=\"submit\">%s</button></form>"
			     "<p><a href=\"/login\">%s</a></p></article>",
		    _("Continue"), _("Log in as someone else"));
	web_end(r);
}

void page_login_code(struct request *r)
{
	if (!elsewhere(r, "code"))
		code_form(r, NULL);
}

void page_login_code_post(struct request *r)
{
	char cookie[64];
	struct session s;
	if (elsewhere(r, "code"))
		return;
	int rc = session_second_step(&r->ctx, &r->session, req_form(r, "code"), cookie, &s);
	if (rc == DOM_OK) {
		resp_cookie(r, req_session_cookie_name(r), cookie, SESSION_MAX_SECONDS);
		resp_redirect(r, next_of(r));
		return;
	}
	if (rc != DOM_UNAUTH && rc != DOM_THROTTLED) {
		web_error(r, rc);
		return;
	}
	r->status = rc == DOM_THROTTLED ? 429 : 401;
	code_form(r, rc == DOM_THROTTLED ? dom_message(rc)
					 : _("This code is wrong or was used already: wait for the next one and type it."));
}

/* The QR code of text as inline SVG: one path of dark modules, a quiet
 * zone of 4 modules; no request leaves the page. */
static void qr_svg(struct request *r, const char *text, const char *label)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return;
	int w = q->width, size = w + 8;
	html_printf(&r->out, "<svg class=\"qr\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
			     "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\">"
			     "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
		    label, size, size, size * 5, size * 5, size, size);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (q->data[y * w + x] & 1)
				html_printf(&r->out, "M%d %dh1v1h-1z", x + 4, y + 4);
	html_printf(&r->out, "\"/></svg>");
	QRcode_free(q);
}

/* The set-up page: the QR code and key of the enrolment in progress and
 * the form for the first code, posting to action (/login/enrol for a
 * half-open session, /account/2fa for a logged-in user who chooses to). */
static void enrol_page(struct request *r, const char *action, const struct errors *errs)
{
	char secret[MFA_SECRET_MAX];
	int rc = mfa_enrol_secret(&r->ctx, r->session.user_id, secret);
	if (rc) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Set up two-step login"), NULL);
	html_printf(&r->out, "<article class=\"login enrol\"><h1>%s</h1><p>%s</p><ol>",
		    _("Set up two-step login"),
		    r->logged_in ? _("A second step at login protects your account even if someone learns your password: a code from an app on your phone.")
				 : _("Your account opens sensitive records, so it needs a second step at login: a code from an app on your phone."));
	html_printf(&r->out, "<li>%s</li>",
		    _("Install an authenticator app (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator)."));
	html_printf(&r->out, "<li>%s</li></ol>", _("In the app, add an account by scanning this QR code:"));
	const char *uri = arena_printf(r->a, "otpauth://totp/amparo:%s?secret=%s&issuer=amparo&algorithm=SHA1&digits=6&period=30",
				       r->user.name, secret);
	qr_svg(r, uri, _("QR code for the authenticator app"));
	/* Groups of four are easier to type than 32 letters in a row. */
	struct buf grouped;
	buf_init(&grouped, 0);
	for (size_t i = 0; secret[i]; i++) {
		if (i && i % 4 == 0)
			buf_adds(&grouped, " ");
		buf_add(&grouped, secret + i, 1);
	}
	html_printf(&r->out, "<p>%s <code id=\"totp-secret\" data-secret=\"%s\">%s</code></p>",
		    _("If you cannot scan it, type this key in the app:"), secret, grouped.p);
	buf_free(&grouped);
	html_printf(&r->out, "<form method=\"post\" action=\"%s\">", action);
	code_field(r, errs ? errors_for(errs, "code") : NULL,
		   _("Then type the 6-digit code the app shows, to confirm it works."));
	html_printf(&r->out, "<button type=\"submit\">%s</button></form></article>", _("Confirm"));
	web_end(r);
}

/* The recovery codes, shown once, and the way on to next. */
static void recovery_page(struct request *r, const char *codes[MFA_RECOVERY_CODES], const char *next)
{
	web_begin(r, _("Recovery codes"), NULL);
	html_printf(&r->out, "<article><h1>%s</h1><p>%s</p><ul class=\"recovery-codes\">",
		    _("Recovery codes"),
		    _("Two-step login is on. If you lose your phone, each of these codes lets you in once instead of a code from the app. Print them or write them down and keep them in a safe place: they are shown only now."));
	for (int i = 0; i < MFA_RECOVERY_CODES; i++)
		html_printf(&r->out, "<li><code>%s</code></li>", codes[i]);
	html_printf(&r->out, "</ul><p><a href=\"%s\" role=\"button\">%s</a></p></article>", next,
		    _("I have kept them: continue"));
	web_end(r);
}

void page_login_enrol(struct request *r)
{
	if (!elsewhere(r, "enrol"))
		enrol_page(r, "/login/enrol", NULL);
}

void page_login_enrol_post(struct request *r)
{
	const char *codes[MFA_RECOVERY_CODES];
	struct errors errs = { .n = 0 };
	char cookie[64];
	struct session s;

	if (elsewhere(r, "enrol"))
		return;
	int rc = mfa_enrol_confirm(&r->ctx, r->session.user_id, req_form(r, "code"), codes, &errs);
	if (rc == DOM_INVALID) {
		r->status = 400;
		enrol_page(r, "/login/enrol", &errs);
		return;
	}
	if (!rc)
		rc = session_enrolled(&r->ctx, &r->session, cookie, &s);
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_cookie(r, req_session_cookie_name(r), cookie, SESSION_MAX_SECONDS);
	/* The page is drawn for the complete session now. */
	r->mfa_pending = NULL;
	r->logged_in = 1;
	r->ctx.user = &r->user;
	r->csrf = s.csrf;
	recovery_page(r, codes, next_of(r));
}

/* Two-step login from the account, for a user not required to have it. */
void page_account_2fa(struct request *r)
{
	if (mfa_enrolled(&r->ctx, r->user.id)) {
		web_begin(r, _("Two-step login"), NULL);
		html_printf(&r->out, "<article><h1>%s</h1><p>%s</p></article>", _("Two-step login"),
			    _("Two-step login is on for your account. If you lose your phone, use a recovery code, and ask an administrator to reset it."));
		web_end(r);
		return;
	}
	enrol_page(r, "/account/2fa", NULL);
}

void page_account_2fa_post(struct request *r)
{
	const char *codes[MFA_RECOVERY_CODES];
	struct errors errs = { .n = 0 };
	int rc = mfa_enrol_confirm(&r->ctx, r->user.id, req_form(r, "code"), codes, &errs);
	if (rc == DOM_INVALID) {
		r->status = 400;
		enrol_page(r, "/account/2fa", &errs);
	} else if (rc) {
		web_error(r, rc);
	} else {
		recovery_page(r, codes, "/");
	}
}

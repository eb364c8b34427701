/* page_settings.c: /settings, where administrators change the office's
 * settings (settings.h). */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/settings.h"
#include "web/web.h"

/* The form; values: what to show per setting (typed, or stored). */
static void settings_form(struct request *r, const char *const *values, const struct errors *errs)
{
	struct buf *o = &r->out;
	size_t n;
	const struct setting_def *d = settings_defs(&n);
	web_begin(r, _("Settings"), "settings");
	html_printf(o, "<h1>%s</h1>", _("Settings"));
	web_saved_notice(r);
	form_error_summary(r, errs);
	html_printf(o, "<form method=\"post\" action=\"/settings\" novalidate>");
	form_csrf(r);
	for (size_t i = 0; i < n; i++) {
		if (d[i].kind == SETTING_INT)
			form_text(r, d[i].key, _(d[i].label), values[i], errs, "number", _(d[i].help), 1);
		else {
			form_checks(r, d[i].key, _(d[i].label), &CAT_AREA, values[i], errs);
			html_printf(o, "<small>%s</small>", _(d[i].help));
		}
	}
	html_printf(o, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>", _("Save"));
	web_end(r);
}

void page_settings(struct request *r)
{
	int rc = auth_check(&r->user, PERM_SETTINGS_MANAGE);
	if (rc) {
		web_error(r, rc);
		return;
	}
	size_t n;
	const struct setting_def *d = settings_defs(&n);
	const char **values = arena_alloc(r->a, n * sizeof(*values));
	for (size_t i = 0; i < n; i++)
		values[i] = settings_get(&r->ctx, d[i].key);
	settings_form(r, values, NULL);
}

void page_settings_post(struct request *r)
{
	struct errors errs = { 0 };
	size_t n;
	const struct setting_def *d = settings_defs(&n);
	const char **keys = arena_alloc(r->a, n * sizeof(*keys));
	const char **values = arena_alloc(r->a, n * sizeof(*values));
	for (size_t i = 0; i < n; i++) {
		keys[i] = d[i].key;
		values[i] = form_joined(r, d[i].key);
		/* Unticking every area sends nothing: none. */
		if (!values[i] && d[i].kind == SETTING_AREAS)
			values[i] = "";
		/* A number the form does not send keeps its value. */
		if (!values[i] && d[i].kind == SETTING_INT)
			values[i] = settings_get(&r->ctx, d[i].key);
	}
	int rc = settings_set_many(&r->ctx, keys, values, n, &errs);
	if (rc == DOM_INVALID) {
		r->status = 400;
		settings_form(r, values, &errs);
		return;
	}
	if (rc) {
		web_error(r, rc);
		return;
	}
	resp_redirect(r, "/settings?saved=1");
}

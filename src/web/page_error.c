/* page_error.c: the error pages (404, 403, 500, …) in the user's language. */
#include "base/html.h"
#include "base/i18n.h"
#include "web/web.h"

void web_error(struct request *r, int rc)
{
	static const int status[] = {
		[DOM_OK] = 200, [DOM_INVALID] = 400, [DOM_UNAUTH] = 401, [DOM_FORBIDDEN] = 403,
		[DOM_NOTFOUND] = 404, [DOM_CONFLICT] = 409, [DOM_THROTTLED] = 429,
		[DOM_BUSY] = 503, [DOM_ERROR] = 500,
	};
	const char *title;

	buf_reset(&r->out);
	r->status = rc >= 0 && rc <= DOM_ERROR ? status[rc] : 500;
	r->content_type = "text/html; charset=utf-8";
	switch (rc) {
	case DOM_NOTFOUND: title = _("Page not found"); break;
	case DOM_FORBIDDEN: title = _("Not allowed"); break;
	case DOM_THROTTLED: title = _("Too many attempts"); break;
	case DOM_INVALID: title = _("The request could not be read"); break;
	default: title = r->status >= 500 ? _("Something went wrong") : _("This could not be done"); break;
	}
	web_begin(r, title, NULL);
	html_printf(&r->out, "<article class=\"error\"><h1>%s</h1><p>%s</p>",
		    title,
		    rc == DOM_NOTFOUND ? _("The page or record you asked for does not exist, or you may not see it. Check the address or search again.")
				       : dom_message(rc));
	/* A fault of ours: an id to quote to support, nothing else about it. */
	if (r->status == 500)
		html_printf(&r->out, "<p>%s <code class=\"error-id\">%s</code></p>",
			    _("If it happens again, give your administrator this error number:"),
			    resp_error_id(r));
	html_printf(&r->out, "<p><a href=\"/\">%s</a></p></article>", _("Go to the start page"));
	web_end(r);
}

/* page_access_alerts.c: /access-alerts, the alerts for unusual bulk
 * viewing of the last 30 days, for administrators (docs/access.md). */
#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/access_alert.h"
#include "domain/auth.h"
#include "domain/settings.h"
#include "web/web.h"

void page_access_alerts(struct request *r)
{
	struct store_list l;
	struct buf *o = &r->out;
	char since[32];
	time_iso_after(-30 * 86400, since);
	int rc = access_alert_list(&r->ctx, since, &l);
	if (rc) {
		web_error(r, rc);
		return;
	}
	web_begin(r, _("Access alerts"), "access-alerts");
	html_printf(o, "<h1>%s</h1><p>%s</p>", _("Access alerts"),
		    arena_printf(r->a, _("A user who views or exports more than %ld records within %ld minutes is listed here (Settings; an export counts each person in it). Check with them; amparo audit who-saw lists whom they saw."),
				 settings_int(&r->ctx, "bulk_view_records"),
				 settings_int(&r->ctx, "bulk_view_minutes")));
	if (!l.n) {
		html_printf(o, "<p class=\"empty\">%s</p>", _("No alert in the last 30 days."));
		web_end(r);
		return;
	}
	html_printf(o, "<table class=\"stack\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		    _("When"), _("User"), _("Records viewed or exported"));
	for (size_t i = 0; i < l.n; i++) {
		const struct access_alert *a = l.items[i];
		char when[32];
		time_display(a->raised_at, when);
		html_printf(o, "<tr class=\"access-alert\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			       "<td data-label=\"%s\">%s</td></tr>",
			    _("When"), when, _("User"), web_user_name(r, a->user_id), _("Records viewed or exported"),
			    arena_printf(r->a, _("%s in %s minutes"), a->records, a->minutes));
	}
	html_printf(o, "</tbody></table>");
	web_end(r);
}

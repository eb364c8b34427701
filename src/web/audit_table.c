/* audit_table.c: a record's audit events as a table, for the pages that
 * show a record's activity (a person, a case, a case's plan). */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "web/web.h"

const char *const WEB_AUDIT_CHANGES[] = { NULL };

static int kept(const char *action, const char *const *only)
{
	if (!only)
		return 1;
	if (only == WEB_AUDIT_CHANGES)
		return strcmp(action, "view") != 0;
	for (; *only; only++)
		if (strcmp(*only, action) == 0)
			return 1;
	return 0;
}

/* web_audit_table; numbered adds each event's number (its seq) first. */
static int audit_table(struct request *r, const char *entity_id, long limit, const char *label,
		       const char *const *only, int numbered)
{
	struct buf *o = &r->out;
	struct store_list l;
	size_t shown = 0;
	if (audit_list_for(&r->ctx, entity_id, only != NULL, limit, 0, &l) != DOM_OK)
		return 0;
	/* The column names, each the header and every row's data-label: on a
	 * phone each event is a card (table.stack). Looked up once. */
	const char *no = _("No."), *when_h = _("When"), *who = _("Who"), *what = _("What"),
		   *fields = _("Fields");
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *ev = l.items[i];
		if (!kept(ev->action, only))
			continue;
		if (!shown++)
			html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"audit stack\"><thead><tr>%R<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				    label, numbered ? arena_printf(r->a, "<th>%s</th>", no) : "", when_h, who, what,
				    fields);
		char when[32];
		time_display(ev->at, when);
		if (numbered)
			html_printf(o, "<tr><td data-label=\"%s\">%s</td>", no, ev->seq);
		else
			html_printf(o, "<tr>");
		html_printf(o, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>",
			    when_h, when, who, ev->user_id ? web_user_name(r, ev->user_id) : _("system"), what,
			    web_action(ev->action));
		if (ev->fields && *ev->fields) {
			html_printf(o, "<td data-label=\"%s\">", fields);
			web_field_list(r, ev->fields);
			html_printf(o, "</td></tr>");
		} else {
			html_printf(o, "<td></td></tr>"); /* a view names no field: no empty label on a phone */
		}
	}
	if (shown)
		html_printf(o, "</tbody></table></div>");
	return (int)shown;
}

int web_audit_table(struct request *r, const char *entity_id, long limit, const char *label,
		    const char *const *only)
{
	return audit_table(r, entity_id, limit, label, only, 0);
}

int web_audit_table_numbered(struct request *r, const char *entity_id, long limit,
			     const char *label, const char *const *only)
{
	return audit_table(r, entity_id, limit, label, only, 1);
}

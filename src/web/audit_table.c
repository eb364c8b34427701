/* audit_table.c: a record's audit events as a table, for the pages that
 * show a record's activity (a person, a case, a case's plan). */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "web/web.h"

/* The names of the few users a table shows, read once each. */
struct names {
	const char *id[8], *name[8];
	int n;
};

static const char *name_of(struct request *r, struct names *seen, const char *id)
{
	struct user u;
	if (!id)
		return _("system");
	for (int i = 0; i < seen->n; i++)
		if (strcmp(seen->id[i], id) == 0)
			return seen->name[i];
	const char *name = user_get(&r->ctx, id, &u) == DOM_OK ? (u.full_name ? u.full_name : u.name) : id;
	if (seen->n < 8) {
		seen->id[seen->n] = id;
		seen->name[seen->n++] = name;
	}
	return name;
}

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
	struct names seen = { .n = 0 };
	if (audit_list_for(&r->ctx, entity_id, limit, 0, &l) != DOM_OK)
		return 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *ev = l.items[i];
		if (!kept(ev->action, only))
			continue;
		if (!shown++)
			html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"audit\"><thead><tr>%R<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				    label, numbered ? arena_printf(r->a, "<th>%s</th>", _("No.")) : "",
				    _("When"), _("Who"), _("What"), _("Fields"));
		char when[32];
		time_display(ev->at, when);
		if (numbered)
			html_printf(o, "<tr><td>%s</td>", ev->seq);
		else
			html_printf(o, "<tr>");
		html_printf(o, "<td>%s</td><td>%s</td><td>%s</td><td>", when,
			    name_of(r, &seen, ev->user_id), web_action(ev->action));
		web_field_list(r, ev->fields);
		html_printf(o, "</td></tr>");
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

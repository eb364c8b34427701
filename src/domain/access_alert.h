/* access_alert.h: the alert for unusual bulk viewing (docs/access.md).
 * The view writer (audit_views.c) hands it every view it has written; a
 * user who viewed more distinct records than the setting
 * bulk_view_records within bulk_view_minutes gets an alert: a row of
 * access_alerts, a "bulk_view_alert" audit event on the user, and an
 * error line in the log. At most one alert per user and window. */
#ifndef AMPARO_ACCESS_ALERT_H
#define AMPARO_ACCESS_ALERT_H

#include "domain/domain.h"

/* Counts a view of entity_id by user_id at (ISO UTC), on st (the view
 * writer's connection, in no transaction); raises the alert when due.
 * Called from one thread only (the view writer). */
void access_alert_view(struct store *st, const char *user_id, const char *entity_id,
		       const char *at);
/* Forgets every count (tests, and the writer's restart). */
void access_alert_reset(void);
/* The alerts raised since since (ISO time or date), newest first:
 * PERM_USERS_MANAGE. */
int access_alert_list(struct ctx *c, const char *since, struct store_list *out);

#endif

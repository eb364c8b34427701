/* audit_access.h: questions asked of the audit log about one account
 * (docs/access.md): whose records it saw ("who-saw", the breach drill),
 * which requests it was refused. */
#ifndef AMPARO_AUDIT_ACCESS_H
#define AMPARO_AUDIT_ACCESS_H

#include "domain/domain.h"

/* One person an account saw: how many times, first and last (UTC). */
struct who_saw {
	char *person_id, *ref, *given_names, *surname1, *surname2;
	char first_at[24], last_at[24];
	long times;
};

/* Every person whose record the user named user_name viewed, exported or
 * printed since since (YYYY-MM-DD, UTC midnight, or an ISO time): views
 * of the person, of one of their cases, of their household (its members
 * now), and events whose action starts with "export" or "print" on those
 * records. Items are struct who_saw, by reference; out->total their
 * number. For the CLI (c->user NULL) or PERM_AUDIT_READ. DOM_NOTFOUND
 * for an unknown user; DOM_INVALID (error on "since") for a bad date. */
int audit_who_saw(struct ctx *c, const char *user_name, const char *since, struct errors *errs,
		  struct store_list *out);
/* The requests the user named user_name was refused since since
 * (action "denied": struct audit_event items, oldest first). Same
 * permissions and errors. */
int audit_denials(struct ctx *c, const char *user_name, const char *since, struct errors *errs,
		  struct store_list *out);

#endif

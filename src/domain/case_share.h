/* case_share.h: explicit shares of one case with one named user
 * (docs/access.md): read-only or to work on it, until a date, audited on
 * the case. The shared user opens the case whatever the office and area
 * rules, and reads it as its caseworker would. */
#ifndef AMPARO_CASE_SHARE_H
#define AMPARO_CASE_SHARE_H

#include "domain/domain.h"

/* Longest share: a year. */
#define CASE_SHARE_MAX_DAYS 366

/* True when u may share k and revoke its shares: k's caseworker, and
 * those who hold PERM_CASES_ASSIGN (supervisors, administrators). */
int case_share_may_manage(const struct user *u, const struct case_rec *k);
/* Shares case_id (id or C- reference) with the user named user_name, mode
 * "read" or "write", until the end of expires_on (YYYY-MM-DD, Panama
 * time; after today, at most CASE_SHARE_MAX_DAYS ahead). Errors on
 * "user" (unknown, disabled, oneself, a role that may not read cases, or
 * "write" to a role that may not work on cases), "mode", "expires_on";
 * DOM_CONFLICT (error on "user") when an active share exists. Audited as
 * "share" on the case. out may be NULL. */
int case_share_add(struct ctx *c, const char *case_id, const char *user_name, const char *mode,
		   const char *expires_on, struct errors *errs, struct case_share *out);
/* Takes share share_id of case_id back; DOM_NOTFOUND when it is not that
 * case's, DOM_CONFLICT when already revoked. Audited as "unshare". */
int case_share_revoke(struct ctx *c, const char *case_id, const char *share_id);
/* The shares of case k (active and past, newest first): for those who
 * may manage them (else DOM_FORBIDDEN). */
int case_share_list(struct ctx *c, const struct case_rec *k, struct store_list *out);
/* True when s is in force now (not revoked, not expired). */
int case_share_active(const struct case_share *s);

/* Internal to the domain (case_load): *mode = 0 none, 1 read, 2 write:
 * the share of case_id with user_id in force now. */
int case_share_mode(struct ctx *c, const char *case_id, const char *user_id, int *mode);

#endif

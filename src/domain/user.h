/* user.h: accounts, login with throttling, sessions and API tokens. */
#ifndef AMPARO_USER_H
#define AMPARO_USER_H

#include "domain/domain.h"

#define SESSION_IDLE_SECONDS (30 * 60)
#define SESSION_MAX_SECONDS (12 * 3600)
#define PASSWORD_MIN 10

/* Creates a user. areas: comma-separated service areas (may be NULL);
 * office: comma-separated codes of active offices (NULL or "": the
 * default office, see office.h); c->user must be an admin, or NULL for
 * the CLI. Errors go to errs. */
int user_create(struct ctx *c, const char *name, const char *full_name, const char *role,
		const char *areas, const char *office, const char *password, struct errors *errs,
		struct user *out);
int user_find(struct ctx *c, const char *name, struct user *out);
int user_get(struct ctx *c, const char *id, struct user *out);
int user_list(struct ctx *c, struct store_list *out);
int user_set_disabled(struct ctx *c, const char *name, int disabled);
int user_set_password(struct ctx *c, const char *name, const char *password, struct errors *errs);
/* Need-to-know grants (user_grants.c): checks a comma-separated list of
 * CAT_GRANT codes and writes it to *out (arena) deduplicated in a fixed
 * order ("" for none); an unknown code is an error on "grants". */
int user_grants_normalise(struct ctx *c, const char *list, struct errors *errs, char **out);
/* Replaces the grants of user name (list as above, "" removes them all);
 * c->user needs PERM_USERS_MANAGE, or is NULL for the CLI. Audited as
 * "grants" on the user. DOM_NOTFOUND for an unknown name. */
int user_set_grants(struct ctx *c, const char *name, const char *grants, struct errors *errs);
/* Remembers the interface language ("es" or "en") of c->user. */
int user_set_lang(struct ctx *c, const char *lang);

/* Checks name and password, throttled per account and per client address
 * (c->remote). On success writes the new session cookie value (43 chars)
 * to cookie and the session to *out. DOM_UNAUTH for a wrong name or
 * password (the same answer for both), DOM_THROTTLED when locked out. */
int session_login(struct ctx *c, const char *name, const char *password, char cookie[64],
		  struct session *out, struct user *user_out);
/* Finds the live session for a cookie value and its user; refreshes its
 * idle timer. DOM_UNAUTH when absent, expired or the user is disabled. */
int session_lookup(struct ctx *c, const char *cookie, struct session *s, struct user *u);
int session_logout(struct ctx *c, const char *cookie);

/* Creates an API token for user name; the value is returned once, only
 * its hash is stored. */
int token_create(struct ctx *c, const char *name, const char *label, char value[64]);
/* Finds the user of a bearer token. DOM_UNAUTH when unknown or revoked. */
int token_lookup(struct ctx *c, const char *value, struct user *u);

#endif

/* user.h: accounts, login with throttling, sessions and API tokens. */
#ifndef AMPARO_USER_H
#define AMPARO_USER_H

#include "domain/domain.h"

#define SESSION_IDLE_SECONDS (30 * 60)
#define SESSION_MAX_SECONDS (12 * 3600)
#define MFA_PENDING_SECONDS (10 * 60) /* to type the code after the password */

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
/* Changes c->user's own password; current must be the present one (a
 * wrong one counts as a failed login for throttling). Ends every other
 * session of the user: all but keep_session (the session's stored id,
 * the SHA-256 of its cookie; NULL: all). API tokens stay valid: an
 * administrator issues and revokes them for programs (docs/login.md).
 * user_set_password (an administrator's reset) ends every session. */
int user_change_password(struct ctx *c, const char *current, const char *password,
			 const char *keep_session, struct errors *errs);
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
/* Session states: a user with an authenticator (mfa.h), or who must have
 * one, gets a session with mfa_pending "code" or "enrol" at login: it
 * opens nothing but the second step, and lasts MFA_PENDING_SECONDS. */

/* Completes a session waiting for a code: a TOTP or recovery code
 * (mfa_check), throttled like passwords. On success the half-open session
 * ends and a complete one starts under a new cookie (written to cookie,
 * *out). DOM_UNAUTH for a wrong or used code, DOM_THROTTLED, DOM_CONFLICT
 * when pending does not wait for a code. */
int session_second_step(struct ctx *c, const struct session *pending, const char *code,
			char cookie[64], struct session *out);
/* Completes a session waiting for enrolment, once mfa_enrol_confirm has
 * succeeded: a complete session under a new cookie, as above. */
int session_enrolled(struct ctx *c, const struct session *pending, char cookie[64],
		     struct session *out);
/* Finds the live session for a cookie value and its user; refreshes its
 * idle timer. DOM_UNAUTH when absent, expired or the user is disabled;
 * DOM_BUSY or DOM_ERROR when the store fails. */
int session_lookup(struct ctx *c, const char *cookie, struct session *s, struct user *u);
/* Ends the session of a cookie value on the server (audited as
 * "logout"); nothing when it has ended already. */
int session_logout(struct ctx *c, const char *cookie);

/* Creates an API token for user name; the value is returned once, only
 * its hash is stored. */
int token_create(struct ctx *c, const char *name, const char *label, char value[64]);
/* Finds the user of a bearer token. DOM_UNAUTH when unknown or revoked;
 * DOM_BUSY or DOM_ERROR when the store fails. */
int token_lookup(struct ctx *c, const char *value, struct user *u);

#endif

/* user.c: accounts, sessions, tokens and login throttling. */
#include "domain/user.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/mfa.h"
#include "domain/office.h"
#include "domain/password.h"

/* Throttling: after ACCOUNT_SLOW failures an account's answers slow down by
 * a second per failure; after ACCOUNT_LOCK, or ADDRESS_LOCK failures from one
 * address, attempts are refused for LOCK_SECONDS. */
#define ACCOUNT_SLOW 3
#define ACCOUNT_LOCK 10
#define ADDRESS_LOCK 30
#define WINDOW_SECONDS (15 * 60)
#define LOCK_SECONDS (15 * 60)

static int admin_or_cli(struct ctx *c)
{
	return c->user ? auth_check(c->user, PERM_USERS_MANAGE) : DOM_OK;
}

static int valid_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > 64)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '_' && *s != '-')
			return 0;
	return 1;
}

int user_create(struct ctx *c, const char *name, const char *full_name, const char *role,
		const char *areas, const char *office, const char *password, struct errors *errs,
		struct user *out)
{
	char id[37], now[32], hash[128];
	int rc;

	if ((rc = admin_or_cli(c)))
		return rc;
	if (!valid_name(name))
		errors_add(errs, "name",
			   _("The user name needs 2 to 64 letters, digits, dots, dashes or underscores."));
	if (!catalog_find(&CAT_ROLE, role))
		errors_add(errs, "role", _("Choose one of the roles in the list."));
	if (areas && *areas) {
		char *copy = arena_strdup(c->a, areas), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
			if (!catalog_find(&CAT_AREA, t))
				errors_add(errs, "areas",
					   _("Unknown service area: use psychosocial, legal, livelihoods, assistance or community."));
	}
	/* Offices: codes of active offices; none given, the default office. */
	char *offices = NULL;
	struct office def;
	if (office && *office)
		office_check_list(c, office, "office", errs, &offices);
	else if (office_default(c, &def) == DOM_OK)
		offices = def.id;
	password_check(password, name, full_name, errs);
	if (errs->n)
		return DOM_INVALID;
	if (crypto_password_hash(password, hash))
		return DOM_ERROR;
	crypto_uuid7(id);
	time_now_iso(now);
	struct user u = {
		.id = id, .name = (char *)name, .full_name = (char *)full_name,
		.role = (char *)role, .areas = (char *)(areas ? areas : ""),
		.office = offices, .lang = "es", .password_hash = hash,
		.disabled = "0", .created_at = now,
	};
	if ((rc = store_begin(c->st)))
		return dom_from_store(rc);
	rc = store_insert(c->st, &ENT_USER, &u);
	if (rc == STORE_CONFLICT) {
		store_rollback(c->st);
		errors_add(errs, "name", _("This user name is taken."));
		return DOM_INVALID;
	}
	if (rc || (rc = audit_record(c, "create", "user", id, "name,role,areas,office"))) {
		store_rollback(c->st);
		return rc == STORE_ERROR ? DOM_ERROR : rc;
	}
	if ((rc = store_commit(c->st)))
		return dom_from_store(rc);
	if (out)
		return user_find(c, name, out);
	return DOM_OK;
}

int user_find(struct ctx *c, const char *name, struct user *out)
{
	return dom_from_store(store_get(c->st, &ENT_USER, c->a, "name", name, out));
}

int user_get(struct ctx *c, const char *id, struct user *out)
{
	return dom_from_store(store_get(c->st, &ENT_USER, c->a, "id", id, out));
}

int user_list(struct ctx *c, struct store_list *out)
{
	int rc = admin_or_cli(c);
	if (rc)
		return rc;
	return dom_from_store(store_list(c->st, &ENT_USER, c->a, NULL, NULL, "name", 0, 1000, 0, out));
}

static int change_user(struct ctx *c, const char *name, const char *what, struct user *u)
{
	int rc = store_update(c->st, &ENT_USER, u);
	if (!rc)
		rc = audit_record(c, what, "user", u->id, what);
	else
		rc = dom_from_store(rc);
	(void)name;
	return rc;
}

int user_set_disabled(struct ctx *c, const char *name, int disabled)
{
	struct user u;
	int rc;

	if ((rc = admin_or_cli(c)) || (rc = user_find(c, name, &u)))
		return rc;
	u.disabled = disabled ? "1" : "0";
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	rc = change_user(c, name, disabled ? "disable" : "enable", &u);
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

/* Removes every session of user_id but the one whose id is keep (NULL:
 * all of them), inside the caller's transaction. */
static int end_sessions(struct ctx *c, const char *user_id, const char *keep)
{
	struct store_list l;
	int rc = store_list(c->st, &ENT_SESSION, c->a, "user_id", user_id, "id", 0, 100000, 0, &l);
	for (size_t i = 0; !rc && i < l.n; i++) {
		const struct session *s = l.items[i];
		if (!keep || strcmp(s->id, keep))
			rc = store_remove(c->st, &ENT_SESSION, s->id);
	}
	return dom_from_store(rc);
}

/* Stores a new hash for u and ends its sessions but keep, audited as
 * "password", in one transaction. The rules are checked by the callers. */
static int store_password(struct ctx *c, struct user *u, const char *password, const char *keep)
{
	char hash[128];
	int rc;

	if (crypto_password_hash(password, hash))
		return DOM_ERROR;
	u->password_hash = hash;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	rc = change_user(c, u->name, "password", u);
	if (!rc)
		rc = end_sessions(c, u->id, keep);
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int user_set_password(struct ctx *c, const char *name, const char *password, struct errors *errs)
{
	struct user u;
	int rc;

	if ((rc = admin_or_cli(c)) || (rc = user_find(c, name, &u)))
		return rc;
	password_check(password, u.name, u.full_name, errs);
	if (errs->n)
		return DOM_INVALID;
	return store_password(c, &u, password, NULL);
}

static int throttle_locked(struct ctx *c, const char *key);
static long throttle_fail(struct ctx *c, const char *key, long lock_at);

int user_change_password(struct ctx *c, const char *current, const char *password,
			 const char *keep_session, struct errors *errs)
{
	struct user u;
	int rc;

	if (!c->user)
		return DOM_UNAUTH;
	const char *akey = arena_printf(c->a, "u:%.64s", c->user->name);
	if (throttle_locked(c, akey))
		return DOM_THROTTLED;
	if ((rc = user_get(c, c->user->id, &u)))
		return rc;
	if (!current || crypto_password_verify(u.password_hash, current)) {
		/* A guess at the current password counts like a failed login. */
		if (!store_begin(c->st)) {
			throttle_fail(c, akey, ACCOUNT_LOCK);
			store_commit(c->st);
		}
		errors_add(errs, "current", _("The current password is wrong."));
	}
	password_check(password, u.name, u.full_name, errs);
	if (!errs->n && current && !strcmp(current, password))
		errors_add(errs, "password", _("The new password must differ from the current one."));
	if (errs->n)
		return DOM_INVALID;
	return store_password(c, &u, password, keep_session);
}

int user_set_lang(struct ctx *c, const char *lang)
{
	struct user u;
	int rc;

	if (!c->user || !i18n_pick(lang))
		return DOM_INVALID;
	if ((rc = user_get(c, c->user->id, &u)))
		return rc;
	u.lang = (char *)i18n_pick(lang);
	return dom_from_store(store_update(c->st, &ENT_USER, &u));
}

/* ---- throttling ---- */

static int throttle_locked(struct ctx *c, const char *key)
{
	struct throttle t;
	char now[32];
	if (store_get(c->st, &ENT_THROTTLE, c->a, "id", key, &t))
		return 0;
	time_now_iso(now);
	return t.locked_until && strcmp(t.locked_until, now) > 0;
}

static long throttle_failures(struct ctx *c, const char *key)
{
	struct throttle t;
	if (store_get(c->st, &ENT_THROTTLE, c->a, "id", key, &t))
		return 0;
	return strtol(t.failures, NULL, 10);
}

/* Counts one failure for key; returns the count in the current window. */
static long throttle_fail(struct ctx *c, const char *key, long lock_at)
{
	struct throttle t;
	char now[32], start[32], until[32];
	long n = 1;
	int found = store_get(c->st, &ENT_THROTTLE, c->a, "id", key, &t) == STORE_OK;

	time_now_iso(now);
	time_iso_after(-WINDOW_SECONDS, start);
	if (found && strcmp(t.window_start, start) > 0)
		n = strtol(t.failures, NULL, 10) + 1;
	else
		t.window_start = now;
	t.id = (char *)key;
	t.failures = arena_printf(c->a, "%ld", n);
	t.locked_until = NULL;
	if (n >= lock_at) {
		time_iso_after(LOCK_SECONDS, until);
		t.locked_until = until;
	}
	if (found)
		store_update(c->st, &ENT_THROTTLE, &t);
	else
		store_insert(c->st, &ENT_THROTTLE, &t);
	return n;
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[128];

static void make_dummy(void)
{
	if (crypto_password_hash("not a password of anyone", dummy_hash))
		log_fatal("cannot hash");
}

int session_login(struct ctx *c, const char *name, const char *password, char cookie[64],
		  struct session *out, struct user *user_out)
{
	const char *akey = arena_printf(c->a, "u:%.64s", name ? name : "");
	const char *ikey = arena_printf(c->a, "a:%s", c->remote ? c->remote : "?");
	struct user u;
	char id[65], csrf[64], now[32], exp[32];
	int rc;

	if (!name || !password)
		return DOM_UNAUTH;
	if (throttle_locked(c, akey) || throttle_locked(c, ikey))
		return DOM_THROTTLED;
	long before = throttle_failures(c, akey);
	if (before >= ACCOUNT_SLOW)
		sleep((unsigned)(before - ACCOUNT_SLOW + 1 > 3 ? 3 : before - ACCOUNT_SLOW + 1));
	rc = user_find(c, name, &u);
	int ok = rc == DOM_OK && strcmp(u.disabled, "0") == 0 &&
		 crypto_password_verify(u.password_hash, password) == 0;
	if (rc == DOM_NOTFOUND) {
		/* Spend the same time as a real check, so timing does not tell
		 * which user names exist. */
		pthread_once(&dummy_once, make_dummy);
		crypto_password_verify(dummy_hash, password);
	} else if (rc) {
		return rc;
	}
	if (store_begin(c->st))
		return DOM_BUSY;
	if (!ok) {
		throttle_fail(c, akey, ACCOUNT_LOCK);
		throttle_fail(c, ikey, ADDRESS_LOCK);
		struct ctx anon = *c;
		anon.user = NULL;
		audit_record(&anon, "login_failed", "user", rc == DOM_OK ? u.id : NULL, NULL);
		store_commit(c->st);
		return DOM_UNAUTH;
	}
	store_remove(c->st, &ENT_THROTTLE, akey);
	crypto_token(cookie);
	crypto_token(csrf);
	crypto_sha256_hex(cookie, strlen(cookie), id);
	time_now_iso(now);
	time_iso_after(SESSION_MAX_SECONDS, exp);
	/* With an authenticator, or when one is required, the session
	 * waits for the second step and opens nothing else until then. */
	const char *pending = mfa_enrolled(c, u.id) ? "code" : mfa_required(&u) ? "enrol" : NULL;
	struct session s = { .id = id, .user_id = u.id, .csrf = csrf, .created_at = now,
			     .last_seen = now, .expires_at = exp, .mfa_pending = (char *)pending };
	rc = store_insert(c->st, &ENT_SESSION, &s);
	struct ctx who = *c;
	who.user = &u;
	if (!rc)
		rc = audit_record(&who, pending ? "login_password" : "login", "user", u.id, NULL);
	if (rc) {
		store_rollback(c->st);
		return DOM_ERROR;
	}
	if ((rc = store_commit(c->st)))
		return dom_from_store(rc);
	if (out) {
		*out = s;
		out->id = arena_strdup(c->a, id);
		out->csrf = arena_strdup(c->a, csrf);
		out->created_at = out->last_seen = arena_strdup(c->a, now);
		out->expires_at = arena_strdup(c->a, exp);
		out->mfa_pending = (char *)pending;
	}
	if (user_out)
		*user_out = u;
	return DOM_OK;
}

/* A session, token or user that is not there: the caller is not logged
 * in. A store that fails is not a logout: a lost database connection
 * answers 503, and the next request finds the session again. */
static int unknown(int store_rc)
{
	return store_rc == STORE_NOTFOUND ? DOM_UNAUTH : dom_from_store(store_rc);
}

int session_lookup(struct ctx *c, const char *cookie, struct session *s, struct user *u)
{
	char id[65], now[32], idle[32], touch[32];

	if (!cookie || strlen(cookie) != 43)
		return DOM_UNAUTH;
	crypto_sha256_hex(cookie, strlen(cookie), id);
	int rc = store_get(c->st, &ENT_SESSION, c->a, "id", id, s);
	if (rc)
		return unknown(rc);
	time_now_iso(now);
	time_iso_after(-SESSION_IDLE_SECONDS, idle);
	/* A session waiting for its second step lasts MFA_PENDING_SECONDS. */
	char pending_start[32];
	time_iso_after(-MFA_PENDING_SECONDS, pending_start);
	if (strcmp(s->expires_at, now) <= 0 || strcmp(s->last_seen, idle) <= 0 ||
	    (s->mfa_pending && strcmp(s->created_at, pending_start) <= 0)) {
		store_remove(c->st, &ENT_SESSION, id);
		return DOM_UNAUTH;
	}
	if ((rc = store_get(c->st, &ENT_USER, c->a, "id", s->user_id, u)))
		return unknown(rc);
	if (strcmp(u->disabled, "0"))
		return DOM_UNAUTH;
	/* Refresh the idle timer at most once a minute: a write per request
	 * would serialise every page view behind the write lock. */
	time_iso_after(-60, touch);
	if (strcmp(s->last_seen, touch) < 0) {
		s->last_seen = arena_strdup(c->a, now);
		store_update(c->st, &ENT_SESSION, s);
	}
	return DOM_OK;
}

/* Replaces the half-open session old (of u) with a complete one under a
 * new cookie, audited as action; inside the caller's transaction. */
static int promote(struct ctx *c, const struct session *old, struct user *u, const char *action,
		   char cookie[64], struct session *out)
{
	char id[65], csrf[64], now[32], exp[32];
	crypto_token(cookie);
	crypto_token(csrf);
	crypto_sha256_hex(cookie, strlen(cookie), id);
	time_now_iso(now);
	time_iso_after(SESSION_MAX_SECONDS, exp);
	struct session s = { .id = id, .user_id = u->id, .csrf = csrf, .created_at = now,
			     .last_seen = now, .expires_at = exp };
	struct ctx who = *c;
	who.user = u;
	int rc = dom_from_store(store_remove(c->st, &ENT_SESSION, old->id));
	if (!rc)
		rc = dom_from_store(store_insert(c->st, &ENT_SESSION, &s));
	if (!rc)
		rc = audit_record(&who, action, "user", u->id, NULL);
	if (!rc && out) {
		*out = s;
		out->id = arena_strdup(c->a, id);
		out->csrf = arena_strdup(c->a, csrf);
		out->created_at = out->last_seen = arena_strdup(c->a, now);
		out->expires_at = arena_strdup(c->a, exp);
	}
	return rc;
}

int session_second_step(struct ctx *c, const struct session *pending, const char *code,
			char cookie[64], struct session *out)
{
	struct user u;
	int rc;

	if (!pending || !pending->mfa_pending || strcmp(pending->mfa_pending, "code"))
		return DOM_CONFLICT;
	if ((rc = user_get(c, pending->user_id, &u)))
		return rc;
	const char *akey = arena_printf(c->a, "u:%.64s", u.name);
	if (throttle_locked(c, akey))
		return DOM_THROTTLED;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	rc = mfa_check(c, u.id, code);
	if (rc == DOM_UNAUTH) {
		/* A wrong code counts like a wrong password. */
		throttle_fail(c, akey, ACCOUNT_LOCK);
		struct ctx anon = *c;
		anon.user = NULL;
		audit_record(&anon, "login_failed", "user", u.id, "code");
		store_commit(c->st);
		return DOM_UNAUTH;
	}
	if (!rc) {
		store_remove(c->st, &ENT_THROTTLE, akey);
		rc = promote(c, pending, &u, "login", cookie, out);
	}
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int session_enrolled(struct ctx *c, const struct session *pending, char cookie[64],
		     struct session *out)
{
	struct user u;
	int rc;

	if (!pending || !pending->mfa_pending || strcmp(pending->mfa_pending, "enrol") ||
	    !mfa_enrolled(c, pending->user_id))
		return DOM_CONFLICT;
	if ((rc = user_get(c, pending->user_id, &u)))
		return rc;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	rc = promote(c, pending, &u, "login", cookie, out);
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int session_logout(struct ctx *c, const char *cookie)
{
	char id[65];
	struct session s;
	struct user u;
	int rc;

	if (!cookie)
		return DOM_OK;
	crypto_sha256_hex(cookie, strlen(cookie), id);
	if (store_get(c->st, &ENT_SESSION, c->a, "id", id, &s))
		return DOM_OK; /* ended already, or never was */
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	struct ctx who = *c;
	who.user = store_get(c->st, &ENT_USER, c->a, "id", s.user_id, &u) ? NULL : &u;
	rc = dom_from_store(store_remove(c->st, &ENT_SESSION, id));
	if (!rc)
		rc = audit_record(&who, "logout", "user", s.user_id, NULL);
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int token_create(struct ctx *c, const char *name, const char *label, char value[64])
{
	struct user u;
	char id[37], hash[65], now[32];
	int rc;

	if ((rc = admin_or_cli(c)) || (rc = user_find(c, name, &u)))
		return rc;
	crypto_token(value);
	crypto_sha256_hex(value, strlen(value), hash);
	crypto_uuid7(id);
	time_now_iso(now);
	struct token t = { .id = id, .user_id = u.id, .token_hash = hash, .label = (char *)label,
			   .created_at = now, .revoked = "0" };
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	rc = dom_from_store(store_insert(c->st, &ENT_TOKEN, &t));
	if (!rc)
		rc = audit_record(c, "create", "token", id, "user_id,label");
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int token_lookup(struct ctx *c, const char *value, struct user *u)
{
	struct token t;
	char hash[65];

	if (!value || strlen(value) != 43)
		return DOM_UNAUTH;
	crypto_sha256_hex(value, strlen(value), hash);
	int rc = store_get(c->st, &ENT_TOKEN, c->a, "token_hash", hash, &t);
	if (rc)
		return unknown(rc);
	if (strcmp(t.revoked, "0"))
		return DOM_UNAUTH;
	if ((rc = store_get(c->st, &ENT_USER, c->a, "id", t.user_id, u)))
		return unknown(rc);
	return strcmp(u->disabled, "0") ? DOM_UNAUTH : DOM_OK;
}

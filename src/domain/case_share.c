/* case_share.c: explicit shares of a case with a named user. */
#include "domain/case_share.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/user.h"
#include "domain/validate.h"

/* The most shares one case lists: far above any real one. */
#define SHARES_MAX 500

int case_share_may_manage(const struct user *u, const struct case_rec *k)
{
	return auth_check(u, PERM_CASES_READ) == DOM_OK && !auth_reduced(u) &&
	       (case_is_assignee(u, k) || auth_check(u, PERM_CASES_ASSIGN) == DOM_OK);
}

int case_share_active(const struct case_share *s)
{
	char now[32];
	time_now_iso(now);
	return !s->revoked_at && strcmp(s->expires_at, now) > 0;
}

int case_share_mode(struct ctx *c, const char *case_id, const char *user_id, int *mode)
{
	struct case_share s;
	*mode = 0;
	if (!user_id)
		return DOM_OK;
	char *key = arena_printf(c->a, "%s/%s", case_id, user_id);
	int rc = store_get(c->st, &ENT_CASE_SHARE, c->a, "active_key", key, &s);
	if (rc == STORE_NOTFOUND)
		return DOM_OK;
	if (rc)
		return dom_from_store(rc);
	if (case_share_active(&s))
		*mode = strcmp(s.mode, "write") == 0 ? 2 : 1;
	return DOM_OK;
}

/* The end of day (YYYY-MM-DD, Panama, UTC-5) as an ISO UTC time: 04:59:59
 * of the next day. */
static void end_of_day(const char *day, char out[32])
{
	int y, m, d;
	date_parse(day, &y, &m, &d);
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + 1, .tm_hour = 4,
			 .tm_min = 59, .tm_sec = 59 };
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Checks the share's fields; *who gets the user. */
static void check(struct ctx *c, const struct case_rec *k, const char *user_name, const char *mode,
		  const char *expires_on, struct errors *errs, struct user *who)
{
	char today[16], last[32];
	if (validate_required(errs, "user", user_name)) {
		if (user_find(c, user_name, who) != DOM_OK)
			errors_add(errs, "user", _("No user has this name."));
		else if (strcmp(who->disabled, "0") != 0)
			errors_add(errs, "user", _("This user is disabled."));
		else if (strcmp(who->id, c->user->id) == 0 || case_is_assignee(who, k))
			errors_add(errs, "user", _("This user already works on the case."));
		else if (auth_check(who, PERM_CASES_READ) != DOM_OK || auth_reduced(who))
			errors_add(errs, "user", _("This user's role may not read cases."));
		else if (mode && strcmp(mode, "write") == 0 && auth_check(who, PERM_CASES_WRITE) != DOM_OK)
			errors_add(errs, "mode", _("This user's role may only read cases."));
	}
	if (!mode || (strcmp(mode, "read") != 0 && strcmp(mode, "write") != 0))
		errors_add(errs, "mode", _("Choose read only or read and write."));
	if (validate_required(errs, "expires_on", expires_on) &&
	    validate_date(errs, "expires_on", expires_on, 0)) {
		time_today(today);
		time_iso_after((int64_t)CASE_SHARE_MAX_DAYS * 86400, last);
		if (date_cmp(expires_on, today) <= 0)
			errors_add(errs, "expires_on", _("The share must end after today."));
		else if (strncmp(expires_on, last, 10) > 0)
			errors_add(errs, "expires_on", _("A share lasts at most a year."));
	}
}

int case_share_add(struct ctx *c, const char *case_id, const char *user_name, const char *mode,
		   const char *expires_on, struct errors *errs, struct case_share *out)
{
	struct case_rec k;
	struct user who;
	char id[37], now[32], until[32];
	int rc = case_load(c, case_id, &k);
	if (rc)
		return rc;
	if (!case_share_may_manage(c->user, &k))
		return DOM_FORBIDDEN;
	check(c, &k, user_name, mode, expires_on, errs, &who);
	if (errs->n)
		return DOM_INVALID;
	crypto_uuid7(id);
	time_now_iso(now);
	end_of_day(expires_on, until);
	struct case_share s = { .id = id, .case_id = k.id, .user_id = who.id, .mode = (char *)mode,
				.expires_at = until, .shared_by = c->user->id, .shared_at = now };
	s.active_key = arena_printf(c->a, "%s/%s", k.id, who.id);
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	/* An expired share still holds the key: it ends now, as revoked. */
	struct case_share old;
	if (store_get(c->st, &ENT_CASE_SHARE, c->a, "active_key", s.active_key, &old) == STORE_OK) {
		if (case_share_active(&old)) {
			store_rollback(c->st);
			errors_add(errs, "user", _("The case is already shared with this user."));
			return DOM_CONFLICT;
		}
		old.active_key = NULL;
		old.revoked_at = old.expires_at;
		if ((rc = dom_from_store(store_update(c->st, &ENT_CASE_SHARE, &old))))
			goto fail;
	}
	if ((rc = dom_from_store(store_insert(c->st, &ENT_CASE_SHARE, &s))) ||
	    (rc = audit_record(c, "share", "case", k.id, "user_id,mode,expires_at")))
		goto fail;
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	if (out) {
		*out = s;
		out->id = arena_strdup(c->a, id);
		out->expires_at = arena_strdup(c->a, until);
		out->shared_at = arena_strdup(c->a, now);
	}
	return DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

int case_share_revoke(struct ctx *c, const char *case_id, const char *share_id)
{
	struct case_rec k;
	struct case_share s;
	char now[32];
	int rc = case_load(c, case_id, &k);
	if (rc)
		return rc;
	if (!case_share_may_manage(c->user, &k))
		return DOM_FORBIDDEN;
	if (!share_id || store_get(c->st, &ENT_CASE_SHARE, c->a, "id", share_id, &s) != STORE_OK ||
	    strcmp(s.case_id, k.id) != 0)
		return DOM_NOTFOUND;
	if (!case_share_active(&s))
		return DOM_CONFLICT;
	time_now_iso(now);
	s.active_key = NULL;
	s.revoked_by = c->user->id;
	s.revoked_at = now;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_from_store(store_update(c->st, &ENT_CASE_SHARE, &s))) ||
	    (rc = audit_record(c, "unshare", "case", k.id, "revoked_by,revoked_at"))) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int case_share_list(struct ctx *c, const struct case_rec *k, struct store_list *out)
{
	if (!case_share_may_manage(c->user, k))
		return DOM_FORBIDDEN;
	return dom_from_store(store_list(c->st, &ENT_CASE_SHARE, c->a, "case_id", k->id, "shared_at", 1,
					 SHARES_MAX, 0, out));
}

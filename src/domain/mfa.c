/* mfa.c: TOTP authenticators, recovery codes, and who needs them. */
#include "domain/mfa.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "base/totp.h"
#include "domain/audit.h"
#include "domain/auth.h"

int mfa_required(const struct user *u)
{
	if (!u || !u->role)
		return 0;
	return !strcmp(u->role, "admin") || !strcmp(u->role, "supervisor") ||
	       auth_in_area(u, "psychosocial") || auth_in_area(u, "legal") ||
	       (u->grants && *u->grants) || auth_check(u, PERM_DATA_RIGHTS) == DOM_OK;
}

static int get_totp(struct ctx *c, const char *user_id, struct user_totp *t)
{
	return dom_from_store(store_get(c->st, &ENT_USER_TOTP, c->a, "id", user_id, t));
}

int mfa_enrolled(struct ctx *c, const char *user_id)
{
	struct user_totp t;
	return get_totp(c, user_id, &t) == DOM_OK && !strcmp(t.confirmed, "1");
}

/* The store seals the secret (user_totp.secret is F_SEALED, src/store/seal.c):
 * these two are where another treatment would go. */
const char *totp_secret_store(struct ctx *c, const char *base32)
{
	return arena_strdup(c->a, base32);
}

const char *totp_secret_load(struct ctx *c, const char *stored)
{
	return stored ? arena_strdup(c->a, stored) : NULL;
}

/* Inserts or rewrites user_id's authenticator, inside a transaction. */
static int put_totp(struct ctx *c, const char *user_id, const char *base32, int confirmed)
{
	struct user_totp t, old;
	char now[32];
	time_now_iso(now);
	const char *stored = totp_secret_store(c, base32);
	if (!stored)
		return DOM_ERROR;
	t = (struct user_totp){ .id = (char *)user_id, .secret = (char *)stored, .last_step = NULL,
				.confirmed = confirmed ? "1" : "0", .created_at = now };
	if (get_totp(c, user_id, &old) == DOM_OK)
		return dom_from_store(store_update(c->st, &ENT_USER_TOTP, &t));
	return dom_from_store(store_insert(c->st, &ENT_USER_TOTP, &t));
}

int mfa_enrol_secret(struct ctx *c, const char *user_id, char secret[MFA_SECRET_MAX])
{
	struct user_totp t;
	int rc = get_totp(c, user_id, &t);
	if (rc == DOM_OK && !strcmp(t.confirmed, "1"))
		return DOM_CONFLICT;
	if (rc == DOM_OK) {
		const char *s = totp_secret_load(c, t.secret);
		if (!s || strlen(s) >= MFA_SECRET_MAX)
			return DOM_ERROR;
		memcpy(secret, s, strlen(s) + 1);
		return DOM_OK;
	}
	if (rc != DOM_NOTFOUND)
		return rc;
	unsigned char key[TOTP_KEY_BYTES];
	randombytes_buf(key, sizeof(key));
	totp_base32_encode(key, sizeof(key), secret);
	sodium_memzero(key, sizeof(key));
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	rc = put_totp(c, user_id, secret, 0);
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

/* The step of a matching TOTP code after last (NULL: none used), or -1. */
static int64_t matching_step(const char *base32, const char *last, long code)
{
	unsigned char key[64];
	long n = totp_base32_decode(base32, key, sizeof(key));
	int64_t now = totp_step((int64_t)time(NULL)), used = last ? strtoll(last, NULL, 10) : -1;
	int64_t hit = -1;
	for (int64_t s = now - 1; n > 0 && code >= 0 && s <= now + 1; s++)
		if (s > used && totp_hotp(key, (size_t)n, (uint64_t)s, TOTP_DIGITS) == (uint32_t)code) {
			hit = s;
			break;
		}
	sodium_memzero(key, sizeof(key));
	return hit;
}

/* A recovery code as stored: its letters and digits, upper case, hashed. */
static void recovery_hash(const char *code, char out[65])
{
	char norm[64];
	size_t n = 0;
	for (; code && *code && n + 1 < sizeof(norm); code++)
		if (isalnum((unsigned char)*code))
			norm[n++] = (char)toupper((unsigned char)*code);
	norm[n] = 0;
	crypto_sha256_hex(norm, n, out);
}

int mfa_check(struct ctx *c, const char *user_id, const char *code)
{
	struct user_totp t;
	if (!code || get_totp(c, user_id, &t) || strcmp(t.confirmed, "1"))
		return DOM_UNAUTH;
	long number = totp_parse_code(code, TOTP_DIGITS);
	if (number >= 0) {
		int64_t step = matching_step(totp_secret_load(c, t.secret), t.last_step, number);
		if (step < 0)
			return DOM_UNAUTH;
		t.last_step = arena_printf(c->a, "%lld", (long long)step);
		return store_update(c->st, &ENT_USER_TOTP, &t) ? DOM_ERROR : DOM_OK;
	}
	char hash[65], now[32];
	struct totp_recovery rec;
	recovery_hash(code, hash);
	if (store_get(c->st, &ENT_TOTP_RECOVERY, c->a, "code_hash", hash, &rec) ||
	    strcmp(rec.user_id, user_id) || rec.used_at)
		return DOM_UNAUTH;
	time_now_iso(now);
	rec.used_at = now;
	if (store_update(c->st, &ENT_TOTP_RECOVERY, &rec))
		return DOM_ERROR;
	struct ctx who = *c;
	return audit_record(&who, "recovery_code_used", "user", user_id, NULL);
}

/* Replaces user_id's recovery codes with new ones, inside a transaction. */
static int new_recovery_codes(struct ctx *c, const char *user_id, const char *codes[MFA_RECOVERY_CODES])
{
	struct store_list l;
	int rc = store_list(c->st, &ENT_TOTP_RECOVERY, c->a, "user_id", user_id, "id", 0, 1000, 0, &l);
	for (size_t i = 0; !rc && i < l.n; i++)
		rc = store_remove(c->st, &ENT_TOTP_RECOVERY, ((struct totp_recovery *)l.items[i])->id);
	for (int i = 0; !rc && i < MFA_RECOVERY_CODES; i++) {
		unsigned char raw[10]; /* 80 bits: 16 base32 characters */
		char b32[20], id[37], hash[65];
		randombytes_buf(raw, sizeof(raw));
		totp_base32_encode(raw, sizeof(raw), b32);
		codes[i] = arena_printf(c->a, "%.4s-%.4s-%.4s-%.4s", b32, b32 + 4, b32 + 8, b32 + 12);
		recovery_hash(codes[i], hash);
		crypto_uuid7(id);
		struct totp_recovery rec = { .id = id, .user_id = (char *)user_id, .code_hash = hash };
		rc = store_insert(c->st, &ENT_TOTP_RECOVERY, &rec);
	}
	return dom_from_store(rc);
}

int mfa_enrol_confirm(struct ctx *c, const char *user_id, const char *code,
		      const char *codes[MFA_RECOVERY_CODES], struct errors *errs)
{
	struct user_totp t;
	int rc;

	if ((rc = get_totp(c, user_id, &t)))
		return rc == DOM_NOTFOUND ? DOM_CONFLICT : rc;
	if (!strcmp(t.confirmed, "1"))
		return DOM_CONFLICT;
	long number = totp_parse_code(code, TOTP_DIGITS);
	int64_t step = number < 0 ? -1 : matching_step(totp_secret_load(c, t.secret), NULL, number);
	if (step < 0) {
		errors_add(errs, "code",
			   number < 0 ? _("Type the 6 digits the app shows.")
				      : _("This code is not right: check the phone's time and type the newest code."));
		return DOM_INVALID;
	}
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	t.confirmed = "1";
	t.last_step = arena_printf(c->a, "%lld", (long long)step);
	rc = dom_from_store(store_update(c->st, &ENT_USER_TOTP, &t));
	if (!rc)
		rc = new_recovery_codes(c, user_id, codes);
	if (!rc) {
		struct ctx who = *c;
		rc = audit_record(&who, "enrol_2fa", "user", user_id, NULL);
	}
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

static int admin_or_cli(struct ctx *c)
{
	return c->user ? auth_check(c->user, PERM_USERS_MANAGE) : DOM_OK;
}

int mfa_set_secret(struct ctx *c, const char *name, const char *base32, struct errors *errs)
{
	struct user u;
	unsigned char key[64];
	int rc;

	if ((rc = admin_or_cli(c)))
		return rc;
	if ((rc = dom_from_store(store_get(c->st, &ENT_USER, c->a, "name", name, &u))))
		return rc;
	long n = base32 ? totp_base32_decode(base32, key, sizeof(key)) : -1;
	sodium_memzero(key, sizeof(key));
	if (n < 10 || !base32 || strlen(base32) >= MFA_SECRET_MAX) {
		errors_add(errs, "totp_secret",
			   _("The secret must be base32 (letters A to Z and digits 2 to 7) of at least 16 characters."));
		return DOM_INVALID;
	}
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	rc = put_totp(c, u.id, base32, 1);
	if (!rc)
		rc = audit_record(c, "enrol_2fa", "user", u.id, NULL);
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int mfa_reset(struct ctx *c, const char *name)
{
	struct user u;
	struct store_list l;
	int rc;

	if ((rc = admin_or_cli(c)))
		return rc;
	if ((rc = dom_from_store(store_get(c->st, &ENT_USER, c->a, "name", name, &u))))
		return rc;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	rc = store_list(c->st, &ENT_TOTP_RECOVERY, c->a, "user_id", u.id, "id", 0, 1000, 0, &l);
	for (size_t i = 0; !rc && i < l.n; i++)
		rc = store_remove(c->st, &ENT_TOTP_RECOVERY, ((struct totp_recovery *)l.items[i])->id);
	if (!rc) {
		rc = store_remove(c->st, &ENT_USER_TOTP, u.id);
		if (rc == STORE_NOTFOUND)
			rc = STORE_OK;
	}
	rc = dom_from_store(rc);
	if (!rc)
		rc = audit_record(c, "reset_2fa", "user", u.id, NULL);
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

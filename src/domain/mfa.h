/* mfa.h: the second login factor: TOTP authenticators (RFC 6238) and
 * single-use recovery codes, and who must use them (docs/login.md). */
#ifndef AMPARO_MFA_H
#define AMPARO_MFA_H

#include "domain/domain.h"

#define MFA_RECOVERY_CODES 10
#define MFA_SECRET_MAX 64 /* base32 of a 20-byte secret is 32 characters */

/* True when u must log in with a second factor: administrators,
 * supervisors, every user whose service areas include a sensitive one
 * (psychosocial, legal), every holder of a need-to-know grant (sgbv,
 * mental_health, torture, asylum_narrative, ethics) and whoever answers
 * data-subject requests (PERM_DATA_RIGHTS: exports whole records). */
int mfa_required(const struct user *u);
/* True when user_id has a confirmed authenticator. */
int mfa_enrolled(struct ctx *c, const char *user_id);

/* The only two places the TOTP secret crosses into and out of the
 * database, so that it can be sealed (field encryption) in one place.
 * Both return a string in c->a, or NULL on failure. */
const char *totp_secret_store(struct ctx *c, const char *base32);
const char *totp_secret_load(struct ctx *c, const char *stored);

/* The secret (base32) of user_id's enrolment in progress, made when there
 * is none. DOM_CONFLICT when user_id has a confirmed authenticator. */
int mfa_enrol_secret(struct ctx *c, const char *user_id, char secret[MFA_SECRET_MAX]);
/* Confirms the enrolment in progress with a first code from the app.
 * Writes MFA_RECOVERY_CODES new recovery codes ("ABCD-EFGH-JKLM-NPQR",
 * strings in c->a) to codes: they are shown once, only hashes are kept.
 * DOM_INVALID (errs "code") for a wrong code; in one transaction with its
 * audit event. */
int mfa_enrol_confirm(struct ctx *c, const char *user_id, const char *code,
		      const char *codes[MFA_RECOVERY_CODES], struct errors *errs);
/* Accepts a TOTP code (the current step ±1, each step once) or an unused
 * recovery code of user_id, and uses it up. DOM_OK or DOM_UNAUTH. Must run
 * inside the caller's transaction. */
int mfa_check(struct ctx *c, const char *user_id, const char *code);
/* Gives user name an authenticator with a known secret (base32), already
 * confirmed: `amparo user add --totp-secret`, for test set-ups and
 * migrations from another system. CLI only (c->user NULL) or admins. */
int mfa_set_secret(struct ctx *c, const char *name, const char *base32, struct errors *errs);
/* Removes user name's authenticator and recovery codes (a lost phone):
 * they enrol again at their next login. Audited as "reset_2fa". */
int mfa_reset(struct ctx *c, const char *name);

#endif

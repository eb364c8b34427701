/* consent.h: a person's consent per purpose (registration, sharing with
 * partners, referral, reporting, contact by phone) as an append-only
 * history, and the checks that other actions make against it from the
 * moment a consent is withdrawn. Overrides by supervisors are rows of the
 * history too. See docs/consent.md. */
#ifndef AMPARO_CONSENT_H
#define AMPARO_CONSENT_H

#include "domain/catalog.h"
#include "domain/domain.h"

/* registration, sharing_partners, referral, reporting, phone_contact */
extern const struct catalog CAT_CONSENT_PURPOSE;
/* verbal, signed, digital */
extern const struct catalog CAT_CONSENT_METHOD;
/* given, withdrawn, override */
extern const struct catalog CAT_CONSENT_STATE;

#define CONSENT_PURPOSES 5
/* A person has at most this many consent rows: far above any real record. */
#define CONSENTS_MAX 2000

/* The last "given" or "withdrawn" row of purpose among the n rows of h (in
 * any order: the latest by recorded_at, then seq, wins); NULL when the
 * purpose was never recorded. Override rows never count. */
const struct consent *consent_last(void *const *h, size_t n, const char *purpose);

/* True when u may record consents: PERM_REGISTRY_WRITE or PERM_CASES_WRITE. */
int consent_may_record(const struct user *u);
/* True when u may go ahead without a consent: PERM_CASES_ASSIGN
 * (supervisors, administrators). */
int consent_may_override(const struct user *u);

/* Records that person_id (id or P- reference) gave (state "given") or
 * withdrew ("withdrawn") consent for purpose, by method (required, a
 * CAT_CONSENT_METHOD code), with an optional note, under the privacy
 * notice version in force. Needs PERM_REGISTRY_WRITE or PERM_CASES_WRITE.
 * DOM_NOTFOUND for an unknown person, DOM_CONFLICT for a merged one.
 * Audited on the person ("consent_given" or "consent_withdrawn", field
 * "consent_PURPOSE") in the same transaction. out may be NULL. */
int consent_record(struct ctx *c, const char *person_id, const char *purpose, const char *state,
		   const char *method, const char *note, struct errors *errs, struct consent *out);

/* The person's whole history, newest first (struct consent items), for
 * those who may read the registry or cases. */
int consent_history(struct ctx *c, const char *person_id, struct store_list *out);

/* What an action lacks and whether a supervisor overrides it. */
struct consent_overrides {
	const char *purpose[CONSENT_PURPOSES];
	size_t n;
};

/* Checks, for an action on person_id (an id), that purpose is given; when
 * absent_ok, a purpose never recorded passes too (only a withdrawal
 * refuses). Refused: with no override_reason (NULL or empty), adds to errs
 * on field a message naming the missing consent and returns 1; with one,
 * a user holding PERM_CASES_ASSIGN (supervisors, administrators) goes
 * ahead (the purpose is added to ov, for consent_overrides_write) and
 * anyone else gets an error on "override_reason". Returns 0 when nothing
 * was added to errs. No permission check of its own: the caller's action
 * made it. */
int consent_check(struct ctx *c, const char *person_id, const char *purpose, int absent_ok,
		  const char *override_reason, struct errors *errs, const char *field,
		  struct consent_overrides *ov);

/* Inside the caller's transaction: one "override" row per purpose of ov
 * on person_id with reason and context (what was done, e.g. "referral
 * R-000012"), each audited ("consent_override", field "consent_PURPOSE"). */
int consent_overrides_write(struct ctx *c, const char *person_id, const struct consent_overrides *ov,
			    const char *reason, const char *context);

/* *yes = 1 when the person's consent for purpose is given (0 when never
 * recorded or withdrawn). For named lists and exports that must leave
 * people out (reporting). */
int consent_given(struct ctx *c, const char *person_id, const char *purpose, int *yes);

#endif

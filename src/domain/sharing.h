/* sharing.h: data-sharing agreements with recipients outside the
 * organisation (partners, payment providers), and the check every export
 * that leaves the organisation makes: a valid agreement covering the
 * fields it sends. Administrators (PERM_SETTINGS_MANAGE) register and end
 * agreements; every change is audited. See docs/consent.md. */
#ifndef AMPARO_SHARING_H
#define AMPARO_SHARING_H

#include "domain/catalog.h"
#include "domain/domain.h"

/* What an agreement may cover: identity, contact, case_summary,
 * assessments, legal_documents (a referral's CAT_REFERRAL_SHARED codes),
 * payment, account. */
extern const struct catalog CAT_SHARED_FIELD;
/* consent, legal_obligation, vital_interest, public_interest,
 * legitimate_interest, contract */
extern const struct catalog CAT_LEGAL_BASIS;

/* The fields a payment list sends to a payment provider. */
#define SHARING_PAYMENT_FIELDS "identity,contact,payment"

/* An installation has tens of agreements: lists read up to this many. */
#define SHARING_MAX 1000

/* True when a is in force on today ("YYYY-MM-DD"): not ended, starts_on
 * <= today <= expires_on. */
int sharing_valid(const struct sharing_agreement *a, const char *today);
/* True when a's fields hold every code of fields (comma-separated; NULL
 * or "" is covered). */
int sharing_covers(const struct sharing_agreement *a, const char *fields);

/* Registers in (strings writable, in c->a). Required: partner_id (an
 * active or inactive partner of the directory) or recipient, purpose,
 * fields (CAT_SHARED_FIELD codes), legal_basis (CAT_LEGAL_BASIS), starts_on,
 * expires_on (not before starts_on), signed_by; document_ref optional.
 * out may be NULL. */
int sharing_create(struct ctx *c, struct sharing_agreement *in, struct errors *errs,
		   struct sharing_agreement *out);
/* Ends agreement id today with reason (required): DOM_CONFLICT when it
 * has ended already. */
int sharing_end(struct ctx *c, const char *id, const char *reason, struct errors *errs,
		struct sharing_agreement *out);
/* Reads one: those who may read the registry or cases, or disburse. */
int sharing_get(struct ctx *c, const char *id, struct sharing_agreement *out);
/* Every agreement, newest first; valid_only keeps those in force today;
 * partner_id (NULL: any) those with that partner. */
int sharing_list(struct ctx *c, int valid_only, const char *partner_id, struct store_list *out);
/* The recipient's name: the partner's name, or the free text. */
const char *sharing_recipient(struct ctx *c, const struct sharing_agreement *a);

/* Checks an export: agreement id (NULL or "": none chosen) must exist, be
 * in force today, be with partner_id when that is not NULL, and cover
 * fields. When id is empty and partner_id is set, the first valid
 * agreement with that partner covering fields is taken. Otherwise adds a
 * message naming what is wrong to errs on field and returns 1. *out gets
 * the agreement. */
int sharing_require(struct ctx *c, const char *id, const char *partner_id, const char *fields,
		    struct errors *errs, const char *field, struct sharing_agreement *out);

#endif

/* partner.h: the partner directory: organisations and public institutions
 * a case can be referred to, and what they offer (docs/partners.md).
 * Anyone who may read the registry reads it; administrators and
 * supervisors (PERM_PARTNERS_MANAGE) change it; every change is audited. */
#ifndef AMPARO_PARTNER_H
#define AMPARO_PARTNER_H

#include "domain/domain.h"

/* A directory holds tens or hundreds of partners: lists filter them in
 * memory, up to this many. */
#define PARTNERS_MAX 2000

struct partner_filter {
	const char *area;   /* a CAT_AREA code, or NULL: any */
	const char *q;      /* words of the name (accents and case ignored), or NULL */
	const char *active; /* "1" (also NULL: the default), "0", or "all" */
};

/* Checks a complete partner; one translated message per bad field. */
void partner_validate(const struct partner *p, struct errors *errs);
/* Adds in (its strings must be writable, in c->a: they are trimmed in
 * place); the partner starts active. *out (may be NULL) gets the stored one. */
int partner_create(struct ctx *c, struct partner *in, struct errors *errs, struct partner *out);
/* Applies the non-NULL fields of changes ("" clears an optional field). */
int partner_update(struct ctx *c, const char *id, const struct partner *changes,
		   struct errors *errs, struct partner *out);
/* Deactivates (active 0) or reactivates (1) a partner; nothing changes,
 * and nothing is logged, when it is already so. */
int partner_set_active(struct ctx *c, const char *id, int active, struct partner *out);
int partner_get(struct ctx *c, const char *id, struct partner *out);
/* The partners f selects, by name, page [offset, offset + limit);
 * out->total counts them all. A bad filter is DOM_INVALID with errs
 * (field "area" or "active"). */
int partner_list(struct ctx *c, const struct partner_filter *f, long limit, long offset,
		 struct errors *errs, struct store_list *out);

#endif

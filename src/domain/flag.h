/* flag.h: flags on a person or on one of their cases (safety risk, do not
 * contact by phone, SGBV survivor, …), who may see, raise and lift them.
 * A flag is lifted, never deleted. Every change is audited in the same
 * transaction, on the person and, for a case flag, on the case, naming
 * fields only: a reason is sensitive. See docs/flags.md. */
#ifndef AMPARO_FLAG_H
#define AMPARO_FLAG_H

#include "domain/domain.h"

/* True for the types only some users may see: sgbv_survivor,
 * torture_survivor and child_protection. */
int flag_type_sensitive(const char *type);
/* True when u may see f. k is f's case as case_load read it (NULL for a
 * flag on the person, or when u may not read the case). Any flag needs
 * PERM_REGISTRY_READ or PERM_CASES_READ; sgbv_survivor and torture_survivor need their grant
 * (flag_type_grants), or, on a case, being its caseworker;
 * child_protection on a case needs case_may_read_notes on it, on the
 * person PERM_CASES_ASSIGN or the psychosocial or legal area. Whoever
 * raised a flag always sees it. */
int flag_may_see(const struct user *u, const struct flag *f, const struct case_rec *k);
/* True when u may lift f (f visible to u): whoever raised it, and those
 * who hold PERM_CASES_ASSIGN (supervisors, administrators). */
int flag_may_lift(const struct user *u, const struct flag *f);

/* Raises a flag of type (CAT_FLAG_TYPE) on person_id (id or P-
 * reference) with reason (required); case_id (id or C- reference; NULL or
 * "" for a flag on the person) must be one of the person's cases. Needs
 * PERM_CASES_WRITE, and case_may_work for a case flag. DOM_NOTFOUND for
 * an unknown person; DOM_CONFLICT (with an error on "type") when the same
 * flag is already active there, or for a merged person. out may be NULL. */
int flag_raise(struct ctx *c, const char *person_id, const char *type, const char *reason,
	       const char *case_id, struct errors *errs, struct flag *out);
/* Lifts flag id with reason (required; its error is on "reason"). DOM_NOTFOUND when u may not see
 * it, DOM_FORBIDDEN when u may not lift it, DOM_CONFLICT when it is
 * already lifted. out may be NULL. */
int flag_lift(struct ctx *c, const char *id, const char *reason, struct errors *errs,
	      struct flag *out);
/* Reads flag id; DOM_NOTFOUND when absent or not visible to the user. */
int flag_get(struct ctx *c, const char *id, struct flag *out);
/* The flags of person_id (id or P- reference) the user may see, newest
 * first: with case_id NULL all of them (on the person and on each of
 * their cases), else those on the person and on that case only (case_id
 * an id, not a reference). active_only leaves lifted flags out.
 * out->total counts the items. */
int flag_list(struct ctx *c, const char *person_id, const char *case_id, int active_only,
	      struct store_list *out);

/* Internal to the domain (case_load): *sgbv = 1 when an active
 * sgbv_survivor flag is on person_id or on case_id; *torture the same for
 * torture_survivor. */
int flag_sensitive_active(struct ctx *c, const char *person_id, const char *case_id, int *sgbv,
			  int *torture);
/* The grants (auth.h GRANT_BIT) seeing a flag of type needs: sgbv for
 * sgbv_survivor, torture for torture_survivor, none for the others. */
unsigned flag_type_grants(const char *type);

#endif

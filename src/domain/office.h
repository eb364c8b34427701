/* office.h: the offices of an installation (a capital office and field
 * offices), the offices a user works in, and which cases a user sees.
 * See docs/offices.md. */
#ifndef AMPARO_OFFICE_H
#define AMPARO_OFFICE_H

#include "domain/domain.h"

/* Longest office code and name. */
#define OFFICE_CODE_MAX 16
#define OFFICE_NAME_MAX 120
/* Most offices an installation (and so one user) has. */
#define OFFICES_MAX 200

/* The offices, by code; inactive ones too when all. Readable by every
 * user who may read the registry or manage offices, and by the CLI
 * (c->user NULL). */
int office_list(struct ctx *c, int all, struct store_list *out);
/* One office by code (any case: codes are stored lowercase). */
int office_get(struct ctx *c, const char *code, struct office *out);
/* Adds an office: code 2 to 16 lowercase letters, digits or dashes
 * (uppercase is folded), name required. PERM_OFFICES_MANAGE, or the CLI.
 * A taken code is DOM_INVALID with an error on "id". */
int office_create(struct ctx *c, const char *code, const char *name, struct errors *errs,
		  struct office *out);
/* Renames office code (name NULL: unchanged) and (active "0" or "1",
 * NULL: unchanged) deactivates or reactivates it. Audited as "update",
 * "deactivate" or "reactivate"; nothing changed, nothing logged. */
int office_update(struct ctx *c, const char *code, const char *name, const char *active,
		  struct errors *errs, struct office *out);
/* The default office: the oldest active one (amparo init creates it).
 * DOM_NOTFOUND when there is none. */
int office_default(struct ctx *c, struct office *out);
/* amparo init: when the installation has no office, creates "main" named
 * name (NULL: "Oficina principal"). */
int office_ensure_default(struct ctx *c, const char *name);
/* Checks a comma-separated list of office codes (a user's offices): each
 * must name an active office. On success *out is the list folded to
 * lowercase, each code once, in c->a; else errors go under field. */
int office_check_list(struct ctx *c, const char *list, const char *field, struct errors *errs,
		      char **out);

/* True when u sees the cases of office: one of u's offices, or
 * PERM_OFFICES_ALL. */
int office_may_see(const struct user *u, const char *office);
/* True when viewer sees one of u's offices (office_may_see): u works
 * where viewer oversees. */
int office_shares(const struct user *viewer, const struct user *u);
/* The first of u's offices, in c->a ("" when u has none). */
const char *office_first(struct ctx *c, const struct user *u);

#endif

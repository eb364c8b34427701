/* household.h: households, their members, head and relationships. */
#ifndef AMPARO_HOUSEHOLD_H
#define AMPARO_HOUSEHOLD_H

#include "domain/domain.h"

/* Creates a household headed by head_id (required), who becomes a member
 * with relationship "head". */
int household_create(struct ctx *c, struct household *in, const char *head_id,
		     struct errors *errs, struct household *out);
int household_update(struct ctx *c, const char *id, const struct household *changes,
		     struct errors *errs, struct household *out);
/* Reads a household by id or reference (H-000123); the view is audited. */
int household_get(struct ctx *c, const char *id, struct household *out);
int household_list(struct ctx *c, long limit, long offset, struct store_list *out);
/* The head of household h. */
int household_head(struct ctx *c, const struct household *h, struct person *out);
int household_members(struct ctx *c, const char *id, struct store_list *out);
/* Adds an existing person (leaving any other household). */
int household_add_member(struct ctx *c, const char *id, const char *person_id,
			 const char *relationship, struct errors *errs);
int household_set_head(struct ctx *c, const char *id, const char *person_id);

struct bulk;
/* Registers a household and its n members in the batch b (see bulk.h):
 * members[0] is the head, the others carry their relationship to the head.
 * Writes the rows and audit events that person_create for each member and
 * household_create would: each person with their household and
 * relationship, the head's registration, the household's, then each
 * member joining. Everything is checked before anything is written. in
 * and the members get the stored records' fields (strings in c->a). */
int household_bulk_create(struct ctx *c, struct bulk *b, struct household *in,
			  struct person *members, size_t n, struct errors *errs);

/* Reads without writing a view event: for pages that show a household
 * in passing (a person's profile). */
int household_load(struct ctx *c, const char *id, struct household *out);
/* Internal to the domain: checks a household's fields into errs. */
void household_validate(const struct household *h, struct errors *errs);
/* Internal to the domain: adds a member inside the caller's transaction. */
int household_join(struct ctx *c, struct household *h, struct person *p, const char *relationship);

#endif

/* needs.h: community needs assessments recorded on a case: a free form
 * (the needs heard, the resources the community has, ideas for
 * integration), its date and how many took part. Recorded on community
 * and psychosocial cases (docs/cases.md); the texts are read by those
 * who may read the case's service notes (case_may_read_notes). Audited
 * on the case with the names of the fields only. */
#ifndef AMPARO_NEEDS_H
#define AMPARO_NEEDS_H

#include "domain/domain.h"

/* The longest text of each of needs, resources and ideas. */
#define NEEDS_TEXT_MAX 5000
/* The largest group a form records. */
#define NEEDS_PARTICIPANTS_MAX 10000

/* True when a needs assessment may be recorded on a case of area. */
int needs_area_ok(const char *area);
/* Checks in: held_on a date not in the future, participants a whole
 * number 1..NEEDS_PARTICIPANTS_MAX when given, at least one of the three
 * texts, each at most NEEDS_TEXT_MAX bytes. */
void needs_validate(const struct needs_assessment *in, struct errors *errs);
/* Records in (its strings writable, in c->a: they are trimmed in place) on
 * the case case_id (id or C- reference). DOM_CONFLICT, with errs under
 * "case_id", on a case of another area; DOM_CONFLICT on a closed case.
 * *out (may be NULL) gets the stored record. */
int needs_record(struct ctx *c, const char *case_id, struct needs_assessment *in,
		 struct errors *errs, struct needs_assessment *out);
/* k's needs assessments, newest first; DOM_FORBIDDEN for users who may
 * not read k's notes. */
int needs_list(struct ctx *c, const struct case_rec *k, struct store_list *out);

#endif

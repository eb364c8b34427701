/* assessment.h: psychosocial screenings (WHO-5, PHQ-9, GAD-7) recorded on
 * a case, scored by instrument.h. Sensitive health data: only those
 * case_may_read_health allows may read them (others get DOM_FORBIDDEN);
 * recording needs case_may_work. Every record and read is audited,
 * without the answers. */
#ifndef AMPARO_ASSESSMENT_H
#define AMPARO_ASSESSMENT_H

#include <stddef.h>

#include "domain/domain.h"
#include "domain/instrument.h"

/* Records n answers to instrument (a code: "who5", "phq9", "gad7") on case
 * case_id (id or reference), taken on taken_on (YYYY-MM-DD, not in the
 * future; NULL: today). Field errors in errs ("instrument", "answers",
 * "answers.N", "taken_on") give DOM_INVALID; a closed case DOM_CONFLICT.
 * On success *out is the stored assessment. */
int assessment_record(struct ctx *c, const char *case_id, const char *instrument,
		      const int *answers, size_t n, const char *taken_on, struct errors *errs,
		      struct assessment *out);
/* The assessments of case k, oldest first (taken_on, then recorded_at). */
int assessment_list(struct ctx *c, const struct case_rec *k, struct store_list *out);
/* May the user read k's assessments. */
int assessment_may_read(const struct user *u, const struct case_rec *k);
/* The band of a stored assessment (its instrument and band code), or NULL. */
const struct instrument_band *assessment_band(const struct assessment *a);

#endif

/* anonymise.h: cancellation as anonymisation (issue 7;
 * docs/data-rights.md). A person's identifying data and the free text of
 * their records are replaced, irreversibly, while every row stays, so
 * counts of people, cases, services and assistance do not change. */
#ifndef AMPARO_ANONYMISE_H
#define AMPARO_ANONYMISE_H

#include "domain/domain.h"

/* What replaces free text. */
#define ANON_TEXT "[anonimizado]"

/* DOM_OK when u may anonymise: administrators, supervisors and the
 * data-protection officer. */
int anonymise_may(const struct user *u);

/* Anonymises person_id (id or P- reference) for reason (required, error
 * on "reason"): names become "Persona anonimizada", contacts, address,
 * district and documents' numbers go, the dates of birth and arrival keep
 * their year only, and the free text of their cases, services, notes,
 * goals, referrals, alerts, appointments, asylum records, assistance and
 * merges is replaced by ANON_TEXT. Sex, nationality, legal status, needs
 * codes and every row are kept. The search index is rebuilt from the new
 * names. Audited ("anonymise" on the person, field names only) in the
 * same transaction. c->user NULL is the system (a retention rule).
 * DOM_CONFLICT when already anonymised or merged. */
int person_anonymise(struct ctx *c, const char *person_id, const char *reason, struct errors *errs);
/* *yes = 1 when person_id (an id) was anonymised; out (may be NULL) gets
 * the row. */
int person_anonymised(struct ctx *c, const char *person_id, int *yes, struct anonymisation *out);

#endif

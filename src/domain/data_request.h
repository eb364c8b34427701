/* data_request.h: data-subject requests (issue 7): access, rectification,
 * cancellation, objection and portability under Panama's Law 81 of 2019
 * and Executive Decree 285 of 2021. Each request is tracked with its legal
 * deadline, counted in business days. Every call needs PERM_DATA_RIGHTS
 * (administrators and the data-protection officer) and writes its audit
 * events in the same transaction, naming fields only. See
 * docs/data-rights.md. */
#ifndef AMPARO_DATA_REQUEST_H
#define AMPARO_DATA_REQUEST_H

#include "domain/catalog.h"
#include "domain/domain.h"

extern const struct catalog CAT_DATA_REQUEST_KIND;    /* access, rectification, … */
extern const struct catalog CAT_DATA_REQUEST_CHANNEL; /* in_person, phone, email, letter, other */
extern const struct catalog CAT_DATA_REQUEST_STATUS;  /* open, done, refused */

/* The most details or outcome text accepted, in characters. */
#define DATA_REQUEST_TEXT_MAX 2000

/* True when date ("YYYY-MM-DD", valid) is one of Panama's public holidays
 * as data_request.c lists them (a holiday on a Sunday moves to Monday). */
int data_holiday(const char *date);
/* True when date is a business day: neither a weekend nor a holiday. */
int data_business_day(const char *date);
/* The date days (>= 1) business days after from (valid), into out.
 * Returns 0, or -1 for a bad date. */
int data_due_date(const char *from, long days, char out[16]);

/* DOM_OK when u may work on data-subject requests. */
int data_request_may(const struct user *u);

/* Registers a request of in->kind by in->channel for person_id (id or P-
 * reference), received on in->received_on (a date, not in the future;
 * NULL or "": today) with in->details (optional). due_on is computed from
 * the setting data_request_days. DOM_NOTFOUND for an unknown person,
 * DOM_CONFLICT for a merged one. out may be NULL. */
int data_request_create(struct ctx *c, const char *person_id, struct data_request *in,
			struct errors *errs, struct data_request *out);
/* Reads request id (id or D- reference), with overdue set. */
int data_request_get(struct ctx *c, const char *id, struct data_request *out);
/* The requests of person_id (NULL: every person) with status (NULL: any),
 * open ones first by due date, then the closed ones newest first;
 * out->total counts them all. overdue_only keeps the open ones past due. */
int data_request_list(struct ctx *c, const char *person_id, const char *status, int overdue_only,
		      long limit, long offset, struct store_list *out);
/* Closes request id as status ("done" or "refused"; a refusal needs
 * note, its error on "outcome_note"). rectified_event (optional, only for
 * a rectification) is the id of the audit event of the edit that answered
 * it: it must be an update of the same person (error on
 * "rectified_event"). DOM_CONFLICT when the request is closed already. */
int data_request_close(struct ctx *c, const char *id, const char *status, const char *note,
		       const char *rectified_event, struct errors *errs, struct data_request *out);

#endif

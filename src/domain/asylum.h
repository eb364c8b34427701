/* asylum.h: the asylum procedure of a legal case: its stages with dates
 * and results, the file number at the national refugee office (ONPAR in
 * Panama), the documents obtained (written to the person's documents) and
 * detention episodes. Writing needs case_may_work on a legal case; the
 * details are read by those case_may_read_notes allows (legal is a
 * sensitive area), everyone else who may read cases sees the current
 * stage only. Every change is audited on the case, field names only.
 * See docs/asylum.md. */
#ifndef AMPARO_ASYLUM_H
#define AMPARO_ASYLUM_H

#include "domain/domain.h"

/* The procedure of a legal case as a page or the API shows it. */
struct asylum_view {
	/* The latest stage (by date, then the procedure's order), or NULL.
	 * Points into stages, or into the arena when restricted. */
	const struct asylum_stage *current;
	int restricted;          /* the user sees the current stage only */
	const char *file_number; /* NULL when unset or restricted */
	struct store_list stages;    /* oldest first; empty when restricted */
	struct store_list documents; /* the person's documents of CAT_PROCEDURE_DOCUMENT types */
};

/* May u read the procedure's details (stages with notes, file number,
 * documents, detentions) of k. */
int asylum_may_read(const struct user *u, const struct case_rec *k);
/* Reads the procedure of case k (loaded by the caller). DOM_CONFLICT with
 * a message under "case" when k is not a legal case. A full read is
 * audited as a view of "case_procedure". */
int asylum_get(struct ctx *c, const struct case_rec *k, struct errors *errs,
	       struct asylum_view *out);
/* Records a stage on case case_id (id or reference): in->stage, date,
 * result (required for admissibility and eligibility_decision, allowed for
 * appeal, refused otherwise), notes. The order rules (docs/asylum.md)
 * answer DOM_CONFLICT with a message under "stage"; a date before the
 * current stage's, DOM_INVALID under "date". out may be NULL. */
int asylum_add_stage(struct ctx *c, const char *case_id, struct asylum_stage *in,
		     struct errors *errs, struct asylum_stage *out);
/* Sets the file number (NULL or "" clears it). */
int asylum_set_file_number(struct ctx *c, const char *case_id, const char *number,
			   struct errors *errs);
/* Records a document obtained: d->type a CAT_PROCEDURE_DOCUMENT code,
 * number, issued_on, expires_on. Written to the person's documents (as
 * person_add_document does) and audited on the case, in one transaction;
 * on success *d is the stored document. */
int asylum_add_document(struct ctx *c, const char *case_id, struct document *d,
			struct errors *errs);
/* The current asylum stage of a person (across their legal cases), for
 * their profile: DOM_NOTFOUND when none is recorded. Notes are left out. */
int asylum_person_stage(struct ctx *c, const char *person_id, struct asylum_stage *out);

/* Records a detention episode: place, detained_on, and released_on with
 * release_reason when it is already over; notes. One open episode per
 * person: another answers DOM_CONFLICT under "detained_on". */
int detention_record(struct ctx *c, const char *case_id, struct detention *in,
		     struct errors *errs, struct detention *out);
/* Closes the open episode id of case case_id on released_on (not before
 * detained_on, not in the future) with release_reason and notes (added to
 * the episode's notes). DOM_CONFLICT when it was already released. */
int detention_release(struct ctx *c, const char *case_id, const char *id,
		      const struct detention *in, struct errors *errs, struct detention *out);
/* The detention episodes of case k, newest first: DOM_FORBIDDEN for those
 * who may not read the procedure's details. */
int detention_list(struct ctx *c, const struct case_rec *k, struct errors *errs,
		   struct store_list *out);

#endif

/* case.h: cases: one person (and household) in one service area, its
 * status, risk and caseworker, with the history of each change. Every
 * call checks permissions and writes the audit log in the same transaction
 * as the change. See docs/cases.md. */
#ifndef AMPARO_CASE_H
#define AMPARO_CASE_H

#include "domain/domain.h"

/* Opens a case for person_id (id or P- reference) in area; risk may be
 * NULL (low). The opener becomes the assigned caseworker. DOM_CONFLICT
 * when the person already has a case in the area that is not closed, or
 * was merged into another record. */
int case_open(struct ctx *c, const char *person_id, const char *area, const char *risk,
	      struct errors *errs, struct case_rec *out);
/* The same in office (NULL or "": the user's first office, see
 * docs/offices.md); an office the user may not open cases in is an error
 * on "office". */
int case_open_in(struct ctx *c, const char *person_id, const char *area, const char *risk,
		 const char *office, struct errors *errs, struct case_rec *out);
/* Reads a case by id or reference (C-000045); the view is audited.
 * DOM_NOTFOUND for a case of an office the user does not see. */
int case_get(struct ctx *c, const char *id, struct case_rec *out);
/* As case_get, without auditing a view: for calls that act on the case.
 * Both set out->sgbv (docs/flags.md). */
int case_load(struct ctx *c, const char *id, struct case_rec *out);
/* 1 when c->user may see case id (what case_load allows: its office or an
 * explicit share), without reading its flags; 0 otherwise. */
int case_visible(struct ctx *c, const char *id);
/* Loads case id (id or reference) for a change by c->user, as case_load:
 * PERM_CASES_WRITE first, then the case, then case_may_work
 * (DOM_FORBIDDEN). No view is audited. */
int case_load_for_work(struct ctx *c, const char *id, struct case_rec *out);
/* Moves a case to status (open, active, on_hold, closed) along the allowed
 * transitions (docs/cases.md): DOM_CONFLICT otherwise. Closing needs
 * reason, a CAT_CLOSURE_REASON code; for other moves reason is the user's
 * words (may be NULL). Reopening (closed to open) keeps the history.
 * Where closing needs approval (approval_closure_needed), closing asks
 * for it instead: DOM_OK with the case unchanged (out->status is not
 * "closed") and a pending "closure" request (approval_pending_for). */
/* The fields a status change from one status to another changes, as its
 * audit event names them: the closure reason too only on closing and on
 * reopening. */
const char *case_status_fields(const char *from, const char *to);
int case_set_status(struct ctx *c, const char *id, const char *status, const char *reason,
		    struct errors *errs, struct case_rec *out);
/* Changes the risk level (low, medium, high, critical); reason may be NULL.
 * The same level again changes nothing. */
int case_set_risk(struct ctx *c, const char *id, const char *risk, const char *reason,
		  struct errors *errs, struct case_rec *out);
/* Assigns the case to user_id (a user who works in the case's area):
 * PERM_CASES_ASSIGN only. */
int case_assign(struct ctx *c, const char *id, const char *user_id, struct errors *errs,
		struct case_rec *out);

/* What a caseload lists; NULL members do not filter. Whatever the
 * filter, a user sees only the cases of their offices unless they hold
 * PERM_OFFICES_ALL; office narrows that to one of them. */
struct case_filter {
	const char *person_id, *area, *status, *risk, *assigned_to;
	const char *office;
	const char *ids; /* comma-separated case ids: these only ("" none) */
};
/* Cases matching every filter, newest opened first; out->total counts
 * them all. A filter value outside its catalogue is an error in errs. */
int case_list(struct ctx *c, const struct case_filter *f, long limit, long offset,
	      struct errors *errs, struct store_list *out);
/* Moves k to office for an accepted transfer (case_transfer.h), in the
 * caller's transaction: the accepting c->user becomes the caseworker when
 * they may work in k's area, else the case waits unassigned for a
 * supervisor. Audited as "transfer_accept" on the case. */
int case_move_office(struct ctx *c, struct case_rec *k, const char *office);
/* The case's changes of status, risk and caseworker, newest first. */
int case_history(struct ctx *c, const struct case_rec *k, struct store_list *out);

/* The case's person, read without a view event: for pages that show them
 * in passing (a caseload, the case page's heading). */
int case_person(struct ctx *c, const struct case_rec *k, struct person *out);

/* True when u may change k and record services on it: users of its area,
 * its assigned caseworker, those who hold PERM_CASES_ASSIGN, and a user
 * k is shared with to work on it (k->shared == 2, set by case_load for
 * c->user: pass the same user). */
int case_may_work(const struct user *u, const struct case_rec *k);
/* The need-to-know grants (auth.h GRANT_BIT) reading k's notes needs:
 * mental_health on a psychosocial case, asylum_narrative on a legal one,
 * sgbv and torture while such a flag covers k (k->sgbv, k->torture, set
 * by case_load); 0 for the other areas. docs/access.md. */
unsigned case_note_grants(const struct case_rec *k);
/* True when u is k's assigned caseworker. */
int case_is_assignee(const struct user *u, const struct case_rec *k);
/* True when u may read the notes of k's services (and k's other
 * texts: plan notes, needs assessments): PERM_CASES_READ, and either k's
 * assigned caseworker, a user k is shared with (k->shared), or every
 * grant of case_note_grants(k). */
int case_may_read_notes(const struct user *u, const struct case_rec *k);
/* True when u may read k's health data (assessments) in any area: the
 * rule of case_may_read_notes with mental_health (plus k's flag grants). */
int case_may_read_health(const struct user *u, const struct case_rec *k);
/* True when u may read k's asylum procedure (statements, stages): the
 * rule of case_may_read_notes with asylum_narrative (plus k's flags). */
int case_may_read_narrative(const struct user *u, const struct case_rec *k);

#endif

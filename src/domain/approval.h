/* approval.h: supervisors' approvals of case plans and closures, where
 * the office asks for them (settings.h: plan_approval_areas,
 * closure_approval_areas). A request waits ("pending") until a user who
 * holds PERM_CASES_ASSIGN, other than the one who asked, approves or
 * rejects it with a comment; one request per case and kind waits at a
 * time. Requests, decisions and comments are kept and audited on the
 * case. See docs/plans.md. */
#ifndef AMPARO_APPROVAL_H
#define AMPARO_APPROVAL_H

#include "domain/domain.h"

/* The longest request or decision comment, in characters. */
#define APPROVAL_NOTE_MAX 2000

/* Where a case's plan stands. */
enum plan_state {
	PLAN_FREE,     /* the case's area needs no approval of plans */
	PLAN_DRAFT,    /* never sent to approval */
	PLAN_PENDING,  /* waiting for a supervisor */
	PLAN_RETURNED, /* the last request was rejected */
	PLAN_APPROVED, /* approved, and no goal changed since */
	PLAN_CHANGED,  /* approved, then a goal was added or changed */
};
/* A stable code for the API: "not_required", "draft", "pending",
 * "returned", "approved", "changed". */
const char *approval_plan_state_code(enum plan_state s);
/* The state of k's plan; *last (may be NULL) gets the latest plan request
 * when there is one (else it is zeroed). */
int approval_plan_state(struct ctx *c, const struct case_rec *k, enum plan_state *state,
			struct approval *last);

/* Sends the plan of case case_id (id or reference) to approval, with an
 * optional note: case_may_work. kind must be "plan" (a closure is asked
 * for by closing the case, case_set_status). DOM_CONFLICT, with the reason
 * under "kind", when the area needs no approval, the plan has no goals,
 * is already approved or already waits, or the case is closed. */
int approval_request(struct ctx *c, const char *case_id, const char *kind, const char *note,
		     struct errors *errs, struct approval *out);
/* True when c->user closing k must ask for approval instead: k's area is
 * in closure_approval_areas and the user does not hold PERM_CASES_ASSIGN. */
int approval_closure_needed(struct ctx *c, const struct case_rec *k);
/* Asks for the closure of k (loaded and checked by case_set_status) with
 * reason, a CAT_CLOSURE_REASON code. DOM_CONFLICT (errs "status") when a
 * closure request already waits. */
int approval_request_closure(struct ctx *c, const struct case_rec *k, const char *reason,
			     struct errors *errs);
/* After a goal of k was added or changed, inside the caller's
 * transaction: an approved plan needs approval again. */
int approval_plan_changed(struct ctx *c, const struct case_rec *k);

/* Approves (approve 1) or rejects request id with note (required to
 * reject: errs "note"): PERM_CASES_ASSIGN, not one's own request.
 * Approving a closure closes the case with the requested reason, as
 * case_set_status does, in the same transaction. DOM_CONFLICT when the
 * request was already decided or the case can no longer be closed. */
int approval_decide(struct ctx *c, const char *id, int approve, const char *note,
		    struct errors *errs, struct approval *out);

/* One request: PERM_CASES_READ, on a case the user may open (else
 * DOM_NOTFOUND). */
int approval_get(struct ctx *c, const char *id, struct approval *out);
/* The request of kind that waits on k: DOM_NOTFOUND when none does. */
int approval_pending_for(struct ctx *c, const struct case_rec *k, const char *kind,
			 struct approval *out);
/* The requests of case k, newest first. */
int approval_list_case(struct ctx *c, const struct case_rec *k, struct store_list *out);
/* Pending requests read at most by approval_list_pending. */
#define APPROVALS_SCAN_MAX 5000
/* The requests waiting for a decision on cases the user may open (their
 * offices), oldest first: PERM_CASES_ASSIGN. out->total counts those. */
int approval_list_pending(struct ctx *c, long limit, long offset, struct store_list *out);
/* How many of those wait (for the navigation), counted by case without
 * reading the requests; 0 on any error. */
long long approval_pending_count(struct ctx *c);

#endif

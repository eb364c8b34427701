/* goal.h: the goals of a case's plan: a title, details, a due date and a
 * status (CAT_GOAL_STATUS). Everyone who may read cases reads them;
 * adding and changing them needs case_may_work on a case that is not
 * closed. Every change is audited on the case, with field names only. In
 * the areas where plans need approval, a change after the plan was
 * approved puts it back to needing approval (approval.h). See
 * docs/plans.md. */
#ifndef AMPARO_GOAL_H
#define AMPARO_GOAL_H

#include "domain/domain.h"

/* The longest title and details, in characters. */
#define GOAL_TITLE_MAX 200
#define GOAL_DETAILS_MAX 2000

/* Adds in (title, details, due_on, status: NULL for "pending") to case
 * case_id (id or reference). Field errors give DOM_INVALID; a closed case
 * DOM_CONFLICT. On success *out (may be NULL) is the stored goal. */
int goal_add(struct ctx *c, const char *case_id, struct case_goal *in, struct errors *errs,
	     struct case_goal *out);
/* Changes goal goal_id of case case_id: each non-NULL field of changes
 * (title, details, due_on, status) replaces the stored one; "" clears
 * details and due_on. DOM_NOTFOUND when the goal is not the case's.
 * Changing nothing writes nothing. */
int goal_update(struct ctx *c, const char *case_id, const char *goal_id,
		const struct case_goal *changes, struct errors *errs, struct case_goal *out);
/* One goal of case k: DOM_NOTFOUND when it is not k's. */
int goal_get(struct ctx *c, const struct case_rec *k, const char *id, struct case_goal *out);
/* The goals of case k, oldest first. */
int goal_list(struct ctx *c, const struct case_rec *k, struct store_list *out);
/* True when g is overdue on today (YYYY-MM-DD): due before today and still
 * pending or in progress. */
int goal_is_overdue(const struct case_goal *g, const char *today);
/* How many overdue goals the cases assigned to user_id that are not
 * closed hold, for the view of caseloads: PERM_CASELOADS_READ,
 * or the user asking about themselves. */
int goal_overdue_count(struct ctx *c, const char *user_id, long long *n);
/* The same for every caseworker (user_id NULL) or one: out->items are
 * struct store_group, v[0] the caseworker's id and n their overdue goals;
 * caseworkers with none are left out. */
int goal_overdue_counts(struct ctx *c, const char *user_id, struct store_list *out);

#endif

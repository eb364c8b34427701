/* referral.h: referrals of a case to another service area (internal) or
 * to a partner (external): sending, the receiving side's answer (accept,
 * optionally opening a case there in one step; decline), completion with
 * feedback, the inbox lists and overdue referrals. Every call checks
 * permissions and writes its audit event on the case in the same
 * transaction as the change. See docs/referrals.md. */
#ifndef AMPARO_REFERRAL_H
#define AMPARO_REFERRAL_H

#include "domain/domain.h"

/* Lists read at most this many referrals per query and filter, order and
 * page them in memory (docs/referrals.md, "Lists"). */
#define REFERRALS_SCAN_MAX 5000

/* What a new referral says. Strings may be NULL; consent "1" or "0"
 * (NULL: no consent). to_area (internal) or to_partner_id (external):
 * exactly one. shared: CAT_REFERRAL_SHARED codes, comma-separated.
 * An external referral also needs the person's recorded consent for
 * "referral" and, when it shares anything, for "sharing_partners" and a
 * data-sharing agreement in force with the partner covering shared
 * (agreement_id; NULL: the first that fits, consent.h and sharing.h);
 * override_reason lets a supervisor go ahead without those consents. */
struct referral_in {
	const char *case_id, *to_area, *to_partner_id, *reason, *urgency, *consent, *shared;
	const char *agreement_id, *override_reason;
};

/* Sends a referral from case in->case_id (id or C- reference): those
 * case_may_work allows. DOM_INVALID with field errors for bad input
 * (an external referral without consent: field "consent"; an inactive
 * partner: field "to_partner_id"; the case's own area: "to_area");
 * DOM_CONFLICT when the case is closed. *out (may be NULL) gets the
 * stored referral. */
int referral_send(struct ctx *c, const struct referral_in *in, struct errors *errs,
		  struct referral *out);
/* Reads a referral by id or reference (R-000001) for a page or the API;
 * the view is audited. Its texts (reason, answer note, feedback) are NULL,
 * with reason_restricted set, when the user may not read them. */
int referral_get(struct ctx *c, const char *id, struct referral *out);

/* The receiving side's answers. Moves: sent -> accepted | declined,
 * accepted -> completed; anything else is DOM_CONFLICT with an error on
 * "status". Who: for an internal referral the users of the receiving
 * area and PERM_CASES_ASSIGN; for an external one (the partner has no
 * login) those who may work on the sending case, recording the partner's
 * answer. */
/* Accepts; note may be NULL. open_case (internal only): opens a case for
 * the person in the receiving area (the accepting user its caseworker),
 * or links the person's open case there, and stores it as
 * received_case_id, in the same transaction. */
int referral_accept(struct ctx *c, const char *id, const char *note, int open_case,
		    struct errors *errs, struct referral *out);
/* Declines; note (why) is required. */
int referral_decline(struct ctx *c, const char *id, const char *note, struct errors *errs,
		     struct referral *out);
/* Completes an accepted referral; feedback (the outcome) may be NULL. */
int referral_complete(struct ctx *c, const char *id, const char *feedback, struct errors *errs,
		      struct referral *out);

/* What a list selects; NULL members do not filter. direction "incoming"
 * (internal referrals to area, or to the user's areas), "outgoing" (from
 * area, or sent by the user or from cases assigned to them), or NULL:
 * case_id matches the sending and the received case, area the sending and
 * the receiving area. overdue "1" keeps overdue ones only. */
struct referral_filter {
	const char *case_id, *status, *direction, *area, *overdue;
};
/* The referrals f selects: pending (sent) first, oldest first, then the
 * others, newest first; page [offset, offset + limit); out->total counts
 * them all. Items are struct referral with overdue and restricted texts
 * set as referral_get sets them. A bad filter is DOM_INVALID with errs. */
int referral_list(struct ctx *c, const struct referral_filter *f, long limit, long offset,
		  struct errors *errs, struct store_list *out);
/* How many internal referrals to the user's areas wait for an answer (for
 * the navigation); 0 on any error. */
long long referral_pending_count(struct ctx *c);
/* Gives the referrals of case case_id its new office (an accepted case
 * transfer), inside the caller's transaction. */
int referral_case_moved(struct ctx *c, const char *case_id, const char *office);

/* True when u may answer rf, whose sending case is from. */
int referral_may_answer(const struct user *u, const struct referral *rf,
			const struct case_rec *from);
/* True when u may read rf's texts (reason, answer note, feedback): those
 * case_may_read_notes allows on the sending case, and for an internal
 * referral the users of the receiving area. */
int referral_may_read_reason(const struct user *u, const struct referral *rf,
			     const struct case_rec *from);
/* True when rf waits for an answer longer than the office's
 * referral_overdue_days. */
int referral_is_overdue(struct ctx *c, const struct referral *rf);

/* Overdue referrals counted per key, for the supervisor view. */
struct referral_count {
	const char *key; /* a user id or an area code */
	long long n;
};
/* Counts the overdue referrals by "sent_by" (the sending caseworker),
 * "from_area" or "to_area" (internal only), of those sent from from_area
 * (NULL: any); *out (in c->a) gets one entry per key with at least one,
 * largest first, *n their number; only referrals of cases the user may
 * open (their offices) count. PERM_CASELOADS_READ. DOM_INVALID for
 * another by. */
int referral_overdue_counts(struct ctx *c, const char *by, const char *from_area,
			    struct referral_count **out, size_t *n);

#endif

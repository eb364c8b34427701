/* match_review.h: the review queue of possible duplicates (issue 4): a scan
 * of the whole registry against the running index finds pairs of people
 * alike, a supervisor decides "same person" or "different people", and the
 * decisions refine the matching model. See docs/match.md, "Review queue". */
#ifndef AMPARO_MATCH_REVIEW_H
#define AMPARO_MATCH_REVIEW_H

#include <time.h>

#include "domain/domain.h"
#include "match/match.h"

/* A pair as the queue shows it: the stored row, both people (strings in
 * the caller's arena), their documents, and the explanation read back. */
struct review_pair {
	struct match_pair row;
	struct person a, b;
	struct store_list docs_a, docs_b; /* struct document items */
	double score;                    /* bits */
	enum match_verdict verdict;      /* MATCH_LIKELY or MATCH_POSSIBLE */
	struct match_explanation why;
};

/* The pairs whose status is status ("pending", "same" or "different"; NULL
 * is "pending"), page [offset, offset + limit) (limit 1..500), into *out (n
 * of them, in c->a); *total counts them all. Pending pairs come best first
 * and may be narrowed to one verdict ("likely" or "possible"; NULL: both;
 * ignored for decided pairs, which come newest decision first). Needs
 * PERM_REGISTRY_MERGE. DOM_INVALID, with a message for "status" or
 * "verdict" in errs, for an unknown one. */
int match_review_list(struct ctx *c, const char *status, const char *verdict, long limit,
		      long offset, struct review_pair **out, size_t *n, long long *total,
		      struct errors *errs);
/* One pair by id. Needs PERM_REGISTRY_MERGE; DOM_NOTFOUND when none. */
int match_review_get(struct ctx *c, const char *id, struct review_pair *out);
/* Records a supervisor's decision on a pending pair: decision "same" or
 * "different" (else DOM_INVALID, a message for "decision" in errs). Needs PERM_REGISTRY_MERGE. DOM_CONFLICT
 * when the pair was already decided: a decision is kept, never re-asked
 * nor changed here. The audit log gets one event on each person
 * ("review_same" or "review_different", field "match_pair") in the same
 * transaction. out (may be NULL) gets the decided pair. */
int match_review_decide(struct ctx *c, const char *id, const char *decision,
			struct errors *errs, struct review_pair *out);

/* What a scan did. */
struct review_scan_result {
	long long found;   /* pairs at or above "possible" */
	long long added;   /* of those, new to the queue */
	long long rescored; /* of those, pending pairs whose score or verdict changed */
	long long dropped; /* pending pairs taken out: a person no longer active */
	long long labels;  /* decided pairs the model was refined from */
	long long same;    /* of those, "same person" */
	long long different_likely, same_below; /* match_model_refine's out_fp, out_fn */
};
/* One whole scan, in the calling thread on st: refines the model from
 * every decided pair (starting from match_model_default each time, so a
 * decision counts once), stores it and installs it in the running index;
 * then scans the registry (person_match_scan) at the "possible" threshold,
 * adds the pairs not seen before whose people are both active, gives the
 * pending pairs found again this scan's score, verdict and reasons, and
 * drops the pending pairs whose people are not both active. A decided pair is never asked
 * again. No permission check: the worker and tests call it; people ask
 * through match_review_scan_request. DOM_BUSY while the index is not
 * installed. */
int match_review_run(struct store *st, struct review_scan_result *out);

/* Starts the scanner thread on its own connection to the database at url
 * (amparo serve): it scans when asked and every night at 02:00 in Panama.
 * One per process. DOM_OK or DOM_ERROR. */
int match_review_start(const char *url);
/* When the nightly scan runs next: the first 02:00 in Panama (07:00 UTC;
 * Panama keeps UTC-5 all year) strictly after now. */
time_t match_review_next_nightly(time_t now);
/* Stops the scanner (waits for a scan in progress to end) and closes its
 * connection. Call it before person_match_stop. */
void match_review_stop(void);
/* Asks the scanner for a scan now. Needs PERM_REGISTRY_MERGE. DOM_OK (it
 * starts as soon as the index is ready; asked during a scan, another
 * follows it), DOM_BUSY when no scanner runs (outside amparo serve). */
int match_review_scan_request(struct ctx *c);

/* The scanner's state and the last stored model. */
struct review_status {
	int scanner;   /* a scanner thread runs */
	int running;   /* a scan runs now */
	int requested; /* a scan was asked for and has not started yet */
	int failed;    /* the last scan since start failed (logged) */
	int have_last; /* last holds the newest stored model row */
	struct match_model_row last; /* its time, counts: the last scan that finished */
};
/* Needs PERM_REGISTRY_MERGE. */
int match_review_status(struct ctx *c, struct review_status *out);

/* Internal to the domain: the newest stored model into *m (DOM_OK), or
 * DOM_NOTFOUND when none was stored; another store error as DOM_*. */
int match_review_model_load(struct store *st, struct match_model *m);

#endif

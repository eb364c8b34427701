/* assistance.h: cash and material assistance (issue 6): programmes with a
 * budget and a per-household cap, requests for a household, two-person
 * approval, disbursement, and the append-only ledger that every budget
 * figure is summed from. Every change writes its ledger row and its audit
 * events in the same transaction. See docs/assistance.md. */
#ifndef AMPARO_ASSISTANCE_H
#define AMPARO_ASSISTANCE_H

#include "domain/domain.h"

/* The largest amount or budget accepted, in cents (ten thousand million
 * dollars): far from overflowing a sum of a long long. */
#define ASSIST_CENTS_MAX 1000000000000LL

/* ---- money ---- */

/* cents (may be negative) as a person reads it: "$1,500.00" for USD,
 * "B/. 1,500.00" for PAB, "1,500.00 EUR" for any other currency (NULL:
 * USD). In a. */
const char *assist_money(struct arena *a, long long cents, const char *currency);
/* Reads an amount typed on a form ("150", "150.5", "150,50", "1,500.00",
 * "1.500,00", "$150", "B/. 150") into *cents. The last separator followed
 * by one or two digits is the decimal one; the others must group
 * thousands. Returns 0, or -1 for anything else (no sign, no more than two
 * decimals, above ASSIST_CENTS_MAX). */
int assist_parse_cents(const char *s, long long *cents);
/* The key of the period of kind period (month, quarter, year, once) that
 * date (YYYY-MM-DD) falls in: "2026-11", "2026-Q4", "2026", "once". out
 * holds 16 bytes. Returns -1 for a bad period or date. */
int assist_period_key(const char *period, const char *date, char out[16]);

/* ---- programmes ---- */

/* A programme's budget figures, each a sum over the ledger:
 * committed = approved and not yet disbursed; remaining = budget -
 * committed - disbursed (approvals reserve the budget). */
struct programme_sums {
	long long budget, committed, disbursed, remaining;
	long long requested; /* amounts of requests still waiting for a decision */
	/* How many disbursements there are, and how many of them (for how
	 * much) a provider statement confirmed (the "reconciled" rows). */
	long long disbursed_n, reconciled_n, reconciled;
};

/* Adds a programme: PERM_PROGRAMMES_MANAGE. in's fields: name, kind,
 * donor, budget_cents, currency (default USD), cap_cents, period,
 * eligibility, min_score (optional). DOM_INVALID with errs for bad input;
 * DOM_CONFLICT (errs "name") when the name is taken. */
int programme_create(struct ctx *c, struct programme *in, struct errors *errs,
		     struct programme *out);
/* Edits programme id: PERM_PROGRAMMES_MANAGE. changes' non-NULL fields
 * (not server-set ones; "" clears an optional one) go over the stored
 * programme; active 0 deactivates it, 1 reactivates it, -1 leaves it.
 * DOM_INVALID with errs for bad input, a budget under what is already
 * committed or disbursed ("budget_cents", with the figures as money) or
 * a new currency once the programme has requests ("currency");
 * DOM_CONFLICT (errs "name") when the name is taken. The changed fields'
 * names (never values) are audited as "programme_update"; nothing
 * changed writes nothing. A deactivated programme takes no new requests;
 * those it has go on (approval, disbursement, reconciliation). */
int programme_update(struct ctx *c, const char *id, const struct programme *changes, int active,
		     struct errors *errs, struct programme *out);
/* Reads a programme and, when sums is not NULL, its figures: those who
 * may read the registry. */
int programme_get(struct ctx *c, const char *id, struct programme *out, struct programme_sums *sums);
/* All programmes, active first, by name (at most limit). */
int programme_list(struct ctx *c, long limit, long offset, struct store_list *out);
/* The figures of programme id, summed over the ledger (no permission
 * check: the caller read the programme). What budget and cap checks
 * read, inside their transaction. */
int programme_sums(struct ctx *c, const char *id, long long budget, struct programme_sums *out);
/* The same figures for a page or a list, outside any write transaction:
 * kept per process with the ledger's newest row they were summed up to,
 * and summed again only when the programme's ledger has grown since
 * (programme_figures.c). */
int programme_figures(struct ctx *c, const char *id, long long budget, struct programme_sums *out);

/* ---- requests ---- */

/* What a new request says; strings may be NULL. amount_cents: decimal
 * digits (the API's integer, or assist_parse_cents's result). */
struct assist_in {
	const char *household_id, *person_id, *programme_id, *amount_cents, *reason;
	const char *payee_name, *payee_account; /* optional: who is paid, and where */
	/* Why to ask for a household under the programme's minimum
	 * vulnerability score (NULL: none). */
	const char *eligibility_override;
};

/* The longest payee account (bank account, wallet or card number). */
#define PAYEE_ACCOUNT_MAX 40
/* The longest payee name. */
#define PAYEE_NAME_MAX 200

/* Requests assistance: PERM_ASSIST_REQUEST (a caseworker only in the
 * assistance area). Refuses (DOM_INVALID, errs "amount_cents" with the
 * figures as money) an amount over the household's cap for the period or
 * over the programme's remaining budget. A request of the same household
 * in the same programme and period is marked possible_duplicate. The
 * household's vulnerability score is kept on the request; under the
 * programme's min_score the request needs in->eligibility_override
 * (DOM_INVALID, errs "eligibility_override" giving the score and the
 * minimum), which is kept and audited. payee_account is stored sealed
 * (docs/encryption.md) and read back whole only by users with
 * PERM_ASSIST_DISBURSE: to everyone else every request this module hands
 * out shows it masked, "****" and its last four characters. */
int assist_request(struct ctx *c, const struct assist_in *in, struct errors *errs,
		   struct assistance_request *out);
/* Reads a request by id or reference (A-000001): PERM_REGISTRY_READ. */
int assist_get(struct ctx *c, const char *id, struct assistance_request *out);

/* What a list selects; NULL members do not filter. */
struct assist_filter {
	const char *status, *programme_id, *household_id;
};
/* Requests f selects, newest first (the approval queue: status
 * "requested", oldest first). out->total counts them all. */
int assist_list(struct ctx *c, const struct assist_filter *f, long limit, long offset,
		struct errors *errs, struct store_list *out);

/* Why u may not approve or reject rq: NULL when u may, else a translated
 * sentence (the requester never may; others need PERM_ASSIST_APPROVE). */
const char *assist_why_not_decide(const struct user *u, const struct assistance_request *rq);

/* Approves a request (requested -> approved): PERM_ASSIST_APPROVE, never
 * the requester (DOM_FORBIDDEN, errs "status"). A possible duplicate needs
 * confirm_duplicate (DOM_INVALID, errs "confirm_duplicate"); the cap and
 * budget are checked again (DOM_CONFLICT, errs "amount_cents"). note may
 * be NULL. */
int assist_approve(struct ctx *c, const char *id, const char *note, int confirm_duplicate,
		   struct errors *errs, struct assistance_request *out);
/* Rejects a request (requested -> rejected); note (why) is required. */
int assist_reject(struct ctx *c, const char *id, const char *note, struct errors *errs,
		  struct assistance_request *out);
/* Records the disbursement of an approved request: PERM_ASSIST_DISBURSE.
 * mechanism from CAT_MECHANISM; reference required except for cash and
 * in_kind; date YYYY-MM-DD not in the future (NULL: today). Once only:
 * any later attempt, even concurrent, is DOM_CONFLICT (errs "status"). */
int assist_disburse(struct ctx *c, const char *id, const char *mechanism, const char *reference,
		    const char *date, struct errors *errs, struct assistance_request *out);

/* Inside the caller's transaction: rewrites programme p's row, which
 * locks it on PostgreSQL, so that concurrent steps of its requests wait. */
int assist_programme_lock(struct ctx *c, struct programme *p);
/* Inside the caller's transaction: marks disbursed request rq reconciled
 * (its "reconciled" ledger row and audit events "assistance_reconcile" on
 * it and its household). DOM_CONFLICT when it already is. */
int assist_mark_reconciled(struct ctx *c, const struct assistance_request *rq);

/* The ledger of a programme (struct assistance_entry), oldest first. */
int assist_ledger(struct ctx *c, const char *programme_id, const char *request_id, long limit,
		  long offset, struct store_list *out);

#endif

/* assistance_recon.h: the assistance disbursements wired to the
 * reconciliation (reconcile.h, statement.h) and payment export
 * (payment_export.h) modules: a programme's disbursed requests as the
 * expected rows of a provider statement, and its approved requests as the
 * list to send to the provider. See docs/reconciliation.md. */
#ifndef AMPARO_ASSISTANCE_RECON_H
#define AMPARO_ASSISTANCE_RECON_H

#include "domain/domain.h"
#include "domain/payment_export.h"
#include "domain/reconcile.h"

/* Requests of a programme read at once. */
#define ASSIST_RECON_MAX 10000

/* The programme's disbursed requests with a reference, as expected rows
 * (strings and the array in c->a): PERM_ASSIST_DISBURSE. p gets the
 * programme. */
int assist_recon_expected(struct ctx *c, const char *programme_id, struct programme *p,
			  struct recon_expected **out, size_t *n);

/* Reconciles a statement's lines against the programme's disbursements
 * (assist_recon_expected) and stores the run, in one transaction: the
 * run's row (file_name may be NULL; *run gets it, in c->a), a
 * "reconciled" ledger row for each matched disbursement not reconciled
 * before (amount differences, unexpected and missing lines mark nothing),
 * and a "reconcile" audit event on the programme. r's items point into
 * c->a; free r with recon_result_free. DOM_CONFLICT when two
 * disbursements share a reference; DOM_INVALID (errs "file_name") for a
 * file name over 255 bytes. */
int assist_reconcile(struct ctx *c, const char *programme_id, const char *file_name,
		     const struct recon_line *lines, size_t nlines, struct errors *errs,
		     struct programme *p, struct recon_result *r, struct assistance_recon_run *run);
/* The programme's stored reconciliations (struct assistance_recon_run),
 * newest first; out->total counts them: PERM_REGISTRY_READ. */
int assist_recon_runs(struct ctx *c, const char *programme_id, long limit, long offset,
		      struct store_list *out);

/* The programme's approved, not yet disbursed requests as payment rows
 * (in c->a): PERM_ASSIST_DISBURSE. The list leaves the organisation:
 * agreement_id must name a data-sharing agreement in force covering
 * SHARING_PAYMENT_FIELDS (sharing.h), else DOM_INVALID with the reason in
 * errs (field "agreement"). Records an "export_payments" audit event on
 * the programme (fields "payments,sharing_agreement:ID"). */
int assist_payment_rows(struct ctx *c, const char *programme_id, const char *agreement_id,
			struct errors *errs, struct programme *p, struct payment_row **out,
			size_t *n);

#endif

/* assistance_recon.c: a programme's disbursements as the expected rows of
 * a reconciliation and its approved requests as a payment list
 * (assistance_recon.h, docs/reconciliation.md). */
#include "domain/assistance_recon.h"

#include <stdlib.h>
#include <string.h>

#include "domain/assistance.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/sharing.h"

/* The programme (checked readable) and its requests in status, oldest
 * first: PERM_ASSIST_DISBURSE. */
static int load(struct ctx *c, const char *programme_id, const char *status, struct programme *p,
		struct store_list *l)
{
	int rc = auth_check(c->user, PERM_ASSIST_DISBURSE);
	if (rc || (rc = programme_get(c, programme_id, p, NULL)))
		return rc;
	struct store_filter w[2] = { { "programme_id", p->id }, { "status", status } };
	return dom_from_store(store_list_where(c->st, &ENT_ASSISTANCE_REQUEST, c->a, w, 2,
					       "requested_at", 0, ASSIST_RECON_MAX, 0, l));
}

/* The beneficiary of rq: the person named on it, else the household's
 * head (NULL members when unknown). */
struct beneficiary {
	const char *household, *name, *document, *phone;
};

static void beneficiary(struct ctx *c, const struct assistance_request *rq, struct beneficiary *b)
{
	struct household h = { 0 };
	struct person pe = { 0 };
	memset(b, 0, sizeof(*b));
	if (store_get(c->st, &ENT_HOUSEHOLD, c->a, "id", rq->household_id, &h) == 0) {
		b->household = h.ref;
		b->phone = h.phone;
	}
	const char *pid = rq->person_id && *rq->person_id ? rq->person_id : h.head_id;
	if (!pid || store_get(c->st, &ENT_PERSON, c->a, "id", pid, &pe) != 0)
		return;
	b->name = arena_printf(c->a, "%s %s%s%s", pe.given_names ? pe.given_names : "",
			       pe.surname1 ? pe.surname1 : "", pe.surname2 && *pe.surname2 ? " " : "",
			       pe.surname2 && *pe.surname2 ? pe.surname2 : "");
	if (pe.phone && *pe.phone)
		b->phone = pe.phone;
	struct store_filter w[1] = { { "person_id", pe.id } };
	struct store_list d;
	if (store_list_where(c->st, &ENT_DOCUMENT, c->a, w, 1, "created_at", 0, 1, 0, &d) == 0 &&
	    d.n)
		b->document = ((const struct document *)d.items[0])->number;
}

int assist_recon_expected(struct ctx *c, const char *programme_id, struct programme *p,
			  struct recon_expected **out, size_t *n)
{
	struct store_list l;
	int rc = load(c, programme_id, "disbursed", p, &l);
	if (rc)
		return rc;
	struct recon_expected *e = arena_alloc(c->a, (l.n ? l.n : 1) * sizeof(*e));
	size_t k = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct assistance_request *rq = l.items[i];
		/* Cash and in-kind disbursements have no reference: no
		 * provider pays them. */
		if (!rq->reference || !*rq->reference)
			continue;
		struct beneficiary b;
		beneficiary(c, rq, &b);
		e[k++] = (struct recon_expected){ .id = rq->id,
						  .reference = rq->reference,
						  .amount_cents = strtoll(rq->amount_cents, NULL, 10),
						  .date = rq->disbursed_on,
						  .household = b.household,
						  .name = b.name };
	}
	*out = e;
	*n = k;
	return DOM_OK;
}

int assist_reconcile(struct ctx *c, const char *programme_id, const struct recon_line *lines,
		     size_t nlines, struct programme *p, struct recon_result *r)
{
	struct recon_expected *e;
	size_t n;
	memset(r, 0, sizeof(*r));
	int rc = assist_recon_expected(c, programme_id, p, &e, &n);
	if (rc)
		return rc;
	rc = reconcile(e, n, lines, nlines, r);
	if (rc == RECON_EBADEXPECTED)
		return DOM_CONFLICT;
	if (rc)
		return DOM_ERROR;
	if ((rc = audit_record(c, "reconcile", "programme", p->id, "statement"))) {
		recon_result_free(r);
		return rc;
	}
	return DOM_OK;
}

int assist_payment_rows(struct ctx *c, const char *programme_id, const char *agreement_id,
			struct errors *errs, struct programme *p, struct payment_row **out,
			size_t *n)
{
	struct store_list l;
	struct sharing_agreement ag;
	int rc = load(c, programme_id, "approved", p, &l);
	if (rc)
		return rc;
	if (sharing_require(c, agreement_id, NULL, SHARING_PAYMENT_FIELDS, errs, "agreement", &ag))
		return DOM_INVALID;
	struct payment_row *rows = arena_alloc(c->a, (l.n ? l.n : 1) * sizeof(*rows));
	for (size_t i = 0; i < l.n; i++) {
		const struct assistance_request *rq = l.items[i];
		struct beneficiary b;
		beneficiary(c, rq, &b);
		rows[i] = (struct payment_row){ .reference = rq->ref,
						.name = b.name,
						.document = b.document,
						.phone = b.phone,
						.amount_cents = strtoll(rq->amount_cents, NULL, 10),
						.currency = rq->currency,
						.mechanism = rq->mechanism,
						.account = rq->payee_account };
	}
	if ((rc = audit_record(c, "export_payments", "programme", p->id,
			       arena_printf(c->a, "payments,sharing_agreement:%s", ag.id))))
		return rc;
	*out = rows;
	*n = l.n;
	return DOM_OK;
}

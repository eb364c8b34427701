/* assistance_recon.c: a programme's disbursements as the expected rows of
 * a reconciliation and its approved requests as a payment list
 * (assistance_recon.h, docs/reconciliation.md). */
#include "domain/assistance_recon.h"

#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/assistance.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/sharing.h"
#include "domain/validate.h"

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
	const char *household, *name, *document, *phone, *person_id;
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
	b->person_id = pe.id;
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

/* Marks the matched disbursements of r reconciled (those not already),
 * inside the caller's transaction; *fresh counts those it marked. */
static int mark_matched(struct ctx *c, const struct recon_result *r, long long *fresh)
{
	*fresh = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct recon_item *it = &r->items[i];
		struct assistance_request rq;
		long long done;
		int rc;
		if (it->kind != RECON_MATCHED)
			continue;
		struct store_filter w[] = { { "request_id", it->expected->id }, { "kind", "reconciled" } };
		if ((rc = dom_from_store(store_count_where(c->st, &ENT_ASSISTANCE_LEDGER, w, 2, &done))))
			return rc;
		if (done)
			continue;
		if ((rc = dom_from_store(store_get(c->st, &ENT_ASSISTANCE_REQUEST, c->a, "id",
						   it->expected->id, &rq))) ||
		    (rc = assist_mark_reconciled(c, &rq)))
			return rc;
		++*fresh;
	}
	return DOM_OK;
}

/* The count of kind k in r, as text in c->a. */
static char *count(struct ctx *c, const struct recon_result *r, enum recon_kind k)
{
	return arena_printf(c->a, "%zu", r->count[k]);
}

int assist_reconcile(struct ctx *c, const char *programme_id, const char *file_name,
		     const struct recon_line *lines, size_t nlines, struct errors *errs,
		     struct programme *p, struct recon_result *r, struct assistance_recon_run *run)
{
	struct recon_expected *e;
	char id[37], now[32];
	long long fresh;
	size_t n;
	memset(r, 0, sizeof(*r));
	memset(run, 0, sizeof(*run));
	char *name = arena_trimmed(c->a, file_name);
	if (name && !*name)
		name = NULL;
	if (!validate_length(errs, "file_name", name, 255))
		return DOM_INVALID;
	int rc = assist_recon_expected(c, programme_id, p, &e, &n);
	if (rc)
		return rc;
	rc = reconcile(e, n, lines, nlines, r);
	if (rc == RECON_EBADEXPECTED)
		return DOM_CONFLICT;
	if (rc)
		return DOM_ERROR;
	crypto_uuid7(id);
	time_now_iso(now);
	*run = (struct assistance_recon_run){
		.id = arena_strdup(c->a, id),
		.programme_id = p->id,
		.file_name = name,
		.lines = arena_printf(c->a, "%zu", nlines),
		.matched = count(c, r, RECON_MATCHED),
		.differences = count(c, r, RECON_DIFFERENCE),
		.unexpected = count(c, r, RECON_UNMATCHED),
		.missing = count(c, r, RECON_MISSING),
		.duplicates = count(c, r, RECON_DUPLICATE),
		.run_by = c->user->id,
		.run_at = arena_strdup(c->a, now),
	};
	if ((rc = dom_from_store(store_begin(c->st))))
		goto fail;
	/* Locked first: two runs of one programme take turns, so each
	 * disbursement gets one "reconciled" row whatever runs at once. */
	if ((rc = assist_programme_lock(c, p)) || (rc = mark_matched(c, r, &fresh)))
		goto rollback;
	run->newly_reconciled = arena_printf(c->a, "%lld", fresh);
	if ((rc = dom_from_store(store_insert(c->st, &ENT_ASSISTANCE_RECON_RUN, run))) ||
	    (rc = audit_record(c, "reconcile", "programme", p->id,
			       "statement,file_name,matched,differences,unexpected,missing")))
		goto rollback;
	if ((rc = dom_from_store(store_commit(c->st))))
		goto fail;
	return DOM_OK;
rollback:
	store_rollback(c->st);
fail:
	recon_result_free(r);
	return rc;
}

int assist_recon_runs(struct ctx *c, const char *programme_id, long limit, long offset,
		      struct store_list *out)
{
	/* Newest first by id (UUIDv7: time-ordered to the millisecond), as
	 * run_at has whole seconds. */
	struct store_filter w[] = { { "programme_id", programme_id } };
	long long total;
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc || (rc = dom_from_store(store_list_where(c->st, &ENT_ASSISTANCE_RECON_RUN, c->a, w, 1,
							"id", 1, limit, offset, out))))
		return rc;
	if ((rc = dom_from_store(store_count_where(c->st, &ENT_ASSISTANCE_RECON_RUN, w, 1, &total))))
		return rc;
	out->total = total;
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
	const char **people = arena_alloc(c->a, (l.n ? l.n : 1) * sizeof(*people));
	for (size_t i = 0; i < l.n; i++) {
		const struct assistance_request *rq = l.items[i];
		struct beneficiary b;
		beneficiary(c, rq, &b);
		people[i] = b.person_id;
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
	/* And one "export" per beneficiary: who-saw lists them, and the bulk
	 * access alert counts each (docs/access.md). */
	const char *why = arena_printf(c->a, "payments,programme:%s", p->id);
	for (size_t i = 0; i < l.n; i++)
		if (people[i] && (rc = audit_export(c, "person", people[i], why)))
			return rc;
	*out = rows;
	*n = l.n;
	return DOM_OK;
}

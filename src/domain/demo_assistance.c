/* demo_assistance.c: the demo office's assistance programmes (multipurpose
 * cash, rent, food vouchers, hygiene kits; donors BPRM, ACNUR, UE) and
 * requests for demo households in every state, with their ledger rows,
 * disbursements, reconciliations and audit events, written through bulk
 * loads (bulk.h) so that a bench-sized demo makes hundreds of thousands of
 * them in seconds. See docs/assistance.md. */
#include <stdio.h>
#include <string.h>

#include "base/crypto.h"
#include "base/log.h"
#include "base/timeutil.h"
#include "domain/assistance.h"
#include "domain/bulk.h"
#include "domain/demo.h"
#include "domain/user.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* Requests per transaction (one batch for them all into a new database,
 * see bulk_in_one), and households read per page. */
#define BATCH 20000
#define PAGE 1000

static const struct demo_programme {
	const char *name, *kind, *donor, *period, *eligibility, *min_score;
	long long cap;		 /* cents per household and period */
	unsigned share;		 /* percent of the requests */
	const char *mechanisms[4]; /* how it pays, NULL-padded */
} programmes[] = {
	{ "Efectivo multipropósito", "multipurpose_cash", "BPRM", "month",
	  "Hogares recién llegados (menos de seis meses) sin ingresos estables.", NULL, 15000, 40,
	  { "bank_transfer", "mobile_wallet", "prepaid_card", "cash" } },
	{ "Apoyo de alquiler", "rent", "ACNUR", "quarter",
	  "Hogares con riesgo de desalojo, con contrato o recibo de alquiler.", "30", 30000, 20,
	  { "bank_transfer", "mobile_wallet", NULL, NULL } },
	{ "Bono de alimentos", "food_voucher", "UE", "month",
	  "Hogares con niñas y niños menores de cinco años, personas mayores o con discapacidad.", NULL,
	  6000, 25, { "prepaid_card", NULL, NULL, NULL } },
	{ "Kit de higiene", "hygiene_kit", "ACNUR", "quarter", "Familias recién llegadas y en tránsito.",
	  NULL, 2500, 15, { "in_kind", NULL, NULL, NULL } },
};

static const char *const reasons[] = {
	"Alquiler atrasado de dos meses; el arrendador amenaza con el desalojo.",
	"Llegada reciente sin ingresos; gastos de alimentación y transporte.",
	"Madre jefa de hogar con tres hijos en edad escolar.",
	"Pérdida del empleo informal; necesidades básicas del mes.",
	"Persona mayor con medicinas que no cubre el centro de salud.",
};
static const char *const rejections[] = {
	"Ya recibió apoyo de otra organización este mes.",
	"No se pudo verificar la dirección en la visita.",
	"El hogar tiene ingresos estables por encima del umbral.",
};

/* Who does what: requests by the assistance officer, decisions by the
 * supervisor (never the same person); approver NULL: nobody decides. */
struct crew {
	struct ctx ask, decide;
	int approver;
};

/* An ISO time `secs` seconds ago, in a. */
static char *ago(struct arena *a, long long secs)
{
	char t[32];
	time_iso_after(-secs, t);
	return arena_strdup(a, t);
}

/* One ledger row of rq, with its two audit events, as w did it at when. */
static int step(struct ctx *w, struct bulk *b, const struct assistance_request *rq, const char *kind,
		const char *when, const char *action, const char *fields, struct demo_assistance_made *made)
{
	char id[37];
	long long seq;
	int rc = bulk_number(w, b, "assistance_ledger", &seq);
	if (rc)
		return rc;
	crypto_uuid7(id);
	struct assistance_entry e = { .id = id,
				      .seq = arena_printf(w->a, "%lld", seq),
				      .programme_id = rq->programme_id,
				      .request_id = rq->id,
				      .kind = (char *)kind,
				      .amount_cents = rq->amount_cents,
				      .recorded_by = w->user->id,
				      .recorded_at = (char *)when };
	made->ledger++;
	if ((rc = bulk_insert(w, b, &ENT_ASSISTANCE_LEDGER, &e)) ||
	    (rc = bulk_audit(w, b, action, "assistance_request", rq->id, fields)))
		return rc;
	return bulk_audit(w, b, action, "household", rq->household_id, fields);
}

/* A request of household h in programme p (described by d), in a state
 * drawn from r, with every step it went through. */
static int one(struct crew *crew, struct bulk *b, struct demo_rng *r, const char *household_id,
	       const struct programme *p, const struct demo_programme *d,
	       struct demo_assistance_made *made)
{
	struct ctx *ask = &crew->ask, *dec = &crew->decide;
	struct arena *a = ask->a;
	struct assistance_request rq = { 0 };
	char id[37], key[16];
	long long num;
	int rc = bulk_number(ask, b, "assistance", &num);
	if (rc)
		return rc;
	crypto_uuid7(id);
	/* Made 10 to 360 days ago; decided 1 to 3 days later; paid 1 to 4
	 * days after that; reconciled about a week later. */
	long long req_s = 86400LL * (10 + demo_pick(r, 350)) + demo_pick(r, 36000);
	long long dec_s = req_s - 86400LL * (1 + demo_pick(r, 3));
	long long dis_s = dec_s - 86400LL * (1 + demo_pick(r, 4));
	rq.requested_at = ago(a, req_s);
	char date[11];
	memcpy(date, rq.requested_at, 10);
	date[10] = 0;
	assist_period_key(p->period, date, key);
	long long amount = d->cap * (4 + demo_pick(r, 7)) / 10 / 100 * 100; /* 40-100% of the cap, whole units */
	unsigned score = 10 + demo_pick(r, 71);
	rq.id = id;
	rq.ref = arena_printf(a, "A-%06lld", num);
	rq.household_id = (char *)household_id;
	rq.programme_id = p->id;
	rq.amount_cents = arena_printf(a, "%lld", amount);
	rq.currency = p->currency;
	rq.reason = (char *)reasons[demo_pick(r, N(reasons))];
	rq.period_key = key;
	rq.possible_duplicate = rq.duplicate_confirmed = "0";
	rq.requested_by = ask->user->id;
	rq.updated_at = rq.requested_at;
	if (d->min_score && score < 30) {
		if (demo_pick(r, 3))
			score += 30;
		else
			rq.eligibility_override = "Orden de desalojo vigente; madre sola con tres hijos.";
	}
	rq.vulnerability_score = arena_printf(a, "%u", score);
	unsigned x = crew->approver ? demo_pick(r, 100) : 0;
	rq.status = x < 12 ? "requested" : x < 22 ? "rejected" : x < 35 ? "approved" : "disbursed";
	if (strcmp(rq.status, "requested") != 0) {
		rq.decided_by = dec->user->id;
		rq.decided_at = rq.updated_at = ago(a, dec_s);
		if (strcmp(rq.status, "rejected") == 0)
			rq.decision_note = (char *)rejections[demo_pick(r, N(rejections))];
	}
	int reconciled = 0;
	if (strcmp(rq.status, "disbursed") == 0) {
		unsigned nm = 0;
		while (nm < N(d->mechanisms) && d->mechanisms[nm])
			nm++;
		rq.mechanism = (char *)d->mechanisms[demo_pick(r, nm)];
		rq.disbursed_by = ask->user->id;
		rq.disbursed_at = rq.updated_at = ago(a, dis_s);
		rq.disbursed_on = arena_printf(a, "%.10s", rq.disbursed_at);
		if (strcmp(rq.mechanism, "cash") != 0 && strcmp(rq.mechanism, "in_kind") != 0) {
			rq.reference = arena_printf(a, "TRX-%08lld", num);
			reconciled = demo_pick(r, 10) < 6;
		}
	}
	if ((rc = bulk_insert(ask, b, &ENT_ASSISTANCE_REQUEST, &rq)) ||
	    (rc = step(ask, b, &rq, "request", rq.requested_at, "assistance_request",
		       rq.eligibility_override ? "programme_id,amount_cents,reason,period_key,"
						 "vulnerability_score,eligibility_override"
					       : "programme_id,amount_cents,reason,period_key,vulnerability_score",
		       made)))
		return rc;
	made->requests++;
	if (rq.decided_by) {
		int no = strcmp(rq.status, "rejected") == 0;
		rc = step(dec, b, &rq, no ? "reject" : "approve", rq.decided_at,
			  no ? "assistance_reject" : "assistance_approve", "status,decision_note", made);
		if (rc)
			return rc;
	}
	if (rq.disbursed_by) {
		made->disbursed++;
		if ((rc = step(ask, b, &rq, "disburse", rq.disbursed_at, "assistance_disburse",
			       "status,mechanism,reference,disbursed_on", made)))
			return rc;
	}
	if (reconciled) {
		made->reconciled++;
		long long rec_s = dis_s - 86400LL * 7;
		if ((rc = step(ask, b, &rq, "reconciled", ago(a, rec_s > 0 ? rec_s : 0),
			       "assistance_reconcile", "reconciled", made)))
			return rc;
	}
	return DOM_OK;
}

/* The demo programmes, as the administrator c->user creates them, with a
 * budget for about `requests` requests; out gets them in programmes[]'s
 * order. */
static int create_programmes(struct ctx *c, long requests, struct programme *out)
{
	for (size_t i = 0; i < N(programmes); i++) {
		const struct demo_programme *d = &programmes[i];
		struct errors errs = { .n = 0 };
		long long budget = (long long)requests * d->share / 100 * d->cap * 6 / 5;
		if (budget < 5000000)
			budget = 5000000;
		struct programme in = {
			.name = arena_strdup(c->a, d->name),
			.kind = arena_strdup(c->a, d->kind),
			.donor = arena_strdup(c->a, d->donor),
			.budget_cents = arena_printf(c->a, "%lld", budget),
			.currency = arena_strdup(c->a, "USD"),
			.cap_cents = arena_printf(c->a, "%lld", d->cap),
			.period = arena_strdup(c->a, d->period),
			.eligibility = arena_strdup(c->a, d->eligibility),
			.min_score = d->min_score ? arena_strdup(c->a, d->min_score) : NULL,
		};
		int rc = programme_create(c, &in, &errs, &out[i]);
		if (rc) {
			log_error("demo: programme %s: %s", d->name, errs.n ? errs.e[0].message : dom_code(rc));
			return rc;
		}
	}
	return DOM_OK;
}

/* The programme a request goes to, by the programmes' shares. */
static size_t which(struct demo_rng *r)
{
	unsigned x = demo_pick(r, 100), acc = 0;
	for (size_t i = 0; i < N(programmes); i++)
		if (x < (acc += programmes[i].share))
			return i;
	return 0;
}

/* One stored reconciliation per programme, saying what the demo marked. */
static int runs(struct ctx *c, const struct programme *p, const long *reconciled)
{
	int rc = dom_from_store(store_begin(c->st));
	for (size_t i = 0; !rc && i < N(programmes); i++) {
		char id[37];
		if (!reconciled[i])
			continue;
		crypto_uuid7(id);
		const char *n = arena_printf(c->a, "%ld", reconciled[i]);
		struct assistance_recon_run run = {
			.id = id, .programme_id = p[i].id, .file_name = "estado-de-cuenta-demo.csv",
			.lines = (char *)n, .matched = (char *)n, .differences = "0", .unexpected = "0",
			.missing = "0", .duplicates = "0", .newly_reconciled = (char *)n,
			.run_by = c->user->id, .run_at = ago(c->a, 86400),
		};
		rc = dom_from_store(store_insert(c->st, &ENT_ASSISTANCE_RECON_RUN, &run));
	}
	if (rc) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int demo_assistance(struct ctx *c, long requests, unsigned seed, struct demo_assistance_made *made)
{
	struct demo_rng r = { seed * 3266489917ull + 11 };
	struct programme p[N(programmes)];
	struct user asker, approver;
	long long have, households;
	long reconciled[N(programmes)] = { 0 };
	memset(made, 0, sizeof(*made));
	int rc = dom_from_store(store_count(c->st, &ENT_PROGRAMME, NULL, NULL, &have));
	if (rc || have > 0 || requests <= 0)
		return rc; /* the office's programmes are its own once there are any */
	if ((rc = dom_from_store(store_count(c->st, &ENT_HOUSEHOLD, NULL, NULL, &households))) ||
	    !households)
		return rc;
	if ((rc = create_programmes(c, requests, p)))
		return rc;
	made->programmes = (long)N(programmes);
	struct crew crew = { .ask = *c, .decide = *c };
	if (user_find(c, "asistencia", &asker) == DOM_OK)
		crew.ask.user = &asker;
	crew.approver = user_find(c, "supervisora", &approver) == DOM_OK &&
			strcmp(approver.id, crew.ask.user->id) != 0;
	if (crew.approver)
		crew.decide.user = &approver;
	/* Selection sampling: each household is picked with probability
	 * (requests still to make) / (households still to see), which makes
	 * exactly `requests` (or one per household, if fewer). */
	char after[64] = "";
	long long seen = 0;
	long left = requests;
	struct bulk *b = NULL;
	long in_batch = 0;
	int in_one;
	rc = bulk_in_one(c, &ENT_ASSISTANCE_REQUEST, &in_one);
	while (left > 0 && rc == DOM_OK) {
		struct arena *page = arena_new();
		struct store_list l;
		rc = dom_from_store(store_scan(c->st, &ENT_HOUSEHOLD, page, *after ? after : NULL, PAGE, &l));
		for (size_t i = 0; rc == DOM_OK && i < l.n && left > 0; i++, seen++) {
			const struct household *h = l.items[i];
			if ((long long)demo_pick(&r, (unsigned)(households - seen > 0 ? households - seen : 1)) >= left)
				continue;
			if (!b && (rc = bulk_begin(c, &b)))
				break;
			struct arena *a = arena_new();
			crew.ask.a = crew.decide.a = a;
			size_t k = which(&r);
			long before = made->reconciled;
			rc = one(&crew, b, &r, h->id, &p[k], &programmes[k], made);
			reconciled[k] += made->reconciled - before;
			arena_free(a);
			left--;
			if (!rc && !in_one && ++in_batch == BATCH) {
				rc = bulk_end(b, rc, &made->rows);
				b = NULL;
				in_batch = 0;
			}
		}
		if (l.n)
			snprintf(after, sizeof(after), "%s", ((const struct household *)l.items[l.n - 1])->id);
		size_t n = l.n;
		arena_free(page);
		if (n < PAGE)
			break;
	}
	rc = bulk_end(b, rc, &made->rows);
	return rc ? rc : runs(c, p, reconciled);
}

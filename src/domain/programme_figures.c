/* programme_figures.c: a programme's budget figures, summed over its
 * ledger (docs/assistance.md). The ledger only grows: rows are never
 * updated or deleted, and each takes the next number of one counter
 * (seq) in the transaction that writes it, so a programme whose newest
 * committed ledger row is the same has the same sums. Pages read them
 * through a small per-process table keyed by that row, so a programme
 * with hundreds of thousands of ledger rows is summed once per change,
 * not once per view. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "domain/assistance.h"

/* The sums by kind of ledger row, before the budget is taken into
 * account. */
struct raw {
	long long req, appr, rej, disb, disbursed_n, reconciled, reconciled_n;
};

static int read_raw(struct ctx *c, const char *id, struct raw *out)
{
	static const char *const by[] = { "kind" };
	struct store_filter w[] = { { "programme_id", id } };
	struct store_list l;
	memset(out, 0, sizeof(*out));
	int rc = dom_from_store(
		store_sum_by(c->st, &ENT_ASSISTANCE_LEDGER, c->a, w, 1, by, 1, "amount_cents", &l));
	if (rc)
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		const struct store_group *g = l.items[i];
		if (strcmp(g->v[0], "request") == 0) {
			out->req = g->sum;
		} else if (strcmp(g->v[0], "approve") == 0) {
			out->appr = g->sum;
		} else if (strcmp(g->v[0], "reject") == 0) {
			out->rej = g->sum;
		} else if (strcmp(g->v[0], "disburse") == 0) {
			out->disb = g->sum;
			out->disbursed_n = g->n;
		} else if (strcmp(g->v[0], "reconciled") == 0) {
			out->reconciled = g->sum;
			out->reconciled_n = g->n;
		}
	}
	return DOM_OK;
}

static void fill(const struct raw *r, long long budget, struct programme_sums *out)
{
	memset(out, 0, sizeof(*out));
	out->budget = budget;
	out->disbursed = r->disb;
	out->committed = r->appr - r->disb;
	out->remaining = budget - r->appr;
	out->requested = r->req - r->appr - r->rej;
	out->disbursed_n = r->disbursed_n;
	out->reconciled = r->reconciled;
	out->reconciled_n = r->reconciled_n;
}

int programme_sums(struct ctx *c, const char *id, long long budget, struct programme_sums *out)
{
	struct raw r;
	int rc = read_raw(c, id, &r);
	if (!rc)
		fill(&r, budget, out);
	return rc;
}

/* Programmes are few (an office has tens): a small table, the oldest
 * entry replaced when full. */
#define SLOTS 64
#define KEY_MAX 48

static struct {
	char id[KEY_MAX], seq[32];
	struct raw raw;
	unsigned long used;
} slots[SLOTS];
static unsigned long clock_;
static pthread_mutex_t slots_mu = PTHREAD_MUTEX_INITIALIZER;

static int cached(const char *id, const char *seq, struct raw *out)
{
	int hit = 0;
	pthread_mutex_lock(&slots_mu);
	for (int i = 0; i < SLOTS; i++)
		if (strcmp(slots[i].id, id) == 0 && strcmp(slots[i].seq, seq) == 0) {
			*out = slots[i].raw;
			slots[i].used = ++clock_;
			hit = 1;
			break;
		}
	pthread_mutex_unlock(&slots_mu);
	return hit;
}

static void keep(const char *id, const char *seq, const struct raw *r)
{
	if (strlen(id) >= KEY_MAX || strlen(seq) >= sizeof(slots[0].seq))
		return;
	pthread_mutex_lock(&slots_mu);
	int k = 0;
	for (int i = 0; i < SLOTS; i++) {
		if (strcmp(slots[i].id, id) == 0) {
			k = i;
			break;
		}
		if (slots[i].used < slots[k].used)
			k = i;
	}
	snprintf(slots[k].id, sizeof(slots[k].id), "%s", id);
	snprintf(slots[k].seq, sizeof(slots[k].seq), "%s", seq);
	slots[k].raw = *r;
	slots[k].used = ++clock_;
	pthread_mutex_unlock(&slots_mu);
}

int programme_figures(struct ctx *c, const char *id, long long budget, struct programme_sums *out)
{
	struct store_filter w[] = { { "programme_id", id } };
	struct store_list newest;
	struct raw r;
	/* The newest ledger row: one step down the (programme_id, seq) index. */
	int rc = dom_from_store(store_list_where(c->st, &ENT_ASSISTANCE_LEDGER, c->a, w, 1, "seq", 1,
						 1, 0, &newest));
	if (rc)
		return rc;
	const char *seq = newest.n ? ((const struct assistance_entry *)newest.items[0])->seq : NULL;
	if (seq && cached(id, seq, &r)) {
		fill(&r, budget, out);
		return DOM_OK;
	}
	if ((rc = read_raw(c, id, &r)))
		return rc;
	if (seq)
		keep(id, seq, &r);
	fill(&r, budget, out);
	return DOM_OK;
}

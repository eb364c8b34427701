/* model.c: the Fellegi-Sunter parameters: defaults, u from random pairs,
 * m by expectation-maximisation over blocked pairs, refinement from
 * reviewed decisions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "match/index.h"

/* Random pairs drawn for u; blocked pairs used per EM round at most. */
#define U_PAIRS 300000
#define EM_PAIRS 300000
#define EM_ROUNDS 60

/* Defaults before any estimate: m from what caseworkers' typing errors
 * look like, u from a registry of Latin-American names. Each row sums to 1. */
static const double default_m[MATCH_NFIELDS][MATCH_MAX_LEVELS] = {
	{ 0.03, 0.04, 0.05, 0.08, 0.10, 0.70 },
	{ 0.03, 0.04, 0.05, 0.08, 0.10, 0.70 },
	{ 0.02, 0.03, 0.05, 0.02, 0.88 },
	{ 0.05, 0.05, 0.90 },
	{ 0.02, 0.98 },
	{ 0.05, 0.95 },
	{ 0.30, 0.70 },
	{ 0.20, 0.10, 0.10, 0.60 },
	{ 0.10, 0.10, 0.80 },
	{ 0.10, 0.10, 0.80 },
};
static const double default_u[MATCH_NFIELDS][MATCH_MAX_LEVELS] = {
	{ 0.900, 0.050, 0.030, 0.010, 0.005, 0.005 },
	{ 0.930, 0.040, 0.020, 0.005, 0.003, 0.002 },
	{ 0.985, 0.0137, 0.001, 0.0002, 0.0001 },
	{ 0.99998, 0.00001, 0.00001 },
	{ 0.5, 0.5 },
	{ 0.6, 0.4 },
	{ 0.9999, 0.0001 },
	{ 0.970, 0.025, 0.004, 0.001 },
	{ 0.90, 0.02, 0.08 },
	{ 0.95, 0.04, 0.01 },
};

void match_model_default(struct match_model *m)
{
	memset(m, 0, sizeof(*m));
	memcpy(m->m, default_m, sizeof(m->m));
	memcpy(m->u, default_u, sizeof(m->u));
	m->lambda = 0.01;
	m->likely = MATCH_LIKELY_DEFAULT;
	m->possible = MATCH_POSSIBLE_DEFAULT;
	m->tf_max_bits = 5.0;
}

/* Fields each kind of key is built from: held out of that EM round, since
 * the pairs it gives agree on them by construction. */
static unsigned held_out(int table)
{
	switch (table) {
	case MIX_T_DOC:
		return 1u << MATCH_DOCUMENT;
	case MIX_T_SURNAME_YEAR:
		return 1u << MATCH_FAMILY | 1u << MATCH_BIRTH;
	case MIX_T_GIVEN_YEAR:
		return 1u << MATCH_GIVEN | 1u << MATCH_BIRTH;
	case MIX_T_PAIR:
		return 1u << MATCH_GIVEN | 1u << MATCH_FAMILY;
	case MIX_T_DATE:
		return 1u << MATCH_BIRTH;
	case MIX_T_NAMES:
		return 1u << MATCH_GIVEN | 1u << MATCH_FAMILY;
	default:
		return 1u << MATCH_FAMILY;
	}
}

/* A comparison vector packed 4 bits a field (level + 1; 0 missing), and
 * how many pairs had it. */
struct patterns {
	uint64_t *key;
	double *count;
	size_t size, used;
	double total;
};

static uint64_t pack(const int level[MATCH_NFIELDS])
{
	uint64_t k = 0;
	for (int f = 0; f < MATCH_NFIELDS; f++)
		k |= (uint64_t)(level[f] + 1) << (4 * f);
	return k | 1ULL << 63; /* never 0, the empty slot */
}

static int unpack(uint64_t k, int f)
{
	return (int)(k >> (4 * f) & 15) - 1;
}

static void pat_add(struct patterns *p, uint64_t k, double c)
{
	if ((p->used + 1) * 2 > p->size) {
		struct patterns old = *p;
		p->size = old.size ? old.size * 2 : 256;
		p->key = calloc(p->size, sizeof(*p->key));
		p->count = calloc(p->size, sizeof(*p->count));
		if (!p->key || !p->count)
			abort();
		p->used = 0;
		p->total = 0;
		for (size_t i = 0; i < old.size; i++)
			if (old.key[i])
				pat_add(p, old.key[i], old.count[i]);
		free(old.key);
		free(old.count);
	}
	size_t i = mhash_mix(k) & (p->size - 1);
	while (p->key[i] && p->key[i] != k)
		i = (i + 1) & (p->size - 1);
	if (!p->key[i]) {
		p->key[i] = k;
		p->used++;
	}
	p->count[i] += c;
	p->total += c;
}

static void pat_free(struct patterns *p)
{
	free(p->key);
	free(p->count);
	memset(p, 0, sizeof(*p));
}

/* Comparison levels as scoring would choose them (names crosswise when
 * that agrees better), without frequencies. */
static void levels(const struct match_model *m, const struct mview *a, const struct mview *b,
		   int level[MATCH_NFIELDS])
{
	struct match_explanation e;
	mcmp_score(m, NULL, a, b, &e);
	memcpy(level, e.level, sizeof(e.level));
}

static uint64_t rng_next(uint64_t *s)
{
	*s += 0x9e3779b97f4a7c15ULL;
	return mhash_mix(*s);
}

/* Lets writers at the index in: a long estimate must not hold up
 * registrations. Views taken before are stale afterwards. */
static void breathe(struct match_index *ix)
{
	mix_unlock(ix);
	mix_rdlock(ix);
}

static void count_levels(const struct match_model *m, const struct match_index *ix, size_t i,
			 size_t j, double count[MATCH_NFIELDS][MATCH_MAX_LEVELS])
{
	struct mview a, b;
	int level[MATCH_NFIELDS];
	if (!mix_view(ix, i, &a) || !mix_view(ix, j, &b))
		return;
	levels(m, &a, &b, level);
	for (int f = 0; f < MATCH_NFIELDS; f++)
		if (level[f] != MATCH_MISSING)
			count[f][level[f]] += 1;
}

/* u: the share of each level among random pairs of the first n records
 * (every pair when there are fewer than U_PAIRS). */
static void estimate_u(struct match_model *m, struct match_index *ix, size_t n)
{
	double count[MATCH_NFIELDS][MATCH_MAX_LEVELS] = { { 0 } };
	uint64_t seed = 42;
	size_t k = 0;

	if (n * (n - 1) / 2 <= U_PAIRS) {
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++, k++) {
				if (k % 4096 == 4095)
					breathe(ix);
				count_levels(m, ix, i, j, count);
			}
	} else {
		for (; k < U_PAIRS; k++) {
			size_t i = rng_next(&seed) % n, j = rng_next(&seed) % n;
			if (k % 4096 == 4095)
				breathe(ix);
			if (i != j)
				count_levels(m, ix, i, j, count);
		}
	}
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		int nl = match_levels((enum match_field)f);
		double total = 0;
		for (int l = 0; l < nl; l++)
			total += count[f][l];
		if (total < 100)
			continue; /* too few records with the field: keep the default */
		/* Half a pair for levels never seen, so no weight is infinite. */
		for (int l = 0; l < nl; l++)
			m->u[f][l] = (count[f][l] + 0.5) / (total + 0.5 * nl);
	}
}

struct gather {
	const struct match_model *m;
	const struct match_index *ix;
	struct patterns *p;
	size_t pairs, max;
	struct mview a, b;
	size_t vi;
};

static int gather_pair(size_t i, size_t j, void *arg)
{
	struct gather *g = arg;
	int level[MATCH_NFIELDS];
	if (g->vi != i + 1) {
		mix_view(g->ix, i, &g->a);
		g->vi = i + 1;
	}
	if (!mix_view(g->ix, j, &g->b))
		return 0;
	levels(g->m, &g->a, &g->b, level);
	pat_add(g->p, pack(level), 1.0);
	return ++g->pairs >= g->max;
}

/* EM over the patterns of one round, u fixed; fields in `held` are left
 * out. Returns the expected number of matching pairs; m_out and has[f]
 * receive the estimate of each field that had data. */
static double em(const struct match_model *m, const struct patterns *p, unsigned held,
		 double m_out[MATCH_NFIELDS][MATCH_MAX_LEVELS], bool has[MATCH_NFIELDS])
{
	double lambda = 0.1, matches = 0;
	memcpy(m_out, m->m, sizeof(m->m));
	for (int round = 0; round < EM_ROUNDS; round++) {
		double acc[MATCH_NFIELDS][MATCH_MAX_LEVELS] = { { 0 } }, tot[MATCH_NFIELDS] = { 0 };
		matches = 0;
		for (size_t i = 0; i < p->size; i++) {
			if (!p->key[i])
				continue;
			double lm = log(lambda), lu = log(1 - lambda);
			for (int f = 0; f < MATCH_NFIELDS; f++) {
				int l = unpack(p->key[i], f);
				if (l == MATCH_MISSING || (held & (1u << f)))
					continue;
				lm += log(m_out[f][l] > 1e-12 ? m_out[f][l] : 1e-12);
				lu += log(m->u[f][l] > 1e-12 ? m->u[f][l] : 1e-12);
			}
			double post = 1.0 / (1.0 + exp(lu - lm)) * p->count[i];
			matches += post;
			for (int f = 0; f < MATCH_NFIELDS; f++) {
				int l = unpack(p->key[i], f);
				if (l == MATCH_MISSING || (held & (1u << f)))
					continue;
				acc[f][l] += post;
				tot[f] += post;
			}
		}
		double change = fabs(matches / p->total - lambda);
		lambda = matches / p->total;
		if (lambda < 1e-6 || lambda > 1 - 1e-6)
			break;
		for (int f = 0; f < MATCH_NFIELDS; f++) {
			int nl = match_levels((enum match_field)f);
			has[f] = tot[f] >= 5.0;
			if (!has[f])
				continue;
			for (int l = 0; l < nl; l++) {
				double v = (acc[f][l] + 0.01) / (tot[f] + 0.01 * nl);
				change = fmax(change, fabs(v - m_out[f][l]));
				m_out[f][l] = v;
			}
		}
		if (change < 1e-6)
			break;
	}
	return matches;
}

int match_model_estimate(struct match_model *m, struct match_index *ix)
{
	double sum[MATCH_NFIELDS][MATCH_MAX_LEVELS] = { { 0 } }, weight[MATCH_NFIELDS] = { 0 };
	double lambda = 0, lambda_w = 0;
	int rc = -1;

	mix_rdlock(ix);
	size_t n = mix_records(ix);
	struct mix_walk w = { 0 };
	if (n < 2 || mix_walk_init(&w, n, mix_cap(ix)))
		goto done;
	estimate_u(m, ix, n);
	for (int t = 0; t < MIX_TABLES; t++) {
		struct patterns p = { 0 };
		struct gather g = { .m = m, .ix = ix, .p = &p, .max = EM_PAIRS };
		size_t total = mix_table_pairs(ix, t);
		/* Every record is an anchor when the pairs fit, else every step-th:
		 * a sample spread over the whole registry. */
		size_t step = total > EM_PAIRS ? total / EM_PAIRS + 1 : 1;
		memset(w.stamp, 0, n * sizeof(uint32_t));
		for (size_t i = 0, k = 0; i < n && g.pairs < g.max; i += step, k++) {
			if (k % 1024 == 1023) {
				breathe(ix);
				g.vi = 0;
			}
			mix_neighbours(ix, i, mix_table_slots(t), mix_cap(ix), mix_cap(ix), &w,
				       gather_pair, &g);
		}
		if (p.total >= 10) {
			double mt[MATCH_NFIELDS][MATCH_MAX_LEVELS];
			bool has[MATCH_NFIELDS] = { 0 };
			double matches = em(m, &p, held_out(t), mt, has);
			/* One field alone cannot tell matches from the rest: EM
			 * then drifts anywhere (names and birth date only, in
			 * the round of the name-pair key, leave the date alone). */
			int informative = 0;
			for (int f = 0; f < MATCH_NFIELDS; f++)
				informative += has[f] && !(held_out(t) & (1u << f));
			if (informative < 2)
				matches = 0;
			for (int f = 0; f < MATCH_NFIELDS && matches >= 1; f++) {
				if (!has[f] || (held_out(t) & (1u << f)))
					continue;
				for (int l = 0; l < MATCH_MAX_LEVELS; l++)
					sum[f][l] += matches * mt[f][l];
				weight[f] += matches;
			}
			if (matches >= 1) {
				lambda += matches;
				lambda_w += p.total;
			}
		}
		pat_free(&p);
	}
	for (int f = 0; f < MATCH_NFIELDS; f++)
		if (weight[f] > 0)
			for (int l = 0; l < match_levels((enum match_field)f); l++)
				m->m[f][l] = sum[f][l] / weight[f];
	if (lambda_w > 0)
		m->lambda = lambda / lambda_w;
	m->records = (double)mix_live(ix);
	rc = 0;
done:
	mix_unlock(ix);
	mix_walk_free(&w);
	return rc;
}

void match_model_refine(struct match_model *m, struct match_index *ix,
			const struct match_label *labels, size_t n, double prior,
			size_t *out_fp, size_t *out_fn)
{
	double count[MATCH_NFIELDS][MATCH_MAX_LEVELS] = { { 0 } }, total[MATCH_NFIELDS] = { 0 };
	struct match_explanation e;
	size_t fp = 0, fn = 0;

	if (prior <= 0)
		prior = 20;
	for (size_t i = 0; i < n; i++) {
		if (!labels[i].same)
			continue;
		match_compare(ix, m, &labels[i].a, &labels[i].b, &e);
		for (int f = 0; f < MATCH_NFIELDS; f++)
			if (e.level[f] != MATCH_MISSING) {
				count[f][e.level[f]] += 1;
				total[f] += 1;
			}
	}
	for (int f = 0; f < MATCH_NFIELDS; f++)
		for (int l = 0; l < match_levels((enum match_field)f); l++)
			m->m[f][l] = (count[f][l] + prior * m->m[f][l]) / (total[f] + prior);
	for (size_t i = 0; i < n; i++) {
		match_compare(ix, m, &labels[i].a, &labels[i].b, &e);
		enum match_verdict v = match_verdict(m, &e);
		fp += !labels[i].same && v == MATCH_LIKELY;
		fn += labels[i].same && v == MATCH_NO;
	}
	if (out_fp)
		*out_fp = fp;
	if (out_fn)
		*out_fn = fn;
}

/* find.c: the three questions asked of an index: who may this person be
 * (match_find), how alike are these two (match_compare), which pairs of the
 * whole registry may be one person (match_scan). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/index.h"

static const struct mfreq *freq_of(const struct match_index *ix, struct mfreq *f)
{
	f->ix = ix;
	f->share = mix_share;
	return f;
}

enum match_verdict match_verdict(const struct match_model *m, double score)
{
	if (score >= m->likely)
		return MATCH_LIKELY;
	return score >= m->possible ? MATCH_POSSIBLE : MATCH_NO;
}

/* A set of record numbers for one query: open addressing, sized up front
 * from the lengths of the lists to walk. */
struct seen {
	uint32_t *slot; /* record + 1, 0 empty */
	size_t mask;
};

static bool seen_add(struct seen *s, size_t rec)
{
	size_t i = mhash_mix(rec) & s->mask;
	while (s->slot[i]) {
		if (s->slot[i] == rec + 1)
			return false;
		i = (i + 1) & s->mask;
	}
	s->slot[i] = (uint32_t)(rec + 1);
	return true;
}

/* Keeps out[0 .. *n - 1] the best max candidates, best first. */
static void keep_best(struct match_candidate *out, size_t max, size_t *n,
		      const struct match_candidate *c)
{
	size_t i = *n < max ? (*n)++ : max;
	if (i == max && (max == 0 || out[max - 1].why.score >= c->why.score))
		return;
	if (i == max)
		i = max - 1;
	while (i > 0 && out[i - 1].why.score < c->why.score) {
		out[i] = out[i - 1];
		i--;
	}
	out[i] = *c;
}

int match_find(struct match_index *ix, const struct match_model *m, const struct match_record *r,
	       double min_score, struct match_candidate *out, size_t max)
{
	struct mquery q;
	struct mview v;
	struct mfreq fr;
	uint32_t key[MIX_SLOTS], head[MIX_SLOTS + MIX_DOC_LISTS], count;
	size_t total = 0, n = 0;

	mrec_normalise(r, &q);
	mix_rdlock(ix);
	mix_resolve(ix, &q.v);
	mix_keys(&q.v, key);
	unsigned cap = mix_cap(ix);
	for (int s = 0; s < MIX_SLOTS; s++) {
		head[s] = mix_postings(ix, s, key[s], &count);
		if (count > cap)
			head[s] = 0; /* too common to tell anyone apart */
		else if (head[s])
			total += count;
	}
	size_t nheads =
		MIX_SLOTS + mix_doc_lists(ix, &q.v, head + MIX_SLOTS, MIX_DOC_LISTS, &total);
	size_t size = 16;
	while (size < 2 * total)
		size *= 2;
	struct seen seen = { calloc(size, sizeof(uint32_t)), size - 1 };
	if (!seen.slot) {
		mix_unlock(ix);
		return -1;
	}
	for (size_t s = 0; s < nheads; s++)
		for (uint32_t p = head[s]; p; p = mix_next(ix, p)) {
			size_t j = mix_posting_record(p);
			if (!seen_add(&seen, j) || !mix_view(ix, j, &v))
				continue;
			char buf[MATCH_ID_MAX + 1];
			const char *id = mix_id(ix, j, buf);
			if (r->id && !strcmp(id, r->id))
				continue;
			struct match_candidate c;
			snprintf(c.id, sizeof(c.id), "%s", id);
			mcmp_score(m, freq_of(ix, &fr), &q.v, &v, &c.why);
			if (c.why.score < min_score)
				continue;
			c.verdict = match_verdict(m, c.why.score);
			keep_best(out, max, &n, &c);
		}
	mix_unlock(ix);
	free(seen.slot);
	return (int)n;
}

void match_compare(struct match_index *ix, const struct match_model *m,
		   const struct match_record *a, const struct match_record *b,
		   struct match_explanation *out)
{
	struct mquery *qa = malloc(sizeof(*qa)), *qb = malloc(sizeof(*qb));
	struct mfreq fr;
	if (!qa || !qb)
		abort();
	mrec_normalise(a, qa);
	mrec_normalise(b, qb);
	if (ix) {
		mix_rdlock(ix);
		mix_resolve(ix, &qa->v);
		mix_resolve(ix, &qb->v);
		mcmp_score(m, freq_of(ix, &fr), &qa->v, &qb->v, out);
		mix_unlock(ix);
	} else {
		mcmp_score(m, NULL, &qa->v, &qb->v, out);
	}
	free(qa);
	free(qb);
}

int mix_neighbours(const struct match_index *ix, size_t i, unsigned slots, unsigned cap,
		   uint32_t *stamp, int (*fn)(size_t i, size_t j, void *arg), void *arg)
{
	struct mview v;
	uint32_t key[MIX_SLOTS], count, doc[MIX_DOC_LISTS];
	size_t postings = 0;
	if (!mix_view(ix, i, &v))
		return 0;
	mix_keys(&v, key);
	size_t ndoc = slots & (1u << MIX_S_DOC0) ? mix_doc_lists(ix, &v, doc, MIX_DOC_LISTS, &postings)
						    : 0;
	for (size_t s = 0; s < MIX_SLOTS + ndoc; s++) {
		uint32_t p;
		if (s >= MIX_SLOTS) {
			p = doc[s - MIX_SLOTS];
		} else {
			if (!(slots & (1u << s)))
				continue;
			p = mix_postings(ix, (int)s, key[s], &count);
			if (count > cap)
				continue;
		}
		/* Lists run newest first: the records after i come first. */
		for (; p && mix_posting_record(p) > i; p = mix_next(ix, p)) {
			size_t j = mix_posting_record(p);
			if (stamp[j] == i + 1)
				continue;
			stamp[j] = (uint32_t)(i + 1);
			int rc = fn(i, j, arg);
			if (rc)
				return rc;
		}
	}
	return 0;
}

struct scan {
	const struct match_index *ix;
	const struct match_model *m;
	struct mfreq fr;
	double min;
	match_pair_fn fn;
	void *arg;
	size_t vi; /* the record in a */
	struct mview a, b;
};

static int scan_pair(size_t i, size_t j, void *arg)
{
	struct scan *s = arg;
	struct match_explanation why;
	if (s->vi != i + 1) {
		mix_view(s->ix, i, &s->a);
		s->vi = i + 1;
	}
	if (!mix_view(s->ix, j, &s->b))
		return 0;
	mcmp_score(s->m, &s->fr, &s->a, &s->b, &why);
	if (why.score < s->min)
		return 0;
	char a[MATCH_ID_MAX + 1], b[MATCH_ID_MAX + 1];
	return s->fn(mix_id(s->ix, i, a), mix_id(s->ix, j, b), &why, s->arg);
}

int match_scan(struct match_index *ix, const struct match_model *m, double min_score,
	       unsigned cap, unsigned part, unsigned nparts, match_pair_fn fn, void *arg)
{
	struct scan *s = calloc(1, sizeof(*s));
	int rc = 0;

	if (!s)
		return -1;
	mix_rdlock(ix);
	size_t n = mix_records(ix);
	uint32_t *stamp = calloc(n ? n : 1, sizeof(uint32_t));
	if (!stamp) {
		mix_unlock(ix);
		free(s);
		return -1;
	}
	s->ix = ix;
	s->m = m;
	freq_of(ix, &s->fr);
	s->min = min_score;
	s->fn = fn;
	s->arg = arg;
	if (!nparts)
		nparts = 1;
	if (!cap || cap > mix_cap(ix))
		cap = mix_cap(ix);
	for (size_t i = part; i < n && !rc; i += nparts)
		rc = mix_neighbours(ix, i, (1u << MIX_SLOTS) - 1, cap, stamp, scan_pair, s);
	mix_unlock(ix);
	free(stamp);
	free(s);
	return rc;
}

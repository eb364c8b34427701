/* find.c: the three questions asked of an index: who may this person be
 * (match_find), how alike are these two (match_compare), which pairs of the
 * whole registry may be one person (match_scan). */
#include <math.h>
#include <stdbool.h>
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

double match_threshold(const struct match_model *m, enum match_verdict v)
{
	double t = v == MATCH_LIKELY ? m->likely : m->possible;
	if (m->records > MATCH_REF_RECORDS)
		t += log2(m->records / MATCH_REF_RECORDS);
	return t;
}

enum match_verdict match_verdict(const struct match_model *m, const struct match_explanation *why)
{
	if (why->score < match_threshold(m, MATCH_POSSIBLE))
		return MATCH_NO;
	if (why->score < match_threshold(m, MATCH_LIKELY))
		return MATCH_POSSIBLE;
	if (why->level[MATCH_BIRTH] != MATCH_DATE_DIFFERENT || why->level[MATCH_DOCUMENT] >= 1)
		return MATCH_LIKELY;
	/* Another birth date: what a family shares (sex, nationality, phone,
	 * address, place) may not make up for it; the names must. */
	double personal = 0;
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		bool own = f == MATCH_GIVEN || f == MATCH_FAMILY || f == MATCH_BIRTH ||
			   f == MATCH_DOCUMENT;
		personal += own || why->weight[f] < 0 ? why->weight[f] : 0;
	}
	return personal >= match_threshold(m, MATCH_LIKELY) ? MATCH_LIKELY : MATCH_POSSIBLE;
}

/* The records a query's lists hold: open addressing, sized up front from
 * the lengths of the lists to walk. mark[i]: how many lists the record is
 * in, and MIX_MARK_SMALL when one of them is short. */
struct seen {
	uint32_t *slot; /* record + 1, 0 empty */
	uint8_t *mark;
	size_t mask, used;
};

static size_t seen_pos(const struct seen *s, size_t rec)
{
	size_t i = mhash_mix(rec) & s->mask;
	while (s->slot[i] && s->slot[i] != rec + 1)
		i = (i + 1) & s->mask;
	return i;
}

/* Doubles the set; false when out of memory (the set is unchanged). The
 * lists' counts leave out removed entries their postings still hold, so
 * the size guessed from them can be short. */
static bool seen_grow(struct seen *s)
{
	struct seen g = { calloc(2 * (s->mask + 1), sizeof(uint32_t)), calloc(2 * (s->mask + 1), 1),
			  2 * (s->mask + 1) - 1, s->used };
	if (!g.slot || !g.mark) {
		free(g.slot);
		free(g.mark);
		return false;
	}
	for (size_t i = 0; i <= s->mask; i++)
		if (s->slot[i]) {
			size_t j = seen_pos(&g, s->slot[i] - 1);
			g.slot[j] = s->slot[i];
			g.mark[j] = s->mark[i];
		}
	free(s->slot);
	free(s->mark);
	*s = g;
	return true;
}

static void seen_add(struct seen *s, size_t rec, bool small)
{
	size_t i = seen_pos(s, rec);
	if (!s->slot[i]) {
		if (4 * (s->used + 1) > 3 * (s->mask + 1)) {
			if (!seen_grow(s))
				return; /* out of memory: this one is not a candidate */
			i = seen_pos(s, rec);
		}
		s->slot[i] = (uint32_t)(rec + 1);
		s->used++;
	}
	if ((s->mark[i] & 0x7f) < 0x7f)
		s->mark[i]++;
	if (small)
		s->mark[i] |= MIX_MARK_SMALL;
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
	uint32_t key[MIX_SLOTS], head[MIX_SLOTS + MIX_DOC_LISTS], len[MIX_SLOTS], count;
	size_t total = 0, n = 0;

	mrec_normalise(r, &q);
	mix_rdlock(ix);
	mix_resolve(ix, &q.v);
	mix_keys(&q.v, key);
	unsigned cap = mix_cap(ix);
	for (int s = 0; s < MIX_SLOTS; s++) {
		head[s] = mix_postings(ix, s, key[s], &count);
		len[s] = count;
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
	struct seen seen = { calloc(size, sizeof(uint32_t)), calloc(size, 1), size - 1, 0 };
	if (!seen.slot || !seen.mark) {
		mix_unlock(ix);
		free(seen.slot);
		free(seen.mark);
		return -1;
	}
	/* Walking a list is cheap, scoring is not: a record only in long
	 * lists ("García" born in 1990) is scored when it shares two keys
	 * with the query. */
	for (size_t s = 0; s < nheads; s++) {
		bool small = s >= MIX_SLOTS || len[s] <= MIX_SMALL_LIST;
		for (uint32_t p = head[s]; p; p = mix_next(ix, p))
			seen_add(&seen, mix_posting_record(p), small);
	}
	for (size_t i = 0; i <= seen.mask; i++) {
		if (!seen.slot[i] || (!(seen.mark[i] & MIX_MARK_SMALL) && (seen.mark[i] & 0x7f) < 2))
			continue;
		size_t j = seen.slot[i] - 1;
		if (!mix_view(ix, j, &v))
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
		c.verdict = match_verdict(m, &c.why);
		keep_best(out, max, &n, &c);
	}
	mix_unlock(ix);
	free(seen.slot);
	free(seen.mark);
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

int mix_walk_init(struct mix_walk *w, size_t records, unsigned cap)
{
	w->records = records;
	w->stamp = calloc(records ? records : 1, sizeof(uint32_t));
	w->mark = calloc(records ? records : 1, 1);
	w->room = (size_t)MIX_SLOTS * cap + (size_t)MIX_DOC_LISTS * MIX_DOC_CAP;
	w->met = malloc(w->room * sizeof(uint32_t));
	if (!w->stamp || !w->mark || !w->met) {
		mix_walk_free(w);
		return -1;
	}
	return 0;
}

void mix_walk_free(struct mix_walk *w)
{
	free(w->stamp);
	free(w->mark);
	free(w->met);
	memset(w, 0, sizeof(*w));
}

int mix_neighbours(const struct match_index *ix, size_t i, unsigned slots, unsigned cap,
		   unsigned small, struct mix_walk *w, int (*fn)(size_t i, size_t j, void *arg),
		   void *arg)
{
	struct mview v;
	uint32_t key[MIX_SLOTS], count, doc[MIX_DOC_LISTS];
	size_t postings = 0, nmet = 0;
	if (!mix_view(ix, i, &v))
		return 0;
	mix_keys(&v, key);
	size_t ndoc = slots & (1u << MIX_S_DOC0) ? mix_doc_lists(ix, &v, doc, MIX_DOC_LISTS, &postings)
						    : 0;
	for (size_t s = 0; s < MIX_SLOTS + ndoc; s++) {
		uint32_t p;
		count = 0;
		if (s >= MIX_SLOTS) {
			p = doc[s - MIX_SLOTS];
		} else {
			if (!(slots & (1u << s)))
				continue;
			p = mix_postings(ix, (int)s, key[s], &count);
			if (count > cap)
				continue;
		}
		uint8_t flag = count <= small ? MIX_MARK_SMALL : 0;
		/* Lists run newest first: the records after i come first. */
		for (; p && mix_posting_record(p) > i && nmet < w->room; p = mix_next(ix, p)) {
			size_t j = mix_posting_record(p);
			if (j >= w->records)
				continue; /* added after the walk began */
			if (w->stamp[j] != i + 1) {
				w->stamp[j] = (uint32_t)(i + 1);
				w->mark[j] = 0;
				w->met[nmet++] = (uint32_t)j;
			}
			if ((w->mark[j] & 0x7f) < 0x7f)
				w->mark[j]++;
			w->mark[j] |= flag;
		}
	}
	/* Records met only in long lists are scored when they share two keys
	 * with i, as a lookup does. */
	for (size_t k = 0; k < nmet; k++) {
		uint32_t j = w->met[k];
		if (!(w->mark[j] & MIX_MARK_SMALL) && (w->mark[j] & 0x7f) < 2)
			continue;
		int rc = fn(i, j, arg);
		if (rc)
			return rc;
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
	if (!nparts)
		nparts = 1;
	if (!cap || cap > mix_cap(ix))
		cap = mix_cap(ix);
	struct mix_walk w;
	if (mix_walk_init(&w, n, cap)) {
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
	for (size_t i = part, k = 0; i < n && !rc; i += nparts, k++) {
		/* Let registrations in now and then: the records added meanwhile
		 * are left to the next scan (mix_neighbours skips them), and
		 * the cached view may point at a dictionary that moved. */
		if (k % 1024 == 1023) {
			mix_unlock(ix);
			mix_rdlock(ix);
			s->vi = 0;
		}
		rc = mix_neighbours(ix, i, (1u << MIX_SLOTS) - 1, cap, MIX_SCAN_SMALL, &w,
				    scan_pair, s);
	}
	mix_unlock(ix);
	mix_walk_free(&w);
	free(s);
	return rc;
}

/* dedupe.c: a file's records linked against each other, on every core:
 * match_scan split in parts, one thread a part, each keeping its pairs. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/dedupe.h"

enum { MAX_THREADS = 8 };

struct part {
	struct match_index *ix;
	const struct match_model *m;
	const struct dedupe_opts *o;
	unsigned k, nparts;
	struct dedupe_pair *pairs;
	size_t n, cap, compared;
	int rc;
};

static size_t record_no(const char *id)
{
	return (size_t)strtoull(id, NULL, 10);
}

static int keep(const char *id_a, const char *id_b, const struct match_explanation *why, void *arg)
{
	struct part *p = arg;
	p->compared++;
	enum match_verdict v = match_verdict(p->m, why);
	int judged = p->o->cut == DEDUPE_LIKELY	  ? v == MATCH_LIKELY
		     : p->o->cut == DEDUPE_POSSIBLE ? v != MATCH_NO
						    : why->score >= p->o->score;
	if (!judged)
		return 0;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 1024;
		struct dedupe_pair *q = realloc(p->pairs, cap * sizeof(*q));
		if (!q)
			return -1;
		p->pairs = q;
		p->cap = cap;
	}
	size_t a = record_no(id_a), b = record_no(id_b);
	p->pairs[p->n++] = (struct dedupe_pair){ a < b ? a : b, a < b ? b : a, why->score, v };
	return 0;
}

static void *scan_part(void *arg)
{
	struct part *p = arg;
	/* Every pair is scored and counted; keep() judges. */
	p->rc = match_scan(p->ix, p->m, -1e300, MATCH_SCAN_CAP, p->k, p->nparts, keep, p);
	return NULL;
}

static int by_records(const void *x, const void *y)
{
	const struct dedupe_pair *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

static unsigned threads_for(const struct dedupe_opts *o)
{
	long n = o->threads ? (long)o->threads : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

int dedupe_run(const struct match_record *recs, size_t n, const struct dedupe_opts *o,
	       struct dedupe_result *out)
{
	memset(out, 0, sizeof(*out));
	match_model_default(&out->model);
	struct match_index *ix = match_index_new(0);
	if (!ix)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char id[24];
		struct match_record r = recs[i];
		snprintf(id, sizeof(id), "%zu", i);
		r.id = id;
		if (match_index_add(ix, &r)) {
			match_index_free(ix);
			return -1;
		}
	}
	match_model_estimate(&out->model, ix); /* fewer than 2 records: nothing to link */
	out->likely = match_threshold(&out->model, MATCH_LIKELY);
	out->possible = match_threshold(&out->model, MATCH_POSSIBLE);

	unsigned nt = threads_for(o);
	struct part parts[MAX_THREADS] = { 0 };
	pthread_t tid[MAX_THREADS];
	int running[MAX_THREADS] = { 0 };
	int rc = 0;
	for (unsigned k = 0; k < nt; k++)
		parts[k] = (struct part){ .ix = ix, .m = &out->model, .o = o, .k = k, .nparts = nt };
	for (unsigned k = 1; k < nt && !rc; k++) {
		running[k] = pthread_create(&tid[k], NULL, scan_part, &parts[k]) == 0;
		rc = running[k] ? 0 : -1;
	}
	if (!rc)
		scan_part(&parts[0]);
	for (unsigned k = 1; k < nt; k++)
		if (running[k])
			pthread_join(tid[k], NULL);
	size_t total = 0;
	for (unsigned k = 0; k < nt; k++) {
		rc = rc ? rc : parts[k].rc;
		total += parts[k].n;
		out->compared += parts[k].compared;
	}
	if (!rc && total) {
		out->pairs = malloc(total * sizeof(*out->pairs));
		rc = out->pairs ? 0 : -1;
	}
	for (unsigned k = 0; k < nt; k++) {
		if (!rc && parts[k].n)
			memcpy(out->pairs + out->n, parts[k].pairs, parts[k].n * sizeof(*out->pairs));
		out->n += rc ? 0 : parts[k].n;
		free(parts[k].pairs);
	}
	match_index_free(ix);
	if (rc) {
		dedupe_result_free(out);
		return -1;
	}
	qsort(out->pairs, out->n, sizeof(*out->pairs), by_records);
	return 0;
}

void dedupe_result_free(struct dedupe_result *r)
{
	free(r->pairs);
	r->pairs = NULL;
	r->n = 0;
}

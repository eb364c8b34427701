/* dedupe.c: a file's records linked against each other, on every core:
 * match_scan split in parts, one thread a part, each keeping its pairs. */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/dedupe.h"

enum { MAX_THREADS = 8 };

/* What exports write for "no value": such a field is missing, so two
 * records with "N/A" for a name do not agree on it. Compared without
 * case, spaces around and dots. */
static const char *const placeholders[] = {
	"na", "n/a", "nd", "n/d", "null", "none", "nil", "nan", "-", "--", "---", "?",
	"s/d", "sd", "sin dato", "sin datos", "desconocido", "desconocida", "no sabe", "ns",
	"no aplica", "no tiene", "ninguno", "ninguna", "unknown", "0",
};

static bool is_placeholder(const char *s)
{
	char v[24];
	size_t n = 0;
	if (!s)
		return false;
	for (; *s && n < sizeof(v) - 1; s++)
		if (*s != '.' && !(n == 0 && *s == ' '))
			v[n++] = (char)tolower((unsigned char)*s);
	if (*s)
		return false;
	while (n && v[n - 1] == ' ')
		n--;
	v[n] = 0;
	for (size_t i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
		if (!strcmp(v, placeholders[i]))
			return true;
	return false;
}

/* A hash of s's letters and digits, without case; 0 when it has none. */
static uint64_t value_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	bool any = false;
	for (; s && *s; s++)
		if (isalnum((unsigned char)*s)) {
			h = (h ^ (uint64_t)tolower((unsigned char)*s)) * 1099511628211ULL;
			any = true;
		}
	return any ? h | 1 : 0;
}

struct shared {
	uint64_t h;
	size_t rec;
};

static int by_hash(const void *x, const void *y)
{
	const struct shared *a = x, *b = y;
	return (a->h > b->h) - (a->h < b->h);
}

/* Clears the documents (which = 0) or phones (1) that more than
 * DEDUPE_SHARED_MAX records hold: an office's phone, "000000". */
static int clear_shared(struct match_record *r, size_t n, int which)
{
	struct shared *v = malloc((n + 1) * sizeof(*v));
	size_t k = 0;
	if (!v)
		return -1;
	for (size_t i = 0; i < n; i++) {
		uint64_t h = value_hash(which ? r[i].phones : r[i].documents);
		if (h)
			v[k++] = (struct shared){ h, i };
	}
	qsort(v, k, sizeof(*v), by_hash);
	for (size_t i = 0, j; i < k; i = j) {
		for (j = i; j < k && v[j].h == v[i].h; j++)
			;
		if (j - i > DEDUPE_SHARED_MAX)
			for (size_t x = i; x < j; x++)
				*(which ? &r[v[x].rec].phones : &r[v[x].rec].documents) = NULL;
	}
	free(v);
	return 0;
}

/* recs with placeholders and shared numbers taken out, into out. */
static int clean(const struct match_record *recs, size_t n, struct match_record *out)
{
	for (size_t i = 0; i < n; i++) {
		out[i] = recs[i];
		const char **f[] = { &out[i].given_names, &out[i].family_names, &out[i].birth_date,
				     &out[i].sex,	  &out[i].nationality,	&out[i].documents,
				     &out[i].phones,	  &out[i].address,	&out[i].locality,
				     &out[i].postcode };
		for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
			if (is_placeholder(*f[k]))
				*f[k] = NULL;
	}
	return clear_shared(out, n, 0) || clear_shared(out, n, 1) ? -1 : 0;
}

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
	struct match_record *clean_recs = malloc((n + 1) * sizeof(*clean_recs));
	struct match_index *ix = clean_recs ? match_index_new(0) : NULL;
	if (!ix || clean(recs, n, clean_recs)) {
		free(clean_recs);
		match_index_free(ix);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char id[24];
		struct match_record r = clean_recs[i];
		snprintf(id, sizeof(id), "%zu", i);
		r.id = id;
		if (match_index_add(ix, &r)) {
			match_index_free(ix);
			free(clean_recs);
			return -1;
		}
	}
	free(clean_recs); /* the index keeps copies */
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

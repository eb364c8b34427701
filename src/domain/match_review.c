/* match_review.c: the review queue of possible duplicates: the registry's
 * scan, the supervisors' decisions, and the model refined from them. */
#include "domain/match_review.h"

#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/person_match.h"

/* Records per page of the scan's keyset reads, and per transaction of its
 * writes. */
#define BATCH 2000
#define WRITES 500
/* The nightly scan: 02:00 in Panama, which keeps UTC-5 all year. */
#define NIGHTLY_UTC_SECONDS (7 * 3600)
/* Threads of a scan: the scanner's own and one more (the machines have two
 * cores, and requests need some). */
#define SCAN_THREADS 2

/* ---- the explanation and the model as JSON ---- */

/* o as compact JSON text in a, with jansson's flags; takes o. */
static char *dump(struct arena *a, json_t *o, size_t flags)
{
	char *s = json_dumps(o, JSON_COMPACT | flags);
	json_decref(o);
	if (!s)
		abort();
	char *out = arena_strdup(a, s);
	free(s);
	return out;
}

/* why as {"swapped": 0|1, "fields": [{"field", "level", "weight"}...]},
 * fields compared only; in a. */
static char *why_json(struct arena *a, const struct match_explanation *why)
{
	json_t *fields = json_array();
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		int lv = why->level[f];
		if (lv == MATCH_MISSING)
			continue;
		json_array_append_new(fields, json_pack("{s:s, s:s, s:f}", "field",
							 match_field_name((enum match_field)f), "level",
							 match_level_name((enum match_field)f, lv),
							 "weight", round(why->weight[f] * 100) / 100));
	}
	return dump(a, json_pack("{s:i, s:o}", "swapped", why->swapped, "fields", fields), 0);
}

/* Reads back what why_json wrote; score is the stored one (bits). A field
 * or level this version does not know is left out. */
static void why_parse(const char *text, double score, struct match_explanation *why)
{
	memset(why, 0, sizeof(*why));
	for (int f = 0; f < MATCH_NFIELDS; f++)
		why->level[f] = MATCH_MISSING;
	why->score = score;
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;
	if (!o)
		return;
	why->swapped = (int)json_integer_value(json_object_get(o, "swapped"));
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(o, "fields"), i, x)
	{
		const char *field = json_string_value(json_object_get(x, "field"));
		const char *level = json_string_value(json_object_get(x, "level"));
		for (int f = 0; field && level && f < MATCH_NFIELDS; f++) {
			if (strcmp(field, match_field_name((enum match_field)f)) != 0)
				continue;
			for (int l = 0; l < match_levels((enum match_field)f); l++)
				if (strcmp(level, match_level_name((enum match_field)f, l)) == 0) {
					why->level[f] = l;
					why->weight[f] = json_number_value(json_object_get(x, "weight"));
				}
		}
	}
	json_decref(o);
}

static json_t *table_json(const double t[MATCH_NFIELDS][MATCH_MAX_LEVELS])
{
	json_t *rows = json_array();
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		json_t *row = json_array();
		for (int l = 0; l < MATCH_MAX_LEVELS; l++)
			json_array_append_new(row, json_real(t[f][l]));
		json_array_append_new(rows, row);
	}
	return rows;
}

/* m as JSON: {"m": [[...]], "u": [[...]], "lambda", "likely", "possible",
 * "records", "tf_max_bits"}; in a. */
static char *model_json(struct arena *a, const struct match_model *m)
{
	json_t *o = json_pack("{s:o, s:o, s:f, s:f, s:f, s:f, s:f}", "m", table_json(m->m), "u",
			      table_json(m->u), "lambda", m->lambda, "likely", m->likely, "possible",
			      m->possible, "records", m->records, "tf_max_bits", m->tf_max_bits);
	return dump(a, o, JSON_REAL_PRECISION(17));
}

static int table_parse(json_t *rows, double t[MATCH_NFIELDS][MATCH_MAX_LEVELS])
{
	if (json_array_size(rows) != MATCH_NFIELDS)
		return -1;
	for (size_t f = 0; f < MATCH_NFIELDS; f++) {
		json_t *row = json_array_get(rows, f);
		if (json_array_size(row) != MATCH_MAX_LEVELS)
			return -1;
		for (size_t l = 0; l < MATCH_MAX_LEVELS; l++) {
			json_t *v = json_array_get(row, l);
			if (!json_is_number(v))
				return -1;
			t[f][l] = json_number_value(v);
		}
	}
	return 0;
}

/* Fills m from model_json's text; -1 when it is not that. */
static int model_parse(const char *text, struct match_model *m)
{
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;
	int rc = -1;
	match_model_default(m);
	if (o && table_parse(json_object_get(o, "m"), m->m) == 0 &&
	    table_parse(json_object_get(o, "u"), m->u) == 0) {
		m->lambda = json_number_value(json_object_get(o, "lambda"));
		m->likely = json_number_value(json_object_get(o, "likely"));
		m->possible = json_number_value(json_object_get(o, "possible"));
		m->records = json_number_value(json_object_get(o, "records"));
		m->tf_max_bits = json_number_value(json_object_get(o, "tf_max_bits"));
		rc = 0;
	}
	json_decref(o);
	return rc;
}

static int newest_model(struct store *st, struct arena *a, struct match_model_row *out)
{
	struct store_list l;
	/* By seq: created_at has whole seconds and the ids' milliseconds
	 * come in random order within one, and two scans may end within
	 * one. */
	int rc = store_list(st, &ENT_MATCH_MODEL, a, NULL, NULL, "seq", 1, 1, 0, &l);
	if (rc)
		return dom_from_store(rc);
	if (!l.n)
		return DOM_NOTFOUND;
	*out = *(struct match_model_row *)l.items[0];
	return DOM_OK;
}

int match_review_model_load(struct store *st, struct match_model *m)
{
	struct arena *a = arena_new();
	struct match_model_row row;
	int rc = newest_model(st, a, &row);
	if (rc == DOM_OK && model_parse(row.model, m)) {
		log_error("match: the stored model %s cannot be read; using the default", row.id);
		rc = DOM_ERROR;
	}
	arena_free(a);
	return rc;
}

/* ---- the queue ---- */

/* Fills out from a stored row: both people and their documents. */
static int load_pair(struct ctx *c, const struct match_pair *row, struct review_pair *out)
{
	int rc;
	memset(out, 0, sizeof(*out));
	out->row = *row;
	if ((rc = store_get(c->st, &ENT_PERSON, c->a, "id", row->person_a, &out->a)) ||
	    (rc = store_get(c->st, &ENT_PERSON, c->a, "id", row->person_b, &out->b)) ||
	    (rc = store_list(c->st, &ENT_DOCUMENT, c->a, "person_id", row->person_a, "created_at", 0,
			     100, 0, &out->docs_a)) ||
	    (rc = store_list(c->st, &ENT_DOCUMENT, c->a, "person_id", row->person_b, "created_at", 0,
			     100, 0, &out->docs_b)))
		return dom_from_store(rc);
	out->score = strtod(row->score, NULL) / 100;
	out->verdict = strcmp(row->verdict, "likely") == 0 ? MATCH_LIKELY : MATCH_POSSIBLE;
	why_parse(row->why, out->score, &out->why);
	/* The pair shows both people's names, birth dates and documents: a
	 * read of each, audited as a profile is (and not shown if it cannot
	 * be recorded). */
	if ((rc = audit_view(c, "person", row->person_a)) ||
	    (rc = audit_view(c, "person", row->person_b)))
		return rc;
	return DOM_OK;
}

static int known(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

int match_review_list(struct ctx *c, const char *status, const char *verdict, long limit,
		      long offset, struct review_pair **out, size_t *n, long long *total,
		      struct errors *errs)
{
	static const char *const statuses[] = { "pending", "same", "different", NULL };
	static const char *const verdicts[] = { "likely", "possible", NULL };
	struct store_list l;
	*out = NULL;
	*n = 0;
	*total = 0;
	int rc = auth_check(c->user, PERM_REGISTRY_MERGE);
	if (rc)
		return rc;
	if (!status || !*status)
		status = "pending";
	if (verdict && !*verdict)
		verdict = NULL;
	int bad_status = !known(status, statuses), bad_verdict = verdict && !known(verdict, verdicts);
	if (bad_status)
		errors_add(errs, "status", _("Choose pending, same or different."));
	if (bad_verdict)
		errors_add(errs, "verdict", _("Choose likely or possible."));
	if (bad_status || bad_verdict)
		return DOM_INVALID;
	int pending = strcmp(status, "pending") == 0;
	/* A pending pair's verdict is also in its queue column, so one
	 * index gives one verdict's pending pairs best first. */
	const char *key = pending && verdict ? "queue" : "status";
	const char *value = pending && verdict ? verdict : status;
	const char *order = pending ? "score" : "decided_at";
	if ((rc = store_count(c->st, &ENT_MATCH_PAIR, key, value, total)) ||
	    (rc = store_list(c->st, &ENT_MATCH_PAIR, c->a, key, value, order, 1, limit, offset, &l)))
		return dom_from_store(rc);
	*out = arena_alloc(c->a, sizeof(**out) * (l.n ? l.n : 1));
	for (size_t i = 0; i < l.n; i++) {
		if ((rc = load_pair(c, l.items[i], &(*out)[*n])))
			return rc;
		(*n)++;
	}
	return DOM_OK;
}

int match_review_get(struct ctx *c, const char *id, struct review_pair *out)
{
	struct match_pair row;
	int rc = auth_check(c->user, PERM_REGISTRY_MERGE);
	if (rc)
		return rc;
	if (!id || (rc = dom_from_store(store_get(c->st, &ENT_MATCH_PAIR, c->a, "id", id, &row))))
		return id ? rc : DOM_NOTFOUND;
	return load_pair(c, &row, out);
}

int match_review_decide(struct ctx *c, const char *id, const char *decision,
			struct errors *errs, struct review_pair *out)
{
	struct match_pair row;
	char now[32];
	int rc = auth_check(c->user, PERM_REGISTRY_MERGE);
	if (rc)
		return rc;
	if (!decision || (strcmp(decision, "same") != 0 && strcmp(decision, "different") != 0)) {
		errors_add(errs, "decision", _("Choose same or different."));
		return DOM_INVALID;
	}
	if (!id)
		return DOM_NOTFOUND;
	if ((rc = store_begin(c->st)))
		return dom_from_store(rc);
	/* Read inside the write transaction: of two supervisors deciding at
	 * once, the second sees the first's decision. */
	if ((rc = store_get(c->st, &ENT_MATCH_PAIR, c->a, "id", id, &row))) {
		store_rollback(c->st);
		return dom_from_store(rc);
	}
	if (strcmp(row.status, "pending") != 0) {
		store_rollback(c->st);
		return DOM_CONFLICT;
	}
	time_now_iso(now);
	row.status = arena_strdup(c->a, decision);
	row.queue = NULL;
	row.decided_by = c->user->id;
	row.decided_at = arena_strdup(c->a, now);
	const char *action = strcmp(decision, "same") == 0 ? "review_same" : "review_different";
	if ((rc = store_update(c->st, &ENT_MATCH_PAIR, &row))) {
		store_rollback(c->st);
		return dom_from_store(rc);
	}
	if ((rc = audit_record(c, action, "person", row.person_a, "match_pair")) ||
	    (rc = audit_record(c, action, "person", row.person_b, "match_pair"))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = store_commit(c->st)))
		return dom_from_store(rc);
	return out ? load_pair(c, &row, out) : DOM_OK;
}

/* ---- the scan ---- */

/* A pair of ids, person_a < person_b. */
struct pair_key {
	char a[MATCH_ID_MAX + 1], b[MATCH_ID_MAX + 1];
};

static int key_cmp(const void *x, const void *y)
{
	const struct pair_key *p = x, *q = y;
	int d = strcmp(p->a, q->a);
	return d ? d : strcmp(p->b, q->b);
}

static void key_set(struct pair_key *k, const char *x, const char *y)
{
	if (strcmp(x, y) > 0) {
		const char *t = x;
		x = y;
		y = t;
	}
	snprintf(k->a, sizeof(k->a), "%s", x);
	snprintf(k->b, sizeof(k->b), "%s", y);
}

/* A growable array of malloc'd elements; aborts when out of memory (the
 * sizes are the registry's, not a client's). */
static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 256;
	v = realloc(v, *cap * size);
	if (!v)
		abort();
	return v;
}

/* What the stored queue holds, read before a scan. */
struct stored {
	struct pair_key *seen; /* every pair, sorted */
	size_t nseen, cap_seen;
	struct match_pair *pending; /* id, people, score, verdict (strings in a); sorted */
	size_t npending, cap_pending;
	struct match_label *labels; /* records' strings in a */
	size_t nlabels, cap_labels, nsame;
	struct arena *a;
};

static int pending_cmp(const void *x, const void *y)
{
	const struct match_pair *p = x, *q = y;
	int d = strcmp(p->person_a, q->person_a);
	return d ? d : strcmp(p->person_b, q->person_b);
}

static int read_stored(struct store *st, struct stored *s)
{
	char after[40] = "";
	for (;;) {
		struct arena *page = arena_new();
		struct store_list l;
		int rc = store_scan(st, &ENT_MATCH_PAIR, page, after[0] ? after : NULL, BATCH, &l);
		if (rc) {
			arena_free(page);
			return dom_from_store(rc);
		}
		for (size_t i = 0; i < l.n && !rc; i++) {
			struct match_pair *p = l.items[i];
			s->seen = grow(s->seen, &s->cap_seen, s->nseen, sizeof(*s->seen));
			key_set(&s->seen[s->nseen++], p->person_a, p->person_b);
			snprintf(after, sizeof(after), "%s", p->id);
			if (strcmp(p->status, "pending") == 0) {
				s->pending = grow(s->pending, &s->cap_pending, s->npending,
						  sizeof(*s->pending));
				s->pending[s->npending++] = (struct match_pair){
					.id = arena_strdup(s->a, p->id),
					.person_a = arena_strdup(s->a, p->person_a),
					.person_b = arena_strdup(s->a, p->person_b),
					.score = arena_strdup(s->a, p->score),
					.verdict = arena_strdup(s->a, p->verdict),
				};
				continue;
			}
			/* A decided pair: both people as the engine reads them now. */
			struct person pa, pb;
			struct match_label *lb;
			if ((rc = store_get(st, &ENT_PERSON, s->a, "id", p->person_a, &pa)) ||
			    (rc = store_get(st, &ENT_PERSON, s->a, "id", p->person_b, &pb))) {
				if (rc != STORE_NOTFOUND)
					break;
				rc = STORE_OK; /* people are never deleted; should one be */
				continue;
			}
			s->labels = grow(s->labels, &s->cap_labels, s->nlabels, sizeof(*s->labels));
			lb = &s->labels[s->nlabels++];
			person_match_record(s->a, &pa, person_match_documents(st, s->a, pa.id), &lb->a);
			person_match_record(s->a, &pb, person_match_documents(st, s->a, pb.id), &lb->b);
			lb->same = strcmp(p->status, "same") == 0;
			s->nsame += (size_t)lb->same;
		}
		size_t got = l.n;
		arena_free(page);
		if (rc)
			return dom_from_store(rc);
		if (got < BATCH)
			break;
	}
	if (s->nseen)
		qsort(s->seen, s->nseen, sizeof(*s->seen), key_cmp);
	if (s->npending)
		qsort(s->pending, s->npending, sizeof(*s->pending), pending_cmp);
	return DOM_OK;
}

static void free_stored(struct stored *s)
{
	free(s->seen);
	free(s->pending);
	free(s->labels);
	arena_free(s->a);
}

/* The scanner thread's state (see match_review_start). */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int started, stop, requested, scanning, failed;
	struct store *st;
	pthread_t thread;
} w = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* The pairs a scan found, from any of its threads. */
struct found {
	struct pair_key k;
	struct match_explanation why;
	enum match_verdict verdict;
};
struct collector {
	pthread_mutex_t mu;
	const struct match_model *m;
	struct found *v;
	size_t n, cap;
};

static int collect(const char *id_a, const char *id_b, const struct match_explanation *why,
		   void *arg)
{
	struct collector *c = arg;
	enum match_verdict v = match_verdict(c->m, why);
	pthread_mutex_lock(&w.mu);
	int stop = w.stop;
	pthread_mutex_unlock(&w.mu);
	if (stop)
		return 1;
	if (v == MATCH_NO)
		return 0;
	pthread_mutex_lock(&c->mu);
	c->v = grow(c->v, &c->cap, c->n, sizeof(*c->v));
	struct found *f = &c->v[c->n++];
	key_set(&f->k, id_a, id_b);
	f->why = *why;
	f->verdict = v;
	pthread_mutex_unlock(&c->mu);
	return 0;
}

static int found_cmp(const void *x, const void *y)
{
	return key_cmp(&((const struct found *)x)->k, &((const struct found *)y)->k);
}

/* 1 when person id is stored and active. */
static int active(struct store *st, struct arena *a, const char *id)
{
	struct person p;
	return store_get(st, &ENT_PERSON, a, "id", id, &p) == STORE_OK && p.status &&
	       strcmp(p.status, "active") == 0;
}

/* Ends a transaction of the scan's: commits when src (a store result) is
 * STORE_OK, else rolls back. Returns a DOM_* result. */
static int batch_end(struct store *st, int src)
{
	if (src) {
		store_rollback(st);
		return dom_from_store(src);
	}
	return dom_from_store(store_commit(st));
}

static const char *verdict_name(enum match_verdict v)
{
	return v == MATCH_LIKELY ? "likely" : "possible";
}

/* A pair found again: when it is still pending, its score, verdict and
 * reasons become this scan's (the people may have been edited, the model
 * refined); *n counts the pairs changed. A decided pair keeps what it was
 * decided on. Read again inside the caller's transaction: a supervisor may
 * have decided it since the scan began. Returns a store result. */
static int rescore(struct store *st, struct arena *a, const struct stored *s,
		   const struct found *f, long long *n)
{
	struct match_pair key = { .person_a = (char *)f->k.a, .person_b = (char *)f->k.b }, cur;
	const struct match_pair *p =
		s->npending ? bsearch(&key, s->pending, s->npending, sizeof(*s->pending), pending_cmp)
			    : NULL;
	long score = lround(f->why.score * 100);
	const char *verdict = verdict_name(f->verdict);
	if (!p || (strtol(p->score, NULL, 10) == score && !strcmp(p->verdict, verdict)))
		return STORE_OK;
	int rc = store_get(st, &ENT_MATCH_PAIR, a, "id", p->id, &cur);
	if (rc || strcmp(cur.status, "pending") != 0)
		return rc == STORE_NOTFOUND ? STORE_OK : rc;
	cur.score = arena_printf(a, "%ld", score);
	cur.verdict = cur.queue = (char *)verdict;
	cur.why = why_json(a, &f->why);
	(*n)++;
	return store_update(st, &ENT_MATCH_PAIR, &cur);
}

/* Adds the found pairs not in s->seen whose people are both active, WRITES
 * to a transaction; *added counts them. Pending pairs found again are
 * rescored (*rescored counts them). */
static int add_new(struct store *st, const struct stored *s, struct collector *col,
		   long long *added, long long *rescored)
{
	char now[32];
	int rc = DOM_OK;
	time_now_iso(now);
	if (col->n)
		qsort(col->v, col->n, sizeof(*col->v), found_cmp);
	for (size_t i = 0; i < col->n && !rc;) {
		int src = store_begin(st);
		if (src)
			return dom_from_store(src);
		struct arena *a = arena_new();
		size_t done = 0;
		for (; i < col->n && done < WRITES && !src; i++) {
			const struct found *f = &col->v[i];
			if (s->nseen && bsearch(&f->k, s->seen, s->nseen, sizeof(*s->seen), key_cmp)) {
				/* Pending or decided: never asked again. */
				src = rescore(st, a, s, f, rescored);
				done++;
				continue;
			}
			if (!active(st, a, f->k.a) || !active(st, a, f->k.b))
				continue;
			char id[37];
			crypto_uuid7(id);
			const char *verdict = verdict_name(f->verdict);
			struct match_pair p = {
				.id = id,
				.person_a = (char *)f->k.a,
				.person_b = (char *)f->k.b,
				.score = arena_printf(a, "%ld", lround(f->why.score * 100)),
				.verdict = (char *)verdict,
				.queue = (char *)verdict,
				.why = why_json(a, &f->why),
				.found_at = now,
				.status = "pending",
			};
			src = store_insert(st, &ENT_MATCH_PAIR, &p);
			done++;
			(*added)++;
		}
		rc = batch_end(st, src);
		arena_free(a);
	}
	return rc;
}

/* Removes the pending pairs one of whose people is no longer active
 * (merged, closed); *dropped counts them. */
static int drop_inactive(struct store *st, const struct stored *s, long long *dropped)
{
	int rc = DOM_OK;
	for (size_t i = 0; i < s->npending && !rc;) {
		int src = store_begin(st);
		if (src)
			return dom_from_store(src);
		struct arena *a = arena_new();
		for (size_t done = 0; i < s->npending && done < WRITES && !src; i++, done++) {
			const struct match_pair *p = &s->pending[i];
			if (active(st, a, p->person_a) && active(st, a, p->person_b))
				continue;
			src = store_remove(st, &ENT_MATCH_PAIR, p->id);
			(*dropped)++;
		}
		rc = batch_end(st, src);
		arena_free(a);
	}
	return rc;
}

static int store_model(struct store *st, const struct match_model *m,
		       const struct review_scan_result *r)
{
	struct arena *a = arena_new();
	char id[37], now[32];
	crypto_uuid7(id);
	time_now_iso(now);
#define NUM(x) arena_printf(a, "%lld", (long long)(x))
	struct match_model_row row = {
		.id = id,
		.created_at = now,
		.model = model_json(a, m),
		.records = NUM(llround(m->records)),
		.labels = NUM(r->labels),
		.same_pairs = NUM(r->same),
		.different_likely = NUM(r->different_likely),
		.same_below = NUM(r->same_below),
		.pairs_found = NUM(r->found),
		.pairs_new = NUM(r->added),
		.pairs_dropped = NUM(r->dropped),
	};
	struct match_model_row prev;
	int rc = dom_from_store(store_begin(st));
	if (!rc) {
		/* The next number, read inside the write transaction. */
		int got = newest_model(st, a, &prev), src = STORE_ERROR;
		if (got == DOM_OK || got == DOM_NOTFOUND) {
			row.seq = NUM(got == DOM_OK ? strtoll(prev.seq, NULL, 10) + 1 : 1);
			src = store_insert(st, &ENT_MATCH_MODEL, &row);
		}
		rc = batch_end(st, src);
	}
#undef NUM
	arena_free(a);
	return rc;
}

int match_review_run(struct store *st, struct review_scan_result *out)
{
	struct stored s = { .a = arena_new() };
	struct collector col = { .mu = PTHREAD_MUTEX_INITIALIZER };
	struct match_model m;
	size_t fp = 0, fn = 0;
	memset(out, 0, sizeof(*out));
	if (!person_match_ready()) {
		free_stored(&s);
		return DOM_BUSY;
	}
	int rc = read_stored(st, &s);
	/* From the defaults each time: every decision counts once. */
	match_model_default(&m);
	if (!rc && (rc = person_match_refine(&m, s.labels, s.nlabels, &fp, &fn)) == DOM_OK)
		rc = person_match_set_model(&m);
	out->labels = (long long)s.nlabels;
	out->same = (long long)s.nsame;
	out->different_likely = (long long)fp;
	out->same_below = (long long)fn;
	col.m = &m;
	if (!rc)
		rc = person_match_scan(SCAN_THREADS, collect, &col);
	out->found = (long long)col.n;
	if (!rc)
		rc = add_new(st, &s, &col, &out->added, &out->rescored);
	if (!rc)
		rc = drop_inactive(st, &s, &out->dropped);
	if (!rc)
		rc = store_model(st, &m, out);
	free(col.v);
	free_stored(&s);
	return rc;
}

/* ---- the scanner thread ---- */

time_t match_review_next_nightly(time_t now)
{
	time_t day = (now - NIGHTLY_UTC_SECONDS) / 86400;
	return (day + 1) * 86400 + NIGHTLY_UTC_SECONDS;
}

static void wait_until(time_t t)
{
	struct timespec ts = { .tv_sec = t, .tv_nsec = 0 };
	pthread_cond_timedwait(&w.cv, &w.mu, &ts);
}

static void *scanner(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&w.mu);
	time_t next = match_review_next_nightly(time(NULL));
	while (!w.stop) {
		time_t now = time(NULL);
		int due = now >= next;
		if (!w.requested && !due) {
			wait_until(next);
			continue;
		}
		if (!person_match_ready()) {
			wait_until(now + 1); /* the index still loads */
			continue;
		}
		if (due)
			next = match_review_next_nightly(now);
		w.requested = 0;
		w.scanning = 1;
		pthread_mutex_unlock(&w.mu);
		struct review_scan_result r;
		int rc = match_review_run(w.st, &r);
		if (rc)
			log_error("match: the review scan failed (%s)", dom_code(rc));
		else
			log_info("match: review scan: %lld pairs, %lld new, %lld rescored, %lld dropped; "
				 "model from %lld decisions",
				 r.found, r.added, r.rescored, r.dropped, r.labels);
		pthread_mutex_lock(&w.mu);
		w.scanning = 0;
		w.failed = rc != DOM_OK;
	}
	pthread_mutex_unlock(&w.mu);
	return NULL;
}

int match_review_start(const char *url)
{
	if (w.started)
		return DOM_ERROR;
	w.stop = w.requested = w.failed = 0;
	if (dom_worker_start(url, "match: the review scanner", &w.st, &w.thread, scanner))
		return DOM_ERROR;
	w.started = 1;
	return DOM_OK;
}

void match_review_stop(void)
{
	if (!w.started)
		return;
	dom_worker_stop(&w.mu, &w.cv, &w.stop, w.thread, &w.st);
	w.started = 0;
	w.stop = 0;
}

int match_review_scan_request(struct ctx *c)
{
	int rc = auth_check(c->user, PERM_REGISTRY_MERGE);
	if (rc)
		return rc;
	pthread_mutex_lock(&w.mu);
	/* During a scan: another follows it, which sees what changed since
	 * the running one began. */
	if (w.started) {
		w.requested = 1;
		pthread_cond_broadcast(&w.cv);
	}
	rc = w.started ? DOM_OK : DOM_BUSY;
	pthread_mutex_unlock(&w.mu);
	return rc;
}

int match_review_status(struct ctx *c, struct review_status *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_MERGE);
	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	pthread_mutex_lock(&w.mu);
	out->scanner = w.started;
	out->running = w.scanning;
	out->requested = w.requested;
	out->failed = w.failed;
	pthread_mutex_unlock(&w.mu);
	rc = newest_model(c->st, c->a, &out->last);
	out->have_last = rc == DOM_OK;
	return rc == DOM_NOTFOUND ? DOM_OK : rc;
}

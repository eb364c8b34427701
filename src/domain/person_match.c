/* person_match.c: the registry's matching index: built from the store in
 * a background thread, kept current as people are registered and edited,
 * asked for the possible duplicates of a person (issue 4). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "domain/auth.h"
#include "domain/match_review.h"
#include "domain/person_match.h"

/* Records per page of the build's keyset scans. */
#define BATCH 2000
/* Room for a person's id (a UUID) and its terminating NUL. */
#define ID_SIZE 40

static struct {
	pthread_mutex_t mu;
	struct match_index *ix; /* NULL until built; then never replaced until stop */
	struct match_model model;
	int building, stop;
	/* Ids changed while the build ran (applied when it ends). */
	char (*pending)[ID_SIZE];
	size_t npending, cap_pending;
	int pending_overflow;
	/* The last id the build read (ids grow with time, UUIDv7): a person
	 * registered during the build with an id up to it may be in the
	 * index already, though noted as new after the index was installed. */
	char scanned[ID_SIZE];
	struct store *st; /* the build thread's connection */
	pthread_t thread;
	int running;
} g = { .mu = PTHREAD_MUTEX_INITIALIZER };

/* One document number of a person, for the build's join. */
struct doc {
	char *person_id, *number;
};

static int doc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct doc *)a)->person_id, ((const struct doc *)b)->person_id);
}

void person_match_record(struct arena *a, const struct person *p, const char *documents,
			 struct match_record *r)
{
	memset(r, 0, sizeof(*r));
	r->id = p->id;
	r->given_names = p->given_names;
	r->family_names = arena_printf(a, "%s %s", p->surname1 ? p->surname1 : "",
				       p->surname2 ? p->surname2 : "");
	r->birth_date = p->birth_date;
	r->sex = p->sex;
	r->nationality = p->nationality;
	r->documents = documents;
	r->phones = p->phone;
	r->address = p->address;
	r->locality = p->district;
}

/* Every document of the database, sorted by person, into *out (strings
 * malloc'd; free with free_docs). */
static int read_docs(struct store *st, struct doc **out, size_t *n)
{
	char after[40] = "";
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (;;) {
		struct arena *a = arena_new();
		struct store_list l;
		int rc = store_scan(st, &ENT_DOCUMENT, a, after[0] ? after : NULL, BATCH, &l);
		if (rc) {
			arena_free(a);
			return rc;
		}
		for (size_t i = 0; i < l.n; i++) {
			struct document *d = l.items[i];
			if (d->person_id && d->number) {
				if (*n == cap) {
					cap = cap ? cap * 2 : 256;
					*out = realloc(*out, cap * sizeof(**out));
					if (!*out)
						abort();
				}
				(*out)[*n].person_id = strdup(d->person_id);
				(*out)[*n].number = strdup(d->number);
				if (!(*out)[*n].person_id || !(*out)[*n].number)
					abort();
				(*n)++;
			}
			snprintf(after, sizeof(after), "%s", d->id);
		}
		size_t got = l.n;
		arena_free(a);
		if (got < BATCH)
			break;
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), doc_cmp);
	return 0;
}

static void free_docs(struct doc *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].person_id);
		free(d[i].number);
	}
	free(d);
}

/* The person's documents joined with ';' (NULL: none), in a. */
static char *docs_of(struct arena *a, const struct doc *d, size_t n, const char *person_id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(d[mid].person_id, person_id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	char *s = NULL;
	for (size_t i = lo; i < n && strcmp(d[i].person_id, person_id) == 0; i++)
		s = s ? arena_printf(a, "%s;%s", s, d[i].number) : d[i].number;
	return s;
}

char *person_match_documents(struct store *st, struct arena *a, const char *person_id)
{
	struct store_list l;
	char *s = NULL;
	if (store_list(st, &ENT_DOCUMENT, a, "person_id", person_id, "created_at", 0, 100, 0, &l))
		return NULL;
	for (size_t i = 0; i < l.n; i++) {
		struct document *d = l.items[i];
		if (d->number)
			s = s ? arena_printf(a, "%s;%s", s, d->number) : d->number;
	}
	return s;
}

/* Puts person id into ix: added, a new person as stored (who has no
 * documents yet), or else the stored record, read; removes the old entry
 * first unless is_new. */
static void put(struct match_index *ix, struct store *st, const char *id,
		const struct person *added, int is_new)
{
	struct arena *a = arena_new();
	struct person p;
	struct match_record r;
	if (added)
		p = *added;
	if (added || store_get(st, &ENT_PERSON, a, "id", id, &p) == 0) {
		person_match_record(a, &p, added ? NULL : person_match_documents(st, a, p.id), &r);
		if (!is_new)
			match_index_remove(ix, p.id); /* -1 when it was not in: fine */
		/* A merged person is nobody's match: the survivor is. */
		if (strcmp(p.status, "merged") != 0 && match_index_add(ix, &r))
			log_error("match: person %s not indexed", p.id);
	}
	arena_free(a);
}

/* Builds a new index from st; *out is NULL on failure or when stopped. */
static int build(struct store *st, struct match_index **out, size_t *count, char after[ID_SIZE])
{
	struct doc *docs;
	size_t ndocs;
	int stop = 0;
	after[0] = 0;
	*out = NULL;
	*count = 0;
	int rc = read_docs(st, &docs, &ndocs);
	if (rc)
		return rc;
	struct match_index *ix = match_index_new(0);
	if (!ix)
		abort();
	for (;;) {
		struct arena *a = arena_new();
		struct store_list l;
		if ((rc = store_scan(st, &ENT_PERSON, a, after[0] ? after : NULL, BATCH, &l))) {
			arena_free(a);
			break;
		}
		for (size_t i = 0; i < l.n; i++) {
			struct person *p = l.items[i];
			struct match_record r;
			snprintf(after, ID_SIZE, "%s", p->id);
			if (strcmp(p->status, "merged") == 0)
				continue;
			person_match_record(a, p, docs_of(a, docs, ndocs, p->id), &r);
			if (match_index_add(ix, &r) == 0)
				(*count)++;
		}
		size_t got = l.n;
		arena_free(a);
		pthread_mutex_lock(&g.mu);
		stop = g.stop;
		pthread_mutex_unlock(&g.mu);
		if (stop || got < BATCH)
			break;
	}
	free_docs(docs, ndocs);
	if (rc || stop) {
		match_index_free(ix);
		return rc;
	}
	*out = ix;
	return 0;
}

/* Installs ix after a build, applying the changes noted meanwhile. */
static int install(struct store *st, struct match_index *ix, size_t count, const char *scanned)
{
	struct match_model m;
	int stored = match_review_model_load(st, &m) == DOM_OK;
	if (!stored)
		match_model_default(&m);
	m.records = (double)count;
	if (stored)
		log_info("match: the stored model, refined from reviewed pairs, is in use");
	pthread_mutex_lock(&g.mu);
	for (size_t i = 0; i < g.npending; i++)
		put(ix, st, g.pending[i], NULL, 0);
	int overflow = g.pending_overflow;
	free(g.pending);
	g.pending = NULL;
	g.npending = g.cap_pending = 0;
	g.pending_overflow = 0;
	g.model = m;
	snprintf(g.scanned, sizeof(g.scanned), "%s", scanned);
	g.ix = ix;
	g.building = 0;
	pthread_mutex_unlock(&g.mu);
	if (overflow)
		log_error("match: changes during the build were lost; restart to rebuild");
	return 0;
}

static void *builder(void *arg)
{
	struct match_index *ix;
	size_t count;
	char scanned[ID_SIZE];
	(void)arg;
	int rc = build(g.st, &ix, &count, scanned);
	if (ix) {
		install(g.st, ix, count, scanned);
		log_info("match: index of %zu people ready", count);
	} else {
		if (rc)
			log_error("match: the index could not be built (store error %d)", rc);
		pthread_mutex_lock(&g.mu);
		g.building = 0;
		pthread_mutex_unlock(&g.mu);
	}
	return NULL;
}

int person_match_start(const char *url)
{
	if (g.running || g.ix)
		return DOM_ERROR;
	g.stop = 0;
	g.building = 1;
	if (dom_worker_start(url, "match: the index builder", &g.st, &g.thread, builder)) {
		g.building = 0;
		return DOM_ERROR;
	}
	g.running = 1;
	return DOM_OK;
}

void person_match_stop(void)
{
	if (g.running) {
		pthread_mutex_lock(&g.mu);
		g.stop = 1;
		pthread_mutex_unlock(&g.mu);
		pthread_join(g.thread, NULL);
		store_close(g.st);
		g.st = NULL;
		g.running = 0;
	}
	pthread_mutex_lock(&g.mu);
	struct match_index *ix = g.ix;
	g.ix = NULL;
	g.building = 0;
	free(g.pending);
	g.pending = NULL;
	g.npending = g.cap_pending = 0;
	pthread_mutex_unlock(&g.mu);
	if (ix)
		match_index_free(ix);
}

int person_match_build(struct store *st)
{
	struct match_index *ix;
	size_t count;
	if (g.running || g.ix)
		person_match_stop();
	pthread_mutex_lock(&g.mu);
	g.stop = 0;
	g.building = 1;
	pthread_mutex_unlock(&g.mu);
	char scanned[ID_SIZE];
	int rc = build(st, &ix, &count, scanned);
	if (!ix) {
		pthread_mutex_lock(&g.mu);
		g.building = 0;
		pthread_mutex_unlock(&g.mu);
		return dom_from_store(rc);
	}
	install(st, ix, count, scanned);
	return DOM_OK;
}

int person_match_ready(void)
{
	pthread_mutex_lock(&g.mu);
	int r = g.ix != NULL;
	pthread_mutex_unlock(&g.mu);
	return r;
}

void person_match_note(struct ctx *c, const char *id, const struct person *added)
{
	int is_new = added != NULL;
	pthread_mutex_lock(&g.mu);
	int building = !g.ix && g.building;
	pthread_mutex_unlock(&g.mu);
	/* The build reads the ids noted meanwhile on a connection of its
	 * own, once it ends: the commit must be there to be read. */
	if (building)
		store_publish(c->st);
	pthread_mutex_lock(&g.mu);
	struct match_index *ix = g.ix;
	/* Registered while the build ran, but noted only once it was
	 * installed: the build may have read it. */
	if (ix && is_new && strcmp(id, g.scanned) <= 0)
		is_new = 0;
	if (!ix && g.building) {
		/* Bounded: a build of minutes under heavy registration. */
		if (g.npending == g.cap_pending) {
			size_t cap = g.cap_pending ? g.cap_pending * 2 : 64;
			void *p = cap <= 100000 ? realloc(g.pending, cap * sizeof(*g.pending)) : NULL;
			if (p) {
				g.pending = p;
				g.cap_pending = cap;
			}
		}
		if (g.npending < g.cap_pending)
			snprintf(g.pending[g.npending++], sizeof(g.pending[0]), "%s", id);
		else
			g.pending_overflow = 1;
	}
	pthread_mutex_unlock(&g.mu);
	/* The index is only freed by person_match_stop, after the server. */
	if (ix)
		put(ix, c->st, id, added, is_new);
}

int person_matches(struct ctx *c, const struct person *in, const char *documents,
		   struct person_match *out, size_t max, size_t *n)
{
	struct match_candidate cand[PERSON_MATCH_MAX];
	struct match_record r;
	*n = 0;
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	pthread_mutex_lock(&g.mu);
	struct match_index *ix = g.ix;
	struct match_model m = g.model;
	pthread_mutex_unlock(&g.mu);
	if (!ix)
		return DOM_BUSY;
	if (max > PERSON_MATCH_MAX)
		max = PERSON_MATCH_MAX;
	/* Nothing to compare: no names and no document. */
	if (!(in->given_names && *in->given_names) && !(in->surname1 && *in->surname1) &&
	    !(in->surname2 && *in->surname2) && !(documents && *documents))
		return DOM_OK;
	person_match_record(c->a, in, documents, &r);
	int k = match_find(ix, &m, &r, match_threshold(&m, MATCH_POSSIBLE), cand, max);
	if (k < 0)
		return DOM_ERROR;
	for (int i = 0; i < k; i++) {
		struct person_match *pm = &out[*n];
		if (cand[i].verdict == MATCH_NO)
			continue;
		if (store_get(c->st, &ENT_PERSON, c->a, "id", cand[i].id, &pm->p))
			continue; /* gone since it was indexed */
		pm->verdict = cand[i].verdict;
		pm->why = cand[i].why;
		(*n)++;
	}
	return DOM_OK;
}

int person_match_any_likely(const struct person_match *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].verdict == MATCH_LIKELY)
			return 1;
	return 0;
}

/* The index and its model, or NULL when none is installed. The index is
 * only freed by person_match_stop, which its callers outlive. */
static struct match_index *installed(struct match_model *m)
{
	pthread_mutex_lock(&g.mu);
	struct match_index *ix = g.ix;
	if (m)
		*m = g.model;
	pthread_mutex_unlock(&g.mu);
	return ix;
}

int person_match_model(struct match_model *out)
{
	return installed(out) ? DOM_OK : DOM_BUSY;
}

int person_match_set_model(const struct match_model *m)
{
	pthread_mutex_lock(&g.mu);
	int rc = g.ix ? DOM_OK : DOM_BUSY;
	if (g.ix) {
		double records = g.model.records;
		g.model = *m;
		g.model.records = records;
	}
	pthread_mutex_unlock(&g.mu);
	return rc;
}

int person_match_refine(struct match_model *m, const struct match_label *labels, size_t n,
			size_t *fp, size_t *fn)
{
	struct match_model cur;
	struct match_index *ix = installed(&cur);
	if (!ix)
		return DOM_BUSY;
	m->records = cur.records;
	match_model_refine(m, ix, labels, n, 0, fp, fn);
	return DOM_OK;
}

struct scan_part {
	struct match_index *ix;
	const struct match_model *m;
	unsigned part, nparts;
	match_pair_fn fn;
	void *arg;
	int rc;
};

static void *scan_part(void *arg)
{
	struct scan_part *p = arg;
	p->rc = match_scan(p->ix, p->m, match_threshold(p->m, MATCH_POSSIBLE), MATCH_SCAN_CAP,
			   p->part, p->nparts, p->fn, p->arg);
	return NULL;
}

int person_match_scan(unsigned nparts, match_pair_fn fn, void *arg)
{
	struct match_model m;
	struct match_index *ix = installed(&m);
	struct scan_part parts[PERSON_MATCH_SCAN_THREADS];
	pthread_t th[PERSON_MATCH_SCAN_THREADS];
	if (!ix)
		return DOM_BUSY;
	if (nparts < 1)
		nparts = 1;
	if (nparts > PERSON_MATCH_SCAN_THREADS)
		nparts = PERSON_MATCH_SCAN_THREADS;
	unsigned started = 0;
	for (unsigned i = 0; i < nparts; i++) {
		parts[i] = (struct scan_part){ ix, &m, i, nparts, fn, arg, 0 };
		/* Part 0 runs in the calling thread; a part that gets no
		 * thread runs there too. */
		if (i > 0 && pthread_create(&th[i], NULL, scan_part, &parts[i]) == 0)
			started |= 1u << i;
	}
	scan_part(&parts[0]);
	int rc = parts[0].rc;
	for (unsigned i = 1; i < nparts; i++) {
		if (started & (1u << i))
			pthread_join(th[i], NULL);
		else
			scan_part(&parts[i]);
		if (parts[i].rc && !rc)
			rc = parts[i].rc;
	}
	return rc < 0 ? DOM_ERROR : rc ? DOM_CONFLICT : DOM_OK;
}

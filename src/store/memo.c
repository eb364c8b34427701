/* memo.c: the last few answers of the store in a read transaction: records
 * fetched by key (or that there was none), short lists and counts. Copies
 * in and out, in the memo's own arena: a caller's arena may be freed, and
 * another made at the same address, within one transaction. A question is
 * compared field by field, never written out as a key: writing one cost as
 * much as SQLite spends answering a cached statement. */
#include "store/memo.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"

#define MEMO_SLOTS 32

enum kind { GET, LIST, COUNT };

struct slot {
	enum kind kind;
	struct memo_query q; /* GET: one filter, the key and its value */
	void **items;        /* GET: the record, if any; LIST: the records */
	size_t n;
	long long total; /* LIST: the list's total; COUNT: the count */
};

struct memo {
	struct arena *a;
	struct slot s[MEMO_SLOTS];
	size_t n, next; /* slots in use; the one to fill next */
};

static void copy_fields(const struct entity *e, struct arena *a, const void *from, void *to)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const char *v = field_get(from, &e->fields[i]);
		*field_ptr(to, &e->fields[i]) = v ? arena_strdup(a, v) : NULL;
	}
}

static int same_str(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

/* Whether x and y ask for the same records (in whatever order or page). */
static int same_records(const struct memo_query *x, const struct memo_query *y)
{
	if (x->e != y->e || x->nf != y->nf)
		return 0;
	for (size_t i = 0; i < x->nf; i++)
		if (!same_str(x->f[i].value, y->f[i].value) || !same_str(x->f[i].key, y->f[i].key))
			return 0;
	return 1;
}

static int same(const struct slot *s, enum kind kind, const struct memo_query *q)
{
	return s->kind == kind && s->q.desc == q->desc && s->q.limit == q->limit &&
	       s->q.offset == q->offset && same_str(s->q.order, q->order) && same_records(&s->q, q);
}

static const struct slot *find(const struct memo *m, enum kind kind, const struct memo_query *q)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (same(&m->s[i], kind, q))
			return &m->s[i];
	return NULL;
}

/* A slot for q's answer, its question copied into the memo. */
static struct slot *put(struct memo **mp, enum kind kind, const struct memo_query *q)
{
	struct memo *m = *mp;
	if (!m) {
		if (!(m = calloc(1, sizeof(*m))))
			log_fatal("out of memory");
		m->a = arena_new();
		*mp = m;
	}
	if (m->n == MEMO_SLOTS && m->next == 0) {
		/* Full again: start over rather than let the arena grow. */
		memo_clear(m);
	}
	struct slot *s = &m->s[m->next];
	struct store_filter *f = arena_alloc(m->a, sizeof(*f) * (q->nf ? q->nf : 1));
	for (size_t i = 0; i < q->nf; i++) {
		f[i].key = q->f[i].key ? arena_strdup(m->a, q->f[i].key) : NULL;
		f[i].value = q->f[i].value ? arena_strdup(m->a, q->f[i].value) : NULL;
	}
	*s = (struct slot){ .kind = kind, .q = *q };
	s->q.f = f;
	s->q.order = q->order ? arena_strdup(m->a, q->order) : NULL;
	m->next = (m->next + 1) % MEMO_SLOTS;
	if (m->n < MEMO_SLOTS)
		m->n++;
	return s;
}

/* Copies n records of e into a: a list of its own, fields and all. */
static void **copy_records(const struct entity *e, struct arena *a, void *const *from, size_t n)
{
	void **items = arena_alloc(a, sizeof(void *) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		items[i] = arena_alloc(a, e->size);
		copy_fields(e, a, from[i], items[i]);
	}
	return items;
}

/* Keeps a copy of n records in s, in the memo's arena. */
static void keep(struct memo *m, struct slot *s, void *const *items, size_t n)
{
	s->items = copy_records(s->q.e, m->a, items, n);
	s->n = n;
}

static struct memo_query by_key(const struct entity *e, const struct store_filter *f)
{
	return (struct memo_query){ .e = e, .f = f, .nf = 1 };
}

int memo_find(const struct memo *m, const struct entity *e, const char *key, const char *value,
	      struct arena *a, void *rec)
{
	struct store_filter f = { key, value };
	struct memo_query q = by_key(e, &f);
	const struct slot *s = value ? find(m, GET, &q) : NULL;
	if (!s)
		return 0;
	if (!s->n)
		return -1;
	copy_fields(e, a, s->items[0], rec);
	return 1;
}

void memo_put(struct memo **m, const struct entity *e, const char *key, const char *value,
	      const void *rec)
{
	struct store_filter f = { key, value };
	struct memo_query q = by_key(e, &f);
	if (!value)
		return;
	struct slot *s = put(m, GET, &q);
	void *const one[] = { (void *)rec };
	keep(*m, s, one, rec ? 1 : 0);
}

int memo_find_list(const struct memo *m, const struct memo_query *q, struct arena *a,
		   struct store_list *out)
{
	const struct slot *s = find(m, LIST, q);
	if (!s)
		return 0;
	out->items = copy_records(s->q.e, a, s->items, s->n);
	out->n = s->n;
	out->total = s->total;
	return 1;
}

void memo_put_list(struct memo **m, const struct memo_query *q, const struct store_list *l)
{
	if (l->n > MEMO_LIST_MAX)
		return;
	struct slot *s = put(m, LIST, q);
	keep(*m, s, l->items, l->n);
	s->total = l->total;
}

/* Whether s, a list, holds every record that matches q's filters: it
 * was asked from the start and came back shorter than its limit. */
static int whole_list(const struct slot *s, const struct memo_query *q)
{
	return s->kind == LIST && s->q.offset == 0 && s->n < (size_t)s->q.limit &&
	       same_records(&s->q, q);
}

int memo_find_count(const struct memo *m, const struct memo_query *q, long long *n)
{
	const struct slot *s = find(m, COUNT, q);
	for (size_t i = 0; !s && m && i < m->n; i++)
		if (whole_list(&m->s[i], q))
			s = &m->s[i];
	if (!s)
		return 0;
	*n = s->kind == COUNT ? s->total : (long long)s->n;
	return 1;
}

void memo_put_count(struct memo **m, const struct memo_query *q, long long n)
{
	put(m, COUNT, q)->total = n;
}

void memo_clear(struct memo *m)
{
	if (!m || !m->n)
		return;
	arena_free(m->a);
	m->a = arena_new();
	m->n = m->next = 0;
}

void memo_free(struct memo *m)
{
	if (!m)
		return;
	arena_free(m->a);
	free(m);
}

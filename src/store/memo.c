/* memo.c: the last few records fetched by key in a read transaction.
 * Copies in and out, in the memo's own arena: a caller's arena may be
 * freed, and another made at the same address, within one transaction. */
#include "store/memo.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"

#define MEMO_SLOTS 16

struct slot {
	const struct entity *e;
	const char *key, *value;
	void *rec;
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

int memo_find(const struct memo *m, const struct entity *e, const char *key, const char *value,
	      struct arena *a, void *rec)
{
	if (!m || !value)
		return 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct slot *s = &m->s[i];
		if (s->e == e && strcmp(s->value, value) == 0 && strcmp(s->key, key) == 0) {
			copy_fields(e, a, s->rec, rec);
			return 1;
		}
	}
	return 0;
}

void memo_put(struct memo **mp, const struct entity *e, const char *key, const char *value,
	      const void *rec)
{
	struct memo *m = *mp;
	if (!value)
		return;
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
	s->e = e;
	s->key = arena_strdup(m->a, key);
	s->value = arena_strdup(m->a, value);
	s->rec = arena_alloc(m->a, e->size);
	copy_fields(e, m->a, rec, s->rec);
	m->next = (m->next + 1) % MEMO_SLOTS;
	if (m->n < MEMO_SLOTS)
		m->n++;
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

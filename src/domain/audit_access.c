/* audit_access.c: who-saw and the refusals of one account, read from the
 * audit log through its (user_id, seq) index. */
#include "domain/audit_access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/auth.h"
#include "domain/user.h"

/* Events read per query: the scan walks the user's events in seq order. */
#define BATCH 5000
/* Distinct records one answer can hold. */
#define SEEN_MAX 1000000

/* Checks who may ask, the user and the date; *since_iso gets the start. */
static int prepare(struct ctx *c, const char *user_name, const char *since, struct errors *errs,
		   struct user *u, const char **since_iso)
{
	int y, m, d, rc = c->user ? auth_check(c->user, PERM_AUDIT_READ) : DOM_OK;
	if (rc)
		return rc;
	if (!since || date_parse(since, &y, &m, &d) != 0 || (strlen(since) != 10 && strlen(since) != 20)) {
		errors_add(errs, "since", _("Give the date as YYYY-MM-DD."));
		return DOM_INVALID;
	}
	*since_iso = strlen(since) == 10 ? arena_printf(c->a, "%sT00:00:00Z", since) : since;
	return user_name ? user_find(c, user_name, u) : DOM_NOTFOUND;
}

/* Calls fn on each of u's events since since_iso, in seq order; stops at
 * fn's first nonzero answer. Each batch lives in its own arena (tmp, given
 * to fn for its lookups), freed before the next: fn copies what it keeps
 * into c->a. */
static int each_event(struct ctx *c, const char *user_id, const char *since_iso,
		      int (*fn)(struct ctx *, struct arena *, void *, const struct audit_event *),
		      void *arg)
{
	char last[32] = "0";
	for (;;) {
		struct store_filter w[] = { { "user_id", user_id }, { "seq>", last }, { "at>=", since_iso } };
		struct store_list l;
		struct arena *tmp = arena_new();
		int rc = dom_from_store(
			store_list_where(c->st, &ENT_AUDIT, tmp, w, 3, "seq", 0, BATCH, 0, &l));
		for (size_t i = 0; !rc && i < l.n; i++)
			rc = fn(c, tmp, arg, l.items[i]);
		int more = !rc && l.n == BATCH;
		if (more)
			snprintf(last, sizeof(last), "%s", ((struct audit_event *)l.items[l.n - 1])->seq);
		arena_free(tmp);
		if (!more)
			return rc;
	}
}

/* The people seen so far, in a growing array (few thousand at most in a
 * real breach; linear lookup through a sorted index would do better, but
 * a hash keeps it simple). */
struct seen {
	struct who_saw **items;
	size_t n, cap;
	/* open addressing on person_id */
	struct who_saw **slots;
	size_t nslots;
};

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void grow(struct ctx *c, struct seen *s)
{
	size_t n = s->nslots ? s->nslots * 2 : 1024;
	struct who_saw **slots = arena_alloc(c->a, n * sizeof(*slots));
	memset(slots, 0, n * sizeof(*slots));
	for (size_t i = 0; i < s->n; i++) {
		size_t j = hash(s->items[i]->person_id) & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = s->items[i];
	}
	s->slots = slots;
	s->nslots = n;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		struct who_saw **items = arena_alloc(c->a, s->cap * sizeof(*items));
		if (s->n)
			memcpy(items, s->items, s->n * sizeof(*items));
		s->items = items;
	}
}

static int saw(struct ctx *c, struct seen *s, const char *person_id, const char *at)
{
	if (s->n * 2 >= s->nslots || s->n == s->cap)
		grow(c, s);
	size_t j = hash(person_id) & (s->nslots - 1);
	while (s->slots[j] && strcmp(s->slots[j]->person_id, person_id) != 0)
		j = (j + 1) & (s->nslots - 1);
	if (s->slots[j]) {
		s->slots[j]->times++;
		snprintf(s->slots[j]->last_at, sizeof(s->slots[j]->last_at), "%s", at);
		return DOM_OK;
	}
	if (s->n >= SEEN_MAX)
		return DOM_ERROR;
	struct who_saw *w = arena_alloc(c->a, sizeof(*w));
	memset(w, 0, sizeof(*w));
	w->person_id = arena_strdup(c->a, person_id);
	snprintf(w->first_at, sizeof(w->first_at), "%s", at);
	snprintf(w->last_at, sizeof(w->last_at), "%s", at);
	w->times = 1;
	s->slots[j] = s->items[s->n++] = w;
	return DOM_OK;
}

static int counts(const struct audit_event *ev)
{
	return strcmp(ev->action, "view") == 0 || strncmp(ev->action, "export", 6) == 0 ||
	       strncmp(ev->action, "print", 5) == 0;
}

static int one_seen(struct ctx *c, struct arena *tmp, void *arg, const struct audit_event *ev)
{
	struct seen *s = arg;
	if (!counts(ev) || !ev->entity_id)
		return DOM_OK;
	const char *at = ev->at;
	if (strcmp(ev->entity, "person") == 0)
		return saw(c, s, ev->entity_id, at);
	if (strcmp(ev->entity, "case") == 0) {
		struct case_rec k;
		if (store_get(c->st, &ENT_CASE, tmp, "id", ev->entity_id, &k) == STORE_OK)
			return saw(c, s, k.person_id, at);
		return DOM_OK;
	}
	if (strcmp(ev->entity, "household") == 0) {
		struct store_list m;
		if (store_list(c->st, &ENT_PERSON, tmp, "household_id", ev->entity_id, "created_at", 0,
			       100, 0, &m) != STORE_OK)
			return DOM_OK;
		for (size_t i = 0; i < m.n; i++) {
			int rc = saw(c, s, ((struct person *)m.items[i])->id, at);
			if (rc)
				return rc;
		}
	}
	return DOM_OK;
}

static int by_ref(const void *a, const void *b)
{
	const struct who_saw *x = *(const struct who_saw *const *)a, *y = *(const struct who_saw *const *)b;
	return strcmp(x->ref ? x->ref : "", y->ref ? y->ref : "");
}

int audit_who_saw(struct ctx *c, const char *user_name, const char *since, struct errors *errs,
		  struct store_list *out)
{
	struct user u;
	const char *from;
	struct seen s = { 0 };
	int rc = prepare(c, user_name, since, errs, &u, &from);
	if (rc || (rc = each_event(c, u.id, from, one_seen, &s)))
		return rc;
	for (size_t i = 0; i < s.n; i++) {
		struct person p;
		if (store_get(c->st, &ENT_PERSON, c->a, "id", s.items[i]->person_id, &p) == STORE_OK) {
			s.items[i]->ref = p.ref;
			s.items[i]->given_names = p.given_names;
			s.items[i]->surname1 = p.surname1;
			s.items[i]->surname2 = p.surname2;
		}
	}
	qsort(s.items, s.n, sizeof(*s.items), by_ref);
	out->items = (void **)s.items;
	out->n = s.n;
	out->total = (long long)s.n;
	return DOM_OK;
}

struct denials {
	struct audit_event **items;
	size_t n, cap;
};

static int one_denial(struct ctx *c, struct arena *tmp, void *arg, const struct audit_event *ev)
{
	(void)tmp;
	struct denials *d = arg;
	if (strcmp(ev->action, "denied") != 0)
		return DOM_OK;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		struct audit_event **items = arena_alloc(c->a, d->cap * sizeof(*items));
		if (d->n)
			memcpy(items, d->items, d->n * sizeof(*items));
		d->items = items;
	}
	struct audit_event *e = arena_alloc(c->a, sizeof(*e));
	*e = (struct audit_event){ .seq = arena_strdup(c->a, ev->seq), .at = arena_strdup(c->a, ev->at),
				   .action = "denied",
				   .entity_id = ev->entity_id ? arena_strdup(c->a, ev->entity_id) : NULL,
				   .fields = ev->fields ? arena_strdup(c->a, ev->fields) : NULL };
	d->items[d->n++] = e;
	return DOM_OK;
}

int audit_denials(struct ctx *c, const char *user_name, const char *since, struct errors *errs,
		  struct store_list *out)
{
	struct user u;
	const char *from;
	struct denials d = { 0 };
	int rc = prepare(c, user_name, since, errs, &u, &from);
	if (rc || (rc = each_event(c, u.id, from, one_denial, &d)))
		return rc;
	out->items = (void **)d.items;
	out->n = d.n;
	out->total = (long long)d.n;
	return DOM_OK;
}

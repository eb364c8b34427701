/* catalog.c: lookups over the code lists in catalog_data.c. */
#include "domain/catalog.h"

#include <string.h>

#include <stdlib.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/norm.h"

/* A published set of changes. Sets are never freed: a reader may still
 * hold a pointer into an older one. Administrators change catalogues a
 * few times a month; each set costs a few kilobytes. */
/* One change as a set holds it, with its place in the published list
 * (the order added entries are listed in). */
struct held {
	struct catalog_edit e;
	size_t order;
};

struct edit_set {
	size_t n;
	struct held *h; /* sorted by catalogue (address), then code */
	struct edit_set *older;
};

static _Atomic(struct edit_set *) edits;
static pthread_mutex_t publish_lock = PTHREAD_MUTEX_INITIALIZER;

static char *dup_or_null(const char *s)
{
	char *d;
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	if (!(d = malloc(n)))
		return NULL;
	return memcpy(d, s, n);
}

/* Orders by catalogue, then code; a NULL code (a failed copy) first. */
static int cmp_key(const struct catalog *c, const char *code, const struct held *h)
{
	uintptr_t a = (uintptr_t)c, b = (uintptr_t)h->e.c;
	if (a != b)
		return a < b ? -1 : 1;
	if (!code || !h->e.item.code)
		return (code != NULL) - (h->e.item.code != NULL);
	return strcmp(code, h->e.item.code);
}

static int by_held_key(const void *x, const void *y)
{
	const struct held *a = x;
	return cmp_key(a->e.c, a->e.item.code, y);
}

int catalog_edits_publish(const struct catalog_edit *e, size_t n)
{
	struct edit_set *set = calloc(1, sizeof(*set));
	if (!set || (n && !(set->h = calloc(n, sizeof(*set->h))))) {
		free(set);
		return -1;
	}
	/* Strings that fail to copy are left NULL: an entry then shows its
	 * code, which is better than no set at all. */
	for (size_t i = 0; i < n; i++) {
		struct catalog_edit *d = &set->h[i].e;
		set->h[i].order = i;
		d->c = e[i].c;
		d->active = e[i].active;
		d->label_es = dup_or_null(e[i].label_es);
		d->label_en = dup_or_null(e[i].label_en);
		d->item.code = dup_or_null(e[i].item.code);
		d->item.label = d->label_en ? d->label_en : d->label_es;
		if (!d->item.code)
			d->c = NULL;
	}
	set->n = n;
	if (n)
		qsort(set->h, n, sizeof(*set->h), by_held_key);
	pthread_mutex_lock(&publish_lock);
	set->older = atomic_load(&edits);
	atomic_store(&edits, set);
	pthread_mutex_unlock(&publish_lock);
	return 0;
}

/* The first change of set at or after (c, code) (code NULL: c's first). */
static size_t lower_bound(const struct edit_set *set, const struct catalog *c, const char *code)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_key(c, code, &set->h[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The change to code in c, or NULL: a binary search, since forms and
 * lists look labels up many times a page. */
static const struct catalog_edit *edit_of(const struct catalog *c, const char *code)
{
	const struct edit_set *set = atomic_load(&edits);
	if (!set || !code || !set->n)
		return NULL;
	size_t i = lower_bound(set, c, code);
	return i < set->n && cmp_key(c, code, &set->h[i]) == 0 ? &set->h[i].e : NULL;
}

static const struct catalog_item *builtin(const struct catalog *c, const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->items[i].code, code) == 0)
			return &c->items[i];
	return NULL;
}

const struct catalog_item *catalog_find(const struct catalog *c, const char *code)
{
	const struct catalog_item *it = builtin(c, code);
	const struct catalog_edit *e;
	if (it)
		return it;
	return (e = edit_of(c, code)) ? &e->item : NULL;
}

int catalog_active(const struct catalog *c, const char *code)
{
	const struct catalog_edit *e = edit_of(c, code);
	if (e)
		return e->active;
	return builtin(c, code) != NULL;
}

/* The label of code in lang ("es" or "en"; the thread's language must be
 * lang when it is built in), e its change or NULL: the administrators' one, the built-in
 * translation, the added entry's label in the other language, or the
 * code. */
static const char *label_in(const struct catalog *c, const char *code,
			    const struct catalog_edit *e, const char *lang)
{
	const char *over = e ? (strcmp(lang, "en") == 0 ? e->label_en : e->label_es) : NULL;
	const struct catalog_item *it;
	if (over && *over)
		return over;
	if ((it = builtin(c, code)))
		return _(it->label);
	if (e && e->item.label)
		return e->item.label;
	return code ? code : "";
}

const char *catalog_label(const struct catalog *c, const char *code)
{
	return label_in(c, code, edit_of(c, code), i18n_lang());
}

const struct catalog_editable *catalog_editable(const struct catalog *c)
{
	for (size_t i = 0; i < CATALOG_EDITABLE_N; i++)
		if (CATALOG_EDITABLE[i].c == c)
			return &CATALOG_EDITABLE[i];
	return NULL;
}

const struct catalog_editable *catalog_editable_find(const char *catalogue, const char *area)
{
	for (size_t i = 0; catalogue && i < CATALOG_EDITABLE_N; i++) {
		const struct catalog_editable *ed = &CATALOG_EDITABLE[i];
		if (strcmp(ed->catalogue, catalogue) != 0)
			continue;
		if (!ed->area || (area && strcmp(ed->area, area) == 0))
			return ed;
	}
	return NULL;
}

const struct catalog_editable *catalog_editable_of(const char *catalogue, const char *code)
{
	for (size_t i = 0; catalogue && code && i < CATALOG_EDITABLE_N; i++)
		if (strcmp(CATALOG_EDITABLE[i].catalogue, catalogue) == 0 &&
		    catalog_find(CATALOG_EDITABLE[i].c, code))
			return &CATALOG_EDITABLE[i];
	return NULL;
}

/* Fills v for code of c; the built-in labels in both languages switch the
 * thread's language for a moment. */
static void view_of(const struct catalog *c, const char *code, int is_builtin,
		    struct catalog_entry_view *v)
{
	const struct catalog_edit *e = edit_of(c, code);
	const char *lang = i18n_lang();
	v->code = code;
	v->builtin = is_builtin;
	v->active = e ? e->active : 1;
	v->over_es = e && e->label_es && *e->label_es ? e->label_es : NULL;
	v->over_en = e && e->label_en && *e->label_en ? e->label_en : NULL;
	i18n_use("es");
	v->label_es = label_in(c, code, e, "es");
	i18n_use("en");
	v->label_en = label_in(c, code, e, "en");
	i18n_use(lang);
	v->label = strcmp(lang, "en") == 0 ? v->label_en : v->label_es;
}

static int by_order(const void *x, const void *y)
{
	size_t a = (*(const struct held *const *)x)->order, b = (*(const struct held *const *)y)->order;
	return a < b ? -1 : a > b;
}

struct catalog_entry_view *catalog_entries(struct arena *a, const struct catalog *c,
					   int active_only, size_t *n)
{
	const struct edit_set *set = atomic_load(&edits);
	/* c's changes are one run of the sorted set. */
	size_t first = set && set->n ? lower_bound(set, c, NULL) : 0, last = first;
	while (set && last < set->n && set->h[last].e.c == c)
		last++;
	struct catalog_entry_view *out = arena_alloc(a, sizeof(*out) * (c->n + last - first + 1));
	const struct held **added = arena_alloc(a, sizeof(*added) * (last - first + 1));
	size_t k = 0;
	*n = 0;
	for (size_t i = 0; i < c->n; i++) {
		view_of(c, c->items[i].code, 1, &out[*n]);
		if (!active_only || out[*n].active)
			(*n)++;
	}
	for (size_t i = first; i < last; i++)
		if (!builtin(c, set->h[i].e.item.code))
			added[k++] = &set->h[i];
	qsort(added, k, sizeof(*added), by_order);
	for (size_t i = 0; i < k; i++) {
		view_of(c, added[i]->e.item.code, 0, &out[*n]);
		if (!active_only || out[*n].active)
			(*n)++;
	}
	return out;
}

int codes_next(const char **p, char *code, size_t size)
{
	const char *s = *p;
	if (!s)
		return 0;
	while (*s == ',' || *s == ' ')
		s++;
	size_t n = strcspn(s, ", ");
	if (n == 0) {
		*p = s;
		return 0;
	}
	size_t keep = n < size ? n : size - 1;
	memcpy(code, s, keep);
	code[keep] = 0;
	if (n >= size)
		code[0] = '\x01'; /* too long for any catalogue: matches nothing */
	*p = s + n;
	return 1;
}

int codes_has(const char *list, const char *code)
{
	char c[32];
	while (codes_next(&list, c, sizeof(c)))
		if (strcmp(c, code) == 0)
			return 1;
	return 0;
}

char *catalog_codes_clean(struct arena *a, const struct catalog *c, const char *codes)
{
	char code[64];
	struct buf b;
	if (!codes)
		return NULL;
	buf_init(&b, 0);
	for (size_t i = 0; i < c->n; i++)
		if (codes_has(codes, c->items[i].code))
			buf_printf(&b, "%s%s", b.n ? "," : "", c->items[i].code);
	/* Then entries an administrator added (after the built-in ones, each
	 * once) and the first code nobody knows. */
	for (const char *it = codes; codes_next(&it, code, sizeof(code));) {
		size_t i = 0;
		while (i < c->n && strcmp(c->items[i].code, code) != 0)
			i++;
		if (i < c->n || (b.n && codes_has(b.p, code)))
			continue;
		buf_printf(&b, "%s%s", b.n ? "," : "", code);
		if (!catalog_find(c, code))
			break;
	}
	char *out = b.n ? arena_strdup(a, b.p) : NULL;
	buf_free(&b);
	return out;
}

struct keyed {
	char *key; /* the folded translated label: "Perú" sorts as "peru" */
	const struct catalog_item *item;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

const struct catalog_item **catalog_sorted(struct arena *a, const struct catalog *c)
{
	const struct catalog_item **out = arena_alloc(a, sizeof(*out) * (c->n ? c->n : 1));
	size_t rest = c->n - c->pinned;
	struct keyed *k = arena_alloc(a, sizeof(*k) * (rest ? rest : 1));
	struct buf b;

	for (size_t i = 0; i < c->pinned; i++)
		out[i] = &c->items[i];
	buf_init(&b, 0);
	for (size_t i = 0; i < rest; i++) {
		buf_reset(&b);
		norm_fold(&b, _(c->items[c->pinned + i].label));
		k[i].key = arena_strbuf(a, &b);
		k[i].item = &c->items[c->pinned + i];
	}
	buf_free(&b);
	qsort(k, rest, sizeof(*k), by_key);
	for (size_t i = 0; i < rest; i++)
		out[c->pinned + i] = k[i].item;
	return out;
}

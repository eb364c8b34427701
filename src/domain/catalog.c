/* catalog.c: lookups over the code lists in catalog_data.c. */
#include "domain/catalog.h"

#include <string.h>

#include <stdlib.h>

#include <pthread.h>
#include <stdatomic.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/norm.h"

/* A published set of changes. Sets are never freed: a reader may still
 * hold a pointer into an older one. Administrators change catalogues a
 * few times a month; each set costs a few kilobytes. */
struct edit_set {
	size_t n;
	struct catalog_edit *e;
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

int catalog_edits_publish(const struct catalog_edit *e, size_t n)
{
	struct edit_set *set = calloc(1, sizeof(*set));
	if (!set || (n && !(set->e = calloc(n, sizeof(*set->e))))) {
		free(set);
		return -1;
	}
	/* Strings that fail to copy are left NULL: an entry then shows its
	 * code, which is better than no set at all. */
	for (size_t i = 0; i < n; i++) {
		struct catalog_edit *d = &set->e[i];
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
	pthread_mutex_lock(&publish_lock);
	set->older = atomic_load(&edits);
	atomic_store(&edits, set);
	pthread_mutex_unlock(&publish_lock);
	return 0;
}

/* The change to code in c, or NULL. */
static const struct catalog_edit *edit_of(const struct catalog *c, const char *code)
{
	const struct edit_set *set = atomic_load(&edits);
	for (size_t i = 0; set && code && i < set->n; i++)
		if (set->e[i].c == c && strcmp(set->e[i].item.code, code) == 0)
			return &set->e[i];
	return NULL;
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
 * lang when it is built in): the administrators' one, the built-in
 * translation, the added entry's label in the other language, or the
 * code. */
static const char *label_in(const struct catalog *c, const char *code, const char *lang)
{
	const struct catalog_edit *e = edit_of(c, code);
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
	return label_in(c, code, i18n_lang());
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
	v->label_es = label_in(c, code, "es");
	i18n_use("en");
	v->label_en = label_in(c, code, "en");
	i18n_use(lang);
	v->label = strcmp(lang, "en") == 0 ? v->label_en : v->label_es;
}

struct catalog_entry_view *catalog_entries(struct arena *a, const struct catalog *c,
					   int active_only, size_t *n)
{
	const struct edit_set *set = atomic_load(&edits);
	size_t max = c->n + (set ? set->n : 0);
	struct catalog_entry_view *out = arena_alloc(a, sizeof(*out) * (max ? max : 1));
	*n = 0;
	for (size_t i = 0; i < c->n; i++) {
		view_of(c, c->items[i].code, 1, &out[*n]);
		if (!active_only || out[*n].active)
			(*n)++;
	}
	for (size_t i = 0; set && i < set->n; i++) {
		if (set->e[i].c != c || builtin(c, set->e[i].item.code))
			continue;
		view_of(c, set->e[i].item.code, 0, &out[*n]);
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
		k[i].key = arena_strdup(a, b.p ? b.p : "");
		k[i].item = &c->items[c->pinned + i];
	}
	buf_free(&b);
	qsort(k, rest, sizeof(*k), by_key);
	for (size_t i = 0; i < rest; i++)
		out[c->pinned + i] = k[i].item;
	return out;
}

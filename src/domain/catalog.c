/* catalog.c: lookups over the code lists in catalog_data.c. */
#include "domain/catalog.h"

#include <string.h>

#include <stdlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/norm.h"

const struct catalog_item *catalog_find(const struct catalog *c, const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->items[i].code, code) == 0)
			return &c->items[i];
	return NULL;
}

const char *catalog_label(const struct catalog *c, const char *code)
{
	const struct catalog_item *it = catalog_find(c, code);
	if (it)
		return _(it->label);
	return code ? code : "";
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

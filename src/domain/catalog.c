/* catalog.c: lookups over the code lists in catalog_data.c. */
#include "domain/catalog.h"

#include <string.h>

#include "base/i18n.h"

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

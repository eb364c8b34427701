/* user_grants.c: the need-to-know grants an administrator gives a user
 * (auth.h, docs/access.md). */
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/user.h"

int user_grants_normalise(struct ctx *c, const char *list, struct errors *errs, char **out)
{
	unsigned mask = 0;
	char *copy = arena_strdup(c->a, list ? list : ""), *save = NULL;
	for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		int g = 0;
		while (g < GRANT_COUNT && strcmp(auth_grant_code((enum auth_grant)g), t) != 0)
			g++;
		if (g == GRANT_COUNT) {
			errors_add(errs, "grants",
				   _("Unknown grant: use sgbv, mental_health, torture, asylum_narrative or ethics."));
			return DOM_INVALID;
		}
		mask |= GRANT_BIT(g);
	}
	struct buf b;
	buf_init(&b, 256);
	for (int g = 0; g < GRANT_COUNT; g++)
		if (mask & GRANT_BIT(g))
			buf_printf(&b, "%s%s", b.n ? "," : "", auth_grant_code((enum auth_grant)g));
	*out = arena_strdup(c->a, b.n ? b.p : "");
	buf_free(&b);
	return DOM_OK;
}

int user_set_grants(struct ctx *c, const char *name, const char *grants, struct errors *errs)
{
	struct user u;
	char *norm;
	int rc = c->user ? auth_check(c->user, PERM_USERS_MANAGE) : DOM_OK;

	if (rc || (rc = user_grants_normalise(c, grants, errs, &norm)) ||
	    (rc = user_find(c, name, &u)))
		return rc;
	u.grants = norm;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_from_store(store_update(c->st, &ENT_USER, &u))) ||
	    (rc = audit_record(c, "grants", "user", u.id, "grants"))) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

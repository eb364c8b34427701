/* office.c: offices, and which of them a user sees. */
#include "domain/office.h"

#include <ctype.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/validate.h"

static int may_manage(struct ctx *c)
{
	return c->user ? auth_check(c->user, PERM_OFFICES_MANAGE) : DOM_OK;
}

static int may_read(struct ctx *c)
{
	if (!c->user || auth_check(c->user, PERM_OFFICES_MANAGE) == DOM_OK)
		return DOM_OK;
	return auth_check(c->user, PERM_REGISTRY_READ);
}

/* code folded to lowercase in c->a; NULL when it is not a valid code. */
static char *fold_code(struct ctx *c, const char *code)
{
	size_t n = code ? strlen(code) : 0;
	if (n < 2 || n > OFFICE_CODE_MAX)
		return NULL;
	char *s = arena_strdup(c->a, code);
	for (char *p = s; *p; p++) {
		if (!isalnum((unsigned char)*p) && *p != '-')
			return NULL;
		*p = (char)tolower((unsigned char)*p);
	}
	return s;
}

int office_list(struct ctx *c, int all, struct store_list *out)
{
	int rc = may_read(c);
	if (rc)
		return rc;
	return dom_from_store(store_list(c->st, &ENT_OFFICE, c->a, all ? NULL : "active",
					 all ? NULL : "1", "id", 0, OFFICES_MAX, 0, out));
}

int office_get(struct ctx *c, const char *code, struct office *out)
{
	int rc = may_read(c);
	if (rc)
		return rc;
	char *k = fold_code(c, code);
	if (!k)
		return DOM_NOTFOUND;
	return dom_from_store(store_get(c->st, &ENT_OFFICE, c->a, "id", k, out));
}

static void check_name(struct errors *errs, const char *name)
{
	if (validate_required(errs, "name", name))
		validate_length(errs, "name", name, OFFICE_NAME_MAX);
}

int office_create(struct ctx *c, const char *code, const char *name, struct errors *errs,
		  struct office *out)
{
	char now[32];
	int rc = may_manage(c);
	if (rc)
		return rc;
	char *id = fold_code(c, code);
	if (!id)
		errors_add(errs, "id",
			   _("The office code needs 2 to 16 letters, digits or dashes, such as \"dar\"."));
	check_name(errs, name);
	if (errs->n)
		return DOM_INVALID;
	time_now_iso(now);
	struct office o = { .id = id, .name = (char *)name, .active = "1", .created_at = now,
			    .updated_at = now, .created_by = c->user ? c->user->id : NULL };
	rc = audit_write(c, &ENT_OFFICE, &o, 1, "create", "office", id, "id,name");
	if (rc == DOM_CONFLICT) {
		errors_add(errs, "id", _("An office already has this code."));
		return DOM_INVALID;
	}
	if (rc)
		return rc;
	return out ? dom_from_store(store_get(c->st, &ENT_OFFICE, c->a, "id", id, out)) : DOM_OK;
}

int office_update(struct ctx *c, const char *code, const char *name, const char *active,
		  struct errors *errs, struct office *out)
{
	struct office o;
	int rc = may_manage(c);
	if (rc || (rc = office_get(c, code, &o)))
		return rc;
	if (name)
		check_name(errs, name);
	if (active && strcmp(active, "0") != 0 && strcmp(active, "1") != 0)
		errors_add(errs, "active", _("Choose active or inactive."));
	if (errs->n)
		return DOM_INVALID;
	const char *action = NULL, *fields = NULL;
	char now[32];
	if (name && strcmp(name, o.name) != 0) {
		o.name = (char *)name;
		action = "update";
		fields = "name";
	}
	if (active && strcmp(active, o.active) != 0) {
		o.active = (char *)active;
		action = strcmp(active, "0") == 0 ? "deactivate" : "reactivate";
		fields = fields ? "name,active" : "active";
	}
	if (action) {
		time_now_iso(now);
		o.updated_at = now;
		if ((rc = audit_write(c, &ENT_OFFICE, &o, 0, action, "office", o.id, fields)))
			return rc;
	}
	return out ? office_get(c, o.id, out) : DOM_OK;
}

int office_default(struct ctx *c, struct office *out)
{
	struct store_list l;
	int rc = store_list(c->st, &ENT_OFFICE, c->a, "active", "1", "created_at", 0, 1, 0, &l);
	if (rc)
		return dom_from_store(rc);
	if (!l.n)
		return DOM_NOTFOUND;
	*out = *(struct office *)l.items[0];
	return DOM_OK;
}

int office_ensure_default(struct ctx *c, const char *name)
{
	long long n;
	struct errors errs = { 0 };
	int rc = dom_from_store(store_count(c->st, &ENT_OFFICE, NULL, NULL, &n));
	if (rc || n)
		return rc;
	return office_create(c, "main", name && *name ? name : "Oficina principal", &errs, NULL);
}

int office_check_list(struct ctx *c, const char *list, const char *field, struct errors *errs,
		      char **out)
{
	struct buf b;
	char *copy = arena_strdup(c->a, list ? list : ""), *save = NULL;
	int bad = 0;
	buf_init(&b, 0);
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		struct office o;
		char *k = fold_code(c, t);
		if (!k || store_get(c->st, &ENT_OFFICE, c->a, "id", k, &o) != STORE_OK ||
		    strcmp(o.active, "1") != 0) {
			bad = 1;
			continue;
		}
		struct user seen = { .office = b.n ? b.p : NULL };
		if (auth_in_office(&seen, k))
			continue;
		buf_printf(&b, "%s%s", b.n ? "," : "", k);
	}
	if (bad || !b.n) {
		errors_add(errs, field, _("Choose offices from the list of active offices."));
		buf_free(&b);
		return DOM_INVALID;
	}
	*out = arena_strndup(c->a, b.p, b.n);
	buf_free(&b);
	return DOM_OK;
}

int office_may_see(const struct user *u, const char *office)
{
	return auth_check(u, PERM_OFFICES_ALL) == DOM_OK || auth_in_office(u, office);
}

int office_shares(const struct user *viewer, const struct user *u)
{
	if (auth_check(viewer, PERM_OFFICES_ALL) == DOM_OK)
		return 1;
	char code[OFFICE_CODE_MAX + 1];
	for (const char *p = u->office ? u->office : ""; *p;) {
		size_t n = strcspn(p, ",");
		if (n && n <= OFFICE_CODE_MAX) {
			memcpy(code, p, n);
			code[n] = 0;
			if (auth_in_office(viewer, code))
				return 1;
		}
		p += n + (p[n] == ',');
	}
	return 0;
}

const char *office_first(struct ctx *c, const struct user *u)
{
	const char *l = u && u->office ? u->office : "";
	return arena_strndup(c->a, l, strcspn(l, ","));
}

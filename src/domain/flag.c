/* flag.c: flags on people and cases, their visibility and lifting. */
#include "domain/flag.h"

#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/person.h"
#include "domain/validate.h"

/* The most flags one person has: far above any real record. */
#define FLAGS_MAX 1000
/* Reasons are a sentence or two. */
#define REASON_MAX 1000

int flag_type_sensitive(const char *type)
{
	return type && (strcmp(type, "sgbv_survivor") == 0 || strcmp(type, "child_protection") == 0 ||
			strcmp(type, "torture_survivor") == 0);
}

unsigned flag_type_grants(const char *type)
{
	if (type && strcmp(type, "sgbv_survivor") == 0)
		return GRANT_BIT(GRANT_SGBV);
	if (type && strcmp(type, "torture_survivor") == 0)
		return GRANT_BIT(GRANT_TORTURE);
	return 0;
}

static int raised_by(const struct user *u, const struct flag *f)
{
	return u && u->id && f->raised_by && strcmp(u->id, f->raised_by) == 0;
}

int flag_may_see(const struct user *u, const struct flag *f, const struct case_rec *k)
{
	if (auth_check(u, PERM_REGISTRY_READ) != DOM_OK && auth_check(u, PERM_CASES_READ) != DOM_OK)
		return 0;
	if (auth_reduced(u)) /* a reason is a narrative */
		return 0;
	if (!flag_type_sensitive(f->type) || raised_by(u, f))
		return 1;
	unsigned need = flag_type_grants(f->type);
	if (need) /* need-to-know: the grant, or the case's own caseworker */
		return auth_has_grants(u, need) || (f->case_id && k && case_is_assignee(u, k));
	if (f->case_id)
		return k && case_may_read_notes(u, k);
	return auth_check(u, PERM_CASES_ASSIGN) == DOM_OK || auth_in_area(u, "psychosocial") ||
	       auth_in_area(u, "legal");
}

int flag_may_lift(const struct user *u, const struct flag *f)
{
	return auth_check(u, PERM_CASES_WRITE) == DOM_OK &&
	       (raised_by(u, f) || auth_check(u, PERM_CASES_ASSIGN) == DOM_OK);
}

/* May the user see f: loads its case (as the user) when it has one. */
static int visible(struct ctx *c, const struct flag *f)
{
	struct case_rec k;
	int has_case = f->case_id && case_load(c, f->case_id, &k) == DOM_OK;
	return flag_may_see(c->user, f, has_case ? &k : NULL);
}

static int may_read(const struct user *u)
{
	int rc = auth_check(u, PERM_REGISTRY_READ);
	return rc == DOM_FORBIDDEN ? auth_check(u, PERM_CASES_READ) : rc;
}

int flag_sensitive_active(struct ctx *c, const char *person_id, const char *case_id, int *sgbv,
			  int *torture)
{
	struct store_list l;
	int rc = store_list(c->st, &ENT_FLAG, c->a, "person_id", person_id, "raised_at", 1, FLAGS_MAX,
			    0, &l);
	*sgbv = *torture = 0;
	for (size_t i = 0; !rc && i < l.n; i++) {
		const struct flag *f = l.items[i];
		if (f->lifted_at || (f->case_id && (!case_id || strcmp(f->case_id, case_id) != 0)))
			continue;
		*sgbv |= strcmp(f->type, "sgbv_survivor") == 0;
		*torture |= strcmp(f->type, "torture_survivor") == 0;
	}
	return dom_from_store(rc);
}

/* The person's flags, newest first (every one, visible or not). */
static int load_all(struct ctx *c, const char *person_id, struct store_list *out)
{
	return dom_from_store(store_list(c->st, &ENT_FLAG, c->a, "person_id", person_id, "raised_at",
					 1, FLAGS_MAX, 0, out));
}

/* True when f is active and on the same record as case_id (NULL: the person). */
static int same_place(const struct flag *f, const char *type, const char *case_id)
{
	if (f->lifted_at || strcmp(f->type, type) != 0)
		return 0;
	return case_id ? f->case_id && strcmp(f->case_id, case_id) == 0 : !f->case_id;
}

int flag_raise(struct ctx *c, const char *person_id, const char *type, const char *reason,
	       const char *case_id, struct errors *errs, struct flag *out)
{
	struct person p;
	struct case_rec k;
	struct store_list l;
	char id[37], now[32];
	int on_case = case_id && *case_id;
	int rc = auth_check(c->user, PERM_CASES_WRITE);

	if (rc)
		return rc;
	if (!person_id || person_load(c, person_id, &p))
		return DOM_NOTFOUND;
	if (validate_required(errs, "type", type))
		validate_code(errs, "type", type, &CAT_FLAG_TYPE);
	if (validate_required(errs, "reason", reason))
		validate_length(errs, "reason", reason, REASON_MAX);
	if (on_case) {
		rc = case_load(c, case_id, &k);
		if (rc == DOM_NOTFOUND || (!rc && strcmp(k.person_id, p.id) != 0))
			errors_add(errs, "case_id", _("Choose one of this person's cases."));
		else if (rc)
			return rc;
	}
	if (errs->n)
		return DOM_INVALID;
	if (on_case && !case_may_work(c->user, &k))
		return DOM_FORBIDDEN;
	if (strcmp(p.status, "merged") == 0)
		return DOM_CONFLICT; /* raise it on the survivor */
	if ((rc = load_all(c, p.id, &l)))
		return rc;
	for (size_t i = 0; i < l.n; i++)
		if (same_place(l.items[i], type, on_case ? k.id : NULL)) {
			errors_add(errs, "type", _("This alert is already active. Lift it first to raise it again."));
			return DOM_CONFLICT;
		}
	time_now_iso(now);
	crypto_uuid7(id);
	struct flag f = {
		.id = id,
		.person_id = p.id,
		.case_id = on_case ? k.id : NULL,
		.type = (char *)type,
		.reason = (char *)reason,
		.raised_by = c->user->id,
		.raised_at = now,
	};
	/* Field names only: the reason, and even the type, stay out of the log. */
	const char *fields = on_case ? "type,reason,case_id" : "type,reason";
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = audit_write(c, &ENT_FLAG, &f, 1, "raise_flag", "person", p.id, fields)) ||
	    (on_case && (rc = audit_record(c, "raise_flag", "case", k.id, fields)))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? dom_from_store(store_get(c->st, &ENT_FLAG, c->a, "id", id, out)) : DOM_OK;
}

int flag_get(struct ctx *c, const char *id, struct flag *out)
{
	int rc = may_read(c->user);
	if (rc)
		return rc;
	if (!id || (rc = dom_from_store(store_get(c->st, &ENT_FLAG, c->a, "id", id, out))))
		return rc ? rc : DOM_NOTFOUND;
	return visible(c, out) ? DOM_OK : DOM_NOTFOUND;
}

int flag_lift(struct ctx *c, const char *id, const char *reason, struct errors *errs,
	      struct flag *out)
{
	struct flag f;
	char now[32];
	int rc = flag_get(c, id, &f);

	if (rc)
		return rc;
	if (!flag_may_lift(c->user, &f))
		return DOM_FORBIDDEN;
	if (validate_required(errs, "reason", reason))
		validate_length(errs, "reason", reason, REASON_MAX);
	if (errs->n)
		return DOM_INVALID;
	if (f.lifted_at)
		return DOM_CONFLICT;
	time_now_iso(now);
	f.lifted_by = c->user->id;
	f.lifted_at = now;
	f.lift_reason = (char *)reason;
	const char *fields = "lifted_by,lifted_at,lift_reason";
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = audit_write(c, &ENT_FLAG, &f, 0, "lift_flag", "person", f.person_id, fields)) ||
	    (f.case_id && (rc = audit_record(c, "lift_flag", "case", f.case_id, fields)))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? dom_from_store(store_get(c->st, &ENT_FLAG, c->a, "id", f.id, out)) : DOM_OK;
}

int flag_list(struct ctx *c, const char *person_id, const char *case_id, int active_only,
	      struct store_list *out)
{
	struct person p;
	struct store_list l;
	int rc = may_read(c->user);

	if (rc)
		return rc;
	if (!person_id || person_load(c, person_id, &p))
		return DOM_NOTFOUND;
	if ((rc = load_all(c, p.id, &l)))
		return rc;
	out->items = l.items;
	out->n = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct flag *f = l.items[i];
		if ((active_only && f->lifted_at) ||
		    (case_id && f->case_id && strcmp(f->case_id, case_id) != 0) || !visible(c, f))
			continue;
		out->items[out->n++] = l.items[i];
	}
	out->total = (long long)out->n;
	return DOM_OK;
}

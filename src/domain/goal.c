/* goal.c: the goals of case plans. */
#include "domain/goal.h"

#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/approval.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/person.h"
#include "domain/validate.h"

static void validate(const struct case_goal *g, struct errors *errs)
{
	if (validate_required(errs, "title", g->title))
		validate_chars(errs, "title", g->title, GOAL_TITLE_MAX);
	validate_chars(errs, "details", g->details, GOAL_DETAILS_MAX);
	validate_date(errs, "due_on", g->due_on, 0);
	if (validate_required(errs, "status", g->status))
		validate_code(errs, "status", g->status, &CAT_GOAL_STATUS);
}

/* Writes g (insert: numbered, or update) with its audit event on case k,
 * and marks an approved plan as changed, in one transaction. */
static int write(struct ctx *c, const struct case_rec *k, struct case_goal *g, int insert,
		 const char *fields)
{
	int rc = dom_from_store(store_begin(c->st));
	if (rc)
		return rc;
	if ((insert && (rc = dom_number(c, "case_goal", &g->seq))) ||
	    (rc = audit_write(c, &ENT_CASE_GOAL, g, insert, insert ? "add_goal" : "update_goal",
			      "case", k->id, fields)) ||
	    (rc = approval_plan_changed(c, k))) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int goal_add(struct ctx *c, const char *case_id, struct case_goal *in, struct errors *errs,
	     struct case_goal *out)
{
	struct case_rec k;
	char id[37], now[32];
	int rc = case_load_for_work(c, case_id, &k);

	if (rc)
		return rc;
	record_clean(c->a, &ENT_CASE_GOAL, in);
	if (!in->status)
		in->status = "pending";
	validate(in, errs);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0)
		return DOM_CONFLICT; /* reopen the case first */
	const char *fields = record_set_fields(c->a, &ENT_CASE_GOAL, in);
	time_now_iso(now);
	crypto_uuid7(id);
	struct case_goal g = *in;
	g.id = id;
	g.case_id = k.id;
	g.person_id = k.person_id;
	g.created_by = c->user->id;
	g.created_at = g.updated_at = now;
	if ((rc = write(c, &k, &g, 1, fields)))
		return rc;
	return out ? dom_from_store(store_get(c->st, &ENT_CASE_GOAL, c->a, "id", id, out)) : DOM_OK;
}

/* Withholds g's details when u may not read k's notes (docs/access.md):
 * a goal's details are a narrative like a note. */
static void restrict_details(const struct user *u, const struct case_rec *k, struct case_goal *g)
{
	g->restricted = g->details && !case_may_read_notes(u, k);
	if (g->restricted)
		g->details = NULL;
}

/* Goal id of case k, its details as stored. */
static int load(struct ctx *c, const struct case_rec *k, const char *id, struct case_goal *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (!rc)
		out->restricted = 0;
	return rc ? rc : dom_load_of_case(c, &ENT_CASE_GOAL, k, id, out);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int goal_update(struct ctx *c, const char *case_id, const char *goal_id,
		const struct case_goal *changes, struct errors *errs, struct case_goal *out)
{
	struct case_rec k;
	struct case_goal old, g;
	char now[32];
	int rc = case_load_for_work(c, case_id, &k);

	if (rc)
		return rc;
	if ((rc = load(c, &k, goal_id, &old)))
		return rc;
	/* Who may not read the details may not replace them unseen. */
	if (changes->details && !case_may_read_notes(c->user, &k)) {
		errors_add(errs, "details", _("You may not change details you cannot read."));
		return DOM_INVALID;
	}
	g = old;
	record_apply(c->a, &ENT_CASE_GOAL, &g, changes);
	record_clean(c->a, &ENT_CASE_GOAL, &g);
	validate(&g, errs);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0)
		return DOM_CONFLICT;
	const char *fields = "";
	for (size_t i = 0; i < ENT_CASE_GOAL.nfields; i++) {
		const struct field *f = &ENT_CASE_GOAL.fields[i];
		if (!(f->flags & F_SERVER) && !same(field_get(&old, f), field_get(&g, f)))
			fields = arena_printf(c->a, "%s%s%s", fields, *fields ? "," : "", f->name);
	}
	if (*fields) {
		time_now_iso(now);
		g.updated_at = now;
		if ((rc = write(c, &k, &g, 0, fields)))
			return rc;
	}
	if (!out || (rc = dom_from_store(store_get(c->st, &ENT_CASE_GOAL, c->a, "id", g.id, out))))
		return rc;
	restrict_details(c->user, &k, out);
	return DOM_OK;
}

int goal_get(struct ctx *c, const struct case_rec *k, const char *id, struct case_goal *out)
{
	int rc = load(c, k, id, out);
	if (!rc)
		restrict_details(c->user, k, out);
	return rc;
}

int goal_list(struct ctx *c, const struct case_rec *k, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	rc = store_list(c->st, &ENT_CASE_GOAL, c->a, "case_id", k->id, "seq", 0, 500, 0, out);
	if (rc)
		return dom_from_store(rc);
	out->total = (long long)out->n;
	for (size_t i = 0; i < out->n; i++)
		restrict_details(c->user, k, out->items[i]);
	return DOM_OK;
}

int goal_is_overdue(const struct case_goal *g, const char *today)
{
	return g->due_on && g->status &&
	       (strcmp(g->status, "pending") == 0 || strcmp(g->status, "in_progress") == 0) &&
	       strcmp(g->due_on, today) < 0;
}

int goal_overdue_counts(struct ctx *c, const char *user_id, struct store_list *out)
{
	static const char *const by_case[] = { "case_id" };
	char today[16];
	struct store_list late;
	int rc = auth_check(c->user, PERM_CASES_READ);

	out->items = NULL;
	out->n = 0;
	out->total = -1;
	if (rc)
		return rc;
	if (auth_check(c->user, PERM_CASELOADS_READ) != DOM_OK &&
	    (!user_id || strcmp(user_id, c->user->id) != 0))
		return DOM_FORBIDDEN;
	/* The late goals grouped by case (one query, no rows), then each such
	 * case's caseworker: as many reads as cases with a late goal, however
	 * many cases there are. */
	time_today(today);
	struct store_filter g[] = { { STORE_ANY("status"), "pending,in_progress" }, { "due_on<", today } };
	if ((rc = dom_from_store(store_count_by(c->st, &ENT_CASE_GOAL, c->a, g, 2, by_case, 1, &late))))
		return rc;
	out->items = arena_alloc(c->a, sizeof(void *) * (late.n + 1));
	for (size_t i = 0; i < late.n; i++) {
		const struct store_group *lg = late.items[i];
		struct case_rec k;
		rc = dom_from_store(store_get(c->st, &ENT_CASE, c->a, NULL, lg->v[0], &k));
		if (rc == DOM_NOTFOUND)
			continue;
		if (rc)
			return rc;
		if (!k.assigned_to || strcmp(k.status, "closed") == 0 ||
		    (user_id && strcmp(k.assigned_to, user_id) != 0))
			continue;
		size_t j = 0;
		while (j < out->n && strcmp(((struct store_group *)out->items[j])->v[0], k.assigned_to) != 0)
			j++;
		if (j == out->n) {
			struct store_group *u = arena_alloc(c->a, sizeof(*u));
			*u = (struct store_group){ .v = { k.assigned_to } };
			out->items[out->n++] = u;
		}
		((struct store_group *)out->items[j])->n += lg->n;
	}
	return DOM_OK;
}

int goal_overdue_count(struct ctx *c, const char *user_id, long long *n)
{
	struct store_list l;
	int rc = goal_overdue_counts(c, user_id, &l);
	*n = !rc && l.n ? ((struct store_group *)l.items[0])->n : 0;
	return rc;
}

/* approval.c: requests for a supervisor's approval of a case's plan or
 * closure, and their decisions. */
#include "domain/approval.h"

#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/person.h"
#include "domain/settings.h"
#include "domain/validate.h"

const char *approval_plan_state_code(enum plan_state s)
{
	static const char *const codes[] = { "not_required", "draft",	 "pending",
					     "returned",     "approved", "changed" };
	return codes[s];
}

static const char *pending_key(struct ctx *c, const char *case_id, const char *kind)
{
	return arena_printf(c->a, "%s/%s", case_id, kind);
}

/* The latest request of kind on case k: DOM_NOTFOUND when there is none. */
static int latest(struct ctx *c, const struct case_rec *k, const char *kind, struct approval *out)
{
	struct store_filter w[] = { { "case_id", k->id }, { "kind", kind } };
	struct store_list l;
	int rc = dom_from_store(
		store_list_where(c->st, &ENT_APPROVAL, c->a, w, 2, "seq", 1, 1, 0, &l));
	if (rc)
		return rc;
	if (!l.n)
		return DOM_NOTFOUND;
	*out = *(struct approval *)l.items[0];
	return DOM_OK;
}

int approval_plan_state(struct ctx *c, const struct case_rec *k, enum plan_state *state,
			struct approval *last)
{
	struct approval a = { 0 };
	int rc = auth_check(c->user, PERM_CASES_READ);

	if (last)
		*last = a;
	if (rc)
		return rc;
	rc = latest(c, k, "plan", &a);
	if (rc && rc != DOM_NOTFOUND)
		return rc;
	if (!rc && last)
		*last = a;
	if (!settings_has_area(c, "plan_approval_areas", k->area))
		*state = PLAN_FREE;
	else if (rc == DOM_NOTFOUND)
		*state = PLAN_DRAFT;
	else if (strcmp(a.status, "pending") == 0)
		*state = PLAN_PENDING;
	else if (strcmp(a.status, "rejected") == 0)
		*state = PLAN_RETURNED;
	else
		*state = a.superseded_at ? PLAN_CHANGED : PLAN_APPROVED;
	return DOM_OK;
}

/* Inserts a pending request of kind on k with its audit event. On a
 * request of the same kind already waiting: DOM_CONFLICT, message under
 * field. */
static int insert(struct ctx *c, const struct case_rec *k, struct approval *a, const char *field,
		  const char *taken, struct errors *errs)
{
	char id[37], now[32];
	time_now_iso(now);
	crypto_uuid7(id);
	a->id = id;
	a->case_id = k->id;
	a->status = "pending";
	a->pending_key = (char *)pending_key(c, k->id, a->kind);
	a->requested_by = c->user->id;
	a->requested_at = now;
	const char *fields = arena_printf(c->a, "kind%s%s", a->closure_reason ? ",closure_reason" : "",
					  a->request_note ? ",request_note" : "");
	int rc = dom_from_store(store_begin(c->st));
	if (rc)
		return rc;
	if ((rc = dom_number(c, "approval", &a->seq)) ||
	    (rc = audit_write(c, &ENT_APPROVAL, a, 1, "request_approval", "case", k->id, fields)))
		store_rollback(c->st);
	else
		rc = dom_from_store(store_commit(c->st));
	if (rc == DOM_CONFLICT)
		errors_add(errs, field, taken);
	if (!rc)
		a->id = arena_strdup(c->a, id);
	return rc;
}

int approval_request(struct ctx *c, const char *case_id, const char *kind, const char *note,
		     struct errors *errs, struct approval *out)
{
	struct case_rec k;
	struct store_list goals;
	enum plan_state state;
	int rc = case_load_for_work(c, case_id, &k);

	if (rc)
		return rc;
	struct approval a = { .kind = kind ? arena_strdup(c->a, kind) : NULL,
			      .request_note = note ? arena_strdup(c->a, note) : NULL };
	record_clean(c->a, &ENT_APPROVAL, &a);
	if (validate_required(errs, "kind", a.kind) &&
	    validate_code(errs, "kind", a.kind, &CAT_APPROVAL_KIND) && strcmp(a.kind, "plan") != 0)
		errors_add(errs, "kind", _("To ask for a closure, close the case: it is sent to approval."));
	validate_chars(errs, "note", a.request_note, APPROVAL_NOTE_MAX);
	if (errs->n)
		return DOM_INVALID;
	if ((rc = approval_plan_state(c, &k, &state, NULL)))
		return rc;
	const char *why = NULL;
	if (strcmp(k.status, "closed") == 0)
		why = _("The case is closed: reopen it first.");
	else if (state == PLAN_FREE)
		why = _("Plans of this area need no approval.");
	else if (state == PLAN_APPROVED)
		why = _("The plan is already approved.");
	else if ((rc = dom_from_store(store_list(c->st, &ENT_CASE_GOAL, c->a, "case_id", k.id, "seq", 0,
						1, 0, &goals))))
		return rc;
	else if (!goals.n)
		why = _("Add at least one goal before sending the plan.");
	if (why) {
		errors_add(errs, "kind", why);
		return DOM_CONFLICT;
	}
	if ((rc = insert(c, &k, &a, "kind", _("The plan is already waiting for a supervisor."), errs)))
		return rc;
	return out ? approval_get(c, a.id, out) : DOM_OK;
}

int approval_closure_needed(struct ctx *c, const struct case_rec *k)
{
	return auth_check(c->user, PERM_CASES_ASSIGN) != DOM_OK &&
	       settings_has_area(c, "closure_approval_areas", k->area);
}

int approval_request_closure(struct ctx *c, const struct case_rec *k, const char *reason,
			     struct errors *errs)
{
	struct approval a = { .kind = "closure", .closure_reason = (char *)reason };
	return insert(c, k, &a, "status",
		      _("A request to close this case is already waiting for a supervisor."), errs);
}

int approval_plan_changed(struct ctx *c, const struct case_rec *k)
{
	struct approval a;
	char now[32];
	if (!settings_has_area(c, "plan_approval_areas", k->area))
		return DOM_OK;
	int rc = latest(c, k, "plan", &a);
	if (rc == DOM_NOTFOUND)
		return DOM_OK;
	if (rc || strcmp(a.status, "approved") != 0 || a.superseded_at)
		return rc;
	time_now_iso(now);
	a.superseded_at = now;
	return audit_write(c, &ENT_APPROVAL, &a, 0, "plan_changed", "case", k->id, "superseded_at");
}

/* Whether c->user may open the case of request a (its office or a
 * share: case_visible). */
static int visible(struct ctx *c, const struct approval *a)
{
	return a->case_id && case_visible(c, a->case_id);
}

int approval_decide(struct ctx *c, const char *id, int approve, const char *note,
		    struct errors *errs, struct approval *out)
{
	struct approval a;
	char now[32];
	int rc = auth_check(c->user, PERM_CASES_ASSIGN);

	if (rc || (rc = approval_get(c, id, &a)))
		return rc;
	if (a.requested_by && strcmp(a.requested_by, c->user->id) == 0)
		return DOM_FORBIDDEN; /* a second person decides */
	struct approval typed = { .decision_note = note ? arena_strdup(c->a, note) : NULL };
	record_clean(c->a, &ENT_APPROVAL, &typed);
	if (!approve && !typed.decision_note)
		errors_add(errs, "note", _("Say why the request is returned."));
	validate_chars(errs, "note", typed.decision_note, APPROVAL_NOTE_MAX);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(a.status, "pending") != 0) {
		errors_add(errs, "status", _("This request was already decided."));
		return DOM_CONFLICT;
	}
	time_now_iso(now);
	a.status = approve ? "approved" : "rejected";
	a.pending_key = NULL;
	a.decided_by = c->user->id;
	a.decided_at = now;
	a.decision_note = typed.decision_note;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	/* Closing goes through case_set_status: the same checks, history and
	 * audit event as a supervisor closing the case. */
	if (approve && strcmp(a.kind, "closure") == 0 &&
	    (rc = case_set_status(c, a.case_id, "closed", a.closure_reason, errs, NULL)))
		goto fail;
	if ((rc = audit_write(c, &ENT_APPROVAL, &a, 0, approve ? "approve" : "reject", "case",
			      a.case_id, a.decision_note ? "kind,decision_note" : "kind")))
		goto fail;
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? approval_get(c, a.id, out) : DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

int approval_get(struct ctx *c, const char *id, struct approval *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	if (!id || (rc = dom_from_store(store_get(c->st, &ENT_APPROVAL, c->a, "id", id, out))))
		return rc ? rc : DOM_NOTFOUND;
	/* A request on a case the user may not open (another office's) is
	 * as if it did not exist: read, approved or returned. */
	return visible(c, out) ? DOM_OK : DOM_NOTFOUND;
}

int approval_pending_for(struct ctx *c, const struct case_rec *k, const char *kind,
			 struct approval *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	return dom_from_store(store_get(c->st, &ENT_APPROVAL, c->a, "pending_key",
					pending_key(c, k->id, kind), out));
}

int approval_list_case(struct ctx *c, const struct case_rec *k, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	rc = store_list(c->st, &ENT_APPROVAL, c->a, "case_id", k->id, "seq", 1, 200, 0, out);
	if (!rc)
		out->total = (long long)out->n;
	return dom_from_store(rc);
}

int approval_list_pending(struct ctx *c, long limit, long offset, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_ASSIGN);
	if (rc)
		return rc;
	/* Only the requests on cases the user may open (their offices): the
	 * queue is short, so it is read whole and paged here, and the total
	 * counts what the user may see. */
	struct store_list all;
	if ((rc = dom_from_store(store_list(c->st, &ENT_APPROVAL, c->a, "status", "pending", "seq", 0,
					    APPROVALS_SCAN_MAX, 0, &all))))
		return rc;
	if (limit <= 0)
		limit = 50;
	out->items = arena_alloc(c->a, sizeof(void *) * (all.n ? all.n : 1));
	out->n = 0;
	out->total = 0;
	for (size_t i = 0; i < all.n; i++) {
		if (!visible(c, all.items[i]))
			continue;
		if (out->total >= offset && out->total < offset + limit)
			out->items[out->n++] = all.items[i];
		out->total++;
	}
	return DOM_OK;
}

long long approval_pending_count(struct ctx *c)
{
	static const char *const by[] = { "case_id" };
	struct store_filter f[] = { { "status", "pending" } };
	struct store_list g;
	long long n = 0;
	if (auth_check(c->user, PERM_CASES_ASSIGN) ||
	    store_count_by(c->st, &ENT_APPROVAL, c->a, f, 1, by, 1, &g))
		return 0;
	for (size_t i = 0; i < g.n; i++) {
		const struct store_group *k = g.items[i];
		if (k->v[0] && case_visible(c, k->v[0]))
			n += k->n;
	}
	return n;
}

/* case.c: cases, their transitions, risk and caseworker. */
#include "domain/case.h"

#include <stdio.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/approval.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case_share.h"
#include "domain/office.h"
#include "domain/flag.h"
#include "domain/person.h"
#include "domain/validate.h"

int case_is_assignee(const struct user *u, const struct case_rec *k)
{
	return u && u->id && k->assigned_to && strcmp(u->id, k->assigned_to) == 0;
}

/* The grants a flag on k's person or on k adds to every sensitive read. */
static unsigned flagged(const struct case_rec *k)
{
	return (k->sgbv ? GRANT_BIT(GRANT_SGBV) : 0) | (k->torture ? GRANT_BIT(GRANT_TORTURE) : 0);
}

unsigned case_note_grants(const struct case_rec *k)
{
	unsigned g = flagged(k);
	if (strcmp(k->area, "psychosocial") == 0)
		g |= GRANT_BIT(GRANT_MENTAL_HEALTH);
	else if (strcmp(k->area, "legal") == 0)
		g |= GRANT_BIT(GRANT_ASYLUM_NARRATIVE);
	return g;
}

/* The one need-to-know rule (docs/access.md): u reads cases, and is k's
 * caseworker or holds every grant of mask. */
static int may_read_with(const struct user *u, const struct case_rec *k, unsigned mask)
{
	if (auth_check(u, PERM_CASES_READ) != DOM_OK || auth_reduced(u))
		return 0;
	return case_is_assignee(u, k) || k->shared || auth_has_grants(u, mask);
}

int case_may_work(const struct user *u, const struct case_rec *k)
{
	return auth_check(u, PERM_CASES_WRITE) == DOM_OK &&
	       (auth_check(u, PERM_CASES_ASSIGN) == DOM_OK || auth_in_area(u, k->area) ||
		case_is_assignee(u, k) || k->shared == 2);
}

int case_may_read_health(const struct user *u, const struct case_rec *k)
{
	return may_read_with(u, k, GRANT_BIT(GRANT_MENTAL_HEALTH) | flagged(k));
}

int case_may_read_narrative(const struct user *u, const struct case_rec *k)
{
	return may_read_with(u, k, GRANT_BIT(GRANT_ASYLUM_NARRATIVE) | flagged(k));
}

int case_may_read_notes(const struct user *u, const struct case_rec *k)
{
	return may_read_with(u, k, case_note_grants(k));
}

/* May u be given cases of area: an enabled user who may work on cases
 * there. */
static int may_take(const struct user *u, const char *area)
{
	return auth_check(u, PERM_CASES_WRITE) == DOM_OK &&
	       (auth_check(u, PERM_CASES_ASSIGN) == DOM_OK || auth_in_area(u, area));
}

int case_load(struct ctx *c, const char *id, struct case_rec *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc || (rc = dom_load_ref(c, &ENT_CASE, 'C', id, out)))
		return rc;
	/* An explicit share opens the case whatever the office (access.md). */
	if ((rc = case_share_mode(c, out->id, c->user->id, &out->shared)))
		return rc;
	/* Another office's case: as if it did not exist (docs/offices.md). */
	if (!office_may_see(c->user, out->office) && !out->shared)
		return DOM_NOTFOUND;
	return flag_sensitive_active(c, out->person_id, out->id, &out->sgbv, &out->torture);
}

int case_visible(struct ctx *c, const char *id)
{
	struct case_rec k;
	int shared = 0;
	if (auth_check(c->user, PERM_CASES_READ) || dom_load_ref(c, &ENT_CASE, 'C', id, &k))
		return 0;
	return office_may_see(c->user, k.office) ||
	       (case_share_mode(c, k.id, c->user->id, &shared) == DOM_OK && shared);
}

int case_get(struct ctx *c, const char *id, struct case_rec *out)
{
	int rc = case_load(c, id, out);
	if (rc)
		return rc;
	return audit_view(c, "case", out->id);
}

static char *open_key(struct ctx *c, const struct case_rec *k)
{
	return arena_printf(c->a, "%s/%s", k->person_id, k->area);
}

int case_open(struct ctx *c, const char *person_id, const char *area, const char *risk,
	      struct errors *errs, struct case_rec *out)
{
	return case_open_in(c, person_id, area, risk, NULL, errs, out);
}

/* The office a case opened by c->user belongs to: office when given (one
 * of the user's, or any active one with PERM_OFFICES_ALL), else the
 * user's first, else the default office. NULL, with an error, when it
 * may not be used. */
static const char *opening_office(struct ctx *c, const char *office, struct errors *errs)
{
	struct office o;
	if (!office || !*office)
		office = office_first(c, c->user);
	if (!*office)
		return office_default(c, &o) == DOM_OK ? o.id : NULL;
	if (office_get(c, office, &o) != DOM_OK || strcmp(o.active, "1") != 0 ||
	    !office_may_see(c->user, o.id)) {
		errors_add(errs, "office", _("Choose one of your offices."));
		return NULL;
	}
	return o.id;
}

int case_open_in(struct ctx *c, const char *person_id, const char *area, const char *risk,
		 const char *office, struct errors *errs, struct case_rec *out)
{
	struct person p;
	struct case_rec k = { 0 };
	char id[37], ref[24], now[32];
	long long num;
	int rc = auth_check(c->user, PERM_CASES_WRITE);

	if (rc)
		return rc;
	if (!risk || !*risk)
		risk = "low";
	if (validate_required(errs, "area", area))
		validate_code(errs, "area", area, &CAT_AREA);
	validate_code(errs, "risk", risk, &CAT_RISK);
	if (!person_id || person_load(c, person_id, &p))
		errors_add(errs, "person_id", _("Choose a person from the registry."));
	const char *in_office = opening_office(c, office, errs);
	if (errs->n)
		return DOM_INVALID;
	if (auth_check(c->user, PERM_CASES_ASSIGN) && !auth_in_area(c->user, area))
		return DOM_FORBIDDEN;
	if (strcmp(p.status, "merged") == 0)
		return DOM_CONFLICT; /* open it on the survivor */
	time_now_iso(now);
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_from_store(store_next_number(c->st, "case", &num))))
		goto fail;
	crypto_uuid7(id);
	snprintf(ref, sizeof(ref), "C-%06lld", num);
	k.id = id;
	k.ref = ref;
	k.person_id = p.id;
	k.household_id = p.household_id;
	k.area = (char *)area;
	k.status = "open";
	k.risk = (char *)risk;
	k.assigned_to = c->user->id;
	k.office = (char *)in_office;
	k.open_key = open_key(c, &k);
	k.opened_at = k.created_at = k.updated_at = now;
	k.created_by = c->user->id;
	if ((rc = dom_from_store(store_insert(c->st, &ENT_CASE, &k)))) {
		if (rc == DOM_CONFLICT)
			errors_add(errs, "area", _("This person already has an open case in this area."));
		goto fail;
	}
	if ((rc = audit_record(c, "open", "case", id, "person_id,area,risk,assigned_to")) ||
	    (rc = audit_record(c, "open_case", "person", p.id, "area")))
		goto fail;
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? case_load(c, id, out) : DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

/* Writes k (changed by the caller), its history row and its audit event
 * (action) in one transaction. from and to are the values the history
 * keeps. */
static int write_change_as(struct ctx *c, struct case_rec *k, const char *kind, const char *action,
			   const char *from, const char *to, const char *reason, const char *fields)
{
	struct case_change h = { 0 };
	char id[37], now[32];
	long long n;
	int rc;

	time_now_iso(now);
	crypto_uuid7(id);
	k->updated_at = now;
	h.id = id;
	h.case_id = k->id;
	h.kind = (char *)kind;
	h.from_value = (char *)from;
	h.to_value = (char *)to;
	h.reason = (char *)reason;
	h.changed_by = c->user->id;
	h.changed_at = now;
	if (strcmp(kind, "status") == 0 && strcmp(to, "closed") == 0)
		k->closed_at = now;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	/* Counted inside the write transaction: writers take turns. */
	if ((rc = dom_from_store(store_count(c->st, &ENT_CASE_CHANGE, "case_id", k->id, &n))))
		goto fail;
	h.seq = arena_printf(c->a, "%lld", n + 1);
	if ((rc = dom_from_store(store_update(c->st, &ENT_CASE, k))) ||
	    (rc = dom_from_store(store_insert(c->st, &ENT_CASE_CHANGE, &h))) ||
	    (rc = audit_record(c, action, "case", k->id, fields)))
		goto fail;
	return dom_from_store(store_commit(c->st));
fail:
	store_rollback(c->st);
	return rc;
}

static int write_change(struct ctx *c, struct case_rec *k, const char *kind, const char *from,
			const char *to, const char *reason, const char *fields)
{
	return write_change_as(c, k, kind, kind, from, to, reason, fields);
}

int case_move_office(struct ctx *c, struct case_rec *k, const char *office)
{
	const char *from = k->assigned_to, *to = may_take(c->user, k->area) ? c->user->id : NULL;
	char now[32];
	int rc;
	k->office = (char *)office;
	if ((from || to) && (!from || !to || strcmp(from, to) != 0)) {
		k->assigned_to = (char *)to;
		return write_change_as(c, k, "assign", "transfer_accept", from, to, NULL,
				       "office,assigned_to");
	}
	time_now_iso(now);
	k->updated_at = now;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_from_store(store_update(c->st, &ENT_CASE, k))) ||
	    (rc = audit_record(c, "transfer_accept", "case", k->id, "office"))) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

/* The moves a case's status may make (docs/cases.md). */
static int allowed(const char *from, const char *to)
{
	static const char *const moves[][2] = {
		{ "open", "active" },	 { "open", "on_hold" },	   { "open", "closed" },
		{ "active", "on_hold" }, { "active", "closed" },   { "on_hold", "active" },
		{ "on_hold", "closed" }, { "closed", "open" },
	};
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i][0], from) == 0 && strcmp(moves[i][1], to) == 0)
			return 1;
	return 0;
}

int case_load_for_work(struct ctx *c, const char *id, struct case_rec *k)
{
	int rc = auth_check(c->user, PERM_CASES_WRITE);
	if (rc || (rc = case_load(c, id, k)))
		return rc;
	return case_may_work(c->user, k) ? DOM_OK : DOM_FORBIDDEN;
}

const char *case_status_fields(const char *from, const char *to)
{
	return strcmp(to, "closed") == 0 || strcmp(from, "closed") == 0 ? "status,closure_reason" : "status";
}

int case_set_status(struct ctx *c, const char *id, const char *status, const char *reason,
		    struct errors *errs, struct case_rec *out)
{
	struct case_rec k;
	int rc = case_load_for_work(c, id, &k);

	if (rc)
		return rc;
	if (validate_required(errs, "status", status))
		validate_code(errs, "status", status, &CAT_CASE_STATUS);
	if (status && strcmp(status, "closed") == 0) {
		if (!reason || !*reason)
			errors_add(errs, "reason", _("Choose why the case is closed."));
		else
			validate_code(errs, "reason", reason, &CAT_CLOSURE_REASON);
	}
	validate_length(errs, "reason", reason, 500);
	if (errs->n)
		return DOM_INVALID;
	if (!allowed(k.status, status)) {
		errors_add(errs, "status", _("A case cannot move from its present status to this one."));
		return DOM_CONFLICT;
	}
	/* Where the office wants it, a caseworker's closing waits for a
	 * supervisor (approval.h): the case stays as it is. */
	if (strcmp(status, "closed") == 0 && approval_closure_needed(c, &k)) {
		if ((rc = approval_request_closure(c, &k, reason, errs)))
			return rc;
		return out ? case_load(c, k.id, out) : DOM_OK;
	}
	const char *from = k.status;
	k.status = (char *)status;
	if (strcmp(status, "closed") == 0) {
		k.closure_reason = (char *)reason;
		k.open_key = NULL;
	} else if (strcmp(from, "closed") == 0) {
		k.closure_reason = NULL;
		k.closed_at = NULL;
		k.open_key = open_key(c, &k); /* taken by a newer case: 409 */
	}
	rc = write_change(c, &k, "status", from, status, reason && *reason ? reason : NULL,
			  case_status_fields(from, status));
	if (rc == DOM_CONFLICT)
		errors_add(errs, "status", _("This person already has an open case in this area."));
	if (rc)
		return rc;
	return out ? case_load(c, k.id, out) : DOM_OK;
}

int case_set_risk(struct ctx *c, const char *id, const char *risk, const char *reason,
		  struct errors *errs, struct case_rec *out)
{
	struct case_rec k;
	int rc = case_load_for_work(c, id, &k);

	if (rc)
		return rc;
	if (validate_required(errs, "risk", risk))
		validate_code(errs, "risk", risk, &CAT_RISK);
	validate_length(errs, "reason", reason, 500);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0)
		return DOM_CONFLICT; /* reopen it first */
	if (strcmp(k.risk, risk) != 0) {
		const char *from = k.risk;
		k.risk = (char *)risk;
		if ((rc = write_change(c, &k, "risk", from, risk, reason && *reason ? reason : NULL,
				       "risk")))
			return rc;
	}
	return out ? case_load(c, k.id, out) : DOM_OK;
}

int case_assign(struct ctx *c, const char *id, const char *user_id, struct errors *errs,
		struct case_rec *out)
{
	struct case_rec k;
	struct user u;
	int rc = auth_check(c->user, PERM_CASES_ASSIGN);

	if (rc || (rc = case_load(c, id, &k)))
		return rc;
	if (!validate_required(errs, "user_id", user_id))
		return DOM_INVALID;
	if (store_get(c->st, &ENT_USER, c->a, "id", user_id, &u) != STORE_OK &&
	    store_get(c->st, &ENT_USER, c->a, "name", user_id, &u) != STORE_OK)
		errors_add(errs, "user_id", _("Choose a user from the list."));
	else if (!may_take(&u, k.area))
		errors_add(errs, "user_id", _("This user does not work in the case's area."));
	else if (!office_may_see(&u, k.office))
		errors_add(errs, "user_id", _("This user does not work in the case's office."));
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0)
		return DOM_CONFLICT;
	if (!k.assigned_to || strcmp(k.assigned_to, u.id) != 0) {
		const char *from = k.assigned_to;
		k.assigned_to = u.id;
		if ((rc = write_change(c, &k, "assign", from, u.id, NULL, "assigned_to")))
			return rc;
	}
	return out ? case_load(c, k.id, out) : DOM_OK;
}

int case_list(struct ctx *c, const struct case_filter *f, long limit, long offset,
	      struct errors *errs, struct store_list *out)
{
	/* One slot per filter below: person, area, status, risk, caseworker,
	 * ids, office. Six slots overflowed the stack when every filter came
	 * at once (found by sqlmap, caught by the stack protector). */
	struct store_filter w[7];
	size_t n = 0;
	int rc = auth_check(c->user, PERM_CASES_READ);

	if (rc)
		return rc;
	if (f->office && !office_may_see(c->user, f->office))
		errors_add(errs, "office", _("Choose one of your offices."));
	validate_code(errs, "area", f->area, &CAT_AREA);
	validate_code(errs, "status", f->status, &CAT_CASE_STATUS);
	validate_code(errs, "risk", f->risk, &CAT_RISK);
	if (errs->n)
		return DOM_INVALID;
	if (f->person_id)
		w[n++] = (struct store_filter){ "person_id", f->person_id };
	if (f->area)
		w[n++] = (struct store_filter){ "area", f->area };
	if (f->status)
		w[n++] = (struct store_filter){ "status", f->status };
	if (f->risk)
		w[n++] = (struct store_filter){ "risk", f->risk };
	if (f->assigned_to)
		w[n++] = (struct store_filter){ "assigned_to", f->assigned_to };
	if (f->ids && !*f->ids) {
		*out = (struct store_list){ .total = 0 };
		return DOM_OK;
	}
	if (f->ids)
		w[n++] = (struct store_filter){ STORE_ANY("id"), f->ids };
	if (f->office)
		w[n++] = (struct store_filter){ "office", f->office };
	else if (auth_check(c->user, PERM_OFFICES_ALL) != DOM_OK)
		w[n++] = (struct store_filter){ STORE_ANY("office"), c->user->office ? c->user->office : "" };
	rc = store_list_where(c->st, &ENT_CASE, c->a, w, n, "opened_at", 1, limit, offset, out);
	if (!rc)
		rc = store_count_where(c->st, &ENT_CASE, w, n, &out->total);
	return dom_from_store(rc);
}

int case_person(struct ctx *c, const struct case_rec *k, struct person *out)
{
	/* The reduced view reads the person masked (person_load). */
	int rc = auth_reduced(c->user) ? DOM_OK : auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	return person_load(c, k->person_id, out);
}

int case_history(struct ctx *c, const struct case_rec *k, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	return dom_from_store(store_list(c->st, &ENT_CASE_CHANGE, c->a, "case_id", k->id,
					 "seq", 1, 200, 0, out));
}

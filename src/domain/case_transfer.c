/* case_transfer.c: cases sent between offices, with consent, and the
 * snapshot the sender keeps. */
#include "domain/case_transfer.h"

#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/office.h"
#include "domain/referral.h"
#include "domain/person.h"
#include "domain/service.h"
#include "domain/validate.h"

#define REASON_MAX 1000
#define SNAPSHOT_SERVICES 500

static const char *const SHARED[] = { "summary", "services", "all", NULL };
static const char *const STATUSES[] = { "sent", "accepted", "rejected", "cancelled", NULL };

static int one_of(const char *const *list, const char *v)
{
	for (; v && *list; list++)
		if (strcmp(*list, v) == 0)
			return 1;
	return 0;
}

/* The fields of rec named in names (NULL-terminated) as a JSON object;
 * absent fields are left out. */
static json_t *pick(const struct entity *e, const void *rec, const char *const *names)
{
	json_t *o = json_object();
	for (; *names; names++) {
		const char *v = field_get(rec, entity_field(e, *names));
		if (v)
			json_object_set_new(o, *names, json_string(v));
	}
	return o;
}

/* The case as sent: its summary, its person, and its services when shared
 * says so (notes only with "all", and only those c->user may read). */
static char *snapshot(struct ctx *c, const struct case_rec *k, const char *shared)
{
	static const char *const case_keys[] = { "id", "ref", "area", "status", "risk", "office",
						  "opened_at", NULL };
	static const char *const person_keys[] = { "id", "ref", "given_names", "surname1", "surname2",
						   "sex", "birth_date", "nationality", "legal_status",
						   NULL };
	static const char *const service_keys[] = { "type", "date", "duration_minutes", "outcome",
						    NULL };
	struct person p;
	struct store_list l;
	json_t *o = json_object();

	json_object_set_new(o, "case", pick(&ENT_CASE, k, case_keys));
	if (person_load(c, k->person_id, &p) == DOM_OK)
		json_object_set_new(o, "person", pick(&ENT_PERSON, &p, person_keys));
	if (strcmp(shared, "summary") != 0 &&
	    service_list(c, k, SNAPSHOT_SERVICES, 0, &l) == DOM_OK) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct service *s = l.items[i];
			json_t *one = pick(&ENT_SERVICE, s, service_keys);
			if (strcmp(shared, "all") == 0 && s->notes && !s->notes_restricted)
				json_object_set_new(one, "notes", json_string(s->notes));
			json_array_append_new(a, one);
		}
		json_object_set_new(o, "services", a);
	}
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	char *out = arena_strdup(c->a, text ? text : "{}");
	free(text);
	return out;
}

int case_transfer_send(struct ctx *c, const char *case_id, const char *to_office,
		       const char *reason, int consent, const char *shared, struct errors *errs,
		       struct case_transfer *out)
{
	struct case_rec k;
	struct office to;
	char id[37], now[32];
	int rc = case_load_for_work(c, case_id, &k);

	if (rc)
		return rc;
	if (!shared || !*shared)
		shared = "summary";
	if (!to_office || !*to_office || office_get(c, to_office, &to) != DOM_OK ||
	    strcmp(to.active, "1") != 0)
		errors_add(errs, "to_office", _("Choose the active office that receives the case."));
	else if (k.office && strcmp(to.id, k.office) == 0)
		errors_add(errs, "to_office", _("The case is already in this office: choose another."));
	if (validate_required(errs, "reason", reason))
		validate_length(errs, "reason", reason, REASON_MAX);
	if (consent != 1)
		errors_add(errs, "consent",
			   _("The person must agree to the transfer: ask for their consent before sending the case."));
	if (!one_of(SHARED, shared))
		errors_add(errs, "shared", _("Choose what the other office may see: summary, services or all."));
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0) {
		errors_add(errs, "to_office", _("A closed case cannot be transferred: reopen it first."));
		return DOM_CONFLICT;
	}
	crypto_uuid7(id);
	time_now_iso(now);
	struct case_transfer t = {
		.id = id, .case_id = k.id, .area = k.area, .from_office = k.office,
		.to_office = to.id, .reason = (char *)reason, .consent = "1",
		.shared = (char *)shared, .snapshot = snapshot(c, &k, shared), .status = "sent",
		.pending_key = k.id, .sent_by = c->user->id, .sent_at = now,
	};
	rc = audit_write(c, &ENT_CASE_TRANSFER, &t, 1, "transfer", "case", k.id,
			 "to_office,reason,consent,shared");
	if (rc == DOM_CONFLICT)
		errors_add(errs, "to_office", _("This case already has a transfer waiting for an answer."));
	if (rc)
		return rc;
	return out ? case_transfer_get(c, id, out) : DOM_OK;
}

static int may_see(const struct user *u, const struct case_transfer *t)
{
	return office_may_see(u, t->from_office) || office_may_see(u, t->to_office);
}

int case_transfer_get(struct ctx *c, const char *id, struct case_transfer *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	if (!id || store_get(c->st, &ENT_CASE_TRANSFER, c->a, "id", id, out) != STORE_OK ||
	    !may_see(c->user, out))
		return DOM_NOTFOUND;
	return DOM_OK;
}

int case_transfer_read(struct ctx *c, const char *id, struct case_transfer *out)
{
	int rc = case_transfer_get(c, id, out);
	return rc ? rc : audit_view(c, "case", out->case_id);
}

int case_transfer_may_decide(const struct user *u, const struct case_transfer *t)
{
	return auth_check(u, PERM_CASES_WRITE) == DOM_OK &&
	       (auth_in_office(u, t->to_office) || auth_check(u, PERM_OFFICES_ALL) == DOM_OK);
}

int case_transfer_may_cancel(const struct user *u, const struct case_transfer *t)
{
	return auth_check(u, PERM_CASES_WRITE) == DOM_OK &&
	       (auth_in_office(u, t->from_office) || auth_check(u, PERM_OFFICES_ALL) == DOM_OK);
}

/* Ends transfer id, still "sent", with status to ("accepted", "rejected"
 * or "cancelled"), by a user may() allows; a comment is required when
 * rejecting. */
static int answer(struct ctx *c, const char *id, const char *to, const char *comment,
		  int (*may)(const struct user *, const struct case_transfer *), struct errors *errs,
		  struct case_transfer *out)
{
	struct case_transfer t;
	struct case_rec k;
	char now[32];
	int accept = strcmp(to, "accepted") == 0, rc = case_transfer_get(c, id, &t);

	if (rc)
		return rc;
	if (!may(c->user, &t))
		return DOM_FORBIDDEN;
	if (strcmp(to, "rejected") == 0)
		validate_required(errs, "comment", comment);
	validate_length(errs, "comment", comment, REASON_MAX);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(t.status, "sent") != 0) {
		errors_add(errs, "status", _("This transfer was already answered."));
		return DOM_CONFLICT;
	}
	if (store_get(c->st, &ENT_CASE, c->a, "id", t.case_id, &k) != STORE_OK)
		return DOM_NOTFOUND;
	if (accept && (strcmp(k.status, "closed") == 0 || !k.office ||
		       strcmp(k.office, t.from_office) != 0)) {
		errors_add(errs, "status", _("The case was closed or moved since it was sent."));
		return DOM_CONFLICT;
	}
	time_now_iso(now);
	t.status = (char *)to;
	t.pending_key = NULL;
	t.comment = comment && *comment ? (char *)comment : NULL;
	t.decided_by = c->user->id;
	t.decided_at = now;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_from_store(store_update(c->st, &ENT_CASE_TRANSFER, &t))) ||
	    (rc = accept ? case_move_office(c, &k, t.to_office)
			 : audit_record(c, strcmp(to, "rejected") == 0 ? "transfer_reject"
								 : "transfer_cancel",
					"case", k.id, "comment")) ||
	    (accept && (rc = referral_case_moved(c, k.id, t.to_office)))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? case_transfer_get(c, t.id, out) : DOM_OK;
}

int case_transfer_decide(struct ctx *c, const char *id, int accept, const char *comment,
			 struct errors *errs, struct case_transfer *out)
{
	return answer(c, id, accept ? "accepted" : "rejected", comment, case_transfer_may_decide,
		      errs, out);
}

int case_transfer_cancel(struct ctx *c, const char *id, const char *comment, struct errors *errs,
			 struct case_transfer *out)
{
	return answer(c, id, "cancelled", comment, case_transfer_may_cancel, errs, out);
}

int case_transfer_list(struct ctx *c, const char *box, const char *status, const char *office,
		       long limit, long offset, struct errors *errs, struct store_list *out)
{
	struct store_filter w[2];
	size_t n = 0;
	int rc = auth_check(c->user, PERM_CASES_READ);

	if (rc)
		return rc;
	if (!box || !*box)
		box = "incoming";
	if (strcmp(box, "incoming") != 0 && strcmp(box, "outgoing") != 0)
		errors_add(errs, "box", _("Choose incoming or outgoing."));
	if (status && !one_of(STATUSES, status))
		errors_add(errs, "status", _("Choose sent, accepted, rejected or cancelled."));
	if (office && !office_may_see(c->user, office))
		errors_add(errs, "office", _("Choose one of your offices."));
	if (errs->n)
		return DOM_INVALID;
	int in = strcmp(box, "incoming") == 0;
	if (office)
		w[n++] = (struct store_filter){ in ? "to_office" : "from_office", office };
	else if (auth_check(c->user, PERM_OFFICES_ALL) != DOM_OK)
		w[n++] = (struct store_filter){ in ? STORE_ANY("to_office") : STORE_ANY("from_office"),
						 c->user->office ? c->user->office : "" };
	if (status)
		w[n++] = (struct store_filter){ "status", status };
	rc = store_list_where(c->st, &ENT_CASE_TRANSFER, c->a, w, n, "sent_at", 1, limit, offset,
			      out);
	if (!rc)
		rc = store_count_where(c->st, &ENT_CASE_TRANSFER, w, n, &out->total);
	return dom_from_store(rc);
}

int case_transfer_of_case(struct ctx *c, const struct case_rec *k, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	return dom_from_store(store_list(c->st, &ENT_CASE_TRANSFER, c->a, "case_id", k->id,
					 "sent_at", 1, 100, 0, out));
}

json_t *case_transfer_snapshot(struct ctx *c, const struct case_transfer *t)
{
	json_t *o = json_loads(t->snapshot ? t->snapshot : "{}", 0, NULL);
	struct case_rec k = { .area = t->area };
	if (!json_is_object(o)) {
		json_decref(o);
		return json_object();
	}
	json_t *services = json_object_get(o, "services");
	if (!case_may_read_notes(c->user, &k))
		for (size_t i = 0; i < json_array_size(services); i++)
			json_object_del(json_array_get(services, i), "notes");
	return o;
}

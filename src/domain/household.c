/* household.c: households and their members. */
#include "domain/household.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/bulk.h"
#include "domain/person.h"
#include "domain/validate.h"

/* The fields the audit events of creating and joining a household name. */
#define CREATE_FIELDS "head_id,address,phone"
#define JOIN_FIELDS "household_id,relationship"

/* Monthly income: whole US dollar cents, 0 to 10 million dollars. */
static void validate_income(struct errors *errs, const char *field, const char *v)
{
	char *end;
	if (!v)
		return;
	long long n = strtoll(v, &end, 10);
	if (*v == '-' || *end || n < 0 || n > 1000000000LL)
		errors_add(errs, field, _("Give the monthly income as a whole number of cents, from 0 to 1000000000."));
}

void household_validate(const struct household *h, struct errors *errs)
{
	validate_length(errs, "address", h->address, 300);
	validate_code(errs, "province", h->province, &CAT_PROVINCE);
	validate_code(errs, "district", h->district, &CAT_DISTRICT);
	validate_district(errs, h->province, h->district);
	validate_phone(errs, "phone", h->phone);
	validate_length(errs, "notes", h->notes, 2000);
	validate_income(errs, "monthly_income_cents", h->monthly_income_cents);
}

int household_load(struct ctx *c, const char *id, struct household *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	return dom_load_ref(c, &ENT_HOUSEHOLD, 'H', id, out);
}

int household_get(struct ctx *c, const char *id, struct household *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc || (rc = household_load(c, id, out)))
		return rc;
	return audit_view(c, "household", out->id);
}

static int list_in(struct ctx *c, struct store *st, long limit, long offset, struct store_list *out)
{
	int rc = store_list(st, &ENT_HOUSEHOLD, c->a, "status", "active", "created_at", 1, limit,
			    offset, out);
	if (!rc)
		rc = store_count(st, &ENT_HOUSEHOLD, "status", "active", &out->total);
	return rc;
}

/* The list may lag behind other users' latest writes: it reads from the
 * replica when there is one (see docs/replicas.md). */
int household_list(struct ctx *c, long limit, long offset, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	struct store *st = dom_reader(c);
	rc = list_in(c, st, limit, offset, out);
	if (dom_read_again(c, st, rc))
		rc = list_in(c, c->st, limit, offset, out);
	return dom_from_store(rc);
}

int household_head(struct ctx *c, const struct household *h, struct person *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	if (!h->head_id)
		return DOM_NOTFOUND;
	return dom_from_store(store_get(c->st, &ENT_PERSON, c->a, "id", h->head_id, out));
}

int household_members(struct ctx *c, const char *id, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	return dom_from_store(store_list(c->st, &ENT_PERSON, c->a, "household_id", id, "created_at",
					 0, 100, 0, out));
}

int household_join(struct ctx *c, struct household *h, struct person *p, const char *relationship)
{
	char now[32];
	time_now_iso(now);
	p->household_id = h->id;
	p->relationship = (char *)relationship;
	p->updated_at = arena_strdup(c->a, now);
	int rc = dom_from_store(store_update(c->st, &ENT_PERSON, p));
	if (!rc)
		rc = audit_record(c, "add_member", "household", h->id, JOIN_FIELDS);
	return rc;
}

/* Gives a checked new household number num, headed by head, and the fields
 * amparo sets: id and ref (written into the caller's buffers), office,
 * status, times, creator, and the head's address and phone when it has
 * none of its own. */
static void stamp(struct ctx *c, struct household *h, const struct person *head, long long num,
		  char id[37], char ref[24], const char *now)
{
	crypto_uuid7(id);
	snprintf(ref, 24, "H-%06lld", num);
	h->id = id;
	h->ref = ref;
	h->head_id = head->id;
	h->office = c->user ? c->user->office : NULL;
	h->status = "active";
	h->created_at = h->updated_at = (char *)now;
	h->created_by = c->user ? c->user->id : NULL;
	if (!h->address)
		h->address = head->address;
	if (!h->phone)
		h->phone = head->phone;
}

/* The permission (its result is returned), then in, cleaned in place:
 * an error per bad field in errs. */
static int check_new(struct ctx *c, struct household *in, struct errors *errs)
{
	int rc = auth_check(c->user, PERM_REGISTRY_WRITE);
	if (rc)
		return rc;
	record_clean(c->a, &ENT_HOUSEHOLD, in);
	household_validate(in, errs);
	return DOM_OK;
}

int household_create(struct ctx *c, struct household *in, const char *head_id,
		     struct errors *errs, struct household *out)
{
	struct person head;
	char id[37], ref[24], now[32];
	long long num;
	int rc = check_new(c, in, errs);

	if (rc)
		return rc;
	if (!head_id || store_get(c->st, &ENT_PERSON, c->a, "id", head_id, &head))
		errors_add(errs, "head_id", _("Choose the head of household from the registry."));
	if (errs->n)
		return DOM_INVALID;
	if (head.household_id && head.relationship && strcmp(head.relationship, "head") == 0)
		return DOM_CONFLICT; /* already heads a household: it would be left without one */
	if ((rc = store_begin(c->st)))
		return dom_from_store(rc);
	if ((rc = dom_from_store(store_next_number(c->st, "household", &num))))
		goto fail;
	time_now_iso(now);
	struct household h = *in;
	stamp(c, &h, &head, num, id, ref, now);
	if ((rc = dom_from_store(store_insert(c->st, &ENT_HOUSEHOLD, &h))))
		goto fail;
	if ((rc = audit_record(c, "create", "household", id, CREATE_FIELDS)))
		goto fail;
	if ((rc = household_join(c, &h, &head, "head")))
		goto fail;
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? household_load(c, id, out) : DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

int household_bulk_create(struct ctx *c, struct bulk *b, struct household *in,
			  struct person *members, size_t n, struct errors *errs)
{
	const char **fields = arena_alloc(c->a, sizeof(*fields) * (n ? n : 1));
	long long num;
	int rc = check_new(c, in, errs);

	if (rc)
		return rc;
	/* Everything is checked before any number is taken. */
	if (n == 0)
		errors_add(errs, "head_id", _("Choose the head of household from the registry."));
	for (size_t i = 0; i < n; i++) {
		if ((rc = person_check_new(c, &members[i], errs)))
			return rc;
		if (i && !members[i].relationship)
			errors_add(errs, "relationship",
				   _("Say how this person is related to the head of household."));
	}
	if (errs->n)
		return DOM_INVALID;
	for (size_t i = 0; i < n; i++)
		if ((rc = person_bulk_stamp(c, b, &members[i], &fields[i])))
			return rc;
	if ((rc = bulk_number(c, b, "household", &num)))
		return rc;
	stamp(c, in, &members[0], num, arena_alloc(c->a, 37), arena_alloc(c->a, 24), bulk_now(b));
	if ((rc = bulk_insert(c, b, &ENT_HOUSEHOLD, in)))
		return rc;
	/* The rows as household_create and household_join leave them, the
	 * events in the order person_create and household_create write them:
	 * the head's registration, the household's, then each joining. */
	for (size_t i = 0; i < n; i++) {
		members[i].household_id = in->id;
		if (i == 0)
			members[i].relationship = "head";
		if ((rc = person_bulk_write(c, b, &members[i], fields[i])) ||
		    (i == 0 && (rc = bulk_audit(c, b, "create", "household", in->id, CREATE_FIELDS))) ||
		    (rc = bulk_audit(c, b, "add_member", "household", in->id, JOIN_FIELDS)))
			return rc;
	}
	return DOM_OK;
}

int household_update(struct ctx *c, const char *id, const struct household *changes,
		     struct errors *errs, struct household *out)
{
	struct household cur, next;
	char now[32];
	int rc = auth_check(c->user, PERM_REGISTRY_WRITE);

	if (rc || (rc = household_load(c, id, &cur)))
		return rc;
	next = cur;
	record_apply(c->a, &ENT_HOUSEHOLD, &next, changes);
	record_clean(c->a, &ENT_HOUSEHOLD, &next);
	household_validate(&next, errs);
	if (errs->n)
		return DOM_INVALID;
	time_now_iso(now);
	next.updated_at = now;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_from_store(store_update(c->st, &ENT_HOUSEHOLD, &next))) ||
	    (rc = audit_record(c, "update", "household", cur.id, "address,province,district,phone,notes,monthly_income_cents"))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? household_load(c, cur.id, out) : DOM_OK;
}

int household_add_member(struct ctx *c, const char *id, const char *person_id,
			 const char *relationship, struct errors *errs)
{
	struct household h;
	struct person p;
	int rc = auth_check(c->user, PERM_REGISTRY_WRITE);

	if (rc || (rc = household_load(c, id, &h)))
		return rc;
	if (!person_id || store_get(c->st, &ENT_PERSON, c->a, "id", person_id, &p))
		errors_add(errs, "person_id", _("Choose a person from the registry."));
	validate_required(errs, "relationship", relationship);
	validate_code(errs, "relationship", relationship, &CAT_RELATIONSHIP);
	if (errs->n)
		return DOM_INVALID;
	/* A head stays the head of their household until another member is
	 * made head: otherwise a household would be left without one. */
	if (p.relationship && strcmp(p.relationship, "head") == 0 && p.household_id &&
	    (strcmp(p.household_id, h.id) != 0 || strcmp(relationship, "head") != 0))
		return DOM_CONFLICT;
	if (strcmp(relationship, "head") == 0 && !(h.head_id && strcmp(h.head_id, p.id) == 0))
		return DOM_CONFLICT; /* use household_set_head */
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = household_join(c, &h, &p, relationship))) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

int household_set_head(struct ctx *c, const char *id, const char *person_id)
{
	struct household h;
	struct person p, old;
	char now[32];
	int rc = auth_check(c->user, PERM_REGISTRY_WRITE);

	if (rc || (rc = household_load(c, id, &h)))
		return rc;
	if (!person_id || store_get(c->st, &ENT_PERSON, c->a, "id", person_id, &p) ||
	    !p.household_id || strcmp(p.household_id, h.id) != 0)
		return DOM_CONFLICT; /* only a member can head the household */
	time_now_iso(now);
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if (h.head_id && strcmp(h.head_id, p.id) != 0 &&
	    store_get(c->st, &ENT_PERSON, c->a, "id", h.head_id, &old) == STORE_OK) {
		old.relationship = "other_relative";
		old.updated_at = now;
		if ((rc = dom_from_store(store_update(c->st, &ENT_PERSON, &old))))
			goto fail;
	}
	p.relationship = "head";
	p.updated_at = now;
	h.head_id = p.id;
	h.updated_at = now;
	if ((rc = dom_from_store(store_update(c->st, &ENT_PERSON, &p))) ||
	    (rc = dom_from_store(store_update(c->st, &ENT_HOUSEHOLD, &h))) ||
	    (rc = audit_record(c, "set_head", "household", h.id, "head_id")))
		goto fail;
	return dom_from_store(store_commit(c->st));
fail:
	store_rollback(c->st);
	return rc;
}

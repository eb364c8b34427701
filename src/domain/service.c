/* service.c: services delivered on a case, and who may read their notes. */
#include "domain/service.h"

#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/person.h"
#include "domain/validate.h"

static void validate(const struct case_rec *k, const struct service *s, struct errors *errs)
{
	if (validate_required(errs, "type", s->type))
		validate_code(errs, "type", s->type, catalog_service_types(k->area));
	if (validate_required(errs, "date", s->date))
		validate_date(errs, "date", s->date, 1);
	validate_minutes(errs, "duration_minutes", s->duration_minutes);
	validate_length(errs, "outcome", s->outcome, 500);
	validate_length(errs, "notes", s->notes, 5000);
	/* Access to rights is an outcome of legal services (docs/asylum.md). */
	if (s->rights && strcmp(k->area, "legal") != 0)
		errors_add(errs, "rights", _("Access to rights is recorded on legal services only."));
	else
		validate_codes(errs, "rights", s->rights, &CAT_RIGHT);
}

int service_record(struct ctx *c, const char *case_id, struct service *in, struct errors *errs,
		   struct service *out)
{
	struct case_rec k;
	char id[37], now[32];
	int rc = case_load_for_work(c, case_id, &k);

	if (rc)
		return rc;
	record_clean(c->a, &ENT_SERVICE, in);
	validate(&k, in, errs);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0)
		return DOM_CONFLICT; /* reopen the case first */
	time_now_iso(now);
	crypto_uuid7(id);
	struct service s = *in;
	s.id = id;
	s.case_id = k.id;
	s.person_id = k.person_id;
	s.provider = s.created_by = c->user->id;
	s.created_at = now;
	/* Field names only: a note's words stay out of the log. */
	if ((rc = audit_write(c, &ENT_SERVICE, &s, 1, "add_service", "case", k.id,
			      record_set_fields(c->a, &ENT_SERVICE, &s))))
		return rc;
	if (!out)
		return DOM_OK;
	out->notes_restricted = 0;
	return dom_from_store(store_get(c->st, &ENT_SERVICE, c->a, "id", id, out));
}

/* Withholds s's notes when u may not read k's. */
static void restrict_notes(const struct user *u, const struct case_rec *k, struct service *s)
{
	s->notes_restricted = s->notes && !case_may_read_notes(u, k);
	if (s->notes_restricted)
		s->notes = NULL;
}

int service_list(struct ctx *c, const struct case_rec *k, long limit, long offset,
		 struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	rc = store_list(c->st, &ENT_SERVICE, c->a, "case_id", k->id, "date", 1, limit, offset, out);
	if (!rc)
		rc = store_count(c->st, &ENT_SERVICE, "case_id", k->id, &out->total);
	for (size_t i = 0; !rc && i < out->n; i++)
		restrict_notes(c->user, k, out->items[i]);
	return dom_from_store(rc);
}

int service_get(struct ctx *c, const struct case_rec *k, const char *id, struct service *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	if ((rc = dom_from_store(store_get(c->st, &ENT_SERVICE, c->a, "id", id, out))))
		return rc;
	if (strcmp(out->case_id, k->id) != 0)
		return DOM_NOTFOUND;
	restrict_notes(c->user, k, out);
	return out->notes_restricted ? DOM_FORBIDDEN : DOM_OK;
}

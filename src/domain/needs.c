/* needs.c: community needs assessments recorded on cases. */
#include "domain/needs.h"

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

int needs_area_ok(const char *area)
{
	return area && (strcmp(area, "community") == 0 || strcmp(area, "psychosocial") == 0);
}

void needs_validate(const struct needs_assessment *in, struct errors *errs)
{
	if (validate_required(errs, "held_on", in->held_on))
		validate_date(errs, "held_on", in->held_on, 1);
	if (in->participants) {
		char *end;
		long n = strtol(in->participants, &end, 10);
		if (*end || end == in->participants || n < 1 || n > NEEDS_PARTICIPANTS_MAX)
			errors_add(errs, "participants",
				   _("Give the number of participants, from 1 to 10000, or leave it empty."));
	}
	if (!in->community_needs && !in->resources && !in->ideas)
		errors_add(errs, "community_needs",
			   _("Write the needs, the resources or the ideas for integration: at least one of them."));
	validate_length(errs, "community_needs", in->community_needs, NEEDS_TEXT_MAX);
	validate_length(errs, "resources", in->resources, NEEDS_TEXT_MAX);
	validate_length(errs, "ideas", in->ideas, NEEDS_TEXT_MAX);
}

int needs_record(struct ctx *c, const char *case_id, struct needs_assessment *in,
		 struct errors *errs, struct needs_assessment *out)
{
	struct case_rec k;
	char id[37], now[32];
	int rc = case_load_for_work(c, case_id, &k);

	if (rc)
		return rc;
	if (!needs_area_ok(k.area)) {
		errors_add(errs, "case_id",
			   _("Needs assessments are recorded on community or psychosocial cases."));
		return DOM_CONFLICT;
	}
	record_clean(c->a, &ENT_NEEDS_ASSESSMENT, in);
	needs_validate(in, errs);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0)
		return DOM_CONFLICT; /* reopen the case first */
	time_now_iso(now);
	crypto_uuid7(id);
	struct needs_assessment n = *in;
	n.id = id;
	n.case_id = k.id;
	n.person_id = k.person_id;
	n.recorded_by = c->user->id;
	n.recorded_at = now;
	if ((rc = audit_write(c, &ENT_NEEDS_ASSESSMENT, &n, 1, "add_needs_assessment", "case", k.id,
			      record_set_fields(c->a, &ENT_NEEDS_ASSESSMENT, &n))))
		return rc;
	return out ? dom_from_store(store_get(c->st, &ENT_NEEDS_ASSESSMENT, c->a, "id", id, out))
		   : DOM_OK;
}

int needs_list(struct ctx *c, const struct case_rec *k, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	if (!case_may_read_notes(c->user, k))
		return DOM_FORBIDDEN;
	rc = store_list(c->st, &ENT_NEEDS_ASSESSMENT, c->a, "case_id", k->id, "held_on", 1, 500, 0, out);
	if (!rc)
		out->total = (long long)out->n;
	return dom_from_store(rc);
}

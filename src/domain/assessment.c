/* assessment.c: screenings recorded on cases, and who may read them. */
#include "domain/assessment.h"

#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/validate.h"

int assessment_may_read(const struct user *u, const struct case_rec *k)
{
	return case_may_read_health(u, k);
}

const struct instrument_band *assessment_band(const struct assessment *a)
{
	const struct instrument *in = instrument_find(a->instrument);
	if (!in || !a->band)
		return NULL;
	for (size_t i = 0; i < in->n_bands; i++)
		if (strcmp(in->bands[i].code, a->band) == 0)
			return &in->bands[i];
	return NULL;
}

int assessment_record(struct ctx *c, const char *case_id, const char *instrument,
		      const int *answers, size_t n, const char *taken_on, struct errors *errs,
		      struct assessment *out)
{
	struct case_rec k;
	struct instrument_result res;
	char id[37], now[32], today[16];
	int rc = case_load_for_work(c, case_id, &k);

	if (rc)
		return rc;
	const struct instrument *in = instrument_find(instrument);
	if (!in)
		errors_add(errs, "instrument", _("Choose a value from the list."));
	else
		instrument_validate(in, answers, n, errs);
	if (taken_on && *taken_on)
		validate_date(errs, "taken_on", taken_on, 1);
	else {
		time_today(today);
		taken_on = today;
	}
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0)
		return DOM_CONFLICT; /* reopen the case first */
	if (instrument_score(in, answers, n, &res))
		return DOM_INVALID;

	const char *list = "";
	for (size_t i = 0; i < n; i++)
		list = arena_printf(c->a, "%s%s%d", list, i ? "," : "", answers[i]);
	time_now_iso(now);
	crypto_uuid7(id);
	struct assessment a = {
		.id = id,
		.case_id = k.id,
		.person_id = k.person_id,
		.instrument = (char *)in->code,
		.answers = (char *)list,
		.total = arena_printf(c->a, "%d", res.total),
		.band = (char *)res.band->code,
		.alert = (char *)(res.alert ? "1" : "0"),
		.taken_on = (char *)taken_on,
		.recorded_by = c->user->id,
		.recorded_at = now,
	};
	/* The audit names the instrument only: answers and scores stay out. */
	if ((rc = audit_write(c, &ENT_ASSESSMENT, &a, 1, "add_assessment", "case", k.id, in->code)))
		return rc;
	if (!out)
		return DOM_OK;
	return dom_from_store(store_get(c->st, &ENT_ASSESSMENT, c->a, "id", id, out));
}

static int older(const void *x, const void *y)
{
	const struct assessment *a = *(void *const *)x, *b = *(void *const *)y;
	int d = strcmp(a->taken_on, b->taken_on);
	return d ? d : strcmp(a->recorded_at, b->recorded_at);
}

int assessment_list(struct ctx *c, const struct case_rec *k, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	if (!assessment_may_read(c->user, k))
		return DOM_FORBIDDEN;
	rc = dom_from_store(store_list(c->st, &ENT_ASSESSMENT, c->a, "case_id", k->id, "taken_on", 0,
				       1000, 0, out));
	if (rc)
		return rc;
	qsort(out->items, out->n, sizeof(out->items[0]), older);
	out->total = (long long)out->n;
	/* A view of the case's health data, the case id as the record. */
	return audit_view(c, "case_assessments", k->id);
}

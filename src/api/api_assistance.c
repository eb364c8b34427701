/* api_assistance.c: /api/v1/programmes and /api/v1/assistance: programmes
 * with their budget figures, requests, approval, rejection and
 * disbursement (docs/assistance.md). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/assistance.h"

/* A programme with its figures (summed over the ledger), active a boolean. */
static json_t *programme_json(const struct programme *p, const struct programme_sums *s)
{
	json_t *o = api_record(&ENT_PROGRAMME, p);
	json_object_set_new(o, "active", json_boolean(p->active && strcmp(p->active, "1") == 0));
	if (s) {
		json_object_set_new(o, "committed_cents", json_integer(s->committed));
		json_object_set_new(o, "disbursed_cents", json_integer(s->disbursed));
		json_object_set_new(o, "remaining_cents", json_integer(s->remaining));
		json_object_set_new(o, "requested_cents", json_integer(s->requested));
		json_object_set_new(o, "disbursements", json_integer(s->disbursed_n));
		json_object_set_new(o, "reconciled", json_integer(s->reconciled_n));
		json_object_set_new(o, "reconciled_cents", json_integer(s->reconciled));
	}
	return o;
}

/* A request, its flags as booleans. */
static json_t *request_json(const void *rec)
{
	const struct assistance_request *rq = rec;
	json_t *o = api_record(&ENT_ASSISTANCE_REQUEST, rq);
	json_object_set_new(o, "possible_duplicate",
			    json_boolean(rq->possible_duplicate && strcmp(rq->possible_duplicate, "1") == 0));
	json_object_set_new(o, "duplicate_confirmed",
			    json_boolean(rq->duplicate_confirmed && strcmp(rq->duplicate_confirmed, "1") == 0));
	return o;
}

/* An amount in cents at key: a JSON integer, as decimal digits in r's
 * arena (a negative one is passed on for the domain to refuse); NULL when
 * absent. Anything else (a fraction, a string) is an error in errs. */
static const char *cents(struct request *r, json_t *body, const char *key, struct errors *errs)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_integer(v)) {
		errors_add(errs, key, _("Give the amount in cents as a whole number, such as 15000 for 150.00."));
		return NULL;
	}
	return arena_printf(r->a, "%lld", (long long)json_integer_value(v));
}

/* The JSON body when there is one: *body NULL for an empty one. Answers
 * 400 and returns -1 for a body that is not a JSON object. */
static int optional_body(struct request *r, json_t **body)
{
	*body = r->body.n ? api_body(r) : NULL;
	return r->body.n && !*body ? -1 : 0;
}

/* GET /api/v1/programmes */
void api_programmes_list(struct request *r)
{
	struct store_list l;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = programme_list(&r->ctx, limit, offset, &l);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct programme *p = l.items[i];
		struct programme_sums s;
		if ((rc = programme_figures(&r->ctx, p->id, strtoll(p->budget_cents, NULL, 10), &s))) {
			json_decref(items);
			resp_api_error(r, rc, NULL);
			return;
		}
		json_array_append_new(items, programme_json(p, &s));
	}
	resp_json(r, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
				    (json_int_t)l.total, "limit", (int)limit, "offset", (int)offset));
}

/* POST /api/v1/programmes {"name", "kind", "donor"?, "budget_cents",
 * "currency"?, "cap_cents", "period", "eligibility"?, "min_score"?} */
void api_programmes_create(struct request *r)
{
	static const char *const keys[] = { "name",	   "kind",   "donor",	    "budget_cents",
					    "currency",	   "cap_cents", "period", "eligibility",
					    "min_score",   NULL };
	struct programme in = { 0 }, p;
	struct programme_sums s = { 0 };
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	in.name = (char *)api_text(r, body, "name", &errs);
	in.kind = (char *)api_text(r, body, "kind", &errs);
	in.donor = (char *)api_text(r, body, "donor", &errs);
	in.budget_cents = (char *)cents(r, body, "budget_cents", &errs);
	in.currency = (char *)api_text(r, body, "currency", &errs);
	in.cap_cents = (char *)cents(r, body, "cap_cents", &errs);
	in.period = (char *)api_text(r, body, "period", &errs);
	in.eligibility = (char *)api_text(r, body, "eligibility", &errs);
	in.min_score = (char *)cents(r, body, "min_score", &errs);
	int rc = errs.n ? DOM_INVALID : programme_create(&r->ctx, &in, &errs, &p);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	s.budget = s.remaining = strtoll(p.budget_cents, NULL, 10);
	resp_header(r, "Location", arena_printf(r->a, "/api/v1/programmes/%s", p.id));
	resp_json(r, 201, programme_json(&p, &s));
}

/* GET /api/v1/programmes/{id} */
void api_programmes_get(struct request *r)
{
	struct programme p;
	struct programme_sums s;
	int rc = programme_get(&r->ctx, r->params[0], &p, &s);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, programme_json(&p, &s));
}

/* PATCH /api/v1/programmes/{id} {"name"?, "kind"?, "donor"?,
 * "budget_cents"?, "currency"?, "cap_cents"?, "period"?, "eligibility"?,
 * "min_score"?, "active"?}: null clears an optional field. */
void api_programmes_update(struct request *r)
{
	struct programme in, p;
	struct programme_sums s;
	struct errors errs = { 0 };
	int active = -1;
	json_t *body = api_body(r);
	if (!body)
		return;
	json_t *v = json_object_get(body, "active");
	if (v && !json_is_boolean(v))
		errors_add(&errs, "active", _("Give true or false."));
	else if (v)
		active = json_is_true(v);
	json_object_del(body, "active");
	int rc = api_read(r, &ENT_PROGRAMME, body, &in, &errs) || errs.n
			 ? DOM_INVALID
			 : programme_update(&r->ctx, r->params[0], &in, active, &errs, &p);
	if (!rc)
		rc = programme_get(&r->ctx, p.id, &p, &s);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 200, programme_json(&p, &s));
}

/* GET /api/v1/assistance?status=&programme_id=&household_id= */
void api_assistance_list(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	struct assist_filter f = { .status = req_query(r, "status"),
				   .programme_id = req_query(r, "programme_id"),
				   .household_id = req_query(r, "household_id") };
	int rc = assist_list(&r->ctx, &f, limit, offset, &errs, &l);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 200, api_page(&l, request_json, limit, offset));
}

/* POST /api/v1/assistance {"household_id", "programme_id", "amount_cents",
 * "reason", "person_id"?, "payee_name"?, "payee_account"?, "eligibility_override"?} */
void api_assistance_create(struct request *r)
{
	static const char *const keys[] = { "household_id", "person_id", "programme_id",
					    "amount_cents", "reason", "payee_name",
					    "payee_account", "eligibility_override", NULL };
	struct assistance_request rq;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	struct assist_in in = {
		.household_id = api_text(r, body, "household_id", &errs),
		.person_id = api_text(r, body, "person_id", &errs),
		.programme_id = api_text(r, body, "programme_id", &errs),
		.amount_cents = cents(r, body, "amount_cents", &errs),
		.reason = api_text(r, body, "reason", &errs),
		.payee_name = api_text(r, body, "payee_name", &errs),
		.payee_account = api_text(r, body, "payee_account", &errs),
		.eligibility_override = api_text(r, body, "eligibility_override", &errs),
	};
	int rc = errs.n ? DOM_INVALID : assist_request(&r->ctx, &in, &errs, &rq);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/assistance/%s", rq.id));
	api_answer(r, rc, 201, request_json, &rq, &errs);
}

void api_assistance_get(struct request *r)
{
	struct assistance_request rq;
	api_answer(r, assist_get(&r->ctx, r->params[0], &rq), 200, request_json, &rq, NULL);
}

/* POST /api/v1/assistance/{id}/approve {"note"?, "confirm_duplicate"?} */
void api_assistance_approve(struct request *r)
{
	static const char *const keys[] = { "note", "confirm_duplicate", NULL };
	struct assistance_request rq;
	struct errors errs = { 0 };
	json_t *body, *v;
	if (optional_body(r, &body))
		return;
	const char *note = NULL;
	int confirm = 0;
	if (body) {
		api_only(body, keys, &errs);
		note = api_text(r, body, "note", &errs);
		v = json_object_get(body, "confirm_duplicate");
		if (v && !json_is_null(v) && !json_is_boolean(v))
			errors_add(&errs, "confirm_duplicate", _("Choose yes or no."));
		confirm = json_is_true(v);
	}
	int rc = errs.n ? DOM_INVALID
			: assist_approve(&r->ctx, r->params[0], note, confirm, &errs, &rq);
	api_answer(r, rc, 200, request_json, &rq, &errs);
}

/* POST /api/v1/assistance/{id}/reject {"note"} */
void api_assistance_reject(struct request *r)
{
	static const char *const keys[] = { "note", NULL };
	struct assistance_request rq;
	struct errors errs = { 0 };
	json_t *body;
	if (optional_body(r, &body))
		return;
	const char *note = NULL;
	if (body) {
		api_only(body, keys, &errs);
		note = api_text(r, body, "note", &errs);
	}
	int rc = errs.n ? DOM_INVALID : assist_reject(&r->ctx, r->params[0], note, &errs, &rq);
	api_answer(r, rc, 200, request_json, &rq, &errs);
}

/* POST /api/v1/assistance/{id}/disburse {"mechanism", "reference"?, "date"?} */
void api_assistance_disburse(struct request *r)
{
	static const char *const keys[] = { "mechanism", "reference", "date", NULL };
	struct assistance_request rq;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	const char *mechanism = api_text(r, body, "mechanism", &errs);
	const char *reference = api_text(r, body, "reference", &errs);
	const char *date = api_text(r, body, "date", &errs);
	int rc = errs.n ? DOM_INVALID
			: assist_disburse(&r->ctx, r->params[0], mechanism, reference, date, &errs,
					  &rq);
	api_answer(r, rc, 200, request_json, &rq, &errs);
}

static json_t *entry_json(const void *rec)
{
	return api_record(&ENT_ASSISTANCE_LEDGER, rec);
}

/* GET /api/v1/programmes/{id}/ledger?request_id= */
void api_programmes_ledger(struct request *r)
{
	struct programme p;
	struct store_list l;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = programme_get(&r->ctx, r->params[0], &p, NULL);
	if (!rc)
		rc = assist_ledger(&r->ctx, p.id, req_query(r, "request_id"), limit, offset, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, api_page(&l, entry_json, limit, offset));
}

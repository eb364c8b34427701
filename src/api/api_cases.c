/* api_cases.c: /api/v1/cases, their services, and the service catalogue. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/assessment.h"
#include "domain/case.h"
#include "domain/caseload.h"
#include "domain/catalog.h"
#include "domain/flag.h"
#include "domain/service.h"

/* A case without open_key, which is bookkeeping for the one-open-case rule. */
static json_t *case_json(const void *k)
{
	json_t *o = api_record(&ENT_CASE, k);
	json_object_del(o, "open_key");
	return o;
}

/* A service; a withheld note is null with "notes_restricted": true. */
static json_t *service_json(const void *rec)
{
	const struct service *s = rec;
	json_t *o = api_record(&ENT_SERVICE, s);
	json_object_set_new(o, "notes_restricted", json_boolean(s->notes_restricted));
	return o;
}

/* The string value of key in body, copied into r's arena; NULL when absent
 * or not a string. */
static const char *body_str(struct request *r, json_t *body, const char *key)
{
	return api_str(r, body, key);
}

/* Writes {"items", "total", "limit", "offset"}, each item of l as one()
 * makes it. */
static void answer_page(struct request *r, const struct store_list *l, json_t *(*one)(const void *),
			long limit, long offset)
{
	resp_json(r, 200, api_page(l, one, limit, offset));
}

static void answer_case(struct request *r, int rc, int status, const struct case_rec *k,
			const struct errors *errs)
{
	if (rc)
		resp_api_error(r, rc, errs);
	else
		resp_json(r, status, case_json(k));
}

/* GET /api/v1/cases?area=&status=&risk=&assigned_to=&person_id=&office= */
void api_cases_list(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	struct case_filter f = {
		.person_id = req_query(r, "person_id"), .area = req_query(r, "area"),
		.status = req_query(r, "status"), .risk = req_query(r, "risk"),
		.assigned_to = req_query(r, "assigned_to"), .office = req_query(r, "office"),
	};
	const char *late = req_query(r, "overdue");
	int rc = DOM_OK;
	if (late && (!strcmp(late, "1") || !strcmp(late, "true")))
		rc = caseload_overdue_ids(&r->ctx, &f.ids);
	else if (late && strcmp(late, "0") != 0 && strcmp(late, "false") != 0) {
		errors_add(&errs, "overdue", _("Give true or false."));
		rc = DOM_INVALID;
	}
	if (!rc)
		rc = case_list(&r->ctx, &f, limit, offset, &errs, &l);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	answer_page(r, &l, case_json, limit, offset);
}

/* POST /api/v1/cases {"person_id", "area", "risk"?, "office"?} */
void api_cases_create(struct request *r)
{
	struct case_rec k;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	int rc = case_open_in(&r->ctx, body_str(r, body, "person_id"), body_str(r, body, "area"),
			      body_str(r, body, "risk"), body_str(r, body, "office"), &errs, &k);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/cases/%s", k.id));
	answer_case(r, rc, 201, &k, &errs);
}

/* The case with "flags": the active flags on its person and on it that
 * the user may see (docs/flags.md). */
void api_cases_get(struct request *r)
{
	struct case_rec k;
	struct store_list l;
	int rc = case_get(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = flag_list(&r->ctx, k.person_id, k.id, 1, &l);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	json_t *o = case_json(&k);
	json_object_set_new(o, "flags", api_flags_json(&l));
	resp_json(r, 200, o);
}

/* A change of one value with a reason: {key, "reason"} through set
 * (case_set_status, case_set_risk). */
static void change(struct request *r, const char *key,
		   int (*set)(struct ctx *, const char *, const char *, const char *, struct errors *,
			      struct case_rec *))
{
	struct case_rec k;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *v = body_str(r, body, key);
	int rc = set(&r->ctx, r->params[0], v, body_str(r, body, "reason"), &errs, &k);
	if (!rc && strcmp(key, "status") == 0 && api_closure_requested(r, v, &k))
		return; /* 202: the closing waits for a supervisor */
	answer_case(r, rc, 200, &k, &errs);
}

/* POST /api/v1/cases/{id}/status {"status", "reason"} */
void api_cases_status(struct request *r)
{
	change(r, "status", case_set_status);
}

/* POST /api/v1/cases/{id}/risk {"risk", "reason"} */
void api_cases_risk(struct request *r)
{
	change(r, "risk", case_set_risk);
}

/* POST /api/v1/cases/{id}/assign {"user_id"} */
void api_cases_assign(struct request *r)
{
	struct case_rec k;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	int rc = case_assign(&r->ctx, r->params[0], body_str(r, body, "user_id"), &errs, &k);
	answer_case(r, rc, 200, &k, &errs);
}

/* GET /api/v1/cases/{id}/history: changes of status, risk and caseworker. */
void api_cases_history(struct request *r)
{
	struct case_rec k;
	struct store_list l;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = case_history(&r->ctx, &k, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		api_list(r, &ENT_CASE_CHANGE, &l, 200, 0);
}

void api_cases_services(struct request *r)
{
	api_case_page(r, service_list, service_json);
}

/* POST /api/v1/cases/{id}/services {"type", "date", "duration_minutes",
 * "outcome", "notes"} */
void api_cases_add_service(struct request *r)
{
	struct service in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	if (api_read(r, &ENT_SERVICE, body, &in, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = service_record(&r->ctx, r->params[0], &in, &errs, &out);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	resp_header(r, "Location",
		    arena_printf(r->a, "/api/v1/cases/%s/services/%s", out.case_id, out.id));
	resp_json(r, 201, service_json(&out));
}

/* GET /api/v1/cases/{id}/services/{sid}: 403 for a note the user may not
 * read. */
void api_cases_service(struct request *r)
{
	struct case_rec k;
	struct service s;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = service_get(&r->ctx, &k, r->params[1], &s);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, service_json(&s));
}

/* An assessment: answers as an array of integers, band as {"code",
 * "label"} in the user's language, alert as a boolean. */
static json_t *assessment_json(const void *rec)
{
	const struct assessment *a = rec;
	json_t *o = api_record(&ENT_ASSESSMENT, a);
	json_t *answers = json_array();
	for (const char *p = a->answers; p && *p;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		json_array_append_new(answers, json_integer(v));
		p = *end == ',' ? end + 1 : end;
	}
	json_object_set_new(o, "answers", answers);
	const struct instrument_band *b = assessment_band(a);
	json_object_set_new(o, "band",
			    b ? json_pack("{s:s, s:s}", "code", b->code, "label", _(b->label))
			      : json_null());
	json_object_set_new(o, "alert", json_boolean(a->alert && strcmp(a->alert, "1") == 0));
	/* WHO-5's standard report: the raw total times 4 (0..100). */
	int pc = a->total ? instrument_percent(instrument_find(a->instrument),
					       (int)strtol(a->total, NULL, 10))
			  : -1;
	json_object_set_new(o, "percent", pc >= 0 ? json_integer(pc) : json_null());
	return o;
}

/* GET /api/v1/cases/{id}/assessments: oldest first; 403 for users who may
 * not read the case's health data. */
void api_cases_assessments(struct request *r)
{
	struct case_rec k;
	struct store_list l;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = assessment_list(&r->ctx, &k, &l);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	answer_page(r, &l, assessment_json, (long)l.n, 0);
}

/* The most answers a body may carry: more is refused as a count error. */
#define ANSWERS_MAX 64

/* POST /api/v1/cases/{id}/assessments {"instrument", "answers": [ints],
 * "taken_on"} */
void api_cases_add_assessment(struct request *r)
{
	struct assessment out;
	struct errors errs = { 0 };
	int answers[ANSWERS_MAX];
	size_t n = 0;
	json_t *body = api_body(r);
	if (!body)
		return;
	json_t *arr = json_object_get(body, "answers");
	const char *instrument = body_str(r, body, "instrument");
	const char *taken_on = body_str(r, body, "taken_on");
	if (!instrument)
		errors_add(&errs, "instrument", _("Choose a value from the list."));
	if (!json_is_array(arr) || json_array_size(arr) > ANSWERS_MAX)
		errors_add(&errs, "answers", _("Give the answers as a list of whole numbers."));
	else {
		n = json_array_size(arr);
		for (size_t i = 0; i < n; i++) {
			json_t *v = json_array_get(arr, i);
			if (!json_is_integer(v) || json_integer_value(v) < -1000 ||
			    json_integer_value(v) > 1000)
				errors_add(&errs, arena_printf(r->a, "answers.%zu", i + 1),
					   _("Give a whole number."));
			else
				answers[i] = (int)json_integer_value(v);
		}
	}
	if (json_object_get(body, "taken_on") && !taken_on)
		errors_add(&errs, "taken_on", _("Write the date as YYYY-MM-DD, for example 1990-05-31."));
	if (errs.n) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = assessment_record(&r->ctx, r->params[0], instrument, answers, n, taken_on, &errs,
				   &out);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	resp_json(r, 201, assessment_json(&out));
}

/* GET /api/v1/catalogues/services?area=AREA: the area's active service
 * types (built in and added by administrators), labels in the user's
 * language. */
void api_catalogue_services(struct request *r)
{
	struct errors errs = { 0 };
	const char *area = req_query(r, "area");
	const struct catalog *cat = catalog_service_types(area);
	if (!cat) {
		errors_add(&errs, "area", _("Choose a value from the list."));
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	size_t n;
	const struct catalog_entry_view *v = catalog_entries(r->a, cat, 1, &n);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:s, s:s}", "code", v[i].code, "label",
						       v[i].label));
	resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

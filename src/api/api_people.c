/* api_people.c: /api/v1/people. */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/audit.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "domain/person_match.h"

/* A person; a merged one names the survivor (merged_into). */
static json_t *person_json(struct request *r, const struct person *p)
{
	struct merge g;
	json_t *o = api_record(&ENT_PERSON, p);
	if (strcmp(p->status, "merged") == 0 && merge_of(&r->ctx, p->id, &g) == DOM_OK)
		json_object_set_new(o, "merged_into", json_string(g.survivor_id));
	return o;
}

static void answer_person(struct request *r, int status, const struct person *p)
{
	resp_json(r, status, person_json(r, p));
}

void api_people_list(struct request *r)
{
	struct store_list l;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = person_search(&r->ctx, req_query(r, "q"), limit, offset, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		api_list(r, &ENT_PERSON, &l, limit, offset);
}

void api_people_create(struct request *r)
{
	struct person in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	json_t *hh = json_object_get(body, "household_id");
	/* Copied: deleting the key below frees the JSON string. */
	const char *household = json_is_string(hh) ? arena_strdup(r->a, json_string_value(hh)) : NULL;
	if (hh)
		json_object_del(body, "household_id");
	if (api_read(r, &ENT_PERSON, body, &in, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = person_create(&r->ctx, &in, household, &errs, &out);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	resp_header(r, "Location", arena_printf(r->a, "/api/v1/people/%s", out.id));
	answer_person(r, 201, &out);
}

void api_people_get(struct request *r)
{
	struct person p;
	int rc = person_get(&r->ctx, r->params[0], &p);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		answer_person(r, 200, &p);
}

void api_people_update(struct request *r)
{
	struct person in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	if (api_read(r, &ENT_PERSON, body, &in, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = person_update(&r->ctx, r->params[0], &in, &errs, &out);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		answer_person(r, 200, &out);
}

void api_people_documents(struct request *r)
{
	struct store_list l;
	struct person p;
	int rc = person_get(&r->ctx, r->params[0], &p);
	if (!rc)
		rc = person_documents(&r->ctx, p.id, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		api_list(r, &ENT_DOCUMENT, &l, 100, 0);
}

void api_people_add_document(struct request *r)
{
	struct document d;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	if (api_read(r, &ENT_DOCUMENT, body, &d, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = person_add_document(&r->ctx, r->params[0], &d, &errs);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 201, api_record(&ENT_DOCUMENT, &d));
}

/* The record's audit events, newest first: who did what, when, to which
 * fields. Reading them is itself not audited (it would never end). */
void api_people_history(struct request *r)
{
	struct store_list l;
	struct person p;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = person_get(&r->ctx, r->params[0], &p);
	if (!rc)
		rc = audit_list_for(&r->ctx, p.id, 0, limit, 1, &l);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	api_list(r, &ENT_AUDIT, &l, limit, 0);
}

/* POST /api/v1/people/matches: the registered people who may be the
 * person in the body (fields as for POST /api/v1/people). */
void api_people_matches(struct request *r)
{
	struct person in;
	struct person_match m[PERSON_MATCH_MAX];
	struct errors errs = { 0 };
	size_t n;
	json_t *body = api_body(r);
	if (!body)
		return;
	if (json_object_get(body, "household_id"))
		json_object_del(body, "household_id");
	if (api_read(r, &ENT_PERSON, body, &in, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = person_matches(&r->ctx, &in, NULL, m, PERSON_MATCH_MAX, &n);
	if (rc == DOM_BUSY) {
		json_t *err = json_pack("{s:s, s:s}", "code", "not_ready", "message",
					_("The list of people is still loading. Try again in a moment."));
		resp_header(r, "Retry-After", "5");
		resp_json(r, 503, json_pack("{s:o}", "error", err));
		return;
	}
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *item = api_person_brief(&m[i].p);
		api_match_why(item, m[i].verdict, &m[i].why);
		json_array_append_new(items, item);
	}
	resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* POST /api/v1/people/{id}/merge: merges other_id into this person; 200
 * with the survivor and merge_id (for POST /api/v1/merges/{id}/undo). */
void api_people_merge(struct request *r)
{
	struct merge_choice *choices;
	struct merge g;
	struct person p;
	struct errors errs = { 0 };
	const char *other;
	size_t n;
	if (api_merge_body(r, &other, &choices, &n))
		return;
	int rc = merge_people(&r->ctx, r->params[0], other, choices, n, &errs, &g);
	if (!rc)
		rc = person_get(&r->ctx, g.survivor_id, &p);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	json_t *o = person_json(r, &p);
	json_object_set_new(o, "merge_id", json_string(g.id));
	resp_json(r, 200, o);
}

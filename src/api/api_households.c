/* api_households.c: /api/v1/households. */
#include "api/api.h"
#include "domain/household.h"
#include "domain/merge.h"

static json_t *household_json(struct request *r, const struct household *h)
{
	struct store_list m;
	json_t *o = api_record(&ENT_HOUSEHOLD, h);
	if (household_members(&r->ctx, h->id, &m) == DOM_OK) {
		json_t *members = json_array();
		for (size_t i = 0; i < m.n; i++) {
			const struct person *p = m.items[i];
			json_array_append_new(members,
					      json_pack("{s:s, s:s, s:s?, s:s?, s:s?}", "id", p->id, "ref", p->ref,
							"given_names", p->given_names, "surname1", p->surname1,
							"relationship", p->relationship));
		}
		json_object_set_new(o, "members", members);
		json_object_set_new(o, "size", json_integer((json_int_t)m.n));
	}
	return o;
}

static void answer(struct request *r, int status, const struct household *h)
{
	resp_json(r, status, household_json(r, h));
}

void api_households_list(struct request *r)
{
	struct store_list l;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = household_list(&r->ctx, limit, offset, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		api_list(r, &ENT_HOUSEHOLD, &l, limit, offset);
}

void api_households_create(struct request *r)
{
	struct household in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	json_t *head = json_object_get(body, "head_id");
	/* Copied: deleting the key below frees the JSON string. */
	const char *head_id = json_is_string(head) ? arena_strdup(r->a, json_string_value(head)) : NULL;
	if (head)
		json_object_del(body, "head_id");
	if (api_read(r, &ENT_HOUSEHOLD, body, &in, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = household_create(&r->ctx, &in, head_id, &errs, &out);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	resp_header(r, "Location", arena_printf(r->a, "/api/v1/households/%s", out.id));
	answer(r, 201, &out);
}

void api_households_get(struct request *r)
{
	struct household h;
	int rc = household_get(&r->ctx, r->params[0], &h);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		answer(r, 200, &h);
}

void api_households_update(struct request *r)
{
	struct household in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	if (api_read(r, &ENT_HOUSEHOLD, body, &in, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = household_update(&r->ctx, r->params[0], &in, &errs, &out);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		answer(r, 200, &out);
}

void api_households_add_member(struct request *r)
{
	struct errors errs = { 0 };
	struct household h;
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *pid = json_string_value(json_object_get(body, "person_id"));
	const char *rel = json_string_value(json_object_get(body, "relationship"));
	int rc = household_add_member(&r->ctx, r->params[0], pid, rel, &errs);
	if (!rc)
		rc = household_load(&r->ctx, r->params[0], &h);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		answer(r, 200, &h);
}

/* POST /api/v1/households/{id}/merge: as api_people_merge. */
void api_households_merge(struct request *r)
{
	struct merge_choice *choices;
	struct merge g;
	struct household h;
	struct errors errs = { 0 };
	const char *other;
	size_t n;
	if (api_merge_body(r, &other, &choices, &n))
		return;
	int rc = merge_households(&r->ctx, r->params[0], other, choices, n, &errs, &g);
	if (!rc)
		rc = household_get(&r->ctx, g.survivor_id, &h);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	json_t *o = household_json(r, &h);
	json_object_set_new(o, "merge_id", json_string(g.id));
	resp_json(r, 200, o);
}

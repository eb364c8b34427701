/* api_offices.c: /api/v1/offices, and case transfers between them
 * (/api/v1/transfers, POST /api/v1/cases/{id}/transfer). */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/case_transfer.h"
#include "domain/office.h"

/* The string value of key in body, copied into r's arena; NULL when absent
 * or not a string. A key of another type is an error in errs. */
static const char *text(struct request *r, json_t *body, const char *key, struct errors *errs)
{
	json_t *v = json_object_get(body, key);
	if (v && !json_is_string(v) && !json_is_null(v))
		errors_add(errs, key, _("Give a text value."));
	return json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
}

static void answer_office(struct request *r, int rc, int status, const struct office *o,
			  const struct errors *errs)
{
	if (rc)
		resp_api_error(r, rc, errs);
	else
		resp_json(r, status, api_record(&ENT_OFFICE, o));
}

/* GET /api/v1/offices?all=true: the active offices (all: inactive too). */
void api_offices_list(struct request *r)
{
	struct store_list l;
	const char *all = req_query(r, "all");
	int rc = office_list(&r->ctx, all && (!strcmp(all, "true") || !strcmp(all, "1")), &l);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	l.total = (long long)l.n;
	api_list(r, &ENT_OFFICE, &l, OFFICES_MAX, 0);
}

/* POST /api/v1/offices {"id", "name"}: administrators. */
void api_offices_create(struct request *r)
{
	struct office o;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *id = text(r, body, "id", &errs), *name = text(r, body, "name", &errs);
	int rc = errs.n ? DOM_INVALID : office_create(&r->ctx, id, name, &errs, &o);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/offices/%s", o.id));
	answer_office(r, rc, 201, &o, &errs);
}

void api_offices_get(struct request *r)
{
	struct office o;
	answer_office(r, office_get(&r->ctx, r->params[0], &o), 200, &o, NULL);
}

/* PATCH /api/v1/offices/{id} {"name"?, "active"?: true|false}. */
void api_offices_update(struct request *r)
{
	struct office o;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *name = text(r, body, "name", &errs), *active = NULL;
	json_t *a = json_object_get(body, "active");
	if (json_is_boolean(a))
		active = json_is_true(a) ? "1" : "0";
	else if (a)
		errors_add(&errs, "active", _("Give true or false."));
	int rc = errs.n ? DOM_INVALID : office_update(&r->ctx, r->params[0], name, active, &errs, &o);
	answer_office(r, rc, 200, &o, &errs);
}

/* A transfer: its record without pending_key, consent a boolean, the
 * snapshot as an object (notes removed for users who may not read them). */
static json_t *transfer_json(struct request *r, const struct case_transfer *t)
{
	json_t *o = api_record(&ENT_CASE_TRANSFER, t);
	json_object_del(o, "pending_key");
	json_object_set_new(o, "consent", json_boolean(t->consent && !strcmp(t->consent, "1")));
	json_object_set_new(o, "snapshot", case_transfer_snapshot(&r->ctx, t));
	return o;
}

static void answer_transfer(struct request *r, int rc, int status, const struct case_transfer *t,
			    const struct errors *errs)
{
	if (rc)
		resp_api_error(r, rc, errs);
	else
		resp_json(r, status, transfer_json(r, t));
}

/* GET /api/v1/transfers?box=incoming|outgoing&status=&office= */
void api_transfers_list(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = case_transfer_list(&r->ctx, req_query(r, "box"), req_query(r, "status"),
				    req_query(r, "office"), limit, offset, &errs, &l);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, transfer_json(r, l.items[i]));
	resp_json(r, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
				    (json_int_t)l.total, "limit", (int)limit, "offset", (int)offset));
}

void api_transfers_get(struct request *r)
{
	struct case_transfer t;
	answer_transfer(r, case_transfer_read(&r->ctx, r->params[0], &t), 200, &t, NULL);
}

/* POST /api/v1/cases/{id}/transfer {"to_office", "reason", "consent": true,
 * "shared"?}. consent must be the JSON true. */
void api_cases_transfer(struct request *r)
{
	struct case_transfer t;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *to = text(r, body, "to_office", &errs), *reason = text(r, body, "reason", &errs),
		   *shared = text(r, body, "shared", &errs);
	int consent = json_is_true(json_object_get(body, "consent"));
	int rc = case_transfer_send(&r->ctx, r->params[0], to, reason, consent, shared, &errs, &t);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/transfers/%s", t.id));
	answer_transfer(r, rc, 201, &t, &errs);
}

/* accept 1: accept, 0: reject, -1: cancel (the sender). */
static void decide(struct request *r, int accept)
{
	struct case_transfer t;
	struct errors errs = { 0 };
	const char *comment = NULL;
	if (r->body.n) { /* accepting and cancelling need no body */
		json_t *body = api_body(r);
		if (!body)
			return;
		comment = text(r, body, "comment", &errs);
	}
	int rc = DOM_INVALID;
	if (!errs.n && accept < 0)
		rc = case_transfer_cancel(&r->ctx, r->params[0], comment, &errs, &t);
	else if (!errs.n)
		rc = case_transfer_decide(&r->ctx, r->params[0], accept, comment, &errs, &t);
	answer_transfer(r, rc, 200, &t, &errs);
}

/* POST /api/v1/transfers/{id}/accept {"comment"?} */
void api_transfers_accept(struct request *r)
{
	decide(r, 1);
}

/* POST /api/v1/transfers/{id}/reject {"comment"} */
void api_transfers_reject(struct request *r)
{
	decide(r, 0);
}

/* POST /api/v1/transfers/{id}/cancel {"comment"?}: the sending office. */
void api_transfers_cancel(struct request *r)
{
	decide(r, -1);
}

/* api_data_requests.c: /api/v1/data-requests: data-subject requests
 * (docs/data-rights.md). */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/data_request.h"

/* A request with its labels in the user's language and "overdue". */
static json_t *request_json(const void *rec)
{
	const struct data_request *d = rec;
	json_t *o = api_record(&ENT_DATA_REQUEST, d);
	json_object_set_new(o, "kind_label",
			    json_string(catalog_label(&CAT_DATA_REQUEST_KIND, d->kind)));
	json_object_set_new(o, "status_label",
			    json_string(catalog_label(&CAT_DATA_REQUEST_STATUS, d->status)));
	json_object_set_new(o, "overdue", json_boolean(d->overdue));
	return o;
}

/* GET /api/v1/data-requests?person_id=&status=&overdue=true */
void api_data_requests_list(struct request *r)
{
	struct store_list l;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	const char *status = req_query(r, "status"), *overdue = req_query(r, "overdue");
	if (status && !catalog_find(&CAT_DATA_REQUEST_STATUS, status)) {
		struct errors errs = { 0 };
		errors_add(&errs, "status", _("Choose open, done or refused."));
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int only = overdue && (strcmp(overdue, "true") == 0 || strcmp(overdue, "1") == 0);
	int rc = data_request_list(&r->ctx, req_query(r, "person_id"), status, only, limit, offset,
				   &l);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	resp_json(r, 200, api_page(&l, request_json, limit, offset));
}

/* POST /api/v1/data-requests {"person_id", "kind", "channel", "received_on"?,
 * "details"?} */
void api_data_requests_create(struct request *r)
{
	static const char *const keys[] = { "person_id",   "kind",    "channel",
					    "received_on", "details", NULL };
	struct errors errs = { 0 };
	struct data_request in = { 0 }, d;
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	const char *person_id = api_text(r, body, "person_id", &errs);
	in.kind = (char *)api_text(r, body, "kind", &errs);
	in.channel = (char *)api_text(r, body, "channel", &errs);
	in.received_on = (char *)api_text(r, body, "received_on", &errs);
	in.details = (char *)api_text(r, body, "details", &errs);
	if (!errs.n && !person_id)
		errors_add(&errs, "person_id", _("Say whose request this is."));
	int rc = errs.n ? DOM_INVALID : data_request_create(&r->ctx, person_id, &in, &errs, &d);
	if (rc == DOM_NOTFOUND) {
		errors_add(&errs, "person_id", _("No person has this id or reference."));
		rc = DOM_INVALID;
	}
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/data-requests/%s", d.id));
	api_answer(r, rc, 201, request_json, &d, &errs);
}

/* GET /api/v1/data-requests/{id} */
void api_data_requests_get(struct request *r)
{
	struct data_request d;
	int rc = data_request_get(&r->ctx, r->params[0], &d);
	api_answer(r, rc, 200, request_json, &d, NULL);
}

/* POST /api/v1/data-requests/{id}/close {"status", "outcome_note"?,
 * "rectified_event"?} */
void api_data_requests_close(struct request *r)
{
	static const char *const keys[] = { "status", "outcome_note", "rectified_event", NULL };
	struct errors errs = { 0 };
	struct data_request d;
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	const char *status = api_text(r, body, "status", &errs);
	const char *note = api_text(r, body, "outcome_note", &errs);
	/* An audit event's seq is a number; as text it is taken too. */
	json_t *ev = json_object_get(body, "rectified_event");
	const char *event = json_is_integer(ev)
				    ? arena_printf(r->a, "%lld", (long long)json_integer_value(ev))
				    : api_text(r, body, "rectified_event", &errs);
	int rc = errs.n ? DOM_INVALID
			: data_request_close(&r->ctx, r->params[0], status, note, event, &errs, &d);
	api_answer(r, rc, 200, request_json, &d, &errs);
}

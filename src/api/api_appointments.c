/* api_appointments.c: /api/v1/appointments: follow-ups and appointments
 * booked on cases, their status, "my day" and the overdue ones. */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/appointment.h"
#include "domain/case.h"
#include "domain/user.h"

/* An appointment; a withheld note is null with "notes_restricted": true;
 * "overdue" is true while it is planned and its time has passed. */
static json_t *appointment_json(const struct appointment *a, const char *now)
{
	json_t *o = api_record(&ENT_APPOINTMENT, a);
	json_object_set_new(o, "notes_restricted", json_boolean(a->notes_restricted));
	json_object_set_new(o, "overdue", json_boolean(strcmp(a->status, "planned") == 0 &&
						       strcmp(a->starts_at, now) < 0));
	return o;
}

static void answer(struct request *r, int rc, int status, const struct appointment *a,
		   const struct errors *errs)
{
	char now[APPT_TIME_MAX];
	if (rc) {
		resp_api_error(r, rc, errs);
		return;
	}
	appointment_now(now);
	resp_json(r, status, appointment_json(a, now));
}

/* The string value of key in body, copied into r's arena; NULL when absent
 * or not a string. */
static const char *body_str(struct request *r, json_t *body, const char *key)
{
	const char *v = json_string_value(json_object_get(body, key));
	return v ? arena_strdup(r->a, v) : NULL;
}

/* A query value, NULL when absent or empty. */
static const char *query(struct request *r, const char *key)
{
	const char *v = req_query(r, key);
	return v && *v ? v : NULL;
}

/* GET /api/v1/appointments?case_id=&user=&from=&to=&status=&overdue=1 */
void api_appointments_list(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	struct case_rec k;
	struct user u;
	long limit, offset;
	char now[APPT_TIME_MAX];
	if (api_paging(r, &limit, &offset))
		return;
	const char *case_id = query(r, "case_id"), *user = query(r, "user"),
		   *overdue = query(r, "overdue");
	struct appointment_filter f = {
		.from = query(r, "from"), .to = query(r, "to"), .status = query(r, "status"),
		.overdue = overdue && (strcmp(overdue, "1") == 0 || strcmp(overdue, "true") == 0),
	};
	if (overdue && !f.overdue && strcmp(overdue, "0") != 0 && strcmp(overdue, "false") != 0)
		errors_add(&errs, "overdue", _("Give 1 or 0."));
	if (case_id) {
		int rc = case_load(&r->ctx, case_id, &k);
		if (rc) {
			resp_api_error(r, rc, NULL);
			return;
		}
		f.case_id = k.id;
	}
	if (user && strcmp(user, "me") == 0)
		f.with_user = r->user.id;
	else if (user && user_get(&r->ctx, user, &u) != DOM_OK && user_find(&r->ctx, user, &u) != DOM_OK)
		errors_add(&errs, "user", _("Choose a user from the list."));
	else if (user)
		f.with_user = u.id;
	int rc = errs.n ? DOM_INVALID : appointment_list(&r->ctx, &f, limit, offset, &errs, &l);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	appointment_now(now);
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, appointment_json(l.items[i], now));
	resp_json(r, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
				    (json_int_t)l.total, "limit", (int)limit, "offset", (int)offset));
}

/* POST /api/v1/appointments {"case_id", "starts_at", "with_whom"?, "kind"?,
 * "place"?, "duration_minutes"?, "user_id"?} */
void api_appointments_create(struct request *r)
{
	struct appointment in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *case_id = body_str(r, body, "case_id"), *user_id = body_str(r, body, "user_id");
	if (!case_id)
		errors_add(&errs, "case_id", _("Choose a case."));
	if (json_object_get(body, "user_id") && !json_is_null(json_object_get(body, "user_id")) &&
	    !user_id)
		errors_add(&errs, "user_id", _("Choose a user from the list."));
	/* The record's own fields; case_id and user_id are read above. */
	json_t *rest = json_copy(body);
	json_object_del(rest, "case_id");
	json_object_del(rest, "user_id");
	api_read(r, &ENT_APPOINTMENT, rest, &in, &errs);
	json_decref(rest);
	if (errs.n) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = appointment_book(&r->ctx, case_id, &in, user_id, &errs, &out);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/appointments/%s", out.id));
	answer(r, rc, 201, &out, &errs);
}

/* GET /api/v1/appointments/{id} */
void api_appointments_get(struct request *r)
{
	struct appointment a;
	answer(r, appointment_get(&r->ctx, r->params[0], &a), 200, &a, NULL);
}

/* POST /api/v1/appointments/{id}/status {"status", "notes"?} */
void api_appointments_status(struct request *r)
{
	struct appointment a;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	json_t *notes = json_object_get(body, "notes");
	if (notes && !json_is_null(notes) && !json_is_string(notes)) {
		errors_add(&errs, "notes", _("Give a text value."));
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = appointment_set_status(&r->ctx, r->params[0], body_str(r, body, "status"),
					body_str(r, body, "notes"), &errs, &a);
	answer(r, rc, 200, &a, &errs);
}

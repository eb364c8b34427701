/* api_referrals.c: /api/v1/referrals: sending, reading, listing and
 * answering referrals (docs/referrals.md). */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/catalog.h"
#include "domain/referral.h"

/* A referral: consent and overdue as booleans, shared as an array of
 * codes, reason_restricted true when its texts were withheld (null). */
static json_t *referral_json(const struct referral *rf)
{
	char code[64];
	json_t *o = api_record(&ENT_REFERRAL, rf);
	json_t *shared = json_array();
	for (const char *it = rf->shared; codes_next(&it, code, sizeof(code));)
		json_array_append_new(shared, json_string(code));
	json_object_set_new(o, "shared", shared);
	json_object_set_new(o, "consent", json_boolean(rf->consent && strcmp(rf->consent, "1") == 0));
	json_object_set_new(o, "overdue", json_boolean(rf->overdue));
	json_object_set_new(o, "reason_restricted", json_boolean(rf->reason_restricted));
	return o;
}

static void answer(struct request *r, int rc, int status, const struct referral *rf,
		   const struct errors *errs)
{
	if (rc)
		resp_api_error(r, rc, errs);
	else
		resp_json(r, status, referral_json(rf));
}

/* A yes or no at key: "1", "0" or NULL (absent); true, false, 1, 0, "1"
 * and "0" are understood, anything else is an error in errs. */
static const char *yes_no(json_t *body, const char *key, struct errors *errs)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1))
		return json_integer_value(v) ? "1" : "0";
	const char *s = json_string_value(v);
	if (s && (strcmp(s, "1") == 0 || strcmp(s, "0") == 0))
		return s;
	errors_add(errs, key, _("Choose yes or no."));
	return NULL;
}

/* GET /api/v1/referrals?case_id=&status=&direction=&area=&overdue= */
void api_referrals_list(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	struct referral_filter f = {
		.case_id = req_query(r, "case_id"), .status = req_query(r, "status"),
		.direction = req_query(r, "direction"), .area = req_query(r, "area"),
		.overdue = req_query(r, "overdue"),
	};
	int rc = referral_list(&r->ctx, &f, limit, offset, &errs, &l);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, referral_json(l.items[i]));
	resp_json(r, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
				    (json_int_t)l.total, "limit", (int)limit, "offset", (int)offset));
}

/* POST /api/v1/referrals {"case_id", "to_area" | "to_partner_id", "reason",
 * "urgency"?, "consent"?, "shared"?, "agreement_id"?, "override_reason"?} */
void api_referrals_create(struct request *r)
{
	static const char *const keys[] = { "case_id", "to_area", "to_partner_id", "reason",
					    "urgency", "consent", "shared", "agreement_id",
					    "override_reason", NULL };
	struct referral rf;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	struct referral_in in = {
		.case_id = api_text(r, body, "case_id", &errs),
		.to_area = api_text(r, body, "to_area", &errs),
		.to_partner_id = api_text(r, body, "to_partner_id", &errs),
		.reason = api_text(r, body, "reason", &errs),
		.urgency = api_text(r, body, "urgency", &errs),
		.consent = yes_no(body, "consent", &errs),
		.shared = api_codes(r, body, "shared", &errs),
		.agreement_id = api_text(r, body, "agreement_id", &errs),
		.override_reason = api_text(r, body, "override_reason", &errs),
	};
	int rc = errs.n ? DOM_INVALID : referral_send(&r->ctx, &in, &errs, &rf);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/referrals/%s", rf.id));
	answer(r, rc, 201, &rf, &errs);
}

void api_referrals_get(struct request *r)
{
	struct referral rf;
	answer(r, referral_get(&r->ctx, r->params[0], &rf), 200, &rf, NULL);
}

/* POST /api/v1/referrals/{id}/accept {"note"?, "open_case"?} */
void api_referrals_accept(struct request *r)
{
	static const char *const keys[] = { "note", "open_case", NULL };
	struct referral rf;
	struct errors errs = { 0 };
	json_t *body = r->body.n ? api_body(r) : NULL; /* the body is optional */
	if (r->body.n && !body)
		return;
	const char *note = NULL, *open = NULL;
	if (body) {
		api_only(body, keys, &errs);
		note = api_text(r, body, "note", &errs);
		open = yes_no(body, "open_case", &errs);
	}
	int rc = errs.n ? DOM_INVALID
			: referral_accept(&r->ctx, r->params[0], note, open && strcmp(open, "1") == 0,
					  &errs, &rf);
	answer(r, rc, 200, &rf, &errs);
}

/* An answer that takes one text, key: decline {"note"}, complete
 * {"feedback"}. */
static void answer_with(struct request *r, const char *key,
			int (*fn)(struct ctx *, const char *, const char *, struct errors *,
				  struct referral *))
{
	const char *const keys[] = { key, NULL };
	struct referral rf;
	struct errors errs = { 0 };
	json_t *body = r->body.n ? api_body(r) : NULL; /* the body is optional */
	if (r->body.n && !body)
		return;
	const char *v = NULL;
	if (body) {
		api_only(body, keys, &errs);
		v = api_text(r, body, key, &errs);
	}
	int rc = errs.n ? DOM_INVALID : fn(&r->ctx, r->params[0], v, &errs, &rf);
	answer(r, rc, 200, &rf, &errs);
}

void api_referrals_decline(struct request *r)
{
	answer_with(r, "note", referral_decline);
}

void api_referrals_complete(struct request *r)
{
	answer_with(r, "feedback", referral_complete);
}

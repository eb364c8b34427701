/* api_consents.c: /api/v1/people/{id}/consents and
 * /api/v1/sharing-agreements (docs/consent.md). */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/consent.h"
#include "domain/sharing.h"

/* A row of the history with its labels. */
static json_t *consent_json(const void *rec)
{
	const struct consent *k = rec;
	json_t *o = api_record(&ENT_CONSENT, k);
	json_object_set_new(o, "purpose_label", json_string(catalog_label(&CAT_CONSENT_PURPOSE, k->purpose)));
	json_object_set_new(o, "state_label", json_string(catalog_label(&CAT_CONSENT_STATE, k->state)));
	return o;
}

/* GET /api/v1/people/{id}/consents: {"current": {purpose: row or null},
 * "items": the history, newest first, "total"}. */
void api_consents_list(struct request *r)
{
	struct store_list l;
	int rc = consent_history(&r->ctx, r->params[0], &l);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	json_t *current = json_object(), *items = json_array();
	for (size_t i = 0; i < CAT_CONSENT_PURPOSE.n; i++) {
		const struct consent *k = consent_last(l.items, l.n, CAT_CONSENT_PURPOSE.items[i].code);
		json_object_set_new(current, CAT_CONSENT_PURPOSE.items[i].code,
				    k ? consent_json(k) : json_null());
	}
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, consent_json(l.items[i]));
	resp_json(r, 200, json_pack("{s:o, s:o, s:I}", "current", current, "items", items, "total",
				    (json_int_t)l.total));
}

/* POST /api/v1/people/{id}/consents {"purpose", "state", "method", "note"?} */
void api_consents_record(struct request *r)
{
	static const char *const keys[] = { "purpose", "state", "method", "note", NULL };
	struct errors errs = { 0 };
	struct consent k;
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	const char *purpose = api_text(r, body, "purpose", &errs), *state = api_text(r, body, "state", &errs);
	const char *method = api_text(r, body, "method", &errs), *note = api_text(r, body, "note", &errs);
	int rc = errs.n ? DOM_INVALID
			: consent_record(&r->ctx, r->params[0], purpose, state, method, note, &errs, &k);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/people/%s/consents", k.person_id));
	api_answer(r, rc, 201, consent_json, &k, &errs);
}

/* An agreement with its recipient's name and whether it is in force. */
static json_t *agreement_json(const void *rec)
{
	const struct sharing_agreement *a = rec;
	char today[16];
	time_today(today);
	json_t *o = api_record(&ENT_SHARING_AGREEMENT, a);
	json_t *fields = json_array();
	char code[64];
	for (const char *p = a->fields; codes_next(&p, code, sizeof(code));)
		json_array_append_new(fields, json_string(code));
	json_object_set_new(o, "fields", fields);
	json_object_set_new(o, "valid", json_boolean(sharing_valid(a, today)));
	return o;
}

/* GET /api/v1/sharing-agreements?valid=true&partner_id= */
void api_sharing_list(struct request *r)
{
	struct store_list l;
	const char *valid = req_query(r, "valid");
	int only = valid && (strcmp(valid, "true") == 0 || strcmp(valid, "1") == 0);
	int rc = sharing_list(&r->ctx, only, req_query(r, "partner_id"), &l);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	resp_json(r, 200, api_page(&l, agreement_json, (long)l.n, 0));
}

/* POST /api/v1/sharing-agreements {"partner_id"? | "recipient"?, "purpose",
 * "fields", "legal_basis", "starts_on", "expires_on", "signed_by",
 * "document_ref"?} */
void api_sharing_create(struct request *r)
{
	static const char *const keys[] = { "partner_id", "recipient", "purpose",   "fields",
					    "legal_basis", "starts_on", "expires_on", "signed_by",
					    "document_ref", NULL };
	struct errors errs = { 0 };
	struct sharing_agreement a = { 0 }, out;
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	for (size_t i = 0; keys[i]; i++) {
		const struct field *f = entity_field(&ENT_SHARING_AGREEMENT, keys[i]);
		const char *v = strcmp(keys[i], "fields") == 0 ? api_codes(r, body, keys[i], &errs)
							       : api_text(r, body, keys[i], &errs);
		*field_ptr(&a, f) = (char *)v;
	}
	int rc = errs.n ? DOM_INVALID : sharing_create(&r->ctx, &a, &errs, &out);
	if (!rc)
		resp_header(r, "Location", arena_printf(r->a, "/api/v1/sharing-agreements/%s", out.id));
	api_answer(r, rc, 201, agreement_json, &out, &errs);
}

void api_sharing_get(struct request *r)
{
	struct sharing_agreement a;
	api_answer(r, sharing_get(&r->ctx, r->params[0], &a), 200, agreement_json, &a, NULL);
}

/* POST /api/v1/sharing-agreements/{id}/end {"reason"} */
void api_sharing_end(struct request *r)
{
	static const char *const keys[] = { "reason", NULL };
	struct errors errs = { 0 };
	struct sharing_agreement a;
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	const char *reason = api_text(r, body, "reason", &errs);
	int rc = errs.n ? DOM_INVALID : sharing_end(&r->ctx, r->params[0], reason, &errs, &a);
	for (int i = 0; i < errs.n; i++)
		if (strcmp(errs.e[i].field, "end_reason") == 0)
			errs.e[i].field = "reason";
	api_answer(r, rc, 200, agreement_json, &a, &errs);
}

/* api_shares.c: /api/v1/cases/{id}/shares: explicit shares of a case with
 * a named user (docs/access.md). */
#include "api/api.h"
#include "domain/case.h"
#include "domain/case_share.h"

static json_t *share_json(const void *rec)
{
	const struct case_share *s = rec;
	json_t *o = api_record(&ENT_CASE_SHARE, s);
	json_object_del(o, "active_key");
	json_object_set_new(o, "active", json_boolean(case_share_active(s)));
	return o;
}

/* GET /api/v1/cases/{id}/shares: for the case's caseworker and supervisors. */
void api_cases_shares(struct request *r)
{
	struct case_rec k;
	struct store_list l;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = case_share_list(&r->ctx, &k, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, api_page(&l, share_json, (long)l.n, 0));
}

/* POST /api/v1/cases/{id}/shares {"user", "mode", "expires_on"} */
void api_cases_share(struct request *r)
{
	struct case_share out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	int rc = case_share_add(&r->ctx, r->params[0], api_str(r, body, "user"),
				api_str(r, body, "mode"), api_str(r, body, "expires_on"), &errs, &out);
	api_answer(r, rc, 201, share_json, &out, &errs);
}

/* POST /api/v1/cases/{id}/shares/{sid}/revoke */
void api_cases_unshare(struct request *r)
{
	int rc = case_share_revoke(&r->ctx, r->params[0], r->params[1]);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, json_pack("{s:b}", "revoked", 1));
}

/* api_needs.c: /api/v1/cases/{id}/needs-assessments: community needs
 * assessments recorded on a case (docs/cases.md). */
#include "api/api.h"
#include "domain/case.h"
#include "domain/needs.h"

/* GET /api/v1/cases/{id}/needs-assessments: newest first; 403 for users
 * who may not read the case's notes. */
void api_cases_needs(struct request *r)
{
	struct case_rec k;
	struct store_list l;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = needs_list(&r->ctx, &k, &l);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		api_list(r, &ENT_NEEDS_ASSESSMENT, &l, (long)l.n, 0);
}

/* POST /api/v1/cases/{id}/needs-assessments {"held_on", "participants"?,
 * "community_needs"?, "resources"?, "ideas"?} */
void api_cases_add_needs(struct request *r)
{
	struct needs_assessment in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	if (api_read(r, &ENT_NEEDS_ASSESSMENT, body, &in, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = needs_record(&r->ctx, r->params[0], &in, &errs, &out);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	resp_header(r, "Location", arena_printf(r->a, "/api/v1/cases/%s/needs-assessments", out.case_id));
	resp_json(r, 201, api_record(&ENT_NEEDS_ASSESSMENT, &out));
}

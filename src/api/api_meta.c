/* api_meta.c: the OpenAPI description and /api/v1/me. */
#include "api/api.h"
#include "base/asset.h"

void api_openapi(struct request *r)
{
	const struct asset *as = asset_find("api/openapi.json");
	r->status = 200;
	r->content_type = "application/json";
	r->out_static = as->data;
	r->out_static_len = as->len;
}

void api_me(struct request *r)
{
	json_t *o = api_record(&ENT_USER, &r->user);
	resp_json(r, 200, o);
}

/* api_partners.c: /api/v1/partners, the partner directory. */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/partner.h"

static void answer(struct request *r, int status, const struct partner *p)
{
	resp_json(r, status, api_record(&ENT_PARTNER, p));
}

/* The query's active filter in the domain's terms: true/1, false/0, all;
 * anything else goes through for the domain to refuse. */
static const char *active_filter(const char *v)
{
	if (!v || !strcmp(v, "true") || !strcmp(v, "1"))
		return "1";
	if (!strcmp(v, "false") || !strcmp(v, "0"))
		return "0";
	return v;
}

void api_partners_list(struct request *r)
{
	struct store_list l;
	struct errors errs = { 0 };
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	struct partner_filter f = { .area = req_query(r, "area"), .q = req_query(r, "q"),
				    .active = active_filter(req_query(r, "active")) };
	int rc = partner_list(&r->ctx, &f, limit, offset, &errs, &l);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		api_list(r, &ENT_PARTNER, &l, limit, offset);
}

/* Takes "active" (true/false or 1/0) out of body: *active gets 1 or 0, or
 * -1 when the key is absent. Returns -1 (and an error in errs) when its
 * value is neither. */
static int take_active(json_t *body, int *active, struct errors *errs)
{
	json_t *v = json_object_get(body, "active");
	*active = -1;
	if (!v)
		return 0;
	if (json_is_boolean(v))
		*active = json_is_true(v);
	else if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1))
		*active = (int)json_integer_value(v);
	else {
		errors_add(errs, "active", _("Give true or false."));
		return -1;
	}
	json_object_del(body, "active");
	return 0;
}

void api_partners_create(struct request *r)
{
	struct partner in, out;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	if (api_read(r, &ENT_PARTNER, body, &in, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	int rc = partner_create(&r->ctx, &in, &errs, &out);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	resp_header(r, "Location", arena_printf(r->a, "/api/v1/partners/%s", out.id));
	answer(r, 201, &out);
}

void api_partners_get(struct request *r)
{
	struct partner p;
	int rc = partner_get(&r->ctx, r->params[0], &p);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		answer(r, 200, &p);
}

/* PATCH: the fields given, and "active" to deactivate or reactivate. */
void api_partners_update(struct request *r)
{
	struct partner in, out;
	struct errors errs = { 0 };
	int active, rc = DOM_OK;
	json_t *body = api_body(r);
	if (!body)
		return;
	if (take_active(body, &active, &errs) || api_read(r, &ENT_PARTNER, body, &in, &errs)) {
		resp_api_error(r, DOM_INVALID, &errs);
		return;
	}
	if (json_object_size(body) > 0 || active < 0)
		rc = partner_update(&r->ctx, r->params[0], &in, &errs, &out);
	if (!rc && active >= 0)
		rc = partner_set_active(&r->ctx, r->params[0], active, &out);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		answer(r, 200, &out);
}

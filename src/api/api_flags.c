/* api_flags.c: /api/v1/people/{id}/flags and /api/v1/flags/{id}/lift. */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/catalog.h"
#include "domain/flag.h"

/* A flag with its type's label in the user's language and "active". */
static json_t *flag_json(const struct flag *f)
{
	json_t *o = api_record(&ENT_FLAG, f);
	json_object_set_new(o, "type_label", json_string(catalog_label(&CAT_FLAG_TYPE, f->type)));
	json_object_set_new(o, "active", json_boolean(!f->lifted_at));
	return o;
}

json_t *api_flags_json(const struct store_list *l)
{
	json_t *items = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(items, flag_json(l->items[i]));
	return items;
}

/* Copies the string value of key into r's arena; NULL when absent. A
 * value of another type is an error on key. */
static const char *str_of(struct request *r, json_t *body, const char *key, struct errors *errs)
{
	json_t *v = json_object_get(body, key);
	if (v && !json_is_string(v) && !json_is_null(v))
		errors_add(errs, key, _("Give a text value."));
	return json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
}

/* GET /api/v1/people/{id}/flags?active=true: the flags the user may see,
 * newest first; active=true leaves lifted ones out. */
void api_flags_list(struct request *r)
{
	struct store_list l;
	const char *active = req_query(r, "active");
	int only = active && (strcmp(active, "true") == 0 || strcmp(active, "1") == 0);
	int rc = flag_list(&r->ctx, r->params[0], NULL, only, &l);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	resp_json(r, 200, json_pack("{s:o, s:I}", "items", api_flags_json(&l), "total",
				    (json_int_t)l.total));
}

/* POST /api/v1/people/{id}/flags {"type", "reason", "case_id"?} */
void api_flags_raise(struct request *r)
{
	struct errors errs = { 0 };
	struct flag f;
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *type = str_of(r, body, "type", &errs), *reason = str_of(r, body, "reason", &errs);
	const char *case_id = str_of(r, body, "case_id", &errs);
	int rc = errs.n ? DOM_INVALID
			: flag_raise(&r->ctx, r->params[0], type, reason, case_id, &errs, &f);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	resp_header(r, "Location", arena_printf(r->a, "/api/v1/people/%s/flags", f.person_id));
	resp_json(r, 201, flag_json(&f));
}

/* POST /api/v1/flags/{id}/lift {"reason"} */
void api_flags_lift(struct request *r)
{
	struct errors errs = { 0 };
	struct flag f;
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *reason = str_of(r, body, "reason", &errs);
	int rc = errs.n ? DOM_INVALID : flag_lift(&r->ctx, r->params[0], reason, &errs, &f);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	resp_json(r, 200, flag_json(&f));
}

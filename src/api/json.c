/* json.c: records to and from JSON, driven by the field descriptors. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "base/str.h"

json_t *api_record(const struct entity *e, const void *rec)
{
	json_t *o = json_object();
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		const char *v = field_get(rec, f);
		if (f->flags & F_SECRET)
			continue;
		if (!v)
			json_object_set_new(o, f->name, json_null());
		else if (f->type == F_INT)
			json_object_set_new(o, f->name, json_integer(strtoll(v, NULL, 10)));
		else
			json_object_set_new(o, f->name, json_string(v));
	}
	return o;
}

int api_read(struct request *r, const struct entity *e, json_t *obj, void *rec,
	     struct errors *errs)
{
	const char *key;
	json_t *v;

	memset(rec, 0, e->size);
	json_object_foreach(obj, key, v) {
		const struct field *f = entity_field(e, key);
		if (!f || (f->flags & F_SERVER)) {
			errors_add(errs, arena_strdup(r->a, key), _("This field is unknown or cannot be set."));
			continue;
		}
		char **dst = field_ptr(rec, f);
		if (json_is_null(v))
			*dst = "";
		else if (json_is_string(v))
			*dst = arena_strdup(r->a, json_string_value(v));
		else if (f->type == F_INT && json_is_integer(v))
			*dst = arena_printf(r->a, "%lld", (long long)json_integer_value(v));
		else if (f->type == F_INT && json_is_boolean(v))
			*dst = json_is_true(v) ? "1" : "0";
		else
			errors_add(errs, f->name, f->type == F_INT ? _("Give a number.") : _("Give a text value."));
	}
	return errs->n;
}

json_t *api_body(struct request *r)
{
	if (!r->json || !json_is_object(r->json)) {
		struct errors errs = { 0 };
		errors_add(&errs, "body", _("Send a JSON object with Content-Type: application/json."));
		resp_api_error(r, DOM_INVALID, &errs);
		return NULL;
	}
	return r->json;
}

void api_list(struct request *r, const struct entity *e, const struct store_list *l, long limit,
	      long offset)
{
	json_t *items = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(items, api_record(e, l->items[i]));
	resp_json(r, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
				    (json_int_t)(l->total < 0 ? (long long)l->n : l->total), "limit", (int)limit, "offset", (int)offset));
}

int api_paging(struct request *r, long *limit, long *offset)
{
	struct errors errs = { 0 };
	*limit = 50;
	*offset = 0;
	const char *l = req_query(r, "limit"), *o = req_query(r, "offset");
	if (l && str_to_long(l, 1, 500, limit))
		errors_add(&errs, "limit", _("Give a whole number from 1 to 500."));
	if (o && str_to_long(o, 0, 1000000000, offset))
		errors_add(&errs, "offset", _("Give a whole number from 0."));
	if (errs.n) {
		resp_api_error(r, DOM_INVALID, &errs);
		return -1;
	}
	return 0;
}

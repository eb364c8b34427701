/* json.c: records to and from JSON, driven by the field descriptors. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/str.h"

/* Appends rec as a JSON object: every field but the secret ones, in
 * descriptor order; integers as numbers, absent values as null. Written
 * straight into the response: building jansson objects for a page of 50
 * people and serialising them cost as much as the search that found them. */
static void write_record(struct buf *b, const struct entity *e, const void *rec)
{
	int first = 1;
	buf_addc(b, '{');
	for (size_t i = 0; i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		const char *v = field_get(rec, f);
		if (f->flags & F_SECRET)
			continue;
		buf_adds(b, first ? "\"" : ",\"");
		buf_adds(b, f->name);
		buf_adds(b, "\":");
		first = 0;
		if (v && f->type == F_INT)
			buf_int(b, strtoll(v, NULL, 10));
		else
			buf_json_str(b, v);
	}
	buf_addc(b, '}');
}

/* A JSON string of v; text that is not UTF-8 gets U+FFFD in place of its
 * bad bytes, as write_record writes it. */
static json_t *text_value(const char *v)
{
	json_t *s = json_string(v);
	if (s)
		return s;
	struct buf b;
	buf_init(&b, 0);
	buf_json_str(&b, v);
	s = b.err ? NULL : json_loadb(b.p, b.n, JSON_DECODE_ANY, NULL);
	buf_free(&b);
	return s;
}

json_t *api_record(const struct entity *e, const void *rec)
{
	/* Built field by field: writing the text and parsing it back cost
	 * jansson's parser 120,000 instructions for a person. */
	json_t *o = json_object();
	for (size_t i = 0; o && i < e->nfields; i++) {
		const struct field *f = &e->fields[i];
		const char *v = field_get(rec, f);
		if (f->flags & F_SECRET)
			continue;
		json_t *j;
		if (!v)
			j = json_null();
		else if (f->type == F_INT)
			j = json_integer(strtoll(v, NULL, 10));
		else
			j = text_value(v);
		if (!j || json_object_set_new(o, f->name, j)) {
			json_decref(o);
			o = NULL;
		}
	}
	if (!o)
		log_fatal("api_record: %s does not fit in JSON", e->table);
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

size_t api_key_values(struct request *r, json_t *body, api_value_text *text, const char ***keys,
		      const char ***values, struct errors *errs)
{
	size_t n = json_object_size(body), i = 0;
	*keys = arena_alloc(r->a, (n ? n : 1) * sizeof(**keys));
	*values = arena_alloc(r->a, (n ? n : 1) * sizeof(**values));
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		(*keys)[i] = arena_strdup(r->a, key);
		(*values)[i] = text(r, (*keys)[i], v, errs);
		i++;
	}
	return n;
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
	resp_json(r, 200, NULL);
	buf_adds(&r->out, "{\"items\":[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addc(&r->out, ',');
		write_record(&r->out, e, l->items[i]);
	}
	buf_printf(&r->out, "],\"total\":%lld,\"limit\":%ld,\"offset\":%ld}",
		   l->total < 0 ? (long long)l->n : l->total, limit, offset);
}

json_t *api_page(const struct store_list *l, json_t *(*one)(const void *), long limit, long offset)
{
	json_t *items = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(items, one(l->items[i]));
	return json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)l->total,
			 "limit", (int)limit, "offset", (int)offset);
}

void api_answer(struct request *r, int rc, int status, json_t *(*one)(const void *),
		const void *rec, const struct errors *errs)
{
	if (rc)
		resp_api_error(r, rc, errs);
	else
		resp_json(r, status, one(rec));
}

const char *api_str(struct request *r, json_t *obj, const char *key)
{
	const char *v = json_string_value(json_object_get(obj, key));
	return v ? arena_strdup(r->a, v) : NULL;
}

void api_only(json_t *body, const char *const *keys, struct errors *errs)
{
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		size_t i = 0;
		while (keys[i] && strcmp(keys[i], key) != 0)
			i++;
		if (!keys[i])
			errors_add(errs, key, _("This field is unknown or cannot be set."));
	}
}

const char *api_text(struct request *r, json_t *body, const char *key, struct errors *errs)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		errors_add(errs, key, _("Give a text value."));
		return NULL;
	}
	return arena_strdup(r->a, json_string_value(v));
}

const char *api_join(struct request *r, json_t *arr, const char *key, const char *wrong,
		     struct errors *errs)
{
	json_t *it;
	size_t i;
	struct buf b;
	if (json_array_size(arr) > API_LIST_MAX) {
		errors_add(errs, key, wrong);
		return NULL;
	}
	buf_init(&b, 0);
	json_array_foreach(arr, i, it) {
		if (!json_is_string(it)) {
			errors_add(errs, key, wrong);
			buf_free(&b);
			return NULL;
		}
		if (i)
			buf_addc(&b, ',');
		buf_adds(&b, json_string_value(it));
	}
	char *out = arena_strbuf(r->a, &b);
	buf_free(&b);
	return out;
}

const char *api_codes(struct request *r, json_t *body, const char *key, struct errors *errs)
{
	json_t *v = json_object_get(body, key);
	if (!json_is_array(v))
		return api_text(r, body, key, errs);
	return api_join(r, v, key, _("Choose values from the list."), errs);
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

json_t *api_person_brief(const struct person *p)
{
	return json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "id", p->id, "ref", p->ref,
			 "given_names", p->given_names, "surname1", p->surname1, "surname2",
			 p->surname2, "birth_date", p->birth_date);
}

void api_match_why(json_t *obj, enum match_verdict verdict, const struct match_explanation *why)
{
	json_t *reasons = json_array();
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		int lv = why->level[f];
		if (lv == MATCH_MISSING)
			continue;
		json_array_append_new(reasons,
				      json_pack("{s:s, s:s, s:f}", "field", match_field_name(f), "level",
						match_level_name(f, lv), "weight",
						(double)(long)(why->weight[f] * 100) / 100.0));
	}
	json_object_set_new(obj, "score", json_real((double)(long)(why->score * 100) / 100.0));
	json_object_set_new(obj, "verdict",
			    json_string(verdict == MATCH_LIKELY ? "likely" : "possible"));
	json_object_set_new(obj, "reasons", reasons);
}

/* api_catalogues.c: /api/v1/catalogues/{catalogue}/entries: the
 * administrators' editing of the editable catalogues (docs/catalogues.md).
 * Everyone logged in reads the active service types through
 * /api/v1/catalogues/services (api_cases.c). */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/auth.h"
#include "domain/catalogue.h"

static json_t *entry_json(const struct catalog_entry_view *v)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:b}", "code", v->code, "label", v->label,
			 "label_es", v->label_es, "label_en", v->label_en, "builtin", v->builtin,
			 "active", v->active);
}

/* Answers with the entry code of ed as it is now. */
static void answer_entry(struct request *r, int status, const struct catalog_editable *ed,
			 const char *code)
{
	size_t n;
	const struct catalog_entry_view *v = catalog_entries(r->a, ed->c, 0, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0) {
			resp_json(r, status, entry_json(&v[i]));
			return;
		}
	resp_api_error(r, DOM_NOTFOUND, NULL);
}

/* The catalogue named in the path, for area (service types need one):
 * answers 403 to those who may not manage catalogues, 404 for an unknown
 * catalogue, 400 for a missing or unknown area, and returns NULL. */
static const struct catalog_editable *catalogue_of(struct request *r, const char *area)
{
	int rc = auth_check(&r->user, PERM_CATALOGUES_MANAGE);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return NULL;
	}
	int known = 0;
	for (size_t i = 0; i < CATALOG_EDITABLE_N; i++)
		known |= strcmp(CATALOG_EDITABLE[i].catalogue, r->params[0]) == 0;
	if (!known) {
		resp_api_error(r, DOM_NOTFOUND, NULL);
		return NULL;
	}
	const struct catalog_editable *ed = catalog_editable_find(r->params[0], area);
	if (!ed) {
		struct errors errs = { 0 };
		errors_add(&errs, "area", _("Choose a value from the list."));
		resp_api_error(r, DOM_INVALID, &errs);
	}
	return ed;
}

/* GET /api/v1/catalogues/{catalogue}/entries?area=: every entry, active
 * or not. */
void api_catalogue_entries(struct request *r)
{
	struct catalog_entry_view *v;
	size_t n;
	const struct catalog_editable *ed = catalogue_of(r, req_query(r, "area"));
	if (!ed)
		return;
	int rc = catalogue_list(&r->ctx, ed, &v, &n);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, entry_json(&v[i]));
	resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* A string member of body, or NULL; a member of another type is an error
 * in errs (null counts as "" when null_ok). */
static const char *member(struct request *r, json_t *body, const char *key, int null_ok,
			  struct errors *errs)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return NULL;
	if (json_is_null(v) && null_ok)
		return "";
	if (!json_is_string(v)) {
		errors_add(errs, key, _("Give a text value."));
		return NULL;
	}
	return arena_strdup(r->a, json_string_value(v));
}

/* Unknown members of body are errors in errs. */
static void only(json_t *body, const char *const *keys, struct errors *errs)
{
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		(void)v;
		int known = 0;
		for (const char *const *k = keys; *k; k++)
			known |= strcmp(*k, key) == 0;
		if (!known)
			errors_add(errs, key, _("This field is unknown or cannot be set."));
	}
}

/* POST /api/v1/catalogues/{catalogue}/entries {"area", "code"?,
 * "label_es", "label_en"} */
void api_catalogue_add(struct request *r)
{
	struct errors errs = { 0 };
	struct catalogue_entry out;
	static const char *const keys[] = { "area", "code", "label_es", "label_en", NULL };
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *area = member(r, body, "area", 0, &errs);
	const struct catalog_editable *ed = catalogue_of(r, area);
	if (!ed)
		return;
	only(body, keys, &errs);
	const char *code = member(r, body, "code", 1, &errs);
	const char *es = member(r, body, "label_es", 1, &errs);
	const char *en = member(r, body, "label_en", 1, &errs);
	int rc = errs.n ? DOM_INVALID : catalogue_add(&r->ctx, ed, code, es, en, &errs, &out);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	resp_header(r, "Location",
		    arena_printf(r->a, "/api/v1/catalogues/%s/entries/%s", ed->catalogue, out.code));
	answer_entry(r, 201, ed, out.code);
}

/* The catalogue of the entry in the path: 403, 404 as catalogue_of. */
static const struct catalog_editable *entry_of(struct request *r)
{
	int rc = auth_check(&r->user, PERM_CATALOGUES_MANAGE);
	const struct catalog_editable *ed = catalog_editable_of(r->params[0], r->params[1]);
	if (!rc && !ed)
		rc = DOM_NOTFOUND;
	if (rc)
		resp_api_error(r, rc, NULL);
	return rc ? NULL : ed;
}

/* PATCH /api/v1/catalogues/{catalogue}/entries/{code} {"label_es"?,
 * "label_en"?, "active"?: boolean}; a null label goes back to the
 * built-in one. */
void api_catalogue_update(struct request *r)
{
	struct errors errs = { 0 };
	static const char *const keys[] = { "label_es", "label_en", "active", NULL };
	const struct catalog_editable *ed = entry_of(r);
	json_t *body = ed ? api_body(r) : NULL;
	if (!body)
		return;
	only(body, keys, &errs);
	const char *es = member(r, body, "label_es", 1, &errs);
	const char *en = member(r, body, "label_en", 1, &errs);
	json_t *a = json_object_get(body, "active");
	if (a && !json_is_boolean(a))
		errors_add(&errs, "active", _("Give true or false."));
	const char *active = a && json_is_boolean(a) ? (json_is_true(a) ? "1" : "0") : NULL;
	int rc = errs.n ? DOM_INVALID
			: catalogue_update(&r->ctx, ed, r->params[1], es, en, active, &errs, NULL);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		answer_entry(r, 200, ed, r->params[1]);
}

/* POST /api/v1/catalogues/{catalogue}/entries/{code}/remove: an added
 * entry no record uses; 409 otherwise. */
void api_catalogue_remove(struct request *r)
{
	struct errors errs = { 0 };
	const struct catalog_editable *ed = entry_of(r);
	if (!ed)
		return;
	int rc = catalogue_remove(&r->ctx, ed, r->params[1], &errs);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 200, json_pack("{s:s, s:b}", "code", r->params[1], "removed", 1));
}

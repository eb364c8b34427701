/* api_settings.c: /api/v1/settings, the office's settings. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/settings.h"

/* A value as JSON: a number, or the list of area codes. */
static json_t *value_json(const struct setting_def *d, const char *v)
{
	if (d->kind == SETTING_INT)
		return json_integer(strtol(v, NULL, 10));
	json_t *a = json_array();
	char code[32];
	while (codes_next(&v, code, sizeof(code)))
		json_array_append_new(a, json_string(code));
	return a;
}

void api_settings_get(struct request *r)
{
	int rc = auth_check(&r->user, PERM_SETTINGS_MANAGE);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	size_t n;
	const struct setting_def *d = settings_defs(&n);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", json_string(d[i].key));
		json_object_set_new(o, "kind", json_string(d[i].kind == SETTING_INT ? "integer" : "areas"));
		json_object_set_new(o, "label", json_string(_(d[i].label)));
		json_object_set_new(o, "value", value_json(&d[i], settings_get(&r->ctx, d[i].key)));
		json_object_set_new(o, "default", value_json(&d[i], d[i].def));
		if (d[i].kind == SETTING_INT) {
			json_object_set_new(o, "min", json_integer(d[i].min));
			json_object_set_new(o, "max", json_integer(d[i].max));
		}
		json_array_append_new(items, o);
	}
	resp_json(r, 200, json_pack("{s:o}", "items", items));
}

/* A JSON value as the text settings_set takes; NULL when it has the wrong
 * type (an error in errs under key). */
static const char *value_text(struct request *r, const char *key, json_t *v, struct errors *errs)
{
	if (json_is_integer(v))
		return arena_printf(r->a, "%lld", (long long)json_integer_value(v));
	if (json_is_string(v))
		return arena_strdup(r->a, json_string_value(v));
	if (json_is_array(v))
		return api_join(r, v, key, _("Give a number, or a list of service areas."), errs);
	errors_add(errs, key, _("Give a number, or a list of service areas."));
	return NULL;
}

void api_settings_update(struct request *r)
{
	struct errors errs = { 0 };
	int rc = auth_check(&r->user, PERM_SETTINGS_MANAGE);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	json_t *body = api_body(r);
	if (!body)
		return;
	const char **keys, **values;
	size_t n = api_key_values(r, body, value_text, &keys, &values, &errs);
	rc = errs.n ? DOM_INVALID : settings_set_many(&r->ctx, keys, values, n, &errs);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	api_settings_get(r);
}

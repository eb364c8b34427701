/* api_merges.c: merging two people or households, /api/v1/merges. */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/merge.h"

int api_merge_body(struct request *r, const char **other_id, struct merge_choice **choices,
		   size_t *n)
{
	struct errors errs = { 0 };
	json_t *body = api_body(r), *o, *v;
	const char *key;
	if (!body)
		return -1;
	o = json_object_get(body, "other_id");
	*other_id = json_is_string(o) ? arena_strdup(r->a, json_string_value(o)) : NULL;
	if (!*other_id)
		errors_add(&errs, "other_id", _("Give the id or reference of the other record."));
	json_object_foreach(body, key, v) {
		if (strcmp(key, "other_id") != 0 && strcmp(key, "fields") != 0)
			errors_add(&errs, arena_strdup(r->a, key), _("This field is unknown or cannot be set."));
	}
	o = json_object_get(body, "fields");
	if (o && !json_is_object(o))
		errors_add(&errs, "fields", _("Give an object: each field's name and \"this\" or \"other\"."));
	*n = 0;
	*choices = arena_alloc(r->a, sizeof(**choices) * (json_is_object(o) ? json_object_size(o) + 1 : 1));
	if (json_is_object(o)) {
		json_object_foreach(o, key, v) {
			const char *s = json_is_string(v) ? json_string_value(v) : "";
			if (strcmp(s, "this") != 0 && strcmp(s, "other") != 0) {
				errors_add(&errs, arena_strdup(r->a, key), _("Choose \"this\" or \"other\"."));
				continue;
			}
			(*choices)[*n].field = arena_strdup(r->a, key);
			(*choices)[*n].other = strcmp(s, "other") == 0;
			(*n)++;
		}
	}
	if (errs.n) {
		resp_api_error(r, DOM_INVALID, &errs);
		return -1;
	}
	return 0;
}

/* A merge as the API shows it: who, when, which records and fields, what
 * moved; the records' copies stay inside. */
json_t *api_merge_record(const struct merge *g)
{
	json_t *o = api_record(&ENT_MERGE, g);
	json_object_del(o, "survivor_before");
	json_object_del(o, "survivor_after");
	json_object_del(o, "merged_before");
	return o;
}

void api_merges_get(struct request *r)
{
	struct merge g;
	int rc = merge_get(&r->ctx, r->params[0], &g);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, api_merge_record(&g));
}

void api_merges_undo(struct request *r)
{
	struct merge g;
	struct errors errs = { 0 };
	int rc = merge_undo(&r->ctx, r->params[0], &errs);
	if (!rc)
		rc = merge_get(&r->ctx, r->params[0], &g);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 200, api_merge_record(&g));
}

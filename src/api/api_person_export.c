/* api_person_export.c: GET /api/v1/people/{id}/export: a person's
 * complete record as JSON, for the rights of access and portability, and
 * POST /api/v1/people/{id}/anonymise (docs/data-rights.md). */
#include "api/api.h"
#include "base/timeutil.h"
#include "domain/anonymise.h"
#include "domain/person.h"
#include "domain/person_export.h"

void api_people_export(struct request *r)
{
	struct export_section s[EXPORT_SECTIONS];
	char now[32];
	int rc = person_export(&r->ctx, r->params[0], "json", s);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	time_now_iso(now);
	json_t *sections = json_object();
	for (size_t i = 0; i < EXPORT_SECTIONS; i++) {
		json_t *items = json_array();
		for (size_t k = 0; k < s[i].l.n; k++)
			json_array_append_new(items, api_record(s[i].e, s[i].l.items[k]));
		json_object_set_new(sections, s[i].name, items);
	}
	const struct person *p = s[0].l.items[0];
	resp_header(r, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"amparo-%s.json\"", p->ref));
	resp_json(r, 200,
		  json_pack("{s:s, s:i, s:s, s:s, s:s, s:o}", "format", "amparo-person-export",
			    "version", 1, "person_id", p->id, "person_ref", p->ref, "exported_at",
			    now, "sections", sections));
}

/* POST /api/v1/people/{id}/anonymise {"reason"}: answers the person as
 * stored afterwards. */
void api_people_anonymise(struct request *r)
{
	static const char *const keys[] = { "reason", NULL };
	struct errors errs = { 0 };
	struct person p;
	json_t *body = api_body(r);
	if (!body)
		return;
	api_only(body, keys, &errs);
	const char *reason = api_text(r, body, "reason", &errs);
	int rc = errs.n ? DOM_INVALID : person_anonymise(&r->ctx, r->params[0], reason, &errs);
	if (!rc)
		rc = person_load(&r->ctx, r->params[0], &p);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	json_t *o = api_record(&ENT_PERSON, &p);
	json_object_set_new(o, "anonymised", json_true());
	resp_json(r, 200, o);
}

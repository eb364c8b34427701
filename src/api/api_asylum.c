/* api_asylum.c: /api/v1/cases/{id}/procedure and /detentions: the asylum
 * procedure of legal cases (docs/asylum.md). */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "domain/asylum.h"
#include "domain/case.h"

static json_t *stage_json(const struct asylum_stage *s)
{
	return s ? api_record(&ENT_ASYLUM_STAGE, s) : json_null();
}

/* A detention without open_key (bookkeeping), with "open": true while the
 * person is detained. */
static json_t *detention_json(const struct detention *d)
{
	json_t *o = api_record(&ENT_DETENTION, d);
	json_object_del(o, "open_key");
	json_object_set_new(o, "open", json_boolean(!d->released_on));
	return o;
}

/* The procedure of case k: {"case_id", "restricted", "current_stage",
 * "file_number", "stages", "documents"}; restricted readers get the
 * current stage (without notes) and empty lists. */
static void answer_procedure(struct request *r, const struct case_rec *k, int status)
{
	struct asylum_view v;
	struct errors errs = { 0 };
	int rc = asylum_get(&r->ctx, k, &errs, &v);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	json_t *stages = json_array(), *docs = json_array();
	for (size_t i = 0; i < v.stages.n; i++)
		json_array_append_new(stages, stage_json(v.stages.items[i]));
	for (size_t i = 0; i < v.documents.n; i++)
		json_array_append_new(docs, api_record(&ENT_DOCUMENT, v.documents.items[i]));
	resp_json(r, status,
		  json_pack("{s:s, s:b, s:o, s:s?, s:o, s:o}", "case_id", k->id, "restricted",
			    v.restricted, "current_stage", stage_json(v.current), "file_number",
			    v.file_number, "stages", stages, "documents", docs));
}

/* GET /api/v1/cases/{id}/procedure */
void api_cases_procedure(struct request *r)
{
	struct case_rec k;
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		answer_procedure(r, &k, 200);
}

/* The body as a record of e, or answers 400 and returns -1. */
static int read_body(struct request *r, const struct entity *e, void *rec, struct errors *errs)
{
	json_t *body = api_body(r);
	if (!body)
		return -1;
	if (api_read(r, e, body, rec, errs)) {
		resp_api_error(r, DOM_INVALID, errs);
		return -1;
	}
	return 0;
}

/* POST /api/v1/cases/{id}/procedure {"file_number"}: the procedure. */
void api_cases_set_procedure(struct request *r)
{
	struct asylum_procedure in;
	struct case_rec k;
	struct errors errs = { 0 };
	if (read_body(r, &ENT_ASYLUM_PROCEDURE, &in, &errs))
		return;
	int rc = asylum_set_file_number(&r->ctx, r->params[0], in.file_number, &errs);
	if (!rc)
		rc = case_load(&r->ctx, r->params[0], &k);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		answer_procedure(r, &k, 200);
}

/* POST /api/v1/cases/{id}/procedure/stages {"stage", "date", "result",
 * "notes"}: 201 with the stage. */
void api_cases_add_stage(struct request *r)
{
	struct asylum_stage in, out;
	struct errors errs = { 0 };
	if (read_body(r, &ENT_ASYLUM_STAGE, &in, &errs))
		return;
	int rc = asylum_add_stage(&r->ctx, r->params[0], &in, &errs, &out);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 201, stage_json(&out));
}

/* POST /api/v1/cases/{id}/procedure/documents {"type", "number",
 * "issued_on", "expires_on"}: 201 with the person's new document. */
void api_cases_add_procedure_document(struct request *r)
{
	struct document d;
	struct errors errs = { 0 };
	if (read_body(r, &ENT_DOCUMENT, &d, &errs))
		return;
	int rc = asylum_add_document(&r->ctx, r->params[0], &d, &errs);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 201, api_record(&ENT_DOCUMENT, &d));
}

/* GET /api/v1/cases/{id}/detentions: newest first. */
void api_cases_detentions(struct request *r)
{
	struct case_rec k;
	struct store_list l;
	struct errors errs = { 0 };
	int rc = case_load(&r->ctx, r->params[0], &k);
	if (!rc)
		rc = detention_list(&r->ctx, &k, &errs, &l);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, detention_json(l.items[i]));
	resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l.n));
}

/* POST /api/v1/cases/{id}/detentions {"place", "detained_on",
 * "released_on", "release_reason", "notes"}: 201 with the episode. */
void api_cases_add_detention(struct request *r)
{
	struct detention in, out;
	struct errors errs = { 0 };
	if (read_body(r, &ENT_DETENTION, &in, &errs))
		return;
	int rc = detention_record(&r->ctx, r->params[0], &in, &errs, &out);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 201, detention_json(&out));
}

/* POST /api/v1/cases/{id}/detentions/{did}/release {"released_on",
 * "release_reason", "notes"}: 200 with the episode. */
void api_cases_release(struct request *r)
{
	struct detention in, out;
	struct errors errs = { 0 };
	if (read_body(r, &ENT_DETENTION, &in, &errs))
		return;
	if (in.place)
		errors_add(&errs, "place", _("This field is unknown or cannot be set."));
	if (in.detained_on)
		errors_add(&errs, "detained_on", _("This field is unknown or cannot be set."));
	int rc = errs.n ? DOM_INVALID
			: detention_release(&r->ctx, r->params[0], r->params[1], &in, &errs, &out);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 200, detention_json(&out));
}

/* page_case_legal.c: the case page's "Asylum procedure" section on legal
 * cases (stages as a timeline, file number, documents obtained, detention
 * episodes) and the forms that change it. See docs/asylum.md. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/asylum.h"
#include "domain/case.h"
#include "web/web.h"

/* The form's errors when the failed form is this one. */
static const struct errors *errs_if(const char *failed, const struct errors *errs,
				    const char *form)
{
	return failed && strcmp(failed, form) == 0 ? errs : NULL;
}

/* The value typed in name when the form failed, else NULL. */
static const char *typed(struct request *r, const struct errors *errs, const char *name)
{
	return errs ? req_form(r, name) : NULL;
}

static const char *day(struct request *r, const char *date)
{
	char d[16];
	if (!date)
		return "—";
	date_display(date, d);
	return arena_strdup(r->a, d);
}

/* Opens a folded form posting to /cases/{id}/{path} (path holds slashes
 * and stored ids only); the caller closes it with form_close. */
static void form_open(struct request *r, const struct case_rec *k, const char *path,
		      const char *summary, const struct errors *errs, const char *cls)
{
	html_printf(&r->out, "<details%R><summary>%s</summary><form method=\"post\" action=\"%s\" class=\"%s\">",
		    errs ? " open" : "", summary, arena_printf(r->a, "/cases/%s/%s", k->id, path), cls);
	form_csrf(r);
}

static void form_close(struct request *r, const char *button)
{
	html_printf(&r->out, "<button type=\"submit\">%s</button></form></details>", button);
}

static void textarea(struct request *r, const char *name, const char *label, const char *value,
		     const struct errors *errs)
{
	const char *err = errs ? errors_for(errs, name) : NULL;
	html_printf(&r->out, "<label for=\"f-%s\">%s</label><textarea id=\"f-%s\" name=\"%s\" rows=\"3\"%R>%s</textarea>",
		    name, label, name, name, err ? " aria-invalid=\"true\"" : "", value);
	if (err)
		html_printf(&r->out, "<small class=\"field-error\">%s</small>", err);
}

static void timeline(struct request *r, const struct asylum_view *v)
{
	struct buf *o = &r->out;
	if (!v->stages.n) {
		html_printf(o, "<p>%s</p>", _("No stage recorded yet."));
		return;
	}
	html_printf(o, "<ol class=\"timeline\">");
	for (size_t i = 0; i < v->stages.n; i++) {
		const struct asylum_stage *s = v->stages.items[i];
		html_printf(o, "<li class=\"stage stage-%s\"%R><time datetime=\"%s\">%s</time> <strong>%s</strong>",
			    s->stage, s == v->current ? " aria-current=\"step\"" : "", s->date,
			    day(r, s->date), catalog_label(&CAT_ASYLUM_STAGE, s->stage));
		if (s->result)
			html_printf(o, " · <span class=\"result\">%s</span>",
				    catalog_label(&CAT_STAGE_RESULT, s->result));
		if (s->notes)
			html_printf(o, "<p class=\"notes\">%s</p>", s->notes);
		html_printf(o, "</li>");
	}
	html_printf(o, "</ol>");
}

static void stage_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	form_open(r, k, "procedure/stages", _("Record a stage"), errs, "stage-form");
	html_printf(&r->out, "<div class=\"grid\">");
	form_select(r, "stage", web_label("stage"), &CAT_ASYLUM_STAGE, typed(r, errs, "stage"), errs, 1);
	form_text(r, "stage_date", _("Date"), typed(r, errs, "stage_date"), errs, "date", NULL, 1);
	form_select(r, "result", _("Result (for decisions)"), &CAT_STAGE_RESULT,
		    typed(r, errs, "result"), errs, 0);
	html_printf(&r->out, "</div>");
	textarea(r, "stage_notes", web_label("notes"), typed(r, errs, "stage_notes"), errs);
	form_close(r, _("Record the stage"));
}

static void file_number_form(struct request *r, const struct case_rec *k, const char *current,
			     const struct errors *errs)
{
	form_open(r, k, "procedure", _("Set the file number"), errs, "file-number-form");
	form_text(r, "file_number", web_label("file_number"),
		  errs ? req_form(r, "file_number") : current, errs, "text",
		  _("The number the refugee office gave the application. Empty: none."), 0);
	form_close(r, _("Save"));
}

static void documents(struct request *r, const struct case_rec *k, const struct asylum_view *v,
		      int work, const struct errors *errs)
{
	struct buf *o = &r->out;
	html_printf(o, "<h3>%s</h3>", _("Documents obtained"));
	if (!v->documents.n) {
		html_printf(o, "<p>%s</p>", _("No document recorded."));
	} else {
		html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"documents\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
			    _("Documents obtained"), web_label("type"), web_label("number"),
			    web_label("issued_on"), web_label("expires_on"));
		for (size_t i = 0; i < v->documents.n; i++) {
			const struct document *d = v->documents.items[i];
			html_printf(o, "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td></tr>",
				    web_label("type"), catalog_label(&CAT_DOCUMENT_TYPE, d->type),
				    web_label("number"), d->number, web_label("issued_on"),
				    day(r, d->issued_on), web_label("expires_on"), day(r, d->expires_on));
		}
		html_printf(o, "</tbody></table></div>");
	}
	if (!work)
		return;
	form_open(r, k, "procedure/documents", _("Record a document obtained"), errs,
		  "document-form");
	html_printf(o, "<div class=\"grid\">");
	form_select(r, "document_type", web_label("document_type"), &CAT_PROCEDURE_DOCUMENT,
		    typed(r, errs, "document_type"), errs, 1);
	form_text(r, "document_number", web_label("number"), typed(r, errs, "document_number"), errs,
		  "text", NULL, 1);
	html_printf(o, "</div><div class=\"grid\">");
	form_text(r, "issued_on", web_label("issued_on"), typed(r, errs, "issued_on"), errs, "date",
		  NULL, 0);
	form_text(r, "expires_on", web_label("expires_on"), typed(r, errs, "expires_on"), errs,
		  "date", NULL, 0);
	html_printf(o, "</div><p><small>%s</small></p>",
		    _("The document is also added to the person's documents in the registry."));
	form_close(r, _("Record the document"));
}

static void release_form(struct request *r, const struct case_rec *k, const struct detention *d,
			 const struct errors *errs)
{
	form_open(r, k, arena_printf(r->a, "detentions/%s/release", d->id), _("Record the release"),
		  errs, "release-form");
	html_printf(&r->out, "<div class=\"grid\">");
	form_text(r, "released_on", web_label("released_on"), typed(r, errs, "released_on"), errs,
		  "date", NULL, 1);
	form_text(r, "release_reason", web_label("release_reason"),
		  typed(r, errs, "release_reason"), errs, "text", NULL, 0);
	html_printf(&r->out, "</div>");
	textarea(r, "detention_notes", web_label("notes"), typed(r, errs, "detention_notes"), errs);
	form_close(r, _("Record the release"));
}

static void detention_form(struct request *r, const struct case_rec *k, const struct errors *errs)
{
	form_open(r, k, "detentions", _("Record a detention"), errs, "detention-form");
	html_printf(&r->out, "<div class=\"grid\">");
	form_text(r, "detention_place", web_label("detention_place"), typed(r, errs, "detention_place"), errs, "text", NULL, 1);
	form_text(r, "detained_on", web_label("detained_on"), typed(r, errs, "detained_on"), errs,
		  "date", NULL, 1);
	html_printf(&r->out, "</div><div class=\"grid\">");
	form_text(r, "released_on", web_label("released_on"), typed(r, errs, "released_on"), errs,
		  "date", _("Empty while the person is still detained."), 0);
	form_text(r, "release_reason", web_label("release_reason"),
		  typed(r, errs, "release_reason"), errs, "text", NULL, 0);
	html_printf(&r->out, "</div>");
	textarea(r, "detention_notes", web_label("notes"), typed(r, errs, "detention_notes"), errs);
	form_close(r, _("Record the detention"));
}

static void detentions(struct request *r, const struct case_rec *k, int work, const char *failed,
		       const struct errors *errs)
{
	struct buf *o = &r->out;
	struct store_list l;
	struct errors e = { 0 };
	const struct detention *open = NULL;
	html_printf(o, "<h3>%s</h3>", _("Detention"));
	if (detention_list(&r->ctx, k, &e, &l) != DOM_OK)
		return;
	if (!l.n)
		html_printf(o, "<p>%s</p>", _("No detention recorded."));
	for (size_t i = 0; i < l.n; i++) {
		const struct detention *d = l.items[i];
		int now = !d->released_on;
		if (now)
			open = d;
		html_printf(o, "<article class=\"detention%R\">", now ? " detention-open" : "");
		if (now)
			html_printf(o, "<p><mark>%s</mark></p>", _("Detained now"));
		html_printf(o, "<p><strong>%s</strong> · %s: %s · %s: %s</p>", d->place,
			    web_label("detained_on"), day(r, d->detained_on), web_label("released_on"),
			    day(r, d->released_on));
		if (d->release_reason)
			html_printf(o, "<p>%s: %s</p>", web_label("release_reason"), d->release_reason);
		if (d->notes)
			html_printf(o, "<p class=\"notes\">%s</p>", d->notes);
		html_printf(o, "</article>");
	}
	if (!work)
		return;
	/* One open episode at a time: while one is open, only its release. */
	if (open)
		release_form(r, k, open, errs_if(failed, errs, "release"));
	else
		detention_form(r, k, errs_if(failed, errs, "detention"));
}

void web_case_legal(struct request *r, const struct case_rec *k, const char *form,
		    const struct errors *errs)
{
	struct asylum_view v;
	struct errors e = { 0 };
	struct buf *o = &r->out;
	if (strcmp(k->area, "legal") != 0 || asylum_get(&r->ctx, k, &e, &v) != DOM_OK)
		return;
	int work = case_may_work(&r->user, k) && strcmp(k->status, "closed") != 0;
	html_printf(o, "</section><section id=\"procedure\"><h2>%s</h2>", _("Asylum procedure"));
	html_printf(o, "<table class=\"facts\"><tbody><tr><th scope=\"row\">%s</th><td class=\"current-stage\">",
		    _("Current stage"));
	if (v.current)
		html_printf(o, "%s (%s)", catalog_label(&CAT_ASYLUM_STAGE, v.current->stage),
			    day(r, v.current->date));
	else
		html_printf(o, "%s", _("None yet"));
	html_printf(o, "</td></tr>");
	if (v.restricted) {
		html_printf(o, "</tbody></table><p class=\"restricted\"><em>%s</em></p>",
			    _("The details of the procedure are restricted to the legal team."));
		return;
	}
	html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"file-number\">%s</td></tr></tbody></table>",
		    web_label("file_number"), v.file_number ? v.file_number : "—");
	if (work)
		file_number_form(r, k, v.file_number, errs_if(form, errs, "file_number"));
	html_printf(o, "<h3>%s</h3>", _("Stages"));
	timeline(r, &v);
	if (work)
		stage_form(r, k, errs_if(form, errs, "stage"));
	documents(r, k, &v, work, errs_if(form, errs, "document"));
	detentions(r, k, work, form, errs);
}

const char *web_asylum_stage(struct request *r, const char *person_id)
{
	struct asylum_stage s;
	if (asylum_person_stage(&r->ctx, person_id, &s) != DOM_OK)
		return NULL;
	return arena_printf(r->a, "%s (%s)", catalog_label(&CAT_ASYLUM_STAGE, s.stage),
			    day(r, s.date));
}

/* A form field and the record field it fills: the forms of this section
 * name theirs apart from the case page's other forms ("stage_date", not
 * "date"). A list ends with a NULL form. */
struct mapped {
	const char *form, *field;
};

/* Fills rec, an e, from the form through m: dates typed day first become
 * ISO (an error under the form's name otherwise); values are copies the
 * domain may trim in place. */
static void read_form(struct request *r, const struct entity *e, void *rec,
		      const struct mapped *m, struct errors *errs)
{
	memset(rec, 0, e->size);
	for (; m->form; m++) {
		const char *v = form_is_date(m->field) ? form_date(r, m->form, errs) : req_form(r, m->form);
		*field_ptr(rec, entity_field(e, m->field)) = v ? arena_strdup(r->a, v) : NULL;
	}
}

/* Puts the domain's errors under the form's names, then answers as every
 * form of the case page does. */
static void answer(struct request *r, int rc, const char *form, struct errors *errs,
		   const struct mapped *m)
{
	for (int i = 0; i < errs->n; i++)
		for (const struct mapped *x = m; x->form; x++)
			if (strcmp(errs->e[i].field, x->field) == 0) {
				errs->e[i].field = x->form;
				break;
			}
	web_case_after(r, rc, form, errs, "procedure");
}

static const struct mapped stage_fields[] = {
	{ "stage", "stage" }, { "stage_date", "date" }, { "result", "result" },
	{ "stage_notes", "notes" }, { NULL, NULL },
};
static const struct mapped file_number_fields[] = {
	{ "file_number", "file_number" }, { NULL, NULL },
};
static const struct mapped document_fields[] = {
	{ "document_type", "type" }, { "document_number", "number" },
	{ "issued_on", "issued_on" }, { "expires_on", "expires_on" }, { NULL, NULL },
};
static const struct mapped detention_fields[] = {
	{ "detention_place", "place" }, { "detained_on", "detained_on" }, { "released_on", "released_on" },
	{ "release_reason", "release_reason" }, { "detention_notes", "notes" }, { NULL, NULL },
};
/* The release takes the last three. */
static const struct mapped *const release_fields = detention_fields + 2;

/* POST /cases/{id}/procedure/stages: stage, stage_date, result, stage_notes. */
void page_case_stage(struct request *r)
{
	struct asylum_stage in;
	struct errors errs = { 0 };
	read_form(r, &ENT_ASYLUM_STAGE, &in, stage_fields, &errs);
	int rc = errs.n ? DOM_INVALID : asylum_add_stage(&r->ctx, r->params[0], &in, &errs, NULL);
	answer(r, rc, "stage", &errs, stage_fields);
}

/* POST /cases/{id}/procedure: file_number. */
void page_case_file_number(struct request *r)
{
	struct errors errs = { 0 };
	int rc = asylum_set_file_number(&r->ctx, r->params[0], req_form(r, "file_number"), &errs);
	answer(r, rc, "file_number", &errs, file_number_fields);
}

/* POST /cases/{id}/procedure/documents: document_type, document_number,
 * issued_on, expires_on. */
void page_case_document(struct request *r)
{
	struct document d;
	struct errors errs = { 0 };
	read_form(r, &ENT_DOCUMENT, &d, document_fields, &errs);
	int rc = errs.n ? DOM_INVALID : asylum_add_document(&r->ctx, r->params[0], &d, &errs);
	answer(r, rc, "document", &errs, document_fields);
}

/* POST /cases/{id}/detentions: place, detained_on, released_on,
 * release_reason, detention_notes. */
void page_case_detention(struct request *r)
{
	struct detention in;
	struct errors errs = { 0 };
	read_form(r, &ENT_DETENTION, &in, detention_fields, &errs);
	int rc = errs.n ? DOM_INVALID : detention_record(&r->ctx, r->params[0], &in, &errs, NULL);
	answer(r, rc, "detention", &errs, detention_fields);
}

/* POST /cases/{id}/detentions/{did}/release: released_on, release_reason,
 * detention_notes. */
void page_case_release(struct request *r)
{
	struct detention in;
	struct errors errs = { 0 };
	read_form(r, &ENT_DETENTION, &in, release_fields, &errs);
	int rc = errs.n ? DOM_INVALID
			: detention_release(&r->ctx, r->params[0], r->params[1], &in, &errs, NULL);
	answer(r, rc, "release", &errs, release_fields);
}

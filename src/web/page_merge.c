/* page_merge.c: merging two people or two households side by side, the
 * notices of a merge on their pages, and undoing it. */
#include <string.h>

#include "base/html.h"
#include "base/i18n.h"
#include "domain/household.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "web/web.h"

/* What differs between the pages of the two kinds. */
struct kind {
	const char *name; /* "person" or "household", as merge.h takes it */
	const char *path; /* "/people" or "/households" */
	const char *nav;
	const struct entity *e;
};

static const struct kind PERSON = { "person", "/people", "people", &ENT_PERSON };
static const struct kind HOUSEHOLD = { "household", "/households", "households", &ENT_HOUSEHOLD };

/* The catalogue whose labels show a field's codes; NULL: shown as stored. */
static const struct catalog *catalog_of(const char *field)
{
	static const struct {
		const char *field;
		const struct catalog *c;
	} cats[] = {
		{ "sex", &CAT_SEX },
		{ "nationality", &CAT_COUNTRY },
		{ "origin_country", &CAT_COUNTRY },
		{ "legal_status", &CAT_LEGAL_STATUS },
		{ "province", &CAT_PROVINCE },
		{ "district", &CAT_DISTRICT },
		{ "consent_scope", &CAT_CONSENT_SCOPE },
		{ "relationship", &CAT_RELATIONSHIP },
	};
	for (size_t i = 0; i < sizeof(cats) / sizeof(cats[0]); i++)
		if (strcmp(cats[i].field, field) == 0)
			return cats[i].c;
	return NULL;
}

static const char *shown(const struct field *f, const void *rec)
{
	const char *v = field_get(rec, f);
	const struct catalog *c = catalog_of(f->name);
	if (!v || !*v)
		return "—";
	if (strcmp(f->name, "birth_estimated") == 0)
		return strcmp(v, "1") == 0 ? _("yes") : _("no");
	return c ? catalog_label(c, v) : v;
}

/* What the rows of a linked table are called on the page. */
static const char *table_label(const char *table)
{
	if (strcmp(table, "person_documents") == 0)
		return _("Documents");
	if (strcmp(table, "legal_status_history") == 0)
		return _("Legal status changes");
	if (strcmp(table, "households") == 0)
		return _("Households headed");
	if (strcmp(table, "people") == 0)
		return _("Members");
	if (strcmp(table, "flags") == 0)
		return _("Alerts");
	return table;
}

static const char *ref_of(const struct kind *k, const void *rec)
{
	return field_get(rec, &k->e->fields[1]);
}

static const char *id_of(const struct kind *k, const void *rec)
{
	return field_get(rec, &k->e->fields[0]);
}

/* A merge that could not be done or undone: the reasons, and a way back. */
static void problem(struct request *r, const struct kind *k, int rc, const struct errors *errs,
		    const char *back)
{
	if (rc != DOM_CONFLICT && rc != DOM_INVALID) {
		web_error(r, rc);
		return;
	}
	r->status = rc == DOM_CONFLICT ? 409 : 400;
	web_begin(r, _("This could not be done"), k->nav);
	html_printf(&r->out, "<article class=\"error\"><h1>%s</h1><ul>", _("This could not be done"));
	for (int i = 0; i < errs->n; i++) {
		const char *f = errs->e[i].field;
		if (strcmp(f, "other_id") == 0 || strcmp(f, "id") == 0)
			html_printf(&r->out, "<li>%s</li>", errs->e[i].message);
		else
			html_printf(&r->out, "<li><strong>%s</strong>: %s</li>", web_label(f), errs->e[i].message);
	}
	if (!errs->n)
		html_printf(&r->out, "<li>%s</li>", dom_message(rc));
	html_printf(&r->out, "</ul><p><a href=\"%s\">%s</a></p></article>", back, _("Back"));
	web_end(r);
}

/* The first step: which record to merge with. */
static void ask(struct request *r, const struct kind *k, const void *s, const struct errors *errs)
{
	web_begin(r, _("Merge with another record"), k->nav);
	html_printf(&r->out, "<h1>%s</h1><p>%s <strong>%s</strong>. %s</p>", _("Merge with another record"),
		    _("The record kept is"), ref_of(k, s),
		    _("Everything linked to the other record moves to it. The merge can be undone."));
	if (k == &PERSON)
		web_person_flags(r, id_of(k, s), NULL);
	form_error_summary(r, errs);
	html_printf(&r->out, "<form method=\"get\" action=\"%R/%u/merge\">", k->path, id_of(k, s));
	form_text(r, "with", k == &PERSON ? _("Reference of the other person (P-000123)")
					  : _("Reference of the other household (H-000123)"),
		  req_query(r, "with"), errs, "text", NULL, 1);
	html_printf(&r->out, "<button type=\"submit\">%s</button></form>", _("Compare"));
	web_end(r);
}

/* The choices a merge form sent: one per choosable field with "other". */
static size_t read_choices(struct request *r, const struct kind *k, struct merge_choice *out)
{
	size_t n = 0;
	for (size_t i = 0; i < k->e->nfields; i++) {
		const struct field *f = &k->e->fields[i];
		const char *v = req_form(r, f->name);
		if (!merge_choosable(k->e, f) || !v)
			continue;
		out[n].field = f->name;
		out[n++].other = strcmp(v, "other") == 0;
	}
	return n;
}

/* The side-by-side comparison: a radio per differing field, what moves. */
static void compare(struct request *r, const struct kind *k, const void *s, const void *m,
		    const struct merge_count *counts, size_t ncounts, const struct errors *errs)
{
	struct buf *o = &r->out;
	size_t differ = 0;
	web_begin(r, _("Merge two records"), k->nav);
	html_printf(o, "<h1>%s</h1><p>%s</p>", _("Merge two records"),
		    _("Choose, field by field, the value the record kept will have. The other record is closed as merged and can be restored by undoing the merge."));
	if (k == &PERSON) {
		web_person_flags(r, id_of(k, s), NULL);
		web_person_flags(r, id_of(k, m), NULL);
	}
	form_error_summary(r, errs);
	html_printf(o, "<form method=\"post\" action=\"%R/%u/merge\">", k->path, id_of(k, s));
	form_csrf(r);
	html_printf(o, "<input type=\"hidden\" name=\"other_id\" value=\"%s\">", id_of(k, m));
	html_printf(o, "<div class=\"overflow-auto\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"merge\"><thead><tr><th>%s</th><th>%s (%s)</th><th>%s</th></tr></thead><tbody>",
		    _("Merge two records"), _("Field"), ref_of(k, s), _("kept"), ref_of(k, m));
	for (size_t i = 0; i < k->e->nfields; i++) {
		const struct field *f = &k->e->fields[i];
		const char *a = field_get(s, f), *b = field_get(m, f);
		if (!merge_choosable(k->e, f) || (a && b && strcmp(a, b) == 0) || (!a && !b))
			continue;
		const char *sent = req_form(r, f->name);
		int other = sent ? strcmp(sent, "other") == 0 : merge_default_other(f, s, m);
		differ++;
		html_printf(o, "<tr><th scope=\"row\">%s</th>", web_label(f->name));
		/* .narrow: on a phone the rows stack and each value says whose it is. */
		html_printf(o, "<td><label><input type=\"radio\" name=\"%s\" value=\"this\"%R> <span class=\"narrow\">%s (%s): </span>%s</label></td>",
			    f->name, other ? "" : " checked", ref_of(k, s), _("kept"), shown(f, s));
		html_printf(o, "<td><label><input type=\"radio\" name=\"%s\" value=\"other\"%R> <span class=\"narrow\">%s: </span>%s</label></td></tr>",
			    f->name, other ? " checked" : "", ref_of(k, m), shown(f, m));
	}
	if (!differ)
		html_printf(o, "<tr><td colspan=\"3\">%s</td></tr>", _("The two records hold the same data."));
	html_printf(o, "</tbody></table></div><h2>%s %s</h2><ul>", _("What moves to"), ref_of(k, s));
	for (size_t i = 0; i < ncounts; i++)
		html_printf(o, "<li>%s: <strong>%l</strong></li>", table_label(counts[i].table), counts[i].n);
	if (k == &PERSON && ((const struct person *)m)->household_id)
		html_printf(o, "<li>%s</li>", _("The place in the other record's household"));
	html_printf(o, "<li>%s</li></ul>", _("The history of the other record"));
	html_printf(o, "<button type=\"submit\">%s</button> <a href=\"%R/%u/merge?with=%u\">%s %s</a></form>",
		    _("Merge"), k->path, id_of(k, m), id_of(k, s), _("Keep instead"), ref_of(k, m));
	web_end(r);
}

static void merge_page(struct request *r, const struct kind *k)
{
	struct merge_count counts[MERGE_COUNTS_MAX];
	struct errors errs = { 0 };
	size_t n;
	void *s = arena_alloc(r->a, k->e->size), *m = arena_alloc(r->a, k->e->size);
	const char *with = req_query(r, "with");
	int rc = merge_preview(&r->ctx, k->name, r->params[0], with && *with ? with : NULL, s, m,
			       counts, &n, &errs);
	if (rc == DOM_INVALID) {
		/* Without a reference yet, or a wrong one: ask for it. */
		if (with && *with)
			r->status = 400;
		else
			errs.n = 0;
		ask(r, k, s, &errs);
		return;
	}
	if (rc) {
		problem(r, k, rc, &errs, arena_printf(r->a, "%s/%s", k->path, r->params[0]));
		return;
	}
	compare(r, k, s, m, counts, n, NULL);
}

static void merge_post(struct request *r, const struct kind *k)
{
	struct merge_choice choices[64];
	struct merge g;
	struct errors errs = { 0 };
	size_t n = read_choices(r, k, choices);
	const char *other = req_form(r, "other_id");
	int rc = k == &PERSON ? merge_people(&r->ctx, r->params[0], other, choices, n, &errs, &g)
			      : merge_households(&r->ctx, r->params[0], other, choices, n, &errs, &g);
	if (rc == DOM_INVALID && !errors_for(&errs, "other_id")) {
		/* Chosen values that do not fit together: choose again. */
		struct merge_count counts[MERGE_COUNTS_MAX];
		struct errors none = { 0 };
		size_t nc;
		void *s = arena_alloc(r->a, k->e->size), *m = arena_alloc(r->a, k->e->size);
		if (merge_preview(&r->ctx, k->name, r->params[0], other, s, m, counts, &nc, &none) == DOM_OK) {
			r->status = 400;
			compare(r, k, s, m, counts, nc, &errs);
			return;
		}
	}
	if (rc) {
		problem(r, k, rc, &errs, arena_printf(r->a, "%s/%s", k->path, r->params[0]));
		return;
	}
	resp_redirect(r, arena_printf(r->a, "%s/%s", k->path, g.survivor_id));
}

void page_person_merge(struct request *r)
{
	merge_page(r, &PERSON);
}

void page_person_merge_post(struct request *r)
{
	merge_post(r, &PERSON);
}

void page_household_merge(struct request *r)
{
	merge_page(r, &HOUSEHOLD);
}

void page_household_merge_post(struct request *r)
{
	merge_post(r, &HOUSEHOLD);
}

void page_merge_undo(struct request *r)
{
	struct merge g;
	struct errors errs = { 0 };
	int rc = merge_get(&r->ctx, r->params[0], &g);
	const struct kind *k = !rc && strcmp(g.kind, "household") == 0 ? &HOUSEHOLD : &PERSON;
	if (!rc)
		rc = merge_undo(&r->ctx, g.id, &errs);
	if (rc) {
		problem(r, k, rc, &errs, rc == DOM_NOTFOUND ? "/" : arena_printf(r->a, "%s/%s", k->path, g.survivor_id));
		return;
	}
	resp_redirect(r, arena_printf(r->a, "%s/%s?saved=1", k->path, g.survivor_id));
}

/* The undo button of merge g, for users who may. */
static void undo_button(struct request *r, const struct merge *g)
{
	if (!merge_may(&r->ctx))
		return;
	html_printf(&r->out, " · <form method=\"post\" action=\"/merges/%u/undo\" class=\"inline\">", g->id);
	form_csrf(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"secondary outline small\">%s</button></form>",
		    _("Undo"));
}

int web_merge_notice(struct request *r, const char *kind, const void *rec)
{
	const struct kind *k = strcmp(kind, "person") == 0 ? &PERSON : &HOUSEHOLD;
	const char *status = field_get(rec, entity_field(k->e, "status"));
	struct merge g;
	if (strcmp(status, "merged") == 0) {
		int known = merge_of(&r->ctx, id_of(k, rec), &g) == DOM_OK;
		html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s <a href=\"%R/%u\">%s</a>.",
			    _("This record was merged into"), k->path, known ? g.survivor_id : id_of(k, rec),
			    known ? merge_ref(&r->ctx, &g, 1) : "?");
		if (known)
			undo_button(r, &g);
		html_printf(&r->out, "</p>");
		return 1;
	}
	struct merge into[8];
	size_t n = 0;
	if (merge_into(&r->ctx, id_of(k, rec), into, 8, &n) != DOM_OK)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		html_printf(&r->out, "<p class=\"notice\" role=\"status\">%s %s", _("Merged with"),
			    merge_ref(&r->ctx, &into[i], 0));
		undo_button(r, &into[i]);
		html_printf(&r->out, "</p>");
	}
	return 0;
}

/* asylum.c: the asylum procedure of legal cases, its rules and readers. */
#include "domain/asylum.h"

#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/person.h"
#include "domain/validate.h"

/* The most stages or episodes one case lists: far above any real one. */
#define LIST_MAX 500

int asylum_may_read(const struct user *u, const struct case_rec *k)
{
	return case_may_read_narrative(u, k);
}

/* DOM_CONFLICT, with the message under "case", unless k is legal. */
static int legal_only(const struct case_rec *k, struct errors *errs)
{
	if (strcmp(k->area, "legal") == 0)
		return DOM_OK;
	errors_add(errs, "case", _("The asylum procedure is recorded on legal cases only."));
	return DOM_CONFLICT;
}

/* Loads case id for a change of its procedure by c->user: the
 * permission, the area, an open case. */
static int load_for_change(struct ctx *c, const char *id, struct errors *errs,
			   struct case_rec *k)
{
	int rc = auth_check(c->user, PERM_CASES_WRITE);
	if (rc || (rc = case_load(c, id, k)))
		return rc;
	if (!case_may_work(c->user, k))
		return DOM_FORBIDDEN;
	if ((rc = legal_only(k, errs)))
		return rc;
	if (strcmp(k->status, "closed") == 0) {
		errors_add(errs, "case", _("The case is closed: reopen it first."));
		return DOM_CONFLICT;
	}
	return DOM_OK;
}

/* The stage's place in the procedure's order, -1 for an unknown code. */
static int position(const char *stage)
{
	for (size_t i = 0; stage && i < CAT_ASYLUM_STAGE.n; i++)
		if (strcmp(CAT_ASYLUM_STAGE.items[i].code, stage) == 0)
			return (int)i;
	return -1;
}

static int is(const char *stage, const char *code)
{
	return stage && strcmp(stage, code) == 0;
}

/* Stages a procedure may go through more than once. */
static int repeatable(const char *stage)
{
	return is(stage, "interview") || is(stage, "appeal");
}

/* The results a stage takes (a NULL-ended list), NULL for none. */
static const char *const *results_of(const char *stage)
{
	static const char *const admissibility[] = { "admitted", "not_admitted", NULL };
	static const char *const decision[] = { "granted", "denied", NULL };
	if (is(stage, "admissibility"))
		return admissibility;
	if (is(stage, "eligibility_decision") || is(stage, "appeal"))
		return decision;
	return NULL;
}

static void validate_stage(const struct asylum_stage *s, struct errors *errs)
{
	if (validate_required(errs, "stage", s->stage))
		validate_code(errs, "stage", s->stage, &CAT_ASYLUM_STAGE);
	if (validate_required(errs, "date", s->date))
		validate_date(errs, "date", s->date, 1);
	validate_length(errs, "notes", s->notes, 5000);
	const char *const *ok = results_of(s->stage);
	if (!ok) {
		if (s->result && position(s->stage) >= 0)
			errors_add(errs, "result", _("This stage has no result: leave it empty."));
		return;
	}
	if (!s->result) {
		if (!is(s->stage, "appeal"))
			errors_add(errs, "result", _("Choose the decision."));
		return;
	}
	for (; *ok; ok++)
		if (strcmp(*ok, s->result) == 0)
			return;
	errors_add(errs, "result", _("Choose a result this stage can have."));
}

/* Oldest first: by date, then the procedure's order, then when recorded. */
static int earlier(const void *x, const void *y)
{
	const struct asylum_stage *a = *(void *const *)x, *b = *(void *const *)y;
	int d = strcmp(a->date, b->date);
	if (!d)
		d = position(a->stage) - position(b->stage);
	return d ? d : strcmp(a->recorded_at, b->recorded_at);
}

/* The stages whose key column equals value, oldest first. */
static int stages_of(struct ctx *c, const char *key, const char *value, struct store_list *out)
{
	int rc = dom_from_store(store_list(c->st, &ENT_ASYLUM_STAGE, c->a, key, value, "date", 0,
					   LIST_MAX, 0, out));
	if (rc)
		return rc;
	qsort(out->items, out->n, sizeof(out->items[0]), earlier);
	out->total = (long long)out->n;
	return DOM_OK;
}

/* Refuses a new stage s after the recorded ones (oldest first) when the
 * procedure's order does not allow it (DOM_CONFLICT, under "stage") or
 * its date is before the current stage's (DOM_INVALID, under "date"). */
static int check_order(struct ctx *c, const struct store_list *l, const struct asylum_stage *s,
		       struct errors *errs)
{
	const struct asylum_stage *cur = l->n ? l->items[l->n - 1] : NULL;
	int recognised = 0, rejected = 0, again = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct asylum_stage *t = l->items[i];
		recognised |= is(t->stage, "recognised");
		rejected |= is(t->stage, "rejected");
		again |= is(t->stage, s->stage);
	}
	const char *msg = NULL;
	if (rejected)
		msg = _("The procedure ended with a final rejection: no stage follows it.");
	else if (recognised && is(s->stage, "rejected"))
		msg = _("The person is already recognised: a procedure ends either recognised or rejected.");
	else if (again && !repeatable(s->stage))
		msg = _("This stage is already recorded; only interviews and appeals may be recorded more than once.");
	else if (is(s->stage, "card_issued") && !recognised)
		msg = _("The refugee card is issued after recognition: record the recognition first.");
	else if (cur && position(s->stage) < position(cur->stage))
		msg = arena_printf(c->a, _("This stage comes before the current one (%s)."),
				   catalog_label(&CAT_ASYLUM_STAGE, cur->stage));
	if (msg) {
		errors_add(errs, "stage", msg);
		return DOM_CONFLICT;
	}
	if (cur && strcmp(s->date, cur->date) < 0) {
		char d[16];
		date_display(cur->date, d);
		errors_add(errs, "date",
			   arena_printf(c->a, _("The date is before the current stage's (%s, %s)."),
					catalog_label(&CAT_ASYLUM_STAGE, cur->stage), d));
		return DOM_INVALID;
	}
	return DOM_OK;
}

int asylum_add_stage(struct ctx *c, const char *case_id, struct asylum_stage *in,
		     struct errors *errs, struct asylum_stage *out)
{
	struct case_rec k;
	struct store_list l;
	char id[37], now[32];
	int rc = load_for_change(c, case_id, errs, &k);

	if (rc)
		return rc;
	record_clean(c->a, &ENT_ASYLUM_STAGE, in);
	validate_stage(in, errs);
	if (errs->n)
		return DOM_INVALID;
	if ((rc = stages_of(c, "case_id", k.id, &l)) || (rc = check_order(c, &l, in, errs)))
		return rc;
	time_now_iso(now);
	crypto_uuid7(id);
	struct asylum_stage s = *in;
	s.id = id;
	s.case_id = k.id;
	s.person_id = k.person_id;
	s.recorded_by = c->user->id;
	s.recorded_at = now;
	/* The stage is no secret (the profile shows it); the notes' words
	 * never reach the log. */
	if ((rc = audit_write(c, &ENT_ASYLUM_STAGE, &s, 1, "add_stage", "case", k.id,
			      record_set_fields(c->a, &ENT_ASYLUM_STAGE, &s))))
		return rc;
	if (!out)
		return DOM_OK;
	return dom_from_store(store_get(c->st, &ENT_ASYLUM_STAGE, c->a, "id", id, out));
}

int asylum_set_file_number(struct ctx *c, const char *case_id, const char *number,
			   struct errors *errs)
{
	struct case_rec k;
	struct asylum_procedure p = { 0 };
	char id[37], now[32];
	int rc = load_for_change(c, case_id, errs, &k);

	if (rc)
		return rc;
	char *v = number ? arena_strdup(c->a, number) : NULL;
	p.file_number = v;
	record_clean(c->a, &ENT_ASYLUM_PROCEDURE, &p);
	if (!validate_length(errs, "file_number", p.file_number, 64))
		return DOM_INVALID;
	v = p.file_number;
	int insert = store_get(c->st, &ENT_ASYLUM_PROCEDURE, c->a, "case_id", k.id, &p) != STORE_OK;
	if (insert) {
		crypto_uuid7(id);
		p.id = id;
		p.case_id = k.id;
	}
	time_now_iso(now);
	p.person_id = k.person_id;
	p.file_number = v;
	p.updated_by = c->user->id;
	p.updated_at = now;
	return audit_write(c, &ENT_ASYLUM_PROCEDURE, &p, insert, "set_file_number", "case", k.id,
			   "file_number");
}

int asylum_add_document(struct ctx *c, const char *case_id, struct document *d,
			struct errors *errs)
{
	struct case_rec k;
	int rc = load_for_change(c, case_id, errs, &k);

	if (rc)
		return rc;
	if (validate_required(errs, "type", d->type))
		validate_code(errs, "type", d->type, &CAT_PROCEDURE_DOCUMENT);
	if (errs->n)
		return DOM_INVALID;
	/* The registry's document (with its own audit event on the person)
	 * and the case's event, together or not at all. */
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = person_add_document(c, k.person_id, d, errs)) ||
	    (rc = audit_record(c, "add_document", "case", k.id, "type,number"))) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

/* Keeps the person's documents of the procedure's types. */
static void procedure_documents(struct store_list *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct document *d = l->items[i];
		if (catalog_find(&CAT_PROCEDURE_DOCUMENT, d->type))
			l->items[n++] = l->items[i];
	}
	l->n = n;
	l->total = (long long)n;
}

int asylum_get(struct ctx *c, const struct case_rec *k, struct errors *errs,
	       struct asylum_view *out)
{
	struct asylum_procedure p;
	int rc = auth_check(c->user, PERM_CASES_READ);

	memset(out, 0, sizeof(*out));
	if (rc || (rc = legal_only(k, errs)) || (rc = stages_of(c, "case_id", k->id, &out->stages)))
		return rc;
	if (out->stages.n)
		out->current = out->stages.items[out->stages.n - 1];
	if (!asylum_may_read(c->user, k)) {
		/* The current stage, without its notes; nothing else. */
		if (out->current) {
			struct asylum_stage *cur = arena_alloc(c->a, sizeof(*cur));
			*cur = *out->current;
			cur->notes = NULL;
			out->current = cur;
		}
		out->restricted = 1;
		out->stages.n = 0;
		out->stages.total = 0;
		return DOM_OK;
	}
	if (store_get(c->st, &ENT_ASYLUM_PROCEDURE, c->a, "case_id", k->id, &p) == STORE_OK)
		out->file_number = p.file_number;
	if ((rc = person_documents(c, k->person_id, &out->documents)))
		return rc;
	procedure_documents(&out->documents);
	return audit_view(c, "case_procedure", k->id);
}

int asylum_person_stage(struct ctx *c, const char *person_id, struct asylum_stage *out)
{
	struct store_list l;
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc || (rc = stages_of(c, "person_id", person_id, &l)))
		return rc;
	if (!l.n)
		return DOM_NOTFOUND;
	*out = *(struct asylum_stage *)l.items[l.n - 1];
	out->notes = NULL;
	return DOM_OK;
}

static void validate_detention(const struct detention *d, struct errors *errs)
{
	if (validate_required(errs, "place", d->place))
		validate_length(errs, "place", d->place, 200);
	if (validate_required(errs, "detained_on", d->detained_on))
		validate_date(errs, "detained_on", d->detained_on, 1);
	validate_length(errs, "release_reason", d->release_reason, 500);
	validate_length(errs, "notes", d->notes, 5000);
}

/* released_on: a past date, not before the episode began. */
static void validate_release(const struct detention *d, const char *released_on,
			     struct errors *errs)
{
	if (validate_date(errs, "released_on", released_on, 1) && released_on && d->detained_on &&
	    !errors_for(errs, "detained_on") && strcmp(released_on, d->detained_on) < 0)
		errors_add(errs, "released_on", _("The release date is before the detention date."));
}

int detention_record(struct ctx *c, const char *case_id, struct detention *in,
		     struct errors *errs, struct detention *out)
{
	struct case_rec k;
	char id[37], now[32];
	int rc = load_for_change(c, case_id, errs, &k);

	if (rc)
		return rc;
	record_clean(c->a, &ENT_DETENTION, in);
	validate_detention(in, errs);
	validate_release(in, in->released_on, errs);
	if (errs->n)
		return DOM_INVALID;
	time_now_iso(now);
	crypto_uuid7(id);
	struct detention d = *in;
	d.id = id;
	d.case_id = k.id;
	d.person_id = k.person_id;
	d.open_key = d.released_on ? NULL : k.person_id;
	d.recorded_by = c->user->id;
	d.recorded_at = now;
	if (d.released_on) {
		d.released_by = c->user->id;
		d.released_at = now;
	}
	rc = audit_write(c, &ENT_DETENTION, &d, 1, "add_detention", "case", k.id,
			 record_set_fields(c->a, &ENT_DETENTION, &d));
	if (rc == DOM_CONFLICT)
		errors_add(errs, "detained_on",
			   _("This person is still detained: record the release of the open episode first."));
	if (rc || !out)
		return rc;
	return dom_from_store(store_get(c->st, &ENT_DETENTION, c->a, "id", id, out));
}

int detention_release(struct ctx *c, const char *case_id, const char *id,
		      const struct detention *in, struct errors *errs, struct detention *out)
{
	struct case_rec k;
	struct detention d;
	char now[32];
	int rc = load_for_change(c, case_id, errs, &k);

	if (rc)
		return rc;
	if (!id || (rc = dom_from_store(store_get(c->st, &ENT_DETENTION, c->a, "id", id, &d))))
		return rc ? rc : DOM_NOTFOUND;
	if (strcmp(d.case_id, k.id) != 0)
		return DOM_NOTFOUND;
	struct detention r = *in;
	record_clean(c->a, &ENT_DETENTION, &r);
	if (validate_required(errs, "released_on", r.released_on))
		validate_release(&d, r.released_on, errs);
	validate_length(errs, "release_reason", r.release_reason, 500);
	validate_length(errs, "notes", r.notes, 5000);
	if (errs->n)
		return DOM_INVALID;
	if (d.released_on) {
		errors_add(errs, "released_on", _("This detention has already ended."));
		return DOM_CONFLICT;
	}
	const char *fields = "released_on";
	if (r.release_reason)
		fields = "released_on,release_reason";
	if (r.notes) {
		d.notes = d.notes ? arena_printf(c->a, "%s\n\n%s", d.notes, r.notes) : r.notes;
		fields = arena_printf(c->a, "%s,notes", fields);
	}
	time_now_iso(now);
	d.released_on = r.released_on;
	d.release_reason = r.release_reason;
	d.open_key = NULL;
	d.released_by = c->user->id;
	d.released_at = now;
	if ((rc = audit_write(c, &ENT_DETENTION, &d, 0, "release", "case", k.id, fields)))
		return rc;
	if (!out)
		return DOM_OK;
	return dom_from_store(store_get(c->st, &ENT_DETENTION, c->a, "id", d.id, out));
}

int detention_list(struct ctx *c, const struct case_rec *k, struct errors *errs,
		   struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc || (rc = legal_only(k, errs)))
		return rc;
	if (!asylum_may_read(c->user, k))
		return DOM_FORBIDDEN;
	rc = dom_from_store(store_list(c->st, &ENT_DETENTION, c->a, "case_id", k->id, "detained_on",
				       1, LIST_MAX, 0, out));
	if (!rc)
		out->total = (long long)out->n;
	return rc;
}

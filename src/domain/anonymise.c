/* anonymise.c: a person's cancellation as anonymisation. */
#include "domain/anonymise.h"

#include <string.h>

#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/person.h"
#include "domain/person_match.h"
#include "domain/validate.h"

/* Far above any real person's rows in one table. */
#define ROWS_MAX 100000
#define REASON_MAX 1000

/* Rows holding free text about the person: the table, the column that
 * names the person (or, by_case, one of their cases), the text fields
 * replaced by ANON_TEXT and the JSON copies of records replaced by "{}". */
struct scrub {
	const struct entity *e;
	const char *column;
	int by_case;
	const char *text, *json;
};

static const struct scrub scrubs[] = {
	{ &ENT_DOCUMENT, "person_id", 0, "number", NULL },
	{ &ENT_SERVICE, "person_id", 0, "notes", NULL },
	{ &ENT_CASE_GOAL, "person_id", 0, "title,details", NULL },
	{ &ENT_CASE_NOTE, "person_id", 0, "body", NULL },
	{ &ENT_NEEDS_ASSESSMENT, "person_id", 0, "participants,community_needs,resources,ideas",
	  NULL },
	{ &ENT_REFERRAL, "person_id", 0, "reason,answer_note,feedback", NULL },
	{ &ENT_FLAG, "person_id", 0, "reason,lift_reason", NULL },
	{ &ENT_APPOINTMENT, "person_id", 0, "with_whom,place,notes", NULL },
	{ &ENT_ASYLUM_PROCEDURE, "person_id", 0, "file_number", NULL },
	{ &ENT_ASYLUM_STAGE, "person_id", 0, "notes", NULL },
	{ &ENT_DETENTION, "person_id", 0, "place,release_reason,notes", NULL },
	{ &ENT_ASSISTANCE_REQUEST, "person_id", 0,
	  "reason,decision_note,reference,payee_name,payee_account,eligibility_override", NULL },
	{ &ENT_CONSENT, "person_id", 0, "note", NULL },
	{ &ENT_DATA_REQUEST, "person_id", 0, "details", NULL },
	{ &ENT_MERGE, "survivor_id", 0, NULL, "survivor_before,survivor_after,merged_before" },
	{ &ENT_MERGE, "merged_id", 0, NULL, "survivor_before,survivor_after,merged_before" },
	{ &ENT_CASE_CHANGE, "case_id", 1, "reason", NULL },
	{ &ENT_APPROVAL, "case_id", 1, "request_note,decision_note", NULL },
	{ &ENT_CASE_TRANSFER, "case_id", 1, "reason,comment", "snapshot" },
};

int anonymise_may(const struct user *u)
{
	int rc = auth_check(u, PERM_DATA_RIGHTS);
	return rc == DOM_FORBIDDEN ? auth_check(u, PERM_CASES_ASSIGN) : rc;
}

int person_anonymised(struct ctx *c, const char *person_id, int *yes, struct anonymisation *out)
{
	struct anonymisation a;
	int rc = store_get(c->st, &ENT_ANONYMISATION, c->a, "person_id", person_id, out ? out : &a);
	*yes = rc == STORE_OK;
	return rc == STORE_NOTFOUND ? DOM_OK : dom_from_store(rc);
}

/* Sets each of the comma-separated fields of rec that holds text to with.
 * Returns how many changed. */
static int replace(const struct entity *e, void *rec, const char *fields, const char *with)
{
	char name[64];
	int n = 0;
	for (const char *p = fields; p && *p;) {
		size_t len = strcspn(p, ",");
		if (len < sizeof(name)) {
			memcpy(name, p, len);
			name[len] = 0;
			const struct field *f = entity_field(e, name);
			char **v = f ? field_ptr(rec, f) : NULL;
			if (v && *v && **v && strcmp(*v, with) != 0) {
				*v = (char *)with;
				n++;
			}
		}
		p += len + (p[len] == ',');
	}
	return n;
}

/* Scrubs every row of s whose column equals key. */
static int scrub_rows(struct ctx *c, const struct scrub *s, const char *key)
{
	struct store_list l;
	int rc = store_list(c->st, s->e, c->a, s->column, key, s->e->fields[0].name, 0, ROWS_MAX, 0,
			    &l);
	for (size_t i = 0; !rc && i < l.n; i++)
		if (replace(s->e, l.items[i], s->text, ANON_TEXT) +
		    replace(s->e, l.items[i], s->json, "{}"))
			rc = store_update(c->st, s->e, l.items[i]);
	return dom_from_store(rc);
}

/* "YYYY-MM-DD" -> "YYYY-01-01" in c->a; NULL stays NULL. */
static char *year_only(struct ctx *c, const char *date)
{
	return date && strlen(date) >= 4 ? arena_printf(c->a, "%.4s-01-01", date) : NULL;
}

/* The person's own fields: what identifies them goes, what aggregate
 * counts use stays. */
static void scrub_person(struct ctx *c, struct person *p, const char *now)
{
	p->given_names = "Persona";
	p->surname1 = "anonimizada";
	p->surname2 = p->phone = p->email = p->address = p->district = NULL;
	if (p->birth_date) {
		p->birth_date = year_only(c, p->birth_date);
		p->birth_estimated = "1";
	}
	p->arrival_date = year_only(c, p->arrival_date);
	p->updated_at = (char *)now;
}

/* The names of the fields scrub_person changes, for the audit event. */
static const char PERSON_FIELDS[] =
	"given_names,surname1,surname2,phone,email,address,district,birth_date,birth_estimated,"
	"arrival_date";

int person_anonymise(struct ctx *c, const char *person_id, const char *reason, struct errors *errs)
{
	struct person p;
	struct store_list cases;
	char now[32];
	int rc = c->user ? anonymise_may(c->user) : DOM_OK, done;

	if (rc)
		return rc;
	if (!person_id || person_load(c, person_id, &p))
		return DOM_NOTFOUND;
	if (validate_required(errs, "reason", reason))
		validate_chars(errs, "reason", reason, REASON_MAX);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(p.status, "merged") == 0)
		return DOM_CONFLICT; /* anonymise the survivor, which holds the rows */
	if ((rc = person_anonymised(c, p.id, &done, NULL)))
		return rc;
	if (done)
		return DOM_CONFLICT;
	time_now_iso(now);
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	rc = dom_from_store(store_list(c->st, &ENT_CASE, c->a, "person_id", p.id, "id", 0, ROWS_MAX,
				       0, &cases));
	for (size_t i = 0; !rc && i < sizeof(scrubs) / sizeof(scrubs[0]); i++) {
		if (!scrubs[i].by_case)
			rc = scrub_rows(c, &scrubs[i], p.id);
		for (size_t k = 0; !rc && scrubs[i].by_case && k < cases.n; k++)
			rc = scrub_rows(c, &scrubs[i], ((struct case_rec *)cases.items[k])->id);
	}
	scrub_person(c, &p, now);
	struct anonymisation a = { .person_id = p.id,
				   .reason = (char *)reason,
				   .anonymised_by = c->user ? c->user->id : NULL,
				   .anonymised_at = now };
	if (rc || (rc = dom_from_store(store_update(c->st, &ENT_PERSON, &p))) ||
	    (rc = dom_from_store(person_reindex(c, &p))) ||
	    (rc = dom_from_store(store_index_current(c->st))) || /* the old words out */
	    (rc = audit_write(c, &ENT_ANONYMISATION, &a, 1, "anonymise", "person", p.id,
			      PERSON_FIELDS))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	person_match_note(c, p.id, NULL);
	return DOM_OK;
}

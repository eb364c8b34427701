/* person_export.c: the rows of every table about one person. */
#include "domain/person_export.h"

#include <string.h>

#include "base/i18n.h"
#include "domain/audit.h"
#include "domain/data_request.h"
#include "domain/person.h"

/* Far above any real person's rows in one table. */
#define ROWS_MAX 100000

/* Whose rows a section reads: keyed by the person's id, by each of their
 * cases' ids, by their household's id, or by their assistance requests. */
enum of { OF_PERSON, OF_CASES, OF_HOUSEHOLD, OF_REQUESTS };

struct source {
	const char *title;
	const struct entity *e;
	const char *column, *column2; /* column2: a second column with the same key, or NULL */
	enum of of;
};

/* In the export's order; "people" must come first and "cases" before
 * every OF_CASES source, assistance_requests before OF_REQUESTS. */
static const struct source sources[EXPORT_SECTIONS] = {
	{ N_("Personal data"), &ENT_PERSON, "id", NULL, OF_PERSON },
	{ N_("Household"), &ENT_HOUSEHOLD, "id", NULL, OF_HOUSEHOLD },
	{ N_("Documents"), &ENT_DOCUMENT, "person_id", NULL, OF_PERSON },
	{ N_("Legal status history"), &ENT_STATUS_CHANGE, "person_id", NULL, OF_PERSON },
	{ N_("Cases"), &ENT_CASE, "person_id", NULL, OF_PERSON },
	{ N_("Case changes"), &ENT_CASE_CHANGE, "case_id", NULL, OF_CASES },
	{ N_("Services"), &ENT_SERVICE, "person_id", NULL, OF_PERSON },
	{ N_("Assessments"), &ENT_ASSESSMENT, "person_id", NULL, OF_PERSON },
	{ N_("Community needs assessments"), &ENT_NEEDS_ASSESSMENT, "person_id", NULL, OF_PERSON },
	{ N_("Goals"), &ENT_CASE_GOAL, "person_id", NULL, OF_PERSON },
	{ N_("Progress notes"), &ENT_CASE_NOTE, "person_id", NULL, OF_PERSON },
	{ N_("Approvals"), &ENT_APPROVAL, "case_id", NULL, OF_CASES },
	{ N_("Appointments"), &ENT_APPOINTMENT, "person_id", NULL, OF_PERSON },
	{ N_("Referrals"), &ENT_REFERRAL, "person_id", NULL, OF_PERSON },
	{ N_("Case transfers"), &ENT_CASE_TRANSFER, "case_id", NULL, OF_CASES },
	{ N_("Case shares"), &ENT_CASE_SHARE, "case_id", NULL, OF_CASES },
	{ N_("Asylum procedure"), &ENT_ASYLUM_PROCEDURE, "person_id", NULL, OF_PERSON },
	{ N_("Asylum stages"), &ENT_ASYLUM_STAGE, "person_id", NULL, OF_PERSON },
	{ N_("Detentions"), &ENT_DETENTION, "person_id", NULL, OF_PERSON },
	{ N_("Alerts"), &ENT_FLAG, "person_id", NULL, OF_PERSON },
	{ N_("Consents"), &ENT_CONSENT, "person_id", NULL, OF_PERSON },
	{ N_("Merges of records"), &ENT_MERGE, "survivor_id", "merged_id", OF_PERSON },
	{ N_("Possible duplicates"), &ENT_MATCH_PAIR, "person_a", "person_b", OF_PERSON },
	{ N_("Assistance requests"), &ENT_ASSISTANCE_REQUEST, "person_id", NULL, OF_PERSON },
	{ N_("Assistance ledger"), &ENT_ASSISTANCE_LEDGER, "request_id", NULL, OF_REQUESTS },
	{ N_("Data-protection requests"), &ENT_DATA_REQUEST, "person_id", NULL, OF_PERSON },
	{ N_("Anonymisation"), &ENT_ANONYMISATION, "person_id", NULL, OF_PERSON },
	{ N_("Who saw or changed the record"), &ENT_AUDIT, "entity_id", NULL, OF_PERSON },
};

const char *person_export_table(size_t i)
{
	return i < EXPORT_SECTIONS ? sources[i].e->table : NULL;
}

/* Appends the rows of s whose column equals key to *l. */
static int add_rows(struct ctx *c, const struct source *s, const char *column, const char *key,
		    struct store_list *l)
{
	struct store_list got;
	const char *order = s->e->fields[0].name;
	int rc = store_list(c->st, s->e, c->a, column, key, order, 0, ROWS_MAX, 0, &got);
	if (rc)
		return dom_from_store(rc);
	if (!got.n)
		return DOM_OK;
	void **items = arena_alloc(c->a, (l->n + got.n) * sizeof(void *));
	if (l->n)
		memcpy(items, l->items, l->n * sizeof(void *));
	memcpy(items + l->n, got.items, got.n * sizeof(void *));
	l->items = items;
	l->n += got.n;
	l->total = (long long)l->n;
	return DOM_OK;
}

/* The keys a source of kind of reads: the person's id, their case ids,
 * their household's id or their assistance requests' ids. */
static int keys_of(const struct person *p, enum of of, const struct export_section *out,
		   const char **one, const char ***keys, size_t *n)
{
	const struct store_list *from = NULL;
	if (of == OF_PERSON || of == OF_HOUSEHOLD) {
		*one = of == OF_PERSON ? p->id : p->household_id;
		*keys = one;
		*n = *one ? 1 : 0;
		return 0;
	}
	for (size_t i = 0; i < EXPORT_SECTIONS; i++)
		if (out[i].e == (of == OF_CASES ? &ENT_CASE : &ENT_ASSISTANCE_REQUEST))
			from = &out[i].l;
	*keys = (const char **)from->items; /* each record starts with its id */
	*n = from->n;
	return 1;
}

int person_export(struct ctx *c, const char *person_id, const char *format,
		  struct export_section out[EXPORT_SECTIONS])
{
	struct person p;
	int rc = data_request_may(c->user);

	if (rc)
		return rc;
	if (!person_id || person_load(c, person_id, &p))
		return DOM_NOTFOUND;
	if (strcmp(p.status, "merged") == 0)
		return DOM_CONFLICT;
	for (size_t i = 0; i < EXPORT_SECTIONS && !rc; i++) {
		const struct source *s = &sources[i];
		const char **keys, *one;
		size_t n;
		out[i] = (struct export_section){ s->e->table, s->title, s->e, { NULL, 0, 0 } };
		int indirect = keys_of(&p, s->of, out, &one, &keys, &n);
		for (size_t k = 0; k < n && !rc; k++) {
			/* An indirect key is a record whose first field is its id. */
			const char *key = indirect ? *(char *const *)keys[k] : keys[k];
			rc = add_rows(c, s, s->column, key, &out[i].l);
			if (!rc && s->column2)
				rc = add_rows(c, s, s->column2, key, &out[i].l);
		}
	}
	if (rc || (rc = audit_record(c, "export", "person", p.id, format)))
		return rc;
	audit_export_counted(c, p.id);
	return DOM_OK;
}

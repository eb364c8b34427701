/* person.h: the people registry: register, edit, view, search, documents,
 * legal status history. Every call checks permissions and writes the audit
 * log in the same transaction as the change. */
#ifndef AMPARO_PERSON_H
#define AMPARO_PERSON_H

#include "domain/domain.h"

#define SEARCH_MAX_WORDS 8

/* Trims every text field of rec in place (strings must be writable, in
 * the arena) and turns empty ones into NULL. */
void record_clean(struct arena *a, const struct entity *e, void *rec);
/* Sets each field of dst that is not server-set and that changes holds
 * (non-NULL) to a copy, in a, of changes' value: an update's or a
 * re-shown form's values over the stored record. */
void record_apply(struct arena *a, const struct entity *e, void *dst, const void *changes);
/* The names of rec's fields that are set and not server-set,
 * comma-separated (in a), for an audit event: never their values. */
const char *record_set_fields(struct arena *a, const struct entity *e, const void *rec);

/* Checks a complete person; adds one translated message per bad field. */
void person_validate(const struct person *p, struct errors *errs);

/* Registers in. household_id (may be NULL) adds the person to that
 * household with in->relationship. On success *out is the stored person. */
int person_create(struct ctx *c, struct person *in, const char *household_id,
		  struct errors *errs, struct person *out);
/* As person_create; match_confirmed: the user saw a "likely" match
 * (person_match.h) and confirmed this is a different person, which the
 * audit event records as the field name "match_confirmed". */
int person_create_confirmed(struct ctx *c, struct person *in, const char *household_id,
			    int match_confirmed, struct errors *errs, struct person *out);
/* Applies the non-NULL fields of changes ("" clears a field). */
int person_update(struct ctx *c, const char *id, const struct person *changes,
		  struct errors *errs, struct person *out);
/* Reads a person by id or by reference (P-000123); the view is audited. */
int person_get(struct ctx *c, const char *id, struct person *out);
/* Searches names, references and document numbers; empty q lists the
 * newest registrations. */
int person_search(struct ctx *c, const char *q, long limit, long offset, struct store_list *out);
/* Builds the search terms of q into t (at most SEARCH_MAX_WORDS); returns
 * how many. Exposed for tests. */
size_t person_search_terms(struct arena *a, const char *q, struct search_term *t);

int person_documents(struct ctx *c, const char *person_id, struct store_list *out);
int person_add_document(struct ctx *c, const char *person_id, struct document *d,
			struct errors *errs);
int person_status_history(struct ctx *c, const char *person_id, struct store_list *out);

/* Internal to the domain: reads a person by id or reference without
 * checking permissions or auditing a view; masked (person_mask) when
 * c->user has the reduced view. */
int person_load(struct ctx *c, const char *id, struct person *out);
/* Blanks in p what names or locates the person, for the managers' reduced
 * view (auth_reduced): the given names become the reference (P-000123),
 * surnames, contacts, address and needs NULL, the birth date its year. */
void person_mask(struct person *p);
/* Internal to the domain: rewrites p's search words from its names,
 * reference and stored documents, inside the caller's transaction.
 * Returns a store error. */
int person_reindex(struct ctx *c, const struct person *p);

struct bulk;
/* Registers in as person_create does (without a household), in the batch
 * b (see bulk.h): the same checks, rows and audit event. in gets the
 * stored record's fields (strings in c->a). */
int person_bulk_create(struct ctx *c, struct bulk *b, struct person *in, struct errors *errs);
/* Internal to the domain: checks a new person as every registration
 * does: the permission (its result is returned), then in, cleaned in
 * place, adding an error per bad field to errs. */
int person_check_new(struct ctx *c, struct person *in, struct errors *errs);
/* Internal to the domain: person_bulk_create's two halves, so that
 * household_bulk_create can write a household between a head's number and
 * the head's row. _stamp gives a checked p its number, id and server
 * fields, and *fields the names of the fields set, for the audit event;
 * _write writes p's rows and that event. */
int person_bulk_stamp(struct ctx *c, struct bulk *b, struct person *p, const char **fields);
int person_bulk_write(struct ctx *c, struct bulk *b, const struct person *p, const char *fields);

#endif

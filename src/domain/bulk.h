/* bulk.h: registering many new records in a few large transactions (amparo
 * demo; later generators and imports) with every row and audit event the
 * one-at-a-time domain calls write, about twenty times faster: one commit
 * per batch, reference numbers counted in memory, the audit chain's head
 * kept in memory and hashed in C, and rows written through the store's bulk
 * interface (prepared INSERTs on SQLite, COPY on PostgreSQL).
 *
 *   bulk_begin(c, &b);
 *   person_bulk_create(c, b, &p, &errs); household_bulk_create(…); …
 *   rc = bulk_commit(b);   (or bulk_abort(b) after a failure)
 *
 * A batch holds the database's write lock from bulk_begin to its end, so
 * keep batches to tens of thousands of records: other writers wait. Reads
 * inside a batch may not see its records yet (see store_bulk_begin). */
#ifndef AMPARO_BULK_H
#define AMPARO_BULK_H

#include "domain/domain.h"

struct bulk;

/* Starts a batch on c->st: begins a write transaction and reads the audit
 * chain's head. On failure nothing is left open. */
int bulk_begin(struct ctx *c, struct bulk **out);
/* Writes what is buffered, advances each counter by the numbers the batch
 * took, and commits. Frees b, also on failure (then nothing is stored). */
int bulk_commit(struct bulk *b);
/* Rolls the batch back and frees b. */
void bulk_abort(struct bulk *b);
/* Ends batch b after work that returned rc: rolls it back when rc is not
 * DOM_OK, else commits it and adds its rows (bulk_rows) to *rows. Returns
 * rc, or the commit's result. b NULL: returns rc. */
int bulk_end(struct bulk *b, int rc, long long *rows);

/* *one gets 1 when records for table e are best loaded in one batch, not
 * in many: the engine builds the indexes of nearly empty tables once, at
 * the end of a batch (store_bulk_sets_aside), and e is such a table, as in
 * a new database. Generators then trade their usual batches, which let a
 * live server's writers in between, for one that goes two to three times
 * faster, and that locks the tables it fills and those their foreign keys
 * point to (people, users) until its commit: for a new database. */
int bulk_in_one(struct ctx *c, const struct entity *e, int *one);

/* The next number of a counter ("person", "household"): consecutive and
 * without gaps, continuing the stored counter, which bulk_commit advances
 * by as many as were taken. */
int bulk_number(struct ctx *c, struct bulk *b, const char *counter, long long *out);
/* Rows b has written or buffered so far, in every table and the search
 * index: what a batch costs the database. */
long long bulk_rows(const struct bulk *b);
/* The time now as time_now_iso gives it, read once a second at most. */
const char *bulk_now(struct bulk *b);

/* The writes a registration makes, in a batch (b) or, with b NULL,
 * straight to c->st inside the caller's transaction (store_insert,
 * store_person_index, audit_record): the domain calls share one code path
 * for both. Strings need only last until the call returns. A parent
 * record must be inserted before the records that refer to it. */
int bulk_insert(struct ctx *c, struct bulk *b, const struct entity *e, const void *rec);
int bulk_index(struct ctx *c, struct bulk *b, const char *person_id, const char *words);
int bulk_audit(struct ctx *c, struct bulk *b, const char *action, const char *entity,
	       const char *entity_id, const char *fields);

#endif

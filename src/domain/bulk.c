/* bulk.c: batches of registrations in one transaction each (see bulk.h). */
#include "domain/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/timeutil.h"
#include "domain/audit.h"

/* Every table a batch may write, parents before children: the order in
 * which PostgreSQL's COPYs run (see store_bulk_begin). A new generator's
 * tables go here, after the tables they refer to. */
static const struct entity *const tables[] = {
	&ENT_HOUSEHOLD, &ENT_PERSON, &ENT_DOCUMENT, &ENT_STATUS_CHANGE,
	&ENT_ASSISTANCE_REQUEST, &ENT_ASSISTANCE_LEDGER, &ENT_CASE, &ENT_CASE_CHANGE, &ENT_SERVICE,
	&ENT_AUDIT,
};

#define BULK_COUNTERS 8

struct bulk {
	struct store *st;
	struct store_bulk *sb;
	struct audit_chain head; /* the chain's newest event, stored or not */
	struct {
		char name[32];
		long long stored; /* the counter's value when the batch read it */
		long long taken;  /* numbers handed out since */
	} counter[BULK_COUNTERS];
	size_t ncounters;
	long long rows;
	time_t now_t;
	char now[32];
};

int bulk_begin(struct ctx *c, struct bulk **out)
{
	struct bulk *b = calloc(1, sizeof(*b));
	int rc;

	if (!b)
		log_fatal("out of memory");
	b->st = c->st;
	if ((rc = dom_from_store(store_begin(c->st)))) {
		free(b);
		return rc;
	}
	/* Read under the write lock: nobody can append until the commit. */
	if ((rc = dom_from_store(audit_chain_head(c->st, c->a, &b->head))) ||
	    (rc = dom_from_store(store_bulk_begin(c->st, tables, sizeof(tables) / sizeof(tables[0]),
						  &b->sb)))) {
		store_rollback(c->st);
		free(b);
		return rc;
	}
	*out = b;
	return DOM_OK;
}

int bulk_commit(struct bulk *b)
{
	int rc = dom_from_store(store_bulk_flush(b->sb));
	for (size_t i = 0; i < b->ncounters && !rc; i++) {
		long long last;
		if (!b->counter[i].taken)
			continue;
		rc = dom_from_store(store_next_numbers(b->st, b->counter[i].name, b->counter[i].taken,
						       &last));
		if (!rc && last != b->counter[i].stored + b->counter[i].taken) {
			/* Impossible while the batch holds the write lock. */
			log_error("bulk: counter %s moved during the batch", b->counter[i].name);
			rc = DOM_ERROR;
		}
	}
	store_bulk_free(b->sb);
	if (rc)
		store_rollback(b->st);
	else
		rc = dom_from_store(store_commit(b->st));
	free(b);
	return rc;
}

void bulk_abort(struct bulk *b)
{
	store_bulk_free(b->sb);
	store_rollback(b->st);
	free(b);
}

int bulk_end(struct bulk *b, int rc, long long *rows)
{
	if (!b)
		return rc;
	if (rc) {
		bulk_abort(b);
		return rc;
	}
	long long n = bulk_rows(b);
	if (!(rc = bulk_commit(b)))
		*rows += n;
	return rc;
}

int bulk_in_one(struct ctx *c, const struct entity *e, int *one)
{
	long long n = 0;
	*one = 0;
	if (!store_bulk_sets_aside(c->st))
		return DOM_OK;
	int rc = dom_from_store(store_count(c->st, e, NULL, NULL, &n));
	*one = !rc && n < STORE_SET_ASIDE_ROWS;
	return rc;
}

int bulk_number(struct ctx *c, struct bulk *b, const char *counter, long long *out)
{
	size_t i = 0;
	while (i < b->ncounters && strcmp(b->counter[i].name, counter) != 0)
		i++;
	if (i == b->ncounters) {
		struct counter stored;
		if (i == BULK_COUNTERS || strlen(counter) >= sizeof(b->counter[i].name))
			log_fatal("bulk_number: too many counters or too long a name (%s)", counter);
		int rc = store_get(c->st, &ENT_COUNTER, c->a, "name", counter, &stored);
		if (rc && rc != STORE_NOTFOUND)
			return dom_from_store(rc);
		snprintf(b->counter[i].name, sizeof(b->counter[i].name), "%s", counter);
		b->counter[i].stored = rc ? 0 : strtoll(stored.value, NULL, 10);
		b->counter[i].taken = 0;
		b->ncounters++;
	}
	*out = b->counter[i].stored + ++b->counter[i].taken;
	return DOM_OK;
}

long long bulk_rows(const struct bulk *b)
{
	return b->rows;
}

const char *bulk_now(struct bulk *b)
{
	time_t t = time(NULL);
	if (t != b->now_t) {
		b->now_t = t;
		time_now_iso(b->now);
	}
	return b->now;
}

int bulk_insert(struct ctx *c, struct bulk *b, const struct entity *e, const void *rec)
{
	if (!b)
		return dom_from_store(store_insert(c->st, e, rec));
	b->rows++;
	return dom_from_store(store_bulk_add(b->sb, e, rec));
}

int bulk_index(struct ctx *c, struct bulk *b, const char *person_id, const char *words)
{
	if (!b)
		return dom_from_store(store_person_index(c->st, person_id, words));
	b->rows++;
	return dom_from_store(store_bulk_index(b->sb, person_id, words));
}

int bulk_audit(struct ctx *c, struct bulk *b, const char *action, const char *entity,
	       const char *entity_id, const char *fields)
{
	if (!b)
		return audit_record(c, action, entity, entity_id, fields);
	struct audit_event ev = { .at = (char *)bulk_now(b),
				  .user_id = c->user ? c->user->id : NULL,
				  .action = (char *)action,
				  .entity = (char *)entity,
				  .entity_id = (char *)entity_id,
				  .fields = (char *)fields };
	audit_chain_link(c->a, &b->head, &ev);
	b->rows++;
	return dom_from_store(store_bulk_add(b->sb, &ENT_AUDIT, &ev));
}

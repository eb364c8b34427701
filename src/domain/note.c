/* note.c: progress notes on cases, and who may read them. */
#include "domain/note.h"

#include <string.h>

#include "base/crypto.h"
#include "domain/person.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/validate.h"

int note_add(struct ctx *c, const char *case_id, const char *body, struct errors *errs,
	     struct case_note *out)
{
	struct case_rec k;
	char id[37], now[32];
	int rc = case_load_for_work(c, case_id, &k);

	if (rc)
		return rc;
	struct case_note n = { .body = body ? arena_strdup(c->a, body) : NULL };
	record_clean(c->a, &ENT_CASE_NOTE, &n);
	if (validate_required(errs, "body", n.body))
		validate_chars(errs, "body", n.body, NOTE_BODY_MAX);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0)
		return DOM_CONFLICT; /* reopen the case first */
	time_now_iso(now);
	crypto_uuid7(id);
	n.id = id;
	n.case_id = k.id;
	n.person_id = k.person_id;
	n.written_by = c->user->id;
	n.written_at = now;
	/* The event names the field: the note's words never reach the log. */
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_number(c, "case_note", &n.seq)) ||
	    (rc = audit_write(c, &ENT_CASE_NOTE, &n, 1, "add_note", "case", k.id, "body"))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	if (!out)
		return DOM_OK;
	out->restricted = 0;
	return dom_from_store(store_get(c->st, &ENT_CASE_NOTE, c->a, "id", id, out));
}

/* Withholds n's body when u may not read k's notes. */
static void restrict_body(const struct user *u, const struct case_rec *k, struct case_note *n)
{
	n->restricted = !case_may_read_notes(u, k);
	if (n->restricted)
		n->body = NULL;
}

int note_list(struct ctx *c, const struct case_rec *k, long limit, long offset,
	      struct store_list *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc || (rc = dom_list_of_case(c, &ENT_CASE_NOTE, k, "seq", limit, offset, out)))
		return rc;
	for (size_t i = 0; i < out->n; i++)
		restrict_body(c->user, k, out->items[i]);
	return DOM_OK;
}

int note_get(struct ctx *c, const struct case_rec *k, const char *id, struct case_note *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	if ((rc = dom_load_of_case(c, &ENT_CASE_NOTE, k, id, out)))
		return rc;
	restrict_body(c->user, k, out);
	return out->restricted ? DOM_FORBIDDEN : DOM_OK;
}

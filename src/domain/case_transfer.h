/* case_transfer.h: sending a case to another office with the person's
 * consent; the receiving office accepts or rejects it, and the sending
 * office keeps a read-only snapshot of what it sent. See docs/offices.md. */
#ifndef AMPARO_CASE_TRANSFER_H
#define AMPARO_CASE_TRANSFER_H

#include <jansson.h>

#include "domain/domain.h"

/* Sends case case_id (id or reference) to office to_office. reason is
 * required; consent must be 1 (the person agreed: anything else is an
 * error on "consent"); shared is "summary" (NULL: the default),
 * "services" or "all" (docs/offices.md). Needs what changing the case
 * needs (case_may_work). DOM_CONFLICT for a closed case or one that
 * already waits for an answer. Audited as "transfer" on the case. */
int case_transfer_send(struct ctx *c, const char *case_id, const char *to_office,
		       const char *reason, int consent, const char *shared, struct errors *errs,
		       struct case_transfer *out);
/* One transfer, for users of the sending or the receiving office (or
 * PERM_OFFICES_ALL) who may read cases; DOM_NOTFOUND for anyone else. */
int case_transfer_get(struct ctx *c, const char *id, struct case_transfer *out);
/* As case_transfer_get, for showing it: the snapshot holds personal data,
 * so the read is audited as a "view" of the case. */
int case_transfer_read(struct ctx *c, const char *id, struct case_transfer *out);
/* Accepts (accept 1) or rejects transfer id: users of the receiving office
 * who may work on cases, or PERM_OFFICES_ALL. Rejecting needs a comment;
 * accepting takes one (may be NULL). Accepting moves the case to the
 * receiving office (case_move_office); rejecting changes nothing on the
 * case. DOM_CONFLICT when already decided, or when the case was closed
 * or moved since. Audited on the case: "transfer_accept" or
 * "transfer_reject" (field names only). */
int case_transfer_decide(struct ctx *c, const char *id, int accept, const char *comment,
			 struct errors *errs, struct case_transfer *out);
/* Withdraws transfer id while it waits for an answer (the person changed
 * their mind, or it was sent by mistake): users of the sending office who
 * may work on cases, or PERM_OFFICES_ALL. comment may be NULL. Status
 * "cancelled"; nothing changes on the case. DOM_CONFLICT once answered.
 * Audited as "transfer_cancel" on the case. */
int case_transfer_cancel(struct ctx *c, const char *id, const char *comment, struct errors *errs,
			 struct case_transfer *out);
/* True when u may cancel t (whatever its status). */
int case_transfer_may_cancel(const struct user *u, const struct case_transfer *t);
/* Transfers to (box "incoming") or from ("outgoing") the user's offices
 * (every office with PERM_OFFICES_ALL; office narrows that to one),
 * status NULL or "sent", "accepted", "rejected", "cancelled"; newest
 * first. */
int case_transfer_list(struct ctx *c, const char *box, const char *status, const char *office,
		       long limit, long offset, struct errors *errs, struct store_list *out);
/* The transfers of case k (already read through case_load), newest first. */
int case_transfer_of_case(struct ctx *c, const struct case_rec *k, struct store_list *out);
/* t's snapshot as JSON (a new reference): {"case", "person", "services"?}.
 * Service notes, present when t shared "all", are removed for a user who
 * may not read the notes of t's area (case_may_read_notes). */
json_t *case_transfer_snapshot(struct ctx *c, const struct case_transfer *t);
/* True when u may accept or reject t (whatever its status). */
int case_transfer_may_decide(const struct user *u, const struct case_transfer *t);

#endif

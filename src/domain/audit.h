/* audit.h: the append-only, hash-chained audit log. */
#ifndef AMPARO_AUDIT_H
#define AMPARO_AUDIT_H

#include "domain/domain.h"

/* Appends an event for ctx->user inside the caller's transaction (or its
 * own). fields: the names of the fields concerned, comma-separated, never
 * their values (the log must not become a second copy of personal data). */
int audit_record(struct ctx *c, const char *action, const char *entity, const char *entity_id,
		 const char *fields);
/* Checks the whole chain. Returns DOM_OK, or DOM_CONFLICT with the sequence
 * number of the first event whose hash or link is wrong in *bad_seq.
 * *checked gets the number of events read. */
int audit_verify(struct store *st, long long *checked, long long *bad_seq);
/* The newest events about one record, newest first. */
int audit_list_for(struct ctx *c, const char *entity_id, long limit, struct store_list *out);

#endif

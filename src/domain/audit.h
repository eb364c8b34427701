/* audit.h: the append-only, hash-chained audit log. */
#ifndef AMPARO_AUDIT_H
#define AMPARO_AUDIT_H

#include "domain/domain.h"

/* Appends an event for ctx->user inside the caller's transaction (or its
 * own). fields: the names of the fields concerned, comma-separated, never
 * their values (the log must not become a second copy of personal data). */
int audit_record(struct ctx *c, const char *action, const char *entity, const char *entity_id,
		 const char *fields);

/* Inserts rec, a record of e (insert), or updates it, and appends the
 * audit event as audit_record does, in one transaction of its own: both
 * are written or neither. */
int audit_write(struct ctx *c, const struct entity *e, void *rec, int insert, const char *action,
		const char *entity, const char *entity_id, const char *fields);

/* Records that ctx->user read a record ("view"). While a view writer runs
 * (audit_views_start) and the caller is in no transaction, the event is
 * queued and the call returns at once: the writer appends queued events
 * in one transaction per batch, in the order they were queued, so a page
 * view costs no write of its own. Otherwise the event is written as
 * audit_record writes it. Returns DOM_ERROR, and the caller must not show
 * the record, when the event could not be queued within 5 s (the writer is
 * failing and its queue is full): no view goes unrecorded. */
int audit_view(struct ctx *c, const char *entity, const char *entity_id);
/* Records that ctx->user was refused (403, or 404 for a record they may
 * not know exists) request ("GET /cases/:id", the route's method and
 * pattern, never the path as typed) on entity_id (the first path
 * parameter, kept only when it looks like an id or reference; may be
 * NULL): action "denied", entity "request". Queued like a view. */
int audit_denied(struct ctx *c, const char *request, const char *entity_id);
/* Records that ctx->user exported or printed a record ("export", fields
 * saying in what), queued like a view: the bulk access alert counts it
 * as one record read. */
int audit_export(struct ctx *c, const char *entity, const char *entity_id, const char *fields);
/* Counts, for the bulk access alert only, an export of entity_id that the
 * caller recorded itself (audit_record, in its own transaction). Writes
 * nothing; does nothing when no view writer runs. */
void audit_export_counted(struct ctx *c, const char *entity_id);
/* Starts the view writer on its own connection to the database at url. */
int audit_views_start(const char *url);
/* Waits until every view queued before the call is written (at most 5 s:
 * DOM_ERROR after that). Returns DOM_OK at once when no writer runs. */
int audit_views_settle(void);
/* Writes what is queued, then stops the writer and closes its connection.
 * Call it once no request can queue any more. */
void audit_views_stop(void);

/* The end of the chain: the newest event's sequence number and hash (0 and
 * the genesis hash for an empty log). Read it inside the write
 * transaction that appends after it. */
struct audit_chain {
	long long seq;
	char hash[65];
};
int audit_chain_head(struct store *st, struct arena *a, struct audit_chain *h);
/* Makes ev the event after h: sets its sequence number, link and hash
 * (strings in a) and advances h, writing nothing (bulk loads store it
 * their own way, see bulk.h). ev's other fields are the caller's. */
void audit_chain_link(struct arena *a, struct audit_chain *h, struct audit_event *ev);
/* Inserts ev after h: links it (audit_chain_link) and advances h once it
 * is stored. Returns a store error. */
int audit_chain_append(struct store *st, struct arena *a, struct audit_chain *h,
		       struct audit_event *ev);
/* Checks the whole chain. Returns DOM_OK, or DOM_CONFLICT with the sequence
 * number of the first event whose hash or link is wrong in *bad_seq.
 * *checked gets the number of events read. */
int audit_verify(struct store *st, long long *checked, long long *bad_seq);
/* The newest events about one record (and about every record merged
 * into it, see merge.h), newest first; changes: all but the views
 * (which a much-read record has most of). settled: first wait
 * for queued views (audit_views_settle), so the list includes the views
 * made before the call; a page that only shows recent history passes 0
 * and may miss views of the last few milliseconds. */
int audit_list_for(struct ctx *c, const char *entity_id, int changes, long limit, int settled,
		   struct store_list *out);

#endif

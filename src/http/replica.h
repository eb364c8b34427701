/* replica.h: reads that may lag (people search, household lists) go to a
 * streaming replica (`amparo serve --db-read URL`), except a user's whose
 * own latest write the replica has not replayed yet. See docs/replicas.md. */
#ifndef AMPARO_REPLICA_H
#define AMPARO_REPLICA_H

#include "store/store.h"

/* Seconds the replica is left alone after it failed; also the least time
 * between two warnings about it. */
#define REPLICA_RETRY_S 60

/* url: the replica's PostgreSQL URL, or NULL for none. Call before the
 * workers start. */
void replica_init(const char *url);
/* This thread's replica connection (opened on first use) for a read by
 * user_id, or NULL when that read must go to the primary: no replica, it is
 * down, or it has not yet replayed user_id's latest write. */
struct store *replica_for(const char *user_id);
/* After a request of user_id committed a write on primary: remembers the
 * primary's log position, so that user's reads wait for the replica to
 * replay it. */
void replica_wrote(struct store *primary, const char *user_id);
/* A read on this thread's replica connection failed (the request read from
 * the primary instead): drops the connection and leaves the replica alone
 * for REPLICA_RETRY_S seconds. */
void replica_failed(const char *why);
/* Closes every thread's replica connection, once the workers have stopped. */
void replica_shutdown(void);

#endif

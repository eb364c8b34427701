/* bulk_pipe.h: a bulk load's writes on a thread of their own (internal to
 * src/store/). store_bulk_add copies each record into a chunk and goes on;
 * a writer thread hands the chunks' records, in order, to the engine's
 * bulk_add and bulk_index. The caller meanwhile makes the next records
 * (generating, validating, sealing, hashing the audit chain, or reading
 * them from another database): two cores instead of one.
 *
 * The load's connection is used by one thread at a time: by the writer
 * while records are in the pipe, by the caller once bulk_pipe_wait has
 * returned. store.c waits so before every other call on the store (see
 * store_eng there), so a read in the middle of a load sees what was added.
 * The engines' bulk functions must not call back into store.c: they run
 * on the writer thread, beside the caller's use of the store's state. */
#ifndef AMPARO_BULK_PIPE_H
#define AMPARO_BULK_PIPE_H

#include "store/store.h"

struct bulk_pipe;

/* A pipe for load b. Its writer thread starts once a chunk (1 MiB) of
 * records has been added: a smaller load is written by bulk_pipe_wait,
 * on the caller's thread, as is everything when no thread can start. */
struct bulk_pipe *bulk_pipe_start(struct store_bulk *b);
/* Copy the record (of b->tables[table]) or the index entry into the pipe.
 * The result is the first failure of an earlier record, if any: a failed
 * write shows at a later add, or at bulk_pipe_wait. */
int bulk_pipe_add(struct bulk_pipe *p, size_t table, const void *rec);
int bulk_pipe_index(struct bulk_pipe *p, const char *person_id, const char *words);
/* Returns once everything added has been written (at once when called by
 * the writer thread itself), with the first failure or STORE_OK. */
int bulk_pipe_wait(struct bulk_pipe *p);
/* Drops what has not been written yet, and waits for the writer to be
 * idle; every later add and wait fails (the transaction is being rolled
 * back). */
void bulk_pipe_discard(struct bulk_pipe *p);
/* Stops the writer; what it had not written yet is discarded. NULL: no-op. */
void bulk_pipe_stop(struct bulk_pipe *p);

#endif

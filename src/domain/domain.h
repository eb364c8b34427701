/* domain.h: what every domain function shares: the caller's context, result
 * codes, and field-level validation errors. */
#ifndef AMPARO_DOMAIN_H
#define AMPARO_DOMAIN_H

#include <pthread.h>

#include "base/arena.h"
#include "store/model.h"
#include "store/store.h"

/* Result of a domain call; each maps to one HTTP status and CLI exit. */
enum dom_rc {
	DOM_OK = 0,
	DOM_INVALID,   /* bad input: see the struct errors */
	DOM_UNAUTH,    /* no or bad credentials */
	DOM_FORBIDDEN, /* the user may not */
	DOM_NOTFOUND,  /* absent, or the user may not know it exists */
	DOM_CONFLICT,  /* the state does not allow it, or a unique key is taken */
	DOM_THROTTLED, /* too many attempts: wait */
	DOM_BUSY,      /* the database is busy: try again */
	DOM_ERROR,     /* a fault on our side; logged */
};

/* Who asks, through which connection, with which request arena. user is
 * NULL only for the CLI's system actions and for login itself. */
struct ctx {
	struct store *st;
	/* A streaming replica for reads that may lag behind the latest writes
	 * (people search, household lists); NULL: read them from st too. The
	 * caller sets it only when the replica has replayed this user's own
	 * writes. Never written to. */
	struct store *read;
	int read_failed; /* a read on read failed and was done on st instead */
	struct arena *a;
	const struct user *user;
	const char *remote; /* client address, for throttling and the audit log */
};

#define ERRORS_MAX 32

struct field_error {
	const char *field;   /* the form field / JSON key it belongs to */
	const char *message; /* already translated; says what to do */
};

struct errors {
	struct field_error e[ERRORS_MAX];
	int n;
};

void errors_add(struct errors *errs, const char *field, const char *message);
/* The message for field, or NULL. */
const char *errors_for(const struct errors *errs, const char *field);

/* The store for a read that may lag: c->read while it works, else c->st. */
struct store *dom_reader(struct ctx *c);
/* After a read on dom_reader(c) failed with rc: when that was the replica,
 * notes it (c->read_failed) and answers 1: the caller reads from c->st. */
int dom_read_again(struct ctx *c, struct store *used, int rc);

/* Reads the record of e (strings in c->a) whose id is id, or whose
 * reference is id when id starts with letter and a dash ("P-000123"; the
 * letter in either case). DOM_NOTFOUND for a NULL id or no such record. */
int dom_load_ref(struct ctx *c, const struct entity *e, char letter, const char *id, void *out);

/* Reads the record of e (strings in c->a) whose id is id and whose
 * case_id is k's: DOM_NOTFOUND for a NULL id, no such record, or another
 * case's. The caller checks permissions. */
int dom_load_of_case(struct ctx *c, const struct entity *e, const struct case_rec *k,
		     const char *id, void *out);

/* The records of e whose case_id is k's, newest first by order (a field
 * of e), page [offset, offset + limit); out->total counts them all. The
 * caller checks permissions. */
int dom_list_of_case(struct ctx *c, const struct entity *e, const struct case_rec *k,
		     const char *order, long limit, long offset, struct store_list *out);

/* The next value of the named counter (store_next_number) as text in
 * c->a, inside the caller's transaction: a record's seq. */
int dom_number(struct ctx *c, const char *counter, char **out);

/* Maps a store result to a domain result. */
int dom_from_store(int store_rc);

/* Starts fn in a background thread that works on its own connection to
 * the database at url (*st); what names the worker in the log. On failure
 * nothing is left open and DOM_ERROR is returned. */
int dom_worker_start(const char *url, const char *what, struct store **st, pthread_t *thread,
		     void *(*fn)(void *));
/* Stops such a worker: sets *stop under mu, wakes cv, waits for the
 * thread and closes its connection (*st becomes NULL). */
void dom_worker_stop(pthread_mutex_t *mu, pthread_cond_t *cv, int *stop, pthread_t thread,
		     struct store **st);
/* A stable, English, machine-readable code for an API error body. */
const char *dom_code(int rc);
/* A translated sentence for a user. */
const char *dom_message(int rc);

#endif

/* replica.c: the read replica of `amparo serve --db-read`: one connection
 * per worker thread (opened on first use, closed at shutdown), a pause
 * after a failure, and read-your-own-writes by log position.
 *
 * After a request commits a write, the server notes the primary's log
 * position for that user. Before one of that user's reads goes to the
 * replica, the replica's replayed position is asked for (one cheap query)
 * and the read goes to the primary unless the replica has passed it.
 * Users without a pending write cost nothing. The table lives in this
 * process: several app servers need sticky sessions (see docs/replicas.md). */
#include "http/replica.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/timeutil.h"

#define THREADS_MAX 256
#define RETRY_US ((int64_t)REPLICA_RETRY_S * 1000000)
#define UNKNOWN ULLONG_MAX /* a write whose position could not be read */

static const char *url;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Guarded by lock: */
static struct store *conns[THREADS_MAX]; /* each thread's connection, for the shutdown */
static int nslots;
static int paused;           /* the replica failed: leave it alone until paused_until */
static int64_t paused_until; /* time_mono_us */
static unsigned generation;  /* bumped on each failure: older connections are dropped */
static int64_t warned_at;    /* the last warning, 0 for none */
/* Users whose latest write the replica may not have replayed yet, with
 * the primary's position just after it. Pruned whenever the replica's
 * position is read, so it holds only the last moments' writers. */
static struct pending {
	char *user;
	unsigned long long pos;
} *pending;
static size_t npending, pending_cap;

/* This thread's connection, the generation it was opened in, its slot. */
static _Thread_local struct store *mine;
static _Thread_local unsigned mine_gen;
static _Thread_local int my_slot = -1; /* -2: no slot left, no replica */

void replica_init(const char *u)
{
	url = u && *u ? u : NULL;
}

static void drop_mine(void)
{
	if (!mine)
		return;
	pthread_mutex_lock(&lock);
	if (my_slot >= 0)
		conns[my_slot] = NULL;
	pthread_mutex_unlock(&lock);
	store_close(mine);
	mine = NULL;
}

void replica_failed(const char *why)
{
	int64_t now = time_mono_us();
	int warn;

	drop_mine();
	pthread_mutex_lock(&lock);
	paused = 1;
	paused_until = now + RETRY_US;
	generation++;
	warn = !warned_at || now - warned_at >= RETRY_US;
	if (warn)
		warned_at = now;
	pthread_mutex_unlock(&lock);
	if (warn)
		log_warn("read replica: %s; reads go to the primary, the replica is tried again in %d s",
			 why, REPLICA_RETRY_S);
}

/* This thread's connection, or NULL while the replica is paused. */
static struct store *connection(void)
{
	int64_t now = time_mono_us();
	int probe = 0;
	unsigned gen;

	pthread_mutex_lock(&lock);
	if (paused) {
		if (now < paused_until) {
			pthread_mutex_unlock(&lock);
			return NULL;
		}
		/* The pause is over: this thread tries the replica; the others
		 * keep to the primary until it has. */
		paused_until = now + RETRY_US;
		probe = 1;
	}
	gen = generation;
	pthread_mutex_unlock(&lock);

	if (mine && mine_gen != gen)
		drop_mine(); /* opened before a failure: may be broken */
	if (!mine) {
		char err[256];
		struct store *s;
		if (my_slot == -2)
			return NULL;
		if (store_open(url, &s, err, sizeof(err))) {
			replica_failed("cannot connect");
			return NULL;
		}
		pthread_mutex_lock(&lock);
		if (my_slot == -1)
			my_slot = nslots < THREADS_MAX ? nslots++ : -2;
		if (my_slot >= 0)
			conns[my_slot] = s;
		pthread_mutex_unlock(&lock);
		if (my_slot < 0) {
			store_close(s);
			return NULL;
		}
		mine = s;
		mine_gen = gen;
	}
	if (probe) {
		pthread_mutex_lock(&lock);
		paused = 0;
		pthread_mutex_unlock(&lock);
		log_info("read replica: connected again; reads that may lag go to it");
	}
	return mine;
}

/* Under lock. */
static struct pending *find(const char *user)
{
	for (size_t i = 0; i < npending; i++)
		if (strcmp(pending[i].user, user) == 0)
			return &pending[i];
	return NULL;
}

/* Under lock: forgets the writes the replica has replayed. */
static void prune(unsigned long long replayed)
{
	for (size_t i = 0; i < npending;) {
		if (pending[i].pos <= replayed) {
			free(pending[i].user);
			pending[i] = pending[--npending];
		} else {
			i++;
		}
	}
}

struct store *replica_for(const char *user_id)
{
	struct store *r;
	struct pending *p;
	unsigned long long need = 0;
	char pos[STORE_POSITION_MAX];

	if (!url || !user_id || !(r = connection()))
		return NULL;
	pthread_mutex_lock(&lock);
	if ((p = find(user_id)))
		need = p->pos;
	pthread_mutex_unlock(&lock);
	if (!need)
		return r;
	if (store_position(r, pos) != STORE_OK) {
		replica_failed("cannot read its log position");
		return NULL;
	}
	unsigned long long replayed = store_position_value(pos);
	pthread_mutex_lock(&lock);
	prune(replayed);
	pthread_mutex_unlock(&lock);
	return replayed >= need ? r : NULL;
}

void replica_wrote(struct store *primary, const char *user_id)
{
	char pos[STORE_POSITION_MAX];
	unsigned long long at = 0;
	struct pending *p;

	if (!url || !user_id)
		return;
	/* Twice: a connection lost after the commit is reset by the first try. */
	for (int i = 0; i < 2 && !at; i++)
		if (store_position(primary, pos) == STORE_OK)
			at = store_position_value(pos);
	if (!at) {
		log_warn("read replica: cannot read the primary's log position after a write; that "
			 "user reads from the primary until their next write");
		at = UNKNOWN;
	}
	pthread_mutex_lock(&lock);
	if ((p = find(user_id))) {
		/* A later write is further on, and it settles an unknown one. */
		if (p->pos == UNKNOWN || at > p->pos)
			p->pos = at;
	} else {
		if (npending == pending_cap) {
			pending_cap = pending_cap ? pending_cap * 2 : 64;
			pending = realloc(pending, pending_cap * sizeof(*pending));
			if (!pending)
				log_fatal("out of memory");
		}
		char *u = strdup(user_id);
		if (!u)
			log_fatal("out of memory");
		pending[npending++] = (struct pending){ u, at };
	}
	pthread_mutex_unlock(&lock);
}

void replica_shutdown(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nslots; i++) {
		store_close(conns[i]);
		conns[i] = NULL;
	}
	for (size_t i = 0; i < npending; i++)
		free(pending[i].user);
	free(pending);
	pending = NULL;
	npending = pending_cap = 0;
	pthread_mutex_unlock(&lock);
	mine = NULL;
}

/* audit_views.c: the view writer. Reading a record is audited like
 * changing it, but a page view should not wait for a commit of its own:
 * the writer thread appends the views queued meanwhile in one transaction,
 * so a hundred views cost one commit (and one fsync) instead of a hundred,
 * and readers no longer queue behind the single SQLite writer. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/timeutil.h"
#include "domain/access_alert.h"
#include "domain/audit.h"

/* Room for this many queued views: at 20,000 views a second, a writer
 * stalled for 0.2 s. Beyond it callers wait (up to WAIT_SECONDS). */
#define QUEUE_MAX 4096
#define WAIT_SECONDS 5
/* Views appended in one transaction at most: the write lock is held while
 * they are, and registrations wait for it (512 take a few milliseconds). */
#define BATCH_MAX 512
/* How long the writer lets views gather before it writes them, unless a
 * batch is full or someone waits for them (audit_views_settle). Every
 * commit costs a disk flush, and on SQLite it also empties the page cache
 * of every other connection, so a commit per view under load slowed each
 * page by about a third. A crash loses at most the views of this window
 * (and of the batch being written), as it always lost the queue. */
#define LINGER_MS 20

/* A queued event: a view, an export, or a denied request (audit_denied);
 * an empty action is only counted by the alert (audit_export_counted). */
struct view {
	char at[32], user_id[40], entity[24], entity_id[40], action[8], fields[96];
};

static struct {
	pthread_mutex_t mu;
	pthread_cond_t wake;  /* to the writer: views queued, or stop */
	pthread_cond_t moved; /* from the writer: a batch written (room made) */
	struct view q[QUEUE_MAX], batch[BATCH_MAX];
	size_t n; /* queued and not yet written; the writer removes from the front */
	unsigned long long queued, written; /* ever, to tell a caller when its view is in */
	int running, stop;
	int settling; /* callers in audit_views_settle: write now */
	struct store *st;
	pthread_t thread;
} w = { .mu = PTHREAD_MUTEX_INITIALIZER,
	.wake = PTHREAD_COND_INITIALIZER,
	.moved = PTHREAD_COND_INITIALIZER };

static void deadline(struct timespec *t, long ms)
{
	clock_gettime(CLOCK_REALTIME, t);
	t->tv_sec += ms / 1000;
	t->tv_nsec += ms % 1000 * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* Appends n views after the chain's end, in one transaction. */
static int write_batch(const struct view *v, size_t n)
{
	struct arena *a = arena_new();
	struct audit_chain h;
	int rc = store_begin(w.st);
	if (!rc && !(rc = audit_chain_head(w.st, a, &h))) {
		for (size_t i = 0; i < n && !rc; i++) {
			if (!v[i].action[0])
				continue;
			struct audit_event ev = { .at = (char *)v[i].at,
						  .user_id = v[i].user_id[0] ? (char *)v[i].user_id : NULL,
						  .action = (char *)v[i].action,
						  .entity = (char *)v[i].entity,
						  .entity_id = (char *)v[i].entity_id,
						  .fields = v[i].fields[0] ? (char *)v[i].fields : NULL };
			rc = audit_chain_append(w.st, a, &h, &ev);
		}
	}
	if (!rc)
		rc = store_commit(w.st);
	else if (w.st->depth)
		store_rollback(w.st);
	arena_free(a);
	return rc;
}

static void *writer(void *arg)
{
	int failures = 0;
	(void)arg;
	pthread_mutex_lock(&w.mu);
	for (;;) {
		while (!w.n && !w.stop)
			pthread_cond_wait(&w.wake, &w.mu);
		if (!w.n)
			break;
		struct timespec until;
		deadline(&until, LINGER_MS);
		while (w.n < BATCH_MAX && !w.stop && !w.settling &&
		       pthread_cond_timedwait(&w.wake, &w.mu, &until) != ETIMEDOUT)
			;
		/* Only this thread removes from the front, so the copied views
		 * stay put while callers append behind them. */
		size_t n = w.n < BATCH_MAX ? w.n : BATCH_MAX;
		memcpy(w.batch, w.q, n * sizeof(w.q[0]));
		pthread_mutex_unlock(&w.mu);
		int rc = write_batch(w.batch, n);
		/* The bulk access alert counts what is now in the log: views
		 * and exports. */
		for (size_t i = 0; !rc && i < n; i++)
			if (strcmp(w.batch[i].action, "denied") != 0)
				access_alert_view(w.st, w.batch[i].user_id, w.batch[i].entity_id,
						  w.batch[i].at);
		pthread_mutex_lock(&w.mu);
		if (rc) {
			/* Keep them and try again: a view is never dropped while
			 * the writer runs. Give up only when told to stop. */
			if (++failures == 1 || failures % 100 == 0)
				log_error("audit: %zu view events not written yet (attempt %d); retrying",
					  n, failures);
			if (w.stop && failures >= 50) {
				log_error("audit: stopping with %zu view events unwritten", w.n);
				break;
			}
			pthread_mutex_unlock(&w.mu);
			struct timespec pause = { 0, 100 * 1000 * 1000 };
			nanosleep(&pause, NULL);
			pthread_mutex_lock(&w.mu);
			continue;
		}
		failures = 0;
		memmove(w.q, w.q + n, (w.n - n) * sizeof(w.q[0]));
		w.n -= n;
		w.written += n;
		pthread_cond_broadcast(&w.moved);
	}
	pthread_mutex_unlock(&w.mu);
	return NULL;
}

int audit_views_start(const char *url)
{
	if (w.running)
		return DOM_ERROR; /* one writer per process */
	w.n = 0;
	w.queued = w.written = 0;
	w.stop = 0;
	access_alert_reset();
	if (dom_worker_start(url, "audit: the view writer", &w.st, &w.thread, writer))
		return DOM_ERROR;
	w.running = 1;
	return DOM_OK;
}

void audit_views_stop(void)
{
	if (!w.running)
		return;
	pthread_mutex_lock(&w.mu);
	w.stop = 1;
	pthread_cond_signal(&w.wake);
	pthread_mutex_unlock(&w.mu);
	pthread_join(w.thread, NULL);
	pthread_mutex_lock(&w.mu);
	w.running = 0;
	pthread_cond_broadcast(&w.moved); /* anyone still settling gives up */
	pthread_mutex_unlock(&w.mu);
	store_close(w.st);
	w.st = NULL;
}

/* Queues action (a view or a denial) as audit_view describes. */
static int enqueue(struct ctx *c, const char *action, const char *entity, const char *entity_id,
		   const char *fields)
{
	struct timespec until;
	const char *user = c->user && c->user->id ? c->user->id : "";

	/* Inside a transaction the view belongs to it; and a writer that is
	 * not running cannot take it. What is only counted is then dropped. */
	if (!*action && (c->st->depth > 0 || !w.running))
		return DOM_OK;
	if (c->st->depth > 0 || strlen(user) >= sizeof(w.q[0].user_id) ||
	    strlen(entity) >= sizeof(w.q[0].entity) || strlen(entity_id) >= sizeof(w.q[0].entity_id) ||
	    (fields && strlen(fields) >= sizeof(w.q[0].fields)))
		return audit_record(c, action, entity, entity_id, fields);
	deadline(&until, WAIT_SECONDS * 1000L);
	pthread_mutex_lock(&w.mu);
	while (w.n == QUEUE_MAX && w.running) {
		if (pthread_cond_timedwait(&w.moved, &w.mu, &until) == ETIMEDOUT) {
			pthread_mutex_unlock(&w.mu);
			log_error("audit: the view queue stayed full for %d s", WAIT_SECONDS);
			return DOM_ERROR;
		}
	}
	if (!w.running) {
		pthread_mutex_unlock(&w.mu);
		return *action ? audit_record(c, action, entity, entity_id, fields) : DOM_OK;
	}
	struct view *v = &w.q[w.n++];
	time_now_iso(v->at);
	snprintf(v->user_id, sizeof(v->user_id), "%s", user);
	snprintf(v->entity, sizeof(v->entity), "%s", entity);
	snprintf(v->entity_id, sizeof(v->entity_id), "%s", entity_id);
	snprintf(v->action, sizeof(v->action), "%s", action);
	snprintf(v->fields, sizeof(v->fields), "%s", fields ? fields : "");
	w.queued++;
	/* The writer waits for a first view, or lingers for a full batch. */
	if (w.n == 1 || w.n == BATCH_MAX)
		pthread_cond_signal(&w.wake);
	pthread_mutex_unlock(&w.mu);
	return DOM_OK;
}

int audit_view(struct ctx *c, const char *entity, const char *entity_id)
{
	return enqueue(c, "view", entity, entity_id, NULL);
}

int audit_export(struct ctx *c, const char *entity, const char *entity_id, const char *fields)
{
	return enqueue(c, "export", entity, entity_id, fields);
}

void audit_export_counted(struct ctx *c, const char *entity_id)
{
	(void)enqueue(c, "", "person", entity_id, NULL);
}

int audit_denied(struct ctx *c, const char *request, const char *entity_id)
{
	/* An identifier no longer than a UUID or reference; anything else
	 * (a malformed one) is not kept, so no typed text reaches the log. */
	const char *id = entity_id && strlen(entity_id) < sizeof(w.q[0].entity_id) &&
				 strspn(entity_id, "0123456789abcdefABCDEF-CHPR") == strlen(entity_id)
			 ? entity_id
			 : "";
	return enqueue(c, "denied", "request", id, request);
}

int audit_views_settle(void)
{
	struct timespec until;
	int rc = DOM_OK;

	deadline(&until, WAIT_SECONDS * 1000L);
	pthread_mutex_lock(&w.mu);
	unsigned long long mine = w.queued;
	w.settling++;
	pthread_cond_signal(&w.wake);
	while (w.running && w.written < mine) {
		if (pthread_cond_timedwait(&w.moved, &w.mu, &until) == ETIMEDOUT) {
			rc = DOM_ERROR;
			break;
		}
	}
	w.settling--;
	pthread_mutex_unlock(&w.mu);
	return rc;
}

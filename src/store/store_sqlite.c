/* store_sqlite.c: the SQLite engine (WAL, synchronous=FULL, foreign keys,
 * busy timeout). One connection per struct store; callers keep one per
 * thread. Statements are prepared once per connection and cached. Write
 * transactions of one file within a process share a connection and are
 * committed in groups (see struct file_writer). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/norm.h"
#include "base/timeutil.h"
#include "store/search.h"
#include "store/sql.h"
#include "store/store.h"

#define CACHE_SLOTS 128

struct file_writer;

struct sqlite_store {
	struct store base; /* first: a struct store * is a struct sqlite_store * */
	sqlite3 *db;
	struct file_writer *fw; /* this file's writers, see file_writer_get; NULL: none */
	int holds_writer;       /* this store's transaction runs on fw->conn now */
	int awaiting;           /* defer_durable: batch `awaited` is not known durable */
	unsigned long awaited;
	int failed;             /* defer_durable: an earlier batch of this store failed */
	struct {
		char *sql;
		sqlite3_stmt *stmt;
	} cache[CACHE_SLOTS];
};

/* Group commit. With synchronous=FULL every COMMIT waits for the disk, and
 * SQLite has one writer at a time: committed one by one, writes queue
 * behind each other's fsync. So the writers of one file in this process
 * take turns on fw->mu and run their transactions, each as a SAVEPOINT, on
 * one shared connection inside one BEGIN IMMEDIATE; a writer that finishes
 * while others are queued leaves the COMMIT to the last of them and waits
 * for it. Every writer gets the batch's outcome: if the COMMIT fails, every
 * transaction in it fails.
 *
 * The shared connection runs with synchronous=NORMAL: its COMMIT appends
 * the batch to the WAL without waiting for the disk, and the next batch
 * may start at once. The wait happens after mu is released (wait_durable):
 * one writer at a time flushes the WAL file (fdatasync), which makes every
 * batch committed before it durable, and each writer returns only once its
 * own batch is. So no writer is told its data is saved before it is on
 * disk, as with FULL, but the flush no longer holds every other writer
 * back. The WAL is written in order, so a batch is never on disk without
 * the ones before it. What changes: for the flush's millisecond, readers
 * may see a batch that a power cut would still undo (with the writes that
 * were not yet acknowledged either). A failed flush fails every write from
 * then on: the kernel may have dropped the pages, so nothing later can be
 * promised (restart the server; SQLite recovers the WAL). Other processes
 * (the CLI beside a server) meet SQLite's busy timeout and FULL as before.
 *
 * A store with defer_durable (the server's) does not wait, and does not
 * commit either: its transaction is released into the open batch, which
 * stays open for the writers that come next, and store_when_durable hands
 * the rest to the file's flusher thread. The flusher COMMITs the batch
 * (once it has waiters in it, and the writers queued for the mutex have
 * joined it), flushes the WAL, and calls each waiter back
 * with its batch's outcome once it is on disk. The server's thread serves
 * other connections meanwhile, and answers the request only then. Batches
 * so grow with the load, not with the number of threads: what arrives
 * while the flusher flushes goes into one COMMIT, whose pages (the tails
 * of the tables and indexes) are written to the WAL once for all. The
 * search index takes its entries later, many batches' at a time (see
 * drain). A deferred store that reads before its batch
 * is committed commits it first (S), so it reads its own writes. */
#define BATCH_MAX 64   /* transactions in one commit */
#define FAILURES 64    /* failed batches remembered (batch_result) */
#define COMMIT_WAIT_US 300 /* the flusher lets queued writers in first (flusher) */
#define DRAIN_AT 128   /* entries queued before a batch moves them into the index */
#define BUSY_MS 5000   /* a writer waits this long for the lock, then fails */
#define DRAIN_WAIT_MS 250 /* a search waits this long to drain, then reads without */
struct file_writer {
	pthread_mutex_t mu;       /* held by the writer whose transaction runs */
	pthread_cond_t committed; /* a batch ended */
	char *path;
	int users;                 /* stores open on the file; 0: the slot is free */
	struct sqlite_store *conn; /* where every writer's transaction runs */
	atomic_int waiting;        /* writers queued for mu */
	int open;                  /* conn is inside BEGIN IMMEDIATE */
	int jobs;                  /* transactions released into the open batch */
	int held;                  /* writers without defer_durable waiting for it to end */
	int queued;                /* search entries queued since the last drain */
	atomic_ulong batch;        /* batches ended so far; wait_durable reads it without mu */

	pthread_mutex_t sync_mu;  /* guards the fields below */
	pthread_cond_t synced;    /* a flush ended */
	int wal_fd;               /* the WAL file */
	int flushing;             /* a writer is in fdatasync */
	atomic_int broken;        /* a flush failed: no write is durable any more */
	unsigned long durable;    /* batches 0 .. durable - 1 are on disk */
	unsigned long failures[FAILURES]; /* the latest batches whose COMMIT failed */
	unsigned long nfailures;  /* ever: failures[n % FAILURES] is the n-th */
	struct durable_waiter *waiters; /* store_when_durable's, for the flusher */
	pthread_cond_t wake;      /* a waiter came, or the flusher must stop */
	pthread_t flusher;
	int flusher_on;           /* the thread runs */
	int stopping;             /* the last store closed: the flusher ends */
};

struct durable_waiter {
	unsigned long batch; /* done once batches up to this one are on disk */
	int failed;          /* an earlier batch of the store failed */
	void (*done)(void *arg, int rc);
	void *arg;
	struct durable_waiter *next;
};

static void settle(struct file_writer *fw, unsigned long b);
/* The file whose writer lock this thread holds for a transaction. */
static _Thread_local struct file_writer *holding;
static void end_batch(struct file_writer *fw, int rc);
static int drain_batch(struct file_writer *fw);

/* The connection st's statements run on: the shared writer connection
 * while st is in a write transaction, its own otherwise; a batch that
 * holds st's last write is committed first, so st sees it. */
static struct sqlite_store *S(struct store *st)
{
	struct sqlite_store *s = (struct sqlite_store *)st;
	if (s->holds_writer)
		return s->fw->conn;
	if (s->awaiting && atomic_load(&s->fw->batch) <= s->awaited)
		settle(s->fw, s->awaited);
	return s;
}

static struct sqlite_store *SELF(struct store *st)
{
	return (struct sqlite_store *)st;
}

static int map_rc(struct sqlite_store *s, int rc, const char *what)
{
	switch (rc) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return STORE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		log_warn("sqlite busy: %s", what);
		return STORE_BUSY;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return STORE_CONFLICT;
	default:
		log_error("sqlite: %s: %s", what, sqlite3_errmsg(s->db));
		return STORE_ERROR;
	}
}

/* The statement cache: open addressing over CACHE_SLOTS, each entry
 * under a key, which is the SQL text itself (prepare) or a short
 * description of a generated query (struct stmt_key), so that a query
 * seen before is found without writing out its SQL again. */
static unsigned key_hash(const char *key)
{
	unsigned h = 5381;
	for (const char *p = key; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return h;
}

/* The cached statement under key, reset and without bindings; NULL when
 * not cached. *slot gets where it is or may go (UINT_MAX: cache full). */
static sqlite3_stmt *cache_find(struct sqlite_store *s, const char *key, unsigned *slot)
{
	unsigned h = key_hash(key);
	*slot = UINT_MAX;
	for (unsigned i = 0; i < CACHE_SLOTS; i++) {
		unsigned k = (h + i) % CACHE_SLOTS;
		if (!s->cache[k].sql) {
			*slot = k;
			return NULL;
		}
		if (strcmp(s->cache[k].sql, key) == 0) {
			sqlite3_reset(s->cache[k].stmt);
			sqlite3_clear_bindings(s->cache[k].stmt);
			*slot = k;
			return s->cache[k].stmt;
		}
	}
	return NULL;
}

/* Prepares sql and caches it under key at slot (from cache_find); a full
 * cache evicts the entry in key's home slot. No caller holds a statement
 * while preparing another, so the evicted one is idle. */
static sqlite3_stmt *cache_add(struct sqlite_store *s, const char *key, unsigned slot,
			       const char *sql)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)) {
		log_error("sqlite prepare: %s: %s", sqlite3_errmsg(s->db), sql);
		return NULL;
	}
	if (slot == UINT_MAX) {
		slot = key_hash(key) % CACHE_SLOTS;
		sqlite3_finalize(s->cache[slot].stmt);
		free(s->cache[slot].sql);
	}
	s->cache[slot].sql = strdup(key);
	s->cache[slot].stmt = stmt;
	return stmt;
}

/* Returns a reset statement for sql, from the cache when it was seen. sql
 * is copied into the cache. */
static sqlite3_stmt *prepare(struct sqlite_store *s, const char *sql)
{
	unsigned slot;
	sqlite3_stmt *stmt = cache_find(s, sql, &slot);
	return stmt ? stmt : cache_add(s, sql, slot, sql);
}

/* The key of a generated query: what decides its SQL (the kind of query,
 * the table, the columns filtered and their operators, the order), never
 * the values bound to it. It starts with a byte no SQL text starts with. */
struct stmt_key {
	char s[256];
	size_t n;
	int too_long;
};

static void key_add(struct stmt_key *k, const char *part)
{
	size_t n = strlen(part);
	if (k->n + n + 2 > sizeof(k->s)) {
		k->too_long = 1;
		return;
	}
	memcpy(k->s + k->n, part, n);
	k->n += n;
	k->s[k->n++] = '|';
	k->s[k->n] = 0;
}

static void key_start(struct stmt_key *k, const char *kind, const struct entity *e,
		      const struct store_filter *f, size_t nf)
{
	k->s[0] = '\x01';
	k->n = 1;
	k->too_long = 0;
	key_add(k, kind);
	key_add(k, e->table);
	for (size_t i = 0; i < nf; i++)
		key_add(k, f[i].key);
}

/* The statement for key k, or for the SQL that build writes when it is not
 * cached yet (or k is too long to be a key). */
static sqlite3_stmt *prepare_keyed(struct sqlite_store *s, const struct stmt_key *k,
				   void (*build)(struct buf *, const void *), const void *arg)
{
	unsigned slot = UINT_MAX;
	sqlite3_stmt *stmt = k->too_long ? NULL : cache_find(s, k->s, &slot);
	if (stmt)
		return stmt;
	struct buf sql;
	buf_init(&sql, 0);
	build(&sql, arg);
	stmt = k->too_long ? prepare(s, sql.p) : cache_add(s, k->s, slot, sql.p);
	buf_free(&sql);
	return stmt;
}

static int open_conn(const char *url, struct sqlite_store **out);
static void close_conn(struct sqlite_store *s);
static int run(struct sqlite_store *s, const char *sql);

/* amparo_phonetic(word): norm_phonetic for SQL, so a migration can compare
 * words with their keys (0003 fills people_search_vocab.keyed with it). */
static void sql_phonetic(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *w = sqlite3_value_text(argv[0]);
	struct buf b;
	(void)argc;
	if (!w) {
		sqlite3_result_null(ctx);
		return;
	}
	buf_init(&b, 0);
	buf_add(&b, "", 0);
	norm_phonetic(&b, (const char *)w, (size_t)sqlite3_value_bytes(argv[0]));
	sqlite3_result_text(ctx, b.p, (int)b.n, SQLITE_TRANSIENT);
	buf_free(&b);
}

/* The writers of the file at path, shared by the stores of this process
 * that open it; the shared connection is opened with the first and closed
 * with the last (file_writer_put). NULL past 32 files open at once: then
 * each store writes on its own connection, under SQLite's busy timeout. */
static pthread_mutex_t writers_guard = PTHREAD_MUTEX_INITIALIZER;
static struct file_writer writers[32];

/* The shared writer connection's own settings: the COMMIT does not wait
 * for the disk, wait_durable does; *wal_fd: the WAL file, which the first
 * read creates and the connection keeps until it closes. */
static int writer_setup(struct sqlite_store *conn, int *wal_fd)
{
	if (run(conn, "PRAGMA synchronous=NORMAL") ||
	    run(conn, "SELECT count(*) FROM sqlite_master"))
		return STORE_ERROR;
	const char *wal = sqlite3_filename_wal(sqlite3_db_filename(conn->db, "main"));
	*wal_fd = open(wal, O_RDONLY | O_CLOEXEC);
	if (*wal_fd < 0) {
		log_error("sqlite %s: %m", wal);
		return STORE_ERROR;
	}
	return STORE_OK;
}

static struct file_writer *file_writer_get(const char *path)
{
	struct file_writer *fw = NULL, *free_slot = NULL;

	pthread_mutex_lock(&writers_guard);
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]) && !fw; i++) {
		if (writers[i].users && strcmp(writers[i].path, path) == 0)
			fw = &writers[i];
		else if (!writers[i].users && !free_slot)
			free_slot = &writers[i];
	}
	if (!fw && free_slot) {
		struct sqlite_store *conn = NULL;
		int wal_fd = -1;
		if (open_conn(path, &conn) == STORE_OK && writer_setup(conn, &wal_fd) != STORE_OK) {
			close_conn(conn);
			conn = NULL;
		}
		if (conn) {
			fw = free_slot;
			memset(fw, 0, sizeof(*fw));
			pthread_mutex_init(&fw->mu, NULL);
			pthread_cond_init(&fw->committed, NULL);
			pthread_mutex_init(&fw->sync_mu, NULL);
			pthread_cond_init(&fw->synced, NULL);
			pthread_cond_init(&fw->wake, NULL);
			fw->wal_fd = wal_fd;
			fw->path = strdup(path);
			fw->conn = conn;
		}
	}
	if (fw)
		fw->users++;
	pthread_mutex_unlock(&writers_guard);
	return fw;
}

static void file_writer_put(struct file_writer *fw)
{
	pthread_mutex_lock(&writers_guard);
	if (--fw->users == 0) {
		/* A deferred writer's batch (nobody else is left to commit it),
		 * and the search entries still queued. */
		pthread_mutex_lock(&fw->mu);
		if (fw->queued)
			drain_batch(fw);
		if (fw->open)
			end_batch(fw, STORE_OK);
		pthread_mutex_unlock(&fw->mu);
		if (fw->flusher_on) {
			pthread_mutex_lock(&fw->sync_mu);
			fw->stopping = 1;
			pthread_cond_signal(&fw->wake);
			pthread_mutex_unlock(&fw->sync_mu);
			pthread_join(fw->flusher, NULL);
		}
		close_conn(fw->conn);
		close(fw->wal_fd);
		free(fw->path);
		pthread_mutex_destroy(&fw->mu);
		pthread_cond_destroy(&fw->committed);
		pthread_mutex_destroy(&fw->sync_mu);
		pthread_cond_destroy(&fw->synced);
		pthread_cond_destroy(&fw->wake);
		memset(fw, 0, sizeof(*fw));
	}
	pthread_mutex_unlock(&writers_guard);
}

/* Process-wide settings, before SQLite's first use: no memory statistics,
 * which take a global mutex on every allocation of every connection. */
static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int open_conn(const char *url, struct sqlite_store **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure);
	struct sqlite_store *s = calloc(1, sizeof(*s));
	if (!s)
		log_fatal("out of memory");
	if (sqlite3_open_v2(url, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
						 SQLITE_OPEN_NOMUTEX, NULL)) {
		log_error("sqlite open %s: %s", url, s->db ? sqlite3_errmsg(s->db) : "no memory");
		sqlite3_close(s->db);
		free(s);
		return STORE_ERROR;
	}
	sqlite3_busy_timeout(s->db, BUSY_MS);
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_create_function(s->db, "amparo_phonetic", 1,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_phonetic,
				NULL, NULL);
	char *err = NULL;
	if (sqlite3_exec(s->db,
			 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
			 /* Deleted and overwritten content is zeroed, not left in free pages. */
			 "PRAGMA secure_delete=ON;",
			 NULL, NULL, &err)) {
		log_error("sqlite setup %s: %s", url, err);
		sqlite3_free(err);
		sqlite3_close(s->db);
		free(s);
		return STORE_ERROR;
	}
	*out = s;
	return STORE_OK;
}

static int sq_open(const char *url, struct store **out)
{
	struct sqlite_store *s;
	int rc = open_conn(url, &s);
	if (rc)
		return rc;
	const char *file = sqlite3_db_filename(s->db, "main");
	s->fw = file && *file ? file_writer_get(file) : NULL;
	*out = &s->base;
	return STORE_OK;
}

static void close_conn(struct sqlite_store *s)
{
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (s->cache[i].sql) {
			sqlite3_finalize(s->cache[i].stmt);
			free(s->cache[i].sql);
		}
	}
	if (sqlite3_close(s->db) != SQLITE_OK)
		log_error("sqlite close: %s", sqlite3_errmsg(s->db));
	free(s);
}

static void sq_rollback_quiet(struct store *st);

static void sq_close(struct store *st)
{
	struct sqlite_store *s = SELF(st);
	if (s->holds_writer)
		sq_rollback_quiet(st);
	if (s->awaiting) /* committed, never waited for: at least commit it */
		settle(s->fw, s->awaited);
	if (s->fw)
		file_writer_put(s->fw);
	close_conn(s);
}

static int sq_exec(struct store *st, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(S(st)->db, sql, NULL, NULL, &err);
	if (rc) {
		log_error("sqlite exec: %s", err ? err : "?");
		sqlite3_free(err);
	}
	return map_rc(S(st), rc, "exec");
}

/* Runs one statement without parameters or result rows on connection s. */
static int run(struct sqlite_store *s, const char *sql)
{
	sqlite3_stmt *stmt = prepare(s, sql);
	if (!stmt)
		return STORE_ERROR;
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return map_rc(s, rc, sql);
}

/* The same on the connection st's statements run on (see S). */
static int simple(struct store *st, const char *sql)
{
	return run(S(st), sql);
}

/* The same on the shared writer connection (fw->mu held). */
static int on_conn(struct file_writer *fw, const char *sql)
{
	return run(fw->conn, sql);
}

#define INDEX_INSERT "INSERT INTO people_search(rowid, words) VALUES (?, ?)"
#define INDEX_DELETE "DELETE FROM people_search WHERE rowid = ?"

/* Ends the open batch (fw->mu held): COMMIT, or ROLLBACK when it failed or
 * holds nothing; records the outcome and wakes the writers waiting on it. */
static void end_batch(struct file_writer *fw, int rc)
{
	if (!rc && fw->jobs && fw->queued >= DRAIN_AT)
		drain_batch(fw);
	if (!rc && fw->jobs)
		rc = on_conn(fw, "COMMIT");
	if (rc || !fw->jobs)
		on_conn(fw, "ROLLBACK");
	if (rc && fw->jobs) {
		pthread_mutex_lock(&fw->sync_mu);
		fw->failures[fw->nfailures++ % FAILURES] = fw->batch;
		pthread_mutex_unlock(&fw->sync_mu);
	}
	fw->batch++;
	fw->open = 0;
	fw->jobs = 0;
	pthread_cond_broadcast(&fw->committed);
}

/* Flushes the WAL file to disk (sync_mu held; released meanwhile): every
 * batch ended before the call is then durable. */
static void flush_wal(struct file_writer *fw)
{
	unsigned long upto = atomic_load(&fw->batch);
	fw->flushing = 1;
	pthread_mutex_unlock(&fw->sync_mu);
	/* The WAL file lives as long as the shared connection (which keeps
	 * its lock on the database); one removed behind SQLite's back would
	 * make the flush a lie. */
	struct stat st;
	int err = 0;
	if (fdatasync(fw->wal_fd) || fstat(fw->wal_fd, &st))
		err = errno;
	else if (st.st_nlink == 0)
		err = ENOENT;
	pthread_mutex_lock(&fw->sync_mu);
	fw->flushing = 0;
	if (err) {
		errno = err;
		if (!atomic_load(&fw->broken))
			log_error("sqlite %s: flushing the WAL to disk failed (%m): every write "
				  "fails from now on; restart the server",
				  fw->path);
		atomic_store(&fw->broken, 1);
	} else if (upto > fw->durable) {
		fw->durable = upto;
	}
	pthread_cond_broadcast(&fw->synced);
}

/* Waits until batch b is on disk (see struct file_writer), flushing the WAL
 * if no other writer is. */
static int wait_durable(struct file_writer *fw, unsigned long b)
{
	pthread_mutex_lock(&fw->sync_mu);
	while (fw->durable <= b && !atomic_load(&fw->broken)) {
		if (fw->flushing)
			pthread_cond_wait(&fw->synced, &fw->sync_mu);
		else
			flush_wal(fw);
	}
	int rc = fw->durable > b ? STORE_OK : STORE_ERROR;
	pthread_mutex_unlock(&fw->sync_mu);
	return rc;
}

/* How batch b, which has ended, ended (sync_mu held): failures are rare,
 * so only they are kept, the latest FAILURES of them; a batch older than
 * those kept, once more have failed, counts as failed too. */
static int failed_locked(struct file_writer *fw, unsigned long b)
{
	unsigned long kept = fw->nfailures < FAILURES ? fw->nfailures : FAILURES;
	for (unsigned long i = 0; i < kept; i++)
		if (fw->failures[i] == b)
			return STORE_ERROR;
	if (fw->nfailures > FAILURES && b < fw->failures[fw->nfailures % FAILURES])
		return STORE_ERROR;
	return STORE_OK;
}

static int batch_result(struct file_writer *fw, unsigned long b)
{
	pthread_mutex_lock(&fw->sync_mu);
	int rc = failed_locked(fw, b);
	pthread_mutex_unlock(&fw->sync_mu);
	return rc;
}

/* Commits batch b if it is still the open one (fw->mu not held). */
static void settle(struct file_writer *fw, unsigned long b)
{
	if (holding == fw)
		return; /* this thread is in a transaction on fw (another store of
			 * its own): the batch cannot end halfway through it */
	pthread_mutex_lock(&fw->mu);
	if (fw->open && fw->batch == b)
		end_batch(fw, STORE_OK); /* we hold mu: no transaction is halfway */
	pthread_mutex_unlock(&fw->mu);
}

/* Notes that s's latest commit is in batch b, to be reported once on disk;
 * an earlier one not reported yet has ended by then (a later batch is
 * open or ended), and its failure is kept. */
static void await_batch(struct sqlite_store *s, unsigned long b)
{
	if (s->awaiting && s->awaited != b && batch_result(s->fw, s->awaited))
		s->failed = 1;
	s->awaiting = 1;
	s->awaited = b;
}

/* *t = now + ms, on the clock pthread's timed waits use. */
static void deadline(struct timespec *t, long ms)
{
	clock_gettime(CLOCK_REALTIME, t);
	t->tv_sec += ms / 1000;
	t->tv_nsec += ms % 1000 * 1000 * 1000;
	if (t->tv_nsec >= 1000000000) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000;
	}
}

/* The end of a writer's turn (fw->mu held; released on return). mine: the
 * writer's transaction is in the batch and it needs the batch's outcome,
 * once on disk. A deferred writer leaves the batch open (see struct
 * file_writer), unless it is full or a writer that waits is in it. */
static int end_turn(struct sqlite_store *s, int mine)
{
	struct file_writer *fw = s->fw;
	int lazy = mine && s->base.defer_durable;
	s->holds_writer = 0;
	holding = NULL;
	if (fw->open && (!fw->jobs || fw->jobs >= BATCH_MAX ||
			 (atomic_load(&fw->waiting) == 0 && (!lazy || fw->held))))
		end_batch(fw, STORE_OK);
	unsigned long b = fw->batch;
	if (lazy && fw->open) {
		await_batch(s, b);
		pthread_mutex_unlock(&fw->mu);
		return STORE_OK;
	}
	if (mine && fw->open) {
		/* Others are queued: the last of them commits. Should none
		 * come after all (a queued writer gave up), commit it ourselves. */
		fw->held++;
		while (fw->batch == b) {
			struct timespec until;
			deadline(&until, 5);
			if (pthread_cond_timedwait(&fw->committed, &fw->mu, &until) == ETIMEDOUT &&
			    fw->batch == b)
				end_batch(fw, STORE_OK); /* we hold mu: no transaction is halfway */
		}
		fw->held--;
	} else {
		b--; /* ours ended above, or the writer's turn is not in it */
	}
	int rc = mine ? batch_result(fw, b) : STORE_OK;
	pthread_mutex_unlock(&fw->mu);
	if (rc || !mine)
		return rc;
	if (!s->base.defer_durable)
		return wait_durable(fw, b);
	await_batch(s, b); /* batches only grow: the latest covers the earlier */
	return STORE_OK;
}

static int sq_durable_pending(struct store *st)
{
	return SELF(st)->awaiting;
}

static void sq_publish(struct store *st)
{
	struct sqlite_store *s = SELF(st);
	if (s->awaiting)
		settle(s->fw, s->awaited);
}

static int sq_wait_durable(struct store *st)
{
	struct sqlite_store *s = SELF(st);
	if (!s->awaiting)
		return STORE_OK;
	/* This thread is in a transaction on the file (another store of its
	 * own): the batch cannot end before that transaction does. */
	if (holding == s->fw && atomic_load(&s->fw->batch) <= s->awaited)
		return STORE_BUSY;
	int failed = s->failed;
	s->awaiting = s->failed = 0;
	settle(s->fw, s->awaited);
	int rc = wait_durable(s->fw, s->awaited);
	if (!rc)
		rc = batch_result(s->fw, s->awaited);
	return rc ? rc : failed ? STORE_ERROR : STORE_OK;
}

/* The flusher (one thread a file, started by the first waiter): commits
 * the open batch when waiters are in it, flushes while waiters wait, and
 * calls back those whose batch is on disk with their batch's outcome. */
static void *flusher(void *arg)
{
	struct file_writer *fw = arg;
	pthread_mutex_lock(&fw->sync_mu);
	for (;;) {
		while (!fw->waiters && !fw->stopping)
			pthread_cond_wait(&fw->wake, &fw->sync_mu);
		if (!fw->waiters)
			break;
		int open = 0;
		for (struct durable_waiter *w = fw->waiters; w; w = w->next)
			open |= w->batch >= atomic_load(&fw->batch);
		if (open) {
			/* The open batch (the only one not ended). The writers
			 * queued for mu join it first, for up to COMMIT_WAIT_US:
			 * the COMMIT would hold them back, and a larger batch
			 * writes the pages they share once (11 % more
			 * registrations a second under 32 connections). */
			pthread_mutex_unlock(&fw->sync_mu);
			int64_t since = time_mono_us();
			while (atomic_load(&fw->waiting) > 0 && time_mono_us() - since < COMMIT_WAIT_US)
				sched_yield();
			settle(fw, atomic_load(&fw->batch));
			pthread_mutex_lock(&fw->sync_mu);
		}
		int broken = atomic_load(&fw->broken), behind = 0;
		for (struct durable_waiter *w = fw->waiters; w; w = w->next)
			behind |= w->batch >= fw->durable;
		if (!broken && behind) {
			if (fw->flushing) /* a writer without defer_durable flushes */
				pthread_cond_wait(&fw->synced, &fw->sync_mu);
			else
				flush_wal(fw);
			broken = atomic_load(&fw->broken);
		}
		struct durable_waiter *ready = NULL, **p = &fw->waiters;
		while (*p) {
			struct durable_waiter *w = *p;
			if (broken || w->batch < fw->durable) {
				*p = w->next;
				w->next = ready;
				ready = w;
				w->failed |= broken || failed_locked(fw, w->batch);
			} else {
				p = &w->next;
			}
		}
		pthread_mutex_unlock(&fw->sync_mu);
		while (ready) {
			struct durable_waiter *w = ready;
			ready = w->next;
			w->done(w->arg, w->failed ? STORE_ERROR : STORE_OK);
			free(w);
		}
		pthread_mutex_lock(&fw->sync_mu);
	}
	pthread_mutex_unlock(&fw->sync_mu);
	return NULL;
}

static void sq_when_durable(struct store *st, void (*done)(void *arg, int rc), void *arg)
{
	struct sqlite_store *s = SELF(st);
	struct file_writer *fw = s->fw;
	if (s->awaiting) {
		pthread_mutex_lock(&fw->sync_mu);
		struct durable_waiter *w = NULL;
		if (fw->durable <= s->awaited && !atomic_load(&fw->broken) &&
		    (w = malloc(sizeof(*w)))) {
			if (!fw->flusher_on && pthread_create(&fw->flusher, NULL, flusher, fw) == 0)
				fw->flusher_on = 1;
			if (!fw->flusher_on) {
				free(w);
				w = NULL;
			}
		}
		if (w) {
			*w = (struct durable_waiter){ s->awaited, s->failed, done, arg, fw->waiters };
			s->awaiting = s->failed = 0;
			fw->waiters = w;
			pthread_cond_signal(&fw->wake);
			pthread_mutex_unlock(&fw->sync_mu);
			return;
		}
		pthread_mutex_unlock(&fw->sync_mu);
	}
	/* Nothing waits, it is on disk already, never will be, or there is
	 * no thread to wait in: wait here. */
	done(arg, sq_wait_durable(st));
}

/* Takes s's turn as the file's writer: fw->mu, the batch (opened if none
 * is) and a savepoint of its own; waits at most wait_ms for each of mu and
 * SQLite's lock (another process's write). */
static int writer_turn(struct sqlite_store *s, long wait_ms)
{
	struct timespec until;
	struct file_writer *fw = s->fw;
	deadline(&until, wait_ms);
	atomic_fetch_add(&fw->waiting, 1);
	int locked = pthread_mutex_timedlock(&fw->mu, &until);
	atomic_fetch_sub(&fw->waiting, 1);
	if (locked != 0) {
		if (wait_ms >= BUSY_MS)
			log_warn("sqlite busy: waited %ld s for the writer lock", wait_ms / 1000);
		return STORE_BUSY;
	}
	if (atomic_load(&fw->broken)) {
		pthread_mutex_unlock(&fw->mu);
		return STORE_ERROR; /* see flush_wal */
	}
	int rc = STORE_OK;
	if (!fw->open) {
		sqlite3_busy_timeout(fw->conn->db, (int)wait_ms);
		rc = on_conn(fw, "BEGIN IMMEDIATE");
		sqlite3_busy_timeout(fw->conn->db, BUSY_MS);
	}
	if (!rc) {
		fw->open = 1;
		rc = on_conn(fw, "SAVEPOINT tx");
	}
	if (rc) {
		if (fw->open && !fw->jobs)
			end_batch(fw, rc);
		pthread_mutex_unlock(&fw->mu);
		return rc;
	}
	s->holds_writer = 1;
	holding = fw;
	return STORE_OK;
}

static int sq_begin(struct store *st)
{
	struct sqlite_store *s = SELF(st);
	/* IMMEDIATE takes the write lock now, so two writers never deadlock
	 * halfway through a transaction. */
	if (!s->fw)
		return simple(st, "BEGIN IMMEDIATE");
	/* As long as SQLite's own busy timeout, so a thread that already
	 * writes to this file (two stores open on it) fails instead of
	 * waiting for itself forever. */
	return writer_turn(s, BUSY_MS);
}

static int sq_commit(struct store *st)
{
	struct sqlite_store *s = SELF(st);
	if (!s->fw)
		return simple(st, "COMMIT");
	int rc = on_conn(s->fw, "RELEASE tx");
	if (rc)
		return rc; /* store_commit rolls back */
	s->fw->jobs++;
	return end_turn(s, 1);
}

/* Undoes st's own transaction, and only it: the batch goes on. */
static void sq_rollback_quiet(struct store *st)
{
	struct sqlite_store *s = SELF(st);
	struct file_writer *fw = s->fw;
	if (!s->holds_writer)
		return; /* the batch's COMMIT failed: it is rolled back already */
	if (on_conn(fw, "ROLLBACK TO tx") || on_conn(fw, "RELEASE tx"))
		end_batch(fw, STORE_ERROR); /* cannot isolate it: the batch fails */
	end_turn(s, 0);
}

static int sq_rollback(struct store *st)
{
	if (!SELF(st)->fw)
		return simple(st, "ROLLBACK");
	sq_rollback_quiet(st);
	return STORE_OK;
}

/* A deferred transaction: the first read takes the snapshot; no writer lock. */
static int sq_read_begin(struct store *st)
{
	return simple(st, "BEGIN");
}

static int sq_read_end(struct store *st)
{
	return simple(st, "COMMIT");
}

static int sq_schema_version(struct store *st, int *version)
{
	sqlite3_stmt *stmt;
	*version = 0;
	/* Not cached: the table may not exist yet. */
	if (sqlite3_prepare_v2(S(st)->db, "SELECT max(version) FROM schema_version", -1, &stmt,
			       NULL) != SQLITE_OK)
		return STORE_OK;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*version = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return STORE_OK;
}

static void bind_field(sqlite3_stmt *stmt, int i, const struct field *f, const char *v)
{
	if (!v)
		sqlite3_bind_null(stmt, i);
	else if (f->type == F_INT)
		sqlite3_bind_int64(stmt, i, strtoll(v, NULL, 10));
	else
		sqlite3_bind_text(stmt, i, v, -1, SQLITE_STATIC);
}

static void read_row(sqlite3_stmt *stmt, const struct entity *e, struct arena *a, void *rec)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const unsigned char *t = sqlite3_column_text(stmt, (int)i);
		*field_ptr(rec, &e->fields[i]) =
			t ? arena_strndup(a, (const char *)t,
					  (size_t)sqlite3_column_bytes(stmt, (int)i))
			  : NULL;
	}
}

/* Binds rec to stmt, an INSERT of every column of e, and runs it. */
static int insert_row(struct sqlite_store *s, sqlite3_stmt *stmt, const struct entity *e,
		      const void *rec)
{
	for (size_t i = 0; i < e->nfields; i++)
		bind_field(stmt, (int)i + 1, &e->fields[i], field_get(rec, &e->fields[i]));
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return map_rc(s, rc, e->table);
}

/* Whether a write on st comes outside a transaction on a file with a
 * group commit: it then runs as a transaction of its own in the batch
 * (on st's own connection it would wait for SQLite's write lock, which
 * the open batch holds). alone_end ends that transaction. */
static int alone(struct store *st)
{
	struct sqlite_store *s = SELF(st);
	return s->fw && !s->holds_writer;
}

static int sq_begin(struct store *st);
static int sq_commit(struct store *st);
static int sq_rollback(struct store *st);

static int alone_end(struct store *st, int rc)
{
	if (!rc && !(rc = sq_commit(st)))
		return STORE_OK;
	if (SELF(st)->holds_writer) /* the write, or the RELEASE, failed */
		sq_rollback(st);
	return rc;
}

/* The SQL of a write to one record of e (arg), for prepare_keyed: its
 * text is written out only when the connection has not cached it yet. */
static void build_insert(struct buf *sql, const void *arg)
{
	sql_insert(sql, arg, 0);
}

static void build_update(struct buf *sql, const void *arg)
{
	const struct entity *e = arg;
	buf_printf(sql, "UPDATE %s SET ", e->table);
	for (size_t i = 1; i < e->nfields; i++)
		buf_printf(sql, "%s%s = ?", i > 1 ? ", " : "", e->fields[i].name);
	buf_printf(sql, " WHERE %s = ?", e->fields[0].name);
}

static void build_delete(struct buf *sql, const void *arg)
{
	const struct entity *e = arg;
	buf_printf(sql, "DELETE FROM %s WHERE %s = ?", e->table, e->fields[0].name);
}

static int sq_insert(struct store *st, const struct entity *e, const void *rec)
{
	if (alone(st)) {
		int rc = sq_begin(st);
		return rc ? rc : alone_end(st, sq_insert(st, e, rec));
	}
	struct stmt_key k;
	key_start(&k, "insert", e, NULL, 0);
	sqlite3_stmt *stmt = prepare_keyed(S(st), &k, build_insert, e);
	if (!stmt)
		return STORE_ERROR;
	return insert_row(S(st), stmt, e, rec);
}

static int sq_update(struct store *st, const struct entity *e, const void *rec)
{
	if (alone(st)) {
		int rc = sq_begin(st);
		return rc ? rc : alone_end(st, sq_update(st, e, rec));
	}
	struct stmt_key k;
	key_start(&k, "update", e, NULL, 0);
	sqlite3_stmt *stmt = prepare_keyed(S(st), &k, build_update, e);
	if (!stmt)
		return STORE_ERROR;
	for (size_t i = 1; i < e->nfields; i++)
		bind_field(stmt, (int)i, &e->fields[i], field_get(rec, &e->fields[i]));
	bind_field(stmt, (int)e->nfields, &e->fields[0], field_get(rec, &e->fields[0]));
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE && sqlite3_changes(S(st)->db) == 0)
		return STORE_NOTFOUND;
	return map_rc(S(st), rc, e->table);
}

struct get_query {
	const struct entity *e;
	const char *key;
};

static void build_get(struct buf *sql, const void *arg)
{
	const struct get_query *q = arg;
	sql_select_from(sql, q->e);
	buf_printf(sql, " WHERE %s = ? LIMIT 1", q->key);
}

static int sq_get(struct store *st, const struct entity *e, struct arena *a, const char *key,
		  const char *value, void *rec)
{
	struct get_query q = { e, key ? key : e->fields[0].name };
	struct stmt_key k;
	key_start(&k, "get", e, NULL, 0);
	key_add(&k, q.key);
	sqlite3_stmt *stmt = prepare_keyed(S(st), &k, build_get, &q);
	if (!stmt)
		return STORE_ERROR;
	sqlite3_bind_text(stmt, 1, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		read_row(stmt, e, a, rec);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	return map_rc(S(st), rc, e->table);
}

/* Room in out->items (of *cap entries, 0: none yet) for one more item:
 * the array starts at 16 and doubles as rows come, so a list asked for
 * up to a thousand rows that finds three does not pay for a thousand. */
static void items_room(struct arena *a, struct store_list *out, size_t *cap)
{
	if (out->n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 16;
	void **grown = arena_bytes(a, *cap * sizeof(void *));
	if (out->n)
		memcpy(grown, out->items, out->n * sizeof(void *));
	out->items = grown;
}

static int collect(struct sqlite_store *s, sqlite3_stmt *stmt, const struct entity *e,
		   struct arena *a, long limit, struct store_list *out)
{
	int rc;
	size_t cap = 0;
	out->n = 0;
	items_room(a, out, &cap); /* never NULL, even empty */
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && out->n < (size_t)limit) {
		items_room(a, out, &cap);
		void *rec = arena_alloc(a, e->size);
		read_row(stmt, e, a, rec);
		out->items[out->n++] = rec;
	}
	sqlite3_reset(stmt);
	return map_rc(s, rc, e->table);
}

static int count(struct sqlite_store *s, const char *sql, const char *value, long long *n)
{
	sqlite3_stmt *stmt = prepare(s, sql);
	if (!stmt)
		return STORE_ERROR;
	if (value)
		sqlite3_bind_text(stmt, 1, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return map_rc(s, rc, sql);
}

struct where_query {
	const struct entity *e;
	const struct store_filter *f;
	size_t nf;
	const char *order; /* sq_list */
	int desc;
	const char *const *by; /* sq_count_by */
	size_t nby;
	const char *sum;
};

static void build_count(struct buf *sql, const void *arg)
{
	const struct where_query *q = arg;
	buf_printf(sql, "SELECT count(*) FROM %s", q->e->table);
	sql_where(sql, q->f, q->nf, 0);
}

static int sq_count(struct store *st, const struct entity *e, const struct store_filter *f,
		    size_t nf, long long *n)
{
	struct where_query q = { .e = e, .f = f, .nf = nf };
	struct stmt_key k;
	key_start(&k, "count", e, f, nf);
	sqlite3_stmt *stmt = prepare_keyed(S(st), &k, build_count, &q);
	if (!stmt)
		return STORE_ERROR;
	for (size_t i = 0; i < nf; i++)
		sqlite3_bind_text(stmt, (int)i + 1, f[i].value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return map_rc(S(st), rc, e->table);
}

static void build_count_by(struct buf *sql, const void *arg)
{
	const struct where_query *q = arg;
	sql_count_by(sql, q->e, q->f, q->nf, q->by, q->nby, q->sum, 0);
}

static int sq_count_by(struct store *st, const struct entity *e, struct arena *a,
		       const struct store_filter *f, size_t nf, const char *const *by, size_t nby,
		       const char *sum, struct store_list *out)
{
	struct where_query q = { .e = e, .f = f, .nf = nf, .by = by, .nby = nby, .sum = sum };
	struct stmt_key k;
	key_start(&k, sum ? "sum" : "count_by", e, f, nf);
	key_add(&k, sum ? sum : "");
	for (size_t i = 0; i < nby; i++)
		key_add(&k, by[i]);
	sqlite3_stmt *stmt = prepare_keyed(S(st), &k, build_count_by, &q);
	out->n = 0;
	out->total = -1;
	out->items = NULL;
	if (!stmt)
		return STORE_ERROR;
	for (size_t i = 0; i < nf; i++)
		sqlite3_bind_text(stmt, (int)i + 1, f[i].value, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		items_room(a, out, &cap);
		struct store_group *g = arena_alloc(a, sizeof(*g));
		for (size_t i = 0; i < nby; i++)
			g->v[i] = arena_strdup(a, (const char *)sqlite3_column_text(stmt, (int)i));
		g->n = sqlite3_column_int64(stmt, (int)nby);
		if (sum)
			g->sum = sqlite3_column_int64(stmt, (int)nby + 1);
		out->items[out->n++] = g;
	}
	sqlite3_reset(stmt);
	return map_rc(S(st), rc, e->table);
}

static void build_list(struct buf *sql, const void *arg)
{
	const struct where_query *q = arg;
	sql_select_from(sql, q->e);
	sql_where(sql, q->f, q->nf, 0);
	buf_printf(sql, " ORDER BY %s %s LIMIT ? OFFSET ?", q->order, q->desc ? "DESC" : "ASC");
}

static int sq_list(struct store *st, const struct entity *e, struct arena *a,
		   const struct store_filter *f, size_t nf, const char *order, int desc, long limit,
		   long offset, struct store_list *out)
{
	struct where_query q = { .e = e, .f = f, .nf = nf, .order = order ? order : e->fields[0].name,
				 .desc = desc };
	struct stmt_key k;
	out->total = -1;
	key_start(&k, desc ? "list_desc" : "list", e, f, nf);
	key_add(&k, q.order);
	sqlite3_stmt *stmt = prepare_keyed(S(st), &k, build_list, &q);
	if (!stmt)
		return STORE_ERROR;
	int i = 1;
	for (size_t j = 0; j < nf; j++)
		sqlite3_bind_text(stmt, i++, f[j].value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, i++, limit);
	sqlite3_bind_int64(stmt, i, offset);
	return collect(S(st), stmt, e, a, limit, out);
}

static int sq_remove(struct store *st, const struct entity *e, const char *id)
{
	if (alone(st)) {
		int rc = sq_begin(st);
		return rc ? rc : alone_end(st, sq_remove(st, e, id));
	}
	struct stmt_key k;
	key_start(&k, "delete", e, NULL, 0);
	sqlite3_stmt *stmt = prepare_keyed(S(st), &k, build_delete, e);
	if (!stmt)
		return STORE_ERROR;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return map_rc(S(st), rc, e->table);
}

static int sq_next_number(struct store *st, const char *counter, long long n, long long *out)
{
	sqlite3_stmt *stmt = prepare(S(st), "INSERT INTO counters(name, value) VALUES (?1, ?2) "
					    "ON CONFLICT(name) DO UPDATE SET value = value + ?2 "
					    "RETURNING value");
	if (!stmt)
		return STORE_ERROR;
	sqlite3_bind_text(stmt, 1, counter, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, n);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return map_rc(S(st), rc, "counter");
}

/* Whether word w (a search token) goes into people_search_vocab: words a
 * query word can reach by prefix through the vocabulary, that is all but
 * phonetic keys ("_…") and numbers (a query word that starts with a digit
 * is matched by FTS5's own prefix query). */
static int in_vocab(const char *w)
{
	return w[0] != '_' && !(w[0] >= '0' && w[0] <= '9');
}

/* The words a bulk load has put in people_search_vocab already, with the
 * keyed it wrote: most of a load's upserts would change nothing (a
 * million people have a few thousand names), and those are skipped.
 * Open addressing; at most VOCAB_SEEN_MAX words, then the rest go to
 * SQLite as they come. */
#define VOCAB_SEEN_MAX 262144
struct vocab_seen {
	char **word; /* cap slots (a power of 2), NULL when free */
	unsigned char *keyed;
	size_t cap, n;
};

static size_t vocab_slot(const struct vocab_seen *v, const char *w, size_t n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 1099511628211ull;
	size_t i = (size_t)h & (v->cap - 1);
	while (v->word[i] && (strncmp(v->word[i], w, n) != 0 || v->word[i][n]))
		i = (i + 1) & (v->cap - 1);
	return i;
}

/* 1 when the vocabulary has word w (n bytes) with keyed as this upsert
 * would leave it (keyed only goes from 1 to 0); else 0, and w is noted as
 * written. */
static int vocab_known(struct vocab_seen *v, const char *w, size_t n, int keyed)
{
	if (2 * (v->n + 1) > v->cap && v->n < VOCAB_SEEN_MAX) {
		struct vocab_seen bigger = { NULL, NULL, v->cap ? 2 * v->cap : 1024, v->n };
		if (!(bigger.word = calloc(bigger.cap, sizeof(*bigger.word))) ||
		    !(bigger.keyed = calloc(bigger.cap, 1)))
			log_fatal("out of memory");
		for (size_t i = 0; i < v->cap; i++)
			if (v->word[i]) {
				size_t j = vocab_slot(&bigger, v->word[i], strlen(v->word[i]));
				bigger.word[j] = v->word[i];
				bigger.keyed[j] = v->keyed[i];
			}
		free(v->word);
		free(v->keyed);
		*v = bigger;
	}
	size_t i = vocab_slot(v, w, n);
	if (v->word[i]) {
		if (!v->keyed[i] || keyed)
			return 1;
		v->keyed[i] = 0;
		return 0;
	}
	if (v->n >= VOCAB_SEEN_MAX)
		return 0; /* full: new words are upserted every time */
	if (!(v->word[i] = strndup(w, n)))
		log_fatal("out of memory");
	v->keyed[i] = (unsigned char)keyed;
	v->n++;
	return 0;
}

static void vocab_seen_free(struct vocab_seen *v)
{
	for (size_t i = 0; i < v->cap; i++)
		free(v->word[i]);
	free(v->word);
	free(v->keyed);
}

/* Adds the words of one index entry to people_search_vocab, the list of
 * every word ever indexed, with keyed = 1 while every entry that had the
 * word also had its phonetic key ("_" + norm_phonetic): a query whose term
 * has that key then need not list the word (the key finds them all).
 * Words are never removed: one nobody has any more only costs a query an
 * empty list, and keyed, once 0, stays 0. seen: a bulk load's (or NULL). */
static int add_vocab(struct sqlite_store *s, const char *words, struct vocab_seen *seen)
{
	sqlite3_stmt *stmt = prepare(s, "INSERT INTO people_search_vocab(word, keyed) VALUES (?, ?) "
					"ON CONFLICT(word) DO UPDATE SET keyed = 0 "
					"WHERE keyed AND NOT excluded.keyed");
	struct buf key;
	int rc = SQLITE_DONE;

	if (!stmt)
		return STORE_ERROR;
	buf_init(&key, 0);
	for (const char *w = words; *w && rc == SQLITE_DONE;) {
		size_t n = strcspn(w, " ");
		if (n && in_vocab(w)) {
			buf_reset(&key);
			buf_addc(&key, '_');
			norm_phonetic(&key, w, n);
			int keyed = search_has_word(words, strlen(words), key.p, key.n);
			if (!seen || !vocab_known(seen, w, n, keyed)) {
				sqlite3_bind_text(stmt, 1, w, (int)n, SQLITE_STATIC);
				sqlite3_bind_int(stmt, 2, keyed);
				rc = sqlite3_step(stmt);
				sqlite3_reset(stmt);
			}
		}
		w += n;
		while (*w == ' ')
			w++;
	}
	buf_free(&key);
	return map_rc(s, rc, "people_search_vocab");
}

/* The FTS5 table is keyed by people.rowid: the rowid of person_id. */
static int person_rowid(struct sqlite_store *s, const char *person_id, sqlite3_int64 *rowid)
{
	sqlite3_stmt *stmt = prepare(s, "SELECT rowid FROM people WHERE id = ?");
	if (!stmt)
		return STORE_ERROR;
	sqlite3_bind_text(stmt, 1, person_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*rowid = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? STORE_NOTFOUND : map_rc(s, rc, "people");
	return STORE_OK;
}

static int index_insert(struct sqlite_store *s, sqlite3_stmt *stmt, sqlite3_int64 rowid,
			const char *words, struct vocab_seen *seen)
{
	sqlite3_bind_int64(stmt, 1, rowid);
	sqlite3_bind_text(stmt, 2, words, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return map_rc(s, rc, "people_search");
	return add_vocab(s, words, seen);
}

/* Replaces the index entry of people.rowid by words, at once (s holds
 * the write lock, or writes alone). */
static int index_put(struct sqlite_store *s, sqlite3_int64 rowid, const char *words)
{
	sqlite3_stmt *stmt = prepare(s, INDEX_DELETE);
	if (!stmt)
		return STORE_ERROR;
	sqlite3_bind_int64(stmt, 1, rowid);
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return map_rc(s, rc, "people_search");
	stmt = prepare(s, INDEX_INSERT);
	return stmt ? index_insert(s, stmt, rowid, words, NULL) : STORE_ERROR;
}

/* The search index under group commit. FTS5 writes a segment of its own
 * at every commit and merges them as they pile up, which cost a fifth of
 * a registration and held every writer back now and then. So a write
 * transaction queues its entries in people_search_queue (migration 0030),
 * an append to a small table in the same transaction: they are as durable
 * and as undone as the rest of it. drain moves the queue into the index,
 * replacing what each person had: a batch does once DRAIN_AT are queued
 * (end_batch), and so does every read of the index first (sq_index_drain;
 * store.c calls it before every search and scan). */
static int queue_entry(struct sqlite_store *s, sqlite3_int64 rowid, const char *words)
{
	struct file_writer *fw = s->fw;
	sqlite3_stmt *stmt = prepare(fw->conn, "INSERT OR REPLACE INTO people_search_queue"
					       "(person_rowid, words) VALUES (?, ?)");
	if (!stmt)
		return STORE_ERROR;
	sqlite3_bind_int64(stmt, 1, rowid);
	sqlite3_bind_text(stmt, 2, words, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		fw->queued++;
	return map_rc(fw->conn, rc, "people_search_queue");
}

/* Moves every queued entry into the index, on c, a connection in a write
 * transaction; *moved: whether there was any. */
static int drain(struct sqlite_store *c, int *moved)
{
	sqlite3_stmt *q; /* its own: the cache could evict it while it steps */
	int rc = sqlite3_prepare_v2(c->db, "SELECT person_rowid, words FROM people_search_queue",
				    -1, &q, NULL);
	*moved = 0;
	if (rc != SQLITE_OK)
		return map_rc(c, rc, "people_search_queue");
	int put = STORE_OK;
	while (!put && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		put = index_put(c, sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1));
		*moved = 1;
	}
	sqlite3_finalize(q);
	if (put)
		return put;
	if (rc != SQLITE_DONE)
		return map_rc(c, rc, "people_search_queue");
	return *moved ? run(c, "DELETE FROM people_search_queue") : STORE_OK;
}

/* Drains the queue in the open batch, opening one if none is (fw->mu
 * held; inside a writer's transaction, in its savepoint). A failure undoes
 * the drain alone, which the next one retries. */
static int drain_batch(struct file_writer *fw)
{
	int moved = 0, rc = fw->open ? STORE_OK : on_conn(fw, "BEGIN IMMEDIATE");
	if (rc)
		return rc;
	fw->open = 1;
	if (!(rc = on_conn(fw, "SAVEPOINT drain")) && !(rc = drain(fw->conn, &moved)))
		rc = on_conn(fw, "RELEASE drain");
	if (rc) {
		log_warn("sqlite %s: the search index could not take its queued entries; "
			 "it will try again",
			 fw->path);
		if (!on_conn(fw, "ROLLBACK TO drain"))
			on_conn(fw, "RELEASE drain");
		fw->queued = 0; /* the next try DRAIN_AT entries later, not at once */
		return rc;
	}
	fw->queued = 0;
	fw->jobs += moved;
	return STORE_OK;
}

/* Drains the queue before st reads the index; *drained: st's snapshot
 * must be renewed to see it. Inside a transaction it drains there, and a
 * rollback puts the queue back. Outside one it drains and commits at once,
 * without waiting for the disk: the queue it empties is durable, and a
 * crash before the flush undoes both. A search never fails for it: if the
 * writer cannot be had within DRAIN_WAIT_MS (another process writes at
 * length, the disk failed), or this thread is in a transaction on the
 * file through another store, it reads the index as it is, without the
 * entries still queued. */
static int sq_index_drain(struct store *st, int *drained)
{
	static atomic_int warned;
	struct sqlite_store *s = SELF(st);
	struct file_writer *fw = s->fw;
	int moved = 0;

	*drained = 0;
	if (s->holds_writer) /* in its savepoint: a rollback puts the queue back */
		return drain_batch(fw);
	if (fw && holding == fw)
		return STORE_OK;
	long long queued;
	int rc = count(S(st), "SELECT EXISTS (SELECT 1 FROM people_search_queue)", NULL, &queued);
	if (rc || !queued)
		return rc;
	if (!fw) { /* no shared writer: on st's own connection, outside a snapshot */
		if (!sqlite3_get_autocommit(s->db))
			return STORE_OK;
		if ((rc = run(s, "BEGIN IMMEDIATE")) == STORE_OK) {
			rc = drain(s, &moved);
			int end = run(s, rc ? "ROLLBACK" : "COMMIT");
			rc = rc ? rc : end;
		}
	} else if ((rc = writer_turn(s, DRAIN_WAIT_MS)) == STORE_OK) {
		if ((rc = drain(fw->conn, &moved)) || (rc = on_conn(fw, "RELEASE tx"))) {
			sq_rollback(st);
		} else {
			fw->queued = 0;
			fw->jobs += moved;
			unsigned long b = fw->batch;
			end_turn(s, 0);
			settle(fw, b);
		}
	}
	if (rc) {
		if (!atomic_exchange(&warned, 1))
			log_warn("sqlite %s: the search index could not take in its queue; searches "
				 "miss the latest entries until it can",
				 sqlite3_db_filename(s->db, "main"));
		return STORE_OK;
	}
	atomic_store(&warned, 0);
	*drained = moved;
	return STORE_OK;
}

static int sq_person_index(struct store *st, const char *person_id, const char *words)
{
	if (alone(st)) {
		int rc = sq_begin(st);
		return rc ? rc : alone_end(st, sq_person_index(st, person_id, words));
	}
	struct sqlite_store *s = S(st);
	sqlite3_int64 rowid;
	int rc = person_rowid(s, person_id, &rowid);
	if (rc)
		return rc;
	if (SELF(st)->holds_writer)
		return queue_entry(SELF(st), rowid, words);
	/* No shared writer, so no queue of this process's: the entry goes in
	 * at once, and what another process queued for the person, older,
	 * must not replace it later. */
	sqlite3_stmt *stmt = prepare(s, "DELETE FROM people_search_queue WHERE person_rowid = ?");
	if (!stmt)
		return STORE_ERROR;
	sqlite3_bind_int64(stmt, 1, rowid);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return map_rc(s, rc, "people_search_queue");
	return index_put(s, rowid, words);
}

static int sq_index_optimize(struct store *st)
{
	struct sqlite_store *s = S(st);
	sqlite3_stmt *stmt = prepare(s, "INSERT INTO people_search(people_search) VALUES ('optimize')");
	if (!stmt)
		return STORE_ERROR;
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return map_rc(s, rc, "people_search");
}

/* Appends s as an FTS5 string: double quotes around, inner quotes doubled. */
static void fts_quote(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* A query word reaches at most this many vocabulary words by prefix; past
 * that, FTS5's own prefix query. */
#define PREFIX_WORDS_MAX 64

/* Appends to q the FTS5 expression of one term, in parentheses: the words
 * it starts, listed from people_search_vocab, or its phonetic key. FTS5
 * then reads each word's list as it stands; its own prefix query ("maria"
 * *) instead merges the lists of every word with the prefix into a new one
 * on each query, which was most of the time a multi-word search took at a
 * million people. Words of 2 or 3 letters have their prefix lists ready
 * (prefix = '2 3'), so they keep the prefix query, as do numbers (not in
 * the vocabulary) and words that start more than PREFIX_WORDS_MAX words.
 * *none is set when the term can match nobody. */
static int term_query(struct sqlite_store *s, const struct search_term *t, struct buf *q, int *none)
{
	size_t n = strlen(t->word);
	int rc = SQLITE_DONE, words = 0;
	int phon = t->phon && *t->phon;
	struct buf alt;

	buf_init(&alt, 0);
	if (n == 2 || n == 3 || n == 0 || !in_vocab(t->word) || (unsigned char)t->word[n - 1] == 0xff) {
		words = PREFIX_WORDS_MAX + 1;
	} else {
		/* The words w with t->word <= w < hi (t->word with its last
		 * byte one higher): those it starts, in the key's order. */
		sqlite3_stmt *stmt = prepare(s, "SELECT word, keyed FROM people_search_vocab "
						"WHERE word >= ? AND word < ? ORDER BY word LIMIT ?");
		struct buf hi, key;
		if (!stmt) {
			buf_free(&alt);
			return STORE_ERROR;
		}
		buf_init(&hi, 0);
		buf_init(&key, 0);
		buf_add(&hi, t->word, n);
		hi.p[n - 1] = (char)((unsigned char)hi.p[n - 1] + 1);
		sqlite3_bind_text(stmt, 1, t->word, (int)n, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, hi.p, (int)n, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 3, PREFIX_WORDS_MAX + 1);
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			const char *w = (const char *)sqlite3_column_text(stmt, 0);
			if (words++ >= PREFIX_WORDS_MAX)
				continue;
			if (phon && sqlite3_column_int(stmt, 1)) {
				buf_reset(&key);
				buf_addc(&key, '_');
				norm_phonetic(&key, w, strlen(w));
				if (strcmp(key.p, t->phon) == 0)
					continue; /* the key finds everyone who has w */
			}
			if (alt.n)
				buf_adds(&alt, " OR ");
			fts_quote(&alt, w);
		}
		sqlite3_reset(stmt);
		buf_free(&hi);
		buf_free(&key);
	}
	if (words > PREFIX_WORDS_MAX) {
		buf_reset(&alt);
		fts_quote(&alt, t->word);
		buf_adds(&alt, " *");
	}
	if (phon) {
		if (alt.n)
			buf_adds(&alt, " OR ");
		fts_quote(&alt, t->phon);
	}
	*none = alt.n == 0;
	buf_addc(q, '(');
	buf_add(q, alt.p, alt.n);
	buf_addc(q, ')');
	buf_free(&alt);
	return map_rc(s, rc, "people_search_vocab");
}

/* The page [offset, offset + limit) of the n hits (in ascending rowid
 * order), ranked (search.h): scores each hit's words, sorts, then reads
 * the page's people. The words are read in one statement from the FTS5
 * table's own copy of its text, people_search_content(id, c0) (the
 * "%_content" shadow table of FTS5's documentation): a lookup per rowid
 * through the virtual table cost three times as much. */
static int ranked_page(struct sqlite_store *s, struct arena *a, struct search_hit *h, size_t n,
		       const struct search_term *t, size_t nt, long limit, long offset,
		       struct store_list *out)
{
	sqlite3_stmt *stmt = prepare(s, "SELECT id, c0 FROM people_search_content "
					"WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id");
	struct buf ids;
	int rc;

	if (!stmt)
		return STORE_ERROR;
	buf_init(&ids, 0);
	buf_addc(&ids, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(&ids, "%s%lld", i ? "," : "", h[i].rowid);
	buf_addc(&ids, ']');
	sqlite3_bind_text(stmt, 1, ids.p, (int)ids.n, SQLITE_STATIC);
	for (size_t i = 0; (rc = sqlite3_step(stmt)) == SQLITE_ROW;) {
		long long id = sqlite3_column_int64(stmt, 0);
		while (i < n && h[i].rowid < id)
			i++;
		if (i < n && h[i].rowid == id)
			h[i].score = search_score(t, nt, (const char *)sqlite3_column_text(stmt, 1),
						  &h[i].nwords);
	}
	sqlite3_reset(stmt);
	buf_free(&ids);
	if (rc != SQLITE_DONE)
		return map_rc(s, rc, "people_search_content");
	search_sort(h, n);

	struct buf sql;
	buf_init(&sql, 0);
	sql_select_from(&sql, &ENT_PERSON);
	buf_adds(&sql, " WHERE rowid = ?");
	stmt = prepare(s, sql.p);
	buf_free(&sql);
	if (!stmt)
		return STORE_ERROR;
	size_t from = (size_t)offset < n ? (size_t)offset : n;
	size_t to = (size_t)limit < n - from ? from + (size_t)limit : n;
	out->items = arena_alloc(a, sizeof(void *) * (to - from + 1));
	for (size_t i = from; i < to; i++) {
		sqlite3_bind_int64(stmt, 1, h[i].rowid);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			void *rec = arena_alloc(a, ENT_PERSON.size);
			read_row(stmt, &ENT_PERSON, a, rec);
			out->items[out->n++] = rec;
		}
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return map_rc(s, rc, "people");
	}
	return STORE_OK;
}

/* Finds the first SEARCH_RANK_MAX + 1 matches by rowid alone (FTS5 reads
 * no row for that). At most SEARCH_RANK_MAX: they are all, and are ranked
 * in C. More: counted inside SQLite, and the page listed newest first. */
static int sq_person_search(struct store *st, struct arena *a, const struct search_term *t,
			    size_t nt, long limit, long offset, struct store_list *out)
{
	struct sqlite_store *s = S(st);
	struct buf q, sql;
	int rc = STORE_OK, none = nt == 0;

	out->n = 0;
	out->total = 0;
	out->items = NULL;
	buf_init(&q, 64 * 1024);
	for (size_t i = 0; i < nt && !none && !rc; i++) {
		if (i)
			buf_adds(&q, " AND ");
		rc = term_query(s, &t[i], &q, &none);
	}
	if (rc || q.err || none) {
		buf_free(&q);
		return rc;
	}

	sqlite3_stmt *stmt = prepare(s, "SELECT rowid FROM people_search WHERE people_search MATCH ? "
					"ORDER BY rowid LIMIT ?");
	if (!stmt) {
		buf_free(&q);
		return STORE_ERROR;
	}
	struct search_hit *h = arena_alloc(a, sizeof(*h) * (SEARCH_RANK_MAX + 1));
	size_t n = 0;
	sqlite3_bind_text(stmt, 1, q.p, (int)q.n, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, SEARCH_RANK_MAX + 1);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if (n <= SEARCH_RANK_MAX) /* the LIMIT: always */
			h[n++] = (struct search_hit){ .rowid = sqlite3_column_int64(stmt, 0) };
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		buf_free(&q);
		return map_rc(s, rc, "people_search");
	}
	if (n <= SEARCH_RANK_MAX) {
		buf_free(&q);
		out->total = (long long)n;
		return ranked_page(s, a, h, n, t, nt, limit, offset, out);
	}

	rc = count(s, "SELECT count(*) FROM people_search WHERE people_search MATCH ?", q.p,
		   &out->total);
	if (rc) {
		buf_free(&q);
		return rc;
	}
	/* Newest first: FTS5 walks its rowids backwards and stops at the
	 * page; then only that page of people is read. */
	buf_init(&sql, 0);
	buf_adds(&sql, "SELECT ");
	sql_columns(&sql, &ENT_PERSON, "p.");
	buf_adds(&sql, " FROM (SELECT rowid FROM people_search WHERE people_search MATCH ? "
		       "ORDER BY rowid DESC LIMIT ? OFFSET ?) f JOIN people p ON p.rowid = f.rowid "
		       "ORDER BY f.rowid DESC");
	stmt = prepare(s, sql.p);
	buf_free(&sql);
	if (!stmt) {
		buf_free(&q);
		return STORE_ERROR;
	}
	sqlite3_bind_text(stmt, 1, q.p, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, limit);
	sqlite3_bind_int64(stmt, 3, offset);
	buf_free(&q);
	return collect(s, stmt, &ENT_PERSON, a, limit, out);
}

/* SQLite has no replicas: no position to wait for. */
static int sq_position(struct store *st, char out[STORE_POSITION_MAX])
{
	(void)st;
	out[0] = 0;
	return STORE_OK;
}

static int sq_scan(struct store *st, const struct entity *e, struct arena *a, const char *after,
		   long limit, struct store_list *out)
{
	const struct field *key = &e->fields[0];
	struct buf sql;

	out->total = -1;
	buf_init(&sql, 0);
	sql_select_from(&sql, e);
	if (after)
		buf_printf(&sql, " WHERE %s > ?", key->name);
	buf_printf(&sql, " ORDER BY %s LIMIT ?", key->name);
	sqlite3_stmt *stmt = prepare(S(st), sql.p);
	buf_free(&sql);
	if (!stmt)
		return STORE_ERROR;
	int i = 1;
	if (after)
		bind_field(stmt, i++, key, after); /* an integer key compares as a number */
	sqlite3_bind_int64(stmt, i, limit);
	return collect(S(st), stmt, e, a, limit, out);
}

/* The FTS5 table is keyed by people.rowid; the join gives the person's id.
 * CROSS JOIN keeps people outside, so each page walks the id index from
 * after: left to itself the planner scans the whole FTS table and sorts,
 * on every page. */
static int sq_index_scan(struct store *st, struct arena *a, const char *after, long limit,
			 struct store_list *out)
{
	struct sqlite_store *s = S(st);
	sqlite3_stmt *stmt = prepare(s, after ? "SELECT p.id, f.words FROM people p "
						"CROSS JOIN people_search f ON f.rowid = p.rowid "
						"WHERE p.id > ? ORDER BY p.id LIMIT ?"
					      : "SELECT p.id, f.words FROM people p "
						"CROSS JOIN people_search f ON f.rowid = p.rowid "
						"ORDER BY p.id LIMIT ?");
	int rc, i = 1;

	out->total = -1;
	out->n = 0;
	size_t cap = 0;
	items_room(a, out, &cap);
	if (!stmt)
		return STORE_ERROR;
	if (after)
		sqlite3_bind_text(stmt, i++, after, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, i, limit);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && out->n < (size_t)limit) {
		items_room(a, out, &cap);
		struct index_entry *x = arena_alloc(a, sizeof(*x));
		x->person_id = arena_strdup(a, (const char *)sqlite3_column_text(stmt, 0));
		x->words = arena_strdup(a, (const char *)sqlite3_column_text(stmt, 1));
		out->items[out->n++] = x;
	}
	sqlite3_reset(stmt);
	return map_rc(s, rc, "people_search");
}

static int sq_has_table(struct store *st, const char *table, int *yes)
{
	long long n = 0;
	int rc = count(S(st), "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
		       table, &n);
	*yes = n > 0;
	return rc;
}

/* A bulk load writes each record at once through INSERTs prepared for the
 * load (owned by it, so the statement cache cannot evict them); the
 * transaction's one commit is what makes it fast. */
struct sq_bulk {
	struct store_bulk base; /* first */
	/* The connection the load's transaction runs on (the file's shared
	 * writer connection, see struct file_writer): its statements are
	 * prepared there and it gets its cache size back there. */
	struct sqlite_store *conn;
	sqlite3_stmt *insert[STORE_BULK_TABLES]; /* prepared on first use */
	sqlite3_stmt *index;
	/* The person added last: their search entry usually follows. */
	sqlite3_int64 person_rowid;
	char person_id[64];
	int cache_size; /* the connection's, given back at the end */
	struct vocab_seen vocab;
};

static sqlite3_stmt *bulk_prepare(struct sqlite_store *s, const char *sql)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)) {
		log_error("sqlite prepare: %s: %s", sqlite3_errmsg(s->db), sql);
		return NULL;
	}
	return stmt;
}

/* PRAGMA cache_size: pages, or KiB when negative. */
static int cache_size(struct sqlite_store *s, int set, int *value)
{
	char sql[64];
	sqlite3_stmt *stmt;
	if (set)
		snprintf(sql, sizeof(sql), "PRAGMA cache_size = %d", *value);
	else
		snprintf(sql, sizeof(sql), "PRAGMA cache_size");
	if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL))
		return map_rc(s, sqlite3_errcode(s->db), "cache_size");
	int rc = sqlite3_step(stmt);
	if (!set && rc == SQLITE_ROW)
		*value = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return map_rc(s, rc, "cache_size");
}

/* A load keeps a 256 MiB page cache (the default is 2 MiB): the indexes'
 * pages it touches again and again stay in memory. */
#define BULK_CACHE_KIB 262144

static int sq_bulk_begin(struct store *st, struct store_bulk **out)
{
	struct sq_bulk *b = calloc(1, sizeof(*b));
	int big = -BULK_CACHE_KIB, rc;
	if (!b)
		log_fatal("out of memory");
	b->conn = S(st);
	if ((rc = cache_size(b->conn, 0, &b->cache_size)) || (rc = cache_size(b->conn, 1, &big))) {
		free(b);
		return rc;
	}
	*out = &b->base;
	return STORE_OK;
}

static int sq_bulk_add(struct store_bulk *base, size_t table, const void *rec)
{
	struct sq_bulk *b = (struct sq_bulk *)base;
	struct sqlite_store *s = b->conn;
	const struct entity *e = base->tables[table];
	if (!b->insert[table]) {
		struct buf sql;
		buf_init(&sql, 0);
		sql_insert(&sql, e, 0);
		b->insert[table] = bulk_prepare(s, sql.p);
		buf_free(&sql);
		if (!b->insert[table])
			return STORE_ERROR;
	}
	int rc = insert_row(s, b->insert[table], e, rec);
	if (!rc && e == &ENT_PERSON) {
		b->person_rowid = sqlite3_last_insert_rowid(s->db);
		snprintf(b->person_id, sizeof(b->person_id), "%s", ((const struct person *)rec)->id);
	}
	return rc;
}

/* A person added in this load has no entry yet: no DELETE first. */
static int sq_bulk_index(struct store_bulk *base, const char *person_id, const char *words)
{
	struct sq_bulk *b = (struct sq_bulk *)base;
	struct sqlite_store *s = b->conn;
	sqlite3_int64 rowid = b->person_rowid;
	int rc;
	if (strcmp(person_id, b->person_id) != 0 && (rc = person_rowid(s, person_id, &rowid)))
		return rc;
	if (!b->index && !(b->index = bulk_prepare(s, INDEX_INSERT)))
		return STORE_ERROR;
	return index_insert(s, b->index, rowid, words, &b->vocab);
}

static int sq_bulk_flush(struct store_bulk *base)
{
	(void)base;
	return STORE_OK; /* everything went in as it was added */
}

static void sq_bulk_free(struct store_bulk *base)
{
	struct sq_bulk *b = (struct sq_bulk *)base;
	cache_size(b->conn, 1, &b->cache_size);
	for (size_t i = 0; i < STORE_BULK_TABLES; i++)
		sqlite3_finalize(b->insert[i]);
	sqlite3_finalize(b->index);
	vocab_seen_free(&b->vocab);
	free(b);
}

const struct store_engine store_sqlite = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.schema_version = sq_schema_version,
	.insert = sq_insert,
	.update = sq_update,
	.get = sq_get,
	.list = sq_list,
	.count = sq_count,
	.count_by = sq_count_by,
	.remove = sq_remove,
	.next_number = sq_next_number,
	.person_index = sq_person_index,
	.index_optimize = sq_index_optimize,
	.index_drain = sq_index_drain,
	.person_search = sq_person_search,
	.position = sq_position,
	.scan = sq_scan,
	.index_scan = sq_index_scan,
	.has_table = sq_has_table,
	.read_begin = sq_read_begin,
	.read_end = sq_read_end,
	.durable_pending = sq_durable_pending,
	.when_durable = sq_when_durable,
	.wait_durable = sq_wait_durable,
	.publish = sq_publish,
	.bulk_begin = sq_bulk_begin,
	.bulk_add = sq_bulk_add,
	.bulk_index = sq_bulk_index,
	.bulk_flush = sq_bulk_flush,
	.bulk_free = sq_bulk_free,
};

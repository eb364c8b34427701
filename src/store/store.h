/* store.h: the storage interface. Everything above this layer talks to a
 * database only through these functions; each engine (store_sqlite.c,
 * store_pg.c) implements struct store_engine. */
#ifndef AMPARO_STORE_H
#define AMPARO_STORE_H

#include <stddef.h>

#include "base/arena.h"
#include "store/model.h"

enum store_err {
	STORE_OK = 0,
	STORE_NOTFOUND = 1,
	STORE_CONFLICT = 2, /* a unique key is taken */
	STORE_BUSY = 3,     /* the database stayed locked past the timeout */
	STORE_ERROR = 4,    /* anything else; the engine logged what */
};

struct store;
struct store_bulk;
struct crypto_keyring;

/* One search term: a person matches when, for every term, one of their
 * indexed words starts with word or equals the phonetic key phon. */
struct search_term {
	const char *word;
	const char *phon;
};

/* Searches matching more people than this are listed newest first rather
 * than by relevance: ranking every match of a common name ("María",
 * "González") costs tens of milliseconds at a million people, and among
 * thousands of equally good matches relevance says little. */
#define SEARCH_RANK_MAX 1000

/* One condition of a list: column key equals value. A key may end with
 * an operator ("starts_at<", "starts_at>="; one of < <= > >=): the
 * column then compares to value. Text compares in the database's order:
 * use it for values of one fixed format (ISO dates and times), whose
 * order agrees on both engines. A key written STORE_ANY("col")
 * makes value a comma-separated list of codes (letters, digits and dashes
 * only, as office codes are): the column equals one of them. */
struct store_filter {
	const char *key, *value;
};
#define STORE_ANY(col) ("*" col)

struct store_list {
	void **items; /* records of the listed entity, in the arena */
	size_t n;
	long long total; /* all matches, ignoring limit and offset; -1 when not counted */
};

/* One person's entry in the name search index, as store_index_scan reads
 * it: words space-separated, in the engine's order (PostgreSQL keeps each
 * word once, sorted; SQLite keeps them as written). */
struct index_entry {
	char *person_id, *words;
};

/* Room for a write-ahead log position as text, e.g. "16/B374D848". */
#define STORE_POSITION_MAX 32

struct store_engine {
	const char *name;
	int (*open)(const char *url, struct store **out);
	void (*close)(struct store *st);
	int (*exec)(struct store *st, const char *sql);
	int (*begin)(struct store *st);
	int (*commit)(struct store *st);
	int (*rollback)(struct store *st);
	int (*schema_version)(struct store *st, int *version);
	int (*insert)(struct store *st, const struct entity *e, const void *rec);
	int (*update)(struct store *st, const struct entity *e, const void *rec);
	int (*get)(struct store *st, const struct entity *e, struct arena *a,
		   const char *key, const char *value, void *rec);
	int (*list)(struct store *st, const struct entity *e, struct arena *a,
		    const struct store_filter *f, size_t nf, const char *order, int desc,
		    long limit, long offset, struct store_list *out);
	int (*count)(struct store *st, const struct entity *e, const struct store_filter *f,
		     size_t nf, long long *n);
	int (*count_by)(struct store *st, const struct entity *e, struct arena *a,
			const struct store_filter *f, size_t nf, const char *const *by, size_t nby,
			const char *sum, struct store_list *out);
	int (*remove)(struct store *st, const struct entity *e, const char *id);
	int (*next_number)(struct store *st, const char *counter, long long n, long long *out);
	int (*person_index)(struct store *st, const char *person_id, const char *words);
	int (*index_optimize)(struct store *st); /* NULL: nothing to do */
	/* Optional (NULL: entries go into the index as they are written):
	 * moves entries kept aside into the index; *drained: a snapshot taken
	 * before does not see them. */
	int (*index_drain)(struct store *st, int *drained);
	int (*person_search)(struct store *st, struct arena *a, const struct search_term *t,
			     size_t nt, long limit, long offset, struct store_list *out);
	int (*position)(struct store *st, char out[STORE_POSITION_MAX]);
	int (*scan)(struct store *st, const struct entity *e, struct arena *a, const char *after,
		    long limit, struct store_list *out);
	int (*index_scan)(struct store *st, struct arena *a, const char *after, long limit,
			  struct store_list *out);
	int (*has_table)(struct store *st, const char *table, int *yes);
	/* Optional (NULL: store_read_begin does nothing on this engine). */
	int (*read_begin)(struct store *st);
	int (*read_end)(struct store *st);
	/* Optional (NULL: every commit returns once durable). */
	int (*durable_pending)(struct store *st);
	void (*when_durable)(struct store *st, void (*done)(void *arg, int rc), void *arg);
	int (*wait_durable)(struct store *st);
	void (*publish)(struct store *st);
	int (*bulk_begin)(struct store *st, struct store_bulk **out);
	int (*bulk_add)(struct store_bulk *b, size_t table, const void *rec);
	int (*bulk_index)(struct store_bulk *b, const char *person_id, const char *words);
	int (*bulk_flush)(struct store_bulk *b);
	void (*bulk_free)(struct store_bulk *b);
	int bulk_sets_aside; /* see store_bulk_sets_aside */
};

struct store {
	const struct store_engine *eng;
	int depth; /* nesting of store_begin */
	int failed; /* a nested transaction failed: the outer one must roll back */
	unsigned long commits; /* outermost commits that succeeded: tells a caller a call wrote */
	int reading; /* inside store_read_begin */
	int raw; /* sealed columns written as given, not sealed (amparo transfer) */
	int defer_durable; /* see store_when_durable */
	struct memo *memo; /* answers kept in this read transaction (memo.c) */
	struct store_bulk *bulk; /* the open bulk load, if any */
};

/* True when url names a PostgreSQL database (postgresql://…). */
int store_is_pg(const char *url);
/* Opens a database by URL: postgresql://… (any libpq connection URI)
 * selects PostgreSQL, anything else is a SQLite file path. On failure returns
 * STORE_ERROR and writes a reason for the operator into err. */
int store_open(const char *url, struct store **out, char *err, size_t errlen);
void store_close(struct store *st);
/* Applies every migration newer than the schema; *applied gets how many. */
int store_migrate(struct store *st, int *applied);
int store_schema_version(struct store *st, int *version);
/* The newest migration this binary knows. */
int store_latest_version(void);

/* Transactions nest: only the outermost begin/commit reaches the engine;
 * a rollback anywhere makes the outermost commit roll back too. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* One snapshot for a run of reads, such as the queries of one page: on
 * SQLite a single read transaction instead of one per statement (cheaper,
 * and every query sees the same state); on PostgreSQL a REPEATABLE READ
 * transaction (there a statement that fails ends the snapshot, and the
 * page's later queries run in a new one). A store_begin inside it ends the
 * snapshot first; later reads then run one statement at a time again.
 * Inside it the same store_get, store_list(_where) or store_count(_where)
 * asked twice is answered from what the first call read (memo.c).
 * store_read_end ends it, and does nothing when no snapshot is open. */
int store_read_begin(struct store *st);
void store_read_end(struct store *st);
/* Moves an open snapshot to the present, to see what other connections
 * committed since it began; does nothing when none is open. */
void store_read_renew(struct store *st);

/* Durable later. store_commit returns once the transaction is on disk,
 * unless st->defer_durable is set: then, on an engine that commits in
 * groups (SQLite), it returns once the transaction is in the open group,
 * before the group's COMMIT (st's own reads see it; other connections
 * once the group is committed) and before the disk has it, so that the
 * thread can serve others meanwhile. Whoever set it must then not report
 * the writes saved before store_when_durable says so, and must ask it
 * (or store_wait_durable): that is what gets the group committed.
 * store_durable_pending: whether commits of st wait for the disk.
 * store_when_durable: calls done(arg, rc) once every commit of st so far
 * is on disk (rc STORE_OK), or can no longer be (STORE_ERROR: the group's
 * COMMIT or the flush failed, see store_sqlite.c): at once, in this
 * thread, when nothing is waiting, or later from a thread of the store's. */
int store_durable_pending(struct store *st);
void store_when_durable(struct store *st, void (*done)(void *arg, int rc), void *arg);
/* The same wait in this thread: returns done's rc. */
int store_wait_durable(struct store *st);
/* Makes st's commits visible to other connections now, before the disk
 * has them (a deferring store's may wait in the open group otherwise). */
void store_publish(struct store *st);

int store_insert(struct store *st, const struct entity *e, const void *rec);
/* Rewrites every column of the record whose id matches rec's id. */
int store_update(struct store *st, const struct entity *e, const void *rec);
/* Reads the record whose column key equals value into rec (strings in a). */
int store_get(struct store *st, const struct entity *e, struct arena *a, const char *key,
	      const char *value, void *rec);
/* Lists records whose column key equals value (key NULL: all), ordered by
 * the column order (must be one of e's fields). limit <= 0 means 100.
 * out->total is -1: counting is a separate call (store_count), because
 * counting a large table costs more than reading a page of it. */
int store_list(struct store *st, const struct entity *e, struct arena *a, const char *key,
	       const char *value, const char *order, int desc, long limit, long offset,
	       struct store_list *out);
/* Counts the records whose column key equals value (key NULL: all). */
int store_count(struct store *st, const struct entity *e, const char *key, const char *value,
		long long *n);
/* store_list and store_count with every one of the nf filters at once
 * (nf 0: all records); each filter's key must be one of e's fields. */
int store_list_where(struct store *st, const struct entity *e, struct arena *a,
		     const struct store_filter *f, size_t nf, const char *order, int desc,
		     long limit, long offset, struct store_list *out);
int store_count_where(struct store *st, const struct entity *e, const struct store_filter *f,
		      size_t nf, long long *n);
/* One group of store_count_by: the grouped columns' values (NULL for
 * NULL) and how many records have them. */
#define STORE_GROUP_MAX 3
struct store_group {
	char *v[STORE_GROUP_MAX];
	long long n;
	long long sum; /* store_sum_by: the summed column over the group */
};
/* Counts the records matching every filter, grouped by the nby (1 to
 * STORE_GROUP_MAX) columns in by: out->items are struct store_group, in
 * no particular order; out->total is -1. */
int store_count_by(struct store *st, const struct entity *e, struct arena *a,
		   const struct store_filter *f, size_t nf, const char *const *by, size_t nby,
		   struct store_list *out);
/* store_count_by that also sums the integer column sum (one of e's
 * fields) over each group into its sum member: one SQL SUM, so a total
 * over millions of rows never reads them into memory. */
int store_sum_by(struct store *st, const struct entity *e, struct arena *a,
		 const struct store_filter *f, size_t nf, const char *const *by, size_t nby,
		 const char *sum, struct store_list *out);
int store_remove(struct store *st, const struct entity *e, const char *id);
/* Returns the next value of a named counter (1, 2, …), inside a transaction. */
int store_next_number(struct store *st, const char *counter, long long *out);
/* Takes the next n (>= 1) values of a named counter at once, inside a
 * transaction: *last gets the last of them, so they are *last - n + 1 to
 * *last. */
int store_next_numbers(struct store *st, const char *counter, long long n, long long *last);
/* Replaces the search words of a person (space-separated). */
int store_person_index(struct store *st, const char *person_id, const char *words);
/* Puts the entries an engine keeps aside into the search index now (SQLite
 * queues them, see store_sqlite.c): inside a transaction, as part of it
 * (an anonymisation's old words must not outlive it); outside one,
 * committed, and a snapshot that could not see them is renewed. Every
 * read of the index does this first. */
int store_index_current(struct store *st);
/* Tidies the search index after a bulk load, inside a write transaction.
 * SQLite: merges FTS5's segments into one, as many small loads leave
 * them; else the first registrations after the load would pay for those
 * merges, several milliseconds each. PostgreSQL: nothing (the GIN index
 * keeps no pending list, see 0001_init.postgresql.sql). */
int store_index_optimize(struct store *st);
/* The people whose words match every term, page [offset, offset + limit):
 * at most SEARCH_RANK_MAX ranked by search_score (store/search.h), more
 * listed newest first. out->total counts them all. */
int store_person_search(struct store *st, struct arena *a, const struct search_term *t,
			size_t nt, long limit, long offset, struct store_list *out);

/* The database's write-ahead log position, for reading one's own writes
 * on a replica: on PostgreSQL the current position on a primary and the
 * last replayed one on a replica ("16/B374D848"); "" on SQLite, which has
 * no replicas. */
int store_position(struct store *st, char out[STORE_POSITION_MAX]);
/* A position as a number, for comparing: PostgreSQL's "X/Y" is two
 * hexadecimal halves of 64 bits, so "10/0" is after "9/FF" though it sorts
 * before it as text. 0 for "" or anything malformed. */
unsigned long long store_position_value(const char *pos);

/* Keyset paging over a whole table, for copying and checking it: up to
 * limit records (limit <= 0 means 100) whose key (e's first field) is
 * greater than after (NULL: from the start), in ascending key order. The
 * next page starts after the last key returned; fewer than limit records
 * means the end. Costs the same on the last page as on the first, unlike
 * store_list's OFFSET. Integer keys compare as numbers, text keys in the
 * database's order (byte order on SQLite; the collation on PostgreSQL,
 * which agrees for amparo's UUIDv7 keys). Every field reads back as text:
 * integers as plain decimal digits on both engines. out->total is -1. */
int store_scan(struct store *st, const struct entity *e, struct arena *a, const char *after,
	       long limit, struct store_list *out);
/* The same for the name search index: struct index_entry items ordered by
 * person_id, people without an entry left out. */
int store_index_scan(struct store *st, struct arena *a, const char *after, long limit,
		     struct store_list *out);

/* An unfinished transfer (amparo transfer) marks its target: the schema
 * version rows are removed and a table transfer_incomplete created, in
 * one transaction, before the first record is copied. store_migrate (and
 * so every command) refuses such a database, and an older amparo fails on
 * it too (it would try to create existing tables). store_transfer_finish
 * writes the schema versions back and drops the marker, in one
 * transaction, after the copy has been verified. */
int store_transfer_mark(struct store *st);
int store_transfer_finish(struct store *st);
/* *yes = 1 when st carries the mark of an unfinished transfer. */
int store_transfer_pending(struct store *st, int *yes);

/* Bulk loading: many new records in one transaction, for generators
 * (amparo demo) and imports; about twenty times faster than one
 * store_insert per record. Inside store_begin … store_commit:
 *
 *   store_bulk_begin(st, tables, n, &b);
 *   store_bulk_add(b, &ENT_X, &rec); … store_bulk_index(b, id, words); …
 *   rc = store_bulk_flush(b);
 *   store_bulk_free(b);
 *
 * tables lists every entity the load will add, parents before children
 * (a table another references by foreign key comes first); the search
 * index comes after them all. The adds copy each record and go on; a
 * thread of the load's own writes them, in order, while the caller makes
 * the next ones (bulk_pipe.h), and any other call on st first waits until
 * it has. The engine then writes them either at once (SQLite: prepared
 * INSERTs kept for the whole load) or in the listed table order whenever
 * its buffers pass a few megabytes and at store_bulk_flush (PostgreSQL:
 * one COPY per table), so reads in between may not see them on
 * PostgreSQL, and a foreign key may only point at a record added before it
 * (or stored before the load). Everything added is new: a duplicate key
 * fails a later add or the flush with STORE_CONFLICT (the log names the
 * record). store_bulk_index takes the search
 * words (as store_person_index) of a person added earlier in the same
 * load or stored before it, who has no entry yet. The add calls copy
 * what they need: rec's strings may be freed as soon as they return.
 * After a failure the caller rolls the transaction back. store_bulk_free
 * discards what was not written yet; what was stays in the transaction, so
 * a load freed without its flush is rolled back. A commit with a load
 * still open flushes it first, and rolls back if that fails; a rollback or
 * store_close discards what it had still to write. */
int store_bulk_begin(struct store *st, const struct entity *const *tables, size_t n,
		     struct store_bulk **out);
int store_bulk_add(struct store_bulk *b, const struct entity *e, const void *rec);
int store_bulk_index(struct store_bulk *b, const char *person_id, const char *words);
int store_bulk_flush(struct store_bulk *b);
void store_bulk_free(struct store_bulk *b);
/* 1 when the engine builds the indexes and foreign keys of a load's
 * nearly empty tables (fewer than STORE_SET_ASIDE_ROWS rows) once, at
 * store_bulk_flush, instead of row by row (PostgreSQL, see set_aside in
 * store_pg.c): filling such tables is then fastest in one load, not in
 * many. */
#define STORE_SET_ASIDE_ROWS 10000
int store_bulk_sets_aside(const struct store *st);

/* What every engine's bulk load starts with (internal to src/store/). */
#define STORE_BULK_TABLES 16
struct store_bulk {
	struct store *st;
	const struct entity *tables[STORE_BULK_TABLES];
	size_t ntables;
	struct bulk_pipe *pipe; /* its writer thread (bulk_pipe.h) */
};
/* st's engine, once an open bulk load's writer has written all it was
 * given: every call on st but the load's own goes through it. */
const struct store_engine *store_eng(struct store *st);

/* ---- sealed columns (seal.c, docs/encryption.md) ----
 * store_insert, store_update and store_bulk_add seal every F_SEALED field
 * with crypto_keys (unless st->raw); store_get and store_list open them
 * (a value without the sealed prefix, stored before encryption, reads as
 * it is). A value that does not open fails the read with STORE_ERROR:
 * never garbage. store_scan reads them as stored, so amparo transfer
 * copies ciphertext as it is. */

/* 1 when e has an F_SEALED field. */
int store_entity_sealed(const struct entity *e);
/* Checks the database against crypto_keys: STORE_OK when it holds no
 * sealed value, or when crypto_keys opens one of each sealed column;
 * otherwise STORE_ERROR and a reason for the operator in err. */
int store_seal_check(struct store *st, char *err, size_t errlen);
struct store_sealed_count {
	long long values; /* sealed fields seen (not NULL) */
	long long changed; /* re-sealed by this run */
	long long failed; /* not sealed, or not opened by the ring */
};
/* Re-seals every sealed value of table e not yet sealed with ring's first
 * key (plain values too), opening them with any key of ring, in one
 * transaction: all of e or nothing. Running it again after an
 * interruption goes on where it stopped. */
int store_reseal(struct store *st, const struct entity *e, const struct crypto_keyring *ring,
		 struct store_sealed_count *count);
/* Opens every sealed value of e with ring alone; count->failed says how
 * many did not open (or were not sealed at all). */
int store_sealed_verify(struct store *st, const struct entity *e,
			const struct crypto_keyring *ring, struct store_sealed_count *count);
/* Internal to src/store/: *out becomes a malloc'd copy of rec with its
 * sealed fields sealed (NULL when e has none); store_seal_free frees it. */
int store_seal_record(const struct entity *e, const void *rec, void **out);
void store_seal_free(const struct entity *e, const void *rec, void *copy);
/* Opens rec's sealed fields in place (the plain text in a). */
int store_open_record(const struct entity *e, struct arena *a, void *rec);

extern const struct store_engine store_sqlite, store_pg;

#endif

/* test_store_sqlite.c: the SQLite engine through the store interface. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

struct t {
	struct testdb db;
	struct arena *a;
};

static int setup(void **state)
{
	static struct t t;
	if (testdb_open(&t.db))
		return -1;
	t.a = arena_new();
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;
	testdb_close(&t->db);
	arena_free(t->a);
	return 0;
}

static struct person person_rec(struct arena *a, int n, const char *given, const char *created)
{
	return (struct person){
		.id = arena_printf(a, "id-%03d", n), .ref = arena_printf(a, "P-%06d", n),
		.given_names = (char *)given, .status = "active", .birth_estimated = "0",
		.created_at = (char *)created, .updated_at = (char *)created,
	};
}

static void test_insert_get_roundtrip(void **state)
{
	struct t *t = *state;
	struct person in = person_rec(t->a, 1, "María José", "2024-01-01T00:00:00Z"), out;
	in.surname1 = "Pérez";
	in.birth_estimated = "1";
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &in), STORE_OK);

	memset(&out, 0, sizeof(out));
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", "id-001", &out), STORE_OK);
	assert_string_equal(out.id, "id-001");
	assert_string_equal(out.ref, "P-000001");
	assert_string_equal(out.given_names, "María José");
	assert_string_equal(out.surname1, "Pérez");
	assert_string_equal(out.birth_estimated, "1"); /* an F_INT comes back as digits */
	assert_null(out.surname2);                     /* NULL stays NULL */
	assert_null(out.email);

	/* By another key, and with the default key (the first column). */
	memset(&out, 0, sizeof(out));
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "ref", "P-000001", &out), STORE_OK);
	assert_string_equal(out.id, "id-001");
	memset(&out, 0, sizeof(out));
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, NULL, "id-001", &out), STORE_OK);
	assert_string_equal(out.ref, "P-000001");
}

static void test_get_notfound(void **state)
{
	struct t *t = *state;
	struct person out;
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", "nope", &out), STORE_NOTFOUND);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", NULL, &out), STORE_NOTFOUND);
}

static void test_update(void **state)
{
	struct t *t = *state;
	struct person p = person_rec(t->a, 1, "Ana", "2024-01-01T00:00:00Z"), out;
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p), STORE_OK);
	p.given_names = "Ana Lucía";
	p.phone = "6123-4567";
	assert_int_equal(store_update(t->db.st, &ENT_PERSON, &p), STORE_OK);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", p.id, &out), STORE_OK);
	assert_string_equal(out.given_names, "Ana Lucía");
	assert_string_equal(out.phone, "6123-4567");

	/* Every column is rewritten: a NULL field clears the stored value. */
	p.phone = NULL;
	assert_int_equal(store_update(t->db.st, &ENT_PERSON, &p), STORE_OK);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", p.id, &out), STORE_OK);
	assert_null(out.phone);

	struct person ghost = person_rec(t->a, 99, "Nadie", "2024-01-01T00:00:00Z");
	assert_int_equal(store_update(t->db.st, &ENT_PERSON, &ghost), STORE_NOTFOUND);
}

static void test_conflict_on_unique(void **state)
{
	struct t *t = *state;
	struct person p1 = person_rec(t->a, 1, "Ana", "2024-01-01T00:00:00Z");
	struct person p2 = person_rec(t->a, 2, "Beto", "2024-01-01T00:00:00Z");
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p1), STORE_OK);
	p2.ref = p1.ref; /* ref is UNIQUE */
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p2), STORE_CONFLICT);
	p2.ref = "P-000002";
	p2.id = p1.id; /* id is the PRIMARY KEY */
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p2), STORE_CONFLICT);

	struct user u1 = { .id = "u1", .name = "ana", .role = "admin", .password_hash = "h",
			   .disabled = "0", .created_at = "2024-01-01T00:00:00Z" };
	struct user u2 = u1;
	u2.id = "u2";
	assert_int_equal(store_insert(t->db.st, &ENT_USER, &u1), STORE_OK);
	assert_int_equal(store_insert(t->db.st, &ENT_USER, &u2), STORE_CONFLICT); /* name UNIQUE */

	/* A NOT NULL violation is an error, not a conflict. */
	struct person bad = person_rec(t->a, 3, NULL, "2024-01-01T00:00:00Z");
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &bad), STORE_ERROR);
}

static void test_list_order_paging_and_count(void **state)
{
	struct t *t = *state;
	const char *names[] = { "Ana", "Beto", "Carla", "Dario", "Elena" };
	for (int i = 0; i < 5; i++) {
		struct person p = person_rec(t->a, i + 1, names[i],
					     arena_printf(t->a, "2024-01-0%dT00:00:00Z", 5 - i));
		p.province = i % 2 ? "8" : "13";
		assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p), STORE_OK);
	}
	struct store_list l;
	assert_int_equal(store_list(t->db.st, &ENT_PERSON, t->a, NULL, NULL, "given_names", 0, 2, 0, &l), STORE_OK);
	assert_int_equal(l.total, -1); /* not counted: store_count does that */
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct person *)l.items[0])->given_names, "Ana");
	assert_string_equal(((struct person *)l.items[1])->given_names, "Beto");

	assert_int_equal(store_list(t->db.st, &ENT_PERSON, t->a, NULL, NULL, "given_names", 0, 2, 4, &l), STORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct person *)l.items[0])->given_names, "Elena");

	assert_int_equal(store_list(t->db.st, &ENT_PERSON, t->a, NULL, NULL, "created_at", 1, 0, 0, &l), STORE_OK);
	assert_int_equal(l.n, 5); /* limit 0 means the default */
	assert_string_equal(((struct person *)l.items[0])->given_names, "Ana"); /* newest first */
	assert_string_equal(((struct person *)l.items[4])->given_names, "Elena");

	assert_int_equal(store_list(t->db.st, &ENT_PERSON, t->a, "province", "8", "given_names", 1, 10, 0, &l), STORE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct person *)l.items[0])->given_names, "Dario");
	assert_string_equal(((struct person *)l.items[1])->given_names, "Beto");

	assert_int_equal(store_list(t->db.st, &ENT_PERSON, t->a, "province", "5", NULL, 0, 10, 0, &l), STORE_OK);
	assert_int_equal(l.n, 0);

	/* A negative offset is treated as 0. */
	assert_int_equal(store_list(t->db.st, &ENT_PERSON, t->a, NULL, NULL, "given_names", 0, 1, -5, &l), STORE_OK);
	assert_string_equal(((struct person *)l.items[0])->given_names, "Ana");

	long long n = -7;
	assert_int_equal(store_count(t->db.st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 5);
	assert_int_equal(store_count(t->db.st, &ENT_PERSON, "province", "8", &n), STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_count(t->db.st, &ENT_PERSON, "province", "5", &n), STORE_OK);
	assert_int_equal(n, 0);
}

static void test_remove(void **state)
{
	struct t *t = *state;
	struct person p = person_rec(t->a, 1, "Ana", "2024-01-01T00:00:00Z"), out;
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p), STORE_OK);
	assert_int_equal(store_remove(t->db.st, &ENT_PERSON, p.id), STORE_OK);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", p.id, &out), STORE_NOTFOUND);
}

static void test_next_number(void **state)
{
	struct t *t = *state;
	long long n = 0;
	assert_int_equal(store_begin(t->db.st), STORE_OK);
	for (long long want = 1; want <= 3; want++) {
		assert_int_equal(store_next_number(t->db.st, "person", &n), STORE_OK);
		assert_int_equal(n, want);
	}
	assert_int_equal(store_next_number(t->db.st, "household", &n), STORE_OK);
	assert_int_equal(n, 1); /* counters are independent */
	assert_int_equal(store_commit(t->db.st), STORE_OK);

	/* A rolled-back number is handed out again. */
	assert_int_equal(store_begin(t->db.st), STORE_OK);
	assert_int_equal(store_next_number(t->db.st, "person", &n), STORE_OK);
	assert_int_equal(n, 4);
	store_rollback(t->db.st);
	assert_int_equal(store_begin(t->db.st), STORE_OK);
	assert_int_equal(store_next_number(t->db.st, "person", &n), STORE_OK);
	assert_int_equal(n, 4);
	assert_int_equal(store_commit(t->db.st), STORE_OK);
}

static const char *search1(struct t *t, const char *word, const char *phon, long long *total);

/* Group commit: writers on their own connections to one file, whose
 * transactions share commits; every fifth one fails and rolls back alone.
 * Every other writer defers the wait for the disk, as the server does:
 * each of its commits is called back once, on disk, and nothing of it
 * stays pending. */
#define WRITERS 8
#define TXS 60

struct writer_arg {
	const char *path;
	int n, defer;
	int committed, rolled_back, errors;
};

struct durable_wait {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int calls, rc;
};

static void on_durable(void *arg, int rc)
{
	struct durable_wait *d = arg;
	pthread_mutex_lock(&d->mu);
	d->calls++;
	d->rc = rc;
	pthread_cond_signal(&d->cv);
	pthread_mutex_unlock(&d->mu);
}

/* Waits for st's deferred commits to be called back as durable: 0 when
 * they were, once, and nothing is pending after. */
static int wait_on_disk(struct store *st)
{
	struct durable_wait d = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, -1 };
	store_when_durable(st, on_durable, &d);
	pthread_mutex_lock(&d.mu);
	while (d.calls == 0)
		pthread_cond_wait(&d.cv, &d.mu);
	pthread_mutex_unlock(&d.mu);
	usleep(1000); /* a second call would come now */
	return d.calls == 1 && d.rc == STORE_OK && !store_durable_pending(st) ? 0 : -1;
}

static void *write_many(void *arg)
{
	struct writer_arg *w = arg;
	struct store *st;
	char err[128];
	if (store_open(w->path, &st, err, sizeof(err)))
		return NULL;
	st->defer_durable = w->defer;
	for (int i = 0; i < TXS; i++) {
		struct arena *a = arena_new();
		long long num = 0;
		int rc = store_begin(st);
		if (!rc)
			rc = store_next_number(st, "person", &num);
		struct person p = person_rec(a, 0, "Grupo", "2025-01-01T00:00:00Z");
		p.id = arena_printf(a, "w%d-%d", w->n, i);
		p.ref = arena_printf(a, "P-%06lld", num);
		if (!rc && i % 7 == 3) { /* a nested transaction inside */
			rc = store_begin(st);
			if (!rc)
				rc = store_commit(st);
		}
		if (!rc)
			rc = store_insert(st, &ENT_PERSON, &p);
		if (!rc) /* a word of its own, found once committed */
			rc = store_person_index(st, p.id, arena_printf(a, "gc%dt%dz", w->n, i));
		if (!rc && i % 5 == 4) {
			/* A second person with the same reference: refused. */
			p.id = arena_printf(a, "w%d-%d-dup", w->n, i);
			rc = store_insert(st, &ENT_PERSON, &p);
			if (rc == STORE_CONFLICT) {
				store_rollback(st);
				w->rolled_back++;
				arena_free(a);
				continue;
			}
		}
		if (!rc)
			rc = store_commit(st);
		else if (st->depth)
			store_rollback(st);
		/* Every other deferred commit is waited for in this thread
		 * (store_wait_durable, the server's path while it stops). */
		if (!rc && w->defer &&
		    (!store_durable_pending(st) ||
		     (i % 2 ? store_wait_durable(st) || store_durable_pending(st) : wait_on_disk(st))))
			rc = STORE_ERROR;
		if (rc)
			w->errors++;
		else
			w->committed++;
		arena_free(a);
	}
	store_close(st);
	return NULL;
}

static void test_group_commit_keeps_each_transaction_alone(void **state)
{
	struct t *t = *state;
	struct writer_arg w[WRITERS];
	pthread_t th[WRITERS];
	int committed = 0;

	for (int i = 0; i < WRITERS; i++) {
		w[i] = (struct writer_arg){ .path = t->db.path, .n = i, .defer = i % 2 };
		assert_int_equal(pthread_create(&th[i], NULL, write_many, &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(w[i].errors, 0);
		assert_int_equal(w[i].rolled_back, TXS / 5);
		committed += w[i].committed;
	}
	assert_int_equal(committed, WRITERS * (TXS - TXS / 5));

	/* Every committed person is there, rolled-back ones are not, and the
	 * numbers of rolled-back transactions were handed out again: the
	 * references run 1..committed without a gap. */
	long long n = 0;
	assert_int_equal(store_count(t->db.st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, committed);
	struct person p;
	char ref[16];
	snprintf(ref, sizeof(ref), "P-%06d", committed);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "ref", ref, &p), STORE_OK);
	snprintf(ref, sizeof(ref), "P-%06d", committed + 1);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "ref", ref, &p), STORE_NOTFOUND);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", "w3-4-dup", &p), STORE_NOTFOUND);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", "w3-4", &p), STORE_NOTFOUND);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", "w3-5", &p), STORE_OK);

	/* A deferring store with nothing pending is called back at once. */
	struct durable_wait d = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, -1 };
	t->db.st->defer_durable = 1;
	assert_false(store_durable_pending(t->db.st));
	store_when_durable(t->db.st, on_durable, &d);
	assert_int_equal(d.calls, 1);
	assert_int_equal(d.rc, STORE_OK);
	t->db.st->defer_durable = 0;

	/* The search index has the committed people and no other, though
	 * their transactions shared commits with the rolled-back ones. */
	for (int wr = 0; wr < WRITERS; wr++) {
		for (int i = 0; i < TXS; i++) {
			char word[32];
			long long total;
			snprintf(word, sizeof(word), "gc%dt%dz", wr, i);
			search1(t, word, NULL, &total);
			assert_int_equal(total, i % 5 == 4 ? 0 : 1);
		}
	}

	/* And a connection opened later sees all of it. */
	struct store *late;
	char err[128];
	assert_int_equal(store_open(t->db.path, &late, err, sizeof(err)), STORE_OK);
	assert_int_equal(store_count(late, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, committed);
	store_close(late);
}

static const char *search1(struct t *t, const char *word, const char *phon, long long *total)
{
	struct search_term term = { word, phon };
	struct store_list l;
	assert_int_equal(store_person_search(t->db.st, t->a, &term, 1, 0, 0, &l), STORE_OK);
	*total = l.total;
	return l.n ? ((struct person *)l.items[0])->id : NULL;
}

static void test_person_index_and_search(void **state)
{
	struct t *t = *state;
	struct person p1 = person_rec(t->a, 1, "María José", "2024-01-01T00:00:00Z");
	struct person p2 = person_rec(t->a, 2, "Mario", "2024-01-02T00:00:00Z");
	struct person p3 = person_rec(t->a, 3, "Luis", "2024-01-03T00:00:00Z");
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p1), STORE_OK);
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p2), STORE_OK);
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p3), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, p1.id, "maria jose perez _maria _jose _peres"), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, p2.id, "mario gonzalez _mario _gonsales"), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, p3.id, "luis _luis"), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, "no-such-id", "x"), STORE_NOTFOUND);

	long long total;
	assert_string_equal(search1(t, "jose", NULL, &total), "id-001");
	assert_int_equal(total, 1);
	assert_null(search1(t, "pedro", NULL, &total));
	assert_int_equal(total, 0);
	/* A word matches as a prefix. */
	search1(t, "mari", NULL, &total);
	assert_int_equal(total, 2);
	/* Or through the phonetic key. */
	assert_string_equal(search1(t, "gonzales", "_gonsales", &total), "id-002");
	assert_int_equal(total, 1);

	/* Every term must match. */
	struct search_term two[] = { { "mari", NULL }, { "perez", "_peres" } };
	struct store_list l;
	assert_int_equal(store_person_search(t->db.st, t->a, two, 2, 10, 0, &l), STORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct person *)l.items[0])->given_names, "María José");

	/* Re-indexing replaces the old words. */
	assert_int_equal(store_person_index(t->db.st, p3.id, "pedro _pedro"), STORE_OK);
	assert_null(search1(t, "luis", NULL, &total));
	assert_string_equal(search1(t, "pedro", NULL, &total), "id-003");

	/* No terms: an empty result, not every person. */
	assert_int_equal(store_person_search(t->db.st, t->a, NULL, 0, 10, 0, &l), STORE_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.total, 0);
}

/* Rows waiting in people_search_queue (migration 0030). */
static long long queued(struct t *t)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_open(t->db.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM people_search_queue", -1,
					    &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	long long n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return n;
}

/* Index entries written in transactions: committed they are found (from
 * the queue, which the search empties), rolled back they are not, and a
 * second entry for the same person replaces the first. */
static void test_index_in_transactions(void **state)
{
	struct t *t = *state;
	struct person a = person_rec(t->a, 1, "Amalia", "2024-01-01T00:00:00Z");
	struct person b = person_rec(t->a, 2, "Bertilda", "2024-01-02T00:00:00Z");
	long long total;

	assert_int_equal(store_begin(t->db.st), STORE_OK);
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &a), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, a.id, "amalia _amalia"), STORE_OK);
	assert_int_equal(store_commit(t->db.st), STORE_OK);
	assert_int_equal(queued(t), 1); /* until the index is read */
	assert_string_equal(search1(t, "amalia", NULL, &total), "id-001");
	assert_int_equal(queued(t), 0);

	assert_int_equal(store_begin(t->db.st), STORE_OK);
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &b), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, b.id, "bertilda _bertilda"), STORE_OK);
	store_rollback(t->db.st);
	assert_null(search1(t, "bertilda", NULL, &total));
	assert_int_equal(total, 0);

	assert_int_equal(store_begin(t->db.st), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, a.id, "casandra _casandra"), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, a.id, "dorotea _dorotea"), STORE_OK);
	assert_int_equal(store_commit(t->db.st), STORE_OK);
	assert_null(search1(t, "amalia", NULL, &total));
	assert_null(search1(t, "casandra", NULL, &total));
	assert_string_equal(search1(t, "dorotea", NULL, &total), "id-001");
	assert_int_equal(total, 1);
}

/* Entries wait in the queue until the index is read or enough have come
 * (test_index_in_transactions): one queued by another process that
 * stopped before moving it is found all the same, as is one a page's
 * snapshot saw queued; a search does not wait for a writer of another
 * process; and a stream of writes without searches keeps the queue
 * short. */
static void test_search_queue(void **state)
{
	struct t *t = *state;
	struct person b = person_rec(t->a, 2, "Bertilda", "2024-01-02T00:00:00Z");
	long long total;

	/* Left in the queue by a process that stopped: found at the next search. */
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &b), STORE_OK);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(t->db.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO people_search_queue(person_rowid, words) "
					  "SELECT rowid, 'bertilda _bertilda' FROM people "
					  "WHERE id = 'id-002'",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_string_equal(search1(t, "bertilda", NULL, &total), "id-002");
	assert_int_equal(queued(t), 0);

	/* A page's snapshot that saw the person queued sees the entry once
	 * the search moved it into the index. */
	struct person c = person_rec(t->a, 3, "Casandra", "2024-01-02T00:00:00Z");
	long long n;
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &c), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, c.id, "casandra _casandra"), STORE_OK);
	assert_int_equal(store_read_begin(t->db.st), STORE_OK);
	assert_int_equal(store_count(t->db.st, &ENT_PERSON, NULL, 0, &n), STORE_OK);
	assert_string_equal(search1(t, "casandra", NULL, &total), "id-003");
	store_read_end(t->db.st);

	/* Another process holds the write lock: the search does not wait
	 * for it nor fail, it finds what the index holds; then all of it. */
	struct person d = person_rec(t->a, 4, "Dorotea", "2024-01-02T00:00:00Z");
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &d), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, d.id, "dorotea _dorotea"), STORE_OK);
	assert_int_equal(sqlite3_open(t->db.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_null(search1(t, "dorotea", NULL, &total));
	assert_string_equal(search1(t, "casandra", NULL, &total), "id-003");
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_string_equal(search1(t, "dorotea", NULL, &total), "id-004");

	/* Three hundred registrations, no search: a batch moves the queue
	 * into the index once it is long, and every one is found after. */
	for (int i = 5; i < 305; i++) {
		struct person p = person_rec(t->a, i, "X", "2024-01-03T00:00:00Z");
		assert_int_equal(store_begin(t->db.st), STORE_OK);
		assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p), STORE_OK);
		assert_int_equal(store_person_index(t->db.st, p.id,
						    arena_printf(t->a, "queued q%d", i)),
				 STORE_OK);
		assert_int_equal(store_commit(t->db.st), STORE_OK);
	}
	assert_true(queued(t) < 200);
	search1(t, "queued", NULL, &total);
	assert_int_equal(total, 300);
	assert_string_equal(search1(t, "q304", NULL, &total), "id-304");
}

/* A deferring store's commit waits in the open batch for the flusher
 * (store_sqlite.c), yet its own reads see it at once, a search inside a
 * write transaction finds the entry written in it, and a store closed
 * without waiting for the disk still commits what it wrote. */
static void test_deferred_commit_reads_its_writes(void **state)
{
	struct t *t = *state;
	struct store *st;
	char err[128];
	long long total;
	struct person p, a = person_rec(t->a, 1, "Amalia", "2024-01-01T00:00:00Z");
	struct person b = person_rec(t->a, 2, "Bertilda", "2024-01-02T00:00:00Z");
	struct search_term amalia = { "amalia", NULL };
	struct store_list l;

	assert_int_equal(store_open(t->db.path, &st, err, sizeof(err)), STORE_OK);
	st->defer_durable = 1;
	assert_int_equal(store_begin(st), STORE_OK);
	assert_int_equal(store_insert(st, &ENT_PERSON, &a), STORE_OK);
	assert_int_equal(store_person_index(st, a.id, "amalia _amalia"), STORE_OK);
	assert_int_equal(store_person_search(st, t->a, &amalia, 1, 10, 0, &l), STORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(store_commit(st), STORE_OK);
	assert_true(store_durable_pending(st));
	assert_int_equal(store_get(st, &ENT_PERSON, t->a, "id", a.id, &p), STORE_OK);
	assert_int_equal(store_person_search(st, t->a, &amalia, 1, 10, 0, &l), STORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(wait_on_disk(st), 0);
	assert_string_equal(search1(t, "amalia", NULL, &total), "id-001");

	assert_int_equal(store_begin(st), STORE_OK);
	assert_int_equal(store_insert(st, &ENT_PERSON, &b), STORE_OK);
	assert_int_equal(store_person_index(st, b.id, "bertilda _bertilda"), STORE_OK);
	assert_int_equal(store_commit(st), STORE_OK);
	store_close(st);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", b.id, &p), STORE_OK);
	assert_string_equal(search1(t, "bertilda", NULL, &total), "id-002");
}

/* Two stores of one thread on one file, while the first one's commit
 * waits in the open batch: a search in the second one's transaction
 * finds the first one's entry, and when that transaction rolls back the
 * entry is still committed with the batch; the first store reading
 * meanwhile does not wait for itself; a write outside any transaction
 * joins the batch instead of waiting for SQLite's lock. */
static void test_group_commit_two_stores_one_thread(void **state)
{
	struct t *t = *state;
	struct store *a, *b;
	char err[128];
	long long total;
	struct person p, pa = person_rec(t->a, 1, "Amalia", "2024-01-01T00:00:00Z");
	struct person pb = person_rec(t->a, 2, "Bertilda", "2024-01-02T00:00:00Z");
	struct person pc = person_rec(t->a, 3, "Casandra", "2024-01-03T00:00:00Z");
	struct person pd = person_rec(t->a, 4, "Dorotea", "2024-01-04T00:00:00Z");
	struct search_term amalia = { "amalia", NULL };
	struct store_list l;

	assert_int_equal(store_open(t->db.path, &a, err, sizeof(err)), STORE_OK);
	assert_int_equal(store_open(t->db.path, &b, err, sizeof(err)), STORE_OK);
	a->defer_durable = 1;
	assert_int_equal(store_begin(a), STORE_OK);
	assert_int_equal(store_insert(a, &ENT_PERSON, &pa), STORE_OK);
	assert_int_equal(store_person_index(a, pa.id, "amalia _amalia"), STORE_OK);
	assert_int_equal(store_commit(a), STORE_OK);

	assert_int_equal(store_begin(b), STORE_OK);
	assert_int_equal(store_insert(b, &ENT_PERSON, &pb), STORE_OK);
	assert_int_equal(store_person_search(b, t->a, &amalia, 1, 10, 0, &l), STORE_OK);
	assert_int_equal(l.total, 1);
	/* a's read comes while this thread holds the writer for b. */
	int rc = store_get(a, &ENT_PERSON, t->a, "id", pa.id, &p);
	assert_true(rc == STORE_OK || rc == STORE_NOTFOUND);
	/* Nor does a wait for a's batch, which cannot end meanwhile. */
	assert_int_equal(store_wait_durable(a), STORE_BUSY);
	assert_true(store_durable_pending(a));
	store_rollback(b);

	assert_int_equal(store_begin(a), STORE_OK);
	assert_int_equal(store_insert(a, &ENT_PERSON, &pd), STORE_OK);
	assert_int_equal(store_commit(a), STORE_OK);
	time_t start = time(NULL);
	assert_int_equal(store_insert(b, &ENT_PERSON, &pc), STORE_OK);
	assert_true(time(NULL) - start <= 1);
	assert_int_equal(store_wait_durable(a), STORE_OK);
	assert_string_equal(search1(t, "amalia", NULL, &total), "id-001");
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", pb.id, &p), STORE_NOTFOUND);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", pc.id, &p), STORE_OK);
	assert_int_equal(store_get(t->db.st, &ENT_PERSON, t->a, "id", pd.id, &p), STORE_OK);
	store_close(b);
	store_close(a);
}

static void test_search_quotes_and_operators_are_literal(void **state)
{
	struct t *t = *state;
	struct person p = person_rec(t->a, 1, "Ana", "2024-01-01T00:00:00Z");
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, p.id, "ana _ana"), STORE_OK);
	const char *hostile[] = { "\"", "ana\" OR \"x", "NEAR(ana", "ana*", "AND", "-ana", "^ana", "" };
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct search_term term = { hostile[i], hostile[i] };
		struct store_list l;
		int rc = store_person_search(t->db.st, t->a, &term, 1, 10, 0, &l);
		assert_true(rc == STORE_OK || rc == STORE_ERROR);
	}
}

static void test_search_paging(void **state)
{
	struct t *t = *state;
	for (int i = 1; i <= 7; i++) {
		struct person p = person_rec(t->a, i, "Rosa", "2024-01-01T00:00:00Z");
		assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p), STORE_OK);
		assert_int_equal(store_person_index(t->db.st, p.id, "rosa _rosa"), STORE_OK);
	}
	struct search_term term = { "rosa", "_rosa" };
	struct store_list l;
	assert_int_equal(store_person_search(t->db.st, t->a, &term, 1, 3, 6, &l), STORE_OK);
	assert_int_equal(l.total, 7);
	assert_int_equal(l.n, 1);
}

/* Registers person n with the given index words. */
static void indexed(struct t *t, int n, const char *words)
{
	struct person p = person_rec(t->a, n, "X", "2024-01-01T00:00:00Z");
	assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p), STORE_OK);
	assert_int_equal(store_person_index(t->db.st, p.id, words), STORE_OK);
}

/* Registers people 1, 2, … with the words of each entry (NULL-ended). */
static void indexed_all(struct t *t, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		indexed(t, i + 1, words[i]);
}

/* Searches terms (word, phon pairs; phon may be NULL); returns the total
 * and writes the numbers of the people listed, in order, to got. */
static long long search_ids(struct t *t, const struct search_term *terms, size_t nt, char *got,
			    size_t cap)
{
	struct store_list l;
	assert_int_equal(store_person_search(t->db.st, t->a, terms, nt, 50, 0, &l), STORE_OK);
	got[0] = 0;
	for (size_t i = 0; i < l.n; i++) {
		size_t at = strlen(got);
		snprintf(got + at, cap - at, "%s%s", at ? " " : "", ((struct person *)l.items[i])->id + 3);
	}
	return l.total;
}

/* A query word of four letters or more, or of one, reaches the words it
 * starts through people_search_vocab; the results are those of FTS5's own
 * prefix query. */
static void test_search_prefix_through_vocabulary(void **state)
{
	struct t *t = *state;
	char got[256];
	indexed_all(t, (const char *const[]){ "maria _maria", "mariana _mariana", "marisol _marisol",
					      "mario _mario ab123456", "luis _luis", NULL });

	struct search_term mari = { "mari", NULL }, maria = { "maria", "_maria" };
	assert_int_equal(search_ids(t, &mari, 1, got, sizeof(got)), 4);
	assert_int_equal(search_ids(t, &maria, 1, got, sizeof(got)), 2);
	assert_string_equal(got, "001 002"); /* the word itself first */
	struct search_term m = { "m", NULL }, ab = { "ab12", NULL }, none = { "marix", NULL };
	assert_int_equal(search_ids(t, &m, 1, got, sizeof(got)), 4);
	assert_int_equal(search_ids(t, &ab, 1, got, sizeof(got)), 1);
	assert_string_equal(got, "004");
	assert_int_equal(search_ids(t, &none, 1, got, sizeof(got)), 0);
	/* A word that starts nothing still matches by its key. */
	struct search_term marya = { "marya", "_maria" };
	assert_int_equal(search_ids(t, &marya, 1, got, sizeof(got)), 1);
	assert_string_equal(got, "001");
}

/* A word some entry holds without its phonetic key (a document number
 * written in letters) is still listed in the query: the key alone would
 * miss that entry. */
static void test_search_word_without_its_key(void **state)
{
	struct t *t = *state;
	char got[256];
	indexed(t, 1, "pendiente _pendiente");
	struct search_term q = { "pendiente", "_pendiente" };
	assert_int_equal(search_ids(t, &q, 1, got, sizeof(got)), 1);
	indexed(t, 2, "ana _ana pendiente");
	assert_int_equal(search_ids(t, &q, 1, got, sizeof(got)), 2);
	/* Indexed again with its key, the word stays listed. */
	assert_int_equal(store_person_index(t->db.st, "id-002", "ana _ana pendiente _pendiente"), STORE_OK);
	indexed(t, 3, "ana _ana pendiente");
	assert_int_equal(search_ids(t, &q, 1, got, sizeof(got)), 3);
}

/* A prefix that starts more words than the query lists falls back on
 * FTS5's prefix query, with the same results. */
static void test_search_prefix_of_many_words(void **state)
{
	struct t *t = *state;
	char got[256];
	int n = 0;
	assert_int_equal(store_begin(t->db.st), STORE_OK);
	for (char a = 'a'; a <= 'z'; a++)
		for (char b = 'a'; b <= 'c'; b++) {
			char words[32];
			snprintf(words, sizeof(words), "vela%c%c", a, b);
			indexed(t, ++n, words);
		}
	assert_int_equal(store_commit(t->db.st), STORE_OK);
	struct search_term q = { "vela", NULL }, one = { "velazc", NULL };
	assert_int_equal(search_ids(t, &q, 1, got, sizeof(got)), n);
	assert_int_equal(search_ids(t, &one, 1, got, sizeof(got)), 1);
}

/* Ranked: the word as typed, then names that sound the same, then names
 * that start with it; among equals the shorter entry, then the older. */
static void test_search_ranks_in_c(void **state)
{
	struct t *t = *state;
	char got[256];
	indexed_all(t, (const char *const[]){ "gonzalesa _jonsalesa", "luis gonzalez _luis _jonsales",
					      "gonzalez _jonsales", "gonzales _jonsales",
					      "ana gonzalez _ana _jonsales", NULL });
	struct search_term q = { "gonzales", "_jonsales" };
	assert_int_equal(search_ids(t, &q, 1, got, sizeof(got)), 5);
	assert_string_equal(got, "004 003 002 005 001");
	/* Pages of the ranked list follow on without overlap. */
	struct store_list l;
	assert_int_equal(store_person_search(t->db.st, t->a, &q, 1, 2, 2, &l), STORE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct person *)l.items[0])->id, "id-002");
	assert_int_equal(store_person_search(t->db.st, t->a, &q, 1, 2, 4, &l), STORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct person *)l.items[0])->id, "id-001");
	assert_int_equal(store_person_search(t->db.st, t->a, &q, 1, 2, 9, &l), STORE_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.total, 5);
}

/* Migration 0003 builds the vocabulary of an index made before it, and
 * marks a word some entry has without its key. */
static void test_migration_fills_vocabulary(void **state)
{
	struct t *t = *state;
	char got[256];
	int applied;
	indexed_all(t, (const char *const[]){ "mariana _mariana", "mariana _mariana",
					      "ana _ana mariana 000123", NULL });
	/* Into the index itself: entries wait in its queue (0030) until read. */
	assert_int_equal(store_index_optimize(t->db.st), STORE_OK);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(t->db.path, &db), SQLITE_OK);
	/* Back to before 0003: later migrations are undone too, and each
	 * runs again. */
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM schema_version WHERE version >= 3",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	int again = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE consents; DROP TABLE sharing_agreements; "
					  "DROP TABLE assistance_recon_runs; "
					  "DROP TABLE person_anonymisations; DROP TABLE data_subject_requests; "
					  "DROP TABLE access_alerts; DROP TABLE case_shares; "
					  "DROP TABLE assistance_ledger; DROP TABLE assistance_requests; "
					  "DROP TABLE programmes; DROP TABLE referrals; "
					  "DROP TABLE people_search_vocab; DROP TABLE merges; "
					  "DROP TABLE people_search_queue; "
					  "DROP INDEX people_status_created; "
					  "DROP INDEX households_status_created; "
					  "DROP TABLE match_pairs; DROP TABLE match_models; DROP TABLE partners; "
					  "DROP TABLE settings; "
					  "DROP TABLE approvals; DROP TABLE case_notes; DROP TABLE case_goals; "
					  "DROP TABLE detentions; DROP TABLE asylum_stages; DROP TABLE asylum_procedures; "
					  "DROP TABLE flags; "
					  "DROP TABLE appointments; "
					  "DROP TABLE needs_assessments; DROP TABLE catalogue_entries; "
					  "DROP TABLE case_transfers; DROP TABLE offices; "
					  "DROP TABLE assessments; DROP TABLE services; DROP TABLE case_changes; DROP TABLE cases; "
					  "DROP TABLE totp_recovery_codes; DROP TABLE user_totp; "
					  "ALTER TABLE sessions DROP COLUMN mfa_pending; "
					  "ALTER TABLE households DROP COLUMN monthly_income_cents; "
					  "ALTER TABLE users DROP COLUMN grants; DROP INDEX audit_events_user; "
					  "DROP INDEX audit_events_changes; DROP VIEW audit_changes; "
					  "DELETE FROM schema_version WHERE version >= 3",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(store_migrate(t->db.st, &applied), STORE_OK);
	assert_int_equal(applied, again);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(word || ':' || keyed, ' ') FROM "
						"(SELECT * FROM people_search_vocab ORDER BY word)",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "ana:1 mariana:0");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	struct search_term q = { "mariana", "_mariana" };
	assert_int_equal(search_ids(t, &q, 1, got, sizeof(got)), 3);
}

/* Lists people and households ordered by each column in both directions:
 * every order a sortable table could ask for, on one connection (as one
 * server thread would over its lifetime). Runs in a child process with its
 * own connection. */
static void list_every_order(void *arg)
{
	struct t *t = arg;
	const struct entity *ents[] = { &ENT_PERSON, &ENT_HOUSEHOLD };
	struct store *st;
	char err[128];
	if (store_open(t->db.path, &st, err, sizeof(err)) != STORE_OK)
		_exit(2);
	for (size_t e = 0; e < 2; e++) {
		for (size_t i = 0; i < ents[e]->nfields; i++) {
			for (int desc = 0; desc < 2; desc++) {
				struct store_list l;
				if (store_list(st, ents[e], t->a, NULL, NULL, ents[e]->fields[i].name,
					       desc, 10, 0, &l) != STORE_OK)
					_exit(1);
			}
		}
	}
	store_close(st);
	_exit(0);
}

/* More distinct statements than the per-connection cache holds (listing
 * people and households by each of their columns) must all run: the cache
 * evicts instead of failing. */
static void test_statement_cache_never_aborts(void **state)
{
	int status = run_in_child(list_every_order, *state);
	assert_int_equal(status, 0);
}

/* Keyset paging: every row once, in key order; an integer key pages as a
 * number (seq 10 comes after 9, though "10" < "9" as text). */
static void test_scan_pages_in_key_order(void **state)
{
	struct t *t = *state;
	for (int i = 1; i <= 23; i++) {
		struct audit_event ev = { .seq = arena_printf(t->a, "%d", i), .at = "2024-01-01T00:00:00Z",
					  .action = "view", .entity = "person", .prev_hash = "x",
					  .hash = "y" };
		assert_int_equal(store_insert(t->db.st, &ENT_AUDIT, &ev), STORE_OK);
		struct person p = person_rec(t->a, 24 - i, "Ana", "2024-01-01T00:00:00Z");
		assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p), STORE_OK);
	}
	const struct entity *ents[] = { &ENT_AUDIT, &ENT_PERSON };
	for (size_t k = 0; k < 2; k++) {
		char *after = NULL;
		int seen = 0, pages = 0;
		for (;;) {
			struct store_list l;
			assert_int_equal(store_scan(t->db.st, ents[k], t->a, after, 5, &l), STORE_OK);
			assert_int_equal(l.total, -1);
			pages++;
			for (size_t i = 0; i < l.n; i++) {
				const char *key = field_get(l.items[i], &ents[k]->fields[0]);
				seen++;
				char want[16];
				snprintf(want, sizeof(want), k == 0 ? "%d" : "id-%03d", seen);
				assert_string_equal(key, want);
				after = arena_strdup(t->a, key);
			}
			if (l.n < 5)
				break;
		}
		assert_int_equal(seen, 23);
		assert_int_equal(pages, 5);
	}
	/* Integers read back as decimal digits. */
	struct store_list l;
	assert_int_equal(store_scan(t->db.st, &ENT_PERSON, t->a, "id-022", 0, &l), STORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct person *)l.items[0])->birth_estimated, "0");
}

static void test_index_scan(void **state)
{
	struct t *t = *state;
	for (int i = 3; i >= 1; i--) {
		struct person p = person_rec(t->a, i, "Ana", "2024-01-01T00:00:00Z");
		assert_int_equal(store_insert(t->db.st, &ENT_PERSON, &p), STORE_OK);
		if (i != 2)
			assert_int_equal(store_person_index(t->db.st, p.id, i == 1 ? "ana _ana" : "luz _lus"),
					 STORE_OK);
	}
	struct store_list l;
	assert_int_equal(store_index_scan(t->db.st, t->a, NULL, 10, &l), STORE_OK);
	assert_int_equal(l.n, 2); /* id-002 has no entry */
	const struct index_entry *x = l.items[0], *y = l.items[1];
	assert_string_equal(x->person_id, "id-001");
	assert_string_equal(x->words, "ana _ana");
	assert_string_equal(y->person_id, "id-003");
	assert_int_equal(store_index_scan(t->db.st, t->a, "id-001", 10, &l), STORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct index_entry *)l.items[0])->person_id, "id-003");
}

/* The mark of an unfinished transfer stops migrations (so every command)
 * until it is taken off, which brings the schema version back. */
static void test_transfer_mark(void **state)
{
	struct t *t = *state;
	int pending = -1, v = -1, applied;
	assert_int_equal(store_transfer_pending(t->db.st, &pending), STORE_OK);
	assert_int_equal(pending, 0);
	assert_int_equal(store_transfer_mark(t->db.st), STORE_OK);
	assert_int_equal(store_transfer_pending(t->db.st, &pending), STORE_OK);
	assert_int_equal(pending, 1);
	assert_int_equal(store_schema_version(t->db.st, &v), STORE_OK);
	assert_int_equal(v, 0);
	assert_int_equal(store_migrate(t->db.st, &applied), STORE_ERROR);
	assert_int_equal(applied, 0);
	assert_int_equal(store_transfer_finish(t->db.st), STORE_OK);
	assert_int_equal(store_transfer_pending(t->db.st, &pending), STORE_OK);
	assert_int_equal(pending, 0);
	assert_int_equal(store_schema_version(t->db.st, &v), STORE_OK);
	assert_int_equal(v, store_latest_version());
	assert_int_equal(store_migrate(t->db.st, &applied), STORE_OK);
	assert_int_equal(applied, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_get_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_notfound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_on_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_order_paging_and_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_person_index_and_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_in_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_queue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deferred_commit_reads_its_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_commit_two_stores_one_thread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_quotes_and_operators_are_literal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_prefix_through_vocabulary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_word_without_its_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_prefix_of_many_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_ranks_in_c, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_fills_vocabulary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statement_cache_never_aborts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_pages_in_key_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_scan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transfer_mark, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_commit_keeps_each_transaction_alone, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

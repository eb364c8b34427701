/* test_store_bulk.c: the bulk interface (store_bulk_*) on SQLite, and on
 * PostgreSQL too when AMPARO_TEST_DB_URL names an empty database on a
 * throw-away cluster (make test-integration runs it so, through
 * tests/pg/with-cluster.sh): each test starts from a fresh schema. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "support.h"

struct t {
	struct testdb db; /* SQLite; unused on PostgreSQL */
	struct store *st;
	int pg;
	struct arena *a;
};

static int setup_sqlite(void **state)
{
	static struct t t;
	memset(&t, 0, sizeof(t));
	if (testdb_open(&t.db))
		return -1;
	t.st = t.db.st;
	t.a = arena_new();
	*state = &t;
	return 0;
}

static int setup_pg(void **state)
{
	static struct t t;
	memset(&t, 0, sizeof(t));
	t.pg = 1;
	if (!(t.st = testpg_open()))
		return -1;
	t.a = arena_new();
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;
	if (t->pg)
		store_close(t->st);
	else
		testdb_close(&t->db);
	arena_free(t->a);
	return 0;
}

#define T0 "2026-01-01T00:00:00Z"

static const struct entity *const tables[] = { &ENT_HOUSEHOLD, &ENT_PERSON, &ENT_STATUS_CHANGE,
					       &ENT_AUDIT };
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

static void add_user(struct t *t)
{
	struct user u = { .id = "u1", .name = "admin", .role = "admin", .password_hash = "h",
			  .disabled = "0", .created_at = T0 };
	assert_int_equal(store_insert(t->st, &ENT_USER, &u), STORE_OK);
}

static struct person person_rec(const char *id, const char *ref, const char *given)
{
	return (struct person){ .id = (char *)id, .ref = (char *)ref, .given_names = (char *)given,
				.birth_estimated = "0", .status = "active", .created_at = T0,
				.updated_at = T0, .created_by = "u1" };
}

static struct store_bulk *begin(struct t *t)
{
	struct store_bulk *b;
	assert_int_equal(store_begin(t->st), STORE_OK);
	assert_int_equal(store_bulk_begin(t->st, tables, NTABLES, &b), STORE_OK);
	return b;
}

/* Flushes, frees and commits; the flush's result is returned and on
 * failure the transaction is rolled back. */
static int end(struct t *t, struct store_bulk *b)
{
	int rc = store_bulk_flush(b);
	store_bulk_free(b);
	if (rc) {
		store_rollback(t->st);
		return rc;
	}
	return store_commit(t->st);
}

/* The words of s, sorted, each once: how PostgreSQL keeps an index entry. */
static char *word_set(struct arena *a, const char *s)
{
	char *copy = arena_strdup(a, s), *words[64], *save = NULL;
	size_t n = 0;
	for (char *w = strtok_r(copy, " ", &save); w && n < 64; w = strtok_r(NULL, " ", &save)) {
		size_t i = 0;
		while (i < n && strcmp(words[i], w) < 0)
			i++;
		if (i < n && strcmp(words[i], w) == 0)
			continue;
		memmove(words + i + 1, words + i, (n - i) * sizeof(*words));
		words[i] = w;
		n++;
	}
	char *out = arena_strdup(a, "");
	for (size_t i = 0; i < n; i++)
		out = arena_printf(a, "%s%s%s", out, i ? " " : "", words[i]);
	return out;
}

static const char *index_words_of(struct t *t, const char *person_id)
{
	struct store_list l;
	assert_int_equal(store_index_scan(t->st, t->a, NULL, 100, &l), STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct index_entry *x = l.items[i];
		if (strcmp(x->person_id, person_id) == 0)
			return word_set(t->a, x->words);
	}
	return NULL;
}

static void test_rows_reach_every_table(void **state)
{
	struct t *t = *state;
	add_user(t);
	struct store_bulk *b = begin(t);
	struct household h = { .id = "h1", .ref = "H-000001", .head_id = "p1", .address = "Calle 50",
			       .status = "active", .created_at = T0, .updated_at = T0,
			       .created_by = "u1" };
	struct person p1 = person_rec("p1", "P-000001", "Ana"), p2 = person_rec("p2", "P-000002", "Beto");
	p1.surname1 = "Pérez";
	p1.household_id = "h1";
	p1.relationship = "head";
	struct status_change s = { .id = "s1", .person_id = "p1", .legal_status = "refugee",
				   .since = "2026-01-01", .recorded_at = T0, .recorded_by = "u1" };
	struct audit_event ev = { .seq = "1", .at = T0, .user_id = "u1", .action = "create",
				  .entity = "person", .entity_id = "p1", .fields = "given_names",
				  .prev_hash = "0", .hash = "1" };
	assert_int_equal(store_bulk_add(b, &ENT_HOUSEHOLD, &h), STORE_OK);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p1), STORE_OK);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p2), STORE_OK);
	/* The last person added, then one added before it. */
	assert_int_equal(store_bulk_index(b, "p2", "beto _beto p 000002 _p"), STORE_OK);
	assert_int_equal(store_bulk_index(b, "p1", "ana _ana perez _peres p 000001 _p"), STORE_OK);
	assert_int_equal(store_bulk_add(b, &ENT_STATUS_CHANGE, &s), STORE_OK);
	assert_int_equal(store_bulk_add(b, &ENT_AUDIT, &ev), STORE_OK);
	assert_int_equal(end(t, b), STORE_OK);

	struct household hh;
	struct person pp;
	struct status_change ss;
	assert_int_equal(store_get(t->st, &ENT_HOUSEHOLD, t->a, "ref", "H-000001", &hh), STORE_OK);
	assert_string_equal(hh.head_id, "p1");
	assert_string_equal(hh.address, "Calle 50");
	assert_null(hh.phone);
	assert_int_equal(store_get(t->st, &ENT_PERSON, t->a, "id", "p1", &pp), STORE_OK);
	assert_string_equal(pp.surname1, "Pérez");
	assert_string_equal(pp.household_id, "h1");
	assert_string_equal(pp.birth_estimated, "0");
	assert_int_equal(store_get(t->st, &ENT_STATUS_CHANGE, t->a, "id", "s1", &ss), STORE_OK);
	assert_string_equal(ss.legal_status, "refugee");
	struct store_list l;
	assert_int_equal(store_scan(t->st, &ENT_AUDIT, t->a, NULL, 10, &l), STORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct audit_event *)l.items[0])->fields, "given_names");

	assert_string_equal(index_words_of(t, "p1"), word_set(t->a, "ana _ana perez _peres p 000001 _p"));
	assert_string_equal(index_words_of(t, "p2"), word_set(t->a, "beto _beto p 000002 _p"));
	/* The search finds them through the entries the load wrote. */
	struct search_term q[] = { { "per", "_peres" } };
	assert_int_equal(store_person_search(t->st, t->a, q, 1, 10, 0, &l), STORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct person *)l.items[0])->id, "p1");
}

/* What COPY's text format gives a meaning to (backslash, tab, newline,
 * carriage return, the end-of-data line "\."), quotes, an empty string
 * and NULL come back exactly; so do words with quotes and backslashes. */
static void test_text_comes_back_as_written(void **state)
{
	struct t *t = *state;
	static const char *const names[] = {
		"back\\slash", "tab\there", "new\nline", "carriage\rreturn", "\\.", "\\N",
		"O'Neil \"Nelo\"", "Ñandú  dos  espacios ", "\\\\t",
	};
	const size_t n = sizeof(names) / sizeof(names[0]);
	add_user(t);
	struct store_bulk *b = begin(t);
	for (size_t i = 0; i < n; i++) {
		struct person p = person_rec(arena_printf(t->a, "id-%zu", i),
					     arena_printf(t->a, "P-%06zu", i + 1), names[i]);
		p.surname1 = (char *)names[(i + 1) % n];
		p.surname2 = "";
		assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p), STORE_OK);
	}
	/* The first column starts a line: the end-of-data marker as an id. */
	struct person marker = person_rec("\\.", "P-999999", "Marca");
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &marker), STORE_OK);
	assert_int_equal(store_bulk_index(b, "id-0", "o'neil back\\slash 'q' \\ x''y"), STORE_OK);
	assert_int_equal(end(t, b), STORE_OK);

	for (size_t i = 0; i < n; i++) {
		struct person p;
		assert_int_equal(store_get(t->st, &ENT_PERSON, t->a, "id", arena_printf(t->a, "id-%zu", i), &p),
				 STORE_OK);
		assert_string_equal(p.given_names, names[i]);
		assert_string_equal(p.surname1, names[(i + 1) % n]);
		assert_non_null(p.surname2);
		assert_string_equal(p.surname2, "");
		assert_null(p.email);
	}
	struct person m;
	assert_int_equal(store_get(t->st, &ENT_PERSON, t->a, "ref", "P-999999", &m), STORE_OK);
	assert_string_equal(m.id, "\\.");
	assert_string_equal(index_words_of(t, "id-0"), word_set(t->a, "o'neil back\\slash 'q' \\ x''y"));
}

/* The caller's strings may change as soon as an add returns. */
static void test_records_are_copied_at_once(void **state)
{
	struct t *t = *state;
	char given[16] = "Carmen", id[8] = "c1", words[32] = "carmen _karmen";
	add_user(t);
	struct store_bulk *b = begin(t);
	struct person p = person_rec(id, "P-000001", given);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p), STORE_OK);
	assert_int_equal(store_bulk_index(b, "c1", words), STORE_OK);
	snprintf(given, sizeof(given), "Overwritten");
	snprintf(id, sizeof(id), "zz");
	snprintf(words, sizeof(words), "overwritten");
	assert_int_equal(end(t, b), STORE_OK);
	struct person out;
	assert_int_equal(store_get(t->st, &ENT_PERSON, t->a, "id", "c1", &out), STORE_OK);
	assert_string_equal(out.given_names, "Carmen");
	assert_string_equal(index_words_of(t, "c1"), word_set(t->a, "carmen _karmen"));
}

static void test_rollback_leaves_nothing(void **state)
{
	struct t *t = *state;
	add_user(t);
	struct store_bulk *b = begin(t);
	struct person p = person_rec("r1", "P-000001", "Rosa");
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p), STORE_OK);
	assert_int_equal(store_bulk_index(b, "r1", "rosa _rosa"), STORE_OK);
	assert_int_equal(store_bulk_flush(b), STORE_OK);
	store_bulk_free(b);
	store_rollback(t->st);
	long long n = -1;
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);
	struct store_list l;
	assert_int_equal(store_index_scan(t->st, t->a, NULL, 10, &l), STORE_OK);
	assert_int_equal(l.n, 0);
	/* Freeing a load that was never flushed discards its rows. */
	b = begin(t);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p), STORE_OK);
	store_bulk_free(b);
	store_rollback(t->st);
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);
}

/* A duplicate key fails the add (SQLite) or the flush (PostgreSQL); so
 * does a reference to a record that does not exist. */
static void test_constraints_still_hold(void **state)
{
	struct t *t = *state;
	add_user(t);
	struct person p = person_rec("d1", "P-000001", "Dora"), q = person_rec("d1", "P-000002", "Doble");
	struct store_bulk *b = begin(t);
	int rc = store_bulk_add(b, &ENT_PERSON, &p);
	assert_int_equal(rc, STORE_OK);
	rc = store_bulk_add(b, &ENT_PERSON, &q);
	if (!rc)
		rc = store_bulk_flush(b);
	assert_int_equal(rc, STORE_CONFLICT);
	store_bulk_free(b);
	store_rollback(t->st);

	/* A search index entry without words (read from a damaged source)
	 * fails cleanly. */
	b = begin(t);
	assert_int_equal(store_bulk_index(b, "d1", NULL), STORE_ERROR);
	store_bulk_free(b);
	store_rollback(t->st);

	struct person orphan = person_rec("o1", "P-000003", "Huérfano");
	orphan.household_id = "no-such-household";
	b = begin(t);
	rc = store_bulk_add(b, &ENT_PERSON, &orphan);
	if (!rc)
		rc = store_bulk_flush(b);
	assert_int_equal(rc, STORE_ERROR);
	store_bulk_free(b);
	store_rollback(t->st);
	long long n = -1;
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);
}

/* More rows than PostgreSQL buffers at once (8 MiB): they go out in
 * several COPYs of the same transaction, parents before children. */
static void test_large_load(void **state)
{
	struct t *t = *state;
	const int people = 20000;
	char fields[200];
	memset(fields, 'f', sizeof(fields) - 1);
	fields[sizeof(fields) - 1] = 0;
	add_user(t);
	struct store_bulk *b = begin(t);
	for (int i = 0; i < people; i++) {
		struct arena *a = arena_new();
		char *id = arena_printf(a, "id-%06d", i), *hid = arena_printf(a, "h-%06d", i);
		struct household h = { .id = hid, .ref = arena_printf(a, "H-%06d", i + 1), .head_id = id,
				       .status = "active", .created_at = T0, .updated_at = T0 };
		struct person p = person_rec(id, arena_printf(a, "P-%06d", i + 1), "Luis");
		p.household_id = hid;
		struct audit_event ev = { .seq = arena_printf(a, "%d", i + 1), .at = T0, .action = "create",
					  .entity = "person", .entity_id = id, .fields = fields,
					  .prev_hash = "0", .hash = "1" };
		assert_int_equal(store_bulk_add(b, &ENT_AUDIT, &ev), STORE_OK);
		assert_int_equal(store_bulk_add(b, &ENT_HOUSEHOLD, &h), STORE_OK);
		assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p), STORE_OK);
		assert_int_equal(store_bulk_index(b, id, "luis _luis"), STORE_OK);
		arena_free(a);
	}
	/* A read in the middle of the load waits for the rows being written
	 * (by the load's writer thread, bulk_pipe.c; PostgreSQL also sends
	 * each full buffer from a thread of its own) and sees those written
	 * so far: on SQLite every one, on PostgreSQL the buffers sent. */
	long long n = -1;
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	if (t->pg)
		assert_true(n > 0 && n <= people);
	else
		assert_int_equal(n, people);
	/* The load goes on after the read. */
	struct person last = person_rec("id-last", "P-999999", "Luis");
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &last), STORE_OK);
	assert_int_equal(store_bulk_index(b, "id-last", "luis _luis"), STORE_OK);
	assert_int_equal(end(t, b), STORE_OK);
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, people + 1);
	assert_int_equal(store_count(t->st, &ENT_HOUSEHOLD, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, people);
	assert_int_equal(store_count(t->st, &ENT_AUDIT, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, people);
	struct search_term q[] = { { "luis", NULL } };
	struct store_list l;
	assert_int_equal(store_person_search(t->st, t->a, q, 1, 5, 0, &l), STORE_OK);
	assert_int_equal(l.total, people + 1);
	if (t->pg) /* the search index is back without a pending list */
		assert_int_equal(t->st->eng->exec(t->st,
			"DO $$ BEGIN IF (SELECT reloptions FROM pg_class WHERE relname = "
			"'people_search_words') IS DISTINCT FROM ARRAY['fastupdate=off'] THEN "
			"RAISE EXCEPTION 'pending list left on'; END IF; END $$"), STORE_OK);
}

/* A record larger than the writer thread's chunks (1 MiB) goes in whole,
 * between smaller ones, in the order added. */
static void test_large_record(void **state)
{
	struct t *t = *state;
	size_t big = 3u << 20;
	char *given = malloc(big + 1);
	assert_non_null(given);
	memset(given, 'a', big);
	given[big] = 0;
	add_user(t);
	struct store_bulk *b = begin(t);
	/* A small record, written on this thread by the read that follows
	 * (no writer thread yet), then one larger than the chunk it left. */
	struct person first = person_rec("f1", "P-000004", "Flor");
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &first), STORE_OK);
	long long n = -1;
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	if (!t->pg)
		assert_int_equal(n, 1);
	struct person small = person_rec("s1", "P-000001", "Ana"), large = person_rec("l1", "P-000002", given),
		      after = person_rec("s2", "P-000003", "Eva");
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &large), STORE_OK);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &small), STORE_OK);
	large.id = "l2";
	large.ref = "P-000005";
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &large), STORE_OK);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &after), STORE_OK);
	assert_int_equal(store_bulk_index(b, "l1", "aaa"), STORE_OK);
	assert_int_equal(end(t, b), STORE_OK);
	struct person out;
	assert_int_equal(store_get(t->st, &ENT_PERSON, t->a, "id", "l1", &out), STORE_OK);
	assert_int_equal(strlen(out.given_names), big);
	assert_string_equal(out.given_names, given);
	assert_int_equal(store_get(t->st, &ENT_PERSON, t->a, "id", "s2", &out), STORE_OK);
	assert_string_equal(out.given_names, "Eva");
	assert_string_equal(index_words_of(t, "l1"), "aaa");
	free(given);
}

/* A commit with a load still open flushes it first: what was added is
 * stored, and a record that fails makes the commit fail and store nothing.
 * A rollback or a close with a load open discards it. */
static void test_commit_rollback_close_with_load_open(void **state)
{
	struct t *t = *state;
	add_user(t);
	struct person p = person_rec("o1", "P-000001", "Olga"), dup = person_rec("o1", "P-000002", "Otra"),
		      q = person_rec("o2", "P-000003", "Omar");
	struct store_bulk *b = begin(t);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p), STORE_OK);
	assert_int_equal(store_commit(t->st), STORE_OK);
	store_bulk_free(b);
	long long n = -1;
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1);

	b = begin(t);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &q), STORE_OK);
	int rc = store_bulk_add(b, &ENT_PERSON, &dup);
	assert_true(rc == STORE_OK || rc == STORE_CONFLICT);
	assert_int_not_equal(store_commit(t->st), STORE_OK);
	store_bulk_free(b);
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1);

	b = begin(t);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &q), STORE_OK);
	store_rollback(t->st);
	assert_int_not_equal(store_bulk_flush(b), STORE_OK); /* the load is over */
	store_bulk_free(b);
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1);

	b = begin(t);
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &q), STORE_OK);
	store_close(t->st); /* the load with it, rolled back */
	char err[256];
	assert_int_equal(store_open(t->pg ? getenv("AMPARO_TEST_DB_URL") : t->db.path, &t->st, err,
				    sizeof(err)),
			 STORE_OK);
	t->db.st = t->pg ? NULL : t->st;
	assert_int_equal(store_count(t->st, &ENT_PERSON, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 1);
}

/* The vocabulary of the search index (SQLite) comes out of a load as
 * from one write at a time, though the load skips the upserts that would
 * change nothing: a word stays keyed only while every entry with it had
 * its phonetic key, whatever the order of the entries. */
static void test_vocabulary(void **state)
{
	struct t *t = *state;
	if (t->pg)
		skip(); /* PostgreSQL searches with pg_trgm: no vocabulary */
	static const char *const words[] = { "mariana _mariana", "ana _ana mariana 000123",
					     "mariana _mariana", "rosa _rosa", "rosa _rosa" };
	add_user(t);
	struct store_bulk *b = begin(t);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char *id = arena_printf(t->a, "v%zu", i), *ref = arena_printf(t->a, "P-%06zu", i + 1);
		struct person p = person_rec(id, ref, "X");
		assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p), STORE_OK);
		assert_int_equal(store_bulk_index(b, id, words[i]), STORE_OK);
	}
	assert_int_equal(end(t, b), STORE_OK);
	sqlite3 *db;
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_open(t->db.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(word || ':' || keyed, ' ') FROM "
						"(SELECT * FROM people_search_vocab ORDER BY word)",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "ana:1 mariana:0 rosa:1");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/* The structures of the public schema, as SQL: what a load must give back. */
#define STRUCTURES                                                                          \
	"SELECT string_agg(d, ';' ORDER BY d) FROM ("                                         \
	"SELECT indexname || ':' || indexdef || ':' || coalesce(tablespace, '') AS d "       \
	"FROM pg_indexes WHERE schemaname = 'public' "                                        \
	"UNION ALL SELECT conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint "     \
	"WHERE connamespace = 'public'::regnamespace) AS s"

/* PostgreSQL builds the indexes and foreign keys of a load's empty tables
 * once, at the flush (set_aside in store_pg.c): afterwards every one is
 * back as the migrations made it (or an administrator moved it: one index
 * sits in a tablespace of its own, a partial one too), and the indexes
 * answer. A table that already holds many rows keeps its indexes through
 * a load. */
static void test_indexes_come_back(void **state)
{
	struct t *t = *state;
	if (!t->pg)
		skip();
	struct store *st = t->st;
	add_user(t);
	assert_int_equal(st->eng->exec(st, "SET allow_in_place_tablespaces = on"), STORE_OK);
	assert_int_equal(st->eng->exec(st, "CREATE TABLESPACE amparo_moved LOCATION ''"), STORE_OK);
	assert_int_equal(st->eng->exec(st, "ALTER INDEX people_created SET TABLESPACE amparo_moved; "
					   "ALTER INDEX audit_events_changes SET TABLESPACE amparo_moved"),
			 STORE_OK);
	assert_int_equal(st->eng->exec(st, "CREATE TEMP TABLE before AS " STRUCTURES), STORE_OK);
	struct store_bulk *b = begin(t);
	for (int i = 0; i < 12000; i++) {
		struct arena *a = arena_new();
		char *id = arena_printf(a, "id-%06d", i);
		struct person p = person_rec(id, arena_printf(a, "P-%06d", i + 1), "Ana");
		assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p), STORE_OK);
		assert_int_equal(store_bulk_index(b, id, "ana _ana"), STORE_OK);
		/* audit_events_changes is a partial index (WHERE action <> 'view'). */
		struct audit_event ev = { .seq = arena_printf(a, "%d", i + 1), .at = T0,
					  .action = i % 2 ? "view" : "create", .entity = "person",
					  .entity_id = id, .prev_hash = "0", .hash = "1" };
		assert_int_equal(store_bulk_add(b, &ENT_AUDIT, &ev), STORE_OK);
		arena_free(a);
	}
	assert_int_equal(end(t, b), STORE_OK);
	assert_int_equal(st->eng->exec(st,
		"DO $$ BEGIN IF (SELECT * FROM before) IS DISTINCT FROM (" STRUCTURES ") THEN "
		"RAISE EXCEPTION 'indexes or constraints differ after the load'; END IF; END $$"),
		STORE_OK);
	struct search_term q[] = { { "ana", NULL } };
	struct store_list l;
	assert_int_equal(store_person_search(st, t->a, q, 1, 5, 0, &l), STORE_OK);
	assert_int_equal(l.total, 12000);

	/* people now holds 12,000 rows: the next load leaves its indexes be. */
	assert_int_equal(st->eng->exec(st, "CREATE TEMP TABLE oid_before AS SELECT "
					   "'people_created'::regclass::oid AS o"),
			 STORE_OK);
	b = begin(t);
	struct person p = person_rec("id-x", "P-999999", "Berta");
	assert_int_equal(store_bulk_add(b, &ENT_PERSON, &p), STORE_OK);
	assert_int_equal(end(t, b), STORE_OK);
	assert_int_equal(st->eng->exec(st,
		"DO $$ BEGIN IF (SELECT o FROM oid_before) <> 'people_created'::regclass::oid THEN "
		"RAISE EXCEPTION 'the index of a full table was rebuilt'; END IF; END $$"),
		STORE_OK);
	assert_int_equal(store_get(st, &ENT_PERSON, t->a, "ref", "P-999999", &p), STORE_OK);
	assert_string_equal(p.id, "id-x");
	assert_int_equal(st->eng->exec(st, "ALTER INDEX people_created SET TABLESPACE pg_default; "
					   "ALTER INDEX audit_events_changes SET TABLESPACE pg_default"),
			 STORE_OK);
	assert_int_equal(st->eng->exec(st, "DROP TABLESPACE amparo_moved"), STORE_OK);
}

static void test_next_numbers(void **state)
{
	struct t *t = *state;
	long long n;
	assert_int_equal(store_next_numbers(t->st, "person", 5, &n), STORE_OK);
	assert_int_equal(n, 5); /* 1 to 5 */
	assert_int_equal(store_next_number(t->st, "person", &n), STORE_OK);
	assert_int_equal(n, 6);
	assert_int_equal(store_next_numbers(t->st, "person", 10, &n), STORE_OK);
	assert_int_equal(n, 16);
	assert_int_equal(store_next_numbers(t->st, "household", 1, &n), STORE_OK);
	assert_int_equal(n, 1);
}

#define TESTS(setup)                                                                 \
	{                                                                            \
		cmocka_unit_test_setup_teardown(test_rows_reach_every_table, setup, teardown), \
		cmocka_unit_test_setup_teardown(test_text_comes_back_as_written, setup, teardown), \
		cmocka_unit_test_setup_teardown(test_records_are_copied_at_once, setup, teardown), \
		cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, setup, teardown), \
		cmocka_unit_test_setup_teardown(test_constraints_still_hold, setup, teardown), \
		cmocka_unit_test_setup_teardown(test_large_load, setup, teardown),   \
		cmocka_unit_test_setup_teardown(test_large_record, setup, teardown), \
		cmocka_unit_test_setup_teardown(test_vocabulary, setup, teardown),   \
		cmocka_unit_test_setup_teardown(test_commit_rollback_close_with_load_open, setup, teardown), \
		cmocka_unit_test_setup_teardown(test_indexes_come_back, setup, teardown), \
		cmocka_unit_test_setup_teardown(test_next_numbers, setup, teardown), \
	}

int main(void)
{
	const struct CMUnitTest sqlite[] = TESTS(setup_sqlite);
	const struct CMUnitTest pg[] = TESTS(setup_pg);
	int failed = cmocka_run_group_tests_name("sqlite", sqlite, NULL, NULL);
	if (getenv("AMPARO_TEST_DB_URL"))
		failed += cmocka_run_group_tests_name("postgresql", pg, NULL, NULL);
	return failed;
}

/* test_seal.c: sealed columns: encrypted in the database file, read back
 * in the clear, bound to their row, checked against the key at start,
 * re-sealed by a key rotation, never filtered on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "domain/note.h"
#include "support.h"

#define CANARY "Kx9-canario-violencia-albergue"

/* A case (psychosocial) with two notes; the first says CANARY. */
struct scene {
	struct user *psy; /* in f's arena: f->c.user outlives scene() */
	struct case_rec k;
	struct case_note n1, n2;
};

static struct scene scene(struct fixture *f)
{
	struct scene s;
	struct person p;
	struct errors errs = { .n = 0 };
	s.psy = arena_alloc(f->a, sizeof(*s.psy));
	*s.psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	fixture_register(f, fixture_named(f, "Yusleidy", "Manrique", NULL, "1990-07-12"), &p);
	s.k = fixture_case(f, s.psy, p.id, "psychosocial");
	f->c.user = s.psy;
	assert_int_equal(note_add(&f->c, s.k.id, CANARY, &errs, &s.n1), DOM_OK);
	assert_int_equal(note_add(&f->c, s.k.id, "segunda nota", &errs, &s.n2), DOM_OK);
	return s;
}

/* The body column of note id, as stored (a string in f's arena). */
static char *raw_body(struct fixture *f, const char *id)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *out = NULL;
	assert_int_equal(sqlite3_open(f->db.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT body FROM case_notes WHERE id = ?", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = arena_strdup(f->a, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

static void raw_exec(struct fixture *f, const char *sql, const char *a, const char *b)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->db.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* 1 when the file at path holds text. */
static int file_holds(const char *path, const char *text)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	size_t n = strlen(text), have = 0, cap = 1 << 20;
	char *buf = malloc(cap);
	int found = 0;
	for (;;) {
		size_t got = fread(buf + have, 1, cap - have, fp);
		have += got;
		if (have >= n && memmem(buf, have, text, n))
			found = 1;
		if (found || got == 0)
			break;
		if (have > n) { /* keep the tail that may start a match */
			memmove(buf, buf + have - n, n);
			have = n;
		}
	}
	free(buf);
	fclose(fp);
	return found;
}

static void test_stored_sealed_read_clear(void **state)
{
	struct fixture *f = *state;
	struct scene s = scene(f);
	struct case_note got;
	char *raw = raw_body(f, s.n1.id), wal[160];
	assert_non_null(raw);
	assert_true(crypto_is_sealed(raw));
	assert_null(strstr(raw, "canario"));
	/* Neither the database file nor its write-ahead log holds the words. */
	snprintf(wal, sizeof(wal), "%s-wal", f->db.path);
	assert_false(file_holds(f->db.path, CANARY));
	assert_false(file_holds(wal, CANARY));
	/* Read through the domain, in the clear. */
	assert_string_equal(s.n1.body, CANARY);
	assert_int_equal(note_get(&f->c, &s.k, s.n1.id, &got), DOM_OK);
	assert_string_equal(got.body, CANARY);
}

static void test_copied_to_another_row_fails(void **state)
{
	struct fixture *f = *state;
	struct scene s = scene(f);
	struct case_note got;
	/* n1's ciphertext pasted into n2's row does not open there. */
	raw_exec(f, "UPDATE case_notes SET body = (SELECT body FROM case_notes WHERE id = ?1) WHERE id = ?2",
		 s.n1.id, s.n2.id);
	assert_int_equal(note_get(&f->c, &s.k, s.n2.id, &got), DOM_ERROR);
	assert_int_equal(note_get(&f->c, &s.k, s.n1.id, &got), DOM_OK);
	assert_string_equal(got.body, CANARY);
	/* A value stored before encryption reads as it is. */
	raw_exec(f, "UPDATE case_notes SET body = ?1 WHERE id = ?2", "nota de antes", s.n2.id);
	assert_int_equal(note_get(&f->c, &s.k, s.n2.id, &got), DOM_OK);
	assert_string_equal(got.body, "nota de antes");
}

/* A ring of one fresh random key. */
static struct crypto_keyring fresh_key(void)
{
	struct crypto_keyring r = { 0 };
	unsigned char k[CRYPTO_KEY_BYTES];
	char b64[64], err[128];
	randombytes_buf(k, sizeof(k));
	sodium_bin2base64(b64, sizeof(b64), k, sizeof(k), sodium_base64_VARIANT_ORIGINAL);
	assert_int_equal(crypto_keyring_parse(&r, b64, err, sizeof(err)), 0);
	return r;
}

static void test_start_check(void **state)
{
	struct fixture *f = *state;
	char err[512];
	struct crypto_keyring keep = crypto_keys;
	/* A database without sealed values starts with any key, or none. */
	crypto_keys.n = 0;
	assert_int_equal(store_seal_check(f->db.st, err, sizeof(err)), STORE_OK);
	crypto_keys = keep;
	scene(f);
	assert_int_equal(store_seal_check(f->db.st, err, sizeof(err)), STORE_OK);
	crypto_keys.n = 0;
	assert_int_equal(store_seal_check(f->db.st, err, sizeof(err)), STORE_ERROR);
	assert_non_null(strstr(err, "no key was given"));
	crypto_keys = fresh_key();
	assert_int_equal(store_seal_check(f->db.st, err, sizeof(err)), STORE_ERROR);
	assert_non_null(strstr(err, "does not open"));
	assert_non_null(strstr(err, keep.keys[0].id));
	crypto_keys = keep;
}

static void test_no_key_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct scene s = scene(f);
	struct errors errs = { .n = 0 };
	struct case_note n;
	struct crypto_keyring keep = crypto_keys;
	long long before, after;
	assert_int_equal(store_count(f->db.st, &ENT_CASE_NOTE, NULL, NULL, &before), STORE_OK);
	crypto_keys.n = 0;
	assert_int_equal(note_add(&f->c, s.k.id, "sin llave", &errs, &n), DOM_ERROR);
	crypto_keys = keep;
	assert_int_equal(store_count(f->db.st, &ENT_CASE_NOTE, NULL, NULL, &after), STORE_OK);
	assert_int_equal(after, before);
}

static void test_rotation(void **state)
{
	struct fixture *f = *state;
	struct scene s = scene(f);
	struct case_note got;
	struct store_sealed_count n;
	struct crypto_keyring old = crypto_keys, neu = fresh_key(), both = neu;
	both.keys[1] = old.keys[0];
	both.n = 2;
	/* One legacy plain value: rotation seals it too. */
	raw_exec(f, "UPDATE case_notes SET body = ?1 WHERE id = ?2", "nota de antes", s.n2.id);
	assert_int_equal(store_reseal(f->db.st, &ENT_CASE_NOTE, &both, &n), STORE_OK);
	assert_int_equal(n.values, 2);
	assert_int_equal(n.changed, 2);
	/* Again: nothing left to do (a resumed run skips what is done). */
	assert_int_equal(store_reseal(f->db.st, &ENT_CASE_NOTE, &both, &n), STORE_OK);
	assert_int_equal(n.changed, 0);
	assert_int_equal(store_sealed_verify(f->db.st, &ENT_CASE_NOTE, &neu, &n), STORE_OK);
	assert_int_equal(n.values, 2);
	assert_int_equal(n.failed, 0);
	/* The old key alone no longer opens them. */
	assert_int_equal(store_sealed_verify(f->db.st, &ENT_CASE_NOTE, &old, &n), STORE_OK);
	assert_int_equal(n.failed, 2);
	char *raw = raw_body(f, s.n2.id), id[9];
	assert_true(crypto_is_sealed(raw));
	assert_int_equal(crypto_sealed_key_id(raw, id), 0);
	assert_string_equal(id, neu.keys[0].id);
	crypto_keys = neu;
	assert_int_equal(note_get(&f->c, &s.k, s.n1.id, &got), DOM_OK);
	assert_string_equal(got.body, CANARY);
	assert_int_equal(note_get(&f->c, &s.k, s.n2.id, &got), DOM_OK);
	assert_string_equal(got.body, "nota de antes");
	crypto_keys = old;
	assert_int_equal(note_get(&f->c, &s.k, s.n1.id, &got), DOM_ERROR);
}

static void filter_on_sealed(void *arg)
{
	struct fixture *f = arg;
	struct store_list l;
	store_list(f->db.st, &ENT_CASE_NOTE, f->a, "body", CANARY, NULL, 0, 10, 0, &l);
}

static void test_never_filtered(void **state)
{
	struct fixture *f = *state;
	/* A sealed column as a filter is a programming error: amparo stops. */
	assert_int_not_equal(run_in_child(filter_on_sealed, f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stored_sealed_read_clear, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_copied_to_another_row_fails, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_start_check, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_no_key_writes_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_rotation, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_never_filtered, fixture_setup, fixture_teardown),
	};
	support_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}

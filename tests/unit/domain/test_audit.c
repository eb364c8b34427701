/* test_audit.c: the append-only, hash-chained audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "domain/audit.h"
#include "domain/person.h"
#include "support.h"

/* Runs sql on a second, raw connection to the test database (as someone
 * with file access would); returns the SQLite result code. */
static int raw_exec(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;
	assert_int_equal(sqlite3_open(f->db.path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	sqlite3_free(err);
	sqlite3_close(db);
	return rc;
}

/* Appends three events after the one user_create wrote (seq 1). */
static void three_events(struct fixture *f)
{
	assert_int_equal(audit_record(&f->c, "view", "person", "p1", NULL), DOM_OK);
	assert_int_equal(audit_record(&f->c, "update", "person", "p1", "phone,email"), DOM_OK);
	assert_int_equal(audit_record(&f->c, "view", "household", "h1", NULL), DOM_OK);
}

static int verify(struct fixture *f, long long *checked, long long *bad)
{
	return audit_verify(f->db.st, checked, bad);
}

static void test_chain_links(void **state)
{
	struct fixture *f = *state;
	three_events(f);
	struct store_list l;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, NULL, NULL, "seq", 0, 10, 0, &l), STORE_OK);
	assert_int_equal(l.n, 4);
	const struct audit_event *first = l.items[0];
	assert_string_equal(first->seq, "1");
	assert_string_equal(first->prev_hash,
			    "0000000000000000000000000000000000000000000000000000000000000000");
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *ev = l.items[i];
		char want[24];
		snprintf(want, sizeof(want), "%zu", i + 1);
		assert_string_equal(ev->seq, want);
		assert_int_equal(strlen(ev->hash), 64);
		if (i)
			assert_string_equal(ev->prev_hash, ((struct audit_event *)l.items[i - 1])->hash);
	}
	const struct audit_event *upd = l.items[2];
	assert_string_equal(upd->action, "update");
	assert_string_equal(upd->fields, "phone,email");
	assert_string_equal(upd->user_id, f->admin.id);
	assert_int_equal(strlen(upd->at), 20);
}

static void test_verify_passes(void **state)
{
	struct fixture *f = *state;
	long long checked = -1, bad = -1;
	assert_int_equal(verify(f, &checked, &bad), DOM_OK);
	assert_int_equal(checked, 1);
	three_events(f);
	assert_int_equal(verify(f, &checked, &bad), DOM_OK);
	assert_int_equal(checked, 4);
	assert_int_equal(bad, 0);
}

static void test_verify_empty_log(void **state)
{
	struct testdb db;
	long long checked = -1, bad = -1;
	assert_int_equal(testdb_open(&db), 0);
	assert_int_equal(audit_verify(db.st, &checked, &bad), DOM_OK);
	assert_int_equal(checked, 0);
	testdb_close(&db);
}

static void test_triggers_forbid_changes(void **state)
{
	struct fixture *f = *state;
	three_events(f);
	assert_int_not_equal(raw_exec(f, "UPDATE audit_events SET fields = 'x' WHERE seq = 2"), SQLITE_OK);
	assert_int_not_equal(raw_exec(f, "DELETE FROM audit_events WHERE seq = 2"), SQLITE_OK);
	long long checked, bad;
	assert_int_equal(verify(f, &checked, &bad), DOM_OK);
}

static void test_verify_detects_changed_content(void **state)
{
	struct fixture *f = *state;
	long long checked, bad;
	three_events(f);
	assert_int_equal(verify(f, &checked, &bad), DOM_OK);
	assert_int_equal(raw_exec(f, "DROP TRIGGER audit_events_no_update;"
				     "UPDATE audit_events SET fields = 'phone' WHERE seq = 3"),
			 SQLITE_OK);
	assert_int_equal(verify(f, &checked, &bad), DOM_CONFLICT);
	assert_int_equal(bad, 3);
	assert_int_equal(checked, 2);
}

static void test_verify_detects_changed_actor(void **state)
{
	struct fixture *f = *state;
	long long checked, bad;
	three_events(f);
	assert_int_equal(raw_exec(f, "DROP TRIGGER audit_events_no_update;"
				     "UPDATE audit_events SET user_id = NULL WHERE seq = 4"),
			 SQLITE_OK);
	assert_int_equal(verify(f, &checked, &bad), DOM_CONFLICT);
	assert_int_equal(bad, 4);
}

static void test_verify_detects_deleted_event(void **state)
{
	struct fixture *f = *state;
	long long checked, bad;
	three_events(f);
	assert_int_equal(raw_exec(f, "DROP TRIGGER audit_events_no_delete;"
				     "DELETE FROM audit_events WHERE seq = 2"),
			 SQLITE_OK);
	assert_int_equal(verify(f, &checked, &bad), DOM_CONFLICT);
	assert_int_equal(bad, 3);
}

static void event_hash(const char *const parts[8], char out[65])
{
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < 8; i++) {
		const char *p = parts[i] ? parts[i] : "";
		buf_printf(&b, "%zu:%s;", strlen(p), p);
	}
	crypto_sha256_hex(b.p, b.n, out);
	buf_free(&b);
}

/* Changing an event and recomputing its own hash still breaks the link
 * from the next event. */
static void test_verify_detects_rehashed_event(void **state)
{
	struct fixture *f = *state;
	long long checked, bad;
	three_events(f);
	struct store_list l;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "seq", "2", NULL, 0, 1, 0, &l), STORE_OK);
	assert_int_equal(l.n, 1);
	const struct audit_event *ev = l.items[0];
	const char *parts[8] = { ev->prev_hash, ev->seq, ev->at, ev->user_id,
				 "update", ev->entity, ev->entity_id, "legal_status" };
	char hash[65], check[65];
	const char *orig[8] = { ev->prev_hash, ev->seq, ev->at, ev->user_id,
				ev->action, ev->entity, ev->entity_id, ev->fields };
	event_hash(orig, check);
	assert_string_equal(check, ev->hash); /* the test's hash is the log's */
	event_hash(parts, hash);
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "DROP TRIGGER audit_events_no_update;"
		 "UPDATE audit_events SET action = 'update', fields = 'legal_status', hash = '%s' "
		 "WHERE seq = 2",
		 hash);
	assert_int_equal(raw_exec(f, sql), SQLITE_OK);
	assert_int_equal(verify(f, &checked, &bad), DOM_CONFLICT);
	assert_int_equal(bad, 3);
}

static void test_record_continues_after_reopen(void **state)
{
	struct fixture *f = *state;
	char err[128];
	three_events(f);
	store_close(f->db.st);
	assert_int_equal(store_open(f->db.path, &f->db.st, err, sizeof(err)), STORE_OK);
	f->c.st = f->db.st;
	assert_int_equal(audit_record(&f->c, "view", "person", "p2", NULL), DOM_OK);
	long long checked, bad;
	assert_int_equal(verify(f, &checked, &bad), DOM_OK);
	assert_int_equal(checked, 5);
}

static void test_record_inside_rolled_back_transaction(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(store_begin(f->db.st), STORE_OK);
	assert_int_equal(audit_record(&f->c, "view", "person", "p1", NULL), DOM_OK);
	store_rollback(f->db.st);
	long long checked, bad;
	assert_int_equal(verify(f, &checked, &bad), DOM_OK);
	assert_int_equal(checked, 1);
	assert_int_equal(audit_record(&f->c, "view", "person", "p1", NULL), DOM_OK);
	assert_int_equal(verify(f, &checked, &bad), DOM_OK);
	assert_int_equal(checked, 2);
}

static void test_list_for_record(void **state)
{
	struct fixture *f = *state;
	three_events(f);
	struct store_list l;
	assert_int_equal(audit_list_for(&f->c, "p1", 0, 10, 1, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct audit_event *)l.items[0])->action, "update"); /* newest first */
	assert_string_equal(((struct audit_event *)l.items[1])->action, "view");
	assert_int_equal(audit_list_for(&f->c, "p1", 0, 1, 1, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(audit_list_for(&f->c, "nobody", 0, 10, 1, &l), DOM_OK);
	assert_int_equal(l.n, 0);

	/* The changes alone: a record viewed more often than the limit still
	 * shows its changes (the views are left out in the query). */
	for (int i = 0; i < 30; i++)
		assert_int_equal(audit_record(&f->c, "view", "person", "p1", NULL), DOM_OK);
	assert_int_equal(audit_list_for(&f->c, "p1", 0, 10, 1, &l), DOM_OK);
	assert_int_equal(l.n, 10);
	assert_string_equal(((struct audit_event *)l.items[0])->action, "view");
	assert_int_equal(audit_list_for(&f->c, "p1", 1, 10, 1, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct audit_event *)l.items[0])->action, "update");
	/* Actions on both sides of "view" in the alphabet, newest first and
	 * cut at the limit. */
	assert_int_equal(audit_record(&f->c, "withdraw", "person", "p1", NULL), DOM_OK);
	assert_int_equal(audit_record(&f->c, "view", "person", "p1", NULL), DOM_OK);
	assert_int_equal(audit_record(&f->c, "anonymise", "person", "p1", NULL), DOM_OK);
	assert_int_equal(audit_list_for(&f->c, "p1", 1, 10, 1, &l), DOM_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(((struct audit_event *)l.items[0])->action, "anonymise");
	assert_string_equal(((struct audit_event *)l.items[1])->action, "withdraw");
	assert_string_equal(((struct audit_event *)l.items[2])->action, "update");
	assert_int_equal(audit_list_for(&f->c, "p1", 1, 2, 1, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct audit_event *)l.items[1])->action, "withdraw");

	struct user ethics;
	fixture_user(f, "etica", "ethics", &ethics);
	f->c.user = &ethics;
	assert_int_equal(audit_list_for(&f->c, "p1", 0, 10, 1, &l), DOM_FORBIDDEN);
	f->c.user = &f->admin;
}

static void test_log_holds_no_personal_values(void **state)
{
	struct fixture *f = *state;
	struct person in = { .given_names = arena_strdup(f->a, "Zacarías"),
			     .surname1 = arena_strdup(f->a, "Quintanilla"),
			     .phone = arena_strdup(f->a, "6777-8888") },
		      out;
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, &out), DOM_OK);
	struct person ch = { .email = "zq@correo.com" };
	assert_int_equal(person_update(&f->c, out.id, &ch, &errs, &out), DOM_OK);
	struct store_list l;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, NULL, NULL, "seq", 0, 100, 0, &l), STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *ev = l.items[i];
		const char *cols[] = { ev->action, ev->entity, ev->entity_id, ev->fields };
		for (size_t k = 0; k < 4; k++) {
			if (!cols[k])
				continue;
			assert_null(strstr(cols[k], "Zacar"));
			assert_null(strstr(cols[k], "Quintanilla"));
			assert_null(strstr(cols[k], "6777"));
			assert_null(strstr(cols[k], "correo"));
		}
	}
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_chain_links),
		T(test_verify_passes),
		T(test_verify_empty_log),
		T(test_triggers_forbid_changes),
		T(test_verify_detects_changed_content),
		T(test_verify_detects_changed_actor),
		T(test_verify_detects_deleted_event),
		T(test_verify_detects_rehashed_event),
		T(test_record_continues_after_reopen),
		T(test_record_inside_rolled_back_transaction),
		T(test_list_for_record),
		T(test_log_holds_no_personal_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

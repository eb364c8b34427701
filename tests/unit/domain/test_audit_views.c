/* test_audit_views.c: the view writer queues page views and appends them
 * in batches without breaking the chain or losing one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "domain/access_alert.h"
#include "domain/audit.h"
#include "domain/settings.h"
#include "support.h"

#define READERS 4
#define VIEWS 500 /* per reader: more than fit in one batch at a time */

struct reader {
	struct fixture *f;
	int n;
	char id[16];
};

/* A request thread: its own connection, as the server gives each thread. */
static void *read_many(void *arg)
{
	struct reader *r = arg;
	char err[128];
	struct store *st;
	if (store_open(r->f->db.path, &st, err, sizeof(err)))
		return NULL;
	struct arena *a = arena_new();
	struct ctx c = { .st = st, .a = a, .user = &r->f->admin, .remote = "192.0.2.1" };
	for (int i = 0; i < VIEWS; i++)
		if (audit_view(&c, "person", r->id) == DOM_OK)
			r->n++;
	arena_free(a);
	store_close(st);
	return NULL;
}

static void test_concurrent_views_all_written_in_one_chain(void **state)
{
	struct fixture *f = *state;
	struct reader r[READERS];
	pthread_t t[READERS];

	assert_int_equal(audit_views_start(f->db.path), DOM_OK);
	assert_int_equal(audit_views_start(f->db.path), DOM_ERROR); /* one per process */
	for (int i = 0; i < READERS; i++) {
		r[i] = (struct reader){ .f = f };
		snprintf(r[i].id, sizeof(r[i].id), "p%d", i);
		assert_int_equal(pthread_create(&t[i], NULL, read_many, &r[i]), 0);
	}
	/* Changes keep their own synchronous events meanwhile. */
	for (int i = 0; i < 50; i++)
		assert_int_equal(audit_record(&f->c, "update", "person", "changed", "phone"), DOM_OK);
	for (int i = 0; i < READERS; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(audit_views_settle(), DOM_OK);
	for (int i = 0; i < READERS; i++) {
		assert_int_equal(r[i].n, VIEWS);
		assert_int_equal(fixture_audit_count(f, r[i].id), VIEWS);
	}
	audit_views_stop();

	long long checked, bad;
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);
	assert_int_equal(checked, 1 + 50 + READERS * VIEWS); /* 1: the admin's creation */
}

static void test_stop_writes_what_is_queued(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(audit_views_start(f->db.path), DOM_OK);
	for (int i = 0; i < 100; i++)
		assert_int_equal(audit_view(&f->c, "household", "h1"), DOM_OK);
	audit_views_stop();
	assert_int_equal(fixture_audit_count(f, "h1"), 100);
	/* Stopped: views are written at once again. */
	assert_int_equal(audit_view(&f->c, "household", "h1"), DOM_OK);
	assert_int_equal(fixture_audit_count(f, "h1"), 101);
	assert_int_equal(audit_views_settle(), DOM_OK);
}

static void test_view_inside_transaction_belongs_to_it(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(audit_views_start(f->db.path), DOM_OK);
	assert_int_equal(store_begin(f->db.st), STORE_OK);
	assert_int_equal(audit_view(&f->c, "person", "p9"), DOM_OK);
	store_rollback(f->db.st);
	audit_views_stop();
	assert_int_equal(fixture_audit_count(f, "p9"), 0);
	long long checked, bad;
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);
}

static void test_history_settled_includes_queued_views(void **state)
{
	struct fixture *f = *state;
	struct store_list l;
	assert_int_equal(audit_views_start(f->db.path), DOM_OK);
	/* As the server runs a page: in a read snapshot taken before the view. */
	assert_int_equal(store_read_begin(f->db.st), STORE_OK);
	assert_int_equal(fixture_audit_count(f, "p7"), 0);
	assert_int_equal(audit_view(&f->c, "person", "p7"), DOM_OK);
	assert_int_equal(audit_list_for(&f->c, "p7", 0, 10, 1, &l), DOM_OK);
	store_read_end(f->db.st);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct audit_event *)l.items[0])->user_id, f->admin.id);
	audit_views_stop();
}

/* The bulk access alert counts exports with views: one export of more
 * people than the threshold raises it at once. */
static void alert_at_five(struct fixture *f)
{
	struct errors errs = { 0 };
	assert_int_equal(settings_set(&f->c, "bulk_view_records", "5", &errs), DOM_OK);
	assert_int_equal(audit_views_start(f->db.path), DOM_OK);
}

static size_t alerts(struct fixture *f)
{
	struct store_list l;
	assert_int_equal(access_alert_list(&f->c, "2000-01-01", &l), DOM_OK);
	return l.n;
}

static void test_one_large_export_alerts_at_once(void **state)
{
	struct fixture *f = *state;
	char id[16];
	alert_at_five(f);
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof(id), "x%d", i);
		assert_int_equal(audit_export(&f->c, "person", id, "payments"), DOM_OK);
	}
	assert_int_equal(audit_views_settle(), DOM_OK);
	assert_int_equal(alerts(f), 0); /* five is not more than five */
	assert_int_equal(audit_export(&f->c, "person", "x5", "payments"), DOM_OK);
	audit_views_stop();
	assert_int_equal(alerts(f), 1);
	/* Each exported person has an "export" event; who-saw reads them. */
	assert_int_equal(fixture_audit_actions(f, "x5", "export"), 1);
	long long checked, bad;
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);
}

static void test_views_and_exports_count_together(void **state)
{
	struct fixture *f = *state;
	alert_at_five(f);
	const char *seen[] = { "v1", "v2", "v3" }, *out[] = { "e1", "e2", "v1" };
	for (int i = 0; i < 3; i++)
		assert_int_equal(audit_view(&f->c, "person", seen[i]), DOM_OK);
	/* An export already recorded by its caller is only counted: no event. */
	for (int i = 0; i < 3; i++)
		audit_export_counted(&f->c, out[i]);
	assert_int_equal(audit_views_settle(), DOM_OK);
	assert_int_equal(fixture_audit_count(f, "e1"), 0);
	assert_int_equal(alerts(f), 0); /* v1 twice: five distinct records */
	audit_export_counted(&f->c, "e3");
	audit_views_stop();
	assert_int_equal(alerts(f), 1);
	/* Stopped, a counted export neither counts nor writes. */
	audit_export_counted(&f->c, "e4");
	assert_int_equal(fixture_audit_count(f, "e4"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_concurrent_views_all_written_in_one_chain,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_stop_writes_what_is_queued, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_view_inside_transaction_belongs_to_it,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_history_settled_includes_queued_views,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_one_large_export_alerts_at_once, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_views_and_exports_count_together,
						fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

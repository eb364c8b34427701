/* test_data_request.c: data-subject requests (data_request.c): the
 * business-day deadline over Panama's holidays, who may, validation,
 * overdue marking, closing (refusal, rectification) and the audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/timeutil.h"
#include "domain/data_request.h"
#include "domain/person.h"
#include "domain/settings.h"
#include "support.h"

static void test_calendar(void **state)
{
	(void)state;
	char due[16];
	/* Fixed holidays, Easter-based ones (2026: Easter on 5 April), and a
	 * Sunday holiday moved to the Monday (9 January 2022). */
	assert_true(data_holiday("2026-11-03"));
	assert_true(data_holiday("2026-11-28"));
	assert_true(data_holiday("2026-12-20"));
	assert_true(data_holiday("2026-04-03"));  /* Good Friday */
	assert_true(data_holiday("2026-02-17"));  /* Carnival Tuesday */
	assert_false(data_holiday("2026-02-16")); /* Carnival Monday: not a legal holiday */
	assert_true(data_holiday("2022-01-10"));
	assert_false(data_holiday("2026-11-04"));
	assert_false(data_business_day("2026-11-07")); /* Saturday */
	assert_false(data_business_day("2026-11-03"));
	assert_true(data_business_day("2026-11-04"));
	/* Monday 2 November 2026: the 3rd, 5th and 10th are holidays. */
	assert_int_equal(data_due_date("2026-11-02", 10, due), 0);
	assert_string_equal(due, "2026-11-19");
	/* A plain fortnight: Friday 6 March 2026 + 10 business days. */
	assert_int_equal(data_due_date("2026-03-06", 10, due), 0);
	assert_string_equal(due, "2026-03-20");
	/* Across the year's end: 24 December 2026 (25th and 1st off). */
	assert_int_equal(data_due_date("2026-12-24", 3, due), 0);
	assert_string_equal(due, "2026-12-30");
	assert_int_equal(data_due_date("2026-02-30", 10, due), -1);
	assert_int_equal(data_due_date(NULL, 10, due), -1);
	assert_int_equal(data_due_date("2026-03-06", 0, due), -1);
}

static struct data_request make(const char *kind, const char *channel, const char *received)
{
	struct data_request d = { 0 };
	d.kind = (char *)kind;
	d.channel = (char *)channel;
	d.received_on = (char *)received;
	return d;
}

static void test_register_and_permissions(void **state)
{
	struct fixture *f = *state;
	struct person p;
	struct data_request d, in, got;
	struct errors errs = { .n = 0 };
	struct user cw = fixture_worker(f, "cw", "caseworker", "legal");
	struct user dpo = fixture_worker(f, "dpo", "dpo", NULL);
	fixture_register(f, fixture_named(f, "Yuleisy", "Pérez", NULL, "1988-02-11"), &p);

	/* Caseworkers may not; the data-protection officer and admins may. */
	in = make("access", "email", "2026-03-06");
	f->c.user = &cw;
	assert_int_equal(data_request_create(&f->c, p.id, &in, &errs, &d), DOM_FORBIDDEN);
	assert_int_equal(data_request_list(&f->c, NULL, NULL, 0, 50, 0, &(struct store_list){ 0 }),
			 DOM_FORBIDDEN);
	f->c.user = &dpo;
	in = make("access", "email", "2026-03-06");
	assert_int_equal(data_request_create(&f->c, p.ref, &in, &errs, &d), DOM_OK);
	assert_string_equal(d.person_id, p.id);
	assert_string_equal(d.due_on, "2026-03-20");
	assert_string_equal(d.status, "open");
	assert_string_equal(d.received_by, dpo.id);
	assert_true(d.overdue); /* long past */
	assert_int_equal(strncmp(d.ref, "D-", 2), 0);
	assert_int_equal(data_request_get(&f->c, d.ref, &got), DOM_OK);
	assert_string_equal(got.id, d.id);

	/* Bad input names each field. */
	in = make("forget", NULL, "2999-01-01");
	assert_int_equal(data_request_create(&f->c, p.id, &in, &errs, &d), DOM_INVALID);
	assert_non_null(errors_for(&errs, "kind"));
	assert_non_null(errors_for(&errs, "channel"));
	assert_non_null(errors_for(&errs, "received_on"));
	errs.n = 0;
	in = make("access", "email", NULL);
	assert_int_equal(data_request_create(&f->c, "P-999999", &in, &errs, &d), DOM_NOTFOUND);

	/* Today's request is not overdue; the deadline follows the setting. */
	f->c.user = &f->admin;
	assert_int_equal(settings_set(&f->c, "data_request_days", "5", &errs), DOM_OK);
	in = make("portability", "in_person", NULL);
	assert_int_equal(data_request_create(&f->c, p.id, &in, &errs, &got), DOM_OK);
	char today[16], due[16];
	time_today(today);
	assert_string_equal(got.received_on, today);
	assert_int_equal(data_due_date(today, 5, due), 0);
	assert_string_equal(got.due_on, due);
	assert_false(got.overdue);

	/* The list: open ones soonest due first; overdue only. */
	struct store_list l;
	assert_int_equal(data_request_list(&f->c, p.id, NULL, 0, 50, 0, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct data_request *)l.items[0])->kind, "access");
	assert_int_equal(data_request_list(&f->c, NULL, NULL, 1, 50, 0, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct data_request *)l.items[0])->id, d.id);
	/* Audited on the request and on the person, fields only. */
	assert_int_equal(fixture_audit_actions(f, d.id, "create"), 1);
	assert_int_equal(fixture_audit_actions(f, p.id, "data_request"), 2);
}

/* The seq of the newest "update" event of entity_id. */
static const char *last_update(struct fixture *f, const char *entity_id)
{
	struct store_list l;
	assert_int_equal(
		store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", entity_id, "seq", 1, 50, 0, &l),
		STORE_OK);
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(((struct audit_event *)l.items[i])->action, "update") == 0)
			return ((struct audit_event *)l.items[i])->seq;
	fail();
	return NULL;
}

static void test_close(void **state)
{
	struct fixture *f = *state;
	struct person p, q, upd;
	struct data_request a, rect, got;
	struct errors errs = { .n = 0 };
	fixture_register(f, fixture_named(f, "Yuleisy", "Pérez", NULL, "1988-02-11"), &p);
	fixture_register(f, fixture_named(f, "Otro", "Ríos", NULL, "1979-05-02"), &q);
	struct data_request in = make("access", "letter", NULL);
	assert_int_equal(data_request_create(&f->c, p.id, &in, &errs, &a), DOM_OK);
	in = make("rectification", "in_person", NULL);
	assert_int_equal(data_request_create(&f->c, p.id, &in, &errs, &rect), DOM_OK);

	/* A refusal needs a reason; an unknown outcome is refused. */
	assert_int_equal(data_request_close(&f->c, a.id, "refused", "", NULL, &errs, &got),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "outcome_note"));
	errs.n = 0;
	assert_int_equal(data_request_close(&f->c, a.id, "maybe", NULL, NULL, &errs, &got),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "status"));
	errs.n = 0;
	/* Only a rectification points at an edit. */
	assert_int_equal(data_request_close(&f->c, a.id, "done", NULL, "1", &errs, &got),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "rectified_event"));
	errs.n = 0;
	assert_int_equal(data_request_close(&f->c, a.id, "refused", "Identidad no acreditada", NULL,
					    &errs, &got),
			 DOM_OK);
	assert_string_equal(got.status, "refused");
	assert_non_null(got.closed_at);
	assert_false(got.overdue);
	assert_int_equal(data_request_close(&f->c, a.id, "done", NULL, NULL, &errs, &got),
			 DOM_CONFLICT);

	/* A rectification closes on an edit of the same person, not another's. */
	struct person ch = { 0 };
	ch.phone = "6123-4567";
	assert_int_equal(person_update(&f->c, q.id, &ch, &errs, &upd), DOM_OK);
	assert_int_equal(
		data_request_close(&f->c, rect.id, "done", NULL, last_update(f, q.id), &errs, &got),
		DOM_INVALID);
	assert_non_null(errors_for(&errs, "rectified_event"));
	errs.n = 0;
	ch.phone = "6765-4321";
	assert_int_equal(person_update(&f->c, p.id, &ch, &errs, &upd), DOM_OK);
	const char *seq = last_update(f, p.id);
	assert_int_equal(data_request_close(&f->c, rect.id, "done", NULL, seq, &errs, &got),
			 DOM_OK);
	assert_string_equal(got.rectified_event, seq);
	assert_int_equal(fixture_audit_actions(f, rect.id, "close"), 1);
	assert_int_equal(fixture_audit_actions(f, p.id, "data_request_closed"), 2);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar),
		T(test_register_and_permissions),
		T(test_close),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

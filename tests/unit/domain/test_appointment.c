/* test_appointment.c: appointments (appointment.c): reading times, booking
 * and its validation, status moves, permissions, withheld notes, a day's
 * list and the overdue ones, the audit log, and merges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/timeutil.h"
#include "domain/appointment.h"
#include "domain/audit.h"
#include "domain/case.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "domain/user.h"
#include "support.h"

/* Now plus hours, in Panama, as "YYYY-MM-DDTHH:MM" (no zone). */
static char *at_hours(struct fixture *f, long hours)
{
	time_t t = time(NULL) - 5 * 3600 + hours * 3600;
	struct tm tm;
	char s[32];
	gmtime_r(&t, &tm);
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M", &tm);
	return arena_strdup(f->a, s);
}

static struct case_rec open_case(struct fixture *f, const char *area)
{
	struct person p;
	struct errors errs = { .n = 0 };
	struct case_rec k;
	fixture_register(f, fixture_named(f, "Yolanda", "Rangel", NULL, "1988-04-02"), &p);
	assert_int_equal(case_open(&f->c, p.id, area, NULL, &errs, &k), DOM_OK);
	return k;
}

/* Books on k at starts_at as f's user; asserts the result rc. */
static struct appointment book(struct fixture *f, const struct case_rec *k, const char *starts_at,
			       int rc)
{
	struct errors errs = { .n = 0 };
	struct appointment in = { .starts_at = arena_strdup(f->a, starts_at) }, out = { 0 };
	assert_int_equal(appointment_book(&f->c, k->id, &in, NULL, &errs, &out), rc);
	return out;
}

/* How many audit events of action the record has, and the fields of the
 * newest. */
static int events(struct fixture *f, const char *id, const char *action, const char **fields)
{
	struct store_list l;
	int n = 0;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", id, "seq", 1, 500, 0, &l),
			 STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *e = l.items[i];
		if (strcmp(e->action, action) == 0 && n++ == 0 && fields)
			*fields = e->fields;
	}
	return n;
}

static void test_time_parse(void **state)
{
	(void)state;
	char t[APPT_TIME_MAX], d[32];
	/* Panama time as written; other zones become Panama time, across
	 * midnight too. */
	static const char *const good[][2] = {
		{ "2026-03-05T14:30", "2026-03-05T14:30:00-05:00" },
		{ "2026-03-05 09:05:07", "2026-03-05T09:05:07-05:00" },
		{ "5/3/2026 9:15", "2026-03-05T09:15:00-05:00" },
		{ "05-03-2026 09:15", "2026-03-05T09:15:00-05:00" },
		{ "2026-03-05T14:30:00Z", "2026-03-05T09:30:00-05:00" },
		{ "2026-03-05T02:00:00Z", "2026-03-04T21:00:00-05:00" },
		{ "2026-03-05T10:00-05:00", "2026-03-05T10:00:00-05:00" },
		{ "2026-03-05T10:00+01:00", "2026-03-05T04:00:00-05:00" },
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(appointment_time_parse(good[i][0], t), 0);
		assert_string_equal(t, good[i][1]);
	}
	appointment_time_display(t, d);
	assert_string_equal(d, "05/03/2026 04:00");
	/* Malformed. */
	const char *bad[] = { "", "2026-03-05", "14:30", "2026-3-5T14:30", "2026-03-05T1430",
			      "05/03/2026", "05/03-2026 10:00", "2026-03-05T14:30 ", "mañana",
			      "2026-03-05T14:30+5", "2026-03-05T14:30:0", "2026-03-05T14:30:00Zx",
			      "99999-03-05T10:00", NULL };
	for (const char **b = bad; *b; b++)
		assert_int_equal(appointment_time_parse(*b, t), -1);
	assert_int_equal(appointment_time_parse(NULL, t), -1);
	/* Well formed, but no such day or time. */
	assert_int_equal(appointment_time_parse("2026-02-29T10:00", t), -2);
	assert_int_equal(appointment_time_parse("31/04/2026 10:00", t), -2);
	assert_int_equal(appointment_time_parse("2026-03-05T24:00", t), -2);
	assert_int_equal(appointment_time_parse("2026-03-05T10:60", t), -2);
	assert_int_equal(appointment_time_parse("2028-02-29T10:00", t), 0);
}

static void test_book_and_validate(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = open_case(f, "psychosocial");
	struct appointment a = book(f, &k, at_hours(f, 3), DOM_OK);
	const char *fields = NULL;

	assert_string_equal(a.status, "planned");
	assert_string_equal(a.kind, "follow_up");
	assert_string_equal(a.with_user, f->admin.id);
	assert_string_equal(a.person_id, k.person_id);
	assert_non_null(strstr(a.starts_at, "-05:00"));
	assert_int_equal(events(f, k.id, "add_appointment", &fields), 1);
	assert_string_equal(fields, "starts_at,kind,with_user");

	struct errors errs = { .n = 0 };
	struct appointment in = {
		.starts_at = arena_strdup(f->a, "31/02/2026 10:00"),
		.kind = arena_strdup(f->a, "party"),
		.duration_minutes = arena_strdup(f->a, "0"),
		.with_whom = arena_strdup(f->a, "Intérprete de creole"),
	};
	assert_int_equal(appointment_book(&f->c, k.id, &in, "nobody", &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "starts_at"));
	assert_non_null(errors_for(&errs, "kind"));
	assert_non_null(errors_for(&errs, "duration_minutes"));
	assert_non_null(errors_for(&errs, "user_id"));
	assert_null(errors_for(&errs, "with_whom"));
	errs.n = 0;
	in = (struct appointment){ .starts_at = arena_strdup(f->a, "tomorrow at ten") };
	assert_int_equal(appointment_book(&f->c, k.id, &in, NULL, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "starts_at"));
	/* Years away: a typing slip. */
	book(f, &k, at_hours(f, 24 * 800), DOM_INVALID);
	book(f, &k, at_hours(f, -24 * 400), DOM_INVALID);
	errs.n = 0;
	in = (struct appointment){ 0 };
	assert_int_equal(appointment_book(&f->c, k.id, &in, NULL, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "starts_at"));
	/* Nothing was stored by the refusals. */
	long long n;
	assert_int_equal(store_count(f->db.st, &ENT_APPOINTMENT, "case_id", k.id, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(events(f, k.id, "add_appointment", NULL), 1);

	/* With another staff member: one who works in the area. */
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	errs.n = 0;
	in = (struct appointment){ .starts_at = at_hours(f, 5) };
	assert_int_equal(appointment_book(&f->c, k.ref, &in, "psy", &errs, &a), DOM_OK);
	assert_string_equal(a.with_user, psy.id);
	in = (struct appointment){ .starts_at = at_hours(f, 5) };
	assert_int_equal(appointment_book(&f->c, k.id, &in, live.id, &errs, &a), DOM_INVALID);
	assert_non_null(errors_for(&errs, "user_id"));
	/* No such case. */
	book(f, &k, at_hours(f, 1), DOM_OK);
	errs.n = 0;
	in = (struct appointment){ .starts_at = at_hours(f, 5) };
	assert_int_equal(appointment_book(&f->c, "C-999999", &in, NULL, &errs, NULL), DOM_NOTFOUND);
}

static void test_permissions(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = open_case(f, "psychosocial");
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user reader, ethics;
	fixture_user(f, "reader", "readonly", &reader);
	fixture_user(f, "ethics", "ethics", &ethics);
	struct appointment a = book(f, &k, at_hours(f, -2), DOM_OK), got;
	struct errors errs = { .n = 0 };
	struct store_list l;
	struct appointment_filter all = { .case_id = k.id };

	f->c.user = &live;
	book(f, &k, at_hours(f, 2), DOM_FORBIDDEN);
	assert_int_equal(appointment_set_status(&f->c, a.id, "done", NULL, &errs, NULL), DOM_FORBIDDEN);
	assert_int_equal(appointment_get(&f->c, a.id, &got), DOM_OK); /* reading like services */
	f->c.user = &reader;
	book(f, &k, at_hours(f, 2), DOM_FORBIDDEN);
	assert_int_equal(appointment_list(&f->c, &all, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	f->c.user = &ethics;
	assert_int_equal(appointment_get(&f->c, a.id, &got), DOM_FORBIDDEN);
	assert_int_equal(appointment_list(&f->c, &all, 50, 0, &errs, &l), DOM_FORBIDDEN);
	f->c.user = &psy;
	assert_int_equal(appointment_set_status(&f->c, a.id, "missed", "no vino", &errs, &got),
			 DOM_OK);
	assert_string_equal(got.status, "missed");
	assert_string_equal(got.status_by, psy.id);

	/* Notes of a psychosocial case: withheld from livelihoods, read by
	 * the area, supervisors and administrators. */
	f->c.user = &live;
	assert_int_equal(appointment_get(&f->c, a.id, &got), DOM_OK);
	assert_null(got.notes);
	assert_int_equal(got.notes_restricted, 1);
	assert_int_equal(appointment_list(&f->c, &all, 50, 0, &errs, &l), DOM_OK);
	assert_null(((struct appointment *)l.items[0])->notes);
	assert_int_equal(((struct appointment *)l.items[0])->notes_restricted, 1);
	f->c.user = &psy;
	assert_int_equal(appointment_get(&f->c, a.id, &got), DOM_OK);
	assert_string_equal(got.notes, "no vino");
	f->c.user = &f->admin;
	assert_int_equal(appointment_get(&f->c, a.id, &got), DOM_OK);
	assert_string_equal(got.notes, "no vino");
	/* A livelihoods case's notes are read by every reader. */
	struct case_rec lk = open_case(f, "livelihoods");
	struct appointment b = book(f, &lk, at_hours(f, -2), DOM_OK);
	assert_int_equal(appointment_set_status(&f->c, b.id, "done", "CV revisado", &errs, NULL),
			 DOM_OK);
	f->c.user = &psy;
	assert_int_equal(appointment_get(&f->c, b.id, &got), DOM_OK);
	assert_string_equal(got.notes, "CV revisado");
	f->c.user = &f->admin;
}

static void test_status_moves(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = open_case(f, "legal");
	struct appointment past = book(f, &k, at_hours(f, -3), DOM_OK);
	struct appointment future = book(f, &k, at_hours(f, 3), DOM_OK), got;
	struct errors errs = { .n = 0 };
	const char *fields = NULL;

	assert_int_equal(appointment_set_status(&f->c, past.id, "postponed", NULL, &errs, NULL),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "status"));
	errs.n = 0;
	assert_int_equal(appointment_set_status(&f->c, past.id, NULL, NULL, &errs, NULL), DOM_INVALID);
	errs.n = 0;
	assert_int_equal(appointment_set_status(&f->c, past.id, "planned", NULL, &errs, NULL),
			 DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "status"));
	errs.n = 0;
	/* Not started yet: it can be cancelled, not done or missed. */
	assert_int_equal(appointment_set_status(&f->c, future.id, "done", NULL, &errs, NULL),
			 DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "status"));
	errs.n = 0;
	assert_int_equal(appointment_set_status(&f->c, future.id, "missed", NULL, &errs, NULL),
			 DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(appointment_get(&f->c, future.id, &got), DOM_OK);
	assert_string_equal(got.status, "planned");
	assert_int_equal(appointment_set_status(&f->c, future.id, "cancelled", NULL, &errs, &got),
			 DOM_OK);
	assert_string_equal(got.status, "cancelled");
	assert_null(got.notes);

	assert_int_equal(appointment_set_status(&f->c, past.id, "done",
						"Se entregó la constancia de ONPAR", &errs, &got),
			 DOM_OK);
	assert_string_equal(got.status, "done");
	assert_string_equal(got.notes, "Se entregó la constancia de ONPAR");
	assert_non_null(got.status_at);
	/* Final: no further move, the first outcome stays. */
	const char *again[] = { "done", "missed", "cancelled", "planned" };
	for (size_t i = 0; i < 4; i++) {
		errs.n = 0;
		assert_int_equal(appointment_set_status(&f->c, past.id, again[i], NULL, &errs, NULL),
				 DOM_CONFLICT);
	}
	assert_int_equal(appointment_get(&f->c, past.id, &got), DOM_OK);
	assert_string_equal(got.status, "done");
	assert_string_equal(got.notes, "Se entregó la constancia de ONPAR");
	/* The audit names the fields, never the note's words. */
	assert_int_equal(events(f, k.id, "appointment_status", &fields), 2);
	assert_string_equal(fields, "status,notes");
	struct store_list l;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, NULL, NULL, "seq", 0, 1000, 0, &l),
			 STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *e = l.items[i];
		assert_null(e->fields ? strstr(e->fields, "ONPAR") : NULL);
	}
	long long checked, bad;
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);
	/* A closed case takes no bookings. */
	errs.n = 0;
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "goals_met", &errs, NULL), DOM_OK);
	book(f, &k, at_hours(f, 4), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(appointment_set_status(&f->c, "nope", "done", NULL, &errs, NULL),
			 DOM_NOTFOUND);
}

static void test_day_and_overdue(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = open_case(f, "livelihoods");
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct errors errs = { .n = 0 };
	struct store_list l;
	long long n;
	char today[16];

	/* The admin's: two overdue (one marked done), one ahead. */
	struct appointment late1 = book(f, &k, at_hours(f, -50), DOM_OK);
	struct appointment late2 = book(f, &k, at_hours(f, -1), DOM_OK);
	struct appointment ahead = book(f, &k, at_hours(f, 30), DOM_OK);
	struct appointment done = book(f, &k, at_hours(f, -2), DOM_OK);
	assert_int_equal(appointment_set_status(&f->c, done.id, "done", NULL, &errs, NULL), DOM_OK);
	/* live's: one overdue. */
	struct appointment in = { .starts_at = at_hours(f, -5) };
	assert_int_equal(appointment_book(&f->c, k.id, &in, "live", &errs, NULL), DOM_OK);

	struct appointment_filter mine = { .with_user = f->admin.id, .overdue = 1 };
	assert_int_equal(appointment_list(&f->c, &mine, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	assert_string_equal(((struct appointment *)l.items[0])->id, late1.id); /* time order */
	assert_string_equal(((struct appointment *)l.items[1])->id, late2.id);
	struct appointment_filter marked = { .with_user = f->admin.id, .overdue = 1, .status = "done" };
	assert_int_equal(appointment_list(&f->c, &marked, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 0); /* a marked one is never overdue */
	assert_int_equal(appointment_overdue_count(&f->c, f->admin.id, &n), DOM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(appointment_overdue_count(&f->c, live.id, &n), DOM_OK);
	assert_int_equal(n, 1);

	/* Today's and the day after's, by date (both days included). */
	time_today(today);
	struct appointment_filter day = { .with_user = f->admin.id, .from = today, .to = today };
	assert_int_equal(appointment_list(&f->c, &day, 50, 0, &errs, &l), DOM_OK);
	for (size_t i = 0; i < l.n; i++)
		assert_memory_equal(((struct appointment *)l.items[i])->starts_at, today, 10);
	struct appointment_filter wide = { .from = "2000-01-01", .to = "2199-12-31" };
	assert_int_equal(appointment_list(&f->c, &wide, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 5);
	assert_string_equal(((struct appointment *)l.items[4])->id, ahead.id);
	struct appointment_filter bad = { .from = "2026-02-30", .to = "tomorrow", .status = "late" };
	assert_int_equal(appointment_list(&f->c, &bad, 50, 0, &errs, &l), DOM_INVALID);
	assert_non_null(errors_for(&errs, "from"));
	assert_non_null(errors_for(&errs, "to"));
	assert_non_null(errors_for(&errs, "status"));

	/* Counts per staff member: supervisors and administrators only. */
	assert_int_equal(appointment_overdue_counts(&f->c, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	const struct appointment_count *first = l.items[0], *second = l.items[1];
	assert_string_equal(first->user_id, f->admin.id);
	assert_int_equal(first->n, 2);
	assert_string_equal(second->user_id, live.id);
	assert_int_equal(second->n, 1);
	assert_int_equal(appointment_staff(&f->c, &l), DOM_OK);
	assert_int_equal(l.n, 3); /* admin, live, psy */
	/* A disabled account holds no more appointments, but its overdue ones
	 * still count: someone must take them over. */
	assert_int_equal(user_set_disabled(&f->c, "live", 1), DOM_OK);
	assert_int_equal(appointment_staff(&f->c, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(appointment_overdue_counts(&f->c, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	f->c.user = &psy;
	assert_int_equal(appointment_overdue_counts(&f->c, &l), DOM_FORBIDDEN);
	assert_int_equal(appointment_staff(&f->c, &l), DOM_FORBIDDEN);
	f->c.user = &f->admin;
}

/* A merge moves the appointments with the case's person; its undo moves
 * them back. */
static void test_merge_moves_appointments(void **state)
{
	struct fixture *f = *state;
	struct person a;
	fixture_register(f, fixture_named(f, "Ana", "Quintero", NULL, "1990-01-01"), &a);
	struct case_rec k = open_case(f, "legal");
	struct appointment x = book(f, &k, at_hours(f, 2), DOM_OK), got;
	struct errors errs = { .n = 0 };
	struct merge g;
	assert_int_equal(merge_people(&f->c, a.id, k.person_id, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(appointment_get(&f->c, x.id, &got), DOM_OK);
	assert_string_equal(got.person_id, a.id);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_int_equal(appointment_get(&f->c, x.id, &got), DOM_OK);
	assert_string_equal(got.person_id, k.person_id);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_parse),
		T(test_book_and_validate),
		T(test_permissions),
		T(test_status_moves),
		T(test_day_and_overdue),
		T(test_merge_moves_appointments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

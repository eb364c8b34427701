/* test_match_review.c: the review queue on a real SQLite database: the
 * scan finds near-duplicates with their reasons, decisions are kept,
 * audited and never asked again, and they refine the stored model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <unistd.h>

#include "domain/audit.h"
#include "domain/match_review.h"
#include "domain/person.h"
#include "domain/person_match.h"
#include "support.h"

static int teardown(void **state)
{
	match_review_stop();
	person_match_stop();
	return fixture_teardown(state);
}

/* A registry of sixty unrelated people and two near-duplicates, indexed;
 * *a and *b are the pair. */
static void registry(struct fixture *f, struct person *a, struct person *b)
{
	fixture_filler(f, 60);
	fixture_register(f, fixture_named(f, "Josmar", "González", "Rivas", "1987-06-23"), a);
	fixture_register(f, fixture_named(f, "Yosmar", "Gonzales", "Rivas", "1987-06-23"), b);
	assert_int_equal(person_match_build(f->db.st), DOM_OK);
}

/* The pending pair of these two people, or -1. */
static int pair_of(const struct review_pair *p, size_t n, const char *x, const char *y)
{
	for (size_t i = 0; i < n; i++)
		if ((!strcmp(p[i].a.id, x) && !strcmp(p[i].b.id, y)) ||
		    (!strcmp(p[i].a.id, y) && !strcmp(p[i].b.id, x)))
			return (int)i;
	return -1;
}

/* The pending pair of a and b, read from the queue, or NULL. */
static struct review_pair *pending(struct fixture *f, const struct person *a,
				   const struct person *b)
{
	struct review_pair *p;
	struct errors errs = { .n = 0 };
	size_t n;
	long long total;
	assert_int_equal(match_review_list(&f->c, NULL, NULL, 50, 0, &p, &n, &total, &errs), DOM_OK);
	int i = pair_of(p, n, a->id, b->id);
	return i < 0 ? NULL : &p[i];
}

/* registry() and a first scan: the pair, pending. */
static struct review_pair *scanned(struct fixture *f, struct person *a, struct person *b)
{
	struct review_scan_result r;
	registry(f, a, b);
	assert_int_equal(match_review_run(f->db.st, &r), DOM_OK);
	struct review_pair *p = pending(f, a, b);
	assert_non_null(p);
	return p;
}

static int has_event(struct fixture *f, const char *person_id, const char *action)
{
	struct store_list l;
	assert_int_equal(audit_list_for(&f->c, person_id, 0, 50, 1, &l), DOM_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *e = l.items[i];
		if (!strcmp(e->action, action) && e->fields && strstr(e->fields, "match_pair"))
			return 1;
	}
	return 0;
}

static void test_scan_finds_pair_with_reasons(void **state)
{
	struct fixture *f = *state;
	struct person a, b;
	struct review_pair *p;
	struct review_scan_result r;
	size_t n;
	long long total;
	struct errors errs = { .n = 0 };
	registry(f, &a, &b);
	assert_int_equal(match_review_run(f->db.st, &r), DOM_OK);
	assert_true(r.found >= 1);
	assert_int_equal(r.added, r.found);
	assert_int_equal(match_review_list(&f->c, NULL, NULL, 50, 0, &p, &n, &total, &errs), DOM_OK);
	assert_int_equal(total, (long long)n);
	int i = pair_of(p, n, a.id, b.id);
	assert_true(i >= 0);
	assert_true(strcmp(p[i].row.person_a, p[i].row.person_b) < 0);
	assert_string_equal(p[i].row.status, "pending");
	assert_int_equal(p[i].verdict, MATCH_LIKELY);
	assert_int_equal(p[i].why.level[MATCH_BIRTH], MATCH_DATE_EXACT);
	assert_true(p[i].why.weight[MATCH_BIRTH] > 0);
	assert_true(p[i].why.level[MATCH_GIVEN] >= MATCH_NAME_FUZZY);
	assert_true(p[i].score >= 10);
	/* Best first. */
	for (size_t k = 1; k < n; k++)
		assert_true(p[k - 1].score >= p[k].score);
	/* The verdict filter. */
	assert_int_equal(match_review_list(&f->c, "pending", "likely", 50, 0, &p, &n, &total, &errs), DOM_OK);
	assert_true(pair_of(p, n, a.id, b.id) >= 0);
	assert_int_equal(match_review_list(&f->c, "pending", "possible", 50, 0, &p, &n, &total, &errs), DOM_OK);
	assert_int_equal(pair_of(p, n, a.id, b.id), -1);
	assert_int_equal(match_review_list(&f->c, "maybe", NULL, 50, 0, &p, &n, &total, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "status"));

	/* A second scan adds nothing. */
	assert_int_equal(match_review_run(f->db.st, &r), DOM_OK);
	assert_int_equal(r.added, 0);
}

static void test_decision_kept_audited_never_reasked(void **state)
{
	struct fixture *f = *state;
	struct person a, b;
	struct review_pair *p, d;
	struct review_scan_result r;
	size_t n;
	long long total;
	struct errors errs = { .n = 0 };
	const char *id = scanned(f, &a, &b)->row.id;
	assert_int_equal(match_review_decide(&f->c, id, "maybe", &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "decision"));
	assert_int_equal(match_review_decide(&f->c, id, "different", &errs, &d), DOM_OK);
	assert_string_equal(d.row.status, "different");
	assert_string_equal(d.row.decided_by, f->admin.id);
	assert_non_null(d.row.decided_at);
	assert_int_equal(match_review_decide(&f->c, id, "same", &errs, NULL), DOM_CONFLICT);
	assert_int_equal(match_review_decide(&f->c, "no-such-pair", "same", &errs, NULL), DOM_NOTFOUND);
	assert_true(has_event(f, a.id, "review_different"));
	assert_true(has_event(f, b.id, "review_different"));

	/* Out of the pending list, in the decided one. */
	assert_null(pending(f, &a, &b));
	assert_int_equal(match_review_list(&f->c, "different", NULL, 50, 0, &p, &n, &total, &errs), DOM_OK);
	assert_true(pair_of(p, n, a.id, b.id) >= 0);

	/* A new scan refines the model from the decision and does not ask
	 * again; the pair still scores "likely" under the refined model. */
	assert_int_equal(match_review_run(f->db.st, &r), DOM_OK);
	assert_int_equal(r.labels, 1);
	assert_int_equal(r.same, 0);
	assert_int_equal(r.different_likely, 1);
	assert_int_equal(r.added, 0);
	assert_null(pending(f, &a, &b));
	struct review_status st;
	assert_int_equal(match_review_status(&f->c, &st), DOM_OK);
	assert_true(st.have_last);
	assert_string_equal(st.last.labels, "1");
	assert_string_equal(st.last.different_likely, "1");
}

static void test_same_refines_and_stored_model_loads(void **state)
{
	struct fixture *f = *state;
	struct person a, b;
	struct review_scan_result r;
	struct match_model def, now, loaded;
	struct errors errs = { .n = 0 };
	const char *id = scanned(f, &a, &b)->row.id;
	assert_int_equal(match_review_decide(&f->c, id, "same", &errs, NULL), DOM_OK);
	assert_true(has_event(f, a.id, "review_same"));
	assert_int_equal(match_review_run(f->db.st, &r), DOM_OK);
	assert_int_equal(r.labels, 1);
	assert_int_equal(r.same, 1);
	assert_int_equal(r.same_below, 0);
	/* The installed model moved from the default towards the pair. */
	match_model_default(&def);
	assert_int_equal(person_match_model(&now), DOM_OK);
	assert_true(now.m[MATCH_BIRTH][MATCH_DATE_EXACT] > def.m[MATCH_BIRTH][MATCH_DATE_EXACT]);
	/* A new start loads the stored model, with the registry's size. */
	person_match_stop();
	assert_int_equal(match_review_model_load(f->db.st, &loaded), DOM_OK);
	assert_true(loaded.m[MATCH_BIRTH][MATCH_DATE_EXACT] == now.m[MATCH_BIRTH][MATCH_DATE_EXACT]);
	assert_int_equal(person_match_build(f->db.st), DOM_OK);
	assert_int_equal(person_match_model(&loaded), DOM_OK);
	assert_true(loaded.m[MATCH_BIRTH][MATCH_DATE_EXACT] == now.m[MATCH_BIRTH][MATCH_DATE_EXACT]);
	assert_true(loaded.records == 62);
}

static void test_pending_pair_rescored_after_an_edit(void **state)
{
	struct fixture *f = *state;
	struct person a, b, upd;
	struct review_scan_result r;
	struct errors errs = { .n = 0 };
	struct review_pair *p = scanned(f, &a, &b);
	double before = p->score;
	assert_int_equal(p->why.level[MATCH_BIRTH], MATCH_DATE_EXACT);
	/* One digit of b's birth date corrected: the pair is found again and
	 * keeps its place, with the new score and reasons. */
	struct person ch = { .birth_date = "1987-06-28" };
	assert_int_equal(person_update(&f->c, b.id, &ch, &errs, &upd), DOM_OK);
	assert_int_equal(match_review_run(f->db.st, &r), DOM_OK);
	assert_int_equal(r.added, 0);
	assert_true(r.rescored >= 1);
	p = pending(f, &a, &b);
	assert_non_null(p);
	assert_int_equal(p->why.level[MATCH_BIRTH], MATCH_DATE_DIGIT);
	assert_true(p->score < before);
	/* Nothing changed since: nothing rescored. */
	assert_int_equal(match_review_run(f->db.st, &r), DOM_OK);
	assert_int_equal(r.rescored, 0);
}

static void test_pending_pair_of_inactive_person_dropped(void **state)
{
	struct fixture *f = *state;
	struct person a, b, cur;
	struct review_scan_result r;
	scanned(f, &a, &b);
	/* b merged into a (the merge's own code sets the status). */
	assert_int_equal(store_get(f->db.st, &ENT_PERSON, f->a, "id", b.id, &cur), STORE_OK);
	cur.status = "merged";
	assert_int_equal(store_update(f->db.st, &ENT_PERSON, &cur), STORE_OK);
	assert_int_equal(match_review_run(f->db.st, &r), DOM_OK);
	assert_true(r.dropped >= 1);
	assert_null(pending(f, &a, &b));
}

static void test_permission(void **state)
{
	struct fixture *f = *state;
	struct user clerk, sup;
	struct review_pair *p;
	struct review_status st;
	size_t n;
	long long total;
	struct errors errs = { .n = 0 };
	fixture_user(f, "clerk", "caseworker", &clerk);
	fixture_user(f, "jefa", "supervisor", &sup);
	const struct user *was = f->c.user;
	f->c.user = &clerk;
	assert_int_equal(match_review_list(&f->c, NULL, NULL, 50, 0, &p, &n, &total, &errs), DOM_FORBIDDEN);
	assert_int_equal(match_review_decide(&f->c, "x", "same", &errs, NULL), DOM_FORBIDDEN);
	assert_int_equal(match_review_scan_request(&f->c), DOM_FORBIDDEN);
	assert_int_equal(match_review_status(&f->c, &st), DOM_FORBIDDEN);
	f->c.user = &sup;
	assert_int_equal(match_review_list(&f->c, NULL, NULL, 50, 0, &p, &n, &total, &errs), DOM_OK);
	/* Without a scanner (no amparo serve) a scan cannot be asked for. */
	assert_int_equal(match_review_scan_request(&f->c), DOM_BUSY);
	f->c.user = was;
}

/* amparo serve's way: the scanner thread, on its own connection, scans
 * when asked once the index is ready. */
static void test_scanner_thread(void **state)
{
	struct fixture *f = *state;
	struct person a, b;
	struct review_status st;
	registry(f, &a, &b);
	assert_int_equal(match_review_start(f->db.path), DOM_OK);
	assert_int_not_equal(match_review_start(f->db.path), DOM_OK); /* one per process */
	assert_int_equal(match_review_status(&f->c, &st), DOM_OK);
	assert_true(st.scanner);
	assert_false(st.have_last);
	assert_int_equal(match_review_scan_request(&f->c), DOM_OK);
	for (int i = 0; i < 500; i++) {
		assert_int_equal(match_review_status(&f->c, &st), DOM_OK);
		if (st.have_last && !st.running && !st.requested)
			break;
		usleep(10000);
	}
	assert_true(st.have_last);
	assert_false(st.failed);
	assert_non_null(pending(f, &a, &b));
	match_review_stop();
}

static void test_nightly_at_two_in_panama(void **state)
{
	(void)state;
	/* 2026-11-28 06:59:59 UTC is 01:59:59 in Panama. */
	time_t t = 1795849199;
	assert_int_equal(match_review_next_nightly(t), t + 1);
	/* At 02:00 itself the next one is tomorrow's. */
	assert_int_equal(match_review_next_nightly(t + 1), t + 1 + 86400);
	/* 23:00 in Panama is 04:00 UTC the next day: three hours to go. */
	assert_int_equal(match_review_next_nightly(t + 1 + 21 * 3600), t + 1 + 24 * 3600);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_scan_finds_pair_with_reasons),
		T(test_decision_kept_audited_never_reasked),
		T(test_same_refines_and_stored_model_loads),
		T(test_pending_pair_rescored_after_an_edit),
		T(test_pending_pair_of_inactive_person_dropped),
		T(test_permission),
		T(test_scanner_thread),
		cmocka_unit_test(test_nightly_at_two_in_panama),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_demo_cases.c: the demo's bulk casework (demo_cases_bulk.c) writes
 * what the caseworkers' domain calls write: every case with its reference
 * and its events on the case and the person, every service with its event,
 * sealed notes, a chain that verifies; its cases load and list their
 * services like any others; a seed gives the same casework. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "domain/audit.h"
#include "domain/case.h"
#include "domain/demo.h"
#include "domain/service.h"
#include "support.h"

#define PEOPLE 300
#define RICH 20
#define BULK 120
#define BULK_SERVICES 1500

static long long count(struct fixture *f, const struct entity *e, const char *key, const char *value)
{
	long long n = -1;
	assert_int_equal(store_count(f->db.st, e, key, value, &n), STORE_OK);
	return n;
}

/* The demo's people, its rich cases, then its bulk ones; answers how many
 * cases there were before the bulk ones (the rich ones, and those an
 * accepted referral opened). */
static long long casework(struct fixture *f, struct demo_cases_made *rich,
			  struct demo_cases_bulk_made *bulk)
{
	struct demo_made made;
	assert_int_equal(demo_generate(&f->c, PEOPLE, 3, &made), DOM_OK);
	assert_int_equal(demo_cases(&f->c, RICH, 3, "contraseña de demo larga", rich), DOM_OK);
	assert_int_equal(rich->cases, RICH);
	long long before = count(f, &ENT_CASE, NULL, NULL);
	assert_true(before >= RICH);
	assert_int_equal(demo_cases_bulk(&f->c, BULK, BULK_SERVICES, 3, bulk), DOM_OK);
	return before;
}

/* The cases as text, by reference: what a seed decides. */
static char *cases_text(struct fixture *f)
{
	struct store_list l;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(store_list(f->db.st, &ENT_CASE, f->a, NULL, NULL, "ref", 0, 1000, 0, &l), STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct case_rec *k = l.items[i];
		buf_printf(&b, "%s %s %s %s %s %lld\n", k->ref, k->area, k->status, k->risk,
			   k->closure_reason ? k->closure_reason : "-",
			   count(f, &ENT_SERVICE, "case_id", k->id));
	}
	char *r = arena_strdup(f->a, b.p);
	buf_free(&b);
	return r;
}

static void test_bulk_casework(void **state)
{
	struct fixture **two = *state, *f = two[0];
	struct demo_cases_made rich;
	struct demo_cases_bulk_made bulk;
	long long before = casework(f, &rich, &bulk), all = before + BULK;
	assert_int_equal(bulk.cases, BULK);
	assert_int_equal(bulk.services, BULK_SERVICES);
	assert_true(bulk.rows > BULK * 3 + BULK_SERVICES * 2);
	assert_int_equal(count(f, &ENT_CASE, NULL, NULL), all);
	assert_int_equal(count(f, &ENT_SERVICE, NULL, NULL), rich.services + BULK_SERVICES);

	/* Every case has its own reference, numbered without gaps, and the
	 * counter continues after them. */
	struct store_list l;
	assert_int_equal(store_list(f->db.st, &ENT_CASE, f->a, NULL, NULL, "ref", 0, 1000, 0, &l), STORE_OK);
	assert_int_equal(l.n, all);
	long closed = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct case_rec *k = l.items[i];
		assert_string_equal(k->ref, arena_printf(f->a, "C-%06zu", i + 1));
		if (!strcmp(k->status, "closed")) {
			closed++;
			assert_non_null(k->closure_reason);
			assert_non_null(k->closed_at);
			assert_null(k->open_key);
		}
	}
	assert_true(closed > 0);
	struct counter n;
	assert_int_equal(store_get(f->db.st, &ENT_COUNTER, f->a, "name", "case", &n), STORE_OK);
	assert_int_equal(atoll(n.value), all);

	/* The events the domain calls write: two at each opening (the case
	 * and the person), one per service; and the chain holds. */
	long opened = 0, open_person = 0, services = 0;
	assert_int_equal(store_scan(f->db.st, &ENT_AUDIT, f->a, NULL, 100000, &l), STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *ev = l.items[i];
		opened += !strcmp(ev->action, "open") && !strcmp(ev->entity, "case");
		open_person += !strcmp(ev->action, "open_case") && !strcmp(ev->entity, "person");
		services += !strcmp(ev->action, "add_service");
	}
	assert_int_equal(opened, all);
	assert_int_equal(open_person, all);
	assert_int_equal(services, rich.services + BULK_SERVICES);
	long long checked, bad;
	assert_int_equal(audit_verify(f->db.st, &checked, &bad), DOM_OK);

	/* The notes are sealed at rest (store_scan reads them as stored). */
	long notes = 0;
	assert_int_equal(store_scan(f->db.st, &ENT_SERVICE, f->a, NULL, 100000, &l), STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct service *s = l.items[i];
		if (s->notes) {
			notes++;
			assert_true(strncmp(s->notes, "enc:", 4) == 0);
		}
	}
	assert_true(notes > 0);

	/* The last case is a bulk one: it loads and lists its services, notes
	 * opened, like any other. */
	struct case_rec k;
	assert_int_equal(case_load(&f->c, arena_printf(f->a, "C-%06lld", all), &k), DOM_OK);
	assert_non_null(k.assigned_to);
	assert_non_null(k.office);
	assert_int_equal(service_list(&f->c, &k, 100, 0, &l), DOM_OK);
	assert_int_equal(l.total, count(f, &ENT_SERVICE, "case_id", k.id));
	for (size_t i = 0; i < l.n; i++) {
		const struct service *s = l.items[i];
		assert_string_equal(s->person_id, k.person_id);
		assert_true(!s->notes || strncmp(s->notes, "enc:", 4) != 0);
	}
}

/* The same seed on another database: the same cases and services. */
static void test_same_seed_same_casework(void **state)
{
	struct fixture **two = *state, *f = two[0], *g = two[1];
	struct demo_cases_made rich;
	struct demo_cases_bulk_made bulk, again;
	casework(f, &rich, &bulk);
	casework(g, &rich, &again);
	assert_int_equal(again.services, bulk.services);
	assert_int_equal(again.rows, bulk.rows);
	assert_string_equal(cases_text(g), cases_text(f));
}

int main(void)
{
#define T2(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_two, fixture_teardown_two)
	const struct CMUnitTest tests[] = {
		T2(test_bulk_casework),
		T2(test_same_seed_same_casework),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

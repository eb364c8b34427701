/* test_partner.c: the partner directory: create, update, deactivate,
 * list with filters, permissions and the audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/auth.h"
#include "domain/partner.h"
#include "support.h"

static struct partner make(struct fixture *f, const char *name, const char *kind, const char *areas)
{
	struct partner in = { .name = arena_strdup(f->a, name), .kind = arena_strdup(f->a, kind),
			      .areas = arena_strdup(f->a, areas) },
		       out;
	struct errors errs = { .n = 0 };
	assert_int_equal(partner_create(&f->c, &in, &errs, &out), DOM_OK);
	return out;
}

static void test_create_and_get(void **state)
{
	struct fixture *f = *state;
	struct partner p = make(f, "  ACNUR Panamá ", "un_agency", "psychosocial legal, legal");
	assert_string_equal(p.name, "ACNUR Panamá");
	assert_string_equal(p.kind, "un_agency");
	assert_string_equal(p.areas, "psychosocial,legal");
	assert_string_equal(p.active, "1");
	assert_string_equal(p.created_by, f->admin.id);
	assert_int_equal(strlen(p.id), 36);
	assert_int_equal(fixture_audit_count(f, p.id), 1);

	struct partner got;
	assert_int_equal(partner_get(&f->c, p.id, &got), DOM_OK);
	assert_string_equal(got.name, "ACNUR Panamá");
	assert_int_equal(partner_get(&f->c, "nope", &got), DOM_NOTFOUND);
	assert_int_equal(partner_get(&f->c, NULL, &got), DOM_NOTFOUND);
}

static void test_validation(void **state)
{
	struct fixture *f = *state;
	struct partner in = { .kind = arena_strdup(f->a, "bank"), .areas = arena_strdup(f->a, "legal,cooking"),
			      .email = arena_strdup(f->a, "not-an-email") };
	struct errors errs = { .n = 0 };
	assert_int_equal(partner_create(&f->c, &in, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "name"));
	assert_non_null(errors_for(&errs, "kind"));
	assert_non_null(errors_for(&errs, "areas"));
	assert_non_null(errors_for(&errs, "email"));
	long long n;
	assert_int_equal(store_count(f->c.st, &ENT_PARTNER, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);
}

static void test_update_and_deactivate(void **state)
{
	struct fixture *f = *state;
	struct partner p = make(f, "MITRADEL", "government", "livelihoods"), out;
	struct partner ch = { .phone = "500-7000", .description = "Permisos de trabajo",
			      .areas = "livelihoods,legal" };
	struct errors errs = { .n = 0 };
	assert_int_equal(partner_update(&f->c, p.id, &ch, &errs, &out), DOM_OK);
	assert_string_equal(out.phone, "500-7000");
	assert_string_equal(out.areas, "legal,livelihoods");
	assert_string_equal(out.name, "MITRADEL");
	assert_int_equal(fixture_audit_count(f, p.id), 2);

	struct partner bad = { .kind = "bank" };
	errs.n = 0;
	assert_int_equal(partner_update(&f->c, p.id, &bad, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "kind"));
	struct partner clear = { .name = "" };
	errs.n = 0;
	assert_int_equal(partner_update(&f->c, p.id, &clear, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "name"));

	assert_int_equal(partner_set_active(&f->c, p.id, 0, &out), DOM_OK);
	assert_string_equal(out.active, "0");
	assert_int_equal(fixture_audit_count(f, p.id), 3);
	/* Already inactive: nothing to do, nothing logged. */
	assert_int_equal(partner_set_active(&f->c, p.id, 0, &out), DOM_OK);
	assert_int_equal(fixture_audit_count(f, p.id), 3);
	assert_int_equal(partner_set_active(&f->c, p.id, 1, &out), DOM_OK);
	assert_string_equal(out.active, "1");
	assert_int_equal(fixture_audit_count(f, p.id), 4);
	assert_int_equal(partner_set_active(&f->c, "nope", 1, NULL), DOM_NOTFOUND);
}

static void test_list_filters(void **state)
{
	struct fixture *f = *state;
	make(f, "Ministerio de Salud (MINSA)", "government", "psychosocial");
	make(f, "ACNUR", "un_agency", "legal,assistance");
	struct partner o = make(f, "Oficina Nacional para la Atención de Refugiados (ONPAR)", "government", "legal");
	make(f, "Albergue Ágape", "shelter", "assistance,community");
	assert_int_equal(partner_set_active(&f->c, o.id, 0, NULL), DOM_OK);

	struct store_list l;
	struct errors errs = { .n = 0 };
	struct partner_filter all = { 0 };
	assert_int_equal(partner_list(&f->c, &all, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 3); /* active only by default */
	assert_string_equal(((struct partner *)l.items[0])->name, "ACNUR");
	assert_string_equal(((struct partner *)l.items[1])->name, "Albergue Ágape");
	assert_string_equal(((struct partner *)l.items[2])->name, "Ministerio de Salud (MINSA)");

	struct partner_filter legal = { .area = "legal" };
	assert_int_equal(partner_list(&f->c, &legal, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	legal.active = "all";
	assert_int_equal(partner_list(&f->c, &legal, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	legal.active = "0";
	assert_int_equal(partner_list(&f->c, &legal, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(((struct partner *)l.items[0])->id, o.id);

	struct partner_filter q = { .q = "agape ALBERGUE" };
	assert_int_equal(partner_list(&f->c, &q, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	q.q = "salud";
	assert_int_equal(partner_list(&f->c, &q, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);

	/* Paging counts every match. */
	assert_int_equal(partner_list(&f->c, &all, 2, 2, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.n, 1);

	struct partner_filter bad = { .area = "cooking", .active = "maybe" };
	assert_int_equal(partner_list(&f->c, &bad, 50, 0, &errs, &l), DOM_INVALID);
	assert_non_null(errors_for(&errs, "area"));
	assert_non_null(errors_for(&errs, "active"));
}

static void test_permissions(void **state)
{
	struct fixture *f = *state;
	struct partner p = make(f, "MEDUCA", "government", "community"), got;
	struct user cw, sup, ethics;
	fixture_user(f, "caso", "caseworker", &cw);
	fixture_user(f, "jefa", "supervisor", &sup);
	fixture_user(f, "etica", "ethics", &ethics);
	struct errors errs = { .n = 0 };
	struct store_list l;
	struct partner_filter all = { 0 };

	f->c.user = &cw;
	assert_int_equal(partner_get(&f->c, p.id, &got), DOM_OK);
	assert_int_equal(partner_list(&f->c, &all, 50, 0, &errs, &l), DOM_OK);
	struct partner in = { .name = arena_strdup(f->a, "X"), .kind = arena_strdup(f->a, "ngo") };
	assert_int_equal(partner_create(&f->c, &in, &errs, NULL), DOM_FORBIDDEN);
	struct partner ch = { .phone = "500-0000" };
	assert_int_equal(partner_update(&f->c, p.id, &ch, &errs, NULL), DOM_FORBIDDEN);
	assert_int_equal(partner_set_active(&f->c, p.id, 0, NULL), DOM_FORBIDDEN);

	f->c.user = &ethics;
	assert_int_equal(partner_get(&f->c, p.id, &got), DOM_FORBIDDEN);
	assert_int_equal(partner_list(&f->c, &all, 50, 0, &errs, &l), DOM_FORBIDDEN);

	f->c.user = &sup;
	assert_int_equal(partner_update(&f->c, p.id, &ch, &errs, &got), DOM_OK);
	assert_string_equal(got.phone, "500-0000");
	f->c.user = NULL;
	assert_int_equal(partner_get(&f->c, p.id, &got), DOM_UNAUTH);
	f->c.user = &f->admin;
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_and_get),
		T(test_validation),
		T(test_update_and_deactivate),
		T(test_list_filters),
		T(test_permissions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

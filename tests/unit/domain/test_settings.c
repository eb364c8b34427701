/* test_settings.c: the office's settings: defaults, validation, storing in
 * one transaction, permissions and the audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/auth.h"
#include "domain/settings.h"
#include "support.h"

static void test_defaults(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(settings_int(&f->c, "referral_overdue_days"), 7);
	assert_string_equal(settings_get(&f->c, "plan_approval_areas"), "");
	assert_false(settings_has_area(&f->c, "plan_approval_areas", "legal"));
	assert_null(settings_get(&f->c, "no_such_key"));
	assert_null(settings_def("no_such_key"));
	long long n;
	assert_int_equal(store_count(f->c.st, &ENT_SETTING, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);
}

static void test_set_and_read(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	assert_int_equal(settings_set(&f->c, "referral_overdue_days", " 10 ", &errs), DOM_OK);
	assert_int_equal(settings_int(&f->c, "referral_overdue_days"), 10);
	/* Areas are kept in the catalogue's order, each once. */
	assert_int_equal(settings_set(&f->c, "plan_approval_areas", "legal psychosocial,legal", &errs), DOM_OK);
	assert_string_equal(settings_get(&f->c, "plan_approval_areas"), "psychosocial,legal");
	assert_true(settings_has_area(&f->c, "plan_approval_areas", "legal"));
	assert_false(settings_has_area(&f->c, "plan_approval_areas", "livelihoods"));
	assert_int_equal(fixture_audit_count(f, "referral_overdue_days"), 1);
	/* The same value again writes nothing. */
	assert_int_equal(settings_set(&f->c, "referral_overdue_days", "10", &errs), DOM_OK);
	assert_int_equal(fixture_audit_count(f, "referral_overdue_days"), 1);
	assert_int_equal(settings_set(&f->c, "plan_approval_areas", "", &errs), DOM_OK);
	assert_string_equal(settings_get(&f->c, "plan_approval_areas"), "");
	assert_int_equal(errs.n, 0);
}

static void test_invalid_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	const char *keys[] = { "referral_overdue_days", "plan_approval_areas", "closure_approval_areas" };
	const char *bad[] = { "5", "legal,cooking", "legal" };
	assert_int_equal(settings_set_many(&f->c, keys, bad, 3, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "plan_approval_areas"));
	assert_null(errors_for(&errs, "referral_overdue_days"));
	/* Nothing of the three was stored, not even the valid ones. */
	assert_int_equal(settings_int(&f->c, "referral_overdue_days"), 7);
	assert_string_equal(settings_get(&f->c, "closure_approval_areas"), "");

	const char *values[][1] = { { "0" }, { "91" }, { "7 days" }, { "" }, { NULL } };
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		errs.n = 0;
		assert_int_equal(settings_set(&f->c, "referral_overdue_days", values[i][0], &errs), DOM_INVALID);
		assert_non_null(errors_for(&errs, "referral_overdue_days"));
	}
	errs.n = 0;
	assert_int_equal(settings_set(&f->c, "colour", "blue", &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "colour"));
	assert_int_equal(settings_int(&f->c, "referral_overdue_days"), 7);
}

static void test_only_admins(void **state)
{
	struct fixture *f = *state;
	struct user sup = fixture_worker(f, "sup", "supervisor", "legal");
	struct errors errs = { .n = 0 };
	f->c.user = &sup;
	assert_int_equal(settings_set(&f->c, "referral_overdue_days", "3", &errs), DOM_FORBIDDEN);
	/* Everyone's work reads them. */
	assert_int_equal(settings_int(&f->c, "referral_overdue_days"), 7);
	f->c.user = NULL;
	assert_int_equal(settings_set(&f->c, "referral_overdue_days", "3", &errs), DOM_UNAUTH);
	f->c.user = &f->admin;
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_defaults),
		T(test_set_and_read),
		T(test_invalid_writes_nothing),
		T(test_only_admins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_domain.c: result codes and field errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/domain.h"

static void test_errors(void **state)
{
	struct errors errs = { .n = 0 };
	assert_null(errors_for(&errs, "a"));
	errors_add(&errs, "a", "first");
	errors_add(&errs, "a", "second");
	errors_add(&errs, "b", "other");
	assert_int_equal(errs.n, 2);
	assert_string_equal(errors_for(&errs, "a"), "first");
	assert_string_equal(errors_for(&errs, "b"), "other");
}

static void test_errors_cap(void **state)
{
	static char names[ERRORS_MAX + 10][8];
	struct errors errs = { .n = 0 };
	for (int i = 0; i < ERRORS_MAX + 10; i++) {
		snprintf(names[i], sizeof(names[i]), "f%d", i);
		errors_add(&errs, names[i], "m");
	}
	assert_int_equal(errs.n, ERRORS_MAX);
}

static void test_store_mapping(void **state)
{
	assert_int_equal(dom_from_store(STORE_OK), DOM_OK);
	assert_int_equal(dom_from_store(STORE_NOTFOUND), DOM_NOTFOUND);
	assert_int_equal(dom_from_store(STORE_CONFLICT), DOM_CONFLICT);
	assert_int_equal(dom_from_store(STORE_BUSY), DOM_BUSY);
	assert_int_equal(dom_from_store(STORE_ERROR), DOM_ERROR);
}

static void test_codes_are_stable_and_distinct(void **state)
{
	assert_string_equal(dom_code(DOM_OK), "ok");
	assert_string_equal(dom_code(DOM_INVALID), "invalid");
	assert_string_equal(dom_code(DOM_UNAUTH), "unauthenticated");
	assert_string_equal(dom_code(DOM_FORBIDDEN), "forbidden");
	assert_string_equal(dom_code(DOM_NOTFOUND), "not_found");
	assert_string_equal(dom_code(DOM_CONFLICT), "conflict");
	assert_string_equal(dom_code(DOM_THROTTLED), "too_many_requests");
	assert_string_equal(dom_code(DOM_BUSY), "busy");
	assert_string_equal(dom_code(DOM_ERROR), "internal");
	for (int a = DOM_OK; a <= DOM_ERROR; a++) {
		assert_true(strlen(dom_message(a)) > 0);
		for (int b = a + 1; b <= DOM_ERROR; b++)
			assert_string_not_equal(dom_message(a), dom_message(b));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_errors_cap),
		cmocka_unit_test(test_store_mapping),
		cmocka_unit_test(test_codes_are_stable_and_distinct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

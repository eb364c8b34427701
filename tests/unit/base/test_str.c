/* test_str.c: string views and the small helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>

#include "base/str.h"

static void test_views(void **state)
{
	struct str a = str_c("hola"), b = STR_LIT("hola"), n = str_c(NULL);
	assert_int_equal(a.n, 4);
	assert_true(str_eq(a, b));
	assert_true(str_eq_c(a, "hola"));
	assert_false(str_eq_c(a, "hol"));
	assert_int_equal(n.n, 0);
	assert_true(str_eq(n, STR_NULL));
	assert_true(str_eq(n, str_c("")));
	assert_true(str_starts(a, "ho"));
	assert_true(str_starts(a, ""));
	assert_false(str_starts(a, "hola!"));
	struct str part = { "holanda", 4 };
	assert_true(str_eq_c(part, "hola"));
}

static void test_blank(void **state)
{
	assert_true(str_blank(NULL));
	assert_true(str_blank(""));
	assert_true(str_blank(" \t\r\n"));
	assert_false(str_blank(" x "));
}

static void test_to_long(void **state)
{
	long v = -1;
	assert_int_equal(str_to_long("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(str_to_long("-5", -10, 10, &v), 0);
	assert_int_equal(v, -5);
	v = 7;
	assert_int_equal(str_to_long("101", 0, 100, &v), -1);
	assert_int_equal(str_to_long("-1", 0, 100, &v), -1);
	assert_int_equal(str_to_long("", 0, 100, &v), -1);
	assert_int_equal(str_to_long(NULL, 0, 100, &v), -1);
	assert_int_equal(str_to_long(" 4", 0, 100, &v), -1);
	assert_int_equal(str_to_long("4 ", 0, 100, &v), -1);
	assert_int_equal(str_to_long("4x", 0, 100, &v), -1);
	assert_int_equal(str_to_long("99999999999999999999999", LONG_MIN, LONG_MAX, &v), -1);
	assert_int_equal(v, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_views),
		cmocka_unit_test(test_blank),
		cmocka_unit_test(test_to_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

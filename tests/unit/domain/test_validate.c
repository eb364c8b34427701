/* test_validate.c: the field checks shared by the registry's records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/timeutil.h"
#include "domain/validate.h"

#define OK(call) do { struct errors errs = { .n = 0 }; assert_int_equal((call), 1); \
	assert_int_equal(errs.n, 0); } while (0)
#define BAD(call, field) do { struct errors errs = { .n = 0 }; assert_int_equal((call), 0); \
	assert_int_equal(errs.n, 1); assert_non_null(errors_for(&errs, field)); \
	assert_true(strlen(errors_for(&errs, field)) > 0); } while (0)

static void test_required(void **state)
{
	OK(validate_required(&errs, "f", "x"));
	BAD(validate_required(&errs, "f", ""), "f");
	BAD(validate_required(&errs, "f", NULL), "f");
}

static void test_length(void **state)
{
	OK(validate_length(&errs, "f", NULL, 3));
	OK(validate_length(&errs, "f", "abc", 3));
	BAD(validate_length(&errs, "f", "abcd", 3), "f");
}

static void test_date(void **state)
{
	char today[16];
	time_today(today);
	OK(validate_date(&errs, "d", NULL, 1));
	OK(validate_date(&errs, "d", "2024-02-29", 1));
	OK(validate_date(&errs, "d", today, 1));
	OK(validate_date(&errs, "d", "2190-01-01", 0));
	BAD(validate_date(&errs, "d", "2190-01-01", 1), "d");
	BAD(validate_date(&errs, "d", "2023-02-30", 1), "d");
	BAD(validate_date(&errs, "d", "2023-02-29", 0), "d");
	BAD(validate_date(&errs, "d", "31/05/1990", 1), "d");
	BAD(validate_date(&errs, "d", "1990-5-1", 1), "d");
}

static void test_code(void **state)
{
	OK(validate_code(&errs, "nationality", NULL, &CAT_COUNTRY));
	OK(validate_code(&errs, "nationality", "VEN", &CAT_COUNTRY));
	OK(validate_code(&errs, "nationality", "XXA", &CAT_COUNTRY));
	BAD(validate_code(&errs, "nationality", "ZZZ", &CAT_COUNTRY), "nationality");
	BAD(validate_code(&errs, "nationality", "ven", &CAT_COUNTRY), "nationality");
	BAD(validate_code(&errs, "nationality", "", &CAT_COUNTRY), "nationality");
	OK(validate_code(&errs, "sex", "female", &CAT_SEX));
	BAD(validate_code(&errs, "sex", "f", &CAT_SEX), "sex");
}

static void test_codes(void **state)
{
	OK(validate_codes(&errs, "needs", NULL, &CAT_NEED));
	OK(validate_codes(&errs, "needs", "", &CAT_NEED));
	OK(validate_codes(&errs, "needs", "CR", &CAT_NEED));
	OK(validate_codes(&errs, "needs", "CR,DS", &CAT_NEED));
	OK(validate_codes(&errs, "needs", " CR , DS  SM,", &CAT_NEED));
	BAD(validate_codes(&errs, "needs", "CR,XX", &CAT_NEED), "needs");
	BAD(validate_codes(&errs, "needs", "cr", &CAT_NEED), "needs");
	BAD(validate_codes(&errs, "needs", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &CAT_NEED), "needs");
}

static void test_phone(void **state)
{
	OK(validate_phone(&errs, "phone", NULL));
	OK(validate_phone(&errs, "phone", "6123-4567"));
	OK(validate_phone(&errs, "phone", "+58 412 1234567"));
	OK(validate_phone(&errs, "phone", "(507) 212-3456"));
	OK(validate_phone(&errs, "phone", "1234567"));
	OK(validate_phone(&errs, "phone", "123456789012345"));
	BAD(validate_phone(&errs, "phone", "abc"), "phone");
	BAD(validate_phone(&errs, "phone", "123456"), "phone");
	BAD(validate_phone(&errs, "phone", "1234567890123456"), "phone");
	BAD(validate_phone(&errs, "phone", "6123+4567"), "phone");
	BAD(validate_phone(&errs, "phone", "6123-4567 ext. 2"), "phone");
	BAD(validate_phone(&errs, "phone", ""), "phone");
}

static void test_email(void **state)
{
	OK(validate_email(&errs, "email", NULL));
	OK(validate_email(&errs, "email", "nombre@correo.com"));
	OK(validate_email(&errs, "email", "a.b+c@sub.example.org"));
	BAD(validate_email(&errs, "email", "not-an-email"), "email");
	BAD(validate_email(&errs, "email", "a@b"), "email");
	BAD(validate_email(&errs, "email", "@b.com"), "email");
	BAD(validate_email(&errs, "email", "a@@b.com"), "email");
	BAD(validate_email(&errs, "email", "a@b@c.com"), "email");
	BAD(validate_email(&errs, "email", "a b@c.com"), "email");
	BAD(validate_email(&errs, "email", "a@b.com."), "email");
	BAD(validate_email(&errs, "email", "<a@b.com>"), "email");
}

static void test_bool(void **state)
{
	OK(validate_bool(&errs, "b", NULL));
	OK(validate_bool(&errs, "b", "0"));
	OK(validate_bool(&errs, "b", "1"));
	BAD(validate_bool(&errs, "b", "yes"), "b");
	BAD(validate_bool(&errs, "b", "2"), "b");
}

static void test_first_error_per_field_wins(void **state)
{
	struct errors errs = { .n = 0 };
	validate_required(&errs, "given_names", "");
	validate_length(&errs, "given_names", "", 0);
	validate_phone(&errs, "phone", "abc");
	assert_int_equal(errs.n, 2);
	assert_non_null(errors_for(&errs, "given_names"));
	assert_non_null(errors_for(&errs, "phone"));
	assert_null(errors_for(&errs, "email"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_code),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_first_error_per_field_wins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

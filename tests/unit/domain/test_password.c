/* test_password.c: the rules for new passwords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/password.h"

static int refused(const char *pw, const char *name, const char *full_name)
{
	struct errors errs = { .n = 0 };
	password_check(pw, name, full_name, &errs);
	if (errs.n)
		assert_non_null(errors_for(&errs, "password"));
	return errs.n;
}

static void test_length_counts_characters(void **state)
{
	(void)state;
	assert_true(refused(NULL, "ana", NULL));
	assert_true(refused("", "ana", NULL));
	assert_true(refused("eleven chrs", "ana", NULL));
	assert_false(refused("twelve chars", "ana", NULL));
	/* 11 characters but 22 bytes: too short. 12 characters: enough. */
	assert_true(refused("ñññññññññññ", "ana", NULL));
	assert_false(refused("ñññññññññññá", "ana", NULL));
	char longest[129 * 2 + 1];
	memset(longest, 'x', 128);
	longest[128] = 0;
	longest[0] = 'q';
	assert_false(refused(longest, "ana", NULL));
	strcpy(longest + 128, "y");
	assert_true(refused(longest, "ana", NULL));
	/* 128 two-byte characters are 256 bytes and still allowed. */
	longest[0] = 0;
	for (int i = 0; i < 128; i++)
		strcat(longest, i % 2 ? "é" : "ü");
	assert_false(refused(longest, "ana", NULL));
}

static void test_no_composition_rules(void **state)
{
	(void)state;
	assert_false(refused("lluvia sobre el canal", "ana", NULL));
	assert_false(refused("cuarentaydos", "ana", NULL));
}

static void test_not_valid_utf8(void **state)
{
	(void)state;
	assert_true(refused("abcdefghijk\xff\xfe", "ana", NULL));
	assert_true(refused("abcdefghijk\xc3", "ana", NULL));
}

static void test_common_passwords(void **state)
{
	(void)state;
	assert_true(password_is_common("123456"));
	assert_true(password_is_common("password"));
	assert_true(password_is_common("PassWord"));
	assert_false(password_is_common("lluvia sobre el canal"));
	assert_true(refused("qwerty123456", "ana", NULL));
	assert_true(refused("QWERTY123456", "ana", NULL));
	assert_true(refused("1q2w3e4r5t6y", "ana", NULL));
	assert_true(refused("contraseña123", "ana", NULL));
}

static void test_own_name(void **state)
{
	(void)state;
	assert_true(refused("maria.gonzalez", "maria.gonzalez", NULL));
	assert_true(refused("Maria Gonzalez", "mgonzalez", "María Gonzalez"));
	assert_true(refused("MariaGonzalez1", "mgonzalez", "Maria Gonzalez"));
	assert_true(refused("mgonzalez2024", "mgonzalez", NULL));
	assert_false(refused("mgonzalez ama el mar", "mgonzalez", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_length_counts_characters),
		cmocka_unit_test(test_no_composition_rules),
		cmocka_unit_test(test_not_valid_utf8),
		cmocka_unit_test(test_common_passwords),
		cmocka_unit_test(test_own_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

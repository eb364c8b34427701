/* test_login.c: web_safe_next, the "next" page after login and other
 * forms: only a path of this site, however a browser would read it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "web/web.h"

static void test_local_paths_kept(void **state)
{
	(void)state;
	assert_string_equal(web_safe_next("/households"), "/households");
	assert_string_equal(web_safe_next("/cases/12#notas"), "/cases/12#notas");
	assert_string_equal(web_safe_next("/people?q=Pérez"), "/people?q=Pérez");
	assert_string_equal(web_safe_next("/"), "/");
}

static void test_other_sites_refused(void **state)
{
	(void)state;
	assert_string_equal(web_safe_next(NULL), "/");
	assert_string_equal(web_safe_next(""), "/");
	assert_string_equal(web_safe_next("https://evil.example/"), "/");
	assert_string_equal(web_safe_next("//evil.example/"), "/");
	assert_string_equal(web_safe_next("/\\evil.example"), "/");
}

/* fuzz_query found these: a browser drops tab, CR and LF from a Location
 * value before reading it, so each would lead to //evil.example. */
static void test_control_characters_refused(void **state)
{
	(void)state;
	assert_string_equal(web_safe_next("/\t/evil.example"), "/");
	assert_string_equal(web_safe_next("/\t\\evil.example"), "/");
	assert_string_equal(web_safe_next("/\r\n/evil.example"), "/");
	assert_string_equal(web_safe_next("/people\x7f"), "/");
	assert_string_equal(web_safe_next("/people\x01x"), "/");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_local_paths_kept),
		cmocka_unit_test(test_other_sites_refused),
		cmocka_unit_test(test_control_characters_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

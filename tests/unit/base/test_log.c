/* test_log.c: log_escape, which keeps every log line one line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/log.h"

static void test_plain_text_unchanged(void **state)
{
	char out[64];
	(void)state;
	log_escape(out, sizeof(out), "access method=GET path=/people/ñandú status=200");
	assert_string_equal(out, "access method=GET path=/people/ñandú status=200");
}

/* A request for "/x%0A2026-01-01T00:00:00Z info access ..." reached the
 * access log as two lines, the second one forged. */
static void test_control_characters_escaped(void **state)
{
	char out[128];
	(void)state;
	log_escape(out, sizeof(out), "path=/x\n2026-01-01T00:00:00Z info forged\r\x1b[31m\x7f");
	assert_string_equal(out, "path=/x\\x0a2026-01-01T00:00:00Z info forged\\x0d\\x1b[31m\\x7f");
	assert_null(strchr(out, '\n'));
	log_escape(out, sizeof(out), "a\\x0a");
	assert_string_equal(out, "a\\\\x0a");
}

static void test_cut_to_the_buffer(void **state)
{
	char out[6];
	(void)state;
	log_escape(out, sizeof(out), "abcdefgh");
	assert_string_equal(out, "abcde");
	/* An escape that does not fit whole is left out, not cut in half. */
	log_escape(out, sizeof(out), "abc\n");
	assert_string_equal(out, "abc");
	log_escape(out, 1, "abc");
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_unchanged),
		cmocka_unit_test(test_control_characters_escaped),
		cmocka_unit_test(test_cut_to_the_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_html.c: the auto-escaping page writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdint.h>

#include "base/html.h"

static void test_s_escapes(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	html_printf(&b, "<p title=\"%s\">%s</p>", "a\"b'c", "<script>alert(1)</script> & co");
	assert_string_equal(b.p, "<p title=\"a&quot;b&#39;c\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>");
	buf_free(&b);
}

static void test_s_null_writes_nothing(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	html_printf(&b, "[%s]", (const char *)NULL);
	assert_string_equal(b.p, "[]");
	buf_free(&b);
}

static void test_u_percent_encodes(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	html_printf(&b, "<a href=\"/people?q=%u&amp;p=%d\">%s</a>", "José & \"co\"/<x>", 2, "José");
	assert_string_equal(b.p, "<a href=\"/people?q=Jos%C3%A9%20%26%20%22co%22%2F%3Cx%3E&amp;p=2\">José</a>");
	buf_reset(&b);
	html_printf(&b, "%u|%u", (const char *)NULL, "");
	assert_string_equal(b.p, "|");
	buf_free(&b);
}

static void test_R_is_raw(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	html_printf(&b, "<div>%R</div>", "<b>bold</b> & \"raw\"");
	assert_string_equal(b.p, "<div><b>bold</b> & \"raw\"</div>");
	buf_reset(&b);
	html_printf(&b, "%R", (const char *)NULL);
	assert_int_equal(b.n, 0);
	buf_free(&b);
}

static void test_numbers_and_percent(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	html_printf(&b, "%d %d %l %l %z %%", -42, INT_MAX, (long long)LLONG_MIN, 1234567890123LL,
		    (size_t)SIZE_MAX);
	char want[128];
	snprintf(want, sizeof(want), "-42 %d %lld 1234567890123 %zu %%", INT_MAX, LLONG_MIN,
		 (size_t)SIZE_MAX);
	assert_string_equal(b.p, want);
	buf_free(&b);
}

static void test_literal_only_and_mixed(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	html_printf(&b, "plain <b>text</b> stays as written");
	assert_string_equal(b.p, "plain <b>text</b> stays as written");
	buf_reset(&b);
	html_printf(&b, "%s%s%d%R", "a", "<", 1, "<");
	assert_string_equal(b.p, "a&lt;1<");
	buf_free(&b);
}

static void test_respects_cap(void **state)
{
	struct buf b;
	buf_init(&b, 10);
	html_printf(&b, "<p>%s</p>", "this is far longer than ten bytes");
	assert_true(b.err);
	assert_true(b.n <= 10);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_s_escapes),
		cmocka_unit_test(test_s_null_writes_nothing),
		cmocka_unit_test(test_u_percent_encodes),
		cmocka_unit_test(test_R_is_raw),
		cmocka_unit_test(test_numbers_and_percent),
		cmocka_unit_test(test_literal_only_and_mixed),
		cmocka_unit_test(test_respects_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

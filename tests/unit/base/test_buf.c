/* test_buf.c: the capped buffer and its escaping appenders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static void test_append_keeps_nul(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	buf_adds(&b, "abc");
	buf_addc(&b, '-');
	buf_printf(&b, "%d:%s", 42, "x");
	buf_add(&b, "zzz", 1);
	buf_adds(&b, NULL);
	assert_false(b.err);
	assert_int_equal(b.n, 9);
	assert_string_equal(b.p, "abc-42:xz");
	assert_int_equal(strlen(b.p), b.n);
	buf_free(&b);
	assert_null(b.p);
}

static void test_default_max(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(b.max, BUF_DEFAULT_MAX);
	buf_free(&b);
}

static void test_grows_past_initial_capacity(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < 10000; i++)
		buf_addc(&b, (char)('a' + i % 26));
	assert_false(b.err);
	assert_int_equal(b.n, 10000);
	assert_int_equal(strlen(b.p), 10000);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(b.p[i], 'a' + i % 26);
	buf_free(&b);
}

static void test_reserve_makes_room_within_the_limit(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	buf_reserve(&b, 16384);
	assert_false(b.err);
	assert_true(b.cap > 16384);
	char *before = b.p;
	for (int i = 0; i < 16384; i++)
		buf_addc(&b, 'x');
	assert_ptr_equal(b.p, before); /* no copy while it fits */
	assert_int_equal(b.n, 16384);
	buf_free(&b);

	buf_init(&b, 8); /* more than the limit: room up to it, and no error */
	buf_reserve(&b, 1000);
	assert_false(b.err);
	assert_int_equal(b.n, 0);
	buf_adds(&b, "12345678");
	assert_false(b.err);
	assert_string_equal(b.p, "12345678");
	buf_addc(&b, '9');
	assert_true(b.err);
	buf_free(&b);
}

static void test_cap_is_sticky(void **state)
{
	struct buf b;
	buf_init(&b, 8);
	buf_adds(&b, "12345678"); /* exactly the cap: allowed */
	assert_false(b.err);
	assert_int_equal(b.n, 8);

	buf_addc(&b, '9');
	assert_true(b.err);
	assert_int_equal(b.n, 8);
	assert_string_equal(b.p, "12345678");

	/* Once set, later appends are ignored even when they would fit. */
	buf_free(&b);
	buf_init(&b, 8);
	buf_adds(&b, "1234");
	buf_adds(&b, "56789");
	assert_true(b.err);
	assert_int_equal(b.n, 4);
	buf_addc(&b, 'x');
	buf_adds(&b, "y");
	buf_printf(&b, "%s", "z");
	buf_html(&b, "<");
	buf_url(&b, " ");
	buf_int(&b, -7);
	buf_json_str(&b, "q");
	assert_true(b.err);
	assert_int_equal(b.n, 4);
	assert_string_equal(b.p, "1234");
	buf_free(&b);
}

static void test_cap_printf_and_huge(void **state)
{
	struct buf b;
	buf_init(&b, 5);
	buf_printf(&b, "%d", 123456);
	assert_true(b.err);
	assert_int_equal(b.n, 0);
	buf_free(&b);

	buf_init(&b, 16);
	buf_add(&b, "x", (size_t)-1); /* a size that would overflow n + extra */
	assert_true(b.err);
	assert_int_equal(b.n, 0);
	buf_free(&b);
}

static void test_reset_clears_err(void **state)
{
	struct buf b;
	buf_init(&b, 4);
	buf_adds(&b, "too long");
	assert_true(b.err);
	buf_reset(&b);
	assert_false(b.err);
	assert_int_equal(b.n, 0);
	buf_adds(&b, "ok");
	assert_false(b.err);
	assert_string_equal(b.p, "ok");
	buf_free(&b);
}

static void test_detach(void **state)
{
	struct buf b;
	size_t n = 0;
	buf_init(&b, 0);
	buf_adds(&b, "hola");
	char *p = buf_detach(&b, &n);
	assert_string_equal(p, "hola");
	assert_int_equal(n, 4);
	assert_null(b.p);
	assert_int_equal(b.n, 0);
	free(p);

	/* An empty buffer still detaches a valid empty string. */
	buf_init(&b, 0);
	p = buf_detach(&b, &n);
	assert_non_null(p);
	assert_string_equal(p, "");
	assert_int_equal(n, 0);
	free(p);
}

static void test_html_escapes_all_five(void **state)
{
	struct buf b;
	const char *in = "<a href=\"x\">Tom & 'Jerry'</a>";
	buf_init(&b, 0);
	buf_html(&b, in);
	assert_string_equal(b.p, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
	buf_reset(&b);
	buf_html(&b, "María Ñandú");
	assert_string_equal(b.p, "María Ñandú");
	buf_reset(&b);
	buf_html(&b, "&&"); /* escapes next to each other, at both ends */
	assert_string_equal(b.p, "&amp;&amp;");
	buf_reset(&b);
	buf_html(&b, "");
	assert_int_equal(b.n, 0);
	buf_free(&b);
}

static void test_url_encodes_component(void **state)
{
	struct buf b;
	const char *in = "a b&c=d/é~-._?#+%";
	buf_init(&b, 0);
	buf_url(&b, in);
	assert_string_equal(b.p, "a%20b%26c%3Dd%2F%C3%A9~-._%3F%23%2B%25");
	buf_reset(&b);
	buf_url(&b, "AZaz09");
	assert_string_equal(b.p, "AZaz09");
	buf_reset(&b);
	buf_url(&b, "\x01\xff");
	assert_string_equal(b.p, "%01%FF");
	buf_free(&b);
}

static void test_numbers(void **state)
{
	struct buf b;
	char want[96];
	buf_init(&b, 0);
	buf_int(&b, 0);
	buf_addc(&b, ' ');
	buf_int(&b, -42);
	buf_addc(&b, ' ');
	buf_int(&b, LLONG_MIN);
	buf_addc(&b, ' ');
	buf_int(&b, LLONG_MAX);
	buf_addc(&b, ' ');
	buf_uint(&b, ULLONG_MAX);
	snprintf(want, sizeof(want), "0 -42 %lld %lld %llu", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
	assert_string_equal(b.p, want);
	buf_free(&b);
}

static void test_json_string(void **state)
{
	struct buf b;
	const char *in = "say \"hi\"\n\\ \t\x01 é";
	buf_init(&b, 0);
	buf_json_str(&b, in);
	assert_string_equal(b.p, "\"say \\\"hi\\\"\\u000a\\\\ \\u0009\\u0001 é\"");

	/* The output is a JSON string that decodes back to the input. */
	json_error_t jerr;
	json_t *j = json_loads(b.p, JSON_DECODE_ANY, &jerr);
	assert_non_null(j);
	assert_true(json_is_string(j));
	assert_string_equal(json_string_value(j), in);
	json_decref(j);

	buf_reset(&b);
	buf_json_str(&b, NULL);
	assert_string_equal(b.p, "null");
	buf_reset(&b);
	buf_json_str(&b, "");
	assert_string_equal(b.p, "\"\"");
	buf_free(&b);
}

static void test_json_every_control_char_round_trips(void **state)
{
	char in[40];
	size_t k = 0;
	for (int c = 1; c < 0x20; c++)
		in[k++] = (char)c;
	in[k++] = '"';
	in[k++] = '\\';
	in[k++] = '/';
	in[k] = 0;
	struct buf b;
	buf_init(&b, 0);
	buf_json_str(&b, in);
	json_error_t jerr;
	json_t *j = json_loads(b.p, JSON_DECODE_ANY, &jerr);
	assert_non_null(j);
	assert_string_equal(json_string_value(j), in);
	json_decref(j);
	buf_free(&b);
}

/* Bytes that are not UTF-8 (a stray continuation byte, a cut sequence,
 * an overlong form, a surrogate) become U+FFFD; valid ones pass. */
static void test_json_replaces_invalid_utf8(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	buf_json_str(&b, "a\x80" "b\xc3(\xe2\x82\xc0\xaf\xed\xa0\x80z\xf4\x90\x80\x80 \xc3\xb1\xe2\x82\xac\xf0\x9f\x98\x80");
	assert_string_equal(b.p, "\"a\\ufffd" "b\\ufffd(\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffdz\\ufffd\\ufffd\\ufffd\\ufffd "
				 "\xc3\xb1\xe2\x82\xac\xf0\x9f\x98\x80\"");
	json_error_t jerr;
	json_t *j = json_loads(b.p, JSON_DECODE_ANY, &jerr);
	assert_non_null(j);
	json_decref(j);
	buf_reset(&b);
	buf_json_str(&b, "\xe2\x82");
	assert_string_equal(b.p, "\"\\ufffd\\ufffd\"");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_keeps_nul),
		cmocka_unit_test(test_default_max),
		cmocka_unit_test(test_grows_past_initial_capacity),
		cmocka_unit_test(test_reserve_makes_room_within_the_limit),
		cmocka_unit_test(test_cap_is_sticky),
		cmocka_unit_test(test_cap_printf_and_huge),
		cmocka_unit_test(test_reset_clears_err),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_html_escapes_all_five),
		cmocka_unit_test(test_url_encodes_component),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_json_replaces_invalid_utf8),
		cmocka_unit_test(test_json_every_control_char_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

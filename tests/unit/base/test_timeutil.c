/* test_timeutil.c: calendar dates, ages, ISO timestamps, Panama display. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/timeutil.h"

static void test_date_parse_valid(void **state)
{
	int y = 0, m = 0, d = 0;
	assert_int_equal(date_parse("2024-02-29", &y, &m, &d), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	assert_int_equal(date_parse("2000-02-29", NULL, NULL, NULL), 0); /* divisible by 400 */
	assert_int_equal(date_parse("1900-01-01", NULL, NULL, NULL), 0);
	assert_int_equal(date_parse("2199-12-31", NULL, NULL, NULL), 0);
	assert_int_equal(date_parse("1990-05-31", NULL, NULL, NULL), 0);
}

static void test_date_parse_impossible_day(void **state)
{
	int y = -7;
	assert_int_equal(date_parse("2023-02-29", &y, NULL, NULL), -2);
	assert_int_equal(y, -7); /* outputs untouched on failure */
	assert_int_equal(date_parse("1900-02-29", NULL, NULL, NULL), -2); /* century, not leap */
	assert_int_equal(date_parse("2023-02-30", NULL, NULL, NULL), -2);
	assert_int_equal(date_parse("2024-04-31", NULL, NULL, NULL), -2);
	assert_int_equal(date_parse("2024-13-01", NULL, NULL, NULL), -2);
	assert_int_equal(date_parse("2024-00-10", NULL, NULL, NULL), -2);
	assert_int_equal(date_parse("2024-01-00", NULL, NULL, NULL), -2);
	assert_int_equal(date_parse("2024-01-32", NULL, NULL, NULL), -2);
	assert_int_equal(date_parse("1899-12-31", NULL, NULL, NULL), -2);
	assert_int_equal(date_parse("2200-01-01", NULL, NULL, NULL), -2);
}

static void test_date_parse_malformed(void **state)
{
	const char *bad[] = { "1990-5-1", "", "2024/01/01", "2024-01-0a", "2024-01-01x",
			      " 2024-01-01", "20240101", "2024-1-011", "+024-01-01", "2024--1-01",
			      "abcd-ef-gh", "2024-01-01T00:00:00Z" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(date_parse(bad[i], NULL, NULL, NULL), -1);
	assert_int_equal(date_parse(NULL, NULL, NULL, NULL), -1);
}

static void test_date_age(void **state)
{
	assert_int_equal(date_age("1990-05-31", "2024-05-30"), 33);
	assert_int_equal(date_age("1990-05-31", "2024-05-31"), 34);
	assert_int_equal(date_age("1990-05-31", "2024-06-01"), 34);
	assert_int_equal(date_age("1990-05-31", "2024-01-01"), 33);
	assert_int_equal(date_age("2020-02-29", "2021-02-28"), 0);
	assert_int_equal(date_age("2020-02-29", "2021-03-01"), 1);
	assert_int_equal(date_age("2024-03-01", "2024-03-01"), 0);
	assert_int_equal(date_age("bad", "2024-03-01"), -1);
	assert_int_equal(date_age("2023-02-29", "2024-03-01"), -1);
}

static void test_date_cmp(void **state)
{
	assert_true(date_cmp("2024-01-01", "2024-01-02") < 0);
	assert_true(date_cmp("2024-12-31", "2024-01-02") > 0);
	assert_int_equal(date_cmp("2024-01-01", "2024-01-01"), 0);
}

static int is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static void test_now_iso_format(void **state)
{
	char now[32], later[32], earlier[32];
	time_now_iso(now);
	assert_int_equal(strlen(now), 20);
	assert_true(is_digits(now, 4) && now[4] == '-' && now[7] == '-' && now[10] == 'T' &&
		    now[13] == ':' && now[16] == ':' && now[19] == 'Z');
	char date[11];
	memcpy(date, now, 10);
	date[10] = 0;
	assert_int_equal(date_parse(date, NULL, NULL, NULL), 0);

	time_iso_after(3600, later);
	time_iso_after(-3600, earlier);
	assert_true(strcmp(later, now) > 0);
	assert_true(strcmp(earlier, now) < 0);
}

static void test_today_is_a_date(void **state)
{
	char today[16], now[32];
	time_today(today);
	time_now_iso(now);
	assert_int_equal(strlen(today), 10);
	assert_int_equal(date_parse(today, NULL, NULL, NULL), 0);
	/* Panama is behind UTC: its date is the UTC date or the day before. */
	assert_true(strncmp(today, now, 10) <= 0);
}

static void test_clocks(void **state)
{
	int64_t ms = time_now_ms();
	assert_true(ms > 1700000000000LL); /* after November 2023 */
	int64_t a = time_mono_us(), b = time_mono_us();
	assert_true(b >= a);
}

static void test_time_display_panama(void **state)
{
	char out[32];
	time_display("2024-01-01T03:30:00Z", out);
	assert_string_equal(out, "31/12/2023 22:30");
	time_display("2024-07-15T17:05:59Z", out);
	assert_string_equal(out, "15/07/2024 12:05");
	time_display("2024-03-01T04:00:00Z", out); /* across a leap day */
	assert_string_equal(out, "29/02/2024 23:00");
	time_display("1969-12-31T23:59:00Z", out); /* before 1970 */
	assert_string_equal(out, "31/12/1969 18:59");
	time_display("garbage", out);
	assert_string_equal(out, "");
	time_display("2024-01-01T03:3x:00Z", out);
	assert_string_equal(out, "");
	time_display("2024-01-01T03:30", out); /* no seconds */
	assert_string_equal(out, "");
	time_display("2024-13-01T03:30:00Z", out);
	assert_string_equal(out, "");
	time_display(NULL, out);
	assert_string_equal(out, "");
}

static void test_date_display(void **state)
{
	char out[16];
	date_display("2024-02-29", out);
	assert_string_equal(out, "29/02/2024");
	date_display("2024-2-29", out);
	assert_string_equal(out, "");
	date_display(NULL, out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse_valid),
		cmocka_unit_test(test_date_parse_impossible_day),
		cmocka_unit_test(test_date_parse_malformed),
		cmocka_unit_test(test_date_age),
		cmocka_unit_test(test_date_cmp),
		cmocka_unit_test(test_now_iso_format),
		cmocka_unit_test(test_today_is_a_date),
		cmocka_unit_test(test_clocks),
		cmocka_unit_test(test_time_display_panama),
		cmocka_unit_test(test_date_display),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

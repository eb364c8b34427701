/* test_chart.c: the SVG line chart of scores over time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "web/chart.h"

static void test_accessible(void **state)
{
	struct chart_point pts[] = { { "2026-01-05", 12 }, { "2026-02-04", 8 }, { "2026-03-06", 3 } };
	struct buf b;
	buf_init(&b, 0);
	chart_line(&b, "phq9", "PHQ-9 <score>", pts, 3, 27);
	assert_false(b.err);
	assert_non_null(strstr(b.p, "<svg class=\"chart\" role=\"img\""));
	assert_non_null(strstr(b.p, "aria-labelledby=\"phq9-title phq9-desc\""));
	assert_non_null(strstr(b.p, "<title id=\"phq9-title\">PHQ-9 &lt;score&gt;</title>"));
	assert_non_null(strstr(b.p, "<desc id=\"phq9-desc\">05/01/2026: 12; 04/02/2026: 8; 06/03/2026: 3</desc>"));
	/* The scale's labels and the first and last dates. */
	assert_non_null(strstr(b.p, ">0</text>"));
	assert_non_null(strstr(b.p, ">13</text>"));
	assert_non_null(strstr(b.p, ">27</text>"));
	assert_non_null(strstr(b.p, ">05/01/2026</text>"));
	assert_non_null(strstr(b.p, ">06/03/2026</text>"));
	assert_null(strstr(b.p, "<script"));
	assert_non_null(strstr(b.p, "</svg>"));
	buf_free(&b);
}

static void test_points_by_date(void **state)
{
	/* 30 days, then 60: the middle point sits a third of the way along. */
	struct chart_point pts[] = { { "2026-01-01", 0 }, { "2026-01-31", 27 }, { "2026-03-31", 27 } };
	struct buf b;
	buf_init(&b, 0);
	chart_line(&b, "c", "t", pts, 3, 27);
	/* Plot: x 34..306 (272 wide), y 12 (max) .. 130 (0). 272 * 30 / 89 = 91. */
	assert_non_null(strstr(b.p, "<polyline points=\"34,130 125,12 306,12\"/>"));
	assert_non_null(strstr(b.p, "<circle cx=\"125\" cy=\"12\" r=\"3\" fill=\"currentColor\"><title>31/01/2026: 27</title>"));
	buf_free(&b);
}

static void test_clamps_and_bad_dates(void **state)
{
	/* A value above the scale is drawn at its top; dates that do not
	 * parse are spaced evenly. */
	struct chart_point pts[] = { { "someday", 40 }, { NULL, -2 } };
	struct buf b;
	buf_init(&b, 0);
	chart_line(&b, "c", "t", pts, 2, 25);
	assert_non_null(strstr(b.p, "<polyline points=\"34,12 306,130\"/>"));
	buf_free(&b);
}

static void test_single_and_empty(void **state)
{
	struct chart_point one[] = { { "2026-05-01", 10 } };
	struct buf b;
	buf_init(&b, 0);
	chart_line(&b, "c", "t", one, 1, 20);
	assert_null(strstr(b.p, "<polyline"));
	assert_non_null(strstr(b.p, "<circle cx=\"170\" cy=\"71\""));
	assert_non_null(strstr(b.p, "<desc id=\"c-desc\">01/05/2026: 10</desc>"));
	buf_reset(&b);
	chart_line(&b, "c", "t", NULL, 0, 20);
	assert_non_null(strstr(b.p, "role=\"img\""));
	assert_null(strstr(b.p, "<circle"));
	assert_non_null(strstr(b.p, "</svg>"));
	buf_free(&b);
}

static void test_long_series_keeps_the_last(void **state)
{
	struct chart_point pts[CHART_POINTS_MAX + 5];
	for (size_t i = 0; i < CHART_POINTS_MAX + 5; i++)
		pts[i] = (struct chart_point){ "2026-01-01", (int)(i % 10) };
	pts[CHART_POINTS_MAX + 4].date = "2026-12-31";
	struct buf b;
	buf_init(&b, 0);
	chart_line(&b, "c", "t", pts, CHART_POINTS_MAX + 5, 9);
	size_t circles = 0;
	for (const char *p = b.p; (p = strstr(p, "<circle")); p++)
		circles++;
	assert_int_equal(circles, CHART_POINTS_MAX);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accessible),
		cmocka_unit_test(test_points_by_date),
		cmocka_unit_test(test_clamps_and_bad_dates),
		cmocka_unit_test(test_single_and_empty),
		cmocka_unit_test(test_long_series_keeps_the_last),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

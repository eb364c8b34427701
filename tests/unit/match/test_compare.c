/* test_compare.c: Jaro-Winkler, one edit, the comparison levels of each
 * field and the score with its explanation, on Spanish examples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "match/internal.h"

static double jw(const char *a, const char *b)
{
	return match_jaro_winkler(a, strlen(a), b, strlen(b));
}

static bool one(const char *a, const char *b)
{
	return match_one_edit(a, strlen(a), b, strlen(b));
}

static void test_jaro_winkler(void **state)
{
	/* The values Winkler's papers and every implementation agree on. */
	assert_true(fabs(jw("martha", "marhta") - 0.9611) < 0.001);
	assert_true(fabs(jw("dwayne", "duane") - 0.84) < 0.001);
	assert_true(fabs(jw("dixon", "dicksonx") - 0.8133) < 0.001);
	assert_true(jw("gonzalez", "gonzalez") == 1.0);
	assert_true(jw("abc", "xyz") == 0.0);
	assert_true(jw("", "") == 1.0);
	assert_true(jw("a", "") == 0.0);
	/* Symmetric. */
	assert_true(fabs(jw("yosmar", "josmar") - jw("josmar", "yosmar")) < 1e-12);
}

static void test_one_edit(void **state)
{
	assert_true(one("a1234567", "a1234567"));
	assert_true(one("a1234567", "a1234557"));  /* substitution */
	assert_true(one("a1234567", "a1243567"));  /* neighbours swapped */
	assert_true(one("a1234567", "a123457"));   /* deletion */
	assert_true(one("a123457", "a1234567"));   /* insertion */
	assert_false(one("a1234567", "a1235467x"));
	assert_false(one("a1234567", "b1234557"));
	assert_false(one("1234", "4321"));
	assert_true(one("", "x"));
}

static void test_date_levels(void **state)
{
	assert_int_equal(mcmp_date(19900412, 19900412), MATCH_DATE_EXACT);
	assert_int_equal(mcmp_date(19900412, 19901204), MATCH_DATE_SWAPPED);
	assert_int_equal(mcmp_date(19900412, 19900413), MATCH_DATE_DIGIT);
	assert_int_equal(mcmp_date(19900412, 19800412), MATCH_DATE_DIGIT);
	assert_int_equal(mcmp_date(19900412, 19090412), MATCH_DATE_DIGIT); /* 90 -> 09 */
	assert_int_equal(mcmp_date(19900412, 19900718), MATCH_DATE_YEAR);
	assert_int_equal(mcmp_date(19900412, 19850718), MATCH_DATE_DIFFERENT);
	assert_int_equal(mcmp_date(19900000, 19900412), MATCH_DATE_YEAR);
	assert_int_equal(mcmp_date(19900000, 19910412), MATCH_DATE_DIFFERENT);
	/* a zero typed for a digit of an eight-digit date is one wrong digit */
	assert_int_equal(mcmp_date(19400029, 19400529), MATCH_DATE_DIGIT);
	assert_int_equal(mcmp_date(19400500, 19400529), MATCH_DATE_YEAR);
	assert_int_equal(mcmp_date(19400000, 19400000), MATCH_DATE_YEAR);
	assert_int_equal(mcmp_date(0, 19900412), MATCH_MISSING);
}

/* Levels of two records (names straight). */
static void levels(const struct match_record *a, const struct match_record *b,
		   int level[MATCH_NFIELDS])
{
	static struct mquery qa, qb;
	mrec_normalise(a, &qa);
	mrec_normalise(b, &qb);
	mcmp_levels(&qa.v, &qb.v, level);
}

static int name_level(const char *a, const char *b)
{
	int level[MATCH_NFIELDS];
	struct match_record ra = { .family_names = a }, rb = { .family_names = b };
	levels(&ra, &rb, level);
	return level[MATCH_FAMILY];
}

static void test_name_levels(void **state)
{
	static const struct {
		const char *a, *b;
		int level;
	} cases[] = {
		{ "González Pérez", "Gonzalez Perez", MATCH_NAME_EXACT },
		{ "Pérez González", "González Pérez", MATCH_NAME_EXACT },
		{ "Pérez de Rodríguez", "Perez Rodriguez", MATCH_NAME_EXACT },
		{ "González Pérez", "González", MATCH_NAME_SUBSET },
		{ "Gonzales Pérez", "González Pérez", MATCH_NAME_CLOSE },
		{ "Rodrigues", "Rodríguez", MATCH_NAME_CLOSE },
		{ "Martinez", "Martinex", MATCH_NAME_CLOSE },
		{ "Gonzalez Perez", "Gonzalez Ruiz", MATCH_NAME_PARTIAL },
		{ "Mendoza", "Méndez", MATCH_NAME_FUZZY },
		{ "Ortega", "Ortiz", MATCH_NAME_DIFFERENT },
		{ "Gonzalez", "Quispe", MATCH_NAME_DIFFERENT },
		{ "", "Quispe", MATCH_MISSING },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(name_level(cases[i].a, cases[i].b), cases[i].level);
	int level[MATCH_NFIELDS];
	struct match_record a = { .given_names = "Yosmar" }, b = { .given_names = "Josmar" };
	levels(&a, &b, level);
	assert_int_equal(level[MATCH_GIVEN], MATCH_NAME_CLOSE);
	struct match_record c = { .given_names = "Pepe" }, d = { .given_names = "José" };
	levels(&c, &d, level);
	assert_int_equal(level[MATCH_GIVEN], MATCH_NAME_EXACT);
	struct match_record e = { .given_names = "María de los Ángeles" },
			    f = { .given_names = "Maria Angeles" };
	levels(&e, &f, level);
	assert_int_equal(level[MATCH_GIVEN], MATCH_NAME_EXACT);
}

static void test_other_levels(void **state)
{
	int level[MATCH_NFIELDS];
	struct match_record a = { .documents = "A1234567", .phones = "+507 6123-4567",
				  .sex = "F", .nationality = "VEN", .address = "Calle 50 casa 7",
				  .locality = "Bethania", .postcode = "0819" };
	struct match_record b = { .documents = "A1234557; 8-1-2", .phones = "61234567",
				  .sex = "m", .nationality = "ven", .address = "calle 50, casa 7",
				  .locality = "Betania", .postcode = "0818" };
	levels(&a, &b, level);
	assert_int_equal(level[MATCH_DOCUMENT], 1);
	assert_int_equal(level[MATCH_PHONE], 1);
	assert_int_equal(level[MATCH_SEX], 0);
	assert_int_equal(level[MATCH_NATIONALITY], 1);
	assert_int_equal(level[MATCH_ADDRESS], 3);
	assert_int_equal(level[MATCH_LOCALITY], 1);
	assert_int_equal(level[MATCH_POSTCODE], 1);
	assert_int_equal(level[MATCH_BIRTH], MATCH_MISSING);
	assert_int_equal(level[MATCH_GIVEN], MATCH_MISSING);
	struct match_record c = { .address = "Calle 50 casa 8 Bethania" };
	levels(&a, &c, level);
	assert_int_equal(level[MATCH_ADDRESS], 1);
	assert_int_equal(level[MATCH_DOCUMENT], MATCH_MISSING);
}

static void test_names_and_levels_of_the_interface(void **state)
{
	assert_string_equal(match_field_name(MATCH_GIVEN), "given_names");
	assert_string_equal(match_field_name(MATCH_POSTCODE), "postcode");
	assert_string_equal(match_level_name(MATCH_BIRTH, MATCH_DATE_SWAPPED), "day_month_swapped");
	assert_string_equal(match_level_name(MATCH_FAMILY, MATCH_NAME_SUBSET), "subset");
	assert_string_equal(match_level_name(MATCH_SEX, 1), "same");
	assert_string_equal(match_level_name(MATCH_SEX, MATCH_MISSING), "missing");
	assert_string_equal(match_level_name(MATCH_SEX, 7), "unknown");
	assert_string_equal(match_field_name((enum match_field)99), "unknown");
	for (int f = 0; f < MATCH_NFIELDS; f++)
		assert_true(match_levels((enum match_field)f) <= MATCH_MAX_LEVELS);
}

static void test_score_explains_itself(void **state)
{
	struct match_model m;
	struct match_explanation e;
	match_model_default(&m);
	struct match_record a = { .given_names = "Jose", .family_names = "Gonzales Perez",
				  .birth_date = "1990-04-12", .sex = "m" };
	struct match_record b = { .given_names = "José", .family_names = "Pérez González",
				  .birth_date = "1990-12-04", .sex = "M" };
	match_compare(NULL, &m, &a, &b, &e);
	assert_int_equal(e.level[MATCH_GIVEN], MATCH_NAME_EXACT);
	assert_int_equal(e.level[MATCH_FAMILY], MATCH_NAME_CLOSE);
	assert_int_equal(e.level[MATCH_BIRTH], MATCH_DATE_SWAPPED);
	assert_int_equal(e.level[MATCH_DOCUMENT], MATCH_MISSING);
	double sum = 0;
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		sum += e.weight[f];
		if (e.level[f] == MATCH_MISSING)
			assert_true(e.weight[f] == 0.0);
	}
	assert_true(fabs(sum - e.score) < 1e-9);
	assert_int_equal(match_verdict(&m, &e), MATCH_LIKELY);
	assert_int_equal(e.swapped, 0);

	/* Given names typed as surnames and the other way round. */
	struct match_record c = { .given_names = "Gonzalez", .family_names = "Jose",
				  .birth_date = "1990-04-12" };
	struct match_record d = { .given_names = "José", .family_names = "González",
				  .birth_date = "1990-04-12" };
	match_compare(NULL, &m, &c, &d, &e);
	assert_int_equal(e.swapped, 1);
	assert_int_equal(e.level[MATCH_GIVEN], MATCH_NAME_EXACT);
	assert_int_equal(e.level[MATCH_FAMILY], MATCH_NAME_EXACT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jaro_winkler),
		cmocka_unit_test(test_one_edit),
		cmocka_unit_test(test_date_levels),
		cmocka_unit_test(test_name_levels),
		cmocka_unit_test(test_other_levels),
		cmocka_unit_test(test_names_and_levels_of_the_interface),
		cmocka_unit_test(test_score_explains_itself),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

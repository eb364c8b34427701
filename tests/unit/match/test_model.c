/* test_model.c: the model's defaults, estimation and refinement from
 * reviewed pairs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "match/match.h"
#include "synth.h"

static void test_defaults(void **state)
{
	struct match_model m;
	match_model_default(&m);
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		double sm = 0, su = 0;
		int nl = match_levels((enum match_field)f);
		for (int l = 0; l < nl; l++) {
			sm += m.m[f][l];
			su += m.u[f][l];
		}
		assert_true(fabs(sm - 1) < 1e-6);
		assert_true(fabs(su - 1) < 1e-6);
		/* Agreeing helps, disagreeing hurts. */
		assert_true(match_weight(&m, (enum match_field)f, nl - 1) > 0);
		assert_true(match_weight(&m, (enum match_field)f, 0) < 0);
		assert_true(match_weight(&m, (enum match_field)f, MATCH_MISSING) == 0);
	}
	assert_true(m.likely > m.possible);
	/* A registry 100 times the reference size needs log2(100) more bits. */
	assert_true(match_threshold(&m, MATCH_LIKELY) == m.likely);
	m.records = MATCH_REF_RECORDS * 100;
	assert_true(fabs(match_threshold(&m, MATCH_LIKELY) - m.likely - log2(100)) < 1e-9);
	assert_true(fabs(match_threshold(&m, MATCH_POSSIBLE) - m.possible - log2(100)) < 1e-9);
	m.records = 0;
	struct match_explanation e = { .score = m.likely };
	for (int f = 0; f < MATCH_NFIELDS; f++)
		e.level[f] = MATCH_MISSING;
	assert_int_equal(match_verdict(&m, &e), MATCH_LIKELY);
	e.score = m.possible;
	assert_int_equal(match_verdict(&m, &e), MATCH_POSSIBLE);
	e.score = m.possible - 0.01;
	assert_int_equal(match_verdict(&m, &e), MATCH_NO);
	/* A high score with birth dates years apart is not "likely": brothers
	 * and sisters share surnames, address and phone. */
	e.score = m.likely + 20;
	e.level[MATCH_GIVEN] = MATCH_NAME_EXACT;
	e.level[MATCH_BIRTH] = MATCH_DATE_DIFFERENT;
	assert_int_equal(match_verdict(&m, &e), MATCH_POSSIBLE);
	e.level[MATCH_DOCUMENT] = 0;
	assert_int_equal(match_verdict(&m, &e), MATCH_POSSIBLE);
	/* unless a document agrees */
	e.level[MATCH_DOCUMENT] = 1;
	assert_int_equal(match_verdict(&m, &e), MATCH_LIKELY);
	/* or the names alone, with the date against them, are enough; what a
	 * family shares is not: José López Pacheco and his father. */
	e.level[MATCH_DOCUMENT] = MATCH_MISSING;
	e.weight[MATCH_GIVEN] = 3, e.weight[MATCH_FAMILY] = 12.6, e.weight[MATCH_BIRTH] = -6.8;
	e.weight[MATCH_LOCALITY] = 3.3, e.weight[MATCH_NATIONALITY] = 3.5;
	e.score = 3 + 12.6 - 6.8 + 3.3 + 3.5;
	assert_true(e.score >= m.likely);
	assert_int_equal(match_verdict(&m, &e), MATCH_POSSIBLE);
	e.weight[MATCH_GIVEN] = 7.5;
	e.score += 4.5;
	assert_int_equal(match_verdict(&m, &e), MATCH_LIKELY);
	/* a field that disagrees still counts against */
	e.weight[MATCH_SEX] = -4.6;
	e.score -= 4.6;
	assert_int_equal(match_verdict(&m, &e), MATCH_POSSIBLE);
}

static struct match_index *registry(int people, int dups)
{
	uint64_t seed = 3;
	struct synth_person p, d;
	struct match_record r;
	struct match_index *ix = match_index_new(0);
	for (int i = 0; i < people; i++) {
		synth_person(&seed, i, &p);
		synth_record(&p, &r);
		match_index_add(ix, &r);
		if (i < dups) {
			synth_duplicate(&seed, &p, 1, &d);
			synth_record(&d, &r);
			match_index_add(ix, &r);
		}
	}
	return ix;
}

static void test_estimate(void **state)
{
	struct match_index *ix = registry(3000, 300);
	struct match_model m;
	match_model_default(&m);
	assert_int_equal(match_model_estimate(&m, ix), 0);
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		double sm = 0, su = 0;
		for (int l = 0; l < match_levels((enum match_field)f); l++) {
			sm += m.m[f][l];
			su += m.u[f][l];
		}
		assert_true(fabs(sm - 1) < 1e-6);
		assert_true(fabs(su - 1) < 1e-6);
	}
	/* Random pairs rarely share a birth date; matches mostly do. */
	assert_true(m.u[MATCH_BIRTH][MATCH_DATE_EXACT] < 0.001);
	assert_true(m.m[MATCH_BIRTH][MATCH_DATE_EXACT] > 0.5);
	assert_true(m.m[MATCH_FAMILY][MATCH_NAME_EXACT] > m.u[MATCH_FAMILY][MATCH_NAME_EXACT]);
	assert_true(m.lambda > 0 && m.lambda < 1);
	assert_true(m.records == 3300);

	/* Frequencies: an exact common surname weighs less than a rare one. */
	struct match_explanation common, rare;
	struct match_record a = { .family_names = "García" }, b = { .family_names = "Garcia" };
	struct match_record c = { .family_names = "Zzyzx" }, d = { .family_names = "Zzyzx" };
	match_compare(ix, &m, &a, &b, &common);
	match_compare(ix, &m, &c, &d, &rare);
	assert_int_equal(common.level[MATCH_FAMILY], MATCH_NAME_EXACT);
	assert_true(rare.weight[MATCH_FAMILY] > common.weight[MATCH_FAMILY] + 1);
	/* Without the index there is no frequency: both weigh the same. */
	match_compare(NULL, &m, &a, &b, &common);
	match_compare(NULL, &m, &c, &d, &rare);
	assert_true(fabs(rare.weight[MATCH_FAMILY] - common.weight[MATCH_FAMILY]) < 1e-9);
	match_index_free(ix);
}

static void test_refine(void **state)
{
	struct match_model m;
	size_t fp = 99, fn = 99;
	match_model_default(&m);
	struct match_label labels[] = {
		{ .a = { .given_names = "Ana", .family_names = "Ruiz", .birth_date = "1990-01-02" },
		  .b = { .given_names = "Ana", .family_names = "Ruiz", .birth_date = "1990-02-01" },
		  .same = 1 },
		{ .a = { .given_names = "Luis", .family_names = "Soto", .birth_date = "1970-05-06" },
		  .b = { .given_names = "Luis", .family_names = "Soto", .birth_date = "1970-06-05" },
		  .same = 1 },
		{ .a = { .given_names = "Rosa", .family_names = "Vega", .birth_date = "1960-03-04" },
		  .b = { .given_names = "Rosa", .family_names = "Vega", .birth_date = "1961-03-04" },
		  .same = 0 },
	};
	double before = m.m[MATCH_BIRTH][MATCH_DATE_SWAPPED];
	match_model_refine(&m, NULL, labels, 3, 2, &fp, &fn);
	/* Two of two "same" pairs had the date swapped: its m rises. */
	assert_true(m.m[MATCH_BIRTH][MATCH_DATE_SWAPPED] > before + 0.2);
	double sum = 0;
	for (int l = 0; l < match_levels(MATCH_BIRTH); l++)
		sum += m.m[MATCH_BIRTH][l];
	assert_true(fabs(sum - 1) < 1e-9);
	assert_int_equal(fn, 0);
	assert_true(fp <= 1);
	match_model_refine(&m, NULL, NULL, 0, 0, NULL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_estimate),
		cmocka_unit_test(test_refine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

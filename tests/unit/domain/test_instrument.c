/* test_instrument.c: WHO-5, PHQ-9 and GAD-7 validation, totals and every band edge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/i18n.h"
#include "domain/instrument.h"

/* Answers of in that add up to total (filling items from the first). */
static void answers_for(const struct instrument *in, int total, int *a)
{
	for (size_t i = 0; i < in->n_items; i++) {
		a[i] = total > in->max_answer ? in->max_answer : total;
		total -= a[i];
	}
	assert_int_equal(total, 0);
}

static const char *band_of(const struct instrument *in, int total)
{
	int a[INSTRUMENT_ITEMS_MAX];
	struct instrument_result r;
	answers_for(in, total, a);
	assert_int_equal(instrument_score(in, a, in->n_items, &r), 0);
	assert_int_equal(r.total, total);
	return r.band->code;
}

static void test_find(void **state)
{
	assert_ptr_equal(instrument_find("who5"), &INSTRUMENT_WHO5);
	assert_ptr_equal(instrument_find("phq9"), &INSTRUMENT_PHQ9);
	assert_ptr_equal(instrument_find("gad7"), &INSTRUMENT_GAD7);
	assert_null(instrument_find("PHQ9"));
	assert_null(instrument_find(""));
	assert_null(instrument_find(NULL));
}

static void test_shapes(void **state)
{
	for (size_t i = 0; INSTRUMENTS[i]; i++) {
		const struct instrument *in = INSTRUMENTS[i];
		assert_true(in->n_items <= INSTRUMENT_ITEMS_MAX);
		assert_int_equal(in->max_total, (int)in->n_items * in->max_answer);
		/* The bands cover 0..max_total without a gap or an overlap. */
		assert_int_equal(in->bands[0].lo, 0);
		for (size_t b = 1; b < in->n_bands; b++)
			assert_int_equal(in->bands[b].lo, in->bands[b - 1].hi + 1);
		assert_int_equal(in->bands[in->n_bands - 1].hi, in->max_total);
		for (int v = 0; v <= in->max_answer; v++)
			assert_true(strlen(in->options[v]) > 0);
	}
	assert_int_equal(INSTRUMENT_WHO5.n_items, 5);
	assert_int_equal(INSTRUMENT_PHQ9.n_items, 9);
	assert_int_equal(INSTRUMENT_GAD7.n_items, 7);
	assert_null(instrument_band(&INSTRUMENT_PHQ9, -1));
	assert_null(instrument_band(&INSTRUMENT_PHQ9, 28));
}

static void test_validate_count(void **state)
{
	int a[10] = { 0 };
	struct errors errs = { .n = 0 };
	assert_int_equal(instrument_validate(&INSTRUMENT_PHQ9, a, 8, &errs), 0);
	assert_int_equal(errs.n, 1);
	assert_non_null(errors_for(&errs, "answers"));
	errs.n = 0;
	assert_int_equal(instrument_validate(&INSTRUMENT_GAD7, a, 9, &errs), 0);
	assert_non_null(errors_for(&errs, "answers"));
	errs.n = 0;
	assert_int_equal(instrument_validate(&INSTRUMENT_WHO5, a, 0, &errs), 0);
	assert_non_null(errors_for(&errs, "answers"));
	errs.n = 0;
	assert_int_equal(instrument_validate(&INSTRUMENT_WHO5, a, 5, &errs), 1);
	assert_int_equal(errs.n, 0);
}

static void test_validate_range(void **state)
{
	int phq[9] = { 0, 3, -1, 0, 4, 0, 0, 0, 0 };
	struct errors errs = { .n = 0 };
	assert_int_equal(instrument_validate(&INSTRUMENT_PHQ9, phq, 9, &errs), 0);
	assert_int_equal(errs.n, 2);
	assert_non_null(errors_for(&errs, "answers.3"));
	assert_non_null(errors_for(&errs, "answers.5"));
	assert_null(errors_for(&errs, "answers.2"));
	struct instrument_result r = { .total = 99 };
	assert_int_equal(instrument_score(&INSTRUMENT_PHQ9, phq, 9, &r), -1);
	assert_int_equal(r.total, 99);

	int who[5] = { 5, 5, 5, 5, 6 };
	errs.n = 0;
	assert_int_equal(instrument_validate(&INSTRUMENT_WHO5, who, 5, &errs), 0);
	assert_non_null(errors_for(&errs, "answers.5"));
	who[4] = 5;
	errs.n = 0;
	assert_int_equal(instrument_validate(&INSTRUMENT_WHO5, who, 5, &errs), 1);
	int gad[7] = { 3, 3, 3, 3, 3, 3, 4 };
	errs.n = 0;
	assert_int_equal(instrument_validate(&INSTRUMENT_GAD7, gad, 7, &errs), 0);
	assert_non_null(errors_for(&errs, "answers.7"));
}

/* Every band edge of the published scoring: the first and last total of
 * each band. */
static void test_band_edges(void **state)
{
	static const struct {
		const struct instrument *in;
		int total;
		const char *band;
	} edges[] = {
		{ &INSTRUMENT_PHQ9, 0, "minimal" },
		{ &INSTRUMENT_PHQ9, 4, "minimal" },
		{ &INSTRUMENT_PHQ9, 5, "mild" },
		{ &INSTRUMENT_PHQ9, 9, "mild" },
		{ &INSTRUMENT_PHQ9, 10, "moderate" },
		{ &INSTRUMENT_PHQ9, 14, "moderate" },
		{ &INSTRUMENT_PHQ9, 15, "moderately_severe" },
		{ &INSTRUMENT_PHQ9, 19, "moderately_severe" },
		{ &INSTRUMENT_PHQ9, 20, "severe" },
		{ &INSTRUMENT_PHQ9, 27, "severe" },
		{ &INSTRUMENT_GAD7, 0, "minimal" },
		{ &INSTRUMENT_GAD7, 4, "minimal" },
		{ &INSTRUMENT_GAD7, 5, "mild" },
		{ &INSTRUMENT_GAD7, 9, "mild" },
		{ &INSTRUMENT_GAD7, 10, "moderate" },
		{ &INSTRUMENT_GAD7, 14, "moderate" },
		{ &INSTRUMENT_GAD7, 15, "severe" },
		{ &INSTRUMENT_GAD7, 21, "severe" },
		{ &INSTRUMENT_WHO5, 0, "very_low" },
		{ &INSTRUMENT_WHO5, 7, "very_low" },  /* 28% */
		{ &INSTRUMENT_WHO5, 8, "low" },       /* 32% */
		{ &INSTRUMENT_WHO5, 12, "low" },      /* 48% */
		{ &INSTRUMENT_WHO5, 13, "adequate" }, /* 52% */
		{ &INSTRUMENT_WHO5, 25, "adequate" },
	};
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		assert_string_equal(band_of(edges[i].in, edges[i].total), edges[i].band);
}

/* Known answers and everything their result says. */
static void test_known_results(void **state)
{
	static const struct {
		const struct instrument *in;
		int answers[INSTRUMENT_ITEMS_MAX];
		int total, percent;
		const char *band;
		int alert, refer;
	} cases[] = {
		{ &INSTRUMENT_PHQ9, { 1, 2, 3, 0, 1, 2, 3, 0, 0 }, 12, -1, "moderate", 0, 1 },
		{ &INSTRUMENT_GAD7, { 1, 1, 1, 1, 1, 1, 2 }, 8, -1, "mild", 0, 0 },
		{ &INSTRUMENT_WHO5, { 3, 4, 2, 3, 4 }, 16, 64, "adequate", 0, 0 },
		/* PHQ-9 item 9 above 0 alerts, whatever the total. */
		{ &INSTRUMENT_PHQ9, { 0, 0, 0, 0, 0, 0, 0, 0, 1 }, 1, -1, "minimal", 1, 0 },
		{ &INSTRUMENT_PHQ9, { 0, 0, 0, 0, 0, 0, 0, 0, 3 }, 3, -1, "minimal", 1, 0 },
		{ &INSTRUMENT_PHQ9, { 3, 0, 0, 0, 0, 0, 0, 0, 0 }, 3, -1, "minimal", 0, 0 },
		/* The last item of GAD-7 is not a self-harm item. */
		{ &INSTRUMENT_GAD7, { 0, 0, 0, 0, 0, 0, 3 }, 3, -1, "minimal", 0, 0 },
		/* WHO-5: 13 (52%) is above the cut-off, but an item answered 1
		 * asks for screening; 12 (48%) is below it. */
		{ &INSTRUMENT_WHO5, { 5, 5, 1, 1, 1 }, 13, 52, "adequate", 0, 1 },
		{ &INSTRUMENT_WHO5, { 3, 3, 3, 2, 2 }, 13, 52, "adequate", 0, 0 },
		{ &INSTRUMENT_WHO5, { 3, 3, 2, 2, 2 }, 12, 48, "low", 0, 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct instrument_result r;
		assert_int_equal(instrument_score(cases[i].in, cases[i].answers, cases[i].in->n_items, &r), 0);
		assert_int_equal(r.total, cases[i].total);
		assert_int_equal(r.percent, cases[i].percent);
		assert_string_equal(r.band->code, cases[i].band);
		assert_int_equal(r.alert, cases[i].alert);
		assert_int_equal(r.refer, cases[i].refer);
		/* The same percentage from a stored total (the case page, the API). */
		assert_int_equal(instrument_percent(cases[i].in, r.total), cases[i].percent);
	}
	assert_int_equal(instrument_percent(&INSTRUMENT_WHO5, 0), 0);
	assert_int_equal(instrument_percent(&INSTRUMENT_WHO5, 25), 100);
	assert_int_equal(instrument_percent(&INSTRUMENT_WHO5, 26), -1);
	assert_int_equal(instrument_percent(&INSTRUMENT_WHO5, -1), -1);
	assert_int_equal(instrument_percent(NULL, 10), -1);
}

static int have_spanish;

/* Bound before any test: translations are cached once looked up. */
static int setup_i18n(void **state)
{
	have_spanish = i18n_init(NULL) == 0;
	return 0;
}

/* Every text is a msgid with its Spanish in po/es.po. */
static void test_spanish(void **state)
{
	if (!have_spanish)
		skip(); /* no Spanish locale on this machine */
	i18n_use("es");
	assert_string_equal(_(INSTRUMENT_PHQ9.options[1]), "Varios días");
	assert_string_equal(_(INSTRUMENT_WHO5.options[5]), "Todo el tiempo");
	assert_string_equal(_(INSTRUMENT_GAD7.items[3]), "Dificultad para relajarse");
	assert_string_equal(_(INSTRUMENT_PHQ9.bands[3].label), "Moderadamente grave");
	for (size_t i = 0; INSTRUMENTS[i]; i++)
		for (size_t k = 0; k < INSTRUMENTS[i]->n_items; k++)
			assert_string_not_equal(_(INSTRUMENTS[i]->items[k]), INSTRUMENTS[i]->items[k]);
	struct errors errs = { .n = 0 };
	int a[3] = { 0 };
	instrument_validate(&INSTRUMENT_PHQ9, a, 3, &errs);
	assert_string_equal(errors_for(&errs, "answers"), "Responda las 9 preguntas, cada una con una opción.");
	i18n_use("en");
	assert_string_equal(_(INSTRUMENT_PHQ9.options[1]), "Several days");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_validate_count),
		cmocka_unit_test(test_validate_range),
		cmocka_unit_test(test_band_edges),
		cmocka_unit_test(test_known_results),
		cmocka_unit_test(test_spanish),
	};
	return cmocka_run_group_tests(tests, setup_i18n, NULL);
}

/* test_search.c: the ranking both engines give a bounded set of matches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "store/search.h"

static int score(const char *q_word, const char *q_phon, const char *words)
{
	struct search_term t = { q_word, q_phon };
	int n;
	return search_score(&t, 1, words, &n);
}

/* The term itself beats a name that sounds the same, which beats a name
 * that only starts with the term; keys are not taken for words. */
static void test_score_exact_sound_prefix(void **state)
{
	(void)state;
	assert_int_equal(score("gonzales", "_jonsales", "luis gonzales _luis _jonsales"), 3);
	assert_int_equal(score("gonzales", "_jonsales", "luis gonzalez _luis _jonsales"), 2);
	assert_int_equal(score("mari", "_mari", "mariana _mariana"), 1);
	assert_int_equal(score("mari", NULL, "mary _mari"), 0);
	assert_int_equal(score("pedro", "_pedro", "luis _luis"), 0);
	/* "_jonsales" as typed is a word, not a key. */
	assert_int_equal(score("jonsales", NULL, "_jonsales"), 0);
	assert_int_equal(score("ana", NULL, ""), 0);
	assert_int_equal(score("ana", NULL, NULL), 0);
}

/* Each term scores its best word once; the score is the sum. */
static void test_score_sums_terms_and_counts_words(void **state)
{
	(void)state;
	struct search_term t[] = { { "maria", "_maria" }, { "jose", "_jose" }, { "gonsales", "_jonsales" } };
	int n;
	assert_int_equal(search_score(t, 3, "maria jose _maria _jose gonzalez _jonsales p 000001 _p", &n),
			 3 + 3 + 2);
	assert_int_equal(n, 5);
	assert_int_equal(search_score(t, 3, "mariana josefina _mariana _josefina gonzalez gonzalez _jonsales", &n),
			 1 + 1 + 2);
	assert_int_equal(n, 3); /* gonzalez once, as PostgreSQL keeps it */
	/* Two spaces in a row are no word. */
	assert_int_equal(search_score(t, 1, "  maria   _maria ", &n), 3);
	assert_int_equal(n, 1);
}

static void test_has_word(void **state)
{
	(void)state;
	const char *words = "ana _ana  anabel";
	assert_true(search_has_word(words, strlen(words), "anabel", 6));
	assert_true(search_has_word(words, strlen(words), "_ana", 4));
	assert_false(search_has_word(words, strlen(words), "anab", 4));
	assert_false(search_has_word(words, 8, "anabel", 6)); /* before it only */
	assert_false(search_has_word("", 0, "ana", 3));
}

/* Best score first; then fewer words; then the older registration, by
 * rowid or, when both have one, by id. */
static void test_sort_order_is_total(void **state)
{
	(void)state;
	struct search_hit h[] = {
		{ .rowid = 5, .score = 4, .nwords = 3 }, { .rowid = 2, .score = 6, .nwords = 5 },
		{ .rowid = 9, .score = 6, .nwords = 4 }, { .rowid = 1, .score = 4, .nwords = 3 },
	};
	search_sort(h, 4);
	assert_int_equal(h[0].rowid, 9);
	assert_int_equal(h[1].rowid, 2);
	assert_int_equal(h[2].rowid, 1);
	assert_int_equal(h[3].rowid, 5);

	struct search_hit ids[] = { { .id = "0192-b", .score = 2 }, { .id = "0192-a", .score = 2 } };
	search_sort(ids, 2);
	assert_string_equal(ids[0].id, "0192-a");
	search_sort(ids, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score_exact_sound_prefix),
		cmocka_unit_test(test_score_sums_terms_and_counts_words),
		cmocka_unit_test(test_has_word),
		cmocka_unit_test(test_sort_order_is_total),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

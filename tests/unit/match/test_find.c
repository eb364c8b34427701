/* test_find.c: the index and its questions (src/match/index.c, find.c):
 * a registry of synthetic people with the Spanish cases among
 * them, found with their reasons; different people with common names are
 * not "likely"; removal; the full scan; the synthetic set's precision and
 * recall. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "synth.h"

#define BACKGROUND 4000

static struct match_index *ix;
static struct match_model model;

/* The people the cases look for. */
static const struct match_record registered[] = {
	{ .id = "yosmar", .given_names = "Yosmar", .family_names = "Quintero Bolívar",
	  .birth_date = "1994-07-21", .sex = "m", .nationality = "VEN" },
	{ .id = "jose", .given_names = "José", .family_names = "Pérez González",
	  .birth_date = "1990-12-04", .sex = "m", .nationality = "VEN" },
	{ .id = "angeles", .given_names = "María de los Ángeles",
	  .family_names = "Pérez de Rodríguez", .birth_date = "1985-03-02", .sex = "f",
	  .nationality = "COL" },
	{ .id = "passport", .given_names = "Yorgelis", .family_names = "Zambrano Urdaneta",
	  .birth_date = "2001-01-30", .sex = "f", .documents = "C12345678", .nationality = "VEN" },
	{ .id = "maria1", .given_names = "María", .family_names = "García Rodríguez",
	  .birth_date = "1980-05-10", .sex = "f", .nationality = "VEN" },
};

/* Adds synthetic people numbered from .. to - 1 to s. */
static void add_people(struct match_index *s, uint64_t *seed, long from, long to)
{
	struct synth_person p;
	struct match_record r;
	for (long i = from; i < to; i++) {
		synth_person(seed, i, &p);
		synth_record(&p, &r);
		assert_int_equal(match_index_add(s, &r), 0);
	}
}

static int setup(void **state)
{
	uint64_t seed = 7;
	ix = match_index_new(0);
	add_people(ix, &seed, 0, BACKGROUND);
	for (size_t i = 0; i < sizeof(registered) / sizeof(registered[0]); i++)
		assert_int_equal(match_index_add(ix, &registered[i]), 0);
	match_model_default(&model);
	assert_int_equal(match_model_estimate(&model, ix), 0);
	return 0;
}

static int teardown(void **state)
{
	match_index_free(ix);
	return 0;
}

/* The candidate with this id among a query's results, or NULL. */
static const struct match_candidate *find(const struct match_record *q, const char *id,
					  struct match_candidate *out, int *n)
{
	*n = match_find(ix, &model, q, -1e9, out, 20);
	assert_true(*n >= 0);
	for (int i = 0; i < *n; i++)
		if (!strcmp(out[i].id, id))
			return &out[i];
	return NULL;
}

static const struct match_candidate *expect_likely(const struct match_record *q, const char *id)
{
	static struct match_candidate out[20];
	int n;
	const struct match_candidate *c = find(q, id, out, &n);
	assert_non_null(c);
	if (c->verdict != MATCH_LIKELY)
		print_error("%s: score %.2f\n", id, c->why.score);
	assert_int_equal(c->verdict, MATCH_LIKELY);
	assert_ptr_equal(c, &out[0]); /* and first */
	return c;
}

static void test_yosmar_josmar(void **state)
{
	struct match_record q = { .given_names = "Josmar", .family_names = "Quintero Bolivar",
				  .birth_date = "1994-07-21", .sex = "M" };
	const struct match_candidate *c = expect_likely(&q, "yosmar");
	assert_int_equal(c->why.level[MATCH_GIVEN], MATCH_NAME_CLOSE);
	assert_true(c->why.weight[MATCH_GIVEN] > 0);
}

static void test_gonzales_swapped_surnames_and_date(void **state)
{
	/* The integration case: "Jose Gonzales Perez" born 1990-04-12
	 * is "José Pérez González" born 1990-12-04. */
	struct match_record q = { .given_names = "Jose", .family_names = "Gonzales Perez",
				  .birth_date = "1990-04-12" };
	const struct match_candidate *c = expect_likely(&q, "jose");
	assert_int_equal(c->why.level[MATCH_FAMILY], MATCH_NAME_CLOSE);
	assert_int_equal(c->why.level[MATCH_BIRTH], MATCH_DATE_SWAPPED);
	assert_int_equal(c->why.level[MATCH_GIVEN], MATCH_NAME_EXACT);
	assert_true(c->why.weight[MATCH_BIRTH] > 0);
}

static void test_pepe_is_jose(void **state)
{
	struct match_record q = { .given_names = "Pepe", .family_names = "Perez Gonzalez",
				  .birth_date = "1990-12-04", .sex = "m" };
	const struct match_candidate *c = expect_likely(&q, "jose");
	assert_int_equal(c->why.level[MATCH_GIVEN], MATCH_NAME_EXACT);
	assert_int_equal(c->why.level[MATCH_FAMILY], MATCH_NAME_EXACT);
}

static void test_particles_and_missing_words(void **state)
{
	struct match_record q = { .given_names = "Maria Angeles", .family_names = "Perez Rodriguez",
				  .birth_date = "1985-03-02" };
	const struct match_candidate *c = expect_likely(&q, "angeles");
	assert_int_equal(c->why.level[MATCH_GIVEN], MATCH_NAME_EXACT);
	assert_int_equal(c->why.level[MATCH_FAMILY], MATCH_NAME_EXACT);
	/* One surname only, in the other order of birth date digits. */
	struct match_record q2 = { .given_names = "María de los Ángeles", .family_names = "Rodríguez",
				   .birth_date = "1985-02-03" };
	c = expect_likely(&q2, "angeles");
	assert_int_equal(c->why.level[MATCH_FAMILY], MATCH_NAME_SUBSET);
	assert_int_equal(c->why.level[MATCH_BIRTH], MATCH_DATE_SWAPPED);
}

static void test_passport_with_one_wrong_digit(void **state)
{
	/* Only the passport and the given name: the document finds her. */
	struct match_record q = { .given_names = "Yorgelis", .documents = "C12345978" };
	const struct match_candidate *c = expect_likely(&q, "passport");
	assert_int_equal(c->why.level[MATCH_DOCUMENT], 1);
	assert_string_equal(match_level_name(MATCH_DOCUMENT, c->why.level[MATCH_DOCUMENT]),
			    "one_edit");
	/* With everything else the same, the birth date adds its weight. */
	struct match_record q2 = { .given_names = "Yorgelis", .family_names = "Zambrano",
				   .birth_date = "2001-01-30", .documents = "C12354678" };
	expect_likely(&q2, "passport");
}

static void test_common_names_other_dates_are_not_likely(void **state)
{
	/* Another María García Rodríguez, born another day: at most "possible". */
	struct match_record q = { .given_names = "María", .family_names = "García Rodríguez",
				  .birth_date = "1992-08-23", .sex = "f" };
	struct match_candidate out[20];
	int n = match_find(ix, &model, &q, -1e9, out, 20);
	for (int i = 0; i < n; i++)
		assert_int_not_equal(out[i].verdict, MATCH_LIKELY);
	/* Another José Pérez, with other surnames and birth date. */
	struct match_record q2 = { .given_names = "José", .family_names = "Pérez Hernández",
				   .birth_date = "1975-02-14", .sex = "m" };
	n = match_find(ix, &model, &q2, -1e9, out, 20);
	for (int i = 0; i < n; i++)
		assert_int_not_equal(out[i].verdict, MATCH_LIKELY);
	/* A stranger finds no one likely. */
	struct match_record q3 = { .given_names = "Wendy", .family_names = "Xochitl Zzyzx",
				   .birth_date = "1931-01-01" };
	n = match_find(ix, &model, &q3, model.possible, out, 20);
	assert_int_equal(n, 0);
}

static void test_results_sorted_and_bounded(void **state)
{
	struct match_record q = { .given_names = "María", .family_names = "García",
				  .birth_date = "1980" };
	struct match_candidate out[3];
	int n = match_find(ix, &model, &q, -1e9, out, 3);
	assert_true(n <= 3);
	for (int i = 1; i < n; i++)
		assert_true(out[i - 1].why.score >= out[i].why.score);
	assert_int_equal(match_find(ix, &model, &q, -1e9, out, 0), 0);
}

static void test_self_is_skipped_and_remove(void **state)
{
	struct match_candidate out[20];
	int n;
	/* Checking a registered person against the others skips the entry. */
	assert_null(find(&registered[0], "yosmar", out, &n));
	struct match_index_stats before, after;
	match_index_stats(ix, &before);
	struct match_record copy = registered[4];
	copy.id = "maria-copy";
	assert_int_equal(match_index_add(ix, &copy), 0);
	assert_non_null(find(&registered[4], "maria-copy", out, &n));
	assert_int_equal(match_index_remove(ix, "maria-copy"), 0);
	assert_null(find(&registered[4], "maria-copy", out, &n));
	assert_int_equal(match_index_remove(ix, "maria-copy"), -1);
	assert_int_equal(match_index_remove(ix, "nobody"), -1);
	match_index_stats(ix, &after);
	assert_int_equal(after.records, before.records);
	/* An id is required, and bounded. */
	struct match_record noid = { .given_names = "X" };
	assert_int_equal(match_index_add(ix, &noid), -1);
	char longid[300];
	memset(longid, 'a', sizeof(longid) - 1);
	longid[sizeof(longid) - 1] = 0;
	noid.id = longid;
	assert_int_equal(match_index_add(ix, &noid), -1);
}

static void test_lists_of_removed_entries(void **state)
{
	/* Removed entries stay in their lists, uncounted: a lookup must walk
	 * more postings than the counts say. */
	struct match_index *s = match_index_new(0);
	struct match_model m;
	struct match_candidate out[5];
	char id[32];
	match_model_default(&m);
	for (int i = 0; i < 300; i++) {
		snprintf(id, sizeof(id), "r%d", i);
		struct match_record r = { .id = id, .given_names = "Ana", .family_names = "Ruiz Soto",
					  .birth_date = "1990-01-02", .documents = "X1234567" };
		assert_int_equal(match_index_add(s, &r), 0);
	}
	for (int i = 0; i < 299; i++) {
		snprintf(id, sizeof(id), "r%d", i);
		assert_int_equal(match_index_remove(s, id), 0);
	}
	struct match_record q = { .given_names = "Ana", .family_names = "Ruiz Soto",
				  .birth_date = "1990-01-02" };
	assert_int_equal(match_find(s, &m, &q, -1e9, out, 5), 1);
	assert_string_equal(out[0].id, "r299");
	match_index_free(s);
}

/* Removal finds the record by its id (the id table), among thousands,
 * with UUIDs (kept packed) and other ids, and an edited person's newest
 * version after the earlier one was removed. */
static void test_remove_by_id_among_many(void **state)
{
	struct match_index *s = match_index_new(0);
	struct match_index_stats st;
	char id[64];
	for (int i = 0; i < 5000; i++) {
		if (i % 2)
			snprintf(id, sizeof(id), "01a22298-9e84-7e2b-9894-%012x", i);
		else
			snprintf(id, sizeof(id), "person-%d", i);
		struct match_record r = { .id = id, .given_names = "Ana", .family_names = "Ruiz",
					  .birth_date = "1990-01-02" };
		assert_int_equal(match_index_add(s, &r), 0);
	}
	assert_int_equal(match_index_remove(s, "01a22298-9e84-7e2b-9894-000000000fa1"), 0);
	assert_int_equal(match_index_remove(s, "01a22298-9e84-7e2b-9894-000000000fa1"), -1);
	assert_int_equal(match_index_remove(s, "01A22298-9E84-7E2B-9894-000000000FA3"), -1);
	assert_int_equal(match_index_remove(s, "person-2000"), 0);
	assert_int_equal(match_index_remove(s, "person-2001"), -1);
	/* Edited twice: put back after each removal, found each time. */
	for (int k = 0; k < 2; k++) {
		struct match_record r = { .id = "person-2000", .given_names = "Ana María",
					  .family_names = "Ruiz", .birth_date = "1990-01-02" };
		assert_int_equal(match_index_add(s, &r), 0);
		assert_int_equal(match_index_remove(s, "person-2000"), 0);
	}
	assert_int_equal(match_index_remove(s, "person-2000"), -1);
	match_index_stats(s, &st);
	assert_int_equal(st.records, 4998);
	match_index_free(s);
}

static void test_stats(void **state)
{
	struct match_index_stats s;
	match_index_stats(ix, &s);
	assert_int_equal(s.records, BACKGROUND + sizeof(registered) / sizeof(registered[0]));
	assert_true(s.keys > s.records);
	assert_true(s.words > 100);
	assert_true(s.bytes > s.records * 50);
}

/* The synthetic registry with duplicates: the scan's likely pairs against
 * the truth. */
struct tally {
	size_t likely, right;
};

static long group(const char *id)
{
	return strtol(id + 1, NULL, 10);
}

static struct match_model *scan_model;

static int on_pair(const char *a, const char *b, const struct match_explanation *why, void *arg)
{
	struct tally *t = arg;
	if (match_verdict(scan_model, why) != MATCH_LIKELY)
		return 0;
	t->likely++;
	t->right += group(a) == group(b);
	return 0;
}

static int stop_at_first(const char *a, const char *b, const struct match_explanation *why,
			 void *arg)
{
	return 7;
}

static void test_synthetic_precision_and_recall(void **state)
{
	enum { PEOPLE = 3000, DUPS = 600 };
	uint64_t seed = 11;
	struct synth_person p[PEOPLE], d;
	struct match_record r;
	struct match_index *s = match_index_new(0);
	struct match_model m;
	for (long i = 0; i < PEOPLE; i++) {
		synth_person(&seed, i, &p[i]);
		synth_record(&p[i], &r);
		assert_int_equal(match_index_add(s, &r), 0);
	}
	for (int k = 0; k < DUPS; k++) {
		synth_duplicate(&seed, &p[(k * 7) % PEOPLE], k, &d);
		synth_record(&d, &r);
		assert_int_equal(match_index_add(s, &r), 0);
	}
	match_model_default(&m);
	assert_int_equal(match_model_estimate(&m, s), 0);
	scan_model = &m;
	struct tally t = { 0 };
	/* Two halves, as two threads would. */
	assert_int_equal(match_scan(s, &m, m.likely, MATCH_SCAN_CAP, 0, 2, on_pair, &t), 0);
	assert_int_equal(match_scan(s, &m, m.likely, MATCH_SCAN_CAP, 1, 2, on_pair, &t), 0);
	/* Each original k*7 has exactly one duplicate (7 and PEOPLE are coprime). */
	double precision = (double)t.right / (double)t.likely, recall = (double)t.right / DUPS;
	print_message("synthetic: likely %zu, precision %.4f, recall %.4f\n", t.likely, precision,
		      recall);
	assert_true(precision >= 0.98);
	assert_true(recall >= 0.97);
	assert_int_equal(match_scan(s, &m, -1e9, 0, 0, 1, stop_at_first, NULL), 7);
	match_index_free(s);
}

struct scan_job {
	struct match_index *ix;
	struct match_model *m;
	int rc;
	size_t pairs;
};

static int count(const char *a, const char *b, const struct match_explanation *why, void *arg)
{
	((struct scan_job *)arg)->pairs++;
	return 0;
}

static void *scan_thread(void *arg)
{
	struct scan_job *j = arg;
	j->rc = match_scan(j->ix, j->m, -1e9, MATCH_SCAN_CAP, 0, 1, count, j);
	return NULL;
}

static void *estimate_thread(void *arg)
{
	struct scan_job *j = arg;
	j->rc = match_model_estimate(j->m, j->ix);
	return NULL;
}

static void test_registrations_during_a_scan(void **state)
{
	/* The scan lets adds in as it goes: they must neither wait for its end
	 * nor break it (the dictionary moves when it grows). An estimate too. */
	struct match_index *s = match_index_new(0);
	struct match_model m;
	uint64_t seed = 5;
	add_people(s, &seed, 0, 5000);
	match_model_default(&m);
	struct scan_job job = { s, &m, -1, 0 };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, scan_thread, &job), 0);
	add_people(s, &seed, 5000, 7000);
	pthread_join(t, NULL);
	assert_int_equal(job.rc, 0);
	assert_true(job.pairs > 0);
	/* So does an estimate. */
	job.rc = -1;
	assert_int_equal(pthread_create(&t, NULL, estimate_thread, &job), 0);
	add_people(s, &seed, 7000, 9000);
	pthread_join(t, NULL);
	assert_int_equal(job.rc, 0);
	match_index_free(s);
}

static void test_empty_index(void **state)
{
	struct match_index *e = match_index_new(5);
	struct match_model m;
	struct match_candidate out[4];
	match_model_default(&m);
	assert_int_equal(match_find(e, &m, &registered[0], -1e9, out, 4), 0);
	assert_int_equal(match_scan(e, &m, -1e9, 0, 0, 1, on_pair, NULL), 0);
	assert_int_equal(match_model_estimate(&m, e), -1);
	assert_int_equal(match_index_remove(e, "x"), -1);
	match_index_free(e);
	match_index_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yosmar_josmar),
		cmocka_unit_test(test_gonzales_swapped_surnames_and_date),
		cmocka_unit_test(test_pepe_is_jose),
		cmocka_unit_test(test_particles_and_missing_words),
		cmocka_unit_test(test_passport_with_one_wrong_digit),
		cmocka_unit_test(test_common_names_other_dates_are_not_likely),
		cmocka_unit_test(test_results_sorted_and_bounded),
		cmocka_unit_test(test_self_is_skipped_and_remove),
		cmocka_unit_test(test_lists_of_removed_entries),
		cmocka_unit_test(test_remove_by_id_among_many),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_synthetic_precision_and_recall),
		cmocka_unit_test(test_registrations_during_a_scan),
		cmocka_unit_test(test_empty_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_record.c: a record normalised for matching: name words, particles,
 * nicknames, dates, sex, documents and phones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "match/internal.h"

/* The words of a name field joined by spaces (static storage). */
static const char *names(const char *s, bool nick)
{
	static char out[256];
	struct mquery q;
	struct mword w[MW_WORDS];
	size_t n = 0;
	q.used = 0;
	uint8_t k = mrec_names(s, nick, &q, w, 0);
	out[0] = 0;
	for (uint8_t i = 0; i < k; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%.*s", i ? " " : "", (int)w[i].w.n,
				      w[i].w.s);
	return out;
}

static void test_names_fold_and_particles(void **state)
{
	assert_string_equal(names("María de los Ángeles", true), "maria angeles");
	assert_string_equal(names("Pérez de Rodríguez", false), "perez rodriguez");
	assert_string_equal(names("DE LA CRUZ-GARCÍA", false), "cruz garcia");
	assert_string_equal(names("  Núñez   y  Díaz ", false), "nunez diaz");
	assert_string_equal(names("", false), "");
	assert_string_equal(names(NULL, false), "");
	assert_string_equal(names("de la", false), "");
}

static void test_names_nicknames(void **state)
{
	static const char *const pairs[][2] = {
		{ "Pepe", "jose" },	       { "Paco", "francisco" },	  { "Pancho", "francisco" },
		{ "Lupe", "guadalupe" },       { "Chucho", "jesus" },	  { "Nacho", "ignacio" },
		{ "Lola", "dolores" },	       { "Concha", "concepcion" }, { "Memo", "guillermo" },
		{ "Toño", "antonio" },	       { "Charo", "rosario" },	  { "Maru", "maria" },
		{ "Chema", "jose maria" },     { "Ma. Guadalupe", "maria guadalupe" },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		assert_string_equal(names(pairs[i][0], true), pairs[i][1]);
	/* Surnames are never nicknames, and a name is not its nickname. */
	assert_string_equal(names("Paco", false), "paco");
	assert_string_equal(mrec_nickname("chabela", 7), "isabel"); /* the table's ends */
	assert_string_equal(mrec_nickname("tono", 4), "antonio");
	assert_null(mrec_nickname("jose", 4));
	assert_null(mrec_nickname("pep", 3));
	assert_null(mrec_nickname("pepes", 5));
}

static void test_names_limits(void **state)
{
	/* At most MW_WORDS words, each cut to MW_LEN bytes. */
	assert_string_equal(names("an bo cu di fe go hu", false), "an bo cu di fe go");
	const char *w = names("abcdefghijklmnopqrstuvwxyzabcdefghij", false);
	assert_int_equal(strlen(w), MW_LEN);
}

static void test_dates(void **state)
{
	assert_int_equal(mrec_date("1990-04-12"), 19900412);
	assert_int_equal(mrec_date("19900412"), 19900412);
	assert_int_equal(mrec_date("12/04/1990"), 19900412);
	assert_int_equal(mrec_date("2/4/1990"), 19900402);
	assert_int_equal(mrec_date("1990-04"), 19900400);
	assert_int_equal(mrec_date("1990"), 19900000);
	assert_int_equal(mrec_date(" 1990-04-12T00:00:00Z"), 19900412);
	/* Eight digits are kept as written, so a wrong digit still compares. */
	assert_int_equal(mrec_date("19371233"), 19371233);
	assert_int_equal(mrec_date(""), 0);
	assert_int_equal(mrec_date(NULL), 0);
	assert_int_equal(mrec_date("abril"), 0);
	assert_int_equal(mrec_date("1990-13-01"), 0);
	assert_int_equal(mrec_date("12/04/90"), 0);
	assert_int_equal(mrec_date("0099-01-01"), 0);
}

static void test_normalise_fields(void **state)
{
	struct mquery q;
	struct match_record r = {
		.id = "x",
		.given_names = "José-María",
		.family_names = "González Pérez",
		.birth_date = "1990-04-12",
		.sex = "Mujer",
		.nationality = "VEN",
		.documents = "A-1234567; 8-123-456, 12",
		.phones = "+507 6123-4567; (507) 212",
		.address = "Calle 50, casa 7",
		.locality = "Bethania",
		.postcode = "0819",
	};
	mrec_normalise(&r, &q);
	assert_int_equal(q.v.ng, 2);
	assert_int_equal(q.v.nf, 2);
	assert_int_equal(q.v.dob, 19900412);
	assert_int_equal(q.v.sex, 'f');
	assert_string_equal(q.v.nat.s, "ven");
	assert_int_equal(q.v.ndocs, 2); /* "12" is too short to be a number */
	assert_string_equal(q.v.docs[0].s, "a1234567");
	assert_string_equal(q.v.docs[1].s, "8123456");
	assert_int_equal(q.v.nphones, 1); /* "507212" is too short */
	assert_string_equal(q.v.phones[0].s, "0761234567"); /* the last 10 digits */
	assert_string_equal(q.v.address.s, "calle 50 casa 7");
	assert_string_equal(q.v.locality.s, "bethania");
	assert_string_equal(q.v.postcode.s, "0819");
	/* The phonetic code of each word is kept beside it. */
	assert_string_equal(q.v.family[0].ph.s, "jonsales");

	struct match_record empty = { 0 };
	mrec_normalise(&empty, &q);
	assert_int_equal(q.v.ng + q.v.nf + q.v.ndocs + q.v.nphones, 0);
	assert_int_equal(q.v.dob, 0);
	assert_int_equal(q.v.sex, 0);
	assert_int_equal(q.v.address.n, 0);
}

static void test_sex_words(void **state)
{
	static const struct {
		const char *in;
		char sex;
	} cases[] = { { "F", 'f' },         { "m", 'm' },        { "H", 'm' },  { "hombre", 'm' },
		      { "Femenino", 'f' },  { "MASCULINO", 'm' }, { "male", 'm' }, { "female", 'f' },
		      { "otro", 'x' },      { "x", 'x' },        { "?", 0 },    { "", 0 } };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mquery q;
		struct match_record r = { .sex = cases[i].in };
		mrec_normalise(&r, &q);
		assert_int_equal(q.v.sex, cases[i].sex);
	}
}

static void test_huge_input_is_cut(void **state)
{
	static char big[100000];
	struct mquery q;
	memset(big, 'a', sizeof(big) - 1);
	for (size_t i = 5; i < sizeof(big) - 1; i += 6)
		big[i] = ' ';
	struct match_record r = { .given_names = big, .family_names = big, .address = big,
				  .documents = big, .phones = big, .locality = big,
				  .nationality = big, .postcode = big };
	mrec_normalise(&r, &q);
	assert_int_equal(q.v.ng, MW_WORDS);
	assert_true(q.v.address.n <= MW_ADDRESS_LEN);
	assert_true(q.used <= sizeof(q.buf));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_fold_and_particles),
		cmocka_unit_test(test_names_nicknames),
		cmocka_unit_test(test_names_limits),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_normalise_fields),
		cmocka_unit_test(test_sex_words),
		cmocka_unit_test(test_huge_input_is_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

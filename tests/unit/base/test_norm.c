/* test_norm.c: folding for search and the Spanish phonetic key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/norm.h"

/* Folds s; returns the text (static storage) and the word count in *words. */
static const char *fold(const char *s, int *words)
{
	static char out[512];
	struct buf b;
	buf_init(&b, 0);
	int w = norm_fold(&b, s);
	if (words)
		*words = w;
	snprintf(out, sizeof(out), "%s", b.p ? b.p : "");
	buf_free(&b);
	return out;
}

/* The phonetic key of one folded word, as a new static string per slot. */
static const char *key(const char *word, int slot)
{
	static char out[2][128];
	struct buf b;
	buf_init(&b, 0);
	norm_phonetic(&b, word, strlen(word));
	snprintf(out[slot], sizeof(out[slot]), "%s", b.p ? b.p : "");
	buf_free(&b);
	return out[slot];
}

#define assert_same_key(a, b) assert_string_equal(key(a, 0), key(b, 1))
#define assert_different_key(a, b) assert_string_not_equal(key(a, 0), key(b, 1))

static void test_fold_accents_case_spacing(void **state)
{
	int w;
	assert_string_equal(fold("María-José  PÉREZ", &w), "maria jose perez");
	assert_int_equal(w, 3);
	assert_string_equal(fold("Ñandú", &w), "nandu");
	assert_int_equal(w, 1);
	assert_string_equal(fold("  --Núñez, O'Brien!  ", &w), "nunez o brien");
	assert_int_equal(w, 3);
	assert_string_equal(fold("Müller Straße", NULL), "muller strasse");
	assert_string_equal(fold("Gonçalves ÇAÑAS", NULL), "goncalves canas");
	assert_string_equal(fold("P-000123", &w), "p 000123");
	assert_int_equal(w, 2);
}

static void test_fold_decomposed_input(void **state)
{
	/* "José" written with a combining acute accent (NFD). */
	assert_string_equal(fold("Jose\xcc\x81 Pe\xcc\x81rez", NULL), "jose perez");
}

static void test_fold_empty_and_null(void **state)
{
	int w = -1;
	assert_string_equal(fold("", &w), "");
	assert_int_equal(w, 0);
	assert_string_equal(fold("  ¡¿-- !! ", &w), "");
	assert_int_equal(w, 0);
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(norm_fold(&b, NULL), 0);
	assert_int_equal(b.n, 0);
	buf_free(&b);
}

/* Text all in ASCII is folded without utf8proc: it must give what
 * utf8proc gives. An "é" at the end sends the same text through utf8proc
 * (folded to "e", joined to the last word or a word of its own). */
static void test_fold_ascii_as_utf8proc(void **state)
{
	char all[128], with[160], want[640];
	for (int i = 1; i < 128; i++)
		all[i - 1] = (char)(i * 37 % 127 + 1); /* every byte from 1 to 127, shuffled */
	all[127] = 0;
	const char *in[] = { all, "Jose PEREZ 12", "a.b\tc", "X", "--", "", "O'Brien-Smith",
			     "P-000123", "\x7f\x01z" };
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		int w1, w2;
		char fast[512];
		snprintf(fast, sizeof(fast), "%s", fold(in[i], &w1));
		snprintf(with, sizeof(with), "%s\xc3\xa9", in[i]);
		size_t n = strlen(in[i]);
		int joined = n && ((in[i][n - 1] >= 'a' && in[i][n - 1] <= 'z') ||
				   (in[i][n - 1] >= 'A' && in[i][n - 1] <= 'Z') ||
				   (in[i][n - 1] >= '0' && in[i][n - 1] <= '9'));
		snprintf(want, sizeof(want), "%s%se", fast, joined || !*fast ? "" : " ");
		assert_string_equal(fold(with, &w2), want);
		assert_int_equal(w2, w1 + !joined);
	}
}

static void test_fold_is_idempotent(void **state)
{
	const char *in[] = { "María-José  PÉREZ", "Ñandú", "Yulieth O'Connor", "DÍAZ 12" };
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		char once[512];
		snprintf(once, sizeof(once), "%s", fold(in[i], NULL));
		assert_string_equal(fold(once, NULL), once);
	}
}

static void test_fold_invalid_utf8(void **state)
{
	int w;
	/* Nothing here may crash or read out of bounds (ASan checks). */
	fold("\xff\xfe\xfd", &w);
	assert_int_equal(w, 0);
	fold("\xc3", NULL);
	fold("abc\xe2\x82", NULL);
	fold("\xed\xa0\x80 surrogate", NULL);
	fold("\xf8\x88\x80\x80\x80 five-byte", NULL);
	fold("\xc0\xaf overlong", NULL);

	/* Invalid bytes are skipped; the valid text around them is still
	 * folded, accents included. */
	assert_string_equal(fold("María \xff José", &w), "maria jose");
	assert_int_equal(w, 2);
	assert_string_equal(fold("PÉREZ\xc3", NULL), "perez");
	assert_string_equal(fold("\xfeGarcía", NULL), "garcia");
}

static void test_phonetic_spec_pairs(void **state)
{
	assert_same_key("gonzales", "gonzalez");
	assert_same_key("yosmar", "josmar");
	assert_same_key("rodriges", "rodriguez");
	assert_same_key("vasquez", "basques");
	assert_different_key("maria", "marta");
}

static void test_phonetic_more_pairs(void **state)
{
	assert_same_key("hernandez", "ernandes");      /* silent h */
	assert_same_key("villa", "viya");              /* ll / y */
	assert_same_key("cecilia", "sesilia");         /* c before e, i */
	assert_same_key("briseno", "brisenio");        /* n typed as ni */
	assert_same_key("quintero", "kintero");        /* qu / k */
	assert_same_key("carlos", "karlos");           /* hard c / k */
	assert_same_key("yulieth", "julieth");         /* y / j, th */
	assert_same_key("geraldine", "jeraldine");     /* g before e / j */
	assert_same_key("guillermo", "guiyermo");
	assert_same_key("mendoza", "mendosa");
	assert_same_key("chavez", "chaves");
	assert_same_key("alla", "aya");
	assert_same_key("rossa", "rosa");               /* doubled letters */
	assert_same_key("campo", "canpo");              /* m before p */
	assert_different_key("jose", "rosa");
	assert_different_key("ana", "ada");
	assert_different_key("luis", "luz");
}

static void test_phonetic_edges(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	norm_phonetic(&b, "", 0);
	assert_int_equal(b.n, 0);
	norm_phonetic(&b, "h", 1);
	assert_int_equal(b.n, 0);
	/* Only n bytes are read. */
	norm_phonetic(&b, "anaXXXX", 3);
	assert_string_equal(b.p, "ana");
	buf_reset(&b);
	norm_phonetic(&b, "2024abc", 7);
	assert_true(b.n > 0);
	buf_free(&b);
	/* Only the digits and lowercase letters of folded words come in, but
	 * trailing letters of digraphs at the end must not over-read. */
	key("c", 0);
	key("g", 0);
	key("gu", 0);
	key("q", 0);
	key("l", 0);
	key("p", 0);
	key("t", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_accents_case_spacing),
		cmocka_unit_test(test_fold_decomposed_input),
		cmocka_unit_test(test_fold_empty_and_null),
		cmocka_unit_test(test_fold_ascii_as_utf8proc),
		cmocka_unit_test(test_fold_is_idempotent),
		cmocka_unit_test(test_fold_invalid_utf8),
		cmocka_unit_test(test_phonetic_spec_pairs),
		cmocka_unit_test(test_phonetic_more_pairs),
		cmocka_unit_test(test_phonetic_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

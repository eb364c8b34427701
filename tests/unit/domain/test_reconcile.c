/* test_reconcile.c: matching a provider's statement against the expected
 * disbursements: every kind of line, normalised references, order, bad
 * input, and a brute-force cross-check on random lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/reconcile.h"

static struct recon_expected X(const char *ref, int64_t cents, const char *name)
{
	return (struct recon_expected){ .id = ref, .reference = ref, .amount_cents = cents, .name = name };
}

static struct recon_line L(size_t line, const char *ref, int64_t cents)
{
	return (struct recon_line){ .reference = ref, .amount_cents = cents, .line = line };
}

static void test_normalise(void **state)
{
	char out[32];
	assert_int_equal(recon_normalise(" trx-00 12 ", out, sizeof(out)), 7);
	assert_string_equal(out, "TRX0012");
	recon_normalise("TRX_0012", out, sizeof(out));
	assert_string_equal(out, "TRX0012");
	recon_normalise("a.b/c\td", out, sizeof(out));
	assert_string_equal(out, "ABCD");
	recon_normalise("0012", out, sizeof(out));
	assert_string_equal(out, "0012"); /* leading zeros count */
	recon_normalise("ñu-1", out, sizeof(out));
	assert_string_equal(out, "ñU1"); /* other bytes as they are */
	assert_int_equal(recon_normalise("ABCDEF", out, 4), 6);
	assert_string_equal(out, "ABC");
	assert_int_equal(recon_normalise(NULL, out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

/* The example of issue 6: one line not expected, one with the wrong
 * amount; exactly those listed, and the rest matched. */
static void test_issue_example(void **state)
{
	struct recon_expected x[] = { X("TRX-001", 15000, "Ana"), X("TRX-002", 15000, "Luis"),
				      X("TRX-003", 123456, "Rosa") };
	struct recon_line l[] = { L(2, "TRX-001", 15000), L(3, "trx 002", 14000), L(4, "TRX-003", 123456),
				  L(5, "TRX-999", 7500) };
	struct recon_result r;
	assert_int_equal(reconcile(x, 3, l, 4, &r), RECON_OK);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.count[RECON_MATCHED], 2);
	assert_int_equal(r.count[RECON_DIFFERENCE], 1);
	assert_int_equal(r.count[RECON_UNMATCHED], 1);
	assert_int_equal(r.count[RECON_MISSING], 0);
	assert_int_equal(r.count[RECON_DUPLICATE], 0);
	assert_int_equal(r.items[0].kind, RECON_MATCHED);
	assert_int_equal(r.items[0].line->line, 2);
	assert_ptr_equal(r.items[0].expected, &x[0]);
	assert_int_equal(r.items[1].line->line, 4);
	assert_int_equal(r.items[2].kind, RECON_DIFFERENCE);
	assert_ptr_equal(r.items[2].expected, &x[1]);
	assert_ptr_equal(r.items[2].line, &l[1]);
	assert_int_equal(r.items[2].difference, -1000);
	assert_int_equal(r.items[3].kind, RECON_UNMATCHED);
	assert_null(r.items[3].expected);
	assert_ptr_equal(r.items[3].line, &l[3]);
	assert_false(recon_all_matched(&r));
	recon_result_free(&r);
	assert_null(r.items);
}

static void test_missing_and_duplicates(void **state)
{
	struct recon_expected x[] = { X("B", 100, NULL), X("A", 200, NULL), X("C", 300, NULL),
				      X("D", 400, NULL) };
	/* Lines out of order in the array; A three times (first by line
	 * number is compared: line 3 with 250, a difference). */
	struct recon_line l[] = { L(7, "a", 200), L(3, "A", 250), L(9, "A-", 200), L(5, "b", 100) };
	struct recon_result r;
	assert_int_equal(reconcile(x, 4, l, 4, &r), RECON_OK);
	assert_int_equal(r.n, 6);
	assert_int_equal(r.items[0].kind, RECON_MATCHED);
	assert_int_equal(r.items[0].line->line, 5);
	assert_int_equal(r.items[1].kind, RECON_DIFFERENCE);
	assert_int_equal(r.items[1].line->line, 3);
	assert_int_equal(r.items[1].difference, 50);
	/* Missing in the caller's order: C then D. */
	assert_int_equal(r.items[2].kind, RECON_MISSING);
	assert_ptr_equal(r.items[2].expected, &x[2]);
	assert_null(r.items[2].line);
	assert_ptr_equal(r.items[3].expected, &x[3]);
	assert_int_equal(r.items[4].kind, RECON_DUPLICATE);
	assert_int_equal(r.items[4].line->line, 7);
	assert_ptr_equal(r.items[4].expected, &x[1]);
	assert_int_equal(r.items[5].line->line, 9);
	recon_result_free(&r);
}

static void test_all_matched_and_empty(void **state)
{
	struct recon_expected x[] = { X("A", 1, NULL), X("B", 2, NULL) };
	struct recon_line l[] = { L(2, "B", 2), L(3, "A", 1) };
	struct recon_result r;
	assert_int_equal(reconcile(x, 2, l, 2, &r), RECON_OK);
	assert_true(recon_all_matched(&r));
	assert_int_equal(r.items[0].line->line, 2);
	recon_result_free(&r);
	assert_int_equal(reconcile(NULL, 0, NULL, 0, &r), RECON_OK);
	assert_int_equal(r.n, 0);
	assert_true(recon_all_matched(&r));
	recon_result_free(&r);
	assert_int_equal(reconcile(x, 2, NULL, 0, &r), RECON_OK);
	assert_int_equal(r.count[RECON_MISSING], 2);
	assert_false(recon_all_matched(&r));
	recon_result_free(&r);
	/* A blank statement reference is never expected. */
	struct recon_line blank[] = { L(2, " - ", 1) };
	assert_int_equal(reconcile(x, 2, blank, 1, &r), RECON_OK);
	assert_int_equal(r.count[RECON_UNMATCHED], 1);
	recon_result_free(&r);
}

static void test_bad_expected(void **state)
{
	struct recon_expected dup[] = { X("A-1", 1, NULL), X("B", 2, NULL), X("a1", 3, NULL) };
	struct recon_result r;
	assert_int_equal(reconcile(dup, 3, NULL, 0, &r), RECON_EBADEXPECTED);
	assert_int_equal(r.bad_expected, 2);
	assert_null(r.items);
	struct recon_expected blank[] = { X("A", 1, NULL), X(" ", 2, NULL) };
	assert_int_equal(reconcile(blank, 2, NULL, 0, &r), RECON_EBADEXPECTED);
	assert_int_equal(r.bad_expected, 1);
}

/* Random lists against an O(n*m) reference: every line's kind. */
static void test_random(void **state)
{
	srand(6);
	char refs[300][8];
	for (int i = 0; i < 300; i++)
		snprintf(refs[i], sizeof(refs[i]), "R%03d", i);
	for (int round = 0; round < 200; round++) {
		size_t nx = (size_t)(rand() % 60), nl = (size_t)(rand() % 80);
		struct recon_expected x[60];
		struct recon_line l[80];
		for (size_t i = 0; i < nx; i++)
			x[i] = X(refs[i * 2], rand() % 3, NULL); /* even refs, unique */
		for (size_t i = 0; i < nl; i++)
			l[i] = L((size_t)(rand() % 1000), refs[rand() % 130], rand() % 3);
		struct recon_result r;
		assert_int_equal(reconcile(x, nx, l, nl, &r), RECON_OK);
		assert_int_equal(r.n, nl + r.count[RECON_MISSING]);
		size_t seen[RECON_KINDS] = { 0 };
		for (size_t k = 0; k < r.n; k++) {
			const struct recon_item *it = &r.items[k];
			seen[it->kind]++;
			if (k)
				assert_true(r.items[k - 1].kind <= it->kind);
			if (it->kind == RECON_MISSING) {
				for (size_t j = 0; j < nl; j++)
					assert_string_not_equal(l[j].reference, it->expected->reference);
				continue;
			}
			/* The first line (lowest number, then array order) with the ref. */
			const struct recon_line *first = NULL;
			for (size_t j = 0; j < nl; j++)
				if (!strcmp(l[j].reference, it->line->reference) &&
				    (!first || l[j].line < first->line))
					first = &l[j];
			const struct recon_expected *want = NULL;
			for (size_t j = 0; j < nx; j++)
				if (!strcmp(x[j].reference, it->line->reference))
					want = &x[j];
			if (it->line != first) {
				assert_int_equal(it->kind, RECON_DUPLICATE);
			} else {
				assert_ptr_equal(it->expected, want);
				enum recon_kind k2 = !want ? RECON_UNMATCHED :
					want->amount_cents == it->line->amount_cents ? RECON_MATCHED :
					RECON_DIFFERENCE;
				assert_int_equal(it->kind, k2);
			}
		}
		for (int k = 0; k < RECON_KINDS; k++)
			assert_int_equal(seen[k], r.count[k]);
		recon_result_free(&r);
	}
}

static int have_spanish;

static int setup_i18n(void **state)
{
	have_spanish = i18n_init(NULL) == 0;
	return 0;
}

static void test_labels(void **state)
{
	if (!have_spanish)
		skip();
	i18n_use("es");
	assert_string_equal(recon_kind_label(RECON_MATCHED), "Conciliado");
	assert_string_equal(recon_kind_label(RECON_DIFFERENCE), "Diferencia de monto");
	assert_string_equal(recon_kind_label(RECON_UNMATCHED), "No esperado");
	assert_string_equal(recon_kind_label(RECON_MISSING), "Falta en el estado de cuenta");
	assert_string_equal(recon_kind_label(RECON_DUPLICATE), "Referencia duplicada");
	assert_string_equal(recon_kind_label(RECON_KINDS), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_issue_example),
		cmocka_unit_test(test_missing_and_duplicates),
		cmocka_unit_test(test_all_matched_and_empty),
		cmocka_unit_test(test_bad_expected),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_labels),
	};
	return cmocka_run_group_tests(tests, setup_i18n, NULL);
}

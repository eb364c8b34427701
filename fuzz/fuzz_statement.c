/* fuzz_statement.c: a provider's statement (reconciliation, issue 6) on any
 * bytes. The reader never fails without an error naming a line in the
 * file (or 0); every line kept has a reference, an amount within
 * 0..STMT_AMOUNT_MAX and a real date or none, in line order; an amount
 * formatted back reads as the same cents; and the lines reconciled
 * against themselves match (or repeat) every one. */
#include "fuzz.h"

#include "domain/reconcile.h"
#include "domain/statement.h"
#include "base/timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	char *in = fuzz_bytes(data, size);
	FILE *f = fmemopen(in, size, "rb");
	FUZZ_CHECK(f);
	struct statement st;
	int rc = statement_read(f, NULL, &st);
	fclose(f);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK((rc == -1) == (st.total_errors > 0));
	FUZZ_CHECK(st.nerrors <= STMT_MAX_ERRORS && st.nerrors <= st.total_errors);
	for (size_t i = 0; i < st.nerrors; i++)
		FUZZ_CHECK(st.errors[i].msg[0] && st.errors[i].line <= size + 1);
	size_t last = 0;
	for (size_t i = 0; i < st.n; i++) {
		const struct recon_line *l = &st.lines[i];
		FUZZ_CHECK(l->reference && l->reference[0]);
		FUZZ_CHECK(l->amount_cents >= 0 && l->amount_cents <= STMT_AMOUNT_MAX + 99);
		FUZZ_CHECK(l->line > last);
		last = l->line;
		int y, m, d;
		FUZZ_CHECK(!l->date || date_parse(l->date, &y, &m, &d) == 0);
		char s[32];
		int64_t back;
		stmt_format_amount(l->amount_cents, s);
		FUZZ_CHECK(stmt_parse_amount(s, &back) == 0 && back == l->amount_cents);
	}
	/* The first line of each reference as the expected list. */
	struct recon_expected *x = calloc(st.n + 1, sizeof(*x));
	FUZZ_CHECK(x);
	size_t nx = 0;
	struct recon_result r;
	for (size_t i = 0; i < st.n; i++)
		x[nx++] = (struct recon_expected){ .reference = st.lines[i].reference,
						   .amount_cents = st.lines[i].amount_cents };
	while (reconcile(x, nx, st.lines, st.n, &r) == RECON_EBADEXPECTED) {
		/* Drop the repeat (or blank) reference and try again. */
		memmove(&x[r.bad_expected], &x[r.bad_expected + 1], (nx - r.bad_expected - 1) * sizeof(*x));
		nx--;
	}
	FUZZ_CHECK(r.n == st.n);
	/* Every reference kept matches its first line; the others repeat it,
	 * but for references that are blank once normalised ("-"). */
	FUZZ_CHECK(r.count[RECON_MISSING] == 0 && r.count[RECON_DIFFERENCE] == 0);
	FUZZ_CHECK(r.count[RECON_MATCHED] == nx);
	for (size_t i = 0; i < r.n; i++)
		if (r.items[i].kind == RECON_UNMATCHED)
			FUZZ_CHECK(recon_normalise(r.items[i].line->reference, NULL, 0) == 0);
	recon_result_free(&r);
	free(x);
	statement_free(&st);
	free(in);
	return 0;
}

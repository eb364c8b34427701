/* cmd_reconcile.c: amparo reconcile: a provider's statement (CSV) against
 * a CSV of the disbursements expected, without the web: what matched, the
 * amount differences, the lines not expected, the disbursements missing
 * and the duplicate references (docs/reconciliation.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "domain/reconcile.h"
#include "domain/statement.h"

static const char usage[] =
	"usage: amparo reconcile STATEMENT.csv --expected EXPECTED.csv [options]\n"
	"\n"
	"Compares a payment provider's statement with the disbursements expected,\n"
	"by transaction reference (spaces, dashes, dots and case ignored). Both\n"
	"files need a reference and an amount column, found by their header\n"
	"(referencia/reference/ref, monto/importe/amount; fecha/date and\n"
	"beneficiario/nombre/name when present); the statement's may be named\n"
	"below (the expected file's are always found by their header).\n"
	"Exit status: 0 when every line matches, 1 when anything differs,\n"
	"2 when a file cannot be read (each error with its line).";

/* Reads one file; prints its errors and returns -1 when it has any. */
static int read_file(const char *path, const struct stmt_mapping *map, struct statement *st)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "amparo: %s: %s\n", path, _("the file cannot be opened"));
		memset(st, 0, sizeof(*st));
		return -1;
	}
	int rc = statement_read(f, map, st);
	fclose(f);
	if (rc) {
		for (size_t i = 0; i < st->nerrors; i++)
			fprintf(stderr, "%s: %s\n", path, st->errors[i].msg);
		if (st->total_errors > st->nerrors)
			fprintf(stderr, _("%s: and %zu more errors.\n"), path, st->total_errors - st->nerrors);
	}
	return rc;
}

static void print_item(const struct recon_item *it)
{
	char a[32], b[32], d[32];
	const struct recon_line *l = it->line;
	const struct recon_expected *x = it->expected;
	const char *name = x && x->name ? x->name : l && l->name ? l->name : NULL;
	if (l)
		printf(_("  line %zu: %s"), l->line, l->reference);
	else
		printf("  %s", x->reference);
	if (name)
		printf(" (%s)", name);
	switch (it->kind) {
	case RECON_DIFFERENCE:
		stmt_format_amount(x->amount_cents, a);
		stmt_format_amount(l->amount_cents, b);
		stmt_format_amount(it->difference, d);
		printf(_(": expected %s, paid %s, difference %s"), a, b, d);
		break;
	case RECON_MISSING:
		stmt_format_amount(x->amount_cents, a);
		printf(_(": expected %s"), a);
		break;
	default:
		stmt_format_amount(l->amount_cents, b);
		printf(_(": paid %s"), b);
	}
	printf("\n");
}

int cmd_reconcile(int argc, char **argv)
{
	struct opt opts[] = {
		{ "expected", OPT_VALUE, "CSV of the disbursements expected (required)", NULL },
		{ "reference-column", OPT_VALUE, "the statement's reference column (its header)", NULL },
		{ "amount-column", OPT_VALUE, "the statement's amount column", NULL },
		{ "date-column", OPT_VALUE, "the statement's date column", NULL },
		{ "name-column", OPT_VALUE, "the statement's beneficiary name column", NULL },
		{ "lang", OPT_VALUE, "es (default) or en: the language of the report", NULL },
		{ NULL, 0, NULL, NULL },
	};
	int npos = args_parse(argc, argv, 2, opts, usage);
	if (npos != 1)
		args_fail("reconcile wants one statement file");
	const char *expected_path = args_get(opts, "expected");
	if (!expected_path)
		args_fail("reconcile wants --expected FILE");
	const char *lang = args_get(opts, "lang");
	if (lang && !i18n_pick(lang))
		args_fail("--lang is es or en");
	i18n_use(lang ? lang : "es");
	struct stmt_mapping map = {
		.reference = args_get(opts, "reference-column"),
		.amount = args_get(opts, "amount-column"),
		.date = args_get(opts, "date-column"),
		.name = args_get(opts, "name-column"),
	};
	struct statement st, ex;
	int bad = read_file(argv[0], &map, &st);
	bad |= read_file(expected_path, NULL, &ex);
	int status = 2;
	struct recon_expected *exp = calloc(ex.n + 1, sizeof(*exp));
	struct recon_result r = { 0 };
	if (bad || !exp)
		goto done;
	for (size_t i = 0; i < ex.n; i++)
		exp[i] = (struct recon_expected){ .reference = ex.lines[i].reference,
						  .amount_cents = ex.lines[i].amount_cents,
						  .date = ex.lines[i].date,
						  .name = ex.lines[i].name };
	int rc = reconcile(exp, ex.n, st.lines, st.n, &r);
	if (rc == RECON_EBADEXPECTED) {
		fprintf(stderr, _("%s: line %zu: the reference \"%s\" is blank or repeats an earlier line's.\n"),
			expected_path, ex.lines[r.bad_expected].line, ex.lines[r.bad_expected].reference);
		goto done;
	}
	if (rc) {
		fprintf(stderr, "amparo: out of memory\n");
		goto done;
	}
	size_t k = 0;
	for (int kind = 0; kind < RECON_KINDS; kind++) {
		printf("%s: %zu\n", recon_kind_label((enum recon_kind)kind), r.count[kind]);
		for (; k < r.n && (int)r.items[k].kind == kind; k++)
			if (kind != RECON_MATCHED)
				print_item(&r.items[k]);
	}
	status = recon_all_matched(&r) ? 0 : 1;
done:
	recon_result_free(&r);
	free(exp);
	statement_free(&st);
	statement_free(&ex);
	return status;
}

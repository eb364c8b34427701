/* test_payment_export.c: the disbursement list for a payment provider:
 * the CSV read back with the project's CSV reader (BOM, quotes, formula
 * cells defused, leading zeros), and the XLSX opened as the zip it is
 * (unzip) with its cells as a spreadsheet would show them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvfile.h"
#include "base/i18n.h"
#include "domain/payment_export.h"

static const struct payment_row rows[] = {
	{ .reference = "TRX-001", .name = "María José Pérez", .document = "0012345", .phone = "+507 6000-0001",
	  .amount_cents = 15000, .mechanism = "mobile_wallet", .account = "60000001" },
	{ .reference = "TRX-002", .name = "=HYPERLINK(\"http://x\")", .document = "@SUM(A1)", .phone = "-1+1",
	  .amount_cents = 123456, .currency = "PAB", .mechanism = "bank_transfer",
	  .account = "04-12, \"ahorros\"" },
	{ .reference = "TRX-003", .name = "Luis", .amount_cents = 5, .mechanism = "in_kind" },
};

struct table {
	char cell[4][8][64];
	size_t nrows, ncols[4];
};

static int on_row(const struct csvf_row *row, void *arg)
{
	struct table *t = arg;
	assert_true(t->nrows < 4);
	for (size_t i = 0; i < row->n && i < 8; i++)
		snprintf(t->cell[t->nrows][i], 64, "%s", row->field[i]);
	t->ncols[t->nrows++] = row->n;
	return 0;
}

static void test_csv(void **state)
{
	i18n_use("en");
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	assert_int_equal(payment_export_csv(out, rows, 3), 0);
	fclose(out);
	const char *head = "\xef\xbb\xbfReference,Beneficiary,Document,Phone,Amount,Currency,Mechanism,Account\r\n";
	assert_memory_equal(buf, head, strlen(head));
	assert_non_null(strstr(buf, "\r\nTRX-003,Luis,,,0.05,USD,In kind,\r\n"));
	struct table t = { 0 };
	FILE *in = fmemopen(buf, n, "rb");
	struct csvf_error err;
	assert_int_equal(csvf_read(in, on_row, &t, &err), 0);
	fclose(in);
	assert_int_equal(t.nrows, 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(t.ncols[i], PAYMENT_COLUMNS);
	assert_string_equal(t.cell[0][0], "Reference"); /* the BOM skipped */
	assert_string_equal(t.cell[1][1], "María José Pérez");
	assert_string_equal(t.cell[1][2], "0012345");
	assert_string_equal(t.cell[1][3], "'+507 6000-0001");
	assert_string_equal(t.cell[1][4], "150.00");
	assert_string_equal(t.cell[1][5], "USD");
	assert_string_equal(t.cell[1][6], "Mobile wallet");
	/* Formula cells start with an apostrophe; quotes and commas survive. */
	assert_string_equal(t.cell[2][1], "'=HYPERLINK(\"http://x\")");
	assert_string_equal(t.cell[2][2], "'@SUM(A1)");
	assert_string_equal(t.cell[2][3], "'-1+1");
	assert_string_equal(t.cell[2][4], "1234.56");
	assert_string_equal(t.cell[2][5], "PAB");
	assert_string_equal(t.cell[2][7], "04-12, \"ahorros\"");
	free(buf);
	i18n_use("es");
}

static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	int c;
	while ((c = fgetc(p)) != EOF)
		fputc(c, out);
	fclose(out);
	int rc = pclose(p);
	if (rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The cell ref of the sheet's XML holds the number v (not a string). */
static void assert_number_cell(const char *sheet, const char *ref, const char *v)
{
	char open[32], value[48];
	snprintf(open, sizeof(open), "<c r=\"%s\"", ref);
	snprintf(value, sizeof(value), "><v>%s</v></c>", v);
	const char *c = strstr(sheet, open);
	assert_non_null(c);
	const char *end = strstr(c, "</c>");
	assert_non_null(end);
	const char *at = strstr(c, value);
	assert_true(at && at + strlen(value) == end + 4);
	assert_null(memmem(c, (size_t)(end - c), "t=", 2));
}

static void test_xlsx(void **state)
{
	if (system("command -v unzip >/dev/null 2>&1"))
		skip(); /* unzip (Debian package unzip) reads the workbook */
	i18n_use("en");
	char dir[] = "/tmp/amparo-xlsx-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64], cmd[160];
	snprintf(path, sizeof(path), "%s/pagos.xlsx", dir);
	assert_int_equal(payment_export_xlsx(path, rows, 3), 0);
	/* A zip: its local header, and unzip's test passes. */
	FILE *f = fopen(path, "rb");
	char magic[4];
	assert_int_equal(fread(magic, 1, 4, f), 4);
	fclose(f);
	assert_memory_equal(magic, "PK\3\4", 4);
	snprintf(cmd, sizeof(cmd), "unzip -tq %s >/dev/null", path);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/workbook.xml", path);
	char *wb = run(cmd);
	assert_non_null(wb);
	assert_non_null(strstr(wb, "name=\"Payments\""));
	free(wb);
	/* Text in the shared strings (leading zeros and formulas as text). */
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/sharedStrings.xml", path);
	char *ss = run(cmd);
	assert_non_null(ss);
	assert_non_null(strstr(ss, "<t>0012345</t>"));
	assert_non_null(strstr(ss, "<t>=HYPERLINK("));
	assert_non_null(strstr(ss, "<t>María José Pérez</t>"));
	assert_non_null(strstr(ss, "<t>Mobile wallet</t>"));
	/* Amounts: numbers (no t="s"), no formulas anywhere. */
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/worksheets/sheet1.xml", path);
	char *sh = run(cmd);
	assert_non_null(sh);
	assert_number_cell(sh, "E2", "150");
	assert_number_cell(sh, "E3", "1234.56");
	assert_number_cell(sh, "E4", "0.05");
	assert_null(strstr(sh, "<f>"));
	/* The amount format: two decimals. */
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/styles.xml", path);
	char *st = run(cmd);
	assert_non_null(st);
	assert_non_null(strstr(st, "formatCode=\"#,##0.00\""));
	free(ss);
	free(sh);
	free(st);
	unlink(path);
	rmdir(dir);
	/* A path that cannot be written. */
	assert_int_equal(payment_export_xlsx("/nonexistent/dir/x.xlsx", rows, 3), -1);
	i18n_use("es");
}

static int have_spanish;

static int setup_i18n(void **state)
{
	have_spanish = i18n_init(NULL) == 0;
	return 0;
}

static void test_spanish(void **state)
{
	if (!have_spanish)
		skip();
	i18n_use("es");
	assert_string_equal(payment_column_header(0), "Referencia");
	assert_string_equal(payment_column_header(4), "Monto");
	assert_string_equal(payment_mechanism_label("bank_transfer"), "Transferencia bancaria");
	assert_string_equal(payment_mechanism_label("mobile_wallet"), "Billetera móvil");
	assert_string_equal(payment_mechanism_label("prepaid_card"), "Tarjeta prepagada");
	assert_string_equal(payment_mechanism_label("cash"), "Efectivo");
	assert_string_equal(payment_mechanism_label("in_kind"), "En especie");
	assert_string_equal(payment_mechanism_label("cheque"), "cheque");
	assert_string_equal(payment_mechanism_label(NULL), "");
	assert_string_equal(payment_column_header(8), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_spanish),
	};
	return cmocka_run_group_tests(tests, setup_i18n, NULL);
}

/* test_statement.c: a provider's statement read from CSV: amounts to
 * exact cents in every format a provider sends, dates, the columns found
 * by their Spanish or English header, and each error with its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/statement.h"

static int64_t cents(const char *s)
{
	int64_t c = -1;
	int rc = stmt_parse_amount(s, &c);
	return rc ? rc * 1000000 : c; /* errors far from any amount below */
}

static void test_amounts(void **state)
{
	assert_int_equal(cents("150"), 15000);
	assert_int_equal(cents("150.5"), 15050);
	assert_int_equal(cents("150.05"), 15005);
	assert_int_equal(cents("150,05"), 15005);
	assert_int_equal(cents("0.01"), 1);
	assert_int_equal(cents("1,234.56"), 123456);
	assert_int_equal(cents("1.234,56"), 123456);
	assert_int_equal(cents("1,234"), 123400);   /* one separator, three digits: thousands */
	assert_int_equal(cents("1.234"), 123400);
	assert_int_equal(cents("1,234,567"), 123456700);
	assert_int_equal(cents("1.234.567,89"), 123456789);
	assert_int_equal(cents("B/. 150.00"), 15000);
	assert_int_equal(cents("B/.150.00"), 15000);
	assert_int_equal(cents("B/ 150"), 15000);
	assert_int_equal(cents("$150.00"), 15000);
	assert_int_equal(cents("$ 1,500.00"), 150000);
	assert_int_equal(cents("USD 150"), 15000);
	assert_int_equal(cents("150.00 USD"), 15000);
	assert_int_equal(cents("  150.00  "), 15000);
	assert_int_equal(cents("0"), 0);
	/* 0.1 + 0.2 in floats is not 0.3: cents are exact. */
	assert_int_equal(cents("0.29"), 29);
	assert_int_equal(cents("1000000.99"), 100000099);
	assert_int_equal(cents(""), STMT_AMOUNT_BLANK * 1000000);
	assert_int_equal(cents("   "), STMT_AMOUNT_BLANK * 1000000);
	assert_int_equal(cents(NULL), STMT_AMOUNT_BLANK * 1000000);
	assert_int_equal(cents("-150"), STMT_AMOUNT_NEGATIVE * 1000000);
	assert_int_equal(cents("(150.00)"), STMT_AMOUNT_NEGATIVE * 1000000);
	assert_int_equal(cents("B/. -150"), STMT_AMOUNT_NEGATIVE * 1000000);
	assert_int_equal(cents("150-"), STMT_AMOUNT_NEGATIVE * 1000000);
	assert_int_equal(cents("150.555"), 15055500); /* "150.555": thousands, 150555.00 */
	assert_int_equal(cents("1,234.567"), STMT_AMOUNT_DECIMALS * 1000000);
	assert_int_equal(cents("1.5555"), STMT_AMOUNT_DECIMALS * 1000000);
	const char *malformed[] = { "abc", "1,2,3", "1.234.56", "12345,678", ".50", "150.", "1,,234",
				    "1 234", "150 abc", "1,234,56.00", "1.234.567.89,00.1", "B/.", "$", "1e3",
				    "0x10", "+150" };
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		int64_t c;
		int rc = stmt_parse_amount(malformed[i], &c);
		if (rc != STMT_AMOUNT_MALFORMED)
			fail_msg("\"%s\" gave %d", malformed[i], rc);
	}
	int64_t c;
	assert_int_equal(stmt_parse_amount("1000000000.00", &c), 0);
	assert_int_equal(c, STMT_AMOUNT_MAX);
	assert_int_equal(stmt_parse_amount("1000000000.01", &c), 0); /* within: the cap is on units */
	assert_int_equal(stmt_parse_amount("10000000000", &c), STMT_AMOUNT_TOO_LARGE);
	assert_int_equal(stmt_parse_amount("99999999999999999999999", &c), STMT_AMOUNT_TOO_LARGE);
}

static void test_dates(void **state)
{
	char d[11];
	assert_int_equal(stmt_parse_date("03/11/2026", d), 0);
	assert_string_equal(d, "2026-11-03");
	assert_int_equal(stmt_parse_date("3/1/2026", d), 0);
	assert_string_equal(d, "2026-01-03");
	assert_int_equal(stmt_parse_date("03-11-2026", d), 0);
	assert_string_equal(d, "2026-11-03");
	assert_int_equal(stmt_parse_date("2026-11-03", d), 0);
	assert_string_equal(d, "2026-11-03");
	assert_int_equal(stmt_parse_date("29/02/2024", d), 0);
	const char *bad[] = { "29/02/2026", "31/04/2026", "2026/11/03", "11-03", "03/11/26", "",
			      "03/11-2026", "2026-11-3", "13/13/2026", "03/11/2026x", "hoy" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (stmt_parse_date(bad[i], d) == 0)
			fail_msg("\"%s\" read as %s", bad[i], d);
}

static void test_format(void **state)
{
	char s[32];
	stmt_format_amount(123456, s);
	assert_string_equal(s, "1234.56");
	stmt_format_amount(-1000, s);
	assert_string_equal(s, "-10.00");
	stmt_format_amount(5, s);
	assert_string_equal(s, "0.05");
	stmt_format_amount(INT64_MIN, s);
	assert_string_equal(s, "-92233720368547758.08");
}

static int read_text(const char *text, const struct stmt_mapping *map, struct statement *st)
{
	FILE *f = fmemopen((void *)text, strlen(text), "rb");
	assert_non_null(f);
	int rc = statement_read(f, map, st);
	fclose(f);
	return rc;
}

static void test_spanish_statement(void **state)
{
	/* Semicolons, a BOM, accents in the header, a Latin-1 name, CRLF. */
	const char *csv = "\xef\xbb\xbf" "Fecha de pago;Número de referencia;Beneficiario;Monto pagado\r\n"
			  "03/11/2026;TRX-001;Ana Castillo;B/. 150,00\r\n"
			  "\r\n"
			  "04/11/2026;TRX-002;Jos\xe9 P\xe9rez;1.234,56\r\n";
	struct statement st;
	assert_int_equal(read_text(csv, NULL, &st), 0);
	assert_int_equal(st.col_date, 0);
	assert_int_equal(st.col_reference, 1);
	assert_int_equal(st.col_name, 2);
	assert_int_equal(st.col_amount, 3);
	assert_int_equal(st.n, 2);
	assert_string_equal(st.lines[0].reference, "TRX-001");
	assert_int_equal(st.lines[0].amount_cents, 15000);
	assert_string_equal(st.lines[0].date, "2026-11-03");
	assert_int_equal(st.lines[0].line, 2);
	assert_string_equal(st.lines[1].name, "José Pérez");
	assert_int_equal(st.lines[1].amount_cents, 123456);
	assert_int_equal(st.lines[1].line, 4);
	statement_free(&st);
}

static void test_english_and_mapping(void **state)
{
	const char *csv = "Date,Ref,Paid,Amount\n2026-11-03,A1,yes,$150.00\n";
	struct statement st;
	assert_int_equal(read_text(csv, NULL, &st), 0);
	assert_int_equal(st.col_reference, 1);
	assert_int_equal(st.col_amount, 3);
	assert_null(st.lines[0].name);
	statement_free(&st);
	/* Columns named: exactly, or ignoring case and accents. */
	const char *odd = "Código,Valor USD,Día\nA1,150,03/11/2026\n";
	struct stmt_mapping map = { .reference = "codigo", .amount = "Valor USD", .date = "DÍA" };
	assert_int_equal(read_text(odd, &map, &st), 0);
	assert_int_equal(st.lines[0].amount_cents, 15000);
	assert_string_equal(st.lines[0].date, "2026-11-03");
	statement_free(&st);
	/* A column named that is not there. */
	struct stmt_mapping wrong = { .reference = "folio" };
	assert_int_equal(read_text(odd, &wrong, &st), -1);
	assert_int_equal(st.n, 0);
	assert_int_equal(st.nerrors, 2); /* folio, and no amount column found */
	assert_int_equal(st.errors[0].line, 1);
	assert_non_null(strstr(st.errors[0].msg, "\"folio\""));
	assert_non_null(strstr(st.errors[0].msg, "\"Código\", \"Valor USD\", \"Día\""));
	statement_free(&st);
}

static void test_errors_with_lines(void **state)
{
	i18n_use("en");
	const char *csv = "referencia,monto,fecha\n"
			  "A1,150.00,03/11/2026\n"
			  ",20,03/11/2026\n"
			  "A3,-5,03/11/2026\n"
			  "A4,,03/11/2026\n"
			  "A5,12abc,03/11/2026\n"
			  "A6,10,31/02/2026\n"
			  "A7,1.999,\n"
			  "A8,1.5555\n";
	struct statement st;
	assert_int_equal(read_text(csv, NULL, &st), -1);
	assert_int_equal(st.n, 2); /* A1, and A7 without a date */
	assert_string_equal(st.lines[1].reference, "A7");
	assert_null(st.lines[1].date);
	assert_int_equal(st.nerrors, 6);
	const char *want[] = {
		"Line 3: the reference is blank.",
		"Line 4: the amount \"-5\" is negative; a statement lists payments made.",
		"Line 5: the amount is blank.",
		"Line 6: the amount \"12abc\" is not a number such as 150.00 or 1,234.56.",
		"Line 7: the date \"31/02/2026\" is not a date such as 31/12/2025 or 2025-12-31.",
		"Line 9: the amount \"1.5555\" has more than two decimals.",
	};
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(st.errors[i].line, i == 5 ? 9 : i + 3);
		assert_string_equal(st.errors[i].msg, want[i]);
	}
	statement_free(&st);
	/* No reference column; an empty file; a quote never closed. */
	assert_int_equal(read_text("nombre,monto\nAna,5\n", NULL, &st), -1);
	assert_string_equal(st.errors[0].msg,
			    "No column of the header holds the reference (its columns: \"nombre\", \"monto\"): name it.");
	statement_free(&st);
	assert_int_equal(read_text("", NULL, &st), -1);
	assert_int_equal(st.errors[0].line, 0);
	statement_free(&st);
	assert_int_equal(read_text("ref,monto\n\"A1,5\n", NULL, &st), -1);
	assert_int_equal(st.errors[0].line, 2);
	statement_free(&st);
	/* More errors than kept: counted. */
	char many[4096] = "ref,monto\n";
	for (int i = 0; i < 30; i++)
		strcat(many, "x,-1\n");
	assert_int_equal(read_text(many, NULL, &st), -1);
	assert_int_equal(st.nerrors, STMT_MAX_ERRORS);
	assert_int_equal(st.total_errors, 30);
	statement_free(&st);
	i18n_use("es");
}

static int have_spanish;

static int setup_i18n(void **state)
{
	have_spanish = i18n_init(NULL) == 0;
	return 0;
}

static void test_spanish_errors(void **state)
{
	if (!have_spanish)
		skip();
	i18n_use("es");
	struct statement st;
	assert_int_equal(read_text("referencia,monto\nA1,-5\n,1\nA3,1.5555\nA4,x\n", NULL, &st), -1);
	assert_string_equal(st.errors[0].msg,
			    "Línea 2: el monto \"-5\" es negativo; un estado de cuenta lista pagos realizados.");
	assert_string_equal(st.errors[1].msg, "Línea 3: la referencia está en blanco.");
	assert_string_equal(st.errors[2].msg, "Línea 4: el monto \"1.5555\" tiene más de dos decimales.");
	assert_string_equal(st.errors[3].msg,
			    "Línea 5: el monto \"x\" no es un número como 150.00 o 1,234.56.");
	statement_free(&st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_spanish_statement),
		cmocka_unit_test(test_english_and_mapping),
		cmocka_unit_test(test_errors_with_lines),
		cmocka_unit_test(test_spanish_errors),
	};
	return cmocka_run_group_tests(tests, setup_i18n, NULL);
}

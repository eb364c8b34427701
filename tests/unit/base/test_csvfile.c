/* test_csvfile.c: CSV rows as a spreadsheet or Kobo export writes them,
 * and the errors a person can act on, with their lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csvfile.h"

/* Every row as "line:field|field|..." lines. */
struct got {
	char text[4096];
	size_t len;
	int stop_at; /* row number at which to return 7, 0: never */
	int rows;
};

static int collect(const struct csvf_row *row, void *arg)
{
	struct got *g = arg;
	g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "%zu:", row->line);
	for (size_t i = 0; i < row->n; i++)
		g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "%s%s",
					   i ? "|" : "", row->field[i]);
	g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "\n");
	return ++g->rows == g->stop_at ? 7 : 0;
}

static int read_text(const char *text, size_t n, struct got *g, struct csvf_error *err)
{
	FILE *f = fmemopen((void *)text, n, "rb");
	assert_non_null(f);
	memset(g, 0, sizeof(*g) - sizeof(g->stop_at) - sizeof(g->rows));
	int rc = csvf_read(f, collect, g, err);
	fclose(f);
	return rc;
}

#define READS(input, want)                                                                 \
	do {                                                                              \
		struct got g = { 0 };                                                     \
		struct csvf_error e;                                                      \
		assert_int_equal(read_text(input, sizeof(input) - 1, &g, &e), 0);           \
		assert_string_equal(g.text, want);                                        \
	} while (0)

static void test_rows(void **state)
{
	/* FEBRL's ", " separators: the spaces are not part of the field. */
	READS("id, name\nrec-1, mitchell\n", "1:id|name\n2:rec-1|mitchell\n");
	/* Quotes: a comma, a doubled quote, a line break inside a field; the
	 * row after it knows its line. */
	READS("a,b\n\"Pérez, María\",\"dice \"\"hola\"\"\"\n\"dos\nlíneas\",x\ny,z\n",
	      "1:a|b\n2:Pérez, María|dice \"hola\"\n3:dos\nlíneas|x\n5:y|z\n");
	/* CRLF, empty lines, no line break at the end, empty fields. */
	READS("a,b\r\n\r\n1,\r\n\n,2", "1:a|b\n3:1|\n5:|2\n");
	/* A lone CR ends a line too (old Mac files; a stray CR found by
	 * fuzzing): each row keeps its own line number. */
	READS("a,b\r1,2\r3,4\n5,6", "1:a|b\n2:1|2\n3:3|4\n4:5|6\n");
	/* A byte-order mark (Excel's "CSV UTF-8") is not part of the first name. */
	READS("\xef\xbb\xbfid,n\n1,2\n", "1:id|n\n2:1|2\n");
}

static void test_delimiters(void **state)
{
	/* Spreadsheets in Spanish save with semicolons, as the header shows. */
	READS("nombre;apellido\nJosé;Pérez, hijo\n", "1:nombre|apellido\n2:José|Pérez, hijo\n");
	/* Tabs: a tab separates, a space inside stays. */
	READS("a\tb\nMaría José\t 1 \n", "1:a|b\n2:María José|1\n");
	/* One column: no delimiter at all. */
	READS("id\n1\n", "1:id\n2:1\n");
}

static void test_latin1(void **state)
{
	/* "Pérez" and "Núñez" from an older Windows export, in Latin-1. */
	READS("n\nP\xe9rez\nN\xfa\xf1" "ez\n", "1:n\n2:Pérez\n3:Núñez\n");
	/* Valid UTF-8 is kept as it is. */
	READS("n\nPérez\n", "1:n\n2:Pérez\n");
}

#define FAILS(input, want_line, want_msg)                                                  \
	do {                                                                              \
		struct got g = { 0 };                                                     \
		struct csvf_error e;                                                      \
		assert_int_equal(read_text(input, sizeof(input) - 1, &g, &e), -1);          \
		assert_int_equal(e.line, want_line);                                      \
		assert_non_null(strstr(e.msg, want_msg));                                 \
	} while (0)

static void test_errors(void **state)
{
	FAILS("a,b\n1,2\n\"never closed,3\n4,5\n", 3, "never closed");
	/* UTF-16 (Excel's "Unicode text") has NUL bytes. */
	FAILS("\xff\xfe" "a\0,\0b\0\n\0", 1, "NUL");
	char *many = malloc(3000);
	for (int i = 0; i < 1100; i++)
		many[2 * i] = 'x', many[2 * i + 1] = ',';
	memcpy(many + 2200, "x\n", 2);
	struct got g = { 0 };
	struct csvf_error e;
	assert_int_equal(read_text(many, 2202, &g, &e), -1);
	assert_int_equal(e.line, 1);
	assert_non_null(strstr(e.msg, "1024 fields"));
	free(many);
	size_t big = CSVF_MAX_FIELD + 10;
	char *huge = malloc(big + 8);
	memcpy(huge, "a\n\"", 3);
	memset(huge + 3, 'y', big);
	assert_int_equal(read_text(huge, big + 3, &g, &e), -1);
	assert_int_equal(e.line, 2);
	assert_non_null(strstr(e.msg, "1 MiB"));
	free(huge);
}

static void test_stop(void **state)
{
	struct got g = { .stop_at = 2 };
	struct csvf_error e;
	const char text[] = "a\n1\n2\n3\n";
	FILE *f = fmemopen((void *)text, sizeof(text) - 1, "rb");
	assert_int_equal(csvf_read(f, collect, &g, &e), 7);
	fclose(f);
	assert_int_equal(g.rows, 2);
}

static void test_write_field(void **state)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	const char *cases[] = { "plain", "Pérez, María", "dice \"hola\"", "dos\nlíneas", " lead", "" };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		csvf_write_field(f, cases[i]);
		fputc('|', f);
	}
	fclose(f);
	assert_string_equal(out, "plain|\"Pérez, María\"|\"dice \"\"hola\"\"\"|\"dos\nlíneas\"|\" lead\"||");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),	  cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_latin1),	  cmocka_unit_test(test_errors),
		cmocka_unit_test(test_stop),	  cmocka_unit_test(test_write_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

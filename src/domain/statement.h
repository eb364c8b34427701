/* statement.h: a payment provider's statement (or a list of expected
 * disbursements) read from CSV for reconciliation (reconcile.h): the
 * reference, amount and date columns found by their header, amounts to
 * exact cents, every error with its line in the user's language. See
 * docs/reconciliation.md. */
#ifndef AMPARO_STATEMENT_H
#define AMPARO_STATEMENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "domain/reconcile.h"

/* Which header names the columns; NULL (or "") finds it among the usual
 * Spanish and English names (referencia, reference, ref; monto, importe,
 * amount; fecha, date; beneficiario, nombre, name). Reference and amount
 * must be found; date and name may be absent. */
struct stmt_mapping {
	const char *reference, *amount, *date, *name;
};

enum { STMT_MAX_ERRORS = 20 };

struct stmt_error {
	size_t line; /* 0: about the file, not a line */
	char msg[240];
};

struct statement {
	struct recon_line *lines; /* strings owned by the statement */
	size_t n;
	/* The header's columns used, from 0 (date, name: SIZE_MAX if none). */
	size_t col_reference, col_amount, col_date, col_name;
	/* Errors: the first STMT_MAX_ERRORS, and how many in all. */
	struct stmt_error errors[STMT_MAX_ERRORS];
	size_t nerrors, total_errors;
	/* private */
	char **text;
	size_t ntext, cap;
};

/* Reads the CSV in (see csvfile.h: delimiters, BOM, Latin-1). Returns 0
 * with every line read, or -1 with errors (the lines without an error are
 * still in lines). Call statement_free after either. */
int statement_read(FILE *in, const struct stmt_mapping *map, struct statement *st);
void statement_free(struct statement *st);

/* "1,234.56", "1.234,56", "150", "150.5", "B/. 150.00", "$150.00",
 * "USD 150" to cents, exactly. One separator followed by three digits
 * groups thousands ("1,234" and "1.234" are 1234.00); otherwise the last
 * ',' or '.' is the decimal mark, with at most two decimals.
 * Returns 0, or an STMT_AMOUNT_* error. */
enum { STMT_AMOUNT_BLANK = -1, STMT_AMOUNT_NEGATIVE = -2, STMT_AMOUNT_MALFORMED = -3,
       STMT_AMOUNT_DECIMALS = -4, STMT_AMOUNT_TOO_LARGE = -5 };
#define STMT_AMOUNT_MAX INT64_C(100000000000) /* cents: a thousand million */
int stmt_parse_amount(const char *s, int64_t *cents);

/* "DD/MM/YYYY" (or D/M/YYYY, or with '-' or '.') or "YYYY-MM-DD" to
 * "YYYY-MM-DD" (a real date). Returns 0 or -1. */
int stmt_parse_date(const char *s, char out[11]);

/* Formats cents as "1234.56" (or "-10.00"). */
void stmt_format_amount(int64_t cents, char out[32]);

#endif

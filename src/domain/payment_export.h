/* payment_export.h: a disbursement list for a payment provider, as CSV
 * (UTF-8 with a byte-order mark, for Excel) and as XLSX (libxlsxwriter).
 * No database: the caller gives the rows. See docs/reconciliation.md. */
#ifndef AMPARO_PAYMENT_EXPORT_H
#define AMPARO_PAYMENT_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One payment to make. Strings are borrowed; NULL is written empty. */
struct payment_row {
	const char *reference; /* the transaction (or request) reference */
	const char *name;      /* the beneficiary */
	const char *document;  /* identity document number, as text */
	const char *phone;
	int64_t amount_cents;
	const char *currency;  /* "USD" when NULL */
	const char *mechanism; /* a code: bank_transfer, mobile_wallet, prepaid_card, cash, in_kind */
	const char *account;   /* bank account, wallet or card number, if any */
};

/* The columns, in order (their headers translated). */
enum { PAYMENT_COLUMNS = 8 };
const char *payment_column_header(size_t i);

/* The translated label of a mechanism code; an unknown code as it is. */
const char *payment_mechanism_label(const char *code);

/* Writes the header and the rows as CSV (RFC 4180: commas, CRLF, quotes
 * doubled) after a UTF-8 byte-order mark. A text cell that starts with
 * '=', '+', '-', '@', a tab or CR gets a leading apostrophe, so a
 * spreadsheet never runs it as a formula. Returns 0, or -1 on a write
 * error. */
int payment_export_csv(FILE *out, const struct payment_row *rows, size_t n);

/* Writes the list as an XLSX workbook at path (one sheet, "Pagos" in
 * Spanish): text columns as strings (leading zeros kept), amounts as
 * numbers shown with two decimals. Returns 0, or -1 when the file cannot
 * be written. */
int payment_export_xlsx(const char *path, const struct payment_row *rows, size_t n);

#endif

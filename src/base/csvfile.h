/* csvfile.h: reading a CSV file a row at a time (libcsv), for amparo
 * dedupe and imports. */
#ifndef AMPARO_CSVFILE_H
#define AMPARO_CSVFILE_H

#include <stddef.h>
#include <stdio.h>

#define CSVF_MAX_FIELDS 1024        /* fields in a row */
#define CSVF_MAX_FIELD (1u << 20)   /* bytes in a field */

struct csvf_row {
	size_t line; /* the line the row starts on, from 1 */
	size_t n;    /* its fields */
	/* NUL-terminated valid UTF-8, the spaces around an unquoted field
	 * taken off; valid during the call. */
	const char *const *field;
};

/* Called for each row; a nonzero return stops the reading. */
typedef int (*csvf_row_fn)(const struct csvf_row *row, void *arg);

struct csvf_error {
	size_t line; /* 0: not about a line (reading failed) */
	char msg[160];
};

/* Reads in to its end and calls fn for every row, the header (the first)
 * included. Fields are separated by commas, or by semicolons or tabs when
 * the first line has none but has those (spreadsheets in Spanish save
 * with ';'); quotes as in RFC 4180, and CRLF or LF line ends. A UTF-8
 * byte-order mark is skipped; a field that is not valid UTF-8 is read as
 * Latin-1 (older Windows exports). Empty lines are skipped.
 * Returns 0; fn's nonzero result, which stopped the reading; or -1 with
 * err saying what is wrong and on which line: a NUL byte (UTF-16 text is
 * not read), a quote never closed, a row or field over the limits above,
 * a read error or no memory. */
int csvf_read(FILE *in, csvf_row_fn fn, void *arg, struct csvf_error *err);

/* Writes s as one comma-separated CSV field: quoted when it holds a comma,
 * quote, CR or LF, or starts or ends with a space or tab; quotes doubled. */
void csvf_write_field(FILE *out, const char *s);

#endif

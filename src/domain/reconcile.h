/* reconcile.h: a payment provider's statement against the disbursements
 * amparo expected it to pay (issue 6). Pure functions: no database, no
 * I/O; the caller (the disbursements page, the API, amparo reconcile)
 * supplies both lists and shows the result. See docs/reconciliation.md. */
#ifndef AMPARO_RECONCILE_H
#define AMPARO_RECONCILE_H

#include <stddef.h>
#include <stdint.h>

/* A disbursement amparo made and the provider should have paid. Strings
 * are borrowed (not copied) and may be NULL but for reference. */
struct recon_expected {
	const char *id;        /* the disbursement's id, for links */
	const char *reference; /* the transaction reference given to the provider */
	int64_t amount_cents;
	const char *date;      /* YYYY-MM-DD or NULL */
	const char *household; /* the household's reference, for display */
	const char *name;      /* the beneficiary, for display */
};

/* A line of the provider's statement (see statement.h). */
struct recon_line {
	const char *reference;
	int64_t amount_cents;
	const char *date; /* YYYY-MM-DD or NULL */
	const char *name; /* the beneficiary as the provider wrote it, or NULL */
	size_t line;      /* its line in the statement file, from 1 */
};

enum recon_kind {
	RECON_MATCHED,     /* same reference, same amount */
	RECON_DIFFERENCE,  /* same reference, another amount */
	RECON_UNMATCHED,   /* a statement line whose reference was not expected */
	RECON_MISSING,     /* an expected disbursement absent from the statement */
	RECON_DUPLICATE,   /* a second (third...) statement line with a reference */
	RECON_KINDS
};

struct recon_item {
	enum recon_kind kind;
	const struct recon_expected *expected; /* NULL for UNMATCHED */
	const struct recon_line *line;         /* NULL for MISSING */
	int64_t difference;                    /* paid minus expected (DIFFERENCE) */
};

/* Items in kind order (matched, differences, unmatched, missing,
 * duplicates); within a kind, statement lines in line order and missing
 * disbursements in the caller's order. */
struct recon_result {
	struct recon_item *items;
	size_t n;
	size_t count[RECON_KINDS];
	/* When reconcile returns RECON_EBADEXPECTED: the index of the
	 * expected disbursement whose reference is blank or repeats an
	 * earlier one's (once normalised). */
	size_t bad_expected;
};

enum { RECON_OK = 0, RECON_ENOMEM = -1, RECON_EBADEXPECTED = -2 };

/* Matches lines against expected by normalised reference: a line whose
 * reference is expected is MATCHED when the amounts are equal, else a
 * DIFFERENCE; a reference seen on an earlier line is a DUPLICATE (the
 * first line, by line number, is the one compared); other lines are
 * UNMATCHED, and expected disbursements no line names are MISSING.
 * O((n + m) log(n + m)). Returns RECON_OK (free out with
 * recon_result_free), RECON_ENOMEM, or RECON_EBADEXPECTED when two
 * expected references are one once normalised, or one is blank. */
int reconcile(const struct recon_expected *expected, size_t nexpected, const struct recon_line *lines,
	      size_t nlines, struct recon_result *out);
void recon_result_free(struct recon_result *r);

/* True when nothing but matches: no difference, unmatched, missing or
 * duplicate line. */
int recon_all_matched(const struct recon_result *r);

/* The reference as compared: spaces, tabs, '-', '_', '.' and '/' left
 * out, ASCII letters in upper case (other bytes kept). "trx-00 12" and
 * "TRX0012" are one reference; leading zeros count. Writes at most
 * size - 1 bytes and a NUL; returns the length the whole would have. */
size_t recon_normalise(const char *reference, char *out, size_t size);

/* The translated name of a kind ("Matched", "Amount difference", ...). */
const char *recon_kind_label(enum recon_kind kind);

#endif

/* transfer.h: copying a whole installation from one database to another
 * (SQLite or PostgreSQL, either way) and proving the copy equal. */
#ifndef AMPARO_TRANSFER_H
#define AMPARO_TRANSFER_H

#include "domain/domain.h"

/* Users, households, people, documents, legal status history, tokens,
 * audit events, counters, and the name search index. */
#define TRANSFER_TABLES 43

/* One copied table: how many rows each side holds and a SHA-256 over every
 * row's fields in key order, as read back through store_scan. */
struct transfer_table {
	const char *name;
	long long rows_from, rows_to;
	char sum_from[65], sum_to[65]; /* "" until verified */
};

struct transfer_report {
	struct transfer_table t[TRANSFER_TABLES];
	size_t n;               /* tables verified so far */
	long long copied;       /* rows written to the target */
	long long audit_events; /* events whose links verified on the target */
	int touched;            /* the target was written: it is marked unusable unless DOM_OK */
	double copy_secs, verify_secs;
	/* Why it stopped, for the operator, one line ("" on success): the
	 * refusal, the fault, or the first difference (a table, a row's key and
	 * a field's name; never a value, which may be personal data). */
	char why[512];
	/* Called after each table is copied or verified (may be NULL). */
	void (*progress)(void *arg, const char *phase, const char *table, long long rows);
	void *progress_arg;
};

/* The tables transfer_run copies, in foreign-key order ("people_search"
 * last); NULL-terminated. */
extern const char *const transfer_tables[];
/* The schema's other tables, deliberately not copied; NULL-terminated:
 * sessions and login throttling (users log in again after a move), and
 * schema_version (written anew). A unit test checks that the two lists
 * cover every table the migrations create. */
extern const char *const transfer_skipped[];

/* Copies everything from `from` into `to` and verifies the copy.
 *
 * from must be an amparo database at this program's schema version; it is
 * read inside one transaction, which keeps writers out for the whole run
 * (stop the server first). to must be new: no schema yet, or a schema
 * whose tables are all empty. to is migrated, marked unfinished
 * (store_transfer_mark), filled in batches of `batch` rows (one
 * transaction each), read back and compared table by table with from, and
 * its audit chain verified; only then is the mark removed.
 *
 * Returns DOM_OK; DOM_INVALID when from or to is unsuitable (nothing was
 * written to either); DOM_CONFLICT when the copy differs or the audit chain
 * does not verify; DOM_BUSY or DOM_ERROR on a database fault. In every
 * failure r->why says what happened, and when r->touched the target keeps
 * its mark and refuses to be used. */
int transfer_run(struct store *from, struct store *to, long batch, struct transfer_report *r);

#endif

/* cmd_transfer.c: amparo transfer: moves an installation to another
 * database (and engine) and proves the copy equal; the work is in
 * domain/transfer.c. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/str.h"
#include "cli/cli.h"
#include "domain/transfer.h"

static void show_progress(void *arg, const char *phase, const char *table, long long rows)
{
	fprintf(stderr, "amparo: %-8s %-22s %10lld rows\n", phase, table, rows);
}

/* The engine's name only: a URL may hold a password. */
static const char *engine(const char *url)
{
	return store_is_pg(url) ? "PostgreSQL" : "SQLite";
}

static struct store *open_or_exit(const char *url, struct store *other)
{
	char err[256];
	struct store *st;
	if (store_open(url, &st, err, sizeof(err))) {
		fprintf(stderr, "amparo: %s\n", err);
		store_close(other);
		exit(1);
	}
	return st;
}

static void print_table(const struct transfer_report *r)
{
	if (!r->n)
		return;
	printf("%-22s %12s %12s  %-16s  %s\n", "table", "rows from", "rows to", "checksum",
	       "match");
	for (size_t i = 0; i < r->n; i++) {
		const struct transfer_table *t = &r->t[i];
		int same = t->rows_from == t->rows_to && strcmp(t->sum_from, t->sum_to) == 0;
		printf("%-22s %12lld %12lld  %.16s  %s\n", t->name, t->rows_from, t->rows_to,
		       t->sum_from, same ? "yes" : "NO");
	}
}

int cmd_transfer(int argc, char **argv)
{
	struct opt opts[] = {
		{ "from", OPT_VALUE, "the installation to copy: a SQLite file or a postgresql:// URL", NULL },
		{ "to", OPT_VALUE, "a new, empty database: a SQLite file or a postgresql:// URL", NULL },
		{ "batch", OPT_VALUE, "rows read per page, and per transaction into SQLite (default 1000)", NULL },
		{ "quiet", OPT_FLAG, "no progress lines on stderr", NULL },
		{ NULL, 0, NULL, NULL },
	};
	if (args_parse(argc, argv, 2, opts,
		       "Usage: amparo transfer --from PATH|URL --to PATH|URL\n\n"
		       "Copies a whole installation to another database, SQLite or PostgreSQL\n"
		       "in either direction, then reads both back and compares every table\n"
		       "(row counts and a SHA-256 over every row) and verifies the audit\n"
		       "chain of the copy. Stop the server first: the source is locked\n"
		       "against writes while it is read.\n\n"
		       "The target must be new: a missing SQLite file, an empty PostgreSQL\n"
		       "database, or one whose amparo tables are all empty; anything else is\n"
		       "refused (exit 2) and left as it was. If the copy fails or differs, the\n"
		       "target is marked unfinished and every amparo command refuses it (exit\n"
		       "1): create it anew and transfer again.\n\n"
		       "Copied: every table of the installation (people, households, cases\n"
		       "with their services, plans, referrals and asylum procedures,\n"
		       "assistance and its ledger, consents, data requests, partners,\n"
		       "settings, users, two-factor keys, API tokens, the audit log,\n"
		       "reference counters) and the name search index.\n"
		       "Not copied: sessions and login throttling, so everyone logs in again\n"
		       "after a move. Passwords and tokens keep working.") > 0)
		args_fail("transfer takes no positional arguments");
	const char *from = args_get(opts, "from"), *to = args_get(opts, "to");
	long batch = 1000;
	if (!from || !*from || !to || !*to)
		args_fail("transfer needs --from PATH|URL and --to PATH|URL");
	if (args_get(opts, "batch") && str_to_long(args_get(opts, "batch"), 1, 100000, &batch))
		args_fail("--batch wants a number from 1 to 100000");
	if (strcmp(from, to) == 0)
		args_fail("--from and --to name the same database");
	if (!store_is_pg(from) && access(from, F_OK) != 0) {
		/* Opening would create an empty file. */
		fprintf(stderr, "amparo: no database at %s\n", from);
		return 2;
	}
	if (!store_is_pg(from) && !store_is_pg(to)) {
		char a[PATH_MAX], b[PATH_MAX];
		if (realpath(from, a) && realpath(to, b) && strcmp(a, b) == 0)
			args_fail("--from and --to name the same database");
	}

	struct store *src = open_or_exit(from, NULL);
	struct store *dst = open_or_exit(to, src);
	struct transfer_report r = { 0 };
	if (!args_get(opts, "quiet")) {
		r.progress = show_progress;
		fprintf(stderr, "amparo: transferring from %s to %s\n", engine(from), engine(to));
	}
	int rc = transfer_run(src, dst, batch, &r);
	store_close(dst);
	store_close(src);

	print_table(&r);
	if (rc == DOM_OK) {
		printf("audit chain: intact in the target (%lld events)\n", r.audit_events);
		printf("transferred %lld rows in %.1f s (copy %.1f s, verify %.1f s)\n", r.copied,
		       r.copy_secs + r.verify_secs, r.copy_secs, r.verify_secs);
		printf("Sessions are not copied: users log in again on the new database.\n");
		return 0;
	}
	fprintf(stderr, "amparo: transfer failed: %s\n", r.why);
	if (r.touched)
		fprintf(stderr, "amparo: the target is marked unfinished and will not start: "
				"create it anew before transferring again\n");
	return rc == DOM_INVALID ? 2 : 1;
}

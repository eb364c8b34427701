/* cmd_retention.c: amparo retention run [--dry-run]: the retention rules
 * (domain/retention.h), as the nightly job in the server runs them. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/retention.h"

int cmd_retention(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://…", NULL },
		{ "dry-run", OPT_FLAG, "list who the rules apply to; change nothing", NULL },
		{ "now", OPT_VALUE, "apply the rules as of this UTC time (YYYY-MM-DDTHH:MM:SSZ)",
		  NULL },
		{ NULL, 0, NULL, NULL },
	};
	int n = args_parse(
		argc, argv, 2, opts,
		"Usage: amparo retention run [--dry-run] [--db URL]\n\n"
		"Anonymises the people the retention settings name (retention_closed_case_years,\n"
		"retention_inactive_years; 0 turns a rule off), one line per person.");
	if (n != 1 || strcmp(argv[0], "run") != 0)
		args_fail("retention wants run");
	const char *now = args_get(opts, "now");
	if (now && (strlen(now) != 20 || now[10] != 'T' || now[19] != 'Z'))
		args_fail("--now wants a UTC time like 2030-01-31T08:00:00Z");
	int dry = args_get(opts, "dry-run") != NULL;
	struct store *st = cli_open(opts);
	struct arena *a = arena_new();
	struct ctx c = { .st = st, .a = a };
	struct retention_result r;
	int rc = retention_run(&c, now, dry, &r);
	for (size_t i = 0; !rc && i < r.n; i++)
		printf("%s\t%s\t%s\t%s\n", r.hits[i].ref, r.hits[i].rule, r.hits[i].since,
		       dry ? "would be anonymised" : "anonymised");
	if (rc)
		fprintf(stderr, "amparo: retention failed: %s\n", dom_code(rc));
	else
		fprintf(stderr, "retention: %lld people examined, %zu due, %zu anonymised%s\n",
			r.people, r.n, r.anonymised, dry ? " (dry run)" : "");
	arena_free(a);
	store_close(st);
	return cli_status(rc);
}

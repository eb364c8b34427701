/* cmd_audit.c: amparo audit verify | who-saw | denied. */
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "cli/cli.h"
#include "domain/audit.h"
#include "domain/audit_access.h"

/* amparo audit who-saw|denied --since DATE --user NAME: one line per
 * person (or refused request), tab-separated. */
static int account(struct store *st, const char *verb, const char *user, const char *since)
{
	struct arena *a = arena_new();
	struct ctx c = { .st = st, .a = a };
	struct errors errs = { 0 };
	struct store_list l;
	int who = strcmp(verb, "who-saw") == 0;
	int rc = who ? audit_who_saw(&c, user, since, &errs, &l) : audit_denials(&c, user, since, &errs, &l);
	for (size_t i = 0; !rc && i < l.n; i++) {
		if (who) {
			const struct who_saw *w = l.items[i];
			printf("%s\t%s%s%s%s%s\t%ld\t%s\t%s\n", w->ref ? w->ref : w->person_id,
			       w->given_names ? w->given_names : "", w->surname1 ? " " : "",
			       w->surname1 ? w->surname1 : "", w->surname2 ? " " : "",
			       w->surname2 ? w->surname2 : "", w->times, w->first_at, w->last_at);
		} else {
			const struct audit_event *e = l.items[i];
			printf("%s\t%s\t%s\n", e->at, e->fields ? e->fields : "",
			       e->entity_id && *e->entity_id ? e->entity_id : "-");
		}
	}
	if (!rc)
		fprintf(stderr, "%zu %s since %s\n", l.n, who ? "people" : "refused requests", since);
	else if (rc == DOM_INVALID)
		cli_errors(&errs);
	else if (rc == DOM_NOTFOUND)
		fprintf(stderr, "amparo: no user named %s\n", user ? user : "");
	else
		fprintf(stderr, "amparo: could not read the audit log\n");
	arena_free(a);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://…", NULL },
		CLI_KEY_FILE_OPT,
		{ "since", OPT_VALUE, "who-saw, denied: from this date (YYYY-MM-DD, UTC)", NULL },
		{ "user", OPT_VALUE, "who-saw, denied: the account's user name", NULL },
		{ NULL, 0, NULL, NULL },
	};
	int n = args_parse(argc, argv, 2, opts,
			   "Usage: amparo audit verify [--db PATH]\n"
			   "       amparo audit who-saw --since DATE --user NAME [--db PATH]\n"
			   "       amparo audit denied --since DATE --user NAME [--db PATH]\n\n"
			   "verify checks every link of the audit log's hash chain and names the\n"
			   "first broken one: exit status 0 when intact, 1 when broken.\n"
			   "who-saw lists every person whose record the account viewed, exported\n"
			   "or printed since DATE (reference, name, times, first and last, UTC),\n"
			   "for a breach drill; denied lists the requests it was refused.");
	if (n == 1 && (strcmp(argv[0], "who-saw") == 0 || strcmp(argv[0], "denied") == 0)) {
		if (!args_get(opts, "since") || !args_get(opts, "user"))
			args_fail("audit %s needs --since DATE and --user NAME", argv[0]);
		struct store *st = cli_open(opts);
		int rc = account(st, argv[0], args_get(opts, "user"), args_get(opts, "since"));
		store_close(st);
		return cli_status(rc);
	}
	if (n != 1 || strcmp(argv[0], "verify") != 0)
		args_fail("audit wants verify, who-saw or denied");
	struct store *st = cli_open(opts);
	long long checked, bad;
	int rc = audit_verify(st, &checked, &bad);
	if (rc == DOM_OK)
		printf("audit log intact: %lld events verified\n", checked);
	else if (rc == DOM_CONFLICT)
		printf("audit log BROKEN at event %lld (%lld events before it are intact)\n", bad, checked);
	else
		fprintf(stderr, "amparo: could not read the audit log\n");
	store_close(st);
	return rc == DOM_OK ? 0 : 1;
}

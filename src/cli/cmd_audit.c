/* cmd_audit.c: amparo audit verify. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/audit.h"

int cmd_audit(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite)", NULL },
		CLI_KEY_FILE_OPT,
		{ NULL, 0, NULL, NULL },
	};
	int n = args_parse(argc, argv, 2, opts, "Usage: amparo audit verify [--db PATH]\n\n"
						"Checks every link of the audit log's hash chain and names the\n"
						"first broken one. Exit status 0 when intact, 1 when broken.");
	if (n != 1 || strcmp(argv[0], "verify") != 0)
		args_fail("audit wants the word verify");
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

/* cmd_migrate.c: amparo migrate. */
#include <stdio.h>

#include "cli/cli.h"

int cmd_migrate(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://…", NULL },
		CLI_KEY_FILE_OPT,
		{ NULL, 0, NULL, NULL },
	};
	if (args_parse(argc, argv, 2, opts, "Usage: amparo migrate [--db PATH]\n\n"
					    "Applies every pending migration and prints the schema version.") > 0)
		args_fail("migrate takes no positional arguments");
	struct store *st = cli_open(opts); /* migrates */
	int v = 0;
	store_schema_version(st, &v);
	printf("schema version %d (this program knows %d)\n", v, store_latest_version());
	store_close(st);
	return 0;
}

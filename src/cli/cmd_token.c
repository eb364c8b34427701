/* cmd_token.c: amparo token create. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/user.h"

int cmd_token(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://…", NULL },
		CLI_KEY_FILE_OPT,
		{ "user", OPT_VALUE, "the user the token acts as (required)", NULL },
		{ "label", OPT_VALUE, "a note saying what the token is for", NULL },
		{ NULL, 0, NULL, NULL },
	};
	int n = args_parse(argc, argv, 2, opts, "Usage: amparo token create --user NAME [--label TEXT]\n\n"
						"Prints a new bearer token for the API. Only its hash is stored:\n"
						"keep the printed value safe, it is not shown again.");
	if (n != 1 || strcmp(argv[0], "create") != 0)
		args_fail("token wants the word create");
	if (!args_get(opts, "user"))
		args_fail("token create needs --user NAME");
	struct store *st = cli_open(opts);
	struct arena *a = arena_new();
	struct ctx c = { .st = st, .a = a };
	char value[64];
	int rc = token_create(&c, args_get(opts, "user"), args_get(opts, "label"), value);
	if (rc == DOM_OK)
		printf("%s\n", value);
	else if (rc == DOM_NOTFOUND)
		fprintf(stderr, "amparo: no user named %s\n", args_get(opts, "user"));
	else
		fprintf(stderr, "amparo: could not create the token: %s\n", dom_code(rc));
	arena_free(a);
	store_close(st);
	return cli_status(rc);
}

/* main.c: amparo's entry point: dispatches to a sub-command. */
#include <stdio.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/log.h"
#include "cli/cli.h"

static const struct command commands[] = {
	{ "init", "create the database schema and the first administrator", cmd_init },
	{ "serve", "run the web server", cmd_serve },
	{ "demo", "fill a database with realistic synthetic people and households", cmd_demo },
	{ "user", "add, modify (grants), list, disable, enable users; passwords; reset two-step login", cmd_user },
	{ "office", "add, list, rename, deactivate offices", cmd_office },
	{ "token", "create an API bearer token for a user", cmd_token },
	{ "migrate", "apply pending database migrations", cmd_migrate },
	{ "audit", "verify the audit log; who-saw: whom an account viewed; denied: its refusals", cmd_audit },
	{ "transfer", "copy an installation to another database and verify the copy", cmd_transfer },
	{ "dedupe", "find the records of a CSV file that are one person", cmd_dedupe },
	{ "key", "make an encryption key; re-seal a database with a new one", cmd_key },
	{ "reconcile", "compare a payment provider's statement (CSV) with the payments expected", cmd_reconcile },
	{ "retention", "anonymise the people the retention rules name (--dry-run lists them)", cmd_retention },
};

static void usage(FILE *f)
{
	fprintf(f, "amparo %s: case management for refugee protection\n\n"
		   "Usage: amparo COMMAND [OPTIONS]\n\nCommands:\n",
		AMPARO_VERSION);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nEvery command takes --db PATH (default: $AMPARO_DB, else ./amparo.db)\n"
		   "and --help. See README.md and docs/ for more.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("amparo %s\n", AMPARO_VERSION);
		return 0;
	}
	if (crypto_init()) {
		fprintf(stderr, "amparo: libsodium could not start\n");
		return 1;
	}
	i18n_init(NULL);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc, argv);
	fprintf(stderr, "amparo: unknown command \"%s\" (see amparo --help)\n", argv[1]);
	return 2;
}

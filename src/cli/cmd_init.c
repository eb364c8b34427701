/* cmd_init.c: amparo init: schema and first administrator. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/crypto.h"
#include "cli/cli.h"
#include "domain/mfa.h"
#include "domain/office.h"
#include "domain/user.h"

int cmd_init(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://…", NULL },
		CLI_KEY_FILE_OPT,
		{ "admin", OPT_VALUE, "user name of the first administrator (required)", NULL },
		{ "office", OPT_VALUE, "name of the first office (default \"Oficina principal\", code main)", NULL },
		{ "totp-secret", OPT_VALUE, "a known authenticator secret (base32) for the administrator (test set-ups); else they set one up at first login", NULL },
		{ NULL, 0, NULL, NULL },
	};
	if (args_parse(argc, argv, 2, opts, "Usage: amparo init --db PATH --admin NAME [--key-file PATH]\n\n"
					    "Creates the schema and an administrator. The password comes from\n"
					    "AMPARO_ADMIN_PASSWORD; without it one is generated and printed once.\n"
					    "Without --key-file (or AMPARO_KEY_FILE, AMPARO_KEY) a SQLite database\n"
					    "gets a new encryption key next to it: PATH.key (docs/encryption.md).") > 0)
		args_fail("init takes no positional arguments");
	const char *admin = args_get(opts, "admin");
	if (!admin)
		args_fail("init needs --admin NAME");
	/* A new SQLite database gets its key next to it (DB.key, mode 600)
	 * unless one is given; serve finds it there. */
	const char *db = cli_db(opts);
	char keyfile[4096], id[9], err[512];
	if (!args_get(opts, "key-file") && !getenv("AMPARO_KEY_FILE") && !getenv("AMPARO_KEY")) {
		if (cli_default_key_file(db, keyfile, sizeof(keyfile)) != 0)
			fprintf(stderr, "amparo: no encryption key given: sensitive fields cannot be "
					"written until amparo runs with --key-file or AMPARO_KEY "
					"(see docs/encryption.md)\n");
		else if (access(keyfile, F_OK) != 0) {
			if (crypto_key_generate(keyfile, id, err, sizeof(err))) {
				fprintf(stderr, "amparo: %s\n", err);
				return 1;
			}
			printf("Encryption key %s: %s (keep a copy apart from the backups)\n", id,
			       keyfile);
		}
	}
	struct store *st = cli_open(opts);
	struct arena *a = arena_new();
	struct ctx c = { .st = st, .a = a };
	struct errors errs = { 0 };
	const char *pw = getenv("AMPARO_ADMIN_PASSWORD");
	char generated[64];
	if (!pw || !*pw) {
		crypto_token(generated);
		generated[20] = 0;
		pw = generated;
	}
	/* The first office, unless the database has one: --office names it. */
	int rc = office_ensure_default(&c, args_get(opts, "office"));
	if (!rc)
		rc = user_create(&c, admin, NULL, "admin",
				 "psychosocial,legal,livelihoods,assistance,community", NULL, pw, &errs,
				 NULL);
	if (rc == DOM_OK && args_get(opts, "totp-secret"))
		rc = mfa_set_secret(&c, admin, args_get(opts, "totp-secret"), &errs);
	if (rc == DOM_OK) {
		printf("Database ready. Administrator: %s\n", admin);
		if (pw == generated)
			printf("Password (shown once, write it down): %s\n", generated);
	} else if (rc == DOM_INVALID) {
		cli_errors(&errs);
	} else {
		fprintf(stderr, "amparo: could not create the administrator: %s\n", dom_code(rc));
	}
	arena_free(a);
	store_close(st);
	return cli_status(rc);
}

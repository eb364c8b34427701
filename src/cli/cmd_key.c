/* cmd_key.c: amparo key: the field encryption key (docs/encryption.md):
 * generate a key file, and rotate a database to a new key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "cli/cli.h"

static int key_generate(const struct opt *opts)
{
	const char *out = args_get(opts, "out");
	char id[9], err[512];
	if (!out || !*out)
		args_fail("key generate needs --out PATH (a file that does not exist yet)");
	if (crypto_key_generate(out, id, err, sizeof(err))) {
		fprintf(stderr, "amparo: %s\n", err);
		return 1;
	}
	printf("Key %s written to %s (mode 600). Keep a copy apart from the database's\n"
	       "backups: without it the encrypted fields cannot be read.\n",
	       id, out);
	return 0;
}

/* Reads path into ring; exits 1 with the reason when it cannot. */
static void read_keys(struct crypto_keyring *ring, const char *path)
{
	char err[512];
	if (crypto_keyring_read(ring, path, err, sizeof(err))) {
		fprintf(stderr, "amparo: %s\n", err);
		exit(1);
	}
}

static int key_rotate(const struct opt *opts)
{
	const char *old = args_get(opts, "old-key-file"), *neu = args_get(opts, "new-key-file");
	struct crypto_keyring fresh = { 0 };
	struct store_sealed_count n = { 0 };
	int failed = 0, rc = STORE_OK;

	if (!neu || !*neu)
		args_fail("key rotate needs --new-key-file PATH (make one with amparo key generate)");
	read_keys(&fresh, neu);
	/* The new key seals; the old one (and any key cli_open finds for the
	 * database, e.g. DB.key) opens. */
	read_keys(&crypto_keys, neu);
	if (old && *old)
		read_keys(&crypto_keys, old);
	struct store *st = cli_open(opts);
	for (size_t i = 0; i < sealed_entities_n && !rc; i++) {
		const struct entity *e = sealed_entities[i];
		if ((rc = store_reseal(st, e, &crypto_keys, &n)))
			fprintf(stderr, "amparo: could not re-seal %s (see the log above); the tables "
					"before it are done: run the same command again to go on\n",
				e->table);
		else
			printf("%-22s %10lld values, %10lld re-sealed\n", e->table, n.values, n.changed);
	}
	/* Every value must now open with the new key alone. */
	for (size_t i = 0; i < sealed_entities_n && !rc; i++) {
		const struct entity *e = sealed_entities[i];
		if ((rc = store_sealed_verify(st, e, &fresh, &n)))
			fprintf(stderr, "amparo: could not read %s to verify it\n", e->table);
		else if (n.failed) {
			fprintf(stderr, "amparo: %lld values of %s do not open with the new key\n",
				n.failed, e->table);
			failed = 1;
		}
	}
	store_close(st);
	if (!rc && !failed)
		printf("Every encrypted field opens with key %s. Start amparo with %s from now on\n"
		       "(replace the old key file with it); keep the old key as long as backups\n"
		       "made before today are kept.\n",
		       fresh.keys[0].id, neu);
	crypto_keyring_clear(&fresh);
	crypto_keyring_clear(&crypto_keys);
	return rc || failed ? 1 : 0;
}

int cmd_key(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://… (rotate)", NULL },
		{ "out", OPT_VALUE, "where generate writes the new key file", NULL },
		{ "old-key-file", OPT_VALUE, "rotate: the key the database is sealed with now (default: its usual key)", NULL },
		{ "new-key-file", OPT_VALUE, "rotate: the key to re-seal every encrypted field with", NULL },
		{ NULL, 0, NULL, NULL },
	};
	int n = args_parse(argc, argv, 2, opts,
			   "Usage: amparo key generate --out PATH\n"
			   "       amparo key rotate --db PATH|URL [--old-key-file A] --new-key-file B\n\n"
			   "generate writes a new random key (mode 600) for --key-file or AMPARO_KEY.\n"
			   "rotate re-seals every encrypted field with key B, one transaction per\n"
			   "table (run it again after an interruption: it goes on where it stopped),\n"
			   "then checks that every field opens with B alone. Without --old-key-file\n"
			   "the database's usual key is used (AMPARO_KEY_FILE, AMPARO_KEY or DB.key);\n"
			   "fields stored before encryption are sealed too. Stop the server first,\n"
			   "or run it with a key file holding both keys, B first. See\n"
			   "docs/encryption.md.");
	if (n == 1 && strcmp(argv[0], "generate") == 0)
		return key_generate(opts);
	if (n == 1 && strcmp(argv[0], "rotate") == 0)
		return key_rotate(opts);
	args_fail("key wants generate or rotate (see amparo key --help)");
}

/* args.c: the option parser and helpers every sub-command shares. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "cli/cli.h"

void args_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("amparo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see --help)\n", stderr);
	exit(2);
}

static void usage_exit(const struct opt *opts, const char *usage)
{
	printf("%s\n", usage);
	if (opts[0].name)
		printf("\nOptions:\n");
	for (const struct opt *o = opts; o->name; o++) {
		char left[64];
		snprintf(left, sizeof(left), "%s%s", o->name, o->kind == OPT_FLAG ? "" : " VALUE");
		printf("  --%-18s %s\n", left, o->help);
	}
	printf("  --%-18s %s\n", "help", "show this help");
	exit(0);
}

int args_parse(int argc, char **argv, int first, struct opt *opts, const char *usage)
{
	int npos = 0;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			usage_exit(opts, usage);
		if (strncmp(a, "--", 2) != 0 || a[2] == 0) {
			argv[npos++] = argv[i];
			continue;
		}
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		struct opt *o = opts;
		for (; o->name; o++)
			if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
				break;
		if (!o->name)
			args_fail("unknown option --%.*s", (int)len, name);
		if (o->kind == OPT_FLAG) {
			if (eq)
				args_fail("option --%s takes no value", o->name);
			o->value = "1";
			continue;
		}
		const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!v)
			args_fail("option --%s needs a value", o->name);
		if (o->kind == OPT_MULTI && o->value) {
			/* Repeated values are joined in static storage: the
			 * process parses its arguments once. */
			static char joined[8][4096];
			char *j = joined[(o - opts) % 8];
			size_t used = strlen(j);
			if (o->value != j)
				used = (size_t)snprintf(j, sizeof(joined[0]), "%s", o->value);
			if (used + 1 + strlen(v) >= sizeof(joined[0]))
				args_fail("too many values for --%s", o->name);
			snprintf(j + used, sizeof(joined[0]) - used, ",%s", v);
			o->value = j;
		} else {
			o->value = v;
		}
	}
	return npos;
}

const char *args_get(const struct opt *opts, const char *name)
{
	for (; opts->name; opts++)
		if (strcmp(opts->name, name) == 0)
			return opts->value;
	return NULL;
}

const char *cli_db(const struct opt *opts)
{
	const char *db = args_get(opts, "db");
	if (!db)
		db = getenv("AMPARO_DB");
	return db && *db ? db : "./amparo.db";
}

int cli_default_key_file(const char *db, char *out, size_t n)
{
	if (store_is_pg(db))
		return -1;
	int len = snprintf(out, n, "%s.key", db);
	return len < 0 || (size_t)len >= n ? -1 : 0;
}

void cli_keys(const struct opt *opts, const char *db)
{
	const char *file = args_get(opts, "key-file"), *env = getenv("AMPARO_KEY");
	char err[512], def[4096];
	int rc = 0;

	if (!file || !*file)
		file = getenv("AMPARO_KEY_FILE");
	if (file && *file)
		rc = crypto_keyring_read(&crypto_keys, file, err, sizeof(err));
	else if (env && *env)
		rc = crypto_keyring_parse(&crypto_keys, env, err, sizeof(err));
	else if (cli_default_key_file(db, def, sizeof(def)) == 0 && access(def, F_OK) == 0)
		rc = crypto_keyring_read(&crypto_keys, def, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "amparo: %s%s\n", err, env && *env && !(file && *file) ? " (AMPARO_KEY)" : "");
		exit(1);
	}
}

struct store *cli_open(const struct opt *opts)
{
	const char *db = cli_db(opts);
	char err[512];
	struct store *st;
	int applied;

	cli_keys(opts, db);
	if (store_open(db, &st, err, sizeof(err))) {
		fprintf(stderr, "amparo: %s\n", err);
		exit(1);
	}
	int unfinished = 0;
	if (store_transfer_pending(st, &unfinished) == STORE_OK && unfinished) {
		fprintf(stderr, "amparo: %s holds an unfinished amparo transfer and cannot be used: "
				"create it anew and run amparo transfer again\n",
			store_is_pg(db) ? "the database" : db);
		store_close(st);
		exit(1);
	}
	if (store_migrate(st, &applied)) {
		fprintf(stderr, "amparo: could not bring the database schema up to date (see the log above)\n");
		store_close(st);
		exit(1);
	}
	/* Never serve or change a database whose encrypted fields the key
	 * cannot open (docs/encryption.md). */
	if (store_seal_check(st, err, sizeof(err))) {
		fprintf(stderr, "amparo: %s\n", err);
		store_close(st);
		exit(1);
	}
	return st;
}

char *cli_password(const char *env, const char *prompt)
{
	static char a[512], b[512];
	const char *e = env ? getenv(env) : NULL;
	struct termios old, quiet;

	if (e && *e)
		return strdup(e);
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, "amparo: set %s or run this on a terminal to type the password\n", env);
		exit(2);
	}
	tcgetattr(STDIN_FILENO, &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	fprintf(stderr, "%s: ", prompt);
	char *ok1 = fgets(a, sizeof(a), stdin);
	fprintf(stderr, "\nAgain: ");
	char *ok2 = fgets(b, sizeof(b), stdin);
	fprintf(stderr, "\n");
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	if (!ok1 || !ok2)
		exit(2);
	a[strcspn(a, "\n")] = 0;
	b[strcspn(b, "\n")] = 0;
	if (strcmp(a, b) != 0) {
		fprintf(stderr, "amparo: the two passwords differ\n");
		exit(2);
	}
	return strdup(a);
}

void cli_errors(const struct errors *errs)
{
	for (int i = 0; i < errs->n; i++)
		fprintf(stderr, "amparo: %s: %s\n", errs->e[i].field, errs->e[i].message);
}

int cli_status(int rc)
{
	if (rc == DOM_OK)
		return 0;
	if (rc == DOM_INVALID || rc == DOM_NOTFOUND || rc == DOM_CONFLICT)
		return 2;
	return 1;
}

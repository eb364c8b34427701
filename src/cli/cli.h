/* cli.h: the amparo sub-commands and their shared option parser. */
#ifndef AMPARO_CLI_H
#define AMPARO_CLI_H

#include "domain/domain.h"

enum { OPT_FLAG = 0, OPT_VALUE = 1, OPT_MULTI = 2 };

struct opt {
	const char *name; /* without the leading "--" */
	int kind;         /* OPT_FLAG, OPT_VALUE, or OPT_MULTI (repeatable, joined with commas) */
	const char *help;
	const char *value; /* filled by args_parse: "1" for a set flag */
};

/* The --key-file option of every command that opens a database (cli_keys). */
#define CLI_KEY_FILE_OPT                                                                        \
	{ "key-file", OPT_VALUE,                                                                \
	  "the encryption key file (mode 600; default: AMPARO_KEY_FILE, AMPARO_KEY, else DB.key)", \
	  NULL }

struct command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
};

/* Parses argv[first..] into opts; the rest (positional) is written back to
 * argv from index 0 and their count returned. --help prints usage (with
 * the options' help) and exits 0; an unknown option or a missing value
 * prints one line to stderr and exits 2. */
int args_parse(int argc, char **argv, int first, struct opt *opts, const char *usage);
/* The value of option name, or NULL. */
const char *args_get(const struct opt *opts, const char *name);
/* Prints "amparo: message" to stderr and exits 2 (a usage error). */
_Noreturn void args_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Opens the database of --db (else AMPARO_DB, else ./amparo.db) and applies
 * pending migrations; exits 1 with a message when it cannot. Loads the
 * encryption keys first (cli_keys) and exits 1 when the database holds
 * encrypted fields they do not open. */
struct store *cli_open(const struct opt *opts);
/* The database of --db, else AMPARO_DB, else ./amparo.db. */
const char *cli_db(const struct opt *opts);
/* Loads crypto_keys from --key-file (for commands that have the option),
 * else the file AMPARO_KEY_FILE names, else AMPARO_KEY (base64 keys),
 * else DB.key next to a SQLite database when there is one; none of them
 * leaves the ring empty. A bad or unsafe key file: a message, exit 1. */
void cli_keys(const struct opt *opts, const char *db);
/* The default key file of a SQLite database (DB.key) into out: 0, or -1
 * for PostgreSQL, which has no file to sit next to. */
int cli_default_key_file(const char *db, char *out, size_t n);
/* Reads a password from env (when set) or prompts twice on the terminal. */
char *cli_password(const char *env, const char *prompt);
/* Prints field errors to stderr. */
void cli_errors(const struct errors *errs);
/* Exit status for a domain result: 0, 1 for faults, 2 for bad input. */
int cli_status(int rc);

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_transfer(int argc, char **argv);
int cmd_dedupe(int argc, char **argv);
int cmd_office(int argc, char **argv);
int cmd_reconcile(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_retention(int argc, char **argv);

#endif

/* cmd_serve.c: amparo serve. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/str.h"
#include "cli/cli.h"
#include "domain/audit.h"
#include "domain/match_review.h"
#include "domain/person_match.h"
#include "domain/retention.h"
#include "http/server.h"

/* Says at the start whether the replica answers; the server starts either
 * way and reads from the primary while the replica is away. */
static void check_replica(struct store *primary, const char *url)
{
	struct store *rd;
	char err[256];
	int want = 0, have = 0;

	if (store_open(url, &rd, err, sizeof(err))) {
		log_warn("the read replica does not answer now; reads go to the primary until it does");
		return;
	}
	if (store_schema_version(primary, &want) == STORE_OK &&
	    store_schema_version(rd, &have) == STORE_OK && have != want)
		log_warn("the read replica is at schema version %d, the primary at %d: still replaying, "
			 "or not a replica of this database?", have, want);
	else
		log_info("reads that may lag (people search, household lists) go to the read replica");
	store_close(rd);
}

/* Reads a PEM file (at most 1 MiB) that must hold a block of kind
 * ("CERTIFICATE", "PRIVATE KEY"); exits with a clear message otherwise.
 * The caller frees the text. */
static char *read_pem(const char *path, const char *kind)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		args_fail("cannot read %s: %m", path);
	char *text = calloc(1, (1u << 20) + 1);
	if (!text)
		log_fatal("out of memory");
	size_t n = fread(text, 1, 1u << 20, f);
	int toolong = !feof(f);
	fclose(f);
	if (toolong)
		args_fail("%s is larger than 1 MiB: not a PEM file", path);
	text[n] = 0;
	/* "-----BEGIN CERTIFICATE-----", "-----BEGIN RSA PRIVATE KEY-----", … */
	const char *begin = strstr(text, "-----BEGIN ");
	const char *line_end = begin ? strchr(begin, '\n') : NULL, *k = begin ? strstr(begin, kind) : NULL;
	if (!line_end || !k || k > line_end)
		args_fail("%s holds no PEM %s block (-----BEGIN …%s-----)", path, kind, kind);
	return text;
}

int cmd_serve(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://…", NULL },
		CLI_KEY_FILE_OPT,
		{ "db-read", OPT_VALUE, "a streaming replica of --db (postgresql://…) for search and lists", NULL },
		{ "listen", OPT_VALUE, "address and port, default 127.0.0.1:8080", NULL },
		{ "threads", OPT_VALUE, "worker threads, default one per core", NULL },
		{ "quiet", OPT_FLAG, "no access log", NULL },
		{ "trust-proxy", OPT_FLAG, "behind a reverse proxy: take the client address from X-Forwarded-For", NULL },
		{ "tls-cert", OPT_VALUE, "serve HTTPS with this certificate chain (PEM file)", NULL },
		{ "tls-key", OPT_VALUE, "the private key of --tls-cert (PEM file)", NULL },
		{ NULL, 0, NULL, NULL },
	};
	if (args_parse(argc, argv, 2, opts, "Usage: amparo serve [--db PATH|URL] [--db-read URL] [--listen HOST:PORT]\n"
					    "                   [--key-file PATH] [--tls-cert PEM --tls-key PEM] [--trust-proxy]\n\n"
					    "Serves the web pages and the JSON API until SIGINT or SIGTERM.\n"
					    "With --db-read, people search and household lists read from the\n"
					    "replica; writes, and a user's reads until the replica has replayed\n"
					    "their own writes, go to --db (see docs/replicas.md). With --tls-cert\n"
					    "and --tls-key it serves HTTPS itself (with HSTS); behind a TLS proxy\n"
					    "use --trust-proxy instead (see docs/deployment.md).\n"
					    "Sensitive fields are encrypted with the key of --key-file (else\n"
					    "AMPARO_KEY_FILE, AMPARO_KEY, else DB.key next to a SQLite database);\n"
					    "a database holding encrypted fields the key cannot open is refused.") > 0)
		args_fail("serve takes no positional arguments");
	const char *listen = args_get(opts, "listen");
	char host[64] = "127.0.0.1";
	long port = 8080, threads = 0;
	if (listen) {
		const char *colon = strrchr(listen, ':');
		if (!colon || (size_t)(colon - listen) >= sizeof(host) || colon == listen ||
		    str_to_long(colon + 1, 1, 65535, &port))
			args_fail("--listen wants HOST:PORT, for example 127.0.0.1:8080");
		memcpy(host, listen, (size_t)(colon - listen));
		host[colon - listen] = 0;
	}
	if (args_get(opts, "threads") && str_to_long(args_get(opts, "threads"), 1, 256, &threads))
		args_fail("--threads wants a number from 1 to 256");
	const char *db = args_get(opts, "db");
	if (!db)
		db = getenv("AMPARO_DB");
	const char *db_read = args_get(opts, "db-read");
	if (!db_read)
		db_read = getenv("AMPARO_DB_READ");
	if (db_read && !*db_read)
		db_read = NULL;
	if (db_read && !store_is_pg(db_read))
		args_fail("--db-read wants a PostgreSQL URL (postgresql://…) of a streaming replica");
	if (db_read && !(db && *db && store_is_pg(db)))
		args_fail("--db-read needs a PostgreSQL --db: SQLite has no replicas");
	const char *cert_path = args_get(opts, "tls-cert"), *key_path = args_get(opts, "tls-key");
	if (!cert_path != !key_path)
		args_fail("--tls-cert and --tls-key go together: give both PEM files, or neither");
	char *cert = cert_path ? read_pem(cert_path, "CERTIFICATE") : NULL;
	char *key = key_path ? read_pem(key_path, "PRIVATE KEY") : NULL;
	/* Migrate once here, before any worker opens its own connection. */
	struct store *st = cli_open(opts);
	if (db_read)
		check_replica(st, db_read);
	store_close(st);
	struct server_config cfg = {
		.db = db && *db ? db : "./amparo.db",
		.db_read = db_read,
		.host = host,
		.port = (unsigned short)port,
		.threads = (unsigned)threads,
		.quiet = args_get(opts, "quiet") != NULL,
		.trust_proxy = args_get(opts, "trust-proxy") != NULL,
		.tls_cert = cert,
		.tls_key = key,
	};
	/* Page views are audited through the view writer (domain/audit.h). */
	if (audit_views_start(cfg.db))
		return 1;
	/* The matching index loads in the background (domain/person_match.h). */
	if (person_match_start(cfg.db))
		log_error("match: no duplicate checks in this run");
	/* The review queue's scans: on demand and nightly (match_review.h). */
	else if (match_review_start(cfg.db))
		log_error("match: no review scans in this run");
	/* The retention rules, nightly (retention.h). */
	if (retention_start(cfg.db))
		log_error("retention: no nightly run in this run");
	int rc = server_run(&cfg);
	retention_stop();
	match_review_stop();
	person_match_stop();
	audit_views_stop();
	free(cert);
	if (key)
		sodium_memzero(key, strlen(key));
	free(key);
	return rc;
}

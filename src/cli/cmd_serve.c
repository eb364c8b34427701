/* cmd_serve.c: amparo serve. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/str.h"
#include "cli/cli.h"
#include "http/server.h"

int cmd_serve(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite)", NULL },
		{ "listen", OPT_VALUE, "address and port, default 127.0.0.1:8080", NULL },
		{ "threads", OPT_VALUE, "worker threads, default one per core", NULL },
		{ "quiet", OPT_FLAG, "no access log", NULL },
		{ NULL, 0, NULL, NULL },
	};
	if (args_parse(argc, argv, 2, opts, "Usage: amparo serve [--db PATH] [--listen HOST:PORT]\n\n"
					    "Serves the web pages and the JSON API until SIGINT or SIGTERM.") > 0)
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
	/* Migrate once here, before any worker opens its own connection. */
	struct store *st = cli_open(opts);
	store_close(st);
	const char *db = args_get(opts, "db");
	if (!db)
		db = getenv("AMPARO_DB");
	struct server_config cfg = {
		.db = db && *db ? db : "./amparo.db",
		.host = host,
		.port = (unsigned short)port,
		.threads = (unsigned)threads,
		.quiet = args_get(opts, "quiet") != NULL,
	};
	return server_run(&cfg);
}

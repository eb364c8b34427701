/* server.h: the HTTP server (libmicrohttpd, one thread per core). */
#ifndef AMPARO_SERVER_H
#define AMPARO_SERVER_H

struct server_config {
	const char *db;      /* database URL, opened once per worker thread */
	const char *db_read; /* a streaming replica's URL for reads that may lag, or NULL */
	const char *host;    /* listen address, e.g. "127.0.0.1" */
	unsigned short port;
	unsigned threads;    /* 0: one per core */
	int quiet;           /* no access log */
	int trust_proxy;     /* the client is the last X-Forwarded-For address */
	/* PEM text of the certificate chain and its private key: serve HTTPS
	 * (with HSTS and the __Host- cookie); both NULL: plain HTTP. */
	const char *tls_cert, *tls_key;
};

/* Turns core dumps off for this process (RLIMIT_CORE 0, not dumpable):
 * a dump would hold decrypted personal data and session secrets. */
void server_no_core_dumps(void);

/* Serves until SIGINT or SIGTERM, then finishes the requests in flight,
 * closes every database connection and returns 0 (or 1 when it could not
 * start; the reason is logged). */
int server_run(const struct server_config *cfg);

#endif

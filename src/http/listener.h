/* listener.h: the server's own accept loop. libmicrohttpd's thread pool
 * lets whichever worker wakes first take a new connection, so connections
 * opened together (a load test's dozens, an office's browsers after a
 * restart) can pile onto a few workers while others idle, and every
 * request on a worker waits for the one it runs. The listener accepts
 * instead and hands each socket to MHD_add_connection, which spreads them
 * over the pool by socket number. */
#ifndef AMPARO_LISTENER_H
#define AMPARO_LISTENER_H

#include <microhttpd.h>

/* Connections open at once (MHD_OPTION_CONNECTION_LIMIT); more are refused. */
#define CONNECTIONS_MAX 1000u

struct listener;

/* Binds host:port (an IPv4 address) and listens; NULL when it cannot (the
 * reason is logged). */
struct listener *listener_open(const char *host, unsigned short port);

/* Accepts in a thread of its own and gives every connection to d (started
 * with MHD_USE_NO_LISTEN_SOCKET and MHD_USE_ITC). 0, or -1 when the thread
 * could not start. */
int listener_start(struct listener *l, struct MHD_Daemon *d);

/* Stops accepting, closes the socket and frees l (NULL: nothing). */
void listener_close(struct listener *l);

#endif

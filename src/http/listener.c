/* listener.c: see listener.h. */
#include "http/listener.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/log.h"

struct listener {
	int fd;
	struct MHD_Daemon *d;
	pthread_t thread;
	int running;
	atomic_int stopping; /* listener_close: accept4's error ends the loop */
};

struct listener *listener_open(const char *host, unsigned short port)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port) };
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		log_error("cannot listen on %s: give an IPv4 address such as 127.0.0.1", host);
		return NULL;
	}
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), on = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) ||
	    bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, SOMAXCONN)) {
		log_error("cannot listen on %s:%u (%m; is another server using the port?)", host,
			  port);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	struct listener *l = calloc(1, sizeof(*l));
	if (!l)
		log_fatal("out of memory");
	l->fd = fd;
	return l;
}

static void *accept_loop(void *arg)
{
	struct listener *l = arg;
	int failing = 0; /* accept4 fails: warned once until it works again */
	int refused = 0; /* MHD refused connections: warned once until one is taken */
	for (;;) {
		struct sockaddr_in peer;
		socklen_t len = sizeof(peer);
		int c = accept4(l->fd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (c < 0) {
			if (atomic_load(&l->stopping))
				return NULL;
			if (errno == EINTR || errno == EAGAIN)
				continue;
			/* Out of descriptors or memory, or (as accept(2) says) a
			 * network error already pending on the new connection: go
			 * on, or the server would never take another. */
			if (!failing++)
				log_warn("accept: %m; still accepting");
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
				usleep(100 * 1000); /* until some connections close */
			continue;
		}
		failing = 0;
		/* MHD closes c itself when it refuses it. */
		if (MHD_add_connection(l->d, c, (struct sockaddr *)&peer, len) != MHD_YES) {
			if (!refused++)
				log_warn("libmicrohttpd refused a new connection (at most %u are open "
					 "at once)",
					 CONNECTIONS_MAX);
		} else {
			refused = 0;
		}
	}
}

int listener_start(struct listener *l, struct MHD_Daemon *d)
{
	l->d = d;
	if (pthread_create(&l->thread, NULL, accept_loop, l))
		return -1;
	l->running = 1;
	return 0;
}

void listener_close(struct listener *l)
{
	if (!l)
		return;
	atomic_store(&l->stopping, 1);
	shutdown(l->fd, SHUT_RDWR); /* wakes accept4 with EINVAL */
	if (l->running)
		pthread_join(l->thread, NULL);
	close(l->fd);
	free(l);
}

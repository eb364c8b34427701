/* router.h: the route table: method + path pattern -> handler. */
#ifndef AMPARO_ROUTER_H
#define AMPARO_ROUTER_H

#include "http/request.h"

typedef void (*handler_fn)(struct request *r);

enum route_flag {
	ROUTE_PUBLIC = 1, /* no login needed */
	ROUTE_API = 2,    /* JSON errors, bearer tokens accepted, no CSRF form field */
	ROUTE_REPLICA = 4, /* a search or list that may read from the --db-read replica */
};

struct route {
	const char *method;
	const char *pattern; /* "/people/:id/edit"; a ":x" segment matches one segment */
	handler_fn fn;
	unsigned flags;
};

/* Finds the route for method and path, filling r->params. *path_known is
 * set when some route matches the path with another method (405). */
const struct route *router_match(struct request *r, const char *method, const char *path,
				 int *path_known);

/* The methods that have a route for path, as an Allow header value
 * ("GET, HEAD, POST"), in the request's arena. */
const char *router_allowed(struct request *r, const char *path);

#endif

/* router.c: matches requests against the route table in routes.c. */
#include "http/router.h"

#include <string.h>

#include "base/buf.h"

extern const struct route routes[];
extern const size_t route_count;

static int match(struct request *r, const char *pat, const char *path)
{
	int np = 0;
	while (*pat && *path) {
		if (*pat != '/' || *path != '/')
			return 0;
		pat++;
		path++;
		size_t pl = strcspn(pat, "/"), sl = strcspn(path, "/");
		if (*pat == ':') {
			if (sl == 0 || np >= 4)
				return 0;
			r->params[np++] = arena_strndup(r->a, path, sl);
		} else if (pl != sl || strncmp(pat, path, pl) != 0) {
			return 0;
		}
		pat += pl;
		path += sl;
	}
	return *pat == 0 && *path == 0;
}

const struct route *router_match(struct request *r, const char *method, const char *path,
				 int *path_known)
{
	*path_known = 0;
	for (size_t i = 0; i < route_count; i++) {
		if (!match(r, routes[i].pattern, path))
			continue;
		if (strcmp(routes[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0))
			return &routes[i];
		*path_known = 1;
	}
	return NULL;
}

const char *router_allowed(struct request *r, const char *path)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < route_count; i++) {
		if (!match(r, routes[i].pattern, path) || (b.p && strstr(b.p, routes[i].method)))
			continue;
		buf_printf(&b, "%s%s", b.n ? ", " : "", routes[i].method);
		if (strcmp(routes[i].method, "GET") == 0)
			buf_adds(&b, ", HEAD");
	}
	const char *out = arena_strbuf(r->a, &b);
	buf_free(&b);
	return out;
}

/* fuzz_router.c: the route table (src/http/routes.c) against any method
 * and path: router_match and router_allowed, which every request goes
 * through before a handler runs. The input's first line is the method,
 * the rest the path (libmicrohttpd hands the path on undecoded). A match
 * fills exactly the pattern's ":x" segments, each one non-empty segment
 * of the path; a path some route knows gets an Allow list. */
#include "fuzz.h"

#include "http/router.h"

extern const struct route routes[];
extern const size_t route_count;

static size_t count_params(const char *pattern)
{
	size_t n = 0;
	for (const char *p = pattern; *p; p++)
		n += p[0] == ':' && p > pattern && p[-1] == '/';
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n1 = nl ? (size_t)(nl - data) : size;
	char *method = fuzz_cstr(data, n1);
	char *path = fuzz_cstr(nl ? nl + 1 : data + size, nl ? size - n1 - 1 : 0);

	struct request r;
	memset(&r, 0, sizeof(r));
	r.a = arena_new();
	int known = -1;
	const struct route *rt = router_match(&r, method, path, &known);
	FUZZ_CHECK(known == 0 || known == 1);
	const char *allow = router_allowed(&r, path);
	FUZZ_CHECK(allow != NULL);
	if (rt) {
		FUZZ_CHECK(rt >= routes && rt < routes + route_count);
		FUZZ_CHECK(!strcmp(rt->method, method) ||
			   (!strcmp(method, "HEAD") && !strcmp(rt->method, "GET")));
		FUZZ_CHECK(strstr(allow, rt->method) != NULL);
		size_t np = count_params(rt->pattern);
		FUZZ_CHECK(np <= 4);
		for (size_t i = 0; i < np; i++) {
			FUZZ_CHECK(r.params[i] && *r.params[i]);
			FUZZ_CHECK(!strchr(r.params[i], '/'));
			FUZZ_CHECK(strstr(path, r.params[i]) != NULL);
		}
	}
	if (rt || known)
		FUZZ_CHECK(*allow);
	else
		FUZZ_CHECK(*allow == 0);
	/* Only paths that begin with a slash reach a route. */
	if (path[0] != '/')
		FUZZ_CHECK(!rt && !known);
	arena_free(r.a);
	free(path);
	free(method);
	return 0;
}

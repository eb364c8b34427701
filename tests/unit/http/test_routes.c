/* test_routes.c: the route table and the OpenAPI description agree, and
 * the router matches paths and parameters. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/asset.h"
#include "base/buf.h"
#include "http/router.h"

extern const struct route routes[];
extern const size_t route_count;

/* "/api/v1/people/:id/documents" -> "/people/{id}/documents" */
static void openapi_path(const char *pattern, struct buf *out)
{
	buf_reset(out);
	for (const char *p = pattern + strlen("/api/v1"); *p;) {
		if (*p == ':') {
			size_t n = strcspn(p + 1, "/");
			buf_addc(out, '{');
			buf_add(out, p + 1, n);
			buf_addc(out, '}');
			p += n + 1;
		} else {
			buf_addc(out, *p++);
		}
	}
}

static void every_api_route_is_documented(void **state)
{
	(void)state;
	const struct asset *as = asset_find("api/openapi.json");
	assert_non_null(as);
	json_t *doc = json_loadb((const char *)as->data, as->len, 0, NULL);
	assert_non_null(doc);
	json_t *paths = json_object_get(doc, "paths");
	struct buf path;
	buf_init(&path, 0);
	int api = 0;
	for (size_t i = 0; i < route_count; i++) {
		if (!(routes[i].flags & ROUTE_API) || strcmp(routes[i].pattern, "/api/v1/openapi.json") == 0)
			continue;
		api++;
		openapi_path(routes[i].pattern, &path);
		json_t *item = json_object_get(paths, path.p);
		if (!item)
			fail_msg("%s is not in openapi.json", path.p);
		char method[16];
		size_t n = strlen(routes[i].method);
		for (size_t k = 0; k <= n; k++)
			method[k] = (char)(routes[i].method[k] | (k < n ? 0x20 : 0));
		if (!json_object_get(item, method))
			fail_msg("%s %s is not in openapi.json", routes[i].method, path.p);
	}
	assert_true(api >= 10);
	buf_free(&path);
	json_decref(doc);
}

static void router_matches_parameters(void **state)
{
	(void)state;
	struct request r;
	int known;
	memset(&r, 0, sizeof(r));
	r.a = arena_new();
	const struct route *rt = router_match(&r, "GET", "/people/P-000012/edit", &known);
	assert_non_null(rt);
	assert_string_equal(rt->pattern, "/people/:id/edit");
	assert_string_equal(r.params[0], "P-000012");
	assert_null(router_match(&r, "DELETE", "/people/abc", &known));
	assert_true(known); /* the path exists with other methods: 405 */
	assert_null(router_match(&r, "GET", "/nowhere", &known));
	assert_false(known);
	assert_null(router_match(&r, "GET", "/people//edit", &known)); /* empty segment */
	const char *allow = router_allowed(&r, "/api/v1/people/x");
	assert_non_null(strstr(allow, "GET"));
	assert_non_null(strstr(allow, "PATCH"));
	assert_null(strstr(allow, "DELETE"));
	arena_free(r.a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_api_route_is_documented),
		cmocka_unit_test(router_matches_parameters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

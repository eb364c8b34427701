/* test_error.c: the error pages: a fault (500) shows a random error
 * number, in the user's language, and nothing else about the fault. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/i18n.h"
#include "web/web.h"
#include "support.h"

/* A request as the server builds it, without a connection: the error
 * page reads no header. */
static struct request *fake(struct arena *a, const char *lang)
{
	struct request *r = arena_alloc(a, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->a = a;
	r->method = "POST";
	r->path = "/people/0190a0b0-0000-7000-8000-000000000001/edit";
	r->lang = lang;
	i18n_use(lang);
	buf_init(&r->out, 1u << 20);
	return r;
}

/* The error number on the page, copied to out; 0 when there is none. */
static int error_id(const char *html, char out[32])
{
	const char *p = strstr(html, "<code class=\"error-id\">");
	if (!p)
		return 0;
	p += strlen("<code class=\"error-id\">");
	size_t n = strcspn(p, "<");
	if (n >= 32)
		return 0;
	memcpy(out, p, n);
	out[n] = 0;
	return 1;
}

static void test_fault_has_an_error_number(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct request *r = fake(a, "es");
	char id[32], other[32];
	web_error(r, DOM_ERROR);
	assert_int_equal(r->status, 500);
	assert_non_null(strstr(r->out.p, "Algo salió mal"));
	assert_true(error_id(r->out.p, id));
	assert_int_equal(strlen(id), 12);
	buf_free(&r->out);

	/* Random: another fault, another number; in English for English. */
	r = fake(a, "en");
	web_error(r, DOM_ERROR);
	assert_non_null(strstr(r->out.p, "Something went wrong"));
	assert_true(error_id(r->out.p, other));
	assert_string_not_equal(id, other);
	buf_free(&r->out);

	/* Errors that are no fault of ours have none. */
	r = fake(a, "es");
	web_error(r, DOM_NOTFOUND);
	assert_int_equal(r->status, 404);
	assert_false(error_id(r->out.p, id));
	buf_free(&r->out);
	arena_free(a);
}

int main(void)
{
	support_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fault_has_an_error_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_parse.c: the urlencoded and multipart body parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "http/request.h"

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static size_t count(const struct kv *l)
{
	size_t n = 0;
	for (; l; l = l->next)
		n++;
	return n;
}

static struct kv *form(struct arena *a, const char *s)
{
	return http_parse_urlencoded(a, s, strlen(s));
}

/* ---- urlencoded ---- */

static void test_urlencoded_basic(void **state)
{
	struct kv *l = form(*state, "a=1&b=hello+world&c=%41%42%c3%a9");
	assert_int_equal(count(l), 3);
	assert_string_equal(kv_get(l, "a"), "1");
	assert_string_equal(kv_get(l, "b"), "hello world");
	assert_string_equal(kv_get(l, "c"), "ABé");
	assert_int_equal(l->next->next->value_len, 4);
	assert_null(kv_get(l, "d"));
	assert_null(l->filename);
}

static void test_urlencoded_keys_are_decoded(void **state)
{
	struct kv *l = form(*state, "given+names=Mar%C3%ADa&q%5B%5D=1");
	assert_string_equal(kv_get(l, "given names"), "María");
	assert_string_equal(kv_get(l, "q[]"), "1");
}

static void test_urlencoded_escape_at_end(void **state)
{
	struct kv *l = form(*state, "x=%41");
	assert_string_equal(kv_get(l, "x"), "A");
	l = form(*state, "x=ab%2B");
	assert_string_equal(kv_get(l, "x"), "ab+");
}

static void test_urlencoded_invalid_escapes_kept(void **state)
{
	struct kv *l = form(*state, "a=%zz&b=%4&c=%&d=100%&e=%%41&f=%G1");
	assert_string_equal(kv_get(l, "a"), "%zz");
	assert_string_equal(kv_get(l, "b"), "%4");
	assert_string_equal(kv_get(l, "c"), "%");
	assert_string_equal(kv_get(l, "d"), "100%");
	assert_string_equal(kv_get(l, "e"), "%A");
	assert_string_equal(kv_get(l, "f"), "%G1");
}

static void test_urlencoded_empty_values(void **state)
{
	struct kv *l = form(*state, "a=&b&&c=3&=4&");
	assert_int_equal(count(l), 4);
	assert_string_equal(kv_get(l, "a"), "");
	assert_int_equal(l->value_len, 0);
	assert_string_equal(kv_get(l, "b"), "");
	assert_string_equal(kv_get(l, "c"), "3");
	assert_string_equal(kv_get(l, ""), "4");

	assert_null(form(*state, ""));
	assert_null(form(*state, "&&;&"));
}

static void test_urlencoded_repeated_keys(void **state)
{
	struct kv *l = form(*state, "needs=CR&needs=DS;needs=SM");
	assert_int_equal(count(l), 3);
	/* kv_get gives the first; the list keeps every value in order. */
	assert_string_equal(kv_get(l, "needs"), "CR");
	assert_string_equal(l->value, "CR");
	assert_string_equal(l->next->value, "DS");
	assert_string_equal(l->next->next->value, "SM");
}

static void test_urlencoded_nul_and_length(void **state)
{
	struct kv *l = form(*state, "a=x%00y");
	assert_int_equal(l->value_len, 3);
	assert_memory_equal(l->value, "x\0y", 3);
	/* Only n bytes are read. */
	l = http_parse_urlencoded(*state, "a=1&b=2", 3);
	assert_int_equal(count(l), 1);
	assert_string_equal(kv_get(l, "a"), "1");
	assert_null(http_parse_urlencoded(*state, "a=1", 0));
}

static void test_urlencoded_value_with_equals(void **state)
{
	struct kv *l = form(*state, "t=a=b=c");
	assert_string_equal(kv_get(l, "t"), "a=b=c");
}

/* ---- multipart ---- */

#define CRLF "\r\n"

static const char mp_body[] =
	"preamble is ignored" CRLF
	"--XyZ" CRLF
	"Content-Disposition: form-data; name=\"given_names\"" CRLF
	CRLF
	"María José" CRLF
	"--XyZ" CRLF
	"content-disposition: form-data; name=\"note\"" CRLF
	CRLF
	"line 1" CRLF "line 2" CRLF
	"--XyZ" CRLF
	"Content-Disposition: form-data; name=\"file\"; filename=\"id card.txt\"" CRLF
	"Content-Type: text/plain" CRLF
	CRLF
	"bin\0ary--XyZ" CRLF
	"--XyZ--" CRLF
	"epilogue" CRLF;

static void test_multipart_fields_and_file(void **state)
{
	struct kv *l = NULL;
	assert_int_equal(http_parse_multipart(*state, "XyZ", mp_body, sizeof(mp_body) - 1, &l), 0);
	assert_int_equal(count(l), 3);
	assert_string_equal(kv_get(l, "given_names"), "María José");
	assert_null(l->filename);
	assert_string_equal(kv_get(l, "note"), "line 1" CRLF "line 2");
	const struct kv *f = l->next->next;
	assert_string_equal(f->key, "file");
	assert_non_null(f->filename);
	assert_string_equal(f->filename, "id card.txt");
	assert_int_equal(f->value_len, 12);
	assert_memory_equal(f->value, "bin\0ary--XyZ", 12);
}

static void test_multipart_empty_value_and_nameless(void **state)
{
	static const char body[] =
		"--b" CRLF
		"Content-Disposition: form-data; name=\"empty\"" CRLF CRLF
		CRLF
		"--b" CRLF
		"X-Other: 1" CRLF CRLF
		"no name, dropped" CRLF
		"--b" CRLF
		"Content-Disposition: form-data; filename=\"f\"; name=\"late\"" CRLF CRLF
		"v" CRLF
		"--b--";
	struct kv *l = NULL;
	assert_int_equal(http_parse_multipart(*state, "b", body, sizeof(body) - 1, &l), 0);
	assert_int_equal(count(l), 2);
	assert_string_equal(kv_get(l, "empty"), "");
	assert_int_equal(l->value_len, 0);
	assert_string_equal(kv_get(l, "late"), "v");
	assert_string_equal(l->next->filename, "f");
}

static void test_multipart_malformed(void **state)
{
	static const struct {
		const char *body;
	} cases[] = {
		{ "" },
		{ "no delimiter here at all" },
		{ "--XyZ" },
		{ "--XyZ\r" },
		{ "--XyZ garbage" CRLF },
		{ "--XyZ" CRLF },
		{ "--XyZ" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF },
		{ "--XyZ" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "value never closed" },
		{ "--XyZ" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "v" CRLF "--XyZ" },
		{ "--XyZ" CRLF "Content-Disposition: form-data; name=\"a" CRLF CRLF "v" CRLF "--XyZ" CRLF },
		{ "--XyZ" CRLF CRLF CRLF },
		{ "--XyZ" CRLF "Content-Disposition: form-data; name=\"" CRLF CRLF },
		{ "--XyZ" CRLF "Content-Disposition:" CRLF CRLF "v" CRLF "--XyZX" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* An exact-size heap copy, so ASan sees any read past the end. */
		size_t n = strlen(cases[i].body);
		char *copy = malloc(n ? n : 1);
		memcpy(copy, cases[i].body, n);
		struct kv *l = (struct kv *)1;
		int rc = http_parse_multipart(*state, "XyZ", copy, n, &l);
		if (rc != -1)
			fail_msg("case %zu: expected -1, got %d", i, rc);
		free(copy);
	}
}

static void test_multipart_partial_result_on_error(void **state)
{
	static const char body[] =
		"--b" CRLF
		"Content-Disposition: form-data; name=\"a\"" CRLF CRLF
		"1" CRLF
		"--b" CRLF
		"Content-Disposition: form-data; name=\"b\"" CRLF CRLF
		"truncated";
	struct kv *l = NULL;
	assert_int_equal(http_parse_multipart(*state, "b", body, sizeof(body) - 1, &l), -1);
	assert_int_equal(count(l), 1);
	assert_string_equal(kv_get(l, "a"), "1");
}

static void test_multipart_every_truncation(void **state)
{
	/* Every prefix of a valid body parses or fails cleanly. */
	size_t n = sizeof(mp_body) - 1;
	for (size_t k = 0; k <= n; k++) {
		char *copy = malloc(k ? k : 1);
		memcpy(copy, mp_body, k);
		struct kv *l;
		int rc = http_parse_multipart(*state, "XyZ", copy, k, &l);
		assert_true(rc == 0 || rc == -1);
		free(copy);
	}
}

static void test_boundary_from_content_type(void **state)
{
	struct arena *a = *state;
	assert_string_equal(http_multipart_boundary(a, "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk"),
			    "----WebKitFormBoundary7MA4YWxk");
	assert_string_equal(http_multipart_boundary(a, "Multipart/Form-Data; BOUNDARY=abc; charset=utf-8"), "abc");
	assert_string_equal(http_multipart_boundary(a, "multipart/form-data; boundary=\"a b;c\""), "a b;c");
	assert_null(http_multipart_boundary(a, "application/x-www-form-urlencoded"));
	assert_null(http_multipart_boundary(a, "multipart/form-data"));
	assert_null(http_multipart_boundary(a, "multipart/form-data; boundary="));
	assert_null(http_multipart_boundary(a, "multipart/form-data; boundary=\"\""));
	assert_null(http_multipart_boundary(a, NULL));
	char longb[128] = "multipart/form-data; boundary=";
	size_t k = strlen(longb);
	memset(longb + k, 'x', 71);
	longb[k + 71] = 0;
	assert_null(http_multipart_boundary(a, longb));
	longb[k + 70] = 0;
	assert_non_null(http_multipart_boundary(a, longb));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_urlencoded_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_keys_are_decoded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_escape_at_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_invalid_escapes_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_empty_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_repeated_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_nul_and_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_value_with_equals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_fields_and_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_empty_value_and_nameless, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_partial_result_on_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multipart_every_truncation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boundary_from_content_type, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_json.c: a record as the API answers it: every field but the
 * secret ones, integers as numbers, absent values as null, and the same
 * object whether it is answered alone (api_record) or in a list
 * (api_list). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"

static struct user sample(void)
{
	return (struct user){ .id = "0190a0b0-0000-7000-8000-000000000001",
			      .name = "jperez",
			      .full_name = "José \"Pepe\" Pérez\n",
			      .role = "caseworker",
			      .areas = "legal,psychosocial",
			      .lang = "es",
			      .password_hash = "$argon2id$secret",
			      .disabled = "1",
			      .created_at = "2026-11-28T21:00:00Z" };
}

static void test_record_fields(void **state)
{
	(void)state;
	struct user u = sample();
	json_t *o = api_record(&ENT_USER, &u);
	assert_non_null(o);
	assert_null(json_object_get(o, "password_hash")); /* secret: never answered */
	assert_string_equal(json_string_value(json_object_get(o, "full_name")),
			    "José \"Pepe\" Pérez\n");
	assert_true(json_is_integer(json_object_get(o, "disabled")));
	assert_int_equal(json_integer_value(json_object_get(o, "disabled")), 1);
	assert_true(json_is_null(json_object_get(o, "office"))); /* absent */
	json_decref(o);
}

static void test_text_not_utf8_is_replaced(void **state)
{
	(void)state;
	struct user u = sample();
	u.full_name = "Jos\xe9 P\xc3"; /* Latin-1 é, then a cut sequence */
	json_t *o = api_record(&ENT_USER, &u);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "full_name")),
			    "Jos\xef\xbf\xbd P\xef\xbf\xbd");
	json_decref(o);
}

/* The list writes its items as text; they must parse to the very object
 * api_record builds. */
static void test_list_item_equals_record(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct request r = { .a = a };
	buf_init(&r.out, 1u << 20);
	struct user u = sample(), bad = sample();
	bad.full_name = "Jos\xe9";
	void *items[] = { &u, &bad };
	struct store_list l = { .items = items, .n = 2, .total = 2 };
	api_list(&r, &ENT_USER, &l, 50, 0);
	json_t *page = json_loadb(r.out.p, r.out.n, 0, NULL);
	assert_non_null(page);
	for (size_t i = 0; i < 2; i++) {
		json_t *one = api_record(&ENT_USER, items[i]);
		assert_true(json_equal(json_array_get(json_object_get(page, "items"), i), one));
		json_decref(one);
	}
	json_decref(page);
	buf_free(&r.out);
	arena_free(a);
}

/* resp_json writes the answer itself: the very text jansson's compact
 * dump gives (keys in the order set), and the same value once parsed when
 * a string holds control characters, which it escapes as \u00XX. */
static void test_answer_is_jansson_text(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct request r = { .a = a };
	buf_init(&r.out, 1u << 20);
	json_t *o = json_pack("{s:s, s:i, s:I, s:f, s:b, s:b, s:n, s:[s, i, {}, []], s:{s:s}, s:s}",
			      "name", "José \"Pepe\" \\ Pérez / ñ", "n", -42, "big",
			      (json_int_t)9007199254740993LL, "score", 0.57, "yes", 1, "no", 0,
			      "none", "list", "a", 7, "nested", "k", "v", "empty", "");
	assert_non_null(o);
	char *want = json_dumps(o, JSON_COMPACT);
	resp_json(&r, 201, json_incref(o));
	assert_int_equal(r.status, 201);
	assert_string_equal(r.content_type, "application/json");
	assert_string_equal(r.out.p, want);
	free(want);

	json_object_set_new(o, "name", json_string("line\none\ttab\x01"));
	resp_json(&r, 200, json_incref(o));
	json_t *back = json_loadb(r.out.p, r.out.n, 0, NULL);
	assert_non_null(back);
	assert_true(json_equal(back, o));
	json_decref(back);
	json_decref(o);
	buf_free(&r.out);
	arena_free(a);
}

/* A list of codes: an array of strings or one string; a list longer than
 * any catalogue, or with a non-string, is an error under its key. */
static void test_codes(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct request r = { .a = a };
	struct errors errs = { .n = 0 };
	json_t *body = json_pack("{s:[s,s,s], s:s, s:[s,i]}", "list", "identity", "contact", "assessments",
				 "text", "contact,identity", "mixed", "contact", 3);
	assert_string_equal(api_codes(&r, body, "list", &errs), "identity,contact,assessments");
	assert_string_equal(api_codes(&r, body, "text", &errs), "contact,identity");
	assert_null(api_codes(&r, body, "absent", &errs));
	assert_int_equal(errs.n, 0);
	assert_null(api_codes(&r, body, "mixed", &errs));
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.e[0].field, "mixed");
	json_t *many = json_array();
	for (int i = 0; i < API_LIST_MAX + 1; i++)
		json_array_append_new(many, json_string("contact"));
	json_object_set_new(body, "many", many);
	assert_null(api_codes(&r, body, "many", &errs));
	assert_int_equal(errs.n, 2);
	assert_string_equal(errs.e[1].field, "many");
	json_array_remove(many, 0);
	assert_non_null(api_codes(&r, body, "many", &errs));
	json_decref(body);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_fields),
		cmocka_unit_test(test_text_not_utf8_is_replaced),
		cmocka_unit_test(test_list_item_equals_record),
		cmocka_unit_test(test_answer_is_jansson_text),
		cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

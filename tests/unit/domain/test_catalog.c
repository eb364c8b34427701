/* test_catalog.c: lookups over the code lists, and the lists' integrity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "domain/catalog.h"

static const struct catalog *const all[] = {
	&CAT_COUNTRY, &CAT_SEX, &CAT_LEGAL_STATUS, &CAT_RELATIONSHIP, &CAT_NEED, &CAT_DOCUMENT_TYPE,
	&CAT_CONSENT_SCOPE, &CAT_PROVINCE, &CAT_DISTRICT, &CAT_ROLE, &CAT_AREA,
};

static void test_codes_lists(void **state)
{
	const char *list = " SM, WR-LC  SV,,", *p = list;
	char c[8];
	(void)state;
	assert_true(codes_next(&p, c, sizeof(c)));
	assert_string_equal(c, "SM");
	assert_true(codes_next(&p, c, sizeof(c)));
	assert_string_equal(c, "WR-LC");
	assert_true(codes_next(&p, c, sizeof(c)));
	assert_string_equal(c, "SV");
	assert_false(codes_next(&p, c, sizeof(c)));
	assert_true(codes_has(list, "WR-LC"));
	assert_false(codes_has(list, "WR"));   /* a prefix is not the code */
	assert_false(codes_has(NULL, "SM"));
	/* A code longer than the buffer matches nothing, not its prefix. */
	p = "ABCDEFGHIJ";
	assert_true(codes_next(&p, c, sizeof(c)));
	assert_false(codes_has("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE"));
}

/* A list as a form or an API client sends it: each code once, in the
 * catalogue's order; repeats gone, so a list sent a million times over
 * stays a few bytes; the first unknown code kept, for validation. */
static void test_codes_clean(void **state)
{
	struct arena *a = arena_new();
	(void)state;
	assert_string_equal(catalog_codes_clean(a, &CAT_REFERRAL_SHARED, "contact, identity,contact"),
			    "identity,contact");
	assert_string_equal(catalog_codes_clean(a, &CAT_REFERRAL_SHARED, "zz,contact,yy"), "contact,zz");
	assert_null(catalog_codes_clean(a, &CAT_REFERRAL_SHARED, " , "));
	assert_null(catalog_codes_clean(a, &CAT_REFERRAL_SHARED, NULL));
	size_t n = 200000;
	char *many = malloc(8 * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(many + 8 * i, "contact,", 8);
	many[8 * n] = 0;
	assert_string_equal(catalog_codes_clean(a, &CAT_REFERRAL_SHARED, many), "contact");
	free(many);
	arena_free(a);
}

static void test_find_and_label(void **state)
{
	assert_non_null(catalog_find(&CAT_COUNTRY, "VEN"));
	assert_null(catalog_find(&CAT_COUNTRY, "ZZZ"));
	assert_null(catalog_find(&CAT_COUNTRY, NULL));
	assert_true(strlen(catalog_label(&CAT_COUNTRY, "VEN")) > 0);
	assert_string_equal(catalog_label(&CAT_COUNTRY, "ZZZ"), "ZZZ");
	assert_string_equal(catalog_label(&CAT_COUNTRY, NULL), "");
}

static void test_codes_unique_and_labelled(void **state)
{
	for (size_t c = 0; c < sizeof(all) / sizeof(all[0]); c++) {
		assert_true(all[c]->n > 0);
		for (size_t i = 0; i < all[c]->n; i++) {
			assert_true(strlen(all[c]->items[i].code) > 0);
			assert_true(strlen(all[c]->items[i].label) > 0);
			assert_ptr_equal(catalog_find(all[c], all[c]->items[i].code), &all[c]->items[i]);
		}
	}
}

static void test_every_district_is_in_a_province(void **state)
{
	for (size_t i = 0; i < CAT_DISTRICT.n; i++) {
		const char *d = CAT_DISTRICT.items[i].code;
		char prov[12];
		assert_int_equal(strlen(d), 4);
		snprintf(prov, sizeof(prov), "%d", (d[0] - '0') * 10 + (d[1] - '0'));
		if (!catalog_find(&CAT_PROVINCE, prov))
			fail_msg("district %s: no province %s", d, prov);
	}
}

static void test_required_codes_exist(void **state)
{
	/* Codes the rest of amparo writes by itself. */
	assert_non_null(catalog_find(&CAT_RELATIONSHIP, "head"));
	assert_non_null(catalog_find(&CAT_RELATIONSHIP, "other_relative"));
	assert_non_null(catalog_find(&CAT_COUNTRY, "XXA"));
	assert_non_null(catalog_find(&CAT_COUNTRY, "XXX"));
	assert_non_null(catalog_find(&CAT_ROLE, "admin"));
	assert_non_null(catalog_find(&CAT_ROLE, "ethics"));
	assert_non_null(catalog_find(&CAT_ROLE, "readonly"));
	for (size_t i = 0; i < CAT_COUNTRY.n; i++)
		assert_int_equal(strlen(CAT_COUNTRY.items[i].code), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes_lists),
		cmocka_unit_test(test_codes_clean),
		cmocka_unit_test(test_find_and_label),
		cmocka_unit_test(test_codes_unique_and_labelled),
		cmocka_unit_test(test_every_district_is_in_a_province),
		cmocka_unit_test(test_required_codes_exist),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

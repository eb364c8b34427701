/* test_auth.c: the role-permission table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/auth.h"
#include "domain/domain.h"

static struct user as(const char *role)
{
	return (struct user){ .id = "u", .name = "u", .role = (char *)role, .areas = "",
			      .disabled = "0" };
}

static void test_nobody_is_unauthenticated(void **state)
{
	assert_int_equal(auth_check(NULL, PERM_REGISTRY_READ), DOM_UNAUTH);
	struct user u = as("admin");
	u.disabled = "1";
	assert_int_equal(auth_check(&u, PERM_REGISTRY_READ), DOM_UNAUTH);
	assert_int_equal(auth_check(&u, PERM_USERS_MANAGE), DOM_UNAUTH);
}

static void test_role_matrix(void **state)
{
	static const struct {
		const char *role;
		int read, write, users, audit, merge, partners;
	} m[] = {
		{ "admin", 1, 1, 1, 1, 1, 1 },	 { "supervisor", 1, 1, 0, 1, 1, 1 },
		{ "caseworker", 1, 1, 0, 0, 0, 0 }, { "assistance", 1, 1, 0, 0, 0, 0 },
		{ "community", 1, 1, 0, 0, 0, 0 },	 { "me", 1, 0, 0, 0, 0, 0 },
		{ "ethics", 0, 0, 0, 0, 0, 0 },	 { "readonly", 1, 0, 0, 0, 0, 0 },
		{ "superuser", 0, 0, 0, 0, 0, 0 },	 { "", 0, 0, 0, 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		struct user u = as(m[i].role);
		assert_int_equal(auth_check(&u, PERM_REGISTRY_READ), m[i].read ? DOM_OK : DOM_FORBIDDEN);
		assert_int_equal(auth_check(&u, PERM_REGISTRY_WRITE), m[i].write ? DOM_OK : DOM_FORBIDDEN);
		assert_int_equal(auth_check(&u, PERM_USERS_MANAGE), m[i].users ? DOM_OK : DOM_FORBIDDEN);
		assert_int_equal(auth_check(&u, PERM_AUDIT_READ), m[i].audit ? DOM_OK : DOM_FORBIDDEN);
		assert_int_equal(auth_check(&u, PERM_REGISTRY_MERGE), m[i].merge ? DOM_OK : DOM_FORBIDDEN);
		assert_int_equal(auth_check(&u, PERM_PARTNERS_MANAGE), m[i].partners ? DOM_OK : DOM_FORBIDDEN);
	}
	struct user noroles = as(NULL);
	assert_int_equal(auth_check(&noroles, PERM_REGISTRY_READ), DOM_FORBIDDEN);
	struct user nodisabled = as("readonly");
	nodisabled.disabled = NULL;
	assert_int_equal(auth_check(&nodisabled, PERM_REGISTRY_READ), DOM_OK);
}

static void test_areas(void **state)
{
	struct user u = as("caseworker");
	u.areas = "legal,psychosocial";
	assert_true(auth_in_area(&u, "legal"));
	assert_true(auth_in_area(&u, "psychosocial"));
	assert_false(auth_in_area(&u, "leg"));
	assert_false(auth_in_area(&u, "psycho"));
	assert_false(auth_in_area(&u, "livelihoods"));
	assert_false(auth_in_area(&u, ""));
	u.areas = "";
	assert_false(auth_in_area(&u, "legal"));
	assert_false(auth_in_area(NULL, "legal"));

	struct user admin = as("admin");
	assert_true(auth_in_area(&admin, "legal"));
}

/* An admin has every area, even with no areas recorded. */
static void test_admin_without_areas_has_all(void **state)
{
	struct user admin = as("admin");
	admin.areas = NULL;
	assert_true(auth_in_area(&admin, "legal"));
}

/* Offices: only the administrator sees and manages every office;
 * supervisors and everyone else are bound to their own. */
static void test_offices(void **state)
{
	static const char *const roles[] = { "supervisor", "caseworker", "assistance", "community",
					     "me", "ethics", "readonly" };
	struct user admin = as("admin");
	assert_int_equal(auth_check(&admin, PERM_OFFICES_ALL), DOM_OK);
	assert_int_equal(auth_check(&admin, PERM_OFFICES_MANAGE), DOM_OK);
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		struct user u = as(roles[i]);
		assert_int_equal(auth_check(&u, PERM_OFFICES_ALL), DOM_FORBIDDEN);
		assert_int_equal(auth_check(&u, PERM_OFFICES_MANAGE), DOM_FORBIDDEN);
	}
	struct user u = as("caseworker");
	u.office = "pty,dar";
	assert_true(auth_in_office(&u, "pty"));
	assert_true(auth_in_office(&u, "dar"));
	assert_false(auth_in_office(&u, "da"));
	assert_false(auth_in_office(&u, "chq"));
	u.office = NULL;
	assert_false(auth_in_office(&u, "pty"));
	assert_false(auth_in_office(&admin, "pty")); /* admins see all through PERM_OFFICES_ALL */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nobody_is_unauthenticated),
		cmocka_unit_test(test_role_matrix),
		cmocka_unit_test(test_areas),
		cmocka_unit_test(test_admin_without_areas_has_all),
		cmocka_unit_test(test_offices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

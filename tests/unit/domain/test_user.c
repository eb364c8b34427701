/* test_user.c: accounts, login throttling, sessions and API tokens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "support.h"

/* session_login slows down repeated failures with sleep(); the tests count
 * the seconds it asks for instead of waiting them. */
static unsigned slept;

unsigned int sleep(unsigned int seconds)
{
	slept += seconds;
	return 0;
}

static int login(struct fixture *f, const char *name, const char *pw, char cookie[64],
		 struct session *s, struct user *u)
{
	struct ctx c = f->c;
	c.user = NULL;
	return session_login(&c, name, pw, cookie, s, u);
}

static void test_create_validation(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *name, *role, *areas, *password, *field;
	} cases[] = {
		{ "a", "caseworker", NULL, TEST_PASSWORD, "name" },
		{ "ana maria", "caseworker", NULL, TEST_PASSWORD, "name" },
		{ "ana/maria", "caseworker", NULL, TEST_PASSWORD, "name" },
		{ "ana", "boss", NULL, TEST_PASSWORD, "role" },
		{ "ana", NULL, NULL, TEST_PASSWORD, "role" },
		{ "ana", "caseworker", "legal,cooking", TEST_PASSWORD, "areas" },
		{ "ana", "caseworker", NULL, "short", "password" },
		{ "ana", "caseworker", NULL, NULL, "password" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct errors errs = { .n = 0 };
		int rc = user_create(&f->c, cases[i].name, "Ana", cases[i].role, cases[i].areas, "PTY",
				     cases[i].password, &errs, NULL);
		if (rc != DOM_INVALID || !errors_for(&errs, cases[i].field) || errs.n != 1)
			fail_msg("case %zu: rc %d, %d errors", i, rc, errs.n);
	}
	struct user u;
	assert_int_equal(user_find(&f->c, "ana", &u), DOM_NOTFOUND);
}

static void test_create_and_find(void **state)
{
	struct fixture *f = *state;
	struct user u, again;
	struct errors errs = { .n = 0 };
	assert_int_equal(user_create(&f->c, "ana.ruiz", "Ana Ruiz", "caseworker", "legal,psychosocial",
				     "PTY", TEST_PASSWORD, &errs, &u),
			 DOM_OK);
	assert_int_equal(strlen(u.id), 36);
	assert_string_equal(u.role, "caseworker");
	assert_string_equal(u.areas, "legal,psychosocial");
	assert_string_equal(u.disabled, "0");
	assert_string_not_equal(u.password_hash, TEST_PASSWORD);
	assert_int_equal(crypto_password_verify(u.password_hash, TEST_PASSWORD), 0);
	assert_int_equal(user_get(&f->c, u.id, &again), DOM_OK);
	assert_string_equal(again.name, "ana.ruiz");

	/* The name is unique. */
	struct errors e2 = { .n = 0 };
	assert_int_equal(user_create(&f->c, "ana.ruiz", "Otra", "readonly", NULL, "PTY", TEST_PASSWORD,
				     &e2, NULL),
			 DOM_INVALID);
	assert_non_null(errors_for(&e2, "name"));

	struct store_list l;
	assert_int_equal(user_list(&f->c, &l), DOM_OK);
	assert_int_equal(l.n, 2);

	/* The creation is audited by name of fields only. */
	assert_int_equal(audit_list_for(&f->c, u.id, 0, 1, 1, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct audit_event *)l.items[0])->action, "create");
}

static void test_only_admins_manage_users(void **state)
{
	struct fixture *f = *state;
	struct user sup;
	struct errors errs = { .n = 0 };
	char token[64];
	struct store_list l;
	fixture_user(f, "supervisora", "supervisor", &sup);
	f->c.user = &sup;
	assert_int_equal(user_create(&f->c, "beto", "Beto", "caseworker", NULL, "PTY", TEST_PASSWORD,
				     &errs, NULL),
			 DOM_FORBIDDEN);
	assert_int_equal(user_set_disabled(&f->c, "admin", 1), DOM_FORBIDDEN);
	assert_int_equal(user_set_password(&f->c, "admin", "another long password", &errs), DOM_FORBIDDEN);
	assert_int_equal(token_create(&f->c, "supervisora", "mine", token), DOM_FORBIDDEN);
	assert_int_equal(user_list(&f->c, &l), DOM_FORBIDDEN);
	f->c.user = &f->admin;
	struct user u;
	assert_int_equal(user_find(&f->c, "beto", &u), DOM_NOTFOUND);
}

static void test_login_and_session(void **state)
{
	struct fixture *f = *state;
	char cookie[64];
	struct session s, s2;
	struct user u, su;
	assert_int_equal(login(f, "admin", TEST_PASSWORD, cookie, &s, &u), DOM_OK);
	assert_int_equal(strlen(cookie), 43);
	assert_string_equal(u.id, f->admin.id);
	assert_string_equal(s.user_id, f->admin.id);
	assert_int_equal(strlen(s.csrf), 43);
	assert_string_not_equal(s.csrf, cookie);
	/* Only a hash of the cookie is stored. */
	assert_string_not_equal(s.id, cookie);
	struct session raw;
	assert_int_equal(store_get(f->db.st, &ENT_SESSION, f->a, "id", cookie, &raw), STORE_NOTFOUND);

	assert_int_equal(session_lookup(&f->c, cookie, &s2, &su), DOM_OK);
	assert_string_equal(su.id, f->admin.id);
	assert_string_equal(s2.csrf, s.csrf);

	char other[64];
	memcpy(other, cookie, sizeof(other));
	other[0] = other[0] == 'A' ? 'B' : 'A';
	assert_int_equal(session_lookup(&f->c, other, &s2, &su), DOM_UNAUTH);
	assert_int_equal(session_lookup(&f->c, "short", &s2, &su), DOM_UNAUTH);
	assert_int_equal(session_lookup(&f->c, NULL, &s2, &su), DOM_UNAUTH);

	/* A second login is a second session. */
	char cookie2[64];
	assert_int_equal(login(f, "admin", TEST_PASSWORD, cookie2, NULL, NULL), DOM_OK);
	assert_string_not_equal(cookie, cookie2);

	assert_int_equal(session_logout(&f->c, cookie), DOM_OK);
	assert_int_equal(session_lookup(&f->c, cookie, &s2, &su), DOM_UNAUTH);
	assert_int_equal(session_lookup(&f->c, cookie2, &s2, &su), DOM_OK);
	/* The logout is audited; a second one of the same cookie is a no-op. */
	struct store_list l;
	assert_int_equal(audit_list_for(&f->c, f->admin.id, 0, 1, 1, &l), DOM_OK);
	assert_string_equal(((struct audit_event *)l.items[0])->action, "logout");
	assert_string_equal(((struct audit_event *)l.items[0])->user_id, f->admin.id);
	assert_int_equal(session_logout(&f->c, cookie), DOM_OK);
}

/* Moves a session's clocks: last seen and expiry, in seconds from now. */
static void age_session(struct fixture *f, const char *cookie, long seen, long expires)
{
	char id[65], last[32], exp[32];
	struct session s;
	crypto_sha256_hex(cookie, strlen(cookie), id);
	assert_int_equal(store_get(f->db.st, &ENT_SESSION, f->a, "id", id, &s), STORE_OK);
	time_iso_after(seen, last);
	time_iso_after(expires, exp);
	s.last_seen = last;
	s.expires_at = exp;
	assert_int_equal(store_update(f->db.st, &ENT_SESSION, &s), STORE_OK);
}

static void test_session_idle_and_expiry(void **state)
{
	struct fixture *f = *state;
	char cookie[64], before[32];
	struct session s;
	struct user u;

	/* Seen two minutes ago: still valid, and the idle timer restarts. */
	assert_int_equal(login(f, "admin", TEST_PASSWORD, cookie, NULL, NULL), DOM_OK);
	age_session(f, cookie, -120, 3600);
	time_iso_after(-5, before);
	assert_int_equal(session_lookup(&f->c, cookie, &s, &u), DOM_OK);
	assert_true(strcmp(s.last_seen, before) >= 0);

	/* Idle past the limit: refused and removed. */
	age_session(f, cookie, -(SESSION_IDLE_SECONDS + 60), 3600);
	assert_int_equal(session_lookup(&f->c, cookie, &s, &u), DOM_UNAUTH);
	long long n = -1;
	assert_int_equal(store_count(f->db.st, &ENT_SESSION, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);

	/* Past its absolute expiry, however active. */
	assert_int_equal(login(f, "admin", TEST_PASSWORD, cookie, NULL, NULL), DOM_OK);
	age_session(f, cookie, 0, -1);
	assert_int_equal(session_lookup(&f->c, cookie, &s, &u), DOM_UNAUTH);
}

static void test_login_failures(void **state)
{
	struct fixture *f = *state;
	char cookie[64];
	assert_int_equal(login(f, "admin", "wrong password!", cookie, NULL, NULL), DOM_UNAUTH);
	assert_int_equal(login(f, "nobody", TEST_PASSWORD, cookie, NULL, NULL), DOM_UNAUTH);
	assert_int_equal(login(f, "admin", "", cookie, NULL, NULL), DOM_UNAUTH);
	assert_int_equal(login(f, "admin", NULL, cookie, NULL, NULL), DOM_UNAUTH);
	assert_int_equal(login(f, NULL, TEST_PASSWORD, cookie, NULL, NULL), DOM_UNAUTH);
	long long n = -1;
	assert_int_equal(store_count(f->db.st, &ENT_SESSION, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);
	/* Failures are audited, without the password. */
	struct store_list l;
	assert_int_equal(audit_list_for(&f->c, f->admin.id, 0, 1, 1, &l), DOM_OK);
	assert_string_equal(((struct audit_event *)l.items[0])->action, "login_failed");
	assert_null(((struct audit_event *)l.items[0])->fields);
}

static void test_throttled_after_ten_failures(void **state)
{
	struct fixture *f = *state;
	char cookie[64];
	struct user beto;
	fixture_user(f, "beto", "caseworker", &beto);
	slept = 0;
	for (int i = 1; i <= 10; i++)
		assert_int_equal(login(f, "admin", "wrong password!", cookie, NULL, NULL), DOM_UNAUTH);
	/* Answers slowed down after the third failure. */
	assert_true(slept > 0);
	/* Locked: even the right password is refused now. */
	assert_int_equal(login(f, "admin", TEST_PASSWORD, cookie, NULL, NULL), DOM_THROTTLED);
	assert_int_equal(login(f, "admin", "wrong password!", cookie, NULL, NULL), DOM_THROTTLED);
	/* The lock is per account: another user at the same address logs in. */
	assert_int_equal(login(f, "beto", TEST_PASSWORD, cookie, NULL, NULL), DOM_OK);
}

static void test_success_resets_failures(void **state)
{
	struct fixture *f = *state;
	char cookie[64];
	for (int i = 0; i < 9; i++)
		assert_int_equal(login(f, "admin", "wrong password!", cookie, NULL, NULL), DOM_UNAUTH);
	assert_int_equal(login(f, "admin", TEST_PASSWORD, cookie, NULL, NULL), DOM_OK);
	for (int i = 0; i < 9; i++)
		assert_int_equal(login(f, "admin", "wrong password!", cookie, NULL, NULL), DOM_UNAUTH);
	assert_int_equal(login(f, "admin", TEST_PASSWORD, cookie, NULL, NULL), DOM_OK);
}

static void test_unknown_names_are_throttled_too(void **state)
{
	struct fixture *f = *state;
	char cookie[64];
	for (int i = 0; i < 10; i++)
		assert_int_equal(login(f, "ghost", "whatever pw", cookie, NULL, NULL), DOM_UNAUTH);
	assert_int_equal(login(f, "ghost", "whatever pw", cookie, NULL, NULL), DOM_THROTTLED);
}

static void test_disabled_user(void **state)
{
	struct fixture *f = *state;
	char cookie[64], token[64];
	struct session s;
	struct user beto, u;
	fixture_user(f, "beto", "caseworker", &beto);
	assert_int_equal(login(f, "beto", TEST_PASSWORD, cookie, &s, NULL), DOM_OK);
	assert_int_equal(token_create(&f->c, "beto", "script", token), DOM_OK);
	assert_int_equal(user_set_disabled(&f->c, "beto", 1), DOM_OK);

	char cookie2[64];
	assert_int_equal(login(f, "beto", TEST_PASSWORD, cookie2, NULL, NULL), DOM_UNAUTH);
	assert_int_equal(session_lookup(&f->c, cookie, &s, &u), DOM_UNAUTH);
	assert_int_equal(token_lookup(&f->c, token, &u), DOM_UNAUTH);

	assert_int_equal(user_set_disabled(&f->c, "beto", 0), DOM_OK);
	assert_int_equal(login(f, "beto", TEST_PASSWORD, cookie2, NULL, NULL), DOM_OK);
	assert_int_equal(token_lookup(&f->c, token, &u), DOM_OK);
	assert_int_equal(user_set_disabled(&f->c, "nobody", 1), DOM_NOTFOUND);
}

static void test_set_password(void **state)
{
	struct fixture *f = *state;
	char cookie[64];
	struct errors errs = { .n = 0 };
	fixture_user(f, "beto", "caseworker", NULL);
	assert_int_equal(user_set_password(&f->c, "beto", "short", &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "password"));
	struct errors e2 = { .n = 0 };
	assert_int_equal(user_set_password(&f->c, "beto", "a brand new passphrase", &e2), DOM_OK);
	assert_int_equal(login(f, "beto", TEST_PASSWORD, cookie, NULL, NULL), DOM_UNAUTH);
	assert_int_equal(login(f, "beto", "a brand new passphrase", cookie, NULL, NULL), DOM_OK);
	/* An administrator's reset ends every session of the user. */
	struct session s;
	struct user u;
	struct errors e3 = { .n = 0 };
	assert_int_equal(user_set_password(&f->c, "beto", "another brand new one", &e3), DOM_OK);
	assert_int_equal(session_lookup(&f->c, cookie, &s, &u), DOM_UNAUTH);
}

static void test_change_own_password(void **state)
{
	struct fixture *f = *state;
	char here[64], there[64];
	struct session s, s2;
	struct user u, su;
	fixture_user(f, "carla", "caseworker", NULL);
	assert_int_equal(login(f, "carla", TEST_PASSWORD, here, &s, &u), DOM_OK);
	assert_int_equal(login(f, "carla", TEST_PASSWORD, there, NULL, NULL), DOM_OK);
	struct ctx c = f->c;
	c.user = &u;
	struct errors errs = { .n = 0 };
	assert_int_equal(user_change_password(&c, "wrong one", "lluvia en el canal", s.id, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "current"));
	struct errors e2 = { .n = 0 };
	assert_int_equal(user_change_password(&c, TEST_PASSWORD, TEST_PASSWORD, s.id, &e2), DOM_INVALID);
	assert_non_null(errors_for(&e2, "password"));
	assert_int_equal(session_lookup(&f->c, there, &s2, &su), DOM_OK);
	struct errors e3 = { .n = 0 };
	assert_int_equal(user_change_password(&c, TEST_PASSWORD, "lluvia en el canal", s.id, &e3), DOM_OK);
	assert_int_equal(session_lookup(&f->c, here, &s2, &su), DOM_OK);
	assert_int_equal(session_lookup(&f->c, there, &s2, &su), DOM_UNAUTH);
	struct store_list l;
	assert_int_equal(audit_list_for(&f->c, u.id, 0, 1, 1, &l), DOM_OK);
	assert_string_equal(((struct audit_event *)l.items[0])->action, "password");
	c.user = NULL;
	assert_int_equal(user_change_password(&c, "x", "y", NULL, &e3), DOM_UNAUTH);
}

static void test_tokens(void **state)
{
	struct fixture *f = *state;
	char value[64], value2[64];
	struct user u;
	struct user beto;
	fixture_user(f, "beto", "readonly", &beto);
	assert_int_equal(token_create(&f->c, "beto", "reporting script", value), DOM_OK);
	assert_int_equal(strlen(value), 43);
	assert_int_equal(token_lookup(&f->c, value, &u), DOM_OK);
	assert_string_equal(u.id, beto.id);
	assert_string_equal(u.role, "readonly");

	assert_int_equal(token_create(&f->c, "beto", "second", value2), DOM_OK);
	assert_string_not_equal(value, value2);
	assert_int_equal(token_lookup(&f->c, value2, &u), DOM_OK);

	/* Only the hash is stored. */
	struct store_list l;
	assert_int_equal(store_list(f->db.st, &ENT_TOKEN, f->a, NULL, NULL, NULL, 0, 10, 0, &l), STORE_OK);
	assert_int_equal(l.n, 2);
	for (size_t i = 0; i < l.n; i++) {
		const struct token *t = l.items[i];
		assert_string_not_equal(t->token_hash, value);
		assert_string_not_equal(t->token_hash, value2);
		assert_int_equal(strlen(t->token_hash), 64);
	}

	char wrong[64];
	memcpy(wrong, value, sizeof(wrong));
	wrong[42] = wrong[42] == 'A' ? 'B' : 'A';
	assert_int_equal(token_lookup(&f->c, wrong, &u), DOM_UNAUTH);
	assert_int_equal(token_lookup(&f->c, "", &u), DOM_UNAUTH);
	assert_int_equal(token_lookup(&f->c, NULL, &u), DOM_UNAUTH);
	assert_int_equal(token_create(&f->c, "nobody", "x", value), DOM_NOTFOUND);

	/* The CLI (no user) may create tokens. */
	f->c.user = NULL;
	assert_int_equal(token_create(&f->c, "admin", "cli", value), DOM_OK);
	f->c.user = &f->admin;
}

static void test_set_lang(void **state)
{
	struct fixture *f = *state;
	struct user u;
	assert_int_equal(user_set_lang(&f->c, "en"), DOM_OK);
	assert_int_equal(user_get(&f->c, f->admin.id, &u), DOM_OK);
	assert_string_equal(u.lang, "en");
	assert_int_equal(user_set_lang(&f->c, "fr"), DOM_INVALID);
	f->c.user = NULL;
	assert_int_equal(user_set_lang(&f->c, "es"), DOM_INVALID);
	f->c.user = &f->admin;
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_validation),
		T(test_create_and_find),
		T(test_only_admins_manage_users),
		T(test_login_and_session),
		T(test_session_idle_and_expiry),
		T(test_login_failures),
		T(test_throttled_after_ten_failures),
		T(test_success_resets_failures),
		T(test_unknown_names_are_throttled_too),
		T(test_disabled_user),
		T(test_set_password),
		T(test_change_own_password),
		T(test_tokens),
		T(test_set_lang),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

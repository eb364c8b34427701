/* test_mfa.c: who needs two-step login, enrolment, codes used once,
 * recovery codes, the reset, and the half-open session at login. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/totp.h"
#include "domain/mfa.h"
#include "domain/user.h"
#include "support.h"

unsigned int sleep(unsigned int seconds)
{
	(void)seconds; /* login throttling's slow-down: not waited for here */
	return 0;
}

static const char *code_at(int64_t step, const char *secret, char out[8])
{
	unsigned char key[64];
	long n = totp_base32_decode(secret, key, sizeof(key));
	snprintf(out, 8, "%06u", totp_hotp(key, (size_t)n, (uint64_t)step, 6));
	return out;
}

static void test_who_must(void **state)
{
	(void)state;
	struct user u = { .role = "admin", .areas = "" };
	assert_true(mfa_required(&u));
	u.role = "supervisor";
	assert_true(mfa_required(&u));
	u.role = "caseworker";
	u.areas = "livelihoods,psychosocial";
	assert_true(mfa_required(&u));
	u.areas = "legal";
	assert_true(mfa_required(&u));
	u.areas = "livelihoods,assistance";
	assert_false(mfa_required(&u));
	u.role = "readonly";
	u.areas = "";
	assert_false(mfa_required(&u));
}

static void test_enrol_and_codes(void **state)
{
	struct fixture *f = *state;
	struct user u = fixture_worker(f, "psi", "caseworker", "psychosocial");
	char secret[MFA_SECRET_MAX], again[MFA_SECRET_MAX], code[8];
	const char *codes[MFA_RECOVERY_CODES];
	struct errors errs = { .n = 0 };
	int64_t now = totp_step((int64_t)time(NULL));

	assert_false(mfa_enrolled(&f->c, u.id));
	assert_int_equal(mfa_enrol_secret(&f->c, u.id, secret), DOM_OK);
	assert_int_equal(strlen(secret), 32);
	assert_int_equal(mfa_enrol_secret(&f->c, u.id, again), DOM_OK);
	assert_string_equal(secret, again); /* the same until confirmed */
	assert_int_equal(mfa_enrol_confirm(&f->c, u.id, "12345", codes, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "code"));
	assert_false(mfa_enrolled(&f->c, u.id));
	struct errors e2 = { .n = 0 };
	assert_int_equal(mfa_enrol_confirm(&f->c, u.id, code_at(now, secret, code), codes, &e2), DOM_OK);
	assert_true(mfa_enrolled(&f->c, u.id));
	assert_int_equal(mfa_enrol_secret(&f->c, u.id, again), DOM_CONFLICT);

	/* The confirming code is used; the next step's code works once;
	 * an older one no longer does; two steps ahead is too far. */
	assert_int_equal(mfa_check(&f->c, u.id, code), DOM_UNAUTH);
	assert_int_equal(mfa_check(&f->c, u.id, code_at(now + 2, secret, code)), DOM_UNAUTH);
	assert_int_equal(mfa_check(&f->c, u.id, code_at(now + 1, secret, code)), DOM_OK);
	assert_int_equal(mfa_check(&f->c, u.id, code), DOM_UNAUTH);
	assert_int_equal(mfa_check(&f->c, u.id, code_at(now - 1, secret, code)), DOM_UNAUTH);

	/* Recovery codes: each once, any case, dashes optional. */
	char lower[32];
	size_t i = 0;
	for (const char *p = codes[0]; *p; p++)
		if (*p != '-')
			lower[i++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	lower[i] = 0;
	assert_int_equal(mfa_check(&f->c, u.id, lower), DOM_OK);
	assert_int_equal(mfa_check(&f->c, u.id, codes[0]), DOM_UNAUTH);
	assert_int_equal(mfa_check(&f->c, u.id, codes[1]), DOM_OK);
	assert_int_equal(mfa_check(&f->c, u.id, "AAAA-BBBB-CCCC-DDDD"), DOM_UNAUTH);
	/* Another user's recovery code is no code of this one. */
	struct user v = fixture_worker(f, "lex2", "caseworker", "legal");
	assert_int_equal(mfa_check(&f->c, v.id, codes[2]), DOM_UNAUTH);

	/* A lost phone: after the reset they enrol anew, old codes are dead. */
	assert_int_equal(mfa_reset(&f->c, "psi"), DOM_OK);
	assert_false(mfa_enrolled(&f->c, u.id));
	assert_int_equal(mfa_check(&f->c, u.id, codes[2]), DOM_UNAUTH);
	assert_int_equal(mfa_enrol_secret(&f->c, u.id, again), DOM_OK);
	assert_string_not_equal(again, secret);
	assert_int_equal(fixture_audit_actions(f, u.id, "reset_2fa"), 1);
	assert_int_equal(fixture_audit_actions(f, u.id, "enrol_2fa"), 1);
}

static void test_login_waits_for_the_code(void **state)
{
	struct fixture *f = *state;
	struct user u = fixture_worker(f, "sup1", "supervisor", "");
	struct session s, s2, done;
	struct user su;
	char cookie[64], full[64], code[8];
	struct ctx c = f->c;
	c.user = NULL;

	/* Not enrolled: the session waits for enrolment. */
	assert_int_equal(session_login(&c, "sup1", TEST_PASSWORD, cookie, &s, NULL), DOM_OK);
	assert_string_equal(s.mfa_pending, "enrol");
	assert_int_equal(session_second_step(&c, &s, "123456", full, &done), DOM_CONFLICT);
	assert_int_equal(session_enrolled(&c, &s, full, &done), DOM_CONFLICT);

	/* With a known secret: the session waits for a code. */
	struct errors errs = { .n = 0 };
	assert_int_equal(mfa_set_secret(&f->c, "sup1", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", &errs), DOM_OK);
	struct errors bad = { .n = 0 };
	assert_int_equal(mfa_set_secret(&f->c, "sup1", "not base32!", &bad), DOM_INVALID);
	assert_int_equal(session_login(&c, "sup1", TEST_PASSWORD, cookie, &s, NULL), DOM_OK);
	assert_string_equal(s.mfa_pending, "code");
	assert_int_equal(session_lookup(&c, cookie, &s2, &su), DOM_OK);
	assert_string_equal(s2.mfa_pending, "code");
	assert_int_equal(session_second_step(&c, &s2, "000000", full, &done), DOM_UNAUTH);
	int64_t now = totp_step((int64_t)time(NULL));
	assert_int_equal(session_second_step(&c, &s2, code_at(now, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", code), full, &done),
			 DOM_OK);
	assert_null(done.mfa_pending);
	assert_string_not_equal(full, cookie);
	/* The half-open session is gone; the complete one works. */
	assert_int_equal(session_lookup(&c, cookie, &s2, &su), DOM_UNAUTH);
	assert_int_equal(session_lookup(&c, full, &s2, &su), DOM_OK);
	assert_null(s2.mfa_pending);
	assert_string_equal(su.id, u.id);
	assert_int_equal(fixture_audit_actions(f, u.id, "login_failed"), 1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who_must),
		T(test_enrol_and_codes),
		T(test_login_waits_for_the_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

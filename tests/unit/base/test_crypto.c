/* test_crypto.c: UUIDv7, tokens, hashes and passwords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/crypto.h"
#include "base/timeutil.h"

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static void sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

static void test_uuid7_format(void **state)
{
	char u[37];
	for (int k = 0; k < 200; k++) {
		crypto_uuid7(u);
		assert_int_equal(strlen(u), 36);
		for (int i = 0; i < 36; i++) {
			if (i == 8 || i == 13 || i == 18 || i == 23)
				assert_int_equal(u[i], '-');
			else
				assert_true(is_hex(u[i]));
		}
		assert_int_equal(u[14], '7');                /* version */
		assert_non_null(strchr("89ab", u[19]));      /* RFC 9562 variant 10xx */
	}
}

static void test_uuid7_carries_the_time(void **state)
{
	char u[37], hex[13];
	int64_t before = time_now_ms();
	crypto_uuid7(u);
	int64_t after = time_now_ms();
	memcpy(hex, u, 8);
	memcpy(hex + 8, u + 9, 4);
	hex[12] = 0;
	long long ms = strtoll(hex, NULL, 16);
	assert_true(ms >= before && ms <= after);
}

static void test_uuid7_time_ordered(void **state)
{
	char prev[37], cur[37];
	crypto_uuid7(prev);
	for (int i = 0; i < 5; i++) {
		sleep_ms(2);
		crypto_uuid7(cur);
		assert_true(strcmp(prev, cur) < 0);
		memcpy(prev, cur, sizeof(prev));
	}
}

static void test_uuid7_unique(void **state)
{
	enum { N = 1000 };
	static char ids[N][37];
	for (int i = 0; i < N; i++)
		crypto_uuid7(ids[i]);
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N; j++)
			assert_string_not_equal(ids[i], ids[j]);
}

static void test_token(void **state)
{
	char a[64], b[64];
	crypto_token(a);
	crypto_token(b);
	assert_int_equal(strlen(a), 43);
	assert_int_equal(strlen(b), 43);
	assert_string_not_equal(a, b);
	for (int i = 0; i < 43; i++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
				       a[i]));
}

static void test_sha256_hex(void **state)
{
	char h[65];
	crypto_sha256_hex("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	crypto_sha256_hex("", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* Pieces give the same digest as the whole. */
static void test_sha256_stream(void **state)
{
	struct crypto_sha256 s;
	char h[65];
	crypto_sha256_init(&s);
	crypto_sha256_update(&s, "a", 1);
	crypto_sha256_update(&s, "", 0);
	crypto_sha256_update(&s, "bc", 2);
	crypto_sha256_final_hex(&s, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	crypto_sha256_init(&s);
	crypto_sha256_final_hex(&s, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_password_hash_verify(void **state)
{
	char h1[128], h2[128];
	assert_int_equal(crypto_password_hash("correct horse battery", h1), 0);
	assert_int_equal(crypto_password_hash("correct horse battery", h2), 0);
	assert_non_null(strstr(h1, "argon2id"));
	assert_null(strstr(h1, "correct horse"));
	assert_string_not_equal(h1, h2); /* salted */
	assert_int_equal(crypto_password_verify(h1, "correct horse battery"), 0);
	assert_int_equal(crypto_password_verify(h2, "correct horse battery"), 0);
	assert_int_equal(crypto_password_verify(h1, "correct horse batterY"), -1);
	assert_int_equal(crypto_password_verify(h1, ""), -1);
	assert_int_equal(crypto_password_verify("not a hash", "correct horse battery"), -1);
}

static void test_streq(void **state)
{
	assert_true(crypto_streq("abc", "abc"));
	assert_true(crypto_streq("", ""));
	assert_false(crypto_streq("abc", "abd"));
	assert_false(crypto_streq("abc", "ab"));
	assert_false(crypto_streq("", "a"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uuid7_format),
		cmocka_unit_test(test_uuid7_carries_the_time),
		cmocka_unit_test(test_uuid7_time_ordered),
		cmocka_unit_test(test_uuid7_unique),
		cmocka_unit_test(test_token),
		cmocka_unit_test(test_sha256_hex),
		cmocka_unit_test(test_sha256_stream),
		cmocka_unit_test(test_password_hash_verify),
		cmocka_unit_test(test_streq),
	};
	if (crypto_init())
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_totp.c: SHA-1, HMAC-SHA-1, HOTP and TOTP against the RFC vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/totp.h"

static void hex(const unsigned char *p, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

static void test_sha1(void **state)
{
	unsigned char d[20];
	char h[41];
	(void)state;
	totp_sha1("abc", 3, d);
	hex(d, 20, h);
	assert_string_equal(h, "a9993e364706816aba3e25717850c26c9cd0d89d");
	totp_sha1("", 0, d);
	hex(d, 20, h);
	assert_string_equal(h, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 56 bytes */
	totp_sha1(two, strlen(two), d);
	hex(d, 20, h);
	assert_string_equal(h, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

static void test_hmac_sha1(void **state)
{
	unsigned char d[20], key[20];
	char h[41];
	(void)state;
	/* RFC 2202 test cases 1 and 2. */
	memset(key, 0x0b, 20);
	totp_hmac_sha1(key, 20, (const unsigned char *)"Hi There", 8, d);
	hex(d, 20, h);
	assert_string_equal(h, "b617318655057264e28bc0b6fb378c8ef146be00");
	totp_hmac_sha1((const unsigned char *)"Jefe", 4,
		       (const unsigned char *)"what do ya want for nothing?", 28, d);
	hex(d, 20, h);
	assert_string_equal(h, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

static const unsigned char RFC_KEY[] = "12345678901234567890";

static void test_hotp_rfc4226(void **state)
{
	static const uint32_t want[] = { 755224, 287082, 359152, 969429, 338314,
					 254676, 287922, 162583, 399871, 520489 };
	(void)state;
	for (uint64_t c = 0; c < 10; c++)
		assert_int_equal(totp_hotp(RFC_KEY, 20, c, 6), want[c]);
}

static void test_totp_rfc6238(void **state)
{
	static const struct { int64_t t; uint32_t code; } v[] = {
		{ 59, 94287082 }, { 1111111109, 7081804 }, { 1111111111, 14050471 },
		{ 1234567890, 89005924 }, { 2000000000, 69279037 }, { 20000000000, 65353130 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(totp_hotp(RFC_KEY, 20, (uint64_t)totp_step(v[i].t), 8), v[i].code);
		assert_int_equal(totp_hotp(RFC_KEY, 20, (uint64_t)totp_step(v[i].t), 6), v[i].code % 1000000);
	}
}

static void test_base32(void **state)
{
	char out[64];
	unsigned char back[32];
	(void)state;
	/* RFC 4648 section 10, without padding. */
	totp_base32_encode((const unsigned char *)"foobar", 6, out);
	assert_string_equal(out, "MZXW6YTBOI");
	totp_base32_encode((const unsigned char *)"f", 1, out);
	assert_string_equal(out, "MY");
	totp_base32_encode(RFC_KEY, 20, out);
	assert_string_equal(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(totp_base32_decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq", back, sizeof(back)), 20);
	assert_memory_equal(back, RFC_KEY, 20);
	assert_int_equal(totp_base32_decode("MZXW6YTBOI======", back, sizeof(back)), 6);
	assert_memory_equal(back, "foobar", 6);
	assert_int_equal(totp_base32_decode("MZXW1", back, sizeof(back)), -1);
	assert_int_equal(totp_base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", back, 4), -1);
}

static void test_parse_code(void **state)
{
	(void)state;
	assert_int_equal(totp_parse_code("012345", 6), 12345);
	assert_int_equal(totp_parse_code("012 345", 6), 12345);
	assert_int_equal(totp_parse_code("12345", 6), -1);
	assert_int_equal(totp_parse_code("1234567", 6), -1);
	assert_int_equal(totp_parse_code("12a456", 6), -1);
	assert_int_equal(totp_parse_code(NULL, 6), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1),
		cmocka_unit_test(test_hmac_sha1),
		cmocka_unit_test(test_hotp_rfc4226),
		cmocka_unit_test(test_totp_rfc6238),
		cmocka_unit_test(test_base32),
		cmocka_unit_test(test_parse_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_crypto.c: UUIDv7, tokens, hashes, passwords and field encryption. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
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

/* ---- field encryption ---- */

/* A ring with one fresh key, written to a private file under dir. */
static struct crypto_keyring new_ring(const char *dir, const char *name)
{
	char path[256], err[256];
	struct crypto_keyring r = { 0 };
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(crypto_key_generate(path, NULL, err, sizeof(err)), 0);
	assert_int_equal(crypto_keyring_read(&r, path, err, sizeof(err)), 0);
	assert_int_equal(r.n, 1);
	return r;
}

static char *tmpdir(char buf[64])
{
	strcpy(buf, "/tmp/amparo-crypto.XXXXXX");
	assert_non_null(mkdtemp(buf));
	return buf;
}

static void rmdir_all(const char *dir)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_seal_open_round_trip(void **state)
{
	char dir[64], ad[128], *plain;
	struct crypto_keyring r = new_ring(tmpdir(dir), "k");
	const char *text = "Relata amenazas de la pandilla en San Miguelito; teme volver. ñandú";
	crypto_bind(ad, sizeof(ad), "case_notes", "body", "018f-1");
	char *s = crypto_seal(&r, ad, text);
	assert_non_null(s);
	assert_true(crypto_is_sealed(s));
	assert_null(strstr(s, "pandilla"));
	char id[9];
	assert_int_equal(crypto_sealed_key_id(s, id), 0);
	assert_string_equal(id, r.keys[0].id);
	assert_int_equal(crypto_open(&r, ad, s, &plain), 0);
	assert_string_equal(plain, text);
	free(plain);
	/* The same text twice seals differently (a fresh nonce each time). */
	char *t = crypto_seal(&r, ad, text);
	assert_string_not_equal(s, t);
	free(t);
	/* The empty string is a value too. */
	t = crypto_seal(&r, ad, "");
	assert_int_equal(crypto_open(&r, ad, t, &plain), 0);
	assert_string_equal(plain, "");
	free(plain);
	free(t);
	free(s);
	crypto_keyring_clear(&r);
	rmdir_all(dir);
}

static void test_open_wrong_key(void **state)
{
	char dir[64], ad[128], *plain = (char *)"x";
	struct crypto_keyring a = new_ring(tmpdir(dir), "a"), b = new_ring(dir, "b");
	crypto_bind(ad, sizeof(ad), "services", "notes", "1");
	char *s = crypto_seal(&a, ad, "secreto");
	/* b has no key of a's id: -1, nothing out. */
	assert_int_equal(crypto_open(&b, ad, s, &plain), -1);
	assert_null(plain);
	/* A key with a's id but other bytes (a forged id) fails the tag. */
	memcpy(b.keys[0].id, a.keys[0].id, 9);
	assert_int_equal(crypto_open(&b, ad, s, &plain), -2);
	assert_null(plain);
	/* An empty ring seals nothing. */
	struct crypto_keyring none = { 0 };
	assert_null(crypto_seal(&none, ad, "secreto"));
	free(s);
	rmdir_all(dir);
}

static void test_open_tampered(void **state)
{
	char dir[64], ad[128], *plain;
	struct crypto_keyring r = new_ring(tmpdir(dir), "k");
	crypto_bind(ad, sizeof(ad), "flags", "reason", "1");
	char *s = crypto_seal(&r, ad, "sobreviviente de violencia sexual");
	size_t n = strlen(s);
	/* Every base64 character changed in turn fails to open. */
	for (size_t i = strlen(CRYPTO_SEALED_PREFIX) + 9; i < n; i++) {
		char keep = s[i];
		s[i] = keep == 'A' ? 'B' : 'A';
		assert_int_not_equal(crypto_open(&r, ad, s, &plain), 0);
		s[i] = keep;
	}
	/* Cut short, or no base64 at all. */
	char *cut = strdup(s);
	cut[n - 8] = 0;
	assert_int_equal(crypto_open(&r, ad, cut, &plain), -2);
	free(cut);
	assert_int_equal(crypto_open(&r, ad, "enc:v1:zz:abc", &plain), -2);
	assert_int_equal(crypto_open(&r, ad, "plain text", &plain), -2);
	assert_int_equal(crypto_open(&r, ad, s, &plain), 0);
	free(plain);
	free(s);
	rmdir_all(dir);
}

static void test_open_other_row(void **state)
{
	char dir[64], ad[128], other[128], *plain;
	struct crypto_keyring r = new_ring(tmpdir(dir), "k");
	crypto_bind(ad, sizeof(ad), "case_notes", "body", "row-1");
	char *s = crypto_seal(&r, ad, "declaración de asilo");
	crypto_bind(other, sizeof(other), "case_notes", "body", "row-2");
	assert_int_equal(crypto_open(&r, other, s, &plain), -2);
	crypto_bind(other, sizeof(other), "services", "body", "row-1");
	assert_int_equal(crypto_open(&r, other, s, &plain), -2);
	crypto_bind(other, sizeof(other), "case_notes", "notes", "row-1");
	assert_int_equal(crypto_open(&r, other, s, &plain), -2);
	assert_int_equal(crypto_open(&r, ad, s, &plain), 0);
	free(plain);
	free(s);
	rmdir_all(dir);
}

static void test_rotation_ring(void **state)
{
	char dir[64], ad[128], *plain, err[256];
	struct crypto_keyring old = new_ring(tmpdir(dir), "old"), neu = new_ring(dir, "new");
	crypto_bind(ad, sizeof(ad), "services", "notes", "7");
	char *s = crypto_seal(&old, ad, "nota");
	/* The ring of a rotation: the new key first (it seals), the old one
	 * still opens what it sealed. */
	struct crypto_keyring both = { 0 };
	char path[128];
	snprintf(path, sizeof(path), "%s/new", dir);
	assert_int_equal(crypto_keyring_read(&both, path, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/old", dir);
	assert_int_equal(crypto_keyring_read(&both, path, err, sizeof(err)), 0);
	assert_int_equal(both.n, 2);
	assert_string_equal(both.keys[0].id, neu.keys[0].id);
	assert_int_equal(crypto_open(&both, ad, s, &plain), 0);
	char *t = crypto_seal(&both, ad, plain);
	free(plain);
	char id[9];
	crypto_sealed_key_id(t, id);
	assert_string_equal(id, neu.keys[0].id);
	/* Re-sealed, the value opens with the new key alone, not the old. */
	assert_int_equal(crypto_open(&neu, ad, t, &plain), 0);
	assert_string_equal(plain, "nota");
	free(plain);
	assert_int_equal(crypto_open(&old, ad, t, &plain), -1);
	/* Reading the same file twice adds its key once. */
	assert_int_equal(crypto_keyring_read(&both, path, err, sizeof(err)), 0);
	assert_int_equal(both.n, 2);
	free(s);
	free(t);
	rmdir_all(dir);
}

static void test_key_file_checks(void **state)
{
	char dir[64], path[128], err[256];
	struct crypto_keyring r = { 0 };
	new_ring(tmpdir(dir), "k");
	snprintf(path, sizeof(path), "%s/k", dir);
	/* An existing file is never overwritten. */
	assert_int_equal(crypto_key_generate(path, NULL, err, sizeof(err)), -1);
	/* Readable by the group: refused, saying how to fix it. */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(crypto_keyring_read(&r, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "chmod 600"));
	assert_int_equal(r.n, 0);
	assert_int_equal(chmod(path, 0400), 0);
	assert_int_equal(crypto_keyring_read(&r, path, err, sizeof(err)), 0);
	/* Not there. */
	snprintf(path, sizeof(path), "%s/missing", dir);
	assert_int_equal(crypto_keyring_read(&r, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "missing"));
	/* Text that is no key. */
	struct crypto_keyring s = { 0 };
	assert_int_equal(crypto_keyring_parse(&s, "not-a-key", err, sizeof(err)), -1);
	assert_int_equal(crypto_keyring_parse(&s, "# only a comment\n", err, sizeof(err)), -1);
	assert_int_equal(crypto_keyring_parse(&s, "AAAA", err, sizeof(err)), -1);
	assert_int_equal(s.n, 0);
	/* Two keys in one variable, separated by a comma. */
	assert_int_equal(crypto_keyring_parse(&s,
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
		err, sizeof(err)), 0);
	assert_int_equal(s.n, 2);
	assert_string_not_equal(s.keys[0].id, s.keys[1].id);
	rmdir_all(dir);
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
		cmocka_unit_test(test_seal_open_round_trip),
		cmocka_unit_test(test_open_wrong_key),
		cmocka_unit_test(test_open_tampered),
		cmocka_unit_test(test_open_other_row),
		cmocka_unit_test(test_rotation_ring),
		cmocka_unit_test(test_key_file_checks),
	};
	if (crypto_init())
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}

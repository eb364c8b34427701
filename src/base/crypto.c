/* crypto.c: libsodium wrappers. */
#include "base/crypto.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"

int crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void crypto_uuid7(char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	uint64_t ms = (uint64_t)time_now_ms();

	randombytes_buf(b, sizeof(b));
	for (int i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (40 - 8 * i));
	b[6] = (unsigned char)(0x70 | (b[6] & 0x0f));
	b[8] = (unsigned char)(0x80 | (b[8] & 0x3f));
	/* 8-4-4-4-12 hex digits; by hand, as bulk loads make millions. */
	char *o = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[b[i] >> 4];
		*o++ = hex[b[i] & 15];
	}
	*o = 0;
}

void crypto_token(char out[64])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof(b));
	sodium_bin2base64(out, 64, b, sizeof(b), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void crypto_sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

_Static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(((struct crypto_sha256 *)0)->opaque),
	       "struct crypto_sha256 is too small for libsodium's state");

void crypto_sha256_init(struct crypto_sha256 *h)
{
	crypto_hash_sha256_init((crypto_hash_sha256_state *)h->opaque);
}

void crypto_sha256_update(struct crypto_sha256 *h, const void *p, size_t n)
{
	crypto_hash_sha256_update((crypto_hash_sha256_state *)h->opaque, p, n);
}

void crypto_sha256_final_hex(struct crypto_sha256 *h, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final((crypto_hash_sha256_state *)h->opaque, d);
	sodium_bin2hex(out, 65, d, sizeof(d));
}

int crypto_password_hash(const char *password, char out[128])
{
	_Static_assert(crypto_pwhash_STRBYTES <= 128, "hash buffer");
	return crypto_pwhash_str_alg(out, password, strlen(password),
				     crypto_pwhash_OPSLIMIT_INTERACTIVE,
				     crypto_pwhash_MEMLIMIT_INTERACTIVE,
				     crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
}

int crypto_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 ? 0 : -1;
}

int crypto_streq(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

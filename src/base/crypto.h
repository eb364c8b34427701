/* crypto.h: identifiers, secrets and hashes, all through libsodium. */
#ifndef AMPARO_CRYPTO_H
#define AMPARO_CRYPTO_H

#include <stddef.h>

/* Must be called once before any other function here; returns 0 or -1. */
int crypto_init(void);
/* A new UUIDv7 ("018f…", 36 chars + NUL): time-ordered, random below. */
void crypto_uuid7(char out[37]);
/* 32 random bytes as 43 base64url characters + NUL. */
void crypto_token(char out[64]);
/* Lowercase hex SHA-256 of n bytes (64 chars + NUL). */
void crypto_sha256_hex(const void *p, size_t n, char out[65]);
/* SHA-256 over data given in pieces: init, any number of updates, then
 * final (which ends the state's use). The state is plain memory the
 * caller owns (no allocation); it holds libsodium's state. */
struct crypto_sha256 {
	_Alignas(16) unsigned char opaque[128];
};
void crypto_sha256_init(struct crypto_sha256 *h);
void crypto_sha256_update(struct crypto_sha256 *h, const void *p, size_t n);
void crypto_sha256_final_hex(struct crypto_sha256 *h, char out[65]);
/* argon2id hash of a password, in libsodium's string form. 0 or -1. */
int crypto_password_hash(const char *password, char out[128]);
/* 0 when password matches hash, -1 otherwise. */
int crypto_password_verify(const char *hash, const char *password);
/* Constant-time comparison of two NUL-terminated strings: 1 when equal. */
int crypto_streq(const char *a, const char *b);

#endif

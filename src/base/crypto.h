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

/* ---- field encryption (docs/encryption.md) ----
 *
 * A sealed value is text: "enc:v1:KEYID:" then base64 (standard, padded)
 * of a 24-byte nonce and the XChaCha20-Poly1305 ciphertext with its
 * 16-byte tag. KEYID is 8 hex digits derived from the key, so a database
 * names the key its values need without holding it. The associated data
 * binds a value to where it is stored (table, column, row id): moved to
 * another row or column it no longer opens. */
#define CRYPTO_KEY_BYTES 32
#define CRYPTO_KEYS_MAX 4
#define CRYPTO_SEALED_PREFIX "enc:v1:"

struct crypto_keyring {
	size_t n; /* keys[0] seals; every key opens the values of its id */
	struct {
		char id[9];
		unsigned char key[CRYPTO_KEY_BYTES];
	} keys[CRYPTO_KEYS_MAX];
};

/* The keys the store layer seals and opens with; empty (n 0) until a
 * command loads some. Set before any thread starts, read-only after. */
extern struct crypto_keyring crypto_keys;

/* Adds the keys of text (base64 keys separated by newlines, commas or
 * spaces; lines starting with '#' are comments) to ring, the first of
 * text sealing when ring was empty. 0, or -1 with a reason for the
 * operator in err (which names no key). */
int crypto_keyring_parse(struct crypto_keyring *ring, const char *text, char *err, size_t errlen);
/* Reads a key file into ring: it must be a regular file that neither the
 * group nor others may read or write (mode 600 or 400). 0 or -1 and err. */
int crypto_keyring_read(struct crypto_keyring *ring, const char *path, char *err, size_t errlen);
/* Writes a new random key to path (created with mode 600; an existing
 * file is refused) and, when id is not NULL, its id. 0 or -1 and err. */
int crypto_key_generate(const char *path, char id[9], char *err, size_t errlen);
/* Wipes ring's keys from memory. */
void crypto_keyring_clear(struct crypto_keyring *ring);
/* 1 when v looks like a sealed value (has the prefix). */
int crypto_is_sealed(const char *v);
/* The associated data of a value stored in table.column of row id, into
 * out (NUL-terminated); its length, or 0 when it does not fit. */
size_t crypto_bind(char *out, size_t n, const char *table, const char *column, const char *id);
/* Seals plain with ring's first key, bound to ad: a malloc'd string the
 * caller frees, or NULL when ring is empty. */
char *crypto_seal(const struct crypto_keyring *ring, const char *ad, const char *plain);
/* Opens sealed (bound to ad) into a malloc'd string: 0; -1 when ring has
 * no key of its id; -2 when it is malformed, tampered with, or bound to
 * another place. */
int crypto_open(const struct crypto_keyring *ring, const char *ad, const char *sealed, char **out);
/* The key id of a sealed value into id; 0 or -1 when v is not one. */
int crypto_sealed_key_id(const char *v, char id[9]);

#endif

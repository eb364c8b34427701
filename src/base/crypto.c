/* crypto.c: libsodium wrappers: ids, hashes, passwords, field encryption. */
#include "base/crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* ---- field encryption ---- */

struct crypto_keyring crypto_keys;

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define PREFIX_LEN (sizeof(CRYPTO_SEALED_PREFIX) - 1)
/* The longest value sealed or opened: far above any text field's limit. */
#define SEALED_PLAIN_MAX (16u << 20)

_Static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == CRYPTO_KEY_BYTES, "key size");

/* The id of a key: 8 hex digits of a keyed hash, so the id tells keys
 * apart without saying anything about the key. */
static void key_id(const unsigned char key[CRYPTO_KEY_BYTES], char id[9])
{
	unsigned char h[16];
	static const unsigned char ctx[] = "amparo field key id";
	crypto_generichash(h, sizeof(h), ctx, sizeof(ctx) - 1, key, CRYPTO_KEY_BYTES);
	sodium_bin2hex(id, 9, h, 4);
}

/* Adds one base64 key of len characters to ring. */
static int add_key(struct crypto_keyring *ring, const char *b64, size_t len, char *err,
		   size_t errlen)
{
	unsigned char key[CRYPTO_KEY_BYTES + 1];
	size_t n = 0;
	if (sodium_base642bin(key, sizeof(key), b64, len, NULL, &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    n != CRYPTO_KEY_BYTES) {
		sodium_memzero(key, sizeof(key));
		snprintf(err, errlen, "a key is not %d bytes in base64 (make one with amparo key generate)",
			 CRYPTO_KEY_BYTES);
		return -1;
	}
	char id[9];
	key_id(key, id);
	for (size_t i = 0; i < ring->n; i++)
		if (strcmp(ring->keys[i].id, id) == 0) {
			sodium_memzero(key, sizeof(key));
			return 0; /* the same key twice: once is enough */
		}
	if (ring->n == CRYPTO_KEYS_MAX) {
		sodium_memzero(key, sizeof(key));
		snprintf(err, errlen, "more than %d keys given", CRYPTO_KEYS_MAX);
		return -1;
	}
	memcpy(ring->keys[ring->n].key, key, CRYPTO_KEY_BYTES);
	memcpy(ring->keys[ring->n].id, id, sizeof(id));
	ring->n++;
	sodium_memzero(key, sizeof(key));
	return 0;
}

int crypto_keyring_parse(struct crypto_keyring *ring, const char *text, char *err, size_t errlen)
{
	const char *p = text;
	size_t seen = 0;
	while (*p) {
		if (*p == '#') {
			p += strcspn(p, "\n");
			continue;
		}
		size_t skip = strspn(p, " \t\r\n,");
		if (skip) {
			p += skip;
			continue;
		}
		size_t len = strcspn(p, " \t\r\n,#");
		if (add_key(ring, p, len, err, errlen))
			return -1;
		seen++;
		p += len;
	}
	if (seen == 0) {
		snprintf(err, errlen, "no key found (make one with amparo key generate)");
		return -1;
	}
	return 0;
}

int crypto_keyring_read(struct crypto_keyring *ring, const char *path, char *err, size_t errlen)
{
	char text[1024];
	struct stat sb;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open the key file %s: %m", path);
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		snprintf(err, errlen, "the key file %s is not a regular file", path);
		return -1;
	}
	if (sb.st_mode & 077) {
		close(fd);
		snprintf(err, errlen,
			 "the key file %s may be read or changed by other users (mode %03o): "
			 "make it private with chmod 600 %s",
			 path, (unsigned)(sb.st_mode & 0777), path);
		return -1;
	}
	ssize_t n = read(fd, text, sizeof(text) - 1);
	int read_errno = errno;
	close(fd);
	if (n < 0 || (size_t)n == sizeof(text) - 1) {
		sodium_memzero(text, sizeof(text));
		errno = read_errno;
		if (n < 0)
			snprintf(err, errlen, "cannot read the key file %s: %m", path);
		else
			snprintf(err, errlen, "cannot read the key file %s: too long for a key file", path);
		return -1;
	}
	text[n] = 0;
	int rc = crypto_keyring_parse(ring, text, err, errlen);
	sodium_memzero(text, sizeof(text));
	if (rc) {
		size_t used = strlen(err);
		snprintf(err + used, errlen - used, " in %s", path);
	}
	return rc;
}

int crypto_key_generate(const char *path, char id[9], char *err, size_t errlen)
{
	unsigned char key[CRYPTO_KEY_BYTES];
	char b64[sodium_base64_ENCODED_LEN(CRYPTO_KEY_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	char kid[9], text[256];
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create the key file %s: %m", path);
		return -1;
	}
	crypto_aead_xchacha20poly1305_ietf_keygen(key);
	key_id(key, kid);
	sodium_bin2base64(b64, sizeof(b64), key, sizeof(key), sodium_base64_VARIANT_ORIGINAL);
	int len = snprintf(text, sizeof(text),
			   "# amparo field encryption key %s. Keep a copy apart from the database\n"
			   "# backups: without it the encrypted fields cannot be read.\n%s\n",
			   kid, b64);
	ssize_t w = write(fd, text, (size_t)len);
	int bad = w != len || fsync(fd) != 0;
	bad |= close(fd) != 0;
	sodium_memzero(key, sizeof(key));
	sodium_memzero(b64, sizeof(b64));
	sodium_memzero(text, sizeof(text));
	if (bad) {
		snprintf(err, errlen, "cannot write the key file %s", path);
		unlink(path);
		return -1;
	}
	if (id)
		memcpy(id, kid, sizeof(kid));
	return 0;
}

void crypto_keyring_clear(struct crypto_keyring *ring)
{
	sodium_memzero(ring, sizeof(*ring));
}

int crypto_is_sealed(const char *v)
{
	return v && strncmp(v, CRYPTO_SEALED_PREFIX, PREFIX_LEN) == 0;
}

size_t crypto_bind(char *out, size_t n, const char *table, const char *column, const char *id)
{
	int len = snprintf(out, n, "amparo/%s/%s/%s", table, column, id ? id : "");
	return len < 0 || (size_t)len >= n ? 0 : (size_t)len;
}

int crypto_sealed_key_id(const char *v, char id[9])
{
	if (!crypto_is_sealed(v))
		return -1;
	const char *k = v + PREFIX_LEN;
	for (int i = 0; i < 8; i++)
		if (!strchr("0123456789abcdef", k[i]) || !k[i])
			return -1;
	if (k[8] != ':')
		return -1;
	memcpy(id, k, 8);
	id[8] = 0;
	return 0;
}

char *crypto_seal(const struct crypto_keyring *ring, const char *ad, const char *plain)
{
	size_t plen = strlen(plain);
	if (ring->n == 0 || plen > SEALED_PLAIN_MAX)
		return NULL;
	size_t blen = NONCE_BYTES + plen + TAG_BYTES;
	unsigned char *bin = malloc(blen);
	size_t b64len = sodium_base64_ENCODED_LEN(blen, sodium_base64_VARIANT_ORIGINAL);
	char *out = malloc(PREFIX_LEN + 9 + b64len);
	if (!bin || !out) {
		free(bin);
		free(out);
		return NULL;
	}
	randombytes_buf(bin, NONCE_BYTES);
	unsigned long long clen;
	crypto_aead_xchacha20poly1305_ietf_encrypt(bin + NONCE_BYTES, &clen, (const unsigned char *)plain,
						   plen, (const unsigned char *)ad, strlen(ad), NULL,
						   bin, ring->keys[0].key);
	memcpy(out, CRYPTO_SEALED_PREFIX, PREFIX_LEN);
	memcpy(out + PREFIX_LEN, ring->keys[0].id, 8);
	out[PREFIX_LEN + 8] = ':';
	sodium_bin2base64(out + PREFIX_LEN + 9, b64len, bin, NONCE_BYTES + (size_t)clen,
			  sodium_base64_VARIANT_ORIGINAL);
	free(bin);
	return out;
}

int crypto_open(const struct crypto_keyring *ring, const char *ad, const char *sealed, char **out)
{
	char id[9];
	*out = NULL;
	if (crypto_sealed_key_id(sealed, id))
		return -2;
	const unsigned char *key = NULL;
	for (size_t i = 0; i < ring->n && !key; i++)
		if (strcmp(ring->keys[i].id, id) == 0)
			key = ring->keys[i].key;
	if (!key)
		return -1;
	const char *b64 = sealed + PREFIX_LEN + 9;
	size_t b64len = strlen(b64);
	size_t cap = b64len / 4 * 3 + 3;
	if (cap < NONCE_BYTES + TAG_BYTES || cap > SEALED_PLAIN_MAX + NONCE_BYTES + TAG_BYTES + 3)
		return -2;
	unsigned char *bin = malloc(cap);
	char *plain = malloc(cap);
	size_t blen = 0;
	unsigned long long plen = 0;
	int rc = -2;
	if (bin && plain &&
	    sodium_base642bin(bin, cap, b64, b64len, NULL, &blen, NULL,
			      sodium_base64_VARIANT_ORIGINAL) == 0 &&
	    blen >= NONCE_BYTES + TAG_BYTES &&
	    crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain, &plen, NULL,
						       bin + NONCE_BYTES, blen - NONCE_BYTES,
						       (const unsigned char *)ad, strlen(ad), bin,
						       key) == 0 &&
	    memchr(plain, 0, plen) == NULL) {
		plain[plen] = 0;
		*out = plain;
		plain = NULL;
		rc = 0;
	}
	free(bin);
	free(plain);
	return rc;
}

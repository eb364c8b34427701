/* totp.h: one-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) over
 * HMAC-SHA-1 (libsodium has no SHA-1, so a small one lives here), and
 * base32 (RFC 4648) for the secrets people type or scan. */
#ifndef AMPARO_TOTP_H
#define AMPARO_TOTP_H

#include <stddef.h>
#include <stdint.h>

#define TOTP_STEP 30     /* seconds */
#define TOTP_DIGITS 6
#define TOTP_KEY_BYTES 20 /* 160 bits, as RFC 4226 recommends */

/* SHA-1 of n bytes into out (20 bytes). */
void totp_sha1(const void *p, size_t n, unsigned char out[20]);
/* HMAC-SHA-1 (RFC 2104) of msg (at most 64 bytes: HOTP uses 8) under key
 * into out (20 bytes). */
void totp_hmac_sha1(const unsigned char *key, size_t keylen, const unsigned char *msg,
		    size_t msglen, unsigned char out[20]);
/* The HOTP value of counter under key, digits (6 to 8) long. */
uint32_t totp_hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits);
/* The time step of unix time t: t / TOTP_STEP. */
int64_t totp_step(int64_t t);
/* Writes n bytes as base32 without padding (A-Z, 2-7) into out, which
 * holds at least (n * 8 + 4) / 5 + 1 bytes. */
void totp_base32_encode(const unsigned char *p, size_t n, char *out);
/* Decodes base32 (any case; spaces, dashes and '=' ignored) into out (at
 * most cap bytes). Returns the number of bytes, or -1 when s holds
 * another character or more than cap bytes. */
long totp_base32_decode(const char *s, unsigned char *out, size_t cap);
/* Reads a code as typed ("123 456", "123-456"): digits long; -1 when it
 * is not exactly that many digits. */
long totp_parse_code(const char *s, int digits);

#endif

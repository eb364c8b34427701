/* totp.c: SHA-1, HMAC-SHA-1, HOTP/TOTP and base32 (see totp.h). */
#include "base/totp.h"

#include <ctype.h>
#include <string.h>

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void sha1_block(uint32_t h[5], const unsigned char *b)
{
	uint32_t w[80], a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
		       (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20)
			f = (bb & c) | (~bb & d), k = 0x5A827999;
		else if (i < 40)
			f = bb ^ c ^ d, k = 0x6ED9EBA1;
		else if (i < 60)
			f = (bb & c) | (bb & d) | (c & d), k = 0x8F1BBCDC;
		else
			f = bb ^ c ^ d, k = 0xCA62C1D6;
		uint32_t t = ROL(a, 5) + f + e + k + w[i];
		e = d, d = c, c = ROL(bb, 30), bb = a, a = t;
	}
	h[0] += a, h[1] += bb, h[2] += c, h[3] += d, h[4] += e;
}

void totp_sha1(const void *p, size_t n, unsigned char out[20])
{
	uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
	const unsigned char *s = p;
	unsigned char last[128] = { 0 };
	size_t full = n / 64 * 64, rest = n - full;
	for (size_t i = 0; i < full; i += 64)
		sha1_block(h, s + i);
	memcpy(last, s + full, rest);
	last[rest] = 0x80;
	size_t blocks = rest + 9 > 64 ? 2 : 1;
	uint64_t bits = (uint64_t)n * 8;
	for (int i = 0; i < 8; i++)
		last[blocks * 64 - 1 - i] = (unsigned char)(bits >> (8 * i));
	for (size_t i = 0; i < blocks; i++)
		sha1_block(h, last + 64 * i);
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 4; j++)
			out[4 * i + j] = (unsigned char)(h[i] >> (24 - 8 * j));
}

void totp_hmac_sha1(const unsigned char *key, size_t keylen, const unsigned char *msg,
		    size_t msglen, unsigned char out[20])
{
	unsigned char k[64] = { 0 }, pad[64 + 20], inner[20];
	if (keylen > 64)
		totp_sha1(key, keylen, k);
	else
		memcpy(k, key, keylen);
	/* inner = H((K ^ ipad) || msg); messages here are short (8 bytes). */
	unsigned char buf[64 + 64];
	size_t m = msglen > 64 ? 64 : msglen;
	for (int i = 0; i < 64; i++)
		buf[i] = k[i] ^ 0x36;
	memcpy(buf + 64, msg, m);
	totp_sha1(buf, 64 + m, inner);
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	memcpy(pad + 64, inner, 20);
	totp_sha1(pad, 64 + 20, out);
}

uint32_t totp_hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits)
{
	unsigned char msg[8], mac[20];
	for (int i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)counter;
	totp_hmac_sha1(key, keylen, msg, 8, mac);
	int off = mac[19] & 0x0f;
	uint32_t bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16 |
		       (uint32_t)mac[off + 2] << 8 | mac[off + 3];
	uint32_t mod = 1;
	for (int i = 0; i < digits; i++)
		mod *= 10;
	return bin % mod;
}

int64_t totp_step(int64_t t)
{
	return t / TOTP_STEP;
}

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void totp_base32_encode(const unsigned char *p, size_t n, char *out)
{
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		acc = acc << 8 | p[i];
		bits += 8;
		while (bits >= 5) {
			*out++ = B32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits)
		*out++ = B32[(acc << (5 - bits)) & 31];
	*out = 0;
}

long totp_base32_decode(const char *s, unsigned char *out, size_t cap)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t n = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '-' || *s == '=')
			continue;
		const char *q = strchr(B32, toupper((unsigned char)*s));
		if (!q || !*s)
			return -1;
		acc = acc << 5 | (uint32_t)(q - B32);
		bits += 5;
		if (bits >= 8) {
			if (n == cap)
				return -1;
			out[n++] = (unsigned char)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	return (long)n;
}

long totp_parse_code(const char *s, int digits)
{
	long v = 0;
	int n = 0;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (!isdigit((unsigned char)*s) || ++n > digits)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return n == digits ? v : -1;
}

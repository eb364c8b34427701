/* buf.c: growable buffer with a sticky error flag. */
#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

void buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max ? max : BUF_DEFAULT_MAX;
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

void buf_reset(struct buf *b)
{
	b->n = 0;
	b->err = false;
	if (b->p)
		b->p[0] = 0;
}

static bool grow(struct buf *b, size_t extra)
{
	if (b->err)
		return false;
	if (extra > b->max || b->n + extra > b->max) {
		b->err = true;
		return false;
	}
	size_t need = b->n + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p)
		log_fatal("out of memory (%zu bytes)", cap);
	b->p = p;
	b->cap = cap;
	return true;
}

void buf_reserve(struct buf *b, size_t n)
{
	if (b->n + n > b->max) /* room is not content: never past the limit */
		n = b->max > b->n ? b->max - b->n : 0;
	grow(b, n);
}

void buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->n + n < b->cap && !b->err && b->n + n <= b->max) { /* fits: the usual case */
		if (n)
			memcpy(b->p + b->n, p, n);
		b->n += n;
		b->p[b->n] = 0;
		return;
	}
	if (!grow(b, n))
		return;
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = 0;
}

void buf_adds(struct buf *b, const char *s)
{
	if (s)
		buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	if (b->err)
		return;
	/* Format into the free space first: most of the time it fits, and
	 * the text is formatted once instead of measured and then written. */
	if (b->p && b->cap - b->n > 1) {
		va_copy(ap2, ap);
		n = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap2);
		va_end(ap2);
		if (n < 0)
			return;
		if ((size_t)n < b->cap - b->n) {
			if (b->n + (size_t)n > b->max) {
				b->p[b->n] = 0;
				b->err = true;
				return;
			}
			b->n += (size_t)n;
			return;
		}
		b->p[b->n] = 0;
	} else {
		va_copy(ap2, ap);
		n = vsnprintf(NULL, 0, fmt, ap2);
		va_end(ap2);
		if (n < 0)
			return;
	}
	if (!grow(b, (size_t)n))
		return;
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	b->n += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *buf_detach(struct buf *b, size_t *n)
{
	if (!b->p)
		buf_add(b, "", 0);
	char *p = b->p;
	if (n)
		*n = b->n;
	b->p = NULL;
	b->n = b->cap = 0;
	return p;
}

void buf_html(struct buf *b, const char *s)
{
	/* The bytes that end a run copied as it is: the five that HTML
	 * escapes, and the string's end. A table, not a switch per byte
	 * (nor strcspn, whose vector set-up outweighs the short strings of
	 * a page): a tenth of a profile page went on this loop. */
	static const unsigned char stop[256] = { [0] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1,
						 ['"'] = 1, ['\''] = 1 };
	for (;;) {
		size_t k = 0;
		while (!stop[(unsigned char)s[k]])
			k++;
		buf_add(b, s, k);
		s += k;
		switch (*s) {
		case 0: return;
		case '&': buf_add(b, "&amp;", 5); break;
		case '<': buf_add(b, "&lt;", 4); break;
		case '>': buf_add(b, "&gt;", 4); break;
		case '"': buf_add(b, "&quot;", 6); break;
		default: buf_add(b, "&#39;", 5); break;
		}
		s++;
	}
}

void buf_url(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t start = 0, i = 0;
	for (unsigned char c; (c = (unsigned char)s[i]) != 0; i++) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
			continue;
		char e[3] = { '%', hex[c >> 4], hex[c & 15] };
		buf_add(b, s + start, i - start);
		buf_add(b, e, 3);
		start = i + 1;
	}
	buf_add(b, s + start, i - start);
}

void buf_uint(struct buf *b, unsigned long long v)
{
	char t[24], *p = t + sizeof(t);
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	buf_add(b, p, (size_t)(t + sizeof(t) - p));
}

void buf_int(struct buf *b, long long v)
{
	if (v < 0) {
		buf_addc(b, '-');
		buf_uint(b, 0ULL - (unsigned long long)v);
	} else {
		buf_uint(b, (unsigned long long)v);
	}
}

/* The length of the valid UTF-8 sequence at s (1 to 4), or 0 when the
 * bytes there are not one (overlong forms and surrogates included). */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

void buf_json_str(struct buf *b, const char *s)
{
	if (!s) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = 0;
		while (p[n] >= 0x20 && p[n] < 0x80 && p[n] != '"' && p[n] != '\\')
			n++;
		if (n) { /* a run that needs no escape */
			buf_add(b, p, n);
			p += n;
			continue;
		}
		n = utf8_len(p);
		if (*p == '"' || *p == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)*p);
		} else if (*p < 0x20) {
			buf_printf(b, "\\u%04x", *p);
		} else if (n == 0) {
			buf_adds(b, "\\ufffd"); /* not UTF-8: JSON text must be */
			n = 1;
		} else {
			buf_add(b, p, n);
		}
		p += n;
	}
	buf_addc(b, '"');
}

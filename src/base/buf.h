/* buf.h: the growable byte buffer with a size cap; all text building uses it. */
#ifndef AMPARO_BUF_H
#define AMPARO_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"

/* p is always NUL-terminated (when non-NULL). Once an append would pass
 * max, err is set, and every later append is ignored: check err once at
 * the end instead of after each call. */
struct buf {
	char *p;
	size_t n, cap, max;
	bool err;
};

#define BUF_DEFAULT_MAX (64u << 20)

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
/* Makes room for n more bytes at once (a page about to be written), so
 * the buffer is not copied over and over as it grows from nothing. */
void buf_reserve(struct buf *b, size_t n);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Hands the bytes to the caller (free() them); b is left empty. */
char *buf_detach(struct buf *b, size_t *n);

/* Escaping appenders, one per output context. */
void buf_html(struct buf *b, const char *s); /* text and attributes */
void buf_url(struct buf *b, const char *s);  /* one URL component */
/* A number in decimal, as printf's %llu and %lld write it. */
void buf_uint(struct buf *b, unsigned long long v);
void buf_int(struct buf *b, long long v);
/* A quoted JSON string; NULL gives null; a byte that is not part of valid
 * UTF-8 gives U+FFFD, so the output is always valid JSON text. */
void buf_json_str(struct buf *b, const char *s);

#endif

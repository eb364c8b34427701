/* html.c: printf-style HTML writer that escapes by default. */
#include "base/html.h"

#include <stdarg.h>
#include <string.h>

#include "base/log.h"

void html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *s, *lit = fmt;

	va_start(ap, fmt);
	for (const char *f = fmt; (f = strchr(f, '%')) != NULL; f++) {
		buf_add(b, lit, (size_t)(f - lit));
		switch (*++f) {
		case 's':
			s = va_arg(ap, const char *);
			if (s)
				buf_html(b, s);
			break;
		case 'u':
			/* Percent-encoded text holds nothing HTML escapes. */
			s = va_arg(ap, const char *);
			if (s)
				buf_url(b, s);
			break;
		case 'R':
			buf_adds(b, va_arg(ap, const char *));
			break;
		case 'd':
			buf_int(b, va_arg(ap, int));
			break;
		case 'l':
			buf_int(b, va_arg(ap, long long));
			break;
		case 'z':
			buf_uint(b, va_arg(ap, size_t));
			break;
		case '%':
			buf_addc(b, '%');
			break;
		default:
			log_fatal("html_printf: bad conversion in \"%s\"", fmt);
		}
		lit = f + 1;
	}
	buf_adds(b, lit);
	va_end(ap);
}

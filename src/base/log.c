/* log.c: timestamped lines on stderr. */
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int quiet;

void log_set_quiet(int q)
{
	quiet = q;
}

void log_escape(char *out, size_t n, const char *in)
{
	static const char hex[] = "0123456789abcdef";
	size_t j = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
		size_t need = *p < 0x20 || *p == 0x7f ? 4 : *p == '\\' ? 2 : 1;
		if (j + need >= n)
			break;
		if (need == 4) {
			out[j++] = '\\';
			out[j++] = 'x';
			out[j++] = hex[*p >> 4];
			out[j++] = hex[*p & 15];
		} else {
			if (need == 2)
				out[j++] = '\\';
			out[j++] = (char)*p;
		}
	}
	out[j] = 0;
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
	char ts[32], raw[2048], line[4096];
	struct timespec now;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	/* Database errors end with a newline of their own. */
	for (size_t n = strlen(raw); n && raw[n - 1] == '\n'; n--)
		raw[n - 1] = 0;
	log_escape(line, sizeof(line), raw);
	/* One fprintf per line keeps lines whole across threads. */
	fprintf(stderr, "%s %s %s\n", ts, level, line);
}

#define LOGFN(name, level, skip)                                   \
	void name(const char *fmt, ...)                            \
	{                                                          \
		if (skip)                                          \
			return;                                    \
		va_list ap;                                        \
		va_start(ap, fmt);                                 \
		vlog(level, fmt, ap);                              \
		va_end(ap);                                        \
	}

LOGFN(log_info, "info", quiet)
LOGFN(log_warn, "warn", 0)
LOGFN(log_error, "error", 0)

void log_fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog("fatal", fmt, ap);
	va_end(ap);
	abort();
}

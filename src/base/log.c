/* log.c: timestamped lines on stderr. */
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int quiet;

void log_set_quiet(int q)
{
	quiet = q;
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
	char ts[32], line[2048];
	struct timespec now;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	vsnprintf(line, sizeof(line), fmt, ap);
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

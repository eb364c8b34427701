/* log.h: one-line log messages to stderr, for operators (not translated). */
#ifndef AMPARO_LOG_H
#define AMPARO_LOG_H

#include <stddef.h>

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Logs and aborts: for broken invariants and exhausted memory only. */
_Noreturn void log_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Silences info lines (tests, CLI). */
void log_set_quiet(int quiet);
/* Copies in into out (n bytes, n > 0, always terminated, cut if need be),
 * writing each control character as \xNN and a backslash as \\: a request
 * path holding "%0A" cannot start a forged log line. Every log line goes
 * through it. */
void log_escape(char *out, size_t n, const char *in);

#endif

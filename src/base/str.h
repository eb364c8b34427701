/* str.h: length-carrying string views, the one way amparo passes text. */
#ifndef AMPARO_STR_H
#define AMPARO_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* A view into bytes owned by someone else; p need not be NUL-terminated. */
struct str {
	const char *p;
	size_t n;
};

#define STR_LIT(s) ((struct str){ (s), sizeof(s) - 1 })
#define STR_NULL ((struct str){ NULL, 0 })

static inline struct str str_c(const char *s)
{
	return (struct str){ s, s ? strlen(s) : 0 };
}

static inline bool str_eq(struct str a, struct str b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

static inline bool str_eq_c(struct str a, const char *b)
{
	return str_eq(a, str_c(b));
}

static inline bool str_starts(struct str a, const char *prefix)
{
	size_t n = strlen(prefix);
	return a.n >= n && memcmp(a.p, prefix, n) == 0;
}

/* True when s is NULL or holds only spaces. */
bool str_blank(const char *s);

/* Parses a whole decimal integer in [min, max]; returns 0 or -1. */
int str_to_long(const char *s, long min, long max, long *out);

#endif

/* fuzz.h: helpers shared by the libFuzzer targets. */
#ifndef AMPARO_FUZZ_H
#define AMPARO_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Like assert, but never compiled out: a broken property is a finding. */
#define FUZZ_CHECK(cond)                                                          \
	do {                                                                      \
		if (!(cond)) {                                                    \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,  \
				__LINE__, #cond);                                 \
			abort();                                                  \
		}                                                                 \
	} while (0)

/* A copy of the input with exactly n bytes and no terminator, so that
 * AddressSanitizer catches a parser reading one byte past the end. */
static inline char *fuzz_bytes(const uint8_t *data, size_t n)
{
	char *p = malloc(n ? n : 1);
	if (!p)
		abort();
	if (n)
		memcpy(p, data, n);
	return p;
}

/* A NUL-terminated copy of the input (cut at its first NUL, if any). */
static inline char *fuzz_cstr(const uint8_t *data, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		abort();
	if (n)
		memcpy(p, data, n);
	p[n] = 0;
	return p;
}

#endif

/* gzip.h: compressing a response body for clients that accept gzip. */
#ifndef AMPARO_GZIP_H
#define AMPARO_GZIP_H

#include <stddef.h>

/* Compresses the n bytes at in as one gzip member into a new malloc'd
 * buffer (*out, *out_n). Returns 0, or -1 when compression fails (out of
 * memory): the caller then sends the body as it is. */
int http_gzip(const char *in, size_t n, char **out, size_t *out_n);

#endif

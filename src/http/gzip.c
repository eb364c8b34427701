/* gzip.c: see gzip.h. */
#include <pthread.h>
#include <stdlib.h>
#include <zlib.h>

#include "http/gzip.h"

/* zlib's fastest level: an HTML page shrinks three- to four-fold at it,
 * and the higher levels gain a few per cent for several times the CPU. */
#define LEVEL Z_BEST_SPEED
#define GZIP_WINDOW (15 + 16) /* the largest window, with a gzip header */

/* Each thread keeps its compressor (some 256 KB of zlib's tables) until
 * it ends: set up anew for every answer, its allocation and first touch
 * would cost more than compressing a small page. */
static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void drop(void *p)
{
	deflateEnd(p);
	free(p);
}

static void make_key(void)
{
	if (pthread_key_create(&key, drop))
		abort();
}

static z_stream *compressor(void)
{
	pthread_once(&key_once, make_key);
	z_stream *zs = pthread_getspecific(key);
	if (zs)
		return deflateReset(zs) == Z_OK ? zs : NULL;
	if (!(zs = calloc(1, sizeof(*zs))))
		return NULL;
	if (deflateInit2(zs, LEVEL, Z_DEFLATED, GZIP_WINDOW, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		free(zs);
		return NULL;
	}
	if (pthread_setspecific(key, zs)) {
		drop(zs);
		return NULL;
	}
	return zs;
}

int http_gzip(const char *in, size_t n, char **out, size_t *out_n)
{
	z_stream *zs = compressor();
	if (!zs)
		return -1;
	uLong cap = deflateBound(zs, (uLong)n);
	unsigned char *buf = malloc(cap);
	if (!buf)
		return -1;
	zs->next_in = (Bytef *)in;
	zs->avail_in = (uInt)n;
	zs->next_out = buf;
	zs->avail_out = (uInt)cap;
	if (deflate(zs, Z_FINISH) != Z_STREAM_END) {
		free(buf);
		return -1;
	}
	*out = (char *)buf;
	*out_n = zs->total_out;
	return 0;
}

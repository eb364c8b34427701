/* gzip.c: see gzip.h. */
#include <stdlib.h>
#include <zlib.h>

#include "http/gzip.h"

/* zlib's fastest level: an HTML page shrinks three- to four-fold at it,
 * and the higher levels gain a few per cent for several times the CPU. */
#define LEVEL Z_BEST_SPEED
#define GZIP_WINDOW (15 + 16) /* the largest window, with a gzip header */

/* Each thread keeps its compressor (some 256 KB of zlib's tables) for
 * its lifetime: set up anew for every answer, its allocation and first
 * touch cost more than compressing a page. */
static _Thread_local z_stream zs;
static _Thread_local int zs_ready;

int http_gzip(const char *in, size_t n, char **out, size_t *out_n)
{
	if (!zs_ready) {
		if (deflateInit2(&zs, LEVEL, Z_DEFLATED, GZIP_WINDOW, 8, Z_DEFAULT_STRATEGY) != Z_OK)
			return -1;
		zs_ready = 1;
	} else if (deflateReset(&zs) != Z_OK) {
		return -1;
	}
	uLong cap = deflateBound(&zs, (uLong)n);
	unsigned char *buf = malloc(cap);
	if (!buf)
		return -1;
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)n;
	zs.next_out = buf;
	zs.avail_out = (uInt)cap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
		free(buf);
		return -1;
	}
	*out = (char *)buf;
	*out_n = zs.total_out;
	return 0;
}

/* fuzz_multipart.c: multipart/form-data. The input's first line is the
 * Content-Type header value, the rest is the body. When the line gives no
 * boundary, the body is still parsed with the boundary "b", so that every
 * input exercises the body parser. */
#include "fuzz.h"

#include "base/arena.h"
#include "http/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t ctn = nl ? (size_t)(nl - data) : size;
	size_t bodyn = nl ? size - ctn - 1 : 0;
	struct arena *a = arena_new();
	char *ct = fuzz_cstr(data, ctn);
	char *body = fuzz_bytes(nl ? nl + 1 : data, bodyn);
	struct kv *parts = NULL;

	const char *boundary = http_multipart_boundary(a, ct);
	if (boundary) {
		size_t bn = strlen(boundary);
		FUZZ_CHECK(bn >= 1 && bn <= 70);
	} else {
		boundary = "b";
	}
	int rc = http_parse_multipart(a, boundary, body, bodyn, &parts);
	FUZZ_CHECK(rc == 0 || rc == -1);
	for (struct kv *kv = parts; kv; kv = kv->next) {
		FUZZ_CHECK(kv->key && kv->value);
		FUZZ_CHECK(kv->value_len <= bodyn);
		FUZZ_CHECK(kv->value[kv->value_len] == 0);
	}
	free(body);
	free(ct);
	arena_free(a);
	return 0;
}

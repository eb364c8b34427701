/* parse.c: request body parsers (urlencoded, multipart). Both take
 * untrusted bytes of any content and length; fuzz/fuzz_urlencoded.c and fuzz/fuzz_multipart.c cover them. */
#include <string.h>
#include <strings.h>

#include "http/request.h"

const char *kv_get(const struct kv *l, const char *key)
{
	for (; l; l = l->next)
		if (strcmp(l->key, key) == 0)
			return l->value;
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes n bytes of s into a new arena string; *len gets its length
 * (a decoded %00 makes it shorter than strlen would say). */
static char *decode(struct arena *a, const char *s, size_t n, size_t *len)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = 0;
	if (len)
		*len = (size_t)(o - out);
	return out;
}

struct kv *http_parse_urlencoded(struct arena *a, const char *s, size_t n)
{
	struct kv *head = NULL, **tail = &head;
	size_t i = 0;
	while (i < n) {
		size_t end = i;
		while (end < n && s[end] != '&' && s[end] != ';')
			end++;
		if (end > i) {
			size_t eq = i;
			while (eq < end && s[eq] != '=')
				eq++;
			struct kv *kv = arena_alloc(a, sizeof(*kv));
			kv->key = decode(a, s + i, eq - i, NULL);
			kv->value = eq < end ? decode(a, s + eq + 1, end - eq - 1, &kv->value_len)
					     : decode(a, "", 0, &kv->value_len);
			*tail = kv;
			tail = &kv->next;
		}
		i = end + 1;
	}
	return head;
}

const char *http_multipart_boundary(struct arena *a, const char *ct)
{
	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return NULL;
	const char *b = strcasestr(ct, "boundary=");
	if (!b)
		return NULL;
	b += 9;
	size_t n;
	if (*b == '"') {
		b++;
		n = strcspn(b, "\"");
	} else {
		n = strcspn(b, "; \t");
	}
	if (n == 0 || n > 70)
		return NULL;
	return arena_strndup(a, b, n);
}

static const char *memfind(const char *h, size_t hn, const char *needle, size_t nn)
{
	if (nn == 0 || hn < nn)
		return NULL;
	for (size_t i = 0; i + nn <= hn; i++)
		if (h[i] == needle[0] && memcmp(h + i, needle, nn) == 0)
			return h + i;
	return NULL;
}

/* Reads name="…" (or filename="…") from a Content-Disposition line. */
static char *disposition_param(struct arena *a, const char *line, size_t n, const char *param)
{
	size_t pn = strlen(param);
	for (size_t i = 0; i + pn + 2 <= n; i++) {
		if ((i == 0 || line[i - 1] == ' ' || line[i - 1] == ';') &&
		    strncasecmp(line + i, param, pn) == 0 && line[i + pn] == '=' && line[i + pn + 1] == '"') {
			size_t start = i + pn + 2, end = start;
			while (end < n && line[end] != '"')
				end++;
			return arena_strndup(a, line + start, end - start);
		}
	}
	return NULL;
}

int http_parse_multipart(struct arena *a, const char *boundary, const char *body, size_t n,
			 struct kv **out)
{
	struct kv **tail = out;
	size_t bn = strlen(boundary);
	char *delim = arena_printf(a, "--%s", boundary);
	const char *p = memfind(body, n, delim, bn + 2), *end = body + n;

	*out = NULL;
	if (!p)
		return -1;
	for (;;) {
		p += bn + 2;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		const char *hdr_end = memfind(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hdr_end)
			return -1;
		char *name = NULL, *filename = NULL;
		for (const char *line = p; line < hdr_end;) {
			const char *eol = memfind(line, (size_t)(hdr_end - line) + 2, "\r\n", 2);
			size_t len = (size_t)(eol - line);
			if (len > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				name = disposition_param(a, line, len, "name");
				filename = disposition_param(a, line, len, "filename");
			}
			line = eol + 2;
		}
		const char *data = hdr_end + 4;
		char *next_delim = arena_printf(a, "\r\n--%s", boundary);
		const char *next = memfind(data, (size_t)(end - data), next_delim, bn + 4);
		if (!next)
			return -1;
		if (name) {
			struct kv *kv = arena_alloc(a, sizeof(*kv));
			kv->key = name;
			kv->value = arena_strndup(a, data, (size_t)(next - data));
			kv->value_len = (size_t)(next - data);
			kv->filename = filename;
			*tail = kv;
			tail = &kv->next;
		}
		p = next + 2;
	}
}

/* fuzz_query.c: what a query string and the cookies reach in amparo's own
 * code. libmicrohttpd splits and decodes the query string and the Cookie
 * header; the handlers then read the values: the paging of every list
 * (api_paging, ?page= through str_to_long), the language (?lang= and the
 * amparo_lang cookie through i18n_pick) and the page to return to after
 * login (?next= through web_safe_next). The input is a query string as
 * http_parse_urlencoded decodes it (the same percent-decoding). The
 * decoded values also go through log_escape, as a decoded request path
 * does on its way to the access log. */
#include "fuzz.h"

#include "api/api.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/str.h"
#include "web/web.h"

/* What a browser does with a Location value before resolving it: the URL
 * parser drops ASCII tab and newline (WHATWG URL, "remove all ASCII tab or
 * newline"), and reads a backslash as a slash. */
static void as_browser(const char *in, char *out, size_t n)
{
	size_t j = 0;
	for (; *in && j + 1 < n; in++) {
		if (*in == '\t' || *in == '\n' || *in == '\r')
			continue;
		out[j++] = *in == '\\' ? '/' : *in;
	}
	out[j] = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct request r;
	memset(&r, 0, sizeof(r));
	r.a = arena_new();
	r.ctx.a = r.a;
	buf_init(&r.out, RESPONSE_MAX);
	char *s = fuzz_bytes(data, size);
	r.query = http_parse_urlencoded(r.a, s, size);

	long limit = -1, offset = -1;
	if (api_paging(&r, &limit, &offset) == 0) {
		FUZZ_CHECK(limit >= 1 && limit <= 500 && offset >= 0);
	} else {
		FUZZ_CHECK(r.status == 400 && r.out.n > 0);
	}
	long page = 0;
	if (str_to_long(req_query(&r, "page"), 1, 100000, &page) == 0)
		FUZZ_CHECK(page >= 1 && page <= 100000);

	const char *lang = i18n_pick(req_query(&r, "lang"));
	FUZZ_CHECK(!lang || !strcmp(lang, "es") || !strcmp(lang, "en"));
	lang = i18n_pick(req_query(&r, "amparo_lang"));
	FUZZ_CHECK(!lang || !strcmp(lang, "es") || !strcmp(lang, "en"));

	/* After login the browser goes to next: a path of this site, never
	 * another host ("//host" or "/\host", however disguised). */
	const char *next = web_safe_next(req_query(&r, "next"));
	char seen[256];
	as_browser(next, seen, sizeof(seen));
	FUZZ_CHECK(next[0] == '/');
	FUZZ_CHECK(seen[0] == '/' && seen[1] != '/');
	for (const char *p = next; *p; p++)
		FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);

	/* A logged value stays on one line, without control characters. */
	for (struct kv *kv = r.query; kv; kv = kv->next) {
		char line[512];
		log_escape(line, sizeof(line), kv->value);
		FUZZ_CHECK(strlen(line) < sizeof(line));
		for (const char *p = line; *p; p++)
			FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
	}

	json_decref(r.json);
	buf_free(&r.out);
	free(s);
	arena_free(r.a);
	return 0;
}

/* fuzz_html.c: the escaping page writer. The input, cut at NUL bytes, gives
 * four strings that html_printf interpolates with %s and %u into text,
 * double- and single-quoted attributes and a URL. Whatever they hold, the
 * output must carry exactly the markup characters of the template: none
 * may come from an argument, and every & must start an entity. */
#include "fuzz.h"

#include "base/buf.h"
#include "base/html.h"

#define TEMPLATE                                                                  \
	"<p class=\"%s\">%s</p><a href=\"/people?q=%u&amp;x=1\" title='%s'>%d %z %l "  \
	"%%</a>%R"

static void count(const char *s, size_t n, size_t c[5])
{
	memset(c, 0, 5 * sizeof(c[0]));
	for (size_t i = 0; i < n; i++) {
		const char *k = strchr("<>\"'&", s[i]);
		if (s[i] && k)
			c[k - "<>\"'&"]++;
	}
}

static bool entity_at(const char *s)
{
	static const char *ents[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
	for (size_t i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
		if (strncmp(s, ents[i], strlen(ents[i])) == 0)
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *arg[4] = { NULL, NULL, NULL, NULL };
	char *s = fuzz_cstr(data, size);
	size_t start = 0;
	for (int k = 0; k < 4 && start <= size; k++) {
		arg[k] = s + start;
		start += strlen(s + start) + 1;
	}

	struct buf want, got;
	size_t cw[5], cg[5];
	buf_init(&want, 0);
	buf_init(&got, 0);
	html_printf(&want, TEMPLATE, "", "", "", "", 0, (size_t)0, 0LL, "<br>");
	html_printf(&got, TEMPLATE, arg[0], arg[1], arg[2], arg[3], (int)size, size,
		    (long long)size * -7, "<br>");
	FUZZ_CHECK(!got.err && got.p);
	count(want.p, want.n, cw);
	count(got.p, got.n, cg);
	/* The four markup characters and the ampersands of the template's
	 * own entities; every other one must have been escaped. */
	for (int k = 0; k < 4; k++)
		FUZZ_CHECK(cg[k] == cw[k]);
	for (size_t i = 0; i < got.n; i++)
		if (got.p[i] == '&')
			FUZZ_CHECK(entity_at(got.p + i));
	/* An argument's NUL ends it: the output has no NUL inside. */
	FUZZ_CHECK(strlen(got.p) == got.n);
	buf_free(&got);
	buf_free(&want);
	free(s);
	return 0;
}

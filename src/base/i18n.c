/* i18n.c: per-thread message language through uselocale(). English is the
 * source language of the msgids; Spanish comes from po/es.po. */
#include "base/i18n.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

#ifndef AMPARO_LOCALEDIR
#define AMPARO_LOCALEDIR "/usr/local/share/locale"
#endif

static locale_t loc_es, loc_en;
static _Thread_local const char *cur = "es";

/* gettext costs about 2,000 instructions a call (environment, domain and
 * locale lookups under a lock), and a page asks for a hundred texts: each
 * thread keeps the answers, by msgid address, per language. */
#define CACHE_SLOTS 1024 /* a power of two, over the number of msgids */
struct cached {
	const char *msgid, *text;
};
static _Thread_local struct cached cache[2][CACHE_SLOTS];

/* gettext without the context of an untranslated NC_() msgid. */
static const char *lookup(const char *msgid)
{
	const char *text = gettext(msgid);
	const char *sep = strchr(text, '\004');
	return sep ? sep + 1 : text;
}

const char *i18n_text(const char *msgid)
{
	if (!msgid)
		return NULL;
	struct cached *t = cache[cur[0] == 'e' && cur[1] == 'n'];
	size_t h = ((size_t)(uintptr_t)msgid >> 3) * 2654435761u;
	for (size_t i = 0; i < 8; i++) {
		struct cached *c = &t[(h + i) & (CACHE_SLOTS - 1)];
		if (c->msgid == msgid)
			return c->text;
		if (!c->msgid) {
			c->text = lookup(msgid);
			c->msgid = msgid;
			return c->text;
		}
	}
	return lookup(msgid);
}

static locale_t open_locale(const char *const *names)
{
	for (; *names; names++) {
		/* Only messages follow the language: numbers and character
		 * classes stay those of C.UTF-8 (a decimal point, not a comma). */
		locale_t base = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
		if (!base)
			base = newlocale(LC_ALL_MASK, "C", (locale_t)0);
		locale_t l = newlocale(LC_MESSAGES_MASK, *names, base);
		if (l)
			return l;
		freelocale(base);
	}
	return (locale_t)0;
}

int i18n_init(const char *localedir)
{
	static const char *const es[] = { "es_PA.UTF-8", "es_PA.utf8", "es_ES.UTF-8",
					  "es_ES.utf8", "es_MX.UTF-8", NULL };
	static const char *const en[] = { "C.UTF-8", "C.utf8", "C", NULL };
	const char *dir = localedir ? localedir : getenv("AMPARO_LOCALEDIR");

	/* LANGUAGE would override the per-thread locale in gettext. */
	unsetenv("LANGUAGE");
	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain("amparo", dir && *dir ? dir : AMPARO_LOCALEDIR);
	bind_textdomain_codeset("amparo", "UTF-8");
	textdomain("amparo");
	loc_es = open_locale(es);
	loc_en = open_locale(en);
	if (!loc_es) {
		log_warn("no Spanish locale on this machine (run make deps); texts will be English");
		return -1;
	}
	i18n_use("es");
	return 0;
}

void i18n_use(const char *lang)
{
	const char *l = i18n_pick(lang);
	cur = l ? l : "es";
	locale_t want = strcmp(cur, "en") == 0 ? loc_en : loc_es;
	if (want)
		uselocale(want);
}

const char *i18n_lang(void)
{
	return cur;
}

const char *i18n_pick(const char *s)
{
	if (!s)
		return NULL;
	if (strncmp(s, "es", 2) == 0)
		return "es";
	if (strncmp(s, "en", 2) == 0)
		return "en";
	return NULL;
}

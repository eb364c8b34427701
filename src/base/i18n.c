/* i18n.c: per-thread message language through uselocale(). English is the
 * source language of the msgids; Spanish comes from po/es.po. */
#include "base/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

#ifndef AMPARO_LOCALEDIR
#define AMPARO_LOCALEDIR "/usr/local/share/locale"
#endif

static locale_t loc_es, loc_en;
static _Thread_local const char *cur = "es";

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

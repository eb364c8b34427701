/* settings.h: the office's settings, which administrators change in the
 * interface (/settings) or the API. amparo knows each key, its kind, its
 * range and its default (settings.c); a key never set has its default.
 * See docs/settings.md. */
#ifndef AMPARO_SETTINGS_H
#define AMPARO_SETTINGS_H

#include "domain/domain.h"

enum setting_kind {
	SETTING_INT,   /* a whole number from min to max */
	SETTING_AREAS, /* service areas, comma-separated codes of CAT_AREA ("" for none) */
};

struct setting_def {
	const char *key;
	enum setting_kind kind;
	const char *label; /* English msgid: pass through gettext */
	const char *help;  /* English msgid */
	long min, max;     /* SETTING_INT */
	const char *def;   /* the default value as text */
};

/* Every setting amparo knows, in display order; *n gets their number. */
const struct setting_def *settings_defs(size_t *n);
/* The definition of key, or NULL. */
const struct setting_def *settings_def(const char *key);

/* The value of key (its default when never set): text in c->a. NULL only
 * for an unknown key. A read error gives the default, logged. */
const char *settings_get(struct ctx *c, const char *key);
/* A SETTING_INT key's value as a number. */
long settings_int(struct ctx *c, const char *key);
/* True when a SETTING_AREAS key's value holds area. */
int settings_has_area(struct ctx *c, const char *key, const char *area);

/* Sets key to value (trimmed; for SETTING_AREAS, codes separated by
 * commas or spaces, stored sorted as CAT_AREA orders them):
 * PERM_SETTINGS_MANAGE. An unknown key or a value out of range is an error
 * in errs under the key. Audited ("update" on "setting" key). Setting the
 * value it already has writes nothing. */
int settings_set(struct ctx *c, const char *key, const char *value, struct errors *errs);
/* Sets n keys at once, in one transaction: when any value is wrong, errs
 * says which and nothing is written. */
int settings_set_many(struct ctx *c, const char *const *keys, const char *const *values, size_t n,
		      struct errors *errs);

#endif

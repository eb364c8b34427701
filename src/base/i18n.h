/* i18n.h: gettext for every word a user reads; the language is per thread. */
#ifndef AMPARO_I18N_H
#define AMPARO_I18N_H

#include <libintl.h>

/* The translation of msgid s in the thread's language. s must have static
 * storage (a literal, or a string in a static table): translations are
 * cached by its address. */
#define _(s) i18n_text(s)
#define N_(s) (s)
/* A msgid with a context, for a word whose translation depends on what it
 * qualifies (a referral is "Enviada", a transfer "Enviado"): xgettext
 * reads NC_("referral", "Sent") as msgctxt "referral", msgid "Sent"; _()
 * of it gives the translation, or the words without their context. */
#define NC_(ctx, s) (ctx "\004" s)
#define C_(ctx, s) _(NC_(ctx, s))

/* Binds the "amparo" text domain. localedir NULL uses the build's default
 * (or AMPARO_LOCALEDIR). Returns 0, or -1 when no Spanish locale exists on
 * the machine (then every text shows in English). */
int i18n_init(const char *localedir);
/* Switches the calling thread to "es" or "en" (anything else gives "es"). */
void i18n_use(const char *lang);
/* The calling thread's language code: "es" or "en". */
const char *i18n_lang(void);
const char *i18n_text(const char *msgid);
/* Returns "es" or "en" for a user choice, or NULL when s is neither. */
const char *i18n_pick(const char *s);

#endif

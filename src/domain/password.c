/* password.c: the rules for new passwords, and the embedded list of
 * common passwords (data/common-passwords.txt, from zxcvbn's frequency
 * list, MIT licence) they are checked against. */
#include "domain/password.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/asset.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/norm.h"

#define COMMON_ASSET "data/common-passwords.txt"
#define LONGEST_COMMON 64 /* entries are shorter; longer passwords are never common */

static pthread_once_t common_once = PTHREAD_ONCE_INIT;
static char **common;  /* sorted, lowercase, NUL-terminated; lives until exit */
static size_t ncommon;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Splits the embedded list into a sorted array, once per process. */
static void load_common(void)
{
	const struct asset *as = asset_find(COMMON_ASSET);
	if (!as)
		log_fatal("%s is not embedded", COMMON_ASSET);
	char *text = malloc(as->len + 1);
	size_t lines = 0;
	if (!text)
		log_fatal("out of memory");
	memcpy(text, as->data, as->len);
	text[as->len] = 0;
	for (size_t i = 0; i < as->len; i++)
		lines += text[i] == '\n';
	common = malloc((lines + 1) * sizeof(*common));
	if (!common)
		log_fatal("out of memory");
	for (char *p = text, *save = NULL, *t; (t = strtok_r(p, "\n", &save)); p = NULL) {
		for (char *q = t; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		common[ncommon++] = t;
	}
	qsort(common, ncommon, sizeof(*common), cmp_str);
}

int password_is_common(const char *pw)
{
	char low[LONGEST_COMMON + 1], *key = low;
	size_t n = strlen(pw);
	if (n > LONGEST_COMMON)
		return 0;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)pw[i]);
	pthread_once(&common_once, load_common);
	return bsearch(&key, common, ncommon, sizeof(*common), cmp_str) != NULL;
}

/* Number of code points in s, or -1 when s is not valid UTF-8. */
static long utf8_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;
	while (*p) {
		size_t len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
			     : (*p & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || (len == 2 && *p < 0xC2) || (len == 4 && *p > 0xF4))
			return -1;
		for (size_t i = 1; i < len; i++)
			if ((p[i] & 0xC0) != 0x80)
				return -1;
		p += len;
		n++;
	}
	return n;
}

/* s folded (norm_fold: accents and case gone) with spaces dropped, so
 * "María Ruiz", "maria.ruiz" and "MariaRuiz" compare equal; in a. */
static const char *fold(struct arena *a, const char *s)
{
	struct buf b;
	size_t n = 0;
	buf_init(&b, 4096);
	norm_fold(&b, s ? s : "");
	char *out = arena_strndup(a, b.p ? b.p : "", b.n);
	for (char *p = out; *p; p++)
		if (*p != ' ')
			out[n++] = *p;
	out[n] = 0;
	buf_free(&b);
	return out;
}

/* The password is the name, or the name with a few characters added. */
static int is_name(const char *pw, const char *name)
{
	size_t n = strlen(name);
	return n && (!strcmp(pw, name) || (n >= 4 && strstr(pw, name) && strlen(pw) < n + 6));
}

static int is_own_name(const char *pw, const char *name, const char *full_name)
{
	struct arena *a = arena_new();
	const char *p = fold(a, pw);
	int yes = is_name(p, fold(a, name)) || is_name(p, fold(a, full_name));
	arena_free(a);
	return yes;
}

void password_check(const char *pw, const char *name, const char *full_name, struct errors *errs)
{
	long n = pw ? utf8_chars(pw) : 0;
	if (n < 0)
		errors_add(errs, "password", _("The password contains bytes that are not text (UTF-8)."));
	else if (n < PASSWORD_MIN_CHARS)
		errors_add(errs, "password", _("The password needs at least 12 characters: a phrase of a few words is easy to remember."));
	else if (n > PASSWORD_MAX_CHARS)
		errors_add(errs, "password", _("The password can have at most 128 characters."));
	else if (password_is_common(pw))
		errors_add(errs, "password", _("This password is one of the most common ones and easy to guess: choose another."));
	else if (is_own_name(pw, name, full_name))
		errors_add(errs, "password", _("The password must not be your own name or user name."));
}

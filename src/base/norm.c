/* norm.c: utf8proc folding and the Spanish phonetic key. */
#include "base/norm.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static utf8proc_ssize_t fold_map(const char *s, utf8proc_uint8_t **folded)
{
	return utf8proc_map((const utf8proc_uint8_t *)s, 0, folded,
			    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
				    UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD |
				    UTF8PROC_IGNORE);
}

/* Appends the n bytes of one letter or digit to out: after a space when
 * they start a word that is not the first. */
static void add_to_word(struct buf *out, const void *p, size_t n, bool *space, int *words)
{
	if (*space && *words)
		buf_addc(out, ' ');
	if (*space)
		(*words)++;
	*space = false;
	buf_add(out, p, n);
}

/* norm_fold for text all in ASCII, without utf8proc: what it would do
 * (letters lower-cased, letters and digits kept, anything else a space),
 * some twenty times faster. Returns -1 at the first byte beyond ASCII. */
static int fold_ascii(struct buf *out, const char *s)
{
	size_t mark = out->n;
	int words = 0;
	bool space = true;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c & 0x80) {
			out->n = mark;
			if (out->p)
				out->p[mark] = 0;
			return -1;
		}
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			add_to_word(out, &c, 1, &space, &words);
		else
			space = true;
	}
	return words;
}

int norm_fold(struct buf *out, const char *s)
{
	utf8proc_uint8_t *folded = NULL;
	int words = 0;
	bool space = true;

	if (!s)
		return 0;
	if ((words = fold_ascii(out, s)) >= 0)
		return words;
	words = 0;
	utf8proc_ssize_t n = fold_map(s, &folded);
	if (n < 0) {
		/* Invalid UTF-8: drop the bytes that do not decode, fold the rest. */
		struct buf valid;
		const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s, *end = p + strlen(s);
		buf_init(&valid, 0);
		buf_add(&valid, "", 0);
		while (p < end) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t len = utf8proc_iterate(p, end - p, &cp);
			if (len > 0) {
				buf_add(&valid, p, (size_t)len);
				p += len;
			} else {
				p++;
			}
		}
		folded = NULL;
		n = fold_map(valid.p, &folded);
		buf_free(&valid);
		if (n < 0)
			return 0;
	}
	for (utf8proc_ssize_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(folded + i, n - i, &cp);
		if (len <= 0)
			break;
		utf8proc_category_t cat = utf8proc_category(cp);
		bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
			    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
		if (word)
			add_to_word(out, folded + i, (size_t)len, &space, &words);
		else if (cat < UTF8PROC_CATEGORY_MN || cat > UTF8PROC_CATEGORY_ME) {
			space = true;
		}
		i += len;
	}
	free(folded);
	return words;
}

static bool front_vowel(char c)
{
	return c == 'e' || c == 'i' || c == 'y';
}

void norm_phonetic(struct buf *out, const char *w, size_t n)
{
	char last = 0;
	for (size_t i = 0; i < n; i++) {
		char c = w[i], nx = i + 1 < n ? w[i + 1] : 0, code;
		switch (c) {
		case 'a': case 'e': case 'i': case 'o': case 'u':
			code = c;
			break;
		case 'h':
			continue; /* silent; "ch" keeps its c below */
		case 'b': case 'v': case 'w':
			code = 'b';
			break;
		case 'z': case 's':
			code = 's';
			break;
		case 'c':
			if (nx == 'h') {
				code = 'C';
				i++;
			} else if (front_vowel(nx)) {
				code = 's';
			} else {
				code = 'k';
			}
			break;
		case 'q': case 'k':
			code = 'k';
			if (c == 'q' && nx == 'u')
				i++;
			break;
		case 'g':
			code = 'j';
			if (nx == 'u' && i + 2 < n && front_vowel(w[i + 2]))
				i++; /* "gue", "gui": the u is silent */
			break;
		case 'j':
			code = 'j';
			break;
		case 'y':
			/* A vowel at the end of a word ("Mary"), else like ll and j
			 * ("Yosmar"/"Josmar", "Yulieth"/"Julieth"). */
			code = (i + 1 == n && i > 0) ? 'i' : 'j';
			break;
		case 'l':
			code = 'l';
			if (nx == 'l') {
				code = 'j';
				i++;
			}
			break;
		case 'x':
			code = i == 0 ? 's' : 'j';
			break;
		case 'p':
			code = nx == 'h' ? 'f' : 'p';
			if (nx == 'h')
				i++;
			break;
		case 't':
			code = 't';
			if (nx == 'h')
				i++;
			break;
		case 'n':
			/* ñ is often typed "ni" ("Briseño", "Brisenio"): n, i and
			 * a vowel sound as ñ and the vowel. */
			code = 'n';
			if (nx == 'i' && i + 2 < n && strchr("aeou", w[i + 2]))
				i++;
			break;
		case 'm':
			/* m before b/p is often written n, and the other way round. */
			code = (c == 'm' && (nx == 'b' || nx == 'p')) ? 'n' : c;
			break;
		default:
			code = c;
			break;
		}
		if (code == last)
			continue;
		buf_addc(out, code);
		last = code;
	}
}

bool norm_particle(const char *w, size_t n)
{
	static const char *const particles[] = { "de", "del", "la", "las", "los", "y",
						 "da", "das", "do", "dos", "e" };
	for (size_t i = 0; i < sizeof(particles) / sizeof(particles[0]); i++)
		if (strlen(particles[i]) == n && memcmp(particles[i], w, n) == 0)
			return true;
	return false;
}

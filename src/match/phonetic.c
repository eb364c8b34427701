/* phonetic.c: the phonetic code matching uses: norm_phonetic (the search
 * index's key) after three spelling rules of Latin-American Spanish it does
 * not have. norm_phonetic itself cannot change: stored search indexes hold
 * its codes. Written from the published descriptions of Spanish spelling
 * (Ortografía de la lengua española, RAE 2010, on the letters y, s and the
 * digraphs hu/gu), not from another program.
 *
 * 1. An initial y before a consonant is the vowel i ("Ysabel", "Isabel");
 *    norm_phonetic codes every y but a final one as the consonant.
 * 2. Spanish adds e before an initial s and a consonant ("Stefany",
 *    "Estefany"; "Sthefany"); norm_phonetic codes the letters as written.
 * 3. An initial hu before a vowel sounds like gu ("Huamán", "Guamán";
 *    "Huerta", "Güerta"); norm_phonetic drops the h and keeps the u.
 */
#include "match/internal.h"

#include <string.h>

#include "base/norm.h"

static bool vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool letter(char c)
{
	return c >= 'a' && c <= 'z';
}

void match_phonetic(struct buf *out, const char *w, size_t n)
{
	char t[2 * MW_LEN + 2];
	size_t k = 0;

	if (n > MW_LEN)
		n = MW_LEN;
	if (n >= 2 && w[0] == 'y' && letter(w[1]) && !vowel(w[1]) && w[1] != 'y') {
		t[k++] = 'i';
		w++, n--;
	} else if (n >= 2 && w[0] == 's' && letter(w[1]) && !vowel(w[1]) && w[1] != 'y' &&
		   w[1] != 'h') {
		t[k++] = 'e';
	} else if (n >= 3 && w[0] == 'h' && w[1] == 'u' && vowel(w[2])) {
		t[k++] = 'g';
		w++, n--;
	}
	memcpy(t + k, w, n);
	norm_phonetic(out, t, k + n);
}

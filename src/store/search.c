/* search.c: name-search ranking both engines share (see search.h). */
#include "store/search.h"

#include <stdlib.h>
#include <string.h>

/* Terms past this many are matched but not scored; person.c sends at
 * most SEARCH_MAX_WORDS (8). */
#define SCORED_TERMS 32

int search_has_word(const char *words, size_t len, const char *w, size_t n)
{
	for (const char *p = words, *end = words + len; p < end;) {
		size_t k = strcspn(p, " ");
		if (k == n && memcmp(p, w, n) == 0)
			return 1;
		p += k;
		while (*p == ' ')
			p++;
	}
	return 0;
}

int search_score(const struct search_term *t, size_t nt, const char *words, int *nwords)
{
	int best[SCORED_TERMS] = { 0 }, score = 0, count = 0;
	size_t tn[SCORED_TERMS], pn[SCORED_TERMS];

	if (nt > SCORED_TERMS)
		nt = SCORED_TERMS;
	for (size_t i = 0; i < nt; i++) {
		tn[i] = strlen(t[i].word);
		pn[i] = t[i].phon ? strlen(t[i].phon) : 0;
	}
	for (const char *w = words ? words : ""; *w;) {
		size_t n = strcspn(w, " ");
		if (n && w[0] == '_') {
			for (size_t i = 0; i < nt; i++)
				if (pn[i] == n && best[i] < 2 && memcmp(t[i].phon, w, n) == 0)
					best[i] = 2;
		} else if (n) {
			for (size_t i = 0; i < nt; i++) {
				if (tn[i] > n || best[i] == 3 || memcmp(t[i].word, w, tn[i]) != 0)
					continue;
				if (tn[i] == n)
					best[i] = 3;
				else if (best[i] < 1)
					best[i] = 1;
			}
			count += !search_has_word(words, (size_t)(w - words), w, n);
		}
		w += n;
		while (*w == ' ')
			w++;
	}
	for (size_t i = 0; i < nt; i++)
		score += best[i];
	*nwords = count;
	return score;
}

static int by_rank(const void *pa, const void *pb)
{
	const struct search_hit *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->nwords != b->nwords)
		return a->nwords < b->nwords ? -1 : 1;
	if (a->id && b->id)
		return strcmp(a->id, b->id);
	return a->rowid < b->rowid ? -1 : a->rowid > b->rowid;
}

void search_sort(struct search_hit *h, size_t n)
{
	if (n > 1)
		qsort(h, n, sizeof(*h), by_rank);
}

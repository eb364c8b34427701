/* fuzz_norm.c: search normalisation of any text: norm_fold, then
 * norm_phonetic on each folded word, and person_search_terms (what the
 * search box and GET /api/v1/people?q= run on the query). */
#include "fuzz.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/norm.h"
#include "domain/person.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct buf folded, ph;

	buf_init(&folded, 0);
	buf_init(&ph, 0);
	int words = norm_fold(&folded, s);
	FUZZ_CHECK(words >= 0);
	FUZZ_CHECK(!folded.err);
	/* One space between words, none around: as norm.h promises. */
	const char *f = folded.p ? folded.p : "";
	FUZZ_CHECK((words == 0) == (folded.n == 0));
	if (folded.n) {
		FUZZ_CHECK(f[0] != ' ' && f[folded.n - 1] != ' ');
		FUZZ_CHECK(strstr(f, "  ") == NULL);
	}
	int seen = 0;
	for (const char *w = f; *w;) {
		size_t n = strcspn(w, " ");
		buf_reset(&ph);
		norm_phonetic(&ph, w, n);
		/* A key has at most one code per letter, never an empty one. */
		FUZZ_CHECK(ph.n <= n);
		seen++;
		w += n;
		while (*w == ' ')
			w++;
	}
	FUZZ_CHECK(seen == words);
	/* The phonetic key must also survive bytes it was not meant for. */
	buf_reset(&ph);
	norm_phonetic(&ph, (const char *)data, size);
	FUZZ_CHECK(ph.n <= size);

	struct arena *a = arena_new();
	struct search_term t[SEARCH_MAX_WORDS];
	size_t nt = person_search_terms(a, s, t);
	FUZZ_CHECK(nt <= SEARCH_MAX_WORDS);
	for (size_t i = 0; i < nt; i++) {
		FUZZ_CHECK(t[i].word && *t[i].word);
		FUZZ_CHECK(!strchr(t[i].word, ' '));
		FUZZ_CHECK(!t[i].phon || (t[i].phon[0] == '_' && strlen(t[i].phon) > 2));
	}
	arena_free(a);
	buf_free(&ph);
	buf_free(&folded);
	free(s);
	return 0;
}

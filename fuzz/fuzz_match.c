/* fuzz_match.c: the matching engine's record parsing on any text. The
 * input is cut at newlines into the fields of two records (given names,
 * family names, birth date, sex, nationality, documents, phones, address,
 * locality, postcode; then the same for the second). Each record is
 * normalised (mrec_normalise), the two are compared, then added to a small
 * index and looked for. */
#include "fuzz.h"

#include <math.h>

#include "match/internal.h"

#define FIELDS 10

static void fields(char **at, const char *f[FIELDS])
{
	for (int i = 0; i < FIELDS; i++) {
		f[i] = *at;
		char *nl = strchr(*at, '\n');
		if (nl) {
			*nl = 0;
			*at = nl + 1;
		} else {
			*at += strlen(*at);
		}
	}
}

static void record(const char *f[FIELDS], const char *id, struct match_record *r)
{
	*r = (struct match_record){ id,   f[0], f[1], f[2], f[3], f[4],
				    f[5], f[6], f[7], f[8], f[9] };
}

static void check_text(struct mtext t, size_t max, bool alnum, bool digits)
{
	FUZZ_CHECK(t.n <= max);
	for (size_t i = 0; i < t.n; i++) {
		char c = t.s[i];
		if (digits)
			FUZZ_CHECK(c >= '0' && c <= '9');
		else if (alnum)
			FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'));
	}
}

static void check_view(const struct mquery *q)
{
	const struct mview *v = &q->v;
	FUZZ_CHECK(q->used <= sizeof(q->buf));
	FUZZ_CHECK(v->ng <= MW_WORDS && v->nf <= MW_WORDS);
	for (int i = 0; i < v->ng + v->nf; i++) {
		const struct mword *w = i < v->ng ? &v->given[i] : &v->family[i - v->ng];
		FUZZ_CHECK(w->w.n > 0 && w->w.n <= MW_LEN);
		FUZZ_CHECK(!memchr(w->w.s, ' ', w->w.n));
		FUZZ_CHECK(w->ph.n <= MW_LEN);
	}
	FUZZ_CHECK(v->ndocs <= MW_DOCS && v->nphones <= MW_PHONES);
	for (int i = 0; i < v->ndocs; i++)
		check_text(v->docs[i], MW_DOC_LEN, true, false);
	for (int i = 0; i < v->nphones; i++)
		check_text(v->phones[i], MW_PHONE_LEN, false, true);
	check_text(v->postcode, MW_SHORT_LEN, true, false);
	check_text(v->nat, MW_SHORT_LEN, false, false);
	check_text(v->address, MW_ADDRESS_LEN, false, false);
	check_text(v->locality, MW_LOCALITY_LEN, false, false);
	FUZZ_CHECK(v->sex == 0 || v->sex == 'f' || v->sex == 'm' || v->sex == 'x');
	if (v->dob) {
		uint32_t m = v->dob / 100 % 100, d = v->dob % 100;
		FUZZ_CHECK(v->dob >= 10000000 && v->dob <= 99999999);
		(void)m, (void)d;
	}
}

static void check_explanation(const struct match_explanation *e)
{
	double sum = 0;
	FUZZ_CHECK(isfinite(e->score));
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		FUZZ_CHECK(e->level[f] == MATCH_MISSING ||
			   (e->level[f] >= 0 && e->level[f] < match_levels((enum match_field)f)));
		FUZZ_CHECK(isfinite(e->weight[f]));
		if (e->level[f] == MATCH_MISSING)
			FUZZ_CHECK(e->weight[f] == 0);
		sum += e->weight[f];
	}
	FUZZ_CHECK(fabs(sum - e->score) < 1e-6);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), *at = s;
	const char *fa[FIELDS], *fb[FIELDS];
	struct match_record a, b;
	struct mquery *q = malloc(sizeof(*q));
	struct match_model m;
	struct match_explanation e;
	struct match_candidate out[4];

	FUZZ_CHECK(q);
	fields(&at, fa);
	fields(&at, fb);
	record(fa, "a", &a);
	record(fb, "b", &b);
	mrec_normalise(&a, q);
	check_view(q);
	mrec_normalise(&b, q);
	check_view(q);

	match_model_default(&m);
	match_compare(NULL, &m, &a, &b, &e);
	check_explanation(&e);

	struct match_index *ix = match_index_new(2);
	FUZZ_CHECK(match_index_add(ix, &a) == 0);
	FUZZ_CHECK(match_index_add(ix, &b) == 0);
	match_compare(ix, &m, &a, &b, &e);
	check_explanation(&e);
	int n = match_find(ix, &m, &b, -1e9, out, 4);
	FUZZ_CHECK(n >= 0 && n <= 1); /* b itself is skipped */
	for (int i = 0; i < n; i++) {
		FUZZ_CHECK(!strcmp(out[i].id, "a"));
		check_explanation(&out[i].why);
	}
	FUZZ_CHECK(match_index_remove(ix, "a") == 0);
	FUZZ_CHECK(match_find(ix, &m, &b, -1e9, out, 4) == 0);
	match_index_free(ix);
	free(q);
	free(s);
	return 0;
}

/* compare.c: comparison levels of each field, Jaro-Winkler, and the
 * Fellegi-Sunter score with its per-field explanation. */
#include <math.h>
#include <string.h>

#include "match/internal.h"

static const char *const field_names[MATCH_NFIELDS] = {
	"given_names", "family_names", "birth_date", "document_number", "sex",
	"nationality", "phone",        "address",    "locality",        "postcode",
};
static const int nlevels[MATCH_NFIELDS] = { 6, 6, 5, 3, 2, 2, 2, 4, 3, 3 };
static const char *const name_levels[] = { "different", "partial", "fuzzy",
					   "close",     "subset",  "exact" };
static const char *const date_levels[] = { "different", "same_year", "one_digit",
					   "day_month_swapped", "exact" };
static const char *const edit_levels[] = { "different", "one_edit", "exact" };
static const char *const same_levels[] = { "different", "same" };
static const char *const address_levels[] = { "different", "partial", "close", "exact" };
static const char *const locality_levels[] = { "different", "close", "exact" };

/* Thresholds of the Jaro-Winkler similarity for "close" and "fuzzy". */
#define JW_CLOSE 0.9199
#define JW_FUZZY 0.7999
/* Most words an address is compared on. */
#define ADDRESS_WORDS 16

int match_levels(enum match_field f)
{
	return (unsigned)f < MATCH_NFIELDS ? nlevels[f] : 0;
}

const char *match_field_name(enum match_field f)
{
	return (unsigned)f < MATCH_NFIELDS ? field_names[f] : "unknown";
}

const char *match_level_name(enum match_field f, int level)
{
	if (level == MATCH_MISSING)
		return "missing";
	if (level < 0 || level >= match_levels(f))
		return "unknown";
	switch (f) {
	case MATCH_GIVEN:
	case MATCH_FAMILY:
		return name_levels[level];
	case MATCH_BIRTH:
		return date_levels[level];
	case MATCH_DOCUMENT:
	case MATCH_POSTCODE:
		return edit_levels[level];
	case MATCH_ADDRESS:
		return address_levels[level];
	case MATCH_LOCALITY:
		return locality_levels[level];
	default:
		return same_levels[level];
	}
}

/* At most how many letters a and b can match: the size of the intersection
 * of their letter multisets (letters told apart by their low 5 bits, so
 * digits share slots with letters: that only loosens the bound). */
static size_t common_letters(const char *a, size_t na, const char *b, size_t nb)
{
	uint8_t count[32] = { 0 };
	size_t m = 0;
	for (size_t i = 0; i < na; i++)
		count[(unsigned char)a[i] & 31]++;
	for (size_t i = 0; i < nb; i++) {
		uint8_t *c = &count[(unsigned char)b[i] & 31];
		if (*c) {
			(*c)--;
			m++;
		}
	}
	return m;
}

/* Jaro (1989) with Winkler's (1990) prefix bonus: common prefix up to 4
 * letters, scale 0.1, applied when the Jaro similarity passes 0.7. Strings
 * longer than 64 bytes are compared on their first 64. When the result is
 * sure to be below min, returns early with a value below min: most pairs
 * of different words are told apart by the letters they share. */
static double jaro_winkler(const char *a, size_t na, const char *b, size_t nb, double min)
{
	uint64_t ma = 0, mb = 0;
	if (na > 64)
		na = 64;
	if (nb > 64)
		nb = 64;
	if (!na || !nb)
		return na == nb ? 1.0 : 0.0;
	size_t l = 0;
	while (l < 4 && l < na && l < nb && a[l] == b[l])
		l++;
	if (min > 0) {
		double mm = (double)common_letters(a, na, b, nb);
		double ub = (mm / (double)na + mm / (double)nb + 1.0) / 3.0;
		if (ub > 0.7)
			ub += (double)l * 0.1 * (1.0 - ub);
		if (ub < min)
			return 0.0;
	}
	size_t longest = na > nb ? na : nb;
	size_t win = longest / 2 > 0 ? longest / 2 - 1 : 0;
	size_t m = 0;
	for (size_t i = 0; i < na; i++) {
		size_t lo = i > win ? i - win : 0, hi = i + win + 1 < nb ? i + win + 1 : nb;
		for (size_t j = lo; j < hi; j++) {
			if (!(mb >> j & 1) && a[i] == b[j]) {
				ma |= 1ULL << i;
				mb |= 1ULL << j;
				m++;
				break;
			}
		}
	}
	if (!m)
		return 0.0;
	size_t t = 0, k = 0;
	for (size_t i = 0; i < na; i++) {
		if (!(ma >> i & 1))
			continue;
		while (!(mb >> k & 1))
			k++;
		if (a[i] != b[k])
			t++;
		k++;
	}
	double md = (double)m;
	double jaro = (md / (double)na + md / (double)nb + (md - (double)t / 2.0) / md) / 3.0;
	if (jaro <= 0.7)
		return jaro;
	return jaro + (double)l * 0.1 * (1.0 - jaro);
}

double match_jaro_winkler(const char *a, size_t na, const char *b, size_t nb)
{
	return jaro_winkler(a, na, b, nb, 0);
}

bool match_one_edit(const char *a, size_t na, const char *b, size_t nb)
{
	if (na > nb + 1 || nb > na + 1)
		return false;
	size_t i = 0;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	if (i == na && i == nb)
		return true;
	if (na == nb) {
		/* one substitution, or two neighbours swapped */
		if (!memcmp(a + i + 1, b + i + 1, na - i - 1))
			return true;
		return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       !memcmp(a + i + 2, b + i + 2, na - i - 2);
	}
	if (na > nb) /* a has one byte more at i */
		return !memcmp(a + i + 1, b + i, nb - i);
	return !memcmp(a + i, b + i + 1, na - i);
}

static bool same_text(struct mtext a, struct mtext b, uint32_t ia, uint32_t ib)
{
	if (ia && ib)
		return ia == ib;
	return a.n == b.n && a.n && !memcmp(a.s, b.s, a.n);
}

static double word_sim(const struct mword *x, const struct mword *y)
{
	if (same_text(x->w, y->w, x->id, y->id))
		return 1.0;
	if (x->ph.n > 1 && same_text(x->ph, y->ph, x->pid, y->pid))
		return 0.95; /* sounds the same: "close" */
	/* Below "fuzzy" the value changes no level. */
	return jaro_winkler(x->w.s, x->w.n, y->w.s, y->w.n, JW_FUZZY);
}

int mcmp_names_tf(const struct mword *a, uint8_t na, const struct mword *b, uint8_t nb,
		  uint32_t *agree, int *nagree)
{
	bool ua[MW_WORDS] = { 0 }, ub[MW_WORDS] = { 0 };
	double sim[MW_WORDS][MW_WORDS];
	int k = na < nb ? na : nb, e = 0, close = 0, fuzzy = 0, ng = 0;

	if (nagree)
		*nagree = 0;
	if (!na || !nb)
		return MATCH_MISSING;
	/* Exact words first: the common case costs no Jaro-Winkler. */
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb && !ua[i]; j++)
			if (!ub[j] && same_text(a[i].w, b[j].w, a[i].id, b[j].id)) {
				ua[i] = ub[j] = true;
				if (agree)
					agree[ng++] = a[i].id ? a[i].id : b[j].id;
				e++;
			}
	if (e < k) {
		for (int i = 0; i < na; i++)
			for (int j = 0; j < nb; j++)
				sim[i][j] = ua[i] || ub[j] ? -1.0 : word_sim(&a[i], &b[j]);
	}
	close = fuzzy = e;
	/* Greedy pairing: the most similar remaining pair, until the shorter
	 * side has a partner for every word. */
	for (int left = k - e; left > 0; left--) {
		int bi = -1, bj = -1;
		double best = -1.0;
		for (int i = 0; i < na; i++)
			for (int j = 0; j < nb; j++)
				if (!ua[i] && !ub[j] && sim[i][j] > best)
					best = sim[i][j], bi = i, bj = j;
		if (bi < 0)
			break;
		ua[bi] = ub[bj] = true;
		if (best >= JW_CLOSE && agree) /* the class of sounds they share */
			agree[ng++] = a[bi].pid ? a[bi].pid : b[bj].pid;
		close += best >= JW_CLOSE;
		fuzzy += best >= JW_FUZZY;
	}
	if (nagree)
		*nagree = ng;
	if (e == k)
		return na == nb ? MATCH_NAME_EXACT : MATCH_NAME_SUBSET;
	if (close == k)
		return MATCH_NAME_CLOSE;
	if (fuzzy == k)
		return MATCH_NAME_FUZZY;
	return close ? MATCH_NAME_PARTIAL : MATCH_NAME_DIFFERENT;
}

int mcmp_names(const struct mword *a, uint8_t na, const struct mword *b, uint8_t nb)
{
	return mcmp_names_tf(a, na, b, nb, NULL, NULL);
}

/* The 8 digits of a YYYYMMDD date. */
static void date_digits(uint32_t d, char out[8])
{
	for (int i = 7; i >= 0; i--, d /= 10)
		out[i] = (char)('0' + d % 10);
}

int mcmp_date(uint32_t a, uint32_t b)
{
	if (!a || !b)
		return MATCH_MISSING;
	uint32_t ya = a / 10000, yb = b / 10000, ma = a / 100 % 100, mb = b / 100 % 100;
	uint32_t da = a % 100, db = b % 100;
	if (a == b)
		return ma && da ? MATCH_DATE_EXACT : MATCH_DATE_YEAR;
	/* A zero month or day is a year or month only, or a digit typed
	 * wrong in an eight-digit date (19400529 as 19400029). */
	char x[8], y[8];
	date_digits(a, x);
	date_digits(b, y);
	bool partial = !ma || !mb || !da || !db;
	bool one_digit = match_one_edit(x, 8, y, 8);
	if (partial && !(one_digit && (ma || da) && (mb || db)))
		return ya == yb ? MATCH_DATE_YEAR : MATCH_DATE_DIFFERENT;
	if (ya == yb && ma == db && da == mb)
		return MATCH_DATE_SWAPPED;
	if (one_digit)
		return MATCH_DATE_DIGIT;
	return ya == yb ? MATCH_DATE_YEAR : MATCH_DATE_DIFFERENT;
}

static int cmp_docs(const struct mview *a, const struct mview *b)
{
	int best = 0;
	if (!a->ndocs || !b->ndocs)
		return MATCH_MISSING;
	for (int i = 0; i < a->ndocs; i++)
		for (int j = 0; j < b->ndocs; j++) {
			struct mtext x = a->docs[i], y = b->docs[j];
			if (same_text(x, y, 0, 0))
				return 2;
			if (match_one_edit(x.s, x.n, y.s, y.n))
				best = 1;
		}
	return best;
}

static int cmp_phones(const struct mview *a, const struct mview *b)
{
	if (!a->nphones || !b->nphones)
		return MATCH_MISSING;
	for (int i = 0; i < a->nphones; i++)
		for (int j = 0; j < b->nphones; j++) {
			struct mtext x = a->phones[i], y = b->phones[j];
			struct mtext s = x.n < y.n ? x : y, l = x.n < y.n ? y : x;
			/* Equal, or equal but for a country or area code. */
			if (!memcmp(s.s, l.s + l.n - s.n, s.n))
				return 1;
		}
	return 0;
}

static bool number(struct mtext t)
{
	for (size_t i = 0; i < t.n; i++)
		if (t.s[i] < '0' || t.s[i] > '9')
			return false;
	return t.n > 0;
}

/* Splits folded text at spaces into at most ADDRESS_WORDS words. */
static int words(struct mtext t, struct mtext *w)
{
	int n = 0;
	for (size_t i = 0; i < t.n && n < ADDRESS_WORDS;) {
		size_t j = i;
		while (j < t.n && t.s[j] != ' ')
			j++;
		if (j > i)
			w[n++] = (struct mtext){ t.s + i, (uint16_t)(j - i) };
		i = j + 1;
	}
	return n;
}

static int cmp_address(struct mtext a, struct mtext b)
{
	struct mtext wa[ADDRESS_WORDS], wb[ADDRESS_WORDS];
	if (!a.n || !b.n)
		return MATCH_MISSING;
	if (same_text(a, b, 0, 0))
		return 3;
	int na = words(a, wa), nb = words(b, wb), agree = 0;
	const struct mtext *ws = na <= nb ? wa : wb, *wl = na <= nb ? wb : wa;
	int ns = na <= nb ? na : nb, nl = na <= nb ? nb : na;
	/* Each word of the shorter address against its best partner. */
	for (int i = 0; i < ns; i++) {
		double best = 0;
		for (int j = 0; j < nl && best < 1.0; j++) {
			/* A house number is the same or another. */
			double s = same_text(ws[i], wl[j], 0, 0)	 ? 1.0
				   : number(ws[i]) || number(wl[j]) ? 0.0
				   : jaro_winkler(ws[i].s, ws[i].n, wl[j].s, wl[j].n, 0.9);
			if (s > best)
				best = s;
		}
		agree += best >= 0.9;
	}
	if (agree == ns)
		return 2;
	return 2 * agree >= ns ? 1 : 0;
}

static int cmp_locality(struct mtext a, struct mtext b)
{
	if (!a.n || !b.n)
		return MATCH_MISSING;
	if (same_text(a, b, 0, 0))
		return 2;
	return jaro_winkler(a.s, a.n, b.s, b.n, 0.9) >= 0.9 ? 1 : 0;
}

static int cmp_edit(struct mtext a, struct mtext b)
{
	if (!a.n || !b.n)
		return MATCH_MISSING;
	if (same_text(a, b, 0, 0))
		return 2;
	return match_one_edit(a.s, a.n, b.s, b.n) ? 1 : 0;
}

static int cmp_same(bool present, bool same)
{
	return present ? (same ? 1 : 0) : MATCH_MISSING;
}

void mcmp_levels(const struct mview *a, const struct mview *b, int level[MATCH_NFIELDS])
{
	level[MATCH_GIVEN] = mcmp_names(a->given, a->ng, b->given, b->ng);
	level[MATCH_FAMILY] = mcmp_names(a->family, a->nf, b->family, b->nf);
	level[MATCH_BIRTH] = mcmp_date(a->dob, b->dob);
	level[MATCH_DOCUMENT] = cmp_docs(a, b);
	level[MATCH_SEX] = cmp_same(a->sex && b->sex, a->sex == b->sex);
	level[MATCH_NATIONALITY] =
		cmp_same(a->nat.n && b->nat.n, same_text(a->nat, b->nat, 0, 0));
	level[MATCH_PHONE] = cmp_phones(a, b);
	level[MATCH_ADDRESS] = cmp_address(a->address, b->address);
	level[MATCH_LOCALITY] = cmp_locality(a->locality, b->locality);
	level[MATCH_POSTCODE] = cmp_edit(a->postcode, b->postcode);
}

double match_weight(const struct match_model *m, enum match_field f, int level)
{
	if (level < 0 || level >= match_levels(f))
		return 0.0;
	double mp = m->m[f][level], up = m->u[f][level];
	return log2((mp > 1e-9 ? mp : 1e-9) / (up > 1e-9 ? up : 1e-9));
}

/* Weight of a name field at level l; at the exact, subset and close
 * levels the frequency of the words that agree (close: of their phonetic
 * code) replaces the average u: agreeing on "García" is more likely by
 * chance than agreeing on "Quispe", and "Gonzales" for "González" more
 * than "Yosmar" for "Josmar". */
static double name_weight(const struct match_model *m, const struct mfreq *fr, int role,
			  enum match_field f, int l, const uint32_t *agree, int ne)
{
	double w = match_weight(m, f, l);
	if (!fr || ne == 0 ||
	    (l != MATCH_NAME_EXACT && l != MATCH_NAME_SUBSET && l != MATCH_NAME_CLOSE))
		return w;
	double u = 1.0;
	for (int i = 0; i < ne; i++)
		u *= fr->share(fr->ix, role, agree[i]);
	double floor = m->u[f][l] * exp2(-m->tf_max_bits);
	if (u < floor)
		u = floor;
	double mp = m->m[f][l];
	return log2((mp > 1e-9 ? mp : 1e-9) / (u > 1e-12 ? u : 1e-12));
}

/* True when some word of a sounds like some word of b, or starts with the
 * same three letters (a typo further on): only then may comparing names
 * crosswise agree better than straight. */
static bool share_sound(const struct mword *a, uint8_t na, const struct mword *b, uint8_t nb)
{
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++)
			if (same_text(a[i].w, b[j].w, a[i].id, b[j].id) ||
			    (a[i].ph.n > 1 && same_text(a[i].ph, b[j].ph, a[i].pid, b[j].pid)) ||
			    (a[i].w.n >= 3 && b[j].w.n >= 3 && !memcmp(a[i].w.s, b[j].w.s, 3)))
				return true;
	return false;
}

/* Levels and weights of the two name fields: a's given names against b's
 * (ga, gb) and a's family names against b's (fa, fb). */
static double names(const struct match_model *m, const struct mfreq *fr, const struct mword *ga,
		    uint8_t nga, const struct mword *gb, uint8_t ngb, const struct mword *fa,
		    uint8_t nfa, const struct mword *fb, uint8_t nfb, int level[2], double w[2])
{
	uint32_t ex[MW_WORDS];
	int ne;
	level[0] = mcmp_names_tf(ga, nga, gb, ngb, ex, &ne);
	w[0] = name_weight(m, fr, 0, MATCH_GIVEN, level[0], ex, ne);
	level[1] = mcmp_names_tf(fa, nfa, fb, nfb, ex, &ne);
	w[1] = name_weight(m, fr, 1, MATCH_FAMILY, level[1], ex, ne);
	return w[0] + w[1];
}

void mcmp_score(const struct match_model *m, const struct mfreq *fr, const struct mview *a,
		const struct mview *b, struct match_explanation *out)
{
	int l[2];
	double w[2];

	mcmp_levels(a, b, out->level);
	out->swapped = 0;
	double straight = names(m, fr, a->given, a->ng, b->given, b->ng, a->family, a->nf,
				b->family, b->nf, out->level, out->weight);
	/* Given names written as surnames and the other way round. */
	if (a->ng && a->nf && b->ng && b->nf &&
	    (out->level[MATCH_GIVEN] < MATCH_NAME_CLOSE ||
	     out->level[MATCH_FAMILY] < MATCH_NAME_CLOSE) &&
	    (share_sound(a->given, a->ng, b->family, b->nf) ||
	     share_sound(a->family, a->nf, b->given, b->ng))) {
		double cross = names(m, fr, a->given, a->ng, b->family, b->nf, a->family, a->nf,
				     b->given, b->ng, l, w);
		if (cross > straight) {
			out->swapped = 1;
			memcpy(out->level, l, sizeof(l));
			memcpy(out->weight, w, sizeof(w));
		}
	}
	out->score = 0;
	for (int f = 0; f < MATCH_NFIELDS; f++) {
		if (f > MATCH_FAMILY)
			out->weight[f] = match_weight(m, (enum match_field)f, out->level[f]);
		out->score += out->weight[f];
	}
}

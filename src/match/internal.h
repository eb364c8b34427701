/* internal.h: what the files of src/match share and nothing outside may
 * use (tests excepted): the normalised view of a record, the comparators,
 * the index's dictionary. */
#ifndef AMPARO_MATCH_INTERNAL_H
#define AMPARO_MATCH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "match/match.h"

/* Limits of one normalised record: longer input is cut, so a record has a
 * bounded size whatever a client sends. */
#define MW_WORDS 6     /* words per name field */
#define MW_LEN 31      /* bytes per name word */
#define MW_DOCS 2      /* document numbers */
#define MW_DOC_LEN 24
#define MW_PHONES 2
#define MW_PHONE_LEN 10 /* the last 10 digits are kept */
#define MW_ADDRESS_LEN 120
#define MW_LOCALITY_LEN 60
#define MW_SHORT_LEN 16 /* nationality, postcode */

/* A text field: bytes owned by the view's buffer or by the index; n == 0
 * means missing (s may then be NULL). */
struct mtext {
	const char *s;
	uint16_t n;
};

/* A name word: its folded text and its phonetic code; id and pid are the
 * dictionary's numbers for them (0: not in the dictionary). */
struct mword {
	struct mtext w, ph;
	uint32_t id, pid;
};

/* A record normalised for comparison and blocking. */
struct mview {
	struct mword given[MW_WORDS], family[MW_WORDS];
	uint8_t ng, nf, ndocs, nphones;
	uint32_t dob;  /* YYYYMMDD; MM and DD are 00 when unknown; 0 no date */
	char sex;      /* 'f', 'm', 'x' or 0 */
	struct mtext nat, docs[MW_DOCS], phones[MW_PHONES], address, locality, postcode;
};

/* A query's view with the storage its text lives in. */
struct mquery {
	struct mview v;
	char buf[2048];
	size_t used;
};

/* record.c */
/* Normalises r into q (text in q->buf, every id 0). */
void mrec_normalise(const struct match_record *r, struct mquery *q);
/* Appends the folded name words of s to w (particles set aside, nicknames
 * mapped to the full name when nick is true); returns the new count. */
uint8_t mrec_names(const char *s, bool nick, struct mquery *q, struct mword *w, uint8_t n);
/* Parses a date as match_record.birth_date describes; 0 when not a date. */
uint32_t mrec_date(const char *s);
/* The full name a nickname stands for ("pepe" -> "jose"), or NULL. */
const char *mrec_nickname(const char *w, size_t n);

/* phonetic.c */
/* Appends the phonetic code of a folded word: norm_phonetic after the
 * rules it lacks (see phonetic.c). */
void match_phonetic(struct buf *out, const char *w, size_t n);

/* compare.c */
double match_jaro_winkler(const char *a, size_t na, const char *b, size_t nb);
/* True when a and b differ by at most one insertion, deletion,
 * substitution or swap of two neighbours. */
bool match_one_edit(const char *a, size_t na, const char *b, size_t nb);
int mcmp_names(const struct mword *a, uint8_t na, const struct mword *b, uint8_t nb);
/* The same, and the dictionary ids of what agrees in agree[0 .. *nagree
 * - 1] (MW_WORDS entries): the word of each exact pair, the phonetic code
 * of each close one (a's, or b's when a's is not in the dictionary). */
int mcmp_names_tf(const struct mword *a, uint8_t na, const struct mword *b, uint8_t nb,
		  uint32_t *agree, int *nagree);
int mcmp_date(uint32_t a, uint32_t b);
/* Levels of every field (names straight: given with given). */
void mcmp_levels(const struct mview *a, const struct mview *b, int level[MATCH_NFIELDS]);

/* Frequencies for the term-frequency adjustment: share of records whose
 * given (role 0) or family (role 1) names hold word id. */
struct mfreq {
	const struct match_index *ix;
	double (*share)(const struct match_index *ix, int role, uint32_t id);
};
/* Scores a against b with the model: levels (names also crosswise when
 * that agrees better), weights, and the frequency adjustment when f is not
 * NULL. */
void mcmp_score(const struct match_model *m, const struct mfreq *f, const struct mview *a,
		const struct mview *b, struct match_explanation *out);

/* hash */
static inline uint64_t mhash_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static inline uint64_t mhash_bytes(const char *p, size_t n, uint64_t seed)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 0x100000001b3ULL;
	}
	return mhash_mix(h);
}

#endif

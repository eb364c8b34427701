/* match.h: record linkage: finds the people already registered who may be
 * the person in hand, scores each candidate with a Fellegi-Sunter model and
 * says why. Pure computation: no database, no HTTP; the domain layer feeds
 * it records and stores what it decides. See docs/match.md. */
#ifndef AMPARO_MATCH_H
#define AMPARO_MATCH_H

#include <stddef.h>
#include <stdint.h>

/* A person as the engine reads it. Every string is borrowed for the length
 * of the call (the index copies what it keeps); NULL and "" mean missing.
 * Text in any case, with or without accents; see docs/match.md for what
 * each field accepts. */
struct match_record {
	const char *id;           /* the caller's identifier; required to add */
	const char *given_names;  /* "María de los Ángeles", "Pepe" */
	const char *family_names; /* both surnames, either order, particles allowed */
	const char *birth_date;   /* YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY, YYYY-MM or YYYY */
	const char *sex;          /* f/m/x, or a word such as "mujer", "male" */
	const char *nationality;  /* ISO alpha-3 or any text, compared folded */
	const char *documents;    /* one or more numbers separated by ';' or ',' */
	const char *phones;       /* likewise */
	const char *address;
	const char *locality;
	const char *postcode;
};

/* The compared fields, in the order of every per-field array below. */
enum match_field {
	MATCH_GIVEN,
	MATCH_FAMILY,
	MATCH_BIRTH,
	MATCH_DOCUMENT,
	MATCH_SEX,
	MATCH_NATIONALITY,
	MATCH_PHONE,
	MATCH_ADDRESS,
	MATCH_LOCALITY,
	MATCH_POSTCODE,
	MATCH_NFIELDS
};

/* Comparison levels: 0 is always "different", higher is closer agreement;
 * MATCH_MISSING when either side lacks the field (weight 0). A field has
 * match_levels(field) levels. Names (given and family, as sets of words):
 * different, partial (one word agrees, another differs), fuzzy (every word
 * pairs with Jaro-Winkler >= 0.80), close (every word >= 0.92 or the same
 * phonetic code), subset (every word of the shorter set exact: a missing
 * second surname), exact. Date of birth: different, same year, one digit
 * (or two adjacent digits swapped), day and month swapped, exact. Document,
 * postcode: different, one edit, exact. Address: different, partial,
 * close, exact. Locality: different, close, exact. Sex, nationality,
 * phone: different, same. */
#define MATCH_MISSING (-1)
#define MATCH_MAX_LEVELS 6

enum { MATCH_NAME_DIFFERENT, MATCH_NAME_PARTIAL, MATCH_NAME_FUZZY, MATCH_NAME_CLOSE,
       MATCH_NAME_SUBSET, MATCH_NAME_EXACT };
enum { MATCH_DATE_DIFFERENT, MATCH_DATE_YEAR, MATCH_DATE_DIGIT, MATCH_DATE_SWAPPED,
       MATCH_DATE_EXACT };

int match_levels(enum match_field f);
/* Stable English identifiers for JSON and logs ("given_names", "close");
 * pages translate them. Never NULL. */
const char *match_field_name(enum match_field f);
const char *match_level_name(enum match_field f, int level);

/* The parameters of the model. Plain data: copy it, store it, load it.
 * m[f][l]: probability of level l for field f when the two records are the
 * same person; u[f][l]: when they are not. Weights are log2(m/u). */
struct match_model {
	double m[MATCH_NFIELDS][MATCH_MAX_LEVELS];
	double u[MATCH_NFIELDS][MATCH_MAX_LEVELS];
	double lambda;   /* share of blocked pairs that match (from EM) */
	/* Thresholds on the score for a registry of MATCH_REF_RECORDS people
	 * or fewer: "likely the same person", "possibly, review". A larger
	 * registry raises both by log2(records / MATCH_REF_RECORDS): two random
	 * people are the same person with odds that fall as the registry
	 * grows, so the same confidence needs a bit more evidence each time
	 * it doubles. match_threshold gives the thresholds in force. */
	double likely;
	double possible;
	double records; /* the registry's size (match_model_estimate sets it) */
	/* The most a rare name's frequency may add to the weight of the exact,
	 * subset and close levels of names, in bits (common names lose weight
	 * without limit). */
	double tf_max_bits;
};

/* The default thresholds, in bits, and the registry size they are for
 * (see docs/match.md for how they were chosen). */
#define MATCH_LIKELY_DEFAULT 10.0
#define MATCH_POSSIBLE_DEFAULT 5.0
#define MATCH_REF_RECORDS 10000.0

/* Fills m with the defaults: hand-set m and u, the default thresholds. */
void match_model_default(struct match_model *m);
/* Weight in bits of level l of field f, without frequency adjustment. */
double match_weight(const struct match_model *m, enum match_field f, int level);

/* Why two records got their score: each field's level and weight. */
struct match_explanation {
	double score;              /* the sum of weight[] */
	int swapped;               /* 1: given and family names compared crosswise */
	int level[MATCH_NFIELDS];  /* MATCH_MISSING or 0 .. match_levels(f) - 1 */
	double weight[MATCH_NFIELDS];
};

enum match_verdict { MATCH_NO, MATCH_POSSIBLE, MATCH_LIKELY };
/* The verdict on a scored pair. "Likely" needs the score, and birth dates
 * that are not "different" (another year, beyond one wrong digit) unless a
 * document number agrees to one edit: brothers and sisters share both
 * surnames, address and phone, and so do namesakes in a large registry;
 * the score alone would call them one person. */
enum match_verdict match_verdict(const struct match_model *m, const struct match_explanation *why);
/* The score at or above which a pair is v (MATCH_LIKELY or MATCH_POSSIBLE)
 * for m's registry size: the minimum score to ask match_find for. */
double match_threshold(const struct match_model *m, enum match_verdict v);

struct match_index;

/* The longest id the index keeps (amparo's are UUIDs: 36). */
#define MATCH_ID_MAX 64

/* An empty index. cap: postings beyond which a blocking key is too common
 * to give candidates (0: MATCH_DEFAULT_CAP). Returns NULL when out of
 * memory. The index has its own read-write lock: any number of finds,
 * scans and estimates may run at once; an add or remove waits for them. */
#define MATCH_DEFAULT_CAP 500
struct match_index *match_index_new(unsigned cap);
void match_index_free(struct match_index *ix);
/* Adds a copy of r (r->id required and not already present is the
 * caller's promise: the same id twice gives two entries). A UUID id in
 * lower-case text is kept in 16 bytes. Returns 0, or -1 when r->id is
 * missing or longer than MATCH_ID_MAX, or the index is full (2^26
 * records). */
int match_index_add(struct match_index *ix, const struct match_record *r);
/* Removes the entry with this id (a merged or corrected person; add the new
 * version afterwards). Linear in the index size: for rare events. Returns
 * 0, or -1 when there is no such entry. */
int match_index_remove(struct match_index *ix, const char *id);

struct match_index_stats {
	size_t records;     /* live entries */
	size_t keys;        /* distinct blocking keys */
	size_t capped_keys; /* keys above the cap, skipped by find and scan */
	size_t words;       /* distinct name words and phonetic codes */
	size_t bytes;       /* memory the index holds */
};
void match_index_stats(struct match_index *ix, struct match_index_stats *s);

/* One record found for a query. */
struct match_candidate {
	char id[MATCH_ID_MAX + 1];
	enum match_verdict verdict;
	struct match_explanation why;
};

/* Finds the indexed records that share a blocking key with r and score at
 * least min_score; writes the best max of them to out, best first, and
 * returns how many it wrote. An entry whose id equals r->id is skipped, so
 * an indexed person can be checked against the others. Returns -1 when
 * out of memory. */
int match_find(struct match_index *ix, const struct match_model *m, const struct match_record *r,
	       double min_score, struct match_candidate *out, size_t max);

/* Compares two records. ix (may be NULL) supplies name frequencies: with
 * it an exact rare surname weighs more than an exact "García". */
void match_compare(struct match_index *ix, const struct match_model *m,
		   const struct match_record *a, const struct match_record *b,
		   struct match_explanation *out);

/* Every pair of indexed records that shares a blocking key, once, scored;
 * calls fn (its ids valid during the call) for those scoring at least
 * min_score; fn stops the scan by returning nonzero, which match_scan then
 * returns. cap: keys with more records are skipped (0, or more than the
 * index's cap: the index's); a scan's work grows with the square of a
 * key's records, so a whole registry wants a smaller cap than a lookup
 * (MATCH_SCAN_CAP; docs/match.md has what it costs in recall). part and
 * nparts: this call takes the records numbered part, part + nparts, ...:
 * run nparts calls on as many threads for a parallel scan. The scan lets
 * adds and removes in every 1,024 records; records added meanwhile wait
 * for the next scan. fn runs under the index's read lock: it must not add
 * to or remove from this index. Returns 0, or -1 when out of memory. */
typedef int (*match_pair_fn)(const char *id_a, const char *id_b,
			     const struct match_explanation *why, void *arg);
#define MATCH_SCAN_CAP 100
int match_scan(struct match_index *ix, const struct match_model *m, double min_score,
	       unsigned cap, unsigned part, unsigned nparts, match_pair_fn fn, void *arg);

/* Estimates the model from the index: u from random pairs of records, m
 * and lambda by expectation-maximisation over the pairs of each kind of
 * blocking key (the fields that key is built from are held out of that
 * round), records from the index's size. Thresholds and tf_max_bits are
 * left as they are. Takes 15 s at a million people, letting adds and
 * removes in as it goes (what they add is not in this estimate). Returns
 * 0, or -1 when the index holds fewer than 2 records (m is then
 * unchanged). */
int match_model_estimate(struct match_model *m, struct match_index *ix);

/* A pair a person reviewed. */
struct match_label {
	struct match_record a, b;
	int same; /* 1: same person, 0: different people */
};
/* Refines m from reviewed pairs: each field's m becomes the share of its
 * levels among the "same" pairs, blended with the current m as if it had
 * been observed on `prior` pairs (0: 20). u is not changed: pairs someone
 * chose to review are not a random sample of different people. out_fp and
 * out_fn (may be NULL) receive how many "different" pairs still score as
 * likely and how many "same" pairs score below possible. */
void match_model_refine(struct match_model *m, struct match_index *ix,
			const struct match_label *labels, size_t n, double prior,
			size_t *out_fp, size_t *out_fn);

#endif

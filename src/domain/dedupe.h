/* dedupe.h: the records of a file linked against each other (amparo
 * dedupe): the registry's matching engine on data outside the registry.
 * See docs/match.md, "amparo dedupe". */
#ifndef AMPARO_DEDUPE_H
#define AMPARO_DEDUPE_H

#include <stddef.h>

#include "match/match.h"

/* Which pairs are judged a match. */
enum dedupe_cut {
	DEDUPE_LIKELY,   /* the verdict is "likely" (the default) */
	DEDUPE_POSSIBLE, /* "likely" or "possible" */
	DEDUPE_SCORE,    /* the score is at least dedupe_opts.score */
};

struct dedupe_opts {
	enum dedupe_cut cut;
	double score;     /* for DEDUPE_SCORE, in bits */
	unsigned threads; /* 0: one per core, at most 8 */
};

struct dedupe_pair {
	size_t a, b; /* record numbers, a < b */
	double score;
	enum match_verdict verdict;
};

struct dedupe_result {
	struct dedupe_pair *pairs; /* sorted by a, then b */
	size_t n;
	size_t compared;       /* candidate pairs scored */
	double likely, possible; /* the thresholds in force, in bits */
	struct match_model model; /* estimated from the records */
};

/* A document or phone number held by more records than this is not one
 * person's (an office's phone, "000000") and is left out. */
#define DEDUPE_SHARED_MAX 20

/* Links recs[0..n) against each other: builds an index of them (their ids
 * are ignored: pairs name records by number), estimates the model from
 * them (no labels), scans every blocked pair and keeps those o judges a
 * match. A field that only says there is no value ("N/A", "NULL", "-",
 * "sin dato", "desconocido", "0", ...) is missing, and so are documents
 * and phones shared by more than DEDUPE_SHARED_MAX records. Returns 0, or
 * -1 when out of memory or a thread cannot start. */
int dedupe_run(const struct match_record *recs, size_t n, const struct dedupe_opts *o,
	       struct dedupe_result *out);
void dedupe_result_free(struct dedupe_result *r);

#endif

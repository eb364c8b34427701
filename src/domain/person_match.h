/* person_match.h: possible duplicates of a person, from the matching engine
 * (src/match) kept in memory for the whole registry. See docs/match.md,
 * "In the registry". */
#ifndef AMPARO_PERSON_MATCH_H
#define AMPARO_PERSON_MATCH_H

#include "domain/domain.h"
#include "match/match.h"

/* The most candidates a lookup returns. */
#define PERSON_MATCH_MAX 10

/* One registered person who may be the person in hand. */
struct person_match {
	struct person p; /* the stored record (strings in the caller's arena) */
	enum match_verdict verdict; /* MATCH_LIKELY or MATCH_POSSIBLE */
	struct match_explanation why;
};

/* Starts building the process-wide index from the database at url in a
 * thread of its own (amparo serve), so the server answers at once; until
 * it is done person_matches answers DOM_BUSY. One index per process.
 * Returns DOM_OK, or DOM_ERROR when the thread cannot start. */
int person_match_start(const char *url);
/* Stops the build if it still runs and frees the index. */
void person_match_stop(void);
/* Builds the index from st in the calling thread and installs it
 * (tests, and any command that wants lookups without a server). Returns
 * DOM_OK or the store's error. */
int person_match_build(struct store *st);
/* 1 when lookups can be answered. */
int person_match_ready(void);

/* The registered people who may be `in` (its fields as for
 * person_create; documents: numbers separated by ';', may be NULL), best
 * first, at most max (<= PERSON_MATCH_MAX), into out; *n gets how many.
 * in->id, when set, is left out (a person checked against the others).
 * Needs PERM_REGISTRY_READ. Without an index (none started or built, or
 * still loading) answers DOM_BUSY: the caller says "not ready", it does
 * not build one on demand, which would take seconds to minutes on a large
 * registry. */
int person_matches(struct ctx *c, const struct person *in, const char *documents,
		   struct person_match *out, size_t max, size_t *n);
/* 1 when any of the n matches is MATCH_LIKELY. */
int person_match_any_likely(const struct person_match *m, size_t n);

/* The engine's view of a person p (documents: numbers joined with ';',
 * may be NULL); the strings are p's or in a. */
void person_match_record(struct arena *a, const struct person *p, const char *documents,
			 struct match_record *r);
/* A person's document numbers from st joined with ';', in a (NULL: none). */
char *person_match_documents(struct store *st, struct arena *a, const char *person_id);

/* The most threads person_match_scan runs on. */
#define PERSON_MATCH_SCAN_THREADS 8
/* Every blocked pair of the installed index scoring at least the
 * "possible" threshold of its model, through match_scan with
 * MATCH_SCAN_CAP on nparts threads (the calling one and nparts - 1 more):
 * fn is called from any of them, under the index's read lock (it may not
 * change the index). Returns DOM_OK, DOM_BUSY without an index, DOM_ERROR
 * when out of memory, DOM_CONFLICT when fn stopped it. No permission
 * check: the review queue's scan (match_review.h) is the caller. */
int person_match_scan(unsigned nparts, match_pair_fn fn, void *arg);
/* The installed model into *out: DOM_OK, or DOM_BUSY without an index. */
int person_match_model(struct match_model *out);
/* Replaces the installed model by m, keeping `records` (the registry's
 * size, which sets the thresholds). DOM_BUSY without an index. */
int person_match_set_model(const struct match_model *m);
/* match_model_refine on m with the installed index (name frequencies)
 * and the n labelled pairs; m->records becomes the registry's size first.
 * *fp, *fn as match_model_refine's. DOM_BUSY without an index. */
int person_match_refine(struct match_model *m, const struct match_label *labels, size_t n,
			size_t *fp, size_t *fn);

/* Internal to the domain: after a change to person id was committed
 * (registration, edit, document), puts the stored version into the
 * index, replacing the old one; for a registration, added is the new
 * person as stored (not read again: the commit may still be on its way
 * to the disk, see store_sqlite.c), NULL otherwise. A no-op without an index;
 * during a build the id is kept and applied when the build ends. Never
 * fails the caller's operation: a fault is logged. */
void person_match_note(struct ctx *c, const char *id, const struct person *added);

#endif

/* search.h: name-search ranking both engines share. Internal to
 * src/store/. An engine finds the people whose indexed words match every
 * term (store.h, struct search_term); when at most SEARCH_RANK_MAX match,
 * it reads their words and orders them here, in C, instead of asking the
 * database for a relevance function (bm25 reads every term's document
 * frequency across the whole index on each query). */
#ifndef AMPARO_SEARCH_H
#define AMPARO_SEARCH_H

#include <stddef.h>

#include "store/store.h"

/* One matching person. The engine fills rowid or id (the tie-break: lower
 * first, as registered) and score and nwords (from search_score). */
struct search_hit {
	long long rowid; /* SQLite's people.rowid; compared when id is NULL */
	const char *id;  /* PostgreSQL's person_id (UUIDv7, in time order) */
	int score, nwords;
};

/* How well words (a person's indexed words, space-separated, with the
 * "_" + phonetic key of each name word) match the terms: for each term,
 * its best word counts 3 when it is the term itself, 2 when it is the
 * term's phonetic key (a name that sounds the same), 1 when it starts with
 * the term; a term nothing matches counts 0. The sum is the score.
 * *nwords gets the number of different words that are not keys (PostgreSQL
 * keeps each word once, SQLite as written: both count alike). */
int search_score(const struct search_term *t, size_t nt, const char *words, int *nwords);

/* Whether the first len bytes of words (space-separated; len ends where a
 * word does) hold the word w of n bytes. */
int search_has_word(const char *words, size_t len, const char *w, size_t n);

/* Sorts hits best first: higher score, then fewer words (the name says
 * less besides what was asked), then the older registration. The order is
 * total, so pages of one search never overlap. */
void search_sort(struct search_hit *h, size_t n);

#endif

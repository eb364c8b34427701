/* memo.h: what a read transaction has already asked of the store, kept so
 * that a page asking the same again (the profile loads its person in five
 * places, the merges into the person three times, its cases and flags
 * twice) copies the answer instead of querying: a round trip each on
 * PostgreSQL. Internal to the store layer: store.c consults it in
 * store_get, store_list_where and store_count_where. */
#ifndef AMPARO_STORE_MEMO_H
#define AMPARO_STORE_MEMO_H

#include "base/arena.h"
#include "store/model.h"
#include "store/store.h"

struct memo;

/* A question: the records of e that match every filter, in order (desc),
 * the page limit at offset; a count when order is NULL. */
struct memo_query {
	const struct entity *e;
	const struct store_filter *f;
	size_t nf;
	const char *order;
	int desc;
	long limit, offset;
};

/* Lists of more records than this are not kept: copying them costs more
 * than asking again. */
#define MEMO_LIST_MAX 32

/* The record of e whose column key equals value: 1 and a copy in rec (its
 * fields in a) if m holds it, -1 if m knows there is none, 0 if m does not
 * know. m may be NULL. */
int memo_find(const struct memo *m, const struct entity *e, const char *key, const char *value,
	      struct arena *a, void *rec);
/* Keeps a copy of rec, the record of e whose key equals value, or that
 * there is none (rec NULL); creates *m on first use. When every slot is
 * taken, forgets them all and starts over (its memory would grow
 * otherwise). */
void memo_put(struct memo **m, const struct entity *e, const char *key, const char *value,
	      const void *rec);
/* The answer to q (a list) if m holds it: 1 and a copy in out (records in
 * a), else 0. */
int memo_find_list(const struct memo *m, const struct memo_query *q, struct arena *a,
		   struct store_list *out);
/* Keeps a copy of l, the answer to q, unless it is longer than
 * MEMO_LIST_MAX. */
void memo_put_list(struct memo **m, const struct memo_query *q, const struct store_list *l);
/* The count q (order NULL) if m holds it: 1 and *n, else 0. */
int memo_find_count(const struct memo *m, const struct memo_query *q, long long *n);
void memo_put_count(struct memo **m, const struct memo_query *q, long long n);
/* Forgets everything: the transaction ended or wrote. */
void memo_clear(struct memo *m);
void memo_free(struct memo *m);

#endif

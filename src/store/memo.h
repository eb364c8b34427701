/* memo.h: records a read transaction has already fetched by key, kept so
 * that a page asking for the same record again (the profile loads its
 * person in five places) copies it instead of querying. Internal to the
 * store layer: store.c consults it in store_get. */
#ifndef AMPARO_STORE_MEMO_H
#define AMPARO_STORE_MEMO_H

#include "base/arena.h"
#include "store/model.h"

struct memo;

/* Copies into rec (its fields, in a) the record of e whose key column
 * equals value, if m holds it; returns 1 then, else 0. m may be NULL. */
int memo_find(const struct memo *m, const struct entity *e, const char *key, const char *value,
	      struct arena *a, void *rec);
/* Keeps a copy of rec, the record of e whose key equals value; creates *m
 * on first use. Forgets the oldest record when full. */
void memo_put(struct memo **m, const struct entity *e, const char *key, const char *value,
	      const void *rec);
/* Forgets every record: the transaction ended or wrote. */
void memo_clear(struct memo *m);
void memo_free(struct memo *m);

#endif

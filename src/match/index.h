/* index.h: the blocking index's internal interface, for the other files of
 * src/match (find.c, model.c) and the tests. The caller holds the index's
 * read lock (mix_rdlock) around every call but the lock calls. */
#ifndef AMPARO_MATCH_INDEX_H
#define AMPARO_MATCH_INDEX_H

#include "match/internal.h"

/* Kinds of blocking key: one hash table each. */
enum {
	MIX_T_DOC,          /* a document number */
	MIX_T_SURNAME_YEAR, /* phonetic code of a surname + year of birth */
	MIX_T_GIVEN_YEAR,   /* phonetic code of a given name + year of birth */
	MIX_T_PAIR,         /* first given name and first surname, sorted codes */
	MIX_T_DATE,         /* the full date of birth */
	MIX_T_SURNAMES,     /* both surnames, sorted codes */
	MIX_T_NAMES,        /* first given name's code + first surname's first 3
			     * letters, and the other way round: a typo in one
			     * name, the birth date wrong or missing */
	MIX_TABLES
};
/* Key slots of a record: where its keys go (a record may have two keys of
 * one kind: two documents, both surnames, two given names). */
enum {
	MIX_S_DOC0,
	MIX_S_DOC1,
	MIX_S_SURNAME0,
	MIX_S_SURNAME1,
	MIX_S_GIVEN0,
	MIX_S_GIVEN1,
	MIX_S_PAIR,
	MIX_S_DATE,
	MIX_S_SURNAMES,
	MIX_S_NAMES0,
	MIX_S_NAMES1,
	MIX_SLOTS
};

void mix_rdlock(struct match_index *ix);
void mix_unlock(struct match_index *ix);

/* Looks the words of v up in the dictionary and sets their ids (0 when
 * absent: no indexed record has that word). */
void mix_resolve(const struct match_index *ix, struct mview *v);
/* Share of the records with given (role 0) or family (role 1) names that
 * hold word id; an unknown word counts as one record. */
double mix_share(const struct match_index *ix, int role, uint32_t id);

/* The key of each slot of v (0: v has none); returns how many it has.
 * v's words must be resolved. */
int mix_keys(const struct mview *v, uint32_t key[MIX_SLOTS]);
/* The newest posting of key in slot's table, or 0; *count: its length. */
uint32_t mix_postings(const struct match_index *ix, int slot, uint32_t key, uint32_t *count);
/* The lists (newest postings) of the documents one edit away from v's:
 * one character replaced by another of its class (digit, letter) or two
 * neighbours swapped; lists above the cap left out. Insertions and
 * deletions are not looked for (36 lookups a position). Lists longer than
 * MIX_DOC_CAP are left out: a number shared by so many is a placeholder
 * ("000000"), not a document. Returns how many it wrote to heads (at most
 * max) and adds their lengths to *postings. */
#define MIX_DOC_LISTS 64
/* A lookup scores every record of a list this short; of a longer one, those
 * that share a second key with the query. */
#define MIX_SMALL_LIST 200
#define MIX_DOC_CAP 20
size_t mix_doc_lists(const struct match_index *ix, const struct mview *v, uint32_t *heads,
		     size_t max, size_t *postings);
/* The posting after this one in its list, or 0. */
uint32_t mix_next(const struct match_index *ix, uint32_t posting);
/* The record a posting belongs to. */
static inline size_t mix_posting_record(uint32_t posting)
{
	return (posting - 1) / MIX_SLOTS;
}

size_t mix_records(const struct match_index *ix); /* removed ones included */
size_t mix_live(const struct match_index *ix);    /* removed ones left out */
unsigned mix_cap(const struct match_index *ix);
/* Record i's id: in the index, or written to out (a packed UUID). */
const char *mix_id(const struct match_index *ix, size_t i, char out[MATCH_ID_MAX + 1]);
/* Decodes record i into v (text owned by the index); false when removed. */
bool mix_view(const struct match_index *ix, size_t i, struct mview *v);

/* Scratch memory for mix_neighbours, one per thread. */
struct mix_walk {
	uint32_t *stamp; /* per record: i + 1 once met while walking i's lists */
	uint8_t *mark;   /* per record: lists it was met in, | MIX_MARK_SMALL */
	uint32_t *met;   /* the records met for this i */
	size_t room;
	size_t records;  /* records then: later ones are not walked */
};
#define MIX_MARK_SMALL 0x80
/* For an index of `records` records and lists of at most cap. Returns 0 or
 * -1 when out of memory (w is then empty). (find.c) */
int mix_walk_init(struct mix_walk *w, size_t records, unsigned cap);
void mix_walk_free(struct mix_walk *w);
/* Calls fn(i, j, arg) once for each live record j > i that shares a key
 * of the slots in the bit mask `slots` with live record i: lists longer
 * than cap are skipped, and a record met only in lists longer than small
 * needs two keys in common with i. Returns the first nonzero fn result,
 * else 0. (find.c) */
int mix_neighbours(const struct match_index *ix, size_t i, unsigned slots, unsigned cap,
		   unsigned small, struct mix_walk *w, int (*fn)(size_t i, size_t j, void *arg),
		   void *arg);
/* A scan scores every pair of a list this short. */
#define MIX_SCAN_SMALL 40
/* The slot mask of one kind of key, and how many pairs its lists within
 * the cap hold. */
unsigned mix_table_slots(int table);
size_t mix_table_pairs(const struct match_index *ix, int table);

#endif

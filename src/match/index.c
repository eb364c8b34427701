/* index.c: the in-memory blocking index: records in compact form, a
 * dictionary of name words with their frequencies, and one hash table per
 * kind of blocking key whose postings are linked through the records.
 *
 * Memory layout, for a million people in about 217 MB:
 * - text (ids, the records' variable part) lives in a pool of 1 MiB chunks
 *   that never move, addressed by 32-bit offsets; a UUID id takes 16 bytes;
 * - a record is a fixed struct (64 bytes) in chunks of 65,536: its date,
 *   sex, counts, where its text is, and one "next" link per key slot;
 * - a blocking table slot is 12 bytes: a 32-bit hash of the key (two keys
 *   with the same hash share a list: a few more candidates, never fewer),
 *   the newest posting, and the count. A posting is (record, slot): a
 *   record joins a list by prepending itself, so lists run newest first;
 * - a dictionary entry (84 bytes) holds a name word, its phonetic code and
 *   how many records have it as a given name and as a surname;
 * - an id table (4 bytes a slot, at most half full) finds a record by its
 *   id for match_index_remove, which a person's every edit calls.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "match/index.h"

#define POOL_BITS 20
#define POOL_CHUNK (1u << POOL_BITS)
#define REC_BITS 16
#define REC_CHUNK (1u << REC_BITS)
#define MAX_RECORDS (1u << 26)

enum { F_REMOVED = 1, F_UUID = 2 };

struct pool {
	char **chunk;
	size_t n, cap;
	uint32_t used; /* bytes used in the last chunk */
};

struct rec {
	uint32_t id;   /* pool offset of the NUL-terminated id */
	uint32_t blob; /* pool offset of the variable part */
	uint32_t next[MIX_SLOTS]; /* next posting + 1 in each slot's list, 0 ends */
	uint32_t dob;
	uint8_t ng, nf, ndocs, nphones;
	char sex;
	uint8_t flags;
};

_Static_assert(sizeof(struct rec) <= 64, "a record grew: docs/match.md counts 64 bytes");

/* A dictionary entry: a name word or a phonetic code. The text is inline,
 * and a word's code beside it, so a candidate's word costs one cache miss
 * and not three. */
struct dent {
	char s[MW_LEN + 1], ph[MW_LEN + 1];
	uint8_t len, plen;
	uint32_t hash, phon; /* phon: the entry of the word's code (0 for a code) */
	uint32_t count[2]; /* records with it (a code: a word with it) in their
			    * given / family names */
};

struct table {
	uint32_t *h, *head, *cnt;
	size_t size, used;
};

struct match_index {
	pthread_rwlock_t lock;
	unsigned cap;
	struct pool pool;
	struct rec **rec;
	size_t nrec, live, rchunks;
	struct dent *dict;
	size_t ndict, dict_cap;
	uint32_t *dslot; /* entry + 1, 0 empty */
	size_t dslots;
	size_t nrole[2]; /* live records with given / family names */
	struct table t[MIX_TABLES];
	uint32_t *idslot; /* record + 1 by the hash of its id, 0 empty */
	size_t idslots;
};

static const int slot_table[MIX_SLOTS] = {
	MIX_T_DOC, MIX_T_DOC, MIX_T_SURNAME_YEAR, MIX_T_SURNAME_YEAR, MIX_T_GIVEN_YEAR,
	MIX_T_GIVEN_YEAR, MIX_T_PAIR, MIX_T_DATE, MIX_T_SURNAMES, MIX_T_NAMES, MIX_T_NAMES,
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);
	if (!q)
		abort(); /* internal sizes: see STYLE.md, rule 4 */
	return q;
}

static void *xcalloc(size_t n, size_t size)
{
	void *q = calloc(n, size);
	if (!q)
		abort();
	return q;
}

/* Stores n bytes (n < POOL_CHUNK); returns their offset. */
static uint32_t pool_put(struct pool *p, const void *s, size_t n)
{
	if (!p->n || p->used + n > POOL_CHUNK) {
		if (p->n == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 16;
			p->chunk = xrealloc(p->chunk, p->cap * sizeof(*p->chunk));
		}
		p->chunk[p->n++] = xrealloc(NULL, POOL_CHUNK);
		p->used = 0;
	}
	uint32_t off = (uint32_t)((p->n - 1) << POOL_BITS) | p->used;
	memcpy(p->chunk[p->n - 1] + p->used, s, n);
	p->used += (uint32_t)n;
	return off;
}

static const char *pool_at(const struct pool *p, uint32_t off)
{
	return p->chunk[off >> POOL_BITS] + (off & (POOL_CHUNK - 1));
}

static struct rec *rec_at(const struct match_index *ix, size_t i)
{
	return &ix->rec[i >> REC_BITS][i & (REC_CHUNK - 1)];
}

/* ---- the dictionary ---- */

static uint32_t dict_find_h(const struct match_index *ix, const char *s, size_t n, uint32_t h)
{
	if (!ix->dslots)
		return 0;
	for (size_t i = h & (ix->dslots - 1);; i = (i + 1) & (ix->dslots - 1)) {
		uint32_t e = ix->dslot[i];
		if (!e)
			return 0;
		const struct dent *d = &ix->dict[e - 1];
		if (d->hash == h && d->len == n && !memcmp(d->s, s, n))
			return e;
	}
}

static void dict_place(struct match_index *ix, uint32_t e)
{
	size_t i = ix->dict[e - 1].hash & (ix->dslots - 1);
	while (ix->dslot[i])
		i = (i + 1) & (ix->dslots - 1);
	ix->dslot[i] = e;
}

static uint32_t dict_intern(struct match_index *ix, const char *s, size_t n)
{
	uint32_t h = (uint32_t)mhash_bytes(s, n, 0);
	uint32_t e = dict_find_h(ix, s, n, h);
	if (e)
		return e;
	if ((ix->ndict + 1) * 4 > ix->dslots * 3) {
		free(ix->dslot);
		ix->dslots = ix->dslots ? ix->dslots * 2 : 1024;
		ix->dslot = xcalloc(ix->dslots, sizeof(*ix->dslot));
		for (uint32_t k = 1; k <= ix->ndict; k++)
			dict_place(ix, k);
	}
	if (ix->ndict == ix->dict_cap) {
		ix->dict_cap = ix->dict_cap ? ix->dict_cap * 2 : 1024;
		ix->dict = xrealloc(ix->dict, ix->dict_cap * sizeof(*ix->dict));
	}
	struct dent *d = &ix->dict[ix->ndict++];
	memset(d, 0, sizeof(*d));
	memcpy(d->s, s, n); /* n <= MW_LEN: words and codes are cut to it */
	d->hash = h;
	d->len = (uint8_t)n;
	e = (uint32_t)ix->ndict;
	dict_place(ix, e);
	return e;
}

/* Sets the ids of v's words: found (adding: inserted) in the dictionary. */
static void resolve(struct match_index *ix, struct mview *v, bool add)
{
	struct mword *lists[2] = { v->given, v->family };
	uint8_t counts[2] = { v->ng, v->nf };
	for (int r = 0; r < 2; r++)
		for (int i = 0; i < counts[r]; i++) {
			struct mword *w = &lists[r][i];
			if (add) {
				w->id = dict_intern(ix, w->w.s, w->w.n);
				w->pid = w->ph.n ? dict_intern(ix, w->ph.s, w->ph.n) : 0;
				struct dent *d = &ix->dict[w->id - 1];
				d->phon = w->pid;
				memcpy(d->ph, w->ph.s, w->ph.n);
				d->ph[w->ph.n] = 0;
				d->plen = (uint8_t)w->ph.n;
			} else {
				uint32_t h = (uint32_t)mhash_bytes(w->w.s, w->w.n, 0);
				w->id = dict_find_h(ix, w->w.s, w->w.n, h);
				h = (uint32_t)mhash_bytes(w->ph.s, w->ph.n, 0);
				w->pid = w->ph.n ? dict_find_h(ix, w->ph.s, w->ph.n, h) : 0;
			}
		}
}

void mix_resolve(const struct match_index *ix, struct mview *v)
{
	resolve((struct match_index *)ix, v, false);
}

double mix_share(const struct match_index *ix, int role, uint32_t id)
{
	double n = ix->nrole[role] ? (double)ix->nrole[role] : 1.0;
	uint32_t c = id && id <= ix->ndict ? ix->dict[id - 1].count[role] : 0;
	return (c ? (double)c : 1.0) / n;
}

/* Adds d to the counts of the distinct words of a name list, and of their
 * phonetic codes. */
static void count_words(struct match_index *ix, const struct mword *w, uint8_t n, int role, int d)
{
	for (int i = 0; i < n; i++) {
		bool seen = false, seen_code = false;
		for (int j = 0; j < i; j++) {
			seen |= w[j].id == w[i].id;
			seen_code |= w[j].pid == w[i].pid;
		}
		if (!seen)
			ix->dict[w[i].id - 1].count[role] += (uint32_t)d;
		if (!seen_code && w[i].pid && w[i].pid != w[i].id)
			ix->dict[w[i].pid - 1].count[role] += (uint32_t)d;
	}
	if (n)
		ix->nrole[role] += (size_t)d;
}

/* ---- blocking keys ---- */

static uint32_t key2(int table, uint32_t a, uint32_t b)
{
	return (uint32_t)mhash_mix(mhash_mix(((uint64_t)table << 32) | a) ^ b);
}

/* A word usable in a key: in the dictionary, with a code of 2 letters or
 * more (an initial's code would gather everyone). */
static bool keyword(const struct mword *w)
{
	return w->pid && w->ph.n >= 2;
}

/* The first three letters of a word, packed. */
static uint32_t prefix(const struct mword *w)
{
	uint32_t p = 0;
	for (size_t i = 0; i < 3; i++)
		p = p << 8 | (i < w->w.n ? (unsigned char)w->w.s[i] : 0);
	return p;
}

int mix_keys(const struct mview *v, uint32_t key[MIX_SLOTS])
{
	int have = 0;
	uint32_t year = v->dob / 10000;
	for (int s = 0; s < MIX_SLOTS; s++)
		key[s] = 0;
	for (int i = 0; i < v->ndocs && i < 2; i++) {
		key[MIX_S_DOC0 + i] = (uint32_t)mhash_bytes(v->docs[i].s, v->docs[i].n, MIX_T_DOC);
		key[MIX_S_DOC0 + i] |= 1; /* never 0 */
	}
	if (year) {
		int k = 0;
		for (int i = 0; i < v->nf && k < 2; i++)
			if (keyword(&v->family[i]) && (!k || v->family[i].pid != v->family[0].pid))
				key[MIX_S_SURNAME0 + k++] =
					key2(MIX_T_SURNAME_YEAR, v->family[i].pid, year) | 1;
		k = 0;
		for (int i = 0; i < v->ng && k < 2; i++)
			if (keyword(&v->given[i]) && (!k || v->given[i].pid != v->given[0].pid))
				key[MIX_S_GIVEN0 + k++] =
					key2(MIX_T_GIVEN_YEAR, v->given[i].pid, year) | 1;
	}
	if (v->ng && v->nf && keyword(&v->given[0]) && keyword(&v->family[0])) {
		uint32_t a = v->given[0].pid, b = v->family[0].pid;
		key[MIX_S_PAIR] = key2(MIX_T_PAIR, a < b ? a : b, a < b ? b : a) | 1;
	}
	if (v->dob % 100 && v->dob / 100 % 100)
		key[MIX_S_DATE] = key2(MIX_T_DATE, v->dob, 0) | 1;
	if (v->ng && v->nf && keyword(&v->given[0]) && keyword(&v->family[0])) {
		key[MIX_S_NAMES0] = key2(MIX_T_NAMES, v->given[0].pid, prefix(&v->family[0])) | 1;
		key[MIX_S_NAMES1] =
			key2(MIX_T_NAMES + 256, prefix(&v->given[0]), v->family[0].pid) | 1;
	}
	if (v->nf >= 2 && keyword(&v->family[0]) && keyword(&v->family[1])) {
		uint32_t a = v->family[0].pid, b = v->family[1].pid;
		key[MIX_S_SURNAMES] = key2(MIX_T_SURNAMES, a < b ? a : b, a < b ? b : a) | 1;
	}
	for (int s = 0; s < MIX_SLOTS; s++)
		have += key[s] != 0;
	return have;
}

/* Linear probing from the key's home, the hash scaled to the size (any
 * size, so a table grows by half and stays at least 57% full: a million
 * people's keys take 12 bytes a key, not the 24 a power of two can cost). */
static size_t table_pos(const struct table *t, uint32_t h)
{
	size_t i = (size_t)(((uint64_t)h * t->size) >> 32);
	while (t->head[i] && t->h[i] != h)
		i = i + 1 == t->size ? 0 : i + 1;
	return i;
}

static void table_grow(struct table *t)
{
	struct table old = *t;
	t->size = old.size ? old.size + old.size / 2 : 1024;
	t->h = xcalloc(t->size, sizeof(*t->h));
	t->head = xcalloc(t->size, sizeof(*t->head));
	t->cnt = xcalloc(t->size, sizeof(*t->cnt));
	for (size_t i = 0; i < old.size; i++) {
		if (!old.head[i])
			continue;
		size_t j = table_pos(t, old.h[i]);
		t->h[j] = old.h[i];
		t->head[j] = old.head[i];
		t->cnt[j] = old.cnt[i];
	}
	free(old.h);
	free(old.head);
	free(old.cnt);
}

uint32_t mix_postings(const struct match_index *ix, int slot, uint32_t key, uint32_t *count)
{
	const struct table *t = &ix->t[slot_table[slot]];
	*count = 0;
	if (!t->size || !key)
		return 0;
	size_t i = table_pos(t, key);
	*count = t->cnt[i];
	return t->head[i];
}

/* The alternatives of one character: its own class (digits for a digit,
 * letters for a letter), or none. */
static const char *alternatives(char c)
{
	if (c >= '0' && c <= '9')
		return "0123456789";
	if (c >= 'a' && c <= 'z')
		return "abcdefghijklmnopqrstuvwxyz";
	return "";
}

static void doc_list(const struct match_index *ix, const char *d, size_t n, uint32_t *heads,
		     size_t *k, size_t max, size_t *postings)
{
	uint32_t count;
	uint32_t key = (uint32_t)mhash_bytes(d, n, MIX_T_DOC) | 1;
	uint32_t p = mix_postings(ix, MIX_S_DOC0, key, &count);
	if (p && count <= MIX_DOC_CAP && *k < max) {
		heads[(*k)++] = p;
		*postings += count;
	}
}

size_t mix_doc_lists(const struct match_index *ix, const struct mview *v, uint32_t *heads,
		     size_t max, size_t *postings)
{
	char d[MW_DOC_LEN];
	size_t k = 0;
	for (int i = 0; i < v->ndocs; i++) {
		size_t n = v->docs[i].n;
		memcpy(d, v->docs[i].s, n);
		for (size_t j = 0; j < n; j++) {
			char c = d[j];
			for (const char *a = alternatives(c); *a; a++) {
				if (*a == c)
					continue;
				d[j] = *a;
				doc_list(ix, d, n, heads, &k, max, postings);
			}
			d[j] = c;
			if (j + 1 < n && d[j + 1] != c) {
				d[j] = d[j + 1];
				d[j + 1] = c;
				doc_list(ix, d, n, heads, &k, max, postings);
				d[j + 1] = d[j];
				d[j] = c;
			}
		}
	}
	return k;
}

uint32_t mix_next(const struct match_index *ix, uint32_t posting)
{
	uint32_t p = posting - 1;
	return rec_at(ix, p / MIX_SLOTS)->next[p % MIX_SLOTS];
}

unsigned mix_table_slots(int table)
{
	unsigned mask = 0;
	for (int s = 0; s < MIX_SLOTS; s++)
		if (slot_table[s] == table)
			mask |= 1u << s;
	return mask;
}

size_t mix_table_pairs(const struct match_index *ix, int table)
{
	const struct table *t = &ix->t[table];
	size_t pairs = 0;
	for (size_t i = 0; i < t->size; i++)
		if (t->head[i] && t->cnt[i] <= ix->cap)
			pairs += (size_t)t->cnt[i] * (t->cnt[i] - (t->cnt[i] > 0)) / 2;
	return pairs;
}

/* ---- records ---- */

size_t mix_records(const struct match_index *ix)
{
	return ix->nrec;
}

size_t mix_live(const struct match_index *ix)
{
	return ix->live;
}

unsigned mix_cap(const struct match_index *ix)
{
	return ix->cap;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A UUID in canonical lower-case text (what amparo's ids are) becomes 16
 * bytes: 20 bytes a person saved. Returns false for any other id. */
static bool uuid_pack(const char *id, size_t n, unsigned char out[16])
{
	if (n != 36)
		return false;
	for (size_t i = 0, k = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (id[i] != '-')
				return false;
			continue;
		}
		int v = hex(id[i]);
		if (v < 0)
			return false;
		if (k % 2 == 0)
			out[k / 2] = (unsigned char)(v << 4);
		else
			out[k / 2] |= (unsigned char)v;
		k++;
	}
	return true;
}

const char *mix_id(const struct match_index *ix, size_t i, char out[MATCH_ID_MAX + 1])
{
	const struct rec *r = rec_at(ix, i);
	const char *p = pool_at(&ix->pool, r->id);
	if (!(r->flags & F_UUID))
		return p;
	static const char digits[] = "0123456789abcdef";
	for (size_t k = 0, j = 0; k < 16; k++) {
		if (k == 4 || k == 6 || k == 8 || k == 10)
			out[j++] = '-';
		out[j++] = digits[(unsigned char)p[k] >> 4];
		out[j++] = digits[(unsigned char)p[k] & 15];
	}
	out[36] = 0;
	return out;
}

static void text_view(const char **p, struct mtext *t)
{
	size_t n = strlen(*p);
	*t = (struct mtext){ *p, (uint16_t)n };
	*p += n + 1;
}

static void word_view(const struct match_index *ix, uint32_t id, struct mword *w)
{
	const struct dent *d = &ix->dict[id - 1];
	w->id = id;
	w->w = (struct mtext){ d->s, d->len };
	w->pid = d->phon;
	w->ph = (struct mtext){ d->ph, d->plen };
}

bool mix_view(const struct match_index *ix, size_t i, struct mview *v)
{
	const struct rec *r = rec_at(ix, i);
	if (r->flags & F_REMOVED)
		return false;
	const char *p = pool_at(&ix->pool, r->blob);
	uint32_t id;
	v->ng = r->ng;
	v->nf = r->nf;
	for (int k = 0; k < r->ng + r->nf; k++, p += 4) {
		memcpy(&id, p, 4);
		word_view(ix, id, k < r->ng ? &v->given[k] : &v->family[k - r->ng]);
	}
	v->dob = r->dob;
	v->sex = r->sex;
	v->ndocs = r->ndocs;
	v->nphones = r->nphones;
	text_view(&p, &v->nat);
	for (int k = 0; k < r->ndocs; k++)
		text_view(&p, &v->docs[k]);
	for (int k = 0; k < r->nphones; k++)
		text_view(&p, &v->phones[k]);
	text_view(&p, &v->address);
	text_view(&p, &v->locality);
	text_view(&p, &v->postcode);
	return true;
}

static void blob_text(struct buf *b, struct mtext t)
{
	buf_add(b, t.s ? t.s : "", t.n);
	buf_addc(b, 0); /* the NUL is part of the blob */
}

/* ---- the id table ---- */

/* FNV-1a of the id as the record keeps it (16 bytes for a UUID). */
static uint32_t id_hash(const void *id, size_t n)
{
	const unsigned char *p = id;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static uint32_t rec_id_hash(const struct match_index *ix, size_t i)
{
	const struct rec *r = rec_at(ix, i);
	const char *p = pool_at(&ix->pool, r->id);
	return id_hash(p, r->flags & F_UUID ? 16 : strlen(p));
}

static void id_place(struct match_index *ix, size_t i)
{
	size_t k = rec_id_hash(ix, i) & (ix->idslots - 1);
	while (ix->idslot[k])
		k = (k + 1) & (ix->idslots - 1);
	ix->idslot[k] = (uint32_t)i + 1;
}

/* Notes record i (just added) in the id table, growing it at half full. */
static void id_add(struct match_index *ix, size_t i)
{
	if ((ix->nrec + 1) * 2 > ix->idslots) {
		free(ix->idslot);
		ix->idslots = ix->idslots ? ix->idslots * 2 : 1024;
		ix->idslot = xcalloc(ix->idslots, sizeof(*ix->idslot));
		for (size_t j = 0; j < i; j++)
			id_place(ix, j);
	}
	id_place(ix, i);
}

/* The live record whose id is id (as kept: packed, n bytes), or -1. An
 * edited person's earlier records stay in the table, removed. */
static long id_find(const struct match_index *ix, const void *id, size_t n, bool packed)
{
	if (!ix->idslots)
		return -1;
	for (size_t k = id_hash(id, n) & (ix->idslots - 1); ix->idslot[k];
	     k = (k + 1) & (ix->idslots - 1)) {
		size_t i = ix->idslot[k] - 1;
		const struct rec *r = rec_at(ix, i);
		const char *p = pool_at(&ix->pool, r->id);
		if (!(r->flags & F_REMOVED) && !!(r->flags & F_UUID) == packed &&
		    (packed ? !memcmp(p, id, 16) : !strcmp(p, id)))
			return (long)i;
	}
	return -1;
}

struct match_index *match_index_new(unsigned cap)
{
	struct match_index *ix = calloc(1, sizeof(*ix));
	if (!ix)
		return NULL;
	/* Writers first: a registration must not wait behind an endless
	 * stream of lookups. */
	pthread_rwlockattr_t attr;
	pthread_rwlockattr_init(&attr);
	pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	int err = pthread_rwlock_init(&ix->lock, &attr);
	pthread_rwlockattr_destroy(&attr);
	if (err) {
		free(ix);
		return NULL;
	}
	ix->cap = cap ? cap : MATCH_DEFAULT_CAP;
	return ix;
}

void match_index_free(struct match_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->pool.n; i++)
		free(ix->pool.chunk[i]);
	free(ix->pool.chunk);
	for (size_t i = 0; i < ix->rchunks; i++)
		free(ix->rec[i]);
	free(ix->rec);
	free(ix->dict);
	free(ix->dslot);
	free(ix->idslot);
	for (int t = 0; t < MIX_TABLES; t++) {
		free(ix->t[t].h);
		free(ix->t[t].head);
		free(ix->t[t].cnt);
	}
	pthread_rwlock_destroy(&ix->lock);
	free(ix);
}

static void link_keys(struct match_index *ix, size_t i, const struct mview *v)
{
	uint32_t key[MIX_SLOTS];
	struct rec *r = rec_at(ix, i);
	mix_keys(v, key);
	for (int s = 0; s < MIX_SLOTS; s++) {
		if (!key[s])
			continue;
		struct table *t = &ix->t[slot_table[s]];
		if ((t->used + 1) * 20 > t->size * 17) /* 85% full */
			table_grow(t);
		size_t pos = table_pos(t, key[s]);
		if (!t->head[pos]) {
			t->h[pos] = key[s];
			t->used++;
		}
		r->next[s] = t->head[pos];
		t->head[pos] = (uint32_t)(i * MIX_SLOTS + (size_t)s + 1);
		t->cnt[pos]++;
	}
}

int match_index_add(struct match_index *ix, const struct match_record *in)
{
	struct mquery q;
	struct buf blob;
	size_t idn = in->id ? strlen(in->id) : 0;

	unsigned char uuid[16];
	if (!idn || idn > MATCH_ID_MAX)
		return -1;
	bool packed = uuid_pack(in->id, idn, uuid);
	mrec_normalise(in, &q);
	buf_init(&blob, 0);
	pthread_rwlock_wrlock(&ix->lock);
	if (ix->nrec >= MAX_RECORDS) {
		pthread_rwlock_unlock(&ix->lock);
		return -1;
	}
	resolve(ix, &q.v, true);
	count_words(ix, q.v.given, q.v.ng, 0, 1);
	count_words(ix, q.v.family, q.v.nf, 1, 1);
	for (int k = 0; k < q.v.ng; k++)
		buf_add(&blob, &q.v.given[k].id, 4);
	for (int k = 0; k < q.v.nf; k++)
		buf_add(&blob, &q.v.family[k].id, 4);
	blob_text(&blob, q.v.nat);
	for (int k = 0; k < q.v.ndocs; k++)
		blob_text(&blob, q.v.docs[k]);
	for (int k = 0; k < q.v.nphones; k++)
		blob_text(&blob, q.v.phones[k]);
	blob_text(&blob, q.v.address);
	blob_text(&blob, q.v.locality);
	blob_text(&blob, q.v.postcode);

	size_t i = ix->nrec;
	if (i >> REC_BITS == ix->rchunks) {
		ix->rec = xrealloc(ix->rec, (ix->rchunks + 1) * sizeof(*ix->rec));
		ix->rec[ix->rchunks++] = xcalloc(REC_CHUNK, sizeof(struct rec));
	}
	struct rec *r = rec_at(ix, i);
	memset(r, 0, sizeof(*r));
	r->id = packed ? pool_put(&ix->pool, uuid, 16) : pool_put(&ix->pool, in->id, idn + 1);
	r->flags = packed ? F_UUID : 0;
	r->blob = pool_put(&ix->pool, blob.p, blob.n);
	r->dob = q.v.dob;
	r->sex = q.v.sex;
	r->ng = q.v.ng;
	r->nf = q.v.nf;
	r->ndocs = q.v.ndocs;
	r->nphones = q.v.nphones;
	id_add(ix, i);
	ix->nrec++;
	ix->live++;
	link_keys(ix, i, &q.v);
	pthread_rwlock_unlock(&ix->lock);
	buf_free(&blob);
	return 0;
}

int match_index_remove(struct match_index *ix, const char *id)
{
	struct mview v;
	uint32_t key[MIX_SLOTS];
	unsigned char uuid[16];
	size_t n = id ? strlen(id) : 0;
	int rc = -1;

	if (!n || n > MATCH_ID_MAX)
		return -1;
	bool packed = uuid_pack(id, n, uuid);
	pthread_rwlock_wrlock(&ix->lock);
	long i = id_find(ix, packed ? (const void *)uuid : id, packed ? 16 : n, packed);
	if (i >= 0 && mix_view(ix, (size_t)i, &v)) {
		count_words(ix, v.given, v.ng, 0, -1);
		count_words(ix, v.family, v.nf, 1, -1);
		/* The postings stay in their lists, skipped as removed; the
		 * counts drop so the cap sees live records. */
		mix_keys(&v, key);
		for (int s = 0; s < MIX_SLOTS; s++) {
			struct table *t = &ix->t[slot_table[s]];
			if (key[s] && t->size)
				t->cnt[table_pos(t, key[s])]--;
		}
		rec_at(ix, (size_t)i)->flags |= F_REMOVED;
		ix->live--;
		rc = 0;
	}
	pthread_rwlock_unlock(&ix->lock);
	return rc;
}

void mix_rdlock(struct match_index *ix)
{
	pthread_rwlock_rdlock(&ix->lock);
}

void mix_unlock(struct match_index *ix)
{
	pthread_rwlock_unlock(&ix->lock);
}

void match_index_stats(struct match_index *ix, struct match_index_stats *s)
{
	memset(s, 0, sizeof(*s));
	mix_rdlock(ix);
	s->records = ix->live;
	s->words = ix->ndict;
	s->bytes = sizeof(*ix) + ix->pool.n * POOL_CHUNK + ix->pool.cap * sizeof(char *) +
		   ix->rchunks * (REC_CHUNK * sizeof(struct rec) + sizeof(struct rec *)) +
		   ix->dict_cap * sizeof(struct dent) + ix->dslots * sizeof(uint32_t) +
		   ix->idslots * sizeof(uint32_t);
	for (int t = 0; t < MIX_TABLES; t++) {
		const struct table *tb = &ix->t[t];
		s->bytes += tb->size * 3 * sizeof(uint32_t);
		s->keys += tb->used;
		for (size_t i = 0; i < tb->size; i++)
			s->capped_keys += tb->head[i] && tb->cnt[i] > ix->cap;
	}
	mix_unlock(ix);
}

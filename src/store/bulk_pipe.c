/* bulk_pipe.c: a bulk load's writes on a thread of their own (see
 * bulk_pipe.h). */
#include "store/bulk_pipe.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

/* The records go over in chunks of CHUNK_BYTES, at most CHUNKS_AHEAD of
 * them waiting or being written: the producer can run 8 MiB ahead, and
 * then waits for the writer. Chunks are reused, not freed, until the end. */
#define CHUNK_BYTES (1u << 20)
#define CHUNKS_AHEAD 8
#define ALIGN(n) (((n) + 15u) & ~(size_t)15u)

/* One record (table < STORE_BULK_TABLES) or one search index entry
 * (table == INDEX_ITEM), followed by its copy: the record's struct, whose
 * strings point into the rest of the item. */
#define INDEX_ITEM UINT32_MAX
struct item {
	uint32_t table;
	uint32_t size; /* of the whole item, header included, aligned */
};
struct index_copy {
	const char *person_id, *words;
};

struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

struct bulk_pipe {
	struct store_bulk *b;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work; /* the writer waits for chunks */
	pthread_cond_t done; /* the producer waits for room, or for the end */
	struct chunk *head, *tail; /* handed over, not yet written */
	struct chunk *spare;	   /* written, for reuse */
	int ahead;		   /* chunks handed over and not yet written */
	int started, failed_start; /* the writer thread */
	int stopping, discard;
	atomic_int rc; /* the first failure: every later add returns it */
	struct chunk *fill; /* the producer's own: not yet handed over */
};

/* The writer's side: a chunk's items, in order, through the engine. After
 * a failure the rest are skipped; the failed record is logged by its key
 * (an id or a sequence number, never personal data), since the add that
 * sees the failure is a later one. */
static int write_chunk(struct store_bulk *b, const struct chunk *c)
{
	const struct store_engine *eng = b->st->eng;
	for (size_t off = 0; off < c->used;) {
		const struct item *it = (const void *)(c->data + off);
		const void *rec = (const unsigned char *)it + ALIGN(sizeof(*it));
		int rc;
		if (it->table == INDEX_ITEM) {
			const struct index_copy *x = rec;
			if ((rc = eng->bulk_index(b, x->person_id, x->words)))
				log_error("store: the load could not add the search entry of person %s",
					  x->person_id);
		} else {
			const struct entity *e = b->tables[it->table];
			const char *key = field_get(rec, &e->fields[0]);
			int named = key && (strcmp(e->fields[0].name, "id") == 0 ||
					    strcmp(e->fields[0].name, "seq") == 0);
			if ((rc = eng->bulk_add(b, it->table, rec)))
				log_error("store: the load could not add %s %s %s", e->table,
					  named ? e->fields[0].name : "(a row)", named ? key : "");
		}
		if (rc)
			return rc;
		off += it->size;
	}
	return STORE_OK;
}

static void *writer(void *arg)
{
	struct bulk_pipe *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->head && !p->stopping)
			pthread_cond_wait(&p->work, &p->mu);
		struct chunk *c = p->head;
		if (!c)
			break;
		if (!(p->head = c->next))
			p->tail = NULL;
		int skip = p->discard || atomic_load(&p->rc);
		pthread_mutex_unlock(&p->mu);
		int rc = skip ? STORE_OK : write_chunk(p->b, c);
		pthread_mutex_lock(&p->mu);
		if (rc)
			atomic_store(&p->rc, rc);
		c->used = 0;
		c->next = p->spare;
		p->spare = c;
		p->ahead--;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct bulk_pipe *bulk_pipe_start(struct store_bulk *b)
{
	struct bulk_pipe *p = calloc(1, sizeof(*p));
	if (!p)
		log_fatal("out of memory");
	p->b = b;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	return p;
}

/* Writes the producer's chunk on the caller's thread: a load too small to
 * fill a chunk, or one whose writer could not be started. The chunk is
 * taken out of the pipe meanwhile: were the engine to call back into the
 * store, nothing would be written twice. */
static void write_here(struct bulk_pipe *p)
{
	struct chunk *c = p->fill;
	if (!c || !c->used)
		return;
	p->fill = NULL;
	int rc = atomic_load(&p->rc) ? STORE_OK : write_chunk(p->b, c);
	if (rc)
		atomic_store(&p->rc, rc);
	c->used = 0;
	p->fill = c;
}

/* Hands the producer's full chunk to the writer, first waiting while
 * CHUNKS_AHEAD are ahead of it. The first full chunk starts the writer:
 * a load smaller than a chunk (a page of amparo transfer) is written at
 * its flush, on the caller's thread, without one. */
static void hand_over(struct bulk_pipe *p)
{
	struct chunk *c = p->fill;
	if (!c || !c->used)
		return;
	if (!p->started && !p->failed_start) {
		if (pthread_create(&p->thread, NULL, writer, p) == 0)
			p->started = 1;
		else
			p->failed_start = 1;
	}
	if (!p->started) {
		write_here(p);
		return;
	}
	p->fill = NULL;
	pthread_mutex_lock(&p->mu);
	while (p->ahead >= CHUNKS_AHEAD)
		pthread_cond_wait(&p->done, &p->mu);
	c->next = NULL;
	if (p->tail)
		p->tail->next = c;
	else
		p->head = c;
	p->tail = c;
	p->ahead++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

/* Room for size bytes in the producer's chunk: a spare one, or a new one
 * (of size bytes if that is more than a chunk). */
static unsigned char *room(struct bulk_pipe *p, size_t size)
{
	if (p->fill && p->fill->cap - p->fill->used < size) {
		hand_over(p);
		/* Written here and emptied, but still too small. */
		if (p->fill && p->fill->cap - p->fill->used < size) {
			free(p->fill);
			p->fill = NULL;
		}
	}
	if (!p->fill) {
		pthread_mutex_lock(&p->mu);
		struct chunk *c = NULL, **at = &p->spare;
		while (*at && (*at)->cap < size)
			at = &(*at)->next;
		if (*at) {
			c = *at;
			*at = c->next;
		}
		pthread_mutex_unlock(&p->mu);
		if (!c) {
			size_t cap = size > CHUNK_BYTES ? size : CHUNK_BYTES;
			if (!(c = malloc(sizeof(*c) + cap)))
				log_fatal("out of memory");
			c->cap = cap;
		}
		c->used = 0;
		p->fill = c;
	}
	unsigned char *at = p->fill->data + p->fill->used;
	p->fill->used += size;
	return at;
}

int bulk_pipe_add(struct bulk_pipe *p, size_t table, const void *rec)
{
	int rc = atomic_load(&p->rc);
	if (rc)
		return rc;
	const struct entity *e = p->b->tables[table];
	size_t size = ALIGN(sizeof(struct item)) + ALIGN(e->size);
	for (size_t i = 0; i < e->nfields; i++)
		if (field_get(rec, &e->fields[i]))
			size += strlen(field_get(rec, &e->fields[i])) + 1;
	size = ALIGN(size);
	if (size > UINT32_MAX)
		return STORE_ERROR; /* a record of 4 GB: no engine would take it */
	unsigned char *at = room(p, size);
	struct item *it = (struct item *)at;
	it->table = (uint32_t)table;
	it->size = (uint32_t)size;
	void *copy = at + ALIGN(sizeof(*it));
	char *s = (char *)copy + ALIGN(e->size);
	memcpy(copy, rec, e->size);
	for (size_t i = 0; i < e->nfields; i++) {
		const char *v = field_get(rec, &e->fields[i]);
		if (!v)
			continue;
		size_t n = strlen(v) + 1;
		memcpy(s, v, n);
		*field_ptr(copy, &e->fields[i]) = s;
		s += n;
	}
	return STORE_OK;
}

int bulk_pipe_index(struct bulk_pipe *p, const char *person_id, const char *words)
{
	int rc = atomic_load(&p->rc);
	if (rc)
		return rc;
	size_t nid = strlen(person_id) + 1, nwords = strlen(words) + 1;
	size_t size = ALIGN(ALIGN(sizeof(struct item)) + sizeof(struct index_copy) + nid + nwords);
	if (size > UINT32_MAX)
		return STORE_ERROR;
	unsigned char *at = room(p, size);
	struct item *it = (struct item *)at;
	it->table = INDEX_ITEM;
	it->size = (uint32_t)size;
	struct index_copy *x = (void *)(at + ALIGN(sizeof(*it)));
	char *s = (char *)(x + 1);
	memcpy(s, person_id, nid);
	memcpy(s + nid, words, nwords);
	x->person_id = s;
	x->words = s + nid;
	return STORE_OK;
}

int bulk_pipe_wait(struct bulk_pipe *p)
{
	if (!p->started) {
		write_here(p);
		return atomic_load(&p->rc);
	}
	if (pthread_equal(pthread_self(), p->thread))
		return atomic_load(&p->rc); /* the writer itself, inside the engine */
	hand_over(p);
	pthread_mutex_lock(&p->mu);
	while (p->ahead > 0)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
	return atomic_load(&p->rc);
}

void bulk_pipe_discard(struct bulk_pipe *p)
{
	int expected = STORE_OK;
	atomic_compare_exchange_strong(&p->rc, &expected, STORE_ERROR);
	if (p->fill)
		p->fill->used = 0;
	if (!p->started || pthread_equal(pthread_self(), p->thread))
		return;
	pthread_mutex_lock(&p->mu);
	p->discard = 1;
	while (p->ahead > 0)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

void bulk_pipe_stop(struct bulk_pipe *p)
{
	if (!p)
		return;
	if (p->started) {
		pthread_mutex_lock(&p->mu);
		p->stopping = p->discard = 1; /* what was not waited for is discarded */
		pthread_cond_signal(&p->work);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thread, NULL);
	}
	free(p->fill);
	while (p->spare) {
		struct chunk *c = p->spare;
		p->spare = c->next;
		free(c);
	}
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

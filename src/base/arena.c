/* arena.c: bump allocator over a chain of blocks. */
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"

#define ARENA_BLOCK 8192

struct block {
	struct block *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct block *head;
};

static struct block *block_new(size_t cap)
{
	struct block *b = malloc(sizeof(*b) + cap);
	if (!b)
		log_fatal("out of memory (%zu bytes)", cap);
	b->next = NULL;
	b->used = 0;
	b->cap = cap;
	return b;
}

struct arena *arena_new(void)
{
	struct arena *a = malloc(sizeof(*a));
	if (!a)
		log_fatal("out of memory");
	a->head = block_new(ARENA_BLOCK);
	return a;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *arena_bytes(struct arena *a, size_t n)
{
	size_t need = (n + 15) & ~(size_t)15;
	struct block *b = a->head;

	if (need < n)
		log_fatal("arena allocation overflow");
	if (b->cap - b->used < need) {
		if (need > ARENA_BLOCK / 4) {
			/* Large allocations get their own block behind the head,
			 * so the head keeps its free space. */
			struct block *big = block_new(need);
			big->used = need;
			big->next = b->next;
			b->next = big;
			return big->data;
		}
		b = block_new(ARENA_BLOCK);
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return memset(arena_bytes(a, n), 0, n);
}

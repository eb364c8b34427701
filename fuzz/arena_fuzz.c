/* arena_fuzz.c: the arena interface of src/base/arena.h for fuzzing only.
 * Every allocation is its own malloc, so AddressSanitizer sees the exact
 * bounds of each one; the real arena carves many allocations out of one
 * 8 KiB block, where an overflow into the neighbour goes unnoticed. The
 * string helpers (src/base/arena_str.c) are the real ones, on top of it. */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"

struct chunk {
	struct chunk *next;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct chunk *head;
};

struct arena *arena_new(void)
{
	struct arena *a = calloc(1, sizeof(*a));
	if (!a)
		log_fatal("out of memory");
	return a;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *arena_bytes(struct arena *a, size_t n)
{
	if (n > (size_t)1 << 40)
		log_fatal("arena allocation overflow");
	struct chunk *c = malloc(sizeof(*c) + n);
	if (!c)
		log_fatal("out of memory (%zu bytes)", n);
	c->next = a->head;
	a->head = c;
	return c->data;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return memset(arena_bytes(a, n), 0, n);
}

/* arena_fuzz.c: the arena interface of src/base/arena.h for fuzzing only.
 * Every allocation is its own malloc, so AddressSanitizer sees the exact
 * bounds of each one; the real arena carves many allocations out of one
 * 8 KiB block, where an overflow into the neighbour goes unnoticed. */
#include <stdarg.h>
#include <stdio.h>
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

void *arena_alloc(struct arena *a, size_t n)
{
	if (n > (size_t)1 << 40)
		log_fatal("arena allocation overflow");
	struct chunk *c = malloc(sizeof(*c) + n);
	if (!c)
		log_fatal("out of memory (%zu bytes)", n);
	memset(c->data, 0, n);
	c->next = a->head;
	a->head = c;
	return c->data;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	/* Copies n bytes, NULs included, as the real arena does. */
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		log_fatal("arena_vprintf: bad format \"%s\"", fmt);
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

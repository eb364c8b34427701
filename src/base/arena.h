/* arena.h: region allocator; everything a request allocates is freed at once. */
#ifndef AMPARO_ARENA_H
#define AMPARO_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;
struct buf;

/* Creates an empty arena. Aborts when memory is exhausted. */
struct arena *arena_new(void);
/* Frees the arena and every allocation made from it. NULL is allowed. */
void arena_free(struct arena *a);
/* Returns n zeroed bytes aligned for any type, valid until arena_free. */
void *arena_alloc(struct arena *a, size_t n);
/* The same, not zeroed: for callers that write every byte (a copy of a
 * string), which are most allocations of a page. */
void *arena_bytes(struct arena *a, size_t n);
/* Copies s (NULL gives NULL). */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Copies the text built in b ("" when b holds nothing yet). */
char *arena_strbuf(struct arena *a, const struct buf *b);
/* Copies s without the spaces, tabs and line ends around it ("" when
 * nothing is left; NULL gives NULL). */
char *arena_trimmed(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

#endif

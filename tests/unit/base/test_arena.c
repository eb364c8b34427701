/* test_arena.c: the region allocator. ASan checks the bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_zeroed_and_aligned(void **state)
{
	struct arena *a = arena_new();
	const size_t sizes[] = { 1, 3, 15, 16, 17, 100, 2047, 2048, 2049, 5000, 8192, 9000, 1 << 20 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = arena_alloc(a, sizes[i]);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		assert_true(all_zero(p, sizes[i]));
		memset(p, 0xAB, sizes[i]); /* the whole size is writable */
	}
	arena_free(a);
}

/* arena_bytes leaves its bytes as they are; arena_alloc after it still
 * gives zeroes, and both are aligned. */
static void test_bytes_then_zeroed(void **state)
{
	struct arena *a = arena_new();
	for (size_t n = 1; n < 3000; n += 97) {
		unsigned char *b = arena_bytes(a, n);
		assert_int_equal((uintptr_t)b % 16, 0);
		memset(b, 0xAB, n);
		unsigned char *z = arena_alloc(a, n);
		assert_int_equal((uintptr_t)z % 16, 0);
		assert_true(all_zero(z, n));
		assert_int_equal(b[n - 1], 0xAB); /* not overwritten by the next */
	}
	arena_free(a);
}

static void test_allocations_do_not_overlap(void **state)
{
	enum { N = 5000 };
	static unsigned char *ptrs[N];
	static size_t lens[N];
	struct arena *a = arena_new();
	for (size_t i = 0; i < N; i++) {
		/* A mix of small and large sizes, so both paths interleave. */
		lens[i] = (i % 97 == 0) ? 3000 + i : 1 + (i * 37) % 300;
		ptrs[i] = i % 2 ? arena_bytes(a, lens[i]) : arena_alloc(a, lens[i]);
		memset(ptrs[i], (int)(i & 0xff), lens[i]);
	}
	for (size_t i = 0; i < N; i++)
		for (size_t k = 0; k < lens[i]; k++)
			assert_int_equal(ptrs[i][k], i & 0xff);
	arena_free(a);
}

static void test_large_keeps_head_free_space(void **state)
{
	struct arena *a = arena_new();
	char *small1 = arena_alloc(a, 16);
	char *big = arena_alloc(a, 100000);
	char *small2 = arena_alloc(a, 16);
	/* The small allocations share the first block, the big one is apart. */
	assert_int_equal(small2 - small1, 16);
	assert_true(big < small1 || big > small2 + 16);
	arena_free(a);
}

static void test_strings(void **state)
{
	struct arena *a = arena_new();
	char *s = arena_strdup(a, "María");
	assert_string_equal(s, "María");
	assert_null(arena_strdup(a, NULL));
	assert_null(arena_strndup(a, NULL, 3));
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_string_equal(arena_strndup(a, "", 0), "");
	assert_string_equal(arena_printf(a, "%s-%06d", "P", 42), "P-000042");
	assert_string_equal(arena_trimmed(a, " \t Sin cupo\r\n"), "Sin cupo");
	assert_string_equal(arena_trimmed(a, " \n "), "");
	assert_null(arena_trimmed(a, NULL));
	char big[20000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	char *p = arena_printf(a, "<%s>", big);
	assert_int_equal(strlen(p), sizeof(big) + 1);
	assert_int_equal(p[0], '<');
	assert_int_equal(p[sizeof(big)], '>');
	arena_free(a);
}

static void test_free_null(void **state)
{
	arena_free(NULL);
	struct arena *a = arena_new();
	assert_non_null(arena_alloc(a, 0));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zeroed_and_aligned),
		cmocka_unit_test(test_bytes_then_zeroed),
		cmocka_unit_test(test_allocations_do_not_overlap),
		cmocka_unit_test(test_large_keeps_head_free_space),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

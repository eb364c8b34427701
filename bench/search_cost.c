/* search_cost.c: runs name searches straight through the store, for
 * measuring what a search costs without the server around it:
 *
 *   search_cost DB N QUERY...
 *
 * Each QUERY is turned into terms as a search box query is
 * (person_search_terms) and searched N times (store_person_search, a page
 * of 50); prints the people found and the median milliseconds. Under
 * valgrind --tool=callgrind --toggle-collect=store_person_search it counts
 * the instructions of the searches alone (bench/instructions.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/arena.h"
#include "base/str.h"
#include "domain/person.h"
#include "store/store.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct store *st;
	char err[256];
	long n;

	if (argc < 4 || str_to_long(argv[2], 1, 1000, &n)) {
		fprintf(stderr, "usage: search_cost DB N QUERY...\n");
		return 2;
	}
	if (store_open(argv[1], &st, err, sizeof(err))) {
		fprintf(stderr, "search_cost: %s\n", err);
		return 1;
	}
	double *ms = calloc((size_t)n, sizeof(*ms));
	for (int q = 3; q < argc; q++) {
		long long total = 0;
		for (long i = 0; i < n; i++) {
			struct arena *a = arena_new();
			struct search_term t[SEARCH_MAX_WORDS];
			size_t nt = person_search_terms(a, argv[q], t);
			struct store_list l;
			double t0 = now_ms();
			if (store_person_search(st, a, t, nt, 50, 0, &l)) {
				fprintf(stderr, "search_cost: %s failed\n", argv[q]);
				return 1;
			}
			ms[i] = now_ms() - t0;
			total = l.total;
			arena_free(a);
		}
		qsort(ms, (size_t)n, sizeof(*ms), by_value);
		printf("%s\t%lld\t%.2f\n", argv[q], total, ms[n / 2]);
	}
	free(ms);
	store_close(st);
	return 0;
}

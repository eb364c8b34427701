/* match_bench.c: the matching engine at registry scale, on synthetic
 * Latin-American people (bench/synth.c) of which a share are duplicates.
 *
 *   match_bench [--people N] [--dups PERCENT] [--queries Q] [--cap C] [--likely X]
 *               [--scan] [--scan-cap C] [--threads T]
 *   match_bench --csv FILE [--people N] [--dups PERCENT]
 *
 * --cap: the index's cap (default MATCH_DEFAULT_CAP); --scan-cap: the
 * scan's (default MATCH_SCAN_CAP); --likely: the "likely" threshold
 * instead of the default.
 *
 * Prints: the time and memory to build the index of N records, the time
 * to estimate the model, the latency of Q lookups (half of them new
 * duplicates of registered people, half new people) with how often the
 * duplicate's original came first, and with --scan the full scan of the
 * registry on T threads: pairs scored per second and per core, precision
 * and recall of the "likely" pairs against the truth.
 *
 * --csv writes the N records to FILE instead, for amparo dedupe
 * (bench/linkage.sh): a header, then id (s-GROUP-K: records of one group
 * are one person), given_names, family_names, date_of_birth, sex,
 * nationality, document, phone, address, locality. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/csvfile.h"
#include "match/match.h"
#include "synth.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds this process has used, every thread together. */
static double cpu(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* Resident memory of this process, in bytes (from /proc/self/statm). */
static size_t rss(void)
{
	long pages = 0, res = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &res) != 2)
			res = 0;
		fclose(f);
	}
	return (size_t)res * 4096;
}

/* Ids as amparo's are: UUIDv7 text. The group (the person) is in the last
 * 12 hex digits, so the truth travels with the id. */
static void uuid_id(struct synth_person *p, long k)
{
	snprintf(p->id, sizeof(p->id), "0190%04lx-%04lx-7%03lx-8000-%012lx", (k >> 16) & 0xffff,
		 k & 0xffff, (k >> 32) & 0xfff, p->group);
}

static long group_of(const char *id)
{
	return strlen(id) == 36 ? strtol(id + 24, NULL, 16) : -1;
}

/* The generator's state for item k of a stream: the generator steps by
 * a fixed constant, so consecutive seeds must be far apart. */
static uint64_t seed_of(long k, uint64_t stream)
{
	return ((uint64_t)k + 1) * 0xd1b54a32d192ed03ULL ^ stream;
}

/* Record k of the registry: the first `orig` are people, the rest are
 * duplicates of one of them. Regenerated on demand from k, so a million
 * people need no array. */
static void record_k(long k, long orig, struct synth_person *p)
{
	uint64_t seed = seed_of(k, 0);
	if (k < orig) {
		synth_person(&seed, k, p);
		uuid_id(p, k);
		return;
	}
	struct synth_person o;
	long g = (long)(seed % (uint64_t)orig);
	uint64_t s0 = seed_of(g, 0);
	synth_person(&s0, g, &o);
	synth_duplicate(&seed, &o, (int)k, p);
	uuid_id(p, k);
}

static int write_csv(const char *path, long people, long orig)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return 2;
	}
	fputs("id,given_names,family_names,date_of_birth,sex,nationality,document,phone,address,"
	      "locality\n",
	      f);
	for (long k = 0; k < people; k++) {
		struct synth_person p;
		record_k(k, orig, &p);
		snprintf(p.id, sizeof(p.id), "s-%ld-%ld", p.group, k);
		const char *col[] = { p.id,  p.given, p.family, p.dob,	   p.sex,
				      p.nat, p.doc,   p.phone,	p.address, p.locality };
		for (size_t i = 0; i < sizeof(col) / sizeof(col[0]); i++) {
			if (i)
				putc(',', f);
			csvf_write_field(f, col[i]);
		}
		putc('\n', f);
	}
	return fclose(f) ? 1 : 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct scan_arg {
	struct match_index *ix;
	const struct match_model *m;
	unsigned cap, part, nparts;
	size_t scored_likely, true_likely;
};

static int on_pair(const char *a, const char *b, const struct match_explanation *why, void *arg)
{
	struct scan_arg *s = arg;
	if (match_verdict(s->m, why) != MATCH_LIKELY)
		return 0;
	s->scored_likely++;
	s->true_likely += group_of(a) == group_of(b);
	if (getenv("MATCH_BENCH_SHOW") && group_of(a) != group_of(b) && s->scored_likely % 500 == 0) {
		printf("false: %s %s %.1f:", a, b, why->score);
		for (int f = 0; f < MATCH_NFIELDS; f++)
			printf(" %s=%s(%.1f)", match_field_name((enum match_field)f),
			       match_level_name((enum match_field)f, why->level[f]), why->weight[f]);
		printf("\n");
	}
	return 0;
}

static void *scan_thread(void *arg)
{
	struct scan_arg *s = arg;
	match_scan(s->ix, s->m, match_threshold(s->m, MATCH_LIKELY), s->cap, s->part, s->nparts,
		   on_pair, s);
	return NULL;
}

/* Counts every scored pair: the scan's throughput. */
static int count_pair(const char *a, const char *b, const struct match_explanation *why, void *arg)
{
	(*(size_t *)arg)++;
	return 0;
}

int main(int argc, char **argv)
{
	long people = 1000000, queries = 10000;
	int dups = 10, threads = 2;
	unsigned cap = 0, scan_cap = MATCH_SCAN_CAP;
	double likely = 0;
	bool scan = false;
	const char *csv = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--people") && i + 1 < argc)
			people = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--dups") && i + 1 < argc)
			dups = (int)strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--queries") && i + 1 < argc)
			queries = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
			threads = (int)strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--likely") && i + 1 < argc)
			likely = strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "--scan-cap") && i + 1 < argc)
			scan_cap = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--cap") && i + 1 < argc)
			cap = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--scan"))
			scan = true;
		else if (!strcmp(argv[i], "--csv") && i + 1 < argc)
			csv = argv[++i];
		else {
			fprintf(stderr, "usage: match_bench [--people N] [--dups PERCENT] "
					"[--queries Q] [--cap C] [--likely X] [--scan] [--scan-cap C] "
					"[--threads T] | --csv FILE [--people N] [--dups PERCENT]\n");
			return 2;
		}
	}
	if (people < 10 || dups < 0 || dups > 50 || queries < 2 || threads < 1 || threads > 64) {
		fprintf(stderr, "match_bench: out of range\n");
		return 2;
	}
	long orig = people - people * dups / 100;
	if (csv)
		return write_csv(csv, people, orig);
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* The generator's own time, to tell it from the index's. */
	double t0 = now();
	struct synth_person p;
	struct match_record r;
	for (long k = 0; k < people; k++)
		record_k(k, orig, &p);
	double t_gen = now() - t0;

	/* Build. */
	size_t rss0 = rss();
	t0 = now();
	struct match_index *ix = match_index_new(cap);
	for (long k = 0; k < people; k++) {
		record_k(k, orig, &p);
		synth_record(&p, &r);
		if (match_index_add(ix, &r))
			return 1;
	}
	double t_build = now() - t0;
	struct match_index_stats st;
	match_index_stats(ix, &st);
	printf("records %zu (%ld people, %ld duplicates)\n", st.records, orig, people - orig);
	printf("build %.2f s with the generator, %.2f s without (%.0f records/s)\n", t_build,
	       t_build - t_gen, (double)people / (t_build - t_gen));
	printf("memory: index %.1f MB (%.0f bytes/record), process RSS +%.1f MB\n",
	       (double)st.bytes / 1e6, (double)st.bytes / (double)st.records,
	       (double)(rss() - rss0) / 1e6);
	printf("keys %zu, above the cap %zu, dictionary words %zu\n", st.keys, st.capped_keys,
	       st.words);

	/* Edits: a person's edit takes their record out and puts the new one
	 * in (person_match.c); 1,000 of them, spread over the registry. */
	t0 = now();
	for (long e = 0; e < 1000; e++) {
		record_k(e * (people / 1000), orig, &p);
		synth_record(&p, &r);
		if (match_index_remove(ix, r.id) || match_index_add(ix, &r))
			return 1;
	}
	printf("edit (remove, then add again) %.3f ms on average over 1000\n",
	       (now() - t0) * 1e3 / 1000);

	t0 = now();
	struct match_model m;
	match_model_default(&m);
	match_model_estimate(&m, ix);
	if (likely)
		m.likely = likely;
	printf("estimate %.2f s (lambda %.4f); thresholds for %.0f records: likely %.1f, possible "
	       "%.1f\n",
	       now() - t0, m.lambda, m.records, match_threshold(&m, MATCH_LIKELY),
	       match_threshold(&m, MATCH_POSSIBLE));

	/* Lookups: even q a new duplicate of a registered person, odd q a new
	 * person; the first group past the registry's. */
	double *lat = malloc((size_t)queries * sizeof(double));
	double *true_score = malloc((size_t)queries * sizeof(double));
	double *false_score = malloc((size_t)queries * sizeof(double));
	struct match_candidate out[10];
	long found = 0, top = 0, false_likely = 0, cands = 0;
	if (!lat || !true_score || !false_score)
		return 1;
	for (long q = 0; q < queries; q++) {
		uint64_t seed = seed_of(q, 0x5851f42d4c957f2dULL);
		struct synth_person o;
		long g;
		if (q % 2 == 0) {
			g = (long)(seed % (uint64_t)orig);
			record_k(g, orig, &o);
			synth_duplicate(&seed, &o, (int)(q + 1000000000L), &p);
		} else {
			g = orig + q;
			synth_person(&seed, g, &p);
			snprintf(p.id, sizeof(p.id), "Q%ld", q);
		}
		synth_record(&p, &r);
		double t = now();
		int n = match_find(ix, &m, &r, match_threshold(&m, MATCH_POSSIBLE), out, 10);
		lat[q] = now() - t;
		cands += n;
		if (q % 2 == 0) {
			true_score[q / 2] = -99;
			for (int i = 0; i < n; i++)
				if (group_of(out[i].id) == g) {
					true_score[q / 2] = out[i].why.score;
					found += out[i].verdict == MATCH_LIKELY;
					break;
				}
			top += n > 0 && group_of(out[0].id) == g;
		} else {
			false_score[q / 2] = n > 0 ? out[0].why.score : -99;
			false_likely += n > 0 && out[0].verdict == MATCH_LIKELY;
			if (getenv("MATCH_BENCH_SHOW") && n > 0 && out[0].verdict == MATCH_LIKELY) {
				printf("new person likely: %s / %s / %s ~ %s %.1f:", p.given, p.family,
				       p.dob, out[0].id, out[0].why.score);
				for (int f = 0; f < MATCH_NFIELDS; f++)
					printf(" %s=%s(%.1f)", match_field_name((enum match_field)f),
					       match_level_name((enum match_field)f,
								out[0].why.level[f]),
					       out[0].why.weight[f]);
				printf("\n");
			}
		}
	}
	qsort(lat, (size_t)queries, sizeof(double), cmp_double);
	printf("lookup: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms (%ld queries)\n",
	       lat[queries / 2] * 1e3, lat[queries * 95 / 100] * 1e3, lat[queries * 99 / 100] * 1e3,
	       lat[queries - 1] * 1e3, queries);
	printf("duplicates found as likely %.4f, original ranked first %.4f; new people with a "
	       "likely match %.4f\n",
	       (double)found / (double)(queries / 2), (double)top / (double)(queries / 2),
	       (double)false_likely / (double)(queries / 2));
	/* Where the threshold falls: the duplicates' scores against their
	 * original, and the best score a new person got. */
	long half = queries / 2;
	qsort(true_score, (size_t)half, sizeof(double), cmp_double);
	qsort(false_score, (size_t)half, sizeof(double), cmp_double);
	printf("score of the duplicate's original: 1%% %.1f, 5%% %.1f, 50%% %.1f; best score of a "
	       "new person: 50%% %.1f, 99%% %.1f, 99.9%% %.1f, max %.1f\n",
	       true_score[half / 100], true_score[half / 20], true_score[half / 2],
	       false_score[half / 2], false_score[half * 99 / 100], false_score[half * 999 / 1000],
	       false_score[half - 1]);
	free(lat);
	free(true_score);
	free(false_score);

	if (scan) {
		/* Throughput on one core: a twentieth of the registry (every
		 * 20th record and its later neighbours), every pair scored. */
		size_t scored = 0;
		t0 = now();
		match_scan(ix, &m, -1e9, scan_cap, 0, 20, count_pair, &scored);
		double t_one = now() - t0;
		printf("scan of 1/20, 1 thread: %.1f s, %zu pairs scored, %.0f pairs/s per core\n",
		       t_one, scored, (double)scored / t_one);
		pthread_t th[64];
		struct scan_arg sa[64];
		t0 = now();
		double c0 = cpu();
		for (int i = 0; i < threads; i++) {
			sa[i] = (struct scan_arg){ ix, &m, scan_cap, (unsigned)i, (unsigned)threads, 0, 0 };
			pthread_create(&th[i], NULL, scan_thread, &sa[i]);
		}
		size_t nlikely = 0, right = 0;
		for (int i = 0; i < threads; i++) {
			pthread_join(th[i], NULL);
			nlikely += sa[i].scored_likely;
			right += sa[i].true_likely;
		}
		double t_scan = now() - t0, c_scan = cpu() - c0;
		/* True pairs: each group of k records holds k(k-1)/2. */
		unsigned char *size = calloc((size_t)orig, 1);
		size_t truth = 0;
		for (long k = orig; k < people && size; k++) {
			uint64_t seed = seed_of(k, 0);
			long g = (long)(seed % (uint64_t)orig);
			truth += (size_t)size[g] + 1; /* pairs with the original and earlier copies */
			if (size[g] < 255)
				size[g]++;
		}
		free(size);
		double prec = nlikely ? (double)right / (double)nlikely : 0;
		double rec = truth ? (double)right / (double)truth : 0;
		printf("scan, %d threads: %.1f s (%.1f CPU s); likely pairs %zu, precision %.4f, "
		       "recall %.4f, F1 %.4f\n",
		       threads, t_scan, c_scan, nlikely, prec, rec,
		       prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0);
	}
	printf("scored candidates returned per lookup %.2f\n", (double)cands / (double)queries);
	match_index_free(ix);
	return 0;
}

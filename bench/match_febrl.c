/* match_febrl.c: the matching engine on the FEBRL benchmark sets: pairs
 * completeness of the blocking, precision, recall and F1 at the default
 * "likely" threshold, with every field or with names and date of birth.
 *
 *   match_febrl [--names-dob] [--min-f1 X] [--min-completeness X] [--dump FILE] [-v]
 *               FILE.csv...
 *
 * --dump writes every candidate pair with its score ("id_a id_b score").  *
 * Each file is linked against itself with the model estimated from it
 * (u from random pairs, m by EM): no labels and no tuning per file. The
 * truth is in the record ids: rec-N-org and rec-N-dup-K are one person.
 * Exits 1 when a floor given on the command line is not reached, so the
 * unit suite fails on a regression. */
#include <csv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match/match.h"

enum { C_ID, C_GIVEN, C_SURNAME, C_NUMBER, C_ADDR1, C_ADDR2, C_SUBURB, C_POSTCODE, C_STATE,
       C_DOB, C_SSN, C_COLS };

struct row {
	char *col[C_COLS];
	long person;
};

struct file {
	struct row *rows;
	size_t n, cap;
	size_t col;
	bool header;
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	return p;
}

static void on_field(void *s, size_t len, void *arg)
{
	struct file *f = arg;
	if (f->header)
		return;
	if (f->col == 0) {
		if (f->n == f->cap) {
			f->cap = f->cap ? 2 * f->cap : 1024;
			f->rows = realloc(f->rows, f->cap * sizeof(*f->rows));
			if (!f->rows)
				exit(2);
		}
		memset(&f->rows[f->n++], 0, sizeof(f->rows[0]));
	}
	if (f->col < C_COLS) {
		char *p = xmalloc(len + 1);
		memcpy(p, s, len);
		p[len] = 0;
		f->rows[f->n - 1].col[f->col] = p;
	}
	f->col++;
}

static void on_row(int c, void *arg)
{
	struct file *f = arg;
	f->header = false;
	f->col = 0;
}

/* "rec-123-dup-0" -> 123. */
static long person_of(const char *id)
{
	const char *p = strchr(id, '-');
	return p ? strtol(p + 1, NULL, 10) : -1;
}

static int read_file(const char *path, struct file *f)
{
	struct csv_parser p;
	char chunk[65536];
	size_t n;
	FILE *in = fopen(path, "rb");

	if (!in) {
		perror(path);
		return -1;
	}
	memset(f, 0, sizeof(*f));
	f->header = true;
	/* FEBRL separates fields with ", ": libcsv trims the space. */
	csv_init(&p, CSV_APPEND_NULL);
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (csv_parse(&p, chunk, n, on_field, on_row, f) != n) {
			fprintf(stderr, "%s: %s\n", path, csv_strerror(csv_error(&p)));
			fclose(in);
			return -1;
		}
	csv_fini(&p, on_field, on_row, f);
	csv_free(&p);
	fclose(in);
	for (size_t i = 0; i < f->n; i++)
		f->rows[i].person = person_of(f->rows[i].col[C_ID] ? f->rows[i].col[C_ID] : "");
	return 0;
}

static char *join(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 3;
	char *p = xmalloc(n);
	snprintf(p, n, "%s %s %s", a, b, c);
	return p;
}

static void to_record(const struct row *r, bool names_dob, struct match_record *m, char **address)
{
	const char *const *c = (const char *const *)r->col;
	memset(m, 0, sizeof(*m));
	m->id = c[C_ID];
	m->given_names = c[C_GIVEN];
	m->family_names = c[C_SURNAME];
	m->birth_date = c[C_DOB];
	*address = NULL;
	if (names_dob)
		return;
	m->documents = c[C_SSN];
	*address = join(c[C_NUMBER] ? c[C_NUMBER] : "", c[C_ADDR1] ? c[C_ADDR1] : "",
			c[C_ADDR2] ? c[C_ADDR2] : "");
	m->address = *address;
	m->locality = c[C_SUBURB];
	m->postcode = c[C_POSTCODE];
}

struct tally {
	const struct match_model *m;
	struct file *f;
	size_t candidates, true_candidates, tp, fp;
	FILE *dump;
};

static int on_pair(const char *a, const char *b, const struct match_explanation *why, void *arg)
{
	struct tally *t = arg;
	bool same = person_of(a) == person_of(b);
	t->candidates++;
	if (t->dump)
		fprintf(t->dump, "%s %s %.2f\n", a, b, why->score);
	t->true_candidates += same;
	if (match_verdict(t->m, why) == MATCH_LIKELY) {
		t->tp += same;
		t->fp += !same;
	}
	return 0;
}

static double secs(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* Pairs of rows of the same person. */
static size_t true_pairs(const struct file *f)
{
	long *p = xmalloc(f->n * sizeof(long) + 1);
	size_t pairs = 0;
	for (size_t i = 0; i < f->n; i++)
		p[i] = f->rows[i].person;
	qsort(p, f->n, sizeof(long), cmp_long);
	for (size_t i = 0, j; i < f->n; i = j) {
		for (j = i; j < f->n && p[j] == p[i]; j++)
			;
		pairs += (j - i) * (j - i - 1) / 2;
	}
	free(p);
	return pairs;
}

int main(int argc, char **argv)
{
	bool names_dob = false, verbose = false;
	FILE *dump = NULL;
	double min_f1 = 0, min_complete = 0;
	int status = 0, files = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--names-dob")) {
			names_dob = true;
		} else if (!strcmp(argv[i], "-v")) {
			verbose = true;
		} else if (!strcmp(argv[i], "--dump") && i + 1 < argc) {
			dump = fopen(argv[++i], "w");
			if (!dump) {
				perror(argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--min-f1") && i + 1 < argc) {
			min_f1 = strtod(argv[++i], NULL);
		} else if (!strcmp(argv[i], "--min-completeness") && i + 1 < argc) {
			min_complete = strtod(argv[++i], NULL);
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "usage: match_febrl [--names-dob] [--min-f1 X] "
					"[--min-completeness X] [--dump FILE] [-v] FILE.csv...\n");
			return 2;
		}
	}
	printf("| file | fields | records | true pairs | candidate pairs | completeness | "
	       "precision | recall | F1 | seconds |\n|---|---|---|---|---|---|---|---|---|---|\n");
	for (int i = 1; i < argc; i++) {
		struct file f;
		if (argv[i][0] == '-') {
			i += !strcmp(argv[i], "--min-f1") || !strcmp(argv[i], "--min-completeness") ||
			     !strcmp(argv[i], "--dump");
			continue;
		}
		if (read_file(argv[i], &f))
			return 2;
		files++;
		double t0 = secs();
		struct match_index *ix = match_index_new(0);
		char **addr = xmalloc(f.n * sizeof(char *) + 1);
		for (size_t k = 0; k < f.n; k++) {
			struct match_record r;
			to_record(&f.rows[k], names_dob, &r, &addr[k]);
			if (match_index_add(ix, &r))
				return 2;
		}
		struct match_model m;
		match_model_default(&m);
		match_model_estimate(&m, ix);
		struct tally t = { .m = &m, .f = &f, .dump = dump };
		match_scan(ix, &m, -1e9, MATCH_SCAN_CAP, 0, 1, on_pair, &t);
		double elapsed = secs() - t0;
		size_t truth = true_pairs(&f);
		size_t fn = truth - t.tp;
		double p = t.tp + t.fp ? (double)t.tp / (double)(t.tp + t.fp) : 0;
		double r = truth ? (double)t.tp / (double)truth : 0;
		double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
		double complete = truth ? (double)t.true_candidates / (double)truth : 0;
		const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		printf("| %s | %s | %zu | %zu | %zu | %.4f | %.4f | %.4f | %.4f | %.2f |\n", base,
		       names_dob ? "names+dob" : "all", f.n, truth, t.candidates, complete, p, r, f1,
		       elapsed);
		if (verbose) {
			printf("  tp %zu fp %zu fn %zu lambda %.4f\n", t.tp, t.fp, fn, m.lambda);
			for (int fld = 0; fld < MATCH_NFIELDS; fld++) {
				printf("  %-16s", match_field_name((enum match_field)fld));
				for (int l = 0; l < match_levels((enum match_field)fld); l++)
					printf(" %s %.4f/%.5f=%.1f", match_level_name((enum match_field)fld, l),
					       m.m[fld][l], m.u[fld][l],
					       match_weight(&m, (enum match_field)fld, l));
				printf("\n");
			}
		}
		if (f1 < min_f1 || complete < min_complete) {
			fprintf(stderr, "match_febrl: %s: F1 %.4f (floor %.4f), completeness %.4f "
					"(floor %.4f)\n",
				base, f1, min_f1, complete, min_complete);
			status = 1;
		}
		match_index_free(ix);
		for (size_t k = 0; k < f.n; k++) {
			free(addr[k]);
			for (int c = 0; c < C_COLS; c++)
				free(f.rows[k].col[c]);
		}
		free(addr);
		free(f.rows);
	}
	if (dump)
		fclose(dump);
	if (!files) {
		fprintf(stderr, "match_febrl: no files\n");
		return 2;
	}
	return status;
}

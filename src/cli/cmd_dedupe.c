/* cmd_dedupe.c: amparo dedupe: the pairs of a CSV file's records that are
 * one person, by the registry's matching engine (docs/match.md). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/csvfile.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "cli/cli.h"
#include "domain/dedupe.h"

/* The fields a column may be mapped to, in struct match_record's order
 * after the id. Several documents or phones are joined with ';' (the
 * engine compares each), other fields with a space. */
static const char *const field_names[] = {
	"given_names", "family_names", "date_of_birth", "sex",	   "nationality",
	"document_number", "phone",    "address",	"locality", "postcode",
};
enum { NFIELDS = sizeof(field_names) / sizeof(field_names[0]), MAX_SOURCES = 16 };

struct mapping {
	size_t id_col;
	size_t src[NFIELDS][MAX_SOURCES]; /* header columns, in --map order */
	size_t nsrc[NFIELDS];
};

/* The rows, kept as one block of text: for each row its id and fields,
 * NUL-terminated, at offsets into text. */
struct table {
	const char *id_column;
	const char *map; /* the --map text, resolved against the header */
	struct mapping mp;
	size_t ncols;
	char *text;
	size_t tn, tcap;
	size_t *off; /* (1 + NFIELDS) offsets a row */
	size_t *line;
	size_t n, cap;
	char err[200];
	size_t err_line;
};

static int oom(struct table *t)
{
	snprintf(t->err, sizeof(t->err), "out of memory");
	return -1;
}

static int add_text(struct table *t, const char *s, size_t len)
{
	if (t->tn + len + 1 > t->tcap) {
		size_t cap = t->tcap ? t->tcap : 1 << 20;
		while (cap < t->tn + len + 1)
			cap *= 2;
		char *p = realloc(t->text, cap);
		if (!p)
			return oom(t);
		t->text = p;
		t->tcap = cap;
	}
	memcpy(t->text + t->tn, s, len);
	t->tn += len;
	t->text[t->tn] = 0;
	return 0;
}

/* Ends the text being added with its NUL. */
static int end_text(struct table *t)
{
	if (add_text(t, "", 0))
		return -1;
	t->tn++;
	return 0;
}

/* The column called name: the same text, else the same but for case. */
static int column(const struct csvf_row *h, const char *name, size_t len, size_t *col)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < h->n; i++)
			if (strlen(h->field[i]) == len &&
			    (pass ? !strncasecmp(h->field[i], name, len) : !strncmp(h->field[i], name, len))) {
				*col = i;
				return 0;
			}
	return -1;
}

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

static int no_column(struct table *t, const struct csvf_row *h, const char *what, const char *name,
		     size_t len)
{
	int k = snprintf(t->err, sizeof(t->err), "%s \"%.*s\" is not a column of the header (it has:",
			 what, (int)len, name);
	for (size_t i = 0; i < h->n && k > 0 && (size_t)k < sizeof(t->err); i++)
		k += snprintf(t->err + k, sizeof(t->err) - (size_t)k, "%s \"%s\"", i ? "," : "",
			      h->field[i]);
	if (k > 0 && (size_t)k < sizeof(t->err) - 1)
		snprintf(t->err + k, sizeof(t->err) - (size_t)k, ")");
	return -1;
}

/* Resolves --id-column and --map against the header. */
static int header(struct table *t, const struct csvf_row *h)
{
	t->ncols = h->n;
	if (column(h, t->id_column, strlen(t->id_column), &t->mp.id_col))
		return no_column(t, h, "--id-column", t->id_column, strlen(t->id_column));
	for (const char *p = t->map; *p;) {
		size_t len = strcspn(p, ",");
		const char *eq = memrchr(p, '=', len);
		if (!eq) {
			snprintf(t->err, sizeof(t->err),
				 "--map: \"%.*s\" is not COLUMN=FIELD", (int)len, p);
			return -1;
		}
		const char *src = p, *fld = eq + 1;
		size_t slen = (size_t)(eq - p), flen = len - slen - 1;
		trim(&src, &slen);
		trim(&fld, &flen);
		int f = 0;
		while (f < NFIELDS && !(strlen(field_names[f]) == flen && !strncmp(field_names[f], fld, flen)))
			f++;
		if (f == NFIELDS) {
			snprintf(t->err, sizeof(t->err),
				 "--map: unknown field \"%.*s\" (fields: given_names, family_names, "
				 "date_of_birth, sex, nationality, document_number, phone, address, "
				 "locality, postcode)",
				 (int)flen, fld);
			return -1;
		}
		size_t col;
		if (column(h, src, slen, &col))
			return no_column(t, h, "--map: column", src, slen);
		if (t->mp.nsrc[f] == MAX_SOURCES) {
			snprintf(t->err, sizeof(t->err), "--map: more than %d columns for %s",
				 MAX_SOURCES, field_names[f]);
			return -1;
		}
		t->mp.src[f][t->mp.nsrc[f]++] = col;
		p += len + (p[len] == ',');
	}
	return 0;
}

static int on_row(const struct csvf_row *row, void *arg)
{
	struct table *t = arg;
	if (!t->ncols) {
		if (header(t, row)) {
			t->err_line = row->line;
			return -1;
		}
		return 0;
	}
	if (row->n != t->ncols) {
		t->err_line = row->line;
		snprintf(t->err, sizeof(t->err),
			 "%zu fields where the header has %zu (a comma inside a value needs quotes)",
			 row->n, t->ncols);
		return -1;
	}
	const char *id = row->field[t->mp.id_col];
	if (!*id) {
		t->err_line = row->line;
		snprintf(t->err, sizeof(t->err), "the id column \"%s\" is empty", t->id_column);
		return -1;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 4096;
		size_t *off = realloc(t->off, cap * (1 + NFIELDS) * sizeof(*off));
		if (off)
			t->off = off;
		size_t *line = off ? realloc(t->line, cap * sizeof(*line)) : NULL;
		if (!line)
			return oom(t);
		t->line = line;
		t->cap = cap;
	}
	size_t *off = t->off + t->n * (1 + NFIELDS);
	off[0] = t->tn;
	if (add_text(t, id, strlen(id)) || end_text(t))
		return -1;
	for (int f = 0; f < NFIELDS; f++) {
		off[1 + f] = t->tn;
		const char *sep = f == 5 || f == 6 ? ";" : " "; /* documents, phones */
		for (size_t k = 0, any = 0; k < t->mp.nsrc[f]; k++) {
			const char *v = row->field[t->mp.src[f][k]];
			if (!*v)
				continue;
			if ((any++ && add_text(t, sep, 1)) || add_text(t, v, strlen(v)))
				return -1;
		}
		if (end_text(t))
			return -1;
	}
	t->line[t->n++] = row->line;
	return 0;
}

static struct table *sorted_by_id;

static int by_id(const void *x, const void *y)
{
	const struct table *t = sorted_by_id;
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int c = strcmp(t->text + t->off[a * (1 + NFIELDS)], t->text + t->off[b * (1 + NFIELDS)]);
	return c ? c : (a > b) - (a < b);
}

/* The first id that appears twice, as an error. */
static int unique_ids(struct table *t)
{
	size_t *order = malloc((t->n + 1) * sizeof(*order));
	if (!order)
		return oom(t);
	for (size_t i = 0; i < t->n; i++)
		order[i] = i;
	sorted_by_id = t;
	qsort(order, t->n, sizeof(*order), by_id);
	size_t worst = (size_t)-1, first = 0;
	for (size_t i = 1; i < t->n; i++)
		if (!strcmp(t->text + t->off[order[i] * (1 + NFIELDS)],
			    t->text + t->off[order[i - 1] * (1 + NFIELDS)]) &&
		    order[i] < worst) {
			worst = order[i];
			first = order[i - 1];
		}
	free(order);
	if (worst == (size_t)-1)
		return 0;
	t->err_line = t->line[worst];
	snprintf(t->err, sizeof(t->err), "the id \"%.60s\" is already on line %zu",
		 t->text + t->off[worst * (1 + NFIELDS)], t->line[first]);
	return -1;
}

static int parse_cut(const char *s, struct dedupe_opts *o)
{
	if (!s || !strcmp(s, "likely")) {
		o->cut = DEDUPE_LIKELY;
		return 0;
	}
	if (!strcmp(s, "possible")) {
		o->cut = DEDUPE_POSSIBLE;
		return 0;
	}
	char *end;
	errno = 0;
	o->score = strtod(s, &end);
	o->cut = DEDUPE_SCORE;
	return *s && !*end && !errno && isfinite(o->score) ? 0 : -1;
}

static const char *level_name(enum match_verdict v)
{
	return v == MATCH_LIKELY ? "likely" : v == MATCH_POSSIBLE ? "possible" : "low";
}

static int write_pairs(FILE *out, const struct table *t, const struct dedupe_result *r)
{
	fputs("id_a,id_b,score,level\n", out);
	for (size_t i = 0; i < r->n; i++) {
		const struct dedupe_pair *p = &r->pairs[i];
		csvf_write_field(out, t->text + t->off[p->a * (1 + NFIELDS)]);
		putc(',', out);
		csvf_write_field(out, t->text + t->off[p->b * (1 + NFIELDS)]);
		fprintf(out, ",%.2f,%s\n", p->score, level_name(p->verdict));
	}
	return fflush(out) || ferror(out) ? -1 : 0;
}

static const char usage[] =
	"Usage: amparo dedupe FILE.csv --id-column COL --map SRC=FIELD[,SRC=FIELD...]\n"
	"                     [--threshold likely|possible|NUMBER] [--output FILE]\n\n"
	"Finds the records of FILE.csv (- for standard input) that are one person,\n"
	"with the matching engine of amparo serve, and writes one line per pair\n"
	"judged a match: id_a,id_b,score,level (score in bits; level likely,\n"
	"possible, or low when a NUMBER under the possible threshold let it in).\n\n"
	"The first line of FILE.csv names its columns; fields are separated by\n"
	"commas (or semicolons or tabs, as its first line shows), spaces around\n"
	"them ignored. FIELD is one of given_names, family_names, date_of_birth,\n"
	"sex, nationality, document_number, phone, address, locality, postcode;\n"
	"several columns mapped to one field are joined with a space (documents and\n"
	"phones are kept apart and compared each). Dates: YYYY-MM-DD, YYYYMMDD or\n"
	"DD/MM/YYYY. The model is estimated from the file itself; no database is\n"
	"used. See docs/match.md.";

int cmd_dedupe(int argc, char **argv)
{
	struct opt opts[] = {
		{ "id-column", OPT_VALUE, "the column that names each record (required)", NULL },
		{ "map", OPT_MULTI, "SRC=FIELD pairs, comma-separated or repeated (required)", NULL },
		{ "threshold", OPT_VALUE, "likely (default), possible, or a score in bits", NULL },
		{ "output", OPT_VALUE, "write the pairs to this file (default: standard output)", NULL },
		{ "threads", OPT_VALUE, "threads for the scan (default: one per core)", NULL },
		{ NULL, 0, NULL, NULL },
	};
	int npos = args_parse(argc, argv, 2, opts, usage);
	if (npos != 1)
		args_fail("dedupe wants one file");
	const char *path = argv[0], *output = args_get(opts, "output");
	struct table t = { .id_column = args_get(opts, "id-column"), .map = args_get(opts, "map") };
	struct dedupe_opts o = { 0 };
	long threads = 0;
	if (!t.id_column || !*t.id_column)
		args_fail("dedupe needs --id-column");
	if (!t.map || !*t.map)
		args_fail("dedupe needs --map SRC=FIELD[,SRC=FIELD...]");
	if (parse_cut(args_get(opts, "threshold"), &o))
		args_fail("--threshold wants likely, possible or a number of bits, not \"%s\"",
			  args_get(opts, "threshold"));
	if (args_get(opts, "threads") && str_to_long(args_get(opts, "threads"), 1, 64, &threads))
		args_fail("--threads wants a number from 1 to 64");
	o.threads = (unsigned)threads;

	FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!in) {
		fprintf(stderr, "amparo: %s: %m\n", path);
		return 2;
	}
	int64_t t0 = time_mono_us();
	struct csvf_error cerr;
	int rc = csvf_read(in, on_row, &t, &cerr);
	if (in != stdin)
		fclose(in);
	if (rc < 0 && !t.err[0]) {
		t.err_line = cerr.line;
		snprintf(t.err, sizeof(t.err), "%s", cerr.msg);
	}
	if (!rc && !t.ncols)
		snprintf(t.err, sizeof(t.err), "the file is empty: it needs a header line");
	if (!t.err[0])
		unique_ids(&t);
	int status = 0;
	if (t.err[0]) {
		if (t.err_line)
			fprintf(stderr, "amparo: %s, line %zu: %s\n", path, t.err_line, t.err);
		else
			fprintf(stderr, "amparo: %s: %s\n", path, t.err);
		status = strcmp(t.err, "out of memory") ? 2 : 1;
	}

	struct match_record *recs = status ? NULL : calloc(t.n + 1, sizeof(*recs));
	struct dedupe_result res = { 0 };
	if (!status && !recs)
		status = 1;
	for (size_t i = 0; !status && i < t.n; i++) {
		const char *const f[NFIELDS + 1] = {
#define AT(k) (t.text + t.off[i * (1 + NFIELDS) + (k)])
			AT(0), AT(1), AT(2), AT(3), AT(4), AT(5), AT(6), AT(7), AT(8), AT(9), AT(10),
#undef AT
		};
		recs[i] = (struct match_record){ f[0], f[1], f[2], f[3], f[4], f[5],
						 f[6], f[7], f[8], f[9], f[10] };
	}
	if (!status && dedupe_run(recs, t.n, &o, &res)) {
		fprintf(stderr, "amparo: out of memory\n");
		status = 1;
	}
	if (!status) {
		char tmp[4096];
		FILE *out = stdout;
		if (output) {
			snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", output, (long)getpid());
			out = fopen(tmp, "w");
		}
		if (!out || write_pairs(out, &t, &res) || (output && fclose(out)) ||
		    (output && rename(tmp, output))) {
			fprintf(stderr, "amparo: %s: %m\n", output ? output : "standard output");
			if (output)
				unlink(tmp);
			status = 1;
		}
	}
	if (!status) {
		double threshold = o.cut == DEDUPE_LIKELY     ? res.likely
				   : o.cut == DEDUPE_POSSIBLE ? res.possible
							      : o.score;
		fprintf(stderr,
			"amparo dedupe: %zu records, %zu candidate pairs scored, %zu judged a match "
			"(threshold %s: %.1f bits), %.1f s\n",
			t.n, res.compared, res.n,
			o.cut == DEDUPE_SCORE ? "given" : o.cut == DEDUPE_LIKELY ? "likely" : "possible",
			threshold, (double)(time_mono_us() - t0) / 1e6);
	}
	dedupe_result_free(&res);
	free(recs);
	free(t.text);
	free(t.off);
	free(t.line);
	return status;
}

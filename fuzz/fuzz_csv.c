/* fuzz_csv.c: the CSV reader (amparo dedupe, imports) on any bytes. Every
 * field must be valid UTF-8 without NUL, rows within the limits and their
 * lines in order; and the rows read, written back with csvf_write_field
 * under a header, must read back the same. */
#include "fuzz.h"

#include <stdbool.h>

#include "base/csvfile.h"

struct rows {
	FILE *out;      /* the rows written back */
	char *flat;     /* every field read, NUL-separated, rows ended by \1 */
	size_t n, cap;
	size_t last_line;
};

static void flat_add(struct rows *r, const char *s, size_t n)
{
	if (r->n + n > r->cap) {
		r->cap = (r->n + n) * 2;
		r->flat = realloc(r->flat, r->cap);
		FUZZ_CHECK(r->flat);
	}
	memcpy(r->flat + r->n, s, n);
	r->n += n;
}

static bool valid_utf8(const unsigned char *s)
{
	while (*s) {
		size_t k = *s < 0x80 ? 1 : *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
		if (*s >= 0x80 && (*s < 0xc2 || *s > 0xf4))
			return false;
		for (size_t i = 1; i < k; i++)
			if ((s[i] & 0xc0) != 0x80)
				return false;
		s += k;
	}
	return true;
}

static int on_row(const struct csvf_row *row, void *arg)
{
	struct rows *r = arg;
	FUZZ_CHECK(row->n >= 1 && row->n <= CSVF_MAX_FIELDS);
	FUZZ_CHECK(row->line >= 1 && row->line >= r->last_line);
	r->last_line = row->line;
	/* A row of one empty field is an empty line: it does not come back. */
	bool empty = row->n == 1 && !row->field[0][0];
	for (size_t i = 0; i < row->n; i++) {
		FUZZ_CHECK(strlen(row->field[i]) <= 2 * CSVF_MAX_FIELD);
		FUZZ_CHECK(valid_utf8((const unsigned char *)row->field[i]));
		if (r->out && !empty) {
			if (i)
				fputc(',', r->out);
			csvf_write_field(r->out, row->field[i]);
		}
		if (!empty)
			flat_add(r, row->field[i], strlen(row->field[i]) + 1);
	}
	if (r->out && !empty)
		fputc('\n', r->out);
	if (!empty)
		flat_add(r, "\1", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_bytes(data, size);
	char *written = NULL;
	size_t wn = 0;
	struct rows first = { .out = open_memstream(&written, &wn) };
	struct csvf_error err;
	FUZZ_CHECK(first.out);
	fputs("a,b\n", first.out);
	FILE *f = fmemopen(in, size ? size : 1, "rb");
	FUZZ_CHECK(f);
	int rc = size ? csvf_read(f, on_row, &first, &err) : 0;
	fclose(f);
	fclose(first.out);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == -1)
		FUZZ_CHECK(err.msg[0]);
	if (rc == 0) {
		struct rows again = { 0 };
		f = fmemopen(written, wn, "rb");
		FUZZ_CHECK(f);
		FUZZ_CHECK(csvf_read(f, on_row, &again, &err) == 0);
		fclose(f);
		/* The header "a,b" first, then the same rows. */
		FUZZ_CHECK(again.n == first.n + 5);
		FUZZ_CHECK(!memcmp(again.flat, "a\0b\0\1", 5));
		FUZZ_CHECK(!first.n || !memcmp(again.flat + 5, first.flat, first.n));
		free(again.flat);
	}
	free(first.flat);
	free(written);
	free(in);
	return 0;
}

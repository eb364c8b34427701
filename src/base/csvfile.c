/* csvfile.c: CSV rows through libcsv, with line numbers for the errors a
 * person can act on, the delimiter guessed from the header, and text
 * that is always valid UTF-8. */
#include <csv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csvfile.h"

struct reader {
	csvf_row_fn fn;
	void *arg;
	struct csvf_error *err;
	size_t line;     /* the line being parsed */
	size_t row_line; /* where the row being read began */
	char *text;      /* the row's fields, each NUL-terminated */
	size_t tn, tcap;
	size_t *off; /* where each field starts in text */
	const char **ptr;
	size_t n, cap;
	int stop; /* fn's result, or -1 after an error */
};

static void fail(struct reader *r, const char *msg)
{
	if (r->stop)
		return;
	r->err->line = r->row_line;
	snprintf(r->err->msg, sizeof(r->err->msg), "%s", msg);
	r->stop = -1;
}

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	size_t len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	if (s[0] < 0xc2 || s[0] > 0xf4 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) || /* overlong, surrogate */
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	return len;
}

static bool utf8_valid(const unsigned char *s, size_t n)
{
	for (size_t i = 0, k; i < n; i += k)
		if (!(k = utf8_seq(s + i, n - i)))
			return false;
	return true;
}

static bool reserve(struct reader *r, size_t more)
{
	if (r->tn + more <= r->tcap)
		return true;
	size_t cap = r->tcap ? r->tcap : 4096;
	while (cap < r->tn + more)
		cap *= 2;
	char *t = realloc(r->text, cap);
	if (!t) {
		fail(r, "out of memory");
		return false;
	}
	r->text = t;
	r->tcap = cap;
	return true;
}

static void on_field(void *s, size_t len, void *arg)
{
	struct reader *r = arg;
	const unsigned char *p = s ? s : (const unsigned char *)"";
	if (r->stop)
		return;
	if (!s)
		len = 0;
	if (r->n == CSVF_MAX_FIELDS) {
		fail(r, "more than 1024 fields in a row");
		return;
	}
	if (len > CSVF_MAX_FIELD) {
		fail(r, "a field longer than 1 MiB (a quote never closed?)");
		return;
	}
	if (memchr(p, 0, len)) {
		fail(r, "a NUL byte: the file is not text in UTF-8 or Latin-1 (UTF-16? save it "
			"as \"CSV UTF-8\")");
		return;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 32;
		size_t *off = realloc(r->off, cap * sizeof(*off));
		if (off)
			r->off = off;
		const char **ptr = off ? realloc(r->ptr, cap * sizeof(*ptr)) : NULL;
		if (!ptr) {
			fail(r, "out of memory");
			return;
		}
		r->ptr = ptr;
		r->cap = cap;
	}
	bool utf8 = utf8_valid(p, len);
	if (!reserve(r, (utf8 ? len : 2 * len) + 1))
		return;
	r->off[r->n++] = r->tn;
	if (utf8) {
		memcpy(r->text + r->tn, p, len);
		r->tn += len;
	} else { /* Latin-1: each byte is the code point */
		for (size_t i = 0; i < len; i++) {
			if (p[i] < 0x80) {
				r->text[r->tn++] = (char)p[i];
			} else {
				r->text[r->tn++] = (char)(0xc0 | p[i] >> 6);
				r->text[r->tn++] = (char)(0x80 | (p[i] & 0x3f));
			}
		}
	}
	r->text[r->tn++] = 0;
}

static void on_row(int c, void *arg)
{
	struct reader *r = arg;
	if (r->stop)
		return;
	for (size_t i = 0; i < r->n; i++)
		r->ptr[i] = r->text + r->off[i];
	struct csvf_row row = { r->row_line, r->n, r->ptr };
	r->stop = r->fn(&row, r->arg);
	r->n = 0;
	r->tn = 0;
}

static int only_space(unsigned char c)
{
	return c == CSV_SPACE;
}

static int space_or_tab(unsigned char c)
{
	return c == CSV_SPACE || c == CSV_TAB;
}

/* The header's delimiter: a comma, else a semicolon, else a tab. */
static unsigned char delimiter(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);
	n = nl ? (size_t)(nl - s) : n;
	if (memchr(s, ',', n))
		return ',';
	if (memchr(s, ';', n))
		return ';';
	if (memchr(s, '\t', n))
		return '\t';
	return ',';
}

int csvf_read(FILE *in, csvf_row_fn fn, void *arg, struct csvf_error *err)
{
	struct reader r = { .fn = fn, .arg = arg, .err = err, .line = 1 };
	struct csv_parser p;
	enum { CHUNK = 1 << 16 };
	char *chunk = malloc(CHUNK);
	size_t got;
	bool first = true, cr_pending = false;

	err->line = 0;
	err->msg[0] = 0;
	if (!chunk || csv_init(&p, CSV_APPEND_NULL)) {
		free(chunk);
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return -1;
	}
	/* libcsv grows a field's buffer by this much at a time: its default
	 * of 128 bytes copies a 1 MiB field 8,000 times over. */
	csv_set_blk_size(&p, CHUNK);
	while (!r.stop && (got = fread(chunk, 1, CHUNK, in)) > 0) {
		const char *s = chunk;
		if (first) {
			if (got >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
				s += 3;
				got -= 3;
			}
			unsigned char d = delimiter(s, got);
			csv_set_delim(&p, d);
			csv_set_space_func(&p, d == '\t' ? only_space : space_or_tab);
			first = false;
		}
		/* Parsed a line at a time, so a row knows where it began. A
		 * line ends at LF, CRLF or a lone CR (as libcsv ends a row). */
		while (got && !r.stop) {
			if (cr_pending && *s == '\n') {
				/* The LF of a CRLF split between two reads: the
				 * line was counted at its CR. */
				cr_pending = false;
				if (csv_parse(&p, s, 1, on_field, on_row, &r) != 1)
					fail(&r, csv_strerror(csv_error(&p)));
				s++;
				got--;
				continue;
			}
			cr_pending = false;
			size_t end = 0;
			while (end < got && s[end] != '\n' && s[end] != '\r')
				end++;
			const char *nl = end < got ? s + end : NULL;
			if (nl && *nl == '\r') {
				if (end + 1 < got && nl[1] == '\n')
					nl++; /* CRLF: one line end */
				else if (end + 1 == got)
					cr_pending = true; /* maybe CRLF across reads */
			}
			size_t piece = nl ? (size_t)(nl - s) + 1 : got;
			/* pstate 0 is libcsv's "row not begun": nothing of a row
			 * is pending, so the next row starts on this line. */
			if (p.pstate == 0)
				r.row_line = r.line;
			if (csv_parse(&p, s, piece, on_field, on_row, &r) != piece)
				fail(&r, csv_strerror(csv_error(&p)));
			else if (p.entry_pos > CSVF_MAX_FIELD)
				fail(&r, "a field longer than 1 MiB (a quote never closed?)");
			r.line += nl != NULL;
			s += piece;
			got -= piece;
		}
	}
	if (!r.stop && ferror(in)) {
		r.row_line = 0;
		fail(&r, "the file could not be read");
	}
	/* pstate 2 is "field begun": a quoted field still open at the end
	 * (libcsv's CSV_STRICT_FINI works only in its strict mode). */
	if (!r.stop && p.pstate == 2 && p.quoted)
		fail(&r, "a quote opened on this line is never closed");
	if (!r.stop && csv_fini(&p, on_field, on_row, &r) && !r.stop)
		fail(&r, csv_strerror(csv_error(&p)));
	csv_free(&p);
	free(chunk);
	free(r.text);
	free(r.off);
	free(r.ptr);
	return r.stop;
}

void csvf_write_field(FILE *out, const char *s)
{
	size_t n = strlen(s);
	bool edge = n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
	if (!s[strcspn(s, ",\"\r\n")] && !edge) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

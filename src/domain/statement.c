/* statement.c: a provider's statement read from CSV (statement.h). */
#include "domain/statement.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csvfile.h"
#include "base/i18n.h"
#include "base/timeutil.h"

/* ---- amounts and dates ---- */

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || (unsigned char)*s == 0xa0)
		s++;
	return s;
}

/* Skips a currency sign or code at s, if any. */
static const char *skip_currency(const char *s)
{
	static const char *const signs[] = { "B/.", "B/", "$", "USD", "PAB", "US$" };
	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++)
		if (!strncasecmp(s, signs[i], strlen(signs[i])))
			return skip_space(s + strlen(signs[i]));
	return s;
}

int stmt_parse_amount(const char *s, int64_t *cents)
{
	*cents = 0;
	s = skip_space(s ? s : "");
	if (!*s)
		return STMT_AMOUNT_BLANK;
	if (*s == '-' || *s == '(')
		return STMT_AMOUNT_NEGATIVE;
	s = skip_currency(s);
	if (*s == '-' || *s == '(')
		return STMT_AMOUNT_NEGATIVE;
	/* The number: digits and separators, then spaces and a currency code. */
	const char *end = s;
	while (isdigit((unsigned char)*end) || *end == ',' || *end == '.')
		end++;
	const char *rest = skip_space(end);
	if (*rest == '-')
		return STMT_AMOUNT_NEGATIVE;
	rest = skip_space(skip_currency(rest));
	if (*rest || end == s || !isdigit((unsigned char)*s))
		return STMT_AMOUNT_MALFORMED;
	size_t len = (size_t)(end - s);
	/* The decimal mark: the last separator, unless it is the only one (of
	 * either kind) and three digits follow it (thousands). */
	const char *last = NULL;
	for (const char *p = s; p < end; p++)
		if (*p == ',' || *p == '.')
			last = p;
	const char *dec = NULL;
	if (last) {
		size_t after = (size_t)(end - last - 1);
		bool mixed = memchr(s, *last == ',' ? '.' : ',', len) != NULL;
		bool repeated = false;
		for (const char *p = s; p < last; p++)
			if (*p == *last)
				repeated = true;
		if (mixed || (!repeated && after != 3))
			dec = last;
		if (dec && after == 0)
			return STMT_AMOUNT_MALFORMED;
		if (dec && after > 2)
			return STMT_AMOUNT_DECIMALS;
	}
	/* Thousands groups: 1-3 digits first, then exactly 3 each, one kind
	 * of separator. */
	const char *int_end = dec ? dec : end;
	char group_sep = 0;
	size_t run = 0, groups = 0;
	int64_t v = 0;
	for (const char *p = s; p < int_end; p++) {
		if (*p == ',' || *p == '.') {
			if ((group_sep && *p != group_sep) || run == 0 || (groups && run != 3) || run > 3)
				return STMT_AMOUNT_MALFORMED;
			group_sep = *p;
			groups++;
			run = 0;
			continue;
		}
		run++;
		v = v * 10 + (*p - '0');
		if (v > STMT_AMOUNT_MAX / 100)
			return STMT_AMOUNT_TOO_LARGE;
	}
	if (groups && run != 3)
		return STMT_AMOUNT_MALFORMED;
	if (dec && group_sep == *dec)
		return STMT_AMOUNT_MALFORMED;
	int64_t frac = 0;
	if (dec) {
		size_t nd = (size_t)(end - dec - 1);
		for (const char *p = dec + 1; p < end; p++)
			if (!isdigit((unsigned char)*p))
				return STMT_AMOUNT_MALFORMED;
		frac = (dec[1] - '0') * 10 + (nd == 2 ? dec[2] - '0' : 0);
	}
	*cents = v * 100 + frac;
	return 0;
}

int stmt_parse_date(const char *s, char out[11])
{
	int y, m, d;
	unsigned a, b, c;
	char s1, s2, extra;
	out[0] = 0;
	s = skip_space(s ? s : "");
	if (sscanf(s, "%4u-%2u-%2u%c", &a, &b, &c, &extra) == 3 && strlen(s) == 10) {
		y = (int)a, m = (int)b, d = (int)c;
	} else if (sscanf(s, "%2u%c%2u%c%4u%c", &a, &s1, &b, &s2, &c, &extra) == 5 && s1 == s2 &&
		   (s1 == '/' || s1 == '-' || s1 == '.') && c >= 1000 && isdigit((unsigned char)s[0]) &&
		   isdigit((unsigned char)s[strlen(s) - 1])) {
		d = (int)a, m = (int)b, y = (int)c;
	} else {
		return -1;
	}
	char iso[32];
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	int yy, mm, dd;
	if (date_parse(iso, &yy, &mm, &dd))
		return -1;
	memcpy(out, iso, 11);
	return 0;
}

void stmt_format_amount(int64_t cents, char out[32])
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	snprintf(out, 32, "%s%llu.%02llu", cents < 0 ? "-" : "", (unsigned long long)(a / 100),
		 (unsigned long long)(a % 100));
}

/* ---- the header ---- */

/* The header lower case, accents off, other punctuation as one space. */
static void header_key(const char *h, char *out, size_t size)
{
	size_t n = 0;
	bool space = true;
	for (const unsigned char *p = (const unsigned char *)h; *p && n + 1 < size; p++) {
		unsigned char c = *p;
		if (c == 0xc3 && p[1]) {
			static const char map[] = "aaaaaaaceeeeiiiidnooooo/ouuuuy";
			unsigned char x = (unsigned char)(p[1] | 0x20);
			p++;
			c = x >= 0xa0 && (size_t)(x - 0xa0) < sizeof(map) - 1 ? (unsigned char)map[x - 0xa0] : ' ';
		}
		if (isalnum(c)) {
			out[n++] = (char)tolower(c);
			space = false;
		} else if (!space) {
			out[n++] = ' ';
			space = true;
		}
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
}

enum { F_REFERENCE, F_AMOUNT, F_DATE, F_NAME, NF };

static const char *const exact[NF][12] = {
	[F_REFERENCE] = { "referencia", "reference", "ref", "no referencia", "numero de referencia",
			  "referencia de transaccion", "transaction reference", "reference number",
			  "ref no", "id transaccion", "transaction id" },
	[F_AMOUNT] = { "monto", "importe", "amount", "valor", "monto pagado", "amount paid",
		       "paid amount", "importe pagado" },
	[F_DATE] = { "fecha", "date", "fecha de pago", "fecha pago", "payment date",
		     "fecha de transaccion", "transaction date" },
	[F_NAME] = { "beneficiario", "beneficiary", "nombre", "name", "nombre del beneficiario",
		     "beneficiary name" },
};
static const char *const first_word[NF][5] = {
	[F_REFERENCE] = { "referencia", "reference", "ref" },
	[F_AMOUNT] = { "monto", "importe", "amount" },
	[F_DATE] = { "fecha", "date" },
	[F_NAME] = { "beneficiario", "beneficiary", "nombre", "name" },
};
static const char *const field_what[NF] = {
	N_("the reference"), N_("the amount"), N_("the date"), N_("the beneficiary's name"),
};

static size_t find_auto(const struct csvf_row *h, int f)
{
	char key[128];
	for (size_t i = 0; i < h->n; i++) {
		header_key(h->field[i], key, sizeof(key));
		for (size_t k = 0; exact[f][k]; k++)
			if (!strcmp(key, exact[f][k]))
				return i;
	}
	for (size_t i = 0; i < h->n; i++) {
		header_key(h->field[i], key, sizeof(key));
		size_t w = strcspn(key, " ");
		for (size_t k = 0; first_word[f][k]; k++)
			if (strlen(first_word[f][k]) == w && !strncmp(key, first_word[f][k], w))
				return i;
	}
	return SIZE_MAX;
}

static size_t find_named(const struct csvf_row *h, const char *name)
{
	char want[128], key[128];
	header_key(name, want, sizeof(want));
	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->field[i], name))
			return i;
	for (size_t i = 0; i < h->n; i++) {
		header_key(h->field[i], key, sizeof(key));
		if (want[0] && !strcmp(key, want))
			return i;
	}
	return SIZE_MAX;
}

/* ---- reading ---- */

struct reader {
	struct statement *st;
	const struct stmt_mapping *map;
	bool header_done, stop;
	size_t ncols_needed;
};

static void add_error(struct statement *st, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add_error(struct statement *st, size_t line, const char *fmt, ...)
{
	st->total_errors++;
	if (st->nerrors == STMT_MAX_ERRORS)
		return;
	struct stmt_error *e = &st->errors[st->nerrors++];
	e->line = line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

static char *keep(struct statement *st, const char *s)
{
	if (st->ntext == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		char **t = realloc(st->text, cap * sizeof(*t));
		if (!t)
			return NULL;
		st->text = t;
		st->cap = cap;
	}
	char *d = strdup(s);
	if (d)
		st->text[st->ntext++] = d;
	return d;
}

static void columns_list(const struct csvf_row *h, char *out, size_t size)
{
	size_t k = 0;
	out[0] = 0;
	for (size_t i = 0; i < h->n && k + 1 < size; i++) {
		int w = snprintf(out + k, size - k, "%s\"%s\"", i ? ", " : "", h->field[i]);
		if (w < 0)
			break;
		k += (size_t)w;
	}
}

static int on_header(struct reader *r, const struct csvf_row *h)
{
	struct statement *st = r->st;
	const char *named[NF] = { r->map ? r->map->reference : NULL, r->map ? r->map->amount : NULL,
				  r->map ? r->map->date : NULL, r->map ? r->map->name : NULL };
	size_t *cols[NF] = { &st->col_reference, &st->col_amount, &st->col_date, &st->col_name };
	char list[160];
	columns_list(h, list, sizeof(list));
	for (int f = 0; f < NF; f++) {
		bool given = named[f] && named[f][0];
		*cols[f] = given ? find_named(h, named[f]) : find_auto(h, f);
		if (*cols[f] != SIZE_MAX)
			continue;
		if (given)
			add_error(st, h->line, _("There is no column \"%s\" in the header (its columns: %s)."),
				  named[f], list);
		else if (f == F_REFERENCE || f == F_AMOUNT)
			add_error(st, h->line,
				  _("No column of the header holds %s (its columns: %s): name it."),
				  _(field_what[f]), list);
	}
	if (st->nerrors)
		r->stop = true;
	return r->stop;
}

static const char *field(const struct csvf_row *row, size_t col)
{
	return col < row->n ? row->field[col] : "";
}

static void amount_error(struct statement *st, size_t line, int rc, const char *text)
{
	switch (rc) {
	case STMT_AMOUNT_BLANK:
		add_error(st, line, _("Line %zu: the amount is blank."), line);
		break;
	case STMT_AMOUNT_NEGATIVE:
		add_error(st, line, _("Line %zu: the amount \"%s\" is negative; a statement lists payments made."),
			  line, text);
		break;
	case STMT_AMOUNT_DECIMALS:
		add_error(st, line, _("Line %zu: the amount \"%s\" has more than two decimals."), line, text);
		break;
	case STMT_AMOUNT_TOO_LARGE:
		add_error(st, line, _("Line %zu: the amount \"%s\" is too large."), line, text);
		break;
	default:
		add_error(st, line, _("Line %zu: the amount \"%s\" is not a number such as 150.00 or 1,234.56."),
			  line, text);
	}
}

static int on_row(const struct csvf_row *row, void *arg)
{
	struct reader *r = arg;
	struct statement *st = r->st;
	if (!r->header_done) {
		r->header_done = true;
		return on_header(r, row);
	}
	if (row->n == 1 && !row->field[0][0])
		return 0; /* an empty line */
	size_t line = row->line;
	const char *ref = field(row, st->col_reference);
	const char *amt = field(row, st->col_amount);
	const char *date = st->col_date == SIZE_MAX ? "" : field(row, st->col_date);
	const char *name = st->col_name == SIZE_MAX ? "" : field(row, st->col_name);
	bool bad = false;
	if (!ref[0]) {
		add_error(st, line, _("Line %zu: the reference is blank."), line);
		bad = true;
	}
	int64_t cents;
	int rc = stmt_parse_amount(amt, &cents);
	if (rc) {
		amount_error(st, line, rc, amt);
		bad = true;
	}
	char iso[11] = "";
	if (date[0] && stmt_parse_date(date, iso)) {
		add_error(st, line, _("Line %zu: the date \"%s\" is not a date such as 31/12/2025 or 2025-12-31."),
			  line, date);
		bad = true;
	}
	if (bad)
		return 0;
	/* Room for 64 lines, then twice as many each time it is full (at 64,
	 * 128, 256...): a fixed step would copy a long statement over and
	 * over. */
	if (st->n == 0 || (st->n >= 64 && (st->n & (st->n - 1)) == 0)) {
		struct recon_line *l = realloc(st->lines, (st->n ? 2 * st->n : 64) * sizeof(*l));
		if (!l)
			goto oom;
		st->lines = l;
	}
	struct recon_line *l = &st->lines[st->n];
	*l = (struct recon_line){ .amount_cents = cents, .line = line };
	if (!(l->reference = keep(st, ref)) || (iso[0] && !(l->date = keep(st, iso))) ||
	    (name[0] && !(l->name = keep(st, name))))
		goto oom;
	st->n++;
	return 0;
oom:
	add_error(st, 0, "%s", _("Out of memory."));
	return 1;
}

int statement_read(FILE *in, const struct stmt_mapping *map, struct statement *st)
{
	memset(st, 0, sizeof(*st));
	st->col_reference = st->col_amount = st->col_date = st->col_name = SIZE_MAX;
	struct reader r = { .st = st, .map = map };
	struct csvf_error err;
	int rc = csvf_read(in, on_row, &r, &err);
	if (rc == -1) {
		if (err.line)
			add_error(st, err.line, _("Line %zu: the file cannot be read: %s."), err.line, err.msg);
		else
			add_error(st, 0, _("The file cannot be read: %s."), err.msg);
	}
	if (!r.header_done)
		add_error(st, 0, "%s", _("The file is empty: it needs a header line and a line per payment."));
	return st->total_errors ? -1 : 0;
}

void statement_free(struct statement *st)
{
	for (size_t i = 0; i < st->ntext; i++)
		free(st->text[i]);
	free(st->text);
	free(st->lines);
	memset(st, 0, sizeof(*st));
}

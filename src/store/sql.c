/* sql.c: SQL text shared by the engines. */
#include "store/sql.h"

#include <assert.h>
#include <string.h>

#include "store/store.h"

void sql_columns(struct buf *b, const struct entity *e, const char *prefix)
{
	for (size_t i = 0; i < e->nfields; i++) {
		if (i)
			buf_adds(b, ", ");
		buf_adds(b, prefix);
		buf_adds(b, e->fields[i].name);
	}
}

void sql_select_from(struct buf *b, const struct entity *e)
{
	buf_adds(b, "SELECT ");
	sql_columns(b, e, "");
	buf_adds(b, " FROM ");
	buf_adds(b, e->table);
}

void sql_insert(struct buf *b, const struct entity *e, int numbered)
{
	buf_printf(b, "INSERT INTO %s (", e->table);
	sql_columns(b, e, "");
	buf_adds(b, ") VALUES (");
	for (size_t i = 0; i < e->nfields; i++) {
		if (i)
			buf_adds(b, ", ");
		if (numbered)
			buf_printf(b, "$%zu", i + 1);
		else
			buf_addc(b, '?');
	}
	buf_addc(b, ')');
}

void sql_copy_text(struct buf *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		char esc;
		switch (*s) {
		case '\\': esc = '\\'; break;
		case '\t': esc = 't'; break;
		case '\n': esc = 'n'; break;
		case '\r': esc = 'r'; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_addc(b, '\\');
		buf_addc(b, esc);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

/* tsvector_in takes a quoted lexeme as it is, where array_to_tsvector
 * (store_pg.c's one-person path) takes any text: quoting each word makes
 * both store the same lexemes. */
void sql_tsvector(struct buf *b, const char *words)
{
	int first = 1;
	for (const char *w = words; *w;) {
		size_t n = strcspn(w, " ");
		if (n) {
			if (!first)
				buf_addc(b, ' ');
			first = 0;
			buf_addc(b, '\'');
			for (size_t i = 0; i < n; i++) {
				if (w[i] == '\'' || w[i] == '\\')
					buf_addc(b, w[i]);
				buf_addc(b, w[i]);
			}
			buf_addc(b, '\'');
		}
		w += n;
		while (*w == ' ')
			w++;
	}
}

void sql_count_by(struct buf *b, const struct entity *e, const struct store_filter *f, size_t nf,
		  const char *const *by, size_t nby, const char *sum, int numbered)
{
	buf_adds(b, "SELECT ");
	for (size_t i = 0; i < nby; i++)
		buf_printf(b, "%s, ", by[i]);
	buf_adds(b, "count(*)");
	if (sum)
		buf_printf(b, ", coalesce(sum(%s), 0)", sum);
	buf_printf(b, " FROM %s", e->table);
	sql_where(b, f, nf, numbered);
	buf_adds(b, " GROUP BY ");
	for (size_t i = 0; i < nby; i++)
		buf_printf(b, "%s%s", i ? ", " : "", by[i]);
}

void sql_where(struct buf *b, const struct store_filter *f, size_t nf, int numbered)
{
	assert(nf <= SQL_FILTERS_MAX);
	for (size_t i = 0; i < nf; i++) {
		/* STORE_ANY: one parameter on both engines, "a,b" matching ",a," or ",b,". */
		int any = f[i].key[0] == '*';
		size_t n = strcspn(f[i].key, "<>=");
		const char *op = f[i].key[n] ? f[i].key + n : "=";
		assert(!strcmp(op, "=") || !strcmp(op, "<") || !strcmp(op, "<=") || !strcmp(op, ">") ||
		       !strcmp(op, ">="));
		if (any)
			buf_printf(b, "%s (',' || CAST(", i ? " AND" : " WHERE");
		else
			buf_printf(b, "%s %.*s %s ", i ? " AND" : " WHERE", (int)n, f[i].key, op);
		if (numbered)
			buf_printf(b, "$%zu", i + 1);
		else
			buf_addc(b, '?');
		if (any)
			buf_printf(b, " AS TEXT) || ',') LIKE ('%%,' || %s || ',%%')", f[i].key + 1);
	}
}

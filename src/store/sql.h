/* sql.h: SQL text both engines build the same way from the descriptors.
 * Internal to src/store/. Descriptors are compile-time constants, so no
 * input ever reaches the SQL text built here. */
#ifndef AMPARO_SQL_H
#define AMPARO_SQL_H

#include "base/buf.h"
#include "store/model.h"

/* Appends e's columns, comma-separated, each after prefix ("" or "p."). */
void sql_columns(struct buf *b, const struct entity *e, const char *prefix);
/* Appends "SELECT every column FROM e's table". */
void sql_select_from(struct buf *b, const struct entity *e);
/* Appends "INSERT INTO e's table (every column) VALUES (…)" with a
 * parameter per column: ? ? … (SQLite), or $1 $2 … when numbered
 * (PostgreSQL). */
void sql_insert(struct buf *b, const struct entity *e, int numbered);

/* Most filters one list takes (struct store_filter). */
#define SQL_FILTERS_MAX 8
struct store_filter;
/* Appends " WHERE k1 = ? AND k2 = ? …" for the nf filters (nothing when nf
 * is 0), numbered $1 $2 … when numbered (PostgreSQL). A STORE_ANY key
 * becomes "(',' || CAST(? AS TEXT) || ',') LIKE ('%,' || k || ',%')":
 * still one parameter. */
void sql_where(struct buf *b, const struct store_filter *f, size_t nf, int numbered);
/* Appends "SELECT by1, by2, count(*) FROM table WHERE … GROUP BY by1, by2";
 * with sum (a column; NULL: none) also ", coalesce(sum(sum), 0)" after
 * the count. */
struct entity;
void sql_count_by(struct buf *b, const struct entity *e, const struct store_filter *f, size_t nf,
		  const char *const *by, size_t nby, const char *sum, int numbered);

/* PostgreSQL's COPY … FROM STDIN text format. sql_copy_text appends s as
 * one column: a backslash, and the tab, newline and carriage return that
 * would end a column or a row, become backslash sequences; everything else
 * is taken as it is. sql_tsvector appends the space-separated words as a
 * tsvector literal, each one a quoted lexeme (inner quotes and backslashes
 * doubled), so the server stores them exactly as array_to_tsvector does:
 * as given, each once, without positions; empty words are dropped. The
 * literal is text like any other: send it through sql_copy_text. */
void sql_copy_text(struct buf *b, const char *s);
void sql_tsvector(struct buf *b, const char *words);

#endif

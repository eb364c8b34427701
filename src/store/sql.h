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

#endif

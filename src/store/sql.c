/* sql.c: SQL text shared by the engines. */
#include "store/sql.h"

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

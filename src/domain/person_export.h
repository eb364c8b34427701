/* person_export.h: a person's complete record, for the rights of access
 * and portability (issue 7; docs/data-rights.md): every row of every
 * table that holds their data, in named sections. The JSON (api) and the
 * PDF (web) are two renderings of the same sections. */
#ifndef AMPARO_PERSON_EXPORT_H
#define AMPARO_PERSON_EXPORT_H

#include "domain/domain.h"

/* One section: the rows of one table that concern the person. */
struct export_section {
	const char *name;       /* the table's name, also the JSON key */
	const char *title;      /* English msgid of its heading: pass through gettext */
	const struct entity *e; /* what items hold */
	struct store_list l;
};

/* The number of sections person_export fills. */
#define EXPORT_SECTIONS 28

/* The table of section i, NULL past the last: a test compares them with
 * every table of the schema that has a person, case or household column. */
const char *person_export_table(size_t i);

/* Reads every row about person_id (id or P- reference) into out (strings
 * in c->a), in a fixed order starting with the person. Needs
 * PERM_DATA_RIGHTS. The export is audited on the person as action
 * "export" naming format ("json", "pdf") as its field. A merged record
 * exports nothing (DOM_CONFLICT): export the survivor, which holds the
 * merged record's rows. */
int person_export(struct ctx *c, const char *person_id, const char *format,
		  struct export_section out[EXPORT_SECTIONS]);

#endif

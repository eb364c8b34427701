/* catalogue.h: administrators' changes to the editable catalogues (the
 * service types of each area, the closure reasons): added entries, labels
 * per language, deactivation. Stored in catalogue_entries, merged with the
 * built-in lists by catalog.c's lookups through a process-wide cache.
 * Every change needs PERM_CATALOGUES_MANAGE and is audited (entity
 * "catalogue", the row's id). See docs/catalogues.md. */
#ifndef AMPARO_CATALOGUE_H
#define AMPARO_CATALOGUE_H

#include "domain/catalog.h"
#include "domain/domain.h"

/* Longest label and code an administrator may give. */
#define CATALOGUE_LABEL_MAX 120
#define CATALOGUE_CODE_MAX 40

/* Reads every change from st and publishes them (catalog_edits_publish).
 * DOM_OK, or the store's error (the old set stays). */
int catalogue_load(struct store *st, struct arena *a);
/* Loads the changes when they were never loaded in this process or were
 * loaded more than CATALOGUE_FRESH_S seconds ago (another process, such as
 * a second server on the same PostgreSQL database, may have changed
 * them); otherwise costs an atomic read. One thread reloads at a time;
 * the others go on with the set they have. A failure is logged and the
 * old set kept. Called once per request. */
#define CATALOGUE_FRESH_S 30
void catalogue_refresh(struct ctx *c);

/* Adds an entry to ed's catalogue. code may be NULL or "": then one is
 * made from the label (letters, digits and "_", made unique). At least one
 * label; each at most CATALOGUE_LABEL_MAX bytes. Errors under "code",
 * "label_es", "label_en". *out (may be NULL) gets the stored row. */
int catalogue_add(struct ctx *c, const struct catalog_editable *ed, const char *code,
		  const char *label_es, const char *label_en, struct errors *errs,
		  struct catalogue_entry *out);
/* Relabels code (built in or added) of ed: label_es and label_en non-NULL
 * are set, "" goes back to the built-in label (an added entry keeps at
 * least one label). active non-NULL: "1" reactivates, "0" deactivates: a
 * deactivated entry is offered no more and refused for new records; old
 * records keep showing its label. DOM_NOTFOUND for an unknown code;
 * nothing is written when nothing changes. */
int catalogue_update(struct ctx *c, const struct catalog_editable *ed, const char *code,
		     const char *label_es, const char *label_en, const char *active,
		     struct errors *errs, struct catalogue_entry *out);
/* Removes an added entry that no record uses (a typing mistake).
 * DOM_CONFLICT for a built-in entry (deactivate it instead) or a used one
 * (errs under "code"), DOM_NOTFOUND for an unknown code. */
int catalogue_remove(struct ctx *c, const struct catalog_editable *ed, const char *code,
		     struct errors *errs);
/* One change in a catalogue's history: its audit event and the entry. */
struct catalogue_change {
	const struct audit_event *ev;
	const char *code;
};
/* The newest changes to ed's catalogue, at most limit, newest first, read
 * from the audit log (the events of each stored entry: a removed entry's
 * events stay in the log but are not listed); PERM_CATALOGUES_MANAGE.
 * *out is an array of *n in c->a. */
int catalogue_history(struct ctx *c, const struct catalog_editable *ed, size_t limit,
		      struct catalogue_change **out, size_t *n);

/* Every entry of ed's catalogue, active or not, for the administrators'
 * page and API (catalog_entries); PERM_CATALOGUES_MANAGE. */
int catalogue_list(struct ctx *c, const struct catalog_editable *ed,
		   struct catalog_entry_view **out, size_t *n);

#endif

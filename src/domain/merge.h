/* merge.h: merging two records of the same person (or household) into one,
 * and undoing it. See docs/merge.md. */
#ifndef AMPARO_MERGE_H
#define AMPARO_MERGE_H

#include "domain/domain.h"

/* A field's value chosen for the survivor: from the survivor itself
 * (other = 0) or from the record merged into it (other = 1). */
struct merge_choice {
	const char *field;
	int other;
};

/* 1 when the merge page offers a choice for field f of e (a person's or
 * household's own data, not what amparo sets or the household links). */
int merge_choosable(const struct entity *e, const struct field *f);
/* 1 when, without a choice, the survivor takes the other record's value
 * of f: the survivor's own is empty and the other's is not. */
int merge_default_other(const struct field *f, const void *survivor, const void *other);

/* Merges person other_id into person survivor_id (ids or references).
 * choices (n of them) pick a value per field; fields without a choice
 * keep merge_default_other's. In one transaction: the survivor gets the
 * chosen values, every row linked to the merged person (documents, legal
 * status history, a household's head; see links in merge.c) is re-pointed
 * to the survivor, the survivor joins the merged person's household when
 * it had none, the merged person gets status "merged" and leaves search,
 * lists and the matching index, and both records get an audit event.
 * Needs PERM_REGISTRY_MERGE. DOM_INVALID: an unknown field, an unknown
 * other_id, or chosen values that do not fit together (errs). DOM_CONFLICT
 * (a message in errs): the same person, one already merged, or two
 * different households. On success *out (may be NULL) is the merge row. */
int merge_people(struct ctx *c, const char *survivor_id, const char *other_id,
		 const struct merge_choice *choices, size_t n, struct errors *errs,
		 struct merge *out);
/* The same for households: the members of other_id join survivor_id
 * (its head as "other_relative"), other_id gets status "merged". */
int merge_households(struct ctx *c, const char *survivor_id, const char *other_id,
		     const struct merge_choice *choices, size_t n, struct errors *errs,
		     struct merge *out);
/* Undoes merge id: the survivor's fields as they were before it, exactly
 * the rows it moved moved back, the merged record active again. DOM_CONFLICT
 * (errs): already undone, the survivor merged again since, or fields of
 * the survivor edited since the merge (one error per field, named): an
 * undo would silently lose those edits, so the user restores them by hand
 * or edits them back first. */
int merge_undo(struct ctx *c, const char *id, struct errors *errs);

/* 1 when c's user may merge records (to offer it on a page). */
int merge_may(struct ctx *c);

/* How many rows of one table a merge would move. */
struct merge_count {
	const char *table;
	long long n;
};
#define MERGE_COUNTS_MAX 16

/* What merging other_id into survivor_id ("person" or "household" as
 * kind) would do, without doing it: the two records into s and m (a
 * struct person or struct household each), and per linked table the rows
 * that would move into counts (*ncounts of them). Answers as the merge
 * would before writing: DOM_FORBIDDEN, DOM_NOTFOUND, DOM_INVALID and
 * DOM_CONFLICT with errs. */
int merge_preview(struct ctx *c, const char *kind, const char *survivor_id, const char *other_id,
		  void *s, void *m, struct merge_count *counts, size_t *ncounts,
		  struct errors *errs);

/* Reads merge id (PERM_REGISTRY_READ). */
int merge_get(struct ctx *c, const char *id, struct merge *out);
/* The latest merge that merged record_id into another and was not undone:
 * DOM_NOTFOUND when record_id is not merged. */
int merge_of(struct ctx *c, const char *record_id, struct merge *out);
/* The merges into survivor_id not undone, newest first, at most max into
 * out; *n gets how many (0: none). */
int merge_into(struct ctx *c, const char *survivor_id, struct merge *out, size_t max, size_t *n);

/* The reference (P-000123, H-000045) of a merge's survivor (survivor = 1)
 * or of the record merged into it (0), as it was at the merge. */
const char *merge_ref(struct ctx *c, const struct merge *g, int survivor);

/* Internal to the domain: id and the ids of every record merged into it
 * (and into those, and so on), not undone, at most max, into ids; returns
 * how many (at least 1: id itself). For a survivor's history. */
size_t merge_absorbed(struct ctx *c, const char *id, const char **ids, size_t max);

#endif

/* note.h: progress notes on a case. Append-only: a note is never changed
 * or removed; a correction is a new note. Notes of psychosocial and legal
 * cases are read only by those case_may_read_notes allows: others see the
 * note's author and date, not its body. Writing needs case_may_work on a
 * case that is not closed. Audited on the case without the words. */
#ifndef AMPARO_NOTE_H
#define AMPARO_NOTE_H

#include "domain/domain.h"

/* The longest body, in characters. */
#define NOTE_BODY_MAX 10000

/* Writes body on case case_id (id or reference) as c->user, now. Field
 * errors ("body") give DOM_INVALID; a closed case DOM_CONFLICT. On
 * success *out (may be NULL) is the stored note. */
int note_add(struct ctx *c, const char *case_id, const char *body, struct errors *errs,
	     struct case_note *out);
/* The notes of case k, newest first; out->total counts them all. Each item
 * is a struct case_note whose body is NULL, and restricted 1, when the
 * user may not read it. */
int note_list(struct ctx *c, const struct case_rec *k, long limit, long offset,
	      struct store_list *out);
/* One note of case k: DOM_FORBIDDEN when the user may not read it,
 * DOM_NOTFOUND when it is not k's. */
int note_get(struct ctx *c, const struct case_rec *k, const char *id, struct case_note *out);

#endif

/* service.h: services delivered on a case: type from the area's
 * catalogue, date, duration, provider, outcome and notes. Notes of
 * sensitive cases are withheld from users who may not read them
 * (case_may_read_notes). */
#ifndef AMPARO_SERVICE_H
#define AMPARO_SERVICE_H

#include "domain/domain.h"

/* Records in on case case_id (id or reference); the caller is the
 * provider. DOM_CONFLICT on a closed case. On success *out is the stored
 * service. */
int service_record(struct ctx *c, const char *case_id, struct service *in, struct errors *errs,
		   struct service *out);
/* The case's services, newest first. Each item is a struct service whose
 * notes are NULL, and notes_restricted 1, when it has a note the user may
 * not read. */
int service_list(struct ctx *c, const struct case_rec *k, long limit, long offset,
		 struct store_list *out);
/* One service of case k: DOM_FORBIDDEN when it has a note the user may
 * not read, DOM_NOTFOUND when it is not k's. */
int service_get(struct ctx *c, const struct case_rec *k, const char *id, struct service *out);

#endif

/* retention.h: retention rules (issue 7; docs/data-rights.md): people
 * whose cases all closed long ago, and people inactive for years, are
 * anonymised (anonymise.h) by a nightly job in the server and by
 * `amparo retention run`, which can list what it would change first
 * (--dry-run). The periods are settings in years; 0 turns a rule off. */
#ifndef AMPARO_RETENTION_H
#define AMPARO_RETENTION_H

#include <stdio.h>
#include <time.h>

#include "domain/domain.h"

/* One person a rule applies to. */
struct retention_hit {
	char *person_id, *ref;
	const char *rule; /* "closed_cases" or "inactive" */
	char *since;      /* the last closure, or the last activity (ISO) */
};

struct retention_result {
	struct retention_hit *hits; /* in c->a */
	size_t n;
	size_t anonymised; /* 0 on a dry run */
	long long people;  /* people examined */
};

/* Applies the rules as of now_iso (an ISO UTC time; NULL: now). dry_run:
 * only lists. Runs as the system (c->user NULL) or as a user with
 * PERM_DATA_RIGHTS. A run that anonymised anyone is audited as
 * "retention_run" on entity "retention", naming the rules applied. */
int retention_run(struct ctx *c, const char *now_iso, int dry_run, struct retention_result *out);

/* Starts the nightly run (03:00 in Panama) on its own connection to url;
 * each run's result is logged. retention_stop ends it. */
int retention_start(const char *url);
void retention_stop(void);
/* The next 03:00 in Panama (08:00 UTC) after now. */
time_t retention_next_run(time_t now);

#endif

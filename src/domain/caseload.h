/* caseload.h: the supervisor's view of every caseload: per caseworker,
 * their cases by status and, among those not closed, by risk level, and
 * what needs attention today (PHQ-9 self-harm alerts; appointments, goals
 * and referrals overdue). See docs/cases.md. */
#ifndef AMPARO_CASELOAD_H
#define AMPARO_CASELOAD_H

#include "domain/domain.h"

/* Room for a catalogue's codes (CAT_CASE_STATUS and CAT_RISK have 4). */
#define CASELOAD_CODES 8

struct caseload {
	const struct user *user; /* NULL: the cases nobody is assigned */
	long long status[CASELOAD_CODES]; /* by CAT_CASE_STATUS position */
	long long risk[CASELOAD_CODES];   /* cases not closed, by CAT_RISK position */
	long long current;                /* cases not closed */
	long long alerts;                 /* cases not closed whose latest PHQ-9 alerts */
	long long late_appointments;      /* planned appointments past their time (any area) */
	long long late_goals;             /* overdue goals of their cases not closed (any area) */
	long long late_referrals;         /* referrals they sent from the area, unanswered too long */
};

/* A case not closed whose latest PHQ-9 has question 9 answered above 0. */
struct caseload_alert {
	const struct case_rec *k;
	const struct assessment *a;
};

struct caseloads {
	struct caseload *rows; /* caseworkers by name, then the unassigned */
	size_t n;
	struct caseload total;
	struct caseload_alert *alerts; /* newest first */
	size_t nalerts;
};

/* Every caseload of area (NULL: all areas): each enabled user who may
 * work on cases of the area, with or without cases, and anyone else who
 * holds a case of it. PERM_CASES_ASSIGN only; only the cases and users of
 * the supervisor's offices (every office with PERM_OFFICES_ALL). */
int caseload_summary(struct ctx *c, const char *area, struct errors *errs, struct caseloads *out);

/* The cases that have something overdue (a planned appointment past its
 * time, a goal past its due date still pending or in progress, a referral
 * sent and unanswered too long): their ids, comma-separated, in c->a ("":
 * none), for case_filter.ids. At most CASELOAD_OVERDUE_MAX of each kind
 * are read. PERM_CASES_READ. */
#define CASELOAD_OVERDUE_MAX 5000
int caseload_overdue_ids(struct ctx *c, const char **ids);

#endif

/* appointment.h: follow-ups and appointments booked on a case: when
 * (local Panama time), with which staff member and with whom else, what
 * kind, where, and what came of it (planned, then done, missed or
 * cancelled). Booking and marking need case_may_work on the case; reading
 * needs PERM_CASES_READ; the status notes of psychosocial and legal cases
 * are withheld as service notes are (case_may_read_notes). Every change is
 * audited on the case, naming fields only. See docs/appointments.md. */
#ifndef AMPARO_APPOINTMENT_H
#define AMPARO_APPOINTMENT_H

#include "domain/domain.h"

/* Room for a stored time, "YYYY-MM-DDTHH:MM:SS-05:00", with its NUL. */
#define APPT_TIME_MAX 32

/* Parses a date and time into the stored form, local Panama time
 * "YYYY-MM-DDTHH:MM:SS-05:00". Accepts "YYYY-MM-DDTHH:MM[:SS]" (a space
 * may replace the T) with no zone (Panama time), "Z" or "±HH:MM"
 * (converted to Panama time), and "DD/MM/YYYY HH:MM" as people in Panama
 * type it (day and month may have one digit; - or . may replace the /). Returns 0, -1 when malformed, -2 when the date or the time
 * does not exist (31/02, 25:00). */
int appointment_time_parse(const char *in, char out[APPT_TIME_MAX]);
/* The present moment in the stored form. */
void appointment_now(char out[APPT_TIME_MAX]);
/* A stored time as people read it: "DD/MM/YYYY HH:MM" ("" when malformed). */
void appointment_time_display(const char *starts_at, char out[32]);

/* Books an appointment on case case_id (id or C- reference) from in's
 * starts_at (any form appointment_time_parse takes), kind (NULL:
 * follow_up), duration_minutes, with_whom and place. user_id (id or user
 * name; NULL: the caller) is the staff member it is with, who must be
 * able to work on the case. Field errors ("starts_at", "kind",
 * "duration_minutes", "with_whom", "place", "user_id") give DOM_INVALID; a
 * closed case DOM_CONFLICT. On success *out (may be NULL) is the stored
 * appointment. */
int appointment_book(struct ctx *c, const char *case_id, struct appointment *in,
		     const char *user_id, struct errors *errs, struct appointment *out);
/* Marks a planned appointment done, missed or cancelled, with optional
 * notes. Any other move (from a final status, or to planned) is
 * DOM_CONFLICT with an error under "status"; so is marking done or missed
 * an appointment that has not started yet. */
int appointment_set_status(struct ctx *c, const char *id, const char *status, const char *notes,
			   struct errors *errs, struct appointment *out);
/* One appointment; notes NULL and notes_restricted 1 when the user may
 * not read them. */
int appointment_get(struct ctx *c, const char *id, struct appointment *out);

/* What a list of appointments keeps; NULL members do not filter. from and
 * to are dates (YYYY-MM-DD, both days included). */
struct appointment_filter {
	const char *case_id, *with_user, *from, *to, *status;
	int overdue;	  /* only planned ones whose time has passed */
	int newest_first; /* else in time order */
};
/* Appointments matching every filter; out->total counts them all. Bad
 * filter values are field errors (DOM_INVALID). Notes are withheld per
 * item as appointment_get withholds them. */
int appointment_list(struct ctx *c, const struct appointment_filter *f, long limit, long offset,
		     struct errors *errs, struct store_list *out);

/* May u book on k and mark k's appointments. */
int appointment_may_work(const struct user *u, const struct case_rec *k);

/* Planned appointments past their time that user_id holds. */
int appointment_overdue_count(struct ctx *c, const char *user_id, long long *n);
/* One staff member's count of overdue appointments. */
struct appointment_count {
	char *user_id;
	long long n;
};
/* Overdue appointments per staff member (struct appointment_count items,
 * most first), for the caseloads view: PERM_CASELOADS_READ only. */
int appointment_overdue_counts(struct ctx *c, struct store_list *out);
/* The enabled users who may hold appointments (struct user items, by
 * name), for a supervisor choosing whose day to see: PERM_CASES_ASSIGN
 * only. */
int appointment_staff(struct ctx *c, struct store_list *out);

#endif

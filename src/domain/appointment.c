/* appointment.c: follow-ups and appointments on cases, their status, and
 * the overdue ones. */
#include "domain/appointment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/consent.h"
#include "domain/person.h"
#include "domain/validate.h"

/* Panama keeps UTC-5 all year. */
#define PANAMA_OFFSET (-5 * 3600)
/* How far from now an appointment may be booked: a year back (recording a
 * follow-up that happened), two years ahead. Further is a typing slip. */
#define BOOK_PAST_DAYS 366
#define BOOK_AHEAD_DAYS 731
/* Users read at most when counting per staff member or listing them. */
#define USERS_MAX 1000

/* Reads between lo and hi digits at *p into *v and advances *p. */
static int digits(const char **p, int lo, int hi, int *v)
{
	int n = 0, x = 0;
	while (n < hi && (*p)[n] >= '0' && (*p)[n] <= '9')
		x = x * 10 + ((*p)[n++] - '0');
	if (n < lo)
		return 0;
	*p += n;
	*v = x;
	return 1;
}

static int take(const char **p, char ch)
{
	if (**p != ch)
		return 0;
	(*p)++;
	return 1;
}

/* t (seconds since the epoch) in the stored form. */
static void fmt_local(time_t t, char out[APPT_TIME_MAX])
{
	struct tm tm;
	t += PANAMA_OFFSET;
	gmtime_r(&t, &tm);
	strftime(out, APPT_TIME_MAX, "%Y-%m-%dT%H:%M:%S-05:00", &tm);
}

int appointment_time_parse(const char *in, char out[APPT_TIME_MAX])
{
	int y, mo, d, h, mi, s = 0, zone = 0, zone_given = 0;
	const char *p = in;
	char date[16];

	if (!in || strlen(in) > 40)
		return -1;
	if (digits(&p, 4, 4, &y)) { /* YYYY-MM-DD[T ]HH:MM */
		if (!take(&p, '-') || !digits(&p, 2, 2, &mo) || !take(&p, '-') ||
		    !digits(&p, 2, 2, &d) || !(take(&p, 'T') || take(&p, ' ')) ||
		    !digits(&p, 2, 2, &h))
			return -1;
	} else { /* DD/MM/YYYY HH:MM, or with - or . between day, month and year */
		p = in;
		if (!digits(&p, 1, 2, &d))
			return -1;
		char sep = *p;
		if ((sep != '/' && sep != '-' && sep != '.') || !take(&p, sep) ||
		    !digits(&p, 1, 2, &mo) || !take(&p, sep) || !digits(&p, 4, 4, &y) ||
		    !take(&p, ' ') || !digits(&p, 1, 2, &h))
			return -1;
	}
	if (!take(&p, ':') || !digits(&p, 2, 2, &mi))
		return -1;
	if (take(&p, ':') && !digits(&p, 2, 2, &s))
		return -1;
	if (take(&p, 'Z')) {
		zone_given = 1;
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1, zh, zm;
		if (!digits(&p, 2, 2, &zh) || !take(&p, ':') || !digits(&p, 2, 2, &zm) || zh > 14 ||
		    zm > 59)
			return -1;
		zone_given = 1;
		zone = sign * (zh * 3600 + zm * 60);
	}
	if (*p)
		return -1;
	snprintf(date, sizeof date, "%04d-%02d-%02d", y % 10000, mo % 100, d % 100);
	if (date_parse(date, NULL, NULL, NULL))
		return -2;
	if (h > 23 || mi > 59 || s > 59)
		return -2;
	if (!zone_given) {
		snprintf(out, APPT_TIME_MAX, "%.10sT%02d:%02d:%02d-05:00", date, h % 100, mi % 100,
			 s % 100);
		return 0;
	}
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
			 .tm_min = mi, .tm_sec = s };
	fmt_local(timegm(&tm) - zone, out);
	return 0;
}

void appointment_now(char out[APPT_TIME_MAX])
{
	fmt_local(time(NULL), out);
}

/* Now plus days, in the stored form. */
static void days_from_now(long days, char out[APPT_TIME_MAX])
{
	fmt_local(time(NULL) + (time_t)days * 86400, out);
}

void appointment_time_display(const char *t, char out[32])
{
	out[0] = 0;
	if (t && strlen(t) >= 16 && t[10] == 'T')
		snprintf(out, 32, "%.2s/%.2s/%.4s %.5s", t + 8, t + 5, t, t + 11);
}

int appointment_may_work(const struct user *u, const struct case_rec *k)
{
	return case_may_work(u, k);
}

/* Finds the staff member user_id names (an id or a user name). */
static int find_user(struct ctx *c, const char *user_id, struct user *u)
{
	if (store_get(c->st, &ENT_USER, c->a, "id", user_id, u) == STORE_OK ||
	    store_get(c->st, &ENT_USER, c->a, "name", user_id, u) == STORE_OK)
		return DOM_OK;
	return DOM_NOTFOUND;
}

static void validate(struct ctx *c, struct appointment *a, struct errors *errs)
{
	char t[APPT_TIME_MAX], lo[APPT_TIME_MAX], hi[APPT_TIME_MAX];
	if (validate_required(errs, "starts_at", a->starts_at)) {
		int rc = appointment_time_parse(a->starts_at, t);
		if (rc == -1)
			errors_add(errs, "starts_at",
				   _("Give the date and time as day/month/year and hours:minutes, for example 31/05/2026 14:30."));
		else if (rc)
			errors_add(errs, "starts_at", _("This date or time does not exist."));
		else {
			days_from_now(-BOOK_PAST_DAYS, lo);
			days_from_now(BOOK_AHEAD_DAYS, hi);
			if (strcmp(t, lo) < 0 || strcmp(t, hi) > 0)
				errors_add(errs, "starts_at",
					   _("Choose a time from a year ago to two years ahead."));
			else
				a->starts_at = arena_strdup(c->a, t);
		}
	}
	validate_code(errs, "kind", a->kind, &CAT_APPOINTMENT_KIND);
	validate_minutes(errs, "duration_minutes", a->duration_minutes);
	validate_length(errs, "with_whom", a->with_whom, 200);
	validate_length(errs, "place", a->place, 200);
}

/* Withholds a's notes when u may not read k's. */
static void restrict_notes(const struct user *u, const struct case_rec *k, struct appointment *a)
{
	a->notes_restricted = a->notes && !case_may_read_notes(u, k);
	if (a->notes_restricted)
		a->notes = NULL;
}

static int load(struct ctx *c, const char *id, struct appointment *a)
{
	if (!id)
		return DOM_NOTFOUND;
	return dom_from_store(store_get(c->st, &ENT_APPOINTMENT, c->a, "id", id, a));
}

int appointment_book(struct ctx *c, const char *case_id, struct appointment *in,
		     const char *user_id, struct errors *errs, struct appointment *out)
{
	struct case_rec k;
	struct user u;
	char id[37], now[32];
	int rc = auth_check(c->user, PERM_CASES_WRITE);

	if (rc || (rc = case_load(c, case_id, &k)))
		return rc;
	if (!appointment_may_work(c->user, &k))
		return DOM_FORBIDDEN;
	record_clean(c->a, &ENT_APPOINTMENT, in);
	if (!in->kind)
		in->kind = "follow_up";
	validate(c, in, errs);
	const struct user *with = c->user;
	if (user_id && *user_id) {
		if (find_user(c, user_id, &u))
			errors_add(errs, "user_id", _("Choose a user from the list."));
		else if (!case_may_work(&u, &k))
			errors_add(errs, "user_id", _("This user does not work in the case's area."));
		else
			with = &u;
	}
	/* A phone call needs the person not to have withdrawn their consent
	 * to contact by phone (never recorded: allowed; docs/consent.md). */
	struct consent_overrides none = { 0 };
	if (!errs->n && strcmp(in->kind, "phone_call") == 0)
		consent_check(c, k.person_id, "phone_contact", 1, NULL, errs, "kind", &none);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0)
		return DOM_CONFLICT; /* reopen the case first */
	time_now_iso(now);
	crypto_uuid7(id);
	struct appointment a = *in;
	a.id = id;
	a.case_id = k.id;
	a.person_id = k.person_id;
	a.with_user = with->id;
	a.status = "planned";
	a.notes = a.status_by = a.status_at = NULL;
	a.created_by = c->user->id;
	a.created_at = a.updated_at = now;
	if ((rc = audit_write(c, &ENT_APPOINTMENT, &a, 1, "add_appointment", "case", k.id,
			      arena_printf(c->a, "%s,with_user",
						   record_set_fields(c->a, &ENT_APPOINTMENT, &a)))))
		return rc;
	if (!out)
		return DOM_OK;
	out->notes_restricted = 0;
	return load(c, id, out);
}

int appointment_set_status(struct ctx *c, const char *id, const char *status, const char *notes,
			   struct errors *errs, struct appointment *out)
{
	struct appointment a;
	struct case_rec k;
	char now[32], local[APPT_TIME_MAX];
	int rc = auth_check(c->user, PERM_CASES_WRITE);

	if (rc || (rc = load(c, id, &a)) || (rc = case_load(c, a.case_id, &k)))
		return rc;
	if (!appointment_may_work(c->user, &k))
		return DOM_FORBIDDEN;
	if (notes && !*notes)
		notes = NULL;
	if (validate_required(errs, "status", status))
		validate_code(errs, "status", status, &CAT_APPOINTMENT_STATUS);
	validate_length(errs, "notes", notes, 2000);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(a.status, "planned") != 0 || strcmp(status, "planned") == 0) {
		errors_add(errs, "status",
			   _("Only a planned appointment can be marked, and only as done, missed or cancelled."));
		return DOM_CONFLICT;
	}
	appointment_now(local);
	if (strcmp(status, "cancelled") != 0 && strcmp(a.starts_at, local) > 0) {
		errors_add(errs, "status",
			   _("This appointment has not started yet: it can be cancelled, not marked done or missed."));
		return DOM_CONFLICT;
	}
	time_now_iso(now);
	a.status = (char *)status;
	if (notes)
		a.notes = (char *)notes;
	a.status_by = c->user->id;
	a.status_at = a.updated_at = now;
	/* The notes' words stay out of the log: only that they were given. */
	if ((rc = audit_write(c, &ENT_APPOINTMENT, &a, 0, "appointment_status", "case", k.id,
			      notes ? "status,notes" : "status")))
		return rc;
	return out ? appointment_get(c, a.id, out) : DOM_OK;
}

int appointment_get(struct ctx *c, const char *id, struct appointment *out)
{
	struct case_rec k;
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc || (rc = load(c, id, out)) || (rc = case_load(c, out->case_id, &k)))
		return rc;
	restrict_notes(c->user, &k, out);
	return DOM_OK;
}

/* Cases already loaded while withholding the notes of a list. */
struct seen {
	const char *case_id;
	int may_read;
};

int appointment_list(struct ctx *c, const struct appointment_filter *f, long limit, long offset,
		     struct errors *errs, struct store_list *out)
{
	struct store_filter w[7];
	size_t n = 0;
	char now[APPT_TIME_MAX];
	int rc = auth_check(c->user, PERM_CASES_READ);

	if (rc)
		return rc;
	validate_code(errs, "status", f->status, &CAT_APPOINTMENT_STATUS);
	validate_date(errs, "from", f->from, 0);
	validate_date(errs, "to", f->to, 0);
	if (errs->n)
		return DOM_INVALID;
	if (f->overdue && f->status && strcmp(f->status, "planned") != 0) {
		*out = (struct store_list){ .items = NULL, .n = 0, .total = 0 };
		return DOM_OK; /* only planned ones are ever overdue */
	}
	if (f->case_id)
		w[n++] = (struct store_filter){ "case_id", f->case_id };
	if (f->with_user)
		w[n++] = (struct store_filter){ "with_user", f->with_user };
	if (f->status)
		w[n++] = (struct store_filter){ "status", f->status };
	if (f->overdue) {
		appointment_now(now);
		if (!f->status)
			w[n++] = (struct store_filter){ "status", "planned" };
		w[n++] = (struct store_filter){ "starts_at<", now };
	}
	if (f->from)
		w[n++] = (struct store_filter){ "starts_at>=",
						arena_printf(c->a, "%sT00:00:00", f->from) };
	if (f->to) /* "…T23:59:59-05:00" sorts before "…T24" */
		w[n++] = (struct store_filter){ "starts_at<", arena_printf(c->a, "%sT24", f->to) };
	rc = store_list_where(c->st, &ENT_APPOINTMENT, c->a, w, n, "starts_at", f->newest_first,
			      limit, offset, out);
	if (!rc)
		rc = store_count_where(c->st, &ENT_APPOINTMENT, w, n, &out->total);
	if (rc)
		return dom_from_store(rc);
	struct seen *seen = arena_alloc(c->a, (out->n + 1) * sizeof(*seen));
	size_t nseen = 0;
	for (size_t i = 0; i < out->n; i++) {
		struct appointment *a = out->items[i];
		size_t j = 0;
		while (j < nseen && strcmp(seen[j].case_id, a->case_id) != 0)
			j++;
		if (j == nseen) {
			struct case_rec k;
			if ((rc = case_load(c, a->case_id, &k)))
				return rc;
			seen[nseen++] = (struct seen){ a->case_id, case_may_read_notes(c->user, &k) };
		}
		a->notes_restricted = a->notes && !seen[j].may_read;
		if (a->notes_restricted)
			a->notes = NULL;
	}
	return DOM_OK;
}

int appointment_overdue_count(struct ctx *c, const char *user_id, long long *n)
{
	char now[APPT_TIME_MAX];
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	appointment_now(now);
	struct store_filter w[] = {
		{ "with_user", user_id }, { "status", "planned" }, { "starts_at<", now }
	};
	return dom_from_store(store_count_where(c->st, &ENT_APPOINTMENT, w, 3, n));
}

static int most_first(const void *x, const void *y)
{
	const struct appointment_count *a = *(void *const *)x, *b = *(void *const *)y;
	if (a->n != b->n)
		return a->n < b->n ? 1 : -1;
	return strcmp(a->user_id, b->user_id);
}

int appointment_overdue_counts(struct ctx *c, struct store_list *out)
{
	struct store_list users;
	int rc = auth_check(c->user, PERM_CASELOADS_READ);

	/* One indexed count per user (disabled ones too: their appointments
	 * need someone else): an office has tens of users, a network a few
	 * hundred, so this costs less than reading every overdue row. */
	if (rc || (rc = dom_from_store(store_list(c->st, &ENT_USER, c->a, NULL, NULL, "name", 0,
						  USERS_MAX, 0, &users))))
		return rc;
	out->items = arena_alloc(c->a, (users.n + 1) * sizeof(void *));
	out->n = 0;
	for (size_t i = 0; i < users.n; i++) {
		const struct user *u = users.items[i];
		long long n;
		if ((rc = appointment_overdue_count(c, u->id, &n)))
			return rc;
		if (!n)
			continue;
		struct appointment_count *k = arena_alloc(c->a, sizeof(*k));
		*k = (struct appointment_count){ u->id, n };
		out->items[out->n++] = k;
	}
	qsort(out->items, out->n, sizeof(void *), most_first);
	out->total = (long long)out->n;
	return DOM_OK;
}

int appointment_staff(struct ctx *c, struct store_list *out)
{
	struct store_list all;
	int rc = auth_check(c->user, PERM_CASES_ASSIGN);
	if (rc || (rc = dom_from_store(store_list(c->st, &ENT_USER, c->a, NULL, NULL, "name", 0,
						  USERS_MAX, 0, &all))))
		return rc;
	out->items = arena_alloc(c->a, (all.n + 1) * sizeof(void *));
	out->n = 0;
	for (size_t i = 0; i < all.n; i++)
		if (auth_check(all.items[i], PERM_CASES_WRITE) == DOM_OK)
			out->items[out->n++] = all.items[i];
	out->total = (long long)out->n;
	return DOM_OK;
}

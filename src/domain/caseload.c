/* caseload.c: counting every caseload at once: one grouped count of the
 * cases, and the PHQ-9 alerts read case by case (there are few). */
#include "domain/caseload.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/timeutil.h"
#include "domain/appointment.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/goal.h"
#include "domain/office.h"
#include "domain/referral.h"
#include "domain/validate.h"

_Static_assert(CASELOAD_CODES >= 4, "room for the case statuses and risk levels");

/* The position of code in cat, or -1. */
static int position(const struct catalog *cat, const char *code)
{
	for (size_t i = 0; code && i < cat->n && i < CASELOAD_CODES; i++)
		if (strcmp(cat->items[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* The row of user id (NULL: the unassigned), added when absent. users:
 * the users read, to find a holder of cases who is not in the rows yet. */
static struct caseload *row_of(struct caseloads *out, size_t cap, const char *id,
			       const struct store_list *users)
{
	for (size_t i = 0; i < out->n; i++) {
		const struct user *u = out->rows[i].user;
		if (u ? id && strcmp(u->id, id) == 0 : !id)
			return &out->rows[i];
	}
	if (out->n == cap)
		return NULL;
	struct caseload *r = &out->rows[out->n++];
	memset(r, 0, sizeof(*r));
	for (size_t i = 0; id && i < users->n; i++)
		if (strcmp(((struct user *)users->items[i])->id, id) == 0)
			r->user = users->items[i];
	return r;
}

static int by_name(const void *a, const void *b)
{
	const struct caseload *x = a, *y = b;
	if (!x->user || !y->user)
		return !x->user - !y->user; /* the unassigned last */
	const char *nx = x->user->full_name ? x->user->full_name : x->user->name;
	const char *ny = y->user->full_name ? y->user->full_name : y->user->name;
	return strcoll(nx, ny);
}

/* True when u may work on cases of area (any area when NULL). */
static int works_in(const struct user *u, const char *area)
{
	if (strcmp(u->disabled ? u->disabled : "0", "0") != 0 || auth_check(u, PERM_CASES_WRITE))
		return 0;
	if (strcmp(u->role, "admin") == 0)
		return 0; /* administrators appear only when they hold cases */
	return area ? auth_in_area(u, area) : u->areas && *u->areas;
}

/* The PHQ-9 alerts: cases not closed whose latest PHQ-9 alerts. */
static int read_alerts(struct ctx *c, const char *area, struct caseloads *out)
{
	struct store_list l;
	struct store_filter f[] = { { "instrument", "phq9" }, { "alert", "1" } };
	int rc = store_list_where(c->st, &ENT_ASSESSMENT, c->a, f, 2, "taken_on", 1, 500, 0, &l);
	if (rc)
		return dom_from_store(rc);
	out->alerts = arena_alloc(c->a, (l.n ? l.n : 1) * sizeof(*out->alerts));
	for (size_t i = 0; i < l.n; i++) {
		const struct assessment *a = l.items[i];
		int seen = 0;
		for (size_t j = 0; j < out->nalerts && !seen; j++)
			seen = strcmp(out->alerts[j].a->case_id, a->case_id) == 0;
		if (seen)
			continue;
		struct store_list latest;
		struct store_filter g[] = { { "case_id", a->case_id }, { "instrument", "phq9" } };
		struct case_rec *k = arena_alloc(c->a, sizeof(*k));
		if ((rc = store_list_where(c->st, &ENT_ASSESSMENT, c->a, g, 2, "taken_on", 1, 1, 0, &latest)) ||
		    (rc = store_get(c->st, &ENT_CASE, c->a, "id", a->case_id, k)))
			return dom_from_store(rc);
		const struct assessment *last = latest.n ? latest.items[0] : a;
		if (strcmp(last->alert, "1") != 0 || strcmp(k->status, "closed") == 0 ||
		    (area && strcmp(k->area, area) != 0) || !office_may_see(c->user, k->office))
			continue;
		out->alerts[out->nalerts++] = (struct caseload_alert){ k, last };
	}
	return DOM_OK;
}

/* What is late per caseworker: appointments, goals and referrals. */
static int read_late(struct ctx *c, const char *area, struct caseloads *out)
{
	struct store_list appts, goals;
	struct referral_count *refs;
	size_t nrefs;
	int rc = appointment_overdue_counts(c, &appts);
	if (rc || (rc = referral_overdue_counts(c, "sent_by", area, &refs, &nrefs)) ||
	    (rc = goal_overdue_counts(c, NULL, &goals)))
		return rc;
	for (size_t i = 0; i < out->n; i++) {
		struct caseload *r = &out->rows[i];
		if (!r->user)
			continue;
		for (size_t j = 0; j < appts.n; j++) {
			const struct appointment_count *a = appts.items[j];
			if (strcmp(a->user_id, r->user->id) == 0)
				r->late_appointments += a->n;
		}
		for (size_t j = 0; j < nrefs; j++)
			if (strcmp(refs[j].key, r->user->id) == 0)
				r->late_referrals += refs[j].n;
		for (size_t j = 0; j < goals.n; j++) {
			const struct store_group *g = goals.items[j];
			if (r->current && strcmp(g->v[0], r->user->id) == 0)
				r->late_goals += g->n;
		}
		out->total.late_appointments += r->late_appointments;
		out->total.late_goals += r->late_goals;
		out->total.late_referrals += r->late_referrals;
	}
	return DOM_OK;
}

/* Adds id to the comma-separated list in b (a case may come twice: the
 * filter does not mind). */
static void add_id(struct buf *b, const char *id)
{
	if (b->n)
		buf_addc(b, ',');
	buf_adds(b, id);
}

int caseload_overdue_ids(struct ctx *c, const char **ids)
{
	struct store_list l;
	struct buf b;
	char now[APPT_TIME_MAX], today[16];
	int rc = auth_check(c->user, PERM_CASES_READ);
	*ids = "";
	if (rc)
		return rc;
	buf_init(&b, 0);
	appointment_now(now);
	time_today(today);
	struct store_filter appt[] = { { "status", "planned" }, { "starts_at<", now } };
	if ((rc = dom_from_store(store_list_where(c->st, &ENT_APPOINTMENT, c->a, appt, 2, "starts_at", 0,
						  CASELOAD_OVERDUE_MAX, 0, &l))))
		goto done;
	for (size_t i = 0; i < l.n; i++)
		add_id(&b, ((struct appointment *)l.items[i])->case_id);
	struct store_filter goals[] = { { STORE_ANY("status"), "pending,in_progress" }, { "due_on<", today } };
	if ((rc = dom_from_store(store_list_where(c->st, &ENT_CASE_GOAL, c->a, goals, 2, "due_on", 0,
						  CASELOAD_OVERDUE_MAX, 0, &l))))
		goto done;
	for (size_t i = 0; i < l.n; i++)
		add_id(&b, ((struct case_goal *)l.items[i])->case_id);
	struct errors errs = { .n = 0 };
	struct referral_filter rf = { .status = "sent", .overdue = "1" };
	if ((rc = referral_list(c, &rf, CASELOAD_OVERDUE_MAX, 0, &errs, &l)))
		goto done;
	for (size_t i = 0; i < l.n; i++)
		add_id(&b, ((struct referral *)l.items[i])->case_id);
	*ids = arena_strbuf(c->a, &b);
done:
	buf_free(&b);
	return rc;
}

int caseload_summary(struct ctx *c, const char *area, struct errors *errs, struct caseloads *out)
{
	struct store_list users, groups;
	int rc = auth_check(c->user, PERM_CASELOADS_READ);
	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (!validate_code(errs, "area", area, &CAT_AREA))
		return DOM_INVALID;
	/* Only the cases and caseworkers of the offices the supervisor sees. */
	struct store_filter f[2];
	size_t nf = 0;
	if (area)
		f[nf++] = (struct store_filter){ "area", area };
	if (auth_check(c->user, PERM_OFFICES_ALL) != DOM_OK)
		f[nf++] = (struct store_filter){ STORE_ANY("office"), c->user->office ? c->user->office : "" };
	const char *by[] = { "assigned_to", "status", "risk" };
	if ((rc = store_list(c->st, &ENT_USER, c->a, NULL, NULL, "name", 0, 1000, 0, &users)) ||
	    (rc = store_count_by(c->st, &ENT_CASE, c->a, f, nf, by, 3, &groups)))
		return dom_from_store(rc);
	size_t cap = users.n + 1;
	out->rows = arena_alloc(c->a, cap * sizeof(*out->rows));
	for (size_t i = 0; i < users.n; i++)
		if (works_in(users.items[i], area) && office_shares(c->user, users.items[i]))
			row_of(out, cap, ((struct user *)users.items[i])->id, &users);
	for (size_t i = 0; i < groups.n; i++) {
		const struct store_group *g = groups.items[i];
		struct caseload *r = row_of(out, cap, g->v[0], &users);
		int s = position(&CAT_CASE_STATUS, g->v[1]), k = position(&CAT_RISK, g->v[2]);
		if (!r || s < 0)
			continue;
		r->status[s] += g->n;
		out->total.status[s] += g->n;
		if (strcmp(g->v[1], "closed") == 0)
			continue;
		r->current += g->n;
		out->total.current += g->n;
		if (k >= 0) {
			r->risk[k] += g->n;
			out->total.risk[k] += g->n;
		}
	}
	if (!auth_reduced(c->user) && (rc = read_alerts(c, area, out))) /* health data */
		return rc;
	for (size_t i = 0; i < out->nalerts; i++) {
		struct caseload *r = row_of(out, cap, out->alerts[i].k->assigned_to, &users);
		if (r)
			r->alerts++;
		out->total.alerts++;
	}
	if ((rc = read_late(c, area, out)))
		return rc;
	qsort(out->rows, out->n, sizeof(*out->rows), by_name);
	return DOM_OK;
}

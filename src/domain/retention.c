/* retention.c: the retention rules and their nightly run. */
#include "domain/retention.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/timeutil.h"
#include "domain/anonymise.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/settings.h"

/* People read per page while scanning. */
#define PAGE 500
/* Far above any real person's cases. */
#define CASES_MAX 10000

/* now_iso minus years, as an ISO time (same format, so they compare as text). */
static char *years_before(struct ctx *c, const char *now_iso, long years)
{
	long y = strtol(now_iso, NULL, 10) - years;
	return arena_printf(c->a, "%04ld%s", y, now_iso + 4);
}

/* The later of a and b (either may be NULL). */
static const char *later(const char *a, const char *b)
{
	return !a ? b : !b ? a : strcmp(a, b) >= 0 ? a : b;
}

/* Which rule, if any, applies to p: closed_cases when p has cases, all
 * closed, the last before closed_cut; inactive when nothing of p or their
 * cases changed since inactive_cut. *since gets the date that decided. */
static const char *rule_for(struct ctx *c, const struct person *p, const char *closed_cut,
			    const char *inactive_cut, const char **since, int *rc)
{
	struct store_list l;
	const char *last_closed = NULL, *last_activity = later(p->updated_at, p->created_at);
	int open = 0;
	*rc = dom_from_store(
		store_list(c->st, &ENT_CASE, c->a, "person_id", p->id, "id", 0, CASES_MAX, 0, &l));
	if (*rc)
		return NULL;
	for (size_t i = 0; i < l.n; i++) {
		const struct case_rec *k = l.items[i];
		open |= strcmp(k->status, "closed") != 0;
		last_closed = later(last_closed, k->closed_at);
		last_activity = later(last_activity, k->updated_at);
	}
	if (closed_cut && l.n && !open && last_closed && strcmp(last_closed, closed_cut) < 0) {
		*since = last_closed;
		return "closed_cases";
	}
	if (inactive_cut && !open && last_activity && strcmp(last_activity, inactive_cut) < 0) {
		*since = last_activity;
		return "inactive";
	}
	return NULL;
}

/* Adds a hit to out, growing its array in c->a. */
static void add_hit(struct ctx *c, struct retention_result *out, const struct person *p,
		    const char *rule, const char *since)
{
	struct retention_hit *h = arena_alloc(c->a, (out->n + 1) * sizeof(*h));
	if (out->n)
		memcpy(h, out->hits, out->n * sizeof(*h));
	h[out->n] = (struct retention_hit){ p->id, p->ref, rule, arena_strdup(c->a, since) };
	out->hits = h;
	out->n++;
}

int retention_run(struct ctx *c, const char *now_iso, int dry_run, struct retention_result *out)
{
	char now[32];
	int rc = c->user ? auth_check(c->user, PERM_DATA_RIGHTS) : DOM_OK;
	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (!now_iso) {
		time_now_iso(now);
		now_iso = now;
	}
	long closed_years = settings_int(c, "retention_closed_case_years");
	long inactive_years = settings_int(c, "retention_inactive_years");
	const char *closed_cut = closed_years ? years_before(c, now_iso, closed_years) : NULL;
	const char *inactive_cut = inactive_years ? years_before(c, now_iso, inactive_years) : NULL;
	if (!closed_cut && !inactive_cut)
		return DOM_OK;
	const char *after = NULL;
	for (;;) {
		struct store_list l;
		if ((rc = dom_from_store(store_scan(c->st, &ENT_PERSON, c->a, after, PAGE, &l))))
			return rc;
		for (size_t i = 0; i < l.n; i++) {
			const struct person *p = l.items[i];
			const char *since = NULL, *rule;
			int done;
			out->people++;
			if (strcmp(p->status, "merged") == 0)
				continue;
			if ((rc = person_anonymised(c, p->id, &done, NULL)))
				return rc;
			if (done)
				continue;
			rule = rule_for(c, p, closed_cut, inactive_cut, &since, &rc);
			if (rc)
				return rc;
			if (rule)
				add_hit(c, out, p, rule, since);
		}
		if (l.n < PAGE)
			break;
		after = ((const struct person *)l.items[l.n - 1])->id;
	}
	for (size_t i = 0; !dry_run && i < out->n; i++) {
		struct errors errs = { .n = 0 };
		const char *why = strcmp(out->hits[i].rule, "inactive") == 0
					  ? "retention: inactive"
					  : "retention: closed cases";
		rc = person_anonymise(c, out->hits[i].person_id, why, &errs);
		if (rc == DOM_CONFLICT)
			continue; /* anonymised or merged meanwhile */
		if (rc)
			return rc;
		out->anonymised++;
	}
	if (!out->anonymised)
		return DOM_OK;
	const char *rules = closed_cut && inactive_cut
				    ? "retention_closed_case_years,retention_inactive_years"
			    : closed_cut ? "retention_closed_case_years"
					 : "retention_inactive_years";
	return audit_record(c, "retention_run", "retention", arena_strndup(c->a, now_iso, 10),
			    rules);
}

/* ---- the nightly run ---- */

/* 03:00 in Panama (UTC-5 all year): after the duplicate scan's 02:00. */
#define NIGHTLY_UTC_SECONDS (8 * 3600)

time_t retention_next_run(time_t now)
{
	time_t day = (now - NIGHTLY_UTC_SECONDS) / 86400;
	return (day + 1) * 86400 + NIGHTLY_UTC_SECONDS;
}

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int started, stop;
	struct store *st;
	pthread_t thread;
} w = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&w.mu);
	time_t next = retention_next_run(time(NULL));
	while (!w.stop) {
		if (time(NULL) < next) {
			struct timespec ts = { .tv_sec = next, .tv_nsec = 0 };
			pthread_cond_timedwait(&w.cv, &w.mu, &ts);
			continue;
		}
		next = retention_next_run(time(NULL));
		pthread_mutex_unlock(&w.mu);
		struct arena *a = arena_new();
		struct ctx c = { .st = w.st, .a = a };
		struct retention_result r;
		int rc = retention_run(&c, NULL, 0, &r);
		if (rc)
			log_error("retention: the nightly run failed (%s)", dom_code(rc));
		else
			log_info("retention: %lld people examined, %zu due, %zu anonymised",
				 r.people, r.n, r.anonymised);
		arena_free(a);
		pthread_mutex_lock(&w.mu);
	}
	pthread_mutex_unlock(&w.mu);
	return NULL;
}

int retention_start(const char *url)
{
	if (w.started)
		return DOM_ERROR;
	w.stop = 0;
	if (dom_worker_start(url, "retention: the nightly run", &w.st, &w.thread, worker))
		return DOM_ERROR;
	w.started = 1;
	return DOM_OK;
}

void retention_stop(void)
{
	if (!w.started)
		return;
	dom_worker_stop(&w.mu, &w.cv, &w.stop, w.thread, &w.st);
	w.started = 0;
}

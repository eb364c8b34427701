/* data_request.c: data-subject requests, their business-day deadline and
 * Panama's public holidays. */
#include "domain/data_request.h"

#include <stdio.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/person.h"
#include "domain/settings.h"
#include "domain/validate.h"

static const struct catalog_item kind_items[] = {
	{ "access", N_("Access") },
	{ "rectification", N_("Rectification") },
	{ "cancellation", N_("Cancellation") },
	{ "objection", N_("Objection") },
	{ "portability", N_("Portability") },
};
const struct catalog CAT_DATA_REQUEST_KIND = { "data_request_kind", kind_items, 5, 5 };

static const struct catalog_item channel_items[] = {
	{ "in_person", N_("In person") }, { "phone", N_("By phone") },
	{ "email", N_("By e-mail") },     { "letter", N_("By letter") },
	{ "other", N_("Other channel") },
};
const struct catalog CAT_DATA_REQUEST_CHANNEL = { "data_request_channel", channel_items, 5, 5 };

static const struct catalog_item status_items[] = {
	{ "open", NC_("data request", "Open") },
	{ "done", NC_("data request", "Answered") },
	{ "refused", NC_("data request", "Refused") },
};
const struct catalog CAT_DATA_REQUEST_STATUS = { "data_request_status", status_items, 3, 3 };

/* The most requests one list reads. */
#define LIST_MAX 500

/* ---- calendar ---- */

/* 0 Sunday … 6 Saturday. */
static int weekday(long days)
{
	return (int)((days % 7 + 11) % 7);
}

/* Easter Sunday of year y (anonymous Gregorian algorithm), as days. */
static long easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return date_days(y, month, day);
}

/* Fixed national holidays (the Labour Code's national rest days; 20
 * December since 2022): month * 100 + day. docs/data-rights.md says why 4 November and
 * Carnival Monday are not counted. */
static const int fixed[] = { 101, 109, 501, 1103, 1105, 1110, 1128, 1208, 1220, 1225 };

/* True when day z is itself one of the holidays of its year. */
static int holiday_on(long z)
{
	int y, m, d;
	date_from_days(z, &y, &m, &d);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (m * 100 + d == fixed[i])
			return 1;
	long e = easter(y);
	return z == e - 47 /* Carnival Tuesday */ || z == e - 2 /* Good Friday */;
}

/* A holiday, or the Monday after one that fell on a Sunday. */
static int holiday_days(long z)
{
	return holiday_on(z) || (weekday(z) == 1 && holiday_on(z - 1));
}

int data_holiday(const char *date)
{
	int y, m, d;
	return date_parse(date, &y, &m, &d) == 0 && holiday_days(date_days(y, m, d));
}

static int business(long z)
{
	int w = weekday(z);
	return w != 0 && w != 6 && !holiday_days(z);
}

int data_business_day(const char *date)
{
	int y, m, d;
	return date_parse(date, &y, &m, &d) == 0 && business(date_days(y, m, d));
}

int data_due_date(const char *from, long days, char out[16])
{
	int y, m, d;
	if (!from || date_parse(from, &y, &m, &d) != 0 || days < 1)
		return -1;
	long z = date_days(y, m, d);
	for (long n = 0; n < days;)
		n += business(++z);
	date_from_days(z, &y, &m, &d);
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* ---- requests ---- */

int data_request_may(const struct user *u)
{
	return auth_check(u, PERM_DATA_RIGHTS);
}

/* Sets r->overdue: open and today is past its due date. */
static void mark(struct data_request *r, const char *today)
{
	r->overdue = strcmp(r->status, "open") == 0 && strcmp(today, r->due_on) > 0;
}

int data_request_create(struct ctx *c, const char *person_id, struct data_request *in,
			struct errors *errs, struct data_request *out)
{
	struct person p;
	char id[37], ref[24], now[32], today[16], due[16];
	long long num;
	int rc = data_request_may(c->user);

	if (rc)
		return rc;
	if (!person_id || person_load(c, person_id, &p))
		return DOM_NOTFOUND;
	record_clean(c->a, &ENT_DATA_REQUEST, in);
	time_today(today);
	if (!in->received_on)
		in->received_on = arena_strdup(c->a, today);
	if (validate_required(errs, "kind", in->kind))
		validate_code(errs, "kind", in->kind, &CAT_DATA_REQUEST_KIND);
	if (validate_required(errs, "channel", in->channel))
		validate_code(errs, "channel", in->channel, &CAT_DATA_REQUEST_CHANNEL);
	validate_date(errs, "received_on", in->received_on, 1);
	validate_chars(errs, "details", in->details, DATA_REQUEST_TEXT_MAX);
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(p.status, "merged") == 0)
		return DOM_CONFLICT; /* register it on the survivor */
	if (data_due_date(in->received_on, settings_int(c, "data_request_days"), due))
		return DOM_ERROR; /* validated above */
	time_now_iso(now);
	crypto_uuid7(id);
	struct data_request r = {
		.id = id,
		.ref = ref,
		.person_id = p.id,
		.kind = in->kind,
		.channel = in->channel,
		.details = in->details,
		.received_on = in->received_on,
		.received_by = c->user->id,
		.due_on = due,
		.status = "open",
		.created_at = now,
	};
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_from_store(store_next_number(c->st, "data_request", &num))))
		goto fail;
	snprintf(ref, sizeof(ref), "D-%06lld", num);
	if ((rc = audit_write(c, &ENT_DATA_REQUEST, &r, 1, "create", "data_request", id,
			      record_set_fields(c->a, &ENT_DATA_REQUEST, &r))) ||
	    (rc = audit_record(c, "data_request", "person", p.id, "kind")))
		goto fail;
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? data_request_get(c, id, out) : DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

int data_request_get(struct ctx *c, const char *id, struct data_request *out)
{
	char today[16];
	int rc = data_request_may(c->user);
	if (rc || (rc = dom_load_ref(c, &ENT_DATA_REQUEST, 'D', id, out)))
		return rc;
	time_today(today);
	mark(out, today);
	return DOM_OK;
}

int data_request_list(struct ctx *c, const char *person_id, const char *status, int overdue_only,
		      long limit, long offset, struct store_list *out)
{
	struct store_filter w[3];
	size_t nw = 0;
	char today[16];
	int rc = data_request_may(c->user);

	if (rc)
		return rc;
	time_today(today);
	if (person_id) {
		struct person p;
		if (person_load(c, person_id, &p))
			return DOM_NOTFOUND;
		w[nw++] = (struct store_filter){ "person_id", p.id };
	}
	if (overdue_only) {
		w[nw++] = (struct store_filter){ "status", "open" };
		w[nw++] = (struct store_filter){ "due_on<", today };
	} else if (status) {
		w[nw++] = (struct store_filter){ "status", status };
	}
	/* Open ones first, soonest due first; then the closed ones, newest
	 * first. Read both (bounded) and page over the joined list. */
	struct store_list open = { 0 }, closed = { 0 };
	int want_open = overdue_only || !status || strcmp(status, "open") == 0;
	int want_closed = !overdue_only && (!status || strcmp(status, "open") != 0);
	struct store_filter wo[3];
	size_t no = 0;
	for (size_t i = 0; i < nw; i++)
		wo[no++] = w[i];
	if (!status && !overdue_only)
		wo[no++] = (struct store_filter){ "status", "open" };
	if (want_open && (rc = store_list_where(c->st, &ENT_DATA_REQUEST, c->a, wo, no, "due_on", 0,
						LIST_MAX, 0, &open)))
		return dom_from_store(rc);
	if (want_closed) {
		struct store_filter wc[3];
		size_t nc = 0;
		for (size_t i = 0; i < nw; i++)
			wc[nc++] = w[i];
		if (!status)
			wc[nc++] = (struct store_filter){ STORE_ANY("status"), "done,refused" };
		rc = store_list_where(c->st, &ENT_DATA_REQUEST, c->a, wc, nc, "closed_at", 1,
				      LIST_MAX, 0, &closed);
		if (rc)
			return dom_from_store(rc);
	}
	size_t n = open.n + closed.n;
	out->items = arena_alloc(c->a, (n ? n : 1) * sizeof(void *));
	out->n = 0;
	out->total = (long long)n;
	for (size_t i = 0; i < n; i++) {
		if ((long)i < offset || (limit > 0 && (long)out->n >= limit))
			continue;
		struct data_request *r = i < open.n ? open.items[i] : closed.items[i - open.n];
		mark(r, today);
		out->items[out->n++] = r;
	}
	return DOM_OK;
}

/* Checks that event seq is an update of person_id's own fields. */
static int rectifying_edit(struct ctx *c, const char *seq, const char *person_id,
			   struct errors *errs)
{
	struct audit_event ev;
	int rc = store_get(c->st, &ENT_AUDIT, c->a, "seq", seq, &ev);
	if (rc == STORE_OK && strcmp(ev.entity, "person") == 0 &&
	    strcmp(ev.entity_id, person_id) == 0 && strcmp(ev.action, "update") == 0)
		return DOM_OK;
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return dom_from_store(rc);
	errors_add(errs, "rectified_event", _("Choose an edit of this person's record."));
	return DOM_INVALID;
}

int data_request_close(struct ctx *c, const char *id, const char *status, const char *note,
		       const char *rectified_event, struct errors *errs, struct data_request *out)
{
	struct data_request r;
	char now[32];
	int rc = data_request_get(c, id, &r);

	if (rc)
		return rc;
	if (note && !*note)
		note = NULL;
	if (rectified_event && !*rectified_event)
		rectified_event = NULL;
	if (!status || (strcmp(status, "done") != 0 && strcmp(status, "refused") != 0))
		errors_add(errs, "status",
			   _("Choose whether the request was answered or refused."));
	else if (strcmp(status, "refused") == 0 && !note)
		errors_add(errs, "outcome_note", _("Say why the request is refused."));
	validate_chars(errs, "outcome_note", note, DATA_REQUEST_TEXT_MAX);
	if (rectified_event && strcmp(r.kind, "rectification") != 0)
		errors_add(errs, "rectified_event", _("Only a rectification points at an edit."));
	else if (rectified_event && !errs->n &&
		 (rc = rectifying_edit(c, rectified_event, r.person_id, errs)) != DOM_OK &&
		 rc != DOM_INVALID)
		return rc;
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(r.status, "open") != 0)
		return DOM_CONFLICT;
	time_now_iso(now);
	r.status = (char *)status;
	r.outcome_note = (char *)note;
	r.rectified_event = (char *)rectified_event;
	r.closed_at = now;
	r.closed_by = c->user->id;
	const char *fields = rectified_event ? "status,outcome_note,rectified_event,closed_at"
					     : "status,outcome_note,closed_at";
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = audit_write(c, &ENT_DATA_REQUEST, &r, 0, "close", "data_request", r.id,
			      fields)) ||
	    (rc = audit_record(c, "data_request_closed", "person", r.person_id, "status"))) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? data_request_get(c, r.id, out) : DOM_OK;
}

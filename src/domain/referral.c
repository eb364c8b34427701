/* referral.c: referrals between areas and to partners, their answers,
 * the inbox lists and overdue counts. */
#include "domain/referral.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/consent.h"
#include "domain/auth.h"
#include "domain/case.h"
#include "domain/case_share.h"
#include "domain/office.h"
#include "domain/partner.h"
#include "domain/sharing.h"
#include "domain/person.h"
#include "domain/settings.h"
#include "domain/validate.h"

/* Longest reason, answer note or feedback. */
#define TEXT_MAX 2000
/* Cases of a caseload whose referrals "outgoing" reads. */
#define CASELOAD_MAX 500
/* A user's unexpired case shares the referrals badge reads: more than any
 * caseworker is given. */
#define SHARES_MAX 1000
/* Referrals of a case read at once to move them to its new office. */
#define REFERRALS_PAGE 500

static int is_internal(const struct referral *rf)
{
	return rf->to_area && *rf->to_area;
}

static int is_set(const char *s)
{
	return s && *s;
}

int referral_may_answer(const struct user *u, const struct referral *rf,
			const struct case_rec *from)
{
	if (auth_check(u, PERM_CASES_WRITE) != DOM_OK)
		return 0;
	if (is_internal(rf))
		return auth_check(u, PERM_CASES_ASSIGN) == DOM_OK || auth_in_area(u, rf->to_area);
	return case_may_work(u, from);
}

int referral_may_read_reason(const struct user *u, const struct referral *rf,
			     const struct case_rec *from)
{
	return case_may_read_notes(u, from) ||
	       (is_internal(rf) && auth_check(u, PERM_CASES_READ) == DOM_OK &&
		auth_in_area(u, rf->to_area));
}

/* s without the spaces around it, in c->a; NULL when nothing is left. */
static char *trimmed(struct ctx *c, const char *s)
{
	char *t = arena_trimmed(c->a, s);
	return t && *t ? t : NULL;
}

/* The sent_at before which a referral still sent is overdue. */
static void overdue_cutoff(struct ctx *c, char out[32])
{
	time_iso_after(-(int64_t)settings_int(c, "referral_overdue_days") * 86400, out);
}

static int overdue_at(const struct referral *rf, const char *cutoff)
{
	return strcmp(rf->status, "sent") == 0 && strcmp(rf->sent_at, cutoff) < 0;
}

int referral_is_overdue(struct ctx *c, const struct referral *rf)
{
	char cutoff[32];
	overdue_cutoff(c, cutoff);
	return overdue_at(rf, cutoff);
}

/* Sets rf's overdue mark and withholds its texts from a user who may not
 * read them. */
static void present(struct ctx *c, struct referral *rf, const char *cutoff)
{
	struct case_rec from;
	rf->overdue = overdue_at(rf, cutoff);
	rf->reason_restricted =
		case_load(c, rf->case_id, &from) != DOM_OK || /* sets from.sgbv */
		!referral_may_read_reason(c->user, rf, &from);
	if (rf->reason_restricted)
		rf->reason = rf->answer_note = rf->feedback = NULL;
}

/* True when c->user may know a referral exists: they may see the case it
 * was sent from or the case it opened (case_visible: their offices, or a
 * share). */
static int visible(struct ctx *c, const struct referral *rf)
{
	return case_visible(c, rf->case_id) ||
	       (rf->received_case_id && case_visible(c, rf->received_case_id));
}

static int load(struct ctx *c, const char *id, struct referral *out)
{
	int rc = auth_check(c->user, PERM_CASES_READ);
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	if ((rc = dom_load_ref(c, &ENT_REFERRAL, 'R', id, out)))
		return rc;
	return visible(c, out) ? DOM_OK : DOM_NOTFOUND;
}

int referral_get(struct ctx *c, const char *id, struct referral *out)
{
	char cutoff[32];
	int rc = load(c, id, out);
	if (rc || (rc = audit_view(c, "referral", out->id)))
		return rc;
	overdue_cutoff(c, cutoff);
	present(c, out, cutoff);
	return DOM_OK;
}

/* Checks where a referral from k goes: an area other than k's, or an
 * active partner, never both; and the consent an external one needs. */
static void validate_target(struct ctx *c, const struct case_rec *k, const struct referral *rf,
			    struct errors *errs)
{
	struct partner p;
	if (!is_set(rf->to_area) && !is_set(rf->to_partner_id)) {
		errors_add(errs, "to_area", _("Choose an area of this office or a partner to refer to."));
		return;
	}
	if (is_set(rf->to_area) && is_set(rf->to_partner_id)) {
		errors_add(errs, "to_area", _("Choose an area or a partner, not both."));
		return;
	}
	if (is_internal(rf)) {
		if (validate_code(errs, "to_area", rf->to_area, &CAT_AREA) &&
		    strcmp(rf->to_area, k->area) == 0)
			errors_add(errs, "to_area",
				   _("The case is already in this area: choose another area."));
		return;
	}
	if (partner_get(c, rf->to_partner_id, &p) != DOM_OK)
		errors_add(errs, "to_partner_id", _("Choose a partner from the directory."));
	else if (strcmp(p.active, "1") != 0)
		errors_add(errs, "to_partner_id",
			   _("This partner is inactive: choose an active partner."));
	if (!rf->consent || strcmp(rf->consent, "1") != 0)
		errors_add(errs, "consent",
			   _("To refer to a partner, the person must consent to sharing their data."));
}

int referral_send(struct ctx *c, const struct referral_in *in, struct errors *errs,
		  struct referral *out)
{
	struct case_rec k;
	struct referral rf = { 0 };
	char id[37], ref[24], now[32];
	long long num;
	int rc = case_load_for_work(c, is_set(in->case_id) ? in->case_id : NULL, &k);

	if (rc == DOM_NOTFOUND) {
		errors_add(errs, "case_id", _("Choose the case to refer."));
		return DOM_INVALID;
	}
	if (rc)
		return rc;
	/* Copies, so that record_clean may trim them in place. */
	rf.to_area = in->to_area ? arena_strdup(c->a, in->to_area) : NULL;
	rf.to_partner_id = in->to_partner_id ? arena_strdup(c->a, in->to_partner_id) : NULL;
	rf.reason = in->reason ? arena_strdup(c->a, in->reason) : NULL;
	rf.urgency = in->urgency ? arena_strdup(c->a, in->urgency) : NULL;
	rf.consent = in->consent ? arena_strdup(c->a, in->consent) : NULL;
	rf.shared = catalog_codes_clean(c->a, &CAT_REFERRAL_SHARED, in->shared);
	record_clean(c->a, &ENT_REFERRAL, &rf);
	if (!rf.urgency)
		rf.urgency = "routine";
	if (!rf.consent)
		rf.consent = "0";
	validate_target(c, &k, &rf, errs);
	validate_bool(errs, "consent", rf.consent);
	if (validate_required(errs, "reason", rf.reason))
		validate_length(errs, "reason", rf.reason, TEXT_MAX);
	validate_code(errs, "urgency", rf.urgency, &CAT_URGENCY);
	validate_codes(errs, "shared", rf.shared, &CAT_REFERRAL_SHARED);
	struct consent_overrides ov = { 0 };
	struct sharing_agreement ag = { 0 };
	if (!errs->n && !is_internal(&rf)) {
		consent_check(c, k.person_id, "referral", 0, in->override_reason, errs, "consent", &ov);
		if (is_set(rf.shared)) {
			consent_check(c, k.person_id, "sharing_partners", 0, in->override_reason, errs,
				      "consent", &ov);
			sharing_require(c, in->agreement_id, rf.to_partner_id, rf.shared, errs,
					"agreement_id", &ag);
		}
	}
	if (errs->n)
		return DOM_INVALID;
	if (strcmp(k.status, "closed") == 0) {
		errors_add(errs, "case_id", _("This case is closed: reopen it before referring it."));
		return DOM_CONFLICT;
	}
	time_now_iso(now);
	crypto_uuid7(id);
	rf.id = id;
	rf.case_id = k.id;
	rf.person_id = k.person_id;
	rf.from_area = k.area;
	rf.office = k.office;
	rf.status = "sent";
	rf.sent_by = c->user->id;
	rf.sent_at = rf.updated_at = now;
	const char *fields = is_internal(&rf) ? "to_area,urgency,reason,consent,shared"
					      : "to_partner_id,urgency,reason,consent,shared";
	if (ag.id) /* the export names its agreement */
		fields = arena_printf(c->a, "%s,sharing_agreement:%s", fields, ag.id);
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = dom_from_store(store_next_number(c->st, "referral", &num))))
		goto fail;
	snprintf(ref, sizeof(ref), "R-%06lld", num);
	rf.ref = ref;
	if ((rc = dom_from_store(store_insert(c->st, &ENT_REFERRAL, &rf))) ||
	    (rc = audit_record(c, "refer", "case", k.id, fields)) ||
	    (rc = consent_overrides_write(c, k.person_id, &ov, in->override_reason,
					  arena_printf(c->a, "referral %s", ref))))
		goto fail;
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	if (!out)
		return DOM_OK;
	char cutoff[32];
	if ((rc = load(c, id, out)))
		return rc;
	overdue_cutoff(c, cutoff);
	present(c, out, cutoff);
	return DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

/* Loads referral id and its sending case for an answer by c->user. */
static int load_for_answer(struct ctx *c, const char *id, struct referral *rf,
			   struct case_rec *from)
{
	int rc = auth_check(c->user, PERM_CASES_WRITE);
	if (rc || (rc = load(c, id, rf)) ||
	    (rc = case_load(c, rf->case_id, from)))
		return rc;
	return referral_may_answer(c->user, rf, from) ? DOM_OK : DOM_FORBIDDEN;
}

/* True when a referral may move from status from to to. */
static int allowed(const char *from, const char *to)
{
	static const char *const moves[][2] = {
		{ "sent", "accepted" },
		{ "sent", "declined" },
		{ "accepted", "completed" },
	};
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i][0], from) == 0 && strcmp(moves[i][1], to) == 0)
			return 1;
	return 0;
}

static int check_move(const struct referral *rf, const char *to, struct errors *errs)
{
	if (allowed(rf->status, to))
		return DOM_OK;
	errors_add(errs, "status", _("This referral cannot move from its present status to this one."));
	return DOM_CONFLICT;
}

/* Writes rf (changed by the caller) with its event on the sending case,
 * and on the received case when there is one, in the transaction the
 * caller opened; commits it, or rolls it back on failure. */
static int write_answer(struct ctx *c, struct referral *rf, const char *action,
			const char *fields)
{
	char now[32];
	int rc;
	time_now_iso(now);
	rf->updated_at = now;
	if ((rc = dom_from_store(store_update(c->st, &ENT_REFERRAL, rf))) ||
	    (rc = audit_record(c, action, "case", rf->case_id, fields)) ||
	    (rf->received_case_id &&
	     (rc = audit_record(c, action, "case", rf->received_case_id, fields)))) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

/* Reads the answered referral back for the caller. */
static int reload(struct ctx *c, const char *id, struct referral *out)
{
	char cutoff[32];
	int rc;
	if (!out)
		return DOM_OK;
	if ((rc = load(c, id, out)))
		return rc;
	overdue_cutoff(c, cutoff);
	present(c, out, cutoff);
	return DOM_OK;
}

/* The person's case in area and office that is not closed: its id in
 * c->a, or NULL. */
static const char *open_case_in(struct ctx *c, const char *person_id, const char *area,
				const char *office)
{
	struct store_list l;
	struct errors errs = { 0 };
	struct case_filter f = { .person_id = person_id, .area = area, .office = office };
	if (case_list(c, &f, 100, 0, &errs, &l) != DOM_OK)
		return NULL;
	for (size_t i = 0; i < l.n; i++) {
		const struct case_rec *k = l.items[i];
		if (strcmp(k->status, "closed") != 0)
			return k->id;
	}
	return NULL;
}

static void answered(struct ctx *c, struct referral *rf, const char *status, const char *note)
{
	rf->status = (char *)status;
	rf->answered_by = c->user->id;
	rf->answered_at = arena_alloc(c->a, 32);
	time_now_iso(rf->answered_at);
	rf->answer_note = (char *)note;
}

/* What every answer starts with: loads referral id (*rf) and checks that
 * c->user may answer it; trims *text (the note or feedback, under field)
 * and checks it (required when declining); refuses open_case outside an
 * internal referral; checks the move to status to. *from gets the
 * sending case. On DOM_OK a transaction is open for write_answer. */
static int prepare(struct ctx *c, const char *id, const char *to, const char *field,
		   const char **text, int open_case, struct errors *errs, struct referral *rf,
		   struct case_rec *from)
{
	int rc = load_for_answer(c, id, rf, from);

	if (rc)
		return rc;
	*text = trimmed(c, *text);
	if (!*text && strcmp(to, "declined") == 0)
		errors_add(errs, field, _("Say why the referral is declined."));
	validate_length(errs, field, *text, TEXT_MAX);
	if (open_case && !is_internal(rf))
		errors_add(errs, "open_case",
			   _("Only a referral to another area of this office opens a case."));
	if (errs->n)
		return DOM_INVALID;
	if ((rc = check_move(rf, to, errs)))
		return rc;
	return dom_from_store(store_begin(c->st));
}

int referral_accept(struct ctx *c, const char *id, const char *note, int open_case,
		    struct errors *errs, struct referral *out)
{
	struct referral rf;
	struct case_rec from;
	int rc = prepare(c, id, "accepted", "note", &note, open_case, errs, &rf, &from);

	if (rc)
		return rc;
	answered(c, &rf, "accepted", note);
	if (open_case) {
		const char *existing = open_case_in(c, rf.person_id, rf.to_area, from.office);
		struct case_rec k;
		struct errors cerrs = { 0 };
		if (existing) {
			rf.received_case_id = (char *)existing;
		} else if ((rc = case_open_in(c, rf.person_id, rf.to_area, NULL, from.office, &cerrs,
					      &k))) {
			store_rollback(c->st);
			if (cerrs.n)
				errors_add(errs, "open_case", cerrs.e[0].message);
			return rc;
		} else {
			rf.received_case_id = k.id;
		}
	}
	rc = write_answer(c, &rf, "referral_accept",
			  rf.received_case_id ? "status,answer_note,received_case_id"
					      : "status,answer_note");
	return rc ? rc : reload(c, rf.id, out);
}

int referral_decline(struct ctx *c, const char *id, const char *note, struct errors *errs,
		     struct referral *out)
{
	struct referral rf;
	struct case_rec from;
	int rc = prepare(c, id, "declined", "note", &note, 0, errs, &rf, &from);

	if (rc)
		return rc;
	answered(c, &rf, "declined", note);
	rc = write_answer(c, &rf, "referral_decline", "status,answer_note");
	return rc ? rc : reload(c, rf.id, out);
}

int referral_complete(struct ctx *c, const char *id, const char *feedback, struct errors *errs,
		      struct referral *out)
{
	struct referral rf;
	char now[32];
	struct case_rec from;
	int rc = prepare(c, id, "completed", "feedback", &feedback, 0, errs, &rf, &from);

	if (rc)
		return rc;
	time_now_iso(now);
	rf.status = "completed";
	rf.completed_by = c->user->id;
	rf.completed_at = now;
	rf.feedback = (char *)feedback;
	rc = write_answer(c, &rf, "referral_complete", "status,feedback");
	return rc ? rc : reload(c, rf.id, out);
}

/* ---- lists ---- */

/* One query of a list: up to three equality filters. */
struct query {
	struct store_filter f[3];
	size_t n;
};

struct queries {
	struct query *q;
	size_t n, cap;
};

/* Adds a query on key = value (key NULL: none), with status when set. */
static void add_query(struct ctx *c, struct queries *qs, const char *key, const char *value,
		      const char *status)
{
	if (qs->n == qs->cap) {
		size_t cap = qs->cap ? qs->cap * 2 : 8;
		struct query *q = arena_alloc(c->a, cap * sizeof(*q));
		if (qs->n)
			memcpy(q, qs->q, qs->n * sizeof(*q));
		qs->q = q;
		qs->cap = cap;
	}
	struct query *q = &qs->q[qs->n++];
	q->n = 0;
	if (key)
		q->f[q->n++] = (struct store_filter){ key, value };
	if (status)
		q->f[q->n++] = (struct store_filter){ "status", status };
}

/* True when u receives referrals to area in its inbox. */
static int receives(const struct user *u, const char *area)
{
	return auth_check(u, PERM_CASES_ASSIGN) == DOM_OK || auth_in_area(u, area);
}

static int by_id(const void *x, const void *y)
{
	return strcmp((*(struct referral *const *)x)->id, (*(struct referral *const *)y)->id);
}

/* Pending first, oldest first (the most overdue on top); then the others,
 * newest first. */
static int inbox_order(const void *x, const void *y)
{
	const struct referral *a = *(struct referral *const *)x, *b = *(struct referral *const *)y;
	int pa = strcmp(a->status, "sent") == 0, pb = strcmp(b->status, "sent") == 0;
	if (pa != pb)
		return pb - pa;
	int d = strcmp(a->sent_at, b->sent_at);
	if (!d)
		d = strcmp(a->id, b->id);
	return pa ? d : -d;
}

/* Runs every query of qs and gathers the distinct referrals in *all. */
static int gather(struct ctx *c, const struct queries *qs, struct store_list *all)
{
	size_t cap = 0;
	all->items = NULL;
	all->n = 0;
	for (size_t i = 0; i < qs->n; i++) {
		struct store_list l;
		int rc = store_list_where(c->st, &ENT_REFERRAL, c->a, qs->q[i].f, qs->q[i].n, "sent_at",
					  1, REFERRALS_SCAN_MAX, 0, &l);
		if (rc)
			return dom_from_store(rc);
		if (!l.n)
			continue;
		if (all->n + l.n > cap) {
			cap = (all->n + l.n) * 2;
			void **items = arena_alloc(c->a, cap * sizeof(void *));
			if (all->n)
				memcpy(items, all->items, all->n * sizeof(void *));
			all->items = items;
		}
		memcpy(all->items + all->n, l.items, l.n * sizeof(void *));
		all->n += l.n;
	}
	if (qs->n > 1 && all->n > 1) {
		size_t k = 1;
		qsort(all->items, all->n, sizeof(void *), by_id);
		for (size_t i = 1; i < all->n; i++)
			if (by_id(&all->items[i], &all->items[k - 1]) != 0)
				all->items[k++] = all->items[i];
		all->n = k;
	}
	return DOM_OK;
}

/* The queries that select what f asks for (status, when set, in each). */
static int plan(struct ctx *c, const struct referral_filter *f, const char *case_id,
		const char *status, struct queries *qs)
{
	const char *dir = f->direction, *area = f->area;
	int in = dir && strcmp(dir, "incoming") == 0, out = dir && strcmp(dir, "outgoing") == 0;
	if (case_id) {
		if (!in)
			add_query(c, qs, "case_id", case_id, status);
		if (!out)
			add_query(c, qs, "received_case_id", case_id, status);
	} else if (in && area) {
		add_query(c, qs, "to_area", area, status);
	} else if (in) {
		for (size_t i = 0; i < CAT_AREA.n; i++)
			if (receives(c->user, CAT_AREA.items[i].code))
				add_query(c, qs, "to_area", CAT_AREA.items[i].code, status);
	} else if (out && area) {
		add_query(c, qs, "from_area", area, status);
	} else if (out) {
		struct store_list l;
		struct errors errs = { 0 };
		struct case_filter cf = { .assigned_to = c->user->id };
		int rc = case_list(c, &cf, CASELOAD_MAX, 0, &errs, &l);
		if (rc)
			return rc;
		add_query(c, qs, "sent_by", c->user->id, status);
		for (size_t i = 0; i < l.n; i++)
			add_query(c, qs, "case_id", ((struct case_rec *)l.items[i])->id, status);
	} else if (area) {
		add_query(c, qs, "to_area", area, status);
		add_query(c, qs, "from_area", area, status);
	} else {
		add_query(c, qs, status ? "status" : NULL, status, NULL);
	}
	return DOM_OK;
}

/* What the queries could not say: the area of a case's referrals, and
 * whether one is overdue. */
static int keep(const struct referral_filter *f, const struct referral *rf, const char *cutoff,
		int overdue)
{
	if (overdue && !overdue_at(rf, cutoff))
		return 0;
	if (f->case_id && f->area) {
		int to = rf->to_area && strcmp(rf->to_area, f->area) == 0;
		int from = strcmp(rf->from_area, f->area) == 0;
		const char *dir = f->direction ? f->direction : "";
		if (strcmp(dir, "incoming") == 0 ? !to : strcmp(dir, "outgoing") == 0 ? !from : !(to || from))
			return 0;
	}
	return 1;
}

int referral_list(struct ctx *c, const struct referral_filter *f, long limit, long offset,
		  struct errors *errs, struct store_list *out)
{
	struct queries qs = { 0 };
	struct store_list all;
	struct case_rec k;
	char cutoff[32];
	int rc = auth_check(c->user, PERM_CASES_READ);

	if (rc)
		return rc;
	validate_code(errs, "status", f->status, &CAT_REFERRAL_STATUS);
	validate_code(errs, "area", f->area, &CAT_AREA);
	if (f->direction && strcmp(f->direction, "incoming") != 0 &&
	    strcmp(f->direction, "outgoing") != 0)
		errors_add(errs, "direction", _("Choose incoming or outgoing referrals."));
	if (f->overdue && strcmp(f->overdue, "1") != 0 && strcmp(f->overdue, "0") != 0)
		errors_add(errs, "overdue", _("Choose yes or no."));
	if (f->case_id && case_load(c, f->case_id, &k) != DOM_OK)
		errors_add(errs, "case_id", _("Choose the case to refer."));
	if (errs->n)
		return DOM_INVALID;
	int overdue = f->overdue && strcmp(f->overdue, "1") == 0;
	const char *status = f->status;
	out->items = NULL;
	out->n = 0;
	out->total = 0;
	if (overdue && status && strcmp(status, "sent") != 0)
		return DOM_OK; /* only a referral still sent can be overdue */
	if (overdue)
		status = "sent";
	if ((rc = plan(c, f, f->case_id ? k.id : NULL, status, &qs)) || (rc = gather(c, &qs, &all)))
		return rc;
	overdue_cutoff(c, cutoff);
	if (all.n > 1)
		qsort(all.items, all.n, sizeof(void *), inbox_order);
	if (limit <= 0)
		limit = 50;
	out->items = arena_alloc(c->a, sizeof(void *) * (size_t)(limit < 500 ? limit : 500));
	for (size_t i = 0; i < all.n; i++) {
		struct referral *rf = all.items[i];
		if (!keep(f, rf, cutoff, overdue) || !visible(c, rf))
			continue;
		if (out->total >= offset && out->total < offset + limit && out->n < 500) {
			present(c, rf, cutoff);
			out->items[out->n++] = rf;
		}
		out->total++;
	}
	return DOM_OK;
}

/* Of the groups g of referrals still sent (by to_area, and office when
 * grouped by it), how many wait for one of c->user's areas in offices the
 * user sees (seen 1) or does not see (seen 0). Who sees every office sees
 * a group without an office. */
static long long waiting(struct ctx *c, const struct store_list *g, int seen)
{
	long long n = 0;
	for (size_t i = 0; i < g->n; i++) {
		const struct store_group *x = g->items[i];
		if (x->v[0] && receives(c->user, x->v[0]) && office_may_see(c->user, x->v[1]) == seen)
			n += x->n;
	}
	return n;
}

/* The referrals still sent to one of c->user's areas on the case shared
 * with them, k, if its office is one they do not see (else they count
 * already). */
static long long shared_pending(struct ctx *c, const struct case_share *k)
{
	static const char *const by[] = { "to_area", "office" };
	struct store_filter f[] = { { "status", "sent" }, { "case_id", k->case_id } };
	struct store_list g;
	if (!case_share_active(k) || store_count_by(c->st, &ENT_REFERRAL, c->a, f, 2, by, 2, &g))
		return 0;
	return waiting(c, &g, 0);
}

/* The inbox's count: what referral_list gives for incoming referrals
 * still sent (the areas c->user receives, the cases it may see), read as
 * one grouped count instead of the rows. */
long long referral_pending_count(struct ctx *c)
{
	static const char *const by[] = { "to_area", "office" };
	struct store_filter f[] = { { "status", "sent" } };
	struct store_list g, shares;
	if (auth_check(c->user, PERM_CASES_READ))
		return 0;
	/* A referral is visible with its case: in the user's offices, or
	 * shared with them. Counted by area and the case's office (a row a
	 * pair, this runs on every page), then the user's active shares, one
	 * by one (a user has few), for the cases of offices they do not see. */
	int everywhere = auth_check(c->user, PERM_OFFICES_ALL) == DOM_OK;
	if (store_count_by(c->st, &ENT_REFERRAL, c->a, f, 1, by, everywhere ? 1 : 2, &g))
		return 0;
	long long n = waiting(c, &g, 1);
	char now[32];
	time_now_iso(now);
	struct store_filter mine[] = { { "user_id", c->user->id }, { "expires_at>", now } };
	if (everywhere || store_list_where(c->st, &ENT_CASE_SHARE, c->a, mine, 2, "expires_at", 1,
					   SHARES_MAX, 0, &shares))
		return n;
	for (size_t i = 0; i < shares.n; i++)
		n += shared_pending(c, shares.items[i]);
	return n;
}

int referral_case_moved(struct ctx *c, const char *case_id, const char *office)
{
	struct store_list l;
	char now[32];
	int rc = DOM_OK;
	time_now_iso(now);
	/* In pages, in id order: unique, and unchanged by the updates. */
	for (long from = 0; !rc; from += REFERRALS_PAGE) {
		if ((rc = dom_from_store(store_list(c->st, &ENT_REFERRAL, c->a, "case_id", case_id,
						    "id", 0, REFERRALS_PAGE, from, &l))))
			break;
		for (size_t i = 0; !rc && i < l.n; i++) {
			struct referral *rf = l.items[i];
			rf->office = (char *)office;
			rf->updated_at = now;
			rc = dom_from_store(store_update(c->st, &ENT_REFERRAL, rf));
		}
		if (l.n < REFERRALS_PAGE)
			break;
	}
	return rc;
}

static int larger_first(const void *x, const void *y)
{
	const struct referral_count *a = x, *b = y;
	if (a->n != b->n)
		return a->n < b->n ? 1 : -1;
	return strcmp(a->key, b->key);
}

int referral_overdue_counts(struct ctx *c, const char *by, const char *from_area,
			    struct referral_count **out, size_t *n)
{
	struct store_list l;
	struct store_filter w[2] = { { "status", "sent" }, { "from_area", from_area } };
	char cutoff[32];
	int rc = auth_check(c->user, PERM_CASELOADS_READ);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	const struct field *key = by ? entity_field(&ENT_REFERRAL, by) : NULL;
	if (!key || (strcmp(by, "sent_by") != 0 && strcmp(by, "from_area") != 0 &&
		     strcmp(by, "to_area") != 0))
		return DOM_INVALID;
	if ((rc = dom_from_store(store_list_where(c->st, &ENT_REFERRAL, c->a, w, from_area ? 2 : 1, "sent_at", 0,
						  REFERRALS_SCAN_MAX, 0, &l))))
		return rc;
	overdue_cutoff(c, cutoff);
	struct referral_count *counts = arena_alloc(c->a, sizeof(*counts) * (l.n ? l.n : 1));
	for (size_t i = 0; i < l.n; i++) {
		const struct referral *rf = l.items[i];
		const char *v = field_get(rf, key);
		size_t j = 0;
		if (!v || !overdue_at(rf, cutoff) || !visible(c, rf)) /* their offices' only */
			continue;
		while (j < *n && strcmp(counts[j].key, v) != 0)
			j++;
		if (j == *n)
			counts[(*n)++] = (struct referral_count){ v, 0 };
		counts[j].n++;
	}
	if (*n > 1)
		qsort(counts, *n, sizeof(*counts), larger_first);
	*out = counts;
	return DOM_OK;
}

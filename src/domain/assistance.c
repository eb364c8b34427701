/* assistance.c: assistance programmes, requests, their approval and
 * disbursement, the ledger and the guards on it (docs/assistance.md). */
#include "domain/assistance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/household.h"
#include "domain/person.h"
#include "domain/validate.h"
#include "domain/vulnerability.h"

/* Longest reason or decision note, and transaction reference. */
#define TEXT_MAX 2000
#define REFERENCE_MAX 100

/* ---- money ---- */

const char *assist_money(struct arena *a, long long cents, const char *currency)
{
	char digits[32], grouped[48];
	unsigned long long v = cents < 0 ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;
	int n = snprintf(digits, sizeof(digits), "%llu", v / 100);
	size_t k = 0;
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	const char *sign = cents < 0 ? "-" : "";
	if (!currency || strcmp(currency, "USD") == 0)
		return arena_printf(a, "%s$%s.%02llu", sign, grouped, v % 100);
	if (strcmp(currency, "PAB") == 0)
		return arena_printf(a, "%sB/. %s.%02llu", sign, grouped, v % 100);
	return arena_printf(a, "%s%s.%02llu %s", sign, grouped, v % 100, currency);
}

/* True when s[0..n) are n decimal digits. */
static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

int assist_parse_cents(const char *s, long long *cents)
{
	char buf[40];
	size_t n = 0;
	if (!s)
		return -1;
	while (*s == ' ')
		s++;
	if (strncmp(s, "B/.", 3) == 0)
		s += 3;
	else if (*s == '$')
		s++;
	while (*s == ' ')
		s++;
	for (; *s && n < sizeof(buf) - 1; s++)
		buf[n++] = *s;
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	if (*s || !n)
		return -1;
	/* The decimal separator: the last one, when one or two digits follow. */
	char *last = NULL;
	for (char *p = buf; *p; p++)
		if (*p == '.' || *p == ',')
			last = p;
	long long frac = 0;
	size_t int_end = n;
	if (last && (size_t)(buf + n - last - 1) <= 2) {
		size_t fd = (size_t)(buf + n - last - 1);
		if (!all_digits(last + 1, fd))
			return -1;
		frac = strtoll(last + 1, NULL, 10) * (fd == 1 ? 10 : 1);
		int_end = (size_t)(last - buf);
	}
	/* The whole part: digits, in groups of three after any separator. */
	long long whole = 0;
	size_t run = 0;
	int grouped = 0;
	char sep = 0;
	for (size_t i = 0; i < int_end; i++) {
		char ch = buf[i];
		if (ch == '.' || ch == ',') {
			if (!run || (grouped && run != 3) || (!grouped && run > 3) ||
			    (sep && ch != sep) || (last && int_end < n && ch == *last))
				return -1;
			sep = ch;
			grouped = 1;
			run = 0;
			continue;
		}
		if (ch < '0' || ch > '9')
			return -1;
		run++;
		if (whole > ASSIST_CENTS_MAX / 10)
			return -1;
		whole = whole * 10 + (ch - '0');
	}
	if (!run || (grouped && run != 3))
		return -1;
	if (whole > (ASSIST_CENTS_MAX - frac) / 100)
		return -1;
	*cents = whole * 100 + frac;
	return 0;
}

int assist_period_key(const char *period, const char *date, char out[16])
{
	int y, m, d;
	if (!period || !date || date_parse(date, &y, &m, &d) || y < 1 || y > 9999 || m < 1 || m > 12)
		return -1;
	y %= 10000; /* tells the compiler the key fits */
	if (strcmp(period, "month") == 0)
		snprintf(out, 16, "%04d-%02d", y, m);
	else if (strcmp(period, "quarter") == 0)
		snprintf(out, 16, "%04d-Q%d", y, (m - 1) / 3 % 4 + 1);
	else if (strcmp(period, "year") == 0)
		snprintf(out, 16, "%04d", y);
	else if (strcmp(period, "once") == 0)
		snprintf(out, 16, "once");
	else
		return -1;
	return 0;
}

/* A positive whole number of cents up to ASSIST_CENTS_MAX in v (decimal
 * digits); allow_zero accepts 0. Adds an error on field otherwise. */
static int validate_cents(struct errors *errs, const char *field, const char *v, int allow_zero)
{
	if (!validate_required(errs, field, v))
		return 0;
	size_t n = strlen(v);
	if (n > 13 || !all_digits(v, n) || strtoll(v, NULL, 10) > ASSIST_CENTS_MAX ||
	    (!allow_zero && strtoll(v, NULL, 10) == 0)) {
		errors_add(errs, field,
			   allow_zero ? _("Give an amount in cents: a whole number, 0 or more.")
				      : _("Give an amount in cents: a whole number above 0."));
		return 0;
	}
	return 1;
}

static long long cents_of(const char *v)
{
	return v ? strtoll(v, NULL, 10) : 0;
}

static int is_set(const char *s)
{
	return s && *s;
}

/* s without the spaces around it, in c->a; NULL when nothing is left. */
static char *trimmed(struct ctx *c, const char *s)
{
	char *t = arena_trimmed(c->a, s);
	return t && *t ? t : NULL;
}

/* ---- programmes ---- */

static int programme_load(struct ctx *c, const char *id, struct programme *out)
{
	memset(out, 0, sizeof(*out));
	if (!is_set(id))
		return DOM_NOTFOUND;
	return dom_from_store(store_get(c->st, &ENT_PROGRAMME, c->a, "id", id, out));
}

/* Locks programme p for the rest of the caller's transaction (rewrites
 * its updated_at), so that cap and budget checks of concurrent requests
 * and approvals see each other's ledger rows on either engine. */
int assist_programme_lock(struct ctx *c, struct programme *p)
{
	char now[32];
	time_now_iso(now);
	p->updated_at = arena_strdup(c->a, now);
	return dom_from_store(store_update(c->st, &ENT_PROGRAMME, p));
}

int programme_get(struct ctx *c, const char *id, struct programme *out, struct programme_sums *sums)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc || (rc = programme_load(c, id, out)))
		return rc;
	return sums ? programme_figures(c, out->id, cents_of(out->budget_cents), sums) : DOM_OK;
}

int programme_list(struct ctx *c, long limit, long offset, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	if ((rc = dom_from_store(store_list(c->st, &ENT_PROGRAMME, c->a, NULL, NULL, "name", 0, limit,
					    offset, out))))
		return rc;
	long long n;
	if ((rc = dom_from_store(store_count(c->st, &ENT_PROGRAMME, NULL, NULL, &n))))
		return rc;
	out->total = n;
	return DOM_OK;
}

/* An ISO 4217 code: three capital letters. */
static void validate_currency(struct errors *errs, const char *v)
{
	if (!v || strlen(v) != 3 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' ||
	    v[2] < 'A' || v[2] > 'Z')
		errors_add(errs, "currency", _("Give the currency as its three-letter ISO 4217 code, such as USD."));
}

/* Checks a complete programme; adds one translated message per bad field. */
static void programme_validate(const struct programme *in, struct errors *errs)
{
	if (validate_required(errs, "name", in->name))
		validate_length(errs, "name", in->name, 200);
	if (validate_required(errs, "kind", in->kind))
		validate_code(errs, "kind", in->kind, &CAT_PROGRAMME_KIND);
	validate_length(errs, "donor", in->donor, 200);
	validate_cents(errs, "budget_cents", in->budget_cents, 1);
	validate_currency(errs, in->currency);
	validate_cents(errs, "cap_cents", in->cap_cents, 0);
	if (validate_required(errs, "period", in->period))
		validate_code(errs, "period", in->period, &CAT_PROGRAMME_PERIOD);
	validate_length(errs, "eligibility", in->eligibility, TEXT_MAX);
	if (in->min_score && (strlen(in->min_score) > 3 || !all_digits(in->min_score, strlen(in->min_score)) ||
			      strtol(in->min_score, NULL, 10) > 100))
		errors_add(errs, "min_score",
			   _("Give the minimum vulnerability score as a whole number from 0 to 100."));
}

int programme_create(struct ctx *c, struct programme *in, struct errors *errs,
		     struct programme *out)
{
	char id[37], now[32];
	int rc = auth_check(c->user, PERM_PROGRAMMES_MANAGE);
	if (rc)
		return rc;
	record_clean(c->a, &ENT_PROGRAMME, in);
	if (!in->currency)
		in->currency = "USD";
	programme_validate(in, errs);
	if (errs->n)
		return DOM_INVALID;
	time_now_iso(now);
	crypto_uuid7(id);
	in->id = id;
	in->active = "1";
	in->created_by = c->user->id;
	in->created_at = in->updated_at = now;
	rc = audit_write(c, &ENT_PROGRAMME, in, 1, "programme_create", "programme", id,
			 "name,kind,donor,budget_cents,currency,cap_cents,period,eligibility,min_score");
	if (rc == DOM_CONFLICT)
		errors_add(errs, "name", _("A programme with this name exists: choose another name."));
	if (rc || !out)
		return rc;
	return programme_load(c, id, out);
}

/* Two field values, either NULL, are the same. */
static int same(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && strcmp(a, b) == 0);
}

/* The rules on an edit of programme cur into next, read inside the
 * transaction: the budget may not fall under what is approved or paid,
 * the currency may not change once there are requests. */
static int programme_check_edit(struct ctx *c, const struct programme *cur,
				const struct programme *next, struct errors *errs)
{
	struct programme_sums s;
	long long budget = cents_of(next->budget_cents);
	int rc;
	if (budget < cents_of(cur->budget_cents)) {
		if ((rc = programme_sums(c, cur->id, cents_of(cur->budget_cents), &s)))
			return rc;
		if (budget < s.committed + s.disbursed)
			errors_add(errs, "budget_cents",
				   arena_printf(c->a,
						_("The budget cannot be lowered to %s: %s are already "
						  "committed or disbursed (committed %s, disbursed %s)."),
						assist_money(c->a, budget, cur->currency),
						assist_money(c->a, s.committed + s.disbursed, cur->currency),
						assist_money(c->a, s.committed, cur->currency),
						assist_money(c->a, s.disbursed, cur->currency)));
	}
	if (!same(cur->currency, next->currency)) {
		long long n;
		struct store_filter w[] = { { "programme_id", cur->id } };
		if ((rc = dom_from_store(store_count_where(c->st, &ENT_ASSISTANCE_REQUEST, w, 1, &n))))
			return rc;
		if (n)
			errors_add(errs, "currency",
				   arena_printf(c->a,
						_("The currency cannot change: the programme already has "
						  "%lld requests in %s."),
						n, cur->currency));
	}
	return errs->n ? DOM_INVALID : DOM_OK;
}

int programme_update(struct ctx *c, const char *id, const struct programme *changes, int active,
		     struct errors *errs, struct programme *out)
{
	struct programme cur, next;
	char now[32];
	const char *fields = "";
	int rc = auth_check(c->user, PERM_PROGRAMMES_MANAGE);
	if (rc || (rc = programme_load(c, id, &cur)))
		return rc;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	/* Read and lock it inside the transaction: concurrent requests and
	 * approvals of the programme wait, so the budget check sees them. */
	if ((rc = programme_load(c, cur.id, &cur)))
		goto fail;
	next = cur;
	record_apply(c->a, &ENT_PROGRAMME, &next, changes);
	record_clean(c->a, &ENT_PROGRAMME, &next);
	if (!next.currency)
		next.currency = "USD";
	if (active >= 0)
		next.active = active ? "1" : "0";
	programme_validate(&next, errs);
	if (errs->n) {
		rc = DOM_INVALID;
		goto fail;
	}
	if ((rc = assist_programme_lock(c, &cur)) || (rc = programme_check_edit(c, &cur, &next, errs)))
		goto fail;
	for (size_t i = 0; i < ENT_PROGRAMME.nfields; i++) {
		const struct field *f = &ENT_PROGRAMME.fields[i];
		if ((!(f->flags & F_SERVER) || strcmp(f->name, "active") == 0) &&
		    !same(field_get(&cur, f), field_get(&next, f)))
			fields = arena_printf(c->a, "%s%s%s", fields, *fields ? "," : "", f->name);
	}
	if (*fields) {
		time_now_iso(now);
		next.updated_at = now;
		rc = audit_write(c, &ENT_PROGRAMME, &next, 0, "programme_update", "programme", cur.id,
				 fields);
		if (rc == DOM_CONFLICT)
			errors_add(errs, "name", _("A programme with this name exists: choose another name."));
		if (rc)
			goto fail;
	}
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? programme_load(c, cur.id, out) : DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

/* ---- requests ---- */

static int request_load(struct ctx *c, const char *id, struct assistance_request *out)
{
	memset(out, 0, sizeof(*out));
	return dom_load_ref(c, &ENT_ASSISTANCE_REQUEST, 'A', id, out);
}

/* Masks rq's payee account unless the user disburses: "****" and the
 * last four characters, so a caseworker can confirm it with the family
 * without the number being readable on screens or in exports. */
static void mask_payee(struct ctx *c, struct assistance_request *rq)
{
	if (!rq->payee_account || auth_check(c->user, PERM_ASSIST_DISBURSE) == DOM_OK)
		return;
	size_t n = strlen(rq->payee_account);
	rq->payee_account = arena_printf(c->a, "****%s", n > 4 ? rq->payee_account + n - 4 : "");
}

/* request_load for handing a request out: the account masked. */
static int request_out(struct ctx *c, const char *id, struct assistance_request *out)
{
	int rc = request_load(c, id, out);
	if (!rc)
		mask_payee(c, out);
	return rc;
}

int assist_get(struct ctx *c, const char *id, struct assistance_request *out)
{
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc || (rc = request_out(c, id, out)))
		return rc;
	return audit_view(c, "assistance_request", out->id);
}

/* Checks and keeps in's payee: the account digits, letters, spaces and
 * dashes (IBAN, wallet phone, card), at most PAYEE_ACCOUNT_MAX. */
static void take_payee(struct ctx *c, const struct assist_in *in, struct assistance_request *rq,
		       struct errors *errs)
{
	const char *name = trimmed(c, in->payee_name), *acct = trimmed(c, in->payee_account);
	validate_length(errs, "payee_name", name, PAYEE_NAME_MAX);
	if (acct && (strlen(acct) > PAYEE_ACCOUNT_MAX ||
		     strspn(acct, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -") !=
			     strlen(acct)))
		errors_add(errs, "payee_account",
			   _("Write the account, wallet or card number with digits, letters, spaces or "
			     "dashes only, at most 40 characters."));
	rq->payee_name = (char *)name;
	rq->payee_account = (char *)acct;
}

/* True when u may request assistance: PERM_ASSIST_REQUEST, and a
 * caseworker only in the assistance area. */
static int may_request(const struct user *u)
{
	if (auth_check(u, PERM_ASSIST_REQUEST) != DOM_OK)
		return 0;
	return auth_check(u, PERM_ASSIST_DISBURSE) == DOM_OK || auth_in_area(u, "assistance");
}

/* What the household has had approved or paid in programme p's period
 * key (*taken, one SUM by status), and the oldest request there that is
 * not rejected (*dup, in c->a, or NULL; dup NULL: not wanted). The request being decided is
 * "requested", so it never counts in *taken. */
static int household_taken(struct ctx *c, const char *household_id, const char *programme_id,
			   const char *period_key, long long *taken, const char **dup)
{
	static const char *const by[] = { "status" };
	struct store_filter f[] = { { "household_id", household_id },
				    { "programme_id", programme_id },
				    { "period_key", period_key },
				    { STORE_ANY("status"), "requested,approved,disbursed" } };
	struct store_list l;
	int rc = dom_from_store(store_sum_by(c->st, &ENT_ASSISTANCE_REQUEST, c->a, f, 3, by, 1,
					     "amount_cents", &l));
	*taken = 0;
	if (dup)
		*dup = NULL;
	if (rc)
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		const struct store_group *g = l.items[i];
		if (strcmp(g->v[0], "approved") == 0 || strcmp(g->v[0], "disbursed") == 0)
			*taken += g->sum;
	}
	if (!dup)
		return DOM_OK;
	if ((rc = dom_from_store(store_list_where(c->st, &ENT_ASSISTANCE_REQUEST, c->a, f, 4,
						  "requested_at", 0, 1, 0, &l))))
		return rc;
	if (l.n)
		*dup = ((const struct assistance_request *)l.items[0])->id;
	return DOM_OK;
}

/* Checks amount against p's per-household cap (with what the household
 * already has in the period, taken) and p's remaining budget; adds a
 * message with the figures as money on "amount_cents". Returns 1 when it
 * fits. */
static int check_limits(struct ctx *c, const struct programme *p, const struct programme_sums *s,
			long long amount, long long taken, struct errors *errs)
{
	long long cap = cents_of(p->cap_cents);
	const char *cur = p->currency;
	if (taken + amount > cap) {
		errors_add(errs, "amount_cents",
			   arena_printf(c->a,
					_("%s is over the programme's cap of %s per household "
					  "and period: this household already has %s approved or "
					  "paid in this period, so at most %s can be requested."),
					assist_money(c->a, amount, cur), assist_money(c->a, cap, cur),
					assist_money(c->a, taken, cur),
					assist_money(c->a, cap > taken ? cap - taken : 0, cur)));
		return 0;
	}
	if (amount > s->remaining) {
		errors_add(errs, "amount_cents",
			   arena_printf(c->a,
					_("%s is over the programme's remaining budget of %s "
					  "(budget %s, committed %s, disbursed %s)."),
					assist_money(c->a, amount, cur),
					assist_money(c->a, s->remaining, cur),
					assist_money(c->a, s->budget, cur),
					assist_money(c->a, s->committed, cur),
					assist_money(c->a, s->disbursed, cur)));
		return 0;
	}
	return 1;
}

/* Appends the ledger row of kind for rq, inside the caller's transaction. */
static int ledger_add(struct ctx *c, const struct assistance_request *rq, const char *kind)
{
	char id[37], now[32];
	struct assistance_entry e = { 0 };
	int rc = dom_number(c, "assistance_ledger", &e.seq);
	if (rc)
		return rc;
	crypto_uuid7(id);
	time_now_iso(now);
	e.id = id;
	e.programme_id = rq->programme_id;
	e.request_id = rq->id;
	e.kind = (char *)kind;
	e.amount_cents = rq->amount_cents;
	e.recorded_by = c->user->id;
	e.recorded_at = now;
	return dom_from_store(store_insert(c->st, &ENT_ASSISTANCE_LEDGER, &e));
}

/* The audit events of a step of rq: on the request and on its household. */
static int audit_step(struct ctx *c, const struct assistance_request *rq, const char *action,
		      const char *fields)
{
	int rc = audit_record(c, action, "assistance_request", rq->id, fields);
	return rc ? rc : audit_record(c, action, "household", rq->household_id, fields);
}

/* Sets rq's vulnerability_score to household h's, and checks it against
 * programme p's minimum: under it, override (the requester's reason) is
 * required and kept in rq; DOM_INVALID with errs "eligibility_override"
 * giving the score and the minimum when it is missing. */
static int check_score(struct ctx *c, const struct household *h, const struct programme *p,
		       const char *override, struct errors *errs, struct assistance_request *rq)
{
	struct vulnerability v;
	int rc = vulnerability_of(c, h->id, &v);
	if (rc)
		return rc;
	rq->vulnerability_score = arena_printf(c->a, "%d", v.score);
	if (!is_set(p->min_score) || v.score >= strtol(p->min_score, NULL, 10))
		return DOM_OK;
	override = trimmed(c, override);
	if (override) {
		if (!validate_length(errs, "eligibility_override", override, TEXT_MAX))
			return DOM_INVALID;
		rq->eligibility_override = (char *)override;
		return DOM_OK;
	}
	errors_add(errs, "eligibility_override",
		   arena_printf(c->a,
				_("This household's vulnerability score is %d, under the minimum "
				  "of %s that the programme %s requires. To request anyway, say why "
				  "this household should be an exception; the approver will read it."),
				v.score, p->min_score, p->name));
	return DOM_INVALID;
}

/* The fields a new request's audit event names: the optional ones only
 * when given. */
static const char *request_fields(struct ctx *c, const struct assistance_request *rq)
{
	return arena_printf(c->a, "programme_id,person_id,amount_cents,reason,period_key,"
				  "vulnerability_score%s%s",
			    rq->eligibility_override ? ",eligibility_override" : "",
			    rq->payee_account ? ",payee_name,payee_account" : "");
}

int assist_request(struct ctx *c, const struct assist_in *in, struct errors *errs,
		   struct assistance_request *out)
{
	struct household h;
	struct programme p;
	struct programme_sums sums;
	struct assistance_request rq = { 0 };
	char id[37], ref[24], now[32], today[16], key[16];
	long long num, taken;
	const char *dup;
	int rc = auth_check(c->user, PERM_ASSIST_REQUEST);

	if (rc)
		return rc;
	if (!may_request(c->user))
		return DOM_FORBIDDEN;
	const char *reason = trimmed(c, in->reason);
	int have_household = is_set(in->household_id) &&
			     household_load(c, in->household_id, &h) == DOM_OK;
	if (!have_household)
		errors_add(errs, "household_id", _("Choose the household to assist."));
	if (!is_set(in->programme_id) || programme_load(c, in->programme_id, &p) != DOM_OK)
		errors_add(errs, "programme_id", _("Choose a programme."));
	else if (strcmp(p.active, "1") != 0)
		errors_add(errs, "programme_id",
			   arena_printf(c->a,
					_("The programme %s is deactivated and takes no new "
					  "requests: choose an active one."),
					p.name));
	if (is_set(in->person_id)) {
		struct person pr;
		if (person_load(c, in->person_id, &pr) != DOM_OK || !pr.household_id ||
		    (have_household && strcmp(pr.household_id, h.id) != 0))
			errors_add(errs, "person_id", _("Choose a member of this household."));
		else
			rq.person_id = pr.id;
	}
	validate_cents(errs, "amount_cents", in->amount_cents, 0);
	if (validate_required(errs, "reason", reason))
		validate_length(errs, "reason", reason, TEXT_MAX);
	take_payee(c, in, &rq, errs);
	if (errs->n)
		return DOM_INVALID;
	if ((rc = check_score(c, &h, &p, in->eligibility_override, errs, &rq)))
		return rc;
	long long amount = cents_of(in->amount_cents);
	time_today(today);
	assist_period_key(p.period, today, key);
	time_now_iso(now);
	crypto_uuid7(id);
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	if ((rc = assist_programme_lock(c, &p)) ||
	    (rc = household_taken(c, h.id, p.id, key, &taken, &dup)) ||
	    (rc = programme_sums(c, p.id, cents_of(p.budget_cents), &sums)))
		goto fail;
	if (!check_limits(c, &p, &sums, amount, taken, errs)) {
		rc = DOM_INVALID;
		goto fail;
	}
	if ((rc = dom_from_store(store_next_number(c->st, "assistance", &num))))
		goto fail;
	snprintf(ref, sizeof(ref), "A-%06lld", num);
	rq.id = id;
	rq.ref = ref;
	rq.household_id = h.id;
	rq.programme_id = p.id;
	rq.amount_cents = arena_printf(c->a, "%lld", amount);
	rq.currency = p.currency;
	rq.reason = (char *)reason;
	rq.period_key = key;
	rq.status = "requested";
	rq.possible_duplicate = dup ? "1" : "0";
	rq.duplicate_of = (char *)dup;
	rq.duplicate_confirmed = "0";
	rq.requested_by = c->user->id;
	rq.requested_at = rq.updated_at = now;
	if ((rc = dom_from_store(store_insert(c->st, &ENT_ASSISTANCE_REQUEST, &rq))) ||
	    (rc = ledger_add(c, &rq, "request")) ||
	    (rc = audit_step(c, &rq, "assistance_request",
			     request_fields(c, &rq))))
		goto fail;
	if ((rc = dom_from_store(store_commit(c->st))))
		return rc;
	return out ? request_out(c, id, out) : DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

int assist_list(struct ctx *c, const struct assist_filter *f, long limit, long offset,
		struct errors *errs, struct store_list *out)
{
	struct store_filter w[3];
	size_t n = 0;
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	if (is_set(f->status) && validate_code(errs, "status", f->status, &CAT_ASSISTANCE_STATUS))
		w[n++] = (struct store_filter){ "status", f->status };
	if (is_set(f->programme_id))
		w[n++] = (struct store_filter){ "programme_id", f->programme_id };
	if (is_set(f->household_id))
		w[n++] = (struct store_filter){ "household_id", f->household_id };
	if (errs->n)
		return DOM_INVALID;
	/* The approval queue reads the oldest first; anything else the newest. */
	int queue = is_set(f->status) && strcmp(f->status, "requested") == 0;
	if ((rc = dom_from_store(store_list_where(c->st, &ENT_ASSISTANCE_REQUEST, c->a, w, n,
						  "requested_at", !queue, limit, offset, out))))
		return rc;
	long long total;
	if ((rc = dom_from_store(store_count_where(c->st, &ENT_ASSISTANCE_REQUEST, w, n, &total))))
		return rc;
	out->total = total;
	for (size_t i = 0; i < out->n; i++)
		mask_payee(c, out->items[i]);
	return DOM_OK;
}

const char *assist_why_not_decide(const struct user *u, const struct assistance_request *rq)
{
	if (auth_check(u, PERM_ASSIST_APPROVE) != DOM_OK)
		return _("Only supervisors and administrators approve or reject assistance.");
	if (rq->requested_by && u->id && strcmp(rq->requested_by, u->id) == 0)
		return _("You requested this assistance: another person must approve or reject it "
			 "(two-person approval).");
	return NULL;
}

/* Loads request id for a decision or disbursement inside a new
 * transaction (so that its status is the committed one), and checks that
 * it is in status from. On DOM_OK the transaction is open. */
static int begin_step(struct ctx *c, const char *id, const char *from, struct errors *errs,
		      struct assistance_request *rq)
{
	int rc = request_load(c, id, rq);
	if (rc)
		return rc;
	if ((rc = dom_from_store(store_begin(c->st))))
		return rc;
	/* Read again inside the transaction: another may have moved it. */
	if ((rc = dom_from_store(store_get(c->st, &ENT_ASSISTANCE_REQUEST, c->a, "id", rq->id, rq)))) {
		store_rollback(c->st);
		return rc;
	}
	if (strcmp(rq->status, from) == 0)
		return DOM_OK;
	store_rollback(c->st);
	if (strcmp(rq->status, "disbursed") == 0)
		errors_add(errs, "status",
			   arena_printf(c->a, _("This request was already disbursed on %s (reference %s): "
						"it cannot be disbursed or decided again."),
					rq->disbursed_on ? rq->disbursed_on : "",
					rq->reference ? rq->reference : "—"));
	else if (strcmp(from, "approved") == 0)
		errors_add(errs, "status", _("Only an approved request can be disbursed."));
	else
		errors_add(errs, "status", _("This request was already decided."));
	return DOM_CONFLICT;
}

/* Sets the decision on rq (status, who, when, note), writes it with its
 * ledger row and audit events, and commits; rolls back on failure. */
static int decide(struct ctx *c, struct assistance_request *rq, const char *status,
		  const char *note, const char *kind, const char *action)
{
	char now[32];
	int rc;
	time_now_iso(now);
	rq->status = (char *)status;
	rq->decided_by = c->user->id;
	rq->decided_at = rq->updated_at = now;
	rq->decision_note = (char *)note;
	if ((rc = ledger_add(c, rq, kind)) ||
	    (rc = dom_from_store(store_update(c->st, &ENT_ASSISTANCE_REQUEST, rq))) ||
	    (rc = audit_step(c, rq, action, "status,decision_note"))) {
		store_rollback(c->st);
		return rc;
	}
	return dom_from_store(store_commit(c->st));
}

/* Checks that c->user may decide request id: DOM_FORBIDDEN (errs
 * "status" saying why) when not. */
static int check_decider(struct ctx *c, const char *id, struct errors *errs)
{
	struct assistance_request rq;
	int rc = auth_check(c->user, PERM_ASSIST_APPROVE);
	if (rc == DOM_UNAUTH)
		return rc;
	if ((rc = auth_check(c->user, PERM_REGISTRY_READ)) || (rc = request_load(c, id, &rq)))
		return rc;
	const char *why = assist_why_not_decide(c->user, &rq);
	if (!why)
		return DOM_OK;
	errors_add(errs, "status", why);
	return DOM_FORBIDDEN;
}

int assist_approve(struct ctx *c, const char *id, const char *note, int confirm_duplicate,
		   struct errors *errs, struct assistance_request *out)
{
	struct assistance_request rq;
	struct programme p;
	struct programme_sums sums;
	long long taken;
	int rc = check_decider(c, id, errs);
	if (rc)
		return rc;
	note = trimmed(c, note);
	if (!validate_length(errs, "note", note, TEXT_MAX))
		return DOM_INVALID;
	if ((rc = begin_step(c, id, "requested", errs, &rq)))
		return rc;
	if (strcmp(rq.possible_duplicate, "1") == 0 && !confirm_duplicate) {
		store_rollback(c->st);
		errors_add(errs, "confirm_duplicate",
			   _("This household already has a request in this programme and period: "
			     "check it, then confirm that this one is not a duplicate."));
		return DOM_INVALID;
	}
	if ((rc = programme_load(c, rq.programme_id, &p)) || (rc = assist_programme_lock(c, &p)) ||
	    (rc = household_taken(c, rq.household_id, p.id, rq.period_key, &taken, NULL)) ||
	    (rc = programme_sums(c, p.id, cents_of(p.budget_cents), &sums)))
		goto fail;
	if (!check_limits(c, &p, &sums, cents_of(rq.amount_cents), taken, errs)) {
		rc = DOM_CONFLICT;
		goto fail;
	}
	if (strcmp(rq.possible_duplicate, "1") == 0)
		rq.duplicate_confirmed = "1";
	if ((rc = decide(c, &rq, "approved", note, "approve", "assistance_approve")))
		return rc;
	return out ? request_out(c, rq.id, out) : DOM_OK;
fail:
	store_rollback(c->st);
	return rc;
}

int assist_reject(struct ctx *c, const char *id, const char *note, struct errors *errs,
		  struct assistance_request *out)
{
	struct assistance_request rq;
	int rc = check_decider(c, id, errs);
	if (rc)
		return rc;
	note = trimmed(c, note);
	if (!note)
		errors_add(errs, "note", _("Say why the request is rejected."));
	validate_length(errs, "note", note, TEXT_MAX);
	if (errs->n)
		return DOM_INVALID;
	if ((rc = begin_step(c, id, "requested", errs, &rq)) ||
	    (rc = decide(c, &rq, "rejected", note, "reject", "assistance_reject")))
		return rc;
	return out ? request_out(c, rq.id, out) : DOM_OK;
}

/* A unique key refused the ledger row: the request was disbursed
 * meanwhile. */
static int twice(int rc, struct errors *errs)
{
	if (rc == DOM_CONFLICT)
		errors_add(errs, "status",
			   _("This request was already disbursed: it cannot be disbursed again."));
	return rc;
}

int assist_disburse(struct ctx *c, const char *id, const char *mechanism, const char *reference,
		    const char *date, struct errors *errs, struct assistance_request *out)
{
	struct assistance_request rq;
	char now[32], today[16];
	int rc = auth_check(c->user, PERM_ASSIST_DISBURSE);
	if (rc || (rc = auth_check(c->user, PERM_REGISTRY_READ)) || (rc = request_load(c, id, &rq)))
		return rc;
	mechanism = trimmed(c, mechanism);
	reference = trimmed(c, reference);
	date = trimmed(c, date);
	if (!date) {
		time_today(today);
		date = today;
	}
	if (validate_required(errs, "mechanism", mechanism) &&
	    validate_code(errs, "mechanism", mechanism, &CAT_MECHANISM) && !reference &&
	    strcmp(mechanism, "cash") != 0 && strcmp(mechanism, "in_kind") != 0)
		errors_add(errs, "reference",
			   _("Give the transaction reference of the transfer, wallet or card payment."));
	validate_length(errs, "reference", reference, REFERENCE_MAX);
	validate_date(errs, "date", date, 1);
	if (errs->n)
		return DOM_INVALID;
	if ((rc = begin_step(c, id, "approved", errs, &rq)))
		return rc;
	time_now_iso(now);
	rq.status = "disbursed";
	rq.disbursed_by = c->user->id;
	rq.disbursed_at = rq.updated_at = now;
	rq.mechanism = (char *)mechanism;
	rq.reference = (char *)reference;
	rq.disbursed_on = (char *)date;
	/* The ledger row first: its unique key refuses a second disbursement
	 * that raced past the status check. */
	if ((rc = ledger_add(c, &rq, "disburse")) ||
	    (rc = dom_from_store(store_update(c->st, &ENT_ASSISTANCE_REQUEST, &rq))) ||
	    (rc = audit_step(c, &rq, "assistance_disburse", "status,mechanism,reference,disbursed_on"))) {
		store_rollback(c->st);
		return twice(rc, errs);
	}
	if ((rc = dom_from_store(store_commit(c->st)))) {
		return twice(rc, errs);
	}
	return out ? request_out(c, rq.id, out) : DOM_OK;
}

int assist_mark_reconciled(struct ctx *c, const struct assistance_request *rq)
{
	int rc = ledger_add(c, rq, "reconciled");
	return rc ? rc : audit_step(c, rq, "assistance_reconcile", "reconciled");
}

int assist_ledger(struct ctx *c, const char *programme_id, const char *request_id, long limit,
		  long offset, struct store_list *out)
{
	struct store_filter w[2];
	size_t n = 0;
	int rc = auth_check(c->user, PERM_REGISTRY_READ);
	if (rc)
		return rc;
	if (is_set(programme_id))
		w[n++] = (struct store_filter){ "programme_id", programme_id };
	if (is_set(request_id))
		w[n++] = (struct store_filter){ "request_id", request_id };
	if ((rc = dom_from_store(store_list_where(c->st, &ENT_ASSISTANCE_LEDGER, c->a, w, n, "seq", 0,
						  limit, offset, out))))
		return rc;
	long long total;
	if ((rc = dom_from_store(store_count_where(c->st, &ENT_ASSISTANCE_LEDGER, w, n, &total))))
		return rc;
	out->total = total;
	return DOM_OK;
}

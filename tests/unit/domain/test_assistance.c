/* test_assistance.c: cash assistance (assistance.c): money shown and typed,
 * period keys, the guards (cap, budget, self-approval, duplicates,
 * rejection reason, one disbursement, permissions), the ledger sums and
 * the audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/assistance.h"
#include "domain/assistance_recon.h"
#include "domain/sharing.h"
#include "domain/household.h"
#include "domain/user.h"
#include "domain/vulnerability.h"
#include "support.h"

static void test_money(void **state)
{
	struct arena *a = arena_new();
	(void)state;
	assert_string_equal(assist_money(a, 15000, "USD"), "$150.00");
	assert_string_equal(assist_money(a, 5, NULL), "$0.05");
	assert_string_equal(assist_money(a, 123456789, "USD"), "$1,234,567.89");
	assert_string_equal(assist_money(a, 100000, "PAB"), "B/. 1,000.00");
	assert_string_equal(assist_money(a, -2550, "USD"), "-$25.50");
	assert_string_equal(assist_money(a, 99, "EUR"), "0.99 EUR");
	arena_free(a);
}

static void test_parse_cents(void **state)
{
	long long c = -1;
	(void)state;
	static const struct {
		const char *in;
		long long cents;
	} good[] = {
		{ "150", 15000 },	  { "150.5", 15050 },	    { "150,50", 15050 },
		{ "150.50", 15050 },	  { "1,500", 150000 },	    { "1,500.00", 150000 },
		{ "1.500,00", 150000 },	  { "$150", 15000 },	    { "B/. 150,25", 15025 },
		{ " 0,05 ", 5 }, { "1.500", 150000 },	  { "1,234,567.89", 123456789 },
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(assist_parse_cents(good[i].in, &c), 0);
		assert_int_equal(c, good[i].cents);
	}
	static const char *const bad[] = { "",	    "abc",   "-5",	  "1.2.3",	   "150.5055",
					   "1,50,00", "150.", ",50", "1,5000", "12 000",
					   "99999999999999", "1,500,00.00", NULL };
	for (size_t i = 0; bad[i]; i++)
		if (assist_parse_cents(bad[i], &c) != -1)
			fail_msg("\"%s\" read as %lld cents", bad[i], c);
	assert_int_equal(assist_parse_cents(NULL, &c), -1);
}

static void test_period_key(void **state)
{
	char k[16];
	(void)state;
	assert_int_equal(assist_period_key("month", "2026-11-28", k), 0);
	assert_string_equal(k, "2026-11");
	assert_int_equal(assist_period_key("quarter", "2026-11-28", k), 0);
	assert_string_equal(k, "2026-Q4");
	assert_int_equal(assist_period_key("quarter", "2026-01-01", k), 0);
	assert_string_equal(k, "2026-Q1");
	assert_int_equal(assist_period_key("year", "2026-03-31", k), 0);
	assert_string_equal(k, "2026");
	assert_int_equal(assist_period_key("once", "2026-03-31", k), 0);
	assert_string_equal(k, "once");
	assert_int_equal(assist_period_key("week", "2026-03-31", k), -1);
	assert_int_equal(assist_period_key("month", "2026-13-01", k), -1);
}

/* Who works in the tests: an assistance officer, a supervisor, and a
 * legal caseworker (not of the assistance area). */
struct team {
	struct user cash, sup, lex;
};

static struct team team(struct fixture *f)
{
	return (struct team){
		.cash = fixture_worker(f, "cash", "assistance", "assistance"),
		.sup = fixture_worker(f, "sup", "supervisor", NULL),
		.lex = fixture_worker(f, "lex", "caseworker", "legal"),
	};
}

static struct household household(struct fixture *f, const char *given)
{
	struct person p;
	struct household in = { 0 }, h;
	struct errors errs = { .n = 0 };
	const struct user *saved = f->c.user;
	f->c.user = &f->admin;
	fixture_register(f, fixture_named(f, given, "Marcano", NULL, "1985-02-03"), &p);
	assert_int_equal(household_create(&f->c, &in, p.id, &errs, &h), DOM_OK);
	f->c.user = saved;
	return h;
}

/* A programme (as the admin): budget and cap in cents, per month. */
static struct programme programme(struct fixture *f, const char *name, const char *budget,
				  const char *cap)
{
	struct errors errs = { .n = 0 };
	struct programme in = { .name = arena_strdup(f->a, name),
				.kind = arena_strdup(f->a, "multipurpose_cash"),
				.budget_cents = arena_strdup(f->a, budget),
				.cap_cents = arena_strdup(f->a, cap),
				.period = arena_strdup(f->a, "month") },
			 out;
	const struct user *saved = f->c.user;
	f->c.user = &f->admin;
	assert_int_equal(programme_create(&f->c, &in, &errs, &out), DOM_OK);
	f->c.user = saved;
	return out;
}

static int request(struct fixture *f, const struct user *u, const struct household *h,
		   const struct programme *p, const char *amount, struct errors *errs,
		   struct assistance_request *out)
{
	struct assist_in in = { .household_id = h->id, .programme_id = p->id, .amount_cents = amount,
				.reason = "Alquiler atrasado" };
	f->c.user = u;
	return assist_request(&f->c, &in, errs, out);
}

static struct programme_sums sums(struct fixture *f, const struct programme *p)
{
	struct programme_sums s, exact;
	struct programme got;
	assert_int_equal(programme_get(&f->c, p->id, &got, &s), DOM_OK);
	/* The page's figures (kept until the ledger grows) are the sums. */
	assert_int_equal(programme_sums(&f->c, p->id, s.budget, &exact), DOM_OK);
	assert_memory_equal(&s, &exact, sizeof(s));
	return s;
}

static void test_two_people_and_one_disbursement(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct household h = household(f, "Yusmary");
	struct programme p = programme(f, "Efectivo multipropósito", "100000", "15000");
	struct errors errs = { .n = 0 };
	struct assistance_request rq, got;

	/* A caseworker of another area may not request. */
	assert_int_equal(request(f, &t.lex, &h, &p, "1000", &errs, &rq), DOM_FORBIDDEN);
	assert_int_equal(request(f, &t.cash, &h, &p, "12000", &errs, &rq), DOM_OK);
	assert_string_equal(rq.status, "requested");
	assert_string_equal(rq.ref, "A-000001");
	assert_string_equal(rq.currency, "USD");

	/* The officer may not approve; nobody approves their own request. */
	f->c.user = &t.cash;
	assert_int_equal(assist_approve(&f->c, rq.id, NULL, 0, &errs, &got), DOM_FORBIDDEN);
	struct assistance_request own;
	struct household h2 = household(f, "Keila");
	errs.n = 0;
	assert_int_equal(request(f, &t.sup, &h2, &p, "1000", &errs, &own), DOM_OK);
	errs.n = 0;
	assert_int_equal(assist_approve(&f->c, own.id, NULL, 0, &errs, &got), DOM_FORBIDDEN);
	assert_non_null(errors_for(&errs, "status"));
	errs.n = 0;
	assert_int_equal(assist_reject(&f->c, own.id, "No", &errs, &got), DOM_FORBIDDEN);

	/* Only an approved request is disbursed. */
	f->c.user = &t.cash;
	errs.n = 0;
	assert_int_equal(assist_disburse(&f->c, rq.id, "cash", NULL, NULL, &errs, &got), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "status"));

	f->c.user = &t.sup;
	errs.n = 0;
	assert_int_equal(assist_approve(&f->c, rq.id, "Visita hecha", 0, &errs, &got), DOM_OK);
	assert_string_equal(got.status, "approved");
	assert_string_equal(got.decided_by, t.sup.id);
	struct programme_sums s = sums(f, &p);
	assert_int_equal(s.committed, 12000);
	assert_int_equal(s.disbursed, 0);
	assert_int_equal(s.remaining, 100000 - 12000);
	assert_int_equal(s.requested, 1000);

	/* A disbursement: a reference except for cash and in-kind; a date not
	 * in the future. */
	f->c.user = &t.cash;
	errs.n = 0;
	assert_int_equal(assist_disburse(&f->c, rq.id, "bank_transfer", NULL, NULL, &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "reference"));
	errs.n = 0;
	assert_int_equal(assist_disburse(&f->c, rq.id, "cheque", "X", NULL, &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "mechanism"));
	errs.n = 0;
	assert_int_equal(assist_disburse(&f->c, rq.id, "cash", NULL, "2999-01-01", &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "date"));
	errs.n = 0;
	assert_int_equal(assist_disburse(&f->c, rq.id, "cash", NULL, "2026-11-02", &errs, &got), DOM_OK);
	assert_string_equal(got.status, "disbursed");
	assert_string_equal(got.disbursed_on, "2026-11-02");
	errs.n = 0;
	assert_int_equal(assist_disburse(&f->c, rq.id, "cash", NULL, NULL, &errs, &got), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "status"));

	s = sums(f, &p);
	assert_int_equal(s.disbursed, 12000);
	assert_int_equal(s.committed, 0);
	assert_int_equal(s.remaining, s.budget - s.disbursed);

	/* The ledger: one row per step; the audit log names fields only. */
	struct store_list l;
	assert_int_equal(assist_ledger(&f->c, p.id, rq.id, 10, 0, &l), DOM_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(((struct assistance_entry *)l.items[0])->kind, "request");
	assert_string_equal(((struct assistance_entry *)l.items[1])->kind, "approve");
	assert_string_equal(((struct assistance_entry *)l.items[2])->kind, "disburse");
	assert_int_equal(fixture_audit_actions(f, rq.id, "assistance_disburse"), 1);
	assert_int_equal(fixture_audit_actions(f, h.id, "assistance_request"), 1);
	assert_int_equal(fixture_audit_actions(f, h.id, "assistance_approve"), 1);
}

static void test_ledger_refuses_a_second_disbursement(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct household h = household(f, "Oriana");
	struct programme p = programme(f, "Kits", "50000", "5000");
	struct errors errs = { .n = 0 };
	struct assistance_request rq;
	assert_int_equal(request(f, &t.cash, &h, &p, "3000", &errs, &rq), DOM_OK);
	/* A second disbursement row, written past the status check as a race
	 * would: the database refuses it. */
	char now[] = "2026-11-28T10:00:00Z";
	struct assistance_entry e = { .id = "00000000-0000-7000-8000-000000000001", .seq = "900",
				      .programme_id = p.id, .request_id = rq.id, .kind = "disburse",
				      .amount_cents = "3000", .recorded_at = now };
	assert_int_equal(store_insert(f->c.st, &ENT_ASSISTANCE_LEDGER, &e), STORE_OK);
	e.id = "00000000-0000-7000-8000-000000000002";
	e.seq = "901";
	assert_int_equal(store_insert(f->c.st, &ENT_ASSISTANCE_LEDGER, &e), STORE_CONFLICT);
}

static void test_cap_budget_and_duplicates(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct household h = household(f, "Deiby"), other = household(f, "Yorgelis");
	struct programme p = programme(f, "Alquiler", "20000", "15000");
	struct errors errs = { .n = 0 };
	struct assistance_request a, b, got;

	/* Over the cap: refused naming amount_cents, with the figures as money. */
	assert_int_equal(request(f, &t.cash, &h, &p, "15001", &errs, &a), DOM_INVALID);
	assert_non_null(strstr(errors_for(&errs, "amount_cents"), "$150.01"));
	assert_non_null(strstr(errors_for(&errs, "amount_cents"), "$150.00"));
	errs.n = 0;
	assert_int_equal(request(f, &t.cash, &h, &p, "0", &errs, &a), DOM_INVALID);
	assert_non_null(errors_for(&errs, "amount_cents"));
	errs.n = 0;
	assert_int_equal(request(f, &t.cash, &h, &p, "10000", &errs, &a), DOM_OK);
	assert_string_equal(a.possible_duplicate, "0");
	/* The same household, programme and period: a possible duplicate. */
	assert_int_equal(request(f, &t.cash, &h, &p, "5000", &errs, &b), DOM_OK);
	assert_string_equal(b.possible_duplicate, "1");
	assert_string_equal(b.duplicate_of, a.id);

	f->c.user = &t.sup;
	assert_int_equal(assist_approve(&f->c, a.id, NULL, 0, &errs, &got), DOM_OK);
	errs.n = 0;
	assert_int_equal(assist_approve(&f->c, b.id, NULL, 0, &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "confirm_duplicate"));

	/* $100 approved of a $150 cap: $60 more is over it. */
	errs.n = 0;
	assert_int_equal(request(f, &t.cash, &h, &p, "6000", &errs, &got), DOM_INVALID);
	assert_non_null(strstr(errors_for(&errs, "amount_cents"), "$50.00"));
	/* $200 budget, $100 committed: another household's $120 is over it. */
	errs.n = 0;
	assert_int_equal(request(f, &t.cash, &other, &p, "12000", &errs, &got), DOM_INVALID);
	assert_non_null(strstr(errors_for(&errs, "amount_cents"), "$100.00"));

	/* Rejection needs a reason; a decided request is not decided again. */
	f->c.user = &t.sup;
	errs.n = 0;
	assert_int_equal(assist_reject(&f->c, b.id, "  ", &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "note"));
	errs.n = 0;
	assert_int_equal(assist_reject(&f->c, b.id, "Ya recibió este mes", &errs, &got), DOM_OK);
	assert_string_equal(got.status, "rejected");
	errs.n = 0;
	assert_int_equal(assist_approve(&f->c, b.id, NULL, 1, &errs, &got), DOM_CONFLICT);
	f->c.user = &t.cash;
	errs.n = 0;
	assert_int_equal(assist_disburse(&f->c, b.id, "cash", NULL, NULL, &errs, &got), DOM_CONFLICT);

	struct programme_sums s = sums(f, &p);
	assert_int_equal(s.committed, 10000);
	assert_int_equal(s.remaining, 10000);
	assert_int_equal(s.requested, 0);
}

static void test_programme_validation(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct errors errs = { .n = 0 };
	struct programme in = { .name = arena_strdup(f->a, "X"), .kind = arena_strdup(f->a, "rent"),
				.budget_cents = arena_strdup(f->a, "12.5"),
				.currency = arena_strdup(f->a, "usd"),
				.cap_cents = arena_strdup(f->a, "0"),
				.period = arena_strdup(f->a, "week") },
			 out;
	f->c.user = &t.cash;
	assert_int_equal(programme_create(&f->c, &in, &errs, &out), DOM_FORBIDDEN);
	f->c.user = &t.sup;
	assert_int_equal(programme_create(&f->c, &in, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "budget_cents"));
	assert_non_null(errors_for(&errs, "currency"));
	assert_non_null(errors_for(&errs, "cap_cents"));
	assert_non_null(errors_for(&errs, "period"));
	programme(f, "Salud", "1000", "100");
	struct programme dup = { .name = arena_strdup(f->a, "Salud"), .kind = arena_strdup(f->a, "health"),
				 .budget_cents = arena_strdup(f->a, "1000"),
				 .cap_cents = arena_strdup(f->a, "100"),
				 .period = arena_strdup(f->a, "once") };
	errs.n = 0;
	assert_int_equal(programme_create(&f->c, &dup, &errs, &out), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "name"));
}

/* The payee account: stored whole, read whole by those who disburse,
 * masked for everyone else, also after a decision rewrote the request;
 * the payment list carries it. */
static void test_payee_account_masked(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct household h = household(f, "Yuleisy");
	struct programme p = programme(f, "Pagos a cuenta", "100000", "20000");
	struct errors errs = { .n = 0 };
	struct assistance_request rq, got;
	struct store_list l;
	const char *account = "PA-0401 2233 4455 6789";
	struct assist_in in = { .household_id = h.id, .programme_id = p.id, .amount_cents = "5000",
				.reason = "Alquiler", .payee_name = "Yuleisy Marcano",
				.payee_account = "12;DROP" };

	f->c.user = &t.cash;
	assert_int_equal(assist_request(&f->c, &in, &errs, &rq), DOM_INVALID);
	assert_non_null(errors_for(&errs, "payee_account"));
	errs.n = 0;
	in.payee_account = "12345678901234567890123456789012345678901"; /* 41 */
	assert_int_equal(assist_request(&f->c, &in, &errs, &rq), DOM_INVALID);
	assert_non_null(errors_for(&errs, "payee_account"));
	errs.n = 0;
	in.payee_account = account;
	assert_int_equal(assist_request(&f->c, &in, &errs, &rq), DOM_OK);
	assert_string_equal(rq.payee_account, account);
	assert_string_equal(rq.payee_name, "Yuleisy Marcano");

	f->c.user = &t.lex;
	assert_int_equal(assist_get(&f->c, rq.id, &got), DOM_OK);
	assert_string_equal(got.payee_account, "****6789");
	struct assist_filter flt = { .household_id = h.id };
	assert_int_equal(assist_list(&f->c, &flt, 10, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct assistance_request *)l.items[0])->payee_account, "****6789");

	/* The supervisor approves: the stored account is not the masked one. */
	f->c.user = &t.sup;
	assert_int_equal(assist_approve(&f->c, rq.id, NULL, 0, &errs, &got), DOM_OK);
	assert_string_equal(got.payee_account, account);
	f->c.user = &t.cash;
	struct payment_row *rows;
	size_t n;
	struct programme pg;
	struct sharing_agreement ag_in = { .recipient = "Banco del Istmo", .purpose = "Pagos",
					   .fields = "identity,contact,payment", .legal_basis = "contract",
					   .starts_on = "2020-01-01", .expires_on = "2099-12-31",
					   .signed_by = "Directora" },
				 ag;
	f->c.user = &f->admin;
	assert_int_equal(sharing_create(&f->c, &ag_in, &errs, &ag), DOM_OK);
	f->c.user = &t.cash;
	assert_int_equal(assist_payment_rows(&f->c, p.id, ag.id, &errs, &pg, &rows, &n), DOM_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].account, account);
}

/* The fields of the last audit event action on entity_id ("" when none). */
static const char *audit_fields(struct fixture *f, const char *entity_id, const char *action)
{
	struct store_list l;
	const char *got = "";
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", entity_id, "seq", 0, 500,
				    0, &l),
			 STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *e = l.items[i];
		if (strcmp(e->action, action) == 0)
			got = e->fields;
	}
	return got;
}

/* Edits: the budget not under what is committed or disbursed, the
 * currency fixed once there are requests, a deactivated programme takes
 * no new requests but pays its approved ones; every change audited with
 * the changed fields' names. */
static void test_programme_edit(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct household h = household(f, "Deiby"), other = household(f, "Yorgelis");
	struct programme p = programme(f, "Renta", "100000", "15000"), got;
	struct errors errs = { .n = 0 };
	struct assistance_request a, b, rq;
	assert_int_equal(request(f, &t.cash, &h, &p, "12000", &errs, &a), DOM_OK);
	assert_int_equal(request(f, &t.cash, &other, &p, "8000", &errs, &b), DOM_OK);
	f->c.user = &t.sup;
	assert_int_equal(assist_approve(&f->c, a.id, NULL, 0, &errs, &rq), DOM_OK);
	assert_int_equal(assist_approve(&f->c, b.id, NULL, 0, &errs, &rq), DOM_OK);
	f->c.user = &t.cash;
	assert_int_equal(assist_disburse(&f->c, a.id, "cash", NULL, NULL, &errs, &rq), DOM_OK);

	/* Only those who manage programmes edit them. */
	struct programme ch = { .budget_cents = arena_strdup(f->a, "19999") };
	assert_int_equal(programme_update(&f->c, p.id, &ch, -1, &errs, &got), DOM_FORBIDDEN);
	f->c.user = &t.sup;
	assert_int_equal(programme_update(&f->c, p.id, &ch, -1, &errs, &got), DOM_INVALID);
	assert_non_null(strstr(errors_for(&errs, "budget_cents"), "$200.00"));
	assert_non_null(strstr(errors_for(&errs, "budget_cents"), "$120.00"));
	errs.n = 0;
	ch.budget_cents = arena_strdup(f->a, "20000");
	ch.donor = arena_strdup(f->a, "BPRM");
	assert_int_equal(programme_update(&f->c, p.id, &ch, -1, &errs, &got), DOM_OK);
	assert_string_equal(got.budget_cents, "20000");
	assert_string_equal(audit_fields(f, p.id, "programme_update"), "donor,budget_cents");
	assert_int_equal(sums(f, &p).remaining, 0);

	/* The currency is fixed once there are requests. */
	struct programme cur = { .currency = arena_strdup(f->a, "PAB") };
	assert_int_equal(programme_update(&f->c, p.id, &cur, -1, &errs, &got), DOM_INVALID);
	assert_non_null(strstr(errors_for(&errs, "currency"), "2"));
	errs.n = 0;
	struct programme fresh = programme(f, "Kits", "5000", "500");
	assert_int_equal(programme_update(&f->c, fresh.id, &cur, -1, &errs, &got), DOM_OK);
	assert_string_equal(got.currency, "PAB");

	/* Nothing changed: nothing written. */
	struct programme none = { 0 };
	assert_int_equal(programme_update(&f->c, p.id, &none, 1, &errs, &got), DOM_OK);
	assert_int_equal(fixture_audit_actions(f, p.id, "programme_update"), 1);

	/* Deactivated: no new request; the approved one is still disbursed. */
	assert_int_equal(programme_update(&f->c, p.id, &none, 0, &errs, &got), DOM_OK);
	assert_string_equal(got.active, "0");
	assert_string_equal(audit_fields(f, p.id, "programme_update"), "active");
	assert_int_equal(request(f, &t.cash, &other, &p, "100", &errs, &rq), DOM_INVALID);
	assert_non_null(strstr(errors_for(&errs, "programme_id"), "Renta"));
	errs.n = 0;
	assert_int_equal(assist_disburse(&f->c, b.id, "cash", NULL, NULL, &errs, &rq), DOM_OK);

	/* Bad values name their field; a required one cannot be emptied. */
	struct programme bad = { .min_score = arena_strdup(f->a, "101"), .name = arena_strdup(f->a, "") };
	f->c.user = &t.sup;
	assert_int_equal(programme_update(&f->c, p.id, &bad, -1, &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "min_score"));
	assert_non_null(errors_for(&errs, "name"));
	errs.n = 0;
	struct programme taken = { .name = arena_strdup(f->a, "Kits") };
	assert_int_equal(programme_update(&f->c, p.id, &taken, -1, &errs, &got), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "name"));
}

/* Under the programme's minimum vulnerability score a request needs a
 * reason, kept with the household's score and audited. */
static void test_minimum_score(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct household h = household(f, "Deiby");
	struct programme p = programme(f, "Vulnerables", "100000", "15000"), got;
	struct errors errs = { .n = 0 };
	struct assistance_request rq;
	struct vulnerability v;
	f->c.user = &t.sup;
	assert_int_equal(vulnerability_of(&f->c, h.id, &v), DOM_OK);
	char min[16];
	snprintf(min, sizeof(min), "%d", v.score + 1);
	struct programme ch = { .min_score = min };
	assert_int_equal(programme_update(&f->c, p.id, &ch, -1, &errs, &got), DOM_OK);

	assert_int_equal(request(f, &t.cash, &h, &got, "5000", &errs, &rq), DOM_INVALID);
	const char *why = errors_for(&errs, "eligibility_override");
	assert_non_null(why);
	char want[64];
	snprintf(want, sizeof(want), " %d,", v.score);
	assert_non_null(strstr(why, want));
	assert_non_null(strstr(why, min));
	errs.n = 0;
	struct assist_in in = { .household_id = h.id, .programme_id = p.id, .amount_cents = "5000",
				.reason = "Desalojo", .eligibility_override = " Orden de desalojo " };
	assert_int_equal(assist_request(&f->c, &in, &errs, &rq), DOM_OK);
	assert_string_equal(rq.eligibility_override, "Orden de desalojo");
	assert_int_equal(strtol(rq.vulnerability_score, NULL, 10), v.score);
	assert_non_null(strstr(audit_fields(f, rq.id, "assistance_request"), "eligibility_override"));

	/* At the minimum: no reason needed, none kept. */
	snprintf(min, sizeof(min), "%d", v.score);
	f->c.user = &t.sup;
	assert_int_equal(programme_update(&f->c, p.id, &ch, -1, &errs, &got), DOM_OK);
	in.eligibility_override = NULL;
	f->c.user = &t.cash;
	assert_int_equal(assist_request(&f->c, &in, &errs, &rq), DOM_OK);
	assert_null(rq.eligibility_override);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_parse_cents),
		cmocka_unit_test(test_period_key),
		T(test_two_people_and_one_disbursement),
		T(test_ledger_refuses_a_second_disbursement),
		T(test_cap_budget_and_duplicates),
		T(test_programme_validation),
		T(test_payee_account_masked),
		T(test_programme_edit),
		T(test_minimum_score),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

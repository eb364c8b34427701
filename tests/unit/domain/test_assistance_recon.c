/* test_assistance_recon.c: a programme's disbursements as reconciliation
 * rows, its approved requests as the payment list, the permission and the
 * audit events (assistance_recon.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/assistance.h"
#include "domain/assistance_recon.h"
#include "domain/household.h"
#include "domain/sharing.h"
#include "domain/user.h"
#include "support.h"

/* A request of a new household headed by given, approved by sup. */
static struct assistance_request approved(struct fixture *f, const struct user *cash,
					  const struct user *sup, const struct programme *p,
					  const char *given, const char *amount)
{
	struct person pe;
	struct household hin = { 0 }, h;
	struct errors errs = { .n = 0 };
	struct assistance_request rq, got;
	f->c.user = &f->admin;
	fixture_register(f, fixture_named(f, given, "Marcano", NULL, "1985-02-03"), &pe);
	assert_int_equal(household_create(&f->c, &hin, pe.id, &errs, &h), DOM_OK);
	struct assist_in in = { .household_id = h.id, .programme_id = p->id, .amount_cents = amount,
				.reason = "Alquiler" };
	f->c.user = cash;
	assert_int_equal(assist_request(&f->c, &in, &errs, &rq), DOM_OK);
	f->c.user = sup;
	assert_int_equal(assist_approve(&f->c, rq.id, NULL, 0, &errs, &got), DOM_OK);
	return got;
}

static void test_rows_and_reconcile(void **state)
{
	struct fixture *f = *state;
	struct user cash = fixture_worker(f, "cash", "assistance", "assistance");
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	struct user lex = fixture_worker(f, "lex", "caseworker", "legal");
	struct errors errs = { .n = 0 };
	struct programme in = { .name = "Efectivo", .kind = "multipurpose_cash", .budget_cents = "100000",
				.cap_cents = "15000", .period = "month" },
			 p, got;
	f->c.user = &f->admin;
	assert_int_equal(programme_create(&f->c, &in, &errs, &p), DOM_OK);
	struct assistance_request a = approved(f, &cash, &sup, &p, "Yusmary", "12000");
	struct assistance_request b = approved(f, &cash, &sup, &p, "Keila", "8000");
	struct assistance_request c = approved(f, &cash, &sup, &p, "Rosa", "5000");
	struct assistance_request d;
	f->c.user = &cash;
	assert_int_equal(assist_disburse(&f->c, a.id, "bank_transfer", "TRX-1", NULL, &errs, &d), DOM_OK);
	assert_int_equal(assist_disburse(&f->c, b.id, "mobile_wallet", "TRX-2", NULL, &errs, &d), DOM_OK);

	/* Expected rows: the disbursed requests with their references. */
	struct recon_expected *e;
	size_t n;
	assert_int_equal(assist_recon_expected(&f->c, p.id, &got, &e, &n), DOM_OK);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].reference, "TRX-1");
	assert_int_equal(e[0].amount_cents, 12000);
	assert_string_equal(e[0].name, "Yusmary Marcano");
	assert_non_null(e[0].household);

	/* The payment list leaves the organisation: refused without an
	 * agreement in force covering its data. */
	struct payment_row *rows;
	struct sharing_agreement ag_in = { .recipient = "Banco del Istmo", .purpose = "Pagos",
					   .fields = "identity,contact,payment", .legal_basis = "contract",
					   .starts_on = "2020-01-01", .expires_on = "2099-12-31",
					   .signed_by = "Directora" },
				 ag;
	f->c.user = &f->admin;
	assert_int_equal(sharing_create(&f->c, &ag_in, &errs, &ag), DOM_OK);
	f->c.user = &cash;
	assert_int_equal(assist_payment_rows(&f->c, p.id, NULL, &errs, &got, &rows, &n), DOM_INVALID);
	assert_non_null(errors_for(&errs, "agreement"));
	assert_int_equal(fixture_audit_actions(f, p.id, "export_payments"), 0);
	/* The payment list: the approved one not yet disbursed. */
	errs.n = 0;
	assert_int_equal(assist_payment_rows(&f->c, p.id, ag.id, &errs, &got, &rows, &n), DOM_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].reference, c.ref);
	assert_string_equal(rows[0].name, "Rosa Marcano");
	assert_int_equal(rows[0].amount_cents, 5000);
	assert_int_equal(fixture_audit_actions(f, p.id, "export_payments"), 1);
	/* The export's event names the agreement it went out under. */
	struct store_list ev;
	assert_int_equal(store_list(f->c.st, &ENT_AUDIT, f->c.a, "entity_id", p.id, "seq", 1, 1, 0, &ev), STORE_OK);
	assert_string_equal(((struct audit_event *)ev.items[0])->fields,
			    arena_printf(f->c.a, "payments,sharing_agreement:%s", ag.id));

	/* One match, one difference, one unexpected line. */
	struct recon_line lines[] = { { .reference = "trx 1", .amount_cents = 12000, .line = 2 },
				      { .reference = "TRX-2", .amount_cents = 7550, .line = 3 },
				      { .reference = "ZZ-9", .amount_cents = 100, .line = 4 } };
	struct recon_result r;
	struct assistance_recon_run run;
	assert_int_equal(assist_reconcile(&f->c, p.id, " banco-noviembre.csv ", lines, 3, &errs, &got, &r,
					  &run),
			 DOM_OK);
	assert_int_equal(r.count[RECON_MATCHED], 1);
	assert_int_equal(r.count[RECON_DIFFERENCE], 1);
	assert_int_equal(r.count[RECON_UNMATCHED], 1);
	assert_int_equal(r.count[RECON_MISSING], 0);
	for (size_t i = 0; i < r.n; i++)
		if (r.items[i].kind == RECON_DIFFERENCE)
			assert_int_equal(r.items[i].difference, -450);
	recon_result_free(&r);
	assert_int_equal(fixture_audit_actions(f, p.id, "reconcile"), 1);

	/* Stored: the run with its counts; only the match is reconciled. */
	assert_string_equal(run.file_name, "banco-noviembre.csv");
	assert_string_equal(run.matched, "1");
	assert_string_equal(run.differences, "1");
	assert_string_equal(run.unexpected, "1");
	assert_string_equal(run.newly_reconciled, "1");
	struct programme_sums s;
	assert_int_equal(programme_get(&f->c, p.id, &got, &s), DOM_OK);
	assert_int_equal(s.disbursed_n, 2);
	assert_int_equal(s.reconciled_n, 1);
	assert_int_equal(s.reconciled, 12000);
	struct store_list l;
	assert_int_equal(assist_ledger(&f->c, p.id, a.id, 10, 0, &l), DOM_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(((struct assistance_entry *)l.items[3])->kind, "reconciled");
	assert_int_equal(assist_ledger(&f->c, p.id, b.id, 10, 0, &l), DOM_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(fixture_audit_actions(f, a.id, "assistance_reconcile"), 1);
	assert_int_equal(fixture_audit_actions(f, b.id, "assistance_reconcile"), 0);

	/* The same statement again: stored as a run, nothing reconciled twice;
	 * corrected, the difference is reconciled too. */
	lines[1].amount_cents = 8000;
	assert_int_equal(assist_reconcile(&f->c, p.id, NULL, lines, 3, &errs, &got, &r, &run), DOM_OK);
	recon_result_free(&r);
	assert_null(run.file_name);
	assert_string_equal(run.matched, "2");
	assert_string_equal(run.newly_reconciled, "1");
	assert_int_equal(assist_recon_runs(&f->c, p.id, 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	assert_int_equal(programme_get(&f->c, p.id, &got, &s), DOM_OK);
	assert_int_equal(s.reconciled_n, 2);
	assert_int_equal(s.reconciled, 20000);
	assert_int_equal(s.remaining, 100000 - 25000);
	assert_int_equal(fixture_audit_actions(f, a.id, "assistance_reconcile"), 1);

	/* Others may not; an unknown programme is not found. */
	f->c.user = &lex;
	assert_int_equal(assist_payment_rows(&f->c, p.id, ag.id, &errs, &got, &rows, &n), DOM_FORBIDDEN);
	assert_int_equal(assist_reconcile(&f->c, p.id, NULL, lines, 3, &errs, &got, &r, &run),
			 DOM_FORBIDDEN);
	f->c.user = &cash;
	assert_int_equal(assist_recon_expected(&f->c, "nope", &got, &e, &n), DOM_NOTFOUND);
}

int main(void)
{
	support_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows_and_reconcile, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

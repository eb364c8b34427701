/* test_consent.c: consent per purpose (consent.c) and data-sharing
 * agreements (sharing.c): the current state from the history, who may
 * record, enforcement on referrals from the moment of withdrawal,
 * overrides, and agreements in force. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/asset.h"
#include "domain/case.h"
#include "domain/consent.h"
#include "domain/merge.h"
#include "domain/partner.h"
#include "domain/person.h"
#include "domain/referral.h"
#include "domain/settings.h"
#include "domain/sharing.h"
#include "support.h"

/* The last of these wins, whatever their order; overrides never count. */
static void test_last_state(void **state)
{
	(void)state;
	struct consent a = { .seq = "1", .purpose = "referral", .state = "given", .recorded_at = "2026-01-01T10:00:00Z" };
	struct consent b = { .seq = "2", .purpose = "referral", .state = "withdrawn", .recorded_at = "2026-01-01T10:00:00Z" };
	struct consent c = { .seq = "3", .purpose = "referral", .state = "override", .note = "x", .recorded_at = "2026-02-01T10:00:00Z" };
	struct consent d = { .seq = "0", .purpose = "reporting", .state = "given", .recorded_at = "2025-01-01T12:00:00Z" };
	void *h[] = { &c, &b, &d, &a };
	assert_ptr_equal(consent_last(h, 4, "referral"), &b); /* same second: seq decides */
	assert_ptr_equal(consent_last(h, 4, "reporting"), &d);
	assert_null(consent_last(h, 4, "phone_contact"));
	assert_null(consent_last(h, 0, "referral"));
}

static void test_agreement_rules(void **state)
{
	(void)state;
	struct sharing_agreement a = { .fields = "identity,contact,payment", .starts_on = "2026-01-01",
				       .expires_on = "2026-12-31" };
	assert_true(sharing_valid(&a, "2026-01-01"));
	assert_true(sharing_valid(&a, "2026-12-31"));
	assert_false(sharing_valid(&a, "2025-12-31"));
	assert_false(sharing_valid(&a, "2027-01-01"));
	assert_true(sharing_covers(&a, "payment,identity"));
	assert_true(sharing_covers(&a, NULL));
	assert_false(sharing_covers(&a, "identity,account"));
	a.ended_at = "2026-06-01T00:00:00Z";
	assert_false(sharing_valid(&a, "2026-06-02"));
}

static void test_record_and_history(void **state)
{
	struct fixture *f = *state;
	struct user reader = fixture_worker(f, "reader", "readonly", NULL);
	struct user lex = fixture_worker(f, "lex", "caseworker", "legal");
	struct person p;
	struct errors errs = { .n = 0 };
	struct consent k;
	struct store_list l;
	fixture_register(f, fixture_named(f, "Yelitza", "Rondón", NULL, "1990-04-02"), &p);

	f->c.user = &lex;
	assert_int_equal(consent_record(&f->c, p.id, "phone_contact", "given", "verbal", NULL, &errs, &k), DOM_OK);
	assert_string_equal(k.notice_version, "1");
	assert_string_equal(k.recorded_by, lex.id);
	/* The notice version in force goes with each row. */
	f->c.user = &f->admin;
	assert_int_equal(settings_set(&f->c, "privacy_notice_version", "3", &errs), DOM_OK);
	f->c.user = &lex;
	assert_int_equal(consent_record(&f->c, p.ref, "phone_contact", "withdrawn", "signed", "Prefiere WhatsApp", &errs, &k),
			 DOM_OK);
	assert_string_equal(k.notice_version, "3");
	assert_int_equal(fixture_audit_actions(f, p.id, "consent_given"), 1);
	assert_int_equal(fixture_audit_actions(f, p.id, "consent_withdrawn"), 1);

	/* Bad input names each field. */
	assert_int_equal(consent_record(&f->c, p.id, "marketing", "maybe", NULL, NULL, &errs, &k), DOM_INVALID);
	assert_non_null(errors_for(&errs, "purpose"));
	assert_non_null(errors_for(&errs, "state"));
	assert_non_null(errors_for(&errs, "method"));
	errs.n = 0;
	assert_int_equal(consent_record(&f->c, "nobody", "referral", "given", "verbal", NULL, &errs, &k), DOM_NOTFOUND);

	/* Readers see the history, newest first, but may not record. */
	f->c.user = &reader;
	assert_int_equal(consent_history(&f->c, p.id, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(((struct consent *)l.items[0])->state, "withdrawn");
	assert_string_equal(consent_last(l.items, l.n, "phone_contact")->state, "withdrawn");
	assert_int_equal(consent_record(&f->c, p.id, "referral", "given", "verbal", NULL, &errs, &k), DOM_FORBIDDEN);
}

/* A merge moves the merged person's consents to the survivor, and the
 * latest statement of either record is the survivor's state. */
static void test_merge_moves_consents(void **state)
{
	struct fixture *f = *state;
	struct person a, b;
	struct errors errs = { .n = 0 };
	struct merge g;
	struct store_list l;
	fixture_register(f, fixture_named(f, "Lisbeth", "Marín", NULL, "1993-01-05"), &a);
	fixture_register(f, fixture_named(f, "Lisbeth", "Marín", "Paz", "1993-01-05"), &b);
	f->c.user = &f->admin;
	assert_int_equal(consent_record(&f->c, a.id, "reporting", "given", "signed", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(consent_record(&f->c, b.id, "reporting", "withdrawn", "verbal", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(consent_history(&f->c, a.id, &l), DOM_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(consent_last(l.items, l.n, "reporting")->state, "withdrawn");
	int yes = 1;
	assert_int_equal(consent_given(&f->c, a.id, "reporting", &yes), DOM_OK);
	assert_false(yes);
	/* A merged person takes no new consents. */
	assert_int_equal(consent_record(&f->c, b.id, "reporting", "given", "signed", NULL, &errs, NULL), DOM_CONFLICT);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_int_equal(consent_history(&f->c, a.id, &l), DOM_OK);
	assert_int_equal(l.n, 1);
}

/* Migration 0022 turns the registration form's consent scope into rows:
 * run again on a person registered with "declined". */
/* What the registration form says the person agreed to counts, as
 * migration 0022 counted it for the people registered before: the
 * profile's summary and the consents table no longer disagree, and a
 * referral the person agreed to is not refused as unrecorded. */
static void test_registration_form_counts(void **state)
{
	struct fixture *f = *state;
	struct user lex = fixture_worker(f, "lex", "caseworker", "legal");
	struct person in = fixture_named(f, "Yelitza", "Montilla", NULL, "1990-02-14"), p, q;
	struct store_list l;
	struct errors errs = { .n = 0 };
	int yes;
	in.consent_scope = "referral";
	in.consent_date = "2025-11-03";
	fixture_register(f, in, &p);
	f->c.user = &lex;
	assert_int_equal(consent_history(&f->c, p.id, &l), DOM_OK);
	assert_int_equal(l.n, 3);
	const struct consent *k = consent_last(l.items, l.n, "referral");
	assert_string_equal(k->state, "given");
	assert_null(k->method); /* as on migrated rows */
	assert_string_equal(k->id, arena_printf(f->a, "registration-%s-referral", p.id));
	assert_non_null(strstr(k->note, "03/11/2025"));
	assert_string_equal(k->recorded_at, "2025-11-03T12:00:00Z");
	assert_string_equal(consent_last(l.items, l.n, "sharing_partners")->state, "given");
	assert_null(consent_last(l.items, l.n, "reporting"));
	assert_int_equal(consent_given(&f->c, p.id, "referral", &yes), DOM_OK);
	assert_true(yes);
	/* A withdrawal recorded since prevails. */
	assert_int_equal(consent_record(&f->c, p.id, "referral", "withdrawn", "verbal", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(consent_given(&f->c, p.id, "referral", &yes), DOM_OK);
	assert_false(yes);
	/* The registration's answer stays as registered: an edit cannot give
	 * (or take back) consents without recording them. */
	struct person change = { .consent_scope = "referral_reporting" };
	f->c.user = &f->admin;
	errs.n = 0;
	assert_int_equal(person_update(&f->c, p.id, &change, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "consent_scope"));
	change = (struct person){ .consent_date = "2026-11-01" };
	errs.n = 0;
	assert_int_equal(person_update(&f->c, p.id, &change, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "consent_scope"));
	change = (struct person){ .consent_scope = "referral", .phone = "6084-3192" };
	errs.n = 0;
	assert_int_equal(person_update(&f->c, p.id, &change, &errs, NULL), DOM_OK);
	/* "declined": registration only, the rest withdrawn. */
	in = fixture_named(f, "Nelson", "Parra", NULL, "1985-07-01");
	in.consent_scope = "declined";
	in.consent_date = "2025-11-04";
	fixture_register(f, in, &q);
	f->c.user = &lex;
	assert_int_equal(consent_history(&f->c, q.id, &l), DOM_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(consent_last(l.items, l.n, "registration")->state, "given");
	assert_string_equal(consent_last(l.items, l.n, "referral")->state, "withdrawn");
	assert_null(consent_last(l.items, l.n, "phone_contact"));
}

static void test_migration_keeps_the_scope(void **state)
{
	struct fixture *f = *state;
	struct person in = fixture_named(f, "Nelly", "Ojeda", NULL, "1979-06-30"), p;
	struct store_list l;
	in.consent_scope = "declined";
	in.consent_date = "2025-03-01";
	fixture_register(f, in, &p);
	/* Later migrations stay applied: run 0022's text again by itself. */
	const struct asset *m = asset_find("migrations/0022_consent.sql");
	assert_non_null(m);
	char *sql = arena_strndup(f->a, (const char *)m->data, m->len);
	assert_int_equal(f->c.st->eng->exec(f->c.st, "DROP TABLE consents; DROP TABLE sharing_agreements"),
			 STORE_OK);
	assert_int_equal(f->c.st->eng->exec(f->c.st, sql), STORE_OK);
	f->c.user = &f->admin;
	assert_int_equal(consent_history(&f->c, p.id, &l), DOM_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(consent_last(l.items, l.n, "registration")->state, "given");
	for (size_t i = 0; i < 3; i++) {
		const struct consent *k = consent_last(l.items, l.n, (const char *[]){ "sharing_partners", "referral", "reporting" }[i]);
		assert_string_equal(k->state, "withdrawn");
		assert_string_equal(k->recorded_at, "2025-03-01T12:00:00Z");
		assert_string_equal(k->note, "migrated: consent_scope declined");
	}
	assert_null(consent_last(l.items, l.n, "phone_contact"));
}

/* A referral to a partner sharing identity, as lex. */
static int refer(struct fixture *f, const struct case_rec *k, const char *partner_id,
		 const char *override, struct errors *errs, struct referral *rf)
{
	struct referral_in in = { .case_id = k->id, .to_partner_id = partner_id, .reason = "Salud mental",
				  .consent = "1", .shared = "identity", .override_reason = override };
	errs->n = 0;
	return referral_send(&f->c, &in, errs, rf);
}

static void test_referral_enforced(void **state)
{
	struct fixture *f = *state;
	struct user lex = fixture_worker(f, "lex", "caseworker", "legal");
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	struct person p;
	struct errors errs = { .n = 0 };
	struct referral rf;
	struct store_list l;
	struct partner pin = { .name = "Clínica San Miguel", .kind = "clinic", .areas = "legal" }, clinic;
	struct sharing_agreement ain = { .purpose = "Atención en salud", .fields = "identity,contact",
					 .legal_basis = "consent", .starts_on = "2020-01-01",
					 .expires_on = "2099-12-31", .signed_by = "Director" },
				 ag;
	fixture_register(f, fixture_named(f, "Dayana", "Colmenares", NULL, "1988-10-10"), &p);
	f->c.user = &f->admin;
	assert_int_equal(partner_create(&f->c, &pin, &errs, &clinic), DOM_OK);
	struct case_rec k = fixture_case(f, &lex, p.id, "legal");

	/* Nothing recorded: refused, naming the consent and the agreement. */
	f->c.user = &lex;
	assert_int_equal(refer(f, &k, clinic.id, NULL, &errs, &rf), DOM_INVALID);
	const char *label = catalog_label(&CAT_CONSENT_PURPOSE, "referral");
	const char *unrecorded = errors_for(&errs, "consent");
	assert_non_null(strstr(unrecorded, label));
	assert_non_null(errors_for(&errs, "agreement_id"));

	/* Given and covered: sent, and the audit event names the agreement. */
	f->c.user = &f->admin;
	errs.n = 0;
	ain.partner_id = clinic.id;
	assert_int_equal(sharing_create(&f->c, &ain, &errs, &ag), DOM_OK);
	f->c.user = &lex;
	assert_int_equal(consent_record(&f->c, p.id, "referral", "given", "signed", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(consent_record(&f->c, p.id, "sharing_partners", "given", "signed", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(refer(f, &k, clinic.id, NULL, &errs, &rf), DOM_OK);
	struct store_list ev;
	assert_int_equal(store_list(f->c.st, &ENT_AUDIT, f->c.a, "entity_id", k.id, "seq", 1, 1, 0, &ev), STORE_OK);
	assert_non_null(strstr(((struct audit_event *)ev.items[0])->fields,
			       arena_printf(f->c.a, "sharing_agreement:%s", ag.id)));

	/* Withdrawn: refused from then on, with the date. */
	assert_int_equal(consent_record(&f->c, p.id, "referral", "withdrawn", "verbal", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(refer(f, &k, clinic.id, NULL, &errs, &rf), DOM_INVALID);
	assert_non_null(strstr(errors_for(&errs, "consent"), label));
	assert_string_not_equal(errors_for(&errs, "consent"), unrecorded); /* says when */
	assert_null(errors_for(&errs, "agreement_id"));

	/* A caseworker may not override; a supervisor may, with a reason,
	 * and the override is in the history without changing the state. */
	assert_int_equal(refer(f, &k, clinic.id, "Riesgo vital", &errs, &rf), DOM_INVALID);
	assert_non_null(errors_for(&errs, "override_reason"));
	f->c.user = &sup;
	assert_int_equal(refer(f, &k, clinic.id, "Riesgo vital: no se puede localizar a la persona", &errs, &rf),
			 DOM_OK);
	assert_int_equal(fixture_audit_actions(f, p.id, "consent_override"), 1);
	assert_int_equal(consent_history(&f->c, p.id, &l), DOM_OK);
	const struct consent *top = l.items[0];
	assert_string_equal(top->state, "override");
	assert_string_equal(top->purpose, "referral");
	assert_non_null(strstr(top->context, rf.ref));
	assert_string_equal(consent_last(l.items, l.n, "referral")->state, "withdrawn");

	/* An ended agreement no longer covers the referral. */
	f->c.user = &lex;
	assert_int_equal(consent_record(&f->c, p.id, "referral", "given", "verbal", NULL, &errs, NULL), DOM_OK);
	f->c.user = &f->admin;
	assert_int_equal(sharing_end(&f->c, ag.id, "Convenio vencido", &errs, NULL), DOM_OK);
	assert_int_equal(sharing_end(&f->c, ag.id, "Otra vez", &errs, NULL), DOM_CONFLICT);
	f->c.user = &lex;
	assert_int_equal(refer(f, &k, clinic.id, NULL, &errs, &rf), DOM_INVALID);
	assert_non_null(errors_for(&errs, "agreement_id"));
	assert_null(errors_for(&errs, "consent"));
}

static void test_agreement_require(void **state)
{
	struct fixture *f = *state;
	struct user lex = fixture_worker(f, "lex", "caseworker", "legal");
	struct errors errs = { .n = 0 };
	struct sharing_agreement in = { .recipient = "Billetera Móvil S.A.", .purpose = "Pagos",
					.fields = "identity,payment", .legal_basis = "contract",
					.starts_on = "2020-01-01", .expires_on = "2021-01-01",
					.signed_by = "Directora" },
				 old, got;
	/* Only administrators register; bad input names each field. */
	f->c.user = &lex;
	assert_int_equal(sharing_create(&f->c, &in, &errs, &old), DOM_FORBIDDEN);
	f->c.user = &f->admin;
	struct sharing_agreement bad = { .fields = "identity,dna", .legal_basis = "whim",
					 .starts_on = "2026-05-01", .expires_on = "2026-04-01" };
	assert_int_equal(sharing_create(&f->c, &bad, &errs, &got), DOM_INVALID);
	assert_non_null(errors_for(&errs, "recipient"));
	assert_non_null(errors_for(&errs, "purpose"));
	assert_non_null(errors_for(&errs, "fields"));
	assert_non_null(errors_for(&errs, "legal_basis"));
	assert_non_null(errors_for(&errs, "expires_on"));
	assert_non_null(errors_for(&errs, "signed_by"));
	errs.n = 0;
	assert_int_equal(sharing_create(&f->c, &in, &errs, &old), DOM_OK);

	/* Expired, not covering, unknown, none chosen: each says why. */
	assert_int_equal(sharing_require(&f->c, old.id, NULL, "identity", &errs, "agreement", &got), 1);
	assert_non_null(strstr(errors_for(&errs, "agreement"), "01/01/2021"));
	errs.n = 0;
	struct sharing_agreement now = in;
	now.expires_on = "2099-01-01";
	assert_int_equal(sharing_create(&f->c, &now, &errs, &now), DOM_OK);
	assert_int_equal(sharing_require(&f->c, now.id, NULL, "identity,contact", &errs, "agreement", &got), 1);
	assert_non_null(strstr(errors_for(&errs, "agreement"), catalog_label(&CAT_SHARED_FIELD, "contact")));
	errs.n = 0;
	assert_int_equal(sharing_require(&f->c, "nope", NULL, "identity", &errs, "agreement", &got), 1);
	errs.n = 0;
	assert_int_equal(sharing_require(&f->c, NULL, NULL, "identity", &errs, "agreement", &got), 1);
	errs.n = 0;
	assert_int_equal(sharing_require(&f->c, now.id, NULL, "payment,identity", &errs, "agreement", &got), 0);
	assert_int_equal(errs.n, 0);
	assert_int_equal(fixture_audit_actions(f, now.id, "create"), 1);
}

int main(void)
{
	support_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_last_state),
		cmocka_unit_test(test_agreement_rules),
		cmocka_unit_test_setup_teardown(test_record_and_history, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_referral_enforced, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_merge_moves_consents, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_registration_form_counts, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_migration_keeps_the_scope, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_agreement_require, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

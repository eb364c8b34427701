/* test_referral.c: referrals (referral.c): consent for external ones,
 * the allowed moves, the receiving area's inbox, opening a case on
 * accepting (or linking the one already open), overdue referrals with the
 * office's setting, permissions, restricted reasons and the audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/timeutil.h"
#include "domain/case.h"
#include "domain/case_share.h"
#include "domain/case_transfer.h"
#include "domain/flag.h"
#include "domain/merge.h"
#include "domain/office.h"
#include "domain/user.h"
#include "domain/partner.h"
#include "domain/referral.h"
#include "domain/settings.h"
#include "domain/consent.h"
#include "domain/sharing.h"
#include "support.h"

/* Who works in the tests: a legal and a psychosocial caseworker, one of
 * livelihoods, and a supervisor. */
struct team {
	struct user lex, psy, live, sup;
};

static struct team team(struct fixture *f)
{
	return (struct team){
		.lex = fixture_worker(f, "lex", "caseworker", "legal"),
		.psy = fixture_worker(f, "psy", "caseworker", "psychosocial"),
		.live = fixture_worker(f, "live", "caseworker", "livelihoods"),
		.sup = fixture_worker(f, "sup", "supervisor", NULL),
	};
}

static struct case_rec open_case_as(struct fixture *f, const struct user *u, const char *area,
				    struct person *p)
{
	struct errors errs = { .n = 0 };
	struct case_rec k;
	const struct user *saved = f->c.user;
	fixture_register(f, fixture_named(f, "Yulimar", "Castillo", NULL, "1990-07-12"), p);
	f->c.user = u;
	assert_int_equal(case_open(&f->c, p->id, area, NULL, &errs, &k), DOM_OK);
	f->c.user = saved;
	return k;
}

static struct partner partner(struct fixture *f, const char *name, int active)
{
	struct errors errs = { .n = 0 };
	struct partner in = { .name = arena_strdup(f->a, name), .kind = arena_strdup(f->a, "clinic"),
			      .areas = arena_strdup(f->a, "psychosocial") },
		       out;
	const struct user *saved = f->c.user;
	f->c.user = &f->admin;
	assert_int_equal(partner_create(&f->c, &in, &errs, &out), DOM_OK);
	if (!active)
		assert_int_equal(partner_set_active(&f->c, out.id, 0, &out), DOM_OK);
	f->c.user = saved;
	return out;
}

/* The person gives consent for referral and sharing with partners, and
 * the administrator registers an agreement with partner_id covering what
 * the referrals of these tests share (docs/consent.md). */
static void consent_and_agreement(struct fixture *f, const char *person_id, const char *partner_id)
{
	struct errors errs = { .n = 0 };
	const struct user *saved = f->c.user;
	struct sharing_agreement a = { .partner_id = (char *)partner_id, .purpose = "Remisiones",
				       .fields = "identity,contact,case_summary", .legal_basis = "consent",
				       .starts_on = "2020-01-01", .expires_on = "2099-12-31",
				       .signed_by = "Directora" };
	f->c.user = &f->admin;
	assert_int_equal(consent_record(&f->c, person_id, "referral", "given", "signed", NULL, &errs, NULL), DOM_OK);
	assert_int_equal(consent_record(&f->c, person_id, "sharing_partners", "given", "signed", NULL, &errs, NULL),
			 DOM_OK);
	assert_int_equal(sharing_create(&f->c, &a, &errs, NULL), DOM_OK);
	f->c.user = saved;
}

/* An internal referral of k to area by u. */
static struct referral refer(struct fixture *f, const struct user *u, const struct case_rec *k,
			     const char *area)
{
	struct errors errs = { .n = 0 };
	struct referral rf;
	struct referral_in in = { .case_id = k->id, .to_area = area,
				  .reason = "Síntomas de ansiedad tras la entrevista de elegibilidad",
				  .urgency = "priority", .shared = "contact identity" };
	f->c.user = u;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_OK);
	return rf;
}

static void test_external_needs_consent_and_active_partner(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct person p;
	struct case_rec k = open_case_as(f, &t.lex, "legal", &p);
	struct partner clinic = partner(f, "Clínica comunitaria", 1);
	struct partner old = partner(f, "Albergue cerrado", 0);
	struct errors errs = { .n = 0 };
	struct referral rf;
	struct referral_in in = { .case_id = k.ref, .to_partner_id = clinic.id,
				  .reason = "Atención médica", .consent = "0" };

	f->c.user = &t.lex;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_INVALID);
	assert_non_null(errors_for(&errs, "consent"));
	assert_int_equal(errs.n, 1);
	in.consent = NULL; /* no answer is no consent */
	errs.n = 0;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_INVALID);
	assert_non_null(errors_for(&errs, "consent"));
	in.consent = "1";
	in.to_partner_id = old.id;
	errs.n = 0;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_INVALID);
	assert_non_null(errors_for(&errs, "to_partner_id"));
	long long n;
	assert_int_equal(store_count(f->c.st, &ENT_REFERRAL, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0); /* nothing refused was stored */

	in.to_partner_id = clinic.id;
	in.shared = "case_summary,identity";
	errs.n = 0;
	/* Refused until the person's consents are recorded and an agreement
	 * with the partner covers what is shared. */
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_INVALID);
	assert_non_null(errors_for(&errs, "consent"));
	assert_non_null(errors_for(&errs, "agreement_id"));
	consent_and_agreement(f, p.id, clinic.id);
	errs.n = 0;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_OK);
	assert_string_equal(rf.ref, "R-000001");
	assert_string_equal(rf.status, "sent");
	assert_string_equal(rf.urgency, "routine");
	assert_string_equal(rf.shared, "identity,case_summary"); /* catalogue order */
	assert_string_equal(rf.from_area, "legal");
	assert_string_equal(rf.person_id, p.id);
	assert_null(rf.to_area);
	assert_int_equal(fixture_audit_actions(f, k.id, "refer"), 1);
}

static void test_bad_targets(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct person p;
	struct case_rec k = open_case_as(f, &t.lex, "legal", &p);
	struct partner clinic = partner(f, "Clínica", 1);
	struct errors errs = { .n = 0 };
	struct referral rf;
	struct referral_in in = { .case_id = k.id, .to_area = "legal", .reason = "x" };

	f->c.user = &t.lex;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_INVALID);
	assert_non_null(errors_for(&errs, "to_area")); /* its own area */
	in.to_partner_id = clinic.id;
	in.to_area = "psychosocial";
	errs.n = 0;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_INVALID);
	assert_non_null(errors_for(&errs, "to_area")); /* both */
	in.to_partner_id = NULL;
	in.reason = "   ";
	in.urgency = "tomorrow";
	in.shared = "identity,secrets";
	errs.n = 0;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_INVALID);
	assert_non_null(errors_for(&errs, "reason"));
	assert_non_null(errors_for(&errs, "urgency"));
	assert_non_null(errors_for(&errs, "shared"));
	/* Only those who may work on the case refer it. */
	in = (struct referral_in){ .case_id = k.id, .to_area = "psychosocial", .reason = "x" };
	f->c.user = &t.live;
	errs.n = 0;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_FORBIDDEN);
	/* A closed case refers nobody. */
	f->c.user = &t.lex;
	assert_int_equal(case_set_status(&f->c, k.id, "closed", "goals_met", &errs, NULL), DOM_OK);
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_CONFLICT);
}

static void test_moves_and_permissions(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct person p;
	struct case_rec k = open_case_as(f, &t.lex, "legal", &p);
	struct referral a = refer(f, &t.lex, &k, "psychosocial"), b, out;
	struct errors errs = { .n = 0 };

	/* The sender answers not its own internal referral; the receiving
	 * area does. */
	assert_int_equal(referral_accept(&f->c, a.id, NULL, 0, &errs, &out), DOM_FORBIDDEN);
	f->c.user = &t.live;
	assert_int_equal(referral_accept(&f->c, a.id, NULL, 0, &errs, &out), DOM_FORBIDDEN);
	f->c.user = &t.psy;
	assert_int_equal(referral_complete(&f->c, a.id, NULL, &errs, &out), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "status"));
	errs.n = 0;
	assert_int_equal(referral_accept(&f->c, a.ref, "La vemos el jueves", 0, &errs, &out), DOM_OK);
	assert_string_equal(out.status, "accepted");
	assert_string_equal(out.answered_by, t.psy.id);
	assert_string_equal(out.answer_note, "La vemos el jueves");
	assert_non_null(out.answered_at);
	assert_null(out.received_case_id);
	assert_int_equal(referral_decline(&f->c, a.id, "no", &errs, &out), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(referral_accept(&f->c, a.id, NULL, 0, &errs, &out), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(referral_complete(&f->c, a.id, "Cinco sesiones; mejoró", &errs, &out), DOM_OK);
	assert_string_equal(out.status, "completed");
	assert_string_equal(out.feedback, "Cinco sesiones; mejoró");
	assert_string_equal(out.completed_by, t.psy.id);
	assert_int_equal(referral_complete(&f->c, a.id, NULL, &errs, &out), DOM_CONFLICT);

	/* Declining needs a reason; a supervisor may answer any area. */
	b = refer(f, &t.lex, &k, "livelihoods");
	f->c.user = &t.sup;
	errs.n = 0;
	assert_int_equal(referral_decline(&f->c, b.id, " ", &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "note"));
	errs.n = 0;
	assert_int_equal(referral_decline(&f->c, b.id, "Sin cupos este mes", &errs, &out), DOM_OK);
	assert_string_equal(out.status, "declined");
	assert_int_equal(referral_complete(&f->c, b.id, NULL, &errs, &out), DOM_CONFLICT);
	assert_int_equal(fixture_audit_actions(f, k.id, "referral_accept"), 1);
	assert_int_equal(fixture_audit_actions(f, k.id, "referral_complete"), 1);
	assert_int_equal(fixture_audit_actions(f, k.id, "referral_decline"), 1);
	/* The log names fields, never the words of a note. */
	struct store_list l;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", k.id, "seq", 0, 500, 0, &l),
			 STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *ev = l.items[i];
		assert_null(ev->fields ? strstr(ev->fields, "cupos") : NULL);
		assert_null(ev->fields ? strstr(ev->fields, "jueves") : NULL);
	}
}

static void test_external_answers_recorded_by_sender(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct person p;
	struct case_rec k = open_case_as(f, &t.lex, "legal", &p);
	struct partner clinic = partner(f, "Clínica", 1);
	struct errors errs = { .n = 0 };
	struct referral rf, out;
	struct referral_in in = { .case_id = k.id, .to_partner_id = clinic.id, .reason = "Salud",
				  .consent = "1" };
	consent_and_agreement(f, p.id, clinic.id);
	f->c.user = &t.lex;
	assert_int_equal(referral_send(&f->c, &in, &errs, &rf), DOM_OK);
	/* Another area cannot record the partner's answer; the sender can,
	 * but opens no case for a partner. */
	f->c.user = &t.psy;
	assert_int_equal(referral_accept(&f->c, rf.id, NULL, 0, &errs, &out), DOM_FORBIDDEN);
	f->c.user = &t.lex;
	assert_int_equal(referral_accept(&f->c, rf.id, NULL, 1, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "open_case"));
	errs.n = 0;
	assert_int_equal(referral_accept(&f->c, rf.id, "Cita el 3 de marzo", 0, &errs, &out), DOM_OK);
	assert_string_equal(out.status, "accepted");
}

static void test_accept_opens_or_links_a_case(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct person p;
	struct case_rec k = open_case_as(f, &t.lex, "legal", &p), got;
	struct referral a = refer(f, &t.lex, &k, "psychosocial"), out;
	struct errors errs = { .n = 0 };

	f->c.user = &t.psy;
	assert_int_equal(referral_accept(&f->c, a.id, NULL, 1, &errs, &out), DOM_OK);
	assert_non_null(out.received_case_id);
	assert_int_equal(case_load(&f->c, out.received_case_id, &got), DOM_OK);
	assert_string_equal(got.area, "psychosocial");
	assert_string_equal(got.person_id, p.id);
	assert_string_equal(got.assigned_to, t.psy.id); /* the accepting user */
	assert_int_equal(fixture_audit_actions(f, got.id, "open"), 1);
	assert_int_equal(fixture_audit_actions(f, got.id, "referral_accept"), 1);
	assert_int_equal(fixture_audit_actions(f, k.id, "referral_accept"), 1);

	/* A second referral to the same area links the case already open. */
	struct referral b = refer(f, &t.lex, &k, "psychosocial");
	f->c.user = &t.psy;
	assert_int_equal(referral_accept(&f->c, b.id, NULL, 1, &errs, &out), DOM_OK);
	assert_string_equal(out.received_case_id, got.id);
	long long n;
	struct store_filter w[2] = { { "person_id", p.id }, { "area", "psychosocial" } };
	assert_int_equal(store_count_where(f->c.st, &ENT_CASE, w, 2, &n), STORE_OK);
	assert_int_equal(n, 1);

	/* The received case lists the referral too. */
	struct store_list l;
	struct referral_filter rfl = { .case_id = got.id };
	assert_int_equal(referral_list(&f->c, &rfl, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
}

static void test_inbox_and_restricted_reason(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct person p;
	struct case_rec k = open_case_as(f, &t.lex, "legal", &p);
	struct referral a = refer(f, &t.lex, &k, "psychosocial");
	refer(f, &t.lex, &k, "livelihoods");
	struct errors errs = { .n = 0 };
	struct store_list l;
	struct referral_filter in = { .direction = "incoming" }, out = { .direction = "outgoing" };

	f->c.user = &t.psy;
	assert_int_equal(referral_list(&f->c, &in, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	struct referral *got = l.items[0];
	assert_string_equal(got->id, a.id);
	assert_false(got->reason_restricted); /* the receiving area reads it */
	assert_non_null(got->reason);
	assert_int_equal(referral_pending_count(&f->c), 1);
	/* The administrator receives every area: both, as its inbox lists. */
	f->c.user = &f->admin;
	assert_int_equal(referral_list(&f->c, &in, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	assert_int_equal(referral_pending_count(&f->c), 2);

	/* Livelihoods sees its own referral, not psychosocial's; the legal
	 * reason is withheld from it in any list. */
	f->c.user = &t.live;
	assert_int_equal(referral_list(&f->c, &in, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(((struct referral *)l.items[0])->to_area, "livelihoods");
	struct referral_filter all = { .area = "psychosocial" };
	assert_int_equal(referral_list(&f->c, &all, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	got = l.items[0];
	assert_true(got->reason_restricted);
	assert_null(got->reason);
	struct referral one;
	assert_int_equal(referral_get(&f->c, a.ref, &one), DOM_OK);
	assert_true(one.reason_restricted);

	/* The sender's outgoing list holds both; a supervisor's inbox all. */
	f->c.user = &t.lex;
	assert_int_equal(referral_list(&f->c, &out, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	f->c.user = &t.sup;
	assert_int_equal(referral_list(&f->c, &in, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	/* A second one to psychosocial, from another case: the administrator
	 * (who counts by area, seeing every office) and psy count both. */
	struct person p2;
	struct case_rec k2 = open_case_as(f, &t.lex, "legal", &p2);
	refer(f, &t.lex, &k2, "psychosocial");
	f->c.user = &f->admin;
	assert_int_equal(referral_pending_count(&f->c), 3);
	f->c.user = &t.psy;
	assert_int_equal(referral_pending_count(&f->c), 2);
	struct referral_filter bad = { .direction = "sideways", .status = "lost" };
	assert_int_equal(referral_list(&f->c, &bad, 50, 0, &errs, &l), DOM_INVALID);
	assert_non_null(errors_for(&errs, "direction"));
	assert_non_null(errors_for(&errs, "status"));
}

/* An SGBV flag on a livelihoods case restricts its referral's reason as
 * on a psychosocial or legal case: the receiving area still reads it. */
static void test_sgbv_flag_restricts_the_reason(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct user assist = fixture_worker(f, "assist", "assistance", "assistance");
	/* Without the sgbv grant (docs/access.md). */
	struct user com = fixture_worker(f, "com", "community", "community");
	struct person p;
	struct case_rec k = open_case_as(f, &t.live, "livelihoods", &p);
	struct referral rf = refer(f, &t.live, &k, "assistance"), one;
	struct errors errs = { .n = 0 };

	f->c.user = &com;
	assert_int_equal(referral_get(&f->c, rf.id, &one), DOM_OK);
	assert_false(one.reason_restricted); /* livelihoods: not sensitive */
	f->c.user = &t.live;
	assert_int_equal(flag_raise(&f->c, p.id, "sgbv_survivor", "Sobreviviente", k.id, &errs, NULL),
			 DOM_OK);
	f->c.user = &com;
	assert_int_equal(referral_get(&f->c, rf.id, &one), DOM_OK);
	assert_true(one.reason_restricted);
	assert_null(one.reason);
	f->c.user = &assist;
	assert_int_equal(referral_get(&f->c, rf.id, &one), DOM_OK);
	assert_false(one.reason_restricted);
}

/* Referrals belong to the sending case's office: the receiving area of
 * another office neither sees nor answers them, and accepting opens the
 * case in the sending case's office. */
static void test_offices(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct errors errs = { .n = 0 };
	struct office o;
	struct user dar;
	assert_int_equal(office_create(&f->c, "DAR", "Darién", &errs, &o), DOM_OK);
	f->c.user = NULL;
	assert_int_equal(user_create(&f->c, "beto", "beto", "caseworker", "psychosocial", "dar",
				     TEST_PASSWORD, &errs, &dar),
			 DOM_OK);
	f->c.user = &f->admin;
	struct person p;
	struct case_rec k = open_case_as(f, &t.lex, "legal", &p), got;
	struct referral rf = refer(f, &t.lex, &k, "psychosocial"), one;
	struct store_list l;
	struct referral_filter in = { .direction = "incoming" };

	f->c.user = &dar;
	assert_int_equal(referral_get(&f->c, rf.id, &one), DOM_NOTFOUND);
	assert_int_equal(referral_list(&f->c, &in, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 0);
	assert_int_equal(referral_pending_count(&f->c), 0);
	assert_int_equal(referral_accept(&f->c, rf.id, NULL, 1, &errs, &one), DOM_NOTFOUND);
	f->c.user = &t.psy;
	assert_int_equal(referral_pending_count(&f->c), 1);
	assert_int_equal(referral_accept(&f->c, rf.id, NULL, 1, &errs, &one), DOM_OK);
	assert_int_equal(case_load(&f->c, one.received_case_id, &got), DOM_OK);
	assert_string_equal(got.office, k.office);
}

/* The badge counts a referral where its case is (referrals.office, 0029):
 * a transfer to another office moves it to that office's users, and a
 * case shared with a user of the first office counts for her again. */
static void test_badge_follows_the_case(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct errors errs = { .n = 0 };
	struct office o;
	struct user beto, dlex;
	struct case_transfer tr;
	struct case_share sh;
	char until[32];
	assert_int_equal(office_create(&f->c, "DAR", "Darién", &errs, &o), DOM_OK);
	f->c.user = NULL;
	assert_int_equal(user_create(&f->c, "beto", "beto", "caseworker", "psychosocial", "dar",
				     TEST_PASSWORD, &errs, &beto),
			 DOM_OK);
	assert_int_equal(user_create(&f->c, "dlex", "dlex", "caseworker", "legal", "dar",
				     TEST_PASSWORD, &errs, &dlex),
			 DOM_OK);
	f->c.user = &f->admin;
	struct person p;
	struct case_rec k = open_case_as(f, &t.lex, "legal", &p);
	struct referral rf = refer(f, &t.lex, &k, "psychosocial");
	assert_string_equal(rf.office, k.office);
	f->c.user = &t.psy;
	assert_int_equal(referral_pending_count(&f->c), 1);
	f->c.user = &beto;
	assert_int_equal(referral_pending_count(&f->c), 0);

	/* Darién takes the case, and its referral with it. */
	f->c.user = &t.lex;
	assert_int_equal(case_transfer_send(&f->c, k.id, "dar", "Se mudó a Metetí", 1, "services",
					    &errs, &tr),
			 DOM_OK);
	f->c.user = &dlex;
	assert_int_equal(case_transfer_decide(&f->c, tr.id, 1, NULL, &errs, NULL), DOM_OK);
	struct referral moved;
	assert_int_equal(store_get(f->c.st, &ENT_REFERRAL, f->a, "id", rf.id, &moved), STORE_OK);
	assert_string_equal(moved.office, "dar");
	f->c.user = &beto;
	assert_int_equal(referral_pending_count(&f->c), 1);
	f->c.user = &t.psy;
	assert_int_equal(referral_pending_count(&f->c), 0);
	f->c.user = &f->admin;
	assert_int_equal(referral_pending_count(&f->c), 1);

	/* Shared with psy, of the first office: hers to count again, once.
	 * Shared with live (livelihoods) too: not his area's to answer. And
	 * with beto, who sees Darién already: still once. */
	time_iso_after(30 * 86400, until);
	until[10] = 0;
	struct case_share other;
	f->c.user = &dlex;
	assert_int_equal(case_share_add(&f->c, k.id, "psy", "read", until, &errs, &sh), DOM_OK);
	assert_int_equal(case_share_add(&f->c, k.id, "live", "read", until, &errs, &other), DOM_OK);
	assert_int_equal(case_share_add(&f->c, k.id, "beto", "read", until, &errs, &other), DOM_OK);
	f->c.user = &t.psy;
	assert_int_equal(referral_pending_count(&f->c), 1);
	f->c.user = &t.live;
	assert_int_equal(referral_pending_count(&f->c), 0);
	f->c.user = &beto;
	assert_int_equal(referral_pending_count(&f->c), 1);
	f->c.user = &dlex;
	assert_int_equal(case_share_revoke(&f->c, k.id, sh.id), DOM_OK);
	f->c.user = &t.psy;
	assert_int_equal(referral_pending_count(&f->c), 0);
}

/* Moves a referral's sent_at days into the past, straight in the store. */
static void age(struct fixture *f, const char *id, int days)
{
	struct referral rf;
	char then[32];
	assert_int_equal(store_get(f->c.st, &ENT_REFERRAL, f->a, "id", id, &rf), STORE_OK);
	time_iso_after(-(int64_t)days * 86400, then);
	rf.sent_at = then;
	assert_int_equal(store_update(f->c.st, &ENT_REFERRAL, &rf), STORE_OK);
}

static void test_overdue_follows_the_setting(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct person p;
	struct case_rec k = open_case_as(f, &t.lex, "legal", &p);
	struct referral a = refer(f, &t.lex, &k, "psychosocial");
	struct referral b = refer(f, &t.lex, &k, "livelihoods");
	struct errors errs = { .n = 0 };
	struct store_list l;
	struct referral_filter overdue = { .overdue = "1" };
	struct referral one;

	age(f, a.id, 5);
	f->c.user = &t.sup;
	assert_int_equal(referral_list(&f->c, &overdue, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 0); /* 5 days < 7, the default */
	f->c.user = &f->admin;
	assert_int_equal(settings_set(&f->c, "referral_overdue_days", "3", &errs), DOM_OK);
	f->c.user = &t.sup;
	assert_int_equal(referral_list(&f->c, &overdue, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(((struct referral *)l.items[0])->id, a.id);
	assert_true(((struct referral *)l.items[0])->overdue);
	assert_int_equal(referral_get(&f->c, b.id, &one), DOM_OK);
	assert_false(one.overdue);

	struct referral_count *counts;
	size_t n;
	assert_int_equal(referral_overdue_counts(&f->c, "sent_by", NULL, &counts, &n), DOM_OK);
	assert_int_equal(n, 1);
	assert_string_equal(counts[0].key, t.lex.id);
	assert_int_equal(counts[0].n, 1);
	assert_int_equal(referral_overdue_counts(&f->c, "to_area", NULL, &counts, &n), DOM_OK);
	assert_string_equal(counts[0].key, "psychosocial");
	assert_int_equal(referral_overdue_counts(&f->c, "sent_by", "psychosocial", &counts, &n), DOM_OK);
	assert_int_equal(n, 0); /* lex's referral is from legal */
	assert_int_equal(referral_overdue_counts(&f->c, "reason", NULL, &counts, &n), DOM_INVALID);
	f->c.user = &t.lex;
	assert_int_equal(referral_overdue_counts(&f->c, "sent_by", NULL, &counts, &n), DOM_FORBIDDEN);

	/* An answer ends it. */
	f->c.user = &t.psy;
	assert_int_equal(referral_decline(&f->c, a.id, "Sin cupo", &errs, &one), DOM_OK);
	assert_false(one.overdue);
	assert_int_equal(referral_list(&f->c, &overdue, 50, 0, &errs, &l), DOM_OK);
	assert_int_equal(l.total, 0);
}

/* A merge moves the other record's referrals to the survivor. */
static void test_merge_moves_referrals(void **state)
{
	struct fixture *f = *state;
	struct team t = team(f);
	struct person a, b;
	struct case_rec ka = open_case_as(f, &t.lex, "legal", &a);
	(void)ka;
	struct case_rec kb = open_case_as(f, &t.psy, "psychosocial", &b);
	struct referral rf = refer(f, &t.psy, &kb, "legal");
	struct errors errs = { .n = 0 };
	struct merge g;
	struct referral got;
	f->c.user = &f->admin;
	assert_int_equal(merge_people(&f->c, a.id, b.id, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(store_get(f->c.st, &ENT_REFERRAL, f->a, "id", rf.id, &got), STORE_OK);
	assert_string_equal(got.person_id, a.id);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_external_needs_consent_and_active_partner),
		T(test_bad_targets),
		T(test_moves_and_permissions),
		T(test_external_answers_recorded_by_sender),
		T(test_accept_opens_or_links_a_case),
		T(test_inbox_and_restricted_reason),
		T(test_sgbv_flag_restricts_the_reason),
		T(test_offices),
		T(test_badge_follows_the_case),
		T(test_overdue_follows_the_setting),
		T(test_merge_moves_referrals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

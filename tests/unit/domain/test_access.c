/* test_access.c: need-to-know grants (auth.c, case.c, flag.c,
 * user_grants.c; docs/access.md): which grant each sensitive read needs,
 * the case's own caseworker, no grant implied by a role, and setting
 * grants (checked, normalised, audited). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/auth.h"
#include "domain/case.h"
#include "domain/flag.h"
#include "domain/person.h"
#include "domain/service.h"
#include "domain/user.h"
#include "support.h"

/* A user of role with the grants list, in memory (no store): one of a
 * pool that lasts the test program. */
static struct user *with(const char *role, const char *areas, const char *grants)
{
	static struct user pool[64];
	static size_t used;
	assert_true(used < 64);
	pool[used] = (struct user){ .id = "u-other", .role = (char *)role, .areas = (char *)areas,
				    .grants = (char *)grants, .disabled = "0" };
	return &pool[used++];
}

static void test_grant_rules(void **state)
{
	(void)state;
	struct case_rec psy = { .area = "psychosocial", .assigned_to = "u-psy" };
	struct case_rec legal = { .area = "legal", .assigned_to = "u-lex" };
	struct case_rec liv = { .area = "livelihoods", .assigned_to = "u-liv" };
	struct user admin = *with("admin", NULL, NULL), sup = *with("supervisor", NULL, NULL);
	struct user mh = *with("caseworker", "psychosocial", "mental_health");
	struct user area_only = *with("caseworker", "psychosocial", NULL);
	struct user all = *with("supervisor", NULL, "sgbv,mental_health,torture,asylum_narrative");
	struct user own = *with("caseworker", "livelihoods", NULL);
	own.id = "u-psy";

	/* No role implies a grant: administrators and supervisors without
	 * one, and the area's users, are refused the psychosocial notes. */
	assert_false(case_may_read_notes(&admin, &psy));
	assert_false(case_may_read_notes(&sup, &psy));
	assert_false(case_may_read_notes(&area_only, &psy));
	assert_false(case_may_read_health(&area_only, &liv));
	assert_true(case_may_read_notes(&mh, &psy));
	assert_true(case_may_read_health(&mh, &liv));
	assert_false(case_may_read_notes(&mh, &legal));
	assert_false(case_may_read_narrative(&mh, &legal));
	assert_true(case_may_read_narrative(&all, &legal));
	/* The case's own caseworker reads its notes without a grant. */
	assert_true(case_may_read_notes(&own, &psy));
	assert_true(case_may_read_health(&own, &psy));
	assert_false(case_may_read_notes(&own, &legal));
	/* Livelihoods notes need no grant, until an SGBV or torture flag
	 * covers the case: then its grant too. */
	assert_true(case_may_read_notes(&area_only, &liv));
	liv.sgbv = 1;
	assert_int_equal(case_note_grants(&liv), GRANT_BIT(GRANT_SGBV));
	assert_false(case_may_read_notes(&area_only, &liv));
	assert_false(case_may_read_notes(&mh, &liv));
	assert_true(case_may_read_notes(&all, &liv));
	liv.sgbv = 0;
	liv.torture = 1;
	struct user sgbv_only = *with("caseworker", NULL, "sgbv");
	assert_false(case_may_read_notes(&sgbv_only, &liv));
	assert_true(case_may_read_notes(with("caseworker", NULL, "torture"), &liv));
	/* A psychosocial case under an SGBV flag needs both grants. */
	psy.sgbv = 1;
	assert_false(case_may_read_notes(&mh, &psy));
	assert_false(case_may_read_notes(&sgbv_only, &psy));
	assert_true(case_may_read_notes(with("caseworker", NULL, "mental_health,sgbv"), &psy));
	/* A disabled user holds nothing; the ethics officer reads no case. */
	struct user off = all;
	off.disabled = "1";
	assert_false(auth_has_grants(&off, GRANT_BIT(GRANT_SGBV)));
	assert_false(case_may_read_notes(with("ethics", NULL, "sgbv,mental_health"), &psy));
	/* The ethics channel: its grant, not the role. */
	assert_false(auth_may_read_ethics(with("ethics", NULL, NULL)));
	assert_true(auth_may_read_ethics(with("ethics", NULL, "ethics")));
	assert_false(auth_may_read_ethics(&admin));
	/* A grant is matched whole, not as a prefix. */
	assert_false(auth_has_grants(with("caseworker", NULL, "mental"), GRANT_BIT(GRANT_MENTAL_HEALTH)));
}

static void test_flags_need_their_grant(void **state)
{
	(void)state;
	struct flag sgbv = { .type = "sgbv_survivor", .raised_by = "u-x" };
	struct flag torture = { .type = "torture_survivor", .raised_by = "u-x", .case_id = "k1" };
	struct flag phone = { .type = "no_phone_contact", .raised_by = "u-x" };
	struct case_rec k = { .id = "k1", .area = "legal", .assigned_to = "u-lex" };
	struct user sup = *with("supervisor", NULL, NULL), lex = *with("caseworker", "legal", NULL);
	lex.id = "u-lex";

	assert_true(flag_type_sensitive("torture_survivor"));
	assert_true(flag_may_see(&sup, &phone, NULL));
	assert_false(flag_may_see(&sup, &sgbv, NULL));
	assert_true(flag_may_see(with("supervisor", NULL, "sgbv"), &sgbv, NULL));
	assert_false(flag_may_see(with("supervisor", NULL, "sgbv"), &torture, &k));
	assert_true(flag_may_see(with("readonly", NULL, "torture"), &torture, &k));
	/* The case's caseworker sees a flag on that case, not one on the person. */
	assert_true(flag_may_see(&lex, &torture, &k));
	assert_false(flag_may_see(&lex, &sgbv, NULL));
}

static void test_set_grants(void **state)
{
	struct fixture *f = *state;
	struct user u, reader;
	struct errors errs = { .n = 0 };
	fixture_user(f, "nora", "caseworker", &u);
	fixture_user(f, "rita", "readonly", &reader);
	long long before = fixture_audit_count(f, u.id);

	assert_int_equal(user_set_grants(&f->c, "nora", "mental_health, sgbv,sgbv", &errs), DOM_OK);
	assert_int_equal(user_find(&f->c, "nora", &u), DOM_OK);
	assert_string_equal(u.grants, "sgbv,mental_health");
	assert_int_equal(fixture_audit_actions(f, u.id, "grants"), 1);
	assert_int_equal(fixture_audit_count(f, u.id), before + 1);
	/* An unknown grant changes nothing and names the field. */
	assert_int_equal(user_set_grants(&f->c, "nora", "sgbv,everything", &errs), DOM_INVALID);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.e[0].field, "grants");
	assert_int_equal(user_find(&f->c, "nora", &u), DOM_OK);
	assert_string_equal(u.grants, "sgbv,mental_health");
	/* Only administrators give grants; unknown users are not found. */
	f->c.user = &reader;
	assert_int_equal(user_set_grants(&f->c, "nora", "", &errs), DOM_FORBIDDEN);
	f->c.user = &f->admin;
	assert_int_equal(user_set_grants(&f->c, "nobody", "sgbv", &errs), DOM_NOTFOUND);
	assert_int_equal(user_set_grants(&f->c, "nora", "", &errs), DOM_OK);
	assert_int_equal(user_find(&f->c, "nora", &u), DOM_OK);
	assert_false(auth_has_grants(&u, GRANT_BIT(GRANT_SGBV)));
}

/* Through the store: a psychosocial note, its area's user without the
 * grant, and the same user once given it. */
static void test_notes_follow_grants(void **state)
{
	struct fixture *f = *state;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user nora = fixture_worker(f, "nora", "caseworker", "livelihoods");
	struct person p;
	struct errors errs = { .n = 0 };
	struct service s = { .type = "emotional_support", .date = "2026-03-01", .notes = "Nota" }, got;
	struct case_rec k, seen;
	fixture_register(f, fixture_named(f, "Dalia", "Ureña", NULL, "1990-01-01"), &p);
	k = fixture_case(f, &psy, p.id, "psychosocial");
	f->c.user = &psy;
	assert_int_equal(service_record(&f->c, k.id, &s, &errs, &s), DOM_OK);

	nora.areas = "psychosocial"; /* the area alone opens nothing */
	f->c.user = &nora;
	assert_int_equal(case_load(&f->c, k.id, &seen), DOM_OK);
	assert_int_equal(service_get(&f->c, &seen, s.id, &got), DOM_FORBIDDEN);
	nora.grants = "mental_health";
	assert_int_equal(service_get(&f->c, &seen, s.id, &got), DOM_OK);
	assert_string_equal(got.notes, "Nota");
}

/* The managers' reduced view: the case, the person by reference only,
 * no note of any area, no flag. */
static void test_reduced_view(void **state)
{
	struct fixture *f = *state;
	struct user liv = fixture_worker(f, "liv", "caseworker", "livelihoods");
	struct user boss = fixture_worker(f, "boss", "manager", NULL);
	struct person p, seen;
	struct case_rec k, got;
	struct store_list l;
	struct person in = fixture_named(f, "Leonor", "Bethancourt", NULL, "1988-04-02");
	in.phone = "+507 6123-4567";
	fixture_register(f, in, &p);
	k = fixture_case(f, &liv, p.id, "livelihoods");
	boss.grants = FIXTURE_ALL_GRANTS; /* grants do not widen the reduced view */

	f->c.user = &boss;
	assert_true(auth_reduced(&boss));
	assert_int_equal(case_get(&f->c, k.ref, &got), DOM_OK);
	assert_false(case_may_read_notes(&boss, &got));
	assert_false(case_may_read_health(&boss, &got));
	assert_int_equal(case_person(&f->c, &got, &seen), DOM_OK);
	assert_string_equal(seen.given_names, p.ref);
	assert_null(seen.surname1);
	assert_null(seen.phone);
	assert_string_equal(seen.birth_date, "1988");
	assert_int_equal(person_get(&f->c, p.id, &seen), DOM_FORBIDDEN);
	assert_int_equal(person_search(&f->c, "Bethancourt", 10, 0, &l), DOM_FORBIDDEN);
	struct flag fl = { .type = "no_phone_contact", .raised_by = liv.id };
	assert_false(flag_may_see(&boss, &fl, &got));
	/* Others read the person whole. */
	f->c.user = &liv;
	assert_int_equal(case_person(&f->c, &got, &seen), DOM_OK);
	assert_string_equal(seen.surname1, "Bethancourt");
}

int main(void)
{
	support_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grant_rules),
		cmocka_unit_test(test_flags_need_their_grant),
		cmocka_unit_test_setup_teardown(test_set_grants, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_notes_follow_grants, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_reduced_view, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_flag.c: flags (flag.c): who sees which, raising and lifting, the
 * SGBV restriction of a case's notes, merges, and the audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/case.h"
#include "domain/flag.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "domain/service.h"
#include "support.h"

/* The people and users every test uses. */
struct cast {
	struct user psy, liv, com, sup, reader;
	struct person p;
};

static struct cast cast(struct fixture *f)
{
	struct cast c = {
		.psy = fixture_worker(f, "psy", "caseworker", "psychosocial"),
		.liv = fixture_worker(f, "liv", "caseworker", "livelihoods"),
		.com = fixture_worker(f, "com", "community", "community"),
		.sup = fixture_worker(f, "sup", "supervisor", NULL),
		.reader = fixture_worker(f, "reader", "readonly", NULL),
	};
	fixture_register(f, fixture_named(f, "Marisol", "Quintero", NULL, "1991-07-12"), &c.p);
	return c;
}

static struct flag raise_as(struct fixture *f, const struct user *u, const char *person_id,
			    const char *type, const char *case_id)
{
	struct errors errs = { .n = 0 };
	struct flag out;
	f->c.user = u;
	assert_int_equal(flag_raise(&f->c, person_id, type, "Amenazas del expareja en la comunidad",
				    case_id, &errs, &out),
			 DOM_OK);
	return out;
}

static struct case_rec open_as(struct fixture *f, const struct user *u, const char *person_id,
			       const char *area)
{
	struct errors errs = { .n = 0 };
	struct case_rec k;
	f->c.user = u;
	assert_int_equal(case_open(&f->c, person_id, area, NULL, &errs, &k), DOM_OK);
	return k;
}

/* How many of person_id's flags u sees (active ones, or all). */
static size_t seen_by(struct fixture *f, const struct user *u, const char *person_id, int active)
{
	struct store_list l;
	f->c.user = u;
	assert_int_equal(flag_list(&f->c, person_id, NULL, active, &l), DOM_OK);
	return l.n;
}

static void test_visibility(void **state)
{
	struct fixture *f = *state;
	struct cast c = cast(f);
	struct flag sgbv = raise_as(f, &c.psy, c.p.id, "sgbv_survivor", NULL);
	raise_as(f, &c.liv, c.p.ref, "no_phone_contact", NULL);
	struct flag got;

	assert_true(flag_type_sensitive("sgbv_survivor"));
	assert_true(flag_type_sensitive("child_protection"));
	assert_false(flag_type_sensitive("no_phone_contact"));
	/* The sensitive flag: psychosocial and legal users, supervisors,
	 * administrators; the others see only "do not call". */
	assert_int_equal(seen_by(f, &c.psy, c.p.id, 1), 2);
	assert_int_equal(seen_by(f, &c.sup, c.p.id, 1), 2);
	assert_int_equal(seen_by(f, &f->admin, c.p.id, 1), 2);
	assert_int_equal(seen_by(f, &c.liv, c.p.id, 1), 1);
	assert_int_equal(seen_by(f, &c.com, c.p.id, 1), 1);
	assert_int_equal(seen_by(f, &c.reader, c.p.id, 1), 1);
	f->c.user = &c.com;
	assert_int_equal(flag_get(&f->c, sgbv.id, &got), DOM_NOTFOUND);
	f->c.user = &c.psy;
	assert_int_equal(flag_get(&f->c, sgbv.id, &got), DOM_OK);
	assert_string_equal(got.reason, "Amenazas del expareja en la comunidad");

	/* A sensitive flag on a case: those who may read the case's notes. */
	struct case_rec lk = open_as(f, &c.liv, c.p.id, "livelihoods");
	raise_as(f, &c.liv, c.p.id, "child_protection", lk.ref);
	assert_int_equal(seen_by(f, &c.liv, c.p.id, 1), 2); /* raised it; works the case */
	assert_int_equal(seen_by(f, &c.com, c.p.id, 1), 1);
	assert_int_equal(seen_by(f, &c.sup, c.p.id, 1), 3);

	/* Unknown people; users without registry or case access. */
	struct store_list l;
	f->c.user = &c.psy;
	assert_int_equal(flag_list(&f->c, "P-999999", NULL, 0, &l), DOM_NOTFOUND);
	struct user eth = fixture_worker(f, "eth", "ethics", NULL);
	f->c.user = &eth;
	assert_int_equal(flag_list(&f->c, c.p.id, NULL, 0, &l), DOM_FORBIDDEN);
}

static void test_raise_validation(void **state)
{
	struct fixture *f = *state;
	struct cast c = cast(f);
	struct person other;
	struct errors errs = { .n = 0 };
	struct flag out;
	fixture_register(f, fixture_named(f, "Ovidio", "Barrios", NULL, "1970-01-03"), &other);
	struct case_rec ok = open_as(f, &c.liv, other.id, "livelihoods");

	f->c.user = &c.liv;
	assert_int_equal(flag_raise(&f->c, c.p.id, "haunted", "", NULL, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "type"));
	assert_non_null(errors_for(&errs, "reason"));
	errs.n = 0;
	/* A case of someone else is not this person's. */
	assert_int_equal(flag_raise(&f->c, c.p.id, "safety_risk", "x", ok.id, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "case_id"));
	errs.n = 0;
	assert_int_equal(flag_raise(&f->c, "P-999999", "safety_risk", "x", NULL, &errs, &out),
			 DOM_NOTFOUND);
	/* Readers raise nothing; case flags need case_may_work. */
	f->c.user = &c.reader;
	assert_int_equal(flag_raise(&f->c, c.p.id, "safety_risk", "x", NULL, &errs, &out),
			 DOM_FORBIDDEN);
	struct case_rec pk = open_as(f, &c.psy, c.p.id, "psychosocial");
	f->c.user = &c.liv;
	assert_int_equal(flag_raise(&f->c, c.p.id, "safety_risk", "x", pk.id, &errs, &out),
			 DOM_FORBIDDEN);
	/* The same flag twice on the same record: 409; on a case it is another. */
	raise_as(f, &c.liv, c.p.id, "safety_risk", NULL);
	f->c.user = &c.liv;
	assert_int_equal(flag_raise(&f->c, c.p.id, "safety_risk", "again", NULL, &errs, &out),
			 DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "type"));
	struct flag on_case = raise_as(f, &c.psy, c.p.id, "safety_risk", pk.id);
	assert_string_equal(on_case.case_id, pk.id);
	assert_null(on_case.lifted_at);
}

static void test_lift_keeps_history(void **state)
{
	struct fixture *f = *state;
	struct cast c = cast(f);
	struct flag fl = raise_as(f, &c.liv, c.p.id, "no_phone_contact", NULL), out;
	struct flag sg = raise_as(f, &c.psy, c.p.id, "sgbv_survivor", NULL);
	struct errors errs = { .n = 0 };

	/* Others who may see it may not lift it; those who may not see it
	 * are told it does not exist. */
	f->c.user = &c.com;
	assert_int_equal(flag_lift(&f->c, fl.id, "ya no aplica", &errs, &out), DOM_FORBIDDEN);
	assert_int_equal(flag_lift(&f->c, sg.id, "ya no aplica", &errs, &out), DOM_NOTFOUND);
	f->c.user = &c.liv;
	assert_int_equal(flag_lift(&f->c, fl.id, "", &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "reason"));
	errs.n = 0;
	assert_int_equal(flag_lift(&f->c, fl.id, "Tiene un teléfono seguro", &errs, &out), DOM_OK);
	assert_string_equal(out.lifted_by, c.liv.id);
	assert_non_null(out.lifted_at);
	assert_string_equal(out.lift_reason, "Tiene un teléfono seguro");
	assert_int_equal(flag_lift(&f->c, fl.id, "otra vez", &errs, &out), DOM_CONFLICT);
	/* A supervisor lifts what another raised. */
	f->c.user = &c.sup;
	assert_int_equal(flag_lift(&f->c, sg.id, "Cerrado con la víctima", &errs, &out), DOM_OK);
	assert_int_equal(seen_by(f, &c.sup, c.p.id, 1), 0);
	assert_int_equal(seen_by(f, &c.sup, c.p.id, 0), 2);
	/* Lifted, the flag can be raised again. */
	raise_as(f, &c.liv, c.p.id, "no_phone_contact", NULL);
	assert_int_equal(seen_by(f, &c.liv, c.p.id, 1), 1);
}

/* The note of the livelihoods service on lk as u reads it (NULL: withheld). */
static const char *note_for(struct fixture *f, const struct user *u, const char *case_id)
{
	struct case_rec k;
	struct store_list l;
	f->c.user = u;
	assert_int_equal(case_load(&f->c, case_id, &k), DOM_OK);
	assert_int_equal(service_list(&f->c, &k, 10, 0, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	return ((struct service *)l.items[0])->notes;
}

static void test_sgbv_restricts_notes(void **state)
{
	struct fixture *f = *state;
	struct cast c = cast(f);
	struct case_rec lk = open_as(f, &c.liv, c.p.id, "livelihoods"), k;
	struct errors errs = { .n = 0 };
	struct service in = { .type = arena_strdup(f->a, "career_counselling"),
			      .date = arena_strdup(f->a, "2026-02-10"),
			      .notes = arena_strdup(f->a, "Prefiere trabajo lejos de su barrio") },
		       s;
	assert_int_equal(service_record(&f->c, lk.id, &in, &errs, &s), DOM_OK);

	/* A livelihoods note is read by every case reader... */
	assert_non_null(note_for(f, &c.com, lk.id));
	/* ...until the person carries an SGBV flag: then only the area's
	 * users, the caseworker and supervisors. */
	struct flag sg = raise_as(f, &c.psy, c.p.id, "sgbv_survivor", NULL);
	f->c.user = &c.com;
	assert_int_equal(case_load(&f->c, lk.id, &k), DOM_OK);
	assert_int_equal(k.sgbv, 1);
	assert_false(case_may_read_notes(&c.com, &k));
	assert_null(note_for(f, &c.com, lk.id));
	assert_int_equal(service_get(&f->c, &k, s.id, &s), DOM_FORBIDDEN);
	assert_string_equal(note_for(f, &c.liv, lk.id), "Prefiere trabajo lejos de su barrio");
	assert_non_null(note_for(f, &c.sup, lk.id));
	assert_null(note_for(f, &c.reader, lk.id));
	/* Lifted, the note is open again. */
	f->c.user = &c.psy;
	assert_int_equal(flag_lift(&f->c, sg.id, "Error de registro", &errs, NULL), DOM_OK);
	assert_non_null(note_for(f, &c.com, lk.id));

	/* A flag on one case restricts that case only. */
	struct case_rec ck = open_as(f, &f->admin, c.p.id, "community");
	struct service cin = { .type = arena_strdup(f->a, "community_activity"),
			       .date = arena_strdup(f->a, "2026-02-11"),
			       .notes = arena_strdup(f->a, "Participa en el taller") };
	f->c.user = &f->admin;
	assert_int_equal(service_record(&f->c, ck.id, &cin, &errs, &s), DOM_OK);
	raise_as(f, &c.liv, c.p.id, "sgbv_survivor", lk.id);
	assert_null(note_for(f, &c.com, lk.id));
	assert_non_null(note_for(f, &c.com, ck.id));
	assert_non_null(note_for(f, &c.liv, lk.id));
}

/* How many audit events of action the record has with these fields. */
static int events(struct fixture *f, const char *id, const char *action, const char *fields)
{
	struct store_list l;
	int n = 0;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", id, "seq", 0, 500, 0, &l),
			 STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *ev = l.items[i];
		n += strcmp(ev->action, action) == 0 && ev->fields && strcmp(ev->fields, fields) == 0;
	}
	return n;
}

static void test_audit_and_merge(void **state)
{
	struct fixture *f = *state;
	struct cast c = cast(f);
	struct person dup;
	struct case_rec lk = open_as(f, &c.liv, c.p.id, "livelihoods");
	struct flag pf = raise_as(f, &c.liv, c.p.id, "safety_risk", NULL);
	struct flag cf = raise_as(f, &c.liv, c.p.id, "legal_deadline", lk.id);
	struct errors errs = { .n = 0 };
	struct store_list all;
	struct merge g;

	/* On the person, and on the case for a case flag; field names only. */
	assert_int_equal(events(f, c.p.id, "raise_flag", "type,reason"), 1);
	assert_int_equal(events(f, c.p.id, "raise_flag", "type,reason,case_id"), 1);
	assert_int_equal(events(f, lk.id, "raise_flag", "type,reason,case_id"), 1);
	f->c.user = &c.liv;
	assert_int_equal(flag_lift(&f->c, cf.id, "Plazo cumplido ante ONPAR", &errs, NULL), DOM_OK);
	assert_int_equal(events(f, c.p.id, "lift_flag", "lifted_by,lifted_at,lift_reason"), 1);
	assert_int_equal(events(f, lk.id, "lift_flag", "lifted_by,lifted_at,lift_reason"), 1);
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, NULL, NULL, "seq", 0, 1000, 0, &all),
			 STORE_OK);
	for (size_t i = 0; i < all.n; i++) {
		const char *fields = ((struct audit_event *)all.items[i])->fields;
		assert_null(fields ? strstr(fields, "Amenazas") : NULL);
		assert_null(fields ? strstr(fields, "ONPAR") : NULL);
		assert_null(fields ? strstr(fields, "safety_risk") : NULL);
	}

	/* A merge moves the flags to the survivor; its undo moves them back. */
	f->c.user = &f->admin;
	fixture_register(f, fixture_named(f, "Marisol", "Quintero", "Díaz", "1991-07-12"), &dup);
	assert_int_equal(merge_people(&f->c, dup.id, c.p.id, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(seen_by(f, &c.liv, dup.id, 0), 2);
	assert_int_equal(flag_get(&f->c, pf.id, &pf), DOM_OK);
	assert_string_equal(pf.person_id, dup.id);
	f->c.user = &f->admin;
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_int_equal(seen_by(f, &c.liv, c.p.id, 0), 2);
	assert_int_equal(seen_by(f, &c.liv, dup.id, 0), 0);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_visibility),
		T(test_raise_validation),
		T(test_lift_keeps_history),
		T(test_sgbv_restricts_notes),
		T(test_audit_and_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

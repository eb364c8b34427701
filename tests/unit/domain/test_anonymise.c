/* test_anonymise.c: cancellation as anonymisation (anonymise.c): the
 * person's identifying data and free text go, counts stay equal, the old
 * name finds nobody, it happens once, only for those who may, audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <string.h>

#include "domain/anonymise.h"
#include "domain/case.h"
#include "domain/flag.h"
#include "domain/note.h"
#include "domain/person.h"
#include "domain/service.h"
#include "support.h"

/* Counts a report would show: people, cases, services, flags, and people
 * by sex and by nationality. */
struct counts {
	long long people, cases, services, flags, women, venezuelans;
};

static struct counts counts(struct fixture *f)
{
	struct counts n;
	struct store_filter w = { "sex", "female" }, nat = { "nationality", "VEN" };
	assert_int_equal(store_count(f->db.st, &ENT_PERSON, NULL, NULL, &n.people), STORE_OK);
	assert_int_equal(store_count(f->db.st, &ENT_CASE, NULL, NULL, &n.cases), STORE_OK);
	assert_int_equal(store_count(f->db.st, &ENT_SERVICE, NULL, NULL, &n.services), STORE_OK);
	assert_int_equal(store_count(f->db.st, &ENT_FLAG, NULL, NULL, &n.flags), STORE_OK);
	assert_int_equal(store_count_where(f->db.st, &ENT_PERSON, &w, 1, &n.women), STORE_OK);
	assert_int_equal(store_count_where(f->db.st, &ENT_PERSON, &nat, 1, &n.venezuelans),
			 STORE_OK);
	return n;
}

static void test_anonymise(void **state)
{
	struct fixture *f = *state;
	struct person in = fixture_named(f, "Yuleisy", "Quintanilla", "Ocampo", "1988-02-11"), p,
		      got;
	struct errors errs = { .n = 0 };
	struct store_list l;
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user sup = fixture_worker(f, "sup", "supervisor", NULL);
	in.sex = arena_strdup(f->a, "female");
	in.nationality = arena_strdup(f->a, "VEN");
	in.phone = arena_strdup(f->a, "6123-4567");
	in.address = arena_strdup(f->a, "Calle 50, edificio Marbella, apto 3B");
	fixture_register(f, in, &p);
	struct document d = { .type = "passport", .number = "V12345678" };
	assert_int_equal(person_add_document(&f->c, p.id, &d, &errs), DOM_OK);
	struct case_rec k = fixture_case(f, &psy, p.id, "psychosocial");
	f->c.user = &psy;
	struct service s = { .type = "emotional_support",
			     .date = "2025-02-01",
			     .notes = "Relata amenazas de su expareja en Petare" };
	assert_int_equal(service_record(&f->c, k.id, &s, &errs, NULL), DOM_OK);
	assert_int_equal(
		note_add(&f->c, k.id, "Vive con su tía Carmen en San Miguelito", &errs, NULL),
		DOM_OK);
	assert_int_equal(flag_raise(&f->c, p.id, "safety_risk", "Amenazas de su expareja", NULL,
				    &errs, NULL),
			 DOM_OK);
	struct counts before = counts(f);
	f->c.user = &f->admin;
	assert_int_equal(person_search(&f->c, "Quintanilla", 20, 0, &l), DOM_OK);
	assert_int_equal(l.n, 1);

	/* Caseworkers may not; a reason is required. */
	f->c.user = &psy;
	assert_int_equal(person_anonymise(&f->c, p.id, "Solicitud D-000001", &errs), DOM_FORBIDDEN);
	f->c.user = &sup;
	assert_int_equal(person_anonymise(&f->c, p.id, "", &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "reason"));
	errs.n = 0;
	assert_int_equal(person_anonymise(&f->c, p.ref, "Solicitud de cancelación D-000001", &errs),
			 DOM_OK);
	assert_int_equal(person_anonymise(&f->c, p.id, "otra vez", &errs), DOM_CONFLICT);
	/* The stored search words lost the old name with the rest, before any
	 * search (SQLite would otherwise keep it queued, see store_sqlite.c). */
	sqlite3 *db;
	sqlite3_stmt *stmt;
	assert_int_equal(sqlite3_open(f->db.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM people_search_content "
						"WHERE c0 LIKE '%quintanilla%') + (SELECT count(*) "
						"FROM people_search_queue WHERE words LIKE '%quintanilla%')",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(stmt, 0), 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);

	/* Counts are the same; the old name and document find nobody. */
	struct counts after = counts(f);
	assert_memory_equal(&before, &after, sizeof(before));
	f->c.user = &f->admin;
	assert_int_equal(person_search(&f->c, "Quintanilla", 20, 0, &l), DOM_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(person_search(&f->c, "Yuleisy Ocampo", 20, 0, &l), DOM_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(person_search(&f->c, "V12345678", 20, 0, &l), DOM_OK);
	assert_int_equal(l.n, 0);

	got = fixture_person(f, p.id);
	assert_string_equal(got.given_names, "Persona");
	assert_string_equal(got.surname1, "anonimizada");
	assert_null(got.surname2);
	assert_null(got.phone);
	assert_null(got.address);
	assert_string_equal(got.birth_date, "1988-01-01");
	assert_string_equal(got.sex, "female");
	assert_string_equal(got.nationality, "VEN");
	assert_string_equal(got.ref, p.ref);

	/* Free text of their records is gone; the rows stay. */
	assert_int_equal(
		store_list(f->db.st, &ENT_SERVICE, f->a, "person_id", p.id, "id", 0, 10, 0, &l),
		STORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct service *)l.items[0])->notes, ANON_TEXT);
	assert_int_equal(
		store_list(f->db.st, &ENT_CASE_NOTE, f->a, "person_id", p.id, "id", 0, 10, 0, &l),
		STORE_OK);
	assert_string_equal(((struct case_note *)l.items[0])->body, ANON_TEXT);
	assert_int_equal(
		store_list(f->db.st, &ENT_FLAG, f->a, "person_id", p.id, "id", 0, 10, 0, &l),
		STORE_OK);
	assert_string_equal(((struct flag *)l.items[0])->reason, ANON_TEXT);
	assert_string_equal(((struct flag *)l.items[0])->type, "safety_risk");
	assert_int_equal(
		store_list(f->db.st, &ENT_DOCUMENT, f->a, "person_id", p.id, "id", 0, 10, 0, &l),
		STORE_OK);
	assert_string_equal(((struct document *)l.items[0])->number, ANON_TEXT);

	/* Marked, with the reason; audited with field names only. */
	int yes;
	struct anonymisation a;
	assert_int_equal(person_anonymised(&f->c, p.id, &yes, &a), DOM_OK);
	assert_true(yes);
	assert_string_equal(a.anonymised_by, sup.id);
	assert_int_equal(fixture_audit_actions(f, p.id, "anonymise"), 1);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_anonymise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

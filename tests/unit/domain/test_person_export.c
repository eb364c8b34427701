/* test_person_export.c: a person's complete record (person_export.c):
 * every table of the schema with a person, case or household column is
 * exported; the rows are the person's own; only those who may; audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <string.h>

#include "domain/data_request.h"
#include "domain/flag.h"
#include "domain/person.h"
#include "domain/person_export.h"
#include "support.h"

/* Tables that hold a person's data but are not exported, and why. */
static const char *const exempt[] = {
	"people_search", /* the name index, rebuilt from the person's own fields */
	NULL,
};

static int listed(const char *const *list, const char *name)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

static int exported(const char *name)
{
	for (size_t i = 0; person_export_table(i); i++)
		if (strcmp(person_export_table(i), name) == 0)
			return 1;
	return 0;
}

/* Fails when a table of the schema with a person_id, case_id or
 * household_id column is neither exported nor exempt: a new table must
 * be added to person_export.c's sources (or here, with a reason). */
static void test_every_table_covered(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	sqlite3_stmt *st;
	int tables = 0;
	assert_int_equal(sqlite3_open(f->db.path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_prepare_v2(db,
				   "SELECT DISTINCT m.name FROM sqlite_master m, "
				   "pragma_table_info(m.name) p WHERE m.type = 'table' AND "
				   "p.name IN ('person_id', 'case_id', 'household_id')",
				   -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (!exported(t) && !listed(exempt, t))
			fail_msg("table %s holds a person's data but person_export leaves it out",
				 t);
		tables++;
	}
	sqlite3_finalize(st);
	assert_true(tables >= 20);
	/* And every exported table exists. */
	for (size_t i = 0; person_export_table(i); i++) {
		assert_int_equal(sqlite3_prepare_v2(db,
						    "SELECT 1 FROM sqlite_master WHERE name = ?",
						    -1, &st, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(st, 1, person_export_table(i), -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			fail_msg("person_export reads %s, which the schema lacks",
				 person_export_table(i));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

static const struct export_section *section(const struct export_section *s, const char *name)
{
	for (size_t i = 0; i < EXPORT_SECTIONS; i++)
		if (strcmp(s[i].name, name) == 0)
			return &s[i];
	fail_msg("no section %s", name);
	return NULL;
}

static void test_rows_are_the_persons(void **state)
{
	struct fixture *f = *state;
	struct person p, other;
	struct errors errs = { .n = 0 };
	struct export_section s[EXPORT_SECTIONS];
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user dpo = fixture_worker(f, "dpo", "dpo", NULL);
	fixture_register(f, fixture_named(f, "Yuleisy", "Pérez", NULL, "1988-02-11"), &p);
	fixture_register(f, fixture_named(f, "Otro", "Ríos", NULL, "1979-05-02"), &other);
	struct case_rec k = fixture_case(f, &psy, p.id, "psychosocial");
	fixture_case(f, &psy, other.id, "psychosocial");
	f->c.user = &psy;
	assert_int_equal(flag_raise(&f->c, p.id, "no_phone_contact",
				    "El agresor revisa su teléfono", NULL, &errs, NULL),
			 DOM_OK);
	struct data_request in = { .kind = "access", .channel = "email" };
	f->c.user = &dpo;
	assert_int_equal(data_request_create(&f->c, p.id, &in, &errs, NULL), DOM_OK);

	f->c.user = &psy;
	assert_int_equal(person_export(&f->c, p.id, "json", s), DOM_FORBIDDEN);
	f->c.user = &dpo;
	assert_int_equal(person_export(&f->c, "P-999999", "json", s), DOM_NOTFOUND);
	long long before = fixture_audit_actions(f, p.id, "export");
	assert_int_equal(person_export(&f->c, p.ref, "json", s), DOM_OK);
	assert_int_equal(fixture_audit_actions(f, p.id, "export"), before + 1);

	assert_string_equal(s[0].name, "people");
	assert_int_equal(s[0].l.n, 1);
	assert_string_equal(((struct person *)s[0].l.items[0])->id, p.id);
	const struct export_section *cases = section(s, "cases");
	assert_int_equal(cases->l.n, 1);
	assert_string_equal(((struct case_rec *)cases->l.items[0])->id, k.id);
	assert_int_equal(section(s, "flags")->l.n, 1);
	assert_int_equal(section(s, "data_subject_requests")->l.n, 1);
	assert_int_equal(section(s, "households")->l.n, 0);
	/* The audit section holds the registration and the views. */
	const struct export_section *audit = section(s, "audit_events");
	assert_true(audit->l.n >= 2);
	for (size_t i = 0; i < audit->l.n; i++)
		assert_string_equal(((struct audit_event *)audit->l.items[i])->entity_id, p.id);
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_every_table_covered),
		T(test_rows_are_the_persons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_asylum.c: the asylum procedure of legal cases (asylum.c): the order
 * of stages and their dates, results, the area and closed cases, the file
 * number, documents obtained, detention episodes, who may read what, the
 * audit log (no notes in it), merges, and access to rights on services. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/timeutil.h"
#include "domain/asylum.h"
#include "domain/audit.h"
#include "domain/case.h"
#include "domain/merge.h"
#include "domain/person.h"
#include "domain/service.h"
#include "support.h"

/* A case in area opened by the admin for a new person. */
static struct case_rec case_in(struct fixture *f, const char *area)
{
	struct errors errs = { .n = 0 };
	struct person p;
	struct case_rec k;
	fixture_register(f, fixture_named(f, "Wilmer", "Bracho", NULL, "1985-09-14"), &p);
	assert_int_equal(case_open(&f->c, p.id, area, NULL, &errs, &k), DOM_OK);
	return k;
}

/* Records stage on date (result may be NULL) on k; returns the result code
 * and leaves the errors in *errs. */
static int stage(struct fixture *f, const struct case_rec *k, const char *code, const char *date,
		 const char *result, struct errors *errs)
{
	struct asylum_stage in = { .stage = arena_strdup(f->a, code),
				   .date = arena_strdup(f->a, date),
				   .result = result ? arena_strdup(f->a, result) : NULL };
	errs->n = 0;
	return asylum_add_stage(&f->c, k->ref, &in, errs, NULL);
}

/* The actions of the audit events of id, oldest first, comma-separated,
 * with each event's fields after a colon: "add_stage:stage,date". */
static const char *events(struct fixture *f, const char *id)
{
	struct store_list l;
	const char *s = "";
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", id, "seq", 0, 500, 0, &l),
			 STORE_OK);
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_event *ev = l.items[i];
		s = arena_printf(f->a, "%s%s%s:%s", s, *s ? " " : "", ev->action,
				 ev->fields ? ev->fields : "");
	}
	return s;
}

static void test_stages_in_order(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = case_in(f, "legal");
	struct errors errs;
	struct asylum_view v;

	assert_int_equal(stage(f, &k, "orientation", "2025-01-10", NULL, &errs), DOM_OK);
	assert_int_equal(stage(f, &k, "application_filed", "2025-01-20", NULL, &errs), DOM_OK);
	/* Before the current stage's date: 400 naming the date. */
	assert_int_equal(stage(f, &k, "admissibility", "2025-01-15", "admitted", &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "date"));
	assert_non_null(strstr(errors_for(&errs, "date"), "20/01/2025"));
	/* A decision needs its result, of its own kind. */
	assert_int_equal(stage(f, &k, "admissibility", "2025-02-01", NULL, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "result"));
	assert_int_equal(stage(f, &k, "admissibility", "2025-02-01", "granted", &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "result"));
	assert_int_equal(stage(f, &k, "orientation", "2025-02-01", "admitted", &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "result"));
	assert_int_equal(stage(f, &k, "admissibility", "2025-02-01", "admitted", &errs), DOM_OK);
	/* Going back in the order, or the same stage again: 409. */
	assert_int_equal(stage(f, &k, "orientation", "2025-02-02", NULL, &errs), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "stage"));
	assert_int_equal(stage(f, &k, "admissibility", "2025-02-02", "admitted", &errs), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "stage"));
	/* Interviews repeat; a card needs recognition first. */
	assert_int_equal(stage(f, &k, "interview", "2025-03-01", NULL, &errs), DOM_OK);
	assert_int_equal(stage(f, &k, "interview", "2025-03-15", NULL, &errs), DOM_OK);
	assert_int_equal(stage(f, &k, "card_issued", "2025-03-16", NULL, &errs), DOM_CONFLICT);
	assert_int_equal(stage(f, &k, "eligibility_decision", "2025-05-01", "denied", &errs), DOM_OK);
	assert_int_equal(stage(f, &k, "appeal", "2025-05-10", NULL, &errs), DOM_OK);
	assert_int_equal(stage(f, &k, "appeal", "2025-06-10", "granted", &errs), DOM_OK);
	assert_int_equal(stage(f, &k, "recognised", "2025-07-01", NULL, &errs), DOM_OK);
	/* Recognised and rejected exclude each other. */
	assert_int_equal(stage(f, &k, "rejected", "2025-07-02", NULL, &errs), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "stage"));
	/* Not in the future. */
	char future[16];
	time_today(future);
	future[0] = '3';
	assert_int_equal(stage(f, &k, "card_issued", future, NULL, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "date"));
	assert_int_equal(stage(f, &k, "card_issued", "2025-07-20", NULL, &errs), DOM_OK);

	assert_int_equal(asylum_get(&f->c, &k, &errs, &v), DOM_OK);
	assert_int_equal(v.stages.n, 10);
	assert_false(v.restricted);
	assert_string_equal(v.current->stage, "card_issued");
	assert_string_equal(((struct asylum_stage *)v.stages.items[0])->stage, "orientation");
	assert_string_equal(((struct asylum_stage *)v.stages.items[0])->person_id, k.person_id);
}

static void test_rejected_ends_it(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = case_in(f, "legal");
	struct errors errs;
	assert_int_equal(stage(f, &k, "application_filed", "2025-01-20", NULL, &errs), DOM_OK);
	assert_int_equal(stage(f, &k, "rejected", "2025-04-20", NULL, &errs), DOM_OK);
	assert_int_equal(stage(f, &k, "appeal", "2025-04-21", NULL, &errs), DOM_CONFLICT);
	assert_int_equal(stage(f, &k, "recognised", "2025-04-21", NULL, &errs), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "stage"));
	struct asylum_stage s;
	assert_int_equal(asylum_person_stage(&f->c, k.person_id, &s), DOM_OK);
	assert_string_equal(s.stage, "rejected");
}

static void test_legal_cases_only(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = case_in(f, "psychosocial");
	struct errors errs = { .n = 0 };
	struct asylum_view v;
	struct detention d = { .place = "Centro de detención", .detained_on = "2025-01-01" };
	struct store_list l;

	assert_int_equal(stage(f, &k, "orientation", "2025-01-10", NULL, &errs), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "case"));
	errs.n = 0;
	assert_int_equal(detention_record(&f->c, k.id, &d, &errs, NULL), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(asylum_get(&f->c, &k, &errs, &v), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(detention_list(&f->c, &k, &errs, &l), DOM_CONFLICT);
	errs.n = 0;
	assert_int_equal(asylum_set_file_number(&f->c, k.id, "1234", &errs), DOM_CONFLICT);
	/* A closed legal case takes nothing more. */
	struct case_rec legal = case_in(f, "legal");
	errs.n = 0;
	assert_int_equal(case_set_status(&f->c, legal.id, "closed", "goals_met", &errs, NULL), DOM_OK);
	assert_int_equal(stage(f, &legal, "orientation", "2025-01-10", NULL, &errs), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "case"));
}

static void test_file_number_and_documents(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = case_in(f, "legal");
	struct errors errs = { .n = 0 };
	struct asylum_view v;
	struct store_list docs;

	assert_int_equal(asylum_set_file_number(&f->c, k.id, "  ONPAR-2025-0457 ", &errs), DOM_OK);
	assert_int_equal(asylum_set_file_number(&f->c, k.ref, "ONPAR-2025-0458", &errs), DOM_OK);
	assert_int_equal(asylum_get(&f->c, &k, &errs, &v), DOM_OK);
	assert_string_equal(v.file_number, "ONPAR-2025-0458");
	char long_number[80];
	memset(long_number, '9', sizeof(long_number) - 1);
	long_number[sizeof(long_number) - 1] = 0;
	assert_int_equal(asylum_set_file_number(&f->c, k.id, long_number, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "file_number"));

	struct document d = { .type = "passport", .number = "X1" };
	errs.n = 0;
	assert_int_equal(asylum_add_document(&f->c, k.id, &d, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "type"));
	d = (struct document){ .type = "refugee_card", .number = "",
			       .issued_on = "2025-08-01", .expires_on = "2026-08-01" };
	errs.n = 0;
	assert_int_equal(asylum_add_document(&f->c, k.id, &d, &errs), DOM_INVALID);
	assert_non_null(errors_for(&errs, "number"));
	/* Nothing half-written: the person has no document yet. */
	assert_int_equal(person_documents(&f->c, k.person_id, &docs), DOM_OK);
	assert_int_equal(docs.n, 0);
	d = (struct document){ .type = "refugee_card", .number = arena_strdup(f->a, "RC-88120"),
			       .issued_on = "2025-08-01", .expires_on = "2026-08-01" };
	errs.n = 0;
	assert_int_equal(asylum_add_document(&f->c, k.id, &d, &errs), DOM_OK);
	assert_int_equal(person_documents(&f->c, k.person_id, &docs), DOM_OK);
	assert_int_equal(docs.n, 1);
	assert_string_equal(((struct document *)docs.items[0])->number, "RC-88120");
	assert_int_equal(asylum_get(&f->c, &k, &errs, &v), DOM_OK);
	assert_int_equal(v.documents.n, 1);
	/* Audited on the case and on the person, names of fields only. */
	const char *ev = events(f, k.id);
	assert_non_null(strstr(ev, "set_file_number:file_number"));
	assert_non_null(strstr(ev, "add_document:type,number"));
	assert_null(strstr(ev, "ONPAR"));
	assert_non_null(strstr(events(f, k.person_id), "add_document:type,number"));
}

static void test_detentions(void **state)
{
	struct fixture *f = *state;
	struct case_rec k = case_in(f, "legal");
	struct errors errs = { .n = 0 };
	struct detention d, out, rel;
	struct store_list l;

	d = (struct detention){ .place = "", .detained_on = "2025-03-01" };
	assert_int_equal(detention_record(&f->c, k.id, &d, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "place"));
	d = (struct detention){ .place = "Estación migratoria", .detained_on = "2025-03-10",
				.released_on = "2025-03-01" };
	errs.n = 0;
	assert_int_equal(detention_record(&f->c, k.id, &d, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "released_on"));
	/* A past episode, then an open one, and no second open one. */
	d.released_on = "2025-03-12";
	errs.n = 0;
	assert_int_equal(detention_record(&f->c, k.id, &d, &errs, &out), DOM_OK);
	assert_null(out.open_key);
	d = (struct detention){ .place = "Estación migratoria", .detained_on = "2025-06-01",
				.notes = "Secreto del caso" };
	assert_int_equal(detention_record(&f->c, k.id, &d, &errs, &out), DOM_OK);
	assert_null(out.released_on);
	d = (struct detention){ .place = "Otra", .detained_on = "2025-06-05" };
	assert_int_equal(detention_record(&f->c, k.id, &d, &errs, NULL), DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "detained_on"));
	/* Release: not before the detention, once. */
	rel = (struct detention){ .released_on = "2025-05-30" };
	errs.n = 0;
	assert_int_equal(detention_release(&f->c, k.id, out.id, &rel, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "released_on"));
	rel = (struct detention){ .released_on = "2025-06-20", .release_reason = "Medida cautelar",
				  .notes = "Más" };
	errs.n = 0;
	assert_int_equal(detention_release(&f->c, k.id, out.id, &rel, &errs, &d), DOM_OK);
	assert_string_equal(d.released_on, "2025-06-20");
	assert_string_equal(d.notes, "Secreto del caso\n\nMás");
	assert_null(d.open_key);
	assert_int_equal(detention_release(&f->c, k.id, out.id, &rel, &errs, NULL), DOM_CONFLICT);
	/* Another case's episode is not found through this one. */
	struct case_rec other = case_in(f, "legal");
	errs.n = 0;
	assert_int_equal(detention_release(&f->c, other.id, out.id, &rel, &errs, NULL), DOM_NOTFOUND);
	/* Closed now: a new one may open. */
	d = (struct detention){ .place = "Otra", .detained_on = "2025-07-05" };
	assert_int_equal(detention_record(&f->c, k.id, &d, &errs, NULL), DOM_OK);
	assert_int_equal(detention_list(&f->c, &k, &errs, &l), DOM_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(((struct detention *)l.items[0])->detained_on, "2025-07-05");
	const char *ev = events(f, k.id);
	assert_non_null(strstr(ev, "add_detention:place,detained_on,notes"));
	assert_non_null(strstr(ev, "release:released_on,release_reason,notes"));
	assert_null(strstr(ev, "Secreto"));
}

static void test_who_reads_and_writes(void **state)
{
	struct fixture *f = *state;
	struct user lex = fixture_worker(f, "lex", "caseworker", "legal");
	struct user psy = fixture_worker(f, "psy", "caseworker", "psychosocial");
	struct user reader;
	fixture_user(f, "reader", "readonly", &reader);
	struct case_rec k = case_in(f, "legal");
	struct errors errs = { .n = 0 };
	struct asylum_view v;
	struct store_list l;
	struct asylum_stage in = { .stage = "orientation", .date = "2025-01-10",
				   .notes = arena_strdup(f->a, "Teme volver a su país") };

	f->c.user = &psy;
	assert_int_equal(asylum_add_stage(&f->c, k.id, &in, &errs, NULL), DOM_FORBIDDEN);
	f->c.user = &lex;
	assert_int_equal(asylum_add_stage(&f->c, k.id, &in, &errs, NULL), DOM_OK);
	assert_int_equal(asylum_get(&f->c, &k, &errs, &v), DOM_OK);
	assert_false(v.restricted);
	assert_string_equal(v.current->notes, "Teme volver a su país");
	assert_int_equal(asylum_set_file_number(&f->c, k.id, "E-1", &errs), DOM_OK);
	/* Others see the current stage, nothing else. */
	f->c.user = &psy;
	assert_int_equal(asylum_get(&f->c, &k, &errs, &v), DOM_OK);
	assert_true(v.restricted);
	assert_string_equal(v.current->stage, "orientation");
	assert_null(v.current->notes);
	assert_null(v.file_number);
	assert_int_equal(v.stages.n, 0);
	assert_int_equal(detention_list(&f->c, &k, &errs, &l), DOM_FORBIDDEN);
	f->c.user = &reader;
	assert_int_equal(asylum_get(&f->c, &k, &errs, &v), DOM_OK);
	assert_true(v.restricted);
	assert_int_equal(asylum_set_file_number(&f->c, k.id, "E-2", &errs), DOM_FORBIDDEN);
	f->c.user = &f->admin;
	assert_null(strstr(events(f, k.id), "Teme"));
	assert_non_null(strstr(events(f, k.id), "add_stage:stage,date,notes"));
}

static void test_merge_moves_the_procedure(void **state)
{
	struct fixture *f = *state;
	struct person a;
	struct case_rec k = case_in(f, "legal");
	struct errors errs = { .n = 0 };
	struct merge g;
	struct asylum_stage s;
	struct detention d = { .place = "Estación", .detained_on = "2025-01-01" };
	struct store_list l;
	fixture_register(f, fixture_named(f, "Wilmer", "Bracho", NULL, "1985-09-14"), &a);
	assert_int_equal(stage(f, &k, "orientation", "2025-01-10", NULL, &errs), DOM_OK);
	assert_int_equal(asylum_set_file_number(&f->c, k.id, "E-9", &errs), DOM_OK);
	assert_int_equal(detention_record(&f->c, k.id, &d, &errs, NULL), DOM_OK);
	assert_int_equal(merge_people(&f->c, a.id, k.person_id, NULL, 0, &errs, &g), DOM_OK);
	assert_int_equal(asylum_person_stage(&f->c, a.id, &s), DOM_OK);
	assert_int_equal(asylum_person_stage(&f->c, k.person_id, &s), DOM_NOTFOUND);
	assert_int_equal(detention_list(&f->c, &k, &errs, &l), DOM_OK);
	assert_string_equal(((struct detention *)l.items[0])->person_id, a.id);
	assert_int_equal(merge_undo(&f->c, g.id, &errs), DOM_OK);
	assert_int_equal(asylum_person_stage(&f->c, k.person_id, &s), DOM_OK);
	assert_int_equal(asylum_person_stage(&f->c, a.id, &s), DOM_NOTFOUND);
}

static void test_rights_on_legal_services(void **state)
{
	struct fixture *f = *state;
	struct case_rec legal = case_in(f, "legal"), live = case_in(f, "livelihoods");
	struct errors errs = { .n = 0 };
	struct service in = { .type = "legal_counselling", .date = "2025-02-01",
			      .rights = arena_strdup(f->a, "work,health") }, out;

	assert_int_equal(service_record(&f->c, legal.id, &in, &errs, &out), DOM_OK);
	assert_string_equal(out.rights, "work,health");
	in = (struct service){ .type = "legal_counselling", .date = "2025-02-01",
			       .rights = arena_strdup(f->a, "work,flying") };
	assert_int_equal(service_record(&f->c, legal.id, &in, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "rights"));
	in = (struct service){ .type = "career_counselling", .date = "2025-02-01",
			       .rights = arena_strdup(f->a, "work") };
	errs.n = 0;
	assert_int_equal(service_record(&f->c, live.id, &in, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "rights"));
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_stages_in_order),
		T(test_rejected_ends_it),
		T(test_legal_cases_only),
		T(test_file_number_and_documents),
		T(test_detentions),
		T(test_who_reads_and_writes),
		T(test_merge_moves_the_procedure),
		T(test_rights_on_legal_services),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

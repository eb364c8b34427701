/* test_person.c: the people registry on a real SQLite database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/person.h"
#include "support.h"

/* A person with writable (arena) strings, as a form handler builds one. */
static struct person named(struct fixture *f, const char *given, const char *s1, const char *s2)
{
	return (struct person){ .given_names = arena_strdup(f->a, given),
				.surname1 = arena_strdup(f->a, s1),
				.surname2 = arena_strdup(f->a, s2) };
}

static void create_ok(struct fixture *f, struct person in, struct person *out)
{
	struct errors errs = { .n = 0 };
	int rc = person_create(&f->c, &in, NULL, &errs, out);
	if (rc != DOM_OK)
		fail_msg("person_create: %d (%s: %s)", rc, errs.n ? errs.e[0].field : "-",
			 errs.n ? errs.e[0].message : "-");
}

static long long count(struct fixture *f, const struct entity *e)
{
	long long n = -1;
	assert_int_equal(store_count(f->db.st, e, NULL, NULL, &n), STORE_OK);
	return n;
}

static const struct audit_event *last_event(struct fixture *f, const char *entity_id)
{
	struct store_list l;
	assert_int_equal(audit_list_for(&f->c, entity_id, 0, 1, 1, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	return l.items[0];
}

static void test_create_valid_gets_reference(void **state)
{
	struct fixture *f = *state;
	struct person in = named(f, "María José", "Pérez", "García"), out, out2;
	in.sex = arena_strdup(f->a, "female");
	in.birth_date = arena_strdup(f->a, "1990-05-31");
	in.nationality = arena_strdup(f->a, "VEN");
	in.origin_country = arena_strdup(f->a, "VEN");
	in.legal_status = arena_strdup(f->a, "asylum_seeker");
	in.phone = arena_strdup(f->a, "+58 412 1234567");
	in.email = arena_strdup(f->a, "maria@correo.com");
	in.province = arena_strdup(f->a, "8");
	in.district = arena_strdup(f->a, "0804");
	in.arrival_date = arena_strdup(f->a, "2023-11-02");
	in.needs = arena_strdup(f->a, "CR,DS");
	in.consent_date = arena_strdup(f->a, "2023-11-02");
	in.consent_scope = arena_strdup(f->a, "registration");
	create_ok(f, in, &out);

	assert_string_equal(out.ref, "P-000001");
	assert_int_equal(strlen(out.id), 36);
	assert_string_equal(out.given_names, "María José");
	assert_string_equal(out.surname2, "García");
	assert_string_equal(out.district, "0804");
	assert_string_equal(out.status, "active");
	assert_string_equal(out.birth_estimated, "0");
	assert_string_equal(out.created_by, f->admin.id);
	assert_string_equal(out.office, f->admin.office);
	assert_null(out.household_id);

	create_ok(f, named(f, "Luis", NULL, NULL), &out2);
	assert_string_equal(out2.ref, "P-000002");
	assert_int_equal(count(f, &ENT_PERSON), 2);

	/* The legal status starts its history. */
	struct store_list hist;
	assert_int_equal(person_status_history(&f->c, out.id, &hist), DOM_OK);
	assert_int_equal(hist.n, 1);
	assert_string_equal(((struct status_change *)hist.items[0])->legal_status, "asylum_seeker");

	/* The audit names the fields that were set, never their values. */
	const struct audit_event *ev = last_event(f, out.id);
	assert_string_equal(ev->action, "create");
	assert_string_equal(ev->user_id, f->admin.id);
	assert_non_null(strstr(ev->fields, "given_names"));
	assert_non_null(strstr(ev->fields, "phone"));
	assert_null(strstr(ev->fields, "María"));
	assert_null(strstr(ev->fields, "1234567"));
}

static void test_create_out_may_be_null(void **state)
{
	struct fixture *f = *state;
	struct person in = named(f, "Ana", NULL, NULL);
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, NULL), DOM_OK);
	assert_int_equal(count(f, &ENT_PERSON), 1);
}

static void test_create_trims_and_blanks(void **state)
{
	struct fixture *f = *state;
	struct person out;
	create_ok(f, named(f, "  Ana Lucía \t", "   ", "Díaz\n"), &out);
	assert_string_equal(out.given_names, "Ana Lucía");
	assert_null(out.surname1);
	assert_string_equal(out.surname2, "Díaz");
}

struct bad_case {
	const char *field, *value;
};

static void set_field(struct fixture *f, struct person *p, const char *field, const char *value)
{
	const struct field *fd = entity_field(&ENT_PERSON, field);
	assert_non_null(fd);
	*field_ptr(p, fd) = arena_strdup(f->a, value);
}

static void test_create_invalid_stores_nothing(void **state)
{
	struct fixture *f = *state;
	static const struct bad_case cases[] = {
		{ "given_names", NULL },
		{ "given_names", "   " },
		{ "birth_date", "2190-01-01" }, /* in the future */
		{ "birth_date", "2023-02-30" }, /* does not exist */
		{ "birth_date", "31/05/1990" },
		{ "birth_date", "1880-01-01" },
		{ "nationality", "ZZZ" },
		{ "origin_country", "ZZZ" },
		{ "phone", "abc" },
		{ "email", "not-an-email" },
		{ "sex", "x" },
		{ "legal_status", "tourist" },
		{ "province", "99" },
		{ "needs", "CR,NOPE" },
		{ "birth_estimated", "yes" },
		{ "consent_scope", "registration" }, /* without a consent date */
	};
	long long audit_before = count(f, &ENT_AUDIT);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct person in = named(f, "Ana", "Ruiz", NULL);
		struct errors errs = { .n = 0 };
		const char *field = cases[i].field;
		set_field(f, &in, field, cases[i].value);
		int rc = person_create(&f->c, &in, NULL, &errs, NULL);
		if (rc != DOM_INVALID)
			fail_msg("case %zu (%s=%s): rc %d", i, field, cases[i].value, rc);
		if (strcmp(field, "consent_scope") == 0)
			field = "consent_date";
		if (!errors_for(&errs, field))
			fail_msg("case %zu: no error on %s", i, field);
		if (errs.n != 1)
			fail_msg("case %zu: %d errors, first on %s", i, errs.n, errs.e[0].field);
	}
	assert_int_equal(count(f, &ENT_PERSON), 0);
	assert_int_equal(count(f, &ENT_AUDIT), audit_before);
	long long n = -1;
	assert_int_equal(store_count(f->db.st, &ENT_STATUS_CHANGE, NULL, NULL, &n), STORE_OK);
	assert_int_equal(n, 0);

	/* The reference counter was not consumed either. */
	struct person out;
	create_ok(f, named(f, "Ana", NULL, NULL), &out);
	assert_string_equal(out.ref, "P-000001");
}

static void test_create_many_errors_at_once(void **state)
{
	struct fixture *f = *state;
	struct person in = { .birth_date = arena_strdup(f->a, "2023-02-30"),
			     .nationality = arena_strdup(f->a, "ZZZ"),
			     .phone = arena_strdup(f->a, "abc"),
			     .email = arena_strdup(f->a, "a@b"),
			     .surname1 = arena_strdup(f->a, "Ruiz") };
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "given_names"));
	assert_non_null(errors_for(&errs, "birth_date"));
	assert_non_null(errors_for(&errs, "nationality"));
	assert_non_null(errors_for(&errs, "phone"));
	assert_non_null(errors_for(&errs, "email"));
	assert_null(errors_for(&errs, "surname1"));
	assert_int_equal(errs.n, 5);
	assert_int_equal(count(f, &ENT_PERSON), 0);
}

static void test_district_must_match_province(void **state)
{
	struct fixture *f = *state;
	struct person in = named(f, "Ana", NULL, NULL);
	in.province = arena_strdup(f->a, "13");
	in.district = arena_strdup(f->a, "0804");
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "district"));
}

static void test_arrival_before_birth(void **state)
{
	struct fixture *f = *state;
	struct person in = named(f, "Ana", NULL, NULL);
	in.birth_date = arena_strdup(f->a, "2000-01-01");
	in.arrival_date = arena_strdup(f->a, "1999-12-31");
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, NULL), DOM_INVALID);
	assert_non_null(errors_for(&errs, "arrival_date"));
}

static long long search(struct fixture *f, const char *q, struct store_list *l)
{
	assert_int_equal(person_search(&f->c, q, 50, 0, l), DOM_OK);
	return l->total;
}

static int found(const struct store_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(((struct person *)l->items[i])->id, id) == 0)
			return 1;
	return 0;
}

static void test_search_names_accents_phonetics_and_ref(void **state)
{
	struct fixture *f = *state;
	struct person mj, gz, mr;
	create_ok(f, named(f, "María José", "Pérez", "García"), &mj);
	create_ok(f, named(f, "Luis", "González", NULL), &gz);
	create_ok(f, named(f, "Marta", "Rodríguez", NULL), &mr);
	struct store_list l;

	assert_int_equal(search(f, "maria jose perez", &l), 1);
	assert_true(found(&l, mj.id));
	assert_int_equal(search(f, "MARÍA JOSÉ PÉREZ GARCÍA", &l), 1);
	assert_true(found(&l, mj.id));
	assert_int_equal(search(f, "perez garcia", &l), 1);
	assert_int_equal(search(f, "mari", &l), 1); /* prefix; not Marta */
	assert_true(found(&l, mj.id));

	assert_int_equal(search(f, "gonzales", &l), 1);
	assert_true(found(&l, gz.id));
	assert_int_equal(search(f, "rodriges", &l), 1);
	assert_true(found(&l, mr.id));

	assert_int_equal(search(f, mj.ref, &l), 1);
	assert_true(found(&l, mj.id));
	assert_int_equal(search(f, "p-000002", &l), 1);
	assert_true(found(&l, gz.id));

	assert_int_equal(search(f, "pedro", &l), 0);
	assert_int_equal(l.n, 0);

	/* An empty query lists everyone, with a total. */
	assert_int_equal(search(f, "", &l), 3);
	assert_int_equal(l.n, 3);
	assert_int_equal(search(f, NULL, &l), 3);
	/* Particles alone are no terms. */
	assert_int_equal(search(f, "de la", &l), 3);
}

static void test_search_terms(void **state)
{
	struct fixture *f = *state;
	struct search_term t[SEARCH_MAX_WORDS];
	size_t n = person_search_terms(f->a, "José de la Cruz", t);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].word, "jose");
	assert_string_equal(t[1].word, "cruz");
	assert_non_null(t[1].phon);
	assert_int_equal(t[1].phon[0], '_');
	n = person_search_terms(f->a, "a b c d e f g h i j k l", t);
	assert_true(n <= SEARCH_MAX_WORDS);
	assert_int_equal(person_search_terms(f->a, "", t), 0);
	assert_int_equal(person_search_terms(f->a, " -- ", t), 0);
}

/* Numbers are matched as written, not by a phonetic key (which would merge
 * "000001" and "000011"): a search by reference finds that person only. */
static void test_search_by_reference_is_exact(void **state)
{
	struct fixture *f = *state;
	struct person first, p;
	create_ok(f, named(f, "Ana", NULL, NULL), &first);
	for (int i = 2; i <= 11; i++)
		create_ok(f, named(f, "Beto", NULL, NULL), &p);
	assert_string_equal(p.ref, "P-000011");
	struct store_list l;
	assert_int_equal(search(f, "P-000001", &l), 1);
	assert_true(found(&l, first.id));
}

/* A name shared by more than SEARCH_RANK_MAX people lists the newest
 * registrations first; all are counted, and paging walks on from there. */
static void test_common_name_lists_newest_first(void **state)
{
	struct fixture *f = *state;
	struct person out;
	struct store_list l;
	int n = SEARCH_RANK_MAX + 5;

	assert_int_equal(store_begin(f->db.st), STORE_OK);
	for (int i = 0; i < n; i++)
		create_ok(f, named(f, i % 2 ? "Ana" : "Luis", "Comúnez", "Pérez"), &out);
	assert_int_equal(store_commit(f->db.st), STORE_OK);
	assert_int_equal(person_search(&f->c, "comunes", 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, n);
	assert_int_equal(l.n, 10);
	for (size_t i = 0; i < l.n; i++) {
		const struct person *p = l.items[i];
		char want[16];
		snprintf(want, sizeof(want), "P-%06zu", (size_t)n - i);
		assert_string_equal(p->ref, want);
	}
	assert_int_equal(person_search(&f->c, "comunes", 10, 10, &l), DOM_OK);
	char next[16];
	snprintf(next, sizeof(next), "P-%06d", n - 10);
	assert_string_equal(((const struct person *)l.items[0])->ref, next);
}

static void test_get_by_id_and_ref(void **state)
{
	struct fixture *f = *state;
	struct person in, out;
	create_ok(f, named(f, "Ana", NULL, NULL), &in);
	assert_int_equal(person_get(&f->c, in.id, &out), DOM_OK);
	assert_string_equal(out.ref, "P-000001");
	memset(&out, 0, sizeof(out));
	assert_int_equal(person_get(&f->c, "p-000001", &out), DOM_OK);
	assert_string_equal(out.id, in.id);
	assert_int_equal(person_get(&f->c, "P-999999", &out), DOM_NOTFOUND);
	assert_int_equal(person_get(&f->c, "nope", &out), DOM_NOTFOUND);
	assert_int_equal(person_get(&f->c, NULL, &out), DOM_NOTFOUND);
	/* Views are audited. */
	assert_string_equal(last_event(f, in.id)->action, "view");
}

static void test_update_audits_changed_field_names(void **state)
{
	struct fixture *f = *state;
	struct person p, out, ch;
	struct errors errs = { .n = 0 };
	create_ok(f, named(f, "Ana", "Ruiz", NULL), &p);

	ch = (struct person){ .surname1 = "Ruíz Soto", .phone = "6123-4567",
			      .given_names = "Ana" /* unchanged */ };
	assert_int_equal(person_update(&f->c, p.id, &ch, &errs, &out), DOM_OK);
	assert_int_equal(errs.n, 0);
	assert_string_equal(out.surname1, "Ruíz Soto");
	assert_string_equal(out.phone, "6123-4567");
	assert_string_equal(out.given_names, "Ana");
	assert_string_equal(out.ref, p.ref);

	const struct audit_event *ev = last_event(f, p.id);
	assert_string_equal(ev->action, "update");
	assert_string_equal(ev->fields, "surname1,phone");

	/* The search index follows the new name. */
	struct store_list l;
	assert_int_equal(search(f, "soto", &l), 1);

	/* "" clears a field. */
	ch = (struct person){ .phone = "" };
	assert_int_equal(person_update(&f->c, p.ref, &ch, &errs, &out), DOM_OK);
	assert_null(out.phone);
	assert_string_equal(last_event(f, p.id)->fields, "phone");

	/* Server fields are not taken from input. */
	ch = (struct person){ .ref = "P-999999", .status = "deleted", .office = "X" };
	assert_int_equal(person_update(&f->c, p.id, &ch, &errs, &out), DOM_OK);
	assert_string_equal(out.ref, p.ref);
	assert_string_equal(out.status, "active");
}

static void test_update_without_changes_writes_no_event(void **state)
{
	struct fixture *f = *state;
	struct person p, out, ch = { .given_names = "Ana" };
	struct errors errs = { .n = 0 };
	create_ok(f, named(f, "Ana", NULL, NULL), &p);
	long long before = count(f, &ENT_AUDIT);
	assert_int_equal(person_update(&f->c, p.id, &ch, &errs, &out), DOM_OK);
	assert_int_equal(count(f, &ENT_AUDIT), before);
	assert_string_equal(out.id, p.id);
}

static void test_update_invalid_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct person p, out, ch = { .email = "nope", .surname1 = "Otro" };
	struct errors errs = { .n = 0 };
	create_ok(f, named(f, "Ana", "Ruiz", NULL), &p);
	long long before = count(f, &ENT_AUDIT);
	assert_int_equal(person_update(&f->c, p.id, &ch, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "email"));
	assert_int_equal(count(f, &ENT_AUDIT), before);
	assert_int_equal(store_get(f->db.st, &ENT_PERSON, f->a, "id", p.id, &out), STORE_OK);
	assert_string_equal(out.surname1, "Ruiz");

	struct errors e2 = { .n = 0 };
	ch = (struct person){ .given_names = "" };
	assert_int_equal(person_update(&f->c, p.id, &ch, &e2, &out), DOM_INVALID);
	assert_non_null(errors_for(&e2, "given_names"));

	struct errors e3 = { .n = 0 };
	assert_int_equal(person_update(&f->c, "nope", &ch, &e3, &out), DOM_NOTFOUND);
}

static void test_update_legal_status_history(void **state)
{
	struct fixture *f = *state;
	struct person p, out, ch = { .legal_status = "refugee" };
	struct errors errs = { .n = 0 };
	create_ok(f, named(f, "Ana", NULL, NULL), &p);
	assert_int_equal(person_update(&f->c, p.id, &ch, &errs, &out), DOM_OK);
	ch = (struct person){ .legal_status = "refugee", .phone = "6123-4567" };
	assert_int_equal(person_update(&f->c, p.id, &ch, &errs, &out), DOM_OK);
	struct store_list hist;
	assert_int_equal(person_status_history(&f->c, p.id, &hist), DOM_OK);
	assert_int_equal(hist.n, 1); /* recorded once, when it changed */
}

static void test_documents(void **state)
{
	struct fixture *f = *state;
	struct person p;
	create_ok(f, named(f, "Ana", NULL, NULL), &p);
	struct document d = { .type = arena_strdup(f->a, "passport"),
			      .number = arena_strdup(f->a, "AB 123456"),
			      .issued_on = arena_strdup(f->a, "2020-01-01"),
			      .expires_on = arena_strdup(f->a, "2030-01-01") };
	struct errors errs = { .n = 0 };
	assert_int_equal(person_add_document(&f->c, p.id, &d, &errs), DOM_OK);
	struct store_list l;
	assert_int_equal(person_documents(&f->c, p.id, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(((struct document *)l.items[0])->number, "AB 123456");
	/* d is the stored record, readable after the call (the API answers it). */
	assert_string_equal(d.id, ((struct document *)l.items[0])->id);
	assert_string_equal(d.created_at, ((struct document *)l.items[0])->created_at);
	/* Found by number, with or without the space. */
	assert_int_equal(search(f, "AB123456", &l), 1);
	assert_int_equal(search(f, "ab 123456", &l), 1);

	struct document bad = { .type = arena_strdup(f->a, "library_card"),
				.issued_on = arena_strdup(f->a, "2020-01-01"),
				.expires_on = arena_strdup(f->a, "2019-01-01") };
	struct errors e2 = { .n = 0 };
	assert_int_equal(person_add_document(&f->c, p.id, &bad, &e2), DOM_INVALID);
	assert_non_null(errors_for(&e2, "type"));
	assert_non_null(errors_for(&e2, "number"));

	struct document back = { .type = arena_strdup(f->a, "passport"),
				 .number = arena_strdup(f->a, "X1"),
				 .issued_on = arena_strdup(f->a, "2020-01-01"),
				 .expires_on = arena_strdup(f->a, "2019-01-01") };
	struct errors e3 = { .n = 0 };
	assert_int_equal(person_add_document(&f->c, p.id, &back, &e3), DOM_INVALID);
	assert_non_null(errors_for(&e3, "expires_on"));
}

static void test_permissions(void **state)
{
	struct fixture *f = *state;
	struct user ro, ethics, me;
	struct person p, out;
	struct store_list l;
	struct errors errs = { .n = 0 };
	fixture_user(f, "lectora", "readonly", &ro);
	fixture_user(f, "etica", "ethics", &ethics);
	fixture_user(f, "monitor", "me", &me);
	create_ok(f, named(f, "Ana", NULL, NULL), &p);

	f->c.user = &ro;
	struct person in = named(f, "Beto", NULL, NULL);
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, NULL), DOM_FORBIDDEN);
	struct person ch = { .phone = "6123-4567" };
	assert_int_equal(person_update(&f->c, p.id, &ch, &errs, &out), DOM_FORBIDDEN);
	assert_int_equal(person_search(&f->c, "ana", 10, 0, &l), DOM_OK);
	assert_int_equal(person_get(&f->c, p.id, &out), DOM_OK);

	f->c.user = &me;
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, NULL), DOM_FORBIDDEN);

	f->c.user = &ethics;
	assert_int_equal(person_search(&f->c, "ana", 10, 0, &l), DOM_FORBIDDEN);
	assert_int_equal(person_search(&f->c, "", 10, 0, &l), DOM_FORBIDDEN);
	assert_int_equal(person_get(&f->c, p.id, &out), DOM_FORBIDDEN);
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, NULL), DOM_FORBIDDEN);

	f->c.user = NULL;
	assert_int_equal(person_search(&f->c, "ana", 10, 0, &l), DOM_UNAUTH);
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, NULL), DOM_UNAUTH);

	struct user off = f->admin;
	off.disabled = "1";
	f->c.user = &off;
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, NULL), DOM_UNAUTH);

	f->c.user = &f->admin;
	assert_int_equal(errs.n, 0);
	assert_int_equal(count(f, &ENT_PERSON), 1);
}

/* Search reads from c->read (a replica) when there is one, and from the
 * primary when the replica fails; profiles and writes never touch it. */
static void test_search_reads_from_replica(void **state)
{
	struct fixture *f = *state;
	struct person p;
	struct store_list l;
	struct testdb replica, broken;
	char err[256];

	create_ok(f, named(f, "Ximena", "Quintero", NULL), &p);
	/* An empty database stands for a replica that has not replayed it. */
	assert_int_equal(testdb_open(&replica), 0);
	f->c.read = replica.st;
	assert_int_equal(person_search(&f->c, "quintero", 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 0);
	assert_int_equal(person_search(&f->c, NULL, 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 0);
	assert_int_equal(f->c.read_failed, 0);
	/* A profile is read from the primary. */
	struct person got;
	assert_int_equal(person_get(&f->c, p.id, &got), DOM_OK);
	assert_string_equal(got.surname1, "Quintero");

	/* A replica without the schema fails every query: read from the primary. */
	memset(&broken, 0, sizeof(broken)); /* no dir of its own: it lives in the replica's */
	snprintf(broken.path, sizeof(broken.path), "%s/broken.db", replica.dir);
	assert_int_equal(store_open(broken.path, &broken.st, err, sizeof(err)), STORE_OK);
	f->c.read = broken.st;
	assert_int_equal(person_search(&f->c, "quintero", 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(f->c.read_failed, 1);
	/* Once failed, the request keeps to the primary. */
	assert_int_equal(person_search(&f->c, NULL, 10, 0, &l), DOM_OK);
	assert_int_equal(l.total, 1);
	testdb_close(&broken);

	f->c.read = NULL;
	f->c.read_failed = 0;
	testdb_close(&replica);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_create_valid_gets_reference),
		T(test_create_out_may_be_null),
		T(test_create_trims_and_blanks),
		T(test_create_invalid_stores_nothing),
		T(test_create_many_errors_at_once),
		T(test_district_must_match_province),
		T(test_arrival_before_birth),
		T(test_search_names_accents_phonetics_and_ref),
		T(test_search_terms),
		T(test_search_by_reference_is_exact),
		T(test_common_name_lists_newest_first),
		T(test_get_by_id_and_ref),
		T(test_update_audits_changed_field_names),
		T(test_update_without_changes_writes_no_event),
		T(test_update_invalid_changes_nothing),
		T(test_update_legal_status_history),
		T(test_documents),
		T(test_permissions),
		T(test_search_reads_from_replica),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

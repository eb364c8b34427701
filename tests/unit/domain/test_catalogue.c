/* test_catalogue.c: administrators' changes to the editable catalogues
 * (catalogue.c, and catalog.c's lookups over them): added entries, labels
 * per language, deactivation refusing new services but keeping old ones,
 * built-in entries that cannot be removed, permissions, the audit log, and
 * the cache read by many threads while one writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/audit.h"
#include "domain/case.h"
#include "domain/catalogue.h"
#include "domain/person.h"
#include "domain/service.h"
#include "domain/user.h"
#include "domain/validate.h"
#include "support.h"

static const struct catalog_editable *livelihoods(void)
{
	return catalog_editable_find("service_type", "livelihoods");
}

/* Each test starts from a fresh database: so must the process's cache. */
static int setup(void **state)
{
	catalog_edits_publish(NULL, 0);
	return fixture_setup(state);
}

static struct case_rec livelihoods_case(struct fixture *f, const struct user *u)
{
	struct errors errs = { .n = 0 };
	struct person p;
	struct case_rec k;
	fixture_register(f, fixture_named(f, "Olga", "Quintero", NULL, "1990-03-02"), &p);
	const struct user *saved = f->c.user;
	f->c.user = u;
	assert_int_equal(case_open(&f->c, p.id, "livelihoods", NULL, &errs, &k), DOM_OK);
	f->c.user = saved;
	return k;
}

static struct service service_of(const char *type)
{
	static char date[] = "2026-01-12";
	return (struct service){ .type = (char *)type, .date = date };
}

/* The label of code of c in lang. */
static const char *label_in(const struct catalog *c, const char *code, const char *lang)
{
	i18n_use(lang);
	const char *l = catalog_label(c, code);
	i18n_use("es");
	return l;
}

static void test_add_offer_record(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	struct catalogue_entry e;
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	struct case_rec k = livelihoods_case(f, &live);
	const struct catalog *c = livelihoods()->c;
	size_t n;

	assert_int_equal(catalogue_add(&f->c, livelihoods(), NULL, " Taller de costura ",
				       "Sewing workshop", &errs, &e),
			 DOM_OK);
	assert_string_equal(e.code, "sewing_workshop");
	assert_string_equal(e.label_es, "Taller de costura");
	assert_string_equal(e.area, "livelihoods");
	assert_int_equal(fixture_audit_count(f, e.id), 1);
	assert_string_equal(label_in(c, "sewing_workshop", "es"), "Taller de costura");
	assert_string_equal(label_in(c, "sewing_workshop", "en"), "Sewing workshop");
	assert_true(catalog_active(c, "sewing_workshop"));
	/* Not in another area's catalogue. */
	assert_null(catalog_find(catalog_service_types("legal"), "sewing_workshop"));

	/* Offered after the built-in types. */
	const struct catalog_entry_view *v = catalog_entries(f->a, c, 1, &n);
	assert_int_equal(n, c->n + 1);
	assert_string_equal(v[n - 1].code, "sewing_workshop");
	assert_false(v[n - 1].builtin);

	/* The same name again gets a code of its own. */
	assert_int_equal(catalogue_add(&f->c, livelihoods(), "", "Taller de costura", "Sewing workshop",
				       &errs, &e),
			 DOM_OK);
	assert_string_equal(e.code, "sewing_workshop_2");

	struct service s = service_of("sewing_workshop"), out;
	f->c.user = &live;
	assert_int_equal(service_record(&f->c, k.id, &s, &errs, &out), DOM_OK);
	assert_string_equal(out.type, "sewing_workshop");
}

static void test_label_override(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	struct catalogue_entry e;
	const struct catalog_editable *psy = catalog_editable_find("service_type", "psychosocial");
	const char *es = label_in(psy->c, "pfa", "es"), *en = label_in(psy->c, "pfa", "en");
	assert_string_equal(en, "Psychological first aid");

	/* Spanish only: English keeps the built-in translation. */
	assert_int_equal(catalogue_update(&f->c, psy, "pfa", "PAP (primeros auxilios psicológicos)",
					  NULL, NULL, &errs, &e),
			 DOM_OK);
	assert_string_equal(label_in(psy->c, "pfa", "es"), "PAP (primeros auxilios psicológicos)");
	assert_string_equal(label_in(psy->c, "pfa", "en"), "Psychological first aid");
	assert_int_equal(catalogue_update(&f->c, psy, "pfa", NULL, "PFA", NULL, &errs, &e), DOM_OK);
	assert_string_equal(label_in(psy->c, "pfa", "en"), "PFA");
	assert_string_equal(label_in(psy->c, "pfa", "es"), "PAP (primeros auxilios psicológicos)");
	assert_int_equal(fixture_audit_count(f, e.id), 2);
	/* The same again writes nothing. */
	assert_int_equal(catalogue_update(&f->c, psy, "pfa", NULL, "PFA", NULL, &errs, &e), DOM_OK);
	assert_int_equal(fixture_audit_count(f, e.id), 2);
	/* "" goes back to the built-in label. */
	assert_int_equal(catalogue_update(&f->c, psy, "pfa", "", "", NULL, &errs, &e), DOM_OK);
	assert_string_equal(label_in(psy->c, "pfa", "es"), es);
	assert_string_equal(label_in(psy->c, "pfa", "en"), en);

	/* Closure reasons are editable the same way. */
	const struct catalog_editable *cr = catalog_editable_find("closure_reason", NULL);
	assert_ptr_equal(cr->c, &CAT_CLOSURE_REASON);
	assert_int_equal(catalogue_update(&f->c, cr, "relocated", "Se mudó", NULL, NULL, &errs, &e),
			 DOM_OK);
	assert_string_equal(label_in(&CAT_CLOSURE_REASON, "relocated", "es"), "Se mudó");

	/* Too long, or an unknown code. */
	char long_label[CATALOGUE_LABEL_MAX + 2];
	memset(long_label, 'a', sizeof(long_label) - 1);
	long_label[sizeof(long_label) - 1] = 0;
	assert_int_equal(catalogue_update(&f->c, psy, "pfa", long_label, NULL, NULL, &errs, &e),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "label_es"));
	errs.n = 0;
	assert_int_equal(catalogue_update(&f->c, psy, "nothing", "x", NULL, NULL, &errs, &e),
			 DOM_NOTFOUND);
	/* A code of another area is not this one's. */
	assert_int_equal(catalogue_update(&f->c, psy, "career_counselling", "x", NULL, NULL, &errs, &e),
			 DOM_NOTFOUND);
}

static void test_deactivated_refused_for_new(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	struct catalogue_entry e;
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	struct case_rec k = livelihoods_case(f, &live);
	const struct catalog *c = livelihoods()->c;
	struct service s = service_of("group_coaching"), out, old;
	size_t n;

	f->c.user = &live;
	assert_int_equal(service_record(&f->c, k.id, &s, &errs, &old), DOM_OK);
	f->c.user = &f->admin;
	assert_int_equal(catalogue_update(&f->c, livelihoods(), "group_coaching", NULL, NULL, "0",
					  &errs, &e),
			 DOM_OK);
	assert_string_equal(e.active, "0");
	assert_false(catalog_active(c, "group_coaching"));
	/* Still known, with its label, for the old service. */
	assert_non_null(catalog_find(c, "group_coaching"));
	assert_string_equal(label_in(c, "group_coaching", "en"), "Group coaching");
	/* No longer offered. */
	const struct catalog_entry_view *v = catalog_entries(f->a, c, 1, &n);
	assert_int_equal(n, c->n - 1);
	for (size_t i = 0; i < n; i++)
		assert_string_not_equal(v[i].code, "group_coaching");
	/* Refused for a new service, with a message that says why. */
	f->c.user = &live;
	s = service_of("group_coaching");
	assert_int_equal(service_record(&f->c, k.id, &s, &errs, &out), DOM_INVALID);
	assert_non_null(errors_for(&errs, "type"));
	i18n_use("en");
	errs.n = 0;
	assert_int_equal(validate_code(&errs, "type", "group_coaching", c), 0);
	assert_string_equal(errors_for(&errs, "type"),
			    "This entry is no longer in use: choose another from the list.");
	i18n_use("es");
	/* The old one keeps it. */
	assert_int_equal(service_get(&f->c, &k, old.id, &out), DOM_OK);
	assert_string_equal(out.type, "group_coaching");

	/* Reactivated: accepted again. */
	f->c.user = &f->admin;
	errs.n = 0;
	assert_int_equal(catalogue_update(&f->c, livelihoods(), "group_coaching", NULL, NULL, "1",
					  &errs, &e),
			 DOM_OK);
	f->c.user = &live;
	errs.n = 0;
	s = service_of("group_coaching");
	assert_int_equal(service_record(&f->c, k.id, &s, &errs, &out), DOM_OK);
	f->c.user = &f->admin;
	assert_int_equal(catalogue_update(&f->c, livelihoods(), "group_coaching", NULL, NULL, "maybe",
					  &errs, &e),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "active"));
}

static void test_builtin_not_removable(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	struct catalogue_entry e;
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	struct case_rec k = livelihoods_case(f, &live);
	const struct catalog *c = livelihoods()->c;

	assert_int_equal(catalogue_remove(&f->c, livelihoods(), "career_counselling", &errs),
			 DOM_CONFLICT);
	assert_non_null(errors_for(&errs, "code"));
	assert_non_null(catalog_find(c, "career_counselling"));
	/* Not even once it carries an override. */
	errs.n = 0;
	assert_int_equal(catalogue_update(&f->c, livelihoods(), "career_counselling", "Orientación",
					  NULL, "0", &errs, &e),
			 DOM_OK);
	assert_int_equal(catalogue_remove(&f->c, livelihoods(), "career_counselling", &errs),
			 DOM_CONFLICT);
	assert_non_null(catalog_find(c, "career_counselling"));

	/* An added entry some service uses: refused too. */
	errs.n = 0;
	assert_int_equal(catalogue_add(&f->c, livelihoods(), "cv_clinic", "Clínica de hojas de vida",
				       NULL, &errs, &e),
			 DOM_OK);
	struct service s = service_of("cv_clinic"), out;
	f->c.user = &live;
	assert_int_equal(service_record(&f->c, k.id, &s, &errs, &out), DOM_OK);
	f->c.user = &f->admin;
	assert_int_equal(catalogue_remove(&f->c, livelihoods(), "cv_clinic", &errs), DOM_CONFLICT);
	/* An unused one goes, audited. */
	errs.n = 0;
	assert_int_equal(catalogue_add(&f->c, livelihoods(), "typo_entry", "Errata", NULL, &errs, &e),
			 DOM_OK);
	assert_int_equal(catalogue_remove(&f->c, livelihoods(), "typo_entry", &errs), DOM_OK);
	assert_null(catalog_find(c, "typo_entry"));
	assert_int_equal(fixture_audit_count(f, e.id), 2);
	assert_int_equal(catalogue_remove(&f->c, livelihoods(), "typo_entry", &errs), DOM_NOTFOUND);
}

static void test_validation(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	struct catalogue_entry e;
	const struct catalog_editable *legal = catalog_editable_find("service_type", "legal");

	assert_int_equal(catalogue_add(&f->c, legal, NULL, " ", NULL, &errs, &e), DOM_INVALID);
	assert_non_null(errors_for(&errs, "label_es"));
	errs.n = 0;
	assert_int_equal(catalogue_add(&f->c, legal, "Con Espacio", "x", NULL, &errs, &e), DOM_INVALID);
	assert_non_null(errors_for(&errs, "code"));
	errs.n = 0;
	/* Codes are unique across the areas of a catalogue. */
	assert_int_equal(catalogue_add(&f->c, legal, "pfa", "x", NULL, &errs, &e), DOM_INVALID);
	assert_non_null(errors_for(&errs, "code"));
	errs.n = 0;
	assert_int_equal(catalogue_add(&f->c, NULL, NULL, "x", NULL, &errs, &e), DOM_INVALID);
	assert_non_null(errors_for(&errs, "catalogue"));
	errs.n = 0;
	/* A name of accents and signs only still makes a code. */
	assert_int_equal(catalogue_add(&f->c, legal, NULL, "¿?", NULL, &errs, &e), DOM_OK);
	assert_string_equal(e.code, "entry");
	assert_int_equal(catalogue_add(&f->c, legal, NULL, "Asesoría en línea", NULL, &errs, &e), DOM_OK);
	assert_string_equal(e.code, "asesoria_en_linea");
	/* An added entry keeps one label at least. */
	assert_int_equal(catalogue_update(&f->c, legal, "asesoria_en_linea", "", NULL, NULL, &errs, &e),
			 DOM_INVALID);
	assert_non_null(errors_for(&errs, "label_es"));
	assert_null(catalog_editable_find("colours", NULL));
	assert_null(catalog_editable_find("service_type", "nowhere"));
	assert_ptr_equal(catalog_editable_of("service_type", "asesoria_en_linea"), legal);
}

static void test_permissions(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	struct catalogue_entry e;
	struct catalog_entry_view *v;
	size_t n;
	struct user sup, reader;
	fixture_user(f, "sup", "supervisor", &sup);
	fixture_user(f, "reader", "readonly", &reader);
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	const struct user *who[] = { &sup, &reader, &live };
	for (size_t i = 0; i < 3; i++) {
		f->c.user = who[i];
		assert_int_equal(catalogue_add(&f->c, livelihoods(), NULL, "x", NULL, &errs, &e),
				 DOM_FORBIDDEN);
		assert_int_equal(catalogue_update(&f->c, livelihoods(), "group_coaching", NULL, NULL, "0",
						  &errs, &e),
				 DOM_FORBIDDEN);
		assert_int_equal(catalogue_remove(&f->c, livelihoods(), "group_coaching", &errs),
				 DOM_FORBIDDEN);
		assert_int_equal(catalogue_list(&f->c, livelihoods(), &v, &n), DOM_FORBIDDEN);
	}
	assert_true(catalog_active(livelihoods()->c, "group_coaching"));
	f->c.user = &f->admin;
	assert_int_equal(catalogue_list(&f->c, livelihoods(), &v, &n), DOM_OK);
	assert_int_equal(n, livelihoods()->c->n);
}

/* The audit names fields, never labels. */
static void test_audit_fields(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	struct catalogue_entry e;
	struct store_list l;
	assert_int_equal(catalogue_add(&f->c, livelihoods(), NULL, "Feria de empleo", NULL, &errs, &e),
			 DOM_OK);
	assert_int_equal(catalogue_update(&f->c, livelihoods(), e.code, NULL, NULL, "0", &errs, &e),
			 DOM_OK);
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", e.id, "seq", 0, 10, 0, &l),
			 STORE_OK);
	assert_int_equal(l.n, 2);
	const struct audit_event *a = l.items[0], *b = l.items[1];
	assert_string_equal(a->action, "add_catalogue_entry");
	assert_string_equal(a->entity, "catalogue");
	assert_null(strstr(a->fields, "Feria"));
	assert_string_equal(b->action, "deactivate_catalogue_entry");
	assert_string_equal(b->fields, "active");
	/* The catalogue's history lists them, newest first; only for
	 * administrators. */
	struct catalogue_change *h;
	size_t n;
	assert_int_equal(catalogue_history(&f->c, livelihoods(), 10, &h, &n), DOM_OK);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].ev->action, "deactivate_catalogue_entry");
	assert_string_equal(h[0].code, e.code);
	assert_string_equal(h[1].ev->action, "add_catalogue_entry");
	assert_int_equal(catalogue_history(&f->c, livelihoods(), 1, &h, &n), DOM_OK);
	assert_int_equal(n, 1);
	assert_int_equal(catalogue_history(&f->c, catalog_editable_find("service_type", "legal"), 10, &h, &n),
			 DOM_OK);
	assert_int_equal(n, 0);
	struct user live = fixture_worker(f, "live", "caseworker", "livelihoods");
	f->c.user = &live;
	assert_int_equal(catalogue_history(&f->c, livelihoods(), 10, &h, &n), DOM_FORBIDDEN);
}

/* Another process's change reaches this one through catalogue_load. */
static void test_load(void **state)
{
	struct fixture *f = *state;
	struct errors errs = { .n = 0 };
	struct catalogue_entry e;
	assert_int_equal(catalogue_add(&f->c, livelihoods(), "barista", "Curso de barista", NULL, &errs,
				       &e),
			 DOM_OK);
	catalog_edits_publish(NULL, 0);
	assert_null(catalog_find(livelihoods()->c, "barista"));
	assert_int_equal(catalogue_load(f->db.st, f->a), DOM_OK);
	assert_non_null(catalog_find(livelihoods()->c, "barista"));
}

/* Readers in several threads while a writer publishes: every lookup sees
 * a whole set (run under ThreadSanitizer or ASan to catch a race). */
static atomic_int stop;
static void *reader(void *arg)
{
	(void)arg;
	i18n_use("es");
	while (!atomic_load(&stop)) {
		const char *l = catalog_label(livelihoods()->c, "group_coaching");
		assert_true(strcmp(l, "A") == 0 || strcmp(l, "B") == 0 || strlen(l) > 1);
		(void)catalog_active(livelihoods()->c, "barista");
	}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t t[3];
	atomic_store(&stop, 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(pthread_create(&t[i], NULL, reader, NULL), 0);
	for (int i = 0; i < 300; i++) {
		struct catalog_edit e = { .c = livelihoods()->c, .item = { "group_coaching", NULL },
					  .label_es = i % 2 ? "A" : "B", .active = 1 };
		assert_int_equal(catalog_edits_publish(&e, 1), 0);
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	assert_string_equal(catalog_label(livelihoods()->c, "group_coaching"), "A"); /* the last, i = 299 */
}

int main(void)
{
	support_init();
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_add_offer_record),
		T(test_label_override),
		T(test_deactivated_refused_for_new),
		T(test_builtin_not_removable),
		T(test_validation),
		T(test_permissions),
		T(test_audit_fields),
		T(test_load),
		T(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_labels.c: the names a caseworker reads for stored fields and audit
 * actions: a form's error summary and a record's history never show a
 * column's or an action's internal name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "domain/validate.h"
#include "store/model.h"
#include "web/web.h"

/* The records people fill in through forms, and whose changes their
 * histories list field by field. */
static const struct entity *const edited[] = {
	&ENT_PERSON,	     &ENT_HOUSEHOLD,	&ENT_DOCUMENT,	       &ENT_CASE,
	&ENT_SERVICE,	     &ENT_ASSESSMENT,	&ENT_FLAG,	       &ENT_APPOINTMENT,
	&ENT_REFERRAL,	     &ENT_CASE_GOAL,	&ENT_CASE_NOTE,	       &ENT_ASYLUM_STAGE,
	&ENT_DETENTION,	     &ENT_PROGRAMME,	&ENT_ASSISTANCE_REQUEST, &ENT_PARTNER,
	&ENT_NEEDS_ASSESSMENT, &ENT_CASE_TRANSFER,
};

static int internal(const struct field *f)
{
	return (f->flags & (F_SERVER | F_SECRET)) || !strcmp(f->name, "id") || !strcmp(f->name, "ref");
}

/* Fields amparo sets itself that a history still names, changed by an
 * action of their own (a case's status, risk or caseworker). */
static const char *const named[] = { "status", "closure_reason", "risk", "assigned_to" };

static void test_every_field_has_a_label(void **state)
{
	int missing = 0;
	for (size_t i = 0; i < sizeof(edited) / sizeof(edited[0]); i++)
		for (size_t k = 0; k < edited[i]->nfields; k++) {
			const struct field *f = &edited[i]->fields[k];
			if (internal(f) || strcmp(web_label(f->name), f->name) != 0)
				continue;
			fprintf(stderr, "no label for %s.%s\n", edited[i]->name, f->name);
			missing++;
		}
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strcmp(web_label(named[i]), named[i]) == 0) {
			fprintf(stderr, "no label for %s\n", named[i]);
			missing++;
		}
	assert_int_equal(missing, 0);
}

static struct request *fake(struct arena *a, const char *lang)
{
	struct request *r = arena_alloc(a, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->a = a;
	r->lang = lang;
	i18n_use(lang);
	buf_init(&r->out, 1u << 16);
	return r;
}

/* The summary above a form names each field as its label does; a field
 * with no label of its own is named by its message alone. */
static void test_error_summary_names_fields_in_words(void **state)
{
	struct arena *a = arena_new();
	struct request *r = fake(a, "es");
	struct errors errs = { .n = 0 };
	errors_add(&errs, "date", "Este campo es obligatorio.");
	errors_add(&errs, "confirm", "Las dos contraseñas nuevas no coinciden.");
	form_error_summary(r, &errs);
	assert_non_null(strstr(r->out.p, "<a href=\"#f-date\">Fecha: Este campo es obligatorio.</a>"));
	assert_non_null(strstr(r->out.p, "<a href=\"#f-confirm\">Las dos contraseñas nuevas no coinciden.</a>"));
	assert_null(strstr(r->out.p, "confirm:"));
	assert_null(strstr(r->out.p, "date:"));
	buf_free(&r->out);
	arena_free(a);
	(void)state;
}

/* A case's history says what happened in words, in the user's language. */
static void test_actions_in_words(void **state)
{
	i18n_use("es");
	assert_string_equal(web_action("open"), "Caso abierto");
	assert_string_equal(web_action("add_service"), "Servicio registrado");
	assert_string_equal(web_action("status"), "Estado cambiado");
	i18n_use("en");
	assert_string_equal(web_action("add_service"), "Service recorded");
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_field_has_a_label),
		cmocka_unit_test(test_error_summary_names_fields_in_words),
		cmocka_unit_test(test_actions_in_words),
	};
	i18n_init(NULL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}

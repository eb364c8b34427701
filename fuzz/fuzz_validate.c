/* fuzz_validate.c: the field checks every form and JSON body goes through
 * (src/domain/validate.c) and the value readers of typed fields: whole
 * numbers (str_to_long), amounts of assistance (assist_parse_cents) and
 * appointment times (appointment_time_parse). The input is split at its
 * first newline: the first part is the value, the second a second value
 * (a province for a district). Each check either accepts the value or adds
 * exactly one message; an accepted value has the form the check promises. */
#include "fuzz.h"

#include <ctype.h>

#include "base/str.h"
#include "domain/appointment.h"
#include "domain/assistance.h"
#include "domain/validate.h"

/* A check added one error exactly when it refused the value (errs holds
 * one error per field, so each check starts from none). */
static void agree(int ok, struct errors *errs)
{
	FUZZ_CHECK(ok == 0 || ok == 1);
	FUZZ_CHECK(errs->n == !ok);
	for (int i = 0; i < errs->n; i++)
		FUZZ_CHECK(errs->e[i].field && errs->e[i].message && *errs->e[i].message);
}

#define CHECK(call)                                                                         \
	do {                                                                                \
		errs.n = 0;                                                                 \
		agree((call), &errs);                                                       \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n1 = nl ? (size_t)(nl - data) : size;
	char *v0 = fuzz_cstr(data, n1);
	char *w0 = fuzz_cstr(nl ? nl + 1 : data + size, nl ? size - n1 - 1 : 0);
	/* record_clean turns an empty field into NULL before the checks. */
	const char *v = *v0 ? v0 : NULL, *w = *w0 ? w0 : NULL;
	struct errors errs = { 0 };

	CHECK(validate_required(&errs, "f", v));
	CHECK(validate_length(&errs, "f", v, 40));
	CHECK(validate_chars(&errs, "f", v, 40));
	CHECK(validate_minutes(&errs, "f", v));
	CHECK(validate_date(&errs, "f", v, 0));
	CHECK(validate_date(&errs, "f", v, 1));
	CHECK(validate_code(&errs, "f", v, &CAT_COUNTRY));
	CHECK(validate_codes(&errs, "f", v, &CAT_NEED));
	CHECK(validate_phone(&errs, "f", v));
	CHECK(validate_email(&errs, "f", v));
	CHECK(validate_bool(&errs, "f", v));
	CHECK(validate_district(&errs, w, v));
	errs.n = 0;
	if (v && validate_email(&errs, "f", v))
		FUZZ_CHECK(strchr(v, '@') && !strchr(v, ' '));
	if (v && validate_code(&errs, "f", v, &CAT_SEX))
		FUZZ_CHECK(catalog_find(&CAT_SEX, v) != NULL);
	v = v0;

	long n = 0;
	if (str_to_long(v, -1000, 1000, &n) == 0) {
		FUZZ_CHECK(n >= -1000 && n <= 1000);
	}
	long long cents = -1;
	if (assist_parse_cents(v, &cents) == 0)
		FUZZ_CHECK(cents >= 0 && cents <= ASSIST_CENTS_MAX);
	char when[APPT_TIME_MAX];
	memset(when, 'x', sizeof(when));
	int rc = appointment_time_parse(v, when);
	FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2);
	if (rc == 0) {
		FUZZ_CHECK(memchr(when, 0, sizeof(when)) != NULL);
		/* What was accepted is stored in one form, and reads back the same. */
		char again[APPT_TIME_MAX];
		FUZZ_CHECK(appointment_time_parse(when, again) == 0);
		FUZZ_CHECK(strcmp(when, again) == 0);
	}
	free(w0);
	free(v0);
	return 0;
}

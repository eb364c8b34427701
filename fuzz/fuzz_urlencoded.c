/* fuzz_urlencoded.c: http_parse_urlencoded on any bytes (query strings and
 * application/x-www-form-urlencoded bodies), then what a form POST of a
 * person goes through: form_read (repeated keys, day-first dates),
 * record_clean and person_validate. */
#include "fuzz.h"

#include "base/arena.h"
#include "domain/person.h"
#include "http/request.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	char *s = fuzz_bytes(data, size);
	size_t seps = 0;

	for (size_t i = 0; i < size; i++)
		seps += s[i] == '&' || s[i] == ';';
	size_t pairs = 0;
	struct kv *form = http_parse_urlencoded(a, s, size);
	for (struct kv *kv = form; kv; kv = kv->next) {
		FUZZ_CHECK(kv->key && kv->value);
		/* Decoding never makes a value longer than what was sent. */
		FUZZ_CHECK(kv->value_len <= size);
		FUZZ_CHECK(strlen(kv->value) <= kv->value_len);
		FUZZ_CHECK(kv->value[kv->value_len] == 0);
		FUZZ_CHECK(kv_get(kv, kv->key) != NULL);
		pairs++;
	}
	FUZZ_CHECK(pairs <= seps + 1);

	struct request r;
	memset(&r, 0, sizeof(r));
	r.a = a;
	r.ctx.a = a;
	r.form = form;
	struct person p;
	struct errors errs = { 0 };
	form_read(&r, &ENT_PERSON, &p, &errs);
	for (size_t i = 0; i < ENT_PERSON.nfields; i++) {
		const char *v = field_get(&p, &ENT_PERSON.fields[i]);
		/* A date that form_read accepted is in ISO order. */
		if (v && form_is_date(ENT_PERSON.fields[i].name) &&
		    !errors_for(&errs, ENT_PERSON.fields[i].name) && *v)
			FUZZ_CHECK(strlen(v) == 10 && v[4] == '-' && v[7] == '-');
	}
	record_clean(a, &ENT_PERSON, &p);
	person_validate(&p, &errs);
	free(s);
	arena_free(a);
	return 0;
}

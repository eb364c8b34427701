/* fuzz_json.c: a JSON request body, as POST/PATCH /api/v1/people receive
 * it: jansson's json_loadb with the server's flags, then api_read into a
 * person, record_clean and person_validate (the checks every field gets
 * before it is stored), then the record back to JSON. */
#include "fuzz.h"

#include <jansson.h>

#include "api/api.h"
#include "domain/person.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = fuzz_bytes(data, size);
	json_t *j = json_loadb(body, size, JSON_REJECT_DUPLICATES, NULL);
	free(body);
	if (!j)
		return 0;
	if (json_is_object(j)) {
		/* The handlers only ever touch the arena of a request. */
		struct request r;
		memset(&r, 0, sizeof(r));
		r.a = arena_new();
		r.ctx.a = r.a;
		struct person p;
		struct errors errs = { 0 };
		int n = api_read(&r, &ENT_PERSON, j, &p, &errs);
		FUZZ_CHECK(n == errs.n && n >= 0 && n <= ERRORS_MAX);
		for (int i = 0; i < errs.n; i++)
			FUZZ_CHECK(errs.e[i].field && errs.e[i].message);
		record_clean(r.a, &ENT_PERSON, &p);
		struct errors verrs = { 0 };
		person_validate(&p, &verrs);
		for (int i = 0; i < verrs.n; i++)
			FUZZ_CHECK(verrs.e[i].field && verrs.e[i].message);
		json_t *back = api_record(&ENT_PERSON, &p);
		char *text = json_dumps(back, JSON_COMPACT);
		FUZZ_CHECK(text != NULL);
		free(text);
		json_decref(back);
		arena_free(r.a);
	}
	json_decref(j);
	return 0;
}

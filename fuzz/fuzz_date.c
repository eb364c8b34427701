/* fuzz_date.c: dates typed by users and read from imports: date_parse,
 * date_age, and the display helpers. The input is split at its first
 * newline into two dates. */
#include "fuzz.h"

#include "base/timeutil.h"

static void one(const char *s)
{
	int y = -1, m = -1, d = -1;
	int rc = date_parse(s, &y, &m, &d);
	FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2);
	if (rc == 0) {
		char again[16];
		FUZZ_CHECK(y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
		snprintf(again, sizeof(again), "%04d-%02d-%02d", y, m, d);
		FUZZ_CHECK(strcmp(again, s) == 0);
	}
	char day[16], stamp[32];
	date_display(s, day);
	FUZZ_CHECK(strlen(day) < sizeof(day));
	time_display(s, stamp);
	FUZZ_CHECK(strlen(stamp) < sizeof(stamp));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n1 = nl ? (size_t)(nl - data) : size;
	char *a = fuzz_cstr(data, n1);
	char *b = fuzz_cstr(nl ? nl + 1 : data + size, nl ? size - n1 - 1 : 0);

	one(a);
	one(b);
	int age = date_age(a, b);
	if (date_parse(a, NULL, NULL, NULL) == 0 && date_parse(b, NULL, NULL, NULL) == 0) {
		FUZZ_CHECK(age >= -300 && age <= 300);
		/* Nobody is older than the time between the dates in years. */
		if (strcmp(a, b) <= 0)
			FUZZ_CHECK(age >= 0);
		else
			FUZZ_CHECK(age <= 0);
	} else {
		FUZZ_CHECK(age == -1);
	}
	free(b);
	free(a);
	return 0;
}

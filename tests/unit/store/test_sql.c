/* test_sql.c: the SQL text the engines share (store/sql.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "store/sql.h"
#include "store/store.h"

static char *built(struct buf *b)
{
	return b->p ? b->p : "";
}

struct text_case {
	const char *in, *out;
};

/* Each case's in, appended by fn to an empty buffer, gives its out. */
static void check_cases(void (*fn)(struct buf *, const char *), const struct text_case *cases,
			size_t n)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		buf_reset(&b);
		fn(&b, cases[i].in);
		assert_string_equal(built(&b), cases[i].out);
	}
	buf_free(&b);
}

static void test_insert(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	sql_insert(&b, &ENT_COUNTER, 0);
	assert_string_equal(built(&b), "INSERT INTO counters (name, value) VALUES (?, ?)");
	buf_reset(&b);
	sql_insert(&b, &ENT_COUNTER, 1);
	assert_string_equal(built(&b), "INSERT INTO counters (name, value) VALUES ($1, $2)");
	buf_free(&b);
}

/* A filter's key may end with a comparison operator. */
static void test_where(void **state)
{
	(void)state;
	struct buf b;
	const struct store_filter f[] = { { "with_user", "u" }, { "starts_at>=", "2026-01-01" },
					  { "starts_at<", "2026-01-02" } };
	buf_init(&b, 0);
	sql_where(&b, f, 3, 0);
	assert_string_equal(built(&b),
			    " WHERE with_user = ? AND starts_at >= ? AND starts_at < ?");
	buf_reset(&b);
	sql_where(&b, f, 3, 1);
	assert_string_equal(built(&b),
			    " WHERE with_user = $1 AND starts_at >= $2 AND starts_at < $3");
	buf_free(&b);
}

/* A STORE_ANY filter is one parameter, on both engines. */
static void test_where_any(void **state)
{
	(void)state;
	struct buf b;
	const struct store_filter f[] = { { "area", "legal" }, { STORE_ANY("office"), "pty,dar" } };
	buf_init(&b, 0);
	sql_where(&b, f, 2, 0);
	assert_string_equal(built(&b), " WHERE area = ? AND (',' || CAST(? AS TEXT) || ',') LIKE ('%,' || office || ',%')");
	buf_reset(&b);
	sql_where(&b, f, 2, 1);
	assert_string_equal(built(&b), " WHERE area = $1 AND (',' || CAST($2 AS TEXT) || ',') LIKE ('%,' || office || ',%')");
	buf_free(&b);
}

static void test_copy_text(void **state)
{
	(void)state;
	static const struct text_case cases[] = {
		{ "", "" },
		{ "María José", "María José" },
		{ "a\\b", "a\\\\b" },
		{ "a\tb", "a\\tb" },
		{ "a\nb", "a\\nb" },
		{ "a\rb", "a\\rb" },
		{ "\\.", "\\\\." },   /* not the end-of-data line */
		{ "\\N", "\\\\N" },   /* not NULL */
		{ "\t\n\r\\", "\\t\\n\\r\\\\" },
		{ "'\"", "'\"" },     /* quotes mean nothing to COPY */
	};
	check_cases(sql_copy_text, cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_tsvector(void **state)
{
	(void)state;
	static const struct text_case cases[] = {
		{ "", "" },
		{ "maria _maria", "'maria' '_maria'" },
		{ "  two  spaces ", "'two' 'spaces'" }, /* empty words dropped */
		{ "o'neil", "'o''neil'" },
		{ "back\\slash", "'back\\\\slash'" },
		{ "a:1 b&c", "'a:1' 'b&c'" }, /* tsvector syntax stays literal */
	};
	check_cases(sql_tsvector, cases, sizeof(cases) / sizeof(cases[0]));
	/* Appended after other text: no leading space. */
	struct buf b;
	buf_init(&b, 0);
	buf_adds(&b, "x\t");
	sql_tsvector(&b, "a b");
	assert_string_equal(built(&b), "x\t'a' 'b'");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert),
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_where_any),
		cmocka_unit_test(test_copy_text),
		cmocka_unit_test(test_tsvector),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

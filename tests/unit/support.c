/* support.c: the shared test fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/log.h"
#include "domain/case.h"
#include "domain/person.h"
#include "domain/user.h"
#include "support.h"

void support_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	log_set_quiet(1);
	if (crypto_init())
		abort();
	/* A fixed test key: the store seals sensitive fields with it. */
	char err[128];
	if (crypto_keyring_parse(&crypto_keys, "dGVzdCBrZXkgb2YgYW1wYXJvJ3MgdW5pdCB0ZXN0cyE=", err,
				 sizeof(err)))
		abort();
	i18n_init(NULL);
}

int testdb_open(struct testdb *t)
{
	char err[256];
	int applied = 0;

	support_init();
	memset(t, 0, sizeof(*t));
	/* tmpfs when there is one: every commit syncs (synchronous=FULL). */
	snprintf(t->dir, sizeof(t->dir), "%s/amparo-unit-XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->path, sizeof(t->path), "%s/test.db", t->dir);
	if (store_open(t->path, &t->st, err, sizeof(err)) != STORE_OK) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	if (store_migrate(t->st, &applied) != STORE_OK || applied < 1)
		return -1;
	return 0;
}

struct store *testpg_open(void)
{
	char err[256];
	int applied = 0;
	struct store *st;

	support_init();
	if (store_open(getenv("AMPARO_TEST_DB_URL"), &st, err, sizeof(err))) {
		fprintf(stderr, "store_open: %s\n", err);
		return NULL;
	}
	if (st->eng->exec(st, "DROP SCHEMA public CASCADE; CREATE SCHEMA public") ||
	    store_migrate(st, &applied) || applied < 1) {
		store_close(st);
		return NULL;
	}
	return st;
}

void testdb_close(struct testdb *t)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[160];

	store_close(t->st);
	t->st = NULL;
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", t->path, suffix[i]);
		unlink(p);
	}
	if (t->dir[0])
		rmdir(t->dir);
}

int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct errors errs = { .n = 0 };

	if (!f || testdb_open(&f->db))
		return -1;
	f->a = arena_new();
	f->c = (struct ctx){ .st = f->db.st, .a = f->a, .user = NULL, .remote = "192.0.2.1" };
	/* The office every fixture user works in ("PTY" folds to "pty"),
	 * stored without an audit event so tests count only their own. */
	struct office pty = { .id = "pty", .name = "Ciudad de Panamá", .active = "1",
			      .created_at = "2026-01-01T00:00:00Z",
			      .updated_at = "2026-01-01T00:00:00Z" };
	if (store_insert(f->db.st, &ENT_OFFICE, &pty) != STORE_OK)
		return -1;
	if (user_create(&f->c, "admin", "Admin Test", "admin", NULL, "PTY", TEST_PASSWORD, &errs,
			&f->admin) != DOM_OK)
		return -1;
	f->admin.grants = FIXTURE_ALL_GRANTS;
	f->c.user = &f->admin;
	*state = f;
	return 0;
}

int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	if (!f)
		return 0;
	testdb_close(&f->db);
	arena_free(f->a);
	free(f);
	*state = NULL;
	return 0;
}

int fixture_setup_two(void **state)
{
	struct fixture **two = calloc(2, sizeof(*two));
	void *f;
	if (!two || fixture_setup(&f))
		return -1;
	two[0] = f;
	if (fixture_setup(&f))
		return -1;
	two[1] = f;
	*state = two;
	return 0;
}

int fixture_teardown_two(void **state)
{
	struct fixture **two = *state;
	for (int i = 0; i < 2; i++) {
		void *f = two[i];
		fixture_teardown(&f);
	}
	free(two);
	return 0;
}

struct user fixture_worker(struct fixture *f, const char *name, const char *role, const char *areas)
{
	struct errors errs = { .n = 0 };
	const struct user *saved = f->c.user;
	struct user u;

	f->c.user = NULL;
	int rc = user_create(&f->c, name, name, role, areas, "PTY", TEST_PASSWORD, &errs, &u);
	f->c.user = saved;
	assert_int_equal(rc, DOM_OK);
	/* Need-to-know grants as an office gives them (docs/access.md):
	 * supervisors every sensitive one, the psychosocial area mental
	 * health and SGBV, the legal area asylum narratives and torture. In
	 * memory only: no audit event for tests to count. */
	if (role && strcmp(role, "supervisor") == 0)
		u.grants = FIXTURE_ALL_GRANTS;
	else if (areas && strstr(areas, "psychosocial") && strstr(areas, "legal"))
		u.grants = FIXTURE_ALL_GRANTS;
	else if (areas && strstr(areas, "psychosocial"))
		u.grants = "sgbv,mental_health";
	else if (areas && strstr(areas, "legal"))
		u.grants = "torture,asylum_narrative";
	return u;
}

void fixture_user(struct fixture *f, const char *name, const char *role, struct user *out)
{
	struct user u = fixture_worker(f, name, role, NULL);
	if (out)
		*out = u;
}

struct case_rec fixture_case(struct fixture *f, const struct user *u, const char *person_id,
			     const char *area)
{
	struct errors errs = { .n = 0 };
	struct case_rec k;
	const struct user *saved = f->c.user;
	f->c.user = u;
	assert_int_equal(case_open(&f->c, person_id, area, NULL, &errs, &k), DOM_OK);
	f->c.user = saved;
	return k;
}

struct person fixture_person(struct fixture *f, const char *id)
{
	struct person p;
	assert_int_equal(store_get(f->db.st, &ENT_PERSON, f->a, "id", id, &p), STORE_OK);
	return p;
}

struct person fixture_named(struct fixture *f, const char *given, const char *s1, const char *s2,
			    const char *born)
{
	return (struct person){ .given_names = arena_strdup(f->a, given),
				.surname1 = arena_strdup(f->a, s1),
				.surname2 = s2 ? arena_strdup(f->a, s2) : NULL,
				.birth_date = born ? arena_strdup(f->a, born) : NULL };
}

void fixture_register(struct fixture *f, struct person in, struct person *out)
{
	struct errors errs = { .n = 0 };
	assert_int_equal(person_create(&f->c, &in, NULL, &errs, out), DOM_OK);
}

void fixture_filler(struct fixture *f, int n)
{
	static const char *syl[] = { "ba", "ke", "lu", "mo", "ri", "ta", "fe", "zo" };
	for (int i = 0; i < n; i++) {
		char g[32], s1[32], born[32];
		snprintf(g, sizeof(g), "%s%s%sna", syl[i % 8], syl[(i / 8) % 8], syl[(i + 3) % 8]);
		snprintf(s1, sizeof(s1), "%s%s%srez", syl[(i / 8) % 8], syl[i % 8], syl[(i + 5) % 8]);
		snprintf(born, sizeof(born), "%d-0%d-1%d", 1930 + i, 1 + i % 9, i % 10);
		struct person out;
		fixture_register(f, fixture_named(f, g, s1, NULL, born), &out);
	}
}

int run_in_child(void (*fn)(void *), void *arg)
{
	int status;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

long long fixture_audit_count(struct fixture *f, const char *entity_id)
{
	long long n = -1;
	assert_int_equal(store_count(f->db.st, &ENT_AUDIT, "entity_id", entity_id, &n), STORE_OK);
	return n;
}

int fixture_audit_actions(struct fixture *f, const char *entity_id, const char *action)
{
	struct store_list l;
	int n = 0;
	assert_int_equal(store_list(f->db.st, &ENT_AUDIT, f->a, "entity_id", entity_id, "seq", 0, 500,
				    0, &l),
			 STORE_OK);
	for (size_t i = 0; i < l.n; i++)
		n += strcmp(((struct audit_event *)l.items[i])->action, action) == 0;
	return n;
}

/* support.h: fixtures the unit tests share: a migrated SQLite database in a
 * private temporary directory, a request-like context, and a helper that
 * runs code in a child process so a crash fails one test, not the binary. */
#ifndef AMPARO_TEST_SUPPORT_H
#define AMPARO_TEST_SUPPORT_H

#include "domain/domain.h"
#include "store/store.h"

struct testdb {
	char dir[64];
	char path[128];
	struct store *st;
};

/* Creates and migrates a fresh database; returns 0 or -1. */
int testdb_open(struct testdb *t);
/* The PostgreSQL database AMPARO_TEST_DB_URL names (an empty one on a
 * throw-away cluster: tests/pg/with-cluster.sh), emptied and migrated
 * afresh; NULL on failure. */
struct store *testpg_open(void);
/* Closes the store (when open) and removes every file of the database. */
void testdb_close(struct testdb *t);

/* A database, an arena and a ctx whose user is an admin created through
 * user_create. Built by fixture_setup, torn down by fixture_teardown. */
struct fixture {
	struct testdb db;
	struct arena *a;
	struct ctx c;
	struct user admin;
};

/* cmocka group-less setup/teardown: *state becomes a struct fixture. */
int fixture_setup(void **state);
int fixture_teardown(void **state);
/* Two fixtures, two databases each with its own admin, for comparing two
 * ways of writing the same records: *state becomes struct fixture *[2]. */
int fixture_setup_two(void **state);
int fixture_teardown_two(void **state);

/* Creates a user with role (password "correct horse battery"); ctx->user is
 * left as it was; out may be NULL. Fails the test when creation fails. */
void fixture_user(struct fixture *f, const char *name, const char *role, struct user *out);
/* The sensitive grants (not ethics) fixture admins and supervisors hold. */
#define FIXTURE_ALL_GRANTS "sgbv,mental_health,torture,asylum_narrative"
/* The same, working in areas (comma-separated, may be NULL), with the
 * grants of its role and areas (support.c) in memory. */
struct user fixture_worker(struct fixture *f, const char *name, const char *role, const char *areas);

/* Opens a case for person_id in area as u (ctx->user is left as it was);
 * fails the test when it fails. */
struct case_rec fixture_case(struct fixture *f, const struct user *u, const char *person_id,
			     const char *area);

/* The stored person id, read straight from the store (strings in f->a);
 * fails the test when there is none. */
struct person fixture_person(struct fixture *f, const char *id);
/* A person to register: names and birth date (s2 and born may be NULL),
 * strings copied into f's arena. */
struct person fixture_named(struct fixture *f, const char *given, const char *s1, const char *s2,
			    const char *born);
/* Registers in as f's user; fails the test when it fails. */
void fixture_register(struct fixture *f, struct person in, struct person *out);
/* Registers n unrelated people, so that name frequencies mean something
 * to the matching engine: in a registry of two every surname is "common"
 * and weighs nothing (docs/match.md, "In the registry"). */
void fixture_filler(struct fixture *f, int n);

/* How many audit events the record with this id has (straight from the
 * store); fails the test when counting fails. */
long long fixture_audit_count(struct fixture *f, const char *entity_id);
/* How many of those events are action ("open", "refer"; at most 500 read). */
int fixture_audit_actions(struct fixture *f, const char *entity_id, const char *action);

#define TEST_PASSWORD "correct horse battery"

/* Runs fn(arg) in a child process; returns its exit status, or 128 + the
 * signal that killed it. */
int run_in_child(void (*fn)(void *), void *arg);

/* One-time process setup: libsodium, gettext, quiet logs. */
void support_init(void);

#endif

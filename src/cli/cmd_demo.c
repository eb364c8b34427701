/* cmd_demo.c: amparo demo: synthetic data for demos and benchmarks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "cli/cli.h"
#include "domain/demo.h"
#include "domain/user.h"

/* Services for the bulk cases: what --services leaves after the rich
 * cases' (all of it, asked for none), else 20 a case. */
static long bulk_services(long asked, long cases, long rich_made)
{
	if (asked < 0)
		return cases * 20;
	return asked > rich_made ? asked - rich_made : 0;
}

int cmd_demo(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://…", NULL },
		CLI_KEY_FILE_OPT,
		{ "people", OPT_VALUE, "how many people to register (default 500)", NULL },
		{ "seed", OPT_VALUE, "random seed, for the same data every time (default 1)", NULL },
		{ "as", OPT_VALUE, "user who registers them (default: the first administrator)", NULL },
		{ "cases", OPT_VALUE, "cases to open for them in all (default: 1 in 2 people; 0: none): the first 3 in 10 people, at most 1000, with every kind of casework, the rest in bulk", NULL },
		{ "services", OPT_VALUE, "services in all, rich cases' included (default: 20 per bulk case)", NULL },
		{ "assistance", OPT_VALUE, "assistance requests to make for their households (default: 1 in 5 people; 0: none)", NULL },
		{ NULL, 0, NULL, NULL },
	};
	if (args_parse(argc, argv, 2, opts, "Usage: amparo demo [--db PATH] [--people N] [--seed S]\n\n"
					    "Registers realistic synthetic people in households, then a demo\n"
					    "office's staff (psicologa, abogado, abogada, empleo, asistencia,\n"
					    "comunidad, supervisora) and cases for some of the people, worked by\n"
					    "that staff: services, screenings, the asylum procedure, plans,\n"
					    "appointments, flags. Beyond the first cases (3 in 10 people, at most\n"
					    "1000) it opens the rest in bulk: cases in every status, with their\n"
					    "services, history and audit events (benchmark sizes: 1 case in 2\n"
					    "people, 20 services a case). Then assistance programmes with requests in\n"
					    "every state, disbursed and reconciled. The staff's password is AMPARO_DEMO_PASSWORD,\n"
					    "else one is generated and printed. The database must have been\n"
					    "created with amparo init.") > 0)
		args_fail("demo takes no positional arguments");
	long people = 500, seed = 1, cases = -1, services = -1, assistance = -1;
	if (args_get(opts, "people") && str_to_long(args_get(opts, "people"), 1, 100000000, &people))
		args_fail("--people wants a number from 1 to 100000000");
	if (args_get(opts, "seed") && str_to_long(args_get(opts, "seed"), 0, 1L << 30, &seed))
		args_fail("--seed wants a whole number");
	if (args_get(opts, "cases") && str_to_long(args_get(opts, "cases"), 0, 100000000, &cases))
		args_fail("--cases wants a number from 0 to 100000000");
	if (args_get(opts, "services") &&
	    str_to_long(args_get(opts, "services"), 0, 1000000000, &services))
		args_fail("--services wants a number from 0 to 1000000000");
	if (args_get(opts, "assistance") &&
	    str_to_long(args_get(opts, "assistance"), 0, 100000000, &assistance))
		args_fail("--assistance wants a number from 0 to 100000000");
	struct store *st = cli_open(opts);
	struct arena *a = arena_new();
	struct ctx c = { .st = st, .a = a };
	struct user u;
	int rc;
	if (args_get(opts, "as")) {
		rc = user_find(&c, args_get(opts, "as"), &u);
	} else {
		struct store_list l;
		rc = user_list(&c, &l);
		rc = rc ? rc : DOM_NOTFOUND;
		for (size_t i = 0; i < l.n; i++)
			if (!strcmp(((struct user *)l.items[i])->role, "admin")) {
				u = *(struct user *)l.items[i];
				rc = DOM_OK;
				break;
			}
	}
	if (rc) {
		fprintf(stderr, "amparo: no user to register the data as: run amparo init first\n");
		arena_free(a);
		store_close(st);
		return 2;
	}
	c.user = &u;
	struct demo_made made;
	int64_t t0 = time_mono_us();
	rc = demo_generate(&c, people, (unsigned)seed, &made);
	double secs = (double)(time_mono_us() - t0) / 1e6;
	long partners = 0;
	if (!rc)
		rc = demo_partners(&c, &partners);
	/* Rows: people, households, legal status, search index, audit log. */
	printf("registered %ld people in %ld households in %.1f s (%.0f people/s; %lld rows, %.0f "
	       "rows/s)\n",
	       made.people, made.households, secs, secs > 0 ? made.people / secs : 0.0, made.rows,
	       secs > 0 ? (double)made.rows / secs : 0.0);
	if (partners)
		printf("added %ld partners to the directory\n", partners);
	/* The first cases with every kind of casework, the rest in bulk. */
	if (cases < 0)
		cases = people / 2;
	long rich = people * 3 / 10 < 1000 ? people * 3 / 10 : 1000;
	if (rich > cases)
		rich = cases;
	const char *pw = getenv("AMPARO_DEMO_PASSWORD");
	char made_pw[64];
	if (!pw || !*pw) {
		crypto_token(made_pw);
		made_pw[14] = 0;
		pw = made_pw;
	}
	struct demo_cases_made m;
	long long cases_before = 0;
	if (!rc)
		rc = store_count(st, &ENT_CASE, NULL, NULL, &cases_before) ? DOM_ERROR : DOM_OK;
	t0 = time_mono_us();
	if (!rc && (rc = demo_cases(&c, rich, (unsigned)seed, pw, &m)) == DOM_OK && (m.staff || m.cases)) {
		if (m.staff)
			printf("added %ld demo staff: psicologa, abogado, abogada, empleo, asistencia, comunidad, "
			       "supervisora (password: %s)\n", m.staff, pw == made_pw ? made_pw : "AMPARO_DEMO_PASSWORD's");
		printf("opened %ld cases in %.1f s: %ld services, %ld screenings, %ld asylum stages, %ld goals, "
		       "%ld notes, %ld appointments, %ld flags, %ld referrals\n", m.cases,
		       (double)(time_mono_us() - t0) / 1e6, m.services, m.assessments, m.stages, m.goals, m.notes,
		       m.appointments, m.flags, m.referrals);
	}
	/* The rest in bulk; the rich cases include those their accepted
	 * referrals opened, so they are counted in the store. */
	struct demo_cases_bulk_made bm;
	long long cases_after = cases_before;
	if (!rc)
		rc = store_count(st, &ENT_CASE, NULL, NULL, &cases_after) ? DOM_ERROR : DOM_OK;
	long rest = cases - (long)(cases_after - cases_before);
	t0 = time_mono_us();
	if (!rc && (rc = demo_cases_bulk(&c, rest, bulk_services(services, rest, m.services),
					 (unsigned)seed, &bm)) == DOM_OK &&
	    bm.cases) {
		secs = (double)(time_mono_us() - t0) / 1e6;
		printf("added %ld more cases with %ld services in bulk in %.1f s (%.0f services/s; %lld "
		       "rows, %.0f rows/s)\n",
		       bm.cases, bm.services, secs, secs > 0 ? bm.services / secs : 0.0, bm.rows,
		       secs > 0 ? (double)bm.rows / secs : 0.0);
	}
	struct demo_assistance_made am;
	t0 = time_mono_us();
	if (!rc && (rc = demo_assistance(&c, assistance < 0 ? people / 5 : assistance, (unsigned)seed,
					 &am)) == DOM_OK &&
	    am.programmes) {
		secs = (double)(time_mono_us() - t0) / 1e6;
		printf("added %ld assistance programmes and %ld requests in %.1f s (%ld disbursed, %ld "
		       "reconciled; %lld ledger rows; %lld rows, %.0f rows/s)\n",
		       am.programmes, am.requests, secs, am.disbursed, am.reconciled, am.ledger, am.rows,
		       secs > 0 ? (double)am.rows / secs : 0.0);
	}
	arena_free(a);
	store_close(st);
	return cli_status(rc);
}

/* cmd_demo.c: amparo demo: synthetic data for demos and benchmarks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "base/timeutil.h"
#include "cli/cli.h"
#include "domain/demo.h"
#include "domain/user.h"

int cmd_demo(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite)", NULL },
		{ "people", OPT_VALUE, "how many people to register (default 500)", NULL },
		{ "seed", OPT_VALUE, "random seed, for the same data every time (default 1)", NULL },
		{ "as", OPT_VALUE, "user who registers them (default: the first administrator)", NULL },
		{ NULL, 0, NULL, NULL },
	};
	if (args_parse(argc, argv, 2, opts, "Usage: amparo demo [--db PATH] [--people N] [--seed S]\n\n"
					    "Registers realistic synthetic people in households. The database\n"
					    "must have been created with amparo init.") > 0)
		args_fail("demo takes no positional arguments");
	long people = 500, seed = 1;
	if (args_get(opts, "people") && str_to_long(args_get(opts, "people"), 1, 100000000, &people))
		args_fail("--people wants a number from 1 to 100000000");
	if (args_get(opts, "seed") && str_to_long(args_get(opts, "seed"), 0, 1L << 30, &seed))
		args_fail("--seed wants a whole number");
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
	arena_free(a);
	store_close(st);
	return cli_status(rc);
}

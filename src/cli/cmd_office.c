/* cmd_office.c: amparo office add|list|rename|deactivate|activate. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/office.h"

int cmd_office(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://…", NULL },
		CLI_KEY_FILE_OPT,
		{ "name", OPT_VALUE, "the office's name, e.g. \"Darién\"", NULL },
		{ NULL, 0, NULL, NULL },
	};
	int n = args_parse(argc, argv, 2, opts,
			   "Usage: amparo office add CODE --name NAME\n"
			   "       amparo office list\n"
			   "       amparo office rename CODE --name NAME | deactivate CODE | activate CODE\n\n"
			   "A code is 2 to 16 letters, digits or dashes (\"pty\", \"dar\").");
	if (n < 1)
		args_fail("office wants add, list, rename, deactivate or activate");
	const char *verb = argv[0], *code = n > 1 ? argv[1] : NULL, *name = args_get(opts, "name");
	int list = strcmp(verb, "list") == 0, add = strcmp(verb, "add") == 0,
	    rename = strcmp(verb, "rename") == 0;
	if (!list && !add && !rename && strcmp(verb, "deactivate") && strcmp(verb, "activate"))
		args_fail("unknown office action \"%s\"", verb);
	if ((list && n != 1) || (!list && n != 2))
		args_fail(list ? "office list takes no code" : "office %s wants one code", verb);
	if ((add || rename) && !name)
		args_fail("office %s needs --name NAME", verb);

	struct store *st = cli_open(opts);
	struct arena *a = arena_new();
	struct ctx c = { .st = st, .a = a };
	struct errors errs = { 0 };
	int rc;
	if (list) {
		struct store_list l;
		rc = office_list(&c, 1, &l);
		for (size_t i = 0; !rc && i < l.n; i++) {
			const struct office *o = l.items[i];
			printf("%-16s %-40s %s\n", o->id, o->name,
			       strcmp(o->active, "1") == 0 ? "active" : "inactive");
		}
	} else if (add) {
		rc = office_create(&c, code, name, &errs, NULL);
	} else {
		rc = office_update(&c, code, rename ? name : NULL,
				   rename ? NULL : strcmp(verb, "activate") == 0 ? "1" : "0", &errs, NULL);
	}
	if (!rc && !list)
		printf("office %s: %s done\n", code, verb);
	if (rc == DOM_INVALID)
		cli_errors(&errs);
	else if (rc == DOM_NOTFOUND)
		fprintf(stderr, "amparo: no office with the code %s\n", code ? code : "");
	else if (rc)
		fprintf(stderr, "amparo: failed: %s\n", dom_code(rc));
	arena_free(a);
	store_close(st);
	return cli_status(rc);
}

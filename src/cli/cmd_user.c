/* cmd_user.c: amparo user add|modify|list|disable|enable|passwd|reset-2fa. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/mfa.h"
#include "domain/user.h"

int cmd_user(int argc, char **argv)
{
	struct opt opts[] = {
		{ "db", OPT_VALUE, "database: a file path (SQLite) or postgresql://…", NULL },
		CLI_KEY_FILE_OPT,
		{ "role", OPT_VALUE, "admin, supervisor, caseworker, assistance, community, me, ethics, readonly, manager or dpo", NULL },
		{ "area", OPT_MULTI, "a service area (repeat for several): psychosocial, legal, livelihoods, assistance, community", NULL },
		{ "office", OPT_MULTI, "the code of an office the user works in (repeat for several; default: the first office)", NULL },
		{ "full-name", OPT_VALUE, "the person's full name", NULL },
		{ "totp-secret", OPT_VALUE, "add: a known authenticator secret (base32), already confirmed (test set-ups)", NULL },
		{ "grants", OPT_VALUE, "need-to-know grants, comma-separated: sgbv, mental_health, torture, asylum_narrative, ethics (\"\" for none)", NULL },
		{ NULL, 0, NULL, NULL },
	};
	int n = args_parse(argc, argv, 2, opts,
			   "Usage: amparo user add NAME --role ROLE [--area AREA]... [--office CODE]... [--grants LIST]\n"
			   "       amparo user modify NAME --grants LIST\n"
			   "       amparo user list\n"
			   "       amparo user disable NAME | enable NAME | passwd NAME\n"
			   "       amparo user reset-2fa NAME   (a lost phone: they set up the app again at login)\n\n"
			   "Passwords come from AMPARO_PASSWORD, else they are asked on the terminal.");
	if (n < 1)
		args_fail("user wants add, modify, list, disable, enable, passwd or reset-2fa");
	const char *verb = argv[0], *name = n > 1 ? argv[1] : NULL;
	int list = strcmp(verb, "list") == 0;
	if (!list && strcmp(verb, "add") && strcmp(verb, "disable") && strcmp(verb, "enable") &&
	    strcmp(verb, "passwd") && strcmp(verb, "reset-2fa") && strcmp(verb, "modify"))
		args_fail("unknown user action \"%s\"", verb);
	if ((list && n != 1) || (!list && n != 2))
		args_fail(list ? "user list takes no name" : "user %s wants one user name", verb);
	if (!strcmp(verb, "add") && !args_get(opts, "role"))
		args_fail("user add needs --role ROLE");
	const char *grants = args_get(opts, "grants");
	if (!strcmp(verb, "modify") && !grants)
		args_fail("user modify needs --grants LIST");

	struct store *st = cli_open(opts);
	struct arena *a = arena_new();
	struct ctx c = { .st = st, .a = a };
	struct errors errs = { 0 };
	int rc;
	if (list) {
		struct store_list l;
		rc = user_list(&c, &l);
		for (size_t i = 0; !rc && i < l.n; i++) {
			const struct user *u = l.items[i];
			printf("%-20s %-11s %-40s %-12s %-24s %s\n", u->name, u->role,
			       u->areas ? u->areas : "", u->office ? u->office : "-",
			       u->grants && *u->grants ? u->grants : "-",
			       strcmp(u->disabled, "0") ? "disabled" : "active");
		}
	} else if (!strcmp(verb, "add")) {
		char *pw = cli_password("AMPARO_PASSWORD", "Password for the new user"), *norm;
		/* Grants checked first: a bad list adds no user. */
		rc = user_grants_normalise(&c, grants, &errs, &norm);
		if (!rc)
			rc = user_create(&c, name, args_get(opts, "full-name"), args_get(opts, "role"),
					 args_get(opts, "area"), args_get(opts, "office"), pw, &errs, NULL);
		free(pw);
		if (!rc && args_get(opts, "totp-secret"))
			rc = mfa_set_secret(&c, name, args_get(opts, "totp-secret"), &errs);
		if (!rc && *norm)
			rc = user_set_grants(&c, name, norm, &errs);
		if (!rc)
			printf("user %s added\n", name);
	} else if (!strcmp(verb, "modify")) {
		rc = user_set_grants(&c, name, grants, &errs);
		if (!rc)
			printf("grants of %s changed\n", name);
	} else if (!strcmp(verb, "passwd")) {
		char *pw = cli_password("AMPARO_PASSWORD", "New password");
		rc = user_set_password(&c, name, pw, &errs);
		free(pw);
		if (!rc)
			printf("password of %s changed\n", name);
	} else if (!strcmp(verb, "reset-2fa")) {
		rc = mfa_reset(&c, name);
		if (!rc)
			printf("two-step login of %s reset: they set up the app again at their next login\n", name);
	} else {
		rc = user_set_disabled(&c, name, !strcmp(verb, "disable"));
		if (!rc)
			printf("user %s %sd\n", name, verb);
	}
	if (rc == DOM_INVALID)
		cli_errors(&errs);
	else if (rc == DOM_NOTFOUND)
		fprintf(stderr, "amparo: no user named %s\n", name ? name : "");
	else if (rc)
		fprintf(stderr, "amparo: failed: %s\n", dom_code(rc));
	arena_free(a);
	store_close(st);
	return cli_status(rc);
}

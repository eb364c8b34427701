/* auth.c: the role-permission table. */
#include "domain/auth.h"

#include <string.h>

#include "domain/domain.h"

struct grant {
	const char *role;
	unsigned perms; /* bit (1 << enum perm) */
};

#define P(x) (1u << (x))
#define READ P(PERM_REGISTRY_READ)
#define WRITE P(PERM_REGISTRY_WRITE)
#define CASES (P(PERM_CASES_READ) | P(PERM_CASES_WRITE))
#define OVERSEE (CASES | P(PERM_CASES_ASSIGN))
#define ASSIST (P(PERM_ASSIST_REQUEST) | P(PERM_ASSIST_DISBURSE))
#define ASSIST_ALL (ASSIST | P(PERM_ASSIST_APPROVE) | P(PERM_PROGRAMMES_MANAGE))

/* The ethics officer reads ethics reports only, so has no registry access. */
static const struct grant grants[] = {
	{ "admin", READ | WRITE | P(PERM_USERS_MANAGE) | P(PERM_AUDIT_READ) | P(PERM_REGISTRY_MERGE) |
		  P(PERM_PARTNERS_MANAGE) | P(PERM_SETTINGS_MANAGE) | P(PERM_CATALOGUES_MANAGE) | OVERSEE |
		  P(PERM_OFFICES_ALL) | P(PERM_OFFICES_MANAGE) | ASSIST_ALL | P(PERM_DATA_RIGHTS) |
		  P(PERM_CASELOADS_READ) },
	{ "supervisor", READ | WRITE | P(PERM_AUDIT_READ) | P(PERM_REGISTRY_MERGE) |
		  P(PERM_PARTNERS_MANAGE) | OVERSEE | ASSIST_ALL | P(PERM_CASELOADS_READ) },
	{ "caseworker", READ | WRITE | CASES | P(PERM_ASSIST_REQUEST) },
	{ "assistance", READ | WRITE | CASES | ASSIST },
	{ "community", READ | WRITE | CASES },
	{ "me", READ | P(PERM_CASES_READ) },
	{ "ethics", 0 },
	{ "readonly", READ | P(PERM_CASES_READ) },
	/* The data-protection officer answers data-subject requests (data_request.h). */
	{ "dpo", READ | P(PERM_AUDIT_READ) | P(PERM_DATA_RIGHTS) },
	/* The reduced view (auth_reduced): no registry, cases without names. */
	{ "manager", P(PERM_CASES_READ) | P(PERM_CASELOADS_READ) },
};

int auth_check(const struct user *u, enum perm p)
{
	if (!u || (u->disabled && strcmp(u->disabled, "0") != 0))
		return DOM_UNAUTH;
	for (size_t i = 0; i < sizeof(grants) / sizeof(grants[0]); i++)
		if (u->role && strcmp(grants[i].role, u->role) == 0)
			return grants[i].perms & P(p) ? DOM_OK : DOM_FORBIDDEN;
	return DOM_FORBIDDEN;
}

/* True when the comma-separated list holds item. */
static int list_has(const char *list, const char *item)
{
	if (!list || !item)
		return 0;
	size_t n = strlen(item);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, item, n) == 0)
			return 1;
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

int auth_in_area(const struct user *u, const char *area)
{
	if (u && u->role && strcmp(u->role, "admin") == 0)
		return 1;
	return u && list_has(u->areas, area);
}

int auth_in_office(const struct user *u, const char *office)
{
	return u && list_has(u->office, office);
}

static const char *const grant_codes[GRANT_COUNT] = {
	[GRANT_SGBV] = "sgbv",
	[GRANT_MENTAL_HEALTH] = "mental_health",
	[GRANT_TORTURE] = "torture",
	[GRANT_ASYLUM_NARRATIVE] = "asylum_narrative",
	[GRANT_ETHICS] = "ethics",
};

const char *auth_grant_code(enum auth_grant g)
{
	return g < GRANT_COUNT ? grant_codes[g] : "";
}

int auth_has_grants(const struct user *u, unsigned mask)
{
	if (!u || (u->disabled && strcmp(u->disabled, "0") != 0))
		return 0;
	for (int g = 0; g < GRANT_COUNT; g++)
		if ((mask & GRANT_BIT(g)) && !list_has(u->grants, grant_codes[g]))
			return 0;
	return 1;
}

int auth_reduced(const struct user *u)
{
	return u && u->role && strcmp(u->role, "manager") == 0;
}

int auth_may_read_ethics(const struct user *u)
{
	return auth_has_grants(u, GRANT_BIT(GRANT_ETHICS));
}

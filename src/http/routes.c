/* routes.c: every URL amparo answers, in one table. */
#include "api/api.h"
#include "http/router.h"
#include "web/web.h"

const struct route routes[] = {
	{ "GET", "/", page_home, ROUTE_PUBLIC },
	{ "GET", "/login", page_login, ROUTE_PUBLIC },
	{ "POST", "/login", page_login_post, ROUTE_PUBLIC },
	{ "POST", "/logout", page_logout, 0 },
	{ "POST", "/lang", page_lang, ROUTE_PUBLIC },
	{ "GET", "/people", page_people, ROUTE_REPLICA },
	{ "GET", "/people/new", page_person_new, 0 },
	{ "POST", "/people", page_person_create, 0 },
	{ "POST", "/people/matches", page_person_matches, 0 },
	{ "GET", "/people/:id", page_person, 0 },
	{ "GET", "/people/:id/edit", page_person_edit, 0 },
	{ "POST", "/people/:id", page_person_update, 0 },
	{ "POST", "/people/:id/documents", page_person_document, 0 },
	{ "GET", "/households", page_households, ROUTE_REPLICA },
	{ "POST", "/households", page_household_create, 0 },
	{ "GET", "/households/:id", page_household, 0 },
	{ "GET", "/households/:id/edit", page_household_edit, 0 },
	{ "POST", "/households/:id", page_household_update, 0 },
	{ "POST", "/households/:id/members", page_household_member, 0 },
	{ "POST", "/households/:id/head", page_household_head, 0 },

	{ "GET", "/api/v1/openapi.json", api_openapi, ROUTE_API | ROUTE_PUBLIC },
	{ "GET", "/api/v1/me", api_me, ROUTE_API },
	{ "GET", "/api/v1/people", api_people_list, ROUTE_API | ROUTE_REPLICA },
	{ "POST", "/api/v1/people", api_people_create, ROUTE_API },
	{ "POST", "/api/v1/people/matches", api_people_matches, ROUTE_API },
	{ "GET", "/api/v1/people/:id", api_people_get, ROUTE_API },
	{ "PATCH", "/api/v1/people/:id", api_people_update, ROUTE_API },
	{ "GET", "/api/v1/people/:id/documents", api_people_documents, ROUTE_API },
	{ "GET", "/api/v1/people/:id/history", api_people_history, ROUTE_API },
	{ "POST", "/api/v1/people/:id/documents", api_people_add_document, ROUTE_API },
	{ "POST", "/api/v1/people/:id/merge", api_people_merge, ROUTE_API },
	{ "GET", "/api/v1/households", api_households_list, ROUTE_API | ROUTE_REPLICA },
	{ "POST", "/api/v1/households", api_households_create, ROUTE_API },
	{ "GET", "/api/v1/households/:id", api_households_get, ROUTE_API },
	{ "PATCH", "/api/v1/households/:id", api_households_update, ROUTE_API },
	{ "POST", "/api/v1/households/:id/members", api_households_add_member, ROUTE_API },
	{ "POST", "/api/v1/households/:id/merge", api_households_merge, ROUTE_API },
	{ "GET", "/api/v1/merges/:id", api_merges_get, ROUTE_API },
	{ "POST", "/api/v1/merges/:id/undo", api_merges_undo, ROUTE_API },
};
const size_t route_count = sizeof(routes) / sizeof(routes[0]);

/* api.h: the JSON API under /api/v1: one file per resource. Handlers call
 * the same domain functions as the pages. */
#ifndef AMPARO_API_H
#define AMPARO_API_H

#include <jansson.h>

#include "http/request.h"
#include "match/match.h"

/* A record as a JSON object: every field but F_SECRET ones; absent fields
 * are null; F_INT fields are numbers. */
json_t *api_record(const struct entity *e, const void *rec);
/* Fills rec from a JSON object. Unknown keys, server-set keys and values
 * of the wrong type are errors (added to errs with the key as field).
 * null clears a field (becomes ""). Returns the number of errors. */
int api_read(struct request *r, const struct entity *e, json_t *obj, void *rec,
	     struct errors *errs);
/* A body {"key": value, …} as two arrays in r's arena, for the calls that
 * set several keyed values at once: *keys the keys, *values each value
 * as text through text (which may add to errs and give NULL). Returns
 * how many. */
typedef const char *api_value_text(struct request *r, const char *key, json_t *v,
				   struct errors *errs);
size_t api_key_values(struct request *r, json_t *body, api_value_text *text, const char ***keys,
		      const char ***values, struct errors *errs);
/* The JSON body as an object, or answers 400 and returns NULL. */
json_t *api_body(struct request *r);
/* Writes {"items": [...], "total": N, "limit": L, "offset": O}. */
void api_list(struct request *r, const struct entity *e, const struct store_list *l, long limit,
	      long offset);
/* {"items", "total", "limit", "offset"}, each item of l as one() makes it. */
json_t *api_page(const struct store_list *l, json_t *(*one)(const void *), long limit, long offset);
/* GET /api/v1/cases/{id}/…: a page (limit, offset) of what list gives
 * for the case, each item as one() makes it. */
void api_case_page(struct request *r,
		   int (*list)(struct ctx *, const struct case_rec *, long, long, struct store_list *),
		   json_t *(*one)(const void *));
/* Answers the error of rc (with errs), or status with one(rec). */
void api_answer(struct request *r, int rc, int status, json_t *(*one)(const void *),
		const void *rec, const struct errors *errs);
/* The string value of key in obj, copied into r's arena; NULL when absent
 * or not a string. */
const char *api_str(struct request *r, json_t *obj, const char *key);
/* Adds an error to errs for each key of body not among keys
 * (NULL-terminated). */
void api_only(json_t *body, const char *const *keys, struct errors *errs);
/* The string at key in body (in r's arena), NULL when absent or null; a
 * value of another type is an error in errs. */
const char *api_text(struct request *r, json_t *body, const char *key, struct errors *errs);
/* An array of strings as "a,b,c" (in r's arena); NULL, with wrong in errs
 * under key, when an item is not a string or there are more than
 * API_LIST_MAX of them. */
#define API_LIST_MAX 256
const char *api_join(struct request *r, json_t *arr, const char *key, const char *wrong,
		     struct errors *errs);
/* The codes at key in body as "a,b,c": an array of strings (api_join), or
 * one string of codes separated by commas (api_text). */
const char *api_codes(struct request *r, json_t *body, const char *key, struct errors *errs);
/* After POST /cases/{id}/status set k's status to status: when that was a
 * closing that now waits for a supervisor (approval.h), answers 202 with
 * the request and returns 1; else returns 0. */
int api_closure_requested(struct request *r, const char *status, const struct case_rec *k);

/* Reads limit (1..500, default 50) and offset (>= 0) from the query, or
 * answers 400 and returns -1. */
int api_paging(struct request *r, long *limit, long *offset);

/* A person in brief, as lists of matches and pairs show one: id, ref,
 * given_names, surname1, surname2, birth_date. */
json_t *api_person_brief(const struct person *p);
/* Adds to obj what the engine said of a pair: "score" (bits, two
 * decimals), "verdict" ("likely" or "possible") and "reasons" (each
 * compared field's "field", "level" and "weight"). */
void api_match_why(json_t *obj, enum match_verdict verdict, const struct match_explanation *why);
struct merge;
struct merge_choice;
/* Reads a merge's body {"other_id", "fields": {"name": "this"|"other"}}:
 * other_id (in r's arena) and the n choices (an array in r's arena).
 * Answers 400 and returns -1 when it is wrong. */
int api_merge_body(struct request *r, const char **other_id, struct merge_choice **choices,
		   size_t *n);
/* A merge row without the copies of the records it holds. */
json_t *api_merge_record(const struct merge *g);

/* api_data_requests.c */
void api_data_requests_list(struct request *r);
void api_data_requests_create(struct request *r);
void api_data_requests_get(struct request *r);
void api_data_requests_close(struct request *r);
/* api_person_export.c */
void api_people_export(struct request *r);
void api_people_anonymise(struct request *r);
void api_people_list(struct request *r);
void api_people_create(struct request *r);
void api_people_get(struct request *r);
void api_people_update(struct request *r);
void api_people_documents(struct request *r);
void api_people_history(struct request *r);
void api_people_add_document(struct request *r);
void api_people_matches(struct request *r);
void api_people_merge(struct request *r);
void api_households_list(struct request *r);
void api_households_create(struct request *r);
void api_households_get(struct request *r);
void api_households_update(struct request *r);
void api_households_add_member(struct request *r);
void api_reviews_list(struct request *r);
void api_reviews_get(struct request *r);
void api_reviews_decide(struct request *r);
void api_reviews_scan(struct request *r);
void api_reviews_scan_status(struct request *r);
void api_households_merge(struct request *r);
/* api_vulnerability.c */
void api_household_vulnerability(struct request *r);
void api_vulnerability_weights_get(struct request *r);
void api_vulnerability_weights_update(struct request *r);
void api_merges_get(struct request *r);
void api_merges_undo(struct request *r);
void api_settings_get(struct request *r);
void api_settings_update(struct request *r);
void api_partners_list(struct request *r);
void api_partners_create(struct request *r);
void api_partners_get(struct request *r);
void api_partners_update(struct request *r);
void api_cases_needs(struct request *r);
void api_cases_add_needs(struct request *r);
void api_catalogue_entries(struct request *r);
void api_catalogue_add(struct request *r);
void api_catalogue_update(struct request *r);
void api_catalogue_remove(struct request *r);
void api_offices_list(struct request *r);
void api_offices_create(struct request *r);
void api_offices_get(struct request *r);
void api_offices_update(struct request *r);
void api_transfers_list(struct request *r);
void api_transfers_get(struct request *r);
void api_transfers_accept(struct request *r);
void api_transfers_reject(struct request *r);
void api_transfers_cancel(struct request *r);
void api_cases_transfer(struct request *r);
void api_cases_list(struct request *r);
void api_cases_create(struct request *r);
void api_cases_get(struct request *r);
void api_cases_status(struct request *r);
void api_cases_risk(struct request *r);
void api_cases_assign(struct request *r);
void api_cases_history(struct request *r);
void api_cases_services(struct request *r);
void api_cases_add_service(struct request *r);
void api_cases_service(struct request *r);
void api_cases_assessments(struct request *r);
void api_cases_add_assessment(struct request *r);
void api_cases_procedure(struct request *r);
void api_cases_set_procedure(struct request *r);
void api_cases_add_stage(struct request *r);
void api_cases_add_procedure_document(struct request *r);
void api_cases_detentions(struct request *r);
void api_cases_add_detention(struct request *r);
void api_cases_release(struct request *r);
void api_catalogue_services(struct request *r);
void api_cases_goals(struct request *r);
void api_cases_add_goal(struct request *r);
void api_cases_update_goal(struct request *r);
void api_cases_notes(struct request *r);
/* api_shares.c */
void api_cases_shares(struct request *r);
void api_cases_share(struct request *r);
void api_cases_unshare(struct request *r);
void api_cases_add_note(struct request *r);
void api_cases_note(struct request *r);
void api_cases_approvals(struct request *r);
void api_cases_request_approval(struct request *r);
void api_approvals_list(struct request *r);
void api_approvals_approve(struct request *r);
void api_approvals_reject(struct request *r);
void api_referrals_list(struct request *r);
void api_referrals_create(struct request *r);
void api_referrals_get(struct request *r);
void api_referrals_accept(struct request *r);
void api_referrals_decline(struct request *r);
void api_referrals_complete(struct request *r);
void api_programmes_list(struct request *r);
void api_programmes_create(struct request *r);
void api_programmes_get(struct request *r);
void api_programmes_update(struct request *r);
void api_programmes_ledger(struct request *r);
void api_programmes_reconcile(struct request *r);
void api_programmes_reconciliations(struct request *r);
void api_programmes_payments(struct request *r);
/* Answers rows as a payment list download (CSV, or XLSX when xlsx):
 * returns -1, nothing written, when it cannot be made. */
struct payment_row;
int api_send_payments(struct request *r, const struct payment_row *rows, size_t n, int xlsx);
void api_assistance_list(struct request *r);
void api_assistance_create(struct request *r);
void api_assistance_get(struct request *r);
void api_assistance_approve(struct request *r);
void api_assistance_reject(struct request *r);
void api_assistance_disburse(struct request *r);
struct store_list;
/* The flags of l (struct flag) as a JSON array, each with "type_label"
 * and "active". */
json_t *api_flags_json(const struct store_list *l);
void api_flags_list(struct request *r);
void api_flags_raise(struct request *r);
void api_flags_lift(struct request *r);
void api_appointments_list(struct request *r);
void api_appointments_create(struct request *r);
void api_appointments_get(struct request *r);
void api_appointments_status(struct request *r);
void api_openapi(struct request *r);
void api_me(struct request *r);

/* Consents and data-sharing agreements (api_consents.c; docs/consent.md). */
void api_consents_list(struct request *r);
void api_consents_record(struct request *r);
void api_sharing_list(struct request *r);
void api_sharing_create(struct request *r);
void api_sharing_get(struct request *r);
void api_sharing_end(struct request *r);

#endif

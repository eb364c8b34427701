/* api_reviews.c: /api/v1/reviews: the review queue of possible duplicates
 * (docs/match.md, "Review queue"). */
#include <stdlib.h>

#include "api/api.h"
#include "domain/match_review.h"

static json_t *pair_json(const struct review_pair *p)
{
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:s, s:s?, s:s?}", "id", p->row.id, "status",
			      p->row.status, "person_a", api_person_brief(&p->a), "person_b",
			      api_person_brief(&p->b), "found_at", p->row.found_at, "decided_by",
			      p->row.decided_by, "decided_at", p->row.decided_at);
	api_match_why(o, p->verdict, &p->why);
	return o;
}

/* GET /api/v1/reviews?status=pending|same|different&verdict=likely|possible */
void api_reviews_list(struct request *r)
{
	struct review_pair *p;
	struct errors errs = { 0 };
	size_t n;
	long long total;
	long limit, offset;
	if (api_paging(r, &limit, &offset))
		return;
	int rc = match_review_list(&r->ctx, req_query(r, "status"), req_query(r, "verdict"), limit,
				   offset, &p, &n, &total, &errs);
	if (rc) {
		resp_api_error(r, rc, &errs);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, pair_json(&p[i]));
	resp_json(r, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
				    (json_int_t)total, "limit", (int)limit, "offset", (int)offset));
}

/* GET /api/v1/reviews/{id} */
void api_reviews_get(struct request *r)
{
	struct review_pair p;
	int rc = match_review_get(&r->ctx, r->params[0], &p);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, pair_json(&p));
}

/* POST /api/v1/reviews/{id}/decide {"decision": "same"|"different"} */
void api_reviews_decide(struct request *r)
{
	struct review_pair p;
	struct errors errs = { 0 };
	json_t *body = api_body(r);
	if (!body)
		return;
	const char *decision = json_string_value(json_object_get(body, "decision"));
	int rc = match_review_decide(&r->ctx, r->params[0], decision, &errs, &p);
	if (rc)
		resp_api_error(r, rc, &errs);
	else
		resp_json(r, 200, pair_json(&p));
}

/* A stored count (decimal digits) as a JSON integer. */
static json_int_t count(const char *v)
{
	return v ? (json_int_t)strtoll(v, NULL, 10) : 0;
}

static json_t *status_json(const struct review_status *s)
{
	const struct match_model_row *m = &s->last;
	json_t *last = s->have_last
			       ? json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
					   "scan_id", m->id, "finished_at", m->created_at, "pairs_found", count(m->pairs_found),
					   "pairs_new", count(m->pairs_new), "pairs_dropped",
					   count(m->pairs_dropped), "records", count(m->records),
					   "labels", count(m->labels), "same_pairs",
					   count(m->same_pairs), "different_likely",
					   count(m->different_likely), "same_below_possible",
					   count(m->same_below))
			       : json_null();
	return json_pack("{s:b, s:b, s:b, s:o}", "running", s->running, "requested", s->requested,
			 "failed", s->failed, "last", last);
}

/* GET /api/v1/reviews/scan: the scanner's state and the last scan. */
void api_reviews_scan_status(struct request *r)
{
	struct review_status s;
	int rc = match_review_status(&r->ctx, &s);
	if (rc)
		resp_api_error(r, rc, NULL);
	else
		resp_json(r, 200, status_json(&s));
}

/* POST /api/v1/reviews/scan: asks for a scan now; 202 with the state. */
void api_reviews_scan(struct request *r)
{
	struct review_status s;
	int rc = match_review_scan_request(&r->ctx);
	if (!rc)
		rc = match_review_status(&r->ctx, &s);
	if (rc) {
		resp_api_error(r, rc, NULL);
		return;
	}
	resp_header(r, "Location", "/api/v1/reviews/scan");
	resp_json(r, 202, status_json(&s));
}

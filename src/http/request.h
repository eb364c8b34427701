/* request.h: one HTTP request as the handlers see it, and the calls that
 * build its response. Everything in it lives in the request's arena. */
#ifndef AMPARO_REQUEST_H
#define AMPARO_REQUEST_H

#include <jansson.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "domain/domain.h"

#define BODY_MAX (1u << 20)     /* forms and JSON: 1 MiB */
#define RESPONSE_MAX (16u << 20)

struct kv {
	const char *key, *value;
	size_t value_len;
	const char *filename; /* multipart file parts only */
	struct kv *next;
};

struct request {
	struct arena *a;
	void *conn; /* the libmicrohttpd connection; only http/ touches it */
	int on_disk_wait; /* answered, suspended until its writes are on disk */
	int on_disk_rc;   /* how that wait ended (store_when_durable) */
	int64_t started;  /* time_mono_us when the request was dispatched */
	const char *method, *path, *remote;
	struct kv *query, *form, *headers_out;
	json_t *json; /* a JSON body, parsed; decref'd at the end */
	struct buf body;
	int body_too_large;
	const char *params[4]; /* path parameters, in pattern order */
	int is_api;
	int https; /* served by amparo's own TLS (serve --tls-cert) */

	/* who asks */
	struct ctx ctx;
	struct user user;
	struct session session;
	int logged_in, by_token;
	const char *csrf;  /* the token forms must carry */
	/* A session past the password but waiting for its second step
	 * ("code" or "enrol", see user.h): not logged_in; session holds it. */
	const char *mfa_pending;
	const char *lang;  /* "es" or "en" */
	struct kv *user_names; /* the staff names read for this page (web_user_name) */

	/* the answer */
	int status;
	const char *content_type;
	struct buf out;
	const unsigned char *out_static; /* an embedded asset, sent as is */
	size_t out_static_len;
};

/* Looks a key up in a list; NULL when absent. */
const char *kv_get(const struct kv *l, const char *key);
/* Parses an application/x-www-form-urlencoded body or query string. Keys
 * and values are decoded; invalid escapes are kept as written. */
struct kv *http_parse_urlencoded(struct arena *a, const char *s, size_t n);
/* Parses a multipart/form-data body with the given boundary. Returns 0,
 * or -1 when the body is malformed (then *out holds the parts read). */
int http_parse_multipart(struct arena *a, const char *boundary, const char *body, size_t n,
			 struct kv **out);
/* Extracts the boundary from a Content-Type value; NULL when absent. */
const char *http_multipart_boundary(struct arena *a, const char *content_type);

const char *req_query(struct request *r, const char *key);
const char *req_form(struct request *r, const char *key);
const char *req_header(struct request *r, const char *name);
const char *req_cookie(struct request *r, const char *name);
/* True when a form POST carries the session's CSRF token. */
int req_csrf_ok(struct request *r);
/* True when the browser reached us over TLS: amparo's own, or a proxy's
 * that says so in X-Forwarded-Proto. */
int req_secure(struct request *r);
/* The session cookie's name: "__Host-amparo_session" over TLS (the
 * browser then keeps it Secure, Path=/ and host-only), else
 * "amparo_session". */
const char *req_session_cookie_name(struct request *r);
/* False when the request comes from another site: its Origin header (or,
 * without one, its Referer) names another host than the Host header, or
 * is "null" (what a browser sends for a cross-site form post under our
 * Referrer-Policy). True when neither header is sent (non-browser
 * clients); the CSRF token still guards those. */
int req_origin_ok(struct request *r);

void resp_header(struct request *r, const char *name, const char *value);
/* Sets a cookie: HttpOnly, SameSite=Strict, Path=/; max_age < 0 deletes. */
void resp_cookie(struct request *r, const char *name, const char *value, long max_age);
void resp_redirect(struct request *r, const char *location);
/* Starts a JSON body: the handler then writes r->out. */
void resp_json(struct request *r, int status, json_t *body);
/* A new random error id for a fault (500), logged with the method and
 * path; the page or JSON shows it so support can find the log lines. */
const char *resp_error_id(struct request *r);
/* Answers an API error as {"error": {"code", "message", "fields"?}}. */
void resp_api_error(struct request *r, int dom_rc, const struct errors *errs);

#endif

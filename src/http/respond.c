/* respond.c: reading request values and building responses. */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/crypto.h"
#include "base/i18n.h"
#include "base/log.h"
#include "http/request.h"

const char *req_query(struct request *r, const char *key)
{
	return kv_get(r->query, key);
}

const char *req_form(struct request *r, const char *key)
{
	return kv_get(r->form, key);
}

const char *req_header(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

int req_csrf_ok(struct request *r)
{
	const char *sent = req_form(r, "csrf");
	if (!sent)
		sent = req_header(r, "X-CSRF-Token");
	return sent && r->csrf && crypto_streq(sent, r->csrf);
}

int req_secure(struct request *r)
{
	const char *proto = req_header(r, "X-Forwarded-Proto");
	return r->https || (proto && strcmp(proto, "https") == 0);
}

const char *req_session_cookie_name(struct request *r)
{
	return req_secure(r) ? "__Host-amparo_session" : "amparo_session";
}

int req_origin_ok(struct request *r)
{
	const char *from = req_header(r, "Origin"), *host = req_header(r, "Host");
	if (!from)
		from = req_header(r, "Referer");
	if (!from)
		return 1;
	const char *p = strstr(from, "://");
	if (!p || !host)
		return 0;
	p += 3;
	size_t n = strcspn(p, "/?#");
	return strlen(host) == n && strncasecmp(p, host, n) == 0;
}

void resp_header(struct request *r, const char *name, const char *value)
{
	struct kv *kv = arena_alloc(r->a, sizeof(*kv));
	kv->key = name;
	kv->value = arena_strdup(r->a, value);
	kv->next = r->headers_out;
	r->headers_out = kv;
}

void resp_cookie(struct request *r, const char *name, const char *value, long max_age)
{
	resp_header(r, "Set-Cookie",
		    arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s", name,
				 max_age < 0 ? "" : value, max_age < 0 ? 0 : max_age,
				 req_secure(r) ? "; Secure" : ""));
}

void resp_redirect(struct request *r, const char *location)
{
	r->status = 303;
	resp_header(r, "Location", location);
	/* htmx follows a redirect itself; tell it to load the page instead. */
	if (req_header(r, "HX-Request"))
		resp_header(r, "HX-Redirect", location);
}

/* Writes v as compact JSON text, as json_dumps(v, JSON_COMPACT) does
 * (keys in the order they were set), straight into b: jansson's dump went
 * through a callback per piece and was a tenth of a registration's
 * instructions. Numbers with a fraction are left to jansson, for its
 * exact format. */
static void json_put(struct buf *b, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *val;
		int first = 1;
		buf_addc(b, '{');
		json_object_foreach((json_t *)v, key, val) {
			if (!first)
				buf_addc(b, ',');
			first = 0;
			buf_json_str(b, key);
			buf_addc(b, ':');
			json_put(b, val);
		}
		buf_addc(b, '}');
		break;
	}
	case JSON_ARRAY:
		buf_addc(b, '[');
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				buf_addc(b, ',');
			json_put(b, json_array_get(v, i));
		}
		buf_addc(b, ']');
		break;
	case JSON_STRING:
		buf_json_str(b, json_string_value(v));
		break;
	case JSON_INTEGER:
		buf_int(b, (long long)json_integer_value(v));
		break;
	case JSON_REAL: {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		buf_adds(b, s ? s : "null");
		free(s);
		break;
	}
	case JSON_TRUE: buf_adds(b, "true"); break;
	case JSON_FALSE: buf_adds(b, "false"); break;
	default: buf_adds(b, "null"); break;
	}
}

void resp_json(struct request *r, int status, json_t *body)
{
	r->status = status;
	r->content_type = "application/json";
	buf_reset(&r->out);
	if (body) {
		json_put(&r->out, body);
		json_decref(body);
	}
}

static int http_status(int rc)
{
	switch (rc) {
	case DOM_OK: return 200;
	case DOM_INVALID: return 400;
	case DOM_UNAUTH: return 401;
	case DOM_FORBIDDEN: return 403;
	case DOM_NOTFOUND: return 404;
	case DOM_CONFLICT: return 409;
	case DOM_THROTTLED: return 429;
	case DOM_BUSY: return 503;
	default: return 500;
	}
}

const char *resp_error_id(struct request *r)
{
	char token[64];
	crypto_token(token);
	token[12] = 0;
	/* The method and path (ids, never names: query strings are not
	 * logged) tie the id to the detailed log lines just before it. */
	log_error("error id=%s method=%s path=%s", token, r->method, r->path);
	return arena_strdup(r->a, token);
}

void resp_api_error(struct request *r, int rc, const struct errors *errs)
{
	json_t *err = json_pack("{s:s, s:s}", "code", dom_code(rc), "message", dom_message(rc));
	if (http_status(rc) >= 500 && rc != DOM_BUSY)
		json_object_set_new(err, "error_id", json_string(resp_error_id(r)));
	if (errs && errs->n) {
		json_t *fields = json_object();
		for (int i = 0; i < errs->n; i++)
			json_object_set_new(fields, errs->e[i].field, json_string(errs->e[i].message));
		json_object_set_new(err, "fields", fields);
		/* The first field's message is the most useful one-line summary. */
		json_object_set_new(err, "field", json_string(errs->e[0].field));
		json_object_set_new(err, "message",
				    json_string(arena_printf(r->a, "%s: %s", errs->e[0].field,
							     errs->e[0].message)));
	}
	if (rc == DOM_UNAUTH)
		resp_header(r, "WWW-Authenticate", "Bearer realm=\"amparo\"");
	resp_json(r, http_status(rc), json_pack("{s:o}", "error", err));
}

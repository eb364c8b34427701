/* server.c: libmicrohttpd glue: per-request state and arena, body limits,
 * authentication, language, CSRF, dispatch, security headers, access log,
 * per-thread database connections (and read-replica ones, see replica.c)
 * and graceful shutdown. */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <strings.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/asset.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/catalogue.h"
#include "domain/user.h"
#include "http/gzip.h"
#include "http/listener.h"
#include "http/replica.h"
#include "http/router.h"
#include "web/web.h"

static const struct server_config *cfg;

/* Requests between their first callback and on_completed, for the graceful stop. */
static atomic_int in_flight;
/* Connections suspended until their writes are on disk, and whether a
 * request may still be: libmicrohttpd must not stop with one suspended. */
static atomic_int suspended;
static atomic_int no_suspend;

/* ---- one database connection per worker thread ---- */

static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store *stores[256];
static size_t nstores;
static _Thread_local struct store *thread_store;

static struct store *store_for_thread(void)
{
	char err[256];
	if (thread_store)
		return thread_store;
	if (store_open(cfg->db, &thread_store, err, sizeof(err))) {
		log_error("%s", err);
		return NULL;
	}
	/* This thread serves other connections while the disk takes a
	 * request's writes; the request is answered once they are on it
	 * (on_request, store_when_durable). */
	thread_store->defer_durable = 1;
	pthread_mutex_lock(&stores_lock);
	if (nstores < sizeof(stores) / sizeof(stores[0]))
		stores[nstores++] = thread_store;
	pthread_mutex_unlock(&stores_lock);
	return thread_store;
}

/* ---- responses ---- */

static const char *content_type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".ico"))
		return "image/x-icon";
	if (!strcmp(dot, ".json"))
		return "application/json";
	return "application/octet-stream";
}

static void serve_static(struct request *r, const char *name)
{
	const struct asset *as = asset_find(name);
	if (!as || strncmp(name, "static/", 7) != 0) {
		r->status = 404;
		return;
	}
	const char *inm = req_header(r, "If-None-Match");
	const char *accept = req_header(r, "Accept-Encoding");
	int gz = as->gz && accept && strstr(accept, "gzip");
	const char *etag = gz ? as->gz_etag : as->etag;
	resp_header(r, "ETag", etag);
	resp_header(r, "Cache-Control", "public, max-age=604800");
	if (as->gz)
		resp_header(r, "Vary", "Accept-Encoding");
	r->content_type = content_type_of(name);
	if (inm && strcmp(inm, etag) == 0) {
		r->status = 304;
		return;
	}
	r->status = 200;
	if (gz)
		resp_header(r, "Content-Encoding", "gzip");
	r->out_static = gz ? as->gz : as->data;
	r->out_static_len = gz ? as->gz_len : as->len;
}

/* Pages and API answers of GZIP_MIN bytes and more go gzip-compressed to
 * clients that accept it: a profile page of 12 KB goes as 3.5 KB, and
 * crosses a phone's slow connection in under a third of the time. A compression attack (BREACH) needs
 * another site to make the browser fetch a page that holds a secret (the
 * CSRF token) beside text of the attacker's choosing; the session cookie
 * is SameSite=Strict and API tokens go in a header, so no other site's
 * request carries them. */
#define GZIP_MIN 1024

static int gzip_wanted(struct request *r, size_t n)
{
	const char *accept = req_header(r, "Accept-Encoding");
	const char *ct = r->content_type;
	return n >= GZIP_MIN && accept && strstr(accept, "gzip") && ct &&
	       (!strncmp(ct, "text/html", 9) || !strncmp(ct, "application/json", 16));
}

static enum MHD_Result queue(struct request *r)
{
	struct MHD_Response *resp;
	int gz = 0;
	if (r->out_static) {
		resp = MHD_create_response_from_buffer(r->out_static_len, (void *)r->out_static,
						       MHD_RESPMEM_PERSISTENT);
	} else {
		if (r->out.err) {
			log_error("response too large for %s", r->path);
			buf_reset(&r->out);
			r->status = 500;
		}
		size_t n;
		char *body = buf_detach(&r->out, &n), *z;
		if (gzip_wanted(r, n) && http_gzip(body, n, &z, &n) == 0) {
			free(body);
			body = z;
			gz = 1;
		}
		resp = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_MUST_FREE);
	}
	if (!resp)
		return MHD_NO;
	if (gz)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	if (r->content_type)
		MHD_add_response_header(resp, "Content-Type", r->content_type);
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; "
				"img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
				"base-uri 'none'; object-src 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (cfg->tls_cert)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (!r->out_static && r->status != 304)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (!r->out_static || r->status != 200)
		MHD_add_response_header(resp, "Vary", "Cookie, Accept-Language, Accept-Encoding");
	for (struct kv *h = r->headers_out; h; h = h->next)
		MHD_add_response_header(resp, h->key, h->value);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* ---- who is asking, in which language ---- */

/* Not logged in is no error (the route decides what that means); a
 * store that fails while looking is, and ends the request. */
static int authenticate(struct request *r, unsigned flags)
{
	const char *auth = req_header(r, "Authorization");
	int rc;
	if ((flags & ROUTE_API) && auth && strncmp(auth, "Bearer ", 7) == 0) {
		if ((rc = token_lookup(&r->ctx, auth + 7, &r->user)) == DOM_OK) {
			r->logged_in = r->by_token = 1;
			r->ctx.user = &r->user;
		}
		return rc == DOM_UNAUTH ? DOM_OK : rc;
	}
	const char *cookie = req_cookie(r, req_session_cookie_name(r));
	if (!cookie)
		return DOM_OK;
	if ((rc = session_lookup(&r->ctx, cookie, &r->session, &r->user)))
		return rc == DOM_UNAUTH ? DOM_OK : rc;
	r->csrf = r->session.csrf;
	if (r->session.mfa_pending) {
		r->mfa_pending = r->session.mfa_pending;
		return DOM_OK;
	}
	r->logged_in = 1;
	r->ctx.user = &r->user;
	return DOM_OK;
}

static void pick_language(struct request *r)
{
	const char *l = i18n_pick(req_query(r, "lang"));
	if (!l && r->logged_in)
		l = i18n_pick(r->user.lang);
	if (!l)
		l = i18n_pick(req_cookie(r, "amparo_lang"));
	if (!l) {
		/* An explicit English preference in the browser; else Spanish. */
		const char *al = req_header(r, "Accept-Language");
		l = al && strncmp(al, "en", 2) == 0 ? "en" : "es";
	}
	r->lang = l;
	i18n_use(l);
}

static void fail(struct request *r, int rc)
{
	if (r->is_api)
		resp_api_error(r, rc, NULL);
	else
		web_error(r, rc);
}

/* 405, naming the methods the path does accept. */
static void method_not_allowed(struct request *r)
{
	resp_header(r, "Allow", router_allowed(r, r->path));
	if (r->is_api) {
		resp_json(r, 405, json_pack("{s:{s:s, s:s}}", "error", "code", "method_not_allowed",
					    "message", _("This address does not accept this method.")));
	} else {
		web_error(r, DOM_CONFLICT);
		r->status = 405;
	}
}

static void parse_body(struct request *r)
{
	const char *ct = req_header(r, "Content-Type");
	const char *boundary;
	if (!r->body.n || !ct)
		return;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
		r->form = http_parse_urlencoded(r->a, r->body.p, r->body.n);
	} else if ((boundary = http_multipart_boundary(r->a, ct))) {
		http_parse_multipart(r->a, boundary, r->body.p, r->body.n, &r->form);
	} else if (strncasecmp(ct, "application/json", 16) == 0) {
		r->json = json_loadb(r->body.p, r->body.n, JSON_REJECT_DUPLICATES, NULL);
	}
}

static void dispatch(struct request *r)
{
	int known;
	int read_only = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");

	r->ctx.a = r->a;
	r->ctx.remote = r->remote;
	r->is_api = strncmp(r->path, "/api/", 5) == 0;
	i18n_use("es");
	if (strcmp(r->path, "/healthz") == 0) {
		r->status = 200;
		r->content_type = "application/json";
		buf_adds(&r->out, "{\"status\":\"ok\"}");
		return;
	}
	if (strncmp(r->path, "/static/", 8) == 0 && read_only) {
		serve_static(r, r->path + 1);
		if (r->status == 404)
			web_error(r, DOM_NOTFOUND);
		return;
	}
	r->ctx.st = store_for_thread();
	if (!r->ctx.st) {
		fail(r, DOM_BUSY);
		return;
	}
	/* A page's reads share one snapshot (store_read_begin), from the
	 * session's own: one read transaction instead of one per statement.
	 * A write on the way (a session's idle timer) ends it; the route
	 * below opens it again. on_request ends it whatever the path. */
	if (read_only)
		store_read_begin(r->ctx.st);
	catalogue_refresh(&r->ctx); /* the administrators' catalogue changes */
	const struct route *rt = router_match(r, r->method, r->path, &known);
	int rc = authenticate(r, rt ? rt->flags : (r->is_api ? ROUTE_API : 0));
	pick_language(r);
	if (rc) {
		fail(r, rc);
		return;
	}
	if (r->body_too_large) {
		if (r->is_api) {
			resp_api_error(r, DOM_INVALID, NULL);
			r->status = 413;
		} else {
			web_error(r, DOM_INVALID);
			r->status = 413;
		}
		return;
	}
	if (!rt && known) {
		method_not_allowed(r);
		return;
	}
	if (!rt) {
		fail(r, DOM_NOTFOUND);
		return;
	}
	if (!(rt->flags & ROUTE_PUBLIC) && !r->logged_in) {
		if (r->is_api)
			resp_api_error(r, DOM_UNAUTH, NULL);
		else if (r->mfa_pending)
			resp_redirect(r, strcmp(r->mfa_pending, "enrol") ? "/login/code" : "/login/enrol");
		else
		{
			struct buf next;
			buf_init(&next, 0);
			buf_url(&next, r->path);
			resp_redirect(r, arena_printf(r->a, "/login?next=%s", next.p));
			buf_free(&next);
		}
		return;
	}
	/* A state-changing request from another site's page is refused
	 * before anything else, whether or not it carries a cookie. */
	if (!read_only && !r->by_token && !req_origin_ok(r)) {
		log_warn("refused a %s from another origin", r->method);
		if (r->is_api)
			resp_api_error(r, DOM_FORBIDDEN, NULL);
		else
			web_error(r, DOM_FORBIDDEN);
		return;
	}
	parse_body(r);
	/* Forms must carry the session's token. A bearer-token API call cannot
	 * be forged by another site; a cookie API call must send the header. */
	if (!read_only && (r->logged_in || r->mfa_pending) &&
	    !r->by_token && !req_csrf_ok(r)) {
		if (r->is_api)
			resp_api_error(r, DOM_FORBIDDEN, NULL);
		else
			web_error(r, DOM_FORBIDDEN);
		return;
	}
	/* Searches and lists may read from the replica, if there is one and
	 * it has replayed this user's own latest write (see replica.c). */
	if ((rt->flags & ROUTE_REPLICA) && r->logged_in)
		r->ctx.read = replica_for(r->user.id);
	unsigned long commits = r->ctx.st->commits;
	if (read_only)
		store_read_begin(r->ctx.st);
	rt->fn(r);
	store_read_end(r->ctx.st);
	/* Every refusal is audited (docs/access.md): 403, and 404 on a route
	 * about one record (hidden or absent: the same answer). */
	if (r->logged_in && (r->status == 403 || (r->status == 404 && r->params[0])) &&
	    audit_denied(&r->ctx, arena_printf(r->a, "%s %s", rt->method, rt->pattern),
			 r->params[0]) != DOM_OK)
		log_error("audit: a denied request could not be recorded");
	if (r->ctx.read_failed)
		replica_failed("a query failed");
	if (r->ctx.st->commits != commits && r->logged_in)
		replica_wrote(r->ctx.st, r->user.id);
}

/* ---- libmicrohttpd callbacks ---- */

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	struct request *r = cls;
	(void)kind;
	struct kv *kv = arena_alloc(r->a, sizeof(*kv));
	kv->key = arena_strdup(r->a, key);
	kv->value = arena_strdup(r->a, value ? value : "");
	kv->value_len = strlen(kv->value);
	kv->next = r->query;
	r->query = kv;
	return MHD_YES;
}

/* Behind a reverse proxy every connection comes from the proxy, so login
 * throttling per address would lock out the whole office at once. The
 * proxy appends the real client to X-Forwarded-For: take the last entry
 * (the one the proxy wrote, not one a client sent), when it is an address. */
static const char *proxied_client(struct arena *a, struct MHD_Connection *conn, const char *peer)
{
	const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
	unsigned char addr[sizeof(struct in6_addr)];
	if (!xff)
		return peer;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	size_t n = strcspn(last, " ");
	char *ip = arena_strndup(a, last, n);
	if (inet_pton(AF_INET, ip, addr) == 1 || inet_pton(AF_INET6, ip, addr) == 1)
		return ip;
	return peer;
}

/* store_when_durable's callback: any thread. */
static void on_disk(void *arg, int rc)
{
	struct request *r = arg;
	r->on_disk_rc = rc;
	MHD_resume_connection(r->conn);
}

/* The connection of r is no longer suspended (resumed, or closed). */
static void unsuspended(struct request *r)
{
	if (r->on_disk_wait) {
		r->on_disk_wait = 0;
		atomic_fetch_sub(&suspended, 1);
	}
}

/* A request whose writes could not be committed or flushed: its answer
 * is replaced. */
static void not_on_disk(struct request *r)
{
	log_error("%s %s: its writes could not be saved (commit or flush failed)", r->method, r->path);
	i18n_use(r->lang);
	buf_reset(&r->out);
	r->headers_out = NULL;
	r->content_type = "text/html; charset=utf-8";
	fail(r, DOM_ERROR);
}

static enum MHD_Result answer(struct request *r)
{
	enum MHD_Result ret = queue(r);
	if (!cfg->quiet)
		log_info("access method=%s path=%s status=%d ms=%.2f", r->method, r->path, r->status,
			 (double)(time_mono_us() - r->started) / 1000.0);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct request *r = *con_cls;
	(void)cls;
	(void)version;

	if (!r) {
		/* First call: headers only. Answering later keeps the
		 * connection alive (see DESIGN.md, "Measured"). */
		struct arena *a = arena_new();
		r = arena_alloc(a, sizeof(*r));
		r->a = a;
		r->conn = conn;
		r->method = arena_strdup(a, method);
		r->path = arena_strdup(a, url);
		r->status = 200;
		r->lang = "es";
		r->content_type = "text/html; charset=utf-8";
		buf_init(&r->body, BODY_MAX);
		buf_init(&r->out, RESPONSE_MAX);
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		char host[64] = "?";
		if (ci && ci->client_addr) {
			const struct sockaddr *sa = ci->client_addr;
			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, host,
					  sizeof(host));
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, host,
					  sizeof(host));
		}
		r->https = cfg->tls_cert != NULL;
		r->remote = arena_strdup(a, host);
		if (cfg->trust_proxy)
			r->remote = proxied_client(a, conn, r->remote);
		*con_cls = r;
		atomic_fetch_add(&in_flight, 1);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->body_too_large) {
			buf_add(&r->body, upload, *upload_size);
			if (r->body.err)
				r->body_too_large = 1;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->on_disk_wait) {
		/* Resumed by on_disk: the answer was ready, its writes are
		 * now on disk, or will never be. */
		unsuspended(r);
		if (r->on_disk_rc)
			not_on_disk(r);
		return answer(r);
	}
	r->started = time_mono_us();
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, r);
	dispatch(r);
	if (r->ctx.st) {
		store_read_end(r->ctx.st);
		/* No answer before the request's writes are on disk: wait for
		 * them with the connection suspended, not the thread. */
		if (store_durable_pending(r->ctx.st)) {
			/* Counted before no_suspend is read: server_run
			 * sets that, then waits for the count to drop. */
			atomic_fetch_add(&suspended, 1);
			r->on_disk_wait = 1;
			if (!atomic_load(&no_suspend)) {
				MHD_suspend_connection(conn);
				store_when_durable(r->ctx.st, on_disk, r);
				return MHD_YES;
			}
			unsuspended(r); /* the server stops: wait in this thread */
			if (store_wait_durable(r->ctx.st))
				not_on_disk(r);
		}
	}
	return answer(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct request *r = *con_cls;
	(void)cls;
	(void)conn;
	(void)toe;
	if (!r)
		return;
	unsuspended(r);
	if (r->json)
		json_decref(r->json);
	buf_free(&r->body);
	buf_free(&r->out);
	arena_free(r->a);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = 0;
	log_warn("http: %s", line);
}

void server_no_core_dumps(void)
{
	struct rlimit none = { 0, 0 };
	if (setrlimit(RLIMIT_CORE, &none))
		log_warn("cannot turn core dumps off (setrlimit)");
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		log_warn("cannot turn core dumps off (prctl)");
}

int server_run(const struct server_config *c)
{
	sigset_t sigs;
	int sig;
	unsigned threads = c->threads;

	cfg = c;
	replica_init(c->db_read);
	if (!threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 2;
	}
	/* Only the main thread takes the stop signals; workers inherit the mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* TLS through libmicrohttpd's GnuTLS: the PEM texts stay in c. */
	struct MHD_OptionItem tls[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)c->tls_cert },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)c->tls_key },
		{ MHD_OPTION_END, 0, NULL },
	};
	server_no_core_dumps();
	struct listener *listener = listener_open(c->host, c->port);
	if (!listener)
		return 1;
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG |
			MHD_USE_NO_LISTEN_SOCKET | MHD_ALLOW_SUSPEND_RESUME |
			(c->tls_cert ? MHD_USE_TLS : 0),
		0, NULL, NULL, on_request, NULL,
		MHD_OPTION_ARRAY, c->tls_cert ? tls : tls + 2,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		MHD_OPTION_CONNECTION_LIMIT, CONNECTIONS_MAX,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_END);
	if (!d || listener_start(listener, d)) {
		log_error("cannot serve on %s:%u%s", c->host, c->port,
			  c->tls_cert ? " (do --tls-cert and --tls-key match?)" : "");
		if (d)
			MHD_stop_daemon(d);
		listener_close(listener);
		return 1;
	}
	log_info("amparo listening on %s://%s:%u with %u threads", c->tls_cert ? "https" : "http",
		 c->host, c->port, threads);
	while (sigwait(&sigs, &sig) != 0)
		;
	log_info("signal %d: finishing requests in flight", sig);
	/* Stop accepting, give the requests in flight up to 10 s to finish,
	 * then close every connection (idle keep-alive ones included). */
	listener_close(listener);
	for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++)
		usleep(10000);
	/* No connection may be suspended when libmicrohttpd stops: from now
	 * on a request waits for the disk in its thread, and those waiting
	 * suspended are resumed by the flusher within a flush. */
	atomic_store(&no_suspend, 1);
	for (int i = 1; atomic_load(&suspended) > 0; i++) {
		if (i % 1000 == 0)
			log_warn("still waiting for the disk to take %d requests' writes",
				 atomic_load(&suspended));
		usleep(10000);
	}
	MHD_stop_daemon(d);
	pthread_mutex_lock(&stores_lock);
	for (size_t i = 0; i < nstores; i++)
		store_close(stores[i]);
	nstores = 0;
	pthread_mutex_unlock(&stores_lock);
	replica_shutdown();
	log_info("stopped; database closed");
	return 0;
}

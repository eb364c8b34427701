/* demo_cases_bulk.c: casework at benchmark scale (issue 3: half a million
 * cases and ten million services at a million people). demo_cases makes
 * the first cases through the caseworkers' domain calls, rich and slow;
 * this makes the rest through bulk loads (bulk.h), writing the rows and
 * audit events case_open_in, case_set_status and service_record write:
 * the case and its reference number, its status history, its services,
 * and the events on the case and the person. Only cases and services:
 * the other casework (screenings, stages, goals, …) stays with the rich
 * cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/crypto.h"
#include "base/log.h"
#include "base/timeutil.h"
#include "domain/bulk.h"
#include "domain/case.h"
#include "domain/catalog.h"
#include "domain/demo.h"
#include "domain/office.h"
#include "domain/person.h"
#include "domain/user.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* Rows per transaction (a batch holds the write lock; one batch for them
 * all into a new database, see bulk_in_one), people read per page, and the
 * oldest case in days. */
#define BATCH_ROWS 200000
#define PAGE 1000
#define MAX_AGE 730

static const char *const note_text[] = {
	"Llamada de seguimiento: la persona refiere estar más tranquila y con apoyo de su familia.",
	"Se revisaron los acuerdos de la sesión anterior; quedan pendientes los documentos.",
	"La persona no asistió a la cita; se reprogramó por teléfono.",
	"Se explicaron los próximos pasos y los plazos; la persona está de acuerdo con el plan.",
	"Acompañamiento a la institución; se entregó la documentación solicitada.",
};

static const char *const outcomes[] = {
	"Se brindó la orientación solicitada.", "La persona comprendió los pasos a seguir.",
	"Se acordó una nueva cita.", NULL,
};

static const char *const closure_reasons[] = {
	"goals_met", "goals_met", "goals_met", "lost_contact", "relocated", "resettled", "referred",
	"declined",
};

/* The staff member who works an area's cases, with the office their
 * cases open in (what opening_office in case.c picks for them). */
struct worker {
	struct user u;
	char office[40];
};

/* Everything one run needs besides the batch. */
struct run {
	struct ctx *c;
	struct demo_rng r;
	struct worker staff[8];
	size_t nstaff;
	/* Dates ("2026-11-28", Panama) and times (ISO, UTC) n days ago, for
	 * n from 0 to MAX_AGE: computed once, not a million times. */
	char day[MAX_AGE + 1][32];
	char at[MAX_AGE + 1][32];
	/* People who have a case already, sorted: the bulk cases leave them
	 * out, so no open_key (person/area) is taken twice. */
	char **taken;
	size_t ntaken;
	struct demo_cases_bulk_made *made;
};

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The worker of area's cases for turn (demo_area_worker's name). */
static struct worker *worker(struct run *run, const char *area, unsigned turn)
{
	const char *name = demo_area_worker(area, turn);
	for (size_t i = 0; i < run->nstaff; i++)
		if (strcmp(run->staff[i].u.name, name) == 0)
			return &run->staff[i];
	return NULL;
}

/* Finds the demo staff and the office each opens cases in. */
static int find_staff(struct run *run)
{
	static const char *const names[] = { "psicologa", "abogado", "abogada", "empleo",
					     "asistencia", "comunidad", "supervisora" };
	struct ctx *c = run->c;
	for (size_t i = 0; i < N(names); i++) {
		struct worker *w = &run->staff[run->nstaff];
		if (user_find(c, names[i], &w->u) != DOM_OK)
			continue;
		const char *office = office_first(c, &w->u);
		struct office o;
		if (!office || !*office)
			office = office_default(c, &o) == DOM_OK ? o.id : NULL;
		if (!office) {
			log_error("demo: no office for %s's cases", names[i]);
			return DOM_ERROR;
		}
		snprintf(w->office, sizeof(w->office), "%s", office);
		run->nstaff++;
	}
	return run->nstaff ? DOM_OK : DOM_NOTFOUND;
}

static void calendar(struct run *run)
{
	time_t now = time(NULL);
	for (int n = 0; n <= MAX_AGE; n++) {
		time_t t = now - 5 * 3600 - (time_t)n * 86400;
		struct tm tm;
		gmtime_r(&t, &tm);
		snprintf(run->day[n], sizeof(run->day[n]), "%04d-%02d-%02d", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday);
		time_iso_after(-(int64_t)n * 86400, run->at[n]);
	}
}

/* The people with a case already (the rich ones, or an earlier demo). */
static int read_taken(struct run *run)
{
	struct ctx *c = run->c;
	char after[64] = "";
	size_t cap = 0;
	for (;;) {
		struct arena *page = arena_new();
		struct store_list l;
		int rc = dom_from_store(store_scan(c->st, &ENT_CASE, page, *after ? after : NULL, PAGE, &l));
		for (size_t i = 0; !rc && i < l.n; i++) {
			const struct case_rec *k = l.items[i];
			if (run->ntaken == cap) {
				cap = cap ? 2 * cap : 1024;
				run->taken = realloc(run->taken, cap * sizeof(*run->taken));
				if (!run->taken)
					log_fatal("out of memory");
			}
			run->taken[run->ntaken++] = strdup(k->person_id);
		}
		if (l.n)
			snprintf(after, sizeof(after), "%s", ((const struct case_rec *)l.items[l.n - 1])->id);
		size_t n = l.n;
		arena_free(page);
		if (rc)
			return rc;
		if (n < PAGE)
			break;
	}
	qsort(run->taken, run->ntaken, sizeof(*run->taken), by_string);
	return DOM_OK;
}

static int has_case(const struct run *run, const char *person_id)
{
	return run->ntaken &&
	       bsearch(&person_id, run->taken, run->ntaken, sizeof(*run->taken), by_string) != NULL;
}

/* One status change of k, its history row and its audit event, as
 * case_set_status writes them, on day `when` (days ago). */
static int change(struct ctx *w, struct bulk *b, struct case_rec *k, int seq, const char *from,
		  const char *to, const char *reason, const char *when)
{
	char id[37];
	crypto_uuid7(id);
	struct case_change h = { .id = id,
				 .case_id = k->id,
				 .seq = arena_printf(w->a, "%d", seq),
				 .kind = "status",
				 .from_value = (char *)from,
				 .to_value = (char *)to,
				 .reason = (char *)reason,
				 .changed_by = w->user->id,
				 .changed_at = (char *)when };
	int rc = bulk_insert(w, b, &ENT_CASE_CHANGE, &h);
	return rc ? rc : bulk_audit(w, b, "status", "case", k->id, case_status_fields(from, to));
}

/* n services of k, dated from `first` to `last` days ago, as
 * service_record writes them. */
static int services(struct run *run, struct ctx *w, struct bulk *b, const struct case_rec *k,
		    long n, int first, int last)
{
	const struct catalog *types = catalog_service_types(k->area);
	int legal = strcmp(k->area, "legal") == 0;
	for (long i = 0; i < n; i++) {
		char id[37];
		int ago = first - (int)(i * (first - last) / (n > 1 ? n - 1 : 1));
		crypto_uuid7(id);
		struct service s = {
			.id = id,
			.case_id = k->id,
			.person_id = k->person_id,
			.type = (char *)types->items[demo_pick(&run->r, (unsigned)types->n)].code,
			.date = run->day[ago],
			.duration_minutes = arena_printf(w->a, "%u", 30 + 15 * demo_pick(&run->r, 5)),
			.provider = w->user->id,
			.outcome = (char *)outcomes[demo_pick(&run->r, N(outcomes))],
			/* Sealed by the store like every service note. */
			.notes = demo_pick(&run->r, 3) == 0 ? (char *)note_text[demo_pick(&run->r, N(note_text))]
							    : NULL,
			.created_by = w->user->id,
			.created_at = run->at[ago],
			.rights = legal && demo_pick(&run->r, 4) == 0 ? "work" : NULL,
		};
		int rc = bulk_insert(w, b, &ENT_SERVICE, &s);
		if (!rc)
			rc = bulk_audit(w, b, "add_service", "case", k->id,
					record_set_fields(w->a, &ENT_SERVICE, &s));
		if (rc)
			return rc;
		run->made->services++;
	}
	return DOM_OK;
}

/* A case of person p with nserv services, its life told in its status
 * history: open; most go on to active (some to on hold), some close. */
static int one(struct run *run, struct bulk *b, const struct person *p, long nserv)
{
	static const char *const risks[] = { "low", "low", "low", "medium", "medium", "high" };
	struct ctx *c = run->c;
	struct demo_rng *r = &run->r;
	const char *area = demo_area_pick(r);
	const char *risk = demo_pick(r, 40) == 0 ? "critical" : risks[demo_pick(r, N(risks))];
	struct worker *wk = worker(run, area, (unsigned)run->made->cases);
	if (!wk)
		return DOM_NOTFOUND;
	struct ctx w = *c;
	w.user = &wk->u;
	long long num;
	int rc = bulk_number(&w, b, "case", &num);
	if (rc)
		return rc;
	/* Opened 7 days to two years ago; a closed case ended at most half
	 * its life ago; services between. */
	int age = 7 + (int)demo_pick(r, MAX_AGE - 7);
	unsigned x = demo_pick(r, 100);
	const char *status = x < 15 ? "open" : x < 70 ? "active" : x < 80 ? "on_hold" : "closed";
	int closed = strcmp(status, "closed") == 0;
	int end = closed ? (int)demo_pick(r, (unsigned)age / 2 + 1) : 0;
	int started = age - (int)demo_pick(r, 3); /* first change a day or two after opening */
	char id[37];
	crypto_uuid7(id);
	struct case_rec k = {
		.id = id,
		.ref = arena_printf(w.a, "C-%06lld", num),
		.person_id = p->id,
		.household_id = p->household_id,
		.area = (char *)area,
		.status = (char *)status,
		.risk = (char *)risk,
		.assigned_to = w.user->id,
		.office = wk->office,
		.opened_at = run->at[age],
		.created_at = run->at[age],
		.updated_at = closed ? run->at[end] : strcmp(status, "open") ? run->at[started] : run->at[age],
		.created_by = w.user->id,
	};
	if (closed) {
		k.closure_reason = (char *)closure_reasons[demo_pick(r, N(closure_reasons))];
		k.closed_at = run->at[end];
	} else {
		k.open_key = arena_printf(w.a, "%s/%s", p->id, area);
	}
	if ((rc = bulk_insert(&w, b, &ENT_CASE, &k)) ||
	    (rc = bulk_audit(&w, b, "open", "case", id, "person_id,area,risk,assigned_to")) ||
	    (rc = bulk_audit(&w, b, "open_case", "person", p->id, "area")))
		return rc;
	run->made->cases++;
	const char *first = strcmp(status, "on_hold") == 0 ? "on_hold" : "active";
	if (strcmp(status, "open") != 0 &&
	    (rc = change(&w, b, &k, 1, "open", first, NULL, run->at[started])))
		return rc;
	if ((rc = services(run, &w, b, &k, nserv, age, end)))
		return rc;
	return closed ? change(&w, b, &k, 2, "active", "closed", k.closure_reason, run->at[end]) : DOM_OK;
}

/* How many services the next case gets: about the average still due
 * (services left / cases left), between half and one and a half times it,
 * and exactly what is left for the last case. */
static long share(struct demo_rng *r, long cases_left, long services_left)
{
	if (cases_left <= 1)
		return services_left;
	long avg = services_left / cases_left;
	long n = avg / 2 + (long)demo_pick(r, (unsigned)(avg + 1));
	return n < services_left ? n : services_left;
}

/* Selection sampling over the people (see demo_assistance): each active
 * person without a case is picked with probability (cases still to open)
 * / (such people still to see). */
static int open_all(struct run *run, long cases, long services, long long candidates)
{
	struct ctx *c = run->c;
	char after[64] = "";
	long left = cases, sleft = services;
	long long seen = 0;
	struct bulk *b = NULL;
	int in_one, rc = bulk_in_one(c, &ENT_SERVICE, &in_one);
	while (left > 0 && rc == DOM_OK) {
		struct arena *page = arena_new();
		struct store_list l;
		rc = dom_from_store(store_scan(c->st, &ENT_PERSON, page, *after ? after : NULL, PAGE, &l));
		for (size_t i = 0; rc == DOM_OK && i < l.n && left > 0; i++) {
			const struct person *p = l.items[i];
			if (strcmp(p->status, "active") != 0 || has_case(run, p->id))
				continue;
			long long rest = candidates - seen++;
			if ((long long)demo_pick(&run->r, (unsigned)(rest > 0 ? rest : 1)) >= left)
				continue;
			if (!b && (rc = bulk_begin(c, &b)))
				break;
			struct arena *a = arena_new();
			struct ctx *saved = run->c, cc = *c;
			cc.a = a;
			run->c = &cc;
			long n = share(&run->r, left, sleft);
			long before = run->made->services;
			rc = one(run, b, p, n);
			sleft -= run->made->services - before;
			run->c = saved;
			arena_free(a);
			left--;
			if (!rc && !in_one && bulk_rows(b) >= BATCH_ROWS) {
				rc = bulk_end(b, rc, &run->made->rows);
				b = NULL;
			}
		}
		if (l.n)
			snprintf(after, sizeof(after), "%s", ((const struct person *)l.items[l.n - 1])->id);
		size_t n = l.n;
		arena_free(page);
		if (n < PAGE)
			break;
	}
	return bulk_end(b, rc, &run->made->rows);
}

int demo_cases_bulk(struct ctx *c, long cases, long services, unsigned seed,
		    struct demo_cases_bulk_made *made)
{
	memset(made, 0, sizeof(*made));
	if (cases <= 0)
		return DOM_OK;
	struct run *run = calloc(1, sizeof(*run));
	if (!run) {
		log_error("demo: out of memory");
		return DOM_ERROR;
	}
	run->c = c;
	run->r.s = seed * 2654435761ull + 13;
	run->made = made;
	calendar(run);
	long long active = 0;
	struct store_filter f = { "status", "active" };
	int rc = find_staff(run);
	if (!rc)
		rc = dom_from_store(store_count_where(c->st, &ENT_PERSON, &f, 1, &active));
	if (!rc)
		rc = read_taken(run);
	if (!rc)
		rc = open_all(run, cases, services < 0 ? 0 : services,
			      active - (long long)run->ntaken);
	for (size_t i = 0; i < run->ntaken; i++)
		free(run->taken[i]);
	free(run->taken);
	free(run);
	return rc;
}

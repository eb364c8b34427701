/* demo_cases.c: the demo office's staff and its casework. Each case is
 * made through the domain calls a caseworker's pages make, as the staff
 * member of the case's area, so it is validated and audited like real
 * work: slower than a bulk load, and meant for demos of a few hundred
 * cases, not for the million-record benchmark. */
#include "domain/demo.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "domain/appointment.h"
#include "domain/assessment.h"
#include "domain/asylum.h"
#include "domain/case.h"
#include "domain/catalog.h"
#include "domain/flag.h"
#include "domain/goal.h"
#include "domain/needs.h"
#include "domain/note.h"
#include "domain/referral.h"
#include "domain/service.h"
#include "domain/user.h"

#define N(a) (sizeof(a) / sizeof(a[0]))

/* The staff: one per area (two lawyers), and a supervisor of every area,
 * with the need-to-know grants their work needs (docs/access.md). */
static const struct {
	const char *name, *full_name, *role, *areas, *grants;
} staff[] = {
	{ "psicologa", "Paula Herrera", "caseworker", "psychosocial", "sgbv,mental_health" },
	{ "abogado", "Ricardo Samaniego", "caseworker", "legal", "torture,asylum_narrative" },
	{ "abogada", "Gabriela Tuñón", "caseworker", "legal", "sgbv,torture,asylum_narrative" },
	{ "empleo", "Iván Batista", "caseworker", "livelihoods", "" },
	{ "asistencia", "Yaritza Pinzón", "assistance", "assistance", "" },
	{ "comunidad", "Marcos De Gracia", "community", "community", "" },
	{ "supervisora", "Elena Castillo", "supervisor", "psychosocial,legal,livelihoods,assistance,community",
	  "sgbv,mental_health,torture,asylum_narrative" },
};
#define NSTAFF N(staff)

/* Areas in the proportions of the office's caseload (per 100 cases). */
static const struct {
	const char *area;
	unsigned share;
} areas[] = {
	{ "legal", 35 }, { "psychosocial", 30 }, { "livelihoods", 15 }, { "assistance", 12 },
	{ "community", 8 },
};

/* Goals by area, in the order of areas[]. */
static const char *const goals_of[][3] = {
	/* legal */ { "Presentar la solicitud de la condición de refugiado", "Obtener el permiso de trabajo",
		      "Preparar la entrevista de elegibilidad" },
	/* psychosocial */ { "Reducir los síntomas de ansiedad", "Retomar rutinas de sueño y alimentación",
			     "Participar en el grupo de apoyo semanal" },
	/* livelihoods */ { "Completar el curso de formación técnica", "Conseguir un empleo formal",
			    "Actualizar la hoja de vida" },
	/* assistance */ { "Cubrir el alquiler de los próximos tres meses", "Acceder a la canasta básica",
			   "Inscribir a la familia en el programa de apoyo" },
	/* community */ { "Matricular a los niños en la escuela", "Participar en la feria comunitaria",
			  "Conformar un comité de vecinos" },
};

static const char *const note_text[] = {
	"Llamada de seguimiento: la persona refiere estar más tranquila y con apoyo de su familia.",
	"Se revisaron los acuerdos de la sesión anterior; quedan pendientes los documentos.",
	"La persona no asistió a la cita; se reprogramó por teléfono.",
	"Se explicaron los próximos pasos y los plazos; la persona está de acuerdo con el plan.",
};

static const char *const outcomes[] = {
	"Se brindó la orientación solicitada.", "La persona comprendió los pasos a seguir.",
	"Se acordó una nueva cita.", NULL,
};

/* The date n days before today in Panama, in a. */
static char *days_ago(struct arena *a, int n)
{
	time_t t = time(NULL) - 5 * 3600 - (time_t)n * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int area_index(const char *area)
{
	for (size_t i = 0; i < N(areas); i++)
		if (strcmp(areas[i].area, area) == 0)
			return (int)i;
	return 0;
}

/* The staff member who works the cases of area (the lawyers take turns). */
static const struct user *worker_for(const struct user *team, const char *area, unsigned turn)
{
	unsigned n = 0;
	for (size_t i = 0; i < NSTAFF - 1; i++)
		n += strcmp(staff[i].areas, area) == 0;
	for (size_t i = 0, k = 0; n && i < NSTAFF - 1; i++)
		if (strcmp(staff[i].areas, area) == 0 && k++ == turn % n)
			return &team[i];
	return &team[NSTAFF - 1];
}

const char *demo_area_pick(struct demo_rng *r)
{
	unsigned x = demo_pick(r, 100), acc = 0;
	for (size_t j = 0; j < N(areas); j++)
		if (x < (acc += areas[j].share))
			return areas[j].area;
	return areas[0].area;
}

const char *demo_area_worker(const char *area, unsigned turn)
{
	unsigned n = 0;
	for (size_t i = 0; i < NSTAFF - 1; i++)
		n += strcmp(staff[i].areas, area) == 0;
	for (size_t i = 0, k = 0; n && i < NSTAFF - 1; i++)
		if (strcmp(staff[i].areas, area) == 0 && k++ == turn % n)
			return staff[i].name;
	return staff[NSTAFF - 1].name;
}

/* Creates the staff who do not exist yet; team gets all of them. */
static int hire(struct ctx *c, const char *password, struct user *team, long *hired)
{
	for (size_t i = 0; i < NSTAFF; i++) {
		struct errors errs = { .n = 0 };
		if (user_find(c, staff[i].name, &team[i]) == DOM_OK)
			continue;
		int rc = user_create(c, staff[i].name, staff[i].full_name, staff[i].role, staff[i].areas,
				     NULL, password, &errs, &team[i]);
		if (!rc && *staff[i].grants &&
		    !(rc = user_set_grants(c, staff[i].name, staff[i].grants, &errs)))
			team[i].grants = (char *)staff[i].grants;
		if (rc) {
			log_error("demo: staff %s: %s", staff[i].name, errs.n ? errs.e[0].message : dom_code(rc));
			return rc;
		}
		(*hired)++;
	}
	return DOM_OK;
}

static void services(struct ctx *c, struct demo_rng *r, const struct case_rec *k, int age,
		     struct demo_cases_made *made)
{
	const struct catalog *types = catalog_service_types(k->area);
	unsigned n = 1 + demo_pick(r, 4);
	for (unsigned i = 0; i < n; i++) {
		struct errors errs = { .n = 0 };
		struct service s = {
			.type = (char *)types->items[demo_pick(r, (unsigned)types->n)].code,
			.date = days_ago(c->a, age - (int)(i * (unsigned)age / n)),
			.duration_minutes = arena_printf(c->a, "%u", 30 + 15 * demo_pick(r, 5)),
			.outcome = (char *)outcomes[demo_pick(r, N(outcomes))],
			.notes = demo_pick(r, 2) ? (char *)note_text[demo_pick(r, N(note_text))] : NULL,
			.rights = strcmp(k->area, "legal") == 0 && demo_pick(r, 4) == 0 ? "work" : NULL,
		};
		if (service_record(c, k->id, &s, &errs, NULL) == DOM_OK)
			made->services++;
	}
}

/* Two screenings some weeks apart, the second better; now and then
 * question 9 of the latest PHQ-9 above 0 (the alert supervisors follow). */
static void screenings(struct ctx *c, struct demo_rng *r, const struct case_rec *k, int age,
		       struct demo_cases_made *made)
{
	int phq[9], who[5], gad[7];
	for (int round = 0; round < 2; round++) {
		int base = round ? 0 : 1;
		for (int i = 0; i < 9; i++)
			phq[i] = (int)demo_pick(r, 2) + base;
		phq[8] = round && demo_pick(r, 12) == 0 ? 1 + (int)demo_pick(r, 2) : 0;
		for (int i = 0; i < 5; i++)
			who[i] = 1 + (int)demo_pick(r, 3) + (round ? 1 : 0);
		for (int i = 0; i < 7; i++)
			gad[i] = (int)demo_pick(r, 2) + base;
		const char *on = days_ago(c->a, round ? age / 3 : age);
		struct errors errs = { .n = 0 };
		made->assessments += assessment_record(c, k->id, "phq9", phq, 9, on, &errs, NULL) == DOM_OK;
		made->assessments += assessment_record(c, k->id, "who5", who, 5, on, &errs, NULL) == DOM_OK;
		if (demo_pick(r, 2))
			made->assessments += assessment_record(c, k->id, "gad7", gad, 7, on, &errs, NULL) == DOM_OK;
	}
}

/* The asylum procedure as far as this case has come, stage by stage. */
static void procedure(struct ctx *c, struct demo_rng *r, const struct case_rec *k, int age,
		      struct demo_cases_made *made)
{
	static const char *const path[] = { "orientation", "application_filed", "admissibility",
					    "interview", "eligibility_decision" };
	unsigned reached = 1 + demo_pick(r, N(path));
	struct errors errs = { .n = 0 };
	asylum_set_file_number(c, k->id, arena_printf(c->a, "ONPAR-%s-%05u", k->ref + 2, demo_pick(r, 100000)),
			       &errs);
	for (unsigned i = 0; i < reached; i++) {
		struct asylum_stage s = { .stage = (char *)path[i],
					  .date = days_ago(c->a, age - (int)(i * (unsigned)age / reached)) };
		if (!strcmp(path[i], "admissibility"))
			s.result = demo_pick(r, 8) ? "admitted" : "not_admitted";
		if (!strcmp(path[i], "eligibility_decision"))
			s.result = demo_pick(r, 3) ? "granted" : "denied";
		errs.n = 0;
		if (asylum_add_stage(c, k->id, &s, &errs, NULL) != DOM_OK)
			break;
		made->stages++;
		if (s.result && (!strcmp(s.result, "not_admitted") || !strcmp(s.result, "denied")))
			break;
	}
}

static void plan(struct ctx *c, struct demo_rng *r, const struct case_rec *k, struct demo_cases_made *made)
{
	static const char *const statuses[] = { "pending", "in_progress", "in_progress", "achieved" };
	const char *const *titles = goals_of[area_index(k->area)];
	unsigned n = 1 + demo_pick(r, 3);
	for (unsigned i = 0; i < n; i++) {
		struct errors errs = { .n = 0 };
		struct case_goal g = { .title = (char *)titles[i], .due_on = days_ago(c->a, 30 - (int)demo_pick(r, 90)),
				       .status = (char *)statuses[demo_pick(r, N(statuses))] };
		/* Due dates may be past (an overdue goal) or ahead. */
		if (goal_add(c, k->id, &g, &errs, NULL) == DOM_OK)
			made->goals++;
	}
	struct errors errs = { .n = 0 };
	if (note_add(c, k->id, note_text[demo_pick(r, N(note_text))], &errs, NULL) == DOM_OK)
		made->notes++;
}

/* A past follow-up marked done or missed, and often one ahead (or today,
 * for "Mi día"). */
static void appointments(struct ctx *c, struct demo_rng *r, const struct case_rec *k,
			 struct demo_cases_made *made)
{
	static const char *const kinds[] = { "follow_up", "appointment", "home_visit", "phone_call" };
	for (int i = 0; i < 2; i++) {
		int in_days = i ? (int)demo_pick(r, 10) : -1 - (int)demo_pick(r, 20);
		if (i && demo_pick(r, 3) == 0)
			break;
		time_t t = time(NULL) - 5 * 3600 + (time_t)in_days * 86400;
		struct tm tm;
		gmtime_r(&t, &tm);
		struct appointment a = {
			.starts_at = arena_printf(c->a, "%04d-%02d-%02dT%02u:%s", tm.tm_year + 1900, tm.tm_mon + 1,
						  tm.tm_mday, 8 + demo_pick(r, 9), demo_pick(r, 2) ? "00" : "30"),
			.kind = (char *)kinds[demo_pick(r, N(kinds))],
			.place = demo_pick(r, 2) ? "Oficina de Ciudad de Panamá" : NULL,
		}, out;
		struct errors errs = { .n = 0 };
		if (appointment_book(c, k->id, &a, NULL, &errs, &out) != DOM_OK)
			continue;
		made->appointments++;
		if (in_days < 0)
			appointment_set_status(c, out.id, demo_pick(r, 4) ? "done" : "missed", NULL, &errs, NULL);
	}
}

static void flags(struct ctx *c, struct demo_rng *r, const struct case_rec *k, struct demo_cases_made *made)
{
	unsigned x = demo_pick(r, 100);
	const char *type = x < 4 ? "safety_risk" : x < 7 ? "no_phone_contact" : x < 9 && !strcmp(k->area, "psychosocial") ? "sgbv_survivor" : x < 9 && !strcmp(k->area, "legal") ? "torture_survivor" : NULL;
	if (!type)
		return;
	struct errors errs = { .n = 0 };
	const char *reason = !strcmp(type, "safety_risk") ? "Refiere amenazas de la persona agresora en su barrio."
			     : !strcmp(type, "no_phone_contact") ? "El teléfono lo revisa otra persona del hogar."
			     : !strcmp(type, "torture_survivor") ? "Relata torturas durante su detención en el país de origen."
								 : "Sobreviviente atendida por el área psicosocial.";
	int on_case = !strcmp(type, "sgbv_survivor") || !strcmp(type, "torture_survivor");
	if (flag_raise(c, k->person_id, type, reason, on_case ? k->id : NULL, &errs, NULL) == DOM_OK)
		made->flags++;
}

/* Now and then a legal case is referred to psychosocial care (anxiety
 * before the interview); the psychologist accepts most and opens the case,
 * and leaves a few waiting (some of them overdue). */
static void refer(struct ctx *c, struct demo_rng *r, const struct case_rec *k, const struct user *team,
		  struct demo_cases_made *made)
{
	if (strcmp(k->area, "legal") != 0 || demo_pick(r, 5))
		return;
	struct referral_in in = { .case_id = k->id, .to_area = "psychosocial", .urgency = demo_pick(r, 3) ? "routine" : "priority",
				  .reason = "Ansiedad e insomnio ante la entrevista de elegibilidad; pide apoyo emocional.",
				  .consent = "1", .shared = "identity,contact" };
	struct referral sent;
	struct errors errs = { .n = 0 };
	if (referral_send(c, &in, &errs, &sent) != DOM_OK)
		return;
	made->referrals++;
	if (demo_pick(r, 4) == 0)
		return; /* still waiting */
	struct ctx psy = *c;
	psy.user = worker_for(team, "psychosocial", 0);
	referral_accept(&psy, sent.id, "La recibimos esta semana.", 1, &errs, NULL);
}

/* Where the case stands now: most are active, some on hold or closed. */
static void settle(struct ctx *c, struct demo_rng *r, const struct case_rec *k)
{
	static const char *const reasons[] = { "goals_met", "goals_met", "lost_contact", "relocated", "resettled" };
	unsigned x = demo_pick(r, 100);
	struct errors errs = { .n = 0 };
	if (x < 20)
		return; /* open */
	case_set_status(c, k->id, x < 85 ? "active" : "on_hold", NULL, &errs, NULL);
	if (x >= 92)
		case_set_status(c, k->id, "closed", reasons[demo_pick(r, N(reasons))], &errs, NULL);
}

int demo_cases(struct ctx *c, long cases, unsigned seed, const char *password,
	       struct demo_cases_made *made)
{
	struct demo_rng r = { seed * 2246822519ull + 7 };
	struct user team[NSTAFF];
	struct store_list people;
	memset(made, 0, sizeof(*made));
	int rc = hire(c, password, team, &made->staff);
	if (rc || cases <= 0)
		return rc;
	struct store_filter active = { "status", "active" };
	/* The newest people first: those the demo just registered. */
	if ((rc = dom_from_store(store_list_where(c->st, &ENT_PERSON, c->a, &active, 1, "ref", 1, cases * 8, 0, &people))))
		return rc;
	for (size_t i = 0; i < 2 * people.n && made->cases < cases; i++) {
		/* One person in three, then anyone left if that was too few. */
		if (i < people.n && demo_pick(&r, 3))
			continue;
		const struct person *p = people.items[i % people.n];
		const char *area = demo_area_pick(&r);
		static const char *const risks[] = { "low", "low", "low", "medium", "medium", "high" };
		const char *risk = demo_pick(&r, 40) == 0 ? "critical" : risks[demo_pick(&r, N(risks))];
		struct ctx w = *c;
		w.user = worker_for(team, area, (unsigned)made->cases);
		struct case_rec k;
		struct errors errs = { .n = 0 };
		if (case_open(&w, p->id, area, risk, &errs, &k) != DOM_OK)
			continue; /* the person has a case there already */
		made->cases++;
		int age = 20 + (int)demo_pick(&r, 160); /* days since the first service */
		services(&w, &r, &k, age, made);
		if (!strcmp(area, "psychosocial"))
			screenings(&w, &r, &k, age, made);
		if (!strcmp(area, "legal"))
			procedure(&w, &r, &k, age, made);
		if (!strcmp(area, "community") && demo_pick(&r, 2)) {
			struct needs_assessment n = {
				.held_on = days_ago(c->a, age / 2), .participants = "12",
				.community_needs = "Acceso a la escuela y a la atención en salud; empleo para las madres jefas de hogar.",
				.resources = "Junta comunal, iglesia del barrio, cancha techada.",
				.ideas = "Feria de integración con familias panameñas y clases de español de Panamá.",
			};
			needs_record(&w, k.id, &n, &errs, NULL);
		}
		plan(&w, &r, &k, made);
		appointments(&w, &r, &k, made);
		flags(&w, &r, &k, made);
		refer(&w, &r, &k, team, made);
		settle(&w, &r, &k);
	}
	return DOM_OK;
}

/* demo.c: the synthetic registry. Nationalities follow the proportions of
 * the Panama office's caseload (mostly Venezuelan, then Colombian,
 * Nicaraguan, Cuban, Salvadoran, Honduran, Guatemalan, a few Haitian,
 * African and Asian); names are common ones of each country. */
#include "domain/demo.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "domain/bulk.h"
#include "domain/auth.h"
#include "domain/household.h"
#include "domain/partner.h"
#include "domain/person.h"

#define pick demo_pick
#define N(a) (sizeof(a) / sizeof(a[0]))

static const char *female[] = {
	"María", "Ana", "Carmen", "Yosmary", "Daniela", "Valentina", "Gabriela", "Andreína",
	"Yuleisy", "María José", "María de los Ángeles", "Luisa", "Fernanda", "Paola", "Yenifer",
	"Johana", "Mariana", "Sofía", "Camila", "Isabel", "Rosa", "Guadalupe", "Karla", "Dayana",
	"Marisol", "Lucía", "Milagros", "Norelys", "Yelitza", "Génesis", "Ángela", "Beatriz",
};
static const char *male[] = {
	"José", "Luis", "Carlos", "Jesús", "Juan", "Miguel", "Yosmar", "Josmar", "Alejandro",
	"Jorge", "Francisco", "Pedro", "José Gregorio", "Luis Alberto", "Andrés", "Daniel",
	"Kevin", "Wilmer", "Yohandry", "Ángel", "Rafael", "Víctor", "Eduardo", "Óscar", "Julio",
	"Edgar", "Héctor", "Ramón", "Darwin", "Jhonny", "Néstor", "Iván",
};
static const char *surname[] = {
	"González", "Rodríguez", "Pérez", "García", "Hernández", "Martínez", "López", "Sánchez",
	"Ramírez", "Torres", "Díaz", "Morales", "Rojas", "Castillo", "Gutiérrez", "Méndez",
	"Jiménez", "Flores", "Vargas", "Mendoza", "Ortiz", "Chávez", "Salazar", "Guzmán",
	"Contreras", "Núñez", "Herrera", "Medina", "Suárez", "Castro", "Romero", "Álvarez",
	"Ruiz", "Moreno", "Quintero", "Briceño", "Peña", "Acosta", "Marcano", "Villalobos",
	"de la Cruz", "Urdaneta", "Bolívar", "Zambrano", "Carrillo", "Aguilar", "Espinoza",
};
static const char *haitian_given[] = { "Jean", "Marie", "Wilner", "Guerline", "Jean-Baptiste", "Rose-Marie" };
static const char *haitian_surname[] = { "Joseph", "Pierre", "Jean-Louis", "Charles", "Desir", "Louis" };

struct origin {
	const char *code;
	unsigned weight; /* per thousand */
};

static const struct origin origins[] = {
	{ "VEN", 600 }, { "COL", 120 }, { "NIC", 80 }, { "CUB", 50 }, { "SLV", 40 },
	{ "HND", 40 },  { "GTM", 30 },  { "HTI", 20 }, { "XXX", 20 },
};

static const char *origin_of(struct demo_rng *r)
{
	unsigned x = pick(r, 1000), acc = 0;
	for (size_t i = 0; i < N(origins); i++) {
		acc += origins[i].weight;
		if (x < acc)
			return origins[i].code;
	}
	return "VEN";
}

static const char *status_of(struct demo_rng *r)
{
	static const char *s[] = { "asylum_seeker", "asylum_seeker", "asylum_seeker", "refugee",
				   "migrant", "migrant", "in_transit", "host_community" };
	return s[pick(r, N(s))];
}

static const char *addresses[] = {
	"Calle 50, Bella Vista", "Vía España, Río Abajo", "Calle 13, Pueblo Nuevo",
	"Avenida Perú, Calidonia", "Samaria, San Miguelito", "Vacamonte, Arraiján",
	"Barrio Balboa, La Chorrera", "Juan Díaz, sector 2", "Tocumen, La Siesta",
	"Avenida Central, Santa Ana", "Calle 3, Colón", "El Chorrillo, casa 14",
};
static const char *districts[][2] = {
	{ "8", "0804" }, { "8", "0805" }, { "13", "1301" }, { "13", "1304" }, { "3", "0301" },
};

static char *date_between(struct arena *a, struct demo_rng *r, int y0, int y1)
{
	return arena_printf(a, "%04d-%02d-%02d", y0 + (int)pick(r, (unsigned)(y1 - y0 + 1)),
			    1 + (int)pick(r, 12), 1 + (int)pick(r, 28));
}

static void make_person(struct arena *a, struct demo_rng *r, struct person *p, const char *nat,
			const char *family_surname, const char *second_surname, int child,
			const char *sex)
{
	int haiti = strcmp(nat, "HTI") == 0;
	memset(p, 0, sizeof(*p));
	p->sex = (char *)sex;
	if (haiti) {
		p->given_names = (char *)haitian_given[pick(r, N(haitian_given))];
		p->surname1 = (char *)(family_surname ? family_surname : haitian_surname[pick(r, N(haitian_surname))]);
		p->languages = "Kreyòl, Français";
	} else {
		p->given_names = (char *)(strcmp(sex, "female") == 0 ? female[pick(r, N(female))]
								      : male[pick(r, N(male))]);
		p->surname1 = (char *)(family_surname ? family_surname : surname[pick(r, N(surname))]);
		p->surname2 = (char *)(second_surname ? second_surname : surname[pick(r, N(surname))]);
		p->languages = "Español";
	}
	p->birth_date = child ? date_between(a, r, 2010, 2024) : date_between(a, r, 1955, 2005);
	p->birth_estimated = pick(r, 20) == 0 ? "1" : "0";
	p->nationality = (char *)nat;
	p->origin_country = (char *)nat;
	p->legal_status = (char *)status_of(r);
	if (strcmp(p->legal_status, "host_community") == 0)
		p->nationality = p->origin_country = "PAN";
	p->arrival_date = date_between(a, r, 2025, 2025);
	if (!child) {
		p->phone = arena_printf(a, "6%03u-%04u", pick(r, 1000), pick(r, 10000));
		const char *(*d)[2] = &districts[pick(r, N(districts))];
		p->province = (char *)(*d)[0];
		p->district = (char *)(*d)[1];
		p->address = (char *)addresses[pick(r, N(addresses))];
	}
	if (pick(r, 8) == 0)
		p->needs = pick(r, 2) ? "SM" : "WR,SV";
	p->consent_scope = "referral";
	p->consent_date = "2025-11-03";
}

/* People per batch: one transaction each, holding the write lock (and on
 * PostgreSQL the search index, see store_pg.c) for one to three seconds.
 * 10,000 to 100,000 made no difference beyond the noise on either engine;
 * a smaller batch lets a live server's writers and searches in sooner.
 * Into a new database PostgreSQL takes them all in one (bulk_in_one). */
#define BATCH_PEOPLE 20000
#define MAX_HOUSEHOLD 6

/* Generates one household of size people (its head first) into m. The
 * random draws are those of the original one-at-a-time generator, in the
 * same order, so a seed gives the same people as it always did. */
static void make_household(struct arena *a, struct demo_rng *r, int size, struct person *m)
{
	const char *nat = origin_of(r);
	const char *head_sex = pick(r, 10) < 6 ? "female" : "male";
	make_person(a, r, &m[0], nat, NULL, NULL, 0, head_sex);
	for (int i = 1; i < size; i++) {
		int partner = i == 1 && pick(r, 2);
		const char *sex = partner ? (strcmp(head_sex, "female") == 0 ? "male" : "female")
					  : (pick(r, 2) ? "female" : "male");
		make_person(a, r, &m[i], nat, partner ? NULL : m[0].surname1,
			    partner ? NULL : m[0].surname2, !partner, sex);
		m[i].relationship = partner ? "spouse" : "child";
	}
}

int demo_generate(struct ctx *c, long people, unsigned seed, struct demo_made *made)
{
	struct demo_rng r = { seed * 2654435761ull + 1 };
	long done = 0, per_batch = BATCH_PEOPLE;
	int in_one, rc = bulk_in_one(c, &ENT_PERSON, &in_one);

	*made = (struct demo_made){ 0 };
	if (in_one)
		per_batch = people;
	while (done < people && rc == DOM_OK) {
		struct bulk *b;
		long batch = 0, batch_homes = 0;
		if ((rc = bulk_begin(c, &b)))
			break;
		while (rc == DOM_OK && batch < per_batch && done + batch < people) {
			/* Households of 1 to 6, averaging about 2.8 people; one
			 * person alone is registered without a household. */
			static const int sizes[] = { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6 };
			int size = sizes[pick(&r, N(sizes))];
			if (size > people - done - batch)
				size = (int)(people - done - batch);
			struct arena *a = arena_new();
			struct ctx cc = *c;
			struct person m[MAX_HOUSEHOLD];
			struct household h = { 0 };
			struct errors errs = { 0 };
			cc.a = a;
			make_household(a, &r, size, m);
			rc = size > 1 ? household_bulk_create(&cc, b, &h, m, (size_t)size, &errs)
				      : person_bulk_create(&cc, b, &m[0], &errs);
			if (rc == DOM_INVALID)
				log_error("demo: generated an invalid person: %s: %s", errs.e[0].field,
					  errs.e[0].message);
			batch += size;
			batch_homes += size > 1;
			arena_free(a);
		}
		long long rows = 0;
		if ((rc = bulk_end(b, rc, &rows)))
			break;
		/* After a failure only the batches committed before it count. */
		done += batch;
		made->people = done;
		made->households += batch_homes;
		made->rows += rows;
	}
	/* One search index, not the many pieces the batches left. */
	if (!rc && done && !(rc = dom_from_store(store_begin(c->st)))) {
		if ((rc = dom_from_store(store_index_optimize(c->st))))
			store_rollback(c->st);
		else
			rc = dom_from_store(store_commit(c->st));
	}
	return rc;
}

/* The partners the Panama office works with (seed/hias-panama.txt names
 * UNHCR, the National Office for Refugees and the tripartite employment
 * partnership; the rest are the public institutions and kinds of places a
 * caseworker refers to). No contact data: offices add their own. */
static const struct {
	const char *name, *kind, *areas, *description;
} partners[] = {
	{ "ACNUR (UNHCR) Panamá", "un_agency", "legal,assistance,community",
	  "Agencia de la ONU para los Refugiados: protección internacional, documentación y apoyo a las organizaciones socias." },
	{ "Oficina Nacional para la Atención de Refugiados (ONPAR)", "government", "legal",
	  "Recibe y decide las solicitudes de la condición de refugiado; expide los carnés." },
	{ "Ministerio de Trabajo y Desarrollo Laboral (MITRADEL)", "government", "livelihoods,legal",
	  "Permisos de trabajo y orientación laboral." },
	{ "Ministerio de Salud (MINSA)", "government", "psychosocial",
	  "Atención de salud y de salud mental en centros de salud y policlínicas." },
	{ "Ministerio de Educación (MEDUCA)", "government", "community",
	  "Matrícula escolar y reconocimiento de estudios de niñas, niños y adolescentes." },
	{ "Servicio Nacional de Migración", "government", "legal",
	  "Regularización migratoria y documentos de permanencia." },
	{ "Defensoría del Pueblo", "government", "legal",
	  "Quejas por la vulneración de derechos." },
	{ "ManpowerGroup", "other", "livelihoods",
	  "Formación y colocación laboral, en la alianza con ACNUR." },
	{ "Cruz Roja Panameña", "ngo", "assistance,psychosocial",
	  "Ayuda humanitaria y primeros auxilios psicológicos." },
	{ "Albergue temporal para personas en tránsito", "shelter", "assistance",
	  "Alojamiento de corta estancia para familias recién llegadas." },
	{ "Albergue para mujeres sobrevivientes de violencia", "shelter", "assistance,psychosocial",
	  "Alojamiento protegido y acompañamiento para sobrevivientes de violencia de género." },
	{ "Centro de salud mental comunitario", "clinic", "psychosocial",
	  "Atención especializada en salud mental: destino de las remisiones que superan el apoyo psicosocial." },
	{ "Clínica jurídica universitaria", "clinic", "legal",
	  "Asesoría y representación legal gratuita por estudiantes supervisados." },
};

int demo_partners(struct ctx *c, long *added)
{
	long long n;
	*added = 0;
	if (auth_check(c->user, PERM_PARTNERS_MANAGE) != DOM_OK)
		return DOM_OK; /* registered as a caseworker (--as): no directory */
	int rc = dom_from_store(store_count(c->st, &ENT_PARTNER, NULL, NULL, &n));
	if (rc || n > 0)
		return rc; /* the directory is the office's once it holds anything */
	for (size_t i = 0; i < N(partners); i++) {
		struct partner in = {
			.name = arena_strdup(c->a, partners[i].name),
			.kind = arena_strdup(c->a, partners[i].kind),
			.areas = arena_strdup(c->a, partners[i].areas),
			.description = arena_strdup(c->a, partners[i].description),
		};
		struct errors errs = { .n = 0 };
		if ((rc = partner_create(c, &in, &errs, NULL))) {
			log_error("demo: partner %s: %s", partners[i].name, errs.n ? errs.e[0].message : "");
			return rc;
		}
		(*added)++;
	}
	return DOM_OK;
}

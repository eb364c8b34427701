/* synth.c: synthetic Latin-American people and their duplicates. */
#include "synth.h"

#include <stdio.h>
#include <string.h>

/* Most frequent first; drawn with Zipf-like weights 1/rank. */
static const char *const female[] = {
	"María", "Ana", "Carmen", "Rosa", "Luz", "Yolanda", "Gabriela", "Daniela", "Andrea",
	"Sofía", "Valentina", "Camila", "Isabel", "Patricia", "Marisol", "Yuleisy", "Yorgelis",
	"Yusmary", "Dayana", "Génesis", "Fernanda", "Guadalupe", "Dolores", "Concepción",
	"Rosario", "Mercedes", "Josefa", "Teresa", "Alejandra", "Carolina", "Verónica", "Adriana",
	"Lucía", "Paola", "Natalia", "Mariana", "Victoria", "Elena", "Beatriz", "Gloria",
	"Yessica", "Yenny", "Xiomara", "Nayeli", "Marbelis", "Yulimar", "Oriana", "Milagros",
	"Estefanía", "Angélica", "Ángeles", "Esperanza", "Consuelo", "Graciela", "Inés",
	"Jimena", "Karla", "Lorena", "Mónica", "Norma", "Olga", "Pilar", "Raquel", "Susana",
};
static const char *const male[] = {
	"José", "Juan", "Luis", "Carlos", "Jesús", "Miguel", "Francisco", "Antonio", "Pedro",
	"Jorge", "Manuel", "Alejandro", "Rafael", "Ángel", "David", "Daniel", "Yosmar", "Yorman",
	"Deivis", "Jhonny", "Wilmer", "Yeison", "Brayan", "Kevin", "Jonathan", "Eduardo",
	"Ignacio", "Guillermo", "Fernando", "Ricardo", "Roberto", "Sergio", "Javier", "Andrés",
	"Diego", "Gabriel", "Héctor", "Hugo", "Iván", "Julio", "Mario", "Óscar", "Pablo",
	"Ramón", "Raúl", "Rubén", "Salvador", "Santiago", "Tomás", "Víctor", "Vicente",
	"Gustavo", "Enrique", "Alfonso", "Gonzalo", "Lorenzo", "Adolfo", "Ernesto", "Gregorio",
	"Alberto", "Edgar", "Fabián", "Nelson", "Orlando",
};
static const char *const surnames[] = {
	"García", "Rodríguez", "González", "Hernández", "López", "Martínez", "Pérez", "Sánchez",
	"Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Cruz",
	"Ortiz", "Gutiérrez", "Chávez", "Ramos", "Ruiz", "Vargas", "Castillo", "Jiménez",
	"Moreno", "Romero", "Herrera", "Medina", "Aguilar", "Mendoza", "Castro", "Vásquez",
	"Álvarez", "Fernández", "Rojas", "Suárez", "Delgado", "Ríos", "Contreras", "Guerrero",
	"Núñez", "Ortega", "Silva", "Méndez", "Molina", "Vega", "Sandoval", "Campos", "Cabrera",
	"Salazar", "Villalobos", "Benítez", "Zambrano", "Barrios", "Quintero", "Bolívar",
	"Hurtado", "Valencia", "Yépez", "Quispe", "Huamán", "Mamani", "Cedeño", "Becerra",
	"Villegas", "Zapata", "Guzmán", "Escobar", "Acosta", "Blanco", "Cordero", "Figueroa",
	"Gil", "Ibarra", "Jaramillo", "Lara", "Marín", "Navarro", "Ochoa", "Pacheco", "Palacios",
	"Peña", "Pineda", "Rangel", "Rincón", "Salas", "Soto", "Toro", "Urdaneta", "Velásquez",
	"Zerpa", "Chirinos", "Briceño", "Llanos", "Yáñez", "Bravo", "Cárdenas", "Carrillo",
};
static const char *const onsets[] = { "b",  "c",  "ch", "d",  "f",  "g",  "gu", "j", "l",
				      "ll", "m",  "n",  "p",  "qu", "r",  "s", "t", "v",
				      "y",  "z",  "br", "tr", "pl", "cr", "h", "" };
static const char *const vowels[] = { "a", "e", "i", "o", "u", "ia", "ue", "io" };
static const char *const codas[] = { "", "", "", "n", "s", "r", "l", "z" };
static const char *const nats[] = { "VEN", "VEN", "VEN", "COL", "COL", "NIC", "PAN", "CUB",
				    "HTI", "ECU", "SLV", "HND" };
static const char *const places[] = {
	"Bethania", "Juan Díaz", "San Miguelito", "Tocumen", "Pedregal", "Calidonia",
	"Bella Vista", "Curundú", "Chilibre", "Las Cumbres", "Arraiján", "La Chorrera",
	"Colón", "David", "Santiago", "Chitré", "Penonomé", "Pacora",
};
static const char *const streets[] = { "Calle", "Avenida", "Vía", "Paseo", "Callejón" };

static uint64_t rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned below(uint64_t *s, unsigned n)
{
	return (unsigned)(rnd(s) % n);
}

static bool chance(uint64_t *s, unsigned percent)
{
	return below(s, 100) < percent;
}

/* Index 0 .. n-1 with weights 1/(rank+skew): a name's frequency falls with
 * its rank, as in a real registry (skew flattens the head: García is about
 * 3% of Latin-American surnames, María about 15% of women's first names). */
static unsigned zipf(uint64_t *s, unsigned n, double skew)
{
	double total = 0, x;
	for (unsigned i = 0; i < n; i++)
		total += 1.0 / (i + skew);
	x = (double)(rnd(s) >> 11) / 9007199254740992.0 * total;
	for (unsigned i = 0; i < n; i++) {
		x -= 1.0 / (i + skew);
		if (x <= 0)
			return i;
	}
	return n - 1;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* One of 60,000 invented surnames of two or three syllables, capitalised:
 * the long tail that real registries have. */
static void invented(unsigned k, char *out, size_t max)
{
	uint64_t s = k * 7919u + 1;
	char w[48] = "";
	size_t n = 0;
	int syl = 2 + (int)(rnd(&s) % 2);
	for (int i = 0; i < syl; i++)
		n += (size_t)snprintf(w + n, sizeof(w) - n, "%s%s%s", onsets[below(&s, N(onsets))],
				      vowels[below(&s, N(vowels))],
				      i == syl - 1 ? codas[below(&s, N(codas))] : "");
	if (w[0] >= 'a' && w[0] <= 'z')
		w[0] = (char)(w[0] - 'a' + 'A');
	snprintf(out, max, "%s", w);
}

static void surname(uint64_t *s, char *out, size_t max)
{
	if (chance(s, 50))
		snprintf(out, max, "%s", surnames[zipf(s, N(surnames), 6)]);
	else
		invented(below(s, 60000), out, max);
}

void synth_person(uint64_t *s, long n, struct synth_person *p)
{
	char a[40], b[40];
	bool f = chance(s, 50);
	const char *const *names = f ? female : male;
	size_t nn = f ? N(female) : N(male);

	memset(p, 0, sizeof(*p));
	snprintf(p->id, sizeof(p->id), "P%ld", n);
	p->group = n;
	p->sex[0] = f ? 'f' : 'm';
	const char *g1 = names[zipf(s, (unsigned)nn, 2)];
	if (chance(s, 55)) {
		const char *g2 = names[below(s, (unsigned)nn)];
		if (strcmp(g1, g2))
			snprintf(p->given, sizeof(p->given), "%s %s", g1, g2);
		else
			snprintf(p->given, sizeof(p->given), "%s", g1);
	} else {
		snprintf(p->given, sizeof(p->given), "%s", g1);
	}
	surname(s, a, sizeof(a));
	surname(s, b, sizeof(b));
	if (chance(s, 90))
		snprintf(p->family, sizeof(p->family), "%s %s", a, b);
	else
		snprintf(p->family, sizeof(p->family), "%s", a);
	snprintf(p->dob, sizeof(p->dob), "%04u-%02u-%02u", 1940 + below(s, 84), 1 + below(s, 12),
		 1 + below(s, 28));
	snprintf(p->nat, sizeof(p->nat), "%s", nats[below(s, N(nats))]);
	if (chance(s, 80)) {
		if (chance(s, 60))
			snprintf(p->doc, sizeof(p->doc), "%c%08u", 'A' + below(s, 26),
				 below(s, 100000000));
		else
			snprintf(p->doc, sizeof(p->doc), "%u-%u-%u", 1 + below(s, 12),
				 below(s, 1000), below(s, 10000));
	}
	if (chance(s, 70))
		snprintf(p->phone, sizeof(p->phone), "6%07u", below(s, 10000000));
	snprintf(p->address, sizeof(p->address), "%s %u, casa %u", streets[below(s, N(streets))],
		 1 + below(s, 120), 1 + below(s, 300));
	snprintf(p->locality, sizeof(p->locality), "%s", places[below(s, N(places))]);
}

/* ---- corruptions ---- */

/* Spelling variants heard alike; each (from, to) is tried where it fits. */
static const char *const variants[][2] = {
	{ "Y", "J" },   { "J", "Y" },   { "z", "s" },   { "s", "z" },  { "v", "b" },   { "b", "v" },
	{ "ll", "y" },  { "H", "" },    { "ce", "se" }, { "ci", "si" }, { "ge", "je" }, { "gi", "ji" },
	{ "qu", "k" },  { "Jh", "J" },  { "ny", "ni" }, { "x", "j" },  { "á", "a" },   { "é", "e" },
	{ "í", "i" },   { "ó", "o" },   { "ú", "u" },   { "ñ", "n" },
};

static bool replace_once(char *s, size_t max, const char *from, const char *to)
{
	char *p = strstr(s, from);
	if (!p)
		return false;
	size_t nf = strlen(from), nt = strlen(to), rest = strlen(p + nf);
	if (strlen(s) - nf + nt + 1 > max)
		return false;
	memmove(p + nt, p + nf, rest + 1);
	memcpy(p, to, nt);
	return true;
}

static void strip_accents(char *s, size_t max)
{
	for (size_t i = 16; i < N(variants); i++)
		while (replace_once(s, max, variants[i][0], variants[i][1]))
			;
}

static void typo(uint64_t *s, char *w)
{
	size_t n = strlen(w);
	if (n < 4)
		return;
	size_t i = 1 + below(s, (unsigned)(n - 2));
	if ((unsigned char)w[i] >= 0x80 || (unsigned char)w[i + 1] >= 0x80)
		return; /* keep UTF-8 whole */
	switch (below(s, 3)) {
	case 0: /* neighbours swapped */
	{
		char c = w[i];
		w[i] = w[i + 1];
		w[i + 1] = c;
		break;
	}
	case 1: /* a letter dropped */
		memmove(w + i, w + i + 1, n - i);
		break;
	default: /* a letter replaced */
		w[i] = (char)('a' + below(s, 26));
	}
}

static const struct {
	const char *full, *nick;
} nicknames[] = {
	{ "José", "Pepe" },       { "Francisco", "Paco" }, { "Guadalupe", "Lupe" },
	{ "Jesús", "Chucho" },    { "Ignacio", "Nacho" },  { "Dolores", "Lola" },
	{ "Concepción", "Concha" }, { "Guillermo", "Memo" }, { "Antonio", "Toño" },
	{ "Rosario", "Charo" },   { "María", "Maru" },     { "Enrique", "Kike" },
};

/* Copies src into dst (max bytes with the NUL), cut when longer. */
static void copy(char *dst, size_t max, const char *src)
{
	size_t n = strnlen(src, max - 1);
	memmove(dst, src, n);
	dst[n] = 0;
}

static void swap_words(char *s, size_t max)
{
	char a[200], *sp = strchr(s, ' ');
	if (!sp)
		return;
	*sp = 0;
	snprintf(a, sizeof(a), "%s %s", sp + 1, s);
	copy(s, max, a);
}

void synth_duplicate(uint64_t *s, const struct synth_person *in, int k, struct synth_person *out)
{
	*out = *in;
	snprintf(out->id, sizeof(out->id), "P%ld-%d", in->group, k);
	/* Caseworkers often type without accents and in capitals. */
	if (chance(s, 60)) {
		strip_accents(out->given, sizeof(out->given));
		strip_accents(out->family, sizeof(out->family));
	}
	int n = 1 + (int)below(s, 3);
	for (int c = 0; c < n; c++) {
		switch (below(s, 12)) {
		case 0: { /* a spelling heard alike */
			char *f = chance(s, 50) ? out->given : out->family;
			size_t max = f == out->given ? sizeof(out->given) : sizeof(out->family);
			for (int tries = 0; tries < 6; tries++) {
				unsigned v = below(s, 16);
				if (replace_once(f, max, variants[v][0], variants[v][1]))
					break;
			}
			break;
		}
		case 1: /* surnames in the other order */
			swap_words(out->family, sizeof(out->family));
			break;
		case 2: /* the second surname left out */
		{
			char *sp = strchr(out->family, ' ');
			if (sp)
				*sp = 0;
			break;
		}
		case 3: /* a nickname */
			for (size_t i = 0; i < N(nicknames); i++)
				if (replace_once(out->given, sizeof(out->given), nicknames[i].full,
						 nicknames[i].nick))
					break;
			break;
		case 4: /* a typing error */
			typo(s, chance(s, 50) ? out->given : out->family);
			break;
		case 5: /* day and month swapped, when both could be either */
			if (in->dob[8] <= '1' && !(in->dob[8] == '1' && in->dob[9] > '2') &&
			    !(in->dob[8] == '0' && in->dob[9] == '0')) {
				char m[3] = { in->dob[5], in->dob[6], 0 };
				out->dob[5] = in->dob[8];
				out->dob[6] = in->dob[9];
				out->dob[8] = m[0];
				out->dob[9] = m[1];
			}
			break;
		case 6: /* one digit of the date wrong */
		{
			static const int pos[] = { 2, 3, 6, 9 };
			int p = pos[below(s, 4)];
			out->dob[p] = (char)('0' + (out->dob[p] - '0' + 1 + (int)below(s, 8)) % 10);
			if (p == 6 && (out->dob[5] == '1' && out->dob[6] > '2'))
				out->dob[6] = '0' + (char)below(s, 3);
			if (p == 6 && out->dob[5] == '0' && out->dob[6] == '0')
				out->dob[6] = '1';
			if (p == 9 && out->dob[8] == '0' && out->dob[9] == '0')
				out->dob[9] = '1';
			break;
		}
		case 7: /* one digit of the document wrong, or no document */
		{
			size_t len = strlen(out->doc);
			if (len && chance(s, 70)) {
				size_t p = len - 1 - below(s, 3);
				if (out->doc[p] >= '0' && out->doc[p] <= '9')
					out->doc[p] = (char)('0' + (out->doc[p] - '0' + 1) % 10);
			} else {
				out->doc[0] = 0;
			}
			break;
		}
		case 8: /* a particle, as on many documents */
		{
			char t[200];
			char *sp = strchr(out->family, ' ');
			if (sp) {
				*sp = 0;
				snprintf(t, sizeof(t), "%s de %s", out->family, sp + 1);
				copy(out->family, sizeof(out->family), t);
			}
			break;
		}
		case 9: /* the second given name left out */
		{
			char *sp = strchr(out->given, ' ');
			if (sp)
				*sp = 0;
			break;
		}
		case 10: /* a new phone, or none */
			if (chance(s, 50))
				snprintf(out->phone, sizeof(out->phone), "6%07u", below(s, 10000000));
			else
				out->phone[0] = 0;
			break;
		default: /* moved house */
			snprintf(out->address, sizeof(out->address), "%s %u, casa %u",
				 streets[below(s, N(streets))], 1 + below(s, 120), 1 + below(s, 300));
			snprintf(out->locality, sizeof(out->locality), "%s",
				 places[below(s, N(places))]);
		}
	}
}

void synth_record(const struct synth_person *p, struct match_record *r)
{
	memset(r, 0, sizeof(*r));
	r->id = p->id;
	r->given_names = p->given;
	r->family_names = p->family;
	r->birth_date = p->dob;
	r->sex = p->sex;
	r->nationality = p->nat;
	r->documents = p->doc;
	r->phones = p->phone;
	r->address = p->address;
	r->locality = p->locality;
}

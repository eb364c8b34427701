/* record.c: a match_record normalised for comparison: folded name words
 * with their phonetic codes, nicknames mapped, particles set aside, dates,
 * documents, phones and the other fields in comparable form. */
#include <stdlib.h>
#include <string.h>

#include "base/norm.h"
#include "match/internal.h"

/* Only this much of a field is read: longer text is no one's name. */
#define FIELD_MAX 512

/* Hypocoristics and short forms of Spanish given names, from general
 * knowledge of their use in Spain and Latin America, mapped to the full
 * folded name. Names with two common full forms (Beto: Alberto or
 * Roberto; Nati: Natalia or Natividad) are left out: a wrong mapping
 * would make two different names agree. Sorted for bsearch. */
static const struct nick {
	const char *nick, *full;
} nicks[] = {
	{ "chabela", "isabel" },
	{ "chalo", "gonzalo" },
	{ "charo", "rosario" },
	{ "chava", "salvador" },
	{ "chayo", "rosario" },
	{ "chela", "graciela" },
	{ "chelo", "consuelo" },
	{ "chema", "jose maria" },
	{ "chencho", "crescencio" },
	{ "chente", "vicente" },
	{ "chepe", "jose" },
	{ "chepito", "jose" },
	{ "chucho", "jesus" },
	{ "chus", "jesus" },
	{ "chuy", "jesus" },
	{ "concha", "concepcion" },
	{ "conchita", "concepcion" },
	{ "curro", "francisco" },
	{ "fito", "adolfo" },
	{ "goyo", "gregorio" },
	{ "guicho", "luis" },
	{ "juancho", "juan" },
	{ "kike", "enrique" },
	{ "lalo", "eduardo" },
	{ "lencho", "lorenzo" },
	{ "licha", "alicia" },
	{ "lola", "dolores" },
	{ "loli", "dolores" },
	{ "lucho", "luis" },
	{ "lupe", "guadalupe" },
	{ "lupita", "guadalupe" },
	{ "ma", "maria" },
	{ "maite", "maria teresa" },
	{ "majo", "maria jose" },
	{ "manolo", "manuel" },
	{ "mari", "maria" },
	{ "maru", "maria" },
	{ "meche", "mercedes" },
	{ "memo", "guillermo" },
	{ "moncho", "ramon" },
	{ "nacho", "ignacio" },
	{ "nando", "fernando" },
	{ "neto", "ernesto" },
	{ "pacho", "francisco" },
	{ "paco", "francisco" },
	{ "panchita", "francisca" },
	{ "pancho", "francisco" },
	{ "paquita", "francisca" },
	{ "paquito", "francisco" },
	{ "pepa", "josefa" },
	{ "pepe", "jose" },
	{ "pepito", "jose" },
	{ "pili", "pilar" },
	{ "poncho", "alfonso" },
	{ "quique", "enrique" },
	{ "rafa", "rafael" },
	{ "santi", "santiago" },
	{ "tavo", "gustavo" },
	{ "tencha", "hortensia" },
	{ "tere", "teresa" },
	{ "teresita", "teresa" },
	{ "tona", "antonia" },
	{ "toni", "antonio" },
	{ "tono", "antonio" },
};

static int nick_cmp(const void *key, const void *elem)
{
	const struct str *k = key;
	const struct nick *e = elem;
	int c = strncmp(k->p, e->nick, k->n);
	if (c)
		return c;
	return e->nick[k->n] ? -1 : 0;
}

const char *mrec_nickname(const char *w, size_t n)
{
	struct str k = { w, n };
	const struct nick *e = bsearch(&k, nicks, sizeof(nicks) / sizeof(nicks[0]), sizeof(nicks[0]),
				       nick_cmp);
	return e ? e->full : NULL;
}

/* Copies n bytes into q's storage (cut when it is full) and returns them. */
static struct mtext keep(struct mquery *q, const char *s, size_t n)
{
	if (q->used >= sizeof(q->buf))
		return (struct mtext){ "", 0 }; /* cannot happen: the limits sum to less */
	size_t room = sizeof(q->buf) - q->used - 1;
	if (n > room)
		n = room;
	char *p = q->buf + q->used;
	if (n)
		memcpy(p, s, n);
	p[n] = 0;
	q->used += n + 1;
	return (struct mtext){ p, (uint16_t)n };
}

/* Folds at most FIELD_MAX bytes of s into b; returns b's text ("" when none). */
static const char *fold(struct buf *b, const char *s)
{
	char head[FIELD_MAX + 1];
	buf_reset(b);
	if (!s)
		return "";
	size_t n = strnlen(s, FIELD_MAX);
	memcpy(head, s, n);
	head[n] = 0;
	norm_fold(b, head);
	return b->p ? b->p : "";
}

static void add_word(struct mquery *q, struct mword *w, const char *s, size_t n)
{
	struct buf ph;
	if (n > MW_LEN)
		n = MW_LEN;
	buf_init(&ph, 0);
	match_phonetic(&ph, s, n);
	w->w = keep(q, s, n);
	w->ph = keep(q, ph.p ? ph.p : "", ph.n > MW_LEN ? MW_LEN : ph.n);
	w->id = w->pid = 0;
	buf_free(&ph);
}

uint8_t mrec_names(const char *s, bool nick, struct mquery *q, struct mword *w, uint8_t n)
{
	struct buf b;
	buf_init(&b, 0);
	for (const char *p = fold(&b, s); *p && n < MW_WORDS;) {
		size_t len = strcspn(p, " ");
		const char *full = nick ? mrec_nickname(p, len) : NULL;
		if (full) {
			/* "jose maria": each word of the full name. */
			for (const char *f = full; *f && n < MW_WORDS;) {
				size_t fl = strcspn(f, " ");
				add_word(q, &w[n++], f, fl);
				f += fl + (f[fl] == ' ');
			}
		} else if (!norm_particle(p, len)) {
			add_word(q, &w[n++], p, len);
		}
		p += len + (p[len] == ' ');
	}
	buf_free(&b);
	return n;
}

/* Reads up to max digits at *p; returns how many (the value in *v). */
static int digits(const char **p, int max, unsigned *v)
{
	int k = 0;
	*v = 0;
	while (k < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (unsigned)(**p - '0');
		(*p)++;
		k++;
	}
	return k;
}

uint32_t mrec_date(const char *s)
{
	unsigned a, b = 0, c = 0;
	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	const char *p = s;
	int na = digits(&p, 8, &a), nb = 0, nc = 0;
	if (na == 8 && (*p == 0 || *p == ' '))
		return a >= 10000000 ? a : 0; /* YYYYMMDD, read as written */
	if (*p == '-' || *p == '/' || *p == '.') {
		p++;
		nb = digits(&p, 2, &b);
		if (nb && (*p == '-' || *p == '/' || *p == '.')) {
			p++;
			nc = digits(&p, 4, &c);
		}
	}
	if (*p && *p != ' ' && *p != 'T')
		return 0;
	unsigned y, m, d;
	if (na == 4) { /* YYYY, YYYY-MM, YYYY-MM-DD */
		if ((nb && nb != 2 && nb != 1) || (nc && nc > 2))
			return 0;
		y = a, m = b, d = c;
	} else if (na >= 1 && na <= 2 && nb && nc == 4) { /* DD/MM/YYYY */
		y = c, m = b, d = a;
	} else {
		return 0;
	}
	if (y < 1000 || m > 12 || d > 31 || (!m && d))
		return 0;
	return y * 10000 + m * 100 + d;
}

static char sex_of(struct buf *b, const char *s)
{
	static const struct {
		const char *prefix;
		char sex;
	} words[] = {
		{ "muj", 'f' }, { "fem", 'f' }, { "wom", 'f' }, { "hom", 'm' },
		{ "mas", 'm' }, { "mal", 'm' }, { "man", 'm' }, { "otr", 'x' }, { "oth", 'x' },
	};
	const char *f = fold(b, s);
	size_t n = strcspn(f, " ");
	if (n == 1)
		return (*f == 'f' || *f == 'm' || *f == 'x') ? *f : (*f == 'h' ? 'm' : 0);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (n >= 3 && strncmp(f, words[i].prefix, 3) == 0)
			return words[i].sex;
	return 0;
}

/* Splits s at ';' and ',' into up to max items of letters and digits only
 * (a phone keeps digits only, its last `len` of them). */
static uint8_t split(struct mquery *q, const char *s, bool phone, size_t len, struct mtext *out,
		     uint8_t max)
{
	uint8_t k = 0;
	if (!s)
		return 0;
	const char *end = s + strnlen(s, FIELD_MAX);
	while (s < end && k < max) {
		char item[FIELD_MAX];
		size_t n = 0;
		for (; s < end && *s != ';' && *s != ','; s++) {
			unsigned char c = (unsigned char)*s;
			if (c >= '0' && c <= '9')
				item[n++] = (char)c;
			else if (!phone && c >= 'a' && c <= 'z')
				item[n++] = (char)c;
			else if (!phone && c >= 'A' && c <= 'Z')
				item[n++] = (char)(c - 'A' + 'a');
		}
		s++;
		const char *p = item;
		if (phone && n > len)
			p += n - len, n = len;
		if (n > len)
			n = len;
		if (n >= (phone ? 7u : 3u))
			out[k++] = keep(q, p, n);
	}
	return k;
}

static struct mtext folded(struct mquery *q, struct buf *b, const char *s, size_t max)
{
	const char *f = fold(b, s);
	size_t n = strlen(f);
	if (n > max) {
		n = max;
		while (n && f[n - 1] == ' ')
			n--;
	}
	return keep(q, f, n);
}

void mrec_normalise(const struct match_record *r, struct mquery *q)
{
	struct buf b;
	memset(&q->v, 0, sizeof(q->v));
	q->used = 0;
	q->v.ng = mrec_names(r->given_names, true, q, q->v.given, 0);
	q->v.nf = mrec_names(r->family_names, false, q, q->v.family, 0);
	q->v.dob = mrec_date(r->birth_date);
	buf_init(&b, 0);
	q->v.sex = sex_of(&b, r->sex);
	q->v.nat = folded(q, &b, r->nationality, MW_SHORT_LEN);
	q->v.ndocs = split(q, r->documents, false, MW_DOC_LEN, q->v.docs, MW_DOCS);
	q->v.nphones = split(q, r->phones, true, MW_PHONE_LEN, q->v.phones, MW_PHONES);
	q->v.address = folded(q, &b, r->address, MW_ADDRESS_LEN);
	q->v.locality = folded(q, &b, r->locality, MW_LOCALITY_LEN);
	split(q, r->postcode, false, MW_SHORT_LEN, &q->v.postcode, 1);
	buf_free(&b);
}

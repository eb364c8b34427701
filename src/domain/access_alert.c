/* access_alert.c: counting each user's distinct viewed records over a
 * sliding window, in the view writer's memory. */
#include "domain/access_alert.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/crypto.h"
#include "base/log.h"
#include "base/timeutil.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/settings.h"

/* Users followed at once (the least recently active is forgotten), and
 * records remembered per user: the highest threshold the setting allows,
 * plus one. */
#define USERS 64
#define RECORDS 1001
/* Settings are read again after this many seconds. */
#define SETTINGS_TTL 5

struct seen {
	time_t t;
	unsigned long long h; /* of the record's id */
};

static struct follow {
	char user_id[40];
	time_t last, alerted;
	struct seen r[RECORDS];
	int n;
} users[USERS];

static struct {
	long records, minutes;
	time_t read_at;
} cfg;

void access_alert_reset(void)
{
	memset(users, 0, sizeof(users));
	cfg.read_at = 0;
}

static unsigned long long hash(const char *s)
{
	unsigned long long h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static time_t parse_at(const char *at)
{
	struct tm tm = { 0 };
	if (!at || sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return time(NULL);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

static struct follow *follow(const char *user_id, time_t now)
{
	struct follow *oldest = &users[0];
	for (int i = 0; i < USERS; i++) {
		if (strcmp(users[i].user_id, user_id) == 0)
			return &users[i];
		if (users[i].last < oldest->last)
			oldest = &users[i];
	}
	memset(oldest, 0, sizeof(*oldest));
	snprintf(oldest->user_id, sizeof(oldest->user_id), "%s", user_id);
	oldest->last = now;
	return oldest;
}

static void read_settings(struct store *st, time_t now)
{
	if (cfg.read_at && now - cfg.read_at < SETTINGS_TTL)
		return;
	struct arena *a = arena_new();
	struct ctx c = { .st = st, .a = a };
	cfg.records = settings_int(&c, "bulk_view_records");
	cfg.minutes = settings_int(&c, "bulk_view_minutes");
	cfg.read_at = now;
	arena_free(a);
}

/* Writes the alert and its audit event in one transaction. */
static void raise_alert(struct store *st, const char *user_id, int records, long minutes)
{
	struct arena *a = arena_new();
	struct user u = { .id = (char *)user_id };
	struct ctx c = { .st = st, .a = a, .user = &u };
	char id[37], now[32];
	crypto_uuid7(id);
	time_now_iso(now);
	struct access_alert al = { .id = id, .user_id = (char *)user_id, .raised_at = now,
				   .records = arena_printf(a, "%d", records),
				   .minutes = arena_printf(a, "%ld", minutes) };
	int rc = audit_write(&c, &ENT_ACCESS_ALERT, &al, 1, "bulk_view_alert", "user", user_id,
			     "records,minutes");
	log_error("access alert: user %s viewed or exported %d distinct records within %ld minutes%s", user_id,
		  records, minutes, rc ? " (the alert could not be stored)" : "");
	arena_free(a);
}

void access_alert_view(struct store *st, const char *user_id, const char *entity_id,
		       const char *at)
{
	if (!user_id || !*user_id || !entity_id || !*entity_id)
		return;
	time_t t = parse_at(at);
	read_settings(st, t);
	if (cfg.records < 1 || cfg.minutes < 1)
		return;
	time_t window = (time_t)cfg.minutes * 60;
	struct follow *f = follow(user_id, t);
	f->last = t;
	/* Forget what fell out of the window (entries are in time order). */
	int keep = 0;
	while (keep < f->n && f->r[keep].t <= t - window)
		keep++;
	if (keep) {
		memmove(f->r, f->r + keep, (size_t)(f->n - keep) * sizeof(f->r[0]));
		f->n -= keep;
	}
	unsigned long long h = hash(entity_id);
	for (int i = 0; i < f->n; i++)
		if (f->r[i].h == h) {
			/* seen again: moved to the end with its new time */
			memmove(f->r + i, f->r + i + 1, (size_t)(f->n - i - 1) * sizeof(f->r[0]));
			f->n--;
			break;
		}
	if (f->n == RECORDS) {
		memmove(f->r, f->r + 1, (RECORDS - 1) * sizeof(f->r[0]));
		f->n--;
	}
	f->r[f->n++] = (struct seen){ t, h };
	if (f->n > cfg.records && (!f->alerted || t - f->alerted >= window)) {
		f->alerted = t;
		raise_alert(st, user_id, f->n, cfg.minutes);
	}
}

int access_alert_list(struct ctx *c, const char *since, struct store_list *out)
{
	int rc = auth_check(c->user, PERM_USERS_MANAGE);
	if (rc)
		return rc;
	struct store_filter w[] = { { "raised_at>=", since ? since : "" } };
	return dom_from_store(store_list_where(c->st, &ENT_ACCESS_ALERT, c->a, w, 1, "raised_at", 1,
					       500, 0, out));
}

/* timeutil.c: time and date helpers. Panama keeps UTC-5 all year (no daylight
 * saving since 1908), so local display is a fixed offset. */
#include "base/timeutil.h"

#include <stdio.h>
#include <string.h>

#define PANAMA_OFFSET (-5 * 3600)

static void fmt_iso(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_now_iso(char out[32])
{
	fmt_iso(time(NULL), out);
}

void time_iso_after(int64_t seconds, char out[32])
{
	fmt_iso(time(NULL) + (time_t)seconds, out);
}

int64_t time_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t time_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void time_today(char out[16])
{
	time_t t = time(NULL) + PANAMA_OFFSET;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_parse(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int yy, mm, dd;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	mm = (s[5] - '0') * 10 + (s[6] - '0');
	dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (yy < 1900 || yy > 2199 || mm < 1 || mm > 12 || dd < 1)
		return -2;
	if (dd > mdays[mm - 1] + (mm == 2 && leap(yy)))
		return -2;
	if (y)
		*y = yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
	return 0;
}

int date_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

int date_age(const char *birth, const char *on)
{
	int by, bm, bd, oy, om, od;
	if (date_parse(birth, &by, &bm, &bd) || date_parse(on, &oy, &om, &od))
		return -1;
	int age = oy - by;
	if (om < bm || (om == bm && od < bd))
		age--;
	return age;
}

/* The number in s[0..n), or -1 when one of them is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* By hand rather than sscanf, timegm and strftime: a history table
 * formats hundreds of these a page, and those cost twenty times more. */
void time_display(const char *iso, char out[32])
{
	out[0] = 0;
	if (!iso || strnlen(iso, 19) < 19 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' ||
	    iso[13] != ':' || iso[16] != ':')
		return;
	int y = digits(iso, 4), mo = digits(iso + 5, 2), d = digits(iso + 8, 2);
	int h = digits(iso + 11, 2), mi = digits(iso + 14, 2);
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    digits(iso + 17, 2) < 0)
		return;
	long t = (date_days(y, mo, d) * 24 + h) * 60 + mi + PANAMA_OFFSET / 60;
	long days = (t >= 0 ? t : t - 1439) / 1440;
	int m = (int)(t - days * 1440); /* minutes into the local day, 0..1439 */
	date_from_days(days, &y, &mo, &d);
	/* "DD/MM/YYYY HH:MM" */
	const int part[] = { d, mo, y / 100, y % 100, m / 60, m % 60 };
	static const char sep[5] = { '/', '/', 0, ' ', ':' }; /* after each part */
	char *o = out;
	for (int i = 0; i < 6; i++) {
		*o++ = (char)('0' + part[i] / 10 % 10);
		*o++ = (char)('0' + part[i] % 10);
		if (i < 5 && sep[i])
			*o++ = sep[i];
	}
	*o = 0;
}

void date_display(const char *date, char out[16])
{
	out[0] = 0;
	if (date && strlen(date) == 10)
		snprintf(out, 16, "%.2s/%.2s/%.4s", date + 8, date + 5, date);
}

/* H. Hinnant's days_from_civil and civil_from_days. */
long date_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* timeutil.h: UTC timestamps, calendar dates, and display in Panama time. */
#ifndef AMPARO_TIMEUTIL_H
#define AMPARO_TIMEUTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Writes the current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with NUL). */
void time_now_iso(char out[32]);
/* Milliseconds since the epoch, and a monotonic clock in microseconds. */
int64_t time_now_ms(void);
int64_t time_mono_us(void);
/* Today's date in Panama (UTC-5) as "YYYY-MM-DD". */
void time_today(char out[16]);
/* Adds seconds to now and formats as ISO UTC. */
void time_iso_after(int64_t seconds, char out[32]);

/* Validates "YYYY-MM-DD" as a real calendar date between 1900 and 2199.
 * Returns 0, or -1 when malformed, -2 when the day does not exist. */
int date_parse(const char *s, int *y, int *m, int *d);
/* Compares two valid dates as strings would: <0, 0, >0. */
int date_cmp(const char *a, const char *b);
/* Days since 1970-01-01 of a valid date (proleptic Gregorian), and back. */
long date_days(int y, int m, int d);
void date_from_days(long days, int *y, int *m, int *d);
/* Whole years between birth and on (both valid dates). */
int date_age(const char *birth, const char *on);
/* Formats an ISO UTC timestamp for display in Panama time: "DD/MM/YYYY HH:MM". */
void time_display(const char *iso, char out[32]);
/* Formats "YYYY-MM-DD" as "DD/MM/YYYY". */
void date_display(const char *date, char out[16]);

#endif

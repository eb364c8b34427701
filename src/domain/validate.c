/* validate.c: the field checks. */
#include "domain/validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/timeutil.h"

int validate_required(struct errors *errs, const char *field, const char *v)
{
	if (v && *v)
		return 1;
	errors_add(errs, field, _("This field is required."));
	return 0;
}

int validate_length(struct errors *errs, const char *field, const char *v, size_t max)
{
	if (!v || strlen(v) <= max)
		return 1;
	errors_add(errs, field, _("This text is too long."));
	return 0;
}

int validate_minutes(struct errors *errs, const char *field, const char *v)
{
	char *end;
	if (!v)
		return 1;
	long m = strtol(v, &end, 10);
	if (!*end && m >= 1 && m <= 1440)
		return 1;
	errors_add(errs, field, _("Give the duration in minutes, from 1 to 1440."));
	return 0;
}

int validate_date(struct errors *errs, const char *field, const char *v, int past_only)
{
	char today[16];
	if (!v)
		return 1;
	int rc = date_parse(v, NULL, NULL, NULL);
	if (rc == -1) {
		errors_add(errs, field, _("Write the date as YYYY-MM-DD, for example 1990-05-31."));
		return 0;
	}
	if (rc == -2) {
		errors_add(errs, field, _("This date does not exist in the calendar."));
		return 0;
	}
	time_today(today);
	if (past_only && strcmp(v, today) > 0) {
		errors_add(errs, field, _("This date is in the future."));
		return 0;
	}
	return 1;
}

int validate_code(struct errors *errs, const char *field, const char *v, const struct catalog *c)
{
	if (!v || catalog_active(c, v))
		return 1;
	/* A deactivated entry: old records keep it, new ones may not. */
	if (catalog_find(c, v))
		errors_add(errs, field, _("This entry is no longer in use: choose another from the list."));
	else
		errors_add(errs, field, _("Choose a value from the list."));
	return 0;
}

int validate_codes(struct errors *errs, const char *field, const char *v, const struct catalog *c)
{
	if (!v)
		return 1;
	char code[32];
	while (codes_next(&v, code, sizeof(code))) {
		if (!catalog_find(c, code)) {
			errors_add(errs, field, _("Choose values from the list."));
			return 0;
		}
	}
	return 1;
}

int validate_phone(struct errors *errs, const char *field, const char *v)
{
	int digits = 0, ok = 1;
	if (!v)
		return 1;
	for (const char *p = v; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!(*p == '+' && p == v) && *p != ' ' && *p != '-' && *p != '(' && *p != ')')
			ok = 0;
	}
	if (ok && digits >= 7 && digits <= 15)
		return 1;
	errors_add(errs, field,
		   _("Write the phone number with 7 to 15 digits, for example 6123-4567 or +58 412 1234567."));
	return 0;
}

int validate_email(struct errors *errs, const char *field, const char *v)
{
	if (!v)
		return 1;
	const char *at = strchr(v, '@');
	if (at && at != v && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
	    !strpbrk(v, " \t<>\"") && v[strlen(v) - 1] != '.')
		return 1;
	errors_add(errs, field, _("Write a valid e-mail address, for example nombre@correo.com."));
	return 0;
}

int validate_bool(struct errors *errs, const char *field, const char *v)
{
	if (!v || strcmp(v, "0") == 0 || strcmp(v, "1") == 0)
		return 1;
	errors_add(errs, field, _("Choose yes or no."));
	return 0;
}

int validate_district(struct errors *errs, const char *province, const char *district)
{
	char prov[12];
	if (!province || !district || !catalog_find(&CAT_DISTRICT, district) ||
	    !catalog_find(&CAT_PROVINCE, province))
		return 1;
	snprintf(prov, sizeof(prov), "%d", (district[0] - '0') * 10 + (district[1] - '0'));
	if (strcmp(prov, province) == 0)
		return 1;
	errors_add(errs, "district", _("This district is not in the chosen province."));
	return 0;
}

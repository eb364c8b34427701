/* validate.h: field checks shared by the registry's records. Each adds a
 * translated message to errs and returns 0 when the value is bad. NULL
 * values pass (required fields are checked with validate_required). */
#ifndef AMPARO_VALIDATE_H
#define AMPARO_VALIDATE_H

#include "domain/catalog.h"
#include "domain/domain.h"

int validate_required(struct errors *errs, const char *field, const char *v);
int validate_length(struct errors *errs, const char *field, const char *v, size_t max);
/* A duration in whole minutes, from 1 to a day's 1440. */
int validate_minutes(struct errors *errs, const char *field, const char *v);
/* A real date; past_only refuses dates after today (Panama time). */
int validate_date(struct errors *errs, const char *field, const char *v, int past_only);
int validate_code(struct errors *errs, const char *field, const char *v, const struct catalog *c);
/* A comma- or space-separated list of codes of c. */
int validate_codes(struct errors *errs, const char *field, const char *v, const struct catalog *c);
int validate_phone(struct errors *errs, const char *field, const char *v);
int validate_email(struct errors *errs, const char *field, const char *v);
/* A Panama district code "PPDD" must lie in the province "PP" (when both
 * are given and known). */
int validate_district(struct errors *errs, const char *province, const char *district);
int validate_bool(struct errors *errs, const char *field, const char *v);

#endif

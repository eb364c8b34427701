/* password.h: the rules a new password must meet (OWASP ASVS 2.1): 12 to
 * 128 characters, no composition rules, not a common password, not the
 * user's own name. */
#ifndef AMPARO_PASSWORD_H
#define AMPARO_PASSWORD_H

#include "domain/domain.h"

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_CHARS 128

/* Adds an error for field "password" to errs when pw (NULL: none given)
 * breaks a rule. Characters are counted as UTF-8 code points, not bytes.
 * name and full_name (either may be NULL) are the account's. */
void password_check(const char *pw, const char *name, const char *full_name, struct errors *errs);
/* 1 when pw, ignoring ASCII case, is in the list of common passwords
 * shipped in data/common-passwords.txt. */
int password_is_common(const char *pw);

#endif

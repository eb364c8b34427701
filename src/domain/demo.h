/* demo.h: realistic synthetic people and households for demos, tests and
 * benchmarks. Deterministic for a given seed. */
#ifndef AMPARO_DEMO_H
#define AMPARO_DEMO_H

#include "domain/domain.h"

/* Registers about `people` people in households of realistic sizes,
 * through the same domain calls a caseworker's registration uses (so
 * validation, search index and audit log are all real). c->user is the
 * registering user. *made gets the people and households created. */
int demo_generate(struct ctx *c, long people, unsigned seed, long *made_people,
		  long *made_households);

#endif

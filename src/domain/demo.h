/* demo.h: realistic synthetic people and households for demos, tests and
 * benchmarks. Deterministic for a given seed. */
#ifndef AMPARO_DEMO_H
#define AMPARO_DEMO_H

#include "domain/domain.h"

/* What demo_generate committed. */
struct demo_made {
	long people, households;
	long long rows; /* people, households, legal status, search index, audit events */
};

/* Registers `people` people in households of realistic sizes, checked
 * and written with the same rows and audit events as a caseworker's
 * registrations (validation, search index, legal status history, audit
 * log are all real), through bulk loads (bulk.h) of 20,000 people per
 * transaction. c->user is the registering user. *made gets what was
 * committed, also after a failure. */
int demo_generate(struct ctx *c, long people, unsigned seed, struct demo_made *made);

/* Adds the demo partner directory (UNHCR, ONPAR, MITRADEL, MINSA, MEDUCA,
 * shelters, clinics, …) through partner_create, when the directory is
 * empty and c->user may manage partners (else nothing); *added gets how many. */
int demo_partners(struct ctx *c, long *added);

#endif

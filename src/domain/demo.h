/* demo.h: realistic synthetic people and households for demos, tests and
 * benchmarks. Deterministic for a given seed. */
#ifndef AMPARO_DEMO_H
#define AMPARO_DEMO_H

#include "domain/domain.h"

/* The generators' random numbers: a 64-bit LCG, the same sequence for the
 * same seed on every machine. */
struct demo_rng {
	unsigned long long s;
};

static inline unsigned demo_next(struct demo_rng *r)
{
	r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(r->s >> 33);
}

/* A number from 0 to n - 1. */
static inline unsigned demo_pick(struct demo_rng *r, unsigned n)
{
	return demo_next(r) % n;
}

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

/* What demo_cases made. */
struct demo_cases_made {
	long staff, cases, services, assessments, stages, goals, notes, appointments, flags,
		referrals;
};

/* The demo office's staff (a caseworker or officer per area and a
 * supervisor; created once, all with password) and up to `cases` cases
 * for demo people who have none, with the casework of each area:
 * services, screenings, the asylum procedure, goals and notes,
 * appointments, flags and referrals. Everything goes through the same
 * domain calls as the pages, as the staff member who would do it, so it
 * is validated and audited like real work. c->user must be an
 * administrator. Deterministic for a seed. */
int demo_cases(struct ctx *c, long cases, unsigned seed, const char *password,
	       struct demo_cases_made *made);

/* An area for a new demo case, in the proportions of the office's
 * caseload (legal 35%, psychosocial 30%, livelihoods 15%, assistance 12%,
 * community 8%). */
const char *demo_area_pick(struct demo_rng *r);
/* The user name of the demo staff member who works area's cases (the
 * lawyers take turns by turn). */
const char *demo_area_worker(const char *area, unsigned turn);

/* What demo_cases_bulk made. */
struct demo_cases_bulk_made {
	long cases, services;
	long long rows; /* every row the bulk loads wrote, audit events included */
};

/* Up to `cases` more cases, with `services` services among them, for demo
 * people who have no case yet, written through bulk loads (bulk.h) with
 * the rows and audit events case_open and service_record write (the case,
 * its reference number, its status history, its services, the events on
 * the case and the person), as the demo staff member of each case's area
 * (demo_cases must have hired them). Statuses open, active, on hold and
 * closed (with a catalogue reason); service dates over each case's life;
 * service notes sealed like any others. Fast enough for benchmark sizes
 * (half a million cases); deterministic for a seed. c->user must be an
 * administrator. *made gets what was committed, also after a failure. */
int demo_cases_bulk(struct ctx *c, long cases, long services, unsigned seed,
		    struct demo_cases_bulk_made *made);

/* What demo_assistance made. */
struct demo_assistance_made {
	long programmes, requests, disbursed, reconciled;
	long long ledger; /* ledger rows */
	long long rows;	  /* every row the bulk loads wrote, audit events included */
};

/* The demo assistance programmes (multipurpose cash, rent, food voucher,
 * hygiene kit; donors BPRM, ACNUR, UE) and `requests` requests for demo
 * households (at most one per household), in every state: waiting,
 * rejected, approved, disbursed, and most transfers reconciled, each with
 * its ledger rows and audit events, requested by the demo's "asistencia"
 * and decided by its "supervisora" (demo_cases's staff). Bulk loads of
 * 20,000 requests per transaction. Does nothing when the database has a
 * programme already. c->user must be an administrator. */
int demo_assistance(struct ctx *c, long requests, unsigned seed, struct demo_assistance_made *made);

#endif

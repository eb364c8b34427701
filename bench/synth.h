/* synth.h: a generator of synthetic Latin-American people and of the
 * duplicates caseworkers make of them (accents dropped, y/j, s/z, b/v, a
 * silent h, surnames swapped or one missing, particles, nicknames, typos,
 * day and month swapped, a wrong digit), with the truth: a person and
 * their duplicates share a group. Deterministic for a seed. Used by the
 * matching benchmark and the unit tests; the names are common Spanish and
 * Latin-American names from general knowledge, with a long tail of
 * invented surnames so a million people have realistic frequencies. */
#ifndef AMPARO_SYNTH_H
#define AMPARO_SYNTH_H

#include <stdbool.h>
#include <stdint.h>

#include "match/match.h"

struct synth_person {
	char id[64];
	long group;
	char given[64], family[96], dob[11], sex[2], nat[4], doc[16], phone[12];
	char address[80], locality[32];
};

/* A new person of group n (id "P<n>"). */
void synth_person(uint64_t *seed, long n, struct synth_person *p);
/* A duplicate of in as someone might type it again (id "<in id>-<k>"):
 * one to three corruptions. */
void synth_duplicate(uint64_t *seed, const struct synth_person *in, int k,
		     struct synth_person *out);
/* A record borrowing p's strings. */
void synth_record(const struct synth_person *p, struct match_record *r);

#endif

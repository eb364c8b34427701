/* instrument.h: the scored psychosocial screening instruments (WHO-5,
 * PHQ-9, GAD-7): their items and answer options, answer validation, and
 * scoring with the published bands. Pure: no database, no allocation.
 * Every text is an English msgid: pass it through gettext. */
#ifndef AMPARO_INSTRUMENT_H
#define AMPARO_INSTRUMENT_H

#include <stddef.h>

#include "domain/domain.h"

#define INSTRUMENT_ITEMS_MAX 9

struct instrument_band {
	const char *code;  /* stable, English: "mild", "low", … */
	const char *label; /* msgid */
	int lo, hi;        /* inclusive range of the total (raw score) */
};

struct instrument {
	const char *code;     /* "who5", "phq9", "gad7" (the API's names) */
	const char *name;     /* msgid: "PHQ-9 Patient Health Questionnaire" */
	const char *question; /* msgid: the stem read before the items */
	size_t n_items;
	const char *const *items;   /* n_items msgids, in the published order */
	int max_answer;             /* answers run 0..max_answer */
	const char *const *options; /* max_answer + 1 msgids: the label of each answer value */
	int max_total;              /* n_items * max_answer */
	size_t n_bands;
	const struct instrument_band *bands; /* ascending, covering 0..max_total */
};

struct instrument_result {
	int total;   /* sum of the answers (WHO-5: the raw score 0..25) */
	int percent; /* WHO-5: total * 4 (0..100); the others: -1 */
	const struct instrument_band *band;
	/* PHQ-9: item 9 (thoughts of self-harm) answered above 0. Must be
	 * shown at once to whoever sees the result. */
	int alert;
	/* WHO-5: the published advice to screen for depression (raw score
	 * below 13, or any item answered 0 or 1). PHQ-9: total 10 or more.
	 * GAD-7: total 10 or more. */
	int refer;
};

extern const struct instrument INSTRUMENT_WHO5;
extern const struct instrument INSTRUMENT_PHQ9;
extern const struct instrument INSTRUMENT_GAD7;

/* Every instrument, in display order, NULL-terminated. */
extern const struct instrument *const INSTRUMENTS[];

/* The instrument with this code, or NULL (NULL code gives NULL). */
const struct instrument *instrument_find(const char *code);

/* Checks n answers against in: exactly n_items of them, each in
 * 0..max_answer. Adds translated messages to errs: under "answers" when
 * the count is wrong, else under "answers.N" (N from 1) for each answer out
 * of range (the field names are static strings). Returns 1 when every
 * answer is good, else 0. */
int instrument_validate(const struct instrument *in, const int *answers, size_t n,
			struct errors *errs);

/* Scores answers already checked by instrument_validate. Returns 0, or -1
 * (r untouched) when they do not pass. */
int instrument_score(const struct instrument *in, const int *answers, size_t n,
		     struct instrument_result *r);

/* The percentage score of a total, the standard way of reporting WHO-5
 * (raw score 0..25 times 4: 0..100); -1 for the other instruments or a
 * total out of 0..max_total. */
int instrument_percent(const struct instrument *in, int total);

/* The band of in for a total, or NULL when total is out of 0..max_total. */
const struct instrument_band *instrument_band(const struct instrument *in, int total);

#endif

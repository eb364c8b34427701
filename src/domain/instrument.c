/* instrument.c: WHO-5, PHQ-9 and GAD-7: items, answer options, validation
 * and scoring (docs/instruments.md). */
#include "domain/instrument.h"

#include <assert.h>
#include <string.h>

#include "base/i18n.h"

/* WHO-5 Well-Being Index (WHO Regional Office for Europe, 1998 version):
 * five positively worded items over the last two weeks, each 0..5. */
static const char *const who5_items[] = {
	N_("I have felt cheerful and in good spirits"),
	N_("I have felt calm and relaxed"),
	N_("I have felt active and vigorous"),
	N_("I woke up feeling fresh and rested"),
	N_("My daily life has been filled with things that interest me"),
};

static const char *const who5_options[] = {
	N_("At no time"),
	N_("Some of the time"),
	N_("Less than half of the time"),
	N_("More than half of the time"),
	N_("Most of the time"),
	N_("All of the time"),
};

/* Raw 0..7 is 28% or less: likely depression; raw 0..12 (below 13, 50% or
 * less): poor well-being. The "any item 0 or 1" rule sets refer, not the
 * band, which follows the total alone. */
static const struct instrument_band who5_bands[] = {
	{ "very_low", N_("Very low well-being (likely depression)"), 0, 7 },
	{ "low", N_("Low well-being"), 8, 12 },
	{ "adequate", N_("Adequate well-being"), 13, 25 },
};

/* PHQ-9 and GAD-7 share their answer scale. */
static const char *const frequency_options[] = {
	N_("Not at all"),
	N_("Several days"),
	N_("More than half the days"),
	N_("Nearly every day"),
};

static const char *const phq9_items[] = {
	N_("Little interest or pleasure in doing things"),
	N_("Feeling down, depressed, or hopeless"),
	N_("Trouble falling or staying asleep, or sleeping too much"),
	N_("Feeling tired or having little energy"),
	N_("Poor appetite or overeating"),
	N_("Feeling bad about yourself, or that you are a failure or have let yourself or your family down"),
	N_("Trouble concentrating on things, such as reading the newspaper or watching television"),
	N_("Moving or speaking so slowly that other people could have noticed, or the opposite: "
	   "being so fidgety or restless that you have been moving around a lot more than usual"),
	N_("Thoughts that you would be better off dead, or of hurting yourself in some way"),
};

static const struct instrument_band phq9_bands[] = {
	{ "minimal", N_("Minimal"), 0, 4 },
	{ "mild", N_("Mild"), 5, 9 },
	{ "moderate", N_("Moderate"), 10, 14 },
	{ "moderately_severe", N_("Moderately severe"), 15, 19 },
	{ "severe", N_("Severe"), 20, 27 },
};

static const char *const gad7_items[] = {
	N_("Feeling nervous, anxious, or on edge"),
	N_("Not being able to stop or control worrying"),
	N_("Worrying too much about different things"),
	N_("Trouble relaxing"),
	N_("Being so restless that it is hard to sit still"),
	N_("Becoming easily annoyed or irritable"),
	N_("Feeling afraid, as if something awful might happen"),
};

static const struct instrument_band gad7_bands[] = {
	{ "minimal", N_("Minimal"), 0, 4 },
	{ "mild", N_("Mild"), 5, 9 },
	{ "moderate", N_("Moderate"), 10, 14 },
	{ "severe", N_("Severe"), 15, 21 },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct instrument INSTRUMENT_WHO5 = {
	"who5", N_("WHO-5 Well-Being Index"),
	N_("Over the last two weeks, how much of the time…"),
	COUNT(who5_items), who5_items, 5, who5_options, 25, COUNT(who5_bands), who5_bands,
};

const struct instrument INSTRUMENT_PHQ9 = {
	"phq9", N_("PHQ-9 depression questionnaire"),
	N_("Over the last two weeks, how often have you been bothered by any of the following problems?"),
	COUNT(phq9_items), phq9_items, 3, frequency_options, 27, COUNT(phq9_bands), phq9_bands,
};

const struct instrument INSTRUMENT_GAD7 = {
	"gad7", N_("GAD-7 anxiety questionnaire"),
	N_("Over the last two weeks, how often have you been bothered by the following problems?"),
	COUNT(gad7_items), gad7_items, 3, frequency_options, 21, COUNT(gad7_bands), gad7_bands,
};

const struct instrument *const INSTRUMENTS[] = {
	&INSTRUMENT_WHO5, &INSTRUMENT_PHQ9, &INSTRUMENT_GAD7, NULL,
};

/* Field names for one answer each: errors keep the pointer. */
static const char *const answer_fields[INSTRUMENT_ITEMS_MAX] = {
	"answers.1", "answers.2", "answers.3", "answers.4", "answers.5",
	"answers.6", "answers.7", "answers.8", "answers.9",
};

const struct instrument *instrument_find(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; INSTRUMENTS[i]; i++)
		if (strcmp(INSTRUMENTS[i]->code, code) == 0)
			return INSTRUMENTS[i];
	return NULL;
}

const struct instrument_band *instrument_band(const struct instrument *in, int total)
{
	for (size_t i = 0; i < in->n_bands; i++)
		if (total >= in->bands[i].lo && total <= in->bands[i].hi)
			return &in->bands[i];
	return NULL;
}

int instrument_validate(const struct instrument *in, const int *answers, size_t n,
			struct errors *errs)
{
	assert(in->n_items <= INSTRUMENT_ITEMS_MAX);
	if (n != in->n_items) {
		switch (in->n_items) {
		case 5: errors_add(errs, "answers", _("Answer all 5 questions, each with one option.")); break;
		case 7: errors_add(errs, "answers", _("Answer all 7 questions, each with one option.")); break;
		default: errors_add(errs, "answers", _("Answer all 9 questions, each with one option.")); break;
		}
		return 0;
	}
	int ok = 1;
	for (size_t i = 0; i < n; i++) {
		if (answers[i] >= 0 && answers[i] <= in->max_answer)
			continue;
		errors_add(errs, answer_fields[i], in->max_answer == 5
			? _("Choose one of the options: a number from 0 to 5.")
			: _("Choose one of the options: a number from 0 to 3."));
		ok = 0;
	}
	return ok;
}

int instrument_score(const struct instrument *in, const int *answers, size_t n,
		     struct instrument_result *r)
{
	struct errors errs = { .n = 0 };
	if (!instrument_validate(in, answers, n, &errs))
		return -1;
	int total = 0, lowest = in->max_answer;
	for (size_t i = 0; i < n; i++) {
		total += answers[i];
		if (answers[i] < lowest)
			lowest = answers[i];
	}
	*r = (struct instrument_result){ .total = total, .percent = -1 };
	r->band = instrument_band(in, total);
	assert(r->band);
	if (in == &INSTRUMENT_WHO5) {
		r->percent = instrument_percent(in, total);
		r->refer = total < 13 || lowest <= 1;
	} else {
		r->refer = total >= 10;
	}
	if (in == &INSTRUMENT_PHQ9)
		r->alert = answers[8] > 0;
	return 0;
}

int instrument_percent(const struct instrument *in, int total)
{
	if (in != &INSTRUMENT_WHO5 || total < 0 || total > in->max_total)
		return -1;
	return total * 100 / in->max_total;
}

/* norm.h: text normalisation for search: accents, case, spacing, and a
 * Spanish phonetic key. */
#ifndef AMPARO_NORM_H
#define AMPARO_NORM_H

#include "base/buf.h"

/* Appends s folded for comparison: Unicode decomposition, accents removed,
 * case folded, anything that is not a letter or digit turned into one space,
 * no leading or trailing space. "María-José  PÉREZ" gives "maria jose perez".
 * Invalid UTF-8 is skipped byte by byte. Returns the number of words. */
int norm_fold(struct buf *out, const char *s);

/* Appends the Spanish phonetic key of one folded word (a-z, 0-9): letters
 * that sound alike in Latin-American Spanish share a code (b/v, s/z/c before
 * e or i, j/y/ll, qu/k/c, silent h, doubled letters), and so do g and j,
 * because "ge" is often written for "gue"; so "gonzales" and "gonzalez",
 * "yosmar" and "josmar", "rodriges" and "rodriguez" share a key. */
void norm_phonetic(struct buf *out, const char *word, size_t n);

/* True when the folded word w (n bytes) is a particle of Spanish or
 * Portuguese names (de, del, la, las, los, y, da, das, do, dos, e), which
 * searches and matching set aside: "de la Cruz" is found as "Cruz". */
bool norm_particle(const char *w, size_t n);

#endif

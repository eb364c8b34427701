-- 0005: the review queue of possible duplicates (issue 4; docs/match.md,
-- "Review queue"). 0004 is the merges' migration.
--
-- A pair the registry's scan found: the two people in a fixed order
-- (person_a < person_b as text), once. score: hundredths of a bit, so the
-- queue sorts as numbers. why: the explanation as JSON ({"swapped": 0|1,
-- "fields": [{"field", "level", "weight"}...]}). queue: the verdict while
-- the pair is pending, NULL once decided: the page lists one verdict's
-- pending pairs best first from one index.
CREATE TABLE match_pairs (
	id TEXT PRIMARY KEY,
	person_a TEXT NOT NULL REFERENCES people(id),
	person_b TEXT NOT NULL REFERENCES people(id),
	score INTEGER NOT NULL,
	verdict TEXT NOT NULL,
	queue TEXT,
	why TEXT NOT NULL,
	found_at TEXT NOT NULL,
	status TEXT NOT NULL,
	decided_by TEXT REFERENCES users(id),
	decided_at TEXT,
	UNIQUE (person_a, person_b),
	CHECK (person_a < person_b),
	CHECK (status IN ('pending', 'same', 'different'))
);
CREATE INDEX match_pairs_status_score ON match_pairs(status, score);
CREATE INDEX match_pairs_queue_score ON match_pairs(queue, score);
CREATE INDEX match_pairs_person_b ON match_pairs(person_b);

-- The matching model, refined from the decided pairs at each scan: the
-- struct match_model as JSON, the registry's size and how many decided
-- pairs it was refined from; what the scan after it found. The newest row
-- (the highest seq: 1, 2, ...) is the model in force (amparo serve loads it
-- at start).
CREATE TABLE match_models (
	id TEXT PRIMARY KEY,
	seq INTEGER NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	model TEXT NOT NULL,
	records INTEGER NOT NULL,
	labels INTEGER NOT NULL,
	same_pairs INTEGER NOT NULL,
	different_likely INTEGER NOT NULL,
	same_below INTEGER NOT NULL,
	pairs_found INTEGER NOT NULL,
	pairs_new INTEGER NOT NULL,
	pairs_dropped INTEGER NOT NULL
);

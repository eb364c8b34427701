-- The asylum procedure on legal cases (issue 5; docs/asylum.md).
-- person_id on every row is the case's person, so a merge moves it
-- (merge.c's person_links). Documents obtained are person_documents rows
-- (the registry's), not a table of their own.

-- The procedure's file at the national refugee office (in Panama ONPAR):
-- one row per legal case, written when the file number is first set.
CREATE TABLE asylum_procedures (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	file_number TEXT,
	updated_by TEXT REFERENCES users(id),
	updated_at TEXT NOT NULL
);
CREATE INDEX asylum_procedures_person ON asylum_procedures(person_id);

-- The stages of the procedure, in the order of CAT_ASYLUM_STAGE; result
-- is admitted/not_admitted (admissibility) or granted/denied
-- (eligibility_decision, appeal), NULL for the other stages. Codes are
-- stable: donor reports count them.
CREATE TABLE asylum_stages (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	stage TEXT NOT NULL,
	date TEXT NOT NULL,
	result TEXT,
	notes TEXT,
	recorded_by TEXT REFERENCES users(id),
	recorded_at TEXT NOT NULL,
	CHECK (stage IN ('orientation', 'application_filed', 'admissibility', 'interview',
			 'eligibility_decision', 'appeal', 'recognised', 'rejected', 'card_issued')),
	CHECK (result IS NULL OR result IN ('admitted', 'not_admitted', 'granted', 'denied'))
);
CREATE INDEX asylum_stages_case ON asylum_stages(case_id, date);
CREATE INDEX asylum_stages_person ON asylum_stages(person_id, date);

-- Detention episodes of a legal case's person. released_on is NULL while
-- detained; open_key holds the person's id while the episode is open and
-- NULL once released, and is unique: one open episode per person.
CREATE TABLE detentions (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	place TEXT NOT NULL,
	detained_on TEXT NOT NULL,
	released_on TEXT,
	release_reason TEXT,
	notes TEXT,
	open_key TEXT UNIQUE,
	recorded_by TEXT REFERENCES users(id),
	recorded_at TEXT NOT NULL,
	released_by TEXT REFERENCES users(id),
	released_at TEXT
);
CREATE INDEX detentions_case ON detentions(case_id, detained_on);
CREATE INDEX detentions_person ON detentions(person_id);

-- Access to rights (work, health, education, documentation) obtained
-- through a legal service: CAT_RIGHT codes, comma-separated.
ALTER TABLE services ADD COLUMN rights TEXT;

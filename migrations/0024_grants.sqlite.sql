-- The flag type torture_survivor: SQLite cannot change a CHECK, so the
-- table is built again with the same columns and indexes.
CREATE TABLE flags_new (
	id TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES people(id),
	case_id TEXT REFERENCES cases(id),
	type TEXT NOT NULL,
	reason TEXT NOT NULL,
	raised_by TEXT REFERENCES users(id),
	raised_at TEXT NOT NULL,
	lifted_by TEXT REFERENCES users(id),
	lifted_at TEXT,
	lift_reason TEXT,
	CHECK (type IN ('safety_risk', 'no_phone_contact', 'sgbv_survivor', 'child_protection',
			'torture_survivor', 'medical_urgent', 'unaccompanied_minor', 'legal_deadline',
			'other'))
);
INSERT INTO flags_new SELECT id, person_id, case_id, type, reason, raised_by, raised_at, lifted_by,
	lifted_at, lift_reason FROM flags;
DROP TABLE flags;
ALTER TABLE flags_new RENAME TO flags;
CREATE INDEX flags_person ON flags(person_id, raised_at);
CREATE INDEX flags_case ON flags(case_id);

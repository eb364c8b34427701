-- Flags on a person or on one of their cases (issue 5;
-- docs/flags.md): safety risk, do not contact by phone, SGBV survivor, …
-- person_id is always set (a merge moves it: merge.c's person_links);
-- case_id is NULL for a flag on the person. A flag is never deleted: it is
-- lifted (lifted_by, lifted_at, lift_reason) and its history kept. reason
-- and lift_reason are sensitive: the audit log names the fields only.
CREATE TABLE flags (
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
			'medical_urgent', 'unaccompanied_minor', 'legal_deadline', 'other'))
);
CREATE INDEX flags_person ON flags(person_id, raised_at);
CREATE INDEX flags_case ON flags(case_id);

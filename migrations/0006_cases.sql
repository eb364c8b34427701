-- 0006: cases and the services delivered on them (issue 5; docs/cases.md).
-- A case is one person (and their household) in one service area. At most
-- one case per person and area is not closed: open_key holds
-- "person_id/area" while the case is open, active or on hold and NULL once
-- closed, and is unique (NULLs never clash), so the rule holds on both
-- engines even between two writers.
CREATE TABLE cases (
	id TEXT PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	person_id TEXT NOT NULL REFERENCES people(id),
	household_id TEXT REFERENCES households(id),
	area TEXT NOT NULL,
	status TEXT NOT NULL,
	closure_reason TEXT,
	risk TEXT NOT NULL,
	assigned_to TEXT REFERENCES users(id),
	office TEXT,
	open_key TEXT UNIQUE,
	opened_at TEXT NOT NULL,
	closed_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	created_by TEXT REFERENCES users(id),
	CHECK (area IN ('psychosocial', 'legal', 'livelihoods', 'assistance', 'community')),
	CHECK (status IN ('open', 'active', 'on_hold', 'closed')),
	CHECK (risk IN ('low', 'medium', 'high', 'critical'))
);
CREATE INDEX cases_person ON cases(person_id, opened_at);
CREATE INDEX cases_assigned ON cases(assigned_to, opened_at);
CREATE INDEX cases_area_status ON cases(area, status, opened_at);
CREATE INDEX cases_opened ON cases(opened_at);

-- Every change of a case's status, risk or caseworker: seq 1, 2, … within
-- the case (their order: several can share a second); kind "status",
-- "risk" or "assign"; from_value and to_value the codes (user ids for
-- "assign"); reason a closure reason's code or the user's words.
CREATE TABLE case_changes (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	seq INTEGER NOT NULL,
	kind TEXT NOT NULL,
	from_value TEXT,
	to_value TEXT,
	reason TEXT,
	changed_by TEXT REFERENCES users(id),
	changed_at TEXT NOT NULL,
	UNIQUE (case_id, seq),
	CHECK (kind IN ('status', 'risk', 'assign'))
);

-- One thing delivered on a case. person_id is the case's person, kept on
-- the row so a merge moves it (merge.c's person_links) and reports need no
-- join.
CREATE TABLE services (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	type TEXT NOT NULL,
	date TEXT NOT NULL,
	duration_minutes INTEGER,
	provider TEXT REFERENCES users(id),
	outcome TEXT,
	notes TEXT,
	created_by TEXT REFERENCES users(id),
	created_at TEXT NOT NULL
);
CREATE INDEX services_case ON services(case_id, date);
CREATE INDEX services_person ON services(person_id);

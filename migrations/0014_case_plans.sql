-- Case plans (goals), progress notes and supervisors' approvals
-- (issue 5; docs/plans.md). person_id on goals and notes is the case's
-- person, kept on the row so a merge moves it (merge.c's person_links).
-- seq orders each table's rows as they were written (counters named
-- case_goal, case_note, approval): timestamps have seconds and UUIDv7 ids
-- milliseconds, and a plan's goals or a case's notes can share either.
CREATE TABLE case_goals (
	id TEXT PRIMARY KEY,
	seq BIGINT NOT NULL UNIQUE,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	title TEXT NOT NULL,
	details TEXT,
	due_on TEXT,
	status TEXT NOT NULL,
	created_by TEXT REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (status IN ('pending', 'in_progress', 'achieved', 'not_achieved', 'dropped'))
);
CREATE INDEX case_goals_case ON case_goals(case_id, seq);
CREATE INDEX case_goals_person ON case_goals(person_id);

-- Progress notes: append-only (a correction is a new note). Sensitive in
-- the psychosocial and legal areas: read only through note.h.
CREATE TABLE case_notes (
	id TEXT PRIMARY KEY,
	seq BIGINT NOT NULL UNIQUE,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	body TEXT NOT NULL,
	written_by TEXT REFERENCES users(id),
	written_at TEXT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes(case_id, seq);
CREATE INDEX case_notes_person ON case_notes(person_id);

-- A request for a supervisor's approval of a case's plan or of its
-- closure, and the decision. At most one request per case and kind waits:
-- pending_key is "case_id/kind" while the request is pending and NULL once
-- decided, and is unique (NULLs never clash), as cases.open_key.
-- superseded_at: when a goal changed after the plan was approved.
CREATE TABLE approvals (
	id TEXT PRIMARY KEY,
	seq BIGINT NOT NULL UNIQUE,
	case_id TEXT NOT NULL REFERENCES cases(id),
	kind TEXT NOT NULL,
	status TEXT NOT NULL,
	pending_key TEXT UNIQUE,
	requested_by TEXT REFERENCES users(id),
	requested_at TEXT NOT NULL,
	request_note TEXT,
	closure_reason TEXT,
	decided_by TEXT REFERENCES users(id),
	decided_at TEXT,
	decision_note TEXT,
	superseded_at TEXT,
	CHECK (kind IN ('plan', 'closure')),
	CHECK (status IN ('pending', 'approved', 'rejected'))
);
CREATE INDEX approvals_case ON approvals(case_id, seq);
CREATE INDEX approvals_status ON approvals(status, seq);

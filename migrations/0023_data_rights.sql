-- Data-subject requests under Panama's Law 81 of 2019 and Executive
-- Decree 285 of 2021 (issue 7; docs/data-rights.md): access,
-- rectification, cancellation, objection and portability. ref is the
-- human reference D-000001 (counter "data_request"). received_on and
-- due_on are dates (America/Panama); due_on is received_on plus the
-- setting data_request_days business days (weekends and Panama's public
-- holidays skipped: data_request.c), fixed when the request is registered.
-- status moves open -> done | refused, once; a refusal needs
-- outcome_note. rectified_event is the audit event of the edit that
-- answered a rectification. details and outcome_note may hold personal
-- data: the audit log names the fields only. person_id follows a merge
-- (merge.c's person_links).
CREATE TABLE data_subject_requests (
	id TEXT PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	person_id TEXT NOT NULL REFERENCES people(id),
	kind TEXT NOT NULL,
	channel TEXT NOT NULL,
	details TEXT,
	received_on TEXT NOT NULL,
	received_by TEXT REFERENCES users(id),
	due_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'open',
	outcome_note TEXT,
	rectified_event TEXT,
	closed_at TEXT,
	closed_by TEXT REFERENCES users(id),
	created_at TEXT NOT NULL,
	CHECK (kind IN ('access', 'rectification', 'cancellation', 'objection', 'portability')),
	CHECK (channel IN ('in_person', 'phone', 'email', 'letter', 'other')),
	CHECK (status IN ('open', 'done', 'refused')),
	CHECK (status = 'open' OR closed_at IS NOT NULL)
);
CREATE INDEX data_subject_requests_person ON data_subject_requests(person_id, received_on);
CREATE INDEX data_subject_requests_open ON data_subject_requests(status, due_on);

-- A person's anonymisation (cancellation, or a retention rule): when, by
-- whom, why. Its presence marks the person as anonymised; the person row
-- keeps its id, reference, sex, nationality, year of birth and the codes
-- aggregate counts use (person_anonymise in anonymise.c). One per person.
CREATE TABLE person_anonymisations (
	person_id TEXT PRIMARY KEY REFERENCES people(id),
	reason TEXT NOT NULL,
	anonymised_by TEXT REFERENCES users(id),
	anonymised_at TEXT NOT NULL
);

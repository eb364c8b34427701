-- Editable catalogues and community needs assessments (issue 5;
-- docs/catalogues.md, docs/cases.md).
--
-- catalogue_entries: what administrators changed in a catalogue that
-- amparo lets them edit (catalog.c's editable list: the service types of
-- each area, "service_type" with area set, and the closure reasons,
-- "closure_reason" with area NULL). A row for a built-in code overrides
-- its label in one or both languages (NULL: the built-in, translated
-- label) or deactivates it; a row for any other code adds an entry, with
-- at least one label. Rows are never deleted: an entry is deactivated.
-- Codes are unique per catalogue, across areas.
CREATE TABLE catalogue_entries (
	id TEXT PRIMARY KEY,
	catalogue TEXT NOT NULL,
	area TEXT,
	code TEXT NOT NULL,
	label_es TEXT,
	label_en TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	position INTEGER NOT NULL DEFAULT 0,
	created_by TEXT REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_by TEXT REFERENCES users(id),
	updated_at TEXT NOT NULL,
	UNIQUE (catalogue, code),
	CHECK (active IN (0, 1))
);

-- needs_assessments: a community needs assessment recorded on a case (a
-- free form: the needs heard, the resources the community has, ideas for
-- integration). person_id is the case's person, kept on the row so a
-- merge moves it (merge.c's person_links). participants: how many took
-- part, when a group did.
CREATE TABLE needs_assessments (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	held_on TEXT NOT NULL,
	participants INTEGER,
	community_needs TEXT,
	resources TEXT,
	ideas TEXT,
	recorded_by TEXT REFERENCES users(id),
	recorded_at TEXT NOT NULL
);
CREATE INDEX needs_assessments_case ON needs_assessments(case_id, held_on);
CREATE INDEX needs_assessments_person ON needs_assessments(person_id);

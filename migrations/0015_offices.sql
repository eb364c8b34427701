-- Offices and case transfers between them (issue 5; docs/offices.md).
--
-- An office: id a short code ("pty", "dar", "chq"; lowercase letters,
-- digits and dashes), name, active 1 or 0 (offices are deactivated, never
-- deleted: cases and transfers keep pointing at them).
CREATE TABLE offices (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	created_by TEXT REFERENCES users(id),
	CHECK (active IN (0, 1))
);

-- Before this migration users.office, people.office, households.office and
-- cases.office held free text (the creator's office) or NULL. Each distinct
-- text becomes an office named after it, with the code "o1", "o2", … (in
-- the order of the texts); NULL and "" become the default office "main",
-- created only when some row needs it (amparo init creates it on a new
-- database). Plain SQL both engines run the same way.
INSERT INTO offices (id, name, active, created_at, updated_at)
SELECT 'o' || CAST(ROW_NUMBER() OVER (ORDER BY d.v) AS TEXT), d.v, 1, t.t0, t.t0
FROM (SELECT DISTINCT office AS v FROM (
	SELECT office FROM users UNION SELECT office FROM people
	UNION SELECT office FROM households UNION SELECT office FROM cases) AS a
	WHERE office IS NOT NULL AND office <> '') AS d,
     (SELECT COALESCE(MIN(created_at), '2000-01-01T00:00:00Z') AS t0 FROM users) AS t;

INSERT INTO offices (id, name, active, created_at, updated_at)
SELECT 'main', 'Oficina principal', 1, t.t0, t.t0
FROM (SELECT COALESCE(MIN(created_at), '2000-01-01T00:00:00Z') AS t0 FROM users) AS t
WHERE EXISTS (SELECT 1 FROM users WHERE office IS NULL OR office = '')
   OR EXISTS (SELECT 1 FROM people WHERE office IS NULL OR office = '')
   OR EXISTS (SELECT 1 FROM households WHERE office IS NULL OR office = '')
   OR EXISTS (SELECT 1 FROM cases WHERE office IS NULL OR office = '');

UPDATE users SET office = (SELECT o.id FROM offices o WHERE o.name = users.office AND o.id <> 'main')
WHERE office IS NOT NULL AND office <> '';
UPDATE people SET office = (SELECT o.id FROM offices o WHERE o.name = people.office AND o.id <> 'main')
WHERE office IS NOT NULL AND office <> '';
UPDATE households SET office = (SELECT o.id FROM offices o WHERE o.name = households.office AND o.id <> 'main')
WHERE office IS NOT NULL AND office <> '';
UPDATE cases SET office = (SELECT o.id FROM offices o WHERE o.name = cases.office AND o.id <> 'main')
WHERE office IS NOT NULL AND office <> '';
UPDATE users SET office = 'main' WHERE office IS NULL OR office = '';
UPDATE people SET office = 'main' WHERE office IS NULL OR office = '';
UPDATE households SET office = 'main' WHERE office IS NULL OR office = '';
UPDATE cases SET office = 'main' WHERE office IS NULL OR office = '';

-- A user's offices stay in users.office, now comma-separated codes
-- ("pty,dar"), as users.areas holds areas. Caseloads filter by office.
CREATE INDEX cases_office ON cases(office, opened_at);

-- A case sent from one office to another. consent: the person agreed (a
-- transfer without it is refused). shared: what the receiver sees before
-- accepting ("summary", "services" or "all", see docs/offices.md).
-- snapshot: the case as sent (JSON), which the sender keeps. pending_key:
-- case_id while the transfer is "sent", NULL once accepted, rejected or
-- cancelled by the sender; unique, so a case has at most one pending
-- transfer on both engines.
CREATE TABLE case_transfers (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	area TEXT NOT NULL,
	from_office TEXT NOT NULL REFERENCES offices(id),
	to_office TEXT NOT NULL REFERENCES offices(id),
	reason TEXT NOT NULL,
	consent INTEGER NOT NULL,
	shared TEXT NOT NULL,
	snapshot TEXT NOT NULL,
	status TEXT NOT NULL,
	pending_key TEXT UNIQUE,
	comment TEXT,
	sent_by TEXT REFERENCES users(id),
	sent_at TEXT NOT NULL,
	decided_by TEXT REFERENCES users(id),
	decided_at TEXT,
	CHECK (consent = 1),
	CHECK (shared IN ('summary', 'services', 'all')),
	CHECK (status IN ('sent', 'accepted', 'rejected', 'cancelled'))
);
CREATE INDEX case_transfers_case ON case_transfers(case_id, sent_at);
CREATE INDEX case_transfers_to ON case_transfers(to_office, sent_at);
CREATE INDEX case_transfers_from ON case_transfers(from_office, sent_at);

-- 0007: the partner directory (issue 5; docs/partners.md). 0006 is the
-- cases' migration, built on another branch.
--
-- Organisations and public institutions a case can be referred to. kind:
-- one of the catalogue's partner kinds; areas: the service areas they
-- offer, comma-separated codes ("legal,psychosocial"); active: 1, or 0 once
-- deactivated (partners are never deleted: referrals will point at them).
CREATE TABLE partners (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	areas TEXT,
	description TEXT,
	contact_name TEXT,
	phone TEXT,
	email TEXT,
	address TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	created_by TEXT REFERENCES users(id),
	CHECK (kind IN ('un_agency', 'government', 'ngo', 'shelter', 'clinic', 'school', 'other')),
	CHECK (active IN (0, 1))
);
CREATE INDEX partners_name ON partners(name);

-- Need-to-know access (issue 7; docs/access.md). users.grants: the
-- grants an administrator gave the user, comma-separated codes (sgbv,
-- mental_health, torture, asylum_narrative, ethics); NULL or '' none.
ALTER TABLE users ADD COLUMN grants TEXT;

-- Explicit shares: a case's caseworker or a supervisor opens one case to
-- a named user, read-only ('read') or to work on ('write'), until
-- expires_at (UTC); revoked_* set when taken back early. Audited on the
-- case. One active share per case and user: active_key is
-- case_id/user_id while active, NULL once revoked.
CREATE TABLE case_shares (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	user_id TEXT NOT NULL REFERENCES users(id),
	mode TEXT NOT NULL CHECK (mode IN ('read', 'write')),
	expires_at TEXT NOT NULL,
	active_key TEXT UNIQUE,
	shared_by TEXT NOT NULL REFERENCES users(id),
	shared_at TEXT NOT NULL,
	revoked_by TEXT REFERENCES users(id),
	revoked_at TEXT
);
CREATE INDEX case_shares_case ON case_shares(case_id, shared_at);
CREATE INDEX case_shares_user ON case_shares(user_id, expires_at);

-- amparo audit who-saw and the bulk-view alert read one account's events
-- in order (docs/access.md).
CREATE INDEX audit_events_user ON audit_events(user_id, seq);

-- Alerts for unusual bulk viewing: a user who viewed more distinct
-- records than the setting bulk_view_records within bulk_view_minutes.
CREATE TABLE access_alerts (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	raised_at TEXT NOT NULL,
	records INTEGER NOT NULL,
	minutes INTEGER NOT NULL
);
CREATE INDEX access_alerts_raised ON access_alerts(raised_at);

-- 0009: the office's settings, changed by administrators in the interface
-- (docs/settings.md). id is the setting's key (settings.c lists the keys
-- amparo knows, their kind and default); value its text; a key with no row
-- has its default.
CREATE TABLE settings (
	id TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT REFERENCES users(id)
);

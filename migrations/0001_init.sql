-- 0001: users, sessions, the people and households registry, the audit log.
CREATE TABLE schema_version (
	version INTEGER NOT NULL,
	applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);

CREATE TABLE users (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	full_name TEXT,
	role TEXT NOT NULL,
	areas TEXT,
	office TEXT,
	lang TEXT,
	password_hash TEXT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);
CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	csrf TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_seen TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE tokens (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	token_hash TEXT NOT NULL UNIQUE,
	label TEXT,
	created_at TEXT NOT NULL,
	revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE login_throttle (
	id TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	window_start TEXT NOT NULL,
	locked_until TEXT
);

CREATE TABLE households (
	id TEXT PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	head_id TEXT,
	address TEXT,
	province TEXT,
	district TEXT,
	phone TEXT,
	notes TEXT,
	office TEXT,
	status TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	created_by TEXT REFERENCES users(id)
);
CREATE INDEX households_created ON households(created_at);

CREATE TABLE people (
	id TEXT PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	given_names TEXT NOT NULL,
	surname1 TEXT,
	surname2 TEXT,
	sex TEXT,
	birth_date TEXT,
	birth_estimated INTEGER,
	nationality TEXT,
	origin_country TEXT,
	languages TEXT,
	legal_status TEXT,
	phone TEXT,
	email TEXT,
	address TEXT,
	province TEXT,
	district TEXT,
	arrival_date TEXT,
	household_id TEXT REFERENCES households(id),
	relationship TEXT,
	needs TEXT,
	consent_date TEXT,
	consent_scope TEXT,
	office TEXT,
	status TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	created_by TEXT REFERENCES users(id)
);
CREATE INDEX people_household ON people(household_id);
CREATE INDEX people_created ON people(created_at);

CREATE TABLE person_documents (
	id TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES people(id),
	type TEXT NOT NULL,
	number TEXT NOT NULL,
	issued_on TEXT,
	expires_on TEXT,
	created_at TEXT NOT NULL,
	created_by TEXT REFERENCES users(id)
);
CREATE INDEX person_documents_person ON person_documents(person_id);
CREATE INDEX person_documents_number ON person_documents(number);

CREATE TABLE legal_status_history (
	id TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES people(id),
	legal_status TEXT NOT NULL,
	since TEXT,
	recorded_at TEXT NOT NULL,
	recorded_by TEXT REFERENCES users(id)
);
CREATE INDEX legal_status_history_person ON legal_status_history(person_id);

CREATE TABLE audit_events (
	seq INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	user_id TEXT,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id TEXT,
	fields TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events(entity_id, seq);

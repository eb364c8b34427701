-- 0021: two-factor login (issue 7; docs/login.md). A session waits for its
-- second step while mfa_pending is 'code' (a TOTP or recovery code) or
-- 'enrol' (the user must set up an authenticator first); NULL: complete.
ALTER TABLE sessions ADD COLUMN mfa_pending TEXT;

-- One authenticator per user: the TOTP secret as stored by
-- totp_secret_store (base32 today), the last time step a code was accepted
-- (a code works once), and whether the first code confirmed it.
CREATE TABLE user_totp (
	id TEXT PRIMARY KEY REFERENCES users(id),
	secret TEXT NOT NULL,
	last_step BIGINT,
	confirmed INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);

-- Single-use recovery codes for a lost phone: SHA-256 of the code only.
CREATE TABLE totp_recovery_codes (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	code_hash TEXT NOT NULL,
	used_at TEXT
);
CREATE INDEX totp_recovery_codes_user ON totp_recovery_codes(user_id);

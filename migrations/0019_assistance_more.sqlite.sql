-- 0019 on SQLite: the ledger takes the kind "reconciled". SQLite cannot
-- change a CHECK constraint, so the table is rebuilt with the same rows
-- (nothing references it).
CREATE TABLE assistance_ledger_0019 (
	id TEXT PRIMARY KEY,
	seq BIGINT NOT NULL UNIQUE,
	programme_id TEXT NOT NULL REFERENCES programmes(id),
	request_id TEXT NOT NULL REFERENCES assistance_requests(id),
	kind TEXT NOT NULL,
	amount_cents BIGINT NOT NULL,
	recorded_by TEXT REFERENCES users(id),
	recorded_at TEXT NOT NULL,
	CHECK (kind IN ('request', 'approve', 'reject', 'disburse', 'reconciled')),
	CHECK (amount_cents > 0),
	UNIQUE (request_id, kind)
);
INSERT INTO assistance_ledger_0019 (id, seq, programme_id, request_id, kind, amount_cents, recorded_by, recorded_at)
	SELECT id, seq, programme_id, request_id, kind, amount_cents, recorded_by, recorded_at FROM assistance_ledger;
DROP TABLE assistance_ledger;
ALTER TABLE assistance_ledger_0019 RENAME TO assistance_ledger;
CREATE INDEX assistance_ledger_programme ON assistance_ledger(programme_id, kind);

-- Cash assistance, continued (issue 6; docs/assistance.md). A programme's
-- minimum vulnerability score is programmes.min_score (0018). A request
-- keeps the household's score when it was made (vulnerability_score, 0-100)
-- and, when that was under the programme's minimum, the requester's reason
-- to ask anyway (eligibility_override), which the approver reads.
ALTER TABLE assistance_requests ADD COLUMN vulnerability_score INTEGER;
ALTER TABLE assistance_requests ADD COLUMN eligibility_override TEXT;

-- A stored reconciliation: one row per provider statement reconciled
-- against a programme's disbursements (who, when, which file, what came of
-- it). The disbursements it matched get a "reconciled" ledger row (the
-- engine files below widen the ledger's kinds): UNIQUE (request_id, kind)
-- reconciles each at most once, whatever statements name it again.
-- lines: statement lines read; matched: same reference and amount;
-- differences: same reference, another amount; unexpected: references not
-- disbursed; missing: disbursements absent from the statement; duplicates:
-- lines repeating a reference; newly_reconciled: matched disbursements this
-- run reconciled for the first time.
CREATE TABLE assistance_recon_runs (
	id TEXT PRIMARY KEY,
	programme_id TEXT NOT NULL REFERENCES programmes(id),
	file_name TEXT,
	lines INTEGER NOT NULL,
	matched INTEGER NOT NULL,
	differences INTEGER NOT NULL,
	unexpected INTEGER NOT NULL,
	missing INTEGER NOT NULL,
	duplicates INTEGER NOT NULL,
	newly_reconciled INTEGER NOT NULL,
	run_by TEXT REFERENCES users(id),
	run_at TEXT NOT NULL
);
CREATE INDEX assistance_recon_runs_programme ON assistance_recon_runs(programme_id, id);

-- Referrals of a case to another service area (internal: to_area) or to a
-- partner organisation (external: to_partner_id), exactly one of the two
-- (issue 5; docs/referrals.md). ref is the human reference R-000001
-- (counter "referral"). person_id is the case's person, kept on the row so
-- a merge moves it (merge.c's person_links). An external referral needs
-- the person's consent to share their data (consent 1). status moves sent
-- -> accepted | declined, accepted -> completed; received_case_id is the
-- case the receiving area opened or linked on accepting. Whether a
-- referral is overdue is computed from sent_at and the office's setting
-- referral_overdue_days, never stored.
CREATE TABLE referrals (
	id TEXT PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	from_area TEXT NOT NULL,
	to_area TEXT,
	to_partner_id TEXT REFERENCES partners(id),
	reason TEXT NOT NULL,
	urgency TEXT NOT NULL,
	consent INTEGER NOT NULL DEFAULT 0,
	shared TEXT,
	status TEXT NOT NULL,
	sent_by TEXT REFERENCES users(id),
	sent_at TEXT NOT NULL,
	answered_by TEXT REFERENCES users(id),
	answered_at TEXT,
	answer_note TEXT,
	completed_by TEXT REFERENCES users(id),
	completed_at TEXT,
	feedback TEXT,
	received_case_id TEXT REFERENCES cases(id),
	updated_at TEXT NOT NULL,
	CHECK ((to_area IS NULL AND to_partner_id IS NOT NULL) OR (to_area IS NOT NULL AND to_partner_id IS NULL)),
	CHECK (to_area IS NULL OR to_area IN ('psychosocial', 'legal', 'livelihoods', 'assistance', 'community')),
	CHECK (urgency IN ('routine', 'priority', 'urgent')),
	CHECK (status IN ('sent', 'accepted', 'declined', 'completed')),
	CHECK (consent IN (0, 1)),
	CHECK (to_partner_id IS NULL OR consent = 1)
);
CREATE INDEX referrals_case ON referrals(case_id, sent_at);
CREATE INDEX referrals_received ON referrals(received_case_id);
CREATE INDEX referrals_person ON referrals(person_id);
CREATE INDEX referrals_to_area ON referrals(to_area, status, sent_at);
CREATE INDEX referrals_from_area ON referrals(from_area, status, sent_at);
CREATE INDEX referrals_sent_by ON referrals(sent_by, sent_at);
CREATE INDEX referrals_status ON referrals(status, sent_at);

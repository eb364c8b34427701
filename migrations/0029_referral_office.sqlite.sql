ALTER TABLE referrals ADD COLUMN office TEXT;
UPDATE referrals SET office = (SELECT k.office FROM cases k WHERE k.id = referrals.case_id);
DROP INDEX referrals_pending;
CREATE INDEX referrals_pending ON referrals(status, to_area, office);

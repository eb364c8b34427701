ALTER TABLE referrals ADD COLUMN office text COLLATE "C";
UPDATE referrals r SET office = k.office FROM cases k WHERE k.id = r.case_id;
DROP INDEX referrals_pending;
CREATE INDEX referrals_pending ON referrals(status, to_area, office);

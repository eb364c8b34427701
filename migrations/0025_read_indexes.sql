-- Indexes for the pages that read the most (docs/benchmarks.md).
-- A programme's page lists its newest requests: without this index it
-- sorted every request of the programme to show 100.
CREATE INDEX assistance_requests_programme_time ON assistance_requests(programme_id, requested_at);
-- A programme's figures are one SUM of amount_cents over its ledger,
-- grouped by kind: with the amount in the index the sum reads the index
-- alone, not every ledger row.
DROP INDEX assistance_ledger_programme;
CREATE INDEX assistance_ledger_programme ON assistance_ledger(programme_id, kind, amount_cents);
-- The referrals badge on every page counts the referrals still sent per
-- area and case: in this index's order, without a sort, from the index
-- alone.
CREATE INDEX referrals_pending ON referrals(status, to_area, case_id, received_case_id);

-- Indexes for the pages that read the most at a million people
-- (docs/benchmarks.md).
-- The caseloads page counts every caseworker's cases by status and risk
-- (caseload.c): with this index that count reads the index alone, in its
-- order, with no sort, however many cases there are.
CREATE INDEX cases_caseload ON cases(assigned_to, status, risk);
-- A programme's page finds the newest row of its ledger, to know whether
-- the figures it summed before still hold (programme_figures.c).
CREATE INDEX assistance_ledger_programme_seq ON assistance_ledger(programme_id, seq);

-- Cash assistance, continued (issue 6; docs/assistance.md). A programme's
-- minimum vulnerability score is programmes.min_score (0018). A request
-- keeps the household's score when it was made (vulnerability_score, 0-100)
-- and, when that was under the programme's minimum, the requester's reason
-- to ask anyway (eligibility_override), which the approver reads.
ALTER TABLE assistance_requests ADD COLUMN vulnerability_score INTEGER;
ALTER TABLE assistance_requests ADD COLUMN eligibility_override TEXT;

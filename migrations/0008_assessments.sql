-- 0008: psychosocial screening assessments recorded on cases (issue 5;
-- docs/instruments.md). instrument is who5, phq9 or gad7; answers the
-- item answers as comma-separated integers in the published order; total
-- and band as instrument.c scores them; alert 1 when PHQ-9 item 9
-- (thoughts of self-harm) was answered above 0. person_id is the case's
-- person, kept on the row so a merge moves it (merge.c's person_links).
-- Sensitive health data: read only through assessment.h.
CREATE TABLE assessments (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	instrument TEXT NOT NULL,
	answers TEXT NOT NULL,
	total INTEGER NOT NULL,
	band TEXT NOT NULL,
	alert INTEGER NOT NULL DEFAULT 0,
	taken_on TEXT NOT NULL,
	recorded_by TEXT REFERENCES users(id),
	recorded_at TEXT NOT NULL,
	CHECK (instrument IN ('who5', 'phq9', 'gad7')),
	CHECK (alert IN (0, 1))
);
CREATE INDEX assessments_case ON assessments(case_id, taken_on);
CREATE INDEX assessments_person ON assessments(person_id);

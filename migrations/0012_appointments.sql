-- Follow-ups and appointments on cases (issue 5; docs/appointments.md).
-- starts_at is the local time in Panama with its offset,
-- "YYYY-MM-DDTHH:MM:SS-05:00" (Panama keeps UTC-5 all year), so the text
-- sorts and compares in time order on both engines and a day is a range of
-- it. with_user is the staff member the appointment is with (the booker
-- by default); with_whom free text (an interpreter, "psicóloga de la
-- Clínica X"). status moves planned -> done, missed or cancelled, once;
-- notes (the status note) may be sensitive: read them only through
-- appointment.h. person_id is the case's person, kept on the row so a merge
-- moves it (merge.c's person_links).
CREATE TABLE appointments (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	starts_at TEXT NOT NULL,
	duration_minutes INTEGER,
	with_user TEXT NOT NULL REFERENCES users(id),
	with_whom TEXT,
	kind TEXT NOT NULL,
	place TEXT,
	status TEXT NOT NULL DEFAULT 'planned',
	notes TEXT,
	status_by TEXT REFERENCES users(id),
	status_at TEXT,
	created_by TEXT REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (kind IN ('follow_up', 'appointment', 'home_visit', 'phone_call')),
	CHECK (status IN ('planned', 'done', 'missed', 'cancelled')),
	CHECK (duration_minutes IS NULL OR (duration_minutes >= 1 AND duration_minutes <= 1440))
);
CREATE INDEX appointments_case ON appointments(case_id, starts_at);
-- A user's day, and their overdue ones (status 'planned', starts_at past).
CREATE INDEX appointments_user ON appointments(with_user, status, starts_at);
CREATE INDEX appointments_user_day ON appointments(with_user, starts_at);
-- Everyone's day and everyone's overdue ones (supervisors).
CREATE INDEX appointments_status ON appointments(status, starts_at);
CREATE INDEX appointments_starts ON appointments(starts_at);
CREATE INDEX appointments_person ON appointments(person_id);

-- 0002: the short lists of a profile page (a household's members, a
-- person's documents and legal status history) read in their display order
-- straight from the index, without sorting: the sort's temporary table cost
-- more than finding the rows.
CREATE INDEX people_household_created ON people(household_id, created_at);
DROP INDEX people_household;
CREATE INDEX person_documents_person_created ON person_documents(person_id, created_at);
DROP INDEX person_documents_person;
CREATE INDEX legal_status_history_person_recorded ON legal_status_history(person_id, recorded_at);
DROP INDEX legal_status_history_person;

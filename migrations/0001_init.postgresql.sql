-- 0001 on PostgreSQL: the name search index (a tsvector of the same words
-- SQLite's FTS5 table holds, stored as given), and triggers that keep the
-- audit log append-only.
CREATE TABLE people_search (
	person_id TEXT PRIMARY KEY REFERENCES people(id),
	words TSVECTOR NOT NULL
);
-- fastupdate off: a pending list makes every search read it until VACUUM
-- (searches ran at a third of their speed after a burst of registrations).
CREATE INDEX people_search_words ON people_search USING GIN (words) WITH (fastupdate = off);
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit events are append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
	FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- 0001 on SQLite: the name search index (FTS5, rowid = people.rowid), and
-- triggers that keep the audit log append-only.
CREATE VIRTUAL TABLE people_search USING fts5(words, tokenize = "unicode61 tokenchars '_'", prefix = '2 3');
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

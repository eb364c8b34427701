-- A record's change history lists its events newest first, leaving out
-- the views (audit_list_for). A much-viewed person has thousands of view
-- events: the history reads this view, whose condition lets both engines
-- use the partial index below, which holds no view events at all (so
-- writing a view costs no more than before either).
CREATE VIEW audit_changes AS SELECT * FROM audit_events WHERE action <> 'view';
CREATE INDEX audit_events_changes ON audit_events(entity_id, seq) WHERE action <> 'view';

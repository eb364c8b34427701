-- A record's change history lists its events newest first, leaving out
-- the views (audit_list_for): as the actions on either side of "view",
-- each read from this index, without stepping over the thousands of
-- view events of a much-viewed person (docs/benchmarks.md).
CREATE INDEX audit_events_entity_action ON audit_events(entity_id, action, seq);

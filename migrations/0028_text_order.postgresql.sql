-- Every text column of the schema compares byte by byte (COLLATE "C"), as
-- SQLite's do, whatever locale the database was created with: the same
-- ORDER BY gives the same rows on both engines (amparo transfer compares
-- the two in key order), and sorting ids and keys (index builds, foreign
-- key checks, merge joins) compares bytes instead of calling the C
-- library's strcoll: an index on a text id builds in half the time, or
-- less. One ALTER TABLE a table, so each index is rebuilt once; the view
-- on audit_events is made again around it. A view someone else made on
-- these tables stops the migration: drop it first, make it again after.
DROP VIEW audit_changes;
DO $$
DECLARE
	t record;
BEGIN
	FOR t IN
		SELECT c.table_name,
		       string_agg(format('ALTER COLUMN %I TYPE text COLLATE "C"', c.column_name), ', ') AS alters
		FROM information_schema.columns c
		JOIN information_schema.tables k
		  ON k.table_schema = c.table_schema AND k.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND k.table_type = 'BASE TABLE'
		  AND c.data_type = 'text' AND c.collation_name IS NULL
		GROUP BY c.table_name
	LOOP
		EXECUTE format('ALTER TABLE %I %s', t.table_name, t.alters);
	END LOOP;
END
$$;
CREATE VIEW audit_changes AS SELECT * FROM audit_events WHERE action <> 'view';
-- Changing a column's type drops its statistics: gather them again, so the
-- planner does not guess until autovacuum next analyses the table.
ANALYZE;

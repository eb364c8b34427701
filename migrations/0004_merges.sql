-- 0004: merges of two people or two households (src/domain/merge.c,
-- docs/merge.md). The merged record stays, with status 'merged'; this row
-- says into which survivor, holds both records as they were before (and
-- the survivor as the merge left it, to tell an edit made since), the
-- fields taken from the merged record, and the id of every row moved from
-- one to the other, so an undo restores exactly that.
CREATE TABLE merges (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	survivor_id TEXT NOT NULL,
	merged_id TEXT NOT NULL,
	survivor_before TEXT NOT NULL,
	survivor_after TEXT NOT NULL,
	merged_before TEXT NOT NULL,
	fields TEXT,
	moved TEXT,
	merged_by TEXT REFERENCES users(id),
	merged_at TEXT NOT NULL,
	undone_by TEXT REFERENCES users(id),
	undone_at TEXT
);
CREATE INDEX merges_survivor ON merges(survivor_id, merged_at);
CREATE INDEX merges_merged ON merges(merged_id, merged_at);
-- Lists leave merged records out (status = 'active'), newest first.
CREATE INDEX people_status_created ON people(status, created_at);
CREATE INDEX households_status_created ON households(status, created_at);

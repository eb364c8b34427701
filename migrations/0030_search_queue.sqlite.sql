-- 0030 on SQLite: the search entries people_search has yet to take in.
-- A transaction that indexes a person writes the words here, one row in a
-- small table; people_search takes the queue in a hundred or so at a time,
-- and always before it is read (store_sqlite.c, drain). FTS5 writes a
-- segment of its own at every commit and merges them as they pile up: with
-- the server's commits of two or three registrations each, that was a
-- fifth of a registration's time, and the merges held every writer back
-- for tens of milliseconds now and then.
CREATE TABLE people_search_queue (
	person_rowid INTEGER PRIMARY KEY, -- people.rowid, as people_search's rowid
	words TEXT NOT NULL
);

-- 0002 on SQLite: the vocabulary of people_search. Every word ever indexed
-- that a query word reaches by prefix (not the phonetic keys "_…", not
-- numbers), so a search lists the words a prefix starts and FTS5 reads
-- their lists as they are, instead of merging them anew for each query.
-- keyed = 1 while every entry that has the word also has its phonetic key:
-- a query term with that key need not list the word. store_sqlite.c adds
-- the words of each entry it indexes (and defines amparo_phonetic); this
-- fills the table from the index as it stands.
CREATE TABLE people_search_vocab (
	word TEXT PRIMARY KEY,
	keyed INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.people_search_terms USING fts5vocab(main, people_search, row);
INSERT INTO people_search_vocab(word, keyed)
	SELECT term, NOT EXISTS (SELECT 1 FROM people_search WHERE people_search MATCH
				 '"' || term || '" NOT "_' || amparo_phonetic(term) || '"')
	FROM temp.people_search_terms WHERE term NOT GLOB '_*' AND term NOT GLOB '[0-9]*';
DROP TABLE temp.people_search_terms;

-- 0008_search: full-text search over the public summaries of
-- communications (issue 7, the communications database's `q`).
--
-- Each summary is indexed in the language it was written in
-- (communications.summary_lang): its words stemmed and its stop words
-- dropped by that language's configuration, kept in a stored generated
-- column with a GIN index. Chinese has no stemmer nor word splitter in
-- PostgreSQL: 'simple' (lower-cased words; a run of Han characters is
-- one word, so a query finds a Chinese summary by a whole run).
--
-- How a query is matched (the statement STMT_TRK_COMM_SEARCH, in
-- cgi/data/stmt.c, says the same where it is enforced):
--   1. exactly: the query is parsed (websearch_to_tsquery) in the row's
--      own configuration, summary_regconfig(summary_lang), and matched
--      against the row's vector, built with that same configuration; so
--      the stems of the query and of the summary always come from one
--      stemmer, and "-word" means "not this word" as the row's language
--      understands it;
--   2. for the index: that per-row query cannot use an index (it depends
--      on the row), so it is ANDed with the union (||) of the query
--      parsed in every configuration, one value per request, which the
--      GIN index answers. A row matching its own parse matches the union
--      (its configuration is one of them): the union only narrows the
--      rows to recheck, it never loses one.
-- Hence a query finds a French summary by a French inflected word, and
-- an English one by an English word, whatever the page's language.

CREATE FUNCTION summary_regconfig(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE lang
	    WHEN 'en' THEN 'pg_catalog.english'::regconfig
	    WHEN 'fr' THEN 'pg_catalog.french'::regconfig
	    WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
	    WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
	    WHEN 'ar' THEN 'pg_catalog.arabic'::regconfig
	    ELSE 'pg_catalog.simple'::regconfig
	END
$$;

-- The union of the query parsed in every configuration above: the
-- index's side of the match (step 2).
CREATE FUNCTION summary_query_any(q text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT websearch_to_tsquery('pg_catalog.english', q) ||
	    websearch_to_tsquery('pg_catalog.french', q) ||
	    websearch_to_tsquery('pg_catalog.spanish', q) ||
	    websearch_to_tsquery('pg_catalog.russian', q) ||
	    websearch_to_tsquery('pg_catalog.arabic', q) ||
	    websearch_to_tsquery('pg_catalog.simple', q)
$$;

-- Adding a stored column rewrites the table without firing its row
-- triggers (communications stay append-only for the application).
ALTER TABLE communications ADD COLUMN summary_search tsvector
	GENERATED ALWAYS AS (to_tsvector(summary_regconfig(summary_lang),
	    summary)) STORED;
CREATE INDEX communications_summary_search ON communications
	USING gin (summary_search);

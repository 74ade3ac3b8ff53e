-- bibdb schema, version 1: imports and the records they held, works (the
-- deduplicated publications) with their authors, affiliations, journal,
-- identifiers and keywords, and a full-text index.

-- +goose Up

-- One row per imported file. A second import of the same bytes is refused
-- by the unique hash.
CREATE TABLE imports (
    id             INTEGER PRIMARY KEY,
    path           TEXT    NOT NULL,           -- as given on the command line
    file_name      TEXT    NOT NULL,           -- base name
    sha256         TEXT    NOT NULL UNIQUE,    -- hash of the file's bytes
    size           INTEGER NOT NULL,           -- bytes
    format         TEXT    NOT NULL,           -- ris, medline, pubmedxml, bibtex, ...
    encoding       TEXT    NOT NULL,           -- utf-8, utf-16le, windows-1252, ...
    source         TEXT,                       -- source database: PubMed, Embase, Scopus, ... (detected or --source)
    imported_at    TEXT    NOT NULL,           -- RFC 3339, UTC
    records        INTEGER NOT NULL DEFAULT 0, -- records read and stored
    works_created  INTEGER NOT NULL DEFAULT 0, -- records that started a new work
    records_joined INTEGER NOT NULL DEFAULT 0, -- records that joined an existing work
    errors         INTEGER NOT NULL DEFAULT 0, -- records refused as unreadable
    warnings       INTEGER NOT NULL DEFAULT 0
);

-- The deduplicated publications. Every field is derived from the work's
-- records (the best value of each); see records.work_id.
CREATE TABLE works (
    id             INTEGER PRIMARY KEY,
    type           TEXT    NOT NULL,           -- CSL type: article-journal, book, chapter, paper-conference, ...
    title          TEXT,
    year           INTEGER,
    date           TEXT,                       -- ISO 8601 as far as known: 2023, 2023-06, 2023-06-01
    journal_id     INTEGER REFERENCES journals (id),
    container      TEXT,                       -- journal, book or proceedings title as the records give it
    volume         TEXT,
    issue          TEXT,
    first_page     TEXT,
    last_page      TEXT,
    article_number TEXT,
    abstract       TEXT,
    language       TEXT,
    publisher      TEXT,
    records        INTEGER NOT NULL DEFAULT 0  -- number of records in the work
);
CREATE INDEX works_year ON works (year);
CREATE INDEX works_journal ON works (journal_id);

-- One row per record of every imported file: the facts as imported.
CREATE TABLE records (
    id           INTEGER PRIMARY KEY,
    import_id    INTEGER NOT NULL REFERENCES imports (id),
    position     INTEGER NOT NULL,             -- 1-based order of the record in its file
    line         INTEGER NOT NULL,             -- line of the file where it starts
    source_id    TEXT,                         -- the record's own id: RIS ID/AN, PMID, WoS UT, Scopus EID, BibTeX key
    database     TEXT,                         -- source database of the record
    type         TEXT    NOT NULL,
    title        TEXT,
    year         INTEGER,
    doi          TEXT,                         -- first DOI, normalized (lower case)
    pmid         TEXT,
    data         TEXT    NOT NULL,             -- every parsed field, as JSON
    raw          TEXT    NOT NULL,             -- the record's text as it stood in the file
    work_id      INTEGER NOT NULL REFERENCES works (id),
    match_reason TEXT    NOT NULL,             -- why the record is in its work: "new work", "doi equal", ...
    UNIQUE (import_id, position)
);
CREATE INDEX records_work ON records (work_id);
CREATE INDEX records_doi ON records (doi) WHERE doi IS NOT NULL;
CREATE INDEX records_pmid ON records (pmid) WHERE pmid IS NOT NULL;

-- Identifiers of a work, the union over its records, normalized per scheme
-- (doi lower case, pmcid "PMC…", isbn 13 digits).
CREATE TABLE identifiers (
    work_id INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    scheme  TEXT    NOT NULL,                  -- doi, pmid, pmcid, isbn, eid, wos, pii, arxiv, ...
    value   TEXT    NOT NULL,
    PRIMARY KEY (work_id, scheme, value)
) WITHOUT ROWID;
CREATE INDEX identifiers_value ON identifiers (scheme, value);

-- A person or group as named.
CREATE TABLE authors (
    id       INTEGER PRIMARY KEY,
    family   TEXT,                             -- family name (with particle); NULL for groups
    given    TEXT,
    initials TEXT,                             -- of the given name: "RJ"
    literal  TEXT,                             -- a group or corporate author, or a name that could not be split
    orcid    TEXT,
    name_key TEXT    NOT NULL UNIQUE           -- folded family|given (or #group), for matching
);
CREATE INDEX authors_family ON authors (family COLLATE NOCASE);

CREATE TABLE authorships (
    work_id   INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    role      TEXT    NOT NULL,                -- author or editor
    position  INTEGER NOT NULL,                -- 1-based order in the work's list
    author_id INTEGER NOT NULL REFERENCES authors (id),
    name      TEXT    NOT NULL,                -- the name as written in the record
    PRIMARY KEY (work_id, role, position)
) WITHOUT ROWID;
CREATE INDEX authorships_author ON authorships (author_id);

CREATE TABLE affiliations (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);

-- Which affiliation belongs to which author on which work. author_position
-- is NULL when the record does not say which author (RIS AD, Scopus
-- "Affiliations"): the affiliation is the work's.
CREATE TABLE authorship_affiliations (
    work_id         INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    author_position INTEGER,
    affiliation_id  INTEGER NOT NULL REFERENCES affiliations (id)
);
CREATE INDEX authorship_affiliations_work ON authorship_affiliations (work_id, author_position);
CREATE INDEX authorship_affiliations_affiliation ON authorship_affiliations (affiliation_id);

CREATE TABLE journals (
    id           INTEGER PRIMARY KEY,
    title        TEXT,                         -- full title
    abbreviation TEXT,                         -- ISO/NLM abbreviation
    title_key    TEXT,
    abbrev_key   TEXT
);
CREATE INDEX journals_title_key ON journals (title_key);
CREATE INDEX journals_abbrev_key ON journals (abbrev_key);

CREATE TABLE journal_issns (
    issn       TEXT    PRIMARY KEY,            -- NNNN-NNNX
    journal_id INTEGER NOT NULL REFERENCES journals (id),
    kind       TEXT                            -- print, electronic, linking
);
CREATE INDEX journal_issns_journal ON journal_issns (journal_id);

CREATE TABLE keywords (
    id         INTEGER PRIMARY KEY,
    term       TEXT NOT NULL,
    vocabulary TEXT NOT NULL,                  -- author, mesh, keywords-plus, index
    term_key   TEXT NOT NULL,
    ui         TEXT,                           -- MeSH unique id
    UNIQUE (vocabulary, term_key)
);

CREATE TABLE work_keywords (
    work_id    INTEGER NOT NULL REFERENCES works (id) ON DELETE CASCADE,
    keyword_id INTEGER NOT NULL REFERENCES keywords (id),
    qualifier  TEXT    NOT NULL DEFAULT '',    -- MeSH qualifier ("therapy"), '' for none
    major      INTEGER NOT NULL DEFAULT 0,     -- 1 for a MeSH major topic
    PRIMARY KEY (work_id, keyword_id, qualifier)
) WITHOUT ROWID;
CREATE INDEX work_keywords_keyword ON work_keywords (keyword_id);

-- Full-text index of works (rowid = works.id): title, abstract, keywords
-- and author names, with diacritics folded.
CREATE VIRTUAL TABLE works_fts USING fts5 (
    title, abstract, keywords, authors,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A work with its first author, journal and main identifiers: the view to
-- start a query from.
CREATE VIEW work_summary AS
SELECT w.id,
       w.type,
       w.year,
       (SELECT COALESCE(au.family, au.literal) FROM authorships s JOIN authors au ON au.id = s.author_id
         WHERE s.work_id = w.id AND s.role = 'author' ORDER BY s.position LIMIT 1) AS first_author,
       w.title,
       COALESCE(j.title, w.container) AS journal,
       w.volume,
       w.issue,
       w.first_page,
       (SELECT value FROM identifiers i WHERE i.work_id = w.id AND i.scheme = 'doi' LIMIT 1) AS doi,
       (SELECT value FROM identifiers i WHERE i.work_id = w.id AND i.scheme = 'pmid' LIMIT 1) AS pmid,
       w.records
  FROM works w
  LEFT JOIN journals j ON j.id = w.journal_id;

-- +goose Down
DROP VIEW work_summary;
DROP TABLE works_fts;
DROP TABLE work_keywords;
DROP TABLE keywords;
DROP TABLE journal_issns;
DROP TABLE journals;
DROP TABLE authorship_affiliations;
DROP TABLE affiliations;
DROP TABLE authorships;
DROP TABLE authors;
DROP TABLE identifiers;
DROP TABLE records;
DROP TABLE works;
DROP TABLE imports;

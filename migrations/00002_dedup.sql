-- Deduplication: the blocking keys records are found by, why each record
-- is in its work, the pairs that wait for a person's decision, and the
-- decisions themselves.

-- +goose Up

-- Blocking keys: records that share a key are compared; records that share
-- none never are. Keys are "d:" DOI, "p:" PMID, "t:" first title words,
-- "u:" last title words, "w:" longest title words, "a:" first author and
-- year, "v:" volume and first page; each is stored as a 64-bit hash of its
-- text.
CREATE TABLE record_keys (
    key       INTEGER NOT NULL,
    record_id INTEGER NOT NULL REFERENCES records (id),
    PRIMARY KEY (key, record_id)
) WITHOUT ROWID;

-- The record a record was found to duplicate (records.match_reason says
-- why); NULL for the record that started its work.
ALTER TABLE records ADD COLUMN matched_record_id INTEGER REFERENCES records (id);

-- What deduplication compares of a record (normalized title, authors,
-- year, journal, volume, pages, identifiers), in a compact form bibdb reads
-- back quickly: a table of its own, so that reading it does not read the
-- record's text. Derived from records.data; rebuilt by bibdb dedupe --rebuild.
CREATE TABLE record_features (
    record_id INTEGER PRIMARY KEY REFERENCES records (id),
    work_id   INTEGER NOT NULL,                -- records.work_id, kept beside the features
    features  TEXT    NOT NULL
);
CREATE INDEX record_features_work ON record_features (work_id);

-- Pairs of records that are neither clearly the same nor clearly
-- different: they are not merged, and wait for a decision (bibdb dupes
-- --review). Derived: rebuilt with the works.
CREATE TABLE review_pairs (
    record_a INTEGER NOT NULL REFERENCES records (id),
    record_b INTEGER NOT NULL REFERENCES records (id),
    score    REAL    NOT NULL,                 -- 0..1, how alike
    reason   TEXT    NOT NULL,                 -- the evidence for and against
    PRIMARY KEY (record_a, record_b)
) WITHOUT ROWID;
CREATE INDEX review_pairs_b ON review_pairs (record_b);

-- A person's verdicts on pairs of records, in the order they were given;
-- for a pair judged more than once the latest counts. They are kept
-- across imports and rebuilds. Records are named by the hash of their file
-- and their position in it, which does not change when the database is
-- rebuilt. after_import is the last import made before the decision, so
-- that a rebuild replays imports and decisions in the order they happened.
CREATE TABLE dedup_decisions (
    id           INTEGER PRIMARY KEY,
    record_a     TEXT    NOT NULL,             -- "sha256:position", the smaller of the two
    record_b     TEXT    NOT NULL,
    verdict      TEXT    NOT NULL CHECK (verdict IN ('same', 'different')),
    decided_at   TEXT    NOT NULL,
    after_import INTEGER NOT NULL
);
CREATE INDEX dedup_decisions_pair ON dedup_decisions (record_a, record_b);

-- +goose Down
DROP TABLE dedup_decisions;
DROP TABLE review_pairs;
DROP TABLE record_features;
ALTER TABLE records DROP COLUMN matched_record_id;
DROP TABLE record_keys;

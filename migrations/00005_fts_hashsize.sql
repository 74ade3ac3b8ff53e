-- The full-text index gathers the terms of new rows in memory and writes
-- them out as a segment of the index whenever they pass hashsize bytes
-- (1 MiB by default); segments are then merged into larger ones. A large
-- import made hundreds of small segments and spent a quarter of its
-- full-text time merging them. With 16 MiB, the 30 000 articles of a
-- PubMed baseline file are indexed in 1.1 s rather than 1.3–1.7 s, for
-- 10 MB more memory at the peak; a small import never fills the buffer,
-- which is written out when its transaction commits.

-- +goose Up
INSERT INTO works_fts (works_fts, rank) VALUES ('hashsize', 16777216);

-- +goose Down
INSERT INTO works_fts (works_fts, rank) VALUES ('hashsize', 1048576);

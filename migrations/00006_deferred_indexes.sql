-- Indexes that a large import dropped (internal/store/bulk.go) and that
-- are still to be built, each with the statement that builds it. The
-- imports of one command leave them to the end of the command, which
-- builds them once rather than once for each file; a library opened with
-- rows here, after a command that was stopped between its files, builds
-- them then. Queries give the same answers without them, only slower.

-- +goose Up
CREATE TABLE deferred_indexes (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL
);

-- +goose Down
DROP TABLE deferred_indexes;

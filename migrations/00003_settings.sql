-- Settings of the library, one value per name. dedup_rules is the version
-- of the deduplication rules that built the works (dedup.RulesVersion):
-- a library built by other rules than the running bibdb's is told so,
-- since bibdb dedupe --rebuild would build its works again with them.

-- +goose Up
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- +goose Down
DROP TABLE settings;

package store

import (
	"context"
	"fmt"
	"os"
)

// deferrableIndexes are the indexes an import never reads. A large import
// drops them at its start and builds them again at its end, inside the
// same transaction: building an index once from sorted rows is much
// cheaper than keeping it up to date row by row.
var deferrableIndexes = []string{
	"works_year", "works_journal", "records_doi", "records_pmid", "authors_family",
	"authorships_author", "authorship_affiliations_affiliation", "work_keywords_keyword", "journal_issns_journal",
}

// bulkThreshold is the smallest file a deferred-index import is worth for.
const bulkThreshold = 4 << 20

// isBulk reports whether an import of size bytes should defer index
// building: the file is large, and large against the database.
func (d *DB) isBulk(size int64) bool {
	if size < bulkThreshold {
		return false
	}
	fi, err := os.Stat(d.Path)
	if err != nil {
		return true
	}
	return size*4 >= fi.Size()
}

// dropIndexes drops the deferrable indexes and returns the statements
// that create them again, as the schema defines them.
func (w *writer) dropIndexes(ctx context.Context) ([]string, error) {
	var create []string
	for _, name := range deferrableIndexes {
		var sql string
		err := w.tx.QueryRowxContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", name).Scan(&sql)
		if err != nil {
			continue // not in this schema version
		}
		if _, err := w.tx.ExecContext(ctx, "DROP INDEX "+name); err != nil {
			return nil, fmt.Errorf("drop index %s: %w", name, err)
		}
		create = append(create, sql)
	}
	return create, nil
}

func (w *writer) createIndexes(ctx context.Context, create []string) error {
	for _, sql := range create {
		if _, err := w.tx.ExecContext(ctx, sql); err != nil {
			return fmt.Errorf("create index: %w", err)
		}
	}
	return nil
}

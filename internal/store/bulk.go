package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"strings"

	"github.com/jmoiron/sqlx"
)

// deferrableIndexes are the indexes an import never reads. A large import
// drops them at its start and builds them again at its end, inside the
// same transaction: building an index once from sorted rows is much
// cheaper than keeping it up to date row by row.
// The indexes on records are not among them: building one again reads
// the text of every record in the library (most of its bytes), which
// costs more than keeping it up to date. records_import_database and
// records_work take an import's rows at their ends; records_doi and
// records_pmid are small.
var deferrableIndexes = []string{
	"works_year", "works_journal", "authors_family",
	"authorships_author", "authorship_affiliations_affiliation", "work_keywords_keyword", "journal_issns_journal",
	"keywords_term",
}

// bulkThreshold is the smallest file a bulk import is worth for.
const bulkThreshold = 4 << 20

// bulkRatio is how many times the size of the file the database may be for
// an import to be a bulk one. A database holds about four times the bytes
// of the exports it was built from (each record's text, its parsed fields,
// the works, indexes and the full-text index), so 16 means a file that
// brings a quarter as many records as the library has, or more. Building
// the indexes again costs about 15 µs per record already in the library;
// keeping them up to date row by row, under write-ahead logging, costs
// about 130 µs per record imported (BenchmarkImportDedup: 100 000 records
// in three files took 38 s when only the first import was a bulk one, 29 s
// when all three were).
const bulkRatio = 16

// isBulk reports whether an import of size bytes is a bulk one, which
// defers index building (dropIndexes) and writes under a rollback journal
// (rollbackJournal): the file is large, and large against the database.
func (d *DB) isBulk(size int64) bool {
	if size < bulkThreshold {
		return false
	}
	fi, err := os.Stat(d.Path)
	if err != nil {
		return true
	}
	return size*bulkRatio >= fi.Size()
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

// contentSize is the size of what a file of size bytes holds: for a gzip
// file (a PubMed baseline file), the size its trailer gives for the data
// uncompressed, which is five to ten times the file's. The trailer holds
// that size modulo 4 GiB, so a file whose data is larger counts as no
// smaller than itself. f is read at its end and left where it was.
func contentSize(f *os.File, size int64) int64 {
	var head, tail [4]byte
	if size < 18 {
		return size
	}
	if _, err := f.ReadAt(head[:2], 0); err != nil || head[0] != 0x1f || head[1] != 0x8b {
		return size
	}
	if _, err := f.ReadAt(tail[:], size-4); err != nil {
		return size
	}
	return max(size, int64(binary.LittleEndian.Uint32(tail[:])))
}

// rollbackJournal switches the database from write-ahead logging to a
// rollback journal for one large transaction on conn, and returns the
// function that switches it back.
//
// Under write-ahead logging every page a transaction writes is written
// twice: to the log, and from the log into the database when the log is
// checkpointed at commit. A rollback journal holds only the old content
// of pages the transaction changes, and nothing for the pages it adds at
// the end of the file, which are most of a large import's. The price is
// that other connections cannot read while the import writes its pages;
// for the small imports that are most of a library's life, write-ahead
// logging (set for every connection in the DSN) stays.
//
// The switch needs the database to itself: while another connection has
// it open, the journal stays as it is and the import runs under
// write-ahead logging. The rollback journal is synced in full: its
// "normal" level is safe only under write-ahead logging.
func rollbackJournal(ctx context.Context, conn *sqlx.Conn) (restore func()) {
	var mode string
	if err := conn.QueryRowxContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil || !strings.EqualFold(mode, "delete") {
		return func() {}
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = FULL"); err != nil {
		conn.ExecContext(ctx, "PRAGMA journal_mode = WAL")
		return func() {}
	}
	return func() {
		// Failing here leaves a database that works as it is; the next
		// connection opened asks for write-ahead logging again.
		conn.ExecContext(context.Background(), "PRAGMA synchronous = NORMAL")
		conn.ExecContext(context.Background(), "PRAGMA journal_mode = WAL")
	}
}

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
// cheaper than keeping it up to date row by row. When more imports follow
// in the same command (ImportOptions.DeferIndexes), they are built once,
// by the last (or DB.BuildIndexes): each build reads all the rows of its
// tables, those of earlier imports too. deferred_indexes holds the ones
// still to be built, so that a command stopped between its files leaves
// them to the next command that opens the library (Open).
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

// dropIndexes drops the deferrable indexes and notes each in
// deferred_indexes, with the statement that creates it again as the schema
// defines it, for buildDeferredIndexes.
func (w *writer) dropIndexes(ctx context.Context) error {
	for _, name := range deferrableIndexes {
		var sql string
		err := w.tx.QueryRowxContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", name).Scan(&sql)
		if err != nil {
			continue // not in this schema version, or dropped already
		}
		if _, err := w.tx.ExecContext(ctx, "INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)", name, sql); err != nil {
			return fmt.Errorf("defer index %s: %w", name, err)
		}
		if _, err := w.tx.ExecContext(ctx, "DROP INDEX "+name); err != nil {
			return fmt.Errorf("drop index %s: %w", name, err)
		}
	}
	return nil
}

// buildDeferredIndexes builds the indexes deferred_indexes lists and
// empties it. It reports whether there were any.
func buildDeferredIndexes(ctx context.Context, tx *sqlx.Tx) (bool, error) {
	var deferred []struct {
		Name string `db:"name"`
		SQL  string `db:"sql"`
	}
	if err := tx.SelectContext(ctx, &deferred, "SELECT name, sql FROM deferred_indexes ORDER BY name"); err != nil {
		return false, fmt.Errorf("deferred indexes: %w", err)
	}
	for _, ix := range deferred {
		if _, err := tx.ExecContext(ctx, ix.SQL); err != nil {
			return false, fmt.Errorf("build index %s: %w", ix.Name, err)
		}
	}
	if len(deferred) == 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM deferred_indexes"); err != nil {
		return false, fmt.Errorf("deferred indexes: %w", err)
	}
	return true, nil
}

// BuildIndexes builds the indexes that imports with DeferIndexes left to
// be built, in one transaction of their own, and reports whether there
// were any. Queries give the same answers before, only slower.
func (d *DB) BuildIndexes(ctx context.Context) (bool, error) {
	var n int
	if err := d.GetContext(ctx, &n, "SELECT count(*) FROM deferred_indexes"); err != nil || n == 0 {
		return false, err
	}
	tx, release, err := d.beginImport(ctx, true)
	if err != nil {
		return false, err
	}
	defer release()
	defer tx.Rollback()
	built, err := buildDeferredIndexes(ctx, tx)
	if err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("build indexes: commit: %w", err)
	}
	return built, nil
}

// flushFTSUnmerged writes the full-text rows of an import, with the
// index's automatic merging off when unmerged is set: for a bulk import
// into a library of at most maxTableRecords records. The rows of each
// such import make a few segments of the index, and merging them into the
// segments of earlier imports as they are written rewrote most of the
// index each time (a fifth of the full-text step of the third file of
// BenchmarkImportDedup). Merging is turned on again for the imports that
// follow, each of which merges a little as it writes; FTS5 still merges
// at once any level that reaches 16 segments (its crisismerge). In a
// larger library those merges of whole levels cost memory (170 MB more at
// the peak of a million records) and saved no time, so merging stays on.
func (w *writer) flushFTSUnmerged(ctx context.Context, unmerged bool) error {
	if !unmerged {
		return w.flushFTS(ctx)
	}
	if _, err := w.tx.ExecContext(ctx, "INSERT INTO works_fts (works_fts, rank) VALUES ('automerge', 0)"); err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	if err := w.flushFTS(ctx); err != nil {
		return err
	}
	if _, err := w.tx.ExecContext(ctx, "INSERT INTO works_fts (works_fts, rank) VALUES ('automerge', 4)"); err != nil {
		return fmt.Errorf("full-text index: %w", err)
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

package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"
)

func journalMode(t *testing.T, db *DB) string {
	t.Helper()
	var mode string
	if err := db.Get(&mode, "PRAGMA journal_mode"); err != nil {
		t.Fatal(err)
	}
	return strings.ToLower(mode)
}

// bulkImport begins a bulk import and adds an import row with the given
// hash; it returns the transaction, its release and the journal mode the
// transaction runs under.
func bulkImport(t *testing.T, db *DB, sha string) (tx *sqlx.Tx, release func(), mode string) {
	t.Helper()
	tx, release, err := db.beginImport(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Get(&mode, "PRAGMA journal_mode"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO imports (path, file_name, sha256, size, format, encoding, imported_at)
		VALUES ('a.ris', 'a.ris', ?, 1, 'ris', 'utf-8', '2026-01-01T00:00:00Z')`, strings.ReplaceAll(sha, "MODE", mode)); err != nil {
		t.Fatal(err)
	}
	return tx, release, mode
}

// TestBulkImportJournal checks that a bulk import runs under a rollback
// journal and gives the database back under write-ahead logging, whether
// its transaction commits or not; and that it keeps write-ahead logging
// when another connection has the database open.
func TestBulkImportJournal(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.sqlite")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := journalMode(t, db); got != "wal" {
		t.Fatalf("journal mode of a new database = %q, want wal", got)
	}

	for _, commit := range []bool{true, false} {
		tx, release, mode := bulkImport(t, db, "MODE:"+map[bool]string{true: "kept", false: "dropped"}[commit])
		var err error
		if commit {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		release()
		if err != nil {
			t.Fatal(err)
		}
		if mode != "delete" {
			t.Errorf("journal mode inside a bulk import = %q, want delete", mode)
		}
		if got := journalMode(t, db); got != "wal" {
			t.Errorf("journal mode after a bulk import (commit %v) = %q, want wal", commit, got)
		}
	}
	var hashes []string
	if err := db.Select(&hashes, "SELECT sha256 FROM imports"); err != nil {
		t.Fatal(err)
	}
	if strings.Join(hashes, ",") != "delete:kept" {
		t.Errorf("imports after a committed and a rolled-back bulk import: %q, want the committed one", hashes)
	}

	// A reader holds the database open: the import stays under write-ahead
	// logging and still writes.
	reader, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	var n int
	if err := reader.Get(&n, "SELECT count(*) FROM imports"); err != nil {
		t.Fatal(err)
	}
	tx, release, mode := bulkImport(t, db, "beside a reader")
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	release()
	if mode != "wal" {
		t.Errorf("journal mode of a bulk import beside a reader = %q, want wal", mode)
	}
	if err := reader.Get(&n, "SELECT count(*) FROM imports"); err != nil || n != 2 {
		t.Errorf("the reader sees %d imports (%v), want 2", n, err)
	}
}

func TestContentSize(t *testing.T) {
	dir := t.TempDir()
	data := []byte(strings.Repeat("<PubmedArticle>a record</PubmedArticle>\n", 5000))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	for _, tc := range []struct {
		name  string
		bytes []byte
		want  int
	}{
		{"plain.xml", data, len(data)},
		{"baseline.xml.gz", gz.Bytes(), len(data)},
		{"short", []byte{0x1f, 0x8b, 1}, 3},
		{"empty", nil, 0},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, tc.bytes, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := contentSize(f, int64(len(tc.bytes))); got != int64(tc.want) {
			t.Errorf("%s: content size %d, want %d", tc.name, got, tc.want)
		}
		f.Close()
	}
}

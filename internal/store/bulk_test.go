package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"slices"
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

// indexNames returns the deferrable indexes the library has, and the
// number of rows of deferred_indexes.
func indexNames(t *testing.T, db *DB) (present []string, deferred int) {
	t.Helper()
	if err := db.Select(&present, "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?, ?, ?, ?, ?, ?, ?) ORDER BY name",
		deferrableIndexes[0], deferrableIndexes[1], deferrableIndexes[2], deferrableIndexes[3],
		deferrableIndexes[4], deferrableIndexes[5], deferrableIndexes[6], deferrableIndexes[7]); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&deferred, "SELECT count(*) FROM deferred_indexes"); err != nil {
		t.Fatal(err)
	}
	return present, deferred
}

// TestDeferredIndexes imports two files large enough to be imported in
// bulk with DeferIndexes, as the import command does: the indexes they
// drop are built neither after the first nor after the second, queries
// answer as they do with them, and the library is given its indexes,
// exactly as the schema defines them, when it is next opened (a command
// stopped between its files) or by BuildIndexes.
func TestDeferredIndexes(t *testing.T) {
	if len(deferrableIndexes) != 8 {
		t.Fatalf("indexNames asks for 8 indexes, there are %d", len(deferrableIndexes))
	}
	ctx := context.Background()
	dir := t.TempDir()
	paths, _ := writeParts(t, dir, 5000, 2, 0.25)
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || fi.Size() < bulkThreshold {
			t.Fatalf("%s is too small to be imported in bulk: %v", p, err)
		}
	}
	schema := openTemp(t)
	want, _ := indexNames(t, schema)
	var wantSQL []string
	if err := schema.Select(&wantSQL, "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(deferrableIndexes) {
		t.Fatalf("a new library has %d of the %d deferrable indexes", len(want), len(deferrableIndexes))
	}

	const query = `SELECT w.id FROM works w JOIN authorships s ON s.work_id = w.id JOIN authors a ON a.id = s.author_id
		WHERE a.family = (SELECT family FROM authors ORDER BY id LIMIT 1) COLLATE NOCASE AND w.year >= 2000 ORDER BY w.id`
	for _, build := range []string{"open", "BuildIndexes", "an import without DeferIndexes"} {
		t.Run(build, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "lib.sqlite")
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { db.Close() }()
			for i, p := range paths {
				res, err := db.ImportFile(ctx, p, ImportOptions{DeferIndexes: true})
				if err != nil {
					t.Fatal(err)
				}
				if !res.Bulk {
					t.Fatalf("file %d was not imported in bulk", i+1)
				}
				if present, deferred := indexNames(t, db); len(present) != 0 || deferred != len(deferrableIndexes) {
					t.Fatalf("after file %d: indexes %q, %d deferred; want none, %d deferred", i+1, present, deferred, len(deferrableIndexes))
				}
			}
			// The full-text index merges its segments again for the
			// imports that follow (see flushFTSBulk).
			var automerge int
			if err := db.Get(&automerge, "SELECT v FROM works_fts_config WHERE k = 'automerge'"); err != nil || automerge != 4 {
				t.Errorf("full-text automerge after bulk imports: %d (%v), want 4", automerge, err)
			}
			var before []int64
			if err := db.Select(&before, query); err != nil || len(before) == 0 {
				t.Fatalf("query without the indexes: %d works, %v", len(before), err)
			}
			switch build {
			case "open":
				db.Close()
				if db, err = Open(ctx, path); err != nil {
					t.Fatal(err)
				}
			case "BuildIndexes":
				if built, err := db.BuildIndexes(ctx); err != nil || !built {
					t.Fatalf("BuildIndexes: %v, %v", built, err)
				}
				if built, err := db.BuildIndexes(ctx); err != nil || built {
					t.Fatalf("BuildIndexes again: %v, %v; want nothing to build", built, err)
				}
			default:
				small := filepath.Join(t.TempDir(), "small.ris")
				if err := os.WriteFile(small, []byte("TY  - JOUR\nTI  - A small file\nER  - \n"), 0o644); err != nil {
					t.Fatal(err)
				}
				if res, err := db.ImportFile(ctx, small, ImportOptions{}); err != nil || res.Bulk {
					t.Fatalf("small import: %v (bulk %v)", err, res != nil && res.Bulk)
				}
			}
			present, deferred := indexNames(t, db)
			if !slices.Equal(present, want) || deferred != 0 {
				t.Errorf("indexes %q, %d deferred; want %q, none deferred", present, deferred, want)
			}
			var gotSQL []string
			if err := db.Select(&gotSQL, "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(gotSQL, wantSQL) {
				t.Errorf("indexes:\n%s\nwant, as a new library has them:\n%s", strings.Join(gotSQL, "\n"), strings.Join(wantSQL, "\n"))
			}
			var after []int64
			if err := db.Select(&after, query); err != nil || !slices.Equal(after, before) {
				t.Errorf("query with the indexes: %v (%v), without: %v", after, err, before)
			}
		})
	}
}

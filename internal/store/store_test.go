package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenLeavesOtherFilesAlone checks that a file that is no bibdb
// library, given by mistake, is refused for reading and for writing and
// left byte for byte as it was, while an empty database file and a
// library of this bibdb open, both with bibdb's page size.
func TestOpenLeavesOtherFilesAlone(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	other := filepath.Join(dir, "zotero.sqlite")
	odb, err := sql.Open("sqlite", "file:"+other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := odb.Exec("CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT)"); err != nil {
		t.Fatal(err)
	}
	odb.Close()
	text := filepath.Join(dir, "export.ris")
	if err := os.WriteFile(text, []byte("TY  - JOUR\nTI  - A title\nER  - \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{other, text} {
		before, _ := os.ReadFile(path)
		if db, err := Open(ctx, path); err == nil || !errors.Is(err, ErrNotLibrary) {
			if db != nil {
				db.Close()
			}
			t.Errorf("Open(%s) = %v, want ErrNotLibrary", filepath.Base(path), err)
		}
		if db, err := OpenReadOnly(ctx, path); err == nil || !errors.Is(err, ErrNotLibrary) {
			if db != nil {
				db.Close()
			}
			t.Errorf("OpenReadOnly(%s) = %v, want ErrNotLibrary", filepath.Base(path), err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s changed", filepath.Base(path))
		}
		if m, _ := filepath.Glob(path + "-*"); len(m) > 0 {
			t.Errorf("%s gained %v", filepath.Base(path), m)
		}
	}

	empty := filepath.Join(dir, "empty.sqlite")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	lib := filepath.Join(dir, "lib.sqlite")
	for _, path := range []string{empty, lib, lib} { // lib is created, then opened again
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("Open(%s): %v", filepath.Base(path), err)
		}
		// the empty file is made a library as a new one is
		var size int
		if err := db.Get(&size, "PRAGMA page_size"); err != nil || size != pageSize {
			t.Errorf("%s: page size %d (%v), want %d", filepath.Base(path), size, err, pageSize)
		}
		db.Close()
	}
	db, err := OpenReadOnly(ctx, lib)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// TestFullTextBuffer checks that a library's full-text index gathers new
// terms in a buffer of 16 MiB (migration 5), not FTS5's default 1 MiB,
// and that the index answers as before once the buffer is written out.
func TestFullTextBuffer(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "lib.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var size int
	if err := db.Get(&size, "SELECT v FROM works_fts_config WHERE k = 'hashsize'"); err != nil || size != 16<<20 {
		t.Errorf("hashsize %d (%v), want %d", size, err, 16<<20)
	}
	if _, err := db.ImportReader(ctx, "a.ris", bytes.NewReader([]byte("TY  - JOUR\nTI  - Buffered terms of the full-text index\nER  - \n")), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Get(&n, "SELECT count(*) FROM works_fts WHERE works_fts MATCH 'buffered'"); err != nil || n != 1 {
		t.Errorf("%d works match (%v), want 1", n, err)
	}
}

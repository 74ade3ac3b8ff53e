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

package ingest_test

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

// TestRecordJSON checks that every record of the project's test data and
// of the shared corpus (when present), stored as JSON the way a library
// stores it, is read back by bib.DecodeJSON as encoding/json reads it.
func TestRecordJSON(t *testing.T) {
	roots := []string{filepath.Join("..", "..", "testdata")}
	t.Run("corpus", func(t *testing.T) {
		checkRecordJSON(t, ingesttest.CorpusDir(t, ""))
	})
	for _, root := range roots {
		checkRecordJSON(t, root)
	}
}

func checkRecordJSON(t *testing.T, root string) {
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		s, err := ingest.Open(path, f, ingest.Options{})
		if err != nil {
			return nil // not an export
		}
		for {
			rec, err := s.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				continue
			}
			data, err := json.Marshal(rec)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			got, err := bib.DecodeJSON(data)
			want := &bib.Record{}
			if uerr := json.Unmarshal(data, want); err != nil || uerr != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s, record %d: DecodeJSON gives\n%+v (%v)\nencoding/json\n%+v (%v)", path, rec.Position, got, err, want, uerr)
			}
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d records", root, n)
}

package csvtable_test

import (
	"bytes"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest"
	"github.com/bibdb/bibdb/internal/ingest/csvtable"
)

// TestDetectWriterOutput checks that bibdb recognises its own table, with
// and without a byte-order mark, and reads it through the registry.
func TestDetectWriterOutput(t *testing.T) {
	for _, bom := range []bool{false, true} {
		var out bytes.Buffer
		w := csvtable.NewWriter(&out)
		w.BOM = bom
		if err := w.Write(&bib.Record{Title: "A title", Authors: []bib.Person{{Family: "Byng", Given: "R."}}, Date: bib.Date{Year: 2023}}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		s, err := ingest.OpenBytes("works.csv", out.Bytes(), ingest.Options{})
		if err != nil {
			t.Fatalf("BOM %v: %v", bom, err)
		}
		if s.Format.Name != "csv" {
			t.Errorf("BOM %v: detected %s, want csv", bom, s.Format.Name)
		}
		recs, bad, err := ingest.ReadAll(s)
		if err != nil || len(bad) > 0 || len(recs) != 1 || recs[0].Title != "A title" {
			t.Errorf("BOM %v: read %d records, %v %v", bom, len(recs), bad, err)
		}
	}
}

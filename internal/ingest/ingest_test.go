package ingest_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest"
)

// TestMissingFieldWarning checks the file-level warning for key fields
// that no record of a file has, as in exports of a few chosen fields.
func TestMissingFieldWarning(t *testing.T) {
	full := "TY  - JOUR\nTI  - A title\nAU  - Smith, J.\nPY  - 2001\nT2  - A Journal\nER  - \n\n"
	tests := []struct {
		name, in string
		want     string // the warning, "" for none
	}{
		{"full records", strings.Repeat(full, 3), ""},
		{"one record lacks all", full + "TY  - JOUR\nN1  - a note\nER  - \n", ""},
		{"a single record", "TY  - JOUR\nTI  - Only a title\nER  - \n", ""},
		{"no authors, no year", strings.Repeat("TY  - JOUR\nTI  - A title\nT2  - A Journal\nER  - \n\n", 2),
			"none of the 2 records has authors or a year"},
		{"no journal for articles", strings.Repeat("TY  - JOUR\nTI  - A title\nAU  - Smith, J.\nPY  - 2001\nER  - \n\n", 3),
			"none of the 3 records has a journal"},
		{"books need no journal", strings.Repeat("TY  - BOOK\nTI  - A title\nAU  - Smith, J.\nPY  - 2001\nER  - \n\n", 3), ""},
		{"nothing at all", strings.Repeat("TY  - JOUR\nN1  - a note\nER  - \n\n", 2),
			"none of the 2 records has a title, authors, a year or a journal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ingest.Open("test.ris", strings.NewReader(tt.in), ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := ingest.ReadAll(s); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range s.Warnings() {
				if strings.HasPrefix(w.Msg, "none of the") {
					got = append(got, w.Msg)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warned %q", got)
			case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want+":")):
				t.Errorf("warnings %q, want one starting %q", got, tt.want)
			}
		})
	}
}

// TestGzipDamaged checks that a gzip-compressed file cut short or with a
// damaged end keeps the records before the damage and reports it as a
// problem at the line reached, not as the failure of the whole file.
func TestGzipDamaged(t *testing.T) {
	var text strings.Builder
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&text, "TY  - JOUR\nTI  - Title number %d of a file long enough to be cut\nAU  - Smith, J.\nPY  - 2001\nER  - \n\n", i)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(text.String()))
	zw.Close()
	whole := buf.Bytes()
	padded := append(bytes.Clone(whole), make([]byte, 100)...)
	badCRC := bytes.Clone(whole)
	badCRC[len(badCRC)-8] ^= 0xff // the CRC-32 of the trailer
	tests := []struct {
		name       string
		in         []byte
		minRecords int
		maxRecords int
		problem    string
		warning    string
	}{
		{"whole", whole, 200, 200, "", ""},
		{"padded with zeros", padded, 200, 200, "", "bytes after the end of the gzip-compressed data are no gzip data"},
		{"cut short", whole[:len(whole)/2], 1, 199, "the gzip-compressed file ends early, after this line", ""},
		{"bad checksum", badCRC, 200, 200, "the gzip-compressed data is damaged after this line", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ingest.OpenBytes("test.ris.gz", tt.in, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			recs, bad, err := ingest.ReadAll(s)
			if err != nil {
				t.Fatalf("fatal error %v; want the records before the damage", err)
			}
			if len(recs) < tt.minRecords || len(recs) > tt.maxRecords {
				t.Errorf("%d records, want %d to %d", len(recs), tt.minRecords, tt.maxRecords)
			}
			var warns []string
			for _, w := range s.Warnings() {
				warns = append(warns, w.Msg)
			}
			if got := strings.Join(warns, "\n"); tt.warning == "" && strings.Contains(got, "gzip") || !strings.Contains(got, tt.warning) {
				t.Errorf("warnings %q, want %q", warns, tt.warning)
			}
			if tt.problem == "" {
				if len(bad) > 0 {
					t.Errorf("problems %v", bad)
				}
				return
			}
			if len(bad) == 0 {
				t.Fatalf("no problem reported, want %q", tt.problem)
			}
			var pe *bib.ParseError
			last := bad[len(bad)-1]
			if !errors.As(last, &pe) || pe.File != "test.ris.gz" || pe.Line < 2 || !strings.Contains(pe.Error(), tt.problem) {
				t.Errorf("last problem %v, want one naming the file and a line, saying %q", last, tt.problem)
			}
		})
	}
}

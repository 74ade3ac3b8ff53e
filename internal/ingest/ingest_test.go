package ingest_test

import (
	"strings"
	"testing"

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

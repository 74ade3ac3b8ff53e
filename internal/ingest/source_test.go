package ingest

import (
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
)

func TestDatabaseName(t *testing.T) {
	for in, want := range map[string]string{
		"Ovid MEDLINE(R) <1946 to Present>": "Ovid MEDLINE",
		"Embase Classic+Embase":             "Embase",
		"NLM":                               "PubMed",
		"PubMed Central":                    "PubMed Central",
		"Web of Science Core Collection":    "Web of Science",
		"Scopus":                            "Scopus",
		"psyh":                              "PsycINFO",
		"ECN":                               "EconLit",
		"cmedm":                             "MEDLINE",
		"egh":                               "egh", // a code not known for certain stays as written
		"EBSCOhost egh":                     "EBSCOhost (egh)",
		"EBSCOhost psyh":                    "PsycINFO",
		"Lens.org":                          "Lens",
		"wavelength lenses":                 "wavelength lenses",
		"  ":                                "",
	} {
		if got := DatabaseName(in); got != want {
			t.Errorf("DatabaseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRecordDatabase(t *testing.T) {
	tests := []struct {
		name string
		rec  bib.Record
		want string
	}{
		{"database field", bib.Record{Database: "Ovid MEDLINE(R)"}, "Ovid MEDLINE"},
		{"WOS accession number", bib.Record{SourceID: "WOS:000123456700001"}, "Web of Science"},
		{"Scopus EID", bib.Record{SourceID: "2-s2.0-85012345678"}, "Scopus"},
		{"CENTRAL accession number", bib.Record{SourceID: "CN-01904727"}, "Cochrane Library"},
		{"CN- but no CENTRAL number", bib.Record{SourceID: "CN-12"}, ""},
		{"Cochrane Library link", bib.Record{URLs: []string{"https://www.cochranelibrary.com/central/doi/10.1002/central/CN-01904727/full"}}, "Cochrane Library"},
		{"Embase.com link", bib.Record{URLs: []string{"http://www.embase.com/search/results?subaction=viewrecord&from=export&id=L351844657"}}, "Embase"},
		{"nothing to tell", bib.Record{SourceID: "17"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RecordDatabase(&tt.rec); got != tt.want {
				t.Errorf("RecordDatabase = %q, want %q", got, tt.want)
			}
		})
	}
}

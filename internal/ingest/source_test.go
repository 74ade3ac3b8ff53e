package ingest

import "testing"

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
		"Lens.org":                          "Lens",
		"wavelength lenses":                 "wavelength lenses",
		"  ":                                "",
	} {
		if got := DatabaseName(in); got != want {
			t.Errorf("DatabaseName(%q) = %q, want %q", in, got, want)
		}
	}
}

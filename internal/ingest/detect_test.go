package ingest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head, ext string
		want            string // the format, or a part of the error
		refused         bool
	}{
		{"RIS", "TY  - JOUR\nTI  - A\nER  - \n", ".ris", "ris", false},
		{"MEDLINE", "PMID- 123\nTI  - A\n", ".txt", "medline", false},
		{"EndNote tagged", "%0 Journal Article\n%T A\n", ".txt", "enw", false},
		{"Web of Science", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n", ".txt", "wos", false},
		{"BibTeX", "@article{a, title = {A}}\n", ".bib", "bibtex", false},
		{"PubMed XML", "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n", ".xml", "pubmedxml", false},
		{"Ovid's own format", "<1. >\nVN  - Ovid Technologies\nDB  - Embase\n", ".txt", "ovid", false},
		{"Ovid with field labels", "<1>\nAuthors\n  Smith J.\n", ".txt", "ovid", false},
		{"Ovid after its search history", "Database: Embase <1974 to 2026 November 24>\nSearch Strategy:\n--------\n1     exp depression/ (482113)\n\n<1>\nVN  - Ovid Technologies\nTI  - A\n", ".txt", "ovid", false},
		{"Ovid without record numbers", "VN  - Ovid Technologies\nDB  - Embase\nAU  - Behan L.\nTI  - A\n", ".txt", "ovid", false},
		{"Ovid with field labels and no record numbers", "\nScore\n  ***\nAccession Number\n  00005131-900000000-99049.\nAuthor\n  Verbeek, Jan MD\nTitle\n  A\nSource\n  Journal. \n", ".txt", "ovid", false},
		{"JabRef's empty library", "% Encoding: UTF-8\n", ".bib", "bibtex", false},
		{"comments of no BibTeX file", "% Encoding: UTF-8\n", ".txt", "", true},
		{"labels of no export", "Title\n  A\nAuthor\n  B\nNotes\n  C\n", ".txt", "", true},
		{"RIS with Ovid's record numbers", "<1. >\nTY  - JOUR\nTI  - A\nER  - \n", ".ris", "ris", false},
		{"Cochrane plain text", "Record #1 of 2\nID: CN-02117212\nAU: Smith J\nTI: A trial\n", ".txt", "Cochrane Library's plain-text export", true},
		{"RIS behind a provider header", "Record #1 of 2\nProvider: Provider\n1.\nTY  - JOUR\nTI  - A\nER  - \n", ".ris", "ris", false},
		{"other XML", "<?xml version=\"1.0\"?>\n<Publication>\n", ".xml", "root element <Publication>", true},
		{"HTML", "<!DOCTYPE html>\n<html>\n", ".ris", "HTML page", true},
		{"PDF", "%PDF-1.7\n", ".ris", "PDF document", true},
		{"a letter", "Dear colleague,\nplease find the papers attached.\n", ".txt", "not a bibliographic export", true},
		{"NoteExpress", "{Reference Type}: Journal Article\n{Title}: A title\n{Year}: 2020\n", ".net", "NoteExpress's own format", true},
		{"EndNote XML", "<?xml version=\"1.0\"?><xml><records><record><ref-type name=\"Journal Article\">17</ref-type>", ".xml", "endnotexml", false},
		{"EndNote XML in capitals", "<XML><RECORDS><RECORD><REFERENCE_TYPE>0</REFERENCE_TYPE><REFNUM>1</REFNUM>", ".xml", "endnotexml", false},
		{"CSL-JSON array", `[{"id": "a", "type": "book", "title": "A"}]`, ".json", "csl-json", false},
		{"one CSL-JSON item", `{"type": "book", "title": "A", "author": [{"family": "B"}]}`, ".json", "csl-json", false},
		{"one CSL-JSON item, cut short", `{"id": "a", "type": "book", "abstract": "a long abstract cut short by the sniff`, ".json", "csl-json", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := detectName([]byte(tt.head), tt.ext)
			if tt.refused {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("detectName = %q, %v; want an error saying %q", got, err, tt.want)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("detectName = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestDetectWritten detects what each writer writes of records holding
// little (a title alone, a title and an abstract) as that writer's format.
func TestDetectWritten(t *testing.T) {
	recs := []*bib.Record{
		{Type: "document", Title: "A title alone"},
		{Type: "manuscript", Title: "A manuscript", Abstract: "An abstract."},
	}
	for _, f := range Formats {
		if f.NewWriter == nil {
			continue
		}
		for _, rec := range recs {
			var out bytes.Buffer
			w := f.NewWriter(&out)
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if got, err := detectName(out.Bytes(), ".txt"); err != nil || got != f.Name {
				t.Errorf("%s of %q detected as %q, %v:\n%s", f.Name, rec.Title, got, err, out.Bytes())
			}
		}
	}
}

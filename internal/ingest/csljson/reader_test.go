package csljson

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

func newReader(r io.Reader) ingesttest.Reader { return NewReader(r) }

func TestGolden(t *testing.T) { ingesttest.RunGolden(t, newReader) }

func readFile(t *testing.T, name string) ([]*bib.Record, []error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return recs, perrs
}

func roundTrip(t *testing.T, recs []*bib.Record) []*bib.Record {
	t.Helper()
	back, _ := ingesttest.RoundTrip(t, recs, func(w io.Writer) ingesttest.Writer { return NewWriter(w) }, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
	return back
}

func TestRoundTripGenerated(t *testing.T) {
	ingesttest.RoundTripGenerated(t, 3, ingesttest.AllFields, func(w io.Writer) ingesttest.Writer { return NewWriter(w) }, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}

func TestRoundTripEdgeCases(t *testing.T) {
	recs := []*bib.Record{{
		SourceID: "rec-1", Type: "chapter", Title: "A title with <angle> brackets & an ampersand",
		ShortTitle: "A title", TranslatedTitle: "Ein Titel", OriginalTitle: "Ein Titel im Original",
		Authors: []bib.Person{
			{Family: "Byng", Given: "Richard", ORCID: "0000-0001-2345-6789", Affiliations: []string{"University of Plymouth"}},
			{Literal: "PARTNERS2 Study Group"},
			{Family: "Berg", Particle: "van der", Given: "Jan", Suffix: "Jr."},
		},
		Editors:      []bib.Person{{Family: "Müller", Given: "Anna"}},
		Translators:  []bib.Person{{Family: "Maude", Given: "Aylmer"}},
		Affiliations: []string{"Record-level"},
		Date:         bib.Date{Year: 2021, Month: 3, Day: 9, Season: "Spring", Raw: "2021 Mar 9-12"},
		Container:    "A Book", ContainerAbbrev: "Bk", Series: "A Series", Volume: "12", Issue: "3-4",
		FirstPage: "e101", LastPage: "e110", ArticleNumber: "101", Edition: "2", Publisher: "Pub", Place: "Place",
		CollectionNumber: "7", NumberOfPages: "vi+309", Version: "1.2", EventPlace: "Vienna", Accessed: bib.Date{Year: 2023, Month: 6, Day: 19},
		Abstract: "Abstract.", Language: "en",
		Identifiers: []bib.Identifier{{Scheme: bib.DOI, Value: "10.1000/a"}, {Scheme: bib.DOI, Value: "10.1000/b"},
			{Scheme: bib.PMID, Value: "123"}, {Scheme: bib.PMCID, Value: "PMC456"}, {Scheme: bib.ISBN, Value: "9780199282548"},
			{Scheme: bib.ISBN, Value: "9780191700200"}, {Scheme: bib.EID, Value: "2-s2.0-1"}, {Scheme: "embase", Value: "L2001"}},
		ISSNs:            []bib.ISSN{{Value: "0007-1250", Kind: bib.ISSNPrint}, {Value: "1234-5679", Kind: bib.ISSNLinking}, {Value: "2049-3630"}},
		Keywords:         []bib.Keyword{{Term: "care", Vocabulary: bib.VocabAuthor}, {Term: "Neoplasms", Vocabulary: bib.VocabMeSH, Qualifier: "therapy", Major: true, UI: "D009369"}},
		PublicationTypes: []string{"Book Chapter"},
		URLs:             []string{"https://example.org/a", "https://example.org/b"},
		Notes:            []string{"PMID: 999 is only a note here", "Second note"},
		Database:         "Scopus",
	}, {
		Type: "report", Title: "No year", Date: bib.Date{Raw: "in press"},
	}}
	back := roundTrip(t, recs)
	for i := range recs {
		if back[i].Date.Raw != recs[i].Date.Raw {
			t.Errorf("record %d: date as written %q, want %q", i+1, back[i].Date.Raw, recs[i].Date.Raw)
		}
		ingesttest.CompareRecords(t, recs[i], back[i], ingesttest.AllFields)
	}
}

func TestBrokenItems(t *testing.T) {
	recs, perrs := readFile(t, "broken_items.input")
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.SourceID)
	}
	if got, want := strings.Join(ids, " "), "ok1 ok2 ok3 typed ok4"; got != want {
		t.Errorf("records %s, want %s", got, want)
	}
	wantLines := []int{3, 4, 7}
	if len(perrs) != len(wantLines) {
		t.Fatalf("got %d errors, want %d: %v", len(perrs), len(wantLines), perrs)
	}
	for i, e := range perrs {
		var pe *bib.ParseError
		if !errors.As(e, &pe) || pe.Line != wantLines[i] {
			t.Errorf("error %d = %v, want one at line %d", i, e, wantLines[i])
		}
	}
	for _, r := range recs {
		if r.SourceID == "typed" && (len(r.Warnings) == 0 || len(r.Authors) != 1) {
			t.Errorf("item with a mistyped variable: warnings %v, authors %v", r.Warnings, r.Authors)
		}
	}
	if recs[len(recs)-1].Position != 8 || recs[len(recs)-1].Line != 10 {
		t.Errorf("last item at position %d, line %d; want 8, 10", recs[len(recs)-1].Position, recs[len(recs)-1].Line)
	}
}

// TestTrailingComma reads arrays with a comma after their last item: the
// items are all read, and the comma is a warning at its line, not an
// item that cannot be read.
func TestTrailingComma(t *testing.T) {
	tests := []struct {
		name, in string
		records  int
		line     int
	}{
		{"compact", `[{"id": "a", "title": "x"},]`, 1, 1},
		{"one to a line", "[\n{\"id\": \"a\", \"title\": \"x\"},\n{\"id\": \"b\", \"title\": \"y\"},\n]\n", 2, 4},
		{"indented", "[\n  {\n    \"id\": \"a\",\n    \"title\": \"x\"\n  } ,\n\n]", 1, 7},
	}
	for _, tt := range tests {
		for _, fast := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/fast=%v", tt.name, fast), func(t *testing.T) {
				defer func(old bool) { noFastDecoder = old }(noFastDecoder)
				noFastDecoder = !fast
				r := NewReader(strings.NewReader(tt.in))
				recs, perrs, err := ingesttest.ReadAll(r)
				if err != nil || len(perrs) > 0 {
					t.Fatalf("errors %v %v, want none", err, perrs)
				}
				if len(recs) != tt.records {
					t.Errorf("%d records, want %d", len(recs), tt.records)
				}
				w := r.Warnings()
				if len(w) != 1 || w[0].Line != tt.line || !strings.Contains(w[0].Msg, "comma after the last item") {
					t.Errorf("warnings %v, want one at line %d about the comma", w, tt.line)
				}
			})
		}
	}
}

func TestTruncated(t *testing.T) {
	recs, perrs := readFile(t, "truncated.input")
	if len(recs) != 1 || len(perrs) != 1 {
		t.Fatalf("got %d records and %d errors, want 1 and 1", len(recs), len(perrs))
	}
	if pe := perrs[0].(*bib.ParseError); pe.Line != 3 {
		t.Errorf("error at line %d, want 3: %v", pe.Line, pe)
	}
}

func TestNotJSON(t *testing.T) {
	r := NewReader(strings.NewReader("TY  - JOUR\nTI  - A RIS record\nER  - \n"))
	_, err := r.Read()
	if !bib.IsParseError(err) || !strings.Contains(err.Error(), "expected an array") {
		t.Fatalf("got %v, want a parse error", err)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("second Read = %v, want io.EOF", err)
	}
}

// TestNotCSLObject reads files whose top-level object is no CSL item nor
// a wrapper of items: the file is refused with one error naming the line,
// and nothing after it is read.
func TestNotCSLObject(t *testing.T) {
	for _, in := range []string{
		`{"pandoc-api-version": [1, 23], "meta": {}, "blocks": []}`,
		"\n{\"pandoc-api-version\": [1, 17], \"pandoc-csl-json\": [{\"id\": \"k\", \"type\": \"book\", \"title\": [{\"t\": \"Str\"}]}]}\n{\"title\": \"x\"}",
		`{"empty": {}, "ids": [{"id": "a"}], "blocks": [{"t": "Para"}]}`,
	} {
		recs, perrs, err := ingesttest.ReadAll(NewReader(strings.NewReader(in)))
		if err != nil || len(recs) != 0 || len(perrs) != 1 {
			t.Errorf("%s: got %d records, errors %v %v; want one error", in, len(recs), perrs, err)
			continue
		}
		var pe *bib.ParseError
		if !errors.As(perrs[0], &pe) || !strings.Contains(pe.Error(), "not CSL-JSON") || pe.Line != strings.Count(in[:strings.IndexByte(in, '{')], "\n")+1 {
			t.Errorf("%s: error %v, want one saying the file is not CSL-JSON at the object's line", in, perrs[0])
		}
	}
	// Further in a file, such an object is an item with nothing to read:
	// kept, so that no item goes missing, with a warning naming its line.
	in := `{"title": "first"}` + "\n" + `{"pandoc-api-version": [1, 23], "blocks": []}` + "\n" + `{"title": "third"}`
	recs, perrs, err := ingesttest.ReadAll(NewReader(strings.NewReader(in)))
	if err != nil || len(recs) != 3 || len(perrs) != 0 {
		t.Fatalf("got %d records, errors %v %v; want 3 records", len(recs), perrs, err)
	}
	if w := recs[1].Warnings; len(w) != 1 || w[0].Line != 2 || !strings.Contains(w[0].Msg, "item 2 has none of the variables") {
		t.Errorf("item 2 warnings %v, want one at line 2 saying it has nothing to read", w)
	}
}

// TestObjectOfLists checks that a file that is one object holding lists
// of items (an API's response, pandoc's) gives the items of its lists
// that hold something, with a warning naming the lists.
func TestObjectOfLists(t *testing.T) {
	in := `{"meta": {"count": 3}, "results": [{"id": "https://openalex.org/W1", "title": "First"}, {"id": "w2"}, 7],` + "\n" +
		`"pandoc-csl-json": [{"type": "book", "title": "Second", "author": [{"family": "Okafor"}]}], "blocks": [{"t": "Para"}]}`
	for _, fast := range []bool{true, false} {
		noFastDecoder = !fast
		r := NewReader(strings.NewReader(in))
		recs, perrs, err := ingesttest.ReadAll(r)
		noFastDecoder = false
		if err != nil || len(perrs) != 0 || len(recs) != 2 || recs[0].Title != "First" || recs[1].Title != "Second" || recs[1].Position != 2 {
			t.Fatalf("fast %v: got %d records %v %v", fast, len(recs), perrs, err)
		}
		if w := r.Warnings(); len(w) != 1 || !strings.Contains(w[0].Msg, `"results", "pandoc-csl-json"`) {
			t.Errorf("warnings %v, want one naming the lists read", w)
		}
	}
}

// TestCitation checks that a CSL citation (csl-citation.json, as Zotero
// and Mendeley keep one in a document) gives the items its cited items
// hold in itemData.
func TestCitation(t *testing.T) {
	in := `{"citationID": "c1", "properties": {"noteIndex": 0}, "citationItems": [` +
		`{"id": "a", "locator": "12", "itemData": {"id": "a", "type": "article-journal", "title": "Cited first", "issued": {"date-parts": [["2019", "5"]]}}},` +
		`{"id": "b", "itemData": {"id": "b", "type": "book", "title": "Cited second"}}],` +
		`"schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"}`
	for _, fast := range []bool{true, false} {
		noFastDecoder = !fast
		recs, perrs, err := ingesttest.ReadAll(NewReader(strings.NewReader(in)))
		noFastDecoder = false
		if err != nil || len(perrs) != 0 || len(recs) != 2 {
			t.Fatalf("fast %v: got %d records %v %v", fast, len(recs), perrs, err)
		}
		if recs[0].Title != "Cited first" || recs[0].Date.String() != "2019-05" || recs[1].Type != "book" || recs[1].SourceID != "b" {
			t.Errorf("fast %v: got %q %q %q %q", fast, recs[0].Title, recs[0].Date.String(), recs[1].Type, recs[1].SourceID)
		}
	}
}

func TestEmpty(t *testing.T) {
	for _, in := range []string{"", " \n", "[]", "[\n]\n", "\ufeff[]"} {
		recs, perrs, err := ingesttest.ReadAll(NewReader(strings.NewReader(in)))
		if err != nil || len(recs) != 0 || len(perrs) != 0 {
			t.Errorf("%q: got %d records, %v %v", in, len(recs), perrs, err)
		}
	}
}

func TestDates(t *testing.T) {
	recs, perrs := readFile(t, "dates_seasons.input")
	if len(perrs) > 0 {
		t.Fatal(perrs)
	}
	want := map[string]bib.Date{
		"spring":           {Year: 2017, Season: "Spring"},
		"summer13":         {Year: 2017, Season: "Summer", Raw: "2017-14/2017-15"},
		"season-field":     {Year: 2010, Season: "Autumn"},
		"season-name":      {Year: 2011, Season: "Winter"},
		"range":            {Year: 2014, Month: 12, Day: 31, Raw: "2014-12-31/2015-01-01"},
		"bce":              {Raw: "-2012-13"},
		"raw":              {Year: 2007, Month: 8, Day: 15},
		"literal":          {Year: 1987, Season: "Spring", Raw: "Spring 1987"},
		"circa":            {Year: 1901},
		"string":           {Year: 2019, Month: 5, Day: 4},
		"old-form":         {Year: 2013, Month: 1},
		"accessed-only":    {},
		"edtf-range":       {Year: 2000, Month: 1, Day: 1, Raw: "2000-01-01/2010-10-10"},
		"edtf-open-start":  {Year: 2004, Month: 1, Day: 1, Raw: "../2004-01-01"},
		"edtf-approximate": {Year: 1999},
		"edtf-key":         {Year: 2003, Season: "Spring", Raw: "2003-21"},
	}
	for _, r := range recs {
		if w, ok := want[r.SourceID]; !ok || r.Date != w {
			t.Errorf("%s: date %+v, want %+v", r.SourceID, r.Date, w)
		}
	}
}

func TestNoteIdentifiers(t *testing.T) {
	tests := []struct {
		note, rest string
		ids        []string
	}{
		{"PMID: 35319117\nPMCID: PMC9151451\nmy-note: keep", "my-note: keep", []string{"pmid:35319117", "pmcid:PMC9151451"}},
		{"{:DOI: 10.1111/jvim.16404}", "", []string{"doi:10.1111/jvim.16404"}},
		{"Place: United States PMID: 22222222  PMCID: PMC3333333", "Place: United States", []string{"pmid:22222222", "pmcid:PMC3333333"}},
		{"PMID: not a number", "PMID: not a number", nil},
		{"arXiv: 2101.00001", "", []string{"arxiv:2101.00001"}},
	}
	for _, tt := range tests {
		var rec bib.Record
		rest := noteIdentifiers(&rec, tt.note)
		var ids []string
		for _, id := range rec.Identifiers {
			ids = append(ids, id.Scheme+":"+id.Value)
		}
		if rest != tt.rest || strings.Join(ids, " ") != strings.Join(tt.ids, " ") {
			t.Errorf("noteIdentifiers(%q) = %q, %v; want %q, %v", tt.note, rest, ids, tt.rest, tt.ids)
		}
	}
}

func TestSplitKeywords(t *testing.T) {
	tests := []struct {
		in        string
		fromArray bool
		want      []string
	}{
		{"a; b, c", false, []string{"a", "b, c"}},
		{"a, b, c", false, []string{"a", "b", "c"}},
		{"Neoplasms, Experimental", true, []string{"Neoplasms, Experimental"}},
		{" ; a ;", false, []string{"a"}},
	}
	for _, tt := range tests {
		if got := splitKeywords(tt.in, tt.fromArray); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitKeywords(%q, %v) = %q, want %q", tt.in, tt.fromArray, got, tt.want)
		}
	}
}

// TestCorpus reads every CSL-JSON file of the shared corpus without an
// error, with the record counts of the corpus manifest.
func TestCorpus(t *testing.T) {
	dir := ingesttest.CorpusDir(t, "csljson")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	counts := map[string]int{"citationjs__mapping-biblatex-csl.json": 28, "citationjs__mapping-bibtex-csl.json": 16,
		"bbt__Export_of_creator-type_fields_from_embedded_CSL_variables_365_uppercase_DOI_825.csl.json": 7,
		"bbt__Season_ranges_should_be_exported_as_pseudo-months_13-16_or_21-24_860.csl.json":            6,
		"bbt__Setting_the_item_type_via_the_cheater_syntax_587.csl.json":                                5,
		"bbt__Pandoc-LaTeX-SCHOMD_Citation_Export.csl.json":                                             4,
		"bbt__Postscript_error_aborts_CSL_JSON_export_1155.csl.json":                                    4}
	// citation.js's test data is one object holding lists of items under
	// names of its own: the items with something to read in them are read.
	counts["citationjs__core-test-data.json"] = 9
	refused := map[string]bool{}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
			if refused[filepath.Base(f)] {
				if err != nil || len(recs) != 0 || len(perrs) != 1 || !strings.Contains(perrs[0].Error(), "not CSL-JSON") {
					t.Errorf("got %d records and errors %v %v, want the file refused", len(recs), perrs, err)
				}
				return
			}
			if err != nil || len(perrs) > 0 {
				t.Fatalf("errors: %v %v", err, perrs)
			}
			want, ok := counts[filepath.Base(f)]
			if !ok {
				want = 1
			}
			if len(recs) != want {
				t.Errorf("got %d records, want %d", len(recs), want)
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	ingesttest.AddFuzzSeeds(f, "*.input")
	f.Add([]byte(`[{"title": "a"}, {"title": }, {"title": "b"}]`))
	f.Add([]byte(`{"message": {"items": [1, {"title": "x"}]}}`))
	f.Add([]byte("[\n  {\"title\": \"a\n  {\"title\": \"b\"}\n]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ingesttest.CheckReader(t, NewReader(bytes.NewReader(b)), len(b))
	})
}

// TestDatesThatAreNoDates reads dates holding eight-digit numbers that
// are no YYYYMMDD date: the reader keeps no date from them, and a year
// written beside one is still read.
func TestDatesThatAreNoDates(t *testing.T) {
	in := `[{"title": "a", "issued": {"raw": "21962020"}}, {"title": "b", "issued": {"date-parts": [["20201399"]]}},
	{"title": "c", "issued": {"literal": "printed 20201399, 2018"}}]`
	recs, perrs, err := ingesttest.ReadAll(NewReader(strings.NewReader(in)))
	if err != nil || len(perrs) > 0 || len(recs) != 3 {
		t.Fatalf("got %d records, %v %v", len(recs), perrs, err)
	}
	for i, want := range []int{0, 0, 2018} {
		if recs[i].Date.Year != want {
			t.Errorf("record %d: year %d, want %d", i+1, recs[i].Date.Year, want)
		}
	}
}

// TestItemTooLong reads a file whose brace is never closed: the reader
// stops with an error instead of holding the rest of the file as one item.
func TestItemTooLong(t *testing.T) {
	defer func(n int) { maxItemBytes = n }(maxItemBytes)
	maxItemBytes = 1 << 10
	in := "[\n{\"title\": \"A good item\"},\n{\"title\": \"open\", \"note\": [" + strings.Repeat("\"and on\",\n", 2000)
	r := NewReader(strings.NewReader(in))
	if rec, err := r.Read(); err != nil || rec.Title != "A good item" {
		t.Fatalf("first item: %v %v", rec, err)
	}
	_, err := r.Read()
	if err == nil || bib.IsParseError(err) || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("got %v, want an error naming line 3", err)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("after the error: %v, want io.EOF", err)
	}
}

// TestRichText checks that every tag of text found to hold markup is
// removed, whatever its name, and that a "<" that is only text stays.
func TestRichText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<i>Italic</i> and <b>bold</b>`, "Italic and bold"},
		{`At <ext-link ext-link-type="uri" xlink:href="https://a.example/x">https://a.example/x</ext-link> now`, "At https://a.example/x now"},
		{`<jats:title>Abstract</jats:title><jats:p>Text.</jats:p>`, "Abstract Text."},
		{`See table<xref ref-type="table" rid="t1"/>.`, "See table."},
		{`<named-content content-type="x">Kept</named-content> text`, "Kept text"},
		{`Doses <5 mg, p <0.05, x > y`, "Doses <5 mg, p <0.05, x > y"},
		{`The <angle> notation`, "The <angle> notation"},
		{`Fish &amp; chips &lt;i&gt;escaped&lt;/i&gt;`, "Fish & chips escaped"},
	}
	for _, tt := range tests {
		if got := richText(tt.in); got != tt.want {
			t.Errorf("richText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// checkBothDecoders reads in with the package's own decoder and with
// encoding/json, wants n records from each, and checks them.
func checkBothDecoders(t *testing.T, in string, n int, check func(t *testing.T, recs []*bib.Record)) {
	t.Helper()
	for _, fast := range []bool{true, false} {
		t.Run(fmt.Sprintf("fast=%v", fast), func(t *testing.T) {
			defer func(old bool) { noFastDecoder = old }(noFastDecoder)
			noFastDecoder = !fast
			recs, perrs, err := ingesttest.ReadAll(NewReader(strings.NewReader(in)))
			if err != nil || len(perrs) > 0 || len(recs) != n {
				t.Fatalf("got %d records, errors %v %v; want %d records", len(recs), err, perrs, n)
			}
			check(t, recs)
		})
	}
}

// TestCategories reads CSL's categories, an array of subjects, as
// keywords, each whole whatever its commas, by both decoders.
func TestCategories(t *testing.T) {
	in := `[{"id": "a", "title": "x", "categories": ["Malaria", "Ecology, evolution and behaviour"], "keyword": "birds"}]`
	checkBothDecoders(t, in, 1, func(t *testing.T, recs []*bib.Record) {
		var got []string
		for _, k := range recs[0].Keywords {
			got = append(got, k.Term)
		}
		if want := "birds|Malaria|Ecology, evolution and behaviour"; strings.Join(got, "|") != want {
			t.Errorf("keywords %q, want %q", got, want)
		}
	})
}

// TestEventTitle reads the conference a talk was given at (CSL's
// event-title, or Zotero's "event") as the container when no proceedings
// are named, by both decoders.
func TestEventTitle(t *testing.T) {
	in := `[{"id": "a", "type": "speech", "title": "x", "event": "Symposium A"},
{"id": "b", "type": "paper-conference", "title": "y", "event-title": "Workshop B"},
{"id": "c", "type": "paper-conference", "title": "z", "container-title": "Proceedings C", "event-title": "Workshop C"}]`
	checkBothDecoders(t, in, 3, func(t *testing.T, recs []*bib.Record) {
		for i, want := range []string{"Symposium A", "Workshop B", "Proceedings C"} {
			if recs[i].Container != want {
				t.Errorf("record %d: container %q, want %q", i+1, recs[i].Container, want)
			}
		}
	})
}

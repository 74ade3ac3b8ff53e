package bibtex

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

// BibTeXFields are the fields BibTeX carries through bibdb's writer and
// reader. Left out: per-author affiliations and ORCIDs (affiliations come
// back as one record-level list), MeSH unique ids, and the raw form of
// dates and names.
var BibTeXFields = []string{
	ingesttest.FType, ingesttest.FTitle, ingesttest.FShortTitle, ingesttest.FTranslatedTitle,
	ingesttest.FOriginalTitle, ingesttest.FAuthors, ingesttest.FEditors, ingesttest.FTranslators, ingesttest.FDate, ingesttest.FContainer,
	ingesttest.FContainerAbbrev, ingesttest.FSeries, ingesttest.FVolume, ingesttest.FIssue, ingesttest.FPages,
	ingesttest.FArticleNumber, ingesttest.FEdition, ingesttest.FPublisher, ingesttest.FAbstract, ingesttest.FLanguage,
	ingesttest.FIdentifiers, ingesttest.FISSNKinds, ingesttest.FKeywords, ingesttest.FAffiliations, ingesttest.FURLs, ingesttest.FMore,
	ingesttest.FNotes, ingesttest.FPubTypes, ingesttest.FDatabase,
}

// writeAll writes records with a Writer and returns the text.
func writeAll(t testing.TB, recs []*bib.Record) []byte {
	t.Helper()
	return ingesttest.WriteAll(t, recs, func(w io.Writer) ingesttest.Writer { return NewWriter(w) })
}

func roundTrip(t *testing.T, recs []*bib.Record) {
	t.Helper()
	back, text := ingesttest.RoundTrip(t, recs, func(w io.Writer) ingesttest.Writer { return NewWriter(w) }, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
	for i := range recs {
		ingesttest.CompareRecords(t, recs[i], back[i], BibTeXFields)
	}
	if t.Failed() {
		t.Logf("written:\n%s", text)
	}
}

func TestWriterRoundTrip(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.input"))
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			b, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			recs, _, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, recs)
		})
	}
}

func TestWriterRoundTripGenerated(t *testing.T) {
	recs := gen.Records(300, 7)
	roundTrip(t, recs)
}

// TestWriterRoundTripHard writes records holding what BibTeX gives a
// meaning to.
func TestWriterRoundTripHard(t *testing.T) {
	rec := &bib.Record{
		Type:  "article-journal",
		Title: "50% of {braces} & $dollars$ #1 under_score ~tilde^caret \\backslash -- ``quotes'' in COVID-19 mRNA",
		Authors: []bib.Person{
			{Family: "Beethoven", Given: "Ludwig", Particle: "van"},
			{Family: "Roach", Given: "Mack", Suffix: "III"},
			{Literal: "Barnes and Noble, Inc."},
			{Family: "Smith, Jones", Given: "A"},
			{Family: "Müller", Given: "Jörg"},
			{Family: "Plato"},
		},
		Editors:         []bib.Person{{Family: "Ed", Given: "Itor"}},
		Container:       "Journal of R&D",
		ContainerAbbrev: "J R&D",
		Volume:          "12",
		Issue:           "3",
		FirstPage:       "e0815",
		ArticleNumber:   "e0815",
		Date:            bib.Date{Year: 2023, Season: "Spring"},
		Abstract:        "An abstract with a % sign.",
		Language:        "eng",
		Keywords: []bib.Keyword{
			{Term: "Neoplasms, Breast", Vocabulary: bib.VocabAuthor},
			{Term: "Humans", Vocabulary: bib.VocabMeSH, Major: true},
			{Term: "Stroke", Vocabulary: bib.VocabMeSH, Qualifier: "drug therapy"},
			{Term: "MICROSTRUCTURE", Vocabulary: bib.VocabKeywordsPlus},
			{Term: "Index term", Vocabulary: bib.VocabIndex},
		},
		Identifiers: []bib.Identifier{{Scheme: bib.DOI, Value: "10.1000/a_b%c"}, {Scheme: bib.PMID, Value: "123"},
			{Scheme: bib.PMCID, Value: "PMC456"}, {Scheme: bib.ArXiv, Value: "2101.00001"}, {Scheme: bib.WOS, Value: "WOS:000111"},
			{Scheme: bib.EID, Value: "2-s2.0-85079532227"}, {Scheme: bib.PII, Value: "S0140-6736(20)30183-5"},
			{Scheme: bib.ISBN, Value: "9783161484100"}, {Scheme: "coden", Value: "BJPYAJ"}},
		ISSNs:            []bib.ISSN{{Value: "0007-1250", Kind: bib.ISSNPrint}, {Value: "1472-1465", Kind: bib.ISSNElectronic}, {Value: "1234-5679"}},
		Affiliations:     []string{"Univ A, Town", "Univ B"},
		URLs:             []string{"https://example.org/a?b=c&d=e", "https://example.org/second"},
		Notes:            []string{"one", "two", "three"},
		PublicationTypes: []string{"Journal Article", "Review"},
		Database:         "Ovid MEDLINE(R)",
		SourceID:         "has space", // not a valid key: one is generated
	}
	book := &bib.Record{Type: "book", Title: "A Book", Container: "A Series Book Title", Edition: "2nd", Publisher: "P", Place: "Q",
		Series: "Lecture Notes", CollectionNumber: "12", NumberOfPages: "vi+309", Accessed: bib.Date{Year: 2022, Month: 4, Day: 15}}
	software := &bib.Record{Type: "software", Title: "A Tool", Version: "0.3.13"}
	translated := &bib.Record{Type: "book", Title: "War and Peace", Translators: []bib.Person{{Family: "Maude", Given: "Aylmer"}, {Family: "Maude", Given: "Louise"}}}
	talk := &bib.Record{Type: "paper-conference", Title: "A Talk", Container: "Proceedings", EventPlace: "Vienna, Austria"}
	chapter := &bib.Record{Type: "chapter", Title: "A Chapter", Container: "The Book", FirstPage: "1", LastPage: "20"}
	thesis := &bib.Record{Type: "thesis", Title: "A Thesis", Publisher: "Univ", PublicationTypes: []string{"Master's thesis"}}
	report := &bib.Record{Type: "report", Title: "A Report", ArticleNumber: "TR-1", Publisher: "Inst"}
	web := &bib.Record{Type: "webpage", Title: "A Page", URLs: []string{"https://example.org"}}
	lastPage := &bib.Record{Type: "article-journal", Title: "The Last Page Alone", Container: "J", LastPage: "423"}
	roundTrip(t, []*bib.Record{rec, book, chapter, thesis, report, web, software, talk, translated, lastPage})
}

// TestWriterDateRange writes dates of two years, two months and two days:
// each reads back with its end, which year and month alone cannot hold.
func TestWriterDateRange(t *testing.T) {
	recs := []*bib.Record{
		{Type: "article-journal", Title: "Years", Date: bib.Date{Year: 1999, Raw: "1999-2000"}},
		{Type: "article-journal", Title: "Months", Date: bib.Date{Year: 2010, Month: 9, Raw: "2010 Sep-Oct"}},
		{Type: "paper-conference", Title: "Days", Date: bib.Date{Year: 2019, Month: 11, Day: 20, Raw: "2019 Nov 20-23"}},
		{Type: "article-journal", Title: "No range", Date: bib.Date{Year: 2023, Month: 6, Raw: "2023-06"}},
	}
	back, text := ingesttest.RoundTrip(t, recs, func(w io.Writer) ingesttest.Writer { return NewWriter(w) }, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
	for i, rec := range recs {
		got, want := back[i].Date, rec.Date
		if got.Year != want.Year || got.Month != want.Month || got.Day != want.Day || got.End() != want.End() {
			t.Errorf("%s: date %+v (end %+v), want %+v (end %+v)", rec.Title, got, got.End(), want, want.End())
		}
	}
	if strings.Count(string(text), "date = {") != 3 {
		t.Errorf("want a date field for each of the three ranges:\n%s", text)
	}
}

// TestWriterAccessionNumbers writes every Web of Science accession number
// of a record, and those of the other collections (Zoological Record, CAB
// Abstracts), in unique-id; each reads back.
func TestWriterAccessionNumbers(t *testing.T) {
	recs := []*bib.Record{
		{Type: "article-journal", Title: "Two", Identifiers: []bib.Identifier{
			{Scheme: bib.WOS, Value: "WOS:000265000600001"}, {Scheme: bib.WOS, Value: "WOS:000268309800010"}}},
		{Type: "article-journal", Title: "Others", Identifiers: []bib.Identifier{
			{Scheme: "zoorec", Value: "ZOOR15512082826"}, {Scheme: "cabi", Value: "19982209000"},
			{Scheme: bib.WOS, Value: "WOS:000298449100001"}}},
	}
	back, text := ingesttest.RoundTrip(t, recs, func(w io.Writer) ingesttest.Writer { return NewWriter(w) }, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
	for i, rec := range recs {
		for _, scheme := range []string{bib.WOS, "zoorec", "cabi"} {
			if got, want := back[i].IdentifierValues(scheme), rec.IdentifierValues(scheme); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s: %s %q, want %q\n%s", rec.Title, scheme, got, want, text)
			}
		}
	}
}

func TestWriterKeys(t *testing.T) {
	recs := []*bib.Record{
		{SourceID: "smith2020", Title: "One"},
		{SourceID: "Smith2020", Title: "Two"}, // the same key in another case
		{Title: "The Effect of Things", Authors: []bib.Person{{Family: "Müller", Given: "J"}}, Date: bib.Date{Year: 2021}},
		{Title: "The Effect of Other Things", Authors: []bib.Person{{Family: "Müller", Given: "K"}}, Date: bib.Date{Year: 2021}},
		{SourceID: "WOS:000731787800009", Title: "Three"},
		{SourceID: "10.1145/1499402.1499562", Title: "Four"},
		{SourceID: "a,b", Title: "Five", Position: 7},
		{Position: 8},
	}
	text := string(writeAll(t, recs))
	var keys []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "@") {
			keys = append(keys, strings.TrimSuffix(line[strings.IndexByte(line, '{')+1:], ","))
		}
	}
	want := []string{"smith2020", "Two", "Muller2021Effect", "Muller2021Effecta", "WOS:000731787800009",
		"10.1145/1499402.1499562", "Five", "ref8"}
	if strings.Join(keys, " ") != strings.Join(want, " ") {
		t.Errorf("keys %q, want %q", keys, want)
	}
}

func TestWriterOutput(t *testing.T) {
	rec := &bib.Record{
		SourceID:  "byng2023",
		Type:      "article-journal",
		Title:     "Collaborative care for people with SMI: the PARTNERS2 trial",
		Authors:   []bib.Person{{Family: "Byng", Given: "Richard"}, {Literal: "PARTNERS2 Study Group"}},
		Container: "Br J Psychiatry", Volume: "222", Issue: "6", FirstPage: "246", LastPage: "256",
		Date:        bib.Date{Year: 2023, Month: 6},
		Identifiers: []bib.Identifier{{Scheme: bib.DOI, Value: "10.1192/bjp.2023.28"}},
	}
	want := `@article{byng2023,
  author = {Byng, Richard and {PARTNERS2 Study Group}},
  title = {Collaborative care for people with {SMI}: the {PARTNERS2} trial},
  journal = {Br J Psychiatry},
  year = {2023},
  month = jun,
  volume = {222},
  number = {6},
  pages = {246--256},
  doi = {10.1192/bjp.2023.28},
}

`
	if got := string(writeAll(t, []*bib.Record{rec})); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"R&D 50% $5 #1 a_b", `R\&D 50\% \$5 \#1 a\_b`},
		{"{x}", `\{x\}`},
		{`a\b`, `a\textbackslash{}b`},
		{"~^", `\textasciitilde{}\textasciicircum{}`},
		{"1--2", "1-{}-2"},
		{"Müller", "Müller"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := Text(Escape(tt.in)); back != tt.in {
			t.Errorf("Text(Escape(%q)) = %q", tt.in, back)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	recs := gen.Records(10000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		w := NewWriter(&out)
		for _, r := range recs {
			if err := w.Write(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "records/s")
}

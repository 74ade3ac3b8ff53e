package csvtable

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

// roundTrip writes records with Writer and reads them back.
func roundTrip(t *testing.T, recs []*bib.Record) []*bib.Record {
	t.Helper()
	back, _ := ingesttest.RoundTrip(t, recs, func(w io.Writer) ingesttest.Writer { return NewWriter(w) }, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
	return back
}

func TestRoundTripGenerated(t *testing.T) {
	ingesttest.RoundTripGenerated(t, 7, ingesttest.AllFields, func(w io.Writer) ingesttest.Writer { return NewWriter(w) }, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}

// TestRoundTripEdgeCases writes the values that need care in a table:
// group names, names with particles and suffixes, several affiliations,
// ORCIDs, MeSH with ids and major qualifiers, every keyword vocabulary,
// ISSN kinds, seasons, a date without a year, lists and line breaks,
// translators, the number in a series, the pages in all, a version, an
// event's place and the date a page was seen.
func TestRoundTripEdgeCases(t *testing.T) {
	rec := &bib.Record{
		SourceID: "rec-1", Type: "article-journal", Title: "Quotes \"inside\", commas, and; semicolons",
		ShortTitle: "Quotes", TranslatedTitle: "Anführungszeichen", OriginalTitle: "Anführungszeichen innen",
		Authors: []bib.Person{
			{Family: "Byng", Given: "Richard", ORCID: "0000-0001-2345-6789", Affiliations: []string{"University of Plymouth, Plymouth, UK", "NIHR ARC South West, Exeter: UK"}},
			{Literal: "PARTNERS2 Study Group"},
			{Literal: "Pfizer, Inc."},
			{Literal: "Smith J"},
			{Family: "Berg", Particle: "van der", Given: "Jan", Affiliations: []string{"Amsterdam UMC; Location VUmc"}},
			{Family: "Roach", Given: "Mack", Suffix: "III"},
			{Family: "Byng", Given: "Richard", Affiliations: []string{"A second Byng's affiliation"}},
		},
		Editors:          []bib.Person{{Family: "Müller", Given: "Anna"}, {Literal: "Editorial Board of the Journal"}},
		Translators:      []bib.Person{{Family: "Rosmalen", Particle: "van", Given: "Ruud"}},
		CollectionNumber: "6", NumberOfPages: "xii + 312", Version: "1.2", EventPlace: "Vienna, Austria",
		Accessed:     bib.Date{Year: 2022, Month: 9, Day: 27},
		Affiliations: []string{"Record-level affiliation, with commas; and a semicolon"},
		Date:         bib.Date{Year: 2021, Month: 3, Season: "Spring", Raw: "2021 Spring (March)"},
		Container:    "Journal", ContainerAbbrev: "J", Series: "Series", Volume: "12", Issue: "3-4",
		FirstPage: "e101", LastPage: "e110", ArticleNumber: "101", Edition: "2", Publisher: "Pub", Place: "Place",
		Abstract: "An abstract with \"quotes\", commas; and Unicode: α–β.", Language: "eng",
		Identifiers: []bib.Identifier{{Scheme: bib.DOI, Value: "10.1000/a"}, {Scheme: bib.DOI, Value: "10.1000/b"},
			{Scheme: bib.PMID, Value: "123"}, {Scheme: bib.PMCID, Value: "PMC456"}, {Scheme: bib.ISBN, Value: "9780199282548"},
			{Scheme: bib.EID, Value: "2-s2.0-1"}, {Scheme: bib.WOS, Value: "WOS:000001"}, {Scheme: "embase", Value: "L2001"}},
		ISSNs: []bib.ISSN{{Value: "0007-1250", Kind: bib.ISSNPrint}, {Value: "1472-1465", Kind: bib.ISSNElectronic},
			{Value: "1234-5679", Kind: bib.ISSNLinking}, {Value: "2049-3630"}},
		Keywords: []bib.Keyword{{Term: "care", Vocabulary: bib.VocabAuthor}, {Term: "Humans", Vocabulary: bib.VocabMeSH, UI: "D006801"},
			{Term: "Neoplasms", Vocabulary: bib.VocabMeSH, Qualifier: "therapy", Major: true},
			{Term: "Neoplasms", Vocabulary: bib.VocabMeSH, Qualifier: "drug therapy"},
			{Term: "Aged", Vocabulary: bib.VocabMeSH, Major: true},
			{Term: "index term", Vocabulary: bib.VocabIndex}, {Term: "KEYWORD PLUS", Vocabulary: bib.VocabKeywordsPlus},
			{Term: "emtree term", Vocabulary: "emtree"}},
		PublicationTypes: []string{"Journal Article", "Review"},
		URLs:             []string{"https://example.org/a;b", "https://example.org/c"},
		Notes:            []string{"First note", "Second note: with a colon"},
		Database:         "Scopus",
	}
	noYear := &bib.Record{Type: "report", Title: "No year", Date: bib.Date{Raw: "in press"}, Accessed: bib.Date{Year: 2020}}
	bare := &bib.Record{Title: "Only a title"}
	recs := []*bib.Record{rec, noYear, bare}
	back := roundTrip(t, recs)
	for i := range recs {
		if back[i].Date.Raw != recs[i].Date.Raw {
			t.Errorf("record %d: date as written %q, want %q", i+1, back[i].Date.Raw, recs[i].Date.Raw)
		}
		ingesttest.CompareRecords(t, recs[i], back[i], ingesttest.AllFields)
	}
}

// TestRoundTripPlaceholderValues writes records whose values are the
// names of fields, as a test file of EndNote's has them ("Title",
// "Publisher"): rows of data, not a new header.
func TestRoundTripPlaceholderValues(t *testing.T) {
	recs := []*bib.Record{
		{Type: "book", Title: "TitleTest", Series: "Series", Volume: "Volume", Publisher: "Publisher"},
		{Type: "entry-encyclopedia", Title: "Title", Container: "Encyclopedia Title", Series: "Series",
			Volume: "Volume", FirstPage: "Pages", Edition: "Edition", Publisher: "Publisher", Place: "Place",
			Abstract: "Abstract", URLs: []string{"URL"}},
		{Type: "thesis", Title: "Title", Publisher: "University", Place: "Place", Abstract: "Abstract"},
	}
	back := roundTrip(t, recs)
	for i := range recs {
		ingesttest.CompareRecords(t, recs[i], back[i], ingesttest.AllFields)
	}
}

// TestRoundTripFixtures reads each fixture, writes it as bibdb's table
// and reads that back.
func TestRoundTripFixtures(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "*.input"))
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
			if len(recs) == 0 {
				return
			}
			back := roundTrip(t, recs)
			for i := range recs {
				ingesttest.CompareRecords(t, recs[i], back[i], ingesttest.AllFields)
			}
		})
	}
}

func TestWriterOptions(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	w.BOM, w.CRLF = true, true
	if err := w.Write(&bib.Record{Title: "T"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.HasPrefix(s, "\ufeffid,type,title,") || !strings.Contains(s, "\r\n") {
		t.Errorf("output %q: want a BOM, the header and CRLF", s[:40])
	}
	recs, _ := readString(t, s)
	if len(recs) != 1 || recs[0].Title != "T" {
		t.Errorf("read back %+v", recs)
	}

	out.Reset()
	w = NewWriter(&out)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), strings.Join(Columns, ",")+"\n"; got != want {
		t.Errorf("empty table = %q, want the header alone", got)
	}
}

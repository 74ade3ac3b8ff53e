package medline

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

// MEDLINEFields are the fields MEDLINE carries through bibdb's writer and
// reader.
var MEDLINEFields = []string{
	ingesttest.FType, ingesttest.FTitle, ingesttest.FTranslatedTitle, ingesttest.FOriginalTitle,
	ingesttest.FAuthors, ingesttest.FAuthorDetails, ingesttest.FEditors, ingesttest.FDate,
	ingesttest.FContainer, ingesttest.FContainerAbbrev, ingesttest.FSeries, ingesttest.FVolume, ingesttest.FIssue,
	ingesttest.FPages, ingesttest.FArticleNumber, ingesttest.FEdition, ingesttest.FPublisher, ingesttest.FAbstract,
	ingesttest.FLanguage, ingesttest.FIdentifiers, ingesttest.FISSNKinds, ingesttest.FKeywords,
	ingesttest.FKeywordDetails, ingesttest.FAffiliations, ingesttest.FURLs, ingesttest.FNotes, ingesttest.FPubTypes,
	ingesttest.FDatabase,
}

func writeAll(t testing.TB, recs []*bib.Record) []byte {
	t.Helper()
	return ingesttest.WriteAll(t, recs, func(w io.Writer) ingesttest.Writer { return NewWriter(w) })
}

func roundTrip(t *testing.T, recs []*bib.Record) {
	t.Helper()
	back, _ := ingesttest.RoundTrip(t, recs, func(w io.Writer) ingesttest.Writer { return NewWriter(w) }, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
	for i := range recs {
		ingesttest.CompareRecords(t, recs[i], back[i], MEDLINEFields)
		if back[i].SourceID != recs[i].SourceID {
			t.Errorf("record %d: source id %q, want %q", i+1, back[i].SourceID, recs[i].SourceID)
		}
		for _, w := range back[i].Warnings {
			if !strings.Contains(w.Msg, "no title") && !strings.Contains(w.Msg, "check digit") {
				t.Errorf("record %d read back with warning %q", i+1, w.Msg)
			}
		}
	}
}

func TestWriterRoundTrip(t *testing.T) {
	for _, in := range []string{"pubmed_record.input", "eric_records.input", "old_medline.input", "book_chapter.input",
		"translated_title.input", "separators.input", "people.input", "dates.input", "malformed_tags.input"} {
		t.Run(in, func(t *testing.T) {
			recs, _ := readFile(t, in)
			roundTrip(t, recs)
		})
	}
}

// TestWriterLastPageAlone writes a record whose first page is not known
// ("PG  - -423") and reads its last page back as the last.
func TestWriterLastPageAlone(t *testing.T) {
	rec := &bib.Record{Type: "article-journal", Title: "The last page alone.", Container: "J", Date: bib.Date{Year: 2001}, LastPage: "423"}
	if text := string(writeAll(t, []*bib.Record{rec})); !strings.Contains(text, "PG  - -423\n") {
		t.Errorf("written as\n%s", text)
	}
	roundTrip(t, []*bib.Record{rec})
}

func TestWriterRoundTripGenerated(t *testing.T) {
	recs := gen.Records(300, 7)
	// The generator's records are written, read, and the result written
	// and read again: what survives the first trip must survive every one.
	out := writeAll(t, recs)
	first, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(out)))
	if err != nil || len(perrs) > 0 || len(first) != len(recs) {
		t.Fatalf("read %d of %d records: %v %v", len(first), len(recs), err, perrs)
	}
	fields := []string{ingesttest.FType, ingesttest.FTitle, ingesttest.FAuthorDetails, ingesttest.FDate, ingesttest.FContainer,
		ingesttest.FContainerAbbrev, ingesttest.FVolume, ingesttest.FIssue, ingesttest.FPages, ingesttest.FAbstract,
		ingesttest.FLanguage, ingesttest.FIdentifiers, ingesttest.FISSNKinds, ingesttest.FKeywordDetails,
		ingesttest.FPubTypes, ingesttest.FDatabase}
	for i := range recs {
		ingesttest.CompareRecords(t, recs[i], first[i], fields)
	}
	roundTrip(t, first)
}

// TestWriterKeepsEveryRecord writes records with little or nothing
// MEDLINE can hold: each is read back, none vanishes or joins another.
func TestWriterKeepsEveryRecord(t *testing.T) {
	recs := []*bib.Record{
		{Type: "manuscript"},
		{Type: "article-magazine"},
		{Type: "article-journal", Title: "Between two empty records"},
		{Type: "motion_picture"},
		{Type: "article", Notes: []string{"only a note"}},
		{},
	}
	out := writeAll(t, recs)
	back, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(out)))
	if err != nil || len(perrs) > 0 {
		t.Fatalf("read: %v %v\n%s", err, perrs, out)
	}
	if len(back) != len(recs) {
		t.Fatalf("read back %d of %d records:\n%s", len(back), len(recs), out)
	}
	if back[2].Title != "Between two empty records" || back[4].Notes[0] != "only a note" {
		t.Errorf("records out of place:\n%s", out)
	}
}

// TestWriterTypeInWords writes works MEDLINE has no publication type for
// and nothing else MEDLINE alone has: each gets its type in words as PT,
// and reads back with that type and no publication type.
func TestWriterTypeInWords(t *testing.T) {
	recs := []*bib.Record{
		{Type: "document", Title: "A title alone"},
		{Type: "manuscript", Title: "A manuscript", Abstract: "An abstract."},
		{Type: "motion_picture", Title: "A film", Language: "eng"},
		{Type: "article-journal", Title: "An article", Container: "J", Date: bib.Date{Year: 2001}},
	}
	out := string(writeAll(t, recs))
	for _, line := range []string{"PT  - Document\n", "PT  - Manuscript\n", "PT  - Motion picture\n"} {
		if !strings.Contains(out, line) {
			t.Errorf("no line %q in\n%s", line, out)
		}
	}
	if strings.Count(out, "PT  - ") != 3 {
		t.Errorf("a PT for a record that has what MEDLINE alone has:\n%s", out)
	}
	roundTrip(t, recs)
}

// TestWriterNumberOfNoArticle writes the numbers of works that are no
// articles (a report's, a patent's, an episode's), for which MEDLINE has
// no tag: none is written as an article's [pii] LID, which would read
// back as a publisher item identifier the work does not have.
func TestWriterNumberOfNoArticle(t *testing.T) {
	recs := []*bib.Record{
		{Type: "report", Title: "Summary health statistics", Publisher: "CDC", ArticleNumber: "10, Issue 260"},
		{Type: "patent", Title: "A patent", ArticleNumber: "US2006/0256608A1"},
		{Type: "broadcast", Title: "An episode", ArticleNumber: "Season 3, Episode 12"},
		{Type: "article-journal", Title: "An article", Container: "J", ArticleNumber: "e0212345"},
	}
	out := writeAll(t, recs)
	if n := strings.Count(string(out), "[pii]"); n != 1 {
		t.Errorf("%d [pii] lines, want the article's only:\n%s", n, out)
	}
	back, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(out)))
	if err != nil || len(perrs) > 0 || len(back) != len(recs) {
		t.Fatalf("read back %d of %d: %v %v", len(back), len(recs), err, perrs)
	}
	for i, r := range back {
		if pii := r.IdentifierValues(bib.PII); len(pii) > 0 {
			t.Errorf("%s: read back with PII %q", recs[i].Title, pii)
		}
	}
	if back[3].ArticleNumber != "e0212345" {
		t.Errorf("article number %q, want e0212345", back[3].ArticleNumber)
	}
}

// TestWriterFormat checks the layout of written records.
func TestWriterFormat(t *testing.T) {
	rec := &bib.Record{
		Type:            "article-journal",
		Title:           "A title long enough to be wrapped onto a second line by the writer, as PubMed wraps its titles.",
		Container:       "The British journal of psychiatry",
		ContainerAbbrev: "Br J Psychiatry",
		Volume:          "222",
		Issue:           "6",
		FirstPage:       "246",
		LastPage:        "256",
		Date:            bib.Date{Year: 2023, Month: 6},
		Language:        "eng",
		Database:        "PubMed",
		Authors: []bib.Person{
			{Family: "Byng", Given: "Richard", ORCID: "0000-0001-5109-3700", Affiliations: []string{"University of Plymouth, UK.", "NIHR ARC South West Peninsula, UK."}},
			{Literal: "PARTNERS2 Study Group"},
		},
		ISSNs:            []bib.ISSN{{Value: "0007-1250", Kind: bib.ISSNPrint}, {Value: "1472-1465", Kind: bib.ISSNElectronic}},
		Keywords:         []bib.Keyword{{Term: "Humans", Vocabulary: bib.VocabMeSH}, {Term: "Mental Disorders", Vocabulary: bib.VocabMeSH, Qualifier: "therapy", Major: true}, {Term: "Mental Disorders", Vocabulary: bib.VocabMeSH, Qualifier: "psychology"}, {Term: "primary care", Vocabulary: bib.VocabAuthor}},
		PublicationTypes: []string{"Journal Article"},
	}
	rec.AddPMID("37078520")
	rec.AddDOI("10.1192/bjp.2023.28")
	want := `PMID- 37078520
OWN - NLM
IS  - 0007-1250 (Print)
IS  - 1472-1465 (Electronic)
VI  - 222
IP  - 6
DP  - 2023 Jun
TI  - A title long enough to be wrapped onto a second line by the writer, as PubMed
      wraps its titles.
PG  - 246-256
LID - 10.1192/bjp.2023.28 [doi]
FAU - Byng, Richard
AU  - Byng R
AUID- ORCID: 0000-0001-5109-3700
AD  - University of Plymouth, UK.
AD  - NIHR ARC South West Peninsula, UK.
CN  - PARTNERS2 Study Group
LA  - eng
PT  - Journal Article
TA  - Br J Psychiatry
JT  - The British journal of psychiatry
MH  - Humans
MH  - Mental Disorders/*therapy/psychology
OTO - NOTNLM
OT  - primary care
AID - 10.1192/bjp.2023.28 [doi]
SO  - Br J Psychiatry. 2023 Jun;222(6):246-256. doi: 10.1192/bjp.2023.28.
`
	got := string(writeAll(t, []*bib.Record{rec}))
	if got != want {
		t.Errorf("written:\n%s\nwant:\n%s", got, want)
	}
	if got := string(writeAll(t, []*bib.Record{rec, rec})); !strings.Contains(got, "doi: 10.1192/bjp.2023.28.\n\nPMID- 37078520\n") {
		t.Errorf("records are not separated by one blank line:\n%s", got)
	}
}

func TestWriterWrap(t *testing.T) {
	long := strings.Repeat("word ", 40) + "https://example.org/" + strings.Repeat("x", 100) + " end"
	out := string(writeAll(t, []*bib.Record{{Title: "T", Abstract: long}}))
	for _, line := range strings.Split(out, "\n") {
		if len(line) > 6+lineWidth && !strings.Contains(line, "https://") {
			t.Errorf("line longer than %d: %q", 6+lineWidth, line)
		}
	}
	back, _, err := ingesttest.ReadAll(NewReader(strings.NewReader(out)))
	if err != nil || len(back) != 1 || back[0].Abstract != strings.TrimSpace(long) {
		t.Errorf("abstract did not come back whole: %v %q", err, back[0].Abstract)
	}
}

func TestWriterFromOtherFormats(t *testing.T) {
	tests := []struct {
		name string
		rec  *bib.Record
		want []string // lines the output must hold
	}{
		{"chapter", &bib.Record{Type: "chapter", Title: "A chapter", Container: "A book", Editors: []bib.Person{{Family: "Adam", Given: "Margaret P"}}},
			[]string{"TI  - A chapter", "BTI - A book", "FED - Adam, Margaret P", "ED  - Adam MP"}},
		{"report", &bib.Record{Type: "report", Title: "A report", Publisher: "An institute"},
			[]string{"TI  - A report", "PB  - An institute", "PT  - Technical Report"}},
		{"conference paper", &bib.Record{Type: "paper-conference", Title: "A paper", Container: "Proc. Example Conf."},
			[]string{"PT  - Congress", "JT  - Proc. Example Conf."}},
		{"translated title", &bib.Record{Title: "Therapie der Herzinsuffizienz", TranslatedTitle: "Treatment of heart failure"},
			[]string{"TI  - [Treatment of heart failure]", "TT  - Therapie der Herzinsuffizienz"}},
		{"article number", &bib.Record{Title: "T", ArticleNumber: "e0212345"},
			[]string{"LID - e0212345 [pii]"}},
		{"date with a season", &bib.Record{Title: "T", Date: bib.Date{Year: 2010, Season: "Spring"}},
			[]string{"DP  - 2010 Spring"}},
		{"date written in RIS", &bib.Record{Title: "T", Date: bib.Date{Year: 2016, Month: 1, Day: 15, Raw: "2016/01/15/"}},
			[]string{"DP  - 2016 Jan 15"}},
		{"database", &bib.Record{Title: "T", Database: "Embase"},
			[]string{"OWN - Embase"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(writeAll(t, []*bib.Record{tt.rec}))
			for _, w := range tt.want {
				if !strings.Contains(out, w+"\n") {
					t.Errorf("no line %q in\n%s", w, out)
				}
			}
			back, perrs, err := ingesttest.ReadAll(NewReader(strings.NewReader(out)))
			if err != nil || len(perrs) > 0 || len(back) != 1 {
				t.Fatalf("read back: %v %v", err, perrs)
			}
			if tt.rec.Type != "" && back[0].Type != tt.rec.Type {
				t.Errorf("type read back = %q, want %q", back[0].Type, tt.rec.Type)
			}
		})
	}
}

// BenchmarkRead reads 50 000 generated records.
func BenchmarkRead(b *testing.B) {
	ingesttest.BenchmarkRead(b, generate(b, 50000), 50000, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}

func BenchmarkWrite(b *testing.B) {
	recs := gen.Records(5000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := NewWriter(io.Discard)
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

// generate writes n synthetic records with the package's writer.
func generate(tb testing.TB, n int) []byte {
	return ingesttest.Generate(tb, n, func(w io.Writer) ingesttest.Writer { return NewWriter(w) })
}

func BenchmarkReadFields(b *testing.B) {
	const n = 50000
	data := generate(b, n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := NewReader(bytes.NewReader(data))
		for {
			if _, _, _, err := r.ReadFields(); err == io.EOF {
				break
			}
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkMap(b *testing.B) {
	data := generate(b, 20000)
	r := NewReader(bytes.NewReader(data))
	var all [][]Field
	for {
		f, _, _, err := r.ReadFields()
		if err == io.EOF {
			break
		}
		all = append(all, f)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range all {
			mapFields(f, true)
		}
	}
	b.ReportMetric(float64(len(all)*b.N)/b.Elapsed().Seconds(), "records/s")
}

// FuzzRoundTrip checks that whatever the reader makes of an input, the
// writer writes it so that the reader reads it back the same.
func FuzzRoundTrip(f *testing.F) {
	ingesttest.AddFuzzSeeds(f, "*.input")
	f.Fuzz(func(t *testing.T, b []byte) {
		recs, _, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
		if err != nil {
			t.Skip()
		}
		out := writeAll(t, recs)
		back, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(out)))
		if err != nil || len(perrs) > 0 || len(back) != len(recs) {
			t.Fatalf("read back %d of %d records: %v %v\n%s", len(back), len(recs), err, perrs, out)
		}
		for i := range recs {
			ingesttest.CompareRecords(t, recs[i], back[i], MEDLINEFields)
		}
	})
}

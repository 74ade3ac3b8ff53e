package ris

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

func newReader(r io.Reader) ingesttest.Reader { return NewReader(r) }

func TestGolden(t *testing.T) { ingesttest.RunGolden(t, newReader) }

func TestParseTagLine(t *testing.T) {
	tests := []struct {
		line, tag, value string
		ok               bool
	}{
		{"AU  - Byng, R", "AU", "Byng, R", true},
		{"AU - Byng, R", "AU", "Byng, R", true},
		{"SP  -", "SP", "", true},
		{"IS  - ", "IS", "", true},
		{"ER  - kmpt", "ER", "kmpt", true},
		{"ER", "ER", "", true},
		{"PMID - 12345678", "PMID", "12345678", true},
		{"KW  -, word", "KW", "word", true},
		{"AU  -\u00a0Name", "AU", "Name", true},
		{"T1  - Title  ", "T1", "Title", true},
		{"continuation line", "", "", false},
		{"ab  - lower case", "", "", false},
		{"AUX - no", "", "", false},
		{"A   - three spaces", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		tag, value, ok := parseTagLine(tt.line)
		if tag != tt.tag || value != tt.value || ok != tt.ok {
			t.Errorf("parseTagLine(%q) = %q, %q, %v; want %q, %q, %v", tt.line, tag, value, ok, tt.tag, tt.value, tt.ok)
		}
	}
}

// TestParseTagLineBytes holds parseTagLineBytes, with its shortcut for
// the standard "AU  - value", to what parseTagLine finds in the same line.
func TestParseTagLineBytes(t *testing.T) {
	for _, line := range []string{
		"AU  - Byng, R", "AU  - ", "AU  -", "AU  -  two spaces", "AU  - trailing \t ", "ER  - ", "ER  - kmpt", "ER", "ER  ",
		"AU - Byng, R", "AU  -Byng", "AU -Byng", "AU  -\tx", "KW  -, word", "AU  -\u00a0Name", "PMID - 12345678", "PMID-123",
		"A1  - x", "Y2  - 2020", "1A  - x", "a1  - x", "AB   - three spaces", "AU  _ x", "AU  x - y", "continuation line", "", "T",
		"TY  - JOUR", "TY - JOUR AU - R. Byng", "ÄU  - x", "AU  - \u00e9t\u00e9",
	} {
		tag, value, ok := parseTagLine(line)
		b := []byte(line)
		code, vs, ve, bok := parseTagLineBytes(b)
		if bok != ok || bok && (tagString(code) != tag || string(b[vs:trimEnd(b, vs, ve)]) != value) {
			t.Errorf("parseTagLineBytes(%q) = %q, %d, %d, %v; parseTagLine gives %q, %q, %v", line, tagString(code), vs, ve, bok, tag, value, ok)
		}
	}
}

func TestUnflatten(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"single space", "TY - JOUR AU - R. Byng AU - S. Creanor TI - A title PY - 2023 ER -",
			[]string{"TY  - JOUR", "AU  - R. Byng", "AU  - S. Creanor", "TI  - A title", "PY  - 2023", "ER  - "}},
		{"two spaces", "TY  - JOUR  AU  - Smith, J  TI  - Title  PY  - 2001  VL  - 3  ER  - ",
			[]string{"TY  - JOUR", "AU  - Smith, J", "TI  - Title", "PY  - 2001", "VL  - 3", "ER  - "}},
		{"empty tag", "TY - JOUR AU - A. B A1 - AB - Abstract text TI - T PY - 2000 ER -",
			[]string{"TY  - JOUR", "AU  - A. B", "A1  - ", "AB  - Abstract text", "TI  - T", "PY  - 2000", "ER  - "}},
		{"unknown tag not split", "TY - JOUR TI - Use of XX - in titles AU - A. B PY - 2000 ER -",
			[]string{"TY  - JOUR", "TI  - Use of XX - in titles", "AU  - A. B", "PY  - 2000", "ER  - "}},
		{"text before", "[1] TY - JOUR TI - T AU - A. B PY - 2000 ER -",
			[]string{"[1]", "TY  - JOUR", "TI  - T", "AU  - A. B", "PY  - 2000", "ER  - "}},
		{"ordinary tag line", "TY  - JOUR", nil},
		{"ordinary value", "AB  - We measured TI - 3 and AU - 5 and PY - 2 and VL - 1 at length", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := unflatten(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("unflatten:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

// TestSeed checks every field of the flattened one-line record the project
// started from.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "seed.ris"))
	if err != nil {
		t.Fatal(err)
	}
	recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
	if err != nil || len(perrs) > 0 {
		t.Fatalf("errors: %v %v", err, perrs)
	}
	if len(recs) != 1 {
		t.Fatalf("got %d records, want 1", len(recs))
	}
	r := recs[0]
	wantAuthors := []string{"Byng", "Creanor", "Jones", "Hosking", "Plappert", "Bevan", "Britten", "Clark", "Davies", "Frost",
		"Gask", "Gibbons", "Gibson", "Hardy", "Hobson-Merrett", "Huxley", "Jeffery", "Marwaha", "Rawcliffe", "Reilly",
		"Richards", "Sayers", "Williams", "Pinfold", "Birchwood"}
	if len(r.Authors) != len(wantAuthors) {
		t.Fatalf("got %d authors, want %d", len(r.Authors), len(wantAuthors))
	}
	for i, a := range r.Authors {
		if a.Family != wantAuthors[i] || len(a.Given) != 2 || !strings.HasSuffix(a.Given, ".") {
			t.Errorf("author %d = %+v, want family %s with an initial", i+1, a, wantAuthors[i])
		}
	}
	if r.Authors[0].Given != "R." {
		t.Errorf("first author given = %q, want R.", r.Authors[0].Given)
	}
	if len(r.Affiliations) != 14 {
		t.Errorf("got %d affiliations, want 14: %q", len(r.Affiliations), r.Affiliations)
	}
	checks := []struct{ field, got, want string }{
		{"title", r.Title, "The effectiveness of a primary care-based collaborative care model to improve quality of life in people with severe mental illness: PARTNERS2 cluster randomised controlled trial"},
		{"journal", r.Container, "Br J Psychiatry"},
		{"volume", r.Volume, "222"},
		{"issue", r.Issue, "6"},
		{"first page", r.FirstPage, "246"},
		{"last page", r.LastPage, "256"},
		{"doi", r.Identifier(bib.DOI), "10.1192/bjp.2023.28"},
		{"pmid", r.Identifier(bib.PMID), "37078520"},
		{"type", r.Type, "article-journal"},
		{"language", r.Language, "eng"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if r.Date.Year != 2023 {
		t.Errorf("year = %d, want 2023", r.Date.Year)
	}
	if len(r.ISSNs) != 1 || r.ISSNs[0].Value != "0007-1250" {
		t.Errorf("ISSNs = %+v, want 0007-1250", r.ISSNs)
	}
	if !strings.HasPrefix(r.Abstract, "BACKGROUND: Individuals living with severe mental illness") || !strings.HasSuffix(r.Abstract, "increased adverse outcomes.") {
		t.Errorf("abstract = %.80q...", r.Abstract)
	}
}

func TestBrokenRecordNamesLine(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "broken_record.input"))
	if err != nil {
		t.Fatal(err)
	}
	recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(perrs) != 1 {
		t.Fatalf("got %d records and %d errors, want 2 and 1", len(recs), len(perrs))
	}
	if pe := perrs[0].(*bib.ParseError); pe.Line != 8 {
		t.Errorf("error at line %d, want 8: %v", pe.Line, pe)
	}
	if recs[1].Position != 3 {
		t.Errorf("record after the bad one has position %d, want 3", recs[1].Position)
	}
}

func TestWriterRoundTrip(t *testing.T) {
	for _, in := range []string{"flattened_seed.input", "continuation_keywords.input", "bom_crlf_bare_cr.input", "missing_er_junk.input", "group_authors.input", "accession_numbers.input", "page_counts.input"} {
		t.Run(in, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", in))
			if err != nil {
				t.Fatal(err)
			}
			recs, _, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			w := NewWriter(&out)
			for _, r := range recs {
				if err := w.Write(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			back, perrs, err := ingesttest.ReadAll(NewReader(&out))
			if err != nil || len(perrs) > 0 {
				t.Fatalf("read back: %v %v", err, perrs)
			}
			if len(back) != len(recs) {
				t.Fatalf("read back %d records, want %d", len(back), len(recs))
			}
			for i := range recs {
				ingesttest.CompareRecords(t, recs[i], back[i], ingesttest.RISFields)
				if got, want := back[i].IdentifierValues("embase"), recs[i].IdentifierValues("embase"); !slices.Equal(got, want) {
					t.Errorf("record %d: Embase accession numbers %q, want %q", i+1, got, want)
				}
			}
		})
	}
}

// TestWriterAccessionNumbers writes a record's Web of Science (and its
// other collections') and Scopus accession numbers and arXiv ids in AN,
// where the reader finds them again.
func TestWriterAccessionNumbers(t *testing.T) {
	rec := &bib.Record{Type: "article-journal", Title: "T", SourceID: "k1", Identifiers: []bib.Identifier{
		{Scheme: bib.DOI, Value: "10.1000/x"}, {Scheme: bib.PMID, Value: "123"},
		{Scheme: bib.WOS, Value: "WOS:000298449100001"}, {Scheme: bib.EID, Value: "2-s2.0-85153000001"},
		{Scheme: bib.ArXiv, Value: "2101.00001v2"}, {Scheme: "zoorec", Value: "ZOOR15512082826"},
		{Scheme: "cabi", Value: "19982209000"}}}
	preprint := &bib.Record{Type: "article", Title: "P", SourceID: "k2", Identifiers: []bib.Identifier{
		{Scheme: bib.ArXiv, Value: "cond-mat/0703268"}}}
	recs := []*bib.Record{rec, preprint}
	back, text := ingesttest.RoundTrip(t, recs, func(w io.Writer) ingesttest.Writer { return NewWriter(w) },
		func(r io.Reader) ingesttest.Reader { return NewReader(r) })
	for i := range recs {
		for _, scheme := range []string{bib.DOI, bib.PMID, bib.WOS, bib.EID, bib.ArXiv, "zoorec", "cabi"} {
			if got, want := back[i].IdentifierValues(scheme), recs[i].IdentifierValues(scheme); !slices.Equal(got, want) {
				t.Errorf("%s: %s: %q, want %q\n%s", recs[i].SourceID, scheme, got, want, text)
			}
		}
		if back[i].SourceID != recs[i].SourceID {
			t.Errorf("id %q, want %q", back[i].SourceID, recs[i].SourceID)
		}
	}
}

func FuzzReader(f *testing.F) {
	ingesttest.AddFuzzSeeds(f, "*.input")
	f.Add([]byte("TY - JOUR AU - A. B TI - T PY - 2000 ER -"))
	f.Add([]byte("TY  - JOUR\rER  - \r"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ingesttest.CheckReader(t, NewReader(bytes.NewReader(b)), len(b))
	})
}

// BenchmarkRead reads 50 000 generated records.
func BenchmarkRead(b *testing.B) {
	ingesttest.BenchmarkRead(b, generate(b, 50000), 50000, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}

// generate writes n synthetic records with the package's writer.
func generate(tb testing.TB, n int) []byte {
	return ingesttest.Generate(tb, n, func(w io.Writer) ingesttest.Writer { return NewWriter(w) })
}

func BenchmarkReadFields(b *testing.B) {
	data := generate(b, 50000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := NewReader(bytes.NewReader(data))
		for {
			_, _, _, err := r.ReadFields()
			if err == io.EOF {
				break
			}
		}
	}
	b.ReportMetric(float64(50000*b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkMap(b *testing.B) {
	data := generate(b, 20000)
	r := NewReader(bytes.NewReader(data))
	var all [][]Field
	for {
		f, start, _, err := r.ReadFields()
		if err == io.EOF {
			break
		}
		f = slices.Clone(f)                              // ReadFields reuses its slice
		if err := checkFields(f, start, 0); err != nil { // as Read does: it marks the plain values
			b.Fatal(err)
		}
		all = append(all, f)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range all {
			Map(f)
		}
	}
	b.ReportMetric(float64(len(all)*b.N)/b.Elapsed().Seconds(), "records/s")
}

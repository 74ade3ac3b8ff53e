package medline

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
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
		t.Fatal(err)
	}
	return recs, perrs
}

func TestClassify(t *testing.T) {
	tests := []struct {
		line  string
		kind  int
		tag   string
		value string
	}{
		{"PMID- 37078520", lineTag, "PMID", "37078520"},
		{"TI  - A title  ", lineTag, "TI", "A title"},
		{"FAU - Byng, Richard", lineTag, "FAU", "Byng, Richard"},
		{"PG  -", lineTag, "PG", ""},
		{"BTI -    ", lineTag, "BTI", ""},
		{"XYZ - an unknown tag in its columns", lineTag, "XYZ", "an unknown tag in its columns"},
		{"PMID-22664220", lineTag, "PMID", "22664220"},
		{"TI  -Title against the hyphen", lineTag, "TI", "Title against the hyphen"},
		{"TI-", lineTag, "TI", ""},
		{"SO- another line", lineTag, "SO", "another line"},
		{"PMC -PMC123", lineTag, "PMC", "PMC123"},
		{"ISSN - ISSN-1234-4567", lineTag, "ISSN", "ISSN-1234-4567"},
		{"ISBN - 979-8-2098-8762-1", lineTag, "ISBN", "979-8-2098-8762-1"},
		{"SO  invalid line", lineNoHyphen, "SO", "invalid line"},
		{"      continued text ", lineContinuation, "", "continued text"},
		{"\tcontinued after a tab", lineContinuation, "", "continued after a tab"},
		{"AD patients were older", lineStray, "", "AD patients were older"},
		{"COVID-19 was not a tag", lineStray, "", "COVID-19 was not a tag"},
		{"HIV infection", lineStray, "", "HIV infection"},
		{"This line is text.", lineStray, "", "This line is text."},
		{"ABSTRACT - a long capital word", lineStray, "", "ABSTRACT - a long capital word"},
		{"X   - one letter", lineStray, "", "X   - one letter"},
	}
	for _, tt := range tests {
		kind, tag, value := classify([]byte(tt.line))
		if kind != tt.kind || tag != tt.tag || string(value) != tt.value {
			t.Errorf("classify(%q) = %d, %q, %q; want %d, %q, %q", tt.line, kind, tag, value, tt.kind, tt.tag, tt.value)
		}
	}
}

func TestParseNames(t *testing.T) {
	tests := []struct {
		in, full, short string // String() of the parsed person
	}{
		{"Byng, Richard", "Byng, Richard", "Byng, Richard"},
		{"Roach, Mack 3rd", "Roach, Mack, 3rd", ""},
		{"Abu Bakar", "Abu Bakar", ""},
		{"Madonna", "Madonna", ""},
		{"EXAMPLE Study Group", "EXAMPLE Study Group", ""},
		{"Byng R", "", "Byng, R"},
		{"van der Berg JA", "", "van der Berg, JA"},
		{"LI Y", "", "LI, Y"},
		{"Smith JA Jr", "", "Smith, JA, Jr"},
		{"Eggen TJHM", "", "Eggen, TJHM"},
		{"Smith, Tom", "", "Smith, Tom"},
		{"et al.", "", ""},
	}
	for _, tt := range tests {
		if tt.full != "" {
			if got := tidy(parseFullName(tt.in)).String(); got != tt.full {
				t.Errorf("parseFullName(%q) = %q, want %q", tt.in, got, tt.full)
			}
		}
		if tt.full == "" || tt.short != "" {
			if got := tidy(parseShortName(tt.in)).String(); got != tt.short {
				t.Errorf("parseShortName(%q) = %q, want %q", tt.in, got, tt.short)
			}
		}
	}
}

// TestPlainFullName checks that the shortcut for plain full names gives
// what bib.ParseName gives.
func TestPlainFullName(t *testing.T) {
	names := []string{"Byng, Richard", "Long, Vicky", "Saqi, Mansoor A S", "O'Brien, Mary Ann", "Hobson-Merrett, Charlotte",
		"Higgins, Julian Pt", "Smith, John A Jr", "Anonymous, Anonymous", "Group, Study Group", "Li, Wei-Min", "Roach, Mack, 3rd",
		"Smith, Jr", "Smith, III", "Smith, jr.", "Smith, 2nd", "Smith,John", "van der Berg, Jan", "Müller, Hans", "Ng, Kim", "Abu Bakar, N",
		"Doe, Jane;x", "[Anonymous], X", "ANONYMOUS, A", "Smith, J", "García-López, José Luis", "Study Group, The"}
	for _, rec := range gen.Records(200, 3) {
		for _, a := range rec.Authors {
			names = append(names, a.String())
		}
	}
	plain := 0
	for _, s := range names {
		p, ok := plainFullName(s)
		if !ok {
			continue
		}
		plain++
		if want := bib.ParseName(s); !reflect.DeepEqual(p, want) {
			t.Errorf("plainFullName(%q) = %+v; bib.ParseName gives %+v", s, p, want)
		}
	}
	if plain < len(names)/2 {
		t.Errorf("the shortcut took only %d of %d names", plain, len(names))
	}
}

func TestParseDP(t *testing.T) {
	tests := []struct {
		in               string
		year, month, day int
		season, raw      string
	}{
		{"2016", 2016, 0, 0, "", ""},
		{"2016 Jan", 2016, 1, 0, "", ""},
		{"2016 Jan 15", 2016, 1, 15, "", ""},
		{"2016 Jan-Feb", 2016, 1, 0, "", "2016 Jan-Feb"},
		{"2018 Jul-Sep", 2018, 7, 0, "", "2018 Jul-Sep"},
		{"2010 Spring", 2010, 0, 0, "Spring", "2010 Spring"},
		{"2000 Dec 23-30", 2000, 12, 23, "", "2000 Dec 23-30"},
		{"1998 Dec-1999 Jan", 1998, 12, 0, "", "1998 Dec-1999 Jan"},
		{"2013 06 10", 2013, 6, 10, "", "2013 06 10"},
		{"2010 06", 2010, 6, 0, "", "2010 06"},
		{"2019 Jan/Feb", 2019, 1, 0, "", "2019 Jan/Feb"},
		{"Article 10 2019", 2019, 0, 0, "", "Article 10 2019"},
		{"10190822", 0, 0, 0, "", "10190822"},
		{"x 10190822 2019", 2019, 0, 0, "", "x 10190822 2019"},
		{"20161999", 0, 0, 0, "", "20161999"},
	}
	for _, tt := range tests {
		d := parseDP(tt.in)
		if d.Year != tt.year || d.Month != tt.month || d.Day != tt.day || d.Season != tt.season || d.Raw != tt.raw {
			t.Errorf("parseDP(%q) = %+v; want %d-%d-%d %q %q", tt.in, d, tt.year, tt.month, tt.day, tt.season, tt.raw)
		}
	}
}

func TestRecordType(t *testing.T) {
	tests := []struct {
		name                            string
		pts                             []string
		eric                            bool
		ericID                          string
		title, bookTitle, journal, want string
	}{
		{"journal article", []string{"Journal Article", "Review"}, false, "", "t", "", "j", "article-journal"},
		{"no types, a journal", nil, false, "", "t", "", "j", "article-journal"},
		{"nothing known", nil, false, "", "t", "", "", "document"},
		{"chapter", []string{"Review", "Book Chapter"}, false, "", "t", "b", "", "chapter"},
		{"book", []string{"Book"}, false, "", "", "b", "", "book"},
		{"book type with both titles", []string{"Book"}, false, "", "t", "b", "", "chapter"},
		{"titles alone", nil, false, "", "t", "b", "", "chapter"},
		{"conference", []string{"Consensus Development Conference", "Journal Article"}, false, "", "t", "", "j", "paper-conference"},
		{"report", []string{"Technical Report"}, false, "", "t", "", "", "report"},
		{"preprint", []string{"Preprint"}, false, "", "t", "", "j", "article"},
		{"editorial", []string{"Editorial"}, false, "", "t", "", "j", "article-journal"},
		{"eric journal article", []string{"Journal Articles", "Reports - Research"}, true, "EJ1", "t", "", "j", "article-journal"},
		{"eric thesis", []string{"Dissertations/Theses - Doctoral Dissertations"}, true, "ED1", "t", "", "j", "thesis"},
		{"eric book", []string{"Books", "Collected Works - General"}, true, "ED1", "t", "", "j", "book"},
		{"eric report", []string{"Reports - Research"}, true, "ED1", "t", "", "j", "report"},
		{"eric paper", []string{"Speeches/Meeting Papers"}, true, "ED1", "t", "", "", "paper-conference"},
	}
	for _, tt := range tests {
		got := recordType(tt.pts, tt.eric, tt.ericID, tt.title != "", tt.bookTitle != "", tt.journal != "")
		if got != tt.want {
			t.Errorf("%s: recordType = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestUnbracket(t *testing.T) {
	tests := []struct {
		in, out    string
		translated bool
	}{
		{"[Treatment of heart failure].", "Treatment of heart failure.", true},
		{"[Is it safe?]", "Is it safe?", true},
		{"[Not Available].", "Not Available.", true},
		{"A title [with a note].", "A title [with a note].", false},
		{"[A] versus [B].", "[A] versus [B].", false},
		{"[Nested [brackets] title].", "Nested [brackets] title.", true},
	}
	for _, tt := range tests {
		out, tr := unbracket(tt.in)
		if out != tt.out || tr != tt.translated {
			t.Errorf("unbracket(%q) = %q, %v; want %q, %v", tt.in, out, tr, tt.out, tt.translated)
		}
	}
}

func TestPlainASCII(t *testing.T) {
	tests := []string{
		"",
		"plain ASCII text of some length, with punctuation ~!",
		"two  spaces",
		"two spaces at a word boundary:  here",
		"spaces across words  x",
		"1234567  9",
		"tab\tinside a long enough value",
		"a control \x01 character",
		"a DEL \x7f character in the middle",
		"non-ASCII: Déportés",
		"short\x1f",
		"\x00",
		"a b c d e f g h i j k l m n o p",
		"a warning !",
		"~~~~~~~~ !!!!!!!! \x7e\x7f",
		"        ",
		" x      ",
	}
	for _, in := range tests {
		for i := range len(in) + 1 { // every alignment
			s := in[i:]
			want := true
			for j := 0; j < len(s); j++ {
				c := s[j]
				want = want && c >= ' ' && c < 0x7f && !(c == ' ' && j > 0 && s[j-1] == ' ')
			}
			if got := plainASCII([]byte(s)); got != want {
				t.Errorf("plainASCII(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

// TestPlainASCIIGenerated checks plainASCII against its definition on
// strings of every length up to 40 made of the bytes it must tell apart,
// so that each word and each junction of words meets each of them.
func TestPlainASCIIGenerated(t *testing.T) {
	alphabet := []byte{'a', 'Z', ' ', ' ', '~', '\x00', '\x1f', '\t', '\x7f', 0x80, 0xc3, 0xff}
	ingesttest.MixedStrings(alphabet, 40, 400, func(b []byte) {
		want := true
		for j, c := range b {
			want = want && c >= ' ' && c < 0x7f && !(c == ' ' && j > 0 && b[j-1] == ' ')
		}
		if got := plainASCII(b); got != want {
			t.Fatalf("plainASCII(%q) = %v, want %v", b, got, want)
		}
	})
}

// TestClassifyLeavesNoControl checks what scan relies on: every control
// character of a line (but a tab) is inside the value classify returns,
// wherever it stands in the line.
func TestClassifyLeavesNoControl(t *testing.T) {
	lines := []string{"PMID- 37078520", "TI  - A title  ", "PG  -", "BTI -    ", "PMID-22664220", "TI  -Title", "TI-", "TI",
		"SO- another line", "PMC -PMC123", "SO  invalid line", "      continued text ", "\tafter a tab", "AD patients",
		"HIV infection", "ABSTRACT - a word", "X   - one letter", "TI \t- tab", "TI\t\t", "FAU - Byng, Richard"}
	for _, l := range lines {
		for i := 0; i <= len(l); i++ {
			for _, c := range []byte{0x00, 0x01, 0x0b, 0x1f} {
				line := []byte(l[:i] + string(c) + l[i:])
				_, _, value := classify(line)
				start := offsetIn(line, value)
				for j, b := range line {
					if b < 0x20 && b != '\t' && (j < start || j >= start+len(value)) {
						t.Errorf("classify(%q) returns %q, without the control character at column %d", line, value, j+1)
					}
				}
			}
		}
	}
}

// TestPubMedRecord checks every mapped field of a full PubMed record.
func TestPubMedRecord(t *testing.T) {
	recs, perrs := readFile(t, "pubmed_record.input")
	if len(recs) != 1 || len(perrs) != 0 {
		t.Fatalf("got %d records and %v", len(recs), perrs)
	}
	r := recs[0]
	checks := []struct{ field, got, want string }{
		{"type", r.Type, "article-journal"},
		{"title", r.Title, "Collaborative care for people with severe mental illness in primary care: a cluster randomised trial."},
		{"journal", r.Container, "The British journal of psychiatry : the journal of mental science"},
		{"abbreviation", r.ContainerAbbrev, "Br J Psychiatry"},
		{"volume", r.Volume, "215"},
		{"issue", r.Issue, "1 Pt 2"},
		{"pages", r.FirstPage + "-" + r.LastPage, "466-475"},
		{"date", r.Date.String(), "2019-07"},
		{"doi", strings.Join(r.IdentifierValues(bib.DOI), " "), "10.1192/bjp.2019.99"},
		{"pmid", r.Identifier(bib.PMID), "31234567"},
		{"pmcid", r.Identifier(bib.PMCID), "PMC6789012"},
		{"pii", r.Identifier(bib.PII), "S0007125019000999"},
		{"language", r.Language, "eng"},
		{"database", r.Database, "PubMed"},
		{"source id", r.SourceID, "31234567"},
		{"abstract start", r.Abstract[:60], "BACKGROUND: People with severe mental illness are often care"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	wantISSN := []bib.ISSN{{Value: "0007-1250", Kind: bib.ISSNPrint}, {Value: "1472-1465", Kind: bib.ISSNElectronic}}
	if len(r.ISSNs) != 2 || r.ISSNs[0] != wantISSN[0] || r.ISSNs[1] != wantISSN[1] {
		t.Errorf("ISSNs = %+v, want %+v", r.ISSNs, wantISSN)
	}
	wantAuthors := []struct{ name, orcid string }{
		{"Byng, Richard", "0000-0002-1694-233X"},
		{"Creanor, Siobhan", ""},
		{"PARTNERS2 Study Group", ""},
		{"van der Berg, Jan Albert", "0000-0002-1825-0097"},
		{"Roach, Mack, 3rd", ""},
	}
	if len(r.Authors) != len(wantAuthors) {
		t.Fatalf("got %d authors: %+v", len(r.Authors), r.Authors)
	}
	for i, w := range wantAuthors {
		if a := r.Authors[i]; a.String() != w.name || a.ORCID != w.orcid {
			t.Errorf("author %d = %q %q, want %q %q", i+1, a.String(), a.ORCID, w.name, w.orcid)
		}
	}
	if r.Authors[2].Literal == "" {
		t.Errorf("group author is not literal: %+v", r.Authors[2])
	}
	if n := len(r.Authors[0].Affiliations); n != 2 {
		t.Errorf("first author has %d affiliations, want 2", n)
	}
	if a := r.Authors[3].Affiliations; len(a) != 1 || !strings.HasSuffix(a[0], "Electronic address: j.a.van.der.berg@example.org.") {
		t.Errorf("wrapped affiliation = %q", a)
	}
	if len(r.Affiliations) != 0 {
		t.Errorf("record-level affiliations = %q, want none", r.Affiliations)
	}
	var mesh, author []string
	for _, k := range r.Keywords {
		s := k.Term
		if k.Qualifier != "" {
			s += "/" + k.Qualifier
		}
		if k.Major {
			s += "*"
		}
		switch k.Vocabulary {
		case bib.VocabMeSH:
			mesh = append(mesh, s)
		case bib.VocabAuthor:
			author = append(author, s)
		}
	}
	if got, want := strings.Join(mesh, "; "), "Adult; Female; Humans; Mental Disorders/psychology*; Mental Disorders/therapy*; "+
		"Primary Health Care/organization & administration*; Quality of Life*"; got != want {
		t.Errorf("MeSH = %s\nwant   %s", got, want)
	}
	if got := strings.Join(author, "; "); got != "Collaborative care; primary care; severe mental illness" {
		t.Errorf("author keywords = %s", got)
	}
	if got := strings.Join(r.PublicationTypes, "; "); got != "Journal Article; Randomized Controlled Trial; Research Support, Non-U.S. Gov't" {
		t.Errorf("publication types = %s", got)
	}
}

func TestBadRecordsNameLines(t *testing.T) {
	recs, perrs := readFile(t, "bad_records.input")
	// The last record, with only a volume and an issue, is kept.
	if len(recs) != 3 || len(perrs) != 3 {
		t.Fatalf("got %d records and %d errors (%v), want 3 and 3", len(recs), len(perrs), perrs)
	}
	want := []struct{ line, column int }{{6, 33}, {8, 0}, {14, 0}}
	for i, w := range want {
		var pe *bib.ParseError
		if !errors.As(perrs[i], &pe) {
			t.Fatalf("error %d is %T, not a *bib.ParseError", i, perrs[i])
		}
		if pe.Line != w.line || pe.Column != w.column {
			t.Errorf("error %d at %d:%d, want %d:%d: %v", i, pe.Line, pe.Column, w.line, w.column, pe)
		}
	}
	if recs[1].Position != 4 || recs[1].Line != 12 {
		t.Errorf("record after the bad ones has position %d, line %d; want 4, 12", recs[1].Position, recs[1].Line)
	}
}

// TestStreaming checks that records come out before the input ends.
func TestStreaming(t *testing.T) {
	pr, pw := io.Pipe()
	r := NewReader(pr)
	go func() {
		pw.Write([]byte("PMID- 1\nTI  - First.\n\nPMID- 2\n"))
	}()
	rec, err := r.Read()
	if err != nil || rec.Title != "First." {
		t.Fatalf("first record = %+v, %v", rec, err)
	}
	go func() {
		pw.Write([]byte("TI  - Second.\n"))
		pw.Close()
	}()
	rec, err = r.Read()
	if err != nil || rec.Title != "Second." || rec.Position != 2 {
		t.Fatalf("second record = %+v, %v", rec, err)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Fatalf("after the last record: %v, want io.EOF", err)
	}
}

func TestReadFields(t *testing.T) {
	r := NewReader(strings.NewReader("\nPMID- 1\nAB  - one\n      two\nAU  - Byng R\n"))
	fields, start, raw, err := r.ReadFields()
	if err != nil {
		t.Fatal(err)
	}
	want := []Field{{Tag: "PMID", Value: "1", Line: 2}, {Tag: "AB", Value: "one two", Line: 3}, {Tag: "AU", Value: "Byng R", Line: 5}}
	if start != 2 || len(fields) != len(want) {
		t.Fatalf("start %d, fields %+v", start, fields)
	}
	for i := range want {
		if f := fields[i]; f.Tag != want[i].Tag || f.Value != want[i].Value || f.Line != want[i].Line {
			t.Errorf("field %d = %+v, want %+v", i, fields[i], want[i])
		}
	}
	if raw != "PMID- 1\nAB  - one\n      two\nAU  - Byng R" {
		t.Errorf("raw = %q", raw)
	}
	if _, _, _, err := r.ReadFields(); err != io.EOF {
		t.Errorf("second ReadFields: %v, want io.EOF", err)
	}
}

func TestWarningsOutsideRecords(t *testing.T) {
	r := NewReader(strings.NewReader("header\nmore header\n\nPMID- 1\nTI  - T\n\ntrailer\n"))
	if _, _, err := ingesttest.ReadAll(r); err != nil {
		t.Fatal(err)
	}
	w := r.Warnings()
	if len(w) != 1 || w[0].Line != 1 || !strings.HasPrefix(w[0].Msg, "3 line(s)") {
		t.Errorf("warnings = %+v", w)
	}
}

// TestCorpus reads every MEDLINE file of the shared corpus and checks the
// number of records found.
func TestCorpus(t *testing.T) {
	dir := ingesttest.CorpusDir(t, "nbib")
	want := map[string]int{
		"biopython__pubmed_result1.txt":                       1,
		"biopython__pubmed_result2.txt":                       4,
		"biopython__pubmed_result3.txt":                       1,
		"colrev__eric_nbib.nbib":                              1,
		"colrev__nbib_data.nbib":                              1,
		"jabref__MedlinePlainImporterStringOutOfBounds.txt":   2,
		"jabref__MedlinePlainImporterTestCompleteEntry.txt":   1,
		"jabref__MedlinePlainImporterTestDOI.txt":             1,
		"jabref__MedlinePlainImporterTestInproceeding.txt":    1,
		"jabref__MedlinePlainImporterTestMultiAbstract.txt":   1,
		"jabref__MedlinePlainImporterTestMultipleEntries.txt": 7,
		"rbibutils__single.nbib":                              1,
		"synthesisr__PubMed_example.txt":                      3,
		"synthesisr__res_synth_methods.txt":                   2,
		"zotero__MEDLINEnbib_case03.nbib":                     1,
		"zotero__MEDLINEnbib_case05.nbib":                     3,
		"zotero__MEDLINEnbib_case08.nbib":                     2,
		"zotero__MEDLINEnbib_case09.nbib":                     1,
	}
	for name, n := range want {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if errors.Is(err, os.ErrNotExist) {
				t.Skip("not in this copy of the corpus")
			}
			if err != nil {
				t.Fatal(err)
			}
			recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != n || len(perrs) != 0 {
				t.Errorf("got %d records and errors %v, want %d records", len(recs), perrs, n)
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	ingesttest.AddFuzzSeeds(f, "*.input")
	f.Add([]byte("PMID- 1\r\nTI  - T\r\n\r\n      x\r\nPMID-2"))
	f.Add([]byte("FAU - \nAU  - \nAD  - a\nAUID- ORCID: 0000\n"))
	f.Add([]byte("OWN - ERIC\nOWN - ERIC\nTI\n\tx"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ingesttest.CheckReader(t, NewReader(bytes.NewReader(b)), len(b))
	})
}

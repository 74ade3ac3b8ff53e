package enw

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
	"github.com/bibdb/bibdb/internal/ingest/endnotexml"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

func newReader(r io.Reader) ingesttest.Reader { return NewReader(r) }

func readAllBytes(b []byte) ([]*bib.Record, []error, error) {
	return ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
}

func TestGolden(t *testing.T) { ingesttest.RunGolden(t, newReader) }

func TestParseTag(t *testing.T) {
	tests := []struct {
		line  string
		tag   byte
		value string
		ok    bool
	}{
		{"%A Byng, Richard", 'A', "Byng, Richard", true},
		{"%0  Book", '0', "Book", true},
		{"%A\tTabbed, T", 'A', "Tabbed, T", true},
		{"%@ 0007-1250 (Print)  ", '@', "0007-1250 (Print)", true},
		{"%X", 'X', "", true},
		{"%K ", 'K', "", true},
		{"  %T Indented", 'T', "Indented", true},
		{"%[ 20151028", '[', "20151028", true},
		{"%50 of them", 0, "", false},
		{"% of them", 0, "", false},
		{"%% no", 0, "", false},
		{"%", 0, "", false},
		{"plain text", 0, "", false},
		{"", 0, "", false},
	}
	for _, tt := range tests {
		tag, at, ok := parseTag([]byte(tt.line))
		value := ""
		if ok {
			value = strings.TrimSpace(tt.line[at:])
		}
		if tag != tt.tag || value != tt.value || ok != tt.ok {
			t.Errorf("parseTag(%q) = %q, %q, %v; want %q, %q, %v", tt.line, tag, value, ok, tt.tag, tt.value, tt.ok)
		}
	}
}

// TestSameAsXML checks that EndNote's two exports of the same reference
// give the same record.
func TestSameAsXML(t *testing.T) {
	enw := "%0 Journal Article\n%A Okafor, Adaeze N.\n%+ Univ A, UK.\nUniv B, NL.\n%T A title\n%J Journal of Things\n%O J Things\n%D 2023\n%8 Jun 1\n%V 3\n%N 4\n%P 10-19\n%@ 1234-5679 (Print)\n%R doi:10.1000/xyz\n%M 12345678\n%~ PubMed\n%K One\nTwo/therapy\n%X An abstract.\n"
	xml := `<xml><records><record><ref-type name="Journal Article">17</ref-type><contributors><authors><author>Okafor, Adaeze N.</author></authors></contributors><auth-address>Univ A, UK.&#xD;Univ B, NL.</auth-address><titles><title>A title</title><alt-title>J Things</alt-title></titles><periodical><full-title>Journal of Things</full-title></periodical><dates><year>2023</year><pub-dates><date>Jun 1</date></pub-dates></dates><volume>3</volume><number>4</number><pages>10-19</pages><isbn>1234-5679 (Print)</isbn><electronic-resource-num>doi:10.1000/xyz</electronic-resource-num><accession-num>12345678</accession-num><remote-database-name>PubMed</remote-database-name><keywords><keyword>One</keyword><keyword>Two/therapy</keyword></keywords><abstract>An abstract.</abstract></record></records></xml>`
	a, _, err := readAllBytes([]byte(enw))
	if err != nil || len(a) != 1 {
		t.Fatalf("enw: %d records, %v", len(a), err)
	}
	b, _, err := ingesttest.ReadAll(endnotexml.NewReader(strings.NewReader(xml)))
	if err != nil || len(b) != 1 {
		t.Fatalf("xml: %d records, %v", len(b), err)
	}
	fields := append([]string{ingesttest.FAuthorDetails, ingesttest.FKeywordDetails, ingesttest.FIdentifiers}, ingesttest.RISFields...)
	ingesttest.CompareRecords(t, a[0], b[0], fields)
}

func TestBadRecord(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "binary.input"))
	if err != nil {
		t.Fatal(err)
	}
	recs, perrs, err := readAllBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(perrs) != 1 {
		t.Fatalf("got %d records and %d errors, want 2 and 1", len(recs), len(perrs))
	}
	var pe *bib.ParseError
	if !errors.As(perrs[0], &pe) || pe.Line != 6 {
		t.Errorf("error %v, want one at line 6", perrs[0])
	}
	if recs[1].Position != 3 || recs[1].Title != "Good two" {
		t.Errorf("record after the bad one: position %d, title %q", recs[1].Position, recs[1].Title)
	}
}

func TestWarnings(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "paragraphs.input"))
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(bytes.NewReader(b))
	recs, _, err := ingesttest.ReadAll(r)
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	w := r.Warnings()
	if len(w) != 1 || w[0].Line != 1 || !strings.Contains(w[0].Msg, "3 line(s)") {
		t.Errorf("warnings %+v, want 3 lines from line 1", w)
	}
	if !strings.Contains(recs[0].Abstract, "METHODS: We pooled 12 trials; %50 of them were in care homes. RESULTS: Depression fell.") {
		t.Errorf("abstract %q lost its paragraphs", recs[0].Abstract)
	}
}

// TestBlankLineInRecord reads records with a blank line among their
// fields, and blocks after a blank line that are the next record.
func TestBlankLineInRecord(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // per record: its line, title and number of authors
	}{
		{"fields after a blank line continue the typed record",
			"%0 Journal Article\n%A Rahman, F.\n\n%T Gravel bars\n%D 2001\n",
			"1 Gravel bars 1"},
		{"several blank lines, and fields after each",
			"%0 Journal Article\n%A Rahman, F.\n\n\n%A Lopez, D.\n\n%T Gravel bars\n",
			"1 Gravel bars 2"},
		{"a block with its own type line is the next record",
			"%0 Book\n%T One\n\n%A Novak, P.\n%0 Book\n%T Two\n",
			"1 One 0|4 Two 1"},
		{"a block with a title is the next record, typed further down",
			"%0 Book\n%T One\n\n%T Two\n%A Novak, P.\n%0 Book\n\n%0 Book\n%T Three\n",
			"1 One 0|4 Two 1|8 Three 0"},
		{"a block read ahead with two type lines",
			"%0 Book\n%T One\n\n%A Novak, P.\n%0 Book\n%T Two\n%0 Book\n%T Three\n",
			"1 One 0|4 Two 1|7 Three 0"},
		{"records without type lines stay apart",
			"%A Lesk, M.\n%T One\n\n%A Newman, W.\n%I Press\n",
			"1 One 1|4  1"},
		{"text after a blank line is not a field",
			"%0 Book\n%T One\n\nPage 1 of 2\n%0 Book\n%T Two\n",
			"1 One 0|5 Two 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, eol := range []string{"\n", "\r\n"} {
				recs, perrs, err := readAllBytes([]byte(strings.ReplaceAll(tt.in, "\n", eol)))
				if err != nil || len(perrs) > 0 {
					t.Fatalf("errors %v %v", err, perrs)
				}
				var got []string
				for _, r := range recs {
					got = append(got, fmt.Sprintf("%d %s %d", r.Line, r.Title, len(r.Authors)))
				}
				if g := strings.Join(got, "|"); g != tt.want {
					t.Errorf("%q: got  %s\nwant %s", eol, g, tt.want)
				}
			}
		})
	}
}

// TestCheckFields checks that looking at a record's raw text first finds
// the control characters that looking at each of its values finds, and
// names the same one.
func TestCheckFields(t *testing.T) {
	tests := []struct {
		name, in string
		bad      bool // whether some record is refused
	}{
		{"clean", "%0 Book\n%A Novak, P.\n\tTab, T\n%T One \t\n", false},
		{"in a value", "%0 Book\n%T One\x01two\n", true},
		{"a NUL", "%0 Book\n%T One\x00\n", true},
		{"at a value's end", "%0 Book\n%T One \x1f\n", true},
		{"in a continuation line", "%0 Book\n%K One\nTwo\x02\n", true},
		{"before a tag", "%0 Book\n\x0b%T One\n", true},
		{"a form feed on a blank line", "%0 Book\n%A Novak, P.\n\f\n%T One\n", false},
		{"a form feed between paragraphs", "%0 Book\n%X One.\n\f\nTwo.\n", false},
		{"an escape in a paragraph", "%0 Book\n%X One.\n\nTwo\x1b.\n", true},
		{"bare CRs", "%0 Book\r%T One\rtwo\r", false},
		{"in text before the first tag", "\x01junk\n%0 Book\n%T One\n", false},
		{"in the second record", "%0 Book\n%T One\n\n%0 Book\n%T Two\x7f\x03\n", true},
		{"two, in two fields", "%0 Book\n%A A\x04\n%T One\x05\n", true},
		{"an empty tag", "%0 Book\n%T\n%X\t\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in))
			bad := false
			for position := 1; ; position++ {
				fields, _, raw, err := r.ReadFields()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got, want := checkFields(fields, raw, position), checkEachField(fields, position)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("record %d: checkFields %v, checkEachField %v", position, got, want)
				}
				bad = bad || want != nil
			}
			if bad != tt.bad {
				t.Errorf("a record refused: %v, want %v", bad, tt.bad)
			}
		})
	}
}

// TestHasControl checks hasControl against a byte-by-byte look, for each
// byte value at each place of a text, among line feeds, tabs and bytes
// from 0x80 up that are none.
func TestHasControl(t *testing.T) {
	slow := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 && c != '\n' && c != '\t' {
				return true
			}
		}
		return false
	}
	for _, text := range []string{
		"abcdefghijklmnopqrstu",
		"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n",
		"a\tb\nc \xff\x80d\n\t\te\x7f fgh\xa0\n",
		"%T One\n%A Two, T.\n%X A longer text, of more than two rounds\t\n",
	} {
		for i := 0; i < len(text); i++ {
			for c := 0; c < 256; c++ {
				b := []byte(text)
				b[i] = byte(c)
				if got, want := hasControl(string(b)), slow(string(b)); got != want {
					t.Errorf("hasControl(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

// TestKeywordLines checks that keywords given to endnotexml.Map a line at a
// time are those of the whole %K value.
func TestKeywordLines(t *testing.T) {
	tests := []string{
		"",
		"One",
		"One\nTwo",
		"One; Two\nThree",
		"Neoplasms/*therapy/diagnosis\n*Humans\nAged, 80 and over",
		"\nOne\n\n  \nTwo\n",
		"One;\n;Two;",
		"one\nOne\nONE",
	}
	for _, v := range tests {
		whole := endnotexml.Map([]endnotexml.Field{{Name: endnotexml.Keyword, Value: v}})
		lines := endnotexml.Map(appendLines(nil, endnotexml.Keyword, v))
		if fmt.Sprint(lines.Keywords) != fmt.Sprint(whole.Keywords) {
			t.Errorf("%q: a line at a time %v, whole %v", v, lines.Keywords, whole.Keywords)
		}
	}
}

// TestCorpus reads the EndNote tagged files of the shared corpus and
// checks the record counts.
func TestCorpus(t *testing.T) {
	dir := ingesttest.CorpusDir(t, "enw")
	want := map[string]int{
		"colrev__enl_data.enl":             3, // the third record has no %0 line
		"jabref__Endnote.book.example.enw": 1,
		"jabref__Endnote.entries.enw":      5, // eight %0 lines stand alone, with no fields
		"jabref__Endnote.pattern.A.enw":    1,
		"jabref__Endnote.pattern.no_enw":   0,
		"zotero__ReferBibIX_case02.enw":    1,
		"zotero__ReferBibIX_case03.enw":    1,
		"zotero__ReferBibIX_case04.enw":    1, // "%0 Serial" stands alone before "%0 Audio"
	}
	for name, n := range want {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Skip(err)
			}
			recs, perrs, err := readAllBytes(b)
			if err != nil || len(perrs) > 0 {
				t.Fatalf("errors: %v %v", err, perrs)
			}
			if len(recs) != n {
				t.Errorf("read %d records, want %d", len(recs), n)
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	ingesttest.AddFuzzSeeds(f, "*.input")
	f.Add([]byte("%0 Journal Article\n%A A\n\n\ntext\n%0\n%0 Book\n"))
	f.Add([]byte("\xef\xbb\xbf%T x\r%X a\r\rb\r"))
	f.Add([]byte("%0 Book\n%A a\n\n%A b\n%0 Book\n%0 Book\n\n%T c\n%T d\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ingesttest.CheckReader(t, NewReader(bytes.NewReader(b)), len(b))
	})
}

// BenchmarkRead reads 50 000 generated records.
func BenchmarkRead(b *testing.B) {
	ingesttest.BenchmarkRead(b, generate(b, 50000), 50000, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}

package endnotexml

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

func newReader(r io.Reader) ingesttest.Reader { return NewReader(r) }

func readAllBytes(b []byte) ([]*bib.Record, []error, error) {
	return ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
}

func readAllString(s string) ([]*bib.Record, []error, error) {
	return ingesttest.ReadAll(NewReader(strings.NewReader(s)))
}

func TestGolden(t *testing.T) { ingesttest.RunGolden(t, newReader) }

// wrap puts records into EndNote XML's document elements.
func wrap(records ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><xml><records>` + strings.Join(records, "") + `</records></xml>`
}

func TestValues(t *testing.T) {
	tests := []struct {
		name   string
		record string
		check  func(*bib.Record) string
	}{
		{"styled runs are joined",
			`<record><titles><title><style face="normal">Plain </style><style face="bold">Bold</style><style face="italic"> and italic</style></title></titles></record>`,
			func(r *bib.Record) string { return r.Title }},
		{"indentation between runs is dropped",
			"<record><titles><title>\n    <style face=\"normal\">A demographic study</style>\n    <style face=\"italic\"> Catharacta</style>\n  </title></titles></record>",
			func(r *bib.Record) string { return r.Title }},
		{"a space between runs on one line is kept",
			`<record><titles><title><style>Left</style> <style>right</style></title></titles></record>`,
			func(r *bib.Record) string { return r.Title }},
		{"entities and character references",
			`<record><titles><title>Tom &amp; Jerry &lt;3 &#233;t&#xE9; &quot;q&quot; &apos;a&apos;</title></titles></record>`,
			func(r *bib.Record) string { return r.Title }},
		{"HTML entities",
			`<record><titles><title>Caf&eacute;&nbsp;culture</title></titles></record>`,
			func(r *bib.Record) string { return r.Title }},
		{"CDATA",
			`<record><abstract><![CDATA[Less <than> & more]]></abstract></record>`,
			func(r *bib.Record) string { return r.Abstract }},
		{"wrapped line is a space",
			"<record><auth-address>Cent States Forest Expt Stn, Columbus, OH\nUSA</auth-address></record>",
			func(r *bib.Record) string { return strings.Join(r.Affiliations, " | ") }},
		{"character reference line break separates",
			`<record><auth-address>Univ A, London, UK.&#xD;Univ B, Leeds, UK.&#10;Univ C; Univ D</auth-address></record>`,
			func(r *bib.Record) string { return strings.Join(r.Affiliations, " | ") }},
		{"comment inside a value",
			`<record><titles><title>Half<!-- note -->way</title></titles></record>`,
			func(r *bib.Record) string { return r.Title }},
		{"empty styled keywords",
			`<record><keywords><keyword/><keyword><style face="bold" size="12"/><style>anxiety; craving</style></keyword><keyword><style/></keyword></keywords></record>`,
			func(r *bib.Record) string { return keywordTerms(r) }},
		{"ref-type name with entity",
			`<record><ref-type xml:lang='en' name="Book &amp; more">6</ref-type></record>`,
			func(r *bib.Record) string { return r.Type }},
		{"unquoted attribute value",
			`<record><ref-type name=Book>6</ref-type><titles><title face=bold>T</title></titles></record>`,
			func(r *bib.Record) string { return r.Type + " " + r.Title }},
		{"attribute with line break and >",
			"<record><database name=\"My\nLibrary.enl\" path=\"a>b\">My Library.enl</database><titles><title>T</title></titles></record>",
			func(r *bib.Record) string { return r.Title }},
		{"unescaped less-than is text",
			`<record><titles><title>T</title></titles><abstract>p < 0.05 was significant</abstract></record>`,
			func(r *bib.Record) string { return r.Abstract + " / " + warnings(r) }},
		{"stray ampersand is text",
			`<record><titles><title>Smith & Wesson &c</title></titles></record>`,
			func(r *bib.Record) string { return r.Title }},
		{"control character becomes a space",
			"<record><titles><title>Bad\x0bchar</title></titles></record>",
			func(r *bib.Record) string { return r.Title + " / " + warnings(r) }},
		{"escaped angle brackets are text",
			`<record><titles><title><style face="normal">&lt;Creep of welded joints.pdf&gt;</style></title></titles></record>`,
			func(r *bib.Record) string { return r.Title + " / " + warnings(r) }},
		{"escaped rich text is markup",
			`<record><titles><title>&lt;i&gt;Homo&lt;/i&gt; and &lt;Notes on Homo.pdf&gt;</title></titles></record>`,
			func(r *bib.Record) string { return r.Title }},
		{"markup written as such in a title",
			`<record><titles><title>CO<sub>2</sub> uptake of <i>Zea mays</i></title></titles></record>`,
			func(r *bib.Record) string { return r.Title }},
	}
	want := map[string]string{
		"styled runs are joined":                   "Plain Bold and italic",
		"indentation between runs is dropped":      "A demographic study Catharacta",
		"a space between runs on one line is kept": "Left right",
		"entities and character references":        `Tom & Jerry <3 été "q" 'a'`,
		"HTML entities":                            "Café culture",
		"CDATA":                                    "Less <than> & more",
		"wrapped line is a space":                  "Cent States Forest Expt Stn, Columbus, OH USA",
		"character reference line break separates": "Univ A, London, UK | Univ B, Leeds, UK | Univ C | Univ D",
		"comment inside a value":                   "Halfway",
		"empty styled keywords":                    "anxiety; craving",
		"ref-type name with entity":                "book",
		"unquoted attribute value":                 "book T",
		"attribute with line break and >":          "T",
		"unescaped less-than is text":              `p < 0.05 was significant / unescaped "<" in the text, taken as written`,
		"stray ampersand is text":                  "Smith & Wesson &c",
		"control character becomes a space":        "Bad char / control character 0x0b in the text, read as a space",
		"escaped angle brackets are text":          "<Creep of welded joints.pdf> / ",
		"escaped rich text is markup":              "Homo and <Notes on Homo.pdf>",
		"markup written as such in a title":        "CO2 uptake of Zea mays",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, perrs, err := readAllString(wrap(tt.record))
			if err != nil || len(perrs) > 0 || len(recs) != 1 {
				t.Fatalf("got %d records, errors %v %v", len(recs), perrs, err)
			}
			if got := tt.check(recs[0]); got != want[tt.name] {
				t.Errorf("got  %q\nwant %q", got, want[tt.name])
			}
		})
	}
}

func keywordTerms(r *bib.Record) string {
	var k []string
	for _, kw := range r.Keywords {
		k = append(k, kw.Term)
	}
	return strings.Join(k, "; ")
}

func warnings(r *bib.Record) string {
	var w []string
	for _, x := range r.Warnings {
		w = append(w, x.Msg)
	}
	return strings.Join(w, "; ")
}

// TestEntityWarnings checks that an "&" that cannot be decoded is kept as
// written, with a warning that quotes the entity when it is written as one.
func TestEntityWarnings(t *testing.T) {
	tests := []struct {
		title, want, warn string
	}{
		{"A &bogus; title", "A &bogus; title", `unknown entity "&bogus;", taken as written`},
		{"Bad &#xZZ; reference", "Bad &#xZZ; reference", `unknown entity "&#xZZ;", taken as written`},
		{"Smith & Jones; and more", "Smith & Jones; and more", `"&" that starts no entity, taken as written`},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			recs, errs, err := readAllString(wrap("<record><titles><title>" + tt.title + "</title></titles></record>"))
			if err != nil || len(errs) > 0 || len(recs) != 1 {
				t.Fatalf("%d records, errors %v %v; want 1 record", len(recs), errs, err)
			}
			if recs[0].Title != tt.want {
				t.Errorf("title %q, want %q", recs[0].Title, tt.want)
			}
			var warns []string
			for _, w := range recs[0].Warnings {
				warns = append(warns, w.Msg)
			}
			if !slices.Contains(warns, tt.warn) {
				t.Errorf("warnings %q, want %q", warns, tt.warn)
			}
		})
	}
}

func TestBadRecords(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		titles    string // titles of the records read, in order
		errLines  []int
		errCols   []int
		errSubstr string
	}{
		{"mismatched end tag",
			wrap("<record><titles><title>One</title></titles></record>\n",
				"<record><titles><title>Two</titel></titles></record>\n",
				"<record><titles><title>Three</title></titles></record>"),
			"One|Three", []int{2}, []int{27}, "end tag </titel> does not match <title>"},
		{"record not closed before the next",
			wrap("<record><titles><title>One</title></titles>\n", "<record><titles><title>Two</title></titles></record>"),
			"Two", []int{1}, nil, "record not closed"},
		{"record cut off by the end of the file",
			wrap("<record><titles><title>One</title></titles></record>\n") + "<record><titles><title>Two</title>",
			"One", []int{2}, nil, "not closed before the end of the file"},
		{"unclosed element inside",
			wrap("<record><titles><title>One</title></record>\n", "<record><titles><title>Two</title></titles></record>"),
			"Two", []int{1}, []int{87}, "does not match <titles>"},
		{"NUL byte",
			wrap("<record><titles><title>O\x00ne</title></titles></record>", "<record><titles><title>Two</title></titles></record>"),
			"Two", []int{1}, nil, "NUL byte"},
		{"quote not closed in an attribute",
			wrap("<record><ref-type name=\"Journal>17</ref-type></record>", "<record><titles><title>Two</title></titles></record>"),
			"Two", []int{1}, nil, `has "<" in a quoted value`},
		{"legacy: mismatched end tag",
			"<XML><RECORDS>\n<RECORD><TITLE>One</TITLE></RECORD>\n<RECORD><TITLE>Two</TITEL></RECORD>\n<RECORD><TITLE>Three</TITLE></RECORD>\n</RECORDS></XML>",
			"One|Three", []int{3}, []int{19}, "end tag </TITEL> does not match <TITLE>"},
		{"legacy: record not closed before the next",
			"<XML><RECORDS>\n<RECORD><TITLE>One</TITLE>\n<RECORD><TITLE>Two</TITLE></RECORD></RECORDS></XML>",
			"Two", []int{2}, nil, "<RECORD> begins before </RECORD>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, perrs, err := readAllString(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, r := range recs {
				titles = append(titles, r.Title)
			}
			if strings.Join(titles, "|") != tt.titles {
				t.Errorf("titles %q, want %q", strings.Join(titles, "|"), tt.titles)
			}
			if len(perrs) != len(tt.errLines) {
				t.Fatalf("errors %v, want %d", perrs, len(tt.errLines))
			}
			for i, e := range perrs {
				var pe *bib.ParseError
				if !errors.As(e, &pe) {
					t.Fatalf("error %v is not a *bib.ParseError", e)
				}
				if pe.Line != tt.errLines[i] {
					t.Errorf("error at line %d, want %d: %v", pe.Line, tt.errLines[i], e)
				}
				if tt.errCols != nil && pe.Column != tt.errCols[i] {
					t.Errorf("error at column %d, want %d: %v", pe.Column, tt.errCols[i], e)
				}
				if !strings.Contains(e.Error(), tt.errSubstr) {
					t.Errorf("error %q does not say %q", e, tt.errSubstr)
				}
			}
			// Positions count the bad records.
			if n := len(recs) + len(perrs); n > 0 && recs != nil && recs[len(recs)-1].Position > n {
				t.Errorf("last position %d beyond %d records", recs[len(recs)-1].Position, n)
			}
		})
	}
}

func TestPositionsCountBadRecords(t *testing.T) {
	in := wrap("<record><titles><title>One</title></titles></record>",
		"<record><titles><title>Two</x></titles></record>",
		"<record><titles><title>Three</title></titles></record>")
	recs, perrs, err := readAllString(in)
	if err != nil || len(perrs) != 1 || len(recs) != 2 {
		t.Fatalf("got %d records, errors %v %v", len(recs), perrs, err)
	}
	if recs[0].Position != 1 || recs[1].Position != 3 {
		t.Errorf("positions %d, %d; want 1, 3", recs[0].Position, recs[1].Position)
	}
}

func TestOutsideRecords(t *testing.T) {
	in := "\ufeff<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<!DOCTYPE xml [ <!ENTITY x \"y\"> ]>\n<!-- exported -->\n<xml>\n<records>\nstray text\n<record><titles><title>One</title></titles></record>\n<note>junk</note>\n</records>\n</xml>\n"
	r := NewReader(strings.NewReader(in))
	recs, perrs, err := ingesttest.ReadAll(r)
	if err != nil || len(perrs) > 0 || len(recs) != 1 {
		t.Fatalf("got %d records, errors %v %v", len(recs), perrs, err)
	}
	if recs[0].Line != 7 || recs[0].Title != "One" {
		t.Errorf("record at line %d with title %q", recs[0].Line, recs[0].Title)
	}
	w := r.Warnings()
	if len(w) != 1 || w[0].Line != 6 || !strings.Contains(w[0].Msg, "3 piece(s)") {
		t.Errorf("warnings %+v, want 3 pieces from line 6", w)
	}
}

func TestNoRecords(t *testing.T) {
	r := NewReader(strings.NewReader(`<?xml version="1.0"?><PubmedArticleSet><PubmedArticle/></PubmedArticleSet>`))
	recs, perrs, err := ingesttest.ReadAll(r)
	if err != nil || len(perrs) > 0 || len(recs) != 0 {
		t.Fatalf("got %d records, errors %v %v", len(recs), perrs, err)
	}
	w := r.Warnings()
	if len(w) == 0 || !strings.Contains(w[len(w)-1].Msg, "root element is <PubmedArticleSet>") {
		t.Errorf("warnings %+v", w)
	}
}

// TestSmallReads reads through a reader that returns one byte at a time,
// so that every construct is split across buffer refills.
func TestSmallReads(t *testing.T) {
	for _, name := range []string{"endnote_styled.input", "legacy_uppercase.input"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		want, _, _ := readAllBytes(b)
		got, perrs, err := ingesttest.ReadAll(NewReader(iotest.OneByteReader(bytes.NewReader(b))))
		if err != nil || len(perrs) > 0 {
			t.Fatalf("%s: errors %v %v", name, err, perrs)
		}
		if len(want) == 0 || !bytes.Equal(ingesttest.Dump(got, nil), ingesttest.Dump(want, nil)) {
			t.Errorf("%s: reading one byte at a time gives other records", name)
		}
	}
}

// TestLegacySameAsModern checks that EndNote's legacy upper-case XML and
// its later XML give the same record for the same reference, and that the
// legacy wrappers are no text outside records.
func TestLegacySameAsModern(t *testing.T) {
	legacy := "<?xml version=\"1.0\"?>\n<XML><RECORDS><RECORD><REFERENCE_TYPE>7</REFERENCE_TYPE><REFNUM>12</REFNUM>" +
		"<AUTHORS><AUTHOR>Achebe, Ngozi</AUTHOR></AUTHORS><SECONDARY_AUTHORS><SECONDARY_AUTHOR>Lund, H.</SECONDARY_AUTHOR></SECONDARY_AUTHORS>" +
		"<YEAR>2012</YEAR><TITLE>Peatland &lt;i&gt;carbon&lt;/i&gt;</TITLE><SECONDARY_TITLE>Wetlands</SECONDARY_TITLE><TERTIARY_TITLE>Ecology Series</TERTIARY_TITLE>" +
		"<PLACE_PUBLISHED>London</PLACE_PUBLISHED><PUBLISHER>Taylor &amp; Francis</PUBLISHER><PAGES>45-67</PAGES><EDITION>2</EDITION>" +
		"<ISBN>978-0-521-12345-7</ISBN><KEYWORDS><KEYWORD>peat</KEYWORD><KEYWORD>carbon</KEYWORD></KEYWORDS><ABSTRACT>Budgets.</ABSTRACT>" +
		"<NOTES>A note</NOTES><URL>https://example.org/peat</URL><AUTHOR_ADDRESS>Univ A, UK</AUTHOR_ADDRESS><ACCESSION_NUMBER>30512288</ACCESSION_NUMBER>" +
		"<LANGUAGE>English</LANGUAGE></RECORD></RECORDS></XML>\n"
	modern := wrap(`<record><rec-number>12</rec-number><ref-type name="Book Section">5</ref-type><contributors><authors><author>Achebe, Ngozi</author></authors>` +
		`<secondary-authors><author>Lund, H.</author></secondary-authors></contributors><auth-address>Univ A, UK</auth-address>` +
		`<titles><title>Peatland <style face="italic">carbon</style></title><secondary-title>Wetlands</secondary-title><tertiary-title>Ecology Series</tertiary-title></titles>` +
		`<pages>45-67</pages><edition>2</edition><keywords><keyword>peat</keyword><keyword>carbon</keyword></keywords><dates><year>2012</year></dates>` +
		`<pub-location>London</pub-location><publisher>Taylor &amp; Francis</publisher><isbn>978-0-521-12345-7</isbn><accession-num>30512288</accession-num>` +
		`<abstract>Budgets.</abstract><notes>A note</notes><urls><related-urls><url>https://example.org/peat</url></related-urls></urls><language>English</language></record>`)
	r := NewReader(strings.NewReader(legacy))
	a, perrs, err := ingesttest.ReadAll(r)
	if err != nil || len(perrs) > 0 || len(a) != 1 {
		t.Fatalf("legacy: %d records, %v %v", len(a), perrs, err)
	}
	if w := r.Warnings(); len(w) > 0 {
		t.Errorf("legacy: warnings %+v", w)
	}
	b, _, err := readAllString(modern)
	if err != nil || len(b) != 1 {
		t.Fatalf("modern: %d records, %v", len(b), err)
	}
	if a[0].Type != "chapter" || a[0].SourceID != "12" || len(a[0].Warnings) > 0 {
		t.Errorf("legacy: type %q, source id %q, warnings %v", a[0].Type, a[0].SourceID, a[0].Warnings)
	}
	fields := append([]string{ingesttest.FAuthorDetails, ingesttest.FKeywordDetails, ingesttest.FIdentifiers}, ingesttest.RISFields...)
	ingesttest.CompareRecords(t, a[0], b[0], fields)
}

// TestLegacyTypes reads the reference type numbers of the legacy XML:
// EndNote's own ids, not those of its later XML; an id that is not one
// of its standard types leaves the type to be guessed, without a warning.
func TestLegacyTypes(t *testing.T) {
	for num, want := range map[string]string{
		"0": "article-journal", "1": "book", "2": "thesis", "5": "article-newspaper", "7": "chapter",
		"10": "report", "31": "article", "17": "article", "13": "article", "Book": "book",
	} {
		recs, perrs, err := readAllString("<XML><RECORDS><RECORD><REFERENCE_TYPE>" + num + "</REFERENCE_TYPE><TITLE>T</TITLE></RECORD></RECORDS></XML>")
		if err != nil || len(perrs) > 0 || len(recs) != 1 {
			t.Fatalf("%s: %d records, %v %v", num, len(recs), perrs, err)
		}
		if recs[0].Type != want || len(recs[0].Warnings) > 0 {
			t.Errorf("REFERENCE_TYPE %s: type %q, warnings %v; want %q", num, recs[0].Type, recs[0].Warnings, want)
		}
	}
}

func TestReadError(t *testing.T) {
	data := wrap("<record><titles><title>One</title></titles></record>", "<record><titles><title>Two</title></titles></record>")
	boom := errors.New("disk on fire")
	r := NewReader(io.MultiReader(strings.NewReader(data[:80]), iotest.ErrReader(boom)))
	var last error
	for i := 0; i < 5; i++ {
		_, err := r.Read()
		if err != nil && !bib.IsParseError(err) {
			last = err
			break
		}
	}
	if !errors.Is(last, boom) {
		t.Errorf("got %v, want the read error", last)
	}
}

func TestLargeRecordSkipped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a record larger than MaxRecordSize")
	}
	big := "<record><abstract>" + strings.Repeat("a", MaxRecordSize+10) + "</abstract></record>"
	in := wrap("<record><titles><title>One</title></titles></record>", big, "<record><titles><title>Three</title></titles></record>")
	recs, perrs, err := readAllString(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1].Title != "Three" || recs[1].Position != 3 || len(perrs) != 1 || !strings.Contains(perrs[0].Error(), "larger than") {
		t.Fatalf("got %d records, errors %v", len(recs), perrs)
	}
}

func TestRaw(t *testing.T) {
	rec := "<record>\r\n  <rec-number>7</rec-number>\r\n  <titles><title>One</title></titles>\r\n</record>"
	recs, _, err := readAllString("<xml><records>\r\n" + rec + "\r\n</records></xml>")
	if err != nil || len(recs) != 1 {
		t.Fatal(err)
	}
	if recs[0].Raw != rec || recs[0].Line != 2 || recs[0].SourceID != "7" {
		t.Errorf("raw %q at line %d, id %q", recs[0].Raw, recs[0].Line, recs[0].SourceID)
	}
}

// TestCorpus reads every EndNote XML file of the shared corpus and checks
// the record counts its manifest gives.
func TestCorpus(t *testing.T) {
	dir := ingesttest.CorpusDir(t, "endnotexml")
	want := map[string]int{
		"asysd__mendeley_export.xml":                           1233,
		"jabref__EndnoteXmlImporterTestArticle.xml":            1,
		"jabref__EndnoteXmlImporterTestArticle2.xml":           2,
		"jabref__EndnoteXmlImporterTestLabelAndMultiTitle.xml": 3,
		"jabref__EndnoteXmlImporterTestReport.xml":             1,
		"jabref__EndnoteXmlImporterTest_EmptyKeywordStyle.xml": 1,
		"rbibutils__endnote.xml":                               2,
		"zotero__EndnoteXML_case01.xml":                        9,
		"zotero__EndnoteXML_case02.xml":                        1,
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			recs, perrs, err := readAllBytes(b)
			if err != nil || len(perrs) > 0 {
				t.Fatalf("errors: %v %v", err, perrs)
			}
			if n, ok := want[filepath.Base(f)]; ok && len(recs) != n {
				t.Errorf("read %d records, want %d", len(recs), n)
			}
			for _, r := range recs {
				if r.Title == "" {
					t.Errorf("record %d has no title", r.Position)
				}
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	ingesttest.AddFuzzSeeds(f, "*.input")
	f.Add([]byte(wrap("<record><titles><title>x</title></titles></record>")))
	f.Add([]byte("<record><![CDATA[<record>]]><!-- </record> --></record><record/>"))
	f.Add([]byte("<xml><records><record><a b='>'>&#xD;&bogus;&#99999999;</a></records>"))
	f.Add([]byte("<XML><RECORDS><RECORD><REFERENCE_TYPE>x</REFERENCE_TYPE><AUTHORS><AUTHOR>&lt;i&gt;</AUTHOR></RECORD></record></RECORDS>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ingesttest.CheckReader(t, NewReader(bytes.NewReader(b)), len(b))
	})
}

// BenchmarkRead reads 50 000 generated records.
func BenchmarkRead(b *testing.B) {
	ingesttest.BenchmarkRead(b, generate(b, 50000), 50000, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}

// TestDatesThatAreNoDates reads eight-digit numbers that are not YYYYMMDD
// dates, which must not bring the reader down.
func TestDatesThatAreNoDates(t *testing.T) {
	for _, d := range []string{"00000000", "20231399", "Sep 00000000 0000", "2020/12345678", "1999 12345678"} {
		recs, perrs, err := readAllString(wrap(`<record><titles><title>T</title></titles><dates><year>` + d + `</year><pub-dates><date>` + d + `</date></pub-dates></dates></record>`))
		if err != nil || len(perrs) > 0 || len(recs) != 1 {
			t.Fatalf("%q: %d records, %v %v", d, len(recs), perrs, err)
		}
	}
	if d := bib.ParseDate("1999 12345678"); d.Year != 1999 {
		t.Errorf("bib.ParseDate kept year %d, want 1999", d.Year)
	}
}

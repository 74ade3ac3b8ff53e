package pubmedxml

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

func newReader(r io.Reader) ingesttest.Reader { return NewReader(r) }

func TestGolden(t *testing.T) { ingesttest.RunGolden(t, newReader) }

func readString(t *testing.T, s string) ([]*bib.Record, []error) {
	t.Helper()
	recs, perrs, err := ingesttest.ReadAll(NewReader(strings.NewReader(s)))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return recs, perrs
}

// article wraps the body of a MedlineCitation in a PubmedArticle.
func article(pmid, body string) string {
	return `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">` + pmid + `</PMID>` + body + `</MedlineCitation></PubmedArticle>`
}

func TestTitleText(t *testing.T) {
	tests := []struct {
		name, title, want string
	}{
		{"plain", `Plain title.`, `Plain title.`},
		{"italics", `Effect of <i>Staphylococcus aureus</i> on wounds.`, `Effect of Staphylococcus aureus on wounds.`},
		{"markup first", `<i>In vitro</i> study.`, `In vitro study.`},
		{"sup and sub", `CO<sub>2</sub> and 10<sup>-3</sup> M`, `CO2 and 10-3 M`},
		{"nested", `<b>Bold <i>and italic</i></b> end`, `Bold and italic end`},
		{"mathml", `Values of <mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math> here`, `Values of x2 here`},
		{"mathml annotation", `A <mml:math><mml:semantics><mml:mi>α</mml:mi><mml:annotation encoding="TeX">\alpha</mml:annotation></mml:semantics></mml:math> B`, `A α B`},
		{"entities", `Smith &amp; Jones &lt;3&gt; &#x3b1;-&#946; &quot;q&quot; &apos;a&apos;`, `Smith & Jones <3> α-β "q" 'a'`},
		{"html entities", `Caf&eacute; &ndash; na&iuml;ve&nbsp;use`, "Café – naïve use"},
		{"bare ampersand", `R & D; AT&T`, `R & D; AT&T`},
		{"cdata", `Before <![CDATA[<raw> & text]]> after`, `Before <raw> & text after`},
		{"comment", `Left<!-- a note -->right`, `Leftright`},
		{"white space", "  Wrapped\n\t  title\n  ", `Wrapped title`},
		{"decomposed accent", "Cafe\u0301", "Caf\u00e9"},
		{"escaped markup", `Effect of &lt;i&gt;E. coli&lt;/i&gt; at p &lt; 0.05`, `Effect of E. coli at p < 0.05`},
		{"escaped comparison only", `p &lt; 0.05 and q &gt; 1`, `p < 0.05 and q > 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, perrs := readString(t, article("1", `<Article><ArticleTitle>`+tt.title+`</ArticleTitle></Article>`))
			if len(perrs) > 0 || len(recs) != 1 {
				t.Fatalf("got %d records, errors %v", len(recs), perrs)
			}
			if recs[0].Title != tt.want {
				t.Errorf("title = %q, want %q", recs[0].Title, tt.want)
			}
		})
	}
}

func TestPlaceholderTitle(t *testing.T) {
	for _, title := range []string{"[Not Available].", "[In Process Citation]"} {
		recs, _ := readString(t, article("1", `<Article><ArticleTitle>`+title+`</ArticleTitle><VernacularTitle>Titre original.</VernacularTitle></Article>`))
		if r := recs[0]; r.Title != "Titre original." || r.OriginalTitle != "" || !hasWarning(r, "placeholder") {
			t.Errorf("%s: title %q, original %q, warnings %+v", title, r.Title, r.OriginalTitle, r.Warnings)
		}
	}
}

func TestUnknownEntityKeptWithWarning(t *testing.T) {
	recs, _ := readString(t, article("1", `<Article><ArticleTitle>A &madeup; title</ArticleTitle></Article>`))
	if recs[0].Title != "A &madeup; title" {
		t.Errorf("title = %q", recs[0].Title)
	}
	if !hasWarning(recs[0], "&madeup;") {
		t.Errorf("no warning about the entity: %+v", recs[0].Warnings)
	}
}

func hasWarning(r *bib.Record, sub string) bool {
	for _, w := range r.Warnings {
		if strings.Contains(w.Msg, sub) {
			return true
		}
	}
	return false
}

func TestDates(t *testing.T) {
	tests := []struct {
		name, journalIssue, extra string
		want                      bib.Date
	}{
		{"year month day", `<PubDate><Year>2017</Year><Month>Nov</Month><Day>09</Day></PubDate>`, "", bib.Date{Year: 2017, Month: 11, Day: 9}},
		{"numeric month", `<PubDate><Year>2019</Year><Month>07</Month></PubDate>`, "", bib.Date{Year: 2019, Month: 7}},
		{"full month name", `<PubDate><Year>2019</Year><Month>September</Month></PubDate>`, "", bib.Date{Year: 2019, Month: 9}},
		{"season", `<PubDate><Year>1990</Year><Season>Spring</Season></PubDate>`, "", bib.Date{Year: 1990, Season: "Spring", Raw: "1990 Spring"}},
		{"medline range", `<PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate>`, "", bib.Date{Year: 1998, Month: 12, Raw: "1998 Dec-1999 Jan"}},
		{"medline season", `<PubDate><MedlineDate>2000 Spring</MedlineDate></PubDate>`, "", bib.Date{Year: 2000, Season: "Spring", Raw: "2000 Spring"}},
		{"medline year range", `<PubDate><MedlineDate>1975-1976</MedlineDate></PubDate>`, "", bib.Date{Year: 1975, Raw: "1975-1976"}},
		{"article date fallback", `<PubDate/>`, `<ArticleDate DateType="Electronic"><Year>2021</Year><Month>03</Month><Day>04</Day></ArticleDate>`, bib.Date{Year: 2021, Month: 3, Day: 4}},
		{"pub date wins", `<PubDate><Year>2022</Year></PubDate>`, `<ArticleDate DateType="Electronic"><Year>2021</Year><Month>12</Month><Day>30</Day></ArticleDate>`, bib.Date{Year: 2022}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _ := readString(t, article("1", `<Article><Journal><JournalIssue>`+tt.journalIssue+`</JournalIssue></Journal><ArticleTitle>T</ArticleTitle>`+tt.extra+`</Article>`))
			if got := recs[0].Date; got != tt.want {
				t.Errorf("date = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestPages(t *testing.T) {
	tests := []struct {
		name, pagination, first, last string
	}{
		{"abbreviated", `<MedlinePgn>466-75</MedlinePgn>`, "466", "475"},
		{"start end", `<StartPage>25</StartPage><EndPage>138</EndPage>`, "25", "138"},
		{"start end abbreviated end", `<StartPage>1234</StartPage><EndPage>45</EndPage>`, "1234", "1245"},
		{"all three", `<StartPage>113</StartPage><EndPage>125</EndPage><MedlinePgn>113-25</MedlinePgn>`, "113", "125"},
		{"start only with medline range", `<StartPage>5</StartPage><MedlinePgn>5-9</MedlinePgn>`, "5", "9"},
		{"article number", `<MedlinePgn>e0815</MedlinePgn>`, "e0815", ""},
		{"discussion", `<MedlinePgn>1-10; discussion 11-2</MedlinePgn>`, "1", "10"},
		{"empty", `<MedlinePgn/>`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _ := readString(t, article("1", `<Article><ArticleTitle>T</ArticleTitle><Pagination>`+tt.pagination+`</Pagination></Article>`))
			if r := recs[0]; r.FirstPage != tt.first || r.LastPage != tt.last {
				t.Errorf("pages = %q-%q, want %q-%q", r.FirstPage, r.LastPage, tt.first, tt.last)
			}
		})
	}
}

func TestDecodeEntities(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a &amp; b", "a & b"},
		{"&#65;&#x42;&#X43;", "ABC"},
		{"&hellip;&mdash;&copy;", "…—©"},
		{"&#0; &#xD800; &#99999999999;", "&#0; &#xD800; &#99999999999;"},
		{"& alone; &; &", "& alone; &; &"},
		{"&custom;", "declared"},
	}
	declared := map[string]string{"custom": "declared"}
	for _, tt := range tests {
		if got := decodeEntities(tt.in, declared, nil); got != tt.want {
			t.Errorf("decodeEntities(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestErrors checks that a malformed record is a *bib.ParseError at the
// right line and column, and that the records around it still come out.
func TestErrors(t *testing.T) {
	good := func(pmid string) string {
		return article(pmid, `<Article><ArticleTitle>Good `+pmid+`</ArticleTitle></Article>`) + "\n"
	}
	tests := []struct {
		name      string
		input     string
		wantPMIDs []string // records read, in order
		line, col int      // of the error
		msg       string   // part of the error message
	}{
		{
			name:      "mismatched end tag",
			input:     "<PubmedArticleSet>\n" + good("1") + article("2", "<Article>\n<ArticleTitle>A <i>broken</b> title</ArticleTitle></Article>") + "\n" + good("3") + "</PubmedArticleSet>\n",
			wantPMIDs: []string{"1", "3"},
			line:      4, col: 26, msg: "</b> does not match <i>",
		},
		{
			name:      "unquoted attribute",
			input:     good("1") + "<PubmedArticle><MedlineCitation Status=MEDLINE><PMID>2</PMID></MedlineCitation></PubmedArticle>\n" + good("3"),
			wantPMIDs: []string{"1", "3"},
			line:      2, col: 40, msg: "not quoted",
		},
		{
			name:      "stray less-than",
			input:     good("1") + article("2", "<Article><ArticleTitle>p < 0.05</ArticleTitle></Article>") + "\n" + good("3"),
			wantPMIDs: []string{"1", "3"},
			line:      2, msg: "'<' not followed by a name",
		},
		{
			name:      "element not closed",
			input:     good("1") + article("2", "<Article><ArticleTitle>Open</Article>") + "\n" + good("3"),
			wantPMIDs: []string{"1", "3"},
			line:      2, msg: "</Article> does not match <ArticleTitle>",
		},
		{
			name:      "missing end tag before next record",
			input:     good("1") + "<PubmedArticle><MedlineCitation><PMID>2</PMID>\n<Article/>\n" + good("3"),
			wantPMIDs: []string{"1", "3"},
			line:      2, col: 1, msg: "not closed before the next record begins at line 4",
		},
		{
			name:      "truncated file",
			input:     good("1") + good("2") + "<PubmedArticle><MedlineCitation><PMID>3</PMID>\n<Article><ArticleTi",
			wantPMIDs: []string{"1", "2"},
			line:      3, col: 1, msg: "input ends inside the element",
		},
		{
			name:      "processing instruction not closed",
			input:     good("1") + article("2", "<Article>\n<ArticleTitle>x<?pi never closed</ArticleTitle></Article>") + "\n" + good("3"),
			wantPMIDs: []string{"1", "3"},
			line:      3, col: 16, msg: "processing instruction not closed",
		},
		{
			name:      "unclosed comment at top level",
			input:     good("1") + "<!-- no end\n" + good("2"),
			wantPMIDs: []string{"1"},
			line:      2, col: 1, msg: "comment not closed",
		},
		{
			name:      "not pubmed xml",
			input:     "<html><body>Error: too many requests</body></html>",
			wantPMIDs: nil,
			line:      1, msg: "root element is <html>",
		},
		{
			name:      "plain text",
			input:     "TY  - JOUR\nTI  - Not XML\nER  - \n",
			wantPMIDs: nil,
			line:      1, msg: "not PubMed XML",
		},
		{
			name:      "one line",
			input:     good("1")[:len(good("1"))-1] + article("2", "<Article><ArticleTitle>x</Title></Article>") + good("3"),
			wantPMIDs: []string{"1", "3"},
			line:      1, col: 287, msg: "</Title> does not match <ArticleTitle>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, perrs := readString(t, tt.input)
			var pmids []string
			for _, r := range recs {
				pmids = append(pmids, r.SourceID)
			}
			if strings.Join(pmids, ",") != strings.Join(tt.wantPMIDs, ",") {
				t.Errorf("records %v, want %v", pmids, tt.wantPMIDs)
			}
			if len(perrs) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(perrs), perrs)
			}
			var pe *bib.ParseError
			if !errors.As(perrs[0], &pe) {
				t.Fatalf("error %T is not a *bib.ParseError", perrs[0])
			}
			if pe.Line != tt.line || (tt.col != 0 && pe.Column != tt.col) {
				t.Errorf("error at %d:%d, want %d:%d: %v", pe.Line, pe.Column, tt.line, tt.col, pe)
			}
			if !strings.Contains(pe.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", pe.Error(), tt.msg)
			}
		})
	}
}

// TestPositionsCountBadRecords checks that Position counts every record
// element, the bad ones included.
func TestPositionsCountBadRecords(t *testing.T) {
	in := article("1", "<Article><ArticleTitle>a</ArticleTitle></Article>") +
		article("2", "<Article><ArticleTitle>b</i></ArticleTitle></Article>") +
		article("3", "<Article><ArticleTitle>c</ArticleTitle></Article>")
	recs, perrs := readString(t, in)
	if len(recs) != 2 || len(perrs) != 1 {
		t.Fatalf("got %d records and %d errors", len(recs), len(perrs))
	}
	if recs[0].Position != 1 || recs[1].Position != 3 {
		t.Errorf("positions %d, %d; want 1, 3", recs[0].Position, recs[1].Position)
	}
	if !strings.Contains(perrs[0].Error(), "record 2 (PMID 2)") {
		t.Errorf("error does not name the record: %v", perrs[0])
	}
}

func TestByteOrderMark(t *testing.T) {
	recs, perrs := readString(t, "\ufeff<?xml version=\"1.0\"?>\n"+article("1", "<Article><ArticleTitle>T</ArticleTitle></Article>"))
	if len(recs) != 1 || len(perrs) != 0 || recs[0].Line != 2 {
		t.Fatalf("got %d records, errors %v", len(recs), perrs)
	}
	r := NewReader(strings.NewReader("\ufeff" + article("1", "")))
	if _, err := r.Read(); err != nil || len(r.Warnings()) != 0 {
		t.Errorf("err %v, warnings %v", err, r.Warnings())
	}
}

func TestControlCharactersRemoved(t *testing.T) {
	recs, perrs := readString(t, article("1", "<Article><ArticleTitle>bin\x01ary\x1f title</ArticleTitle></Article>"))
	if len(recs) != 1 || len(perrs) != 0 {
		t.Fatalf("got %d records, errors %v", len(recs), perrs)
	}
	if recs[0].Title != "binary title" || !hasWarning(recs[0], "control characters removed") {
		t.Errorf("title %q, warnings %+v", recs[0].Title, recs[0].Warnings)
	}
}

func TestEmptyInputs(t *testing.T) {
	for _, in := range []string{"", "  \n", `<?xml version="1.0"?><PubmedArticleSet></PubmedArticleSet>`, "<PubmedArticleSet/>"} {
		recs, perrs := readString(t, in)
		if len(recs) != 0 || len(perrs) != 0 {
			t.Errorf("%q: got %d records, errors %v", in, len(recs), perrs)
		}
	}
}

func TestFileWarnings(t *testing.T) {
	in := "<PubmedArticleSet>\nstray text\n" + article("1", "") +
		"<DeleteCitation><PMID Version=\"1\">123</PMID><PMID Version=\"1\">456</PMID></DeleteCitation></PubmedArticleSet>\n"
	r := NewReader(strings.NewReader(in))
	recs, perrs, err := ingesttest.ReadAll(r)
	if err != nil || len(perrs) > 0 || len(recs) != 1 {
		t.Fatalf("got %d records, %v, %v", len(recs), perrs, err)
	}
	w := r.Warnings()
	if len(w) != 2 || w[0].Line != 2 || !strings.Contains(w[0].Msg, "outside PubMed records") || !strings.Contains(w[1].Msg, "DeleteCitation") {
		t.Errorf("warnings = %+v", w)
	}
}

// TestRaw checks that Raw is each record element exactly as it stood.
func TestRaw(t *testing.T) {
	a := article("1", "<Article>\r\n<ArticleTitle>First</ArticleTitle>\r\n</Article>")
	b := "<PubmedBookArticle><BookDocument><PMID>2</PMID><Book><BookTitle>B</BookTitle></Book></BookDocument></PubmedBookArticle >"
	recs, _ := readString(t, "<?xml version=\"1.0\"?>\r\n<PubmedArticleSet>\r\n"+a+"\r\n  "+b+"\r\n</PubmedArticleSet>")
	if len(recs) != 2 {
		t.Fatalf("got %d records", len(recs))
	}
	if recs[0].Raw != a || recs[1].Raw != b {
		t.Errorf("raw:\n%q\n%q", recs[0].Raw, recs[1].Raw)
	}
	if recs[0].Line != 3 || recs[1].Line != 6 {
		t.Errorf("lines %d, %d; want 3, 6", recs[0].Line, recs[1].Line)
	}
}

// TestChunkBoundaries reads the same files through readers that return one
// byte, or half of what is asked, at a time: record boundaries, tags and
// line counts that fall across reads must not change the result.
func TestChunkBoundaries(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.input"))
	data, _ := generate(t, 30)
	inputs := map[string][]byte{"generated": data}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = b
	}
	for name, b := range inputs {
		want := dump(t, NewReader(bytes.NewReader(b)))
		for _, wrap := range []struct {
			name string
			r    func(io.Reader) io.Reader
		}{{"one byte", iotest.OneByteReader}, {"half", iotest.HalfReader}, {"data with EOF", iotest.DataErrReader}} {
			if got := dump(t, NewReader(wrap.r(bytes.NewReader(b)))); !bytes.Equal(got, want) {
				t.Errorf("%s read %s differs from reading it whole", name, wrap.name)
			}
		}
	}
}

func dump(t *testing.T, r *Reader) []byte {
	t.Helper()
	recs, perrs, err := ingesttest.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return ingesttest.Dump(recs, perrs)
}

// TestStreams checks that the reader holds one record at a time, not the
// file: reading 20 MB of records leaves its buffer well under a megabyte.
func TestStreams(t *testing.T) {
	data, _ := generate(t, 2500)
	if len(data) < 20<<20 {
		t.Fatalf("generated only %d bytes", len(data))
	}
	r := NewReader(bytes.NewReader(data))
	n := 0
	for {
		if _, err := r.Read(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2500 || cap(r.sc.buf) > 1<<20 {
		t.Errorf("read %d records with a buffer of %d bytes", n, cap(r.sc.buf))
	}
}

// TestOversizedRecord checks that a record that shows neither its end nor
// the next record's start within the size limit is given up there, and
// that reading goes on with the next record.
func TestOversizedRecord(t *testing.T) {
	defer func(n int) { maxArticleSize = n }(maxArticleSize)
	maxArticleSize = 4 << 10
	lost := "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><Abstract><AbstractText>" +
		strings.Repeat("<i>text</i> and more text\n", readSize/20) + "</AbstractText></Abstract></Article></MedlineCitation>\n"
	in := "<PubmedArticleSet>\n" + lost + article("2", "<Article><ArticleTitle>Next</ArticleTitle></Article>") + "\n</PubmedArticleSet>\n"
	r := NewReader(strings.NewReader(in))
	recs, perrs, err := ingesttest.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(perrs) != 1 || !strings.Contains(perrs[0].Error(), "not closed within 4096 bytes") {
		t.Fatalf("errors %v", perrs)
	}
	if len(recs) != 1 || recs[0].SourceID != "2" || recs[0].Position != 2 {
		t.Fatalf("records %+v", recs)
	}
	if w := r.Warnings(); len(w) != 0 {
		t.Errorf("the rest of the lost record counted as text outside records: %+v", w)
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("disk gone")
	r := NewReader(io.MultiReader(strings.NewReader("<PubmedArticleSet>"+article("1", "")), iotest.ErrReader(boom)))
	if _, err := r.Read(); err != nil {
		t.Fatalf("first record: %v", err)
	}
	_, err := r.Read()
	if !errors.Is(err, boom) || bib.IsParseError(err) {
		t.Errorf("err = %v, want the read error, not a parse error", err)
	}
}

// TestGeneratedRoundTrip renders generated records as PubMed XML and
// checks that every field they carry comes back.
func TestGeneratedRoundTrip(t *testing.T) {
	data, want := generate(t, 300)
	recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(data)))
	if err != nil || len(perrs) > 0 {
		t.Fatalf("read: %v %v", err, perrs)
	}
	if len(recs) != len(want) {
		t.Fatalf("read %d records, want %d", len(recs), len(want))
	}
	fields := []string{ingesttest.FType, ingesttest.FTitle, ingesttest.FAuthors, ingesttest.FAuthorDetails, ingesttest.FDate,
		ingesttest.FContainer, ingesttest.FContainerAbbrev, ingesttest.FVolume, ingesttest.FIssue, ingesttest.FPages,
		ingesttest.FAbstract, ingesttest.FLanguage, ingesttest.FMainIdentifiers, ingesttest.FISSNKinds, ingesttest.FKeywords,
		ingesttest.FPubTypes, ingesttest.FDatabase}
	for i := range recs {
		ingesttest.CompareRecords(t, want[i], recs[i], fields)
		if recs[i].SourceID != want[i].SourceID || recs[i].Position != i+1 {
			t.Errorf("record %d: source id %q position %d", i+1, recs[i].SourceID, recs[i].Position)
		}
		for _, k := range want[i].Keywords {
			if !hasKeyword(recs[i], k) {
				t.Errorf("record %d: keyword %+v missing", i+1, k)
			}
		}
		if t.Failed() {
			break
		}
	}
}

func hasKeyword(r *bib.Record, k bib.Keyword) bool {
	for _, x := range r.Keywords {
		if x.Term == k.Term && x.Vocabulary == k.Vocabulary && x.Qualifier == k.Qualifier && x.Major == k.Major {
			return true
		}
	}
	return false
}

var recordStart = regexp.MustCompile(`<Pubmed(Book)?Article[\s>/]`)

// TestCorpus reads every PubMed XML file of the shared corpus: no fatal
// error, and one record or parse error per record element in the file.
func TestCorpus(t *testing.T) {
	dir := ingesttest.CorpusDir(t, "pubmedxml")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
			if err != nil {
				t.Fatal(err)
			}
			if want := len(recordStart.FindAll(b, -1)); len(recs)+len(perrs) != want {
				t.Errorf("%d records and %d errors, want %d record elements", len(recs), len(perrs), want)
			}
			for _, r := range recs {
				if r.Raw == "" || r.Line == 0 {
					t.Errorf("record %d: no raw text or line", r.Position)
				}
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	ingesttest.AddFuzzSeeds(f, "*.input")
	f.Add([]byte(article("1", "<Article><ArticleTitle>a<i>b</i></ArticleTitle></Article>")))
	f.Add([]byte("<PubmedArticleSet><PubmedArticle/><PubmedArticle><!-- x --></PubmedArticle>"))
	f.Add([]byte("<!DOCTYPE x [<!ENTITY e \"v\">]><PubmedArticle>&e;</PubmedArticle>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ingesttest.CheckReader(t, NewReader(bytes.NewReader(b)), len(b))
	})
}

// BenchmarkRead reads 50 000 generated articles.
func BenchmarkRead(b *testing.B) {
	data, _ := generate(b, 50000)
	ingesttest.BenchmarkRead(b, data, 50000, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}

// BenchmarkParse measures finding and parsing the record elements, without
// mapping them onto records.
func BenchmarkParse(b *testing.B) {
	data, _ := generate(b, 50000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := newScanner(bytes.NewReader(data), &doc{})
		for {
			if _, err := s.next(); err != nil {
				break
			}
		}
	}
	b.ReportMetric(float64(50000*b.N)/b.Elapsed().Seconds(), "records/s")
}

package csvtable

import (
	"bytes"
	"errors"
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

func readString(t *testing.T, s string) ([]*bib.Record, []error) {
	t.Helper()
	recs, perrs, err := ingesttest.ReadAll(NewReader(strings.NewReader(s)))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return recs, perrs
}

func readFile(t *testing.T, name string) ([]*bib.Record, []error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return readString(t, string(b))
}

func TestNoTitleColumn(t *testing.T) {
	r := NewReader(strings.NewReader("Authors,Year,DOI\nSmith J.,2020,10.5555/x\n"))
	_, err := r.Read()
	var pe *bib.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v, want a *bib.ParseError", err)
	}
	if pe.Line != 1 || !strings.Contains(pe.Error(), `"Title"`) {
		t.Errorf("error %q: want line 1 and the missing column named", pe)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("second Read = %v, want io.EOF", err)
	}
}

func TestEmptyInput(t *testing.T) {
	for _, in := range []string{"", "\ufeff", "\n\n", "Title,Authors\n"} {
		recs, perrs := readString(t, in)
		if len(recs) != 0 || len(perrs) != 0 {
			t.Errorf("%q: got %d records, %d errors; want none", in, len(recs), len(perrs))
		}
	}
}

func TestBrokenRows(t *testing.T) {
	recs, perrs := readFile(t, "broken_rows.input")
	var titles []string
	for _, r := range recs {
		titles = append(titles, r.Title)
	}
	want := []string{"A good first row", "A stray \x01 control character", "A short row", `A title with an "escaped" quote and a stray " one`}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("records %q, want %q", titles, want)
	}
	wantLines := []int{3, 4, 8}
	if len(perrs) != len(wantLines) {
		t.Fatalf("got %d errors, want %d: %v", len(perrs), len(wantLines), perrs)
	}
	for i, e := range perrs {
		var pe *bib.ParseError
		if !errors.As(e, &pe) || pe.Line != wantLines[i] {
			t.Errorf("error %d = %v, want one at line %d", i, e, wantLines[i])
		}
	}
	if p := recs[3].Position; p != 6 {
		t.Errorf("position of the row after the bad ones = %d, want 6", p)
	}
	if len(recs[1].Warnings) == 0 || len(recs[2].Warnings) == 0 {
		t.Errorf("row with a control character or short row has no warning")
	}
}

// TestSeparators reads one table written with every separator and line
// end the reader accepts.
func TestSeparators(t *testing.T) {
	const table = "Title,Authors,Year,Source title\n\"Fractures, falls and frailty\",\"Berg, Anna; Vik, Ola\",2019,Bone\n"
	tests := []struct {
		name, in string
		line     int
	}{
		{"comma LF", table, 2},
		{"comma CRLF", strings.ReplaceAll(table, "\n", "\r\n"), 2},
		{"comma CR", strings.ReplaceAll(table, "\n", "\r"), 2},
		{"semicolon", "Title;Authors;Year;Source title\n\"Fractures, falls and frailty\";\"Berg, Anna; Vik, Ola\";2019;Bone\n", 2},
		{"tab", "Title\tAuthors\tYear\tSource title\nFractures, falls and frailty\tBerg, Anna; Vik, Ola\t2019\tBone\n", 2},
		{"sep line", "sep=;\nTitle;Authors;Year;Source title\n\"Fractures, falls and frailty\";\"Berg, Anna; Vik, Ola\";2019;Bone\n", 3},
		{"BOM", "\ufeff" + table, 2},
		{"no final line end", strings.TrimSuffix(table, "\n"), 2},
		{"blank lines", "\n" + strings.ReplaceAll(table, "\n", "\n\n"), 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, perrs := readString(t, tt.in)
			if len(recs) != 1 || len(perrs) != 0 {
				t.Fatalf("got %d records, errors %v; want 1 record", len(recs), perrs)
			}
			r := recs[0]
			if r.Title != "Fractures, falls and frailty" || len(r.Authors) != 2 || r.Authors[1].Family != "Vik" ||
				r.Date.Year != 2019 || r.Container != "Bone" {
				t.Errorf("record %+v", r)
			}
			if r.Line != tt.line {
				t.Errorf("line %d, want %d", r.Line, tt.line)
			}
		})
	}
}

func TestColumnKey(t *testing.T) {
	for in, want := range map[string]string{
		"Author(s) ID": "authorsid", "source_title": "sourcetitle", "SOURCE TITLE": "sourcetitle", "Art. No.": "artno",
		"\ufeffAuthors": "authors", "authorships.author.display_name": "authorshipsauthordisplayname", "Titel": "titel",
	} {
		if got := columnKey(in); got != want {
			t.Errorf("columnKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		in   string
		d    dialect
		want []string
	}{
		{"Liu F.; Li C.; Liu Y.", scopus, []string{"Liu, F.", "Li, C.", "Liu, Y."}},
		{"Yagai T., Kimura Y., Kamada H.", scopus, []string{"Yagai, T.", "Kimura, Y.", "Kamada, H."}},
		{"Unnikrishnan M.A.; Edwin Raja Dhas J.", scopus, []string{"Unnikrishnan, M.A.", "Edwin Raja Dhas, J."}},
		{"Fischer M.M.Nijkamp P.", scopus, []string{"Fischer, M.M.", "Nijkamp, P."}},
		{"[No author name available]", scopus, nil},
		{"Cole, Lynette K.", generic, []string{"Cole, Lynette K."}},
		{"Smith, J., Jones, K.", generic, []string{"Smith, J.", "Jones, K."}},
		{"Smith, John, Jones, Mary", generic, []string{"Smith, John", "Jones, Mary"}},
		{"Smith A, Walter B", generic, []string{"Smith, A", "Walter, B"}},
		{"Joseph Rottman, Erran Carmel, Mary Lacity", generic, []string{"Rottman, Joseph", "Carmel, Erran", "Lacity, Mary"}},
		{"van der Berg, Jan", generic, []string{"van der Berg, Jan"}},
		{"Massimo Aria|Corrado Cuccurullo", generic, []string{"Aria, Massimo", "Cuccurullo, Corrado"}},
		{"Rotter, Carina; Whittaker, Danielle", generic, []string{"Rotter, Carina", "Whittaker, Danielle"}},
		{"Ito, K. and van Dam, A.B. and Okafor, Chidi", generic, []string{"Ito, K.", "van Dam, A.B.", "Okafor, Chidi"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range names(tt.in, tt.d) {
			got = append(got, p.String())
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("names(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScopusFullNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Britten, Mark", []string{"Britten, Mark"}},
		{" Britten, Mark A. ", []string{"Britten, Mark A."}},
		{"Britten, Mark; Gask, Linda", []string{"Britten, Mark", "Gask, Linda"}},
		{"van der Berg, Jan; Smith, J.", []string{"van der Berg, Jan", "Smith, J."}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range scopusFullNames(tt.in) {
			got = append(got, p.String())
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("scopusFullNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Read from a file, a record of one author is one person, whose id
	// the Author(s) ID column gives.
	csv := "\"Authors\",\"Author full names\",\"Author(s) ID\",\"Title\",\"Year\",\"Source title\",\"EID\"\n" +
		"\"Britten M.\",\"Britten, Mark (57000002100)\",\"57000002100\",\"A paper\",\"2021\",\"J Things\",\"2-s2.0-85000000001\"\n"
	r := NewReader(strings.NewReader(csv))
	rec, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Authors) != 1 || rec.Authors[0].String() != "Britten, Mark" {
		t.Errorf("authors of a one-author record = %v, want [Britten, Mark]", rec.Authors)
	}
	if w := r.Warnings(); len(w) != 0 {
		t.Errorf("warnings: %v", w)
	}
}

func TestCutRunTogether(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Fischer M.M.Nijkamp P.", "Fischer M.M.|Nijkamp P."},
		{"Li X.Wang Y.Zhao Z.", "Li X.|Wang Y.|Zhao Z."},
		{"A.B.Cd E.F.Gh", "A.B.|Cd E.F.|Gh"},
		{"X.Yz", "X.|Yz"},
		{"Ab.Cd", "Ab.Cd"},
		{"Smith J.", "Smith J."},
		{".Ab", ".Ab"},
	}
	for _, tt := range tests {
		var got []string
		for p := tt.in; p != ""; {
			var name string
			name, p = cutRunTogether(p)
			got = append(got, name)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("cutRunTogether(%q) gives %q, want %q", tt.in, g, tt.want)
		}
	}
}

func TestStripScopusIDs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Liu, Fengyuan (60410297700); Li, Chunyun (58862216200); Smith, J. (Jr.) (1)", "Liu, Fengyuan; Li, Chunyun; Smith, J. (Jr.)"},
		// the spaces before an id go with it, and only those
		{"A  (1) (2)", "A"},
		{"A (x) (1)", "A (x)"},
		{"(1) A", " A"},
		{"A (1)  ", "A  "},
		{" (1)", ""},
		{"A ;(1); B (2)  ;C", "A ;; B  ;C"},
		{"Smith, J. (Jr.) (1)x", "Smith, J. (Jr.)x"},
		// not ids
		{"A (12", "A (12"},
		{"A ()", "A ()"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := stripScopusIDs(tt.in); got != tt.want {
			t.Errorf("stripScopusIDs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitAffiliations(t *testing.T) {
	known := []string{
		"Department of Clinical Medicine, Hunan University, Changsha, China",
		"Department of Surgery, Department of Clinical Medicine, Hunan University, Changsha, China",
		"School of Medicine, Qingdao University, Qingdao, China",
	}
	tests := []struct {
		text string
		want []string
	}{
		{known[1], []string{known[1]}},
		{known[0] + ", " + known[2], []string{known[0], known[2]}},
		{known[2] + ", " + known[1], []string{known[2], known[1]}},
		{known[2] + ", Unknown Lab, Somewhere, Japan", []string{known[2], "Unknown Lab, Somewhere, Japan"}},
		{"Nothing known, Nowhere", []string{"Nothing known, Nowhere"}},
		{"Unknown Lab, Japan, " + known[2], []string{"Unknown Lab, Japan", known[2]}},
		{known[2] + ", Lab X, " + known[0], []string{known[2], "Lab X", known[0]}},
		{", " + known[2] + ", ", []string{"", known[2], ""}},
		{known[0] + ", " + known[0], []string{known[0], known[0]}},
	}
	for _, tt := range tests {
		got := splitAffiliations(nil, tt.text, &affiliationList{list: known})
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitAffiliations(%q):\n got  %q\n want %q", tt.text, got, tt.want)
		}
	}
}

func TestSplitOriginalTitle(t *testing.T) {
	tests := []struct{ in, title, orig string }{
		{"Joints of AZ31 alloy welded on both sides; [Giunti di lega AZ31 saldati]", "Joints of AZ31 alloy welded on both sides", "Giunti di lega AZ31 saldati"},
		{"APL in business data processing. [APL in der betrieblichen DV.]", "APL in business data processing", "APL in der betrieblichen DV."},
		{"Effects of drug [X] on mice", "Effects of drug [X] on mice", ""},
		{"A study [Correction]", "A study [Correction]", ""},
	}
	for _, tt := range tests {
		title, orig := splitOriginalTitle(tt.in)
		if title != tt.title || orig != tt.orig {
			t.Errorf("splitOriginalTitle(%q) = %q, %q; want %q, %q", tt.in, title, orig, tt.title, tt.orig)
		}
	}
}

func TestWorkType(t *testing.T) {
	tests := []struct{ code, label, want string }{
		{"", "Article", "article-journal"},
		{"", "Conference Paper", "paper-conference"},
		{"", "Book Chapter", "chapter"},
		{"", "Review", "article-journal"},
		{"journalArticle", "", "article-journal"},
		{"bookSection", "", "chapter"},
		{"book-chapter", "", "chapter"},
		{"IEEE Conferences", "", "paper-conference"},
		{"thesis", "", "thesis"},
		{"motion_picture", "", "motion_picture"},
		{"", "Something new", "article"},
		{"", "", "article"},
	}
	for _, tt := range tests {
		if got := workType(tt.code, tt.label); got != tt.want {
			t.Errorf("workType(%q, %q) = %q, want %q", tt.code, tt.label, got, tt.want)
		}
	}
}

func TestParseCitation(t *testing.T) {
	var rec bib.Record
	if !parseCitation(&rec, "Cancer Research (2004) 102:4 (253-58). Date of Publication: 25 Aug 2004") {
		t.Fatal("not parsed")
	}
	if rec.Container != "Cancer Research" || rec.Volume != "102" || rec.Issue != "4" || rec.FirstPage != "253" ||
		rec.LastPage != "258" || rec.Date != (bib.Date{Year: 2004, Month: 8, Day: 25}) {
		t.Errorf("got %+v", rec)
	}
	if parseCitation(&bib.Record{}, "Scopus") {
		t.Error("a database name parsed as a citation")
	}
}

// TestScopusCorpus reads the Scopus exports of the shared corpus: every
// record, with the counts the corpus manifest gives, and every record
// with its EID as its id.
func TestScopusCorpus(t *testing.T) {
	dir := ingesttest.CorpusDir(t, "scopuscsv")
	want := map[string]int{"bibliometrix__scopus_sample.csv": 8, "metaknowledge__scopus_testing.csv": 220, "pybibx__scopus.csv": 13}
	for name, n := range want {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if os.IsNotExist(err) {
				t.Skip("not in this corpus")
			}
			if err != nil {
				t.Fatal(err)
			}
			recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
			if err != nil || len(perrs) > 0 {
				t.Fatalf("errors: %v %v", err, perrs)
			}
			if len(recs) != n {
				t.Errorf("got %d records, want %d", len(recs), n)
			}
			for _, r := range recs {
				if r.Title == "" || !strings.HasPrefix(r.SourceID, "2-s2.0-") || r.Identifier(bib.EID) != r.SourceID || r.Database != "Scopus" {
					t.Errorf("record %d: title %q, id %q, database %q", r.Position, r.Title, r.SourceID, r.Database)
				}
				for _, p := range r.Authors {
					if strings.ContainsAny(p.String(), "()0123456789") {
						t.Errorf("record %d: author %q keeps a Scopus id", r.Position, p.String())
					}
				}
			}
		})
	}
}

// TestOtherTablesCorpus reads the other bibliographic CSVs of the shared
// corpus (Zotero, Lens, OpenAlex, IEEE, Embase, PubMed, Springer).
func TestOtherTablesCorpus(t *testing.T) {
	dir := ingesttest.CorpusDir(t, "other")
	want := map[string]int{"asreview__embase_newpage.csv": 6, "asysd__zotero_export.csv": 1233, "bibliometrix__lens_sample.csv": 8,
		"bibliometrix__openalex_sample.csv": 8, "colrev__csv_data.csv": 2, "colrev__ieee_csv.csv": 2, "colrev__pubmed_csv.csv": 1,
		"colrev__springer_csv.csv": 1, "litstudy__ieee.csv": 10}
	for name, n := range want {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if os.IsNotExist(err) {
				t.Skip("not in this corpus")
			}
			if err != nil {
				t.Fatal(err)
			}
			recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
			if err != nil || len(perrs) > 0 {
				t.Fatalf("errors: %v %v", err, perrs)
			}
			if len(recs) != n {
				t.Errorf("got %d records, want %d", len(recs), n)
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
	f.Add([]byte("Title,Authors\n\"unclosed,x\n"))
	f.Add([]byte("Title\rA\rB\r"))
	f.Add([]byte("Title;Authors\nA;B;C;D\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ingesttest.CheckReader(t, NewReader(bytes.NewReader(b)), len(b))
	})
}

func TestJoinedTables(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "joined_tables.input"))
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(bytes.NewReader(b))
	recs, perrs, err := ingesttest.ReadAll(r)
	if err != nil || len(perrs) > 0 || len(recs) != 3 {
		t.Fatalf("got %d records, errors %v %v; want 3", len(recs), perrs, err)
	}
	if recs[2].Type != "chapter" || recs[2].SourceID != "ABCD1234" {
		t.Errorf("third table not read with its own columns: %+v", recs[2])
	}
	w := r.Warnings()
	if len(w) != 2 || w[0].Line != 3 || w[1].Line != 5 {
		t.Errorf("warnings %+v, want the repeated header at line 3 and the new one at line 5", w)
	}
}

// TestDatesThatAreNoDates reads date cells holding eight-digit numbers
// that are no YYYYMMDD date: the reader keeps no date from them, and a
// year written beside one is still read.
func TestDatesThatAreNoDates(t *testing.T) {
	recs, perrs := readString(t, "Title,Date,Year\nA,21962020,2019\nB,20201399 and 2018,\nC,19990230,\n")
	if len(perrs) > 0 || len(recs) != 3 {
		t.Fatalf("got %d records, %v", len(recs), perrs)
	}
	for i, want := range []bib.Date{{Year: 2019}, {Year: 2018}, {Year: 1999, Month: 2}} {
		if recs[i].Date.Year != want.Year || recs[i].Date.Month != want.Month {
			t.Errorf("record %d: date %+v, want %+v", i+1, recs[i].Date, want)
		}
	}
}

func TestWebOfScienceTable(t *testing.T) {
	in := "Authors\tAuthor Full Names\tArticle Title\tSource Title\tAddresses\tUT (Unique WOS ID)\tKeywords Plus\tPublication Year\n" +
		"Smith, J; Doe, A; Roe, R\tSmith, John; Doe, Anna; Roe, Rita\tA study\tJournal\t[Smith, John; Doe, Anna] Univ X, Dept Y, Oxford, England; [Roe, Rita] Univ Z, Leeds, England\tWOS:000123456700001\tOUTCOMES; RISK\t2020\n"
	recs, perrs := readString(t, in)
	if len(recs) != 1 || len(perrs) > 0 {
		t.Fatalf("got %d records, %v", len(recs), perrs)
	}
	r := recs[0]
	if r.SourceID != "WOS:000123456700001" || r.Identifier(bib.WOS) != r.SourceID {
		t.Errorf("id %q", r.SourceID)
	}
	if len(r.Authors) != 3 || r.Authors[0].Given != "John" {
		t.Fatalf("authors %+v", r.Authors)
	}
	if a := r.Authors[1].Affiliations; len(a) != 1 || a[0] != "Univ X, Dept Y, Oxford, England" {
		t.Errorf("second author's affiliations %q", a)
	}
	if a := r.Authors[2].Affiliations; len(a) != 1 || a[0] != "Univ Z, Leeds, England" {
		t.Errorf("third author's affiliations %q", a)
	}
	if len(r.Keywords) != 2 || r.Keywords[0].Vocabulary != bib.VocabKeywordsPlus {
		t.Errorf("keywords %+v", r.Keywords)
	}
}

// TestRowTooLong reads a file whose quote is never closed: the reader
// stops with an error instead of holding the rest of the file as one row.
func TestRowTooLong(t *testing.T) {
	defer func(n int) { maxRowBytes = n }(maxRowBytes)
	maxRowBytes = 1 << 10
	in := "Title,Year\nA good row,2020\n\"An open quote," + strings.Repeat("and on and on\n", 2000)
	r := NewReader(strings.NewReader(in))
	if rec, err := r.Read(); err != nil || rec.Title != "A good row" {
		t.Fatalf("first row: %v %v", rec, err)
	}
	_, err := r.Read()
	if err == nil || bib.IsParseError(err) || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("got %v, want an error naming line 3", err)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("after the error: %v, want io.EOF", err)
	}
}

func TestSplitJoinedNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sonia RoyoAna Yetano", "Sonia Royo|Ana Yetano"},
		{"John M. CarrollBlaine HoffmanKyungsik HanMary Beth Rosson", "John M. Carroll|Blaine Hoffman|Kyungsik Han|Mary Beth Rosson"},
		{"Reinhard A. HandlerRaul Ferrer Conill", "Reinhard A. Handler|Raul Ferrer Conill"},
		{"Sophia B. Liu", "Sophia B. Liu"},
		{"Mikołaj MorzyÉmile Zola", "Mikołaj Morzy|Émile Zola"},
		// capitals inside family names
		{"Ana McDonald", "Ana McDonald"},
		{"Ana MacArthurJohn Smith", "Ana MacArthur|John Smith"},
		{"Ana DeWittLuc LeBlancLeo DiCaprioSean O'NeilJo VanDykeMax VonTrappEd FitzGerald", "Ana DeWitt|Luc LeBlanc|Leo DiCaprio|Sean O'Neil|Jo VanDyke|Max VonTrapp|Ed FitzGerald"},
		{"Ana Smith-MacArthurJohn Doe", "Ana Smith-MacArthur|John Doe"},
		{"Ana Pérez-CanoJordi Vidal", "Ana Pérez-Cano|Jordi Vidal"},
		// a given name with a capital inside stays whole when it comes first
		{"MaryAnn JonesLeeAnn Smith", "MaryAnn Jones|LeeAnn Smith"},
		// two-letter family names: listed ones end a name, others do not
		{"Wei LiJun WangHong Xu", "Wei Li|Jun Wang|Hong Xu"},
		{"Tom DaSilva", "Tom DaSilva"},
		// no lower-case letter before the capital, or no word after it
		{"JOHN SMITHAna Lee", "JOHN SMITHAna Lee"},
		{"Ana SmithJ. Doe", "Ana SmithJ. Doe"},
	}
	for _, tt := range tests {
		if got := strings.Join(splitJoinedNames(tt.in), "|"); got != tt.want {
			t.Errorf("splitJoinedNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEbscoDate(t *testing.T) {
	for in, want := range map[string]string{
		"4/3/2024": "2024-04-03", "12/31/2020": "2020-12-31", "Jun2023": "Jun 2023", "Spring2021": "Spring 2021",
		"2023": "2023", "13/1/2020": "13/1/2020", "Jun/Jul2023": "Jun/Jul2023", "": "",
	} {
		if got := ebscoDate(in); got != want {
			t.Errorf("ebscoDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCellValue(t *testing.T) {
	for in, want := range map[string]string{
		` ="19326203" `: "19326203", `="4/3/2024"`: "4/3/2024", `=""`: "", `="NA"`: "",
		`=SUM(A1)`: "=SUM(A1)", "NA": "", "[No abstract available]": "", "x": "x",
	} {
		if got := cellValue(in); got != want {
			t.Errorf("cellValue(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSourceColumn reads "Source" as the database in Scopus's table, as a
// citation in Embase's, and as the journal in Cochrane's.
func TestSourceColumn(t *testing.T) {
	tests := []struct{ name, in, journal, database string }{
		{"Scopus", "Title,Source title,EID,Source\nA,Bone,2-s2.0-1,Scopus\n", "Bone", "Scopus"},
		{"Embase", "Title,Source\nA,Bone (2014) 3:3 (152-160)\n", "Bone", ""},
		{"Cochrane CENTRAL", "CENTRAL ID,Title,Source,Database Name\nCN-00000001,A,Trials,Cochrane Central Register of Controlled Trials (CENTRAL)\n", "Trials", "Cochrane Central Register of Controlled Trials (CENTRAL)"},
		{"Cochrane reviews", "Cochrane Review ID,Title,Source,Cochrane Review Group Code\nCD000001,A,Cochrane Database of Systematic Reviews,Work\n", "Cochrane Database of Systematic Reviews", "Cochrane Library"},
	}
	for _, tt := range tests {
		recs, perrs := readString(t, tt.in)
		if len(recs) != 1 || len(perrs) > 0 {
			t.Fatalf("%s: got %d records, %v", tt.name, len(recs), perrs)
		}
		if r := recs[0]; r.Container != tt.journal || r.Database != tt.database {
			t.Errorf("%s: journal %q, database %q; want %q, %q", tt.name, r.Container, r.Database, tt.journal, tt.database)
		}
	}
}

// TestNamePrefix checks namePrefix against the name bib.Person.String
// makes.
func TestNamePrefix(t *testing.T) {
	people := []bib.Person{
		{Family: "Smith", Given: "John"},
		{Family: "Smith"},
		{Family: "Beethoven", Particle: "van", Given: "Ludwig"},
		{Family: "King", Given: "Martin Luther", Suffix: "Jr."},
		{Family: "Berg", Particle: "van der", Given: "A.", Suffix: "III"},
		{Literal: "World Health Organization"},
		{Literal: "Group", Family: "Ignored", Given: "Too"},
		{},
	}
	for _, p := range people {
		name := p.String()
		for _, s := range []string{
			name + ": x", name, name + ",", "", ": x", "Smith: x", "Smith, John: x", "Smith, Johnny: x",
			"van Beethoven, Ludwig: x", "vanBeethoven, Ludwig: x", "King, Martin Luther, Jr.: x",
			"King, Martin Luther: x", "World Health Organization: x", name[:len(name)/2],
		} {
			n, ok := namePrefix(s, p)
			wantOK := strings.HasPrefix(s, name)
			if ok != wantOK || ok && n != len(name) {
				t.Errorf("namePrefix(%q, %q) = %d, %v; want %d, %v", s, name, n, ok, len(name), wantOK)
			}
		}
	}
}

func TestParseTableDate(t *testing.T) {
	tests := []struct {
		in   string
		want bib.Date
	}{
		{"2023-06-01", bib.Date{Year: 2023, Month: 6, Day: 1}},
		{"2023-06", bib.Date{Year: 2023, Month: 6}},
		{"2023", bib.Date{Year: 2023}},
		{"2023 Spring", bib.Date{Year: 2023, Season: "Spring"}},
		{"2023-06 Summer", bib.Date{Year: 2023, Month: 6, Season: "Summer"}},
		{"2023-6-1", bib.Date{Year: 2023, Month: 6, Day: 1}},
		{"2023--", bib.Date{Year: 2023}},
		{"2023-x-y", bib.Date{Year: 2023}},
		{" 2023 ", bib.Date{Year: 2023}},
		{"", bib.Date{}},
		// not bibdb's form: read as a date as written
		{"2023-06-01-02", bib.Date{Year: 2023, Month: 6, Raw: "2023-06-01-02"}},
		{"23-06-01", bib.Date{Raw: "23-06-01"}},
		{"abcd-01", bib.Date{Raw: "abcd-01"}},
		{"Spring 2023", bib.Date{Year: 2023, Season: "Spring", Raw: "Spring 2023"}},
	}
	for _, tt := range tests {
		if got := parseTableDate(tt.in); got != tt.want {
			t.Errorf("parseTableDate(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

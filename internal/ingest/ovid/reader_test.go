package ovid

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
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
		tag   string
		value string
		ok    bool
	}{
		{"AU  - Behan L.", "AU", "Behan L.", true},
		{"AU - Sudler, Eric L", "AU", "Sudler, Eric L", true},
		{" VN  - Ovid Technologies", "VN", "Ovid Technologies", true},
		{"PMID- 123", "", "", false}, // MEDLINE's, with no space before the dash
		{"PMC - PMC123", "PMC", "PMC123", true},
		{"AB  -", "AB", "", true},
		{"AB  - ", "AB", "", true},
		{"Methods: we searched - widely", "", "", false},
		{"      Karolinska - Stockholm", "", "", false},
		{"A  - one letter", "", "", false},
		{"ABCDE  - five", "", "", false},
		{"AU  -Glued", "", "", false},
		{"ab  - lower case", "", "", false},
		{"Z9  - a digit in a tag", "Z9", "a digit in a tag", true},
		{"ZZ  - a tag Ovid does not use", "ZZ", "a tag Ovid does not use", true},
		{"PMID  - 123", "PMID", "123", true},
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

// parseTag, which reads the common "AU  - " at once, reads what
// parseAnyTag reads.
func TestParseTagAtOnce(t *testing.T) {
	lines := []string{"AU  - Behan L.", "AU  -", "AU  - ", "AU  -\tx", "ZZ  - x", "VN  - Ovid", "AB  -- x", "AU  -x", "aU  - x", "A1  - x"}
	pieces := []string{"A", "U", "B", "Z", "V", "N", "1", " ", "-", "\t", "x", "a"}
	lines = withRandom(lines, pieces, 100000, 9, 11)
	for _, line := range lines {
		tag, at, ok := parseTag([]byte(line))
		wantTag, wantAt, wantOK := parseAnyTag([]byte(line))
		if tag != wantTag || at != wantAt || ok != wantOK {
			t.Fatalf("parseTag(%q) = %q, %d, %v; want %q, %d, %v", line, tag, at, ok, wantTag, wantAt, wantOK)
		}
	}
}

func TestIsMarker(t *testing.T) {
	for line, want := range map[string]bool{
		"<1. >": true, "<3001. >": true, "<7>": true, " <12.>": true, "<1. >  ": true,
		"<>": false, "<a. >": false, "<1. > text": false, "Database: Embase <1974 to 2026>": false, "<1946 to Present>": false,
		// what a line begins with tells most lines at once; white space
		// of any kind is trimmed first
		"\t<2>": true, "\v<3. >": true, "\u00a0<4. >": true, "\u2003<5>": true, "AU  - <1>": false, "\u00e9<1>": false, "": false,
	} {
		if got := isMarker([]byte(line)); got != want {
			t.Errorf("isMarker(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestParseSource(t *testing.T) {
	tests := []struct {
		so                                          string
		journal, volume, issue, pages, date, number string
	}{
		{"Br J Psychiatry. 222(6):246-256, 2023 Jun.", "Br J Psychiatry", "222", "6", "246-256", "2023-06", ""},
		{"Forest Ecology & Management. 201(2-3):327-334, November 15, 2004.", "Forest Ecology & Management", "201", "2-3", "327-334", "2004-11-15", ""},
		{"Journal of Affective Disorders. 245 (pp 1-10), 2019. Date of Publication: 15 Feb 2019.", "Journal of Affective Disorders", "245", "", "1-10", "2019-02-15", ""},
		{"Trials. 21 (1) (no pagination), 2020. Article Number: 512. Date of Publication: June 2020.", "Trials", "21", "1", "", "2020-06", "512"},
		{"BMC Proceedings. Conference: 2nd Meeting: Part 2. Spain. 12 (Supplement 3) (no pagination), 2018. Date of Publication: 2018.", "BMC Proceedings", "12", "Supplement 3", "", "2018", ""},
		{"Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634.", "Behavioural and Cognitive Psychotherapy", "43", "5", "623-634", "2015-09", ""},
		{"Dissertation Abstracts International Section A. Vol.75(2-A(E)),2014, pp. No Pagination Specified.", "Dissertation Abstracts International Section A", "75", "2-A(E)", "", "2014", ""},
		{"ACSM'S Health & Fitness Journal January/February 2010;14(1):56", "ACSM'S Health & Fitness Journal", "14", "1", "56", "2010-01", ""},
		{"Acta Chirurgica Belgica November/December 2010;6:611-613", "Acta Chirurgica Belgica", "6", "", "611-613", "2010-11", ""},
		{"Journal of Political Studies 12, Winter 2007: 7-14.", "Journal of Political Studies", "12", "", "7-14", "2007", ""},
		{"Journal of Current Southeast Asian Affairs, 2013(1): 3-28.", "Journal of Current Southeast Asian Affairs", "2013", "1", "3-28", "2013", ""},
		{"Hydrobiologia. 2007 15 June; 433-441.", "Hydrobiologia", "", "", "433-441", "2007-06-15", ""},
		{"Association of Zoos and Aquariums Regional Meetings Proceedings. 2005; 9pp..", "Association of Zoos and Aquariums Regional Meetings Proceedings", "", "", "", "2005", ""},
		{"Soil Use and Management, 2024, 40, 1, pp. 12-20", "Soil Use and Management", "40", "1", "12-20", "2024", ""},
		{"Deutsche Medizinische Wochenschrift. 148(9):e45-e52, 2023 May.", "Deutsche Medizinische Wochenschrift", "148", "9", "e45-e52", "2023-05", ""},
		{"PLoS One. Vol.17,(9), 2022, ArtID e0273828.", "PLoS One", "17", "9", "", "2022", "e0273828"},
		{"Ecohydrology.   8(6):1048-1064, September 2015.", "Ecohydrology", "8", "6", "1048-1064", "2015-09", ""},
		{"Journal of Orthopaedic Trauma.", "Journal of Orthopaedic Trauma", "", "", "", "", ""},
		{"", "", "", "", "", "", ""},
	}
	for _, tt := range tests {
		c := parseSource(tt.so)
		got := fmt.Sprintf("%q %q %q %q %q %q", c.journal, c.volume, c.issue, c.pages, dateString(c.date), c.articleNumber)
		want := fmt.Sprintf("%q %q %q %q %q %q", tt.journal, tt.volume, tt.issue, tt.pages, tt.date, tt.number)
		if got != want {
			t.Errorf("parseSource(%q)\n got  %s\n want %s", tt.so, got, want)
		}
	}
}

// TestChapterSource reads PsycInfo's source of a chapter in an edited book.
// volIssueIndex matches what this expression matches, and finds the same
// parts.
var volIssue = regexp.MustCompile(`^([A-Za-z]?\d[\w.-]*)\s*\(((?:[^()]|\([^()]*\))*)\)`)

func TestVolIssueIndex(t *testing.T) {
	cases := []string{"222(6):246-256", "12 (Supplement 3)", "75(2-A(E))", "2013(1)", "S1(2)", "e23 (4)",
		"12(", "12()", "(3)", "a(3)", "12(a(b(c)d)e)", "12(a(b)c(d)e)", "12\t(3)", "12.5-b_c(3)x", ""}
	pieces := []string{"1", "2", "a", "S", "(", ")", " ", "-", ".", "_", ":", "\t", "é", ","}
	cases = withRandom(cases, pieces, 200000, 12, 1)
	for _, s := range cases {
		if got, ok := volIssueIndex(s); !matches(got[:], ok, volIssue.FindStringSubmatchIndex(s)) {
			t.Fatalf("volIssueIndex(%q) = %v, %v, want %v", s, got, ok, volIssue.FindStringSubmatchIndex(s))
		}
	}
}

// colonPagesIndex matches what this expression matches, and finds the
// same pages.
var colonPages = regexp.MustCompile(`:\s*([A-Za-z]{0,2}\d[\w]*(?:\s*-\s*[A-Za-z]{0,2}\d[\w]*)?)`)

func TestColonPagesIndex(t *testing.T) {
	cases := []string{":246-256, 2023 Jun", ": 7-14.", ":e383-e390", ":56", "(6): 12 - 14", ":ab12-cd34", ":abc12",
		": -12", "12:x", ":1-", ":1 -a", "a:b:3", "::5", ":\t5\n-\r6_x", ":e45-e52, 2023", ""}
	pieces := []string{":", "1", "2", "a", "B", "c", " ", "-", "_", "\t", "é", ",", "(", "."}
	cases = withRandom(cases, pieces, 200000, 12, 3)
	for _, s := range cases {
		if got, ok := colonPagesIndex(s); !matches(got[:], ok, colonPages.FindStringSubmatchIndex(s)) {
			t.Fatalf("colonPagesIndex(%q) = %v, %v, want %v", s, got, ok, colonPages.FindStringSubmatchIndex(s))
		}
	}
}

// matches reports whether what a hand-written matcher found, got when
// ok, is the match want of a regular expression, or nil.
func matches(got []int, ok bool, want []int) bool {
	if !ok {
		return want == nil
	}
	return slices.Equal(got, want)
}

// cut leaves a source's rest as taking the span out and putting a space
// in its place would, but for spaces at its start, on which nothing that
// parseSource reads from the rest depends.
func TestCut(t *testing.T) {
	for _, tc := range []struct {
		s        string
		from, to int
		want     string
	}{
		{"222(6):246-256, 2023 Jun", 0, 6, ":246-256, 2023 Jun"},
		{":246-256, 2023 Jun", 0, 8, ", 2023 Jun"},
		{"  12 (3), 2020", 2, 8, ", 2020"},
		{"2024, 40, 1, pp. 12-20", 4, 12, "2024  pp. 12-20"},
		{"Sep 2015, pp. 623-634", 10, 21, "Sep 2015,  "},
		{"12", 0, 2, ""},
	} {
		got := cut(tc.s, tc.from, tc.to)
		general := tc.s[:tc.from] + " " + tc.s[tc.to:]
		if got != tc.want || strings.TrimLeft(got, " ") != strings.TrimLeft(general, " ") {
			t.Errorf("cut(%q, %d, %d) = %q, want %q (%q but for spaces at its start)", tc.s, tc.from, tc.to, got, tc.want, general)
		}
	}
}

func TestBookSource(t *testing.T) {
	for _, tt := range []struct{ so, want string }{
		{"(2018). Working across modalities in the arts therapies: Creative collaborations. xxv, 186 pp. New York, NY, US: Routledge/Taylor & Francis Group; US.",
			`[] "xxv, 186" 2018 "New York, NY, US" "Routledge/Taylor & Francis Group; US" ""`},
		{"(1990). Memory and awareness in anaesthesia. 394 pp. Lisse, Netherlands: Swets & Zeitlinger Publishers; Netherlands.",
			`[] "394" 1990 "Lisse, Netherlands" "Swets & Zeitlinger Publishers; Netherlands" ""`},
		{"Colbert, Tasha [Ed]; Bent, Cornelia [Ed]. (2018). Working across modalities. xxv, 186 pp. New York, NY, US: Routledge; US.",
			`["Colbert, Tasha" "Bent, Cornelia"] "xxv, 186" 2018 "New York, NY, US" "Routledge; US" ""`},
		// a journal's "pp." is no page count
		{"Attention, Perception, & Psychophysics. 2024, pp. No Pagination Specified.",
			`[] "" 2024 "" "" "Attention, Perception, & Psychophysics"`},
	} {
		c := parseSource(tt.so)
		if got := fmt.Sprintf("%q %q %d %q %q %q", c.editors, c.numberOfPages, c.date.Year, c.place, c.publisher, c.journal); got != tt.want {
			t.Errorf("parseSource(%q)\n got  %s\n want %s", tt.so, got, tt.want)
		}
	}
}

// parseDate gives what bib.ParseDate gives, whether or not the text is
// the date the citation read and parsed already.
func TestParseDateOnce(t *testing.T) {
	for _, tc := range []struct{ so, dp string }{
		{"Br J Psychiatry. 222(6):246-256, 2023 Jun.", "2023 Jun"},
		{"Br J Psychiatry. 222(6):246-256, 2023 Jun.", "2023 Jun 15"},
		{"Br J Psychiatry. 222(6):246-256, 2023 Jun.", ""},
		{"Forest Ecology & Management. 201(2-3):327-334, November 15, 2004.", "November 15, 2004"},
		{"Journal of Affective Disorders. 245 (pp 1-10), 2019. Date of Publication: 15 Feb 2019.", "15 Feb 2019"},
		{"Journal of Current Southeast Asian Affairs, 2013(1): 3-28.", "2013"},
		{"Hydrobiologia. 2007 15 June; 433-441.", "2007 15 June"},
		{"ACSM'S Health & Fitness Journal January/February 2010;14(1):56", "January/February 2010"},
		{"Journal of Orthopaedic Trauma.", ""},
		{"", "2020"},
	} {
		c := parseSource(tc.so)
		if got, want := c.parseDate(tc.dp), bib.ParseDate(tc.dp); got != want {
			t.Errorf("source %q: parseDate(%q) = %+v, want %+v", tc.so, tc.dp, got, want)
		}
	}
}

func TestChapterSource(t *testing.T) {
	c := parseSource("Neenan, Michael [Ed]; Palmer, Stephen [Ed]. (2012). Cognitive behavioural coaching in practice: An evidence based approach. (pp. 11-31). xvii, 254 pp. New York, NY, US: Routledge/Taylor & Francis Group; US.")
	got := fmt.Sprintf("%q %q %q %d %q %q", c.editors, c.book, c.pages, c.date.Year, c.place, c.publisher)
	want := `["Neenan, Michael" "Palmer, Stephen"] "Cognitive behavioural coaching in practice: An evidence based approach" "11-31" 2012 "New York, NY, US" "Routledge/Taylor & Francis Group; US"`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestBIOSISChapterSource(t *testing.T) {
	tests := []struct{ so, want string }{
		{"Okafor, Adaeze N. [Editor, Reprint Author], Byng, Richard [Editor]. Methods of reading exports.:51-60, 2004.\nSeries Information:  Principles and Practice.",
			`["Okafor, Adaeze N." "Byng, Richard"] "Methods of reading exports" "51-60" 2004 "Principles and Practice" ""`},
		{"Lund, Kari [Editor]. Methods of reading exports.:7-19, 2010.",
			`["Lund, Kari"] "Methods of reading exports" "7-19" 2010 "" ""`},
		// a name of another role: not read as a chapter's source
		{"Lund, Kari [Author]. Methods of reading exports.:7-19, 2010.",
			`[] "" "" 2010 "" "Lund, Kari [Author]. Methods of reading exports.:7-19"`},
	}
	for _, tt := range tests {
		c := parseSource(tt.so)
		got := fmt.Sprintf("%q %q %q %d %q %q", c.editors, c.book, c.pages, c.date.Year, c.series, c.journal)
		if got != tt.want {
			t.Errorf("parseSource(%q)\n got  %s\n want %s", tt.so, got, tt.want)
		}
	}
}

func dateString(d bib.Date) string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%d-%02d-%02d", d.Year, d.Month, d.Day)
}

func TestCleanAuthor(t *testing.T) {
	tests := []struct {
		in, name, marks string
		editor          bool
	}{
		{"Behan L.", "Behan L.", "", false},
		{"Zhang, Weijia 1,2,+", "Zhang, Weijia", "1 2 +", false},
		{"He, Zhimin 1,2,*", "He, Zhimin", "1 2 *", false},
		{"Peterson, James A. Ph.D., FACSM", "Peterson, James A.", "", false},
		{"Lefkowitz, Rafael Y. MD, MPH 1", "Lefkowitz, Rafael Y.", "1", false},
		{"Gazic, Barbara MD, PhD *", "Gazic, Barbara", "*", false},
		{"Smith, M.D.", "Smith, M.D.", "", false}, // initials, not a degree
		{"Walsdorf, Neill B. [Inventor, Reprint Author]", "Walsdorf, Neill B.", "", false},
		{"Okafor, Adaeze N. [Author, Reprint Author; E-mail: okafor@example.org]", "Okafor, Adaeze N.", "", false},
		{"Palmer, Stephen [Ed]", "Palmer, Stephen", "", true},
		{"Ma, Li MA", "Ma, Li", "", false},
	}
	for _, tt := range tests {
		name, marks, editor := cleanAuthor(tt.in)
		if name != tt.name || strings.Join(marks, " ") != tt.marks || editor != tt.editor {
			t.Errorf("cleanAuthor(%q) = %q, %q, %v; want %q, %q, %v", tt.in, name, marks, editor, tt.name, tt.marks, tt.editor)
		}
	}
}

func TestSplitNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Bunkers, Sandra Schmidt RN; PhD; FAAN 1;  Haddad, Rania 2\nNovak, Petra",
			[]string{"Bunkers, Sandra Schmidt RN PhD FAAN 1", "Haddad, Rania 2", "Novak, Petra"}},
		// BIOSIS: a semicolon inside the brackets of a name's roles
		{"Okafor, Adaeze N. [Author, Reprint Author; E-mail: okafor@example.org]\nByng, Richard [Author]",
			[]string{"Okafor, Adaeze N. [Author, Reprint Author; E-mail: okafor@example.org]", "Byng, Richard [Author]"}},
		{"Lund, Kari [Author; E-mail: kl@example.org]; Moreau, Élise [Author]",
			[]string{"Lund, Kari [Author; E-mail: kl@example.org]", "Moreau, Élise [Author]"}},
	}
	for _, tt := range tests {
		if got := splitNames(nil, tt.in); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("splitNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTitleOf(t *testing.T) {
	tests := []struct{ in, title, translated string }{
		{"Take Ten: Facts About Breast Cancer.  [Miscellaneous]", "Take Ten: Facts About Breast Cancer.", ""},
		{"Worry and sleep. [References].", "Worry and sleep.", ""},
		{"Listening: Important to a Life.[Miscellaneous]", "Listening: Important to a Life.", ""},
		{`"Injury, Illness, and Work Restriction".  [Article]`, "Injury, Illness, and Work Restriction.", ""},
		{"[Depression in general practice].", "Depression in general practice", "Depression in general practice"},
		{"Measuring the [18F]FDG uptake in tumours.", "Measuring the [18F]FDG uptake in tumours.", ""},
		{"Effect of A on B [a randomized trial]", "Effect of A on B [a randomized trial]", ""},
	}
	for _, tt := range tests {
		title, translated := titleOf(tt.in)
		if title != tt.title || translated != tt.translated {
			t.Errorf("titleOf(%q) = %q, %q; want %q, %q", tt.in, title, translated, tt.title, tt.translated)
		}
	}
}

func TestBadRecord(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "binary.input"))
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(bytes.NewReader(b))
	recs, perrs, err := ingesttest.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(perrs) != 1 {
		t.Fatalf("got %d records and %d errors, want 2 and 1", len(recs), len(perrs))
	}
	var pe *bib.ParseError
	if !errors.As(perrs[0], &pe) || pe.Line != 8 {
		t.Errorf("error %v, want one at line 8", perrs[0])
	}
	if recs[1].Position != 3 || recs[1].Title != "Good two" || recs[1].Line != 13 {
		t.Errorf("record after the bad one: position %d, line %d, title %q", recs[1].Position, recs[1].Line, recs[1].Title)
	}
	if w := r.Warnings(); len(w) != 1 || w[0].Line != 11 {
		t.Errorf("warnings %+v, want the empty record number at line 11", w)
	}
}

// TestSearchHistory checks that the search history before the records is
// skipped with a warning, and that the records begin at their numbers.
func TestSearchHistory(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "embase_medline.input"))
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(bytes.NewReader(b))
	recs, perrs, err := ingesttest.ReadAll(r)
	if err != nil || len(perrs) > 0 || len(recs) != 2 {
		t.Fatalf("%d records, %v %v", len(recs), err, perrs)
	}
	if w := r.Warnings(); len(w) != 1 || w[0].Line != 1 || !strings.Contains(w[0].Msg, "7 line(s)") {
		t.Errorf("warnings %+v, want 7 lines from line 1", w)
	}
	if recs[0].Line != 9 || !strings.HasPrefix(recs[0].Raw, "<1. >\nVN  - Ovid") || strings.HasSuffix(recs[0].Raw, "\n") {
		t.Errorf("first record: line %d, raw %q", recs[0].Line, recs[0].Raw)
	}
}

// TestCorpus reads the Ovid exports of the shared corpus and checks the
// record counts.
func TestCorpus(t *testing.T) {
	dir := ingesttest.CorpusDir(t, "other")
	want := map[string]int{
		"kn_expertsearch__Embase_ovid_r3001-3002.txt": 2,
		"zotero__OVIDTagged_case02.ovid.txt":          2,
		"zotero__OVIDTagged_case03.ovid.txt":          4,
		"zotero__OVIDTagged_case04.ovid.txt":          4,
		"zotero__OVIDTagged_case06.ovid.txt":          2,
		"zotero__OVIDTagged_case07.ovid.txt":          2,
		"zotero__OVIDTagged_case08.ovid.txt":          1,
		"zotero__OVIDTagged_case09.ovid.txt":          1,
		"jabref__OvidImporterTest1.txt":               5,
		"jabref__OvidImporterTest5.txt":               1,
		"jabref__OvidImporterTest6.txt":               1,
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
	f.Add([]byte("<1>\nTitle\n  A\n\n<2. >\nAU  - B\n  more\n\n\nC\n<3>\n"))
	f.Add([]byte("VN  - Ovid\rTI  - x\r\rVN  - Ovid\rTI  - y\r"))
	f.Add([]byte("<1. >\nIN  - (1)A, (2)B; (*)C\nAU  - D, E 1,*\nSO  - J. Vol.1(2(3)), 2020, pp. 4-5\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ingesttest.CheckReader(t, NewReader(bytes.NewReader(b)), len(b))
	})
}

// A label alone before short tags is text outside records, not the start
// of the long layout: a label's value is indented below it.
func TestLabelBeforeShortTags(t *testing.T) {
	in := "Source\nVN  - Ovid Technologies\nDB  - Embase\nTI  - A title.\n\nVN  - Ovid Technologies\nDB  - Embase\nTI  - Another title.\n"
	r := NewReader(strings.NewReader(in))
	recs, perrs, err := ingesttest.ReadAll(r)
	if err != nil || len(perrs) > 0 || len(recs) != 2 {
		t.Fatalf("%d records, %v %v", len(recs), err, perrs)
	}
	if recs[0].Title != "A title." || recs[1].Title != "Another title." {
		t.Errorf("titles %q, %q", recs[0].Title, recs[1].Title)
	}
	if w := r.Warnings(); len(w) != 1 || w[0].Line != 1 {
		t.Errorf("warnings %+v, want the line outside records", w)
	}
}

// Map makes the same record of fields whether or not they are marked
// plain, as the Reader marks them, and in arrays kept from record to
// record as in fresh ones.
func TestMapPlainFields(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.input"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no test inputs: %v", err)
	}
	texts := [][]byte{generate(t, 300)}
	for _, name := range inputs {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, b)
	}
	var s scratch
	for i, text := range texts {
		r := NewReader(bytes.NewReader(text))
		for n := 1; ; n++ {
			fields, _, _, err := r.ReadFields()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			marked := slices.Clone(fields)
			if checkFields(marked, n) != nil {
				continue
			}
			if got, want := s.mapFields(marked), Map(slices.Clone(fields)); !reflect.DeepEqual(got, want) {
				t.Errorf("text %d, record %d: with plain fields\n%+v\nwant\n%+v", i, n, got, want)
			}
		}
	}
}

// splitAtMarks, which looks at each word only in a line with a byte a
// mark begins with, splits as looking at each word does.
func TestSplitAtMarks(t *testing.T) {
	lines := []string{"Department of Surgery, University of Leeds, UK",
		"(1)Institute A, China, (2)Institute B", "From the (*)Department of Surgery; (+)Department of Medicine",
		"Institute A; *Department B", "Institute A, #Lab B", "Institute (A), B", ""}
	pieces := []string{"Dept", " ", ", ", "; ", "(", ")", "1", "*", "+", "#", "A", "and "}
	lines = withRandom(lines, pieces, 100000, 10, 7)
	for _, line := range lines {
		if got, want := splitAtMarks(nil, line), splitAtEachMark(nil, line); !slices.Equal(got, want) {
			t.Fatalf("splitAtMarks(%q) = %q, want %q", line, got, want)
		}
	}
}

// words counts the words strings.Fields finds.
func TestWords(t *testing.T) {
	cases := []string{"", " ", "Byng, Richard", "  two\twords ", "Müller,\u00a0Jan", "a\u2003b\u0085c", "\xff \xfe", "x\vy\fz\r"}
	pieces := []string{"a", "é", " ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u0085", "\u2003", "\xff", ","}
	cases = withRandom(cases, pieces, 100000, 10, 9)
	for _, s := range cases {
		if got, want := words(s), len(strings.Fields(s)); got != want {
			t.Fatalf("words(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestNameEnd(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"Kobori, Osamu: Chiba University, Chiba, Japan", 13},
		{"Byng, Richard. Community and Primary Care Research Group", 13},
		{"Pearce, Marcus T.: School of Electronic Engineering", 17},
		{"van der Berg, Jan Albert: Utrecht", 24},
		{"van der Berg, Jan Albert Maria: Utrecht", -1},                     // six words: too many for a name
		{"Department of Surgery, Radboud University: Nijmegen", 41},         // five: a name, unless no author has it
		{"Department of General Surgery, Radboud University: Nijmegen", -1}, // six
		{"Surgery. Radboud University", -1},                                 // no comma
		{"Smith, J, Jones, K. University", -1},                              // two commas
		{"no stop at all, anywhere", -1},
	} {
		if got := nameEnd(tc.in); got != tc.want {
			t.Errorf("nameEnd(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// nameEnd counts the words and commas of a name as it scans it; it finds
// what the plain reading of its rule does.
func TestNameEndAsRule(t *testing.T) {
	rule := func(s string) int {
		i, starts := -1, 0
		for j := 0; j+1 < len(s) && i < 0; j++ {
			switch c := s[j]; {
			case (c == ':' || c == '.' && j > 0) && s[j+1] == ' ':
				i = j
			case c == ' ' && s[j+1] > ' ' && s[j+1] < 0x7f:
				if starts++; starts > 5 {
					return -1
				}
			}
		}
		if i <= 0 {
			return -1
		}
		name := s[:i]
		if comma := strings.Index(name, ", "); comma <= 0 || strings.Count(name, ",") > 1 || len(strings.Fields(name)) > 5 {
			return -1
		}
		return i
	}
	cases := []string{"Byng, Richard. Group", " Byng, Richard . Group", "a b c, d e f: x", "a, b c d e : x", "\tByng, R: x"}
	pieces := []string{"Ab", "c", " ", "  ", ",", ", ", ". ", ": ", ".", ":", "\t", "\x7f", "é", "\u00a0", "\u2003"}
	for _, s := range withRandom(cases, pieces, 200000, 14, 11) {
		if got, want := nameEnd(s), rule(s); got != want {
			t.Fatalf("nameEnd(%q) = %d, want %d", s, got, want)
		}
	}
}

// named finds the author of a name: the first of that name from the one
// named last, then any one alone of that family name and initial.
func TestNamed(t *testing.T) {
	rec := &bib.Record{Authors: []bib.Person{
		{Family: "Novak", Given: "Petra"}, {Family: "Byng", Given: "Richard"},
		{Family: "Novak", Given: "Petra"}, {Family: "Müller", Given: "Jan T"},
	}}
	for _, tc := range []struct {
		name       string
		last, want int
		lastAfter  int
	}{
		{"Novak, Petra", 0, 0, 0},
		{"Novak, Petra", 1, 2, 2},
		{"Novak, Petra", 3, 0, 0}, // none from the last on: the first
		{"Byng, R.", 0, 1, 1},     // the only Byng R
		{"Muller, Jan T.", 0, 3, 3},
		{"Novak, P.", 0, -1, 0}, // two Novak P, neither exact: neither
		{"Smith, John", 2, -1, 2},
	} {
		last := tc.last
		if got := named(foldNames(nil, nil, rec.Authors), tc.name, &last); got != tc.want || last != tc.lastAfter {
			t.Errorf("named(%q, last %d) = %d, last %d; want %d, last %d", tc.name, tc.last, got, last, tc.want, tc.lastAfter)
		}
	}
}

// withRandom returns cases followed by n strings of one to maxPieces+1 pieces
// picked at random: the same strings on every run, for a seed.
func withRandom(cases, pieces []string, n, maxPieces int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, seed+1))
	for range n {
		var b strings.Builder
		for k := r.IntN(maxPieces); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	return cases
}

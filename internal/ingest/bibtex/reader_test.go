package bibtex

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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

func readOne(t *testing.T, s string) *bib.Record {
	t.Helper()
	recs, perrs := readString(t, s)
	if len(perrs) > 0 || len(recs) != 1 {
		t.Fatalf("got %d records and errors %v, want 1 record", len(recs), perrs)
	}
	return recs[0]
}

func TestValues(t *testing.T) {
	tests := []struct {
		name, entry, field, want string
	}{
		{"braced", `@article{k, title = {A {Nested} Title}}`, "title", "A {Nested} Title"},
		{"quoted", `@article{k, title = "Quoted {"}inner{"} value"}`, "title", `Quoted {"}inner{"} value`},
		{"quoted escaped quote", `@article{k, title = "M\"uller"}`, "title", `M\"uller`},
		{"number", `@article{k, year = 2020}`, "year", "2020"},
		{"month macro", `@article{k, month = jun}`, "month", "June"},
		{"concatenation", `@string{j = "Journal"} @article{k, journal = "The " # j # { of } # 4}`, "journal", "The Journal of 4"},
		{"macro case", `@String{ABC = {x}} @article{k, note = abc}`, "note", "x"},
		{"string in parens", `@string(pub = "Press") @book(k, publisher = pub)`, "publisher", "Press"},
		{"escaped braces", `@article{k, title = {a \} b \{ c}}`, "title", `a \} b \{ c`},
		{"upper-case field", `@article{k, TITLE = {T}}`, "title", "T"},
		{"percent-encoded name", `@article{k, date%2Dadded = {d}}`, "date-added", "d"},
		{"comment between fields", "@article{k,\n % note = {no},\n note = {yes}}", "note", "yes"},
		{"percent in value", `@article{k, note = {50% of 10}}`, "note", "50% of 10"},
		{"first of repeated", `@article{k, note = {one}, note = {two}}`, "note", "one"},
		{"annotation dropped", `@article{k, author+an = {x}, author = {A}}`, "author", "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.entry))
			raw, err := nextEntry(r)
			if err != nil {
				t.Fatal(err)
			}
			if got := raw.Get(tt.field); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.field, got, tt.want)
			}
		})
	}
}

// nextEntry reads the first entry that is not @string, @comment or
// @preamble.
func nextEntry(r *Reader) (*Entry, error) {
	for {
		raw, err := r.sc.scan()
		if err != nil {
			return nil, err
		}
		e, err := parseEntry(raw, r.macros)
		if err != nil || e != nil {
			return e, err
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"unclosed before next entry", "@article{a,\n title = {x,\n year = 1}\n\n@article{b, title = {y}}\n", 1, "not closed before the entry at line 5"},
		{"unclosed at end", "@article{a,\n title = {x}\n", 1, "not closed"},
		{"missing comma", "@article{a,\n title = {x} year = 2001\n}\n", 2, "missing ','"},
		{"missing comma before no field", "@article{a,\n title = {x}\n {y}\n}\n", 3, "missing ','"},
		{"missing equals", "@article{a,\n title {x}\n}\n", 2, "expected '='"},
		{"extra brace, fields on one line", "@article{a, title = {x}}, year = {1}}\n", 1, "more fields follow"},
		{"extra brace, no closing line", "@article{a,\n title = {x}},\n year = {1}}\n", 2, "more fields follow"},
		{"unclosed quote", "@article{a,\n title = \"x,\n year = {1}\n}\n", 2, "unclosed '\"'"},
		{"key missing its comma", "@article{a title = {x}}\n", 1, "after the citation key"},
		{"key without a comma", "@article{a b c}\n", 1, "after the citation key"},
		{"key running to the next line", "@article{a b\n, title = {x}}\n", 1, "after the citation key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, perrs := readString(t, tt.in)
			if len(perrs) != 1 {
				t.Fatalf("got %d errors (%v), want 1", len(perrs), perrs)
			}
			var pe *bib.ParseError
			if !errors.As(perrs[0], &pe) {
				t.Fatalf("error %v is not a *bib.ParseError", perrs[0])
			}
			if pe.Line != tt.line || !strings.Contains(pe.Error(), tt.msg) {
				t.Errorf("error = %v (line %d), want line %d and %q", pe, pe.Line, tt.line, tt.msg)
			}
			for _, r := range recs {
				if r.SourceID == "a" {
					t.Errorf("the bad entry came out as a record")
				}
			}
		})
	}
}

// TestRepairedEntries reads entries whose values hold braces that do not
// pair up, written one field per line as exports are: the entry is read
// up to its closing line, with a warning naming the fields.
func TestRepairedEntries(t *testing.T) {
	tests := []struct {
		name, in        string
		title, abstract string
		keywords        string
		warn            string
	}{
		{
			name: "scraped text in keywords",
			in: "@article{k1,\nAbstract = {Short},\nKeywords = {Price fixing, Antitrust, @type:Person}, @type:Person}, tail},\n" +
				"Title = {When sharing fixes prices.},\n}\n",
			title: "When sharing fixes prices.", abstract: "Short",
			keywords: "Price fixing; Antitrust; @type:Person; tail", // the repeated keyword once
			warn:     "braces in keywords (line 3) do not pair up",
		},
		{
			name: "stray brace inside a multi-line abstract",
			in: "@article{k2,\n  title = {A title},\n  abstract = {First line\n  second} line\n  third line},\n" +
				"  year = {2001},\n}\n",
			title: "A title", abstract: "First line second line third line",
			warn: "braces in abstract (line 3) do not pair up",
		},
		{
			name:  "a group in braces, then an extra brace",
			in:    "@article{k3,\n  title = {A {B title}} with an end},\n  note = {x},\n}\n",
			title: "A B title with an end",
			warn:  "braces in title (line 2) do not pair up",
		},
		{
			name:  "escaped braces are text",
			in:    "@article{k4,\n  title = {Sets \\{a\\} and b}},\n  year = {2001},\n}\n",
			title: "Sets {a} and b",
			warn:  "braces in title (line 2) do not pair up",
		},
		{
			name:  "field name of two words",
			in:    "@article{k6,\n  title = {A title},\n  key words = {Dummy, Void},\n  abstract = {Text},\n}\n",
			title: "A title", abstract: "Text",
			warn: "the field name \"key words\" has spaces in it",
		},
		{
			name:  "comma left out at the end of a line",
			in:    "@article{k5,\n  title = {A title}\n  abstract = {Text},\n}\n",
			title: "A title", abstract: "Text",
			warn: "missing ',' after the value of title",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readOne(t, tt.in)
			if r.Title != tt.title {
				t.Errorf("title = %q, want %q", r.Title, tt.title)
			}
			if tt.abstract != "" && r.Abstract != tt.abstract {
				t.Errorf("abstract = %q, want %q", r.Abstract, tt.abstract)
			}
			if tt.keywords != "" {
				var kw []string
				for _, k := range r.Keywords {
					kw = append(kw, k.Term)
				}
				if got := strings.Join(kw, "; "); got != tt.keywords {
					t.Errorf("keywords = %q, want %q", got, tt.keywords)
				}
			}
			var warns []string
			for _, w := range r.Warnings {
				warns = append(warns, w.Msg)
			}
			if !strings.Contains(strings.Join(warns, "\n"), tt.warn) {
				t.Errorf("warnings %q do not say %q", warns, tt.warn)
			}
			if r.Raw != strings.TrimSuffix(tt.in, "\n") {
				t.Errorf("raw = %q, want the entry as written", r.Raw)
			}
		})
	}
}

func TestBrokenEntriesResync(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "broken_entries.input"))
	if err != nil {
		t.Fatal(err)
	}
	recs, perrs := readString(t, string(b))
	var keys []string
	for _, r := range recs {
		keys = append(keys, r.SourceID)
	}
	// The entry with an extra '}' is repaired (TestRepairedEntries).
	if strings.Join(keys, " ") != "good1 extra good2" {
		t.Errorf("records %q, want good1 extra good2", keys)
	}
	if len(perrs) != 3 {
		t.Fatalf("got %d errors, want 3: %v", len(perrs), perrs)
	}
	wantLines := []int{6, 12, 22}
	for i, e := range perrs {
		if pe := e.(*bib.ParseError); pe.Line != wantLines[i] {
			t.Errorf("error %d at line %d, want %d: %v", i+1, pe.Line, wantLines[i], pe)
		}
	}
	if recs[2].Position != 6 {
		t.Errorf("position of good2 = %d, want 6 (bad entries count)", recs[2].Position)
	}
}

// TestControlCharacters reads values holding control characters: each is
// read as a space, with a warning naming the first and the field.
func TestControlCharacters(t *testing.T) {
	tests := []struct {
		name, in   string
		title, abs string
		warn       string
	}{
		{"NUL bytes in a title", "@article{k,\n title = {Mag\x00\x00\x01nesium alloys},\n}\n",
			"Mag nesium alloys", "", "control character 0x00 in title (binary data?), read as a space"},
		{"a degree sign lost in copying", "@article{k,\n title = {T},\n abstract = {from 300\x01C to 900\x01C},\n}\n",
			"T", "from 300 C to 900 C", "control character 0x01 in abstract"},
		{"in a quoted value", "@article{k, title = \"A\x1bB\"}\n", "A B", "", "control character 0x1b in title"},
		{"tabs and line ends are white space", "@article{k,\n title = {A\ttitle\r\n on two lines},\n}\n",
			"A title on two lines", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readOne(t, tt.in)
			if r.Title != tt.title || r.Abstract != tt.abs {
				t.Errorf("title %q, abstract %q; want %q, %q", r.Title, r.Abstract, tt.title, tt.abs)
			}
			var warns []string
			for _, w := range r.Warnings {
				warns = append(warns, w.Msg)
			}
			got := strings.Join(warns, "\n")
			if tt.warn == "" && strings.Contains(got, "control character") || !strings.Contains(got, tt.warn) {
				t.Errorf("warnings %q, want %q", warns, tt.warn)
			}
		})
	}
}

// TestUnclosedComment checks that a @comment whose brace never closes
// does not take the entries after it: reading goes on with the first line
// in it that starts an entry, while a comment that closes keeps the
// entries written inside it as text.
func TestUnclosedComment(t *testing.T) {
	tests := []struct {
		name, in string
		keys     string
		errLine  int // 0 for no error
		errMsg   string
	}{
		{"never closed", "@comment{ a note that never ends\n@article{a,\n title = {x}}\n\n@book{b, title = {y}}\n",
			"a b", 1, "reading goes on with the entry at line 2"},
		{"never closed, brace on the next line", "@comment{ a note\n\n@article\n{a, title = {x}}\n@misc{b, title = {y}}",
			"a b", 1, "reading goes on with the entry at line 3"},
		{"after a good entry", "@article{a, title = {x}}\n@comment{jabref-meta: databaseType:bibtex;\n@article{b, title = {y}}\n",
			"a b", 2, "reading goes on with the entry at line 3"},
		{"closed, with an entry inside", "@comment{\n@article{a,\n title = {x}}\n}\n@article{b, title = {y}}\n",
			"b", 0, ""},
		{"never closed, no entry after", "@article{a, title = {x}}\n@comment{ just text\nmore text\n",
			"a", 2, "not closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, perrs := readString(t, tt.in)
			var keys []string
			for _, r := range recs {
				keys = append(keys, r.SourceID)
			}
			if got := strings.Join(keys, " "); got != tt.keys {
				t.Errorf("records %q, want %q", got, tt.keys)
			}
			if tt.errLine == 0 {
				if len(perrs) > 0 {
					t.Errorf("errors %v, want none", perrs)
				}
				return
			}
			if len(perrs) != 1 {
				t.Fatalf("got %d errors (%v), want 1", len(perrs), perrs)
			}
			if pe := perrs[0].(*bib.ParseError); pe.Line != tt.errLine || !strings.Contains(pe.Error(), tt.errMsg) {
				t.Errorf("error %v (line %d), want line %d and %q", pe, pe.Line, tt.errLine, tt.errMsg)
			}
		})
	}
}

func TestCrossrefOrderAndInheritance(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "crossref.input"))
	if err != nil {
		t.Fatal(err)
	}
	recs, perrs := readString(t, string(b))
	if len(perrs) > 0 {
		t.Fatal(perrs)
	}
	byKey := map[string]*bib.Record{}
	for i, r := range recs {
		if r.Position != i+1 {
			t.Errorf("record %s has position %d, want %d (file order)", r.SourceID, r.Position, i+1)
		}
		byKey[r.SourceID] = r
	}
	if _, ok := byKey["pub-data"]; ok {
		t.Errorf("an @xdata entry came out as a record")
	}
	tests := []struct {
		key, what, got, want string
	}{
		{"child-first", "container", byKey["child-first"].Container, "Proceedings of the Twentieth Meeting"},
		{"child-first", "publisher", byKey["child-first"].Publisher, "Meeting Press"},
		{"child-first", "year", strconv.Itoa(byKey["child-first"].Date.Year), "2020"},
		{"child-first", "isbn", byKey["child-first"].Identifier(bib.ISBN), "9783161484100"},
		{"child-first", "doi (not inherited)", byKey["child-first"].Identifier(bib.DOI), ""},
		{"child-first", "abstract (not inherited)", byKey["child-first"].Abstract, ""},
		{"child-first", "title (its own)", byKey["child-first"].Title, "A paper read before its proceedings"},
		{"parent-first", "container", byKey["parent-first"].Container, "Proceedings of the Twentieth Meeting"},
		{"parent-first", "year (its own)", strconv.Itoa(byKey["parent-first"].Date.Year), "2021"},
		{"parent-first", "editor", fmt.Sprint(len(byKey["parent-first"].Editors)), "1"},
		{"periodical-child", "journal", byKey["periodical-child"].Container, "The Periodical"},
		{"uses-xdata", "publisher", byKey["uses-xdata"].Publisher, "Shared Publisher"},
		{"uses-xdata", "place (from an @xdata through another)", byKey["uses-xdata"].Place, "Berlin"},
		{"uses-xdata", "note (all of an @xdata is taken)", strings.Join(byKey["uses-xdata"].Notes, "|"), "Shared note"},
		{"uses-xdata", "title (its own)", byKey["uses-xdata"].Title, "A book that takes its publisher from xdata"},
		{"loop-a", "journal through the cycle", byKey["loop-a"].Container, "Cycle Journal"},
		// xref only links: nothing of the linked book is taken
		{"xref-child", "container (xref)", byKey["xref-child"].Container, ""},
		{"xref-child", "publisher (xref)", byKey["xref-child"].Publisher, ""},
		{"xref-child", "editors (xref)", fmt.Sprint(len(byKey["xref-child"].Editors)), "0"},
		{"xref-child", "year (xref)", strconv.Itoa(byKey["xref-child"].Date.Year), "0"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %s = %q, want %q", tt.key, tt.what, tt.got, tt.want)
		}
	}
	if !hasWarning(byKey["orphan"], `"nowhere" is not in the file`) {
		t.Errorf("orphan warnings = %v, want one about the missing parent", byKey["orphan"].Warnings)
	}
	if !hasWarning(byKey["late-child"], "comes before this entry") || byKey["late-child"].Container != "" {
		t.Errorf("late-child: container %q, warnings %v; want no container and a warning", byKey["late-child"].Container, byKey["late-child"].Warnings)
	}
	if !hasWarning(byKey["loop-b"], "leads back") {
		t.Errorf("loop-b warnings = %v, want one about the cycle", byKey["loop-b"].Warnings)
	}
}

func hasWarning(r *bib.Record, s string) bool {
	for _, w := range r.Warnings {
		if strings.Contains(w.Msg, s) {
			return true
		}
	}
	return false
}

// TestCrossrefMemoryBound checks that a child whose parent never comes is
// given up on after maxHeld entries instead of holding the whole file.
func TestCrossrefMemoryBound(t *testing.T) {
	var in strings.Builder
	in.WriteString("@inproceedings{child, title = {Waiting}, crossref = {never}}\n")
	for i := 0; i < maxHeld+10; i++ {
		fmt.Fprintf(&in, "@article{a%d, title = {Filler %d}}\n", i, i)
	}
	r := NewReader(strings.NewReader(in.String()))
	rec, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if rec.SourceID != "child" || !hasWarning(rec, "is not within the next") {
		t.Fatalf("first record %s, warnings %v", rec.SourceID, rec.Warnings)
	}
	if len(r.queue) > maxHeld+1 {
		t.Errorf("reader holds %d entries, more than %d", len(r.queue), maxHeld+1)
	}
}

func TestRecordProvenance(t *testing.T) {
	in := "% header\n\n@article{first,\n  title = {One}\n}\n@string{x = {y}}\n@book{second, title = {Two}}\n"
	recs, _ := readString(t, in)
	if len(recs) != 2 {
		t.Fatalf("got %d records", len(recs))
	}
	r := recs[0]
	if r.Format != "bibtex" || r.Position != 1 || r.Line != 3 || r.SourceID != "first" || r.Raw != "@article{first,\n  title = {One}\n}" {
		t.Errorf("first record provenance = %q %d %d %q %q", r.Format, r.Position, r.Line, r.SourceID, r.Raw)
	}
	if recs[1].Position != 2 || recs[1].Line != 7 || recs[1].Raw != "@book{second, title = {Two}}" {
		t.Errorf("second record provenance = %d %d %q", recs[1].Position, recs[1].Line, recs[1].Raw)
	}
}

func TestFileWarnings(t *testing.T) {
	r := NewReader(strings.NewReader("% Encoding: UTF-8\nstray text\n@set{s, entryset = {a,b}}\n@article{a, title = {T}}\n"))
	if _, _, err := ingesttest.ReadAll(r); err != nil {
		t.Fatal(err)
	}
	w := r.Warnings()
	if len(w) != 2 || w[0].Line != 2 || !strings.Contains(w[1].Msg, "@set") {
		t.Errorf("warnings = %+v, want stray text at line 2 and a skipped @set", w)
	}
}

func TestMapping(t *testing.T) {
	tests := []struct {
		name, entry string
		check       func(*bib.Record) string
	}{
		{"types", `@inproceedings{k, title={T}}`, func(r *bib.Record) string { return r.Type }},
		{"conference", `@conference{k, title={T}}`, func(r *bib.Record) string { return r.Type }},
		{"phdthesis", `@phdthesis{k, title={T}}`, func(r *bib.Record) string { return r.Type }},
		{"techreport number", `@techreport{k, title={T}, number={TR-7}}`, func(r *bib.Record) string { return r.Type + " " + r.ArticleNumber }},
		{"misc web page", `@misc{k, title={T}, howpublished={\url{https://a.example}}}`, func(r *bib.Record) string { return r.Type + " " + r.URLs[0] }},
		{"misc document", `@misc{k, title={T}, note={n}}`, func(r *bib.Record) string { return r.Type }},
		{"archived url", `@online{k, url={https://web.archive.org/web/2013/http://www.example.com/a}}`, func(r *bib.Record) string { return r.URLs[0] }},
		{"misc in a journal", `@misc{k, title={T}, journal={J}, volume={2}}`, func(r *bib.Record) string { return r.Type }},
		{"online", `@online{k, title={T}}`, func(r *bib.Record) string { return r.Type }},
		{"unknown", `@whatever{k, title={T}}`, func(r *bib.Record) string { return r.Type }},
		{"booktitle of a part", `@incollection{k, title={Chap}, booktitle={The Book}}`, func(r *bib.Record) string { return r.Container }},
		{"en dash pages", `@article{k, pages={2609 – 2625}}`, func(r *bib.Record) string { return r.FirstPage + "|" + r.LastPage }},
		{"double hyphen pages", `@article{k, pages={466--75}}`, func(r *bib.Record) string { return r.FirstPage + "|" + r.LastPage }},
		{"single page", `@article{k, pages={e0815}}`, func(r *bib.Record) string { return r.FirstPage + "|" + r.LastPage }},
		{"issue", `@article{k, issue={4}}`, func(r *bib.Record) string { return r.Issue }},
		{"number over issue", `@article{k, number={5}, issue={Spring}}`, func(r *bib.Record) string { return r.Issue }},
		{"preprint archive id", `@misc{k, title={T}, number={arXiv:2402.08052}, eprint={2402.08052}, archiveprefix={arXiv}, publisher={arXiv}}`, func(r *bib.Record) string { return r.Type + "|" + r.Issue + "|" + r.ArticleNumber }},
		{"misc number", `@misc{k, title={T}, number={SSRN 4012345}}`, func(r *bib.Record) string { return r.Issue + "|" + r.ArticleNumber }},
		{"misc in a journal, its number", `@misc{k, title={T}, journal={J}, number={3}}`, func(r *bib.Record) string { return r.Type + "|" + r.Issue + "|" + r.ArticleNumber }},
		{"date", `@article{k, date={2023-06-01}}`, func(r *bib.Record) string { return r.Date.String() }},
		{"date range", `@article{k, date={2023/2024}}`, func(r *bib.Record) string { return r.Date.String() + " " + r.Date.Raw }},
		{"eight digits", `@article{k, date={20100001}}`, func(r *bib.Record) string { return r.Date.String() }},
		{"year and month", `@article{k, year={2019}, month=nov}`, func(r *bib.Record) string { return r.Date.String() }},
		{"month number", `@article{k, year={2019}, month={11}, day={5}}`, func(r *bib.Record) string { return r.Date.String() }},
		{"month range", `@article{k, year={2021}, month={NOV-DEC}}`, func(r *bib.Record) string { return r.Date.String() }},
		{"doi url", `@article{k, doi={http://dx.doi.org/10.1000/ABC.1}}`, func(r *bib.Record) string { return r.Identifier(bib.DOI) }},
		{"doi escaped", `@article{k, doi={10.1000/a\_b}}`, func(r *bib.Record) string { return r.Identifier(bib.DOI) }},
		{"pmid eprint", `@article{k, eprint={123456}, eprinttype={pubmed}}`, func(r *bib.Record) string { return r.Identifier(bib.PMID) }},
		{"arxiv eprint", `@article{k, eprint={2101.00001}, eprinttype={arxiv}}`, func(r *bib.Record) string { return r.Identifier(bib.ArXiv) }},
		{"arxiv in journal", `@article{k, journal={arXiv preprint arXiv:2101.00001v2}}`, func(r *bib.Record) string { return r.Identifier(bib.ArXiv) }},
		{"pmcid", `@article{k, pmcid={PMC123456}}`, func(r *bib.Record) string { return r.Identifier(bib.PMCID) }},
		{"issn kinds", `@article{k, issn={0007-1250}, eissn={1472-1465}}`, func(r *bib.Record) string { return fmt.Sprint(r.ISSNs) }},
		{"keywords comma", `@article{k, keywords={a, b,c}}`, func(r *bib.Record) string { return keywordTerms(r) }},
		{"keywords semicolon", `@article{k, keywords={Neoplasms, Breast; Humans}}`, func(r *bib.Record) string { return keywordTerms(r) }},
		{"affiliations", `@article{k, affiliations={Univ A, Town; Univ B}}`, func(r *bib.Record) string { return strings.Join(r.Affiliations, "|") }},
		{"affiliation wrapped", "@article{k, author={Koff, David}, affiliation={Sunnybrook Centre, 2075 Bayview Ave., Toronto,\n ON, M4N 3M5, Canada}}", func(r *bib.Record) string { return strings.Join(r.Affiliations, "|") }},
		{"affiliation lines, a name before any comma", "@article{k, author={Smith, John}, affiliation={Smith; Jones, A, Inst, City\nOther, B, Place, Country}}", func(r *bib.Record) string { return strings.Join(r.Affiliations, "|") }},
		{"wos affiliation lines", "@article{k, author={Byng, Richard and Frost, Sue}, affiliation={Byng, Richard; Frost, Sue, Univ Plymouth, Plymouth, England.\n   Frost, Sue, Univ Exeter, Exeter, England.}}", func(r *bib.Record) string {
			return strings.Join(r.Authors[0].Affiliations, "|") + " / " + strings.Join(r.Authors[1].Affiliations, "|")
		}},
		{"scopus book chapter", `@book{k, title={Chap}, journal={The Book}, pages={91 – 110}, document_type={Book Chapter}, source={Scopus}}`, func(r *bib.Record) string { return r.Type + "|" + r.Container }},
		{"langid", `@article{k, langid={german}}`, func(r *bib.Record) string { return r.Language }},
		{"hyphenation", `@article{k, hyphenation={american}}`, func(r *bib.Record) string { return r.Language }},
		{"annotation", `@book{k, annotation={A five-volume book}}`, func(r *bib.Record) string { return strings.Join(r.Notes, "|") }},
		{"journal abbreviation", `@article{k, journal={J Abbr}, fjournal={Journal Full}}`, func(r *bib.Record) string { return r.Container + "|" + r.ContainerAbbrev }},
		{"shortjournal", `@article{k, journaltitle={Full}, shortjournal={F.}}`, func(r *bib.Record) string { return r.Container + "|" + r.ContainerAbbrev }},
		{"subtitle", `@book{k, title={Main}, subtitle={Sub}}`, func(r *bib.Record) string { return r.Title }},
		{"thesis school", `@phdthesis{k, school={Univ}}`, func(r *bib.Record) string { return r.Publisher }},
		{"others", `@article{k, author={A, B and others}}`, func(r *bib.Record) string { return fmt.Sprint(len(r.Authors), hasWarning(r, "and others")) }},
		{"wos id from key", "@article{ WOS:000731787800009,\n title={T}}", func(r *bib.Record) string { return r.SourceID + " " + r.Identifier(bib.WOS) }},
		{"mendeley book_section", `@book_section{k, title={T}, booktitle={B}, city={Porto}}`, func(r *bib.Record) string { return r.Type + "|" + r.Container + "|" + r.Place }},
		{"scopus", `@article{k, url={https://www.scopus.com/inward/record.uri?eid=2-s2.0-85079532227&doi=x}, source={Scopus}}`, func(r *bib.Record) string { return r.Identifier(bib.EID) + " " + r.Database }},
	}
	want := map[string]string{
		"types": "paper-conference", "conference": "paper-conference", "phdthesis": "thesis",
		"techreport number": "report TR-7", "misc web page": "webpage https://a.example", "misc document": "document", "archived url": "https://web.archive.org/web/2013/http://www.example.com/a",
		"misc in a journal": "article-journal", "online": "webpage", "unknown": "document", "booktitle of a part": "The Book",
		"en dash pages": "2609|2625", "double hyphen pages": "466|475", "single page": "e0815|", "issue": "4",
		"number over issue": "5", "preprint archive id": "article||arXiv:2402.08052", "misc number": "|SSRN 4012345",
		"misc in a journal, its number": "article-journal|3|", "date": "2023-06-01", "date range": "2023 2023/2024", "eight digits": "2010", "year and month": "2019-11",
		"month number": "2019-11-05", "month range": "2021-11", "doi url": "10.1000/abc.1", "doi escaped": "10.1000/a_b",
		"pmid eprint": "123456", "arxiv eprint": "2101.00001", "arxiv in journal": "2101.00001v2", "pmcid": "PMC123456",
		"issn kinds": "[{0007-1250 } {1472-1465 electronic}]", "keywords comma": "a|b|c",
		"keywords semicolon": "Neoplasms, Breast|Humans", "affiliations": "Univ A, Town|Univ B", "langid": "german", "hyphenation": "american", "annotation": "A five-volume book",
		"scopus book chapter":                        "chapter|The Book",
		"affiliation lines, a name before any comma": "Smith|Jones, A, Inst, City Other, B, Place, Country",
		"affiliation wrapped":                        "Sunnybrook Centre, 2075 Bayview Ave., Toronto, ON, M4N 3M5, Canada",
		"wos affiliation lines":                      "Univ Plymouth, Plymouth, England. / Univ Plymouth, Plymouth, England.|Univ Exeter, Exeter, England.",
		"journal abbreviation":                       "Journal Full|J Abbr", "shortjournal": "Full|F.", "subtitle": "Main: Sub",
		"thesis school": "Univ", "others": "1 true", "wos id from key": "WOS:000731787800009 WOS:000731787800009",
		"scopus": "2-s2.0-85079532227 Scopus", "mendeley book_section": "chapter|B|Porto",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readOne(t, tt.entry)
			if got := tt.check(r); got != want[tt.name] {
				t.Errorf("got %q, want %q", got, want[tt.name])
			}
		})
	}
}

func keywordTerms(r *bib.Record) string {
	var out []string
	for _, k := range r.Keywords {
		out = append(out, k.Term)
	}
	return strings.Join(out, "|")
}

// TestCorpus reads every BibTeX file of the shared corpus and checks that
// none fails and that each gives the number of records MANIFEST.md lists
// for it, except where the manifest counts what is not a record (see
// manifestExceptions).
func TestCorpus(t *testing.T) {
	dir := ingesttest.CorpusDir(t, "bibtex")
	want := manifestCounts(t, filepath.Join(dir, "..", "MANIFEST.md"))
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		if strings.Contains(name, ".expected.") || strings.HasSuffix(name, ".json") {
			continue
		}
		n, ok := want[name]
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b = decodeForTest(b)
			recs, perrs, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
			if err != nil {
				t.Fatal(err)
			}
			if exc, ok := manifestExceptions[name]; ok {
				n = exc
			}
			if len(recs)+len(perrs) != n {
				t.Errorf("got %d records and %d errors, manifest says %d", len(recs), len(perrs), n)
			}
		})
	}
}

// manifestExceptions are the files whose manifest count is not the number
// of records: @set entries (groups of other entries) are counted there,
// and the UTF-16 files were counted as raw bytes (0).
var manifestExceptions = map[string]int{
	"jabref__BibtexImporter.examples.bib":             2,  // two @set entries
	"rbibutils__biblatex-examples_sans_key_aksin.bib": 89, // two @set entries
	"jabref__encoding-utf-16BE-with-header.bib":       1,
	"jabref__encoding-utf-16BE-without-header.bib":    1,
}

// decodeForTest turns the UTF-16 files of the corpus into UTF-8 (what the
// ingest decoder does before a reader sees them).
func decodeForTest(b []byte) []byte {
	be := len(b) >= 2 && (b[0] == 0xfe && b[1] == 0xff || b[0] == 0 && b[1] != 0)
	le := len(b) >= 2 && (b[0] == 0xff && b[1] == 0xfe || b[0] != 0 && b[1] == 0)
	if !be && !le || len(b)%2 != 0 {
		return b
	}
	var out strings.Builder
	for i := 0; i+1 < len(b); i += 2 {
		var r rune
		if be {
			r = rune(b[i])<<8 | rune(b[i+1])
		} else {
			r = rune(b[i+1])<<8 | rune(b[i])
		}
		if r == 0xfeff {
			continue
		}
		out.WriteRune(r)
	}
	return []byte(out.String())
}

var manifestRow = regexp.MustCompile(`^\| corpus/bibtex/([^ |]+) \|.*\| (\d+) \|[^|]*\|$`)

func manifestCounts(t *testing.T, path string) map[string]int {
	f, err := os.Open(path)
	if err != nil {
		t.Skip("no MANIFEST.md")
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if m := manifestRow.FindStringSubmatch(sc.Text()); m != nil {
			n, _ := strconv.Atoi(m[2])
			out[m[1]] = n
		}
	}
	return out
}

func FuzzReader(f *testing.F) {
	ingesttest.AddFuzzSeeds(f, "*.input")
	f.Add([]byte("@article{a, title = {x}, crossref = {b}}\n@book{b, title = {y}, crossref = {a}}"))
	f.Add([]byte("@string{a = b # c}@article(k, t = a # {x} # \"y\" # 1)"))
	f.Add([]byte("@article{k,\n title = {\\\"{u}\\v r $x^{2}_{i}$ \\textit{a}},\n author = {a and {b} and c, d, e, f}}"))
	f.Add([]byte("@\n{"))
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

// BenchmarkScan measures finding and parsing the entries alone.
func BenchmarkScan(b *testing.B) {
	data := generate(b, 20000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := NewReader(bytes.NewReader(data))
		for {
			e, err := nextEntry(r)
			if err == io.EOF {
				break
			}
			if err != nil || e == nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(20000*b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkMap measures mapping parsed entries onto records.
func BenchmarkMap(b *testing.B) {
	data := generate(b, 20000)
	r := NewReader(bytes.NewReader(data))
	var all []*Entry
	for {
		e, err := nextEntry(r)
		if err == io.EOF {
			break
		}
		all = append(all, e)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, e := range all {
			Map(e)
		}
	}
	b.ReportMetric(float64(len(all)*b.N)/b.Elapsed().Seconds(), "records/s")
}

// TestSpacedKeys reads citation keys with spaces in them, as Scopus
// writes them when a family name has several words.
func TestSpacedKeys(t *testing.T) {
	tests := []struct{ in, key string }{
		{"@ARTICLE{Rister Portinari Maranca2025984,\n\tauthor = {Rister Portinari Maranca, A.},\n\ttitle = {T}\n}\n", "Rister Portinari Maranca2025984"},
		{"@article{ de la Cruz2020 , title = {T}}", "de la Cruz2020"},
		{"@article{van den Bosch  2023,title={T}}", "van den Bosch  2023"},
	}
	for _, tt := range tests {
		r := readOne(t, tt.in)
		if r.SourceID != tt.key || r.Title != "T" {
			t.Errorf("%q: key %q, title %q; want key %q", tt.in, r.SourceID, r.Title, tt.key)
		}
	}
}

// TestRecordsStayValid reads files whose entries go out at once, are held
// for their parents or come after them, and checks that no record changes
// after Read returned it: the reader reads every entry into one Entry and
// reuses its room for fields, which no record may share.
func TestRecordsStayValid(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.input"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"generated": generate(t, 500),
		"warnings": []byte("@article{a, title = {T}, note = {x}, note = {y}}\n" +
			"@article{b, title = {U}, year = {1999}, year = {2000}, crossref = {c}}\n" +
			"@book{c, title = {B}, publisher = {P}, publisher = {Q}}\n" +
			"@article{d, title = {V}, volume = {1}, volume = {2}}\n"),
	}
	for _, path := range inputs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(path)] = data
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			r := NewReader(bytes.NewReader(data))
			var recs []*bib.Record
			var seen []string
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					continue // a bad entry; reading goes on
				}
				recs = append(recs, rec)
				seen = append(seen, fmt.Sprintf("%+v", *rec))
			}
			if len(recs) == 0 {
				t.Fatal("no records")
			}
			for i, rec := range recs {
				if now := fmt.Sprintf("%+v", *rec); now != seen[i] {
					t.Errorf("record %d changed after it was returned:\nthen %s\nnow  %s", i+1, seen[i], now)
				}
			}
		})
	}
}

package csljson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

// readBoth reads b with the fast decoder on and off, and fails when the
// records, warnings or errors differ.
func readBoth(t *testing.T, name string, b []byte) {
	t.Helper()
	type result struct {
		recs   []*bib.Record
		others string // errors and warnings
	}
	read := func(fast bool) result {
		defer func(old bool) { noFastDecoder = old }(noFastDecoder)
		noFastDecoder = !fast
		r := NewReader(bytes.NewReader(b))
		recs, perrs, err := ingesttest.ReadAll(r)
		return result{recs, fmt.Sprintf("errors %v %v\nwarnings %v", perrs, err, r.Warnings())}
	}
	fast, slow := read(true), read(false)
	if !reflect.DeepEqual(fast.recs, slow.recs) || fast.others != slow.others {
		show := func(r result) string {
			j, _ := json.MarshalIndent(r.recs, "", " ")
			return string(j) + "\n" + r.others
		}
		t.Errorf("%s: the fast decoder reads\n%s\nencoding/json reads\n%s", name, show(fast), show(slow))
	}
}

// TestFastDecoderAgrees reads every test file and generated records with
// the fast decoder and with encoding/json alone.
func TestFastDecoderAgrees(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.input"))
	seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	readFiles(t, append(files, seeds...))
	readBoth(t, "generated", generate(t, 300))
}

// TestFastDecoderAgreesOnCorpus does the same with the shared corpus.
func TestFastDecoderAgreesOnCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(ingesttest.CorpusDir(t, "csljson"), "*.json"))
	readFiles(t, files)
}

func readFiles(t *testing.T, files []string) {
	t.Helper()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		readBoth(t, filepath.Base(f), b)
	}
}

// TestFastDecoderCases covers what the fast decoder must leave to
// encoding/json, or take exactly as it would.
func TestFastDecoderCases(t *testing.T) {
	for _, in := range []string{
		`[{"title": "a", "TITLE": "b"}]`,                      // a key twice
		`[{"title": "a", "doi": "10.1/x", "DOI": "10.1/y"}]`,  // one field, two cases
		`[{"title": "\u0041\u00e9 \ud83d\ude00 \n"}]`,         // escapes
		`[{"ti\u0074le": "escaped key"}]`,                     // a key with an escape
		"[{\"title\": \"bad \xff utf-8\"}]",                   // invalid UTF-8
		`[{"title": ["a", ["b", "c"], null, 3, {"x": 1}]}]`,   // arrays in a string variable
		`[{"volume": 12, "issue": -1.5e3, "page": true}]`,     // numbers and booleans
		`[{"author": "Smith, J", "issued": "2020"}]`,          // types relax reads again
		`[{"author": [{"family": "A"}, null, "B"]}]`,          // a null name
		`[{"author": null, "issued": null, "custom": null}]`,  // nulls
		`[{"issued": {"date-parts": [[2020, "6"], [2021]]}}]`, // a range
		`[{"issued": {"date-parts": [null]}}]`,                // a null part
		`[{"issued": {"date-parts": []}, "author": []}]`,      // empty lists
		`[{"author": [{"family": "A", "affiliation": [{"name": "U"}, "V", 3]}]}]`,
		`[{"custom": {"keywords": [{"term": "k", "major": true}], "notes": ["n"]}}]`,
		`[{"custom": {"keywords": [{"term": 5}]}}]`, // a type error in custom
		`[{"custom": {"author-affiliations": [["a"], [], null]}}]`,
		`[{"issn-type": [{"value": "1234-5678", "type": "print"}]}]`,
		`[{"title": "a"} {"title": "b"}]`,     // a missing comma
		`[{"title": "a"},, {"title": "b"}]`,   // two commas
		`[{"title": "a"},]`,                   // a comma before the end
		`[{"title": "a"}, 3, {"title": "b"}]`, // an item that is no object
		`[{"title": 01}]`,                     // a bad number
		`[{"title": "a"}`,                     // cut short
		`[{"title": "a`,                       // cut short in a string
		`{"message": {"title": "wrapped"}}`,   // a wrapper
		`{"title": "one"}{"title": "two"}`,    // objects one after the other
		`[{"title": "a", "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]`,
	} {
		readBoth(t, in, []byte(in))
	}
}

// TestFastDecoderByLine covers items read by line (see lineItemEnd): one
// to a line, and lines that hold more or less than an item.
func TestFastDecoderByLine(t *testing.T) {
	for _, in := range []string{
		"[\n{\"title\": \"a\"},\n{\"title\": \"b\"}\n]\n",
		"[\r\n{\"title\": \"a\"} , \r\n{\"title\": \"b\"}\t\r\n]",
		"{\"title\": \"a\"}\n{\"title\": \"b\"}\n",                                 // JSON Lines
		"[\n{\"title\": \"a\"}, {\"title\": \"}\"}\n]",                             // two on a line
		"[\n{\"title\": \"a\"}, {\"title\": \"b\"},\n{\"title\": \"c\"}\n]",        // and then one
		"[\n{\"title\": \"a\",\n\"issue\": \"1\"},\n{\"title\": \"b\"}\n]",         // an item on two lines
		"[\n{\"title\": \"a\"},\n{\"title\": \"b\" \"c\"},\n{\"title\": \"d\"}\n]", // a broken item
		"[\n{\"title\": \"a\"},\n{\"title\": \"b\"}}\n,{\"title\": \"c\"}\n]",      // a brace too many
		"[\n{\"title\": \"a\"},\n{\"title\": \"b\", \"title\": \"c\"}\n]",          // left to encoding/json
		"[\n{\"title\": \"a\"},\n{}\n]", "{\"items\": [{\"title\": \"a\"}]}\n",     // empty, a wrapper
		"[\n{\"title\": \"a\"},\n{\"title\": \"b\"},,\n{\"title\": \"c\"}\n]",
		"[{\"title\": \"a\"},\n{\"title\": \"b\"}]",
	} {
		readBoth(t, in, []byte(in))
	}
}

// FuzzFastDecoder checks that the fast decoder and encoding/json read any
// input the same.
func FuzzFastDecoder(f *testing.F) {
	ingesttest.AddFuzzSeeds(f, "*.input")
	f.Add([]byte(`[{"title": "a", "author": [{"family": "B", "given": "C"}], "issued": {"date-parts": [[2020]]}}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			return
		}
		readBoth(t, "input", b)
	})
}

// TestPlainRun checks the eight-bytes-at-a-time scans against byte loops:
// each must stop at the first byte it looks for, and only there.
func TestPlainRun(t *testing.T) {
	inputs := []string{"", "abc", "abcdefgh", "abcdefghijklmnop\"", `abcdefgh\ijklmnop`, "abcdefg\x01hijklmnop",
		"ééééééééééé\"", "0123456789abcdef0123456789abcdef\x7f\x80\xff\"", strings.Repeat("a", 40) + "\\",
		"\x00\x01\x1f\x20\x21\"\\\x7f\x80\xa0\xdc\xff", "\x21\x21\x21\x21\x21\x21\x21\x22\x5c\x5b\x5d\x1f\x1e\x20",
		"a\"b\\c\"d\\e\"f\\g\"h\\i\x19j\"k", strings.Repeat("\xdf\xa2\xdc", 10) + `"`}
	first := func(in string, start int, special func(byte) bool) int {
		for i := start; i < len(in); i++ {
			if special(in[i]) {
				return i
			}
		}
		return len(in)
	}
	for _, in := range inputs {
		for start := 0; start <= len(in); start++ {
			want := first(in, start, func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 })
			wantASCII := true
			for _, c := range []byte(in[start:want]) {
				wantASCII = wantASCII && c < 0x80
			}
			if got, ascii := plainRun(in, start); got != want || ascii != wantASCII {
				t.Errorf("plainRun(%q, %d) = %d, %v, want %d, %v", in, start, got, ascii, want, wantASCII)
			}
			want = first(in, start, func(c byte) bool { return c == '"' || c == '\\' })
			if got := quoteRun([]byte(in), start); got != want {
				t.Errorf("quoteRun(%q, %d) = %d, want %d", in, start, got, want)
			}
		}
	}
}

// TestItemEnd checks itemEnd against a byte loop.
func TestItemEnd(t *testing.T) {
	slow := func(b []byte) (n int, ok, short bool) {
		if len(b) == 0 || b[0] != '{' {
			return 0, false, len(b) == 0
		}
		depth := 0
		for i := 0; i < len(b); i++ {
			switch b[i] {
			case '"':
				for i++; i < len(b) && b[i] != '"'; i++ {
					if b[i] == '\\' {
						i++
					}
				}
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, true, false
				}
			}
		}
		return 0, false, true
	}
	for _, in := range []string{
		``, `[`, `{`, `{}`, `{} `, `{"a": "b"}, {}`, `{"a": "}"}`, `{"a": "\"}"}`, `{"a": "\\"}, "b"}`,
		`{"a": "\\\"}"}`, `{"a": "x\`, `{"a": "x\"`, `{"a": "x\\"`, `{"a": "0123456\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"}"}`, `{"a": "0123456789abcdef\\"0123456789abcdef"}]`, `{"a": ["}", {"b": "]"}]}`,
		`{"a": "` + strings.Repeat("é", 20) + `"}`, `{"a": "` + strings.Repeat(`\\`, 21) + `"} x`,
		`{"a": "` + strings.Repeat(`\\"`, 9) + `}`, `{"a": "` + strings.Repeat(`\"`, 9) + `"}`, `{"a": {"b": [1, 2, {"c": "d"}]}, "e": "f"}`,
	} {
		for cut := 0; cut <= len(in); cut++ {
			b := []byte(in[:cut])
			n, ok, short := itemEnd(b)
			wn, wok, wshort := slow(b)
			if n != wn || ok != wok || short != wshort {
				t.Errorf("itemEnd(%q) = %d, %v, %v, want %d, %v, %v", b, n, ok, short, wn, wok, wshort)
			}
		}
	}
}

// TestLookupKey checks the key tables against a map of the names in lower
// case, for each name written as it is, in lower and upper case and mixed,
// and for keys that are no field's.
func TestLookupKey(t *testing.T) {
	tables := map[string]*keyTable{"item": itemKeys, "name": nameKeys, "date": dateKeys, "issn": issnKeys,
		"custom": customKeys, "identifier": identifierKeys, "issnValue": issnValueKeys, "keyword": keywordKeys}
	for tname, table := range tables {
		want := map[string]int{}
		for _, sl := range table.slots {
			if sl.name != "" {
				if f, ok := want[strings.ToLower(sl.name)]; ok && f != sl.field {
					t.Errorf("%s: %q is fields %d and %d", tname, sl.name, f, sl.field)
				}
				want[strings.ToLower(sl.name)] = sl.field
			}
		}
		keys := []string{"", "x", "unknown", "tit", "titles", "titlE", "ti\\u0074le", "titlé", strings.Repeat("a", 40),
			strings.Repeat("a", 40) + "é", strings.Repeat("A", 32), "id ", " id"}
		for _, sl := range table.slots {
			if n := sl.name; n != "" {
				mixed := []byte(strings.ToLower(n))
				for i := 0; i < len(mixed); i += 2 {
					mixed[i] = strings.ToUpper(string(mixed[i]))[0]
				}
				keys = append(keys, n, strings.ToLower(n), strings.ToUpper(n), string(mixed), n+"s", n[:len(n)-1])
			}
		}
		for _, k := range keys {
			wantField, wantOK := -1, true
			if f, ok := want[strings.ToLower(k)]; ok {
				wantField = f
			}
			if strings.ContainsAny(k, "\\é") {
				wantField, wantOK = 0, false
			}
			if f, ok := lookupKey(k, table); f != wantField || ok != wantOK {
				t.Errorf("%s: lookupKey(%q) = %d, %v, want %d, %v", tname, k, f, ok, wantField, wantOK)
			}
		}
	}
}

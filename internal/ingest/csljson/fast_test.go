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

// TestPlainRun checks the eight-bytes-at-a-time scan against a byte loop:
// it may stop early, never after a quote, backslash or control character.
func TestPlainRun(t *testing.T) {
	inputs := []string{"", "abc", "abcdefgh", "abcdefghijklmnop\"", `abcdefgh\ijklmnop`, "abcdefg\x01hijklmnop",
		"ééééééééééé\"", "0123456789abcdef0123456789abcdef\x7f\x80\xff\"", strings.Repeat("a", 40) + "\\"}
	for _, in := range inputs {
		for start := 0; start <= len(in); start++ {
			first := len(in)
			for i := start; i < len(in); i++ {
				if c := in[i]; c == '"' || c == '\\' || c < 0x20 {
					first = i
					break
				}
			}
			if got := plainRun(in, start); got > first || got < start {
				t.Errorf("plainRun(%q, %d) = %d, first special byte at %d", in, start, got, first)
			}
		}
	}
}

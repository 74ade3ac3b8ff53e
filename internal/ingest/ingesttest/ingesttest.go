// Package ingesttest holds what the tests of every format reader share:
// golden files in the manner of gofmt's tests (testdata/NAME.input beside
// testdata/NAME.golden, refreshed with "go test -update"), a dump of
// records that shows every parsed field, checks for fuzz targets, and
// generated files for benchmarks.
package ingesttest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Reader is what every format reader is.
type Reader interface {
	Read() (*bib.Record, error)
}

// ReadAll reads r to the end. Parse errors are collected; any other error
// ends the reading and is returned.
func ReadAll(r Reader) (recs []*bib.Record, parseErrs []error, err error) {
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return recs, parseErrs, nil
		}
		if err != nil {
			if bib.IsParseError(err) {
				parseErrs = append(parseErrs, err)
				continue
			}
			return recs, parseErrs, err
		}
		recs = append(recs, rec)
	}
}

// dumped is a record as golden files show it: every field, the raw text
// included.
type dumped struct {
	*bib.Record
	Raw string `json:"raw,omitempty"`
}

// Dump renders records and parse errors as indented JSON.
func Dump(recs []*bib.Record, parseErrs []error) []byte {
	out := struct {
		Records []dumped `json:"records"`
		Errors  []string `json:"errors,omitempty"`
	}{Records: []dumped{}}
	for _, r := range recs {
		out.Records = append(out.Records, dumped{Record: r, Raw: r.Raw})
	}
	for _, e := range parseErrs {
		out.Errors = append(out.Errors, e.Error())
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

// CompareGolden compares got with the golden file, or rewrites the file
// when the test runs with -update.
func CompareGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output:\n%s", golden, diff(want, got))
	}
}

// RunGolden reads every testdata/*.input file of the package with
// newReader and compares the dump of its records with testdata/*.golden.
func RunGolden(t *testing.T, newReader func(io.Reader) Reader) {
	t.Helper()
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.input"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.input files")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			recs, perrs, err := ReadAll(newReader(bytes.NewReader(b)))
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			CompareGolden(t, strings.TrimSuffix(in, ".input")+".golden", Dump(recs, perrs))
		})
	}
}

// AddFuzzSeeds adds every file in testdata matching the patterns to the
// fuzz corpus.
func AddFuzzSeeds(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join("testdata", p))
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err == nil {
				f.Add(b)
			}
		}
	}
}

// CheckReader reads everything from r and fails on what no input may cause:
// a fatal error other than a parse error, positions that do not increase,
// or a loop that does not end.
func CheckReader(t *testing.T, r Reader, inputLen int) {
	t.Helper()
	last := 0
	for i := 0; ; i++ {
		if i > inputLen+10 {
			t.Fatalf("reader returned more results (%d) than the input has bytes (%d)", i, inputLen)
		}
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			var pe *bib.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("fatal error on in-memory input: %v", err)
			}
			if pe.Line < 0 {
				t.Fatalf("parse error with negative line: %v", err)
			}
			continue
		}
		if rec.Position <= last {
			t.Fatalf("record position %d after %d", rec.Position, last)
		}
		last = rec.Position
	}
}

// diff shows the first lines where want and got differ.
func diff(want, got []byte) string {
	w := strings.Split(string(want), "\n")
	g := strings.Split(string(got), "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
			shown++
			if shown >= 10 {
				b.WriteString("...\n")
				break
			}
		}
	}
	return b.String()
}

// CorpusDir returns the shared corpus directory for a format
// ("../shared/corpus/ris" seen from the repository root), or skips the test
// when it is not there. Tests that read it never fail for its absence.
func CorpusDir(t testing.TB, format string) string {
	t.Helper()
	for _, root := range []string{os.Getenv("BIBDB_CORPUS"), "../shared/corpus"} {
		if root == "" {
			continue
		}
		for up := 0; up < 6; up++ {
			dir := filepath.Join(strings.Repeat("../", up)+root, format)
			if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
				return dir
			}
		}
	}
	t.Skip("shared corpus not present")
	return ""
}

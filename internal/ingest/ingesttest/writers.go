package ingesttest

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
)

// Writer is what every format writer is.
type Writer interface {
	Write(*bib.Record) error
	Close() error
}

// WriteAll returns recs written by the writer newWriter makes.
func WriteAll(tb testing.TB, recs []*bib.Record, newWriter func(io.Writer) Writer) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := newWriter(&buf)
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// RoundTrip writes recs with the writer newWriter makes and reads the text
// back with the reader newReader makes. It returns the records read and
// the text; a parse error or a record count other than len(recs) fails the
// test.
func RoundTrip(tb testing.TB, recs []*bib.Record, newWriter func(io.Writer) Writer, newReader func(io.Reader) Reader) ([]*bib.Record, []byte) {
	tb.Helper()
	text := WriteAll(tb, recs, newWriter)
	back, perrs, err := ReadAll(newReader(bytes.NewReader(text)))
	if err != nil || len(perrs) > 0 {
		tb.Fatalf("read back: %v %v\n%s", err, perrs, text)
	}
	if len(back) != len(recs) {
		tb.Fatalf("read back %d records, want %d\n%s", len(back), len(recs), text)
	}
	return back, text
}

// RoundTripGenerated writes 400 generated records, 30% of them
// duplicates with variants, and checks that the fields named, the date as
// written and the source id come back from the reader unchanged.
func RoundTripGenerated(t *testing.T, seed int64, fields []string, newWriter func(io.Writer) Writer, newReader func(io.Reader) Reader) {
	t.Helper()
	g := gen.New(gen.Options{Seed: seed, DuplicateRate: 0.3})
	var recs []*bib.Record
	for i := 0; i < 400; i++ {
		r, _ := g.Next()
		recs = append(recs, r)
	}
	back, _ := RoundTrip(t, recs, newWriter, newReader)
	for i := range recs {
		if back[i].Date.Raw != recs[i].Date.Raw {
			t.Errorf("record %d: date as written %q, want %q", i+1, back[i].Date.Raw, recs[i].Date.Raw)
		}
		CompareRecords(t, recs[i], back[i], fields)
		if back[i].SourceID != recs[i].SourceID {
			t.Errorf("record %d: id %q, want %q", i+1, back[i].SourceID, recs[i].SourceID)
		}
	}
}

// Generate returns n records of the generator (seed 1) written by the
// writer newWriter makes: the input of a reader's benchmark.
func Generate(tb testing.TB, n int, newWriter func(io.Writer) Writer) []byte {
	tb.Helper()
	var buf bytes.Buffer
	WriteGenerated(tb, &buf, n, gen.Options{Seed: 1}, newWriter)
	return buf.Bytes()
}

// WriteGenerated writes n records of a generator made with opts to out,
// with the writer newWriter makes, as they are generated.
func WriteGenerated(tb testing.TB, out io.Writer, n int, opts gen.Options, newWriter func(io.Writer) Writer) {
	tb.Helper()
	w := newWriter(out)
	g := gen.New(opts)
	for i := 0; i < n; i++ {
		rec, _ := g.Next()
		if err := w.Write(rec); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkRead reads data, which holds n records, b.N times with the
// reader newReader makes, and reports bytes and records per second. A
// parse error or a count other than n fails the benchmark.
//
// The records are read from a file, as bibdb reads them, not from data in
// memory: a large input held in the heap raises the point at which the
// collector runs, so that the reader's garbage would take fresh pages
// from the system, at a cost no import pays.
func BenchmarkRead(b *testing.B, data []byte, n int, newReader func(io.Reader) Reader) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "input")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	data = nil
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := newReader(f)
		got := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		f.Close()
		if got != n {
			b.Fatalf("read %d records, want %d", got, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}

// CheckGenerated checks records read back from Generate's output of n
// records: all there, each with the named fields, year and month of the
// generator's record (seed 1). It calls extra, when given, with each
// record's 0-based index for the checks of one format.
func CheckGenerated(t *testing.T, recs []*bib.Record, n int, fields []string, extra func(i int, got *bib.Record)) {
	t.Helper()
	if len(recs) != n {
		t.Fatalf("read %d records, want %d", len(recs), n)
	}
	g := gen.New(gen.Options{Seed: 1})
	for i, got := range recs {
		want, _ := g.Next()
		CompareRecords(t, want, got, fields)
		if got.Date.Year != want.Date.Year || got.Date.Month != want.Date.Month {
			t.Errorf("record %d: date %+v, want %+v", i+1, got.Date, want.Date)
		}
		if extra != nil {
			extra(i, got)
		}
	}
}

// MixedStrings calls fn with perLen strings of each length up to maxLen,
// of lower-case letters and, one byte in four, a byte of alphabet: so
// that every word, and every junction of words, of a check that reads
// eight or sixteen bytes at a time meets each byte of alphabet. The
// strings are the same on every run; fn may keep none of them.
func MixedStrings(alphabet []byte, maxLen, perLen int, fn func(b []byte)) {
	x := uint32(1)
	b := make([]byte, maxLen)
	for n := 0; n <= maxLen; n++ {
		for range perLen {
			for i := range b[:n] {
				x = x*1664525 + 1013904223
				c := byte('a' + x>>28)
				if x>>24&3 == 0 {
					c = alphabet[int(x>>8)%len(alphabet)]
				}
				b[i] = c
			}
			fn(b[:n])
		}
	}
}

package ingesttest

import (
	"bytes"
	"io"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
)

// Writer is what every format writer is.
type Writer interface {
	Write(*bib.Record) error
	Close() error
}

// Generate returns n records of the generator (seed 1) written by the
// writer newWriter makes: the input of a reader's benchmark.
func Generate(tb testing.TB, n int, newWriter func(io.Writer) Writer) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := newWriter(&buf)
	g := gen.New(gen.Options{Seed: 1})
	for i := 0; i < n; i++ {
		rec, _ := g.Next()
		if err := w.Write(rec); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkRead reads data, which holds n records, b.N times with the
// reader newReader makes, and reports bytes and records per second. A
// parse error or a count other than n fails the benchmark.
func BenchmarkRead(b *testing.B, data []byte, n int, newReader func(io.Reader) Reader) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := newReader(bytes.NewReader(data))
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
		if got != n {
			b.Fatalf("read %d records, want %d", got, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}

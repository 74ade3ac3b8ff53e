package csljson

import (
	"bytes"
	"io"
	"testing"

	"github.com/bibdb/bibdb/internal/gen"
)

// generate writes n synthetic records as CSL-JSON with bibdb's writer.
func generate(tb testing.TB, n int) []byte {
	var buf bytes.Buffer
	w := NewWriter(&buf)
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

// BenchmarkRead reads 50 000 generated items.
func BenchmarkRead(b *testing.B) {
	const n = 50000
	data := generate(b, n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := NewReader(bytes.NewReader(data))
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

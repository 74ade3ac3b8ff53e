package csvtable

import (
	"bytes"
	"io"
	"testing"

	"github.com/bibdb/bibdb/internal/gen"
)

// generate writes n synthetic records as bibdb's table.
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

func benchmarkRead(b *testing.B, data []byte, n int) {
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

// BenchmarkRead reads 50 000 generated records from bibdb's own table.
func BenchmarkRead(b *testing.B) {
	benchmarkRead(b, generate(b, 50000), 50000)
}

// BenchmarkReadScopus reads 50 000 generated records written as a Scopus
// export.
func BenchmarkReadScopus(b *testing.B) {
	benchmarkRead(b, generateScopus(b, 50000), 50000)
}
